"""paras: paragraphs, text tags, raw-HTML blocks, TextBlocks and JSON show/hide buttons."""

import re
from html.parser import HTMLParser

import pytest

from skipole.render.html import CSRF_MARK, IDENT_MARK
from skipole.widgets.base import RenderContext, WidgetInstance, WidgetView, render_standalone, widgets_in_module

PAYLOAD = "<script>alert(1)</script>"
# fields whose content is raw HTML by design (documented as trusted-only)
RAW_FIELDS = {"set_html", "content", "content_refnotfound", "content_replaceblock"}
# what each class needs to render its full body
NEEDS = {
    "JSONDivLink": {"json_ident": "jsonpage", "link_ident": "target", "hide": False},
    "JSONTextLink": {"json_ident": "jsonpage", "link_ident": "target", "hide": False},
}


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


class TBContext(RenderContext):
    """A context knowing a few TextBlocks, recording the project asked for."""

    blocks = {"x.y": "Hello <b>bold</b>\nline $$ and $$ end", "a.b": "plain"}

    def __init__(self):
        self.asked = []

    def textblock(self, ref, project=None):
        self.asked.append((ref, project))
        return self.blocks.get(ref)


def render(cls_name, fields=None, containers=(), ctx=None, name="w"):
    return render_standalone(f"paras.{cls_name}", name, fields, containers=containers, ctx=ctx)


def render_js(cls_name, fields=None, ctx=None):
    """(html, js settings) of a render."""
    from skipole.widgets.base import widget_class
    inst = WidgetInstance(widget_class(f"paras.{cls_name}"), "w", fields)
    view = WidgetView(inst, "w", inst.fields, ctx or RenderContext())
    return inst.impl.render(view), view.js_data


CLASSES = [c.__name__ for c in widgets_in_module("paras")]


def test_module_has_fifteen_classes():
    assert len(CLASSES) == 15
    assert CLASSES[0] == "ParaText"


# ---- generic safety checks ---------------------------------------------------------------------

@pytest.mark.parametrize("cls_name", CLASSES)
def test_text_fields_are_escaped(cls_name):
    cls = {c.__name__: c for c in widgets_in_module("paras")}[cls_name]
    for fname, field in cls.field_table.items():
        if field.ftype != "text" or field.shape != "arg" or fname in RAW_FIELDS:
            continue
        fields = dict(NEEDS.get(cls_name, {}), **{fname: PAYLOAD})
        html = render(cls_name, fields, containers=["<i>c</i>"])
        assert "<script" not in html, (fname, html)
    if cls.error_display:
        html = render(cls_name, dict(NEEDS.get(cls_name, {}), show_error=PAYLOAD))
        assert "<script" not in html


@pytest.mark.parametrize("cls_name", CLASSES)
def test_no_inline_event_handlers_or_scripts(cls_name):
    html = render(cls_name, dict(NEEDS.get(cls_name, {}), drag="d", drop="p", dropident="t"),
                  containers=["<i>c</i>"])
    assert not re.search(r"\son\w+\s*=", html)
    assert "<script" not in html


@pytest.mark.parametrize("cls_name", CLASSES)
def test_show_false_renders_nothing(cls_name):
    assert render(cls_name, dict(NEEDS.get(cls_name, {}), show=False)) == ""


@pytest.mark.parametrize("cls_name", CLASSES)
def test_widget_class_and_style_on_outer_tag(cls_name):
    html = render(cls_name, dict(NEEDS.get(cls_name, {}), widget_class="wc", widget_style="color:red"),
                  containers=["x"])
    outer = top(html)
    assert outer.attrs["id"] == "w"
    assert outer.attrs["class"] == "wc"
    assert outer.attrs["style"].startswith("color:red")


# ---- plain text ---------------------------------------------------------------------------------

@pytest.mark.parametrize("cls_name,field,tag", [
    ("ParaText", "para_text", "p"), ("SpanText", "span_text", "span"), ("PreText", "pre_text", "pre"),
])
def test_simple_text_tags(cls_name, field, tag):
    assert render(cls_name) == f'<{tag} id="w"></{tag}>'
    node = top(render(cls_name, {field: "a <b> & c"}))
    assert node.tag == tag and node.text() == "a <b> & c"


