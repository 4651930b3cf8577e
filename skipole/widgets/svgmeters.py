"""Gauges drawn in SVG: dials and scales whose needle or arrow shows a measurement.

The scale is drawn on the server; the needle (``Traditional1``, ``Angle``) or arrow
(``Vertical1``) is placed by the ``measurement`` field through an SVG transform, so a JSON
update of ``measurement`` only has to change that transform: each meter records through
``w.js`` the range and geometry the browser library needs to compute it.  ``Arrow1`` and
``Arrow2`` are plain arrow shapes to place and rotate anywhere in a drawing.

Numbers read from fields are parsed defensively: anything that is not a usable number falls
back to the default, and a measurement outside the scale is drawn at its nearest end.
"""

import math

from ..render.html import attrs, esc
from .base import ClosedWidget, Field, Widget
from .svgbasics import _fmt, _num

__all__ = ["Angle", "Arrow1", "Arrow2", "Traditional1", "Vertical1"]

_MAX_TICKS = 500
_LARGEST = 1e12      # scale ends beyond this are not drawable: the defaults are used


def _el(tag, *pairs, text=None):
    """An SVG element; numbers are formatted compactly, other values escaped."""
    parts = tuple((k, _fmt(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v)
                  for k, v in pairs)
    if text is None:
        return f"<{tag}{attrs(*parts)} />"
    return f"<{tag}{attrs(*parts)}>{esc(text)}</{tag}>"


def _line(x1, y1, x2, y2, width, transform=None):
    return _el("line", ("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2), ("stroke", "black"),
               ("stroke-width", width), ("transform", transform))


def _group(w, content):
    return f"<g{w.outer()}{attrs(transform=w['transform'])}>{content}</g>"


def _scale_range(w):
    """(minimum, maximum) from the fields; the defaults 0..100 replace an unusable range."""
    lo, hi = _num(w["minimum"], 0.0), _num(w["maximum"], 100.0)
    if not hi > lo or max(abs(lo), abs(hi)) > _LARGEST:
        return 0.0, 100.0
    return lo, hi


def _ticks(lo, hi, interval, default_parts):
    """``(value, label)`` every ``interval`` from lo to hi; an unusable interval gives
    ``default_parts`` equal parts.  Labels have as many decimals as the step needs."""
    step = _num(interval, 0.0)
    span = hi - lo
    if step <= 0 or span / step > _MAX_TICKS:
        step = span / default_parts
    for dec in range(0, 7):
        if abs(round(step, dec) - step) <= 1e-9 * max(1.0, step):
            break
    count = int(math.floor(span / step + 1e-9))
    out = []
    for i in range(count + 1):
        value = lo + i * step
        text = f"{value:.{dec}f}"
        out.append((value, text[1:] if text.startswith("-") and float(text) == 0 else text))
    return out


def _fraction(w, lo, hi):
    """Where the measurement lies on the scale, 0 to 1 (clamped; the middle if not a number)."""
    value = _num(w["measurement"], (lo + hi) / 2)
    return min(1.0, max(0.0, (value - lo) / (hi - lo)))


_SCALE_FIELDS = (
    Field("minimum", "text", default="0", help="Value at the start of the scale."),
    Field("maximum", "text", default="100", help="Value at the end of the scale."),
    Field("smallintervals", "text", default="10", help="Step between the small ticks."),
    Field("largeintervals", "text", default="20", help="Step between the labelled ticks."),
)
_MEASUREMENT = Field("measurement", "text", jsonset=True, default="50",
                     help="The value the needle or arrow shows.")
_FONT = Field("font_family", "text", default="arial", help="Font of the labels.")


# ---- the dial ---------------------------------------------------------------------------------

_DIAL_CX, _DIAL_CY = 350.0, 350.0
_DIAL_SWEEP = 60.0        # the scale runs from -60 to +60 degrees from the vertical
_NEEDLE = ("349.5,121 350.5,121 374.5,170 374.5,172 355.5,172 355.5,318 344.5,318 344.5,172 "
           "326.5,172 326.5,170")


def _polar(radius, degrees):
    """The point ``radius`` from the dial's centre, ``degrees`` clockwise from the vertical."""
    rad = math.radians(degrees)
    return _DIAL_CX + radius * math.sin(rad), _DIAL_CY - radius * math.cos(rad)


class Traditional1(Widget):
    """A dial meter: a curved scale with a needle pointing at the measurement.

    minimum, maximum: the range of the scale; smallintervals: step between the small
    ticks; largeintervals: step between the long, labelled ticks; measurement: the value
    the needle points at (settable by JSON; values off the scale point at its ends);
    arrow_stroke: outline colour of the needle (settable by JSON); font_family: font of the
    labels; transform: an SVG transform of the meter (settable by JSON).  The meter is
    about 700 x 400.
    """

    FIELDS = (
        Field("transform", "text", jsonset=True, default="translate(10,10)",
              help="SVG transform of the meter."),
    ) + _SCALE_FIELDS + (
        Field("arrow_stroke", "text", jsonset=True, default="grey",
              help="Outline colour of the needle."),
        _MEASUREMENT, _FONT,
    )

    def render(self, w):
        lo, hi = _scale_range(w)
        w.js(minimum=lo, maximum=hi, min_angle=-_DIAL_SWEEP, max_angle=_DIAL_SWEEP,
             cx=_DIAL_CX, cy=_DIAL_CY)

        def angle(value):
            return -_DIAL_SWEEP + 2 * _DIAL_SWEEP * ((value - lo) / (hi - lo))

        def point(radius, degrees):
            return " ".join(_fmt(v) for v in _polar(radius, degrees))

        body = (f"M {point(320, -70)} A 320 320 0 0 1 {point(320, 70)} "
                f"L {point(200, 70)} A 200 200 0 0 0 {point(200, -70)} Z")
        arc = f"M {point(230, -60)} A 230 230 0 0 1 {point(230, 60)}"
        needle_angle = angle(lo + _fraction(w, lo, hi) * (hi - lo))
        parts = [
            _el("path", ("fill", "white"), ("stroke", "black"), ("stroke-width", 1), ("d", body)),
            _el("path", ("fill", "none"), ("stroke", "black"), ("stroke-width", 2), ("d", arc)),
            _el("polygon", ("fill", "black"), ("stroke", w["arrow_stroke"]), ("stroke-width", 2),
                ("points", _NEEDLE), ("transform", f"rotate({_fmt(needle_angle)} 350 350)")),
            _el("circle", ("cx", _DIAL_CX), ("cy", _DIAL_CY), ("r", 40), ("fill", "black"),
                ("stroke", w["arrow_stroke"]), ("stroke-width", 2)),
        ]
        for value, _label in _ticks(lo, hi, w["smallintervals"], 10):
            deg = angle(value)
            parts.append(_line(*_polar(230, deg), *_polar(250, deg), 1))
        for value, label in _ticks(lo, hi, w["largeintervals"], 5):
            deg = angle(value)
            x2, y2 = _polar(270, deg)
            parts.append(_line(*_polar(229, deg), x2, y2, 3))
            parts.append(_el("text", ("x", x2 - 10), ("y", y2 - 5), ("font-size", 20),
                             ("font-family", w["font_family"]), ("stroke", "black"),
                             ("stroke-width", 1),
                             text=label))
        return _group(w, "".join(parts))


# ---- the vertical scale -----------------------------------------------------------------------

_VERTICAL_TOP, _VERTICAL_LENGTH = 50.0, 600.0
_VERTICAL_ARROW = "110,49 110,50 81,98 79,98 79,60 13,60 13,39 79,39 79,1 81,1"


class Vertical1(Widget):
    """A vertical scale with an arrow pointing at the measurement.

    minimum, maximum: the range of the scale (minimum at the bottom); smallintervals: step
    between the small ticks; largeintervals: step between the long, labelled ticks;
    measurement: the value the arrow points at (settable by JSON; values off the scale
    point at its ends); arrow_fill: colour of the arrow (settable by JSON); font_family:
    font of the labels; transform: an SVG transform of the meter (settable by JSON).  The
    meter is 250 x 700.
    """

    FIELDS = (
        Field("transform", "text", jsonset=True, help="SVG transform of the meter."),
        Field("arrow_fill", "text", jsonset=True, default="blue", help="Colour of the arrow."),
    ) + _SCALE_FIELDS + (_MEASUREMENT, _FONT)

    def render(self, w):
        lo, hi = _scale_range(w)
        w.js(minimum=lo, maximum=hi, scale_top=_VERTICAL_TOP, scale_length=_VERTICAL_LENGTH)
        bottom = _VERTICAL_TOP + _VERTICAL_LENGTH

        def ypos(value):
            return bottom - _VERTICAL_LENGTH * ((value - lo) / (hi - lo))

        shift = _VERTICAL_LENGTH * (1 - _fraction(w, lo, hi))
        parts = [
            _el("rect", ("x", 100), ("y", 1), ("rx", 2), ("ry", 2), ("width", 149),
                ("height", 698), ("fill", "white"), ("stroke", "black"), ("stroke-width", 1)),
            _el("polygon", ("fill", w["arrow_fill"]), ("stroke", "black"), ("stroke-width", 2),
                ("points", _VERTICAL_ARROW), ("transform", f"translate(0, {_fmt(shift)})")),
            _line(120, _VERTICAL_TOP, 120, bottom, 2),
        ]
        for value, _label in _ticks(lo, hi, w["smallintervals"], 10):
            parts.append(_line(120, ypos(value), 150, ypos(value), 1))
        for value, label in _ticks(lo, hi, w["largeintervals"], 5):
            y = ypos(value)
            parts.append(_line(119, y, 210, y, 3))
            parts.append(_el("text", ("x", 160), ("y", y - 10), ("font-size", 20),
                             ("font-family", w["font_family"]), ("stroke", "black"),
                             ("stroke-width", 1),
                             text=label))
        return _group(w, "".join(parts))


# ---- the compass-like dial --------------------------------------------------------------------

# scale_units -> (label step, major tick step, minor tick step, finest tick step, label at 0)
_ANGLE_SCALES = {
    360: (15, 15, 5, 5, "0"),
    24: (1, 1, 0.25, 0.25, "24"),
    100: (10, 10, 2, 1, "0"),
}
_ANGLE_POINTER = "250,65 280,120 260,120 260,400 240,400 240,120 220,120"


class Angle(Widget):
    """A round dial with a pointer, for angles, hours of the day or percentages.

    scale_units: 360 (degrees, the default), 24 (hours, 24 at the top) or 100 (percent);
    any other value means 360.  measurement: the value the pointer shows, 0 at the top and
    increasing clockwise (settable by JSON; a value off the scale leaves the pointer at the
    top); font_family: font of the labels; transform: an SVG transform of the dial
    (settable by JSON).  The dial is 500 x 500.
    """

    FIELDS = (
        Field("transform", "text", jsonset=True, help="SVG transform of the dial."),
        _FONT,
        Field("measurement", "text", jsonset=True, default="0",
              help="The value the pointer shows."),
        Field("scale_units", "text", default="360",
              help="360 (degrees), 24 (hours) or 100 (percent)."),
    )

    def render(self, w):
        units = int(_num(w["scale_units"], 360.0))
        if units not in _ANGLE_SCALES:
            units = 360
        label_step, major, minor, finest, zero = _ANGLE_SCALES[units]
        w.js(scale_units=units, cx=250, cy=250)
        per_unit = 360 / units
        value = _num(w["measurement"], 0.0)
        pointer = value * per_unit if 0 <= value < units else 0.0

        def rotate(degrees):
            return f"rotate({_fmt(degrees)} 250 250)" if degrees else None

        parts = [
            _el("circle", ("cx", 250), ("cy", 250), ("r", 240), ("fill", "white"),
                ("stroke", "black"), ("stroke-width", 4)),
            _el("circle", ("cx", 250), ("cy", 250), ("r", 200), ("fill", "white"),
                ("stroke", "black"), ("stroke-width", 2)),
            _el("circle", ("cx", 250), ("cy", 250), ("r", 30), ("fill", "black"),
                ("stroke", "black"), ("stroke-width", 2)),
            _el("polygon", ("fill", "black"), ("stroke", "black"), ("stroke-width", 2),
                ("points", _ANGLE_POINTER), ("transform", rotate(pointer))),
        ]
        steps = round(units / finest)
        per_label, per_major, per_minor = (round(step / finest) for step in (label_step, major,
                                                                              minor))
        for i in range(steps):
            degrees = i * finest * per_unit
            if i % per_label == 0:
                label = zero if i == 0 else _fmt(i * finest)
                parts.append(_el("text", ("x", 251 - 6 * len(label)), ("y", 30),
                                 ("font-size", 20), ("font-family", w["font_family"]),
                                 ("stroke", "black"), ("stroke-width", 1),
                                 ("transform", rotate(degrees)), text=label))
            if i % per_major == 0:
                parts.append(_line(250, 40, 250, 55, 2, rotate(degrees)))
            elif i % per_minor == 0:
                parts.append(_line(250, 40, 250, 50, 1, rotate(degrees)))
            else:
                parts.append(_line(250, 45, 250, 50, 1, rotate(degrees)))
        return _group(w, "".join(parts))


# ---- plain arrows -----------------------------------------------------------------------------

_ARROW_FIELDS = (
    Field("fill", "text", jsonset=True, default="none", help="Fill colour of the arrow."),
    Field("stroke", "text", jsonset=True, default="black", help="Outline colour of the arrow."),
    Field("transform", "text", jsonset=True,
          help="SVG transform placing the arrow, such as rotate(45 50 50)."),
    Field("stroke_width", "text", jsonset=True, default="1", help="Width of the outline."),
)


def _arrow(w, points):
    return (f"<polygon{w.outer()}{attrs(points=points)}"
            f"{attrs(fill=w['fill'], stroke=w['stroke'], transform=w['transform'])}"
            f"{attrs(('stroke-width', w['stroke_width']))} />")


class Arrow1(ClosedWidget):
    """A broad arrow pointing up, about 100 x 100: a polygon to place with a transform.

    fill, stroke, stroke_width: colours and outline; transform: an SVG transform placing
    or rotating it.  Every field can be changed by a JSON update.
    """

    FIELDS = _ARROW_FIELDS

    def render(self, w):
        return _arrow(w, "49,1 50,1 98,30 98,32 60,32 60,98 39,98 39,32 1,32 1,30")


class Arrow2(ClosedWidget):
    """A slim arrow pointing up, about 50 x 200: a polygon to place with a transform.

    fill, stroke, stroke_width: colours and outline; transform: an SVG transform placing
    or rotating it.  Every field can be changed by a JSON update.
    """

    FIELDS = _ARROW_FIELDS

    def render(self, w):
        return _arrow(w, "24,1 25,1 49,50 49,52 30,52 30,198 19,198 19,52 1,52 1,50")
