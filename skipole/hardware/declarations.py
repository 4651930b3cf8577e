"""Read a project's ``hardware.toml``: the named devices an appliance controls and watches.

Every key of every kind is declared once below with its converter, so a wrong declaration is
refused at start with one ``HardwareConfigError`` naming the device, the key and the problem.
Pins that clash with an enabled bus (1-Wire, I2C, UART, SPI) only get a logged warning.
"""

import dataclasses
import logging
import math
import os
import re
import tomllib

from .exceptions import HardwareConfigError

__all__ = [
    "DeviceDeclaration", "load_declarations", "parse_declarations", "bus_warnings",
    "KINDS", "PIN_KINDS", "OUTPUT_KINDS", "SENSOR_KINDS", "CONFIG_TXT_PATHS",
]

log = logging.getLogger("skipole.hardware")

KINDS = ("output", "pwm", "input", "cpu_temperature", "ds18b20", "system")
PIN_KINDS = ("output", "pwm", "input")
OUTPUT_KINDS = ("output", "pwm")
SENSOR_KINDS = ("cpu_temperature", "ds18b20", "system")
SYSTEM_VALUES = ("time", "uptime", "load")

#: where Raspberry Pi OS keeps the firmware configuration (bookworm first)
CONFIG_TXT_PATHS = ("/boot/firmware/config.txt", "/boot/config.txt")

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
_W1_ID = re.compile(r"^[0-9a-fA-F]{2}-[0-9a-fA-F]{12}$")


@dataclasses.dataclass(frozen=True)
class DeviceDeclaration:
    """One device as declared (and, for description/power_on/default, as edited later).

    ``value`` is the system value (time, uptime, load) of a ``system`` device.  For inputs
    ``active_high`` is worked out from ``pull_up`` (a pulled-up button is active when low),
    unless the input is floating, where it is declared.
    """

    name: str
    kind: str
    description: str = ""
    pin: int | None = None
    active_high: bool = True
    power_on: str = "off"
    default: bool | float = False
    on_stop: str = "leave"
    frequency: float = 100.0
    pull_up: bool | None = False
    bounce_time: float | None = None
    sensor_file: str = "/sys/class/thermal/thermal_zone0/temp"
    w1_id: str | None = None
    sysfs_root: str = "/sys/bus/w1/devices"
    value: str | None = None
    unit: str = ""
    sample_every: float | None = None
    read_every: float = 5.0
    min: float | None = None
    max: float | None = None

    @property
    def writable(self):
        """True for outputs and PWM outputs, the only devices that can be set."""
        return self.kind in OUTPUT_KINDS

    @property
    def numeric(self):
        """True when the value is a number (or a bool) that a chart or gauge can show."""
        return not (self.kind == "system" and self.value == "time")

    def as_dict(self):
        """The declaration as plain JSON-ready data, without keys that do not apply."""
        data = dataclasses.asdict(self)
        return {key: data[key] for key in ("name", "kind") + _KIND_KEYS[self.kind]}


# ---- converters: each returns the value or raises ValueError with the reason ----

