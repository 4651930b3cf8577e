"""The pin backend is chosen honestly: mock off a Pi or when asked, an error on a Pi that
cannot load one; factories are injected, never global; lgpio/RPi.GPIO claim pins steadily."""

import logging
import sys
import types

import gpiozero
import gpiozero.pins.local
import pytest

from skipole.hardware import BackendError, load_hardware
from skipole.hardware import backends
from skipole.hardware.backends import (
    mock_pin_factory, open_backend, raspberry_pi_model, requested_backend,
)


@pytest.fixture
def pi_model(tmp_path):
    path = tmp_path / "pi-model"
    path.write_bytes(b"Raspberry Pi 4 Model B Rev 1.4\x00")
    return (str(tmp_path / "missing"), str(path))


@pytest.fixture
def not_a_pi(tmp_path):
    path = tmp_path / "vm-model"
    path.write_bytes(b"QEMU Virtual Machine\x00")
    return (str(path),)


@pytest.fixture
def no_pin_libraries(monkeypatch):
    """Make lgpio and RPi.GPIO (and gpiozero's modules for them) impossible to import."""
    for name in ("lgpio", "RPi", "RPi.GPIO", "gpiozero.pins.lgpio", "gpiozero.pins.rpigpio"):
        monkeypatch.setitem(sys.modules, name, None)


def test_the_board_model_is_read_from_the_device_tree(pi_model, not_a_pi, tmp_path):
    assert raspberry_pi_model(pi_model) == "Raspberry Pi 4 Model B Rev 1.4"
    assert raspberry_pi_model(not_a_pi) is None
    assert raspberry_pi_model((str(tmp_path / "nothing"),)) is None


@pytest.mark.parametrize(("setting", "environ", "expected"), [
    ("lgpio", {"SKIPOLE_HARDWARE": "mock", "GPIOZERO_PIN_FACTORY": "rpigpio"},
     ("lgpio", "the hardware setting")),
    ("auto", {"SKIPOLE_HARDWARE": "mock", "GPIOZERO_PIN_FACTORY": "lgpio"},
     ("mock", "SKIPOLE_HARDWARE")),
    (None, {"SKIPOLE_HARDWARE": "auto", "GPIOZERO_PIN_FACTORY": "RPiGPIO"},
     ("rpigpio", "GPIOZERO_PIN_FACTORY")),
    ("auto", {"GPIOZERO_PIN_FACTORY": "mock"}, ("mock", "GPIOZERO_PIN_FACTORY")),
    ("auto", {}, ("auto", "auto")),
])
def test_the_setting_beats_the_environment_which_beats_gpiozero(setting, environ, expected):
    assert requested_backend(setting, environ) == expected


@pytest.mark.parametrize(("setting", "environ", "words"), [
    ("gpiod", {}, "the hardware setting = 'gpiod'"),
    ("auto", {"SKIPOLE_HARDWARE": "fake"}, "SKIPOLE_HARDWARE = 'fake'"),
    ("auto", {"GPIOZERO_PIN_FACTORY": "rpio"}, "GPIOZERO_PIN_FACTORY = 'rpio'"),
])
def test_an_unknown_backend_name_is_refused(setting, environ, words):
    with pytest.raises(BackendError, match=words):
        requested_backend(setting, environ)


def test_auto_off_a_pi_simulates_the_pins(not_a_pi):
    backend = open_backend("auto", {}, model_paths=not_a_pi)
    try:
        assert (backend.name, backend.simulated) == ("mock", True)
        assert "not a Raspberry Pi" in backend.reason
    finally:
        backend.factory.close()


def test_auto_on_a_pi_without_a_backend_is_an_error_never_a_silent_mock(pi_model,
                                                                         no_pin_libraries):
    with pytest.raises(BackendError) as caught:
        open_backend("auto", {}, model_paths=pi_model)
    message = str(caught.value)
    assert "Raspberry Pi 4" in message and "lgpio" in message and "rpigpio" in message
    assert "python3-lgpio" in message and "--hardware mock" in message


def test_an_explicit_backend_that_cannot_load_is_an_error_off_a_pi_too(not_a_pi,
                                                                        no_pin_libraries):
    with pytest.raises(BackendError, match="the lgpio pin backend .* cannot be used"):
        open_backend("lgpio", {}, model_paths=not_a_pi)
    with pytest.raises(BackendError, match="GPIOZERO_PIN_FACTORY asks for it"):
        open_backend("auto", {"GPIOZERO_PIN_FACTORY": "rpigpio"}, model_paths=not_a_pi)


def test_mock_asked_for_on_a_pi_is_simulated_and_says_so(pi_model, caplog):
    with caplog.at_level(logging.WARNING, logger="skipole.hardware"):
        backend = open_backend("auto", {"SKIPOLE_HARDWARE": "mock"}, model_paths=pi_model)
    backend.factory.close()
    assert backend.simulated and backend.name == "mock"
    assert "SIMULATED" in caplog.text and "SKIPOLE_HARDWARE" in caplog.text


