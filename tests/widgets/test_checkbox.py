"""checkbox widgets: CheckBox1, CheckBox2, CheckBoxTable1, CheckInputs, CheckedText, SubmitCheckBox1."""

from html.parser import HTMLParser

import pytest

from skipole.render.html import CSRF_MARK, IDENT_MARK
from skipole.widgets.base import RenderContext, WidgetInstance, WidgetView, render_standalone, widget_class

PAYLOAD = "<script>alert(1)</script>"


class _Ctx(RenderContext):
    """Resolves labels the way a project would: 'target' → /target."""

    def url(self, value):
        return {"target": "/target", "json": "/json"}.get(value, super().url(value))


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def parse(html):
    p = _Tags()
    p.feed(html)
    p.close()
    return p


def find(html, tag, **want):
    """All ``tag`` elements whose attributes include ``want`` (class_ → class)."""
    want = {k.rstrip("_"): v for k, v in want.items()}
    return [a for t, a in parse(html).tags if t == tag and all(a.get(k) == v for k, v in want.items())]


def render(path, fields=None, containers=()):
    return render_standalone(f"checkbox.{path}", "wname", fields, containers=containers, ctx=_Ctx())


def render_js(path, fields=None, containers=()):
    """The HTML and the settings recorded for the browser library."""
    cls = widget_class(f"checkbox.{path}")
    inst = WidgetInstance(cls, "wname", fields)
    view = WidgetView(inst, inst.name, inst.fields, _Ctx(), containers=containers)
    return inst.impl.render(view), view.js_data


# ---- CheckBox1 ---------------------------------------------------------------------------

def test_checkbox1_defaults():
    html = render("CheckBox1")
    outer = parse(html).tags[0]
    assert outer == ("div", {"id": "wname"})
    (box,) = find(html, "input")
    assert box["type"] == "checkbox" and box["name"] == "wname:checkbox"
    assert box["value"] == ""              # an empty value is written, so '' is submitted, not 'on'
    assert "checked" not in box
    (label,) = find(html, "label")
    assert label["for"] == box["id"]
    assert "Left Label" in html
    assert find(html, "div", style="display:none;")   # the error paragraph is hidden


def test_checkbox1_all_fields():
    html = render("CheckBox1", {
        "checkbox": "cv", "checkbox_class": "cbc", "checkbox_style": "cbs", "left_label": "LL",
        "left_class": "lc", "left_style": "ls", "error_class": "ec", "div_class": "dc",
        "div_style": "ds", "right_label": "RL", "right_class": "rc", "right_style": "rs",
        "checked": True, "widget_class": "wc", "widget_style": "ws"})
    assert parse(html).tags[0] == ("div", {"id": "wname", "class": "wc", "style": "ws"})
    (box,) = find(html, "input", class_="cbc", style="cbs", value="cv")
    assert "checked" in box
    labels = find(html, "label")
    assert [(lb["class"], lb["style"], lb["for"]) for lb in labels] == [("lc", "ls", box["id"]), ("rc", "rs", box["id"])]
    assert html.index("LL") < html.index('type="checkbox"') < html.index("RL")
    assert find(html, "div", class_="dc", style="ds")
    assert find(html, "div", class_="ec", style="display:none;")


def test_checkbox1_no_labels():
    html = render("CheckBox1", {"left_label": "", "right_label": ""})
    assert not find(html, "label")


def test_checkbox1_error_display_and_clear():
    html = render("CheckBox1", {"show_error": "bad <b>", "error_class": "ec"})
    assert 'data-status="error"' in html
    assert "<p>bad &lt;b&gt;</p>" in html
    assert find(html, "div", class_="ec") == [{"class": "ec"}]
    cleared = render("CheckBox1", {"show_error": "bad", "clear_error": True})
    assert "data-status" not in cleared and "bad" not in cleared


def test_checkbox1_not_shown():
    assert render("CheckBox1", {"show": False}) == ""


def test_checkbox1_escapes():
    html = render("CheckBox1", {"checkbox": PAYLOAD, "left_label": PAYLOAD, "right_label": PAYLOAD,
                                "show_error": PAYLOAD})
    assert "<script" not in html
    assert html.count("&lt;script&gt;") == 4


# ---- CheckBox2 ---------------------------------------------------------------------------

def test_checkbox2_defaults_is_a_span_without_labels():
    html = render("CheckBox2")
    assert parse(html).tags[0] == ("span", {"id": "wname"})
    assert not find(html, "label")
    (box,) = find(html, "input", type="checkbox", name="wname:checkbox", value="")
    assert "checked" not in box


