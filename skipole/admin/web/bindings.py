"""Edit operations binding a widget field to a device (``"bindings"`` on a widget, see
``skipole.hardware.formatting``): the field then shows the device's value, live.

They are registered with the other edit operations (``AdminStore.apply`` runs them by name,
with the same version checks), so the admin's forms use them like any other change.
"""

import re

from ..edits import operation, tree_of, widget_class
from ..errors import AdminError

__all__ = ["bind_widget_field", "unbind_widget_field", "FORMAT_HELP"]

_DEVICE = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]{0,63}$")

#: the format keys of a binding, with the help the admin shows
FORMAT_HELP = {
    "on": "Text for an on/true value (default On).",
    "off": "Text for an off/false value (default Off).",
    "decimals": "Digits after the point for a number (empty: as the device gives it).",
    "percent": "Show 0.0-1.0 as 0-100 (a PWM level).",
    "unit": "Add the device's unit (°C, %...).",
    "prefix": "Text before the value.",
    "suffix": "Text after the value.",
}


def _bound_widget(draft, location, field, page, section):
    node = tree_of(draft, page, section, location).node(location)
    if node[0] not in ("Widget", "ClosedWidget"):
        raise AdminError(f"the item at {location} is not a widget", "location")
    try:
        cls = widget_class(node[1].get("class", ""))
    except KeyError as exc:
        raise AdminError(exc.args[0], "location") from None
    f = cls.field_table.get(field)
    if f is None:
        raise AdminError(f"{cls.class_path()} has no field {field!r}", "field")
    if f.shape != "arg":
        raise AdminError(f"{field} holds a {f.shape}: only a single-value field can show a device", "field")
    return node


def _text(value, what, limit=100):
    if not isinstance(value, str) or len(value) > limit or "<" in value:
        raise AdminError(f"{what} must be a short text without '<'", what)
    return value


@operation
def bind_widget_field(draft, location, field, device, on="", off="", decimals="", percent=False, unit=False,
                      prefix="", suffix="", page=None, section=None):
    """Make widget field ``field`` show device ``device`` (its name in hardware.toml), live.

    Format: ``on`` / ``off`` texts for true/false, ``decimals`` digits after the point,
    ``percent`` shows 0.0-1.0 as 0-100, ``unit`` adds the device's unit, ``prefix`` and
    ``suffix`` go around the value.  Empty settings are left out."""
    node = _bound_widget(draft, location, field, page, section)
    if not isinstance(device, str) or not _DEVICE.match(device):
        raise AdminError(f"{device!r} is not a device name", "device")
    spec = {"device": device}
    for key, value in (("on", on), ("off", off), ("prefix", prefix), ("suffix", suffix)):
        if value not in (None, ""):
            spec[key] = _text(value, key)
    if decimals not in (None, ""):
        try:
            number = int(str(decimals).strip())
        except ValueError:
            raise AdminError("decimals must be a whole number 0-10", "decimals") from None
        if not 0 <= number <= 10:
            raise AdminError("decimals must be a whole number 0-10", "decimals")
        spec["decimals"] = number
    for key, value in (("percent", percent), ("unit", unit)):
        if value in (True, "1", "true", "on", "yes"):
            spec[key] = True
        elif value not in (False, None, "", "0", "false", "off", "no"):
            raise AdminError(f"{key} must be true or false", key)
    node[1].setdefault("bindings", {})[field] = spec


@operation
def unbind_widget_field(draft, location, field, page=None, section=None):
    """Stop widget field ``field`` showing a device (it shows its own value again)."""
    node = _bound_widget(draft, location, field, page, section)
    bindings = node[1].get("bindings") or {}
    if field not in bindings:
        raise AdminError(f"{field} is not bound to a device", "field")
    del bindings[field]
    if not bindings:
        node[1].pop("bindings", None)
