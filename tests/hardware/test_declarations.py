"""hardware.toml is read into declarations; a wrong one is refused naming device and key."""

import logging
import tomllib

import pytest

from skipole.hardware import HardwareConfigError, load_hardware
from skipole.hardware.declarations import bus_warnings, load_declarations, parse_declarations

FULL = """
[devices.relay1]
kind = "output"
pin = 17
active_high = false
power_on = "restore"
default = "on"
on_stop = "off"
description = "Pump"

[devices.dimmer]
kind = "pwm"
pin = 18
frequency = 500
default = 0.5
sample_every = 60

[devices.button]
kind = "input"
pin = 27
pull_up = true
bounce_time = 0.05

[devices.feedback]
kind = "input"
pin = 22
pull_up = "floating"
active_high = false

[devices.cpu]
kind = "cpu_temperature"
sensor_file = "/tmp/temp"
read_every = 2

[devices.tank]
kind = "ds18b20"
w1_id = "28-0316A2797AFF"
sysfs_root = "/tmp/w1"
min = 0
max = 40

[devices.clock]
kind = "system"
value = "time"

[devices.up]
kind = "system"
value = "uptime"
sample_every = 300
"""


def parse(text):
    return parse_declarations(tomllib.loads(text))


def test_a_full_declaration_is_read_with_every_key_and_default():
    devices = parse(FULL)
    assert list(devices) == ["relay1", "dimmer", "button", "feedback", "cpu", "tank", "clock",
                             "up"]
    relay = devices["relay1"]
    assert (relay.kind, relay.pin, relay.active_high, relay.power_on, relay.default,
            relay.on_stop, relay.description) == ("output", 17, False, "restore", True, "off",
                                                  "Pump")
    dimmer = devices["dimmer"]
    assert (dimmer.frequency, dimmer.default, dimmer.power_on, dimmer.on_stop,
            dimmer.sample_every) == (500.0, 0.5, "off", "leave", 60.0)
    # a pulled-up button is active when low; a floating input says which level is active
    assert devices["button"].active_high is False and devices["button"].bounce_time == 0.05
    assert devices["feedback"].pull_up is None and devices["feedback"].active_high is False
    assert devices["cpu"].unit == "°C" and devices["cpu"].read_every == 2.0
    assert devices["tank"].w1_id == "28-0316a2797aff" and devices["tank"].max == 40.0
    assert devices["clock"].numeric is False and devices["up"].unit == "s"
    assert relay.writable and dimmer.writable and not devices["button"].writable
    assert "pull_up" not in relay.as_dict() and relay.as_dict()["kind"] == "output"


def test_an_empty_file_declares_no_devices():
    assert parse("") == {}


BAD = [
    # (toml, device, key, words in the message)
    ('[devices.a]\nkind = "relay"\npin = 4', "a", "kind", "expected output, pwm"),
    ('[devices.a]\npin = 4', "a", "kind", "is required"),
    ('[devices.a]\nkind = "output"\npin = 17\ncolour = "red"', "a", "colour", "unknown key"),
    ('[devices.a]\nkind = "output"\npin = 17\npull_up = true', "a", "pull_up",
     "does not apply to an output"),
    ('[devices.a]\nkind = "output"\npin = 17\n[devices.b]\nkind = "input"\npin = 17', "b",
     "pin", "already used by device 'a'"),
    ('[devices.a]\nkind = "output"', "a", "pin", "is required"),
    ('[devices.a]\nkind = "output"\npin = 40', "a", "pin", "0-27"),
    ('[devices.a]\nkind = "output"\npin = "17"', "a", "pin", "0-27"),
    ('[devices.a]\nkind = "output"\npin = true', "a", "pin", "0-27"),
    ('[devices.a]\nkind = "output"\npin = 5\npower_on = "maybe"', "a", "power_on",
     "off, on or restore"),
    ('[devices.a]\nkind = "output"\npin = 5\non_stop = "float"', "a", "on_stop", "leave or off"),
    ('[devices.a]\nkind = "output"\npin = 5\nactive_high = "yes"', "a", "active_high",
     "true or false"),
    ('[devices.a]\nkind = "output"\npin = 5\ndefault = 0.5', "a", "default", "true, false"),
    ('[devices.a]\nkind = "pwm"\npin = 5\ndefault = 1.5', "a", "default", "0 to 1"),
    ('[devices.a]\nkind = "pwm"\npin = 5\nfrequency = 0', "a", "frequency", "above 0"),
    ('[devices.a]\nkind = "pwm"\npin = 5\nfrequency = 20000', "a", "frequency", "10000"),
    ('[devices.a]\nkind = "input"\npin = 5\nbounce_time = -0.1', "a", "bounce_time", "0 to 10"),
    ('[devices.a]\nkind = "input"\npin = 5\npull_up = "up"', "a", "pull_up", "floating"),
    ('[devices.a]\nkind = "input"\npin = 5\npull_up = "floating"', "a", "active_high",
     "required for a floating input"),
    ('[devices.a]\nkind = "input"\npin = 5\nactive_high = true', "a", "active_high",
     "only to a floating input"),
    ('[devices.a]\nkind = "input"\npin = 5\nsample_every = 0.5', "a", "sample_every",
     "1 to 86400"),
    ('[devices.t]\nkind = "ds18b20"', "t", "w1_id", "is required"),
    ('[devices.t]\nkind = "ds18b20"\nw1_id = "tank"', "t", "w1_id", "1-Wire id"),
    ('[devices.t]\nkind = "ds18b20"\nw1_id = "28-0316a2797aff"\nmin = 50\nmax = 10', "t",
     "max", "above min"),
    ('[devices.s]\nkind = "system"\nvalue = "weather"', "s", "value", "time, uptime or load"),
    ('[devices.s]\nkind = "system"\nvalue = "time"\nsample_every = 60', "s", "sample_every",
     "not a number"),
    ('[devices.c]\nkind = "cpu_temperature"\npin = 4', "c", "pin", "does not apply"),
    ('[devices.c]\nkind = "cpu_temperature"\nsensor_file = ""', "c", "sensor_file", "path"),
    ('[devices.c]\nkind = "cpu_temperature"\nread_every = 0.1', "c", "read_every", "0.5"),
    ('[devices.c]\nkind = "cpu_temperature"\ndescription = 5', "c", "description", "text"),
    ('[devices."1relay"]\nkind = "output"\npin = 5', "1relay", None, "a letter"),
    ('[devices."relay one"]\nkind = "output"\npin = 5', "relay one", None, "a letter"),
    ('[devices]\nrelay = 5', "relay", None, "table"),
]


