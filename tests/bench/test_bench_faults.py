"""The fault runs of ``bench/faults.py``, short: SIGKILL 8 times during state writes and during an
admin publish (and 4 times with the journal commit), and writes on a full disk.  Correctness only.

The disk-full tests mount a 64 KiB tmpfs (root); without the right to mount they make the same
writes fail through RLIMIT_FSIZE instead (EFBIG rather than ENOSPC), so they always run.
"""

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import faults  # noqa: E402
from appliance import prepare_project  # noqa: E402

SECURITY_ROWS = faults.EXTRA_ROWS


@pytest.fixture(scope="module")
def target(tmp_path_factory):
    return prepare_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="module")
def disk_full(target, tmp_path_factory):
    return faults.disk_full(target, tmp_path_factory.mktemp("disk"))


def test_sigkill_during_state_writes_leaves_old_or_new_files(target, tmp_path):
    result = faults.state_kills(target, tmp_path, 8, random.Random(1), 0.02, 0.4)
    assert result["problems"] == []
    assert result["writes"] > 8
    assert {"outputs.json", "events.json", "devices.json"} <= set(result["files"])
    assert result["cleaned"] == len(result["stray"])        # what kills left, a start removes


@pytest.mark.parametrize("method,kills", [(None, 8), ("journal", 4)])
def test_sigkill_during_publish_leaves_one_whole_version(target, tmp_path, method, kills):
    result = faults.publish_kills(target, tmp_path, kills, random.Random(2), 0.02, 1.5, method)
    assert result["problems"] == []
    assert result["history"] >= 1


def test_disk_full_fails_clearly_and_keeps_the_old_files(disk_full):
    _kind, _why, rows = disk_full
    failed = [(label, outcome) for label, outcome, ok in rows if not ok and label not in SECURITY_ROWS]
    assert failed == []
    labels = [label for label, _o, _ok in rows]
    assert "hardware flush (`outputs.json`, `events.json`)" in labels
    assert "admin publish" in labels


def test_disk_full_security_stores_keep_memory_and_file_in_step(disk_full):
    _kind, _why, rows = disk_full
    assert all(ok for label, _o, ok in rows if label in SECURITY_ROWS)
