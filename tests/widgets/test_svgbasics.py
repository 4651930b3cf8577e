"""svgbasics: SVG shapes, text and groups rendered on the server."""

from html.parser import HTMLParser

import pytest

from skipole.widgets import svgbasics
from skipole.widgets.base import RenderContext, render_standalone, widgets_in_module

PAYLOAD = "<script>alert(1)</script>"


class _Elements(HTMLParser):
    """Collects (tag, attrs, text) for every start tag; text is the data directly inside."""

    def __init__(self):
        super().__init__()
        self.found = []
        self._open = []

    def handle_starttag(self, tag, attrs):
        self.found.append([tag, dict(attrs), ""])
        self._open.append(self.found[-1])

    def handle_startendtag(self, tag, attrs):
        self.found.append([tag, dict(attrs), ""])

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()

    def handle_data(self, data):
        if self._open:
            self._open[-1][2] += data


def elements(html):
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


def render(cls, fields=None, name="w1", containers=(), ctx=None):
    return render_standalone(f"svgbasics.{cls}", name, fields or {}, containers=containers, ctx=ctx)


def only(html):
    found = elements(html)
    assert len(found) == 1, html
    return found[0]


VOID_DEFAULTS = {
    "Circle": ("circle", {"cx": "50", "cy": "50", "r": "40", "fill": "none", "stroke": "black",
                          "stroke-width": "1"}),
    "Ellipse": ("ellipse", {"cx": "50", "cy": "50", "rx": "40", "ry": "20", "fill": "none",
                            "stroke": "black", "stroke-width": "1"}),
    "Line": ("line", {"x1": "0", "y1": "0", "x2": "100", "y2": "100", "stroke": "black",
                      "stroke-width": "1"}),
    "Path": ("path", {"fill": "none", "stroke": "black", "stroke-width": "1"}),
    "Polygon": ("polygon", {"fill": "none", "stroke": "black", "stroke-width": "1"}),
    "Polyline": ("polyline", {"fill": "none", "stroke": "black", "stroke-width": "1"}),
    "Rect": ("rect", {"x": "0", "y": "0", "rx": "0", "ry": "0", "width": "100", "height": "100",
                      "fill": "none", "stroke": "black", "stroke-width": "1"}),
}


def test_module_has_the_thirteen_catalogue_classes():
    names = {cls.__name__ for cls in widgets_in_module("svgbasics")}
    assert names == {"Circle", "Ellipse", "Group", "Line", "Path", "Polygon", "Polyline", "Rect",
                     "SVGContainer", "SimpleText", "TextBlockGroup", "TextGroup", "TextList"}


@pytest.mark.parametrize("cls", sorted(VOID_DEFAULTS))
def test_void_shapes_render_one_self_closed_element_with_defaults(cls):
    html = render(cls)
    tag, attributes = VOID_DEFAULTS[cls]
    assert html.startswith(f"<{tag} ") and html.endswith(" />")
    found = only(html)
    assert found[0] == tag
    assert found[1] == {"id": "w1", **attributes}
    assert getattr(svgbasics, cls).void is True


@pytest.mark.parametrize("cls", sorted(VOID_DEFAULTS))
def test_shape_fields_escape_a_script_payload(cls):
    widget = getattr(svgbasics, cls)
    fields = {name: PAYLOAD for name, f in widget.field_table.items()
              if f.shape == "arg" and f.ftype in ("text", "cssclass", "cssstyle")}
    html = render(cls, fields)
    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_circle_fields_and_outer_class_and_style():
    html = render("Circle", {"cx": "7", "cy": "8", "r": "9", "fill": "red", "stroke": "blue",
                             "stroke_width": "3", "widget_class": "dial", "widget_style": "opacity:0.5"})
    found = only(html)
    assert found[1] == {"id": "w1", "class": "dial", "style": "opacity:0.5", "cx": "7", "cy": "8",
                        "r": "9", "fill": "red", "stroke": "blue", "stroke-width": "3"}


