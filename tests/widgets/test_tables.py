"""tables widgets: ButtonTextBlockTable1, ColorTable1, TextBlockTable2, ThreeColTable1, TwoColTable1."""

from html.parser import HTMLParser

import pytest

from skipole.render.html import CSRF_MARK, IDENT_MARK
from skipole.widgets.base import RenderContext, render_standalone, widgets_in_module

PAYLOAD = "<script>alert(1)</script>"


class _Ctx(RenderContext):
    BLOCKS = {"tb.one": "Block <one>\nline2", "tb.two": "Block two"}

    def url(self, value):
        return {"target": "/target"}.get(value, super().url(value))

    def textblock(self, ref, project=None):
        return self.BLOCKS.get(ref)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def tags(html):
    p = _Tags()
    p.feed(html)
    p.close()
    return p.tags


def find(html, tag, **want):
    want = {k.rstrip("_"): v for k, v in want.items()}
    return [a for t, a in tags(html) if t == tag and all(a.get(k) == v for k, v in want.items())]


def render(path, fields=None):
    return render_standalone(f"tables.{path}", "wname", fields, ctx=_Ctx())


# ---- TwoColTable1 / ThreeColTable1 -------------------------------------------------------

@pytest.mark.parametrize("path", ["TwoColTable1", "ThreeColTable1", "ColorTable1", "TextBlockTable2"])
def test_empty_tables(path):
    assert render(path) == '<table id="wname"></table>'


def test_twocoltable1():
    html = render("TwoColTable1", {"header_class": "hc", "even_class": "ev", "odd_class": "od",
                                   "title1": "T1", "title2": "T2", "col1": ["a", "b", "c"], "col2": ["x", "y"],
                                   "widget_class": "wc"})
    assert html == ('<table id="wname" class="wc"><tr class="hc"><th>T1</th><th>T2</th></tr>'
                    '<tr class="ev"><td>a</td><td>x</td></tr><tr class="od"><td>b</td><td>y</td></tr>'
                    '<tr class="ev"><td>c</td><td></td></tr></table>')


def test_twocoltable1_header_only_with_a_title():
    assert render("TwoColTable1", {"col1": ["a"], "col2": ["b"]}) == \
        '<table id="wname"><tr><td>a</td><td>b</td></tr></table>'
    assert render("TwoColTable1", {"title2": "T2"}) == '<table id="wname"><tr><th></th><th>T2</th></tr></table>'


def test_threecoltable1_pads_short_columns():
    html = render("ThreeColTable1", {"title3": "T3", "col1": ["a"], "col3": ["1", "2"], "odd_class": "od"})
    assert html == ('<table id="wname"><tr><th></th><th></th><th>T3</th></tr><tr><td>a</td><td></td><td>1</td></tr>'
                    '<tr class="od"><td></td><td></td><td>2</td></tr></table>')


def test_pi_sensor_table():
    # as used by the pi01/pi02 legacy projects
    html = render("ThreeColTable1", {"header_class": "w3-theme-d2", "odd_class": "w3-theme-d1", "title1": "Sensor",
                                     "title2": "Value", "title3": "Description",
                                     "widget_class": "w3-table w3-bordered w3-centered"})
    assert tags(html)[:2] == [("table", {"id": "wname", "class": "w3-table w3-bordered w3-centered"}),
                              ("tr", {"class": "w3-theme-d2"})]


@pytest.mark.parametrize("path,cols", [("TwoColTable1", 2), ("ThreeColTable1", 3)])
def test_column_tables_escape(path, cols):
    fields = {f"title{i}": PAYLOAD for i in range(1, cols + 1)}
    fields.update({f"col{i}": [PAYLOAD + "\nx"] for i in range(1, cols + 1)})
    html = render(path, fields)
    assert "<script" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;<br />x") == cols


# ---- ColorTable1 -------------------------------------------------------------------------

def test_colortable1_lays_cells_along_rows():
    html = render("ColorTable1", {"header_class": "hc", "even_class": "ev", "odd_class": "od", "titles": ["A", "B"],
                                  "contents": [["a1", "red", "#00ff00"], ["a2", "", ""], ["a3", "blue", ""],
                                               ["a4", "", "rgb(1, 2, 3)"], ["a5", "", ""]]})
    assert html == ('<table id="wname"><tr class="hc"><th>A</th><th>B</th></tr>'
                    '<tr class="ev"><td style="color:red;background-color:#00ff00;">a1</td><td>a2</td></tr>'
                    '<tr class="od"><td style="color:blue;">a3</td>'
                    '<td style="background-color:rgb(1, 2, 3);">a4</td></tr></table>')