def _pin(value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected a BCM GPIO number 0-27, got {value!r}")
    if not 0 <= value <= 27:
        raise ValueError(f"expected a BCM GPIO number 0-27, got {value}")
    return value


def _bool(value):
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _choice(*options):
    def convert(value):
        if value not in options:
            wanted = ", ".join(options[:-1]) + " or " + options[-1]
            raise ValueError(f"expected {wanted}, got {value!r}")
        return value
    return convert


def _text(limit):
    def convert(value):
        if not isinstance(value, str):
            raise ValueError(f"expected text, got {value!r}")
        if len(value) > limit:
            raise ValueError(f"expected at most {limit} characters, got {len(value)}")
        return value
    return convert


def _path(value):
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected a file or directory path, got {value!r}")
    return value


def _number(low=None, high=None, *, above=None):
    def convert(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value):
            raise ValueError(f"expected a number, got {value!r}")
        if above is not None and value <= above:
            raise ValueError(f"expected a number above {above:g}, got {value:g}")
        if low is not None and value < low or high is not None and value > high:
            if low is None:
                raise ValueError(f"expected a number up to {high:g}, got {value:g}")
            raise ValueError(f"expected a number from {low:g} to {high:g}, got {value:g}")
        return float(value)
    return convert


def _bounce(value):
    seconds = _number(0, 10)(value)
    return seconds or None


def _pull_up(value):
    if value == "floating":
        return None
    if not isinstance(value, bool):
        raise ValueError(f"expected true, false or \"floating\", got {value!r}")
    return value


def _w1_id(value):
    if not isinstance(value, str) or not _W1_ID.match(value):
        raise ValueError(f"expected a 1-Wire id such as \"28-0316a2797aff\", got {value!r}")
    return value.lower()


def _output_default(value):
    if isinstance(value, bool):
        return value
    if value in ("on", "off"):
        return value == "on"
    raise ValueError(f"expected true, false, \"on\" or \"off\", got {value!r}")


#: key: (converter, help) -- every key any kind accepts; docs/hardware.md explains them
KEYS = {
    "kind": (_choice(*KINDS), "what the device is"),
    "description": (_text(200), "text shown beside the device"),
    "pin": (_pin, "BCM GPIO number"),
    "active_high": (_bool, "true when the device is on/active at a high level"),
    "power_on": (_choice("off", "on", "restore"), "output value when the service starts"),
    "default": (None, "value for power_on = restore when nothing was saved"),
    "on_stop": (_choice("leave", "off"), "what the service does to the output when it stops"),
    "frequency": (_number(above=0, high=10000), "PWM frequency in Hz"),
    "pull_up": (_pull_up, "input pull resistor: true (up), false (down) or \"floating\""),
    "bounce_time": (_bounce, "ignore input edges for this many seconds after one"),
    "sensor_file": (_path, "file holding the CPU temperature in millidegrees"),
    "w1_id": (_w1_id, "the 1-Wire id of a DS18B20 (directory name in sysfs)"),
    "sysfs_root": (_path, "directory holding the 1-Wire device directories"),
    "value": (_choice(*SYSTEM_VALUES), "which system value"),
    "unit": (_text(16), "unit shown after the value"),
    "sample_every": (_number(1, 86400), "seconds between history samples"),
    "read_every": (_number(0.5, 3600), "seconds between sensor reads"),
    "min": (_number(), "lowest value a gauge shows"),
    "max": (_number(), "highest value a gauge shows"),
}

_COMMON = ("description", "sample_every")
_OUTPUT = ("pin", "active_high", "power_on", "default", "on_stop") + _COMMON
_SENSOR = ("unit", "read_every", "min", "max") + _COMMON
_KIND_KEYS = {
    "output": _OUTPUT,
    "pwm": _OUTPUT + ("frequency",),
    "input": ("pin", "pull_up", "active_high", "bounce_time") + _COMMON,
    "cpu_temperature": ("sensor_file",) + _SENSOR,
    "ds18b20": ("w1_id", "sysfs_root") + _SENSOR,
    "system": ("value",) + _SENSOR,
}
_REQUIRED = {"output": ("pin",), "pwm": ("pin",), "input": ("pin",), "ds18b20": ("w1_id",),
             "system": ("value",)}
_KIND_DEFAULTS = {
    "pwm": {"default": 0.0},
    "cpu_temperature": {"unit": "°C", "min": 0.0, "max": 100.0},
    "ds18b20": {"unit": "°C", "min": -55.0, "max": 125.0, "read_every": 10.0},
}
_SYSTEM_UNITS = {"time": "", "uptime": "s", "load": ""}


def load_declarations(path):
    """Read ``hardware.toml`` at ``path``: an ordered dict name -> ``DeviceDeclaration``.

    Raises ``HardwareConfigError`` (naming the file, device and key) when it is wrong.
    """
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        raise HardwareConfigError("file not found", source=path) from None
    except tomllib.TOMLDecodeError as exc:
        raise HardwareConfigError(f"not valid TOML: {exc}", source=path) from None
    except OSError as exc:
        raise HardwareConfigError(f"cannot be read: {exc.strerror}", source=path) from None
    return parse_declarations(data, source=os.fspath(path))


def parse_declarations(data, source="hardware.toml"):
    """Check the parsed TOML ``data`` and return an ordered dict name -> ``DeviceDeclaration``."""
    unknown = [key for key in data if key != "devices"]
    if unknown:
        raise HardwareConfigError(
            f"unknown top-level key {unknown[0]!r} (devices are declared as [devices.NAME])",
            source=source)
    devices = data.get("devices", {})
    if not isinstance(devices, dict):
        raise HardwareConfigError("'devices' must be a table of [devices.NAME] tables",
                                  source=source)
    declarations = {}
    pins = {}
    for name, table in devices.items():
        declaration = _declaration(name, table, source)
        if declaration.pin is not None and declaration.kind in PIN_KINDS:
            if declaration.pin in pins:
                raise HardwareConfigError(
                    f"GPIO{declaration.pin} is already used by device {pins[declaration.pin]!r}",
                    device=name, key="pin", source=source)
            pins[declaration.pin] = name
        declarations[name] = declaration
    return declarations


def _declaration(name, table, source):
    if not _NAME.match(name):
        raise HardwareConfigError(
            "a device name is a letter then up to 63 letters, digits, '_' or '-'",
            device=name, source=source)
    if not isinstance(table, dict):
        raise HardwareConfigError("expected a table of keys", device=name, source=source)

    def fail(problem, key=None):
        return HardwareConfigError(problem, device=name, key=key, source=source)

    if "kind" not in table:
        raise fail(f"is required (one of {', '.join(KINDS)})", "kind")
    try:
        kind = KEYS["kind"][0](table["kind"])
    except ValueError as exc:
        raise fail(str(exc), "kind") from None
    allowed = _KIND_KEYS[kind]
    values = {"name": name, "kind": kind}
    values.update(_KIND_DEFAULTS.get(kind, {}))
    for key, raw in table.items():
        if key == "kind":
            continue
        if key not in allowed:
            if key in KEYS:
                raise fail(f"does not apply to {_a(kind)} device", key)
            raise fail(f"unknown key ({_a(kind)} device takes {', '.join(allowed)})", key)
        try:
            values[key] = _convert(kind, key, raw)
        except ValueError as exc:
            raise fail(str(exc), key) from None
    for key in _REQUIRED.get(kind, ()):
        if key not in values:
            raise fail(f"is required for {_a(kind)} device", key)

    if kind == "input":
        if values.get("pull_up", False) is None:
            if "active_high" not in values:
                raise fail("is required for a floating input (pull_up = \"floating\")",
                           "active_high")
        elif "active_high" in values:
            raise fail("applies only to a floating input; with a pull resistor the active "
                       "level is the opposite of the pull", "active_high")
        else:
            values["active_high"] = not values.get("pull_up", False)
    if kind == "system":
        values.setdefault("unit", _SYSTEM_UNITS[values["value"]])
        if values["value"] == "time":
            for key in ("sample_every", "min", "max"):
                if key in values:
                    raise fail("does not apply to the system time (it is not a number)", key)
    low, high = values.get("min"), values.get("max")
    if low is not None and high is not None and low >= high:
        raise fail(f"must be above min ({low:g}), got {high:g}", "max")
    return DeviceDeclaration(**values)


def _a(kind):
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _convert(kind, key, raw):
    if key == "default":
        if kind == "pwm":
            return _number(0, 1)(raw)
        return _output_default(raw)
    return KEYS[key][0](raw)


# ---- bus clash warnings ----

_BUS_PINS = {
    "I2C": {2: "SDA", 3: "SCL"},
    "UART": {14: "TXD", 15: "RXD"},
    "SPI": {7: "CE1", 8: "CE0", 9: "MISO", 10: "MOSI", 11: "SCLK"},
    "HAT ID EEPROM": {0: "ID_SD", 1: "ID_SC"},
}


def bus_warnings(declarations, config_txt=CONFIG_TXT_PATHS, *, log_them=True):
    """Return (and log) a warning for each declared pin that clashes with a bus.

    The enabled buses are read from the first readable ``config.txt`` in ``config_txt``.  When
    none is readable (off a Pi) every bus pin is reported, worded "if ... is enabled"; a
    declared DS18B20 means 1-Wire is on (GPIO4 unless config.txt moves it).
    """
    enabled = _enabled_buses(config_txt)
    known = enabled is not None
    enabled = enabled or {}
    if any(d.kind == "ds18b20" for d in declarations.values()) and "1-Wire" not in enabled:
        enabled["1-Wire"] = {4: "data"}
    messages = []
    for declaration in declarations.values():
        if declaration.kind not in PIN_KINDS:
            continue
        pin = declaration.pin
        for bus, bus_pins in _BUS_PINS.items():
            if pin not in bus_pins or bus in enabled:
                continue
            if bus == "HAT ID EEPROM":
                messages.append(f"device {declaration.name!r}: GPIO{pin} ({bus_pins[pin]}) is "
                                "reserved for a HAT's ID EEPROM; choose another pin")
            elif not known:
                messages.append(f"device {declaration.name!r}: GPIO{pin} is {bus} "
                                f"{bus_pins[pin]}; it clashes if {bus} is enabled on the Pi")
        for bus, bus_pins in enabled.items():
            if pin in bus_pins:
                messages.append(f"device {declaration.name!r}: GPIO{pin} is {bus} "
                                f"{bus_pins[pin]} and {bus} is enabled; the device and the bus "
                                "will disturb each other")
    if log_them:
        for message in messages:
            log.warning("hardware.toml: %s", message)
    return messages


def _enabled_buses(paths):
    """Buses switched on in config.txt as {bus: {pin: role}}, or None when none is readable."""
    for path in paths:
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                lines = f.read().splitlines()
        except OSError:
            continue
        enabled = {}
        for line in lines:
            line = line.split("#", 1)[0].strip().replace(" ", "")
            if line in ("dtparam=i2c_arm=on", "dtparam=i2c=on"):
                enabled["I2C"] = _BUS_PINS["I2C"]
            elif line == "dtparam=spi=on":
                enabled["SPI"] = _BUS_PINS["SPI"]
            elif line in ("enable_uart=1", "dtparam=uart0=on"):
                enabled["UART"] = _BUS_PINS["UART"]
            elif line.startswith("dtoverlay=w1-gpio"):
                match = re.search(r"gpiopin=(\d+)", line)
                enabled["1-Wire"] = {int(match.group(1)) if match else 4: "data"}
        return enabled
    return None
