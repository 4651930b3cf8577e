"""SVG primitives: the shapes, text and groups a page draws with.

These widgets render SVG elements on the server.  In a TemplatePage they must sit inside an
``SVGContainer`` (an inline ``<svg>`` element); in an SVG page they go straight into the
page's ``<svg>`` tree.  Their coordinates, colours, transforms and texts may be changed by
JSON updates, which the browser library applies to the element with the widget's id.

Attribute values are always escaped; ``TextGroup`` and ``TextBlockGroup`` insert SVG markup
as it is, by design.  The small number helpers at the end (``_num``, ``_fmt``) are shared
with the ``svggraphs`` and ``svgmeters`` modules.
"""

import math

from ..render.html import attrs, esc
from .base import ClosedWidget, Field, TableField, Widget

__all__ = [
    "Circle", "Ellipse", "Group", "Line", "Path", "Polygon", "Polyline", "Rect", "SVGContainer",
    "SimpleText", "TextBlockGroup", "TextGroup", "TextList",
]


def _stroke_fields(fill="none"):
    """The fill / stroke / stroke_width fields most shapes share (all JSON-settable)."""
    out = []
    if fill is not None:
        out.append(Field("fill", "text", jsonset=True, default=fill,
                         help="Fill colour of the shape ('none' leaves it unfilled)."))
    out += [
        Field("stroke", "text", jsonset=True, default="black", help="Colour of the outline."),
        Field("stroke_width", "text", jsonset=True, default="1", help="Width of the outline."),
    ]
    return tuple(out)


def _void(tag, w, *pairs):
    """A void SVG element with the widget's id/class/style and the given attributes."""
    return f"<{tag}{w.outer()}{attrs(*pairs)} />"


def _paint(w, *names):
    """``(svg-attribute, value)`` pairs for fields such as fill, stroke, stroke_width."""
    return tuple((n.replace("_", "-"), w[n]) for n in names)


def _points(rows):
    """A ``points`` attribute value from a table of (x, y) rows."""
    out = []
    for row in rows:
        if len(row) >= 2:
            out.append(f"{row[0]},{row[1]}")
    return " ".join(out)


class Circle(ClosedWidget):
    """An SVG circle.

    cx, cy: the centre; r: the radius; fill: the fill colour; stroke, stroke_width: the
    outline.  Every field can be changed by a JSON update.
    """

    FIELDS = (
        Field("cx", "text", jsonset=True, default="50", help="x coordinate of the centre."),
        Field("cy", "text", jsonset=True, default="50", help="y coordinate of the centre."),
        Field("r", "text", jsonset=True, default="40", help="Radius."),
    ) + _stroke_fields()

    def render(self, w):
        return _void("circle", w, *_paint(w, "cx", "cy", "r", "fill", "stroke", "stroke_width"))


class Ellipse(ClosedWidget):
    """An SVG ellipse.

    cx, cy: the centre; rx, ry: the horizontal and vertical radii; fill, stroke,
    stroke_width: colours and outline.  Every field can be changed by a JSON update.
    """

    FIELDS = (
        Field("cx", "text", jsonset=True, default="50", help="x coordinate of the centre."),
        Field("cy", "text", jsonset=True, default="50", help="y coordinate of the centre."),
        Field("rx", "text", jsonset=True, default="40", help="Horizontal radius."),
        Field("ry", "text", jsonset=True, default="20", help="Vertical radius."),
    ) + _stroke_fields()

    def render(self, w):
        return _void("ellipse", w,
                     *_paint(w, "cx", "cy", "rx", "ry", "fill", "stroke", "stroke_width"))


class Group(Widget):
    """An SVG group ``<g>`` holding further SVG widgets in its container.

    transform: an SVG transform applied to everything in the group, for example
    ``translate(10,20)`` or ``scale(2)``; it can be changed by a JSON update.
    """

    containers = 1
    FIELDS = (Field("transform", "text", jsonset=True,
                    help="SVG transform of the group, such as translate(10,20)."),)

    def render(self, w):
        return f"<g{w.outer()}{attrs(transform=w['transform'])}>{w.container(0)}</g>"


class Line(ClosedWidget):
    """An SVG straight line from (x1, y1) to (x2, y2).

    stroke, stroke_width: colour and width of the line.  Every field can be changed by a
    JSON update.
    """

    FIELDS = (
        Field("x1", "text", jsonset=True, default="0", help="x coordinate of the start."),
        Field("y1", "text", jsonset=True, default="0", help="y coordinate of the start."),
        Field("x2", "text", jsonset=True, default="100", help="x coordinate of the end."),
        Field("y2", "text", jsonset=True, default="100", help="y coordinate of the end."),
    ) + _stroke_fields(fill=None)

    def render(self, w):
        return _void("line", w, *_paint(w, "x1", "y1", "x2", "y2", "stroke", "stroke_width"))


