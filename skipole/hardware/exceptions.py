"""Every exception the hardware layer raises, in one place.

Each says when it is raised and what to do about it; ``status`` is the HTTP status an API
should answer with, so the web layer maps errors without a table of its own.
"""

__all__ = [
    "HardwareError", "HardwareConfigError", "BackendError", "UnknownDevice",
    "ReadOnlyDevice", "InvalidValue", "Conflict", "HardwareClosed",
]


class HardwareError(Exception):
    """Base of every hardware-layer error; ``status`` is the HTTP status that fits it."""

    status = "500 Internal Server Error"


class HardwareConfigError(HardwareError, ValueError):
    """``hardware.toml`` is wrong: fix the device and key the message names, then restart.

    ``source`` is the file, ``device`` and ``key`` what is wrong (either may be None) and
    ``problem`` the explanation.
    """

    def __init__(self, problem, *, device=None, key=None, source="hardware.toml"):
        self.problem = problem
        self.device = device
        self.key = key
        self.source = source
        where = [str(source)]
        if device is not None:
            where.append(f"device {device!r}")
        if key is not None:
            where.append(f"key {key!r}")
        super().__init__(": ".join(where + [problem]))


class BackendError(HardwareError):
    """The pin backend cannot be used (library missing, no access to /dev/gpiochip*).

    On a Raspberry Pi this is never replaced by simulated pins: install the library the
    message names, or ask for ``--hardware mock`` explicitly.
    """


class UnknownDevice(HardwareError, LookupError):
    """No device of that name is declared in ``hardware.toml``."""

    status = "404 Not Found"


class ReadOnlyDevice(HardwareError):
    """A value was set on an input or a sensor; only outputs and PWM outputs can be set."""

    status = "405 Method Not Allowed"


class InvalidValue(HardwareError, ValueError):
    """A value or setting does not suit the device (wrong type or out of range)."""

    status = "400 Bad Request"


class Conflict(HardwareError):
    """Device settings changed since the caller read them: reload them and try again."""

    status = "409 Conflict"


class HardwareClosed(HardwareError):
    """The hardware has been closed (the service is stopping); nothing can be set."""

    status = "503 Service Unavailable"
