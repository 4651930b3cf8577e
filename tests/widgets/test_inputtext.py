"""inputtext widgets: Password1, Password2, SubmitDict1, SubmitTextInput1-4, TextInput1-4, TwoInputsSubmit1."""

from html.parser import HTMLParser

import pytest

from skipole.render.html import CSRF_MARK, IDENT_MARK
from skipole.widgets.base import RenderContext, WidgetInstance, WidgetView, widget_class, widgets_in_module

PAYLOAD = "<script>alert(1)</script>"
QUOTES = '"><img src=x onerror=alert(1)>'


class _Ctx(RenderContext):
    """Resolves labels the way a project would and knows one TextBlock."""

    proj_ident = "t"
    page_num = 1

    def url(self, value):
        return {"target": "/target", "json": "/json", "no_javascript": "/lib/no_javascript"}.get(
            value, super().url(value))

    def textblock(self, ref, project=None):
        return {"tb.help": "Help <text>"}.get(ref)


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


def render_js(path, fields=None, set_names=None):
    """The HTML and the settings recorded for the browser library."""
    cls = widget_class(f"inputtext.{path}")
    inst = WidgetInstance(cls, "wname", fields, set_names)
    view = WidgetView(inst, inst.name, inst.fields, _Ctx())
    if not view.fields.get("show", True):
        return "", view.js_data
    return inst.impl.render(view), view.js_data


def render(path, fields=None, set_names=None):
    return render_js(path, fields, set_names)[0]


def outer(html):
    return parse(html).tags[0]


def text_input(html, name="wname:input_text"):
    (inp,) = find(html, "input", name=name)
    return inp


def hidden_names(html):
    return [a["name"] for a in find(html, "input", type="hidden")]


# ---- single inputs ---------------------------------------------------------------------------

def test_password1_defaults():
    html, js = render_js("Password1")
    assert parse(html).tags == [("input", {"id": "wname", "type": "password", "name": "wname:input_text"})]
    assert widget_class("inputtext.Password1").void
    assert js == {}


def test_password1_fields_and_states():
    html, js = render_js("Password1", {
        "input_text": "pw", "size": "5", "maxlength": "6", "disabled": True, "required": True,
        "input_accepted_class": "ok", "input_errored_class": "bad", "set_input_accepted": True,
        "widget_class": "wc", "widget_style": "ws"})
    inp = text_input(html)
    assert inp["class"] == "wc ok" and inp["style"] == "ws" and inp["id"] == "wname"
    assert inp["value"] == "pw" and inp["size"] == "5" and inp["maxlength"] == "6"
    assert "disabled" in inp and "required" in inp
    assert js == {"input_accepted_class": "ok", "input_errored_class": "bad"}
    # errored wins over accepted
    html = render("Password1", {"input_accepted_class": "ok", "input_errored_class": "bad",
                                "set_input_accepted": True, "set_input_errored": True})
    assert text_input(html)["class"] == "bad"


def test_textinput1_type_pattern_title():
    assert text_input(render("TextInput1"))["type"] == "text"
    assert text_input(render("TextInput1", {"type": ""}))["type"] == "text"
    inp = text_input(render("TextInput1", {"type": "number", "pattern": r"\d+", "title": "digits"}))
    assert inp["type"] == "number" and inp["pattern"] == r"\d+" and inp["title"] == "digits"
    assert widget_class("inputtext.TextInput1").field_table["type"].default == "text"


@pytest.mark.parametrize("path,itype,text", [("Password2", "password", "Password:"),
                                             ("TextInput2", "text", "Your Input:")])
def test_labelled_inputs_defaults(path, itype, text):
    html, js = render_js(path)
    assert outer(html) == ("div", {"id": "wname"})
    assert find(html, "div", style="display:none;")           # hidden error paragraph
    inp = text_input(html)
    assert inp["type"] == itype
    (lab,) = find(html, "label")
    assert lab["for"] == inp["id"] and inp["id"] != "wname"
    assert text in html
    assert js["input_id"] == inp["id"]
    assert "*" not in html


