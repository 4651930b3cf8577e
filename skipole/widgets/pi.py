"""Raspberry Pi widgets: switches, sliders, lamps, readings and dials bound to the project's devices.

Each widget names a device of ``hardware.toml`` in its ``device`` field and shows that
device's value when the page is rendered; with JavaScript (``widgets/pi.js`` and ``live.js``)
it follows every change live and sets outputs through the device API.  Without JavaScript
every control is a plain form posted to ``/api/devices/NAME``, which answers by returning to
the page, so a phone with scripts off can still switch a relay.
"""

import json
import logging
import math
from urllib.parse import quote

from ..render.html import CSRF_MARK, attrs, esc, safe_url
from ..hardware.formatting import MISSING, format_value
from ..hardware.formatting import decimals_of as _decimals
from ..hardware.formatting import js_number as _shortest
from .base import Field, ListField, Widget

__all__ = ["Switch", "Slider", "Indicator", "Value", "Gauge", "DeviceTable", "SimulatedNotice",
           "format_value"]

log = logging.getLogger(__name__)

#: what a device value shows when it cannot be read (a sensor that does not answer)
SIMULATED_TEXT = "Simulated pins: nothing is really switched"


def _is_on(value):
    if isinstance(value, str):
        return value.strip().lower() in ("on", "true", "1", "yes", "high")
    return bool(value)


def _number(value):
    """A finite float from a device value or field text, or None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


# ---- reading devices from the render context -------------------------------------------------

def _warning(text):
    return f'<span class="sk-pi-warning" data-status="error">Warning: {esc(text)}</span>'


def _find_device(w, name):
    """The device dict ``name`` from the render context, or None (also when it cannot tell)."""
    finder = getattr(w.ctx, "device", None)
    if not callable(finder):
        return None
    try:
        found = finder(name)
    except Exception:     # a page must render even when one device cannot be read
        log.exception("device %r could not be read for widget %s", name, w.name)
        return None
    return found if isinstance(found, dict) else None


def _all_devices(w):
    """Every device dict the context knows, or None when the context has no devices at all."""
    lister = getattr(w.ctx, "devices", None)
    if not callable(lister):
        return None
    try:
        found = lister()
    except Exception:     # as _find_device
        log.exception("the device list could not be read for widget %s", w.name)
        return None
    return [d for d in (found or ()) if isinstance(d, dict)]


def _bound_device(w, kinds, widget):
    """``(device, '')`` for the widget's device, or ``(None, warning HTML)`` explaining why not."""
    name = w["device"].strip()
    if not name:
        return None, _warning(f"no device set for this {widget}")
    device = _find_device(w, name)
    if device is None:
        return None, _warning(f'no device named "{name}"')
    kind = device.get("kind", "")
    if kinds and kind not in kinds:
        wanted = " or ".join(kinds)
        return None, _warning(f'device "{name}" is {_article(kind)} {kind}; '
                              f"a {widget} needs {_article(wanted)} {wanted}")
    return device, ""


def _article(word):
    return "an" if str(word)[:1].lower() in "aeiou" else "a"


# ---- pieces of HTML the widgets share --------------------------------------------------------

def _outer(w, base, *pairs):
    """Attributes of a pi widget's outer tag: id, its own classes + widget_class, style, state."""
    classes = f"sk-pi {base}"
    if w["widget_class"]:
        classes += " " + w["widget_class"]
    out = attrs(("id", w.id), ("class", classes), ("style", w["widget_style"]), *pairs)
    if w.error:
        out += ' data-status="error"'
    return out


def _device_url(w, name):
    api = getattr(w.ctx, "api_url", None) or "/api"
    return safe_url(f"{str(api).rstrip('/')}/devices/{quote(str(name), safe='')}")


def _hidden(name, value):
    return f'<input type="hidden" name="{esc(name)}" value="{esc(value)}" />'


def _form(w, url, content):
    """A no-JavaScript form posting ``value`` to the device API, returning to this page."""
    back = getattr(w.ctx, "request_path", "") or ""
    hidden = f'<input type="hidden" name="csrf_token" value="{CSRF_MARK}" />'
    if _local_path(back):
        hidden += _hidden("next", back)
    return f'<form method="post" action="{esc(url)}" class="sk-pi-form">{content}{hidden}</form>'


