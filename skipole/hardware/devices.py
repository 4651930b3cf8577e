"""One class per kind of device a person wires up, each wrapping a gpiozero device or a file.

A device knows how to claim its pin, check a value for its kind (``check``), read and write
itself.  It keeps no history and takes no locks: ``Hardware`` (manager.py) does that for all
of them.  gpiozero is imported when a device is made, not when this module is imported.
"""

import datetime
import functools
import math
import os

from .exceptions import InvalidValue, ReadOnlyDevice

__all__ = [
    "make_device", "switch_value", "level_value", "utc_iso",
    "DigitalOutput", "PWMOutput", "DigitalInput", "CPUTemperature", "DS18B20", "SystemValue",
]

_ON = ("on", "true", "1", "yes")
_OFF = ("off", "false", "0", "no")


def switch_value(value, name="device"):
    """``value`` as a bool for an on/off output: True/False, "on"/"off", 1/0 (or as text)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _ON:
            return True
        if text in _OFF:
            return False
    raise InvalidValue(f"device {name!r}: expected on or off (true/false, 1/0), got {value!r}")


def level_value(value, name="device"):
    """``value`` as a float 0.0-1.0 for a PWM output (a number, or a number as text)."""
    if isinstance(value, str):
        try:
            value = float(value.strip())
        except ValueError:
            pass
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InvalidValue(f"device {name!r}: expected a number from 0.0 to 1.0, got {value!r}")
    if not 0.0 <= value <= 1.0:
        raise InvalidValue(f"device {name!r}: expected a number from 0.0 to 1.0, got {value:g}")
    return float(value)


def utc_iso(when=None, *, milliseconds=False):
    """A UTC timestamp as ISO 8601 text ending in Z; ``when`` is a POSIX time or datetime."""
    if when is None:
        when = datetime.datetime.now(datetime.UTC)
    elif not isinstance(when, datetime.datetime):
        when = datetime.datetime.fromtimestamp(float(when), datetime.UTC)
    elif when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    when = when.astimezone(datetime.UTC)
    return when.isoformat(timespec="milliseconds" if milliseconds else "seconds")[:-6] + "Z"


def make_device(declaration, *, pin_factory=None, start_value=None, proc_root="/proc"):
    """Make the device for ``declaration``; outputs are claimed at ``start_value``."""
    kind = declaration.kind
    if kind == "output":
        return DigitalOutput(declaration, start_value, pin_factory)
    if kind == "pwm":
        return PWMOutput(declaration, start_value, pin_factory)
    if kind == "input":
        return DigitalInput(declaration, pin_factory)
    if kind == "cpu_temperature":
        return CPUTemperature(declaration)
    if kind == "ds18b20":
        return DS18B20(declaration)
    return SystemValue(declaration, proc_root)


class Device:
    """What every device has: its ``declaration``, ``gpio`` (the gpiozero device or None)."""

    gpio = None

    def __init__(self, declaration):
        self.declaration = declaration
        self.name = declaration.name

    def check(self, value):
        """Return ``value`` converted for this device, or raise why it cannot be set."""
        kind = self.declaration.kind
        raise ReadOnlyDevice(f"device {self.name!r} is {'an' if kind == 'input' else 'a'} "
                             f"{kind} and is read-only; only outputs and PWM outputs can be set")

    def read(self):
        """The current value (for sensors this reads the hardware and may raise OSError)."""
        raise NotImplementedError

    def close(self):
        """Release the pin (gpiozero makes it an input again)."""
        if self.gpio is not None:
            self.gpio.close()


class DigitalOutput(Device):
    """A relay, LED or anything else switched on and off by one pin.

    Claimed directly at its start value: gpiozero's ``initial_value`` sets the level in the
    same step that makes the pin an output, so an active-low relay never clicks at start.
    """

    def __init__(self, declaration, start_value, pin_factory):
        super().__init__(declaration)
        from gpiozero import DigitalOutputDevice
        self.gpio = DigitalOutputDevice(declaration.pin, active_high=declaration.active_high,
                                        initial_value=bool(start_value), pin_factory=pin_factory)

    def check(self, value):
        return switch_value(value, self.name)

    def read(self):
        return bool(self.gpio.value)

    def write(self, value):
        self.gpio.value = bool(value)

    def switch_off(self):
        self.gpio.off()


class PWMOutput(Device):
    """A dimmable LED, a motor or fan speed: a duty cycle from 0.0 (off) to 1.0 (fully on).

    Claimed at its start level (off, or on for 1.0) and then given its duty cycle, so the
    pin does not pass through the opposite level at start, active-low included.
    """

    def __init__(self, declaration, start_value, pin_factory):
        super().__init__(declaration)
        self.gpio = _steady_pwm_class()(
            declaration.pin, active_high=declaration.active_high,
            initial_value=float(start_value or 0.0), frequency=declaration.frequency,
            pin_factory=pin_factory)

    def check(self, value):
        return level_value(value, self.name)

    def read(self):
        return round(float(self.gpio.value), 4)

    def write(self, value):
        self.gpio.value = float(value)

    def switch_off(self):
        self.gpio.value = 0.0


class DigitalInput(Device):
    """A button, switch, motion sensor or relay feedback: True while active.

    With ``pull_up`` the input is active when pulled low (a button to ground); with a pull-down,
    when high; a floating input says which level is active with ``active_high``.
    """

    def __init__(self, declaration, pin_factory):
        super().__init__(declaration)
        from gpiozero import DigitalInputDevice
        floating = declaration.pull_up is None
        self.gpio = DigitalInputDevice(
            declaration.pin, pull_up=declaration.pull_up,
            active_state=declaration.active_high if floating else None,
            bounce_time=declaration.bounce_time, pin_factory=pin_factory)

    def watch(self, callback):
        """Call ``callback()`` (no arguments) on every edge; None stops watching."""
        self.gpio.when_activated = callback
        self.gpio.when_deactivated = callback

    def read(self):
        return bool(self.gpio.value)


class CPUTemperature(Device):
    """The CPU temperature in °C, read from ``sensor_file`` (millidegrees, as Linux gives it).

    Read here rather than through gpiozero's ``CPUTemperature`` so that it needs no polling
    thread and tests (or a machine without the file) can point it at any file.
    """

    def read(self):
        with open(self.declaration.sensor_file, encoding="ascii") as f:
            return round(int(f.read().strip()) / 1000, 1)


class DS18B20(Device):
    """A 1-Wire DS18B20 temperature sensor in °C, read from sysfs.

    Newer kernels give ``<sysfs_root>/<w1_id>/temperature`` (millidegrees); otherwise
    ``w1_slave`` is parsed (its CRC line must end in YES).  A read takes about 0.75 s.
    """

    def read(self):
        directory = os.path.join(self.declaration.sysfs_root, self.declaration.w1_id)
        try:
            with open(os.path.join(directory, "temperature"), encoding="ascii") as f:
                text = f.read().strip()
        except FileNotFoundError:
            text = None
        if text:
            return round(int(text) / 1000, 2)
        with open(os.path.join(directory, "w1_slave"), encoding="ascii") as f:
            lines = f.read().splitlines()
        if len(lines) < 2 or not lines[0].strip().endswith("YES") or "t=" not in lines[1]:
            raise ValueError(f"bad reading (CRC check failed) in {directory}/w1_slave")
        return round(int(lines[1].rsplit("t=", 1)[1]) / 1000, 2)


class SystemValue(Device):
    """The server's time (UTC, ISO 8601), uptime (seconds) or load (1-minute average)."""

    def __init__(self, declaration, proc_root="/proc"):
        super().__init__(declaration)
        self.proc_root = proc_root

    def read(self):
        which = self.declaration.value
        if which == "time":
            return utc_iso()
        if which == "uptime":
            with open(os.path.join(self.proc_root, "uptime"), encoding="ascii") as f:
                return int(float(f.read().split()[0]))
        with open(os.path.join(self.proc_root, "loadavg"), encoding="ascii") as f:
            return round(float(f.read().split()[0]), 2)


@functools.cache
def _steady_pwm_class():
    from gpiozero import OutputDevice, PWMOutputDevice

    class SteadyPWMOutputDevice(PWMOutputDevice):
        """gpiozero's PWMOutputDevice, claimed at its start level.

        gpiozero's own claims the pin as an output at whatever level the backend picks (low on
        lgpio) before setting the duty cycle.
        """

        def __init__(self, pin, *, active_high, initial_value, frequency, pin_factory):
            self._blink_thread = None
            self._controller = None
            OutputDevice.__init__(self, pin, active_high=active_high,
                                  initial_value=initial_value >= 1.0, pin_factory=pin_factory)
            try:
                self.pin.frequency = frequency
                self.value = initial_value
            except BaseException:
                self.close()
                raise

    return SteadyPWMOutputDevice