@pytest.mark.parametrize("path", ["Password2", "TextInput2"])
def test_labelled_inputs_error_and_classes(path):
    fields = {"input_class": "ic", "input_errored_class": "bad", "input_accepted_class": "ok",
              "set_input_accepted": True, "error_class": "ec", "redstar": True, "redstar_class": "rc",
              "label_class": "lc", "inputdiv_class": "idc"}
    html = render(path, fields)
    assert text_input(html)["class"] == "ic ok"
    assert find(html, "div", class_="ec", style="display:none;")
    assert find(html, "span", class_="rc")
    assert find(html, "div", class_="idc")
    html = render(path, dict(fields, show_error="Wrong <value>"))
    assert outer(html)[1]["data-status"] == "error"
    assert "Wrong &lt;value&gt;" in html
    (err,) = find(html, "div", class_="ec")
    assert "style" not in err
    assert text_input(html)["class"] == "ic bad"       # an error marks the input as refused
    html = render(path, dict(fields, show_error="x", clear_error=True))
    assert "data-status" not in html


@pytest.mark.parametrize("path", ["Password2", "TextInput2", "TextInput4"])
def test_disabled_class_replaces_input_class(path):
    inp = text_input(render(path, {"input_class": "ic", "input_disabled_class": "dis", "disabled": True}))
    assert inp["class"] == "dis" and "disabled" in inp
    inp = text_input(render(path, {"input_class": "ic", "disabled": True}))
    assert inp["class"] == "ic"


def test_textinput3_labels():
    html, js = render_js("TextInput3", {"right_label": "after", "right_class": "rc", "input_style": "is"})
    inp = text_input(html)
    labels = find(html, "label")
    assert [lab["for"] for lab in labels] == [inp["id"], inp["id"]]
    assert labels[1]["class"] == "rc"
    assert "Your Input:" in html and "after" in html
    assert inp["style"] == "is"
    assert js == {"input_id": inp["id"]}
    assert not find(render("TextInput3", {"left_label": ""}), "label")


def test_textinput4_layout():
    html = render("TextInput4", {"labeldiv_class": "ldc", "inputdiv_class": "idc", "redstar": True})
    (ldiv,) = find(html, "div", class_="ldc")
    inp = text_input(html)
    (lab,) = find(html, "label")
    assert lab["for"] == inp["id"]
    assert html.index('class="ldc"') < html.index("<label") < html.index('class="idc"') < html.index("<input")
    assert html.index("<input") < html.index("<span>*</span>")
    assert "Your input:" in html


# ---- SubmitDict1 ---------------------------------------------------------------------------

def test_submitdict1_empty_dict_renders_nothing():
    assert render("SubmitDict1", {"action": "target"}) == ""


def test_submitdict1_inputs_named_by_key():
    html = render("SubmitDict1", {"action": "target", "input_dict": {"b": "1", "a": "2<"}, "input_class": "ic",
                                  "hidden_field2": "h", "ul_class": "uc", "li_class": "lc"})
    inputs = find(html, "input", type="text")
    assert [(i["name"], i["value"], i["class"]) for i in inputs] == [
        ("wname:input_dict-b", "1", "ic"), ("wname:input_dict-a", "2<", "ic")]
    assert "2&lt;" in html
    assert len(find(html, "li", class_="lc")) == 2 and find(html, "ul", class_="uc")
    (form,) = find(html, "form")
    assert form["method"] == "post" and form["action"] == "/target"
    assert hidden_names(html) == ["ident", "csrf_token", "wname:hidden_field2"]
    assert find(html, "input", type="submit", value="Submit")


def test_submitdict1_refuses_bad_keys_and_needs_action():
    html = render("SubmitDict1", {"action": "target", "input_dict": {"ok_1": "x", "bad-key\"><x": "y"}})
    assert [i["name"] for i in find(html, "input", type="text")] == ["wname:input_dict-ok_1"]
    assert "Warning: No form action" in render("SubmitDict1", {"input_dict": {"a": "b"}})


def test_submitdict1_set_names():
    html = render("SubmitDict1", {"action": "target", "input_dict": {"a": "b"}}, set_names={"input_dict": "vals"})
    assert find(html, "input", name="wname:vals-a")


# ---- SubmitTextInput1/2 ----------------------------------------------------------------------

