"""svggraphs: axes that scale the series placed in them, and the ready-made charts."""

import datetime
import json
import re
from html.parser import HTMLParser

import pytest

from skipole.widgets import svggraphs
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


def view_render(path, fields=None, name="w1", containers=()):
    """Render like ``render_standalone`` but return (html, js data recorded by the widget)."""
    cls = widget_class(path)
    inst = WidgetInstance(cls, name, fields or {})
    view = WidgetView(inst, inst.name, inst.fields, RenderContext(), containers=containers)
    return inst.impl.render(view), view.js_data


def render(cls, fields=None, name="w1", containers=()):
    return render_standalone(f"svggraphs.{cls}", name, fields or {}, containers=containers)


def lazy(path, fields, name="s1", sink=None):
    """A container part rendering a child widget when the parent asks for it."""
    def part():
        html, js = view_render(path, fields, name)
        if sink is not None:
            sink.append(js)
        return html
    return part


def crosses(html):
    """The centres of the plus-shaped markers Points draws."""
    lines = [f[1] for f in elements(html, "line")]
    out = []
    for vertical, horizontal in zip(lines[::2], lines[1::2], strict=True):
        assert vertical["x1"] == vertical["x2"] and horizontal["y1"] == horizontal["y2"]
        out.append((float(vertical["x1"]), float(horizontal["y1"])))
    return out


def texts(html):
    return [(f[1], f[2]) for f in elements(html, "text")]


def test_module_has_the_eleven_catalogue_classes():
    names = {cls.__name__ for cls in widgets_in_module("svggraphs")}
    assert names == {"Axis1", "Axis2", "Axis3", "Chart1", "Graph48Hr", "Lines", "Points",
                     "StarChart", "StarChartXY", "XBars", "YBars"}


# ---- axes ------------------------------------------------------------------------------------

def test_axis1_defaults_frame_labels_and_container_placement():
    html = render("Axis1", containers=["<circle />"])
    assert html.startswith('<g id="w1"><g>')
    assert html.endswith("</g><g><circle /></g></g>")
    rect = elements(html, "rect")[0][1]
    assert rect == {"x": "240", "y": "20", "width": "960", "height": "720", "fill": "white",
                    "fill-opacity": "1", "stroke": "green", "stroke-width": "1"}
    labels = texts(html)
    ylabels = [t for a, t in labels if a["x"] == "220"]
    assert ylabels == [str(v) for v in range(0, 101, 10)]
    xlabels = [t for a, t in labels if a["y"] == "780"]
    assert xlabels == [str(v) for v in range(0, 101, 5)]
    first = dict(labels[0][0])
    assert first["text-anchor"] == "end" and first["font-family"] == "arial"
    assert first["fill"] == "green"


def test_axis1_labels_positions():
    html = render("Axis1", {"minxvalue": "0", "maxxvalue": "10", "minyvalue": "0",
                            "maxyvalue": "1"})
    labels = texts(html)
    y = {t: a["y"] for a, t in labels if a["x"] == "220"}
    assert y["0.0"] == "745" and y["1.0"] == "25"          # bottom and top of the frame, +5
    x = {t: a["x"] for a, t in labels if a["y"] == "780"}
    assert x["0.0"] == "245" and x["10.0"] == "1205"         # steps of 0.5


def test_axis1_raises_the_maximum_to_the_next_tick():
    html = render("Axis1", {"minyvalue": "0", "maxyvalue": "7.3", "minxvalue": "-3",
                            "maxxvalue": "17.5"})
    labels = texts(html)
    ylabels = [t for a, t in labels if a["x"] == "220"]
    assert ylabels[0] == "0" and ylabels[-1] == "8"
    xlabels = [t for a, t in labels if a["y"] == "780"]
    assert xlabels[0] == "-3" and float(xlabels[-1]) >= 17.5


def test_axis_transform_class_and_escaping():
    html = render("Axis1", {"transform": "scale(0.5)", "widget_class": "chart",
                            "font_family": PAYLOAD, "axiscol": PAYLOAD, "fill": PAYLOAD},
                  containers=[""])
    assert "<script" not in html
    outer = elements(html)[0][1]
    assert outer["transform"] == "scale(0.5)" and outer["class"] == "chart"


