"""svgmeters: dials and scales whose needle or arrow shows a measurement."""

import json
import math
import re
from html.parser import HTMLParser

import pytest

from skipole.widgets import svgmeters
from skipole.widgets.base import (
    RenderContext, WidgetInstance, WidgetView, render_standalone, widget_class, widgets_in_module,
)

PAYLOAD = "<script>alert(1)</script>"


class _Elements(HTMLParser):
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


def elements(html, tag=None):
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return [f for f in parser.found if tag is None or f[0] == tag]


def view_render(cls, fields=None, name="w1"):
    widget = widget_class(f"svgmeters.{cls}")
    inst = WidgetInstance(widget, name, fields or {})
    view = WidgetView(inst, inst.name, inst.fields, RenderContext())
    return inst.impl.render(view), view.js_data


def render(cls, fields=None, name="w1"):
    return render_standalone(f"svgmeters.{cls}", name, fields or {})


def rotation(html):
    """The needle's rotation angle (the first polygon), 0 when it has no transform."""
    polygon = elements(html, "polygon")[0][1]
    found = re.match(r"rotate\(([-\d.]+) ", polygon.get("transform", "rotate(0 "))
    return float(found.group(1))


def shift(html):
    polygon = elements(html, "polygon")[0][1]
    found = re.match(r"translate\(0, ([-\d.]+)\)", polygon.get("transform", "translate(0, 0)"))
    return float(found.group(1))


def labels(html):
    return [t for _a, t in ((f[1], f[2]) for f in elements(html, "text"))]


def test_module_has_the_five_catalogue_classes():
    names = {cls.__name__ for cls in widgets_in_module("svgmeters")}
    assert names == {"Angle", "Arrow1", "Arrow2", "Traditional1", "Vertical1"}


# ---- Traditional1 ------------------------------------------------------------------------------

def test_traditional1_defaults():
    html, js = view_render("Traditional1")
    outer = elements(html)[0]
    assert outer[0] == "g" and outer[1] == {"id": "w1", "transform": "translate(10,10)"}
    assert rotation(html) == 0                                  # default measurement 50: middle
    needle = elements(html, "polygon")[0][1]
    assert needle["stroke"] == "grey" and needle["fill"] == "black"
    assert labels(html) == ["0", "20", "40", "60", "80", "100"]
    small = [f for f in elements(html, "line") if f[1]["stroke-width"] == "1"]
    assert len(small) == 11
    assert js == {"minimum": 0.0, "maximum": 100.0, "min_angle": -60.0, "max_angle": 60.0,
                  "cx": 350.0, "cy": 350.0}


@pytest.mark.parametrize("measurement,angle", [("0", -60), ("100", 60), ("25", -30),
                                               ("75", 30), ("-5", -60), ("150", 60),
                                               ("abc", 0), ("", 0), ("nan", 0)])
def test_traditional1_needle_follows_the_measurement(measurement, angle):
    assert rotation(render("Traditional1", {"measurement": measurement})) == angle


def test_traditional1_scale_range_and_intervals():
    html, js = view_render("Traditional1", {"minimum": "-10", "maximum": "30",
                                            "smallintervals": "2", "largeintervals": "10",
                                            "measurement": "10", "arrow_stroke": "red",
                                            "transform": "", "font_family": "verdana"})
    assert rotation(html) == 0
    assert labels(html) == ["-10", "0", "10", "20", "30"]
    small = [f for f in elements(html, "line") if f[1]["stroke-width"] == "1"]
    assert len(small) == 21
    assert "transform" not in elements(html)[0][1]
    assert elements(html, "circle")[0][1]["stroke"] == "red"
    assert elements(html, "text")[0][1]["font-family"] == "verdana"
    assert js["minimum"] == -10 and js["maximum"] == 30


def test_traditional1_ticks_lie_on_the_arc():
    html = render("Traditional1")
    for line in elements(html, "line"):
        a = line[1]
        r1 = math.hypot(float(a["x1"]) - 350, float(a["y1"]) - 350)
        assert 228 <= r1 <= 231


@pytest.mark.parametrize("fields", [
    {"minimum": "5", "maximum": "5"}, {"minimum": "10", "maximum": "0"},
    {"minimum": "-1e308", "maximum": "3", "smallintervals": "1e308", "largeintervals": "-inf"},
    {"smallintervals": "0.0000001", "largeintervals": "0"}, {"minimum": "x", "maximum": None},
])
def test_traditional1_bad_numbers_never_raise(fields):
    html = render("Traditional1", fields)
    assert html.startswith('<g id="w1"')
    assert 2 <= len(labels(html)) <= 501


# ---- Vertical1 ---------------------------------------------------------------------------------

def test_vertical1_defaults():
    html, js = view_render("Vertical1")
    outer = elements(html)[0]
    assert outer[1] == {"id": "w1"}
    arrow = elements(html, "polygon")[0][1]
    assert arrow["fill"] == "blue" and shift(html) == 300
    assert labels(html) == ["0", "20", "40", "60", "80", "100"]
    assert js == {"minimum": 0.0, "maximum": 100.0, "scale_top": 50.0, "scale_length": 600.0}


