"""skipole.testing: mock-backed hardware a test can drive, cleaned up after itself."""

import os

import pytest

from skipole.testing import MockHardware

TOML = """
[devices.led]
kind = "output"
pin = 17
[devices.button]
kind = "input"
pin = 27
pull_up = true
[devices.dimmer]
kind = "pwm"
pin = 18
"""


def test_mock_hardware_drives_inputs_and_reads_output_levels():
    with MockHardware(toml=TOML, background=False) as rig:
        workdir = os.path.dirname(rig.projectdir)
        rig.hardware.set("led", "on")
        assert rig.pin_level("led") is True
        assert rig.pin_history("led") == [False, True]
        rig.hardware.set("dimmer", 0.4)
        assert rig.pin_level("dimmer") == pytest.approx(0.4)
        rig.activate("button")
        assert rig.pin_level("button") is False and rig.hardware.get("button") is True
        rig.drive_high("button")
        assert rig.hardware.get("button") is False
        with pytest.raises(KeyError, match="'nothing'"):
            rig.pin("nothing")
    assert rig.hardware.closed and not os.path.exists(workdir)


def test_a_project_directory_can_be_used_in_place(tmp_path):
    (tmp_path / "hardware.toml").write_text(TOML)
    state = tmp_path / "state"
    with MockHardware(tmp_path, state_dir=state, background=False) as rig:
        rig.hardware.set("led", True)
    assert (state / "outputs.json").exists() and (tmp_path / "hardware.toml").exists()
    with pytest.raises(ValueError, match="either projectdir or toml"):
        MockHardware(tmp_path, toml=TOML)


def test_the_fixture_closes_every_rig_including_restarts(mock_hardware):
    first = mock_hardware(toml=TOML, background=False)
    second = first.restart()
    assert first.hardware.closed and not second.hardware.closed
    assert first._registry is second._registry and second in first._registry
    assert second.state_dir == first.state_dir
