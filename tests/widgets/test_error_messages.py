"""error_messages: the widgets that show errors, hidden until there is one."""

import re
from html.parser import HTMLParser

import pytest

from skipole.render.html import CSRF_MARK, IDENT_MARK
from skipole.widgets.base import (
    RenderContext, WidgetInstance, WidgetView, render_standalone, widget_class, widgets_in_module,
)

PAYLOAD = "<script>alert(1)</script>"
MODULE = "error_messages"
NEEDS = {"ErrorClear1": {"link_ident": "target"}, "ErrorClear2": {"link_ident": "target"}}
CTX = RenderContext()


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.parts = tag, dict(attrs), parent, []

    @property
    def children(self):
        return [p for p in self.parts if isinstance(p, Node)]

    def text(self):
        return "".join(p if isinstance(p, str) else p.text() for p in self.parts)

    def iter(self):
        for c in self.children:
            yield c
            yield from c.iter()

    def find_all(self, tag=None, **want):
        return [n for n in self.iter() if (tag is None or n.tag == tag)
                and all(n.attrs.get(k.rstrip("_")) == v for k, v in want.items())]

    def find(self, tag=None, **want):
        found = self.find_all(tag, **want)
        assert found, f"no <{tag} {want}>"
        return found[0]


class Tree(HTMLParser):
    VOID = {"input", "br", "img", "hr", "meta", "link"}

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", {})
        self.feed(html)
        self.close()
        assert self.cur is self.root, "unclosed tags"

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.parts.append(node)
        if tag not in self.VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.parts.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        assert self.cur.tag == tag, f"</{tag}> closes <{self.cur.tag}>"
        self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.parts.append(data)


def top(html):
    """The single outer element of a widget's HTML."""
    kids = Tree(html).root.children
    assert len(kids) == 1, html
    return kids[0]





def render(cls_name, fields=None, containers=(), ctx=None, name="w"):
    return render_standalone(f"{MODULE}.{cls_name}", name, fields, containers=containers, ctx=ctx)


def render_js(cls_name, fields=None, ctx=None):
    """(html, js settings) of a render."""
    inst = WidgetInstance(widget_class(f"{MODULE}.{cls_name}"), "w", fields)
    view = WidgetView(inst, "w", inst.fields, ctx or RenderContext())
    return inst.impl.render(view), view.js_data


CLASSES = [c.__name__ for c in widgets_in_module(MODULE)]


@pytest.mark.parametrize("cls_name", CLASSES)
def test_text_fields_are_escaped(cls_name):
    cls = widget_class(f"{MODULE}.{cls_name}")
    for fname, field in cls.field_table.items():
        if field.ftype != "text" or field.shape not in ("arg", "list"):
            continue
        value = [PAYLOAD, "ok"] if field.shape == "list" else PAYLOAD
        fields = dict(NEEDS.get(cls_name, {}), **{fname: value})
        html = render(cls_name, fields, containers=["<i>c</i>"], ctx=CTX)
        assert "<script" not in html, (fname, html)
    if cls.error_display:
        html = render(cls_name, dict(NEEDS.get(cls_name, {}), show_error=PAYLOAD), containers=["c"], ctx=CTX)
        assert "<script" not in html
        assert "&lt;script&gt;" in html


@pytest.mark.parametrize("cls_name", CLASSES)
def test_url_fields_refuse_javascript(cls_name):
    cls = widget_class(f"{MODULE}.{cls_name}")
    urls = {n: "javascript:alert(1)" for n, f in cls.field_table.items() if f.ftype == "url"}
    html, js = render_js(cls_name, dict(NEEDS.get(cls_name, {}), **urls), ctx=CTX)
    assert "javascript:" not in html.lower() and "javascript:" not in str(js).lower()


@pytest.mark.parametrize("cls_name", CLASSES)
def test_no_inline_event_handlers_or_scripts(cls_name):
    html = render(cls_name, NEEDS.get(cls_name, {}), containers=["<i>c</i>"], ctx=CTX)
    assert not re.search(r"\son\w+\s*=", html)
    assert "<script" not in html


@pytest.mark.parametrize("cls_name", CLASSES)
def test_show_false_renders_nothing(cls_name):
    assert render(cls_name, dict(NEEDS.get(cls_name, {}), show=False), ctx=CTX) == ""


@pytest.mark.parametrize("cls_name", CLASSES)
def test_outer_tag_id_class_style(cls_name):
    html = render(cls_name, dict(NEEDS.get(cls_name, {}), widget_class="wc", widget_style="color:red"),
                  containers=["x"], ctx=CTX)
    outer = top(html)
    assert outer.attrs["id"] == "w" and outer.attrs["class"] == "wc"
    assert outer.attrs["style"].startswith("color:red")


def test_module_has_five_classes():
    assert CLASSES == ["ErrorClear1", "ErrorClear2", "ErrorCode", "ErrorDiv", "ErrorPara"]


