"""Choose the gpiozero pin factory that drives the pins: lgpio, RPi.GPIO, or simulated.

The factory is handed to every device (``pin_factory=``); gpiozero's global
``Device.pin_factory`` is never set, so two applications in one process do not share pins.
On a Raspberry Pi a backend that cannot load is an error, never a silent switch to mock pins.
"""

import collections
import contextlib
import dataclasses
import functools
import importlib
import logging
import os
import sys
import threading
import types

from .exceptions import BackendError

__all__ = [
    "Backend", "open_backend", "mock_pin_factory", "raspberry_pi_model", "requested_backend",
    "BACKENDS", "MODEL_PATHS",
]

log = logging.getLogger("skipole.hardware")

#: what the ``hardware`` setting and ``SKIPOLE_HARDWARE`` accept
BACKENDS = ("auto", "mock", "lgpio", "rpigpio")
#: where Linux shows the board model (the second is the same file on older kernels)
MODEL_PATHS = ("/proc/device-tree/model", "/sys/firmware/devicetree/base/model")
#: GPIOZERO_PIN_FACTORY names we honour, and the backend each means
_GPIOZERO_NAMES = {"mock": "mock", "lgpio": "lgpio", "rpigpio": "rpigpio", "rpi.gpio": "rpigpio",
                   "pigpio": "pigpio", "native": "native"}
_ADVICE = {
    "lgpio": "install python3-lgpio (Raspberry Pi OS) or 'pip install lgpio', and give the "
             "service user access to /dev/gpiochip* (group gpio)",
    "rpigpio": "install python3-rpi-lgpio (any Pi) or python3-rpi.gpio (Pi 4 and older), and "
               "give the service user access to /dev/gpiomem (group gpio)",
    "pigpio": "install python3-pigpio and start pigpiod (not available on a Pi 5)",
    "native": "gpiozero's native backend needs /dev/gpiomem",
}


@dataclasses.dataclass(frozen=True)
class Backend:
    """The chosen pin factory: ``name`` (mock, lgpio, rpigpio, pigpio, native), the gpiozero
    ``factory``, ``simulated`` (True for mock pins, which the UI must say) and ``reason``."""

    name: str
    factory: object
    simulated: bool
    reason: str


def open_backend(backend="auto", environ=None, *, model_paths=MODEL_PATHS):
    """Open the pin factory asked for and return a ``Backend``.

    ``backend`` is the ``hardware`` setting (auto, mock, lgpio, rpigpio).  When it is auto,
    ``SKIPOLE_HARDWARE`` then ``GPIOZERO_PIN_FACTORY`` in ``environ`` (default ``os.environ``)
    may ask.  auto on a Raspberry Pi tries lgpio then rpigpio and raises ``BackendError`` if
    neither loads; auto elsewhere gives simulated pins.
    """
    environ = os.environ if environ is None else environ
    name, source = requested_backend(backend, environ)
    model = raspberry_pi_model(model_paths)
    if name == "auto":
        if model is None:
            return Backend("mock", mock_pin_factory(), True,
                           "not a Raspberry Pi, so the pins are simulated")
        failures = []
        for candidate in ("lgpio", "rpigpio"):
            try:
                factory = _open(candidate)
            except Exception as exc:
                failures.append(f"{candidate}: {type(exc).__name__}: {exc}")
                continue
            return Backend(candidate, factory, False, f"{model}, automatic choice")
        raise BackendError(
            f"this is a {model} but no pin backend loads ({'; '.join(failures)}). To fix: "
            f"{_ADVICE['lgpio']}; or {_ADVICE['rpigpio']}. To run with simulated pins "
            "instead, ask for them: --hardware mock or SKIPOLE_HARDWARE=mock.")
    if name == "mock":
        if model is not None:
            log.warning("%s: pins are SIMULATED because %s asks for the mock backend",
                        model, source)
        return Backend("mock", mock_pin_factory(), True, f"{source} asks for simulated pins")
    try:
        factory = _open(name)
    except Exception as exc:
        raise BackendError(
            f"the {name} pin backend ({source} asks for it) cannot be used: "
            f"{type(exc).__name__}: {exc}. To fix: {_ADVICE[name]}.") from exc
    return Backend(name, factory, False, f"{source} asks for {name}")