def test_empty_fields_leave_their_attributes_out():
    found = only(render("Rect", {"rx": "", "ry": "", "stroke": ""}))
    assert "rx" not in found[1] and "ry" not in found[1] and "stroke" not in found[1]
    assert found[1]["width"] == "100"


def test_unnamed_widget_has_no_id():
    assert "id=" not in render("Circle", name="")


def test_show_false_renders_nothing():
    assert render("Circle", {"show": False}) == ""
    assert render("SVGContainer", {"show": False}, containers=["<circle />"]) == ""


def test_polygon_and_polyline_points_from_table():
    for cls in ("Polygon", "Polyline"):
        found = only(render(cls, {"points": [["1", "2"], ["3", "4"], ["5", "6"]]}))
        assert found[1]["points"] == "1,2 3,4 5,6"


def test_polygon_points_are_escaped_and_short_rows_skipped():
    html = render("Polygon", {"points": [["1", '2" onload="x'], ["7"]]})
    assert 'onload="x' not in html
    assert only(html)[1]["points"] == '1,2" onload="x'


def test_path_data():
    found = only(render("Path", {"d": "M 10 10 L 90 90 Z"}))
    assert found[1]["d"] == "M 10 10 L 90 90 Z"


def test_svgcontainer_holds_its_container_and_keeps_attribute_case():
    html = render("SVGContainer", {"width": "300", "height": "200", "viewBox": "0 0 30 20",
                                   "preserveAspectRatio": "none"}, containers=["<circle r=\"3\" />"])
    assert html.startswith("<svg ")
    assert 'viewBox="0 0 30 20"' in html and 'preserveAspectRatio="none"' in html
    assert html.endswith('><circle r="3" /></svg>')
    found = elements(html)
    assert found[0][1]["width"] == "300" and found[0][1]["height"] == "200"
    assert found[0][1]["id"] == "w1"


def test_svgcontainer_defaults():
    found = elements(render("SVGContainer", containers=[""]))
    assert found[0][0] == "svg"
    assert found[0][1] == {"id": "w1", "width": "100", "height": "100"}


def test_svgcontainer_renders_a_lazy_container():
    calls = []

    def part():
        calls.append(1)
        return "<rect />"

    html = render("SVGContainer", containers=[part])
    assert "<rect />" in html and calls == [1]


def test_group_transform_and_container():
    html = render("Group", {"transform": "translate(10,20)"}, containers=["<circle />"])
    assert html == '<g id="w1" transform="translate(10,20)"><circle /></g>'
    assert render("Group", containers=[""]) == '<g id="w1"></g>'


def test_group_transform_is_escaped():
    html = render("Group", {"transform": f'x"{PAYLOAD}'}, containers=[""])
    assert "<script" not in html and "&quot;" in html


def test_simple_text_defaults_and_text():
    html = render("SimpleText", {"text": "Hello"})
    found = only(html)
    assert found[0] == "text"
    assert found[1] == {"id": "w1", "x": "0", "y": "0", "dx": "0", "dy": "0",
                        "font-family": "Arial", "font-size": "20", "fill": "white"}
    assert found[2] == "Hello"


def test_simple_text_stroke_and_escaping():
    html = render("SimpleText", {"text": PAYLOAD, "stroke": "red", "stroke_width": "2",
                                 "font_family": PAYLOAD})
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</text>" in html
    found = elements(html)[0]
    assert found[1]["stroke"] == "red" and found[1]["stroke-width"] == "2"


def test_text_list_first_line_in_text_element_others_in_tspans():
    html = render("TextList", {"lines": [[10, 20, "first"], [0, 30, "second"], [5, 40, "third"]]})
    found = elements(html)
    assert [f[0] for f in found] == ["text", "tspan", "tspan"]
    assert found[0][1] == {"id": "w1", "font-family": "Arial", "font-size": "20", "fill": "white",
                           "x": "10", "y": "20"}
    assert found[0][2] == "first"
    assert found[1][1] == {"x": "0", "y": "30"} and found[1][2] == "second"
    assert found[2][1] == {"x": "5", "y": "40"} and found[2][2] == "third"


