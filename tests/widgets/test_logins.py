"""logins widgets: NamePasswd1 (username and password form) and Pin4 (four PIN characters)."""

from html.parser import HTMLParser

import pytest

from skipole.render.html import CSRF_MARK, IDENT_MARK
from skipole.widgets.base import RenderContext, WidgetInstance, WidgetView, render_standalone, widget_class

PAYLOAD = "<script>alert(1)</script>"


class _Ctx(RenderContext):
    def url(self, value):
        return {"target": "/target", "json": "/json"}.get(value, super().url(value))


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


def render(path, fields=None, containers=()):
    return render_standalone(f"logins.{path}", "wname", fields, containers=containers, ctx=_Ctx())


def render_js(path, fields=None, containers=()):
    cls = widget_class(f"logins.{path}")
    inst = WidgetInstance(cls, "wname", fields)
    view = WidgetView(inst, inst.name, inst.fields, _Ctx(), containers=containers)
    return inst.impl.render(view), view.js_data


# ---- NamePasswd1 -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["NamePasswd1", "Pin4"])
def test_without_action_a_warning_not_a_form(name):
    html = render(name, containers=["X"])
    assert "<form" not in html and "No form action" in html and 'data-status="error"' in html


@pytest.mark.parametrize("name", ["NamePasswd1", "Pin4"])
def test_javascript_action_refused(name):
    html = render(name, {"action": "javascript:alert(1)"}, containers=["X"])
    assert "javascript" not in html and "<form" not in html


def test_namepasswd1_defaults():
    html, js = render_js("NamePasswd1", {"action": "target"})
    assert parse(html)[0] == ("div", {"id": "wname"})
    (form,) = find(html, "form")
    assert form == {"role": "form", "method": "post", "action": "/target"}
    (user,) = find(html, "input", type="text")
    (pw,) = find(html, "input", type="password")
    assert user["name"] == "wname:input_text1" and user["autocomplete"] == "username"
    assert pw["name"] == "wname:input_text2" and pw["autocomplete"] == "current-password"
    assert "required" in user and "required" in pw
    assert "disabled" not in user and "disabled" not in pw
    assert find(html, "label", **{"for": user["id"]}) and find(html, "label", **{"for": pw["id"]})
    assert ">Username:</label>" in html and ">Password:</label>" in html
    (button,) = find(html, "input", type="submit")
    assert button["value"] == "Submit"
    hidden = [(h["name"], h["value"]) for h in find(html, "input", type="hidden")]
    assert hidden == [("ident", IDENT_MARK), ("csrf_token", CSRF_MARK)]
    assert js == {}
    assert find(html, "div", style="display:none;")      # error paragraph hidden


def test_namepasswd1_all_fields():
    html, js = render_js("NamePasswd1", {
        "action": "target", "action_json": "json", "inputdiv_class": "idc",
        "hidden_field1": "h1", "hidden_field4": "h4", "div1_class": "d1c", "label1": "L1",
        "label_class1": "lc1", "label_style1": "ls1", "input_text1": "it1", "size1": "11",
        "maxlength1": "12", "disabled1": True, "required1": False, "pattern1": "p1", "title1": "t1",
        "set_input_accepted1": True, "div2_class": "d2c", "label2": "L2", "label_class2": "lc2",
        "input_text2": "it2", "size2": "21", "maxlength2": "22", "pattern2": "p2", "title2": "t2",
        "set_input_errored2": True, "input_class1": "ic1", "input_class2": "ic2",
        "input_accepted_class": "iac", "input_errored_class": "iec", "div3_class": "d3c",
        "button_text": "BT", "button_class": "bc", "button_style": "bs"})
    (user,) = find(html, "input", type="text")
    assert user == {"type": "text", "name": "wname:input_text1", "value": "it1", "size": "11",
                    "maxlength": "12", "disabled": None, "pattern": "p1", "title": "t1",
                    "class": "ic1 iac", "id": user["id"], "autocomplete": "username"}
    (pw,) = find(html, "input", type="password")
    assert pw["class"] == "ic2 iec" and pw["value"] == "it2" and "required" in pw
    assert pw["size"] == "21" and pw["maxlength"] == "22" and pw["pattern"] == "p2"
    assert find(html, "label", class_="lc1", style="ls1", **{"for": user["id"]})
    assert find(html, "label", class_="lc2", **{"for": pw["id"]})
    for cls in ("idc", "d1c", "d2c", "d3c"):
        assert find(html, "div", class_=cls)
    assert find(html, "input", type="submit", value="BT", class_="bc", style="bs")
    hidden = {h["name"]: h["value"] for h in find(html, "input", type="hidden")}
    assert hidden == {"ident": IDENT_MARK, "csrf_token": CSRF_MARK, "wname:hidden_field1": "h1",
                      "wname:hidden_field4": "h4"}
    # the JSON submission carries credentials: it must post, never put them in a URL
    assert js == {"url": "/json", "method": "post", "input_accepted_class": "iac",
                  "input_errored_class": "iec"}
    assert find(html, "form")[0]["method"] == "post"