def requested_backend(backend=None, environ=None):
    """Which backend is asked for, and by whom: (name, source); name may be "auto".

    Precedence: the ``hardware`` setting, then ``SKIPOLE_HARDWARE``, then gpiozero's own
    ``GPIOZERO_PIN_FACTORY`` -- each counts only when it is not auto.
    """
    environ = os.environ if environ is None else environ
    if backend not in (None, "", "auto"):
        return _check(backend, "the hardware setting"), "the hardware setting"
    asked = str(environ.get("SKIPOLE_HARDWARE", "")).strip().lower()
    if asked not in ("", "auto"):
        return _check(asked, "SKIPOLE_HARDWARE"), "SKIPOLE_HARDWARE"
    asked = str(environ.get("GPIOZERO_PIN_FACTORY", "")).strip().lower()
    if asked:
        if asked not in _GPIOZERO_NAMES:
            raise BackendError(f"GPIOZERO_PIN_FACTORY = {asked!r}: skipole understands "
                               f"{', '.join(sorted(_GPIOZERO_NAMES))}")
        return _GPIOZERO_NAMES[asked], "GPIOZERO_PIN_FACTORY"
    return "auto", "auto"


def _check(name, source):
    name = str(name).strip().lower()
    if name not in BACKENDS:
        raise BackendError(f"{source} = {name!r}: expected auto, mock, lgpio or rpigpio")
    return name


def raspberry_pi_model(paths=MODEL_PATHS):
    """The board model (e.g. "Raspberry Pi 4 Model B Rev 1.4") on a Raspberry Pi, else None."""
    for path in paths:
        try:
            with open(path, "rb") as f:
                model = f.read().replace(b"\x00", b"").decode("utf-8", "replace").strip()
        except OSError:
            continue
        if "Raspberry Pi" in model:
            return model
    return None


def mock_pin_factory(revision=None):
    """A new gpiozero ``MockFactory`` with PWM-capable pins that belong to it alone."""
    with _lean_gpiozero_import():
        pin_class = _bounded_mock_pin_class()
    return _isolated_mock_factory_class()(revision=revision, pin_class=pin_class)


#: how many past levels a mock pin remembers (``MockHardware.pin_history``)
MOCK_PIN_HISTORY = 100


@functools.cache
def _bounded_mock_pin_class():
    from gpiozero.pins.mock import MockPWMPin

    class BoundedMockPWMPin(MockPWMPin):
        """gpiozero's ``MockPWMPin``, remembering its last ``MOCK_PIN_HISTORY`` levels only.

        gpiozero keeps every level a mock pin ever had (for its tests' ``assert_states``): an
        appliance served on simulated pins would grow by some 150 bytes a switch, for ever.
        """

        def clear_states(self):
            super().clear_states()
            self.states = collections.deque(self.states, maxlen=MOCK_PIN_HISTORY)

    return BoundedMockPWMPin


#: what gpiozero imports at its top yet calls only to find a pin factory or a mock pin class
#: by name (we always pass ready objects): ``pkg_resources`` in gpiozero 1.6's mock module,
#: ``importlib.metadata`` in gpiozero 2's package and mock module
_RARELY_USED = {"pkg_resources": ("get_distribution", "load_entry_point", "iter_entry_points"),
                "importlib.metadata": ("entry_points",)}


@contextlib.contextmanager
def _lean_gpiozero_import():
    """Import gpiozero without loading ``pkg_resources`` or ``importlib.metadata`` at once.

    Each costs a served appliance several MB (``importlib.metadata`` pulls in email, zipfile
    and csv: 4 MB; ``pkg_resources`` 7 MB) for functions gpiozero calls only when it looks a
    pin factory or a mock pin class up by name.  While gpiozero's modules are first imported a
    stand-in takes each name in ``sys.modules``; what they take from it are functions that
    import the real module when called.  Anything else asked of it loads the real module.
    """
    added = {}
    for name in _RARELY_USED:
        if name not in sys.modules:
            added[name] = sys.modules[name] = _DeferredModule(name)
    try:
        yield
    finally:
        for name, stand_in in added.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


