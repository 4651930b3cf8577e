"""Crash safety of publishing: the commit scheme, its recovery, and a kill test.

The kill test runs a process that publishes two versions of a project alternately, SIGKILLs
it at random moments (many times), and checks after each kill that every data file is
byte for byte its old or its new version — and, once recovered, that the files form one
whole version and the project loads.
"""

import json
import os
import random
import select
import signal
import subprocess
import sys
import time

import pytest

from skipole.admin import AdminStore, storage
from skipole.admin.storage import JOURNAL, commit_dir, dumps_indent0, read_files, recover_dir
from skipole.project.loader import load_project_files
from tests.admin.admin_helpers import data_files, small_project, toggle
from tests.conftest import REPO


# ---- the commit scheme -------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["exchange", "journal"])
def test_commit_replaces_managed_files_and_keeps_others(tmp_path, method):
    target = tmp_path / "data"
    commit_dir(target, {"project.json": b"one", "textblocks_json/en.json": b"{}",
                        "textblocks_json/fr.json": b"{}"}, method=method)
    (target / "notes.txt").write_text("mine")
    (target / "project.json").chmod(0o640)
    commit_dir(target, {"project.json": b"two", "textblocks_json/en.json": b"{\"a\": 1}"}, method=method)
    assert read_files(target) == {"project.json": b"two", "textblocks_json/en.json": b"{\"a\": 1}"}
    assert (target / "notes.txt").read_text() == "mine"
    assert (target / "project.json").stat().st_mode & 0o777 == 0o640
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".data")], "no temporary folder is left"
    assert not (target / JOURNAL).exists()
    with pytest.raises(ValueError):
        commit_dir(target, {"../evil": b"x"}, method=method)


def test_exchange_is_available_here(tmp_path):
    assert storage.exchange_supported(str(tmp_path)) is (sys.platform.startswith("linux"))


def test_a_crash_before_the_swap_leaves_the_old_folder(tmp_path, monkeypatch):
    target = tmp_path / "data"
    commit_dir(target, {"project.json": b"old"})

    def crash(src, dst):
        raise KeyboardInterrupt("power cut")
    monkeypatch.setattr(storage, "_exchange", crash)
    monkeypatch.setattr(storage.shutil, "rmtree", lambda *a, **k: None)   # the crash leaves the copy
    with pytest.raises(KeyboardInterrupt):
        commit_dir(target, {"project.json": b"new"})
    assert (target / "project.json").read_bytes() == b"old"
    monkeypatch.undo()
    assert [p for p in os.listdir(tmp_path) if p.startswith(".data.commit-")]
    assert recover_dir(target)
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".data.commit-")]
    assert read_files(target) == {"project.json": b"old"}


def test_a_crash_after_the_journal_is_finished_by_recovery(tmp_path, monkeypatch):
    target = tmp_path / "data"
    old = {"project.json": b"old project", "defaults.json": b"old defaults", "textblocks_json/de.json": b"{}"}
    new = {"project.json": b"new project", "defaults.json": b"new defaults", "textblocks_json/en.json": b"{}"}
    commit_dir(target, old)
    real_replace = os.replace
    calls = []

    def replace_once(src, dst):
        # the first rename writes the journal (the commit point), the second moves one file in
        if len(calls) == 2:
            raise KeyboardInterrupt("power cut between two renames")
        calls.append(dst)
        real_replace(src, dst)
    monkeypatch.setattr(storage.os, "replace", replace_once)
    with pytest.raises(KeyboardInterrupt):
        commit_dir(target, new, method="journal")
    monkeypatch.undo()
    now = read_files(target)
    for rel in set(old) | set(new):
        assert now.get(rel) in (old.get(rel), new.get(rel)), rel
    assert now != old and now != new, "the crash happened between two renames"
    assert (target / JOURNAL).exists()
    recover_dir(target)
    assert read_files(target) == new
    assert not (target / JOURNAL).exists()


def test_an_unreadable_journal_is_removed(tmp_path):
    target = tmp_path / "data"
    commit_dir(target, {"project.json": b"x"})
    (target / JOURNAL).write_text("{broken")
    recover_dir(target)
    assert read_files(target) == {"project.json": b"x"}


def test_dumps_indent0_matches_json(tmp_path):
    rng = random.Random(7)

    def value(depth=0):
        kind = rng.randrange(8 if depth < 4 else 5)
        if kind == 0:
            return rng.choice(["", "plain", "ünï ✓ \u2028", "quote\"back\\slash", "\x00\x1f", "\ud83d\ude00"])
        if kind == 1:
            return rng.randrange(-10**12, 10**12)
        if kind == 2:
            return rng.choice([0.5, -1e300, 1e-7, 3.0])
        if kind == 3:
            return rng.choice([True, False, None])
        if kind == 4:
            return rng.choice([[], {}])
        if kind == 5:
            return [value(depth + 1) for _ in range(rng.randrange(4))]
        if kind == 6:
            return tuple(value(depth + 1) for _ in range(rng.randrange(3)))
        return {rng.choice(["a", "ä", "k1", ""]) + str(i): value(depth + 1) for i in range(rng.randrange(4))}
    for _ in range(300):
        v = value()
        assert dumps_indent0(v) == json.dumps(v, indent=0)
    keys = {1: "x", False: 2, None: 3, 2.5: 4}
    assert dumps_indent0(keys) == json.dumps(keys, indent=0)


# ---- the kill test ------------------------------------------------------------------------------

