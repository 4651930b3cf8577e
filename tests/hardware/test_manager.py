"""Hardware: versions, live updates, concurrency, settings edits, coalesced writes, on_stop."""

import pathlib
import random
import threading
import time

import gpiozero
import pytest

from skipole.hardware import (
    Conflict, HardwareClosed, HardwareError, InvalidValue, load_hardware, manager,
)
from skipole.hardware.backends import mock_pin_factory

from .helpers import read_json, wait_until

DEVICES = """
[devices.relay1]
kind = "output"
pin = 17
description = "Pump"
[devices.relay2]
kind = "output"
pin = 22
active_high = false
[devices.relay3]
kind = "output"
pin = 23
[devices.relay4]
kind = "output"
pin = 24
active_high = false
[devices.dimmer]
kind = "pwm"
pin = 18
[devices.button]
kind = "input"
pin = 27
pull_up = false
"""


@pytest.fixture
def rig(mock_hardware):
    return mock_hardware(toml=DEVICES, background=False)


def test_snapshot_gives_every_device_with_the_contract_fields(rig):
    snapshot = rig.hardware.snapshot()
    assert [d["name"] for d in snapshot] == rig.hardware.names
    assert snapshot[0] == {"name": "relay1", "kind": "output", "value": False, "unit": "",
                           "description": "Pump", "version": 1}
    assert rig.hardware.state("button") == snapshot[-1]


def test_every_change_bumps_the_version_and_a_repeat_does_not(rig):
    hardware = rig.hardware
    start = hardware.version
    state = hardware.set("relay1", True, by="user:ann")
    assert hardware.version == start + 1 == state["version"]
    hardware.set("relay1", "on", by="user:ann")
    assert hardware.version == start + 1
    hardware.set("dimmer", 0.5)
    assert [c["name"] for c in hardware.changes_since(start)] == ["relay1", "dimmer"]
    assert [c["name"] for c in hardware.changes_since(start + 1)] == ["dimmer"]
    assert hardware.changes_since(hardware.version) == []
    assert len(hardware.changes_since(10 ** 6)) == len(hardware.names)  # unknown: everything
    event = hardware.events()[-2]
    assert (event["kind"], event["device"], event["value"], event["by"]) == (
        "output", "relay1", True, "user:ann")
    assert event["time"].endswith("Z") and event["version"] == start + 1


def test_an_input_edge_is_logged_bumps_the_version_and_wakes_a_waiter(rig):
    hardware = rig.hardware
    since = hardware.version
    answers = []
    waiter = threading.Thread(target=lambda: answers.append(
        hardware.wait_for_change(since, timeout=30)))
    waiter.start()
    assert wait_until(lambda: hardware.waiting == 1)
    rig.drive_high("button")
    waiter.join(timeout=30)
    assert not waiter.is_alive()
    (answer,) = answers
    assert answer.version == since + 1 and not answer.short_poll and not answer.full
    assert answer.changes == [hardware.state("button")]
    assert answer.changes[0]["value"] is True
    event = hardware.events()[-1]
    assert (event["kind"], event["device"], event["value"], event["by"]) == (
        "input", "button", True, "input")
    assert answer.as_dict()["changes"][0]["name"] == "button"


def test_wait_for_change_returns_at_once_when_something_already_changed(rig):
    hardware = rig.hardware
    since = hardware.version
    hardware.set("relay3", True)
    answer = hardware.wait_for_change(str(since), timeout=30)  # as a query string gives it
    assert [c["name"] for c in answer.changes] == ["relay3"] and not answer.full


def test_wait_for_change_times_out_with_no_changes(rig):
    answer = rig.hardware.wait_for_change(rig.hardware.version, timeout=0.05)
    assert answer.changes == [] and answer.version == rig.hardware.version
    assert not answer.short_poll


