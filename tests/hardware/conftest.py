"""Fixtures for the hardware tests: ``mock_hardware`` (from skipole.testing) builds a project's
hardware on its own mock pin factory in ``tmp_path`` and closes it after the test."""

import gpiozero
import pytest

from skipole.testing import mock_hardware

__all__ = ["mock_hardware"]


@pytest.fixture(autouse=True)
def global_pin_factory_untouched():
    """No test may set (or leave behind) gpiozero's process-wide pin factory."""
    before = gpiozero.Device.pin_factory
    yield
    assert gpiozero.Device.pin_factory is before