def test_checkbox2_labels_and_checked():
    html = render("CheckBox2", {"checkbox": "v", "left_label": "L", "left_class": "lc",
                                "right_label": "R", "right_style": "rs", "checked": True,
                                "checkbox_class": "cbc"})
    (box,) = find(html, "input", class_="cbc")
    assert "checked" in box
    assert find(html, "label", class_="lc", **{"for": box["id"]})
    assert find(html, "label", style="rs", **{"for": box["id"]})
    assert html.index(">L<") < html.index("<input") < html.index(">R<")


def test_checkbox2_escapes():
    html = render("CheckBox2", {"checkbox": PAYLOAD, "left_label": PAYLOAD, "right_label": PAYLOAD})
    assert "<script" not in html


# ---- CheckBoxTable1 ----------------------------------------------------------------------

def test_checkboxtable1_empty():
    assert render("CheckBoxTable1") == '<table id="wname"></table>'


def test_checkboxtable1_rows_names_and_checked():
    html = render("CheckBoxTable1", {
        "header_class": "hc", "title1": "T1", "title2": "T2", "title3": "T3",
        "row_classes": ["r1", "r2"], "col1": ["a", "b", "e"], "col2": ["c", "d"],
        "checkbox_dict": {"zz": "v1", "aa": "v2"}, "checked": ["aa"]})
    trs = find(html, "tr")
    assert trs[0] == {"class": "hc"} and trs[1] == {"class": "r1"} and trs[2] == {"class": "r2"}
    assert len(trs) == 4                       # heading + the longest of col1, col2, checkbox_dict
    boxes = find(html, "input")
    assert [(b["name"], b["type"], b["value"]) for b in boxes] == [
        ("wname:checked-zz", "checkbox", "v1"), ("wname:checked-aa", "checkbox", "v2")]
    assert "checked" not in boxes[0] and "checked" in boxes[1]
    assert len(find(html, "th")) == 3
    assert html.count("<td></td>") == 2        # row 3: no col2 text, no checkbox


def test_checkboxtable1_heading_only_with_titles():
    html = render("CheckBoxTable1", {"col1": ["a"], "checkbox_dict": {"k": "v"}})
    assert "<th>" not in html
    html = render("CheckBoxTable1", {"title2": "only"})
    assert html.count("<th>") == 3


def test_checkboxtable1_escapes():
    html = render("CheckBoxTable1", {"title1": PAYLOAD, "title2": PAYLOAD, "title3": PAYLOAD,
                                     "col1": [PAYLOAD], "col2": [PAYLOAD],
                                     "checkbox_dict": {'k"><script>': PAYLOAD}})
    assert "<script" not in html
    (box,) = find(html, "input")
    assert box["value"] == PAYLOAD


def test_checkboxtable1_set_names():
    html = render_standalone("checkbox.CheckBoxTable1", "wname", {"checkbox_dict": {"k": "v"}},
                             set_names={"checked": "picked"})
    assert find(html, "input", name="wname:picked-k")


# ---- CheckInputs -------------------------------------------------------------------------

def test_checkinputs_container_after_checkbox():
    html, js = render_js("CheckInputs", {"checkbox": "cv", "container_class": "cc", "div_class": "dc",
                                         "label_text": "LT", "label_class": "lc", "label_style": "ls",
                                         "checkbox_class": "cbc", "checked": True},
                         containers=['<input type="text" name="x" />'])
    (box,) = find(html, "input", type="checkbox")
    assert box["name"] == "wname:checkbox" and box["value"] == "cv" and box["class"] == "cbc"
    assert "checked" in box
    assert find(html, "label", class_="lc", style="ls", **{"for": box["id"]})
    assert '<div class="cc"><input type="text" name="x" /></div>' in html
    assert html.index('type="checkbox"') < html.index('class="cc"')
    assert find(html, "div", class_="dc")
    assert js["checkbox_id"] == box["id"]
    assert "onclick" not in html and "onchange" not in html and "<script" not in html


def test_checkinputs_defaults_and_error():
    html = render("CheckInputs", containers=["X"])
    (box,) = find(html, "input")
    assert "value" not in box and "checked" not in box
    assert not find(html, "label")
    html = render("CheckInputs", {"show_error": PAYLOAD, "error_class": "ec", "label_text": PAYLOAD,
                                  "checkbox": PAYLOAD}, containers=["X"])
    assert 'data-status="error"' in html and "<script" not in html
    assert find(html, "div", class_="ec") == [{"class": "ec"}]