def test_a_version_from_another_run_gets_the_full_state(rig):
    hardware = rig.hardware
    for answer in (hardware.wait_for_change(5, timeout=30, run_id="an-old-run"),
                   hardware.wait_for_change(hardware.version + 10, timeout=30),
                   hardware.wait_for_change(None, timeout=30),
                   hardware.wait_for_change("rubbish", timeout=30)):
        assert answer.full and len(answer.changes) == len(hardware.names)
        assert answer.run_id == hardware.run_id


def test_waiters_beyond_the_cap_are_told_to_short_poll(mock_hardware):
    hardware = mock_hardware(toml=DEVICES, background=False, max_waiters=2).hardware
    since = hardware.version
    answers = []
    waiters = [threading.Thread(target=lambda: answers.append(
        hardware.wait_for_change(since, timeout=30))) for _ in range(2)]
    for waiter in waiters:
        waiter.start()
    assert wait_until(lambda: hardware.waiting == 2)
    extra = hardware.wait_for_change(since, timeout=30)
    assert extra.short_poll and extra.retry_after == 1.0 and extra.changes == []
    assert hardware.waiting == 2
    hardware.set("relay1", True)
    for waiter in waiters:
        waiter.join(timeout=30)
    assert len(answers) == 2 and all(a.changes and not a.short_poll for a in answers)
    assert hardware.waiting == 0


def test_the_default_cap_leaves_two_of_sixteen_threads_free(rig):
    assert rig.hardware.max_waiters == 14


def test_closing_wakes_every_waiter(rig):
    hardware = rig.hardware
    answers = []
    waiter = threading.Thread(target=lambda: answers.append(
        hardware.wait_for_change(hardware.version, timeout=30)))
    waiter.start()
    assert wait_until(lambda: hardware.waiting == 1)
    hardware.close()
    waiter.join(timeout=30)
    assert len(answers) == 1
    with pytest.raises(HardwareClosed):
        hardware.set("relay1", True)


def test_eight_threads_toggling_agree_with_pins_saved_state_and_event_log(mock_hardware):
    rig = mock_hardware(toml=DEVICES, max_events=5000)
    hardware = rig.hardware
    outputs = ["relay1", "relay2", "relay3", "relay4"]
    errors = []
    stop = time.monotonic() + 2.0

    def toggle(seed):
        chooser = random.Random(seed)
        try:
            while time.monotonic() < stop:
                name = chooser.choice(outputs)
                hardware.set(name, not hardware.get(name), by=f"user:t{seed}")
                hardware.set("dimmer", chooser.random(), by=f"user:t{seed}")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    def watch():
        version = hardware.version
        try:
            while time.monotonic() < stop:
                version = hardware.wait_for_change(version, timeout=1).version
                hardware.snapshot()
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=toggle, args=(n,)) for n in range(8)]
    threads.append(threading.Thread(target=watch))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == [] and not any(t.is_alive() for t in threads)

    final = {name: hardware.get(name) for name in outputs + ["dimmer"]}
    for name in outputs:
        active_high = hardware.devices[name]["active_high"]
        assert rig.pin_level(name) is (final[name] == active_high)
    assert rig.pin_level("dimmer") == pytest.approx(final["dimmer"])
    events = hardware.events()
    seqs = [e["seq"] for e in events]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    hardware.close()  # on_stop = leave: values stay, everything is written

    saved = read_json(f"{rig.state_dir}/outputs.json")
    assert saved["format"] == 1 and saved["outputs"] == final
    logged = read_json(f"{rig.state_dir}/events.json")["events"]
    for name in final:
        last = [e for e in logged if e["device"] == name][-1]
        assert last["value"] == final[name], name
    assert logged[-1]["kind"] == "service" and logged[-1]["text"] == "stopped"