def _local_path(path):
    """True for a path of this site (``/page``), never another site (``//host``, ``/\\host``)."""
    return (isinstance(path, str) and path.startswith("/") and not path.startswith("//")
            and "\\" not in path and not any(c in path for c in "\r\n\x00"))


def _error_box(w):
    style = "" if w.error else "display:none;"
    return f'<p{attrs(("class", "sk-pi-error"), ("role", "alert"), ("style", style))}>{esc(w.error)}</p>'


def _label_text(w, device):
    return w["label"] or device.get("description") or device.get("name", "")


def _label(w, device, label_id, control_id):
    """The visible ``<label>`` of a control (kept for screen readers when show_label is off)."""
    label_attrs = attrs(("for", control_id), ("id", label_id), ("class", _label_class(w)))
    return f"<label{label_attrs}>{esc(_label_text(w, device))}</label>"


def _label_class(w):
    return "sk-pi-label" if w["show_label"] else "sk-pi-label sk-pi-sr"


def _switch_control(w, device, on_text, off_text, *, label_id, button_id=None):
    """The toggle form of an output: a button with role=switch, labelled by ``label_id``."""
    on = _is_on(device.get("value"))
    writable = bool(device.get("writable", True))
    button_attrs = attrs(("type", "submit"), ("id", button_id), ("class", "sk-pi-toggle"), ("role", "switch"),
                         ("aria-checked", "true" if on else "false"), ("aria-labelledby", label_id),
                         ("disabled", not writable))
    button = (f"<button{button_attrs}>"
              '<span class="sk-pi-track" aria-hidden="true"><span class="sk-pi-knob"></span></span>'
              f'<span class="sk-pi-state">{esc(on_text if on else off_text)}</span></button>')
    content = button + _hidden("value", "off" if on else "on")
    return _form(w, _device_url(w, device.get("name", "")), content), on


def _slider_control(w, device, button_text, step, *, label_id, label_html="", range_id=None):
    """The PWM form: a 0–1 range (shown as 0–100 %) and a Set button for pages without scripts."""
    level = _number(device.get("value"))
    level = 0.0 if level is None else min(1.0, max(0.0, level))
    writable = bool(device.get("writable", True))
    range_id = range_id or w.autoid("-range")
    shown = format_value({"value": level}, {"percent": True, "unit": True})
    range_attrs = attrs(("type", "range"), ("id", range_id), ("class", "sk-pi-range"), ("name", "value"),
                        ("min", "0"), ("max", "1"), ("step", _step(step)), ("value", _shortest(level)),
                        ("aria-labelledby", label_id), ("aria-valuetext", shown), ("disabled", not writable))
    slider = (f"<input{range_attrs} />"
              f'<output{attrs(("for", range_id), ("class", "sk-pi-level"))}>{esc(shown)}</output>')
    button_attrs = attrs(("type", "submit"), ("class", "sk-pi-set"), ("disabled", not writable))
    button = f"<button{button_attrs}>{esc(button_text)}</button>"
    return _form(w, _device_url(w, device.get("name", "")), label_html + slider + button)


def _step(percent):
    """The range step (0–1 scale) for a step in whole percent (1–100)."""
    percent = min(100, max(1, int(percent or 1)))
    return _shortest(percent / 100)


def _state_name(device):
    """The ``data-state`` of a device's element: on / off for outputs, inputs and PWM (any
    level above 0 is on), ok for sensors, unavailable when the value cannot be read."""
    value = device.get("value")
    if value is None:
        return "unavailable"
    if device.get("kind") == "pwm":
        return "on" if (_number(value) or 0) > 0 else "off"
    if device.get("kind") in ("output", "input") or isinstance(value, bool):
        return "on" if _is_on(value) else "off"
    return "ok"


# ---- the widgets ---------------------------------------------------------------------------------

