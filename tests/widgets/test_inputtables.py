"""inputtables widgets: InputTable1, InputTable3, InputTable4, InputTable5."""

from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest

from skipole.render.html import CSRF_MARK, IDENT_MARK
from skipole.widgets.base import RenderContext, WidgetInstance, WidgetView, render_standalone, widget_class

PAYLOAD = "<script>alert(1)</script>"
IDENT = IDENT_MARK.strip("\x00")
CSRF = CSRF_MARK.strip("\x00")


class _Ctx(RenderContext):
    def url(self, value):
        return {"target": "/target", "json": "/json", "no_javascript": "/lib/no_javascript"}.get(
            value, super().url(value))


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def parse(html):
    p = _Tags()
    p.feed(html)
    p.close()
    return p.tags


def find(html, tag, **want):
    want = {k.rstrip("_"): v for k, v in want.items()}
    return [a for t, a in parse(html) if t == tag and all(a.get(k) == v for k, v in want.items())]


def render(path, fields=None):
    return render_standalone(f"inputtables.{path}", "wname", fields, ctx=_Ctx())


def render_js(path, fields=None):
    cls = widget_class(f"inputtables.{path}")
    inst = WidgetInstance(cls, "wname", fields)
    view = WidgetView(inst, inst.name, inst.fields, _Ctx())
    return inst.impl.render(view), view.js_data


def query(href):
    """(path, [(name, value), ...]) of a link; the per-request markers are kept by name."""
    parts = urlsplit(href.replace("\x00", ""))
    return parts.path, parse_qsl(parts.query, keep_blank_values=True)


def td_styles(html):
    return [a.get("style") for a in find(html, "td")]


# ---- InputTable1 -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["InputTable1", "InputTable3", "InputTable4"])
def test_empty_tables(name):
    assert render(name) == '<table id="wname"></table>'


def test_inputtable1_rows_follow_inputdict():
    html = render("InputTable1", {
        "header_class": "hc", "col1_class": "c1c", "col2_class": "c2c", "col3_class": "c3c",
        "col3_style": "c3s", "size": "5", "maxlength": "9", "title1": "T1", "title2": "T2",
        "title3": "T3", "row_classes": ["r1", "r2"], "col1": ["a", "b", "extra"], "col2": ["c"],
        "inputdict": {"k1": "v1", "k2": "v2"}})
    assert "<thead><tr class=\"hc\"><th>T1</th><th>T2</th><th>T3</th></tr></thead><tbody>" in html
    inputs = find(html, "input")
    assert [(i["name"], i["type"], i["value"], i["size"], i["maxlength"]) for i in inputs] == [
        ("wname:inputdict-k1", "text", "v1", "5", "9"), ("wname:inputdict-k2", "text", "v2", "5", "9")]
    assert [a.get("class") for a in find(html, "tr")] == ["hc", "r1", "r2"]
    assert "extra" not in html                         # rows: one per inputdict entry
    assert len(find(html, "td", class_="c3c", style="c3s")) == 2
    assert '<td class="c2c"></td>' in html


def test_inputtable1_cell_style_counts_from_one():
    fields = {"col1": ["a", "b", "c"], "col2": ["d", "e", "f"], "inputdict": {"k1": "", "k2": "", "k3": ""}}
    assert td_styles(render("InputTable1", dict(fields, cell_style=[[1, 1, "A"]])))[0] == "A"
    styles = td_styles(render("InputTable1", dict(fields, cell_style=[[2, 2, "B"], [3, 3, "C"], [0, 1, "D"]])))
    assert styles == [None, None, None, None, "B", None, None, None, None]
    styles = td_styles(render("InputTable1", dict(fields, cell_style=[[1, 1, "A"], [1, 1, "B"]])))
    assert styles[0] == "B"                            # a later entry wins


def test_inputtable1_heading_only_with_titles_and_escapes():
    html = render("InputTable1", {"inputdict": {"k": "v"}})
    assert "<thead>" not in html and "<tbody>" in html
    html = render("InputTable1", {"title1": PAYLOAD, "title2": PAYLOAD, "title3": PAYLOAD,
                                  "col1": [PAYLOAD], "col2": [PAYLOAD], "inputdict": {"k": PAYLOAD},
                                  "cell_style": [[1, 1, '"><script>']]})
    assert "<script" not in html
    assert find(html, "input")[0]["value"] == PAYLOAD


# ---- InputTable3 -------------------------------------------------------------------------