def test_points_inside_an_axis_are_scaled_and_record_the_scale():
    seen = []
    html = render("Axis1", containers=[lazy("svggraphs.Points", {"values": [["10", "20"],
                                                                          ["50", "50"]]},
                                            sink=seen)])
    inner = html.split("</g><g>", 1)[1]
    assert crosses(inner) == [(336.0, 596.0), (720.0, 380.0)]
    js = seen[0]
    assert js["pointcol"] == "black"
    assert js["mx"] == pytest.approx(9.6) and js["cx"] == pytest.approx(240)
    assert js["my"] == pytest.approx(-7.2) and js["cy"] == pytest.approx(740)
    assert (js["minx"], js["maxx"], js["miny"], js["maxy"]) == (0, 100, 0, 100)


def test_points_outside_any_axis_use_the_default_scale():
    html, js = view_render("svggraphs.Points", {"values": [["10", "20"]]})
    assert crosses(html) == [(10.0, 700.0)]
    assert js == {"pointcol": "black", "minx": 0.0, "maxx": 960.0, "miny": 0.0, "maxy": 720.0,
                  "mx": 1.0, "cx": 0.0, "my": -1.0, "cy": 720.0}


def test_scale_does_not_leak_after_the_axis_rendered():
    render("Axis1", {"maxxvalue": "10"}, containers=[lazy("svggraphs.Points", {})])
    html, js = view_render("svggraphs.Points", {"values": [["10", "20"]]})
    assert js["maxx"] == 960.0 and crosses(html) == [(10.0, 700.0)]


def test_scale_reaches_series_nested_in_a_group():
    seen = []
    points = lazy("svggraphs.Points", {"values": [["0", "0"]]}, sink=seen)

    def group():
        return render_standalone("svgbasics.Group", "grp", {}, containers=[points])

    html = render("Axis1", containers=[group])
    assert seen[0]["cx"] == pytest.approx(240)
    assert '<g id="grp"><g id="s1">' in html


def test_nested_axes_each_scale_their_own_series():
    seen = []

    def inner_axis():
        return render_standalone("svggraphs.Axis1", "a2", {"maxxvalue": "10"},
                                 containers=[lazy("svggraphs.Points", {}, "p1", seen)])

    def contents():
        return inner_axis() + lazy("svggraphs.Points", {}, "p2", seen)()

    render("Axis1", containers=[contents])
    assert seen[0]["maxx"] == 10 and seen[1]["maxx"] == 100


def test_points_outside_the_axis_and_bad_rows_are_left_out():
    html = render("Axis1", containers=[lazy("svggraphs.Points", {
        "values": [["0", "0"], ["100", "100"], ["101", "5"], ["5", "-1"], ["abc", "5"], ["5"],
                   ["nan", "1"], ["inf", "2"]]})])
    assert crosses(html.split("</g><g>", 1)[1]) == [(240.0, 740.0), (1200.0, 20.0)]


def test_axis2_intervals_frame_and_offsets():
    fields = {"minxvalue": "0", "maxxvalue": "10", "xinterval": "2", "minyvalue": "0",
              "maxyvalue": "4", "yinterval": "1", "leftspace": "50", "topspace": "10",
              "axiswidth": "500", "axisheight": "300"}
    seen = []
    html = render("Axis2", fields, containers=[lazy("svggraphs.Points",
                                                    {"values": [["2", "1"]]}, sink=seen)])
    rect = elements(html, "rect")[0][1]
    assert (rect["x"], rect["y"], rect["width"], rect["height"]) == ("50", "10", "500", "300")
    xlabels = [t for a, t in texts(html) if a["y"] == "350"]
    assert xlabels == ["0", "2", "4", "6", "8", "10"]
    assert crosses(html.split("</g><g>", 1)[1]) == [(150.0, 235.0)]
    assert seen[0]["mx"] == pytest.approx(50)

    seen.clear()
    html = render("Axis2", {**fields, "xoffset": True, "yoffset": True},
                  containers=[lazy("svggraphs.Points", {"values": [["0", "0"]]}, sink=seen)])
    # six x labels in six slots of 500/6: the first in the middle of the first slot
    xpos = [float(a["x"]) - 5 for a, t in texts(html) if a["y"] == "350"]
    assert xpos[0] == pytest.approx(50 + 500 / 12, abs=0.01)
    assert crosses(html.split("</g><g>", 1)[1]) == [(pytest.approx(91.67, abs=0.01), 280.0)]
    assert seen[0]["minx"] == pytest.approx(-1) and seen[0]["maxx"] == pytest.approx(11)
    assert seen[0]["miny"] == pytest.approx(-0.5) and seen[0]["maxy"] == pytest.approx(4.5)


