"""Showing a device value as text in a widget field (a field *bound* to a device).

A binding in project.json — ``"bindings": {"para_text": {"device": "cpu", "decimals": 1,
"unit": true}}`` on a widget — makes that field show the device's value, live.  Format keys:
``on`` / ``off`` (texts for booleans, default On/Off), ``decimals`` (for numbers), ``unit``
(append the device's unit), ``prefix`` and ``suffix``.  ``live.js`` applies the same rules in
the browser.
"""

__all__ = ["format_value", "FORMAT_KEYS"]

FORMAT_KEYS = ("on", "off", "decimals", "unit", "prefix", "suffix")


def format_value(value, fmt=None, unit=""):
    """The text for ``value`` under format ``fmt`` (a dict of FORMAT_KEYS)."""
    fmt = fmt or {}
    if value is None:
        text = "—"
    elif isinstance(value, bool):
        text = str(fmt.get("on", "On") if value else fmt.get("off", "Off"))
    elif isinstance(value, (int, float)):
        decimals = fmt.get("decimals")
        if isinstance(decimals, int) and not isinstance(decimals, bool) and 0 <= decimals <= 6:
            text = f"{value:.{decimals}f}"
        else:
            text = str(value)
        if fmt.get("unit") and unit:
            text = f"{text} {unit}"
    else:
        text = str(value)
    return f"{fmt.get('prefix', '')}{text}{fmt.get('suffix', '')}"