@pytest.mark.parametrize("path", ["SubmitTextInput1", "SubmitTextInput2"])
def test_submittextinput_defaults(path):
    html, js = render_js(path)
    (form,) = find(html, "form")
    assert form["method"] == "post" and form["action"] == "/lib/no_javascript"
    inp = text_input(html)
    assert inp["type"] == "text"
    (lab,) = find(html, "label")
    assert lab["for"] == inp["id"]
    assert find(html, "button", type="submit")
    assert "Your input:" in html and "Submit" in html
    assert find(html, "input", name="ident", value=IDENT_MARK)
    assert find(html, "input", name="csrf_token", value=CSRF_MARK)
    assert hidden_names(html) == ["ident", "csrf_token"]
    assert js == {"input_id": inp["id"]}
    assert "style" not in outer(html)[1]


def test_submittextinput1_all_fields():
    html, js = render_js("SubmitTextInput1", {
        "action": "target", "action_json": "json", "hidden_field1": "h1", "hidden_field4": "h4",
        "target": "_blank", "button_text": "Go", "button_class": "bc", "label": "L", "label_class": "lc",
        "inputdiv_class": "idc", "inputandbutton_class": "iab", "inputandbutton_style": "iabs",
        "input_text": "val", "size": "10", "maxlength": "20", "required": True, "type": "email",
        "pattern": "[a-z]+", "title": "tt", "input_class": "ic", "input_accepted_class": "ok",
        "input_errored_class": "bad", "set_input_accepted": True})
    (form,) = find(html, "form")
    assert form["action"] == "/target" and form["target"] == "_blank"
    inp = text_input(html)
    assert inp["type"] == "email" and inp["value"] == "val" and inp["class"] == "ic ok"
    assert inp["pattern"] == "[a-z]+" and "required" in inp and inp["size"] == "10"
    (span,) = find(html, "span", class_="iab", style="iabs")
    assert find(html, "button", type="submit", class_="bc")
    assert hidden_names(html) == ["ident", "csrf_token", "wname:hidden_field1", "wname:hidden_field4"]
    assert js == {"input_id": inp["id"], "input_accepted_class": "ok", "input_errored_class": "bad",
                  "url": "/json"}


def test_submittextinput_hide_and_error():
    html = render("SubmitTextInput1", {"hide": True})
    assert outer(html)[1]["style"] == "display:none;"
    html = render("SubmitTextInput1", {"hide": True, "show_error": "Oops", "error_class": "ec"})
    attrs = outer(html)[1]
    assert attrs["data-status"] == "error" and "style" not in attrs     # an error shows the widget
    assert find(html, "div", class_="ec") == [{"class": "ec"}]
    assert "Oops" in html


def test_submittextinput_empty_button_text_is_submit():
    html = render("SubmitTextInput1", {"button_text": "", "label": ""})
    assert not find(html, "label")
    assert ">Submit</button>" in html


def test_submittextinput_refuses_unsafe_action():
    html = render("SubmitTextInput1", {"action": "javascript:alert(1)"})
    assert "javascript" not in html and "broken link" in html and not find(html, "form")
    assert "Warning: No form action" in render("SubmitTextInput1", {"action": ""})


def test_submittextinput2_storage():
    html, js = render_js("SubmitTextInput2", {"session_storage": "sk", "local_storage": "lk"})
    (form,) = find(html, "form")
    assert form["data-session-storage"] == "sk" and form["data-local-storage"] == "lk"
    assert js["session_storage"] == "sk" and js["local_storage"] == "lk"


# ---- SubmitTextInput3/4 ----------------------------------------------------------------------

def test_submittextinput3_paragraphs_and_button_label():
    html, js = render_js("SubmitTextInput3", {"para_text": "Intro <b>", "textblock_ref": "tb.help",
                                              "outer_class": "oc", "buttondiv_class": "bdc"})
    assert "Intro &lt;b&gt;" in html and "Help &lt;text&gt;" in html
    assert find(html, "div", class_="oc")
    (button,) = find(html, "input", type="submit")
    assert button["value"] == "Submit"
    labels = find(html, "label")
    inp = text_input(html)
    assert [lab["for"] for lab in labels] == [inp["id"], button["id"]]
    assert "Please submit:" in html
    hidden = render("SubmitTextInput3", {"para_text": "Intro", "show_para1": False, "show_para2": False})
    assert len(find(hidden, "p", style="display:none;")) == 2
    assert "Intro" in hidden                # kept in the page for JSON updates