def test_pretext_keeps_line_breaks_and_marks_error_without_text():
    html = render("PreText", {"pre_text": "a\n  b", "show_error": "bad"})
    node = top(html)
    assert node.text() == "a\n  b"
    assert node.attrs["data-status"] == "error"
    assert "bad" not in html


def test_divpara_error_replaces_text():
    node = top(render("DivPara", {"para_text": "t", "error_class": "ec", "show_error": "E"}))
    p = node.find("p")
    assert p.text() == "E" and p.attrs["class"] == "ec"


# ---- raw HTML blocks ------------------------------------------------------------------------------

def test_divhtml_raw_html_hide_and_defaults():
    assert render("DivHTML") == '<div id="w"></div>'
    node = top(render("DivHTML", {"set_html": "<b>bold</b>", "hide": True}))
    assert node.find("b").text() == "bold"
    assert "display:none" in node.attrs["style"]


def test_divhtml_drag_and_drop_use_data_attributes_and_js_url():
    html, js = render_js("DivHTML", {"drag": "d1", "drop": "p1", "dropident": "droppage"})
    node = top(html)
    assert node.attrs["draggable"] == "true"
    assert node.attrs["data-drag"] == "d1" and node.attrs["data-drop"] == "p1"
    assert js == {"dropurl": "droppage"}
    html, js = render_js("DivHTML", {"drop": "p1", "dropident": "javascript:alert(1)"})
    assert "draggable" not in top(html).attrs
    assert "javascript" not in str(js)


def test_divstylediv_inner_tag_and_style():
    assert render("DivStyleDiv") == '<div id="w"><div></div></div>'
    node = top(render("DivStyleDiv", {"inner_tag": "span", "style": "color:red", "set_html": "<i>x</i>"}))
    span = node.find("span")
    assert span.attrs["style"] == "color:red" and span.find("i").text() == "x"


@pytest.mark.parametrize("bad", ["", "script", "br", "div onclick=x", "<x>", "style"])
def test_unusable_tag_names_fall_back_to_div(bad):
    for cls_name, field in (("DivStyleDiv", "inner_tag"), ("TagText", "tag"), ("TagUnEscaped", "tag"),
                            ("TagBlock", "tag")):
        html = render(cls_name, {field: bad}, containers=["c"])
        assert "onclick" not in html and "<script" not in html
        node = top(html)
        assert node.tag == "div"
        if cls_name == "DivStyleDiv":
            assert [c.tag for c in node.children] == ["div"]


def test_tagunescaped_raw_content():
    node = top(render("TagUnEscaped", {"tag": "section", "content": "<em>x</em>"}))
    assert node.tag == "section" and node.find("em").text() == "x"


# ---- tags ----------------------------------------------------------------------------------------

def test_tagtext_tag_text_hide():
    assert render("TagText") == '<div id="w"></div>'
    node = top(render("TagText", {"tag": "h2", "tag_text": "T<", "hide": True}))
    assert node.tag == "h2" and node.text() == "T<" and "display:none" in node.attrs["style"]


def test_tagblock_holds_container():
    node = top(render("TagBlock", {"tag": "section"}, containers=["<p>inside</p>"]))
    assert node.tag == "section" and node.find("p").text() == "inside"
    assert "style" not in node.attrs
    node = top(render("TagBlock", {"hide": True, "drag": "dd"}, containers=["<p>x</p>"]))
    assert node.tag == "div" and "display:none" in node.attrs["style"]
    assert node.attrs["data-drag"] == "dd"


# ---- shown / hidden paragraphs -------------------------------------------------------------------

def test_showpara1_defaults_and_hidden_paragraph():
    node = top(render("ShowPara1"))
    p, err = node.children
    assert p.attrs["style"] == "white-space: pre-line;"
    assert err.attrs["style"] == "display:none;"
    node = top(render("ShowPara1", {"para_text": "t", "show_para": False, "para_class": "pc", "pre_line": False}))
    p = node.children[0]
    assert p.attrs == {"class": "pc", "style": "display:none;"} and p.text() == "t"