@pytest.mark.parametrize("measurement,moved", [("0", 600), ("100", 0), ("25", 450),
                                               ("-5", 600), ("150", 0), ("junk", 300)])
def test_vertical1_arrow_follows_the_measurement(measurement, moved):
    assert shift(render("Vertical1", {"measurement": measurement})) == moved


def test_vertical1_labels_positions():
    html = render("Vertical1", {"minimum": "-10", "maximum": "30", "largeintervals": "10",
                                "smallintervals": "2", "arrow_fill": "red"})
    texts = {f[2]: f[1]["y"] for f in elements(html, "text")}
    assert texts == {"-10": "640", "0": "490", "10": "340", "20": "190", "30": "40"}
    assert elements(html, "polygon")[0][1]["fill"] == "red"


# ---- Angle -------------------------------------------------------------------------------------

def test_angle_defaults_degrees():
    html, js = view_render("Angle")
    assert rotation(html) == 0
    assert labels(html) == [str(v) for v in range(0, 360, 15)]
    assert js == {"scale_units": 360, "cx": 250, "cy": 250}


@pytest.mark.parametrize("units,measurement,angle,first,count", [
    ("360", "45", 45, "0", 24), ("24", "12.5", 187.5, "24", 24), ("100", "45", 162, "0", 10),
    ("7", "45", 45, "0", 24), ("abc", "90", 90, "0", 24),
])
def test_angle_scales(units, measurement, angle, first, count):
    html, js = view_render("Angle", {"scale_units": units, "measurement": measurement})
    assert rotation(html) == pytest.approx(angle)
    assert labels(html)[0] == first and len(labels(html)) == count
    assert js["scale_units"] in (360, 24, 100)


@pytest.mark.parametrize("measurement", ["-10", "360", "400", "abc", ""])
def test_angle_off_scale_measurement_points_up(measurement):
    assert rotation(render("Angle", {"measurement": measurement})) == 0


def test_angle_hour_labels():
    html = render("Angle", {"scale_units": "24"})
    assert labels(html) == ["24"] + [str(v) for v in range(1, 24)]


# ---- arrows ------------------------------------------------------------------------------------

@pytest.mark.parametrize("cls", ["Arrow1", "Arrow2"])
def test_arrows_are_single_void_polygons(cls):
    html = render(cls)
    assert html.startswith("<polygon ") and html.endswith(" />")
    found = elements(html)
    assert len(found) == 1
    assert found[0][1]["id"] == "w1" and found[0][1]["fill"] == "none"
    assert found[0][1]["stroke"] == "black" and found[0][1]["stroke-width"] == "1"
    assert "transform" not in found[0][1]
    assert getattr(svgmeters, cls).void is True


def test_arrow_fields():
    found = elements(render("Arrow1", {"fill": "red", "stroke": "blue", "stroke_width": "3",
                                       "transform": "rotate(45 50 50)", "widget_class": "a"}))[0]
    assert found[1]["fill"] == "red" and found[1]["stroke"] == "blue"
    assert found[1]["stroke-width"] == "3" and found[1]["transform"] == "rotate(45 50 50)"
    assert found[1]["class"] == "a"


# ---- every meter -------------------------------------------------------------------------------

@pytest.mark.parametrize("cls", sorted(c.__name__ for c in widgets_in_module("svgmeters")))
def test_text_fields_escape_a_script_payload(cls):
    widget = getattr(svgmeters, cls)
    fields = {n: PAYLOAD for n, f in widget.field_table.items()
              if f.shape == "arg" and f.ftype in ("text", "cssclass", "cssstyle")}
    html, js = view_render(cls, fields)
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert json.dumps(js)


@pytest.mark.parametrize("cls", sorted(c.__name__ for c in widgets_in_module("svgmeters")))
def test_show_false_and_help(cls):
    assert render(cls, {"show": False}) == ""
    widget = getattr(svgmeters, cls)
    assert len(widget.description()) > 40
    assert all(f.help for f in widget.FIELDS)


def test_measurement_fields_are_json_settable():
    for cls in ("Traditional1", "Vertical1", "Angle"):
        assert getattr(svgmeters, cls).field_table["measurement"].jsonset
    assert svgmeters.Vertical1.field_table["arrow_fill"].jsonset
    assert svgmeters.Traditional1.field_table["arrow_stroke"].jsonset
    assert not svgmeters.Angle.field_table["scale_units"].jsonset


def test_labels_have_the_decimals_their_step_needs():
    assert labels(render("Vertical1", {"minimum": "0", "maximum": "1", "largeintervals": "0"})) \
        == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]
    assert labels(render("Traditional1", {"minimum": "0", "maximum": "1",
                                          "largeintervals": "0.25"})) \
        == ["0.00", "0.25", "0.50", "0.75", "1.00"]