class Path(ClosedWidget):
    """An SVG path.

    d: the path data (for example ``M 10 10 L 90 90 Z``); fill, stroke, stroke_width:
    colours and outline.  Every field can be changed by a JSON update.
    """

    FIELDS = (Field("d", "text", jsonset=True, help="The path data, such as M 10 10 L 90 90."),
              ) + _stroke_fields()

    def render(self, w):
        return _void("path", w, *_paint(w, "d", "fill", "stroke", "stroke_width"))


class Polygon(ClosedWidget):
    """An SVG polygon: a closed shape through a list of points.

    points: a table of (x, y) rows, one per corner; fill, stroke, stroke_width: colours and
    outline.  Every field can be changed by a JSON update.
    """

    FIELDS = (TableField("points", ("text", "text"), jsonset=True,
                         help="The corners: rows of x, y."),) + _stroke_fields()

    def render(self, w):
        return _void("polygon", w, *_paint(w, "fill", "stroke", "stroke_width"),
                     ("points", _points(w["points"])))


class Polyline(ClosedWidget):
    """An SVG polyline: connected straight lines through a list of points.

    points: a table of (x, y) rows; fill, stroke, stroke_width: colours and outline.  Every
    field can be changed by a JSON update.
    """

    FIELDS = (TableField("points", ("text", "text"), jsonset=True,
                         help="The points: rows of x, y."),) + _stroke_fields()

    def render(self, w):
        return _void("polyline", w, *_paint(w, "fill", "stroke", "stroke_width"),
                     ("points", _points(w["points"])))


class Rect(ClosedWidget):
    """An SVG rectangle.

    x, y: the top left corner; rx, ry: the radii of rounded corners; width, height: the
    size; fill, stroke, stroke_width: colours and outline.  Every field can be changed by a
    JSON update.
    """

    FIELDS = (
        Field("x", "text", jsonset=True, default="0", help="x coordinate of the left side."),
        Field("y", "text", jsonset=True, default="0", help="y coordinate of the top."),
        Field("rx", "text", jsonset=True, default="0", help="Horizontal corner radius."),
        Field("ry", "text", jsonset=True, default="0", help="Vertical corner radius."),
        Field("width", "text", jsonset=True, default="100", help="Width."),
        Field("height", "text", jsonset=True, default="100", help="Height."),
    ) + _stroke_fields()

    def render(self, w):
        return _void("rect", w, *_paint(w, "x", "y", "rx", "ry", "width", "height", "fill",
                                        "stroke", "stroke_width"))


class SVGContainer(Widget):
    """An inline ``<svg>`` image inside an HTML page, holding SVG widgets in its container.

    width, height: the size of the image on the page; viewBox: the user coordinate system
    (``min-x min-y width height``); preserveAspectRatio: how the viewBox fits the size (for
    example ``xMidYMid meet`` or ``none``).  All four can be changed by a JSON update.
    """

    containers = 1
    FIELDS = (
        Field("width", "text", jsonset=True, default="100", help="Width of the image."),
        Field("height", "text", jsonset=True, default="100", help="Height of the image."),
        Field("viewBox", "text", jsonset=True,
              help="The user coordinates: min-x min-y width height."),
        Field("preserveAspectRatio", "text", jsonset=True,
              help="How the viewBox is fitted, such as 'xMidYMid meet' or 'none'."),
    )

    def render(self, w):
        extra = attrs(("width", w["width"]), ("height", w["height"]), ("viewBox", w["viewBox"]),
                      ("preserveAspectRatio", w["preserveAspectRatio"]))
        return f"<svg{w.outer()}{extra}>{w.container(0)}</svg>"


class SimpleText(Widget):
    """A line of SVG text.

    x, y: where the text starts; dx, dy: a further shift; font_family, font_size: the font;
    fill: the colour of the letters; stroke, stroke_width: an optional outline of the
    letters; text: the text shown (escaped).  Every field can be changed by a JSON update.
    """

    FIELDS = (
        Field("x", "text", jsonset=True, default="0", help="x coordinate of the text."),
        Field("y", "text", jsonset=True, default="0", help="y coordinate of the baseline."),
        Field("dx", "text", jsonset=True, default="0", help="A horizontal shift."),
        Field("dy", "text", jsonset=True, default="0", help="A vertical shift."),
        Field("font_family", "text", jsonset=True, default="Arial", help="The font."),
        Field("font_size", "text", jsonset=True, default="20", help="The font size."),
        Field("fill", "text", jsonset=True, default="white", help="Colour of the letters."),
        Field("stroke", "text", jsonset=True, help="Colour of an outline of the letters."),
        Field("stroke_width", "text", jsonset=True, help="Width of the outline."),
        Field("text", "text", jsonset=True, help="The text shown."),
    )

    def render(self, w):
        pairs = _paint(w, "x", "y", "dx", "dy", "font_family", "font_size", "fill", "stroke",
                       "stroke_width")
        return f"<text{w.outer()}{attrs(*pairs)}>{esc(w['text'])}</text>"


