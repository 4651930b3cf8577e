"""After a restart every output starts in the state its power_on policy says, claimed directly
at that level: the mock pin's history never passes through the opposite level."""

import json
import logging

import pytest

from .helpers import no_transient

OUTPUT = """
[devices.relay]
kind = "output"
pin = 17
active_high = {active_high}
power_on = "{policy}"
"""

PWM = """
[devices.fan]
kind = "pwm"
pin = 18
active_high = {active_high}
power_on = "{policy}"
default = 0.3
"""


def level(value, active_high):
    """The electrical level of a logical output value."""
    if isinstance(value, bool):
        return value == active_high
    return value if active_high else 1.0 - value


@pytest.mark.parametrize("before", [False, True], ids=["pin-low-before", "pin-high-before"])
@pytest.mark.parametrize("active_high", [True, False], ids=["active-high", "active-low"])
@pytest.mark.parametrize(("policy", "last_set", "expected"), [
    ("off", True, False),
    ("on", False, True),
    ("restore", True, True),
    ("restore", False, False),
])
def test_an_output_restarts_in_its_power_on_state_without_a_glitch(
        mock_hardware, policy, last_set, expected, active_high, before):
    toml = OUTPUT.format(active_high=str(active_high).lower(), policy=policy)
    rig = mock_hardware(toml=toml, background=False)
    rig.hardware.set("relay", last_set, by="user:ann")
    assert rig.pin_level("relay") is level(last_set, active_high)

    rig = rig.restart(pin_levels={"relay": before})

    assert rig.hardware.get("relay") is expected
    assert rig.pin_function("relay") == "output"
    history = rig.pin_history("relay")
    assert history[0] is before
    assert no_transient(history, level(expected, active_high)), history
    startup = [e for e in rig.hardware.events() if e["by"] == "startup" and e["device"]]
    assert startup[-1]["value"] is expected and f"power_on = {policy}" in startup[-1]["text"]


@pytest.mark.parametrize("before", [False, True], ids=["pin-low-before", "pin-high-before"])
@pytest.mark.parametrize("active_high", [True, False], ids=["active-high", "active-low"])
@pytest.mark.parametrize(("policy", "expected"), [("off", 0.0), ("on", 1.0), ("restore", 0.6)])
def test_a_pwm_output_restarts_in_its_power_on_state_without_a_glitch(
        mock_hardware, policy, expected, active_high, before):
    toml = PWM.format(active_high=str(active_high).lower(), policy=policy)
    rig = mock_hardware(toml=toml, background=False)
    rig.hardware.set("fan", 0.6)

    rig = rig.restart(pin_levels={"fan": before})

    assert rig.hardware.get("fan") == expected
    history = [round(h, 6) for h in rig.pin_history("fan")]
    assert history[0] == float(before)
    target = round(level(expected, active_high), 6)
    if expected in (0.0, 1.0):
        assert no_transient(history, target), history
    else:
        # a duty cycle between is started from the inactive level, never the active one
        assert history[-1] == target
        assert set(history[1:]) <= {target, level(0.0, active_high)}, history


@pytest.mark.parametrize("active_high", [True, False], ids=["active-high", "active-low"])
def test_restore_with_nothing_saved_starts_at_the_default(mock_hardware, active_high):
    toml = OUTPUT.format(active_high=str(active_high).lower(), policy="restore")
    rig = mock_hardware(toml=toml + "default = true\n" + PWM.format(
        active_high="true", policy="restore"), background=False)
    assert rig.hardware.get("relay") is True and rig.hardware.get("fan") == 0.3
    assert no_transient(rig.pin_history("relay"), level(True, active_high))
    assert "nothing saved" in rig.hardware.events()[-1]["text"]


@pytest.mark.parametrize("content", [
    b"{ this is not json",
    b"",
    b'["a list"]',
    b'{"format": 99, "outputs": {"relay": false}}',
    b'{"outputs": {"relay": false}}',
], ids=["bad-json", "empty", "not-an-object", "newer-format", "no-format"])
def test_a_corrupt_output_file_gives_the_defaults_and_a_log_line(
        mock_hardware, tmp_path, caplog, content):
    toml = OUTPUT.format(active_high="false", policy="restore") + "default = true\n"
    rig = mock_hardware(toml=toml, background=False)
    rig.hardware.set("relay", False)
    state = rig.state_dir
    rig.hardware.close(release=True)
    with open(f"{state}/outputs.json", "wb") as f:
        f.write(content)
    with caplog.at_level(logging.WARNING, logger="skipole.hardware"):
        rig = rig.restart()
    assert rig.hardware.get("relay") is True  # the default, not the lost saved False
    assert any("outputs.json is corrupt" in r.getMessage() and r.levelno == logging.WARNING
               for r in caplog.records)
    with open(f"{state}/outputs.json.corrupt", "rb") as f:
        assert f.read() == content


def test_a_saved_value_of_the_wrong_kind_gives_the_default(mock_hardware, caplog):
    toml = PWM.format(active_high="true", policy="restore")
    rig = mock_hardware(toml=toml, background=False)
    state = rig.state_dir
    rig.hardware.close(release=True)
    with open(f"{state}/outputs.json", "w") as f:
        json.dump({"format": 1, "outputs": {"fan": "banana"}}, f)
    with caplog.at_level(logging.WARNING, logger="skipole.hardware"):
        rig = rig.restart()
    assert rig.hardware.get("fan") == 0.3
    assert "does not suit a pwm" in caplog.text


def test_a_missing_output_file_is_a_warning_only_when_something_restores(mock_hardware, caplog):
    with caplog.at_level(logging.WARNING, logger="skipole.hardware"):
        mock_hardware(toml=OUTPUT.format(active_high="true", policy="off"), background=False)
    assert "outputs.json does not exist" not in caplog.text
    with caplog.at_level(logging.WARNING, logger="skipole.hardware"):
        mock_hardware(toml=OUTPUT.format(active_high="true", policy="restore"),
                      background=False)
    assert "outputs.json does not exist" in caplog.text


def test_an_edited_power_on_policy_is_used_at_the_next_start(mock_hardware):
    rig = mock_hardware(toml=OUTPUT.format(active_high="true", policy="off"), background=False)
    rig.hardware.set("relay", True)
    rig.hardware.update_device("relay", power_on="restore", expected_version=0,
                               by="user:admin")
    rig = rig.restart()
    assert rig.hardware.get("relay") is True
    assert rig.hardware.devices["relay"]["power_on"] == "restore"
    rig.hardware.update_device("relay", power_on="on", default=False)
    rig.hardware.set("relay", False)
    rig = rig.restart()
    assert rig.hardware.get("relay") is True
