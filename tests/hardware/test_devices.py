"""Each kind of device: values checked by kind and range, sensors read from their files."""

import logging
import re

import pytest

from skipole.hardware import InvalidValue, ReadOnlyDevice, UnknownDevice
from skipole.hardware.devices import level_value, switch_value, utc_iso


@pytest.mark.parametrize(("given", "expected"), [
    (True, True), (False, False), ("on", True), ("OFF", False), (1, True), (0, False),
    ("1", True), ("0", False), ("true", True), (" false ", False),
])
def test_an_output_takes_on_and_off_in_their_usual_spellings(given, expected):
    assert switch_value(given) is expected


@pytest.mark.parametrize("given", [2, -1, 0.5, "maybe", "", None, [], 1.0])
def test_an_output_refuses_anything_else(given):
    with pytest.raises(InvalidValue, match="expected on or off"):
        switch_value(given, "relay")


@pytest.mark.parametrize(("given", "expected"), [
    (0, 0.0), (1, 1.0), (0.25, 0.25), ("0.5", 0.5), (" 1 ", 1.0),
])
def test_a_pwm_output_takes_a_number_from_0_to_1(given, expected):
    assert level_value(given) == expected


@pytest.mark.parametrize("given", [1.5, -0.1, True, "on", "half", float("nan"), None])
def test_a_pwm_output_refuses_anything_else(given):
    with pytest.raises(InvalidValue, match="0.0 to 1.0"):
        level_value(given, "dimmer")


def test_utc_timestamps_end_in_z_whatever_they_are_made_from():
    assert utc_iso(0) == "1970-01-01T00:00:00Z"
    assert utc_iso(1.5, milliseconds=True) == "1970-01-01T00:00:01.500Z"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", utc_iso())


DEVICES = """
[devices.relay]
kind = "output"
pin = 17
[devices.dimmer]
kind = "pwm"
pin = 18
active_high = false
[devices.button]
kind = "input"
pin = 27
pull_up = true
[devices.cpu]
kind = "cpu_temperature"
sensor_file = "{tmp}/cpu"
"""


@pytest.fixture
def rig(mock_hardware, tmp_path):
    (tmp_path / "cpu").write_text("52000\n")
    return mock_hardware(toml=DEVICES.format(tmp=tmp_path), background=False)


def test_set_checks_the_value_by_kind_and_range(rig):
    hardware = rig.hardware
    assert hardware.set("relay", "on")["value"] is True
    assert rig.pin_level("relay") is True
    assert hardware.set("dimmer", "0.25")["value"] == 0.25
    assert rig.pin_level("dimmer") == 0.75  # active-low PWM: 25 % on is 75 % high
    with pytest.raises(InvalidValue, match="device 'dimmer'"):
        hardware.set("dimmer", 2)
    with pytest.raises(InvalidValue, match="device 'relay'"):
        hardware.set("relay", "dim")
    with pytest.raises(ReadOnlyDevice, match="device 'button' is an input and is read-only"):
        hardware.set("button", True)
    with pytest.raises(ReadOnlyDevice, match="'cpu'"):
        hardware.set("cpu", 20)
    with pytest.raises(UnknownDevice, match="'pump'"):
        hardware.set("pump", True)
    with pytest.raises(UnknownDevice):
        hardware.get("pump")
    assert UnknownDevice.status.startswith("404") and InvalidValue.status.startswith("400")
    assert (hardware.get("relay"), hardware.get("dimmer")) == (True, 0.25)


def test_a_pulled_up_button_is_active_when_driven_low(rig):
    assert rig.hardware.get("button") is False
    rig.drive_low("button")
    assert rig.hardware.get("button") is True
    rig.deactivate("button")
    assert rig.hardware.get("button") is False and rig.pin_level("button") is True


def test_cpu_temperature_is_read_from_its_sensor_file(rig, tmp_path, caplog):
    hardware = rig.hardware
    assert hardware.get("cpu") == 52.0
    assert hardware.state("cpu")["unit"] == "°C"
    version = hardware.version
    (tmp_path / "cpu").write_text("61375\n")
    hardware.refresh()
    assert hardware.get("cpu") == 61.4
    assert hardware.version == version + 1
    assert not [e for e in hardware.events() if e["device"] == "cpu"]  # sensors are not logged
    (tmp_path / "cpu").unlink()
    with caplog.at_level(logging.WARNING, logger="skipole.hardware"):
        hardware.refresh()
        hardware.refresh()
    assert hardware.get("cpu") is None
    assert len([r for r in caplog.records if "'cpu' cannot be read" in r.getMessage()]) == 1


def test_ds18b20_reads_the_temperature_file_or_w1_slave(mock_hardware, tmp_path, caplog):
    root = tmp_path / "w1"
    (root / "28-00000a1b2c3d").mkdir(parents=True)
    (root / "28-00000a1b2c3d" / "temperature").write_text("21562\n")
    (root / "28-0316a2797aff").mkdir()
    w1_slave = root / "28-0316a2797aff" / "w1_slave"
    w1_slave.write_text("72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n"
                        "72 01 4b 46 7f ff 0e 10 57 t=23125\n")
    rig = mock_hardware(toml=f"""
[devices.air]
kind = "ds18b20"
w1_id = "28-00000a1b2c3d"
sysfs_root = "{root}"
[devices.tank]
kind = "ds18b20"
w1_id = "28-0316A2797AFF"
sysfs_root = "{root}"
""", background=False)
    assert rig.hardware.get("air") == 21.56
    assert rig.hardware.get("tank") == 23.12 or rig.hardware.get("tank") == 23.13
    w1_slave.write_text("72 01 4b 46 7f ff 0e 10 57 : crc=00 NO\n"
                        "72 01 4b 46 7f ff 0e 10 57 t=23125\n")
    with caplog.at_level(logging.WARNING, logger="skipole.hardware"):
        rig.hardware.refresh()
    assert rig.hardware.get("tank") is None
    assert "CRC" in caplog.text


def test_system_values_come_from_the_clock_and_proc(mock_hardware, tmp_path):
    proc = tmp_path / "proc"
    proc.mkdir()
    (proc / "uptime").write_text("12345.67 40000.00\n")
    (proc / "loadavg").write_text("0.52 0.58 0.59 1/189 12345\n")
    rig = mock_hardware(toml="""
[devices.clock]
kind = "system"
value = "time"
[devices.up]
kind = "system"
value = "uptime"
[devices.load]
kind = "system"
value = "load"
""", proc_root=str(proc), background=False)
    hardware = rig.hardware
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", hardware.get("clock"))
    assert hardware.get("up") == 12345 and hardware.state("up")["unit"] == "s"
    assert hardware.get("load") == 0.52
    (proc / "uptime").write_text("12400.00 40000.00\n")
    hardware.refresh()
    assert hardware.get("up") == 12400
    assert hardware.backend == "none"  # no pins declared, no pin factory needed


def test_devices_describe_every_declared_key(rig):
    info = rig.hardware.devices
    assert list(info) == ["relay", "dimmer", "button", "cpu"]
    assert info["relay"]["pin"] == 17 and info["relay"]["writable"] is True
    assert info["relay"]["settings_version"] == 0
    assert info["dimmer"]["frequency"] == 100.0 and info["dimmer"]["active_high"] is False
    assert info["button"]["pull_up"] is True and info["button"]["writable"] is False
    assert info["cpu"]["sensor_file"].endswith("/cpu")
    assert rig.hardware.gpiozero_device("relay").pin is not None
    assert rig.hardware.gpiozero_device("cpu") is None