def test_many_sets_make_few_coalesced_writes_and_close_saves_the_last(mock_hardware,
                                                                      monkeypatch):
    writes = []
    real = manager.write_state_file

    def counting(path, key, value, **extra):
        writes.append((path.rsplit("/", 1)[-1], value))
        real(path, key, value, **extra)

    monkeypatch.setattr(manager, "write_state_file", counting)
    rig = mock_hardware(toml=DEVICES)
    hardware = rig.hardware
    writes.clear()
    began = time.monotonic()
    for step in range(500):
        hardware.set("dimmer", step / 1000, by="user:slider")
    elapsed = time.monotonic() - began
    hardware.close()
    output_writes = [v for f, v in writes if f == "outputs.json"]
    # at most about one write a second while moving, plus the one at close
    assert len(output_writes) <= elapsed / hardware.flush_every + 3
    assert output_writes[-1]["dimmer"] == 0.499
    assert read_json(f"{rig.state_dir}/outputs.json")["outputs"]["dimmer"] == 0.499
    slider = [e for e in hardware.events() if e["by"] == "user:slider"]
    assert len(slider) <= 3 and slider[-1]["value"] == 0.499  # a drag is one event


def test_a_change_is_written_within_about_a_second_by_the_background_thread(mock_hardware):
    rig = mock_hardware(toml=DEVICES)
    rig.hardware.set("relay1", True)
    assert wait_until(
        lambda: read_json(f"{rig.state_dir}/outputs.json")["outputs"]["relay1"] is True)


def test_on_stop_off_switches_off_and_releases_while_leave_keeps_the_level(mock_hardware):
    rig = mock_hardware(toml="""
[devices.heater]
kind = "output"
pin = 17
active_high = false
power_on = "restore"
on_stop = "off"
[devices.light]
kind = "output"
pin = 22
active_high = false
on_stop = "leave"
[devices.fan]
kind = "pwm"
pin = 18
on_stop = "off"
""", background=False)
    hardware = rig.hardware
    for name, value in (("heater", True), ("light", True), ("fan", 0.7)):
        hardware.set(name, value)
    assert (rig.pin_level("heater"), rig.pin_level("light")) == (False, False)  # active-low on

    hardware.close()

    # off: driven to the inactive level, then released (gpiozero makes it an input)
    assert True in rig.pin_history("heater")[-2:]
    assert rig.pin_function("heater") == "input"
    assert 0.0 in rig.pin_history("fan")[-2:] and rig.pin_function("fan") == "input"
    # leave: still an output at its level, until the process exits or release()
    assert rig.pin_function("light") == "output" and rig.pin_level("light") is False
    assert hardware.get("light") is True and hardware.get("heater") is False
    stop_events = [e for e in hardware.events() if e["by"] == "shutdown"]
    assert [e["device"] for e in stop_events] == ["heater", "fan", None]
    # the saved value is the user's choice, so restore brings the heater back on
    assert read_json(f"{rig.state_dir}/outputs.json")["outputs"]["heater"] is True
    hardware.release()
    assert rig.pin_function("light") == "input"
    rig = rig.restart()
    assert rig.hardware.get("heater") is True


def test_close_can_be_called_twice_and_release_closes_first(rig):
    rig.hardware.release()
    assert rig.hardware.closed
    rig.hardware.close()
    rig.hardware.close(release=True)
    assert rig.pin_function("relay1") == "input"


def test_update_device_saves_settings_in_the_state_directory_with_a_version_check(rig):
    hardware = rig.hardware
    declared = pathlib.Path(rig.projectdir, "hardware.toml").read_text()
    version = hardware.version
    info = hardware.update_device("relay1", description="Garden pump", power_on="restore",
                                  default="on", expected_version=0, by="user:admin")
    assert (info["description"], info["power_on"], info["default"], info["settings_version"]) \
        == ("Garden pump", "restore", True, 1)
    assert hardware.state("relay1")["description"] == "Garden pump"
    assert hardware.version == version + 1  # live clients see the new description
    with pytest.raises(Conflict, match="reload them"):
        hardware.update_device("relay1", description="Stale", expected_version=0)
    assert hardware.devices["relay1"]["description"] == "Garden pump"
    saved = read_json(f"{rig.state_dir}/devices.json")
    assert saved["format"] == 1
    assert saved["devices"]["relay1"] == {"version": 1, "description": "Garden pump",
                                          "power_on": "restore", "default": True}
    assert pathlib.Path(rig.projectdir, "hardware.toml").read_text() == declared
    assert hardware.events()[-1]["kind"] == "settings"
    assert Conflict.status.startswith("409")