class _DeferredModule(types.ModuleType):
    """A stand-in module: its known functions import the real module when first called."""

    def __getattr__(self, attr):
        if attr.startswith("__"):       # the import system probing (__path__ ...): a plain module
            raise AttributeError(attr)
        if attr not in _RARELY_USED.get(self.__name__, ()):
            return getattr(self._real(), attr)

        def deferred(*args, **kwargs):
            return getattr(self._real(), attr)(*args, **kwargs)
        deferred.__name__ = deferred.__qualname__ = attr
        return deferred

    def _real(self):
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return importlib.import_module(self.__name__)


def _open(name):
    with _lean_gpiozero_import():
        return _open_factory(name)


def _open_factory(name):
    if name == "mock":
        return mock_pin_factory()
    if name == "lgpio":
        from gpiozero.pins.lgpio import LGPIOFactory
        if not os.access(os.getcwd(), os.W_OK) and "LG_WD" not in os.environ:
            log.warning("lgpio writes notification files in the working directory %s, which "
                        "is not writable: set LG_WD or WorkingDirectory= to the state directory",
                        os.getcwd())
        factory = LGPIOFactory()
        factory.pin_class = _steady_lgpio_pin_class()
        return factory
    if name == "rpigpio":
        from gpiozero.pins.rpigpio import RPiGPIOFactory
        factory = RPiGPIOFactory()
        factory.pin_class = _steady_rpigpio_pin_class()
        return factory
    if name == "pigpio":
        from gpiozero.pins.pigpio import PiGPIOFactory
        return PiGPIOFactory()
    if name == "native":
        from gpiozero.pins.native import NativeFactory
        return NativeFactory()
    raise BackendError(f"unknown pin backend {name!r}")


# The classes below subclass gpiozero's, so they are made on first use: importing this module
# must not import a backend library that may be missing.

@functools.cache
def _isolated_mock_factory_class():
    from gpiozero.pins.mock import MockFactory

    class IsolatedMockFactory(MockFactory):
        """A MockFactory whose pins and reservations are its own.

        gpiozero 1.6 keeps one pin table for every local factory in the process, so two
        applications (or two tests) would see each other's mock pins.
        """

        def __init__(self, revision=None, pin_class=None):
            super().__init__(revision=revision, pin_class=pin_class)
            self.pins = {}
            self._reservations = collections.defaultdict(list)
            self._res_lock = threading.Lock()

    return IsolatedMockFactory


@functools.cache
def _steady_lgpio_pin_class():
    import lgpio
    from gpiozero.pins.lgpio import LGPIOPin

    class SteadyLGPIOPin(LGPIOPin):
        """An lgpio pin claimed as an output directly at its start level.

        gpiozero's lgpio pin claims an output low and then writes the level, a glitch for an
        active-low relay; and starts PWM at 0 % duty, a glitch for an active-low PWM load.
        """

        def output_with_state(self, state):
            if self._callback is not None:
                self._callback.cancel()
                self._callback = None
            lgpio.gpio_claim_output(self.factory._handle, self._number, 1 if state else 0)

        def _set_frequency(self, value):
            if not self._pwm and value is not None and value > 0 and self.function == "output":
                duty = 100 if lgpio.gpio_read(self.factory._handle, self._number) else 0
                lgpio.tx_pwm(self.factory._handle, self._number, value, duty)
                self._pwm = (value, duty)
            else:
                super()._set_frequency(value)

    return SteadyLGPIOPin


@functools.cache
def _steady_rpigpio_pin_class():
    from gpiozero.pins.rpigpio import RPiGPIOPin
    from RPi import GPIO

    class SteadyRPiGPIOPin(RPiGPIOPin):
        """An RPi.GPIO pin whose PWM starts at the level the pin already has (gpiozero starts
        it at 0 % duty).  Claiming an output at its level is already done by RPi.GPIO."""

        def _set_frequency(self, value):
            if self._frequency is None and value is not None:
                level = GPIO.input(self._number)
                try:
                    pwm = GPIO.PWM(self._number, value)
                except RuntimeError:
                    super()._set_frequency(value)
                    return
                duty = 100 if level else 0
                pwm.start(duty)
                self._pwm = pwm
                self._duty_cycle = duty / 100
                self._frequency = value
            else:
                super()._set_frequency(value)

    return SteadyRPiGPIOPin