def test_axis2_extends_maximum_to_a_whole_interval():
    html = render("Axis2", {"minxvalue": "0", "maxxvalue": "10", "xinterval": "3"})
    xlabels = [t for a, t in texts(html) if a["y"] == "780"]
    assert xlabels == ["0", "3", "6", "9", "12"]


@pytest.mark.parametrize("interval", ["0", "-2", "abc", "", "0.0000001", "nan"])
def test_axis2_unusable_interval_falls_back_to_automatic_ticks(interval):
    html = render("Axis2", {"xinterval": interval, "yinterval": interval})
    assert 3 <= len(texts(html)) <= 40


def test_axis3_text_labels_escaped_and_spread():
    html = render("Axis3", {"xlabels": ["Mon", "Tue", PAYLOAD], "ylabels": ["low", "high"],
                            "leftspace": "50", "topspace": "10", "axiswidth": "500",
                            "axisheight": "300"})
    assert "<script" not in html
    xl = {t: a["x"] for a, t in texts(html) if a["y"] == "350"}
    assert xl["Mon"] == "55" and xl["Tue"] == "305" and xl[PAYLOAD] == "555"
    yl = {t: a["y"] for a, t in texts(html) if a["x"] == "30"}
    assert yl == {"low": "315", "high": "15"}


def test_axis3_without_labels_numbers_ten_intervals():
    html = render("Axis3", {"minyvalue": "0", "maxyvalue": "5"})
    ylabels = [t for a, t in texts(html) if a["x"] == "220"]
    assert ylabels == ["0.0", "0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5", "5.0"]


def test_axis3_offset_puts_min_and_max_at_first_and_last_slot_centres():
    seen = []
    render("Axis3", {"xlabels": ["a", "b", "c"], "ylabels": ["p", "q"], "minxvalue": "0",
                     "maxxvalue": "10", "minyvalue": "0", "maxyvalue": "4", "leftspace": "50",
                     "topspace": "10", "axiswidth": "600", "axisheight": "300", "xoffset": True,
                     "yoffset": True},
           containers=[lazy("svggraphs.Points", {}, sink=seen)])
    js = seen[0]
    assert js["mx"] * 0 + js["cx"] == pytest.approx(150)          # x=0 at the first centre
    assert js["mx"] * 10 + js["cx"] == pytest.approx(550)         # x=10 at the last centre
    assert js["my"] * 0 + js["cy"] == pytest.approx(235)
    assert js["my"] * 4 + js["cy"] == pytest.approx(85)


@pytest.mark.parametrize("cls", ["Axis1", "Axis2", "Axis3"])
@pytest.mark.parametrize("bad", [{"minxvalue": "abc", "maxxvalue": ""},
                                 {"minxvalue": "5", "maxxvalue": "5"},
                                 {"minxvalue": "10", "maxxvalue": "0"},
                                 {"minyvalue": "1e400", "maxyvalue": "-1e308"},
                                 {"leftspace": "x", "axiswidth": "-5", "axisheight": "0"}])
def test_axes_never_raise_on_bad_numbers(cls, bad):
    fields = {k: v for k, v in bad.items() if k in svggraphs.__dict__[cls].field_table}
    html = render(cls, fields, containers=[lazy("svggraphs.Points", {"values": [["1", "1"]]})])
    assert html.startswith('<g id="w1">') and len(texts(html)) >= 4


# ---- series ----------------------------------------------------------------------------------