def test_namepasswd1_error_and_escapes():
    html = render("NamePasswd1", {"action": "target", "show_error": PAYLOAD, "error_class": "ec",
                                  "label1": PAYLOAD, "label2": PAYLOAD, "input_text1": PAYLOAD,
                                  "input_text2": PAYLOAD, "title1": PAYLOAD, "pattern1": PAYLOAD,
                                  "button_text": PAYLOAD, "hidden_field1": PAYLOAD})
    assert 'data-status="error"' in html
    assert find(html, "div", class_="ec") == [{"class": "ec"}]
    assert "<script" not in html
    cleared = render("NamePasswd1", {"action": "target", "show_error": "x", "clear_error": True})
    assert "data-status" not in cleared


def test_namepasswd1_labels_optional_and_no_handlers():
    html = render("NamePasswd1", {"action": "target", "label1": "", "label2": "", "required1": False})
    assert not find(html, "label")
    assert "required" not in find(html, "input", type="text")[0]
    assert not [k for _, a in parse(html) for k in a if k.startswith("on")]
    assert render("NamePasswd1", {"action": "target", "show": False}) == ""


# ---- Pin4 --------------------------------------------------------------------------------

def pins(html):
    found = find(html, "input", type="password")
    assert [p["name"] for p in found] == [f"wname:pin{n}" for n in (1, 2, 3, 4)]
    return found


def test_pin4_defaults():
    html = render("Pin4", {"action": "target"}, containers=["<p>Enter</p>"])
    assert parse(html)[0] == ("div", {"id": "wname"})
    boxes = pins(html)
    assert all(b["maxlength"] == "1" and "required" in b and "disabled" not in b for b in boxes)
    assert all(b["autocomplete"] == "off" for b in boxes)
    assert "autofocus" in boxes[0] and not any("autofocus" in b for b in boxes[1:])
    (form,) = find(html, "form")
    assert form["method"] == "post" and form["action"] == "/target"
    assert find(html, "input", type="submit", value="Submit")
    assert "<div><p>Enter</p></div>" in html
    assert html.index("Enter") < html.index("<form")     # the container is above the boxes
    assert not find(html, "label")


def test_pin4_requested_characters():
    html = render("Pin4", {"action": "target", "pin1": False, "pin3": False}, containers=[""])
    boxes = pins(html)
    assert ["disabled" in b for b in boxes] == [True, False, True, False]
    assert boxes[0]["value"] == "X" and "value" not in boxes[1]
    assert "autofocus" in boxes[1] and "autofocus" not in boxes[3]
    html = render("Pin4", {"action": "target", "autofocus": False}, containers=[""])
    assert "autofocus" not in html


def test_pin4_all_fields():
    html = render("Pin4", {
        "action": "target", "hidden_field2": "h2", "button_text": "BT", "inner_div_class": "idc",
        "char_div_class": "cdc", "char_div_style": "cds", "butt_div_class": "bdc",
        "button_class": "bc", "left_label": "LL", "left_class": "lc", "left_style": "ls",
        "right_label": "RL", "right_class": "rc", "right_style": "rs", "widget_class": "wc"},
        containers=[""])
    (button,) = find(html, "input", type="submit")
    assert button["class"] == "bc" and button["value"] == "BT"
    assert find(html, "label", class_="lc", style="ls", **{"for": button["id"]})
    assert find(html, "label", class_="rc", style="rs", **{"for": button["id"]})
    assert find(html, "div", class_="idc") and find(html, "div", class_="cdc", style="cds")
    assert find(html, "div", class_="bdc")
    hidden = {h["name"]: h["value"] for h in find(html, "input", type="hidden")}
    assert hidden == {"ident": IDENT_MARK, "csrf_token": CSRF_MARK, "wname:hidden_field2": "h2"}


def test_pin4_hide_error_and_escapes():
    html = render("Pin4", {"action": "target", "hide": True, "show_error": PAYLOAD, "error_class": "ec",
                           "left_label": PAYLOAD, "right_label": PAYLOAD, "button_text": PAYLOAD,
                           "hidden_field1": PAYLOAD}, containers=[""])
    outer = parse(html)[0][1]
    assert outer["style"] == "display:none;" and outer["data-status"] == "error"
    assert find(html, "div", class_="ec") == [{"class": "ec"}]
    assert "<script" not in html