def test_text_list_empty_and_escaped():
    assert only(render("TextList"))[1] == {"id": "w1", "font-family": "Arial", "font-size": "20",
                                           "fill": "white"}
    html = render("TextList", {"lines": [[1, 2, PAYLOAD], [3, 4, PAYLOAD]]})
    assert "<script" not in html and html.count("&lt;script&gt;") == 2


def test_text_list_bad_numbers_become_zero():
    found = elements(render("TextList", {"lines": [["x", "y", "t"]]}))
    assert found[0][1]["x"] == "0" and found[0][1]["y"] == "0"


def test_text_group_inserts_raw_svg_by_design():
    html = render("TextGroup", {"text": '<circle r="3" />', "transform": "scale(2)"})
    assert html == '<g id="w1" transform="scale(2)"><circle r="3" /></g>'
    assert "raw" in svgbasics.TextGroup.description().lower()


class _Blocks(RenderContext):
    def __init__(self, blocks):
        self.blocks = blocks
        self.asked = []

    def textblock(self, ref, project=None):
        self.asked.append((ref, project))
        return self.blocks.get(ref)


def test_textblockgroup_shows_the_textblock_as_svg():
    ctx = _Blocks({"svg.logo": '<rect width="5" />'})
    html = render("TextBlockGroup", {"textblock_ref": "svg.logo", "transform": "scale(2)"}, ctx=ctx)
    assert html == '<g id="w1" transform="scale(2)"><rect width="5" /></g>'
    assert ctx.asked == [("svg.logo", None)]
    assert "raw" in svgbasics.TextBlockGroup.description().lower()


def test_textblockgroup_asks_the_given_project():
    ctx = _Blocks({"svg.logo": "<rect />"})
    render("TextBlockGroup", {"textblock_ref": "svg.logo", "textblock_project": "lib"}, ctx=ctx)
    assert ctx.asked == [("svg.logo", "lib")]


def test_textblockgroup_not_found_messages():
    assert render("TextBlockGroup") == '<g id="w1">failed to read textblocks</g>'
    assert render("TextBlockGroup", {"textblock_ref": "x.y"}) == \
        '<g id="w1">failed to read textblocks with ref x.y</g>'
    html = render("TextBlockGroup", {"textblock_ref": "x.y", "content_refnotfound": PAYLOAD})
    assert "<script" not in html and "&lt;script&gt;" in html


def test_textblockgroup_replaceblock_wins():
    ctx = _Blocks({"svg.logo": "<rect />"})
    html = render("TextBlockGroup", {"textblock_ref": "svg.logo",
                                     "content_replaceblock": "<circle />"}, ctx=ctx)
    assert html == '<g id="w1"><circle /></g>'


def test_json_settable_fields_follow_the_catalogue():
    assert svgbasics.Circle.field_table["cx"].jsonset
    assert svgbasics.SVGContainer.field_table["viewBox"].jsonset
    assert not svgbasics.TextBlockGroup.field_table["textblock_ref"].jsonset
    assert not svgbasics.TextList.field_table["lines"].jsonset
    assert svgbasics.TextList.field_table["lines"].ftypes == ("integer", "integer", "text")


@pytest.mark.parametrize("cls", sorted(c.__name__ for c in widgets_in_module("svgbasics")))
def test_every_class_has_help_text_and_field_help(cls):
    widget = getattr(svgbasics, cls)
    assert len(widget.description()) > 40
    for f in widget.FIELDS:
        assert f.help, f"{cls}.{f.name} has no help"


@pytest.mark.parametrize("value", ["", "abc", "nan", "1e400", None, "-0", "<x>"])
def test_number_helper_never_raises(value):
    assert svgbasics._num(value, 7.0) in (7.0, 0.0, -0.0)
    assert svgbasics._num("2.5") == 2.5


def test_format_helper():
    assert svgbasics._fmt(240.0) == "240"
    assert svgbasics._fmt(203.31667) == "203.32"
    assert svgbasics._fmt(-0.004) == "0"
    assert svgbasics._fmt(0.5) == "0.5"
    assert svgbasics._fmt(1e300) == "1000000000"
