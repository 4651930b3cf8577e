"""inputforms widgets: Form1, HiddenField, HiddenLocalStorage, HiddenSessionStorage, SubmitButton1,
SubmitButton2, SubmitForm1, SubmitForm2, SubmitFromScript."""

from html.parser import HTMLParser

import pytest

from skipole.render.html import CSRF_MARK, IDENT_MARK
from skipole.widgets.base import RenderContext, WidgetInstance, WidgetView, widget_class, widgets_in_module

PAYLOAD = "<script>alert(1)</script>"
QUOTES = '"><img src=x onerror=alert(1)>'


class _Ctx(RenderContext):
    """Resolves labels the way a project would: 'target' → /target, 'json' → /json."""

    proj_ident = "t"
    page_num = 1

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


def render_js(path, fields=None, containers=None, set_names=None):
    """The HTML and the settings recorded for the browser library."""
    cls = widget_class(f"inputforms.{path}")
    inst = WidgetInstance(cls, "wname", fields, set_names)
    if containers is None:
        containers = ["<p>inside</p>"] * cls.containers
    view = WidgetView(inst, inst.name, inst.fields, _Ctx(), containers=containers)
    if not view.fields.get("show", True):
        return "", view.js_data
    return inst.impl.render(view), view.js_data


def render(path, fields=None, containers=None, set_names=None):
    return render_js(path, fields, containers, set_names)[0]


def hidden_names(html):
    return [a["name"] for a in find(html, "input", type="hidden")]


# ---- Form1 -------------------------------------------------------------------------------

def test_form1_without_action_shows_a_warning():
    html = render("Form1")
    assert "Warning: No form action" in html
    assert 'data-status="error"' in html
    assert not find(html, "form")


def test_form1_structure_and_container():
    html = render("Form1", {"action": "target", "container_class": "cc", "widget_class": "wc"},
                  containers=["<p id='child'>inside</p>"])
    tags = parse(html).tags
    assert tags[0] == ("div", {"id": "wname", "class": "wc"})
    (form,) = find(html, "form")
    assert form["method"] == "post" and form["action"] == "/target"
    assert "enctype" not in form
    (cdiv,) = find(html, "div", class_="cc")
    # the container content sits inside the container div, inside the form
    assert html.index("<form") < html.index('class="cc"') < html.index("child") < html.index("</form>")
    assert cdiv == {"class": "cc"}
    assert hidden_names(html) == ["ident", "csrf_token"]
    assert find(html, "input", name="ident", value=IDENT_MARK)
    assert find(html, "input", name="csrf_token", value=CSRF_MARK)


def test_form1_hidden_fields_and_enctype():
    html = render("Form1", {"action": "target", "enctype": "multipart/form-data", "hidden_field1": "a",
                            "hidden_field3": "c"})
    (form,) = find(html, "form")
    assert form["enctype"] == "multipart/form-data"
    assert hidden_names(html) == ["ident", "csrf_token", "wname:hidden_field1", "wname:hidden_field3"]
    assert find(html, "input", name="wname:hidden_field3", value="c")


def test_form1_error_display():
    html = render("Form1", {"action": "target", "error_class": "ec", "show_error": "bad <b>"})
    assert parse(html).tags[0][1]["data-status"] == "error"
    (err,) = find(html, "div", class_="ec")
    assert "style" not in err
    assert "bad &lt;b&gt;" in html
    html = render("Form1", {"action": "target", "error_class": "ec"})
    assert find(html, "div", class_="ec", style="display:none;")
    assert 'data-status' not in html
    cleared = render("Form1", {"action": "target", "show_error": "x", "clear_error": True})
    assert "data-status" not in cleared


def test_form1_refuses_javascript_action():
    html = render("Form1", {"action": "javascript:alert(1)"})
    assert "javascript" not in html
    assert not find(html, "form")
    assert "broken link" in html


# ---- HiddenField and storage inputs -------------------------------------------------------

