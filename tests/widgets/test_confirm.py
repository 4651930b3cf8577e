"""confirm: alert and confirm boxes whose buttons are links carrying get fields."""

import re
from html.parser import HTMLParser

import pytest

from skipole.render.html import CSRF_MARK, IDENT_MARK
from skipole.widgets.base import (
    RenderContext, WidgetInstance, WidgetView, render_standalone, widget_class, widgets_in_module,
)

PAYLOAD = "<script>alert(1)</script>"
MODULE = "confirm"
NEEDS = {"AlertClear1": {"link_ident": "target", "hide": False},
         "AlertClear2": {"link_ident": "target", "json_ident": "jsonpage", "hide": False},
         "ConfirmBox1": {"link_ident1": "t1", "link_ident2": "t2"},
         "ConfirmBox2": {"link_ident1": "t1", "link_ident2": "t2"}}
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


def test_module_has_four_classes():
    assert CLASSES == ["AlertClear1", "AlertClear2", "ConfirmBox1", "ConfirmBox2"]


def test_defaults():
    for name in ("AlertClear1", "AlertClear2"):
        d = widget_class(f"confirm.{name}").defaults
        assert d["hide"] is True and d["pre_line"] is True
    for name in ("ConfirmBox1", "ConfirmBox2"):
        d = widget_class(f"confirm.{name}").defaults
        assert d["hide"] is False
        assert (d["button_text1"], d["button_text2"]) == ("Cancel", "Confirm")


@pytest.mark.parametrize("cls_name", ["AlertClear1", "AlertClear2"])
def test_alert_hidden_by_default_and_warns_without_link(cls_name):
    node = top(render(cls_name))
    assert node.attrs["style"] == "display:none;"
    assert "href" not in node.find("a").attrs
    assert "broken link" in node.find("p").text()


@pytest.mark.parametrize("cls_name", ["AlertClear1", "AlertClear2"])
def test_alert_structure_and_link(cls_name):
    fields = {"hide": False, "para_text": "P<\nq", "boxdiv_class": "bx", "boxdiv_style": "bs",
              "inner_class": "ic", "inner_style": "is", "error_class": "ec", "buttondiv_class": "bdc",
              "buttondiv_style": "bds", "button_class": "bc", "link_ident": "target", "get_field1": "a",
              "get_field2": "", "get_field3": "c&d", "json_ident": "jsonpage"}
    html, js = render_js(cls_name, fields)
    node = top(html)
    assert "style" not in node.attrs
    box = node.children[0]
    assert box.attrs == {"class": "bx", "style": "bs"}
    buttondiv, inner = box.children
    assert buttondiv.attrs == {"class": "bdc", "style": "bds"}
    a = buttondiv.find("a")
    assert a.attrs["class"] == "bc" and a.attrs["role"] == "button" and a.text() == "\u00d7"
    assert a.attrs["href"] == f"target?ident={IDENT_MARK}&w:get_field1=a&w:get_field3=c%26d&csrf_token={CSRF_MARK}"
    assert inner.attrs["class"] == "ic" and inner.attrs["style"] == "is"
    p = inner.find("p")
    assert p.text() == "P<\nq" and p.attrs["style"] == "white-space: pre-line;"
    assert js["inner_id"] == inner.attrs["id"]
    if cls_name == "AlertClear2":
        assert js["url"] == "jsonpage"
    else:
        assert "url" not in js


@pytest.mark.parametrize("cls_name", ["AlertClear1", "AlertClear2"])
def test_alert_error_shown_with_error_class(cls_name):
    node = top(render(cls_name, {"para_text": "P", "inner_class": "ic", "error_class": "ec",
                                 "link_ident": "t", "show_error": "E<"}))
    assert node.attrs["data-status"] == "error" and "style" not in node.attrs
    inner = node.children[0].children[1]
    assert inner.attrs["class"] == "ec" and inner.find("p").text() == "E<"
    inner = top(render(cls_name, {"inner_class": "ic", "link_ident": "t", "show_error": "E"})).children[0].children[1]
    assert inner.attrs["class"] == "ic"


@pytest.mark.parametrize("cls_name", ["ConfirmBox1", "ConfirmBox2"])
def test_confirm_structure_and_links(cls_name):
    fields = {"para_text": "Sure <really>?\nyes", "boxdiv_class": "bx", "boxdiv_style": "bs",
              "paradiv_class": "pdc", "para_class": "pc", "buttondiv_class": "bdc", "buttondiv_style": "bds",
              "button1_class": "b1", "button1_style": "s1", "link_ident1": "t1", "get_field1_1": "a",
              "get_field1_2": "b<", "button_text1": "No<", "button2_class": "b2", "button2_style": "s2",
              "link_ident2": "t2", "get_field2_3": "z", "button_text2": "Yes"}
    node = top(render(cls_name, fields))
    box = node.children[0]
    assert box.attrs == {"class": "bx", "style": "bs"}
    paradiv, buttondiv = box.children
    assert paradiv.attrs["class"] == "pdc"
    p = paradiv.find("p")
    assert p.attrs["class"] == "pc" and p.text() == "Sure <really>?yes" and p.find("br")
    assert buttondiv.attrs == {"class": "bdc", "style": "bds"}
    a1, a2 = buttondiv.find_all("a")
    assert a1.attrs["class"] == "b1" and a1.attrs["style"] == "s1" and a1.text() == "No<"
    assert a1.attrs["href"] == f"t1?ident={IDENT_MARK}&w:get_field1_1=a&w:get_field1_2=b%3C&csrf_token={CSRF_MARK}"
    assert a2.attrs["class"] == "b2" and a2.text() == "Yes"
    assert a2.attrs["href"] == f"t2?ident={IDENT_MARK}&w:get_field2_3=z&csrf_token={CSRF_MARK}"
    assert "display:none" in top(render(cls_name, {"hide": True})).attrs["style"]


def test_confirmbox1_falls_back_to_no_javascript_page_and_records_json_urls():
    html, js = render_js("ConfirmBox1", {"json_ident2": "jsonpage"})
    a1, a2 = top(html).find_all("a")
    assert a1.text() == "Cancel" and a2.text() == "Confirm"
    assert a1.attrs["href"].startswith("no_javascript?ident=")
    assert a2.attrs["href"].startswith("no_javascript?ident=")
    assert js == {"url2": "jsonpage"}


def test_confirmbox2_warns_without_link():
    a1, a2 = top(render("ConfirmBox2", {"link_ident1": "t1"})).find_all("a")
    assert a1.text() == "Cancel" and a1.attrs["href"].startswith("t1?")
    assert "href" not in a2.attrs and "broken link" in a2.text()


def test_set_names_change_get_field_names():
    html = render_standalone("confirm.ConfirmBox2", "w", {"link_ident1": "t", "get_field1_1": "v"},
                             set_names={"get_field1_1": "other"})
    assert "w:other=v" in html