class Switch(Widget):
    """A big on/off switch for an output (a relay, an LED).

    Tapping it switches the output and the colour and text follow; other phones see the
    change at once. Without JavaScript it is a form that posts the opposite state to the
    device API and comes back to this page. An output the user may not set is shown greyed
    out and cannot be pressed.
    device: the output's name in hardware.toml; label: the words beside the switch (empty:
    the device's description, else its name; settable by JSON); show_label: False keeps the
    label for screen readers only; on_text / off_text: the state shown on the switch
    (settable by JSON). An error (the output could not be set) is shown under it.
    """

    dynamic = True
    error_display = True
    FIELDS = (
        Field("device", "text", help="Name of the output in hardware.toml."),
        Field("label", "text", jsonset=True, help="Words beside the switch (empty: the device's description)."),
        Field("show_label", "boolean", default=True, help="False shows the label to screen readers only."),
        Field("on_text", "text", jsonset=True, default="On", help="Text shown while the output is on."),
        Field("off_text", "text", jsonset=True, default="Off", help="Text shown while the output is off."),
    )

    def render(self, w):
        device, warning = _bound_device(w, ("output",), "Switch")
        if warning:
            return warning
        label_id, button_id = w.autoid("-label"), w.autoid("-button")
        form, on = _switch_control(w, device, w["on_text"], w["off_text"], label_id=label_id, button_id=button_id)
        label = _label(w, device, label_id, button_id)
        readonly = not device.get("writable", True)
        w.js(device=device["name"], on_text=w["on_text"], off_text=w["off_text"])
        outer = _outer(w, "sk-pi-switch", ("data-state", "on" if on else "off"),
                       ("data-readonly", "true" if readonly else ""))
        return f"<div{outer}>{label}{form}{_error_box(w)}</div>"


class Slider(Widget):
    """A slider setting a PWM output (a dimmed LED, a fan) from 0 to 100 %.

    Dragging it sets the output as it moves (a few times a second at most) and the final
    position when it is let go. Without JavaScript, move it and press the Set button.
    device: the PWM output's name in hardware.toml; label: the words above the slider
    (empty: the device's description, else its name; settable by JSON); show_label: False
    keeps the label for screen readers only; step: the slider's step in whole percent;
    button_text: the Set button of pages without JavaScript; send_every: the shortest time
    between two settings sent while dragging, in milliseconds. An error is shown under it.
    """

    dynamic = True
    error_display = True
    FIELDS = (
        Field("device", "text", help="Name of the PWM output in hardware.toml."),
        Field("label", "text", jsonset=True, help="Words above the slider (empty: the device's description)."),
        Field("show_label", "boolean", default=True, help="False shows the label to screen readers only."),
        Field("step", "integer", default=1, help="Step of the slider in whole percent (1 to 100)."),
        Field("button_text", "text", default="Set", help="The Set button shown when JavaScript is off."),
        Field("send_every", "integer", default=200,
              help="Milliseconds between two settings sent while the slider is dragged."),
    )

    def render(self, w):
        device, warning = _bound_device(w, ("pwm",), "Slider")
        if warning:
            return warning
        label_id, range_id = w.autoid("-label"), w.autoid("-range")
        label = _label(w, device, label_id, range_id)
        form = _slider_control(w, device, w["button_text"], w["step"], label_id=label_id, label_html=label,
                               range_id=range_id)
        readonly = not device.get("writable", True)
        w.js(device=device["name"], send_every=min(5000, max(0, w["send_every"])))
        outer = _outer(w, "sk-pi-slider", ("data-state", _state_name(device)),
                       ("data-readonly", "true" if readonly else ""))
        return (f"<div{outer}>"
                f"{form}{_error_box(w)}</div>")