def test_hiddenfield():
    assert render("HiddenField") == ""          # nothing while the value is empty
    html = render("HiddenField", {"hidden_field": "v", "widget_class": "wc"})
    tags = parse(html).tags
    assert tags == [("input", {"id": "wname", "class": "wc", "name": "wname:hidden_field", "value": "v",
                               "type": "hidden"})]
    assert widget_class("inputforms.HiddenField").void


def test_hiddenfield_set_names():
    html = render("HiddenField", {"hidden_field": "v"}, set_names={"hidden_field": "other"})
    assert find(html, "input", name="wname:other")


@pytest.mark.parametrize("path,field,store", [("HiddenLocalStorage", "local_key", "local"),
                                              ("HiddenSessionStorage", "session_key", "session")])
def test_storage_inputs(path, field, store):
    assert render(path) == ""
    html, js = render_js(path, {field: "mykey"})
    (inp,) = find(html, "input")
    assert inp["type"] == "hidden" and inp["name"] == f"wname:{field}" and inp["id"] == "wname"
    assert inp.get("value", "") == ""          # the browser fills it from storage
    assert inp[f"data-{store}-key"] == "mykey"
    assert js == {field: "mykey"}


# ---- submit buttons -----------------------------------------------------------------------

def test_submitbutton1():
    html = render("SubmitButton1")
    assert parse(html).tags == [("input", {"id": "wname", "name": "wname:button_text", "value": "Submit",
                                           "type": "submit"})]
    html = render("SubmitButton1", {"button_text": "Go"})
    assert find(html, "input", value="Go", name="wname:button_text")
    assert find(render("SubmitButton1", {"button_text": ""}), "input", value="Submit")


def test_submitbutton2_sends_no_value():
    html = render("SubmitButton2", {"button_text": "Go", "widget_class": "wc"})
    (inp,) = find(html, "input")
    assert inp == {"id": "wname", "class": "wc", "value": "Go", "type": "submit"}
    assert widget_class("inputforms.SubmitButton2").void


# ---- SubmitForm1 / SubmitForm2 ------------------------------------------------------------

def test_submitform1_defaults_and_layout():
    assert "Warning: No form action" in render("SubmitForm1")
    html, js = render_js("SubmitForm1", {"action": "target"}, containers=["<p>inside</p>"])
    (form,) = find(html, "form")
    assert form["action"] == "/target" and form["method"] == "post"
    (button,) = find(html, "input", type="submit")
    assert button["value"] == "Submit"
    (lab,) = find(html, "label")
    assert lab["for"] == button["id"]
    assert "Please Submit:" in html
    assert html.index("inside") < html.index('type="submit"')
    assert js == {"buttonident": button["id"]}


def test_submitform1_all_fields():
    html, js = render_js("SubmitForm1", {
        "action": "target", "action_json": "json", "enctype": "multipart/form-data",
        "left_label": "LL", "left_class": "lc", "left_style": "ls", "right_label": "RL",
        "right_class": "rc", "right_style": "rs", "button_text": "Go", "button_wait_text": "wait",
        "button_class": "bc", "div_class": "dc", "hidden_field2": "b", "container_class": "cc",
        "error_class": "ec", "widget_style": "color:red"})
    (button,) = find(html, "input", type="submit", class_="bc", value="Go")
    labels = find(html, "label")
    assert labels == [{"class": "lc", "style": "ls", "for": button["id"]},
                      {"class": "rc", "style": "rs", "for": button["id"]}]
    assert find(html, "div", class_="dc") and find(html, "div", class_="cc")
    assert find(html, "form", enctype="multipart/form-data")
    assert hidden_names(html)[-1] == "wname:hidden_field2"
    assert js["url"] == "/json" and js["button_wait_text"] == "wait"
    assert parse(html).tags[0][1]["style"] == "color:red"


def test_submitform1_empty_labels_and_button_text():
    html = render("SubmitForm1", {"action": "target", "left_label": "", "button_text": ""})
    assert not find(html, "label")
    (button,) = find(html, "input", type="submit")
    assert button.get("value") is None