def test_load_hardware_reports_simulated_pins(tmp_path, not_a_pi):
    (tmp_path / "hardware.toml").write_text('[devices.led]\nkind = "output"\npin = 17\n')
    hardware = load_hardware(tmp_path, tmp_path / "state", environ={}, model_paths=not_a_pi,
                             config_txt=(), background=False)
    try:
        assert hardware.status()["simulated"] is True
        assert hardware.status()["backend"] == "mock"
    finally:
        hardware.close(release=True)


def test_sensors_alone_need_no_pin_backend_even_on_a_pi(tmp_path, pi_model, no_pin_libraries):
    (tmp_path / "temp").write_text("41000\n")
    (tmp_path / "hardware.toml").write_text(
        f'[devices.cpu]\nkind = "cpu_temperature"\nsensor_file = "{tmp_path / "temp"}"\n')
    hardware = load_hardware(tmp_path, tmp_path / "state", environ={}, model_paths=pi_model,
                             background=False)
    try:
        assert hardware.get("cpu") == 41.0
        assert (hardware.backend, hardware.simulated) == ("none", False)
    finally:
        hardware.close()


def test_each_mock_factory_has_pins_of_its_own():
    first, second = mock_pin_factory(), mock_pin_factory()
    try:
        a = gpiozero.DigitalOutputDevice(17, pin_factory=first, initial_value=True)
        b = gpiozero.DigitalOutputDevice(17, pin_factory=second, initial_value=False)
        assert first.pin(17) is not second.pin(17)
        assert (first.pin(17).state, second.pin(17).state) == (True, False)
        a.close()
        b.close()
    finally:
        first.close()
        second.close()


def test_two_applications_in_one_process_do_not_share_pins(mock_hardware):
    toml = '[devices.led]\nkind = "output"\npin = 17\n'
    one = mock_hardware(toml=toml, background=False)
    two = mock_hardware(toml=toml, background=False)
    one.hardware.set("led", True)
    assert one.pin_level("led") is True and two.pin_level("led") is False


# ---- lgpio and RPi.GPIO, with stand-in libraries that record what is done to the pins ----

class FakeLgpio(types.ModuleType):
    """Records claims, writes and PWM starts the way lgpio would do them to a gpiochip."""

    SET_PULL_NONE = SET_BIAS_DISABLE = 0
    SET_PULL_UP = SET_BIAS_PULL_UP = 1
    SET_PULL_DOWN = SET_BIAS_PULL_DOWN = 2
    RISING_EDGE, FALLING_EDGE, BOTH_EDGES = 1, 2, 3

    class error(Exception):  # noqa: N801 - lgpio's name
        pass

    def __init__(self):
        super().__init__("lgpio")
        self.calls, self.levels, self.modes = [], {}, {}

    def gpiochip_open(self, chip):
        return 7

    def gpiochip_close(self, handle):
        pass

    def gpio_claim_input(self, handle, pin, flags=0):
        self.calls.append(("input", pin))
        self.modes[pin] = 0

    def gpio_claim_output(self, handle, pin, level=0, flags=0):
        self.calls.append(("output", pin, level))
        self.modes[pin], self.levels[pin] = 2, level

    def gpio_write(self, handle, pin, level):
        self.calls.append(("write", pin, int(level)))
        self.levels[pin] = int(level)

    def gpio_read(self, handle, pin):
        return self.levels.get(pin, 0)

    def gpio_get_mode(self, handle, pin):
        return self.modes.get(pin, 0)

    def tx_pwm(self, handle, pin, frequency, duty, *rest):
        self.calls.append(("pwm", pin, duty))

    def gpio_free(self, handle, pin):
        pass


class FakeGPIO(types.ModuleType):
    """Records setups, outputs and PWM starts the way RPi.GPIO would do them."""

    BCM, IN, OUT, HARD_PWM, SERIAL, SPI, I2C, UNKNOWN = 11, 1, 0, 43, 40, 41, 42, -1
    I = I2C  # noqa: E741 - gpiozero reads GPIO.I2C under this spelling in some versions
    PUD_OFF, PUD_UP, PUD_DOWN = 20, 22, 21
    RISING, FALLING, BOTH = 31, 32, 33

    def __init__(self):
        super().__init__("RPi.GPIO")
        self.calls, self.levels, self.functions = [], {}, {}
        fake = self

        class PWM:
            def __init__(self, pin, frequency):
                self.pin = pin

            def start(self, duty):
                fake.calls.append(("pwm", self.pin, duty))

            def ChangeDutyCycle(self, duty):  # noqa: N802 - RPi.GPIO's name
                fake.calls.append(("pwm", self.pin, duty))

            def ChangeFrequency(self, frequency):  # noqa: N802
                pass

            def stop(self):
                fake.calls.append(("pwm-stop", self.pin))

        self.PWM = PWM

    def setmode(self, mode):
        pass

    def setwarnings(self, flag):
        pass

    def setup(self, pin, function, pull_up_down=None, initial=None):
        if function == self.OUT:
            self.calls.append(("output", pin, None if initial is None else int(initial)))
            if initial is not None:
                self.levels[pin] = int(initial)
        else:
            self.calls.append(("input", pin))
        self.functions[pin] = function

    def gpio_function(self, pin):
        return self.functions.get(pin, self.IN)

    def output(self, pin, level):
        self.calls.append(("write", pin, int(level)))
        self.levels[pin] = int(level)

    def input(self, pin):
        return self.levels.get(pin, 0)

    def cleanup(self, *pins):
        pass