def _table3_fields(**extra):
    fields = {"up_link_ident": "target", "down_link_ident": "target", "up_getfield1": ["u1a", "u1b"],
              "up_getfield2": ["u2a"], "down_getfield1": ["d1a", "d1b"], "col1": ["a", "b"],
              "col2": ["c", "d"], "inputdict": {"k1": "v1", "k2": "v2"}}
    fields.update(extra)
    return fields


def test_inputtable3_inputs_and_arrow_links():
    html, js = render_js("InputTable3", _table3_fields(
        input_class="ic", input_style="is", size="4", col4_class="c4c", title4="T4",
        up_class="uc", down_style="ds"))
    inputs = find(html, "input")
    assert [(i["name"], i["type"], i["value"], i["class"], i["style"]) for i in inputs] == [
        ("wname:inputdict-k1", "text", "v1", "ic", "is"), ("wname:inputdict-k2", "text", "v2", "ic", "is")]
    links = find(html, "a")
    assert len(links) == 4 and all(a["role"] == "button" for a in links)
    path, q = query(links[0]["href"])
    assert path == "/target"
    assert q == [("ident", IDENT), ("wname:up_getfield1", "u1a"), ("wname:up_getfield2", "u2a"),
                 ("wname:getfield3", "v1"), ("csrf_token", CSRF)]
    assert links[0]["class"] == "uc"
    assert query(links[1]["href"])[1] == [("ident", IDENT), ("wname:down_getfield1", "d1a"),
                                          ("wname:getfield3", "v1"), ("csrf_token", CSRF)]
    assert links[1]["style"] == "ds"
    assert query(links[2]["href"])[1][1:3] == [("wname:up_getfield1", "u1b"), ("wname:getfield3", "v2")]
    assert "&uarr;" in html and "&darr;" in html
    assert js == {"getfield3": "wname:getfield3"}
    assert not [k for _, a in parse(html) for k in a if k.startswith("on")]


def test_inputtable3_hidden_arrows_and_json():
    html, js = render_js("InputTable3", _table3_fields(
        up_hide=[False, True], down_hide=[True], up_style="us", up_json_ident="json", down_json_ident="json"))
    links = find(html, "a")
    assert links[0]["style"] == "us"
    assert links[1]["style"] == "visibility:hidden;"
    assert links[2]["style"] == "us;visibility:hidden;"
    assert "style" not in links[3]
    assert js["upurl"] == "/json" and js["downurl"] == "/json"
    # without JavaScript the arrows are still plain links
    assert query(links[0]["href"])[0] == "/target"


def test_inputtable3_links_default_to_no_javascript_page():
    html = render("InputTable3", {"col1": ["a"], "inputdict": {"k1": "v1"}})
    for link in find(html, "a"):
        assert query(link["href"])[0] == "/lib/no_javascript"


def test_inputtable3_refuses_javascript_urls():
    html = render("InputTable3", _table3_fields(up_link_ident="javascript:alert(1)"))
    assert "javascript:" not in html
    assert find(html, "a")[0]["href"].startswith("#?")


def test_inputtable3_cell_style_only_text_columns():
    html = render("InputTable3", _table3_fields(cell_style=[[1, 2, "X"], [1, 3, "Y"]], col3_style="S"))
    styles = td_styles(html)
    assert styles[:4] == [None, "X", "S", None]


def test_inputtable3_escapes():
    html = render("InputTable3", _table3_fields(
        title1=PAYLOAD, title2=PAYLOAD, title3=PAYLOAD, title4=PAYLOAD, col1=[PAYLOAD], col2=[PAYLOAD],
        inputdict={"k": PAYLOAD}, up_getfield1=[PAYLOAD]))
    assert "<script" not in html


# ---- InputTable4 -------------------------------------------------------------------------