def test_lines_join_the_points_in_range():
    html, js = view_render("svggraphs.Lines", {"values": [["10", "20"], ["-5", "50"], ["30", "40"],
                                                          ["40", "800"], ["50", "10"]],
                                               "transform": "tt"})
    circles = [(f[1]["cx"], f[1]["cy"]) for f in elements(html, "circle")]
    assert circles == [("10", "700"), ("30", "680"), ("50", "710")]
    lines = [(f[1]["x1"], f[1]["y1"], f[1]["x2"], f[1]["y2"]) for f in elements(html, "line")]
    assert lines == [("10", "700", "30", "680"), ("30", "680", "50", "710")]
    assert elements(html)[0][1]["transform"] == "tt"
    line = elements(html, "line")[0][1]
    assert line["stroke"] == "black" and line["stroke-width"] == "2"
    assert elements(html, "circle")[0][1]["r"] == "1"
    assert js["linecol"] == "black" and js["linewidth"] == "2" and js["pointradius"] == "1"
    assert js["cy"] == 720.0


def test_xbars_rise_from_the_bottom_of_the_axis():
    seen = []
    html = render("Axis2", {"minxvalue": "0", "maxxvalue": "10", "xinterval": "2",
                            "minyvalue": "0", "maxyvalue": "4", "yinterval": "1",
                            "leftspace": "50", "topspace": "10", "axiswidth": "500",
                            "axisheight": "300"},
                  containers=[lazy("svggraphs.XBars", {"values": [["2", "1"], ["12", "1"]],
                                                       "bar_width": "1"}, sink=seen)])
    bars = [f[1] for f in elements(html.split("</g><g>", 1)[1], "rect")]
    assert len(bars) == 1
    assert (bars[0]["x"], bars[0]["y"], bars[0]["width"], bars[0]["height"]) == \
        ("125", "235", "50", "75")
    assert bars[0]["fill"] == "green" and bars[0]["stroke"] == "black"
    assert seen[0]["barwidth"] == pytest.approx(50) and seen[0]["yaxis"] == pytest.approx(310)


def test_ybars_reach_right_from_the_left_of_the_axis():
    html, js = view_render("svggraphs.YBars", {"values": [["100", "50"]], "bar_width": "4",
                                               "fill": "red"})
    bar = elements(html, "rect")[0][1]
    assert (bar["x"], bar["y"], bar["width"], bar["height"]) == ("0", "668", "100", "4")
    assert bar["fill"] == "red"
    assert js["xaxis"] == 0.0 and js["barwidth"] == 4.0 and js["fill"] == "red"


@pytest.mark.parametrize("cls", ["Points", "Lines", "XBars", "YBars"])
def test_series_escape_payloads_and_ignore_bad_numbers(cls):
    widget = getattr(svggraphs, cls)
    fields = {n: PAYLOAD for n, f in widget.field_table.items()
              if f.shape == "arg" and f.ftype in ("text", "cssclass", "cssstyle")}
    fields["values"] = [[PAYLOAD, "1"], ["1", "1"], ["1e999", "3"]]
    html, js = view_render(f"svggraphs.{cls}", fields)
    assert "<script" not in html
    assert json.dumps(js)       # the recorded settings are JSON serialisable
    assert widget.dynamic is True


# ---- Chart1 ------------------------------------------------------------------------------------

def test_chart1_defaults():
    html, js = view_render("svggraphs.Chart1")
    rect = elements(html, "rect")[0][1]
    assert (rect["width"], rect["height"], rect["fill"]) == ("500", "200", "white")
    lines = elements(html, "line")
    assert lines[0][1] == {"x1": "0", "y1": "100", "x2": "500", "y2": "100", "stroke": "green",
                           "stroke-width": "3"}
    assert len(lines) == 12
    poly = elements(html, "polyline")[0][1]
    assert poly.get("points") is None and poly["stroke"] == "black"
    assert poly["stroke-width"] == "1"
    assert js["xstep"] == 10 and js["yzero"] == 100 and js["maxpoints"] == 51


def test_chart1_values_newest_on_the_right_and_clamped():
    html = render("Chart1", {"values": [0, 10, -10, 50, 150, -300], "stroke": "red",
                             "stroke_width": 2, "transform": "translate(100,50)"})
    poly = elements(html, "polyline")[0][1]
    assert poly["points"] == "500,200 490,0 480,50 470,110 460,90 450,100"
    assert poly["stroke"] == "red" and poly["stroke-width"] == "2"
    assert elements(html)[0][1]["transform"] == "translate(100,50)"