@pytest.mark.parametrize(("text", "device", "key", "words"), BAD)
def test_a_wrong_declaration_is_refused_naming_the_device_and_key(text, device, key, words):
    with pytest.raises(HardwareConfigError) as caught:
        parse(text)
    error = caught.value
    assert (error.device, error.key) == (device, key)
    assert f"device {device!r}" in str(error)
    if key:
        assert f"key {key!r}" in str(error)
    assert words in str(error)
    assert str(error).startswith("hardware.toml: ")


def test_an_unknown_top_level_key_is_refused():
    with pytest.raises(HardwareConfigError, match="unknown top-level key 'device'"):
        parse('[device.relay]\nkind = "output"\npin = 5')


def test_a_file_that_is_not_toml_names_the_file(tmp_path):
    path = tmp_path / "hardware.toml"
    path.write_text('[devices.relay]\nkind = "output"\npin = \n')
    with pytest.raises(HardwareConfigError) as caught:
        load_declarations(path)
    assert str(path) in str(caught.value) and "not valid TOML" in str(caught.value)


def test_load_hardware_refuses_a_wrong_declaration_before_claiming_anything(tmp_path):
    (tmp_path / "hardware.toml").write_text('[devices.pump]\nkind = "output"\npin = 99\n')
    with pytest.raises(HardwareConfigError, match="device 'pump': key 'pin'"):
        load_hardware(tmp_path, tmp_path / "state", backend="mock")
    assert not (tmp_path / "state").exists()


def test_a_project_without_hardware_toml_has_no_hardware(tmp_path):
    assert load_hardware(tmp_path, tmp_path / "state") is None


CLASHES = """
[devices.sda]
kind = "output"
pin = 2
[devices.mosi]
kind = "input"
pin = 10
[devices.onewire]
kind = "output"
pin = 4
[devices.tx]
kind = "output"
pin = 14
[devices.relay]
kind = "output"
pin = 17
"""


def test_pins_on_enabled_buses_are_warned_about(tmp_path, caplog):
    config = tmp_path / "config.txt"
    config.write_text("# comment\ndtparam=i2c_arm=on\ndtparam=spi=on\n"
                      "dtoverlay=w1-gpio\n[pi4]\nenable_uart=0\n")
    with caplog.at_level(logging.WARNING, logger="skipole.hardware"):
        messages = bus_warnings(parse(CLASHES), [str(tmp_path / "missing"), str(config)])
    assert len(messages) == 3
    assert any("'sda'" in m and "I2C" in m and "is enabled" in m for m in messages)
    assert any("'mosi'" in m and "SPI" in m for m in messages)
    assert any("'onewire'" in m and "1-Wire" in m for m in messages)
    assert not any("'relay'" in m or "'tx'" in m for m in messages)
    assert len([r for r in caplog.records if "hardware.toml" in r.getMessage()]) == 3


def test_a_moved_one_wire_bus_and_a_declared_ds18b20_are_both_known(tmp_path):
    config = tmp_path / "config.txt"
    config.write_text("dtoverlay=w1-gpio,gpiopin=17\n")
    messages = bus_warnings(parse(CLASHES), [str(config)], log_them=False)
    assert [m for m in messages if "1-Wire" in m] == [m for m in messages if "'relay'" in m]
    declared = parse(CLASHES + '[devices.t]\nkind = "ds18b20"\nw1_id = "28-0316a2797aff"\n')
    messages = bus_warnings(declared, [str(tmp_path / "no-config")], log_them=False)
    assert any("'onewire'" in m and "1-Wire" in m and "is enabled" in m for m in messages)


def test_off_a_pi_every_bus_pin_is_mentioned_as_a_possible_clash(tmp_path):
    messages = bus_warnings(parse(CLASHES), [str(tmp_path / "none")], log_them=False)
    assert any("'tx'" in m and "if UART is enabled" in m for m in messages)
    assert any("'sda'" in m and "if I2C is enabled" in m for m in messages)
    assert not any("'relay'" in m for m in messages)