class Indicator(Widget):
    """A lamp showing whether an input (a button, a door contact, a motion sensor) or an
    output is on, by colour and by text.

    device: the input's (or output's) name in hardware.toml; label: the words beside the
    lamp (empty: the device's description, else its name; settable by JSON); show_label:
    False keeps the label for screen readers only; on_text / off_text: the state shown
    (settable by JSON); announce: screen readers announce each change (leave off for inputs
    that change often).
    """

    dynamic = True
    FIELDS = (
        Field("device", "text", help="Name of the input or output in hardware.toml."),
        Field("label", "text", jsonset=True, help="Words beside the lamp (empty: the device's description)."),
        Field("show_label", "boolean", default=True, help="False shows the label to screen readers only."),
        Field("on_text", "text", jsonset=True, default="On", help="Text shown while the input is on."),
        Field("off_text", "text", jsonset=True, default="Off", help="Text shown while the input is off."),
        Field("announce", "boolean", help="Screen readers announce every change."),
    )

    def render(self, w):
        device, warning = _bound_device(w, ("input", "output"), "Indicator")
        if warning:
            return warning
        state = _state_name(device)
        text = format_value(device, {"on": w["on_text"], "off": w["off_text"]})
        w.js(device=device["name"], on_text=w["on_text"], off_text=w["off_text"])
        shown = attrs(("class", "sk-pi-state"), ("aria-live", "polite" if w["announce"] else ""))
        return (f'<div{_outer(w, "sk-pi-indicator", ("data-state", state))}>'
                '<span class="sk-pi-lamp" aria-hidden="true"></span>'
                f'<span class="{_label_class(w)}">{esc(_label_text(w, device))}</span> '
                f"<span{shown}>{esc(text)}</span></div>")


class Value(Widget):
    """A device's value as text, with its unit: a temperature, the load, the uptime.

    device: the device's name in hardware.toml; label: the words before the value (empty:
    the device's description, else its name; settable by JSON); show_label: False keeps the
    label for screen readers only; decimals: digits after the point (empty: as the device
    gives it); show_unit: show the device's unit (°C ...); on_text / off_text: the words for
    an on/off device. A sensor that cannot be read shows a dash.
    """

    dynamic = True
    FIELDS = (
        Field("device", "text", help="Name of the device in hardware.toml."),
        Field("label", "text", jsonset=True, help="Words before the value (empty: the device's description)."),
        Field("show_label", "boolean", default=True, help="False shows the label to screen readers only."),
        Field("decimals", "text", help="Digits after the point (empty: as the device gives it)."),
        Field("show_unit", "boolean", default=True, help="Show the device's unit after the value."),
        Field("on_text", "text", default="On", help="Text shown for an on/off device that is on."),
        Field("off_text", "text", default="Off", help="Text shown for an on/off device that is off."),
    )

    def render(self, w):
        device, warning = _bound_device(w, (), "Value")
        if warning:
            return warning
        fmt = {"unit": w["show_unit"], "on": w["on_text"], "off": w["off_text"]}
        decimals = _decimals(w["decimals"])
        if decimals is not None:
            fmt["decimals"] = decimals
        w.js(device=device["name"], format=fmt)
        return (f'<div{_outer(w, "sk-pi-value", ("data-state", _state_name(device)))}>'
                f'<span class="{_label_class(w)}">{esc(_label_text(w, device))}</span> '
                f'<span class="sk-pi-reading">{esc(format_value(device, fmt))}</span></div>')


# the dial: 240 degrees of a circle, open at the bottom
_CX, _CY, _R = 100.0, 100.0, 80.0
_SWEEP = 120.0


def _svg_num(x):
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _dial_point(degrees):
    rad = math.radians(degrees)
    return f"{_svg_num(_CX + _R * math.sin(rad))} {_svg_num(_CY - _R * math.cos(rad))}"