# ---- CheckedText -------------------------------------------------------------------------

def test_checkedtext_inputs():
    html, js = render_js("CheckedText", {
        "checkbox": "cv", "checkbox_class": "cbc", "checked": True, "label_text": "LT",
        "label_class": "lc", "input_text": "it", "input_class": "ic", "inputdiv_class": "idc",
        "inputdiv_style": "ids", "size": "5", "maxlength": "7"})
    (box,) = find(html, "input", type="checkbox")
    (text,) = find(html, "input", type="text")
    assert box["name"] == "wname:checkbox" and "checked" in box
    assert text == {"type": "text", "name": "wname:input_text", "value": "it", "size": "5",
                    "maxlength": "7", "class": "ic", "id": text["id"], "data-enabled-by": box["id"]}
    assert find(html, "label", **{"for": box["id"]})
    assert find(html, "div", class_="idc", style="ids")
    assert js == {"checkbox_id": box["id"], "input_id": text["id"]}


def test_checkedtext_usable_without_javascript():
    # the original disabled the text input until a script enabled it; ours stays usable
    html = render("CheckedText", {"checkbox": "cv", "checked": False})
    (text,) = find(html, "input", type="text")
    assert "disabled" not in text and text["value"] == ""


def test_checkedtext_error_and_escapes():
    html = render("CheckedText", {"show_error": "E", "input_text": PAYLOAD, "label_text": PAYLOAD,
                                  "checkbox": PAYLOAD})
    assert 'data-status="error"' in html and "<p>E</p>" in html
    assert "<script" not in html


# ---- SubmitCheckBox1 ---------------------------------------------------------------------

def test_submitcheckbox1_without_action_warns():
    html = render("SubmitCheckBox1")
    assert "<form" not in html and "No form action" in html


def test_submitcheckbox1_refuses_javascript_action():
    html = render("SubmitCheckBox1", {"action": "javascript:alert(1)"})
    assert "javascript" not in html and "<form" not in html


def test_submitcheckbox1_form():
    html, js = render_js("SubmitCheckBox1", {
        "action": "target", "label": "L", "label_class": "lc", "checkbox": "cv", "checked": True,
        "checkbox_class": "cbc", "hidden_field1": "h1", "hidden_field3": "h3", "button_text": "BT",
        "button_class": "bc", "inputdiv_class": "idc", "inputandbutton_class": "iabc"})
    (form,) = find(html, "form")
    assert form["method"] == "post" and form["action"] == "/target"
    (box,) = find(html, "input", type="checkbox")
    assert box["name"] == "wname:checkbox" and box["value"] == "cv" and "checked" in box
    assert find(html, "label", class_="lc", **{"for": box["id"]})
    hidden = {a["name"]: a["value"] for a in find(html, "input", type="hidden")}
    assert hidden == {"ident": IDENT_MARK, "csrf_token": CSRF_MARK,
                      "wname:hidden_field1": "h1", "wname:hidden_field3": "h3"}
    assert find(html, "button", type="submit", class_="bc") and ">BT</button>" in html
    assert find(html, "span", class_="iabc") and find(html, "div", class_="idc")
    assert js == {}


def test_submitcheckbox1_defaults_hide_and_json():
    html, js = render_js("SubmitCheckBox1", {"action": "target", "action_json": "json", "hide": True})
    assert ">Left Label</label>" in html and ">Submit</button>" in html
    assert parse(html).tags[0][1]["style"] == "display:none;"
    assert js == {"url": "/json"}
    (box,) = find(html, "input", type="checkbox")
    assert box["value"] == ""


def test_submitcheckbox1_error_and_escapes():
    html = render("SubmitCheckBox1", {"action": "target", "show_error": PAYLOAD, "label": PAYLOAD,
                                      "button_text": PAYLOAD, "checkbox": PAYLOAD,
                                      "hidden_field1": PAYLOAD, "error_class": "ec"})
    assert 'data-status="error"' in html
    assert "<script" not in html
    assert find(html, "div", class_="ec")


@pytest.mark.parametrize("name", ["CheckBox1", "CheckBox2", "CheckBoxTable1", "CheckInputs",
                                  "CheckedText", "SubmitCheckBox1"])
def test_no_inline_script_or_handlers(name):
    html = render(name, {"action": "target", "checkbox_dict": {"k": "v"}}, containers=["X"])
    assert "<script" not in html
    assert not [k for _, a in parse(html).tags for k in a if k.startswith("on")]
