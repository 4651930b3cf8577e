"""textarea widgets: SubmitTextArea, TextArea1, TextArea2."""

from html.parser import HTMLParser

import pytest

from skipole.render.html import CSRF_MARK, IDENT_MARK
from skipole.widgets.base import RenderContext, render_standalone, widget_class, widgets_in_module

PAYLOAD = "<script>alert(1)</script>"
CLOSER = "</textarea><script>alert(1)</script>"


class _Ctx(RenderContext):
    """Resolves the label 'target' to /target as a project would."""

    def url(self, value):
        return {"target": "/target"}.get(value, super().url(value))


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
    want = {k.rstrip("_"): v for k, v in want.items()}
    return [a for t, a in parse(html).tags if t == tag and all(a.get(k) == v for k, v in want.items())]


def render(path, fields=None):
    return render_standalone(f"textarea.{path}", "wname", fields, ctx=_Ctx())


# ---- TextArea1 -------------------------------------------------------------------------------

def test_textarea1_defaults():
    html = render("TextArea1")
    assert parse(html).tags == [("textarea", {"id": "wname", "name": "wname:input_text", "rows": "4",
                                              "cols": "40"})]
    assert html.endswith("></textarea>")


def test_textarea1_fields():
    html = render("TextArea1", {"input_text": "line1\nline2", "rows": "", "cols": "9", "widget_class": "wc",
                                "widget_style": "ws"})
    (area,) = find(html, "textarea")
    assert area == {"id": "wname", "class": "wc", "style": "ws", "name": "wname:input_text", "cols": "9"}
    assert "line1\nline2</textarea>" in html


def test_textarea_content_cannot_close_the_tag():
    html = render("TextArea1", {"input_text": CLOSER})
    assert html.count("</textarea>") == 1 and "<script" not in html
    assert "&lt;/textarea&gt;" in html


# ---- TextArea2 -------------------------------------------------------------------------------

def test_textarea2_defaults():
    html = render("TextArea2")
    assert parse(html).tags[0] == ("div", {"id": "wname"})
    (area,) = find(html, "textarea")
    (lab,) = find(html, "label")
    assert lab["for"] == area["id"] and area["id"] != "wname"
    assert area["rows"] == "4" and area["cols"] == "40" and area["name"] == "wname:input_text"
    assert "Your input:" in html
    assert find(html, "div", style="display:none;")
    assert "*" not in html


def test_textarea2_fields_and_error():
    fields = {"label": "Notes", "label_class": "lc", "label_style": "ls", "error_class": "ec",
              "input_text": "hello", "textarea_class": "tc", "textarea_style": "ts", "redstar": True,
              "redstar_class": "rc", "redstar_style": "rs", "rows": "2", "cols": "3"}
    html = render("TextArea2", fields)
    (area,) = find(html, "textarea", class_="tc", style="ts", rows="2", cols="3")
    assert find(html, "label", class_="lc", style="ls", for_=area["id"])
    assert find(html, "span", class_="rc", style="rs")
    assert find(html, "div", class_="ec", style="display:none;")
    assert ">hello</textarea>" in html
    html = render("TextArea2", dict(fields, show_error="Too <long>"))
    assert parse(html).tags[0][1]["data-status"] == "error"
    assert find(html, "div", class_="ec") == [{"class": "ec"}]
    assert "Too &lt;long&gt;" in html
    assert not find(render("TextArea2", {"label": ""}), "label")


# ---- SubmitTextArea ----------------------------------------------------------------------------

def test_submittextarea_needs_action():
    html = render("SubmitTextArea")
    assert "Warning: No form action" in html and not find(html, "form")


def test_submittextarea_form():
    html = render("SubmitTextArea", {"action": "target", "hidden_field1": "a", "hidden_field4": "d",
                                     "button_class": "bc", "inputdiv_class": "idc", "inputdiv_style": "ids",
                                     "textarea_class": "tc", "input_text": "t"})
    (form,) = find(html, "form")
    assert form["method"] == "post" and form["action"] == "/target"
    (area,) = find(html, "textarea", name="wname:input_text", class_="tc")
    assert area["rows"] == "4"
    assert find(html, "input", type="submit", value="Submit", class_="bc")
    assert find(html, "div", class_="idc", style="ids")
    assert [a["name"] for a in find(html, "input", type="hidden")] == [
        "ident", "csrf_token", "wname:hidden_field1", "wname:hidden_field4"]
    assert find(html, "input", name="ident", value=IDENT_MARK)
    assert find(html, "input", name="csrf_token", value=CSRF_MARK)
    assert find(render("SubmitTextArea", {"action": "target", "button_text": ""}), "input", value="Submit")


def test_submittextarea_error_and_unsafe_action():
    html = render("SubmitTextArea", {"action": "target", "show_error": "bad"})
    assert parse(html).tags[0][1]["data-status"] == "error" and "bad" in html
    html = render("SubmitTextArea", {"action": "javascript:alert(1)"})
    assert "javascript" not in html and not find(html, "form")


# ---- every widget ----------------------------------------------------------------------------

def _classes():
    return [c.__name__ for c in widgets_in_module("textarea")]


def test_module_has_three_widgets():
    assert _classes() == ["SubmitTextArea", "TextArea1", "TextArea2"]


@pytest.mark.parametrize("path", _classes())
@pytest.mark.parametrize("payload", [PAYLOAD, CLOSER, '"><img src=x onerror=alert(1)>'])
def test_text_fields_are_escaped(path, payload):
    cls = widget_class(f"textarea.{path}")
    fields = {n: payload for n, f in cls.field_table.items() if f.ftype in ("text", "cssclass", "cssstyle")}
    fields["action"] = "target"
    html = render(path, fields)
    assert "<script" not in html and "<img" not in html
    for _tag, attributes in parse(html).tags:
        assert not any(k.startswith("on") for k in attributes)


@pytest.mark.parametrize("path", _classes())
def test_show_false_renders_nothing(path):
    assert render(path, {"show": False, "action": "target"}) == ""