class Gauge(Widget):
    """A dial for a sensor: an arc fills and a needle turns from the minimum to the maximum,
    with the value written in the middle.

    device: the sensor's name in hardware.toml (a temperature, a PWM level, the load);
    label: the words under the dial (empty: the device's description, else its name;
    settable by JSON); show_label: False keeps the label for screen readers only; minimum,
    maximum: the ends of the scale (empty: the device's own range if it has one, else 0 and
    100); decimals: digits after the point of the value shown; show_unit: show the device's
    unit. Values beyond the scale stop the needle at its end.
    """

    dynamic = True
    FIELDS = (
        Field("device", "text", help="Name of the sensor in hardware.toml."),
        Field("label", "text", jsonset=True, help="Words under the dial (empty: the device's description)."),
        Field("show_label", "boolean", default=True, help="False shows the label to screen readers only."),
        Field("minimum", "text", help="Value at the start of the scale (empty: the device's minimum, else 0)."),
        Field("maximum", "text", help="Value at the end of the scale (empty: the device's maximum, else 100)."),
        Field("decimals", "text", default="1", help="Digits after the point of the value shown."),
        Field("show_unit", "boolean", default=True, help="Show the device's unit after the value."),
    )

    def render(self, w):
        device, warning = _bound_device(w, (), "Gauge")
        if warning:
            return warning
        lo, hi = self.scale(w, device)
        fmt = {"unit": w["show_unit"], "percent": device.get("kind") == "pwm"}
        decimals = _decimals(w["decimals"])
        if decimals is not None:
            fmt["decimals"] = decimals
        value = _number(device.get("value"))
        text = format_value(device, fmt) if value is not None else MISSING
        fraction = 0.0 if value is None else min(1.0, max(0.0, (value - lo) / (hi - lo)))
        label = _label_text(w, device)
        w.js(device=device["name"], minimum=lo, maximum=hi, format=fmt, label=label)
        track = f"M {_dial_point(-_SWEEP)} A {_svg_num(_R)} {_svg_num(_R)} 0 1 1 {_dial_point(_SWEEP)}"
        angle = _svg_num(-_SWEEP + 2 * _SWEEP * fraction)
        ends = {"percent": fmt["percent"]}
        low, high = format_value({"value": lo}, ends), format_value({"value": hi}, ends)
        svg_attrs = attrs(("viewBox", "0 0 200 170"), ("class", "sk-pi-dial"), ("role", "img"),
                          ("aria-label", f"{label}: {text}"))
        svg = (f"<svg{svg_attrs}>"
               f'<path class="sk-pi-arc-track" d="{track}" />'
               f'<path class="sk-pi-arc" d="{track}" pathLength="100" '
               f'stroke-dasharray="{_svg_num(fraction * 100)} 100" />'
               '<line class="sk-pi-needle" x1="100" y1="100" x2="100" y2="34" '
               f'transform="rotate({angle} 100 100)" />'
               '<circle class="sk-pi-hub" cx="100" cy="100" r="6" />'
               f'<text class="sk-pi-reading" x="100" y="135" text-anchor="middle">{esc(text)}</text>'
               f'<text class="sk-pi-end" x="30" y="165" text-anchor="middle">{esc(low)}</text>'
               f'<text class="sk-pi-end" x="170" y="165" text-anchor="middle">{esc(high)}</text>'
               "</svg>")
        state = "unavailable" if value is None else "ok"
        return (f'<div{_outer(w, "sk-pi-gauge", ("data-state", state))}>{svg}'
                f'<div class="{_label_class(w)}">{esc(label)}</div></div>')

    @staticmethod
    def scale(w, device):
        """(minimum, maximum) of the dial: the fields, else the device's range, else 0–1 for
        PWM and 0–100 for the rest; an unusable range gives the default."""
        default = (0.0, 1.0) if device.get("kind") == "pwm" else (0.0, 100.0)
        lo = _number(w["minimum"]) if w["minimum"].strip() else _number(device.get("min"))
        hi = _number(w["maximum"]) if w["maximum"].strip() else _number(device.get("max"))
        lo = default[0] if lo is None else lo
        hi = default[1] if hi is None else hi
        return (lo, hi) if hi > lo else default