def test_showpara1_error_box_shown():
    node = top(render("ShowPara1", {"para_text": "t", "error_class": "ec", "show_error": "E1\nE2"}))
    err = node.children[1]
    assert err.attrs == {"class": "ec"}
    assert err.find("p").text() == "E1E2" and len(err.find_all("br")) == 1
    assert node.attrs["data-status"] == "error"
    assert node.children[0].text() == "t"


def test_showpara2_close_button_without_script():
    node = top(render("ShowPara2", {"para_text": "t<", "close_class": "cc", "close_style": "cs",
                                    "inner_class": "ic"}))
    close, inner = node.children
    assert close.attrs["role"] == "button" and close.attrs["class"] == "cc" and close.attrs["style"] == "cs"
    assert close.text() == "\u00d7"
    assert inner.attrs["class"] == "ic" and inner.find("p").text() == "t<"
    assert "style" not in node.attrs
    assert "display:none" in top(render("ShowPara2", {"hide": True})).attrs["style"]


# ---- JSON show/hide buttons ------------------------------------------------------------------------

@pytest.mark.parametrize("cls_name", ["JSONDivLink", "JSONTextLink"])
def test_json_links_need_a_json_page(cls_name):
    node = top(render(cls_name))
    assert node.tag == "span" and node.attrs["data-status"] == "error"
    assert "id" not in node.attrs


@pytest.mark.parametrize("cls_name", ["JSONDivLink", "JSONTextLink"])
def test_json_links_default_hidden_with_show_text(cls_name):
    node = top(render(cls_name, {"json_ident": "jsonpage"}))
    a = node.children[0]
    target = node.children[1]
    assert a.tag == "a" and a.text() == "Show" and a.attrs["role"] == "button"
    assert a.attrs["href"].startswith("no_javascript?ident=")
    assert "display:none;" in target.attrs["style"]
    assert a.attrs["id"] != target.attrs["id"] and a.attrs["id"].startswith("test_0_")


def test_jsondivlink_link_carries_get_field_and_markers():
    html, js = render_js("JSONDivLink", {"json_ident": "jsonpage", "link_ident": "target", "get_field": "g <1>",
                                         "button_class": "bc", "button_style": "bs", "div_class": "dc",
                                         "div_content": "c<", "hide": False})
    node = top(html)
    a, div = node.children
    assert a.attrs["href"] == f"target?ident={IDENT_MARK}&w:get_field=g%20%3C1%3E&csrf_token={CSRF_MARK}"
    assert a.text() == "Hide" and a.attrs["class"] == "bc" and a.attrs["style"] == "bs"
    assert div.attrs["class"] == "dc" and "style" not in div.attrs and div.text() == "c<"
    assert js["url"] == "jsonpage" and js["buttonident"] == a.attrs["id"] and js["divident"] == div.attrs["id"]
    assert js["get_field_name"] == "w:get_field" and js["content_mode"] == "text"
    _, js = render_js("JSONDivLink", {"json_ident": "jsonpage", "htmlescaped": True})
    assert js["content_mode"] == "html"


def test_jsondivlink_error_shows_div():
    node = top(render("JSONDivLink", {"json_ident": "j", "div_content": "c", "show_error": "E<"}))
    a, div = node.children
    assert node.attrs["data-status"] == "error"
    assert a.text() == "Hide" and div.text() == "E<" and "style" not in div.attrs


@pytest.mark.parametrize("cls_name", ["JSONDivLink", "JSONTextLink"])
def test_json_links_refuse_javascript_urls(cls_name):
    html, js = render_js(cls_name, {"json_ident": "javascript:alert(1)", "link_ident": "javascript:alert(2)"})
    assert "javascript" not in html.lower() and "javascript" not in str(js).lower()


def test_jsontextlink_paragraph():
    html, js = render_js("JSONTextLink", {"json_ident": "j", "para_text": "a\nb<", "para_class": "pc",
                                          "hide": False, "get_field": "x"})
    a, p = top(html).children
    assert p.tag == "p" and p.attrs["class"] == "pc" and p.attrs["style"] == "white-space: pre-line;"
    assert p.text() == "a\nb<"
    assert js["paraident"] == p.attrs["id"] and js["buttonident"] == a.attrs["id"]
    p = top(render("JSONTextLink", {"json_ident": "j", "show_error": "E"})).children[1]
    assert p.text() == "E" and "display" not in p.attrs.get("style", "")


