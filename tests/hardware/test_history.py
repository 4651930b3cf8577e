"""Sampled history: fast-forwarded without sleeping, bounded, kept across restarts, written in
small segments, in the order taken whatever the clock says."""

import datetime
import logging
import os

import pytest

from skipole.hardware.history import SEGMENT, History

from .helpers import wait_until

BASE = datetime.datetime(2024, 5, 1, 12, 0, tzinfo=datetime.UTC).timestamp()


def toml(tmp_path, sample_every=60):
    return f"""
[devices.cpu]
kind = "cpu_temperature"
sensor_file = "{tmp_path}/cpu"
sample_every = {sample_every}
[devices.relay]
kind = "output"
pin = 17
sample_every = {sample_every}
[devices.button]
kind = "input"
pin = 27
sample_every = {sample_every}
[devices.plain]
kind = "output"
pin = 22
"""


@pytest.fixture
def cpu_file(tmp_path):
    path = tmp_path / "cpu"
    path.write_text("40000\n")
    return path


def test_history_fast_forwards_without_sleeping_and_survives_a_restart(
        mock_hardware, tmp_path, cpu_file):
    rig = mock_hardware(toml=toml(tmp_path), background=False)
    hardware = rig.hardware
    for minute in range(10):
        cpu_file.write_text(f"{40000 + minute * 500}\n")
        hardware.set("relay", minute % 2 == 1)
        if minute == 5:
            rig.drive_high("button")
        hardware.sample_now(at=BASE + minute * 60)
    cpu = hardware.history("cpu")
    assert cpu[0] == ("2024-05-01T12:00:00Z", 40.0)
    assert cpu[-1] == ("2024-05-01T12:09:00Z", 44.5)
    assert [v for _, v in hardware.history("relay")] == [m % 2 == 1 for m in range(10)]
    assert [v for _, v in hardware.history("button")] == [False] * 5 + [True] * 5
    assert hardware.history("plain") == []  # no sample_every: no history
    assert hardware.history("cpu", limit=2) == cpu[-2:]

    rig = rig.restart()
    assert rig.hardware.history("cpu") == cpu
    rig.hardware.sample_now(at=BASE + 600)
    assert len(rig.hardware.history("cpu")) == 11


def test_history_is_bounded_in_memory_and_on_disk(mock_hardware, tmp_path, cpu_file):
    rig = mock_hardware(toml=toml(tmp_path), background=False, history_samples=100)
    for n in range(250):
        rig.hardware.sample_now(at=BASE + n * 60, names=["cpu"])
    rig.hardware.flush()
    samples = rig.hardware.history("cpu")
    assert len(samples) == 100 and samples[-1][0] == "2024-05-01T16:09:00Z"
    segments = os.listdir(f"{rig.state_dir}/history/cpu")
    assert len(segments) <= 100 // SEGMENT + 2
    rig = rig.restart(history_samples=100)
    assert rig.hardware.history("cpu") == samples


def test_samples_keep_their_order_when_the_clock_jumps_back(mock_hardware, tmp_path, cpu_file):
    rig = mock_hardware(toml=toml(tmp_path), background=False)
    for when in (BASE + 120, BASE + 180, BASE - 3600 * 24 * 365, BASE + 240):
        rig.hardware.sample_now(at=when, names=["relay"])
    times = [t for t, _ in rig.hardware.history("relay")]
    assert times == ["2024-05-01T12:02:00Z", "2024-05-01T12:03:00Z", "2023-05-02T12:00:00Z",
                     "2024-05-01T12:04:00Z"]
    rig = rig.restart()
    assert [t for t, _ in rig.hardware.history("relay")] == times


def test_only_changed_segments_are_rewritten(mock_hardware, tmp_path, cpu_file, monkeypatch):
    from skipole.hardware import history as history_module
    written = []
    real = history_module.write_state_file

    def counting(path, key, value, **extra):
        written.append((os.path.basename(path), len(value)))
        real(path, key, value, **extra)

    monkeypatch.setattr(history_module, "write_state_file", counting)
    rig = mock_hardware(toml=toml(tmp_path), background=False)
    for n in range(SEGMENT + 5):
        rig.hardware.sample_now(at=BASE + n, names=["cpu"])
    rig.hardware.flush()
    assert written == [("0000000001.json", SEGMENT), ("0000000002.json", 5)]
    written.clear()
    rig.hardware.sample_now(at=BASE + 1000, names=["cpu"])
    rig.hardware.flush()
    assert written == [("0000000002.json", 6)]


def test_a_corrupt_segment_is_skipped_with_a_warning(tmp_path, caplog):
    store = History(str(tmp_path), ["cpu"], capacity=500)
    for n in range(SEGMENT * 2 + 3):
        store.add("cpu", f"t{n}", n)
    store.write(store.take_pending())
    with open(tmp_path / "cpu" / "0000000002.json", "w") as f:
        f.write("[not json")
    with caplog.at_level(logging.WARNING, logger="skipole.hardware"):
        again = History(str(tmp_path), ["cpu"], capacity=500)
    values = [v for _, v in again.samples("cpu")]
    assert values == list(range(SEGMENT)) + list(range(SEGMENT * 2, SEGMENT * 2 + 3))
    assert "0000000002.json is corrupt" in caplog.text


def test_the_background_thread_samples_on_its_own(mock_hardware, tmp_path, cpu_file):
    rig = mock_hardware(toml=toml(tmp_path, sample_every=1))
    assert wait_until(lambda: len(rig.hardware.history("cpu")) >= 1)
    assert wait_until(lambda: os.path.exists(f"{rig.state_dir}/history/cpu/0000000001.json"))


def test_sensors_are_read_in_the_background_and_bump_the_version(mock_hardware, tmp_path,
                                                                 cpu_file):
    rig = mock_hardware(toml=f"""
[devices.cpu]
kind = "cpu_temperature"
sensor_file = "{tmp_path}/cpu"
read_every = 0.5
""")
    version = rig.hardware.version
    cpu_file.write_text("47000\n")
    assert wait_until(lambda: rig.hardware.get("cpu") == 47.0)
    assert rig.hardware.version > version