@pytest.mark.parametrize(("name", "changes", "words"), [
    ("button", {"power_on": "on"}, "applies only to outputs"),
    ("relay1", {"power_on": "sometimes"}, "off, on or restore"),
    ("dimmer", {"default": 3}, "0.0 to 1.0"),
    ("relay1", {"description": "x" * 201}, "200 characters"),
])
def test_update_device_refuses_bad_settings(rig, name, changes, words):
    with pytest.raises(InvalidValue, match=words):
        rig.hardware.update_device(name, **changes)
    assert rig.hardware.devices[name]["settings_version"] == 0


def test_edited_settings_survive_a_restart_and_a_corrupt_settings_file_is_ignored(
        mock_hardware, caplog):
    rig = mock_hardware(toml=DEVICES, background=False)
    rig.hardware.update_device("relay2", description="Lamp")
    rig = rig.restart()
    assert rig.hardware.state("relay2")["description"] == "Lamp"
    assert rig.hardware.devices["relay2"]["settings_version"] == 1
    rig.hardware.close(release=True)
    with open(f"{rig.state_dir}/devices.json", "w") as f:
        f.write("{broken")
    rig = rig.restart()
    assert rig.hardware.state("relay2")["description"] == ""
    assert "devices.json is corrupt" in caplog.text


def test_log_event_records_logins_and_the_log_survives_restarts_in_order(mock_hardware):
    rig = mock_hardware(toml=DEVICES, background=False, max_events=20)
    event = rig.hardware.log_event("login", "ann logged in", by="user:ann")
    assert (event["kind"], event["by"], event["device"]) == ("login", "user:ann", None)
    for n in range(30):
        rig.hardware.set("relay1", n % 2 == 0)
    last_seq = rig.hardware.events()[-1]["seq"]
    rig = rig.restart()
    events = rig.hardware.events()
    assert len(events) == 20
    assert events[0]["seq"] > last_seq - 20 and events[-1]["seq"] > last_seq
    assert [e["seq"] for e in events] == sorted(e["seq"] for e in events)
    assert [e["text"] for e in events if e["kind"] == "service"][-1].startswith("started")
    assert rig.hardware.events(limit=2) == events[-2:]
    assert rig.hardware.events(since_seq=events[-3]["seq"]) == events[-2:]
    with pytest.raises(InvalidValue):
        rig.hardware.log_event("", "no kind")
    with pytest.raises(InvalidValue, match="'by'"):
        rig.hardware.set("relay1", True, by="")


def test_status_tells_the_ui_the_pins_are_simulated(rig):
    status = rig.hardware.status()
    assert status["simulated"] is True and status["backend"] == "mock"
    assert status["run_id"] == rig.hardware.run_id and status["closed"] is False


def test_a_device_that_cannot_start_is_named_and_nothing_stays_claimed(tmp_path):
    # GPIO2 has a fixed pull-up on the board, so gpiozero refuses a pull-down there
    (tmp_path / "hardware.toml").write_text(
        '[devices.led]\nkind = "output"\npin = 17\n'
        '[devices.sda]\nkind = "input"\npin = 2\npull_up = false\n')
    factory = mock_pin_factory()
    with pytest.raises(HardwareError, match=r"device 'sda' \(GPIO2\) cannot be started"):
        load_hardware(tmp_path, tmp_path / "state", pin_factory=factory, config_txt=(),
                      background=False)
    led = gpiozero.DigitalOutputDevice(17, pin_factory=factory)  # GPIO17 was released
    led.close()
    factory.close()