class TextBlockGroup(Widget):
    """An SVG group ``<g>`` whose content is a TextBlock: SVG markup kept in the project's
    TextBlocks (in the request's language).

    Shows raw SVG: only put trusted content in the TextBlock and in content_replaceblock.

    textblock_ref: the TextBlock reference; textblock_project: the project holding it (empty
    for this project); content_refnotfound: the text shown when the TextBlock is not found
    (escaped); content_replaceblock: SVG markup shown instead of the TextBlock (settable by
    JSON); transform: an SVG transform of the group.
    """

    FIELDS = (
        Field("textblock_ref", "textblock_ref", help="Reference of the TextBlock shown."),
        Field("textblock_project", "text",
              help="Project holding the TextBlock (empty for this project)."),
        Field("content_refnotfound", "text",
              help="Text shown if the TextBlock is not found."),
        Field("content_replaceblock", "text", jsonset=True,
              help="SVG markup shown instead of the TextBlock (raw: trusted content only)."),
        Field("transform", "text", jsonset=True, help="SVG transform of the group."),
    )

    def render(self, w):
        if w["content_replaceblock"]:
            content = w["content_replaceblock"]
        else:
            ref = w["textblock_ref"]
            text = w.textblock(ref, None, project=w["textblock_project"] or None)
            if text is not None:
                content = text
            elif w["content_refnotfound"]:
                content = esc(w["content_refnotfound"])
            elif ref:
                content = esc(f"failed to read textblocks with ref {ref}")
            else:
                content = "failed to read textblocks"
        return f"<g{w.outer()}{attrs(transform=w['transform'])}>{content}</g>"


class TextGroup(Widget):
    """An SVG group ``<g>`` holding the SVG markup given in its text field.

    Shows raw SVG: only put trusted content here.

    text: the SVG markup placed in the group (settable by JSON); transform: an SVG
    transform of the group.
    """

    FIELDS = (
        Field("text", "text", jsonset=True,
              help="SVG markup placed in the group (raw: trusted content only)."),
        Field("transform", "text", jsonset=True, help="SVG transform of the group."),
    )

    def render(self, w):
        return f"<g{w.outer()}{attrs(transform=w['transform'])}>{w['text']}</g>"


class TextList(Widget):
    """Several lines of SVG text in one ``<text>`` element.

    lines: a table of rows (x, y, text), one per line: the first line is the text element
    itself, the others are ``<tspan>`` elements placed at their own x, y; font_family,
    font_size, fill, stroke, stroke_width: the font and colours, settable by JSON.
    """

    FIELDS = (
        Field("font_family", "text", jsonset=True, default="Arial", help="The font."),
        Field("font_size", "text", jsonset=True, default="20", help="The font size."),
        Field("fill", "text", jsonset=True, default="white", help="Colour of the letters."),
        Field("stroke", "text", jsonset=True, help="Colour of an outline of the letters."),
        Field("stroke_width", "text", jsonset=True, help="Width of the outline."),
        TableField("lines", ("integer", "integer", "text"),
                   help="The lines: rows of x, y, text."),
    )

    def render(self, w):
        pairs = _paint(w, "font_family", "font_size", "fill", "stroke", "stroke_width")
        lines = [(list(row) + [0, 0, ""])[:3] for row in w["lines"]]
        first, parts = (), []
        for index, (x, y, text) in enumerate(lines):
            if index == 0:
                first = (("x", str(x)), ("y", str(y)))
                parts.append(esc(text))
            else:
                parts.append(f"<tspan{attrs(('x', str(x)), ('y', str(y)))}>{esc(text)}</tspan>")
        return f"<text{w.outer()}{attrs(*pairs, *first)}>{''.join(parts)}</text>"


# ---- number helpers shared by the svg widget modules -------------------------------------

def _num(value, default=0.0):
    """``value`` as a finite float; ``default`` for anything that is not a finite number."""
    if isinstance(value, bool):
        return default
    try:
        out = float(str(value).strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError, OverflowError):
        return default
    return out if math.isfinite(out) else default


_LIMIT = 1e9


def _fmt(value):
    """A compact SVG number: integers without a decimal point, others to 2 decimals."""
    value = max(-_LIMIT, min(_LIMIT, float(value)))
    value = round(value, 2)
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")
