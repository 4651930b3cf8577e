"""Showing a device value as text in a widget field (a field *bound* to a device).

A binding in project.json — ``"bindings": {"para_text": {"device": "cpu", "decimals": 1,
"unit": true}}`` on a widget — makes that field show the device's value, live.  Format keys:
``on`` / ``off`` (texts for booleans, default On/Off), ``decimals`` (for numbers), ``percent``
(0.0-1.0 shown as 0-100), ``unit`` (append the device's unit), ``prefix`` and ``suffix``.
The browser's ``SKIPOLE.formatDevice`` (live.js) gives exactly the same text: numbers are
written and rounded as JavaScript writes them, so a live update never changes the text of an
unchanged value.
"""

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["format_value", "decimals_of", "js_number", "FORMAT_KEYS", "MISSING"]

FORMAT_KEYS = ("on", "off", "decimals", "percent", "unit", "prefix", "suffix")
MISSING = "\u2014"


def format_value(device, fmt=None):
    """The text a device value shows, as the browser's ``SKIPOLE.formatDevice`` writes it.

    ``fmt`` (all keys optional): ``on`` / ``off`` texts for true / false values (default
    "On" / "Off"); ``decimals`` digits after the point, 0–10 (halves round away from zero);
    ``percent`` shows 0.0–1.0 as 0–100 (0 decimals unless given); ``unit`` appends the
    device's unit to a number (``%`` with ``percent``); ``prefix`` / ``suffix`` go around
    the result; text values (the system time) are shown as they are.
    A value that cannot be read (None) shows an em dash.
    """
    fmt = fmt if isinstance(fmt, dict) else {}
    value = device.get("value") if isinstance(device, dict) else None
    unit = _text(device.get("unit")) if isinstance(device, dict) else ""
    with_unit = _flag(fmt.get("unit"))
    if value is None or value == "":
        text = MISSING
    elif isinstance(value, bool):
        text = _text(fmt.get("on", "On")) if value else _text(fmt.get("off", "Off"))
    elif isinstance(value, (int, float)):
        percent = _flag(fmt.get("percent"))
        number = value * 100 if percent else value
        decimals = _decimals(fmt.get("decimals"), 0 if percent else None)
        text = _fixed(number, decimals) if decimals is not None else _shortest(number)
        if text.startswith("-") and not text.strip("-0."):      # -0.04 to 1 decimal reads 0.0
            text = text[1:]
        if percent and with_unit:
            text += "%"
        elif with_unit and unit:
            text += " " + unit
    else:
        text = _text(value)
    return _text(fmt.get("prefix")) + text + _text(fmt.get("suffix"))


def _text(value):
    return "" if value is None else str(value)


def _flag(value):
    """A format flag is on when it is true, 1, or the text true / on / yes / 1."""
    if isinstance(value, str):
        return value.lower() in ("true", "on", "yes", "1")
    return value is True or (isinstance(value, (int, float)) and value == 1)


def _decimals(value, default=None):
    """A number of decimals 0–10 from a field or format value; ``default`` when not usable."""
    if value is None or isinstance(value, bool) or (isinstance(value, str) and not value.strip()):
        return default
    try:
        number = float(str(value).strip())
    except ValueError:
        return default
    return int(number) if number.is_integer() and 0 <= number <= 10 else default


def _fixed(number, decimals):
    """``number`` with ``decimals`` digits, rounded as JavaScript's ``toFixed`` rounds."""
    if not math.isfinite(number):
        return _shortest(number)
    try:
        exact = Decimal(number).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return _shortest(number)
    return f"{exact:f}"


def _shortest(number):
    """``number`` as JavaScript's ``String(number)`` shows it (21.5, 3, 0.25)."""
    if isinstance(number, int):
        return str(number)
    if not math.isfinite(number):
        return "NaN" if math.isnan(number) else ("Infinity" if number > 0 else "-Infinity")
    if number.is_integer() and abs(number) < 1e21:
        return str(int(number))
    return repr(number)


#: public names for the widgets that show numbers the same way
decimals_of = _decimals
js_number = _shortest