class DeviceTable(Widget):
    """A table of the project's devices: name, description, value, and a switch or a slider
    for each output the user may set.

    devices: the names to show, in order (empty: every device); show_description: add the
    description column; on_text / off_text: the words for on/off values; caption: a title
    for the table; name_heading, description_heading, value_heading, control_heading: the
    column headings. Everything updates live; without JavaScript each control is a form.
    """

    dynamic = True
    error_display = True
    FIELDS = (
        ListField("devices", "text", help="Names of the devices shown, in order (empty: all)."),
        Field("show_description", "boolean", default=True, help="Show the description column."),
        Field("on_text", "text", default="On", help="Text shown for an on/off device that is on."),
        Field("off_text", "text", default="Off", help="Text shown for an on/off device that is off."),
        Field("caption", "text", jsonset=True, help="Title of the table (empty: none)."),
        Field("name_heading", "text", default="Device", help="Heading of the name column."),
        Field("description_heading", "text", default="Description", help="Heading of the description column."),
        Field("value_heading", "text", default="Value", help="Heading of the value column."),
        Field("control_heading", "text", default="Control", help="Heading of the control column."),
        Field("button_text", "text", default="Set", help="The Set button of sliders when JavaScript is off."),
    )

    def render(self, w):
        rows = self.chosen(w)
        if rows is None:
            return _warning("no devices: this page is not served with the project's hardware")
        heads = [w["name_heading"]] + ([w["description_heading"]] if w["show_description"] else []) \
            + [w["value_heading"], w["control_heading"]]
        head = "".join(f'<th scope="col">{esc(h)}</th>' for h in heads)
        body = "".join(self.row(w, name, device) for name, device in rows)
        if not rows:
            body = f'<tr><td colspan="{len(heads)}" class="sk-pi-empty">No devices</td></tr>'
        caption = f"<caption>{esc(w['caption'])}</caption>" if w["caption"] else ""
        w.js(devices=[name for name, _ in rows], on_text=w["on_text"], off_text=w["off_text"])
        return (f'<div{_outer(w, "sk-pi-devices")}><table class="sk-pi-table">{caption}'
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{_error_box(w)}</div>")

    @staticmethod
    def chosen(w):
        """``[(name, device or None)]`` to show, or None when the context has no devices."""
        everything = _all_devices(w)
        if everything is None:
            return None
        if not w["devices"]:
            return [(d.get("name", ""), d) for d in everything]
        known = {d.get("name"): d for d in everything}
        return [(name, known.get(name) or _find_device(w, name)) for name in w["devices"] if name]

    def row(self, w, name, device):
        name_id = w.autoid("-name")
        cells = f'<th scope="row" id="{esc(name_id)}">{esc(name)}</th>'
        if device is None:
            span = 3 if w["show_description"] else 2
            missing = _warning(f'no device named "{name}"')
            return f'<tr data-device="{esc(name)}" data-status="error">{cells}<td colspan="{span}">{missing}</td></tr>'
        if w["show_description"]:
            cells += f"<td>{esc(device.get('description', ''))}</td>"
        kind = device.get("kind", "")
        fmt = _table_format(w, kind)
        cells += f'<td class="sk-pi-reading">{esc(format_value(device, fmt))}</td>'
        control = ""
        if device.get("writable", kind in ("output", "pwm")):
            if kind == "output":
                control, _ = _switch_control(w, device, w["on_text"], w["off_text"], label_id=name_id)
            elif kind == "pwm":
                control = _slider_control(w, device, w["button_text"], 1, label_id=name_id)
        cells += f"<td>{control}</td>"
        row_attrs = attrs(("data-device", name), ("data-kind", kind), ("data-state", _state_name(device)),
                          ("data-format", _format_attr(fmt)))
        return f"<tr{row_attrs}>{cells}</tr>"


def _table_format(w, kind):
    if kind in ("output", "input"):
        return {"on": w["on_text"], "off": w["off_text"]}
    if kind == "pwm":
        return {"percent": True, "unit": True}
    return {"unit": True}


def _format_attr(fmt):
    return json.dumps(fmt, separators=(",", ":"), sort_keys=True)


class SimulatedNotice(Widget):
    """A notice shown only while the pins are simulated (the mock backend, or a machine that
    is not a Raspberry Pi): nothing on the page really switches anything.

    device: show the notice only when this device is simulated (empty: any device);
    notice_text: the words of the notice (settable by JSON). On real pins nothing is shown.
    """

    dynamic = True
    FIELDS = (
        Field("device", "text", help="Only this device (empty: any device of the project)."),
        Field("notice_text", "text", jsonset=True, default=SIMULATED_TEXT, help="The words of the notice."),
    )

    def render(self, w):
        name = w["device"].strip()
        if name:
            found = _find_device(w, name)
            devices = [found] if found else []
        else:
            devices = _all_devices(w) or []
        if not any(d.get("simulated") for d in devices):
            return ""
        return f'<div{_outer(w, "sk-pi-simulated", ("role", "note"))}>{esc(w["notice_text"])}</div>'
