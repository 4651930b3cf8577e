"""Charts drawn in SVG on the server: axes, the data series placed in them, and ready-made charts.

An axis widget (``Axis1``, ``Axis2``, ``Axis3``) draws a frame with labelled ticks and holds
series widgets (``Points``, ``Lines``, ``XBars``, ``YBars``) in its container.  The axis works
out how data values map to SVG coordinates and hands that scale to the series while it
renders its container: the scale is kept in a context variable private to this module, set
only for the duration of the container's rendering (so it is safe with threads and nested
axes).  A series rendered outside any axis uses a default scale: a 960 x 720 area whose
data coordinates are its SVG coordinates with the y axis pointing up.

The series are ``dynamic`` (never cached on their own): their drawing depends on the axis
around them, whose fields may change from one request to the next.

Series and charts whose values can be changed by JSON record the scale (and the colours
they draw with) through ``w.js`` so the browser library can redraw them.

Every number read from a field is parsed defensively: a value that is not a finite number
falls back to a sensible default, rows with bad numbers are left out, and nothing here
raises for bad data.
"""

import contextlib
import contextvars
import datetime
import math

from ..render.html import attrs, esc
from .base import Field, ListField, TableField, Widget
from .svgbasics import _fmt, _num

__all__ = ["Axis1", "Axis2", "Axis3", "Chart1", "Graph48Hr", "Lines", "Points", "StarChart",
           "StarChartXY", "XBars", "YBars"]


# ---- the scale an axis passes to its series ------------------------------------------------

class _Scale:
    """How data values map to SVG coordinates: ``X = mx * x + cx``, ``Y = my * y + cy``.

    ``minx``..``maxx`` and ``miny``..``maxy`` are the data values at the edges of the
    plotting area; ``left`` and ``bottom`` are the SVG coordinates of its left and bottom
    edges (where bars start).
    """

    __slots__ = ("minx", "maxx", "miny", "maxy", "mx", "cx", "my", "cy", "left", "bottom")

    def __init__(self, minx, maxx, miny, maxy, left, top, width, height):
        self.minx, self.maxx, self.miny, self.maxy = minx, maxx, miny, maxy
        self.mx = width / (maxx - minx)
        self.cx = left - minx * self.mx
        self.my = -height / (maxy - miny)
        self.cy = top + height - miny * self.my
        self.left = left
        self.bottom = top + height

    def x(self, value):
        return self.mx * value + self.cx

    def y(self, value):
        return self.my * value + self.cy

    def inside(self, x, y):
        """True when the data point (x, y) lies in the plotting area."""
        ex = 1e-9 * (self.maxx - self.minx)
        ey = 1e-9 * (self.maxy - self.miny)
        return (self.minx - ex <= x <= self.maxx + ex) and (self.miny - ey <= y <= self.maxy + ey)

    def js(self):
        """The scale as the browser library reads it."""
        return {"minx": self.minx, "maxx": self.maxx, "miny": self.miny, "maxy": self.maxy,
                "mx": self.mx, "cx": self.cx, "my": self.my, "cy": self.cy}


_DEFAULT_SCALE = _Scale(0.0, 960.0, 0.0, 720.0, 0.0, 0.0, 960.0, 720.0)
_SCALE = contextvars.ContextVar("skipole_svggraphs_scale", default=None)


@contextlib.contextmanager
def _scaling(scale):
    """Make ``scale`` the current scale while the block runs (an axis rendering its container)."""
    token = _SCALE.set(scale)
    try:
        yield scale
    finally:
        _SCALE.reset(token)


def _current_scale():
    """The scale set by the enclosing axis, or the default scale outside any axis."""
    return _SCALE.get() or _DEFAULT_SCALE


# ---- small drawing helpers -----------------------------------------------------------------