# ---- TextBlocks ----------------------------------------------------------------------------------

def test_textblockdiv_raw_textblock_and_project():
    ctx = TBContext()
    node = top(render("TextBlockDiv", {"textblock_ref": "x.y", "textblock_project": "other"}, ctx=ctx))
    assert node.find("b").text() == "bold"
    assert node.text() == "Hello bold\nline $$ and $$ end"
    assert ctx.asked == [("x.y", "other")]


def test_textblockdiv_not_found_and_replace():
    ctx = TBContext()
    html = render("TextBlockDiv", {"textblock_ref": "no.such", "content_refnotfound": "<i>nf</i>"}, ctx=ctx)
    assert "&lt;i&gt;nf&lt;/i&gt;" in html          # the not-found text is escaped (only the block is raw)
    node = top(render("TextBlockDiv", {"textblock_ref": "no.such"}, ctx=ctx))
    assert "no.such" in node.text()
    node = top(render("TextBlockDiv", {"textblock_ref": "x.y", "content_replaceblock": "<u>r</u>"}, ctx=ctx))
    assert node.find("u").text() == "r"
    # the unknown ref itself is shown escaped in the message
    assert "<script" not in render("TextBlockDiv", {"textblock_ref": PAYLOAD})


def test_textblockpara_escaped_with_linebreaks():
    ctx = TBContext()
    node = top(render("TextBlockPara", {"textblock_ref": "x.y"}, ctx=ctx))
    assert node.text() == "Hello <b>bold</b>line $$ and $$ end"
    assert len(node.find_all("br")) == 1 and not node.find_all("b")
    html = render("TextBlockPara", {"textblock_ref": "x.y", "linebreaks": False}, ctx=ctx)
    assert "<br" not in html and "Hello &lt;b&gt;bold&lt;/b&gt;\nline" in html


def test_textblockpara_replace_strings_in_order():
    ctx = TBContext()
    node = top(render("TextBlockPara", {"textblock_ref": "x.y", "replace_strings": ["A<", "B", "C"]}, ctx=ctx))
    assert node.text() == "Hello <b>bold</b>line A< and B end"
    node = top(render("TextBlockPara", {"textblock_ref": "x.y", "replace_strings": ["$$x"]}, ctx=ctx))
    assert node.text() == "Hello <b>bold</b>line $$x and $$ end"


def test_textblockpara_refnotfound_replaceblock_and_error():
    ctx = TBContext()
    assert top(render("TextBlockPara", {"textblock_ref": "q", "text_refnotfound": "nf<"}, ctx=ctx)).text() == "nf<"
    assert top(render("TextBlockPara", {"textblock_ref": "x.y", "text_replaceblock": "rb"}, ctx=ctx)).text() == "rb"
    node = top(render("TextBlockPara", {"textblock_ref": "x.y", "widget_class": "wc", "error_class": "ec",
                                        "show_error": "E<\nx"}, ctx=ctx))
    assert node.attrs["class"] == "ec" and node.attrs["data-status"] == "error"
    assert node.text() == "E<x" and node.find("br")
    node = top(render("TextBlockPara", {"widget_class": "wc", "show_error": "E"}, ctx=ctx))
    assert node.attrs["class"] == "wc"
    node = top(render("TextBlockPara", {"textblock_ref": "x.y", "show_error": "E", "clear_error": True}, ctx=ctx))
    assert "data-status" not in node.attrs


def test_defaults():
    from skipole.widgets.base import widget_class
    assert widget_class("paras.DivPara").defaults["pre_line"] is True
    assert widget_class("paras.JSONDivLink").defaults["hide"] is True
    assert widget_class("paras.JSONDivLink").defaults["button_show_text"] == "Show"
    assert widget_class("paras.JSONDivLink").defaults["button_hide_text"] == "Hide"
    assert widget_class("paras.JSONTextLink").defaults["hide"] is True
    assert widget_class("paras.ShowPara1").defaults["show_para"] is True
    assert widget_class("paras.ShowPara2").defaults["hide"] is False
    assert widget_class("paras.TagBlock").defaults["tag"] == "div"
    assert widget_class("paras.TextBlockPara").defaults["linebreaks"] is True
    assert widget_class("paras.TextBlockPara").defaults["replace_strings"] == []