def test_chart1_keeps_the_last_51_values():
    html = render("Chart1", {"values": list(range(1, 56))})
    points = elements(html, "polyline")[0][1]["points"].split()
    assert len(points) == 51
    assert points[0] == "500,45" and points[-1] == "0,95"


def test_chart1_legends_escaped_and_sized():
    html = render("Chart1", {"plus50legend": "+50", "minus50legend": PAYLOAD, "zerolegend": "",
                             "font_family": "verdana"})
    assert "<script" not in html
    legend = [(a, t) for a, t in texts(html)]
    assert len(legend) == 2
    attrs, text = legend[0]
    assert text == "+50" and attrs["y"] == "53" and attrs["textlength"] == "15"
    assert attrs["font-family"] == "verdana"


def test_chart1_bad_values_never_raise():
    html = render("Chart1", {"values": ["abc", None, "7"], "stroke_width": "x"})
    assert elements(html, "polyline")[0][1]["points"] == "500,93 490,100 480,100"


# ---- Graph48Hr ---------------------------------------------------------------------------------

def _hours(html):
    return [(a["x"], t) for a, t in texts(html) if a["y"] in ("770", "790")]


def test_graph48hr_without_data_draws_only_the_frame():
    html = render("Graph48Hr")
    assert [f[0] for f in elements(html)] == ["g", "rect"]


def test_graph48hr_last_day_gives_the_two_days():
    html = render("Graph48Hr", {"last_day": "2024-03-05"})
    labels = _hours(html)
    assert ("215", "04 Mar") in labels and ("695", "05 Mar") in labels
    assert ("1175", "06 Mar") in labels and ("455", "12:00") in labels
    ticks = [f[1] for f in elements(html, "line") if f[1]["y1"] == "740"]
    assert len(ticks) == 47
    midnight = [t for t in ticks if t["x1"] == "720"][0]
    assert midnight["y2"] == "710" and midnight["stroke-width"] == "2"
    ylabels = [t for a, t in texts(html) if a["x"] == "220"]
    assert ylabels == [str(v) for v in range(0, 101, 10)]


def test_graph48hr_plots_values_in_the_window():
    values = [["10", "2024-03-04T10:30:00"], ["50", datetime.datetime(2024, 3, 5, 1, 0)],
              ["120", "2024-03-05T23:00:00"], ["-5", "2024-03-03T23:00:00"],
              [datetime.datetime(2024, 3, 5, 12, 0), "30"], ["7", "not a date"]]
    html = render("Graph48Hr", {"values": values, "last_day": datetime.date(2024, 3, 5),
                                "plotcol": "red"})
    marks = [f[1] for f in elements(html, "line") if f[1]["stroke"] == "red"]
    centres = crosses("".join(f'<line x1="{m["x1"]}" y1="{m["y1"]}" x2="{m["x2"]}" '
                              f'y2="{m["y2"]}" />' for m in marks))
    assert centres == [(450.0, 668.0), (740.0, 380.0), (960.0, 524.0)]


def test_graph48hr_without_last_day_ends_after_the_latest_value():
    html = render("Graph48Hr", {"values": [["10", "2024-03-04T10:30:00"],
                                           ["50", "2024-03-05T01:00:00"]]})
    labels = _hours(html)
    assert ("1135", "05 Mar") in labels and ("655", "04 Mar") in labels


@pytest.mark.parametrize("last_day", ["9999-12-31", "0001-01-01", "garbage", PAYLOAD])
def test_graph48hr_bad_or_extreme_dates_never_raise(last_day):
    html = render("Graph48Hr", {"last_day": last_day, "minvalue": "x", "maxvalue": "-1e999",
                                "font_family": PAYLOAD, "axiscol": PAYLOAD})
    assert html.startswith('<g id="w1"') and "<script" not in html


# ---- star charts -------------------------------------------------------------------------------