def test_submittextinput4_layout():
    html = render("SubmitTextInput4", {"leftdiv_class": "ldc", "left_class": "lc", "formdiv_class": "fdc",
                                       "inputdiv_class": "idc", "buttondiv_class": "bdc", "input_style": "is"})
    assert find(html, "div", class_="ldc") and find(html, "p", class_="lc")
    assert html.index('class="ldc"') < html.index('class="idc"') < html.index('class="bdc"')
    assert text_input(html)["style"] == "is"
    assert find(html, "button", type="submit")
    html = render("SubmitTextInput4", {"left_text": "", "leftdiv_class": "ldc"})
    assert not find(html, "div", class_="ldc")


# ---- TwoInputsSubmit1 ------------------------------------------------------------------------

def test_twoinputssubmit1():
    html, js = render_js("TwoInputsSubmit1", {
        "action": "target", "input_text1": "a", "input_text2": "b", "type2": "number", "required1": True,
        "disabled2": True, "input_class1": "c1", "input_class2": "c2", "input_accepted_class": "ok",
        "input_errored_class": "bad", "set_input_accepted1": True, "set_input_errored2": True})
    one, two = text_input(html, "wname:input_text1"), text_input(html, "wname:input_text2")
    assert one["type"] == "text" and two["type"] == "number"
    assert "required" in one and "disabled" in two
    assert one["class"] == "c1 ok" and two["class"] == "c2 bad"
    (lab,) = find(html, "label")
    assert lab["for"] == one["id"] and "id" not in two
    assert find(html, "input", type="submit", value="Submit")
    html = render("TwoInputsSubmit1", {"input_class1": "c1", "input_errored_class": "bad", "show_error": "e"})
    assert text_input(html, "wname:input_text1")["class"] == "c1 bad"
    assert text_input(html, "wname:input_text2")["class"] == "bad"
    (form,) = find(html, "form")
    assert form["action"] == "/lib/no_javascript"


# ---- every widget ----------------------------------------------------------------------------

def _classes():
    return [c.__name__ for c in widgets_in_module("inputtext")]


def test_module_has_twelve_widgets():
    assert len(_classes()) == 12


@pytest.mark.parametrize("path", _classes())
@pytest.mark.parametrize("payload", [PAYLOAD, QUOTES])
def test_text_fields_are_escaped(path, payload):
    cls = widget_class(f"inputtext.{path}")
    fields = {n: payload for n, f in cls.field_table.items()
              if f.ftype in ("text", "cssclass", "cssstyle") and n != "show_error"}
    fields.update(action="target", input_dict={"k": payload}, set_input_accepted=True)
    html = render(path, fields)
    assert "<script" not in html and "<img" not in html
    for tag, attributes in parse(html).tags:
        assert not any(k.startswith("on") for k in attributes), (tag, attributes)
    if cls.error_display:
        html = render(path, dict(fields, show_error=payload))
        assert "<script" not in html and "<img" not in html


@pytest.mark.parametrize("path", _classes())
def test_url_fields_refuse_javascript(path):
    cls = widget_class(f"inputtext.{path}")
    fields = {n: " JavaScript:alert(1)" for n, f in cls.field_table.items() if f.ftype == "url"}
    fields["input_dict"] = {"a": "b"}
    html, js = render_js(path, fields)
    assert "javascript" not in html.lower() and "javascript" not in repr(js).lower()


@pytest.mark.parametrize("path", _classes())
def test_show_false_renders_nothing(path):
    assert render(path, {"show": False, "input_dict": {"a": "b"}, "action": "target"}) == ""


@pytest.mark.parametrize("path", _classes())
def test_input_value_round_trips_through_form_name(path):
    fields = {"input_text": "v1", "input_text1": "v1", "input_dict": {"k": "v1"}, "action": "target"}
    html = render(path, fields)
    names = [a["name"] for t, a in parse(html).tags if t == "input" and a.get("value") == "v1"]
    assert names and all(n.startswith("wname:input_") for n in names)