def _el(tag, *pairs, text=None):
    """An SVG element; numbers are formatted compactly, other values escaped."""
    parts = tuple((k, _fmt(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v)
                  for k, v in pairs)
    if text is None:
        return f"<{tag}{attrs(*parts)} />"
    return f"<{tag}{attrs(*parts)}>{esc(text)}</{tag}>"


def _line(x1, y1, x2, y2, stroke, width=1):
    return _el("line", ("x1", x1), ("y1", y1), ("x2", x2), ("y2", y2), ("stroke", stroke),
               ("stroke-width", width))


def _cross(x, y, colour):
    """The plus-shaped marker Points and Graph48Hr draw at a data point."""
    return _line(x, y - 5, x, y + 5, colour) + _line(x - 5, y, x + 5, y, colour)


def _group(w, content, transform=True):
    extra = attrs(transform=w["transform"]) if transform else ""
    return f"<g{w.outer()}{extra}>{content}</g>"


def _rows(values, columns=2):
    """The rows of ``values`` whose first ``columns`` cells are all finite numbers."""
    out = []
    for row in values or ():
        if not isinstance(row, (list, tuple)) or len(row) < columns:
            continue
        nums = [_num(v, None) for v in row[:columns]]
        if None not in nums:
            out.append(nums)
    return out


# ---- axis ranges and labels ----------------------------------------------------------------

_MAX_TICKS = 500
_LARGEST = 1e12      # axis ends beyond this are not drawable: the defaults are used


def _range(lo, hi, default_lo=0.0, default_hi=100.0):
    """A usable (lo, hi) pair: defaults replace bad numbers; hi is moved above lo if needed."""
    lo, hi = _num(lo, default_lo), _num(hi, default_hi)
    if max(abs(lo), abs(hi)) > _LARGEST:
        return default_lo, default_hi
    if hi < lo:
        lo, hi = hi, lo
    if hi == lo:
        hi = lo + (abs(lo) or 1.0)
    return lo, hi


def _nice_step(span, most):
    """A step of 1, 2 or 5 times a power of ten dividing ``span`` into at most ``most`` parts."""
    raw = span / most
    mag = 10.0 ** math.floor(math.log10(raw))
    for mult in (1, 2, 5, 10):
        step = mult * mag
        if span / step <= most * (1 + 1e-9):
            return step
    return 10 * mag  # pragma: no cover - the loop always returns


def _steps(lo, hi, step):
    """The number of steps from ``lo`` reaching at least ``hi``."""
    return max(1, math.ceil((hi - lo) / step - 1e-9))


def _decimals(step):
    """How many decimals labels need so that values ``step`` apart differ."""
    for dec in range(0, 7):
        if abs(round(step, dec) - step) <= 1e-9 * max(1.0, abs(step)):
            return dec
    return 6


def _label(value, dec):
    text = f"{value:.{dec}f}"
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def _numbered(lo, step, count):
    """``count + 1`` labels from ``lo`` in steps of ``step``."""
    dec = _decimals(step)
    return [_label(lo + i * step, dec) for i in range(count + 1)]


def _positions(start, length, count, offset):
    """Positions of ``count`` labels along an axis of ``length`` from ``start``.

    Without offset the first and last labels sit at the ends; with offset each label sits
    in the middle of its own slot.
    """
    if offset:
        slot = length / count
        return [start + (i + 0.5) * slot for i in range(count)]
    if count == 1:
        return [start]
    return [start + i * length / (count - 1) for i in range(count)]


def _edges(lo, hi, count, length, offset):
    """The data values at the two ends of an axis whose first/last labels are ``lo``/``hi``."""
    if not offset or count < 2:
        return lo, hi
    slot = length / count
    per_px = (hi - lo) / (length - slot)
    return lo - per_px * slot / 2, hi + per_px * slot / 2


class _Frame:
    """The plotting area of an axis: left, top, width and height in SVG coordinates."""

    def __init__(self, left=240.0, top=20.0, width=960.0, height=720.0):
        self.left, self.top, self.width, self.height = left, top, width, height
        self.bottom = top + height

    @classmethod
    def from_fields(cls, w):
        width = _num(w["axiswidth"], 960.0)
        height = _num(w["axisheight"], 720.0)
        return cls(_num(w["leftspace"], 240.0), _num(w["topspace"], 20.0),
                   width if width > 0 else 960.0, height if height > 0 else 720.0)


def _draw_axes(w, frame, xlabels, ylabels, xoffset=False, yoffset=False):
    """The frame rectangle, ticks and labels of an axis widget."""
    colour, font = w["axiscol"], w["font_family"]
    parts = [_el("rect", ("x", frame.left), ("y", frame.top), ("width", frame.width),
                 ("height", frame.height), ("fill", w["fill"]),
                 ("fill-opacity", w["fill_opacity"]), ("stroke", colour), ("stroke-width", 1))]

    def text(x, y, label):
        return _el("text", ("x", x), ("y", y), ("text-anchor", "end"), ("font-size", 20),
                   ("font-family", font), ("fill", colour), ("stroke-width", 0), text=label)

    last = len(ylabels) - 1
    for i, ypos in enumerate(_positions(frame.bottom, -frame.height, len(ylabels), yoffset)):
        if yoffset or 0 < i < last:
            parts.append(_line(frame.left - 5, ypos, frame.left + 20, ypos, colour))
        parts.append(text(frame.left - 20, ypos + 5, ylabels[i]))
    last = len(xlabels) - 1
    for i, xpos in enumerate(_positions(frame.left, frame.width, len(xlabels), xoffset)):
        if xoffset or 0 < i < last:
            parts.append(_line(xpos, frame.bottom + 5, xpos, frame.bottom - 20, colour))
        parts.append(text(xpos + 5, frame.bottom + 40, xlabels[i]))
    return "".join(parts)


def _axis_widget(w, frame, x, y, xoffset=False, yoffset=False):
    """Render an axis: ``x``/``y`` are (lo, hi, labels) for each direction."""
    (xlo, xhi, xlabels), (ylo, yhi, ylabels) = x, y
    minx, maxx = _edges(xlo, xhi, len(xlabels), frame.width, xoffset)
    miny, maxy = _edges(ylo, yhi, len(ylabels), frame.height, yoffset)
    scale = _Scale(minx, maxx, miny, maxy, frame.left, frame.top, frame.width, frame.height)
    with _scaling(scale):
        inner = w.container(0)
    drawing = _draw_axes(w, frame, xlabels, ylabels, xoffset, yoffset)
    return _group(w, f"<g>{drawing}</g><g>{inner}</g>")


def _auto(lo, hi, most):
    """(lo, extended hi, labels) with a nice step giving at most ``most`` intervals."""
    step = _nice_step(hi - lo, most)
    count = _steps(lo, hi, step)
    return lo, lo + count * step, _numbered(lo, step, count)


def _stepped(lo, hi, interval, most):
    """(lo, extended hi, labels) with the given interval, or a nice one if it is unusable."""
    step = _num(interval, 0.0)
    if step <= 0 or (hi - lo) / step > _MAX_TICKS:
        return _auto(lo, hi, most)
    count = _steps(lo, hi, step)
    return lo, lo + count * step, _numbered(lo, step, count)


def _listed(lo, hi, labels):
    """(lo, hi, labels) using the given labels, or ten numbered intervals if fewer than two."""
    labels = [str(v) for v in labels or ()]
    if len(labels) >= 2:
        return lo, hi, labels
    generated = _numbered(lo, (hi - lo) / 10, 10)
    return lo, hi, labels + generated[len(labels):]


_AXIS_COMMON = (
    Field("transform", "text", jsonset=True, help="SVG transform of the whole axis."),
    Field("fill", "text", default="white", help="Fill colour of the plotting area."),
    Field("fill_opacity", "text", default="1", help="Opacity of the fill, 0 to 1."),
    Field("font_family", "text", default="arial", help="Font of the labels."),
    Field("axiscol", "text", default="green", help="Colour of the frame, ticks and labels."),
    Field("minxvalue", "text", default="0", help="Value at the left of the x axis."),
    Field("maxxvalue", "text", default="100", help="Value at the right of the x axis."),
)

_FRAME_FIELDS = (
    Field("leftspace", "text", default="240", help="Space left of the plotting area."),
    Field("topspace", "text", default="20", help="Space above the plotting area."),
    Field("axiswidth", "text", default="960", help="Width of the plotting area."),
    Field("axisheight", "text", default="720", help="Height of the plotting area."),
    Field("xoffset", "boolean",
          help="Place x labels in the middle of slots (for bars) instead of on the edges."),
    Field("yoffset", "boolean",
          help="Place y labels in the middle of slots (for bars) instead of on the edges."),
)

_Y_RANGE = (
    Field("minyvalue", "text", default="0", help="Value at the bottom of the y axis."),
    Field("maxyvalue", "text", default="100", help="Value at the top of the y axis."),
)


class Axis1(Widget):
    """A pair of axes with automatically chosen, labelled ticks; series widgets go in its
    container and are scaled to it.

    The plotting area is 960 x 720 at (240, 20), so the whole drawing is about 1200 x 800.
    minxvalue, maxxvalue, minyvalue, maxyvalue: the data range (the maxima are raised to
    the next tick); fill, fill_opacity: the plotting area's colour; axiscol: colour of the
    frame, ticks and labels; font_family: font of the labels; transform: an SVG transform
    of the whole axis (settable by JSON), for example to scale it down.
    """

    containers = 1
    FIELDS = _AXIS_COMMON + _Y_RANGE

    def render(self, w):
        xlo, xhi = _range(w["minxvalue"], w["maxxvalue"])
        ylo, yhi = _range(w["minyvalue"], w["maxyvalue"])
        return _axis_widget(w, _Frame(), _auto(xlo, xhi, 20), _auto(ylo, yhi, 10))


class Axis2(Widget):
    """A pair of axes with ticks at given intervals; series widgets go in its container and
    are scaled to it.

    minxvalue, maxxvalue, xinterval and minyvalue, maxyvalue, yinterval: the data range and
    the step between ticks (the maxima are raised to the next tick; an unusable interval is
    replaced by an automatic one); leftspace, topspace, axiswidth, axisheight: where the
    plotting area is and its size; xoffset, yoffset: put the labels in the middle of slots,
    which suits bar charts; fill, fill_opacity, axiscol, font_family: colours and font;
    transform: an SVG transform of the whole axis (settable by JSON).
    """

    containers = 1
    FIELDS = _AXIS_COMMON + (
        Field("xinterval", "text", default="20", help="Step between x ticks."),
    ) + _Y_RANGE + (
        Field("yinterval", "text", default="20", help="Step between y ticks."),
    ) + _FRAME_FIELDS

    def render(self, w):
        xlo, xhi = _range(w["minxvalue"], w["maxxvalue"])
        ylo, yhi = _range(w["minyvalue"], w["maxyvalue"])
        return _axis_widget(w, _Frame.from_fields(w),
                            _stepped(xlo, xhi, w["xinterval"], 20),
                            _stepped(ylo, yhi, w["yinterval"], 10),
                            w["xoffset"], w["yoffset"])


class Axis3(Widget):
    """A pair of axes with given text labels; series widgets go in its container and are
    scaled to it.

    xlabels, ylabels: the labels, spread evenly along each axis (with fewer than two, ten
    numbered intervals are shown); minxvalue, maxxvalue, minyvalue, maxyvalue: the data
    values at the first and last labels; leftspace, topspace, axiswidth, axisheight: where
    the plotting area is and its size; xoffset, yoffset: put the labels in the middle of
    slots, which suits bar charts; fill, fill_opacity, axiscol, font_family: colours and
    font; transform: an SVG transform of the whole axis (settable by JSON).
    """

    containers = 1
    FIELDS = _AXIS_COMMON + (
        ListField("xlabels", "text", help="Labels along the x axis, left to right."),
        ListField("ylabels", "text", help="Labels along the y axis, bottom to top."),
    ) + _Y_RANGE + _FRAME_FIELDS

    def render(self, w):
        xlo, xhi = _range(w["minxvalue"], w["maxxvalue"])
        ylo, yhi = _range(w["minyvalue"], w["maxyvalue"])
        return _axis_widget(w, _Frame.from_fields(w), _listed(xlo, xhi, w["xlabels"]),
                            _listed(ylo, yhi, w["ylabels"]), w["xoffset"], w["yoffset"])


# ---- series drawn inside an axis -------------------------------------------------------------

_SERIES_VALUES = TableField("values", ("text", "text"), jsonset=True,
                            help="The data: rows of x, y.  Points outside the axis are left out.")
_TRANSFORM = Field("transform", "text", jsonset=True, help="SVG transform of the group.")


class Points(Widget):
    """Data points marked with small crosses, placed in an axis widget's container.

    values: rows of (x, y) data values, scaled by the enclosing axis (points outside it are
    left out); settable by JSON, the browser library redraws the points with the same
    scale.  pointcol: colour of the crosses; transform: an SVG transform of the group.
    """

    dynamic = True       # drawn with the enclosing axis's scale: never cached alone
    FIELDS = (_TRANSFORM, _SERIES_VALUES,
              Field("pointcol", "text", default="black", help="Colour of the markers."))

    def render(self, w):
        scale = _current_scale()
        w.js(pointcol=w["pointcol"], **scale.js())
        parts = [_cross(scale.x(x), scale.y(y), w["pointcol"])
                 for x, y in _rows(w["values"]) if scale.inside(x, y)]
        return _group(w, "".join(parts))


class Lines(Widget):
    """Data points joined by straight lines, placed in an axis widget's container.

    values: rows of (x, y) data values in drawing order, scaled by the enclosing axis
    (points outside it are left out); settable by JSON.  linecol: colour of the lines and
    points; linewidth: width of the lines; pointradius: radius of the dot at each point;
    transform: an SVG transform of the group.
    """

    dynamic = True       # drawn with the enclosing axis's scale: never cached alone
    FIELDS = (
        _TRANSFORM, _SERIES_VALUES,
        Field("linecol", "text", default="black", help="Colour of the lines and dots."),
        Field("linewidth", "text", default="2", help="Width of the lines."),
        Field("pointradius", "text", default="1", help="Radius of the dot at each point."),
    )

    def render(self, w):
        scale = _current_scale()
        colour, width, radius = w["linecol"], w["linewidth"], w["pointradius"]
        w.js(linecol=colour, linewidth=width, pointradius=radius, **scale.js())
        parts, previous = [], None
        for x, y in _rows(w["values"]):
            if not scale.inside(x, y):
                continue
            point = (scale.x(x), scale.y(y))
            parts.append(_el("circle", ("cx", point[0]), ("cy", point[1]), ("r", radius),
                             ("fill", colour), ("stroke", colour)))
            if previous:
                parts.append(_line(*previous, *point, colour, width))
            previous = point
        return _group(w, "".join(parts))


_BAR_FIELDS = (
    Field("bar_width", "text", default="10", help="Width of each bar, in data units."),
    Field("fill", "text", default="green", help="Fill colour of the bars."),
    Field("fill_opacity", "text", default="1", help="Opacity of the fill, 0 to 1."),
    Field("stroke", "text", default="black", help="Colour of the bar outlines."),
    Field("stroke_width", "text", default="1", help="Width of the bar outlines."),
)


def _bar(w, x, y, width, height):
    return _el("rect", ("x", x), ("y", y), ("width", width), ("height", height),
               ("fill", w["fill"]), ("fill-opacity", w["fill_opacity"]), ("stroke", w["stroke"]),
               ("stroke-width", w["stroke_width"]))


def _bar_js(w, barwidth, scale, **more):
    w.js(fill=w["fill"], fill_opacity=w["fill_opacity"], stroke=w["stroke"],
         stroke_width=w["stroke_width"], barwidth=barwidth, **more, **scale.js())


class XBars(Widget):
    """Vertical bars rising from the bottom of an axis, placed in an axis widget's container.

    values: rows of (x, y): a bar centred on x reaching up to y, scaled by the enclosing
    axis (bars outside it are left out); settable by JSON.  bar_width: the width of the
    bars in x data units; fill, fill_opacity, stroke, stroke_width: colours and outline;
    transform: an SVG transform of the group.
    """

    dynamic = True       # drawn with the enclosing axis's scale: never cached alone
    FIELDS = (_TRANSFORM, _SERIES_VALUES) + _BAR_FIELDS

    def render(self, w):
        scale = _current_scale()
        barwidth = abs(_num(w["bar_width"], 10.0) * scale.mx)
        _bar_js(w, barwidth, scale, yaxis=scale.bottom)
        parts = []
        for x, y in _rows(w["values"]):
            if scale.inside(x, y):
                top = scale.y(y)
                parts.append(_bar(w, scale.x(x) - barwidth / 2, min(top, scale.bottom), barwidth,
                                  abs(scale.bottom - top)))
        return _group(w, "".join(parts))


class YBars(Widget):
    """Horizontal bars reaching right from the left of an axis, placed in an axis widget's
    container.

    values: rows of (x, y): a bar centred on y reaching across to x, scaled by the enclosing
    axis (bars outside it are left out); settable by JSON.  bar_width: the thickness of the
    bars in y data units; fill, fill_opacity, stroke, stroke_width: colours and outline;
    transform: an SVG transform of the group.
    """

    dynamic = True       # drawn with the enclosing axis's scale: never cached alone
    FIELDS = (_TRANSFORM, _SERIES_VALUES) + _BAR_FIELDS

    def render(self, w):
        scale = _current_scale()
        barwidth = abs(_num(w["bar_width"], 10.0) * scale.my)
        _bar_js(w, barwidth, scale, xaxis=scale.left)
        parts = []
        for x, y in _rows(w["values"]):
            if scale.inside(x, y):
                right = scale.x(x)
                parts.append(_bar(w, min(right, scale.left), scale.y(y) - barwidth / 2,
                                  abs(right - scale.left), barwidth))
        return _group(w, "".join(parts))


# ---- ready-made charts -----------------------------------------------------------------------

_CHART1_POINTS = 51


class Chart1(Widget):
    """A rolling line chart of values between -100 and +100, newest at the right.

    The chart is 500 x 200 with a thick zero line, lines at +50 and -50 and a vertical grid
    every 50.  values: a list of integers, oldest first; the last 51 are drawn 10 apart from
    the right edge (values beyond +/-100 are drawn at the edge); settable by JSON.  stroke,
    stroke_width: colour and width of the plotted line; plus50legend, minus50legend,
    zerolegend: short labels drawn on the three horizontal lines (escaped, none if empty);
    font_family: their font; transform: an SVG transform of the chart.
    """

    FIELDS = (
        _TRANSFORM,
        ListField("values", "integer", jsonset=True,
                  help="The values, oldest first, between -100 and 100."),
        Field("stroke_width", "integer", default=1, help="Width of the plotted line."),
        Field("stroke", "text", default="black", help="Colour of the plotted line."),
        Field("plus50legend", "text", help="Label of the +50 line."),
        Field("minus50legend", "text", help="Label of the -50 line."),
        Field("zerolegend", "text", help="Label of the zero line."),
        Field("font_family", "text", default="arial", help="Font of the labels."),
    )

    def render(self, w):
        w.js(xmax=500, xstep=10, maxpoints=_CHART1_POINTS, yzero=100, ymin=0, ymax=200)
        grid = "green"
        parts = [_el("rect", ("x", 0), ("y", 0), ("width", 500), ("height", 200),
                     ("fill", "white"), ("stroke", grid), ("stroke-width", 1)),
                 _line(0, 100, 500, 100, grid, 3), _line(0, 50, 500, 50, grid),
                 _line(0, 150, 500, 150, grid)]
        parts += [_line(x, 0, x, 200, grid) for x in range(50, 500, 50)]
        for text, ypos in ((w["plus50legend"], 50), (w["minus50legend"], 150),
                           (w["zerolegend"], 100)):
            if text:
                length = 5 * len(text)
                parts.append(_el("rect", ("x", 3), ("y", ypos - 10), ("width", length + 10),
                                 ("height", 20), ("fill", "white"), ("stroke-width", 0)))
                parts.append(_el("text", ("x", 5), ("y", ypos + 3), ("font-size", 10),
                                 ("font-family", w["font_family"]),
                                 ("lengthAdjust", "spacingAndGlyphs"), ("textLength", length),
                                 ("fill", grid), ("stroke-width", 0), text=text))
        values = [_num(v, 0.0) for v in w["values"] or ()][-_CHART1_POINTS:]
        points = " ".join(f"{500 - 10 * i},{_fmt(min(200.0, max(0.0, 100.0 - v)))}"
                          for i, v in enumerate(reversed(values)))
        parts.append(_el("polyline", ("points", points), ("fill", "none"),
                         ("stroke", w["stroke"]), ("stroke-width", w["stroke_width"])))
        return _group(w, "".join(parts))


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_HOUR = datetime.timedelta(hours=1)


def _as_datetime(value):
    """A naive datetime from a datetime, date or ISO string; None when it is not one."""
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.datetime.fromisoformat(value.strip()).replace(tzinfo=None)
    except ValueError:
        return None


def _dated_rows(values):
    """(datetime, value) pairs from rows of (value, datetime); (datetime, value) also accepted."""
    out = []
    for row in values or ():
        if not isinstance(row, (list, tuple)) or len(row) < 2:
            continue
        when, value = _as_datetime(row[1]), _num(row[0], None)
        if when is None or value is None:
            when, value = _as_datetime(row[0]), _num(row[1], None)
        if when is not None and value is not None:
            out.append((when, value))
    return out


class Graph48Hr(Widget):
    """A time series over 48 hours: values plotted as crosses against the time of day.

    values: rows of (value, datetime); last_day: the second of the two days shown (if it
    is empty the 48 hours end at the hour after the latest value, and with no values only
    the frame is drawn); minvalue, maxvalue: the range of the y axis (the maximum is raised
    to the next tick); plotcol: colour of the crosses; fill, fill_opacity: the plotting
    area's colour; axiscol: colour of the frame, ticks and labels; font_family: their font;
    transform: an SVG transform of the chart (the only field settable by JSON).
    """

    FIELDS = (
        _TRANSFORM,
        TableField("values", ("text", "datetime"), help="The data: rows of value, datetime."),
        Field("fill", "text", default="white", help="Fill colour of the plotting area."),
        Field("fill_opacity", "text", default="1", help="Opacity of the fill, 0 to 1."),
        Field("plotcol", "text", default="black", help="Colour of the plotted crosses."),
        Field("font_family", "text", default="arial", help="Font of the labels."),
        Field("axiscol", "text", default="green", help="Colour of the frame, ticks and labels."),
        Field("minvalue", "text", default="0", help="Value at the bottom of the y axis."),
        Field("maxvalue", "text", default="100", help="Value at the top of the y axis."),
        Field("last_day", "date", help="The second of the two days shown."),
    )

    def render(self, w):
        frame = _Frame()
        colour, font = w["axiscol"], w["font_family"]
        parts = [_el("rect", ("x", frame.left), ("y", frame.top), ("width", frame.width),
                     ("height", frame.height), ("fill", w["fill"]),
                     ("fill-opacity", w["fill_opacity"]), ("stroke", colour),
                     ("stroke-width", 1))]
        rows = _dated_rows(w["values"])
        try:
            end = self._end(w["last_day"], rows)
            start = end - 48 * _HOUR if end else None
        except OverflowError:
            start = end = None
        if start is None:
            return _group(w, "".join(parts))

        def text(x, y, label, anchor=None):
            return _el("text", ("x", x), ("y", y), ("text-anchor", anchor), ("font-size", 20),
                       ("font-family", font), ("fill", colour), ("stroke-width", 0), text=label)

        per_hour = frame.width / 48
        for i in range(49):
            when = start + i * _HOUR
            xpos = frame.left + i * per_hour
            if 0 < i < 48:
                length, width = 10, 1
                if when.hour == 0:
                    length, width = 30, 2
                elif when.hour == 12:
                    length = 25
                elif when.hour % 6 == 0:
                    length = 20
                parts.append(_line(xpos, frame.bottom, xpos, frame.bottom - length, colour,
                                   width))
            if when.hour == 0:
                parts.append(text(xpos - 25, frame.bottom + 30,
                                  f"{when.day:02d} {_MONTHS[when.month - 1]}"))
                parts.append(text(xpos - 25, frame.bottom + 50, "00:00"))
            elif when.hour == 12:
                parts.append(text(xpos - 25, frame.bottom + 30, "12:00"))

        lo, hi, ylabels = _auto(*_range(w["minvalue"], w["maxvalue"]), 10)
        last = len(ylabels) - 1
        for i, ypos in enumerate(_positions(frame.bottom, -frame.height, len(ylabels), False)):
            if 0 < i < last:
                parts.append(_line(frame.left, ypos, frame.left + 20, ypos, colour))
            parts.append(text(frame.left - 20, ypos + 5, ylabels[i], "end"))

        scale = _Scale(0.0, 48.0, lo, hi, frame.left, frame.top, frame.width, frame.height)
        for when, value in rows:
            hours = (when - start).total_seconds() / 3600
            if scale.inside(hours, value):
                parts.append(_cross(scale.x(hours), scale.y(value), w["plotcol"]))
        return _group(w, "".join(parts))

    @staticmethod
    def _end(last_day, rows):
        """The end of the 48 hours: midnight after ``last_day``, else after the latest value."""
        day = _as_datetime(last_day)
        if day is not None:
            return datetime.datetime(day.year, day.month, day.day) + 24 * _HOUR
        if rows:
            latest = max(when for when, _ in rows)
            return latest.replace(minute=0, second=0, microsecond=0) + _HOUR
        return None


# ---- star charts -----------------------------------------------------------------------------

_CENTRE, _RADIUS = 250.0, 250.0


def _star_chart(w, stars, lines):
    """The chart: border circle, stars (diameter, X, Y), centre marks and lines in SVG units."""
    stroke, width = w["stroke"], w["stroke_width"]
    parts = [_el("circle", ("cx", _CENTRE), ("cy", _CENTRE), ("r", _RADIUS), ("fill", w["fill"]),
                 ("stroke", stroke), ("stroke-width", width))]
    for diameter, x, y in stars:
        parts.append(_el("circle", ("cx", x), ("cy", y), ("r", abs(diameter) / 2),
                         ("fill", stroke), ("stroke", stroke)))
    if w["square"]:
        parts.append(_el("rect", ("x", _CENTRE - 10), ("y", _CENTRE - 10), ("width", 20),
                         ("height", 20), ("fill", "none"), ("stroke", stroke),
                         ("stroke-width", 1)))
    if w["cross"]:
        parts.append(_line(_CENTRE - 10, _CENTRE, _CENTRE + 10, _CENTRE, stroke))
        parts.append(_line(_CENTRE, _CENTRE - 10, _CENTRE, _CENTRE + 10, stroke))
    parts += [_line(x1, y1, x2, y2, stroke) for x1, y1, x2, y2 in lines]
    return _group(w, "".join(parts))


_STAR_FIELDS = (
    _TRANSFORM,
    Field("fill", "text", default="white", help="Background colour of the chart."),
    Field("stroke_width", "integer", default=1, help="Width of the chart's border."),
    Field("stroke", "text", default="black", help="Colour of the border, stars and lines."),
)
_MARK_FIELDS = (
    Field("cross", "boolean", help="Draw a small cross at the centre."),
    Field("square", "boolean", help="Draw a small square at the centre."),
)


class _Projection:
    """Stereographic projection of the sky around (ra, dec) onto the chart's circle."""

    def __init__(self, ra, dec, view):
        self.ra0 = math.radians(_num(ra, 0.0))
        dec0 = max(-90.0, min(90.0, _num(dec, 90.0)))
        self.sin0, self.cos0 = math.sin(math.radians(dec0)), math.cos(math.radians(dec0))
        view = _num(view, 180.0)
        if not 0 < view < 360:
            view = 180.0
        # a star view/2 degrees from the centre lands on the circle
        self.factor = _RADIUS / (2 * math.tan(math.radians(view) / 4))

    def __call__(self, ra, dec):
        """SVG (X, Y) of the star at (ra, dec) degrees, or None when it is off the chart."""
        dra = math.radians(ra) - self.ra0
        dec = math.radians(dec)
        sin_d, cos_d = math.sin(dec), math.cos(dec)
        cos_c = self.sin0 * sin_d + self.cos0 * cos_d * math.cos(dra)
        if cos_c <= -0.999999:
            return None
        k = 2 * self.factor / (1 + cos_c)
        x = k * cos_d * math.sin(dra)
        y = k * (self.cos0 * sin_d - self.sin0 * cos_d * math.cos(dra))
        if x * x + y * y > _RADIUS * _RADIUS:
            return None
        return _CENTRE - x, _CENTRE - y


class StarChart(Widget):
    """A circular star chart centred on a point of the sky, drawn on the server.

    stars: rows of (diameter, ra, dec) with the right ascension and declination in
    degrees, each drawn as a dot of that diameter; lines: rows of (ra1, dec1, ra2, dec2),
    drawn when both ends are on the chart; ra, dec: the centre of the chart in degrees;
    view: the angular diameter of the chart in degrees (stereographic projection, north up
    and east to the left); cross, square: marks at the centre; fill, stroke, stroke_width:
    background, drawing colour and border width; transform: an SVG transform of the chart
    (the only field settable by JSON).
    """

    FIELDS = _STAR_FIELDS + (
        TableField("stars", ("text", "text", "text"),
                   help="The stars: rows of diameter, ra, dec (degrees)."),
        TableField("lines", ("text", "text", "text", "text"),
                   help="Lines between sky positions: rows of ra1, dec1, ra2, dec2."),
        Field("ra", "text", default="0", help="Right ascension of the centre, degrees."),
        Field("dec", "text", default="90", help="Declination of the centre, degrees."),
        Field("view", "text", default="180", help="Angular diameter of the chart, degrees."),
    ) + _MARK_FIELDS

    def render(self, w):
        project = _Projection(w["ra"], w["dec"], w["view"])
        stars = []
        for diameter, ra, dec in _rows(w["stars"], 3):
            point = project(ra, dec)
            if point:
                stars.append((diameter, *point))
        lines = []
        for ra1, dec1, ra2, dec2 in _rows(w["lines"], 4):
            one, two = project(ra1, dec1), project(ra2, dec2)
            if one and two:
                lines.append((*one, *two))
        return _star_chart(w, stars, lines)


class StarChartXY(Widget):
    """A circular chart of stars given by their position on the chart.

    stars: rows of (diameter, x, y), with x and y measured from the centre of the 500 x 500
    chart, x to the left and y upwards; lines: rows of (x1, y1, x2, y2) in the same units;
    both settable by JSON.  cross, square: marks at the centre; fill, stroke, stroke_width:
    background, drawing colour and border width; transform: an SVG transform of the chart.
    """

    FIELDS = _STAR_FIELDS + (
        TableField("stars", ("text", "text", "text"), jsonset=True,
                   help="The stars: rows of diameter, x, y."),
        TableField("lines", ("text", "text", "text", "text"), jsonset=True,
                   help="Lines: rows of x1, y1, x2, y2."),
    ) + _MARK_FIELDS

    def render(self, w):
        w.js(stroke=w["stroke"], stroke_width=w["stroke_width"], fill=w["fill"],
             cross=w["cross"], square=w["square"], centre=_CENTRE)
        stars = [(d, _CENTRE - x, _CENTRE - y) for d, x, y in _rows(w["stars"], 3)]
        lines = [(_CENTRE - x1, _CENTRE - y1, _CENTRE - x2, _CENTRE - y2)
                 for x1, y1, x2, y2 in _rows(w["lines"], 4)]
        return _star_chart(w, stars, lines)
