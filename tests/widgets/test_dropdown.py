"""dropdown: selects inside forms, a complete select form, and a closable hidden box."""

import re
from html.parser import HTMLParser

import pytest

from skipole.render.html import CSRF_MARK, IDENT_MARK
from skipole.widgets.base import (
    RenderContext, WidgetInstance, WidgetView, render_standalone, widget_class, widgets_in_module,
)

PAYLOAD = "<script>alert(1)</script>"
MODULE = "dropdown"
NEEDS = {"SubmitDropDown1": {"action": "target"}}
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


def test_module_has_three_classes():
    assert CLASSES == ["DropDown1", "HiddenContainer", "SubmitDropDown1"]


def test_defaults():
    assert widget_class("dropdown.DropDown1").defaults["left_label"] == "Choose:"
    assert widget_class("dropdown.DropDown1").defaults["option_list"] == []
    d = widget_class("dropdown.SubmitDropDown1").defaults
    assert (d["label"], d["button_text"], d["hide"], d["disabled"]) == ("Choose:", "Submit", False, False)
    assert widget_class("dropdown.HiddenContainer").defaults["hide"] is True


def test_dropdown1_select_options_and_labels():
    node = top(render("DropDown1", {"option_list": ["a", "b <", ""], "selectvalue": "b <", "left_class": "lc",
                                    "left_style": "ls", "right_label": "R<", "right_class": "rc",
                                    "select_class": "sc", "select_style": "ss", "div_class": "dc",
                                    "error_class": "ec"}))
    err, div = node.children
    assert err.attrs == {"class": "ec", "style": "display:none;"}
    assert div.attrs["class"] == "dc"
    left, select, right = div.children
    assert select.tag == "select" and select.attrs["name"] == "w:selectvalue"
    assert select.attrs["class"] == "sc" and select.attrs["style"] == "ss"
    assert left.attrs["for"] == select.attrs["id"] == right.attrs["for"]
    assert left.text() == "Choose:" and left.attrs["class"] == "lc" and right.text() == "R<"
    options = select.find_all("option")
    assert [o.attrs["value"] for o in options] == ["a", "b <", ""]
    assert [o.text() for o in options] == ["a", "b <", ""]
    assert ["selected" in o.attrs for o in options] == [False, True, False]


def test_dropdown1_without_labels_and_error():
    node = top(render("DropDown1", {"left_label": "", "option_list": ["a"], "show_error": "E<"}))
    assert node.attrs["data-status"] == "error"
    err, div = node.children
    assert err.find("p").text() == "E<" and "style" not in err.attrs
    assert [c.tag for c in div.children] == ["select"]


def test_hiddencontainer_box_and_close_link():
    node = top(render("HiddenContainer", {"hide": False, "boxdiv_class": "bx", "boxdiv_style": "bs",
                                          "inner_class": "ic", "inner_style": "is", "buttondiv_class": "bdc",
                                          "buttondiv_style": "bds", "button_class": "bc", "link_ident": "target",
                                          "get_field1": "a", "get_field2": "b<"}, containers=["<p>inside</p>"]))
    assert "style" not in node.attrs
    box = node.children[0]
    assert box.attrs == {"class": "bx", "style": "bs"}
    buttondiv, inner = box.children
    a = buttondiv.find("a")
    assert a.attrs["class"] == "bc" and a.text() == "\u00d7"
    assert a.attrs["href"] == f"target?ident={IDENT_MARK}&w:get_field1=a&w:get_field2=b%3C&csrf_token={CSRF_MARK}"
    assert inner.attrs == {"class": "ic", "style": "is"} and inner.find("p").text() == "inside"


def test_hiddencontainer_hidden_by_default_links_to_no_javascript():
    node = top(render("HiddenContainer", containers=["<p>x</p>"]))
    assert node.attrs["style"] == "display:none;"
    assert node.find("a").attrs["href"].startswith("no_javascript?ident=")


def test_submitdropdown1_needs_action():
    node = top(render("SubmitDropDown1"))
    assert node.tag == "span" and node.attrs["data-status"] == "error" and "id" not in node.attrs


def test_submitdropdown1_form():
    html, js = render_js("SubmitDropDown1", {
        "action": "target", "action_json": "jsonpage", "label": "L<", "label_class": "lc", "label_style": "ls",
        "hidden_field1": "h1", "hidden_field2": "", "hidden_field3": "h3<", "button_text": "Go",
        "button_class": "bc", "inputdiv_class": "idc", "select_class": "sc", "selectvalue": "b",
        "option_list": ["a", "b"]})
    node = top(html)
    assert "style" not in node.attrs
    err, form = node.children
    assert err.attrs["style"] == "display:none;"
    assert form.attrs["method"] == "post" and form.attrs["action"] == "target"
    inputdiv = form.children[0]
    assert inputdiv.attrs["class"] == "idc"
    label, select, button = inputdiv.children
    assert label.attrs["for"] == select.attrs["id"] and label.text() == "L<"
    assert select.attrs["name"] == "w:selectvalue"
    assert button.attrs["type"] == "submit" and button.text() == "Go" and button.attrs["class"] == "bc"
    hidden = {i.attrs["name"]: i.attrs["value"] for i in form.find_all("input")}
    assert hidden == {"ident": IDENT_MARK, "csrf_token": CSRF_MARK, "w:hidden_field1": "h1",
                      "w:hidden_field3": "h3<"}
    assert all(i.attrs["type"] == "hidden" for i in form.find_all("input"))
    assert js == {"url": "jsonpage"}


def test_submitdropdown1_hide_disabled_and_error():
    node = top(render("SubmitDropDown1", {"action": "t", "hide": True, "disabled": True}))
    assert "display:none" in node.attrs["style"]
    assert "disabled" in node.find("select").attrs and "disabled" in node.find("button").attrs
    node = top(render("SubmitDropDown1", {"action": "t", "hide": True, "error_class": "ec", "show_error": "E<"}))
    assert "style" not in node.attrs and node.attrs["data-status"] == "error"
    assert node.children[0].attrs == {"class": "ec"} and node.children[0].text() == "E<"
