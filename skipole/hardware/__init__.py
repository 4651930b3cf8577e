"""The hardware layer: the devices a project declares in ``hardware.toml``, on gpiozero.

``load_hardware(PROJECTDIR, STATE_DIR)`` gives the project's ``Hardware`` (or None when it
declares no devices); the web layer, widgets and responders call its methods.  See
``docs/hardware.md``.
"""

import contextlib
import logging
import os

from .backends import MODEL_PATHS, open_backend
from .declarations import (
    CONFIG_TXT_PATHS, PIN_KINDS, DeviceDeclaration, bus_warnings, load_declarations,
)
from .exceptions import (
    BackendError, Conflict, HardwareClosed, HardwareConfigError, HardwareError, InvalidValue,
    ReadOnlyDevice, UnknownDevice,
)
from .manager import ChangeSet, Hardware

__all__ = [
    "load_hardware", "Hardware", "ChangeSet", "DeviceDeclaration", "load_declarations",
    "HARDWARE_FILE",
    "HardwareError", "HardwareConfigError", "BackendError", "UnknownDevice", "ReadOnlyDevice",
    "InvalidValue", "Conflict", "HardwareClosed",
]

log = logging.getLogger("skipole.hardware")

#: the declarations file in a project directory
HARDWARE_FILE = "hardware.toml"


def load_hardware(projectdir, state_dir=None, backend="auto", environ=None, **kw):
    """The ``Hardware`` of the project at ``projectdir``, or None if it has no hardware.toml.

    ``state_dir`` (default ``PROJECTDIR/state``) is where values, settings, events and history
    are kept.  ``backend`` is the ``hardware`` setting (auto, mock, lgpio, rpigpio);
    ``environ`` (default ``os.environ``) may ask through ``SKIPOLE_HARDWARE`` or
    ``GPIOZERO_PIN_FACTORY`` when the setting is auto.  Other keywords go to ``Hardware``
    (``max_waiters``, ``flush_every``, ...), plus ``pin_factory`` to use a ready factory
    (tests), ``config_txt`` and ``model_paths`` (where the Pi's configuration and model are
    read).  Raises ``HardwareConfigError`` for a wrong declaration and ``BackendError`` when
    the pins cannot be driven.
    """
    path = os.path.join(projectdir, HARDWARE_FILE)
    if not os.path.exists(path):
        return None
    declarations = load_declarations(path)
    bus_warnings(declarations, kw.pop("config_txt", CONFIG_TXT_PATHS))
    model_paths = kw.pop("model_paths", MODEL_PATHS)
    if state_dir is None:
        state_dir = os.path.join(projectdir, "state")
    if "pin_factory" in kw:
        factory = kw.pop("pin_factory")
        name = kw.pop("backend_name", "mock" if _is_mock(factory) else "custom")
        simulated = kw.pop("simulated", _is_mock(factory))
        reason = kw.pop("backend_reason", "pin factory given by the caller")
    elif any(d.kind in PIN_KINDS for d in declarations.values()):
        chosen = open_backend(backend, environ, model_paths=model_paths)
        factory, name, simulated, reason = (chosen.factory, chosen.name, chosen.simulated,
                                            chosen.reason)
    else:
        factory, name, simulated, reason = None, "none", False, "no pin devices declared"
    if simulated:
        log.warning("hardware: pins are SIMULATED (%s)", reason)
    try:
        return Hardware(declarations, state_dir, pin_factory=factory, backend=name,
                        simulated=simulated, backend_reason=reason, **kw)
    except BaseException:
        if factory is not None:
            with contextlib.suppress(Exception):
                factory.close()
        raise


def _is_mock(factory):
    from gpiozero.pins.mock import MockFactory
    return isinstance(factory, MockFactory)