def test_inputtable4_hidden_inputs_and_links():
    html, js = render_js("InputTable4", {
        "header_class": "hc", "col1_class": "c1c", "col3_class": "c3c", "col4_class": "c4c",
        "col4_style": "c4s", "title1": "T1", "col1": ["a", "b"], "col2": ["c"], "col3": ["e", "f", "g"],
        "cell_style": [[2, 3, "S3"], [1, 4, "S4"]], "up_link_ident": "target", "up_getfield1": ["u"],
        "down_hide": [True], "inputdict": {"k1": "v1", "k2": "v2"}, "up_json_ident": "json"})
    inputs = find(html, "input")
    assert [(i["name"], i["type"], i["value"]) for i in inputs] == [
        ("wname:inputdict-k1", "hidden", "v1"), ("wname:inputdict-k2", "hidden", "v2")]
    assert html.count("<th>") == 4
    tds = find(html, "td")
    assert len(tds) == 8
    assert tds[2] == {"class": "c3c"} and tds[6] == {"class": "c3c", "style": "S3"}
    assert tds[3] == {"class": "c4c", "style": "c4s"}     # cell_style does not reach column 4
    assert ">g<" not in html                              # rows follow inputdict
    links = find(html, "a")
    assert query(links[0]["href"]) == ("/target", [("ident", IDENT), ("wname:up_getfield1", "u"),
                                                    ("csrf_token", CSRF)])
    assert query(links[1]["href"])[0] == "/lib/no_javascript"
    assert links[1]["style"] == "visibility:hidden;"
    assert js == {"upurl": "/json"}


def test_inputtable4_escapes():
    html = render("InputTable4", {"title1": PAYLOAD, "title2": PAYLOAD, "title3": PAYLOAD,
                                  "title4": PAYLOAD, "col1": [PAYLOAD], "col2": [PAYLOAD],
                                  "col3": [PAYLOAD], "inputdict": {"k": PAYLOAD}})
    assert "<script" not in html


# ---- InputTable5 -------------------------------------------------------------------------

def test_inputtable5_defaults_one_form():
    html = render("InputTable5")
    (form,) = find(html, "form")
    assert form == {"method": "post", "action": "/lib/no_javascript"}
    buttons = find(html, "input", type="submit")
    assert [(b["name"], b["value"]) for b in buttons] == [("wname:button_text1", "Submit"),
                                                          ("wname:button_text2", "Submit")]
    (text,) = find(html, "input", type="text")
    assert text["name"] == "wname:col_input" and text["value"] == ""
    assert find(html, "label", **{"for": text["id"]})


def test_inputtable5_form_per_row():
    html, js = render_js("InputTable5", {
        "div_class": "dc", "size": "5", "maxlength": "9", "required": True, "action": "target",
        "action_json": "json", "button_text1": "B1", "button_text2": "", "button1_class": "b1c",
        "col_label": ["L1", "L2", "L3"], "col_input": ["i1", "i2"], "label_class": "lc",
        "hidden_field1": ["h1a", "h1b"], "hidden_field3": ["h3a"], "input_class": "ic",
        "input_style": "is", "input_accepted_class": "iac", "input_errored_class": "iec"})
    forms = find(html, "form")
    assert len(forms) == 3 and all(f == {"method": "post", "action": "/target"} for f in forms)
    assert len(find(html, "div", class_="dc")) == 3
    texts = find(html, "input", type="text")
    assert [t["value"] for t in texts] == ["i1", "i2", ""]
    assert all(t["size"] == "5" and t["maxlength"] == "9" and "required" in t and t["class"] == "ic"
               for t in texts)
    labels = find(html, "label", class_="lc")
    assert [lb["for"] for lb in labels] == [t["id"] for t in texts]
    assert len({t["id"] for t in texts}) == 3
    assert [(b["name"], b["value"], b["class"]) for b in find(html, "input", type="submit")] == [
        ("wname:button_text1", "B1", "b1c")] * 3
    hidden = [(h["name"], h["value"]) for h in find(html, "input", type="hidden")]
    assert hidden == [("ident", IDENT_MARK), ("csrf_token", CSRF_MARK), ("wname:hidden_field1", "h1a"),
                      ("wname:hidden_field3", "h3a"),
                      ("ident", IDENT_MARK), ("csrf_token", CSRF_MARK), ("wname:hidden_field1", "h1b"),
                      ("ident", IDENT_MARK), ("csrf_token", CSRF_MARK)]
    assert js == {"url": "/json", "input_accepted_class": "iac", "input_errored_class": "iec"}
    assert not [k for _, a in parse(html) for k in a if k.startswith("on")]


def test_inputtable5_refuses_javascript_action_and_escapes():
    html = render("InputTable5", {"action": "javascript:alert(1)", "col_label": [PAYLOAD],
                                  "col_input": [PAYLOAD], "hidden_field1": [PAYLOAD],
                                  "button_text1": PAYLOAD, "button_text2": PAYLOAD})
    assert "javascript:" not in html and "<script" not in html
    assert find(html, "form")[0]["action"] == "#"


def test_inputtable_hidden_when_not_shown():
    for name in ("InputTable1", "InputTable3", "InputTable4", "InputTable5"):
        assert render(name, {"show": False}) == ""