def test_colortable1_needs_a_full_row():
    assert render("ColorTable1", {"titles": ["A", "B"], "contents": [["a", "", ""]]}) == '<table id="wname"></table>'
    assert render("ColorTable1", {"titles": [], "contents": [["a", "", ""]]}) == '<table id="wname"></table>'
    # empty titles still give the header row
    assert render("ColorTable1", {"titles": [""], "contents": [["a", "", ""]]}) == \
        '<table id="wname"><tr><th></th></tr><tr><td>a</td></tr></table>'


def test_colortable1_refuses_css_injection_and_escapes():
    html = render("ColorTable1", {"titles": [PAYLOAD], "contents": [
        [PAYLOAD, "red;background:url(http://evil)", '"><script>']]})
    assert "<script" not in html and "evil" not in html and "url(" not in html
    assert html.count("&lt;script&gt;") == 2


# ---- TextBlockTable2 ---------------------------------------------------------------------

def test_textblocktable2():
    html = render("TextBlockTable2", {"header_class": "hc", "even_class": "ev", "odd_class": "od", "title1": "T1",
                                      "contents": [["a", "tb.one"], ["b", "missing.ref"], ["c", ""]]})
    assert html == ('<table id="wname"><tr class="hc"><th>T1</th><th></th></tr>'
                    '<tr class="ev"><td>a</td><td>Block &lt;one&gt;<br />line2</td></tr>'
                    '<tr class="od"><td>b</td><td>failed to read textblocks with ref missing.ref</td></tr>'
                    '<tr class="ev"><td>c</td><td></td></tr></table>')


def test_textblocktable2_escapes():
    html = render("TextBlockTable2", {"title1": PAYLOAD, "title2": PAYLOAD, "contents": [[PAYLOAD, PAYLOAD]]})
    assert "<script" not in html and html.count("&lt;script&gt;") == 4


# ---- ButtonTextBlockTable1 ---------------------------------------------------------------

FORM = {"action": "target", "buttons": [["First", "tb.one"], ["Second", "tb.two"]]}


def test_buttontable_without_action_warns():
    html = render("ButtonTextBlockTable1")
    assert html == '<span id="wname" data-status="error">Warning: No form action</span>'


def test_buttontable_refuses_javascript_action():
    html = render("ButtonTextBlockTable1", dict(FORM, action="javascript:alert(1)"))
    assert html == '<span id="wname" data-status="error">Warning: broken link</span>'


def test_buttontable_form():
    html = render("ButtonTextBlockTable1", dict(
        FORM, header_class="hc", even_class="ev", odd_class="od", col1_button_title="Button",
        col2_text_title="Text", hidden_field1="h1", hidden_field3="h3", button_class="bc", button_style="bs",
        error_class="ec", table_class="tc", widget_class="wc"))
    assert tags(html)[0] == ("div", {"id": "wname", "class": "wc"})
    assert find(html, "div", class_="ec", style="display:none;")
    (form,) = find(html, "form")
    assert form == {"role": "form", "method": "post", "action": "/target"}
    assert find(html, "table", class_="tc") and find(html, "tr", class_="hc")
    assert [a["class"] for a in find(html, "tr") if a.get("class") != "hc"] == ["ev", "od"]
    submits = find(html, "input", type="submit")
    assert [(s["name"], s["value"], s["class"], s["style"]) for s in submits] == [
        ("wname:buttons", "First", "bc", "bs"), ("wname:buttons", "Second", "bc", "bs")]
    hidden = {s["name"]: s["value"] for s in find(html, "input", type="hidden")}
    assert hidden == {"ident": IDENT_MARK, "csrf_token": CSRF_MARK,
                      "wname:hidden_field1": "h1", "wname:hidden_field3": "h3"}
    assert "Block &lt;one&gt;<br />line2" in html and "Block two" in html


def test_buttontable_without_titles_has_no_header():
    html = render("ButtonTextBlockTable1", FORM)
    assert "<th>" not in html


def test_buttontable_error():
    html = render("ButtonTextBlockTable1", dict(FORM, error_class="ec", show_error=PAYLOAD))
    assert tags(html)[0][1]["data-status"] == "error"
    assert find(html, "div", class_="ec") == [{"class": "ec"}]
    assert "<script" not in html and "&lt;script&gt;" in html


def test_buttontable_escapes():
    html = render("ButtonTextBlockTable1", {"action": "target", "buttons": [[PAYLOAD, PAYLOAD]],
                                            "col1_button_title": PAYLOAD, "col2_text_title": PAYLOAD,
                                            "hidden_field1": PAYLOAD})
    assert "<script" not in html
    assert find(html, "input", type="submit")[0]["value"] == PAYLOAD
    assert find(html, "input", name="wname:hidden_field1")[0]["value"] == PAYLOAD


def test_module_has_five_widgets():
    assert len(widgets_in_module("tables")) == 5
