"""debug_tools: call data, environ and responders, shown only to a debugging developer."""

import re
from html.parser import HTMLParser

import pytest

from skipole.widgets.base import (
    RenderContext, WidgetInstance, WidgetView, render_standalone, widget_class, widgets_in_module,
)

PAYLOAD = "<script>alert(1)</script>"
MODULE = "debug_tools"
NEEDS = {}


class _Call:
    def __init__(self):
        self.call_data = {"k<1>": "v<2>", ("w", "f"): 3, "password": "pw1", ("login", "PassWord"): "pw2",
                          "api_token": "tok1"}
        self.environ = {"HTTP_HOST": "localhost", "REMOTE_ADDR": "127.0.0.1", "HTTP_COOKIE": "sess=c00kie",
                        "HTTP_AUTHORIZATION": "Basic c2VjcmV0", "HTTP_X_API_TOKEN": "tok2",
                        "APP_SECRET_KEY": "sk", "DB_PASSWORD": "dbpw", "PATH_INFO": "/<p>"}
        self.ident_list = [("proj", 5), "proj,6"]


class DebugContext(RenderContext):
    proj_ident = "proj"
    page_num = 1

    def __init__(self, debug=True):
        self.debug = debug
        self.call = _Call()

    def page_info(self, value):
        return {("proj", 5): ("proj,5", "CaseSwitch", "first <responder>"),
                1: ("proj,1", "index", "the page")}.get(value)


CTX = DebugContext()
SECRETS = ("pw1", "pw2", "tok1", "tok2", "c00kie", "c2VjcmV0", "sk", "dbpw")


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


def test_module_has_three_dynamic_classes():
    assert CLASSES == ["ShowCallData", "ShowEnviron", "ShowResponders"]
    for name in CLASSES:
        cls = widget_class(f"debug_tools.{name}")
        assert cls.dynamic is True and cls.error_display is True
        assert cls.defaults["show"] is True and cls.defaults["toptext"] == "DEBUG MODE IS ON"


@pytest.mark.parametrize("cls_name", CLASSES)
def test_debug_off_renders_nothing(cls_name):
    # as skipole 5.x: without debug (for a loopback client) the widget is left out entirely
    for ctx in (DebugContext(debug=False), RenderContext()):
        html = render(cls_name, {"widget_class": "wc"}, ctx=ctx)
        assert html == ""
    html = render(cls_name, ctx=DebugContext(debug=False))
    for leak in ("localhost", "v&lt;2&gt;", "proj,5", "DEBUG"):
        assert leak not in html


@pytest.mark.parametrize("cls_name", CLASSES)
def test_debug_never_shows_secrets(cls_name):
    html = render(cls_name, ctx=CTX)
    for secret in SECRETS:
        assert secret not in html
    assert "HTTP_COOKIE" not in html and "HTTP_AUTHORIZATION" not in html


@pytest.mark.parametrize("cls_name", CLASSES)
def test_debug_error_box_and_toptext(cls_name):
    node = top(render(cls_name, {"toptext": "T<", "para_class": "pc", "error_class": "ec"}, ctx=CTX))
    err = node.children[0]
    assert err.attrs == {"class": "ec", "style": "display:none;"}
    assert node.find("p", **{"class": "pc"}).text() == "T<"
    node = top(render(cls_name, {"error_class": "ec", "show_error": "E<"}, ctx=CTX))
    assert node.attrs["data-status"] == "error"
    assert node.children[0].attrs == {"class": "ec"} and node.children[0].text() == "E<"


def test_showcalldata_shows_call_data():
    node = top(render("ShowCallData", ctx=CTX))
    pre = node.find("pre")
    assert "'k<1>': 'v<2>'" in pre.text() and "('w', 'f'): 3" in pre.text()


def test_showenviron_shows_environ():
    pre = top(render("ShowEnviron", ctx=CTX)).find("pre")
    assert "'HTTP_HOST': 'localhost'" in pre.text() and "'PATH_INFO': '/<p>'" in pre.text()
    assert "'REMOTE_ADDR': '127.0.0.1'" in pre.text()


def test_showresponders_table():
    node = top(render("ShowResponders", {"paradiv_class": "pdc", "table_class": "tc"}, ctx=CTX))
    assert node.children[1].attrs["class"] == "pdc"
    table = node.find("table")
    assert table.attrs["class"] == "tc"
    rows = [[td.text() for td in tr.find_all("td")] for tr in table.find_all("tr")]
    assert rows == [["proj,5", "CaseSwitch", "first <responder>"], ["proj,6", "", ""],
                    ["proj,1", "This page", "the page"]]