def test_defaults():
    for name in ("ErrorClear1", "ErrorClear2", "ErrorDiv", "ErrorPara"):
        assert widget_class(f"error_messages.{name}").defaults["hide"] is True
    assert widget_class("error_messages.ErrorClear1").defaults["button_text"] == "Clear"
    assert widget_class("error_messages.ErrorCode").defaults["code"] == 0
    assert widget_class("error_messages.ErrorCode").defaults["pre_line"] is True


def test_errorclear1_hidden_by_default_with_broken_link_warning():
    node = top(render("ErrorClear1"))
    assert node.attrs["style"] == "display:none;"
    a = node.find("a")
    assert "href" not in a.attrs and "broken link" in a.text()


def test_errorclear1_link_with_get_fields():
    node = top(render("ErrorClear1", {"hide": False, "para_text": "P<", "link_ident": "target",
                                      "get_field1": "a", "get_field2": "b <", "get_field3": "",
                                      "boxdiv_class": "bx", "error_class": "ec", "buttondiv_class": "bdc",
                                      "buttondiv_style": "bds", "button_class": "bc", "pre_line": False}))
    assert "style" not in node.attrs
    box = node.children[0]
    textdiv, buttondiv = box.children
    assert box.attrs["class"] == "bx" and textdiv.attrs["class"] == "ec"
    assert textdiv.find("p").text() == "P<" and "style" not in textdiv.find("p").attrs
    assert buttondiv.attrs == {"class": "bdc", "style": "bds"}
    a = buttondiv.find("a")
    assert a.attrs["role"] == "button" and a.attrs["class"] == "bc" and a.text() == "Clear"
    assert a.attrs["href"] == (f"target?ident={IDENT_MARK}&w:get_field1=a&w:get_field2=b%20%3C"
                               f"&csrf_token={CSRF_MARK}")


def test_errorclear1_error_shows_box():
    node = top(render("ErrorClear1", {"para_text": "P", "link_ident": "t", "show_error": "E<"}))
    assert node.attrs["data-status"] == "error" and "style" not in node.attrs
    p = node.find("p")
    assert p.text() == "E<" and p.attrs["style"] == "white-space: pre-line;"


def test_errorclear2_message_under_close_button():
    html, js = render_js("ErrorClear2", {"link_ident": "t", "get_field3": "z", "error_class": "ec",
                                         "show_error": "E<"})
    node = top(html)
    buttondiv, textdiv = node.children[0].children
    a = buttondiv.find("a")
    assert a.text() == "\u00d7" and a.attrs["href"].startswith(f"t?ident={IDENT_MARK}&w:get_field3=z")
    p = textdiv.find("p")
    assert textdiv.attrs["class"] == "ec" and p.text() == "E<"
    assert js == {"para_id": p.attrs["id"]}
    assert "display:none" in top(render("ErrorClear2", {"link_ident": "t"})).attrs["style"]


def test_errorclear2_without_link_warns():
    node = top(render("ErrorClear2", {"show_error": "E"}))
    assert "broken link" in node.find("p").text() and "href" not in node.find("a").attrs


def test_errorcode_shows_code_and_message():
    node = top(render("ErrorCode", {"code": 404, "para_text": "P<", "para_class": "pc", "code_class": "cc",
                                    "pre_line": False}))
    code, para = node.children
    assert code.attrs["class"] == "cc" and code.text() == "Error code : 404"
    assert para.attrs == {"class": "pc"} and para.text() == "P<"
    assert top(render("ErrorCode")).children[0].text() == "Error code : 0"


def test_errorcode_error_class_falls_back_to_para_class():
    para = top(render("ErrorCode", {"para_class": "pc", "error_class": "ec", "show_error": "E"})).children[1]
    assert para.attrs["class"] == "ec" and para.text() == "E"
    para = top(render("ErrorCode", {"para_class": "pc", "show_error": "E"})).children[1]
    assert para.attrs["class"] == "pc"
    assert widget_class("error_messages.ErrorCode").js_fields == ("para_class", "error_class")


def test_errordiv_container_and_error():
    node = top(render("ErrorDiv", {"container_class": "cc", "error_class": "ec"}, containers=["<p>inside</p>"]))
    err, inner = node.children
    assert node.attrs["style"] == "display:none;"
    assert err.attrs == {"class": "ec", "style": "display:none;"}
    assert inner.attrs["class"] == "cc" and inner.find("p").text() == "inside"
    node = top(render("ErrorDiv", {"show_error": "E<"}, containers=["<p>inside</p>"]))
    assert "style" not in node.attrs and node.attrs["data-status"] == "error"
    assert node.children[0].text() == "E<" and "style" not in node.children[0].attrs
    node = top(render("ErrorDiv", {"hide": False}, containers=["x"]))
    assert "style" not in node.attrs


def test_errorpara_hidden_until_error():
    assert render("ErrorPara") == '<p id="w" style="display:none;"></p>'
    assert render("ErrorPara", {"hide": False}) == '<p id="w"></p>'
    node = top(render("ErrorPara", {"show_error": "line1\nline <2>"}))
    assert node.text() == "line1line <2>" and len(node.find_all("br")) == 1
    assert node.attrs["data-status"] == "error" and "style" not in node.attrs
    assert "data-status" not in top(render("ErrorPara", {"show_error": "E", "clear_error": True})).attrs