def test_submitform_json_url_refused_when_unsafe():
    html, js = render_js("SubmitForm1", {"action": "target", "action_json": "javascript:alert(1)"})
    assert "url" not in js
    assert "javascript" not in html


def test_submitform1_error():
    html = render("SubmitForm1", {"action": "target", "show_error": PAYLOAD, "error_class": "ec"})
    assert PAYLOAD not in html
    assert "&lt;script&gt;" in html
    assert parse(html).tags[0][1]["data-status"] == "error"


def test_submitform2_storage_keys():
    html, js = render_js("SubmitForm2", {"action": "target", "session_storage": "sk", "local_storage": "lk"})
    (form,) = find(html, "form")
    assert form["data-session-storage"] == "sk" and form["data-local-storage"] == "lk"
    assert js["session_storage"] == "sk" and js["local_storage"] == "lk"
    # the stored values are added by the browser: no extra fields in the page
    assert hidden_names(html) == ["ident", "csrf_token"]
    plain, js = render_js("SubmitForm2", {"action": "target"})
    assert "data-session-storage" not in plain and "session_storage" not in js


# ---- SubmitFromScript ---------------------------------------------------------------------

def test_submitfromscript():
    assert "Warning: No form action" in render("SubmitFromScript")
    html, js = render_js("SubmitFromScript", {"action": "target", "action_json": "json", "hidden_field1": "myvar",
                                              "target": "_blank", "button_class": "bc",
                                              "buttondiv_class": "bdc", "buttondiv_style": "bds"})
    (form,) = find(html, "form")
    assert form["target"] == "_blank" and form["method"] == "post" and form["action"] == "/target"
    (hidden,) = find(html, "input", name="wname:hidden_field1")
    assert hidden["type"] == "hidden" and "value" not in hidden
    assert hidden["data-script-value"] == "myvar"
    assert hidden_names(html) == ["ident", "csrf_token", "wname:hidden_field1"]
    assert find(html, "button", type="submit", class_="bc")
    assert find(html, "div", class_="bdc", style="bds")
    assert js == {"hidden_field1": "myvar", "url": "/json"}
    assert "Submit" in html


def test_submitfromscript_hide():
    html = render("SubmitFromScript", {"action": "target", "hide": True, "widget_style": "color:red"})
    assert "display:none" in parse(html).tags[0][1]["style"]
    assert "color:red" in parse(html).tags[0][1]["style"]
    html = render("SubmitFromScript", {"action": "target"})
    assert "style" not in parse(html).tags[0][1]


# ---- every widget ---------------------------------------------------------------------------

def _classes():
    return [c.__name__ for c in widgets_in_module("inputforms")]


def test_module_has_nine_widgets():
    assert len(_classes()) == 9


@pytest.mark.parametrize("path", _classes())
@pytest.mark.parametrize("payload", [PAYLOAD, QUOTES])
def test_text_fields_are_escaped(path, payload):
    cls = widget_class(f"inputforms.{path}")
    fields = {n: payload for n, f in cls.field_table.items() if f.ftype in ("text", "cssclass", "cssstyle")}
    if "action" in cls.field_table:
        fields["action"] = "target"
    fields.pop("show_error", None)
    html = render(path, fields)
    assert "<script" not in html and "<img" not in html
    for tag, attributes in parse(html).tags:
        assert not any(k.startswith("on") for k in attributes), (tag, attributes)


@pytest.mark.parametrize("path", _classes())
def test_url_fields_refuse_javascript(path):
    cls = widget_class(f"inputforms.{path}")
    fields = {n: "javascript:alert(1)" for n, f in cls.field_table.items() if f.ftype == "url"}
    html, js = render_js(path, fields)
    assert "javascript" not in html.lower()
    assert "javascript" not in repr(js).lower()


@pytest.mark.parametrize("path", _classes())
def test_show_false_renders_nothing(path):
    assert render(path, {"show": False, "action": "target", "hidden_field": "x"}) == ""