@pytest.fixture
def fake_pi_library(monkeypatch):
    """Install a stand-in lgpio or RPi.GPIO; gpiozero's module for it is imported afresh."""
    monkeypatch.setattr(gpiozero.pins.local, "get_pi_revision", lambda: 0xa02082)
    modules = ("gpiozero.pins.lgpio", "gpiozero.pins.rpigpio")

    def install(which):
        for name in modules:
            monkeypatch.delitem(sys.modules, name, raising=False)
        if which == "lgpio":
            fake = FakeLgpio()
            monkeypatch.setitem(sys.modules, "lgpio", fake)
        else:
            fake = FakeGPIO()
            package = types.ModuleType("RPi")
            package.GPIO = fake
            monkeypatch.setitem(sys.modules, "RPi", package)
            monkeypatch.setitem(sys.modules, "RPi.GPIO", fake)
        return fake

    yield install
    for name in modules:
        sys.modules.pop(name, None)
        if hasattr(gpiozero.pins, name.rsplit(".", 1)[1]):
            delattr(gpiozero.pins, name.rsplit(".", 1)[1])
    backends._steady_lgpio_pin_class.cache_clear()
    backends._steady_rpigpio_pin_class.cache_clear()


ACTIVE_LOW_OFF = """
[devices.relay]
kind = "output"
pin = 17
active_high = false
[devices.fan]
kind = "pwm"
pin = 18
active_high = false
[devices.lamp]
kind = "output"
pin = 23
power_on = "on"
"""


@pytest.mark.parametrize("library", ["lgpio", "rpigpio"])
def test_real_backends_claim_outputs_at_their_start_level(library, fake_pi_library, tmp_path,
                                                          not_a_pi):
    fake = fake_pi_library(library)
    (tmp_path / "hardware.toml").write_text(ACTIVE_LOW_OFF)
    hardware = load_hardware(tmp_path, tmp_path / "state", backend=library, environ={},
                             model_paths=not_a_pi, config_txt=(), background=False)
    try:
        assert (hardware.backend, hardware.simulated) == (library, False)
        started = list(fake.calls)
        relay = [c for c in started if c[1] == 17 and c[0] != "input"]
        fan = [c for c in started if c[1] == 18 and c[0] != "input"]
        lamp = [c for c in started if c[1] == 23 and c[0] != "input"]
        # active-low off = high; the pin is an output at that level from the first moment
        assert relay[0] == ("output", 17, 1)
        assert all(c[2] == 1 for c in relay)
        assert fan[0] == ("output", 18, 1)
        assert all(c[2] in (1, 100) for c in fan)
        assert lamp[0] == ("output", 23, 1) and all(c[2] == 1 for c in lamp)
        hardware.set("relay", "on")
        assert fake.levels[17] == 0
    finally:
        hardware.close(release=True)


def test_gpiozero_loads_without_its_rarely_used_heavy_imports():
    """gpiozero imports pkg_resources (1.6's mock module) or importlib.metadata (2.x) at the top,
    megabytes of memory for a served appliance, yet calls them only to look a pin factory or
    a mock pin class up by name.  Making pins must not load them; such a lookup still works."""
    import subprocess
    code = (
        "import sys\n"
        "from skipole.hardware.backends import mock_pin_factory\n"
        "factory = mock_pin_factory()\n"
        "factory.pin(17).drive_high()\n"
        "print(sorted(m for m in ('pkg_resources', 'importlib.metadata') if m in sys.modules))\n"
        "import gpiozero.pins.mock as mock\n"
        "print(mock.MockFactory(pin_class='mockpin').pin_class.__name__)\n"     # loads it on use
        "print(sorted(m for m in ('pkg_resources', 'importlib.metadata') if m in sys.modules) != [])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:3] == ["[]", "MockPin", "True"], out.stdout


def test_a_mock_pin_remembers_a_bounded_history():
    """gpiozero's mock pins keep every level they ever had: an appliance served on simulated
    pins must not grow by it switch after switch."""
    from skipole.hardware.backends import MOCK_PIN_HISTORY, mock_pin_factory
    from gpiozero.pins.mock import MockPWMPin
    factory = mock_pin_factory()
    pin = factory.pin(17)
    assert isinstance(pin, MockPWMPin)
    pin.function = "output"
    for i in range(MOCK_PIN_HISTORY + 500):
        pin.state = i % 2
    assert len(pin.states) == MOCK_PIN_HISTORY
    assert pin.states[-1].state == (MOCK_PIN_HISTORY + 499) % 2
    pin.clear_states()
    assert len(pin.states) == 1
    for _ in range(MOCK_PIN_HISTORY * 2):
        pin.state = 1 - pin.state
    assert len(pin.states) == MOCK_PIN_HISTORY            # still bounded after clear_states