def _zygote(errors):
    code = "from tests.admin.admin_helpers import zygote; zygote()"
    # stderr goes to a file (a pipe nobody reads could fill up and block the process)
    return subprocess.Popen([sys.executable, "-c", code], cwd=str(REPO), stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=errors, env=dict(os.environ, PYTHONPATH=str(REPO)))


class _Lines:
    """Lines from a pipe, read without Python's buffering (so that ``select`` sees them all)."""

    def __init__(self, proc):
        self.proc = proc
        self.fd = proc.stdout.fileno()
        self.buf = b""

    def read(self, timeout):
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self.fd], [], [], max(0.0, left))
            if not ready:
                self.proc.kill()
                raise AssertionError(f"the publishing process did not answer: {self.buf[-500:]!r}")
            chunk = os.read(self.fd, 65536)
            if not chunk:
                return b""
            self.buf += chunk
        line, _, self.buf = self.buf.partition(b"\n")
        return line + b"\n"


def _wait_lines(lines, word, count, timeout=120):
    """Read the output until ``count`` lines starting with ``word`` were seen; returns the last,
    and how many ``published`` lines went by."""
    deadline = time.monotonic() + timeout
    seen = published = 0
    line = b""
    while seen < count:
        line = lines.read(max(0.1, deadline - time.monotonic()))
        if not line:
            raise AssertionError("the publishing process ended")
        first = line.split()[:1]
        published += first == [b"published"]
        if first == [word]:
            seen += 1
    return line, published


def _check_round(projdir, state, method, versions, round_):
    """After a kill: every data file is its old or new version; after recovery the files are one
    whole version and the project loads.  Returns 1 when the kill left a commit to finish."""
    names = set(versions["A"]) | set(versions["B"])
    now = data_files(projdir)
    for rel in names | set(now):
        if rel in (JOURNAL, JOURNAL + ".new"):
            continue
        assert rel in names, f"unexpected file {rel} in data/"
        assert now.get(rel) in (versions["A"].get(rel), versions["B"].get(rel)), \
            f"round {round_}: {rel} is neither its old nor its new version"
    whole = {rel: d for rel, d in now.items() if rel not in (JOURNAL, JOURNAL + ".new")}
    mixed = whole not in (versions["A"], versions["B"]) or JOURNAL in now
    assert not (mixed and method == "exchange"), "the exchange commit never leaves a mix of versions"
    reopened = AdminStore(projdir, state, commit_method=method)       # as when the service restarts
    assert data_files(projdir) in (versions["A"], versions["B"])
    assert reopened.status()["version"] >= 0
    load_project_files(str(projdir.parent), projdir.name)
    return int(mixed)


@pytest.mark.slow
@pytest.mark.parametrize("method, rounds", [("exchange", 30), ("journal", 15)])
def test_sigkill_during_publish_leaves_old_or_new_files(tmp_path, method, rounds):
    projdir = small_project(tmp_path)
    state = tmp_path / "state"
    # the two versions the loop publishes, made once here
    store = AdminStore(projdir, state, commit_method=method)
    versions = {}
    start = time.monotonic()
    for i in range(2):
        target = toggle(store, i)
        versions[target] = data_files(projdir)
    cycle = max(0.05, (time.monotonic() - start) / 2)      # how long one publish cycle takes here
    assert versions["A"] != versions["B"]
    names = set(versions["A"]) | set(versions["B"])
    assert "textblocks_json/de.json" in names - set(versions["A"]), "one file exists in one version only"
    rng = random.Random(1234)
    started = time.monotonic()
    published = 0
    mid_commit = inside = 0
    errors = open(tmp_path / "stderr.txt", "wb")  # noqa: SIM115 - closed below
    proc = _zygote(errors)
    lines = _Lines(proc)
    try:
        for _round in range(rounds):
            proc.stdin.write(f"go {projdir} {state} {method}\n".encode())
            proc.stdin.flush()
            line, _ = _wait_lines(lines, b"ready", 1)
            child = int(line.split()[1])
            # let it publish 0-2 times, then kill it at a random moment of a publish cycle
            done = rng.randrange(3)
            published += _wait_lines(lines, b"published", done)[1]
            time.sleep(rng.uniform(0.0, 1.5 * cycle))
            os.kill(child, signal.SIGKILL)
            proc.stdin.write(b"wait\n")
            proc.stdin.flush()
            line, more = _wait_lines(lines, b"dead", 1)
            published += more
            assert os.WIFSIGNALED(int(line.split()[1])), line
            inside += any(n.startswith(".data.commit-") for n in os.listdir(projdir))
            mid_commit += _check_round(projdir, state, method, versions, _round)
            assert time.monotonic() - started < 240, "the kill test is taking too long"
    except AssertionError as exc:
        raise AssertionError(f"{exc}\nstderr: {(tmp_path / 'stderr.txt').read_bytes()[-3000:]!r}") from exc
    finally:
        proc.kill()
        proc.communicate()
        errors.close()
    assert published >= rounds // 2, f"only {published} publishes happened between the kills"
    print(f"{method}: {rounds} kills, {published} publishes, {inside} kills inside a data commit, "
          f"{mid_commit} left a commit to finish")
    # the history still reads and can be reverted to
    store = AdminStore(projdir, state, commit_method=method)
    history = store.history()
    assert history and sum(e["current"] for e in history) <= 1
    toggle(store, 0)
    assert data_files(projdir) in (versions["A"], versions["B"])