def test_starchartxy_positions_and_js():
    html, js = view_render("svggraphs.StarChartXY", {
        "stars": [["3", "10", "20"], ["1", "-100", "50"], ["bad", "1", "1"]],
        "lines": [["10", "20", "-100", "50"]], "cross": True, "square": True,
        "stroke": "blue", "fill": "black", "stroke_width": 2})
    circles = [f[1] for f in elements(html, "circle")]
    assert circles[0] == {"cx": "250", "cy": "250", "r": "250", "fill": "black", "stroke": "blue",
                          "stroke-width": "2"}
    assert [(c["cx"], c["cy"], c["r"]) for c in circles[1:]] == [("240", "230", "1.5"),
                                                                ("350", "200", "0.5")]
    assert circles[1]["fill"] == "blue"
    lines = [(f[1]["x1"], f[1]["y1"], f[1]["x2"], f[1]["y2"]) for f in elements(html, "line")]
    assert ("240", "230", "350", "200") in lines
    assert ("240", "250", "260", "250") in lines and ("250", "240", "250", "260") in lines
    assert elements(html, "rect")[0][1]["x"] == "240"
    assert js == {"stroke": "blue", "stroke_width": 2, "fill": "black", "cross": True,
                  "square": True, "centre": 250.0}


def test_starchart_centre_star_at_the_centre_and_far_stars_left_out():
    html = render("StarChart", {"stars": [["2", "10", "20"], ["2", "11", "21"], ["2", "200", "0"]],
                                "lines": [["10", "20", "11", "21"], ["10", "20", "200", "0"]],
                                "ra": "10", "dec": "20", "view": "10"})
    circles = [f[1] for f in elements(html, "circle")][1:]
    assert len(circles) == 2
    assert (circles[0]["cx"], circles[0]["cy"]) == ("250", "250")
    # one degree east and north: up and to the left, about 50 px per degree at view 10
    assert 200 < float(circles[1]["cx"]) < 210 and 195 < float(circles[1]["cy"]) < 205
    assert len(elements(html, "line")) == 1


def test_starchart_default_view_is_the_northern_sky():
    html = render("StarChart", {"stars": [["2", "0", "89"], ["2", "0", "-30"]]})
    circles = [f[1] for f in elements(html, "circle")][1:]
    assert len(circles) == 1
    assert circles[0]["cx"] == "250" and 250 < float(circles[0]["cy"]) < 255


@pytest.mark.parametrize("cls", ["StarChart", "StarChartXY"])
def test_star_charts_escape_and_never_raise(cls):
    html = render(cls, {"stars": [[PAYLOAD, "1", "2"], ["1", "nan", "2"]],
                        "lines": [["1", "2", "3"]], "stroke": PAYLOAD, "fill": PAYLOAD,
                        "ra": "abc", "dec": "1000", "view": "-4"} if cls == "StarChart" else
                  {"stars": [[PAYLOAD, "1", "2"]], "lines": [["1"]], "stroke": PAYLOAD})
    assert "<script" not in html and html.startswith('<g id="w1"')


# ---- through the page engine -------------------------------------------------------------------

def test_axis_scales_its_points_in_a_served_page(tmp_path):
    from skipole import PageData
    from tests.core import projects

    calls = {"n": 0}

    def end_call(page_ident, page_type, skicall):
        calls["n"] += 1
        if calls["n"] == 2:
            pd = PageData()
            pd["axis", "maxxvalue"] = "50"
            skicall.update(pd)

    points = projects.widget("svggraphs.Points", "pts", values=[["10", "20"]])
    axis = projects.widget("svggraphs.Axis1", "axis", containers=[[points]])
    page = projects.template(1, projects.widget("svgbasics.SVGContainer", "svg",
                                                containers=[[axis]], width="600", height="400",
                                                viewBox="0 0 1200 800"))
    app = projects.make_app(tmp_path, pages={"index": page}, end_call=end_call)
    client = projects.Client(app)

    def served():
        body = client.request("GET", "/").text
        assert '<svg id="svg" width="600" height="400" viewBox="0 0 1200 800">' in body
        group = re.search(r'<g id="pts">.*?</g>', body).group(0)
        data = json.loads(re.search(r'data-skipole="page">(.*?)</script>', body).group(1))
        return crosses(group), {w[0]: w[3] for w in data["widgets"]}

    first, js = served()
    assert first == [(336.0, 596.0)]
    assert js["pts"]["mx"] == pytest.approx(9.6)
    second, js = served()                       # the axis now ends at 50: the point moves
    assert second == [(432.0, 596.0)]
    assert js["pts"]["maxx"] == 50
    third, _ = served()
    assert third == first
