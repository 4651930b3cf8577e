"""State files: versioned, atomic, and a bad one is moved aside with a warning, never a crash."""

import json
import logging

from skipole.hardware import persistence
from skipole.hardware.persistence import EventLog, read_state_file, write_state_file


def test_a_state_file_is_written_with_its_format_version_through_atomic_writes(tmp_path,
                                                                              monkeypatch):
    calls = []
    real = persistence.write_json
    monkeypatch.setattr(persistence, "write_json",
                        lambda path, data: calls.append(path) or real(path, data))
    path = str(tmp_path / "outputs.json")
    write_state_file(path, "outputs", {"relay": True})
    assert calls == [path]
    data = json.loads((tmp_path / "outputs.json").read_text())
    assert data["format"] == persistence.FORMAT and data["outputs"] == {"relay": True}
    assert data["saved"].endswith("Z")
    assert read_state_file(path, "outputs") == {"relay": True}
    assert [p.name for p in tmp_path.iterdir()] == ["outputs.json"]  # no temporary left


def test_a_missing_file_is_quiet_unless_it_matters(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="skipole.hardware"):
        assert read_state_file(str(tmp_path / "none.json"), "outputs") is None
        assert caplog.text == ""
        read_state_file(str(tmp_path / "none.json"), "outputs", missing_warning="defaults")
    assert "none.json does not exist: defaults" in caplog.text


def test_a_corrupt_file_is_moved_aside(tmp_path, caplog):
    path = tmp_path / "events.json"
    path.write_text('{"format": 1, "events": ')
    with caplog.at_level(logging.WARNING, logger="skipole.hardware"):
        assert read_state_file(str(path), "events") is None
    assert not path.exists()
    assert (tmp_path / "events.json.corrupt").read_text() == '{"format": 1, "events": '
    assert "events.json is corrupt" in caplog.text and "events.json.corrupt" in caplog.text


def test_the_event_log_is_bounded_and_keeps_numbering_after_a_reload(tmp_path):
    path = str(tmp_path / "events.json")
    log = EventLog(path, max_events=5)
    for n in range(8):
        log.append("output", f"set {n}", device="relay", value=n % 2 == 0, by="api",
                   version=n)
    assert [e["seq"] for e in log.entries()] == [4, 5, 6, 7, 8]
    EventLog.write(path, log.take_pending())
    assert log.take_pending() is None
    again = EventLog(path, max_events=5)
    event = again.append("service", "started", by="startup")
    assert event["seq"] == 9 and len(again.entries()) == 5


def test_events_with_the_same_coalescing_key_replace_the_last_one(tmp_path):
    log = EventLog(str(tmp_path / "events.json"))
    for n in range(10):
        log.append("output", "moved", device="fan", value=n / 10, coalesce=("fan", "user:a"))
    log.append("output", "moved", device="fan", value=0.5, coalesce=("fan", "user:b"))
    log.break_coalescing()
    log.append("output", "moved", device="fan", value=0.6, coalesce=("fan", "user:b"))
    assert [(e["seq"], e["value"], e["by"]) for e in log.entries()] == [
        (1, 0.9, None), (2, 0.5, None), (3, 0.6, None)]


def test_malformed_events_are_dropped_with_a_warning(tmp_path, caplog):
    path = tmp_path / "events.json"
    path.write_text(json.dumps({"format": 1, "events": [
        {"seq": 1, "kind": "service"}, "junk", {"kind": "no seq"}]}))
    with caplog.at_level(logging.WARNING, logger="skipole.hardware"):
        log = EventLog(str(path))
    assert [e["seq"] for e in log.entries()] == [1]
    assert "2 malformed events ignored" in caplog.text
