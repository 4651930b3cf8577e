"""footers widget: SimpleFooter."""

from html.parser import HTMLParser

from skipole.widgets.base import RenderContext, WidgetInstance, WidgetView, render_standalone, widget_class

PAYLOAD = "<script>alert(1)</script>"


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html):
    p = _Tags()
    p.feed(html)
    p.close()
    return p.tags


def render_js(fields=None, name="wname"):
    cls = widget_class("footers.SimpleFooter")
    inst = WidgetInstance(cls, name, fields)
    view = WidgetView(inst, inst.name, inst.fields, RenderContext())
    return inst.impl.render(view), view.js_data


def test_defaults():
    html, js = render_js()
    assert [t for t, _ in tags(html)] == ["div", "div", "p", "div", "p"]
    outer, err, _, paradiv, para = tags(html)
    assert outer == ("div", {"id": "wname"})
    assert err == ("div", {"style": "display:none;"})
    assert paradiv == ("div", {})
    assert para[1]["id"] and js == {"textident": para[1]["id"]}


def test_fields():
    html = render_standalone("footers.SimpleFooter", "wname", {
        "footer_text": "Footer", "para_class": "pc", "error_class": "ec", "paradiv_class": "pd",
        "widget_class": "wc", "widget_style": "ws"})
    outer, err, _, paradiv, para = tags(html)
    assert outer == ("div", {"id": "wname", "class": "wc", "style": "ws"})
    assert err == ("div", {"class": "ec", "style": "display:none;"})
    assert paradiv == ("div", {"class": "pd"})
    assert para[1]["class"] == "pc"
    assert html.endswith('>Footer</p></div></div>')


def test_error_shown_above_text():
    html = render_standalone("footers.SimpleFooter", "wname", {
        "footer_text": "Footer", "error_class": "ec", "show_error": "Went wrong"})
    outer, err, *_ = tags(html)
    assert outer[1]["data-status"] == "error"
    assert err == ("div", {"class": "ec"})
    assert html.index("Went wrong") < html.index("Footer")


def test_clear_error():
    html = render_standalone("footers.SimpleFooter", "wname", {"show_error": "x", "clear_error": True})
    assert "data-status" not in html and "x</p>" not in html


def test_escapes_and_line_breaks():
    html = render_standalone("footers.SimpleFooter", "wname", {"footer_text": PAYLOAD + "\nnext",
                                                               "show_error": PAYLOAD})
    assert "<script" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 2
    assert "&lt;/script&gt;<br />next</p>" in html


def test_text_paragraph_keeps_its_id_while_an_error_shows():
    # the browser library updates the footer text through this id (textident)
    html, js = render_js({"footer_text": "t", "show_error": "e"})
    assert tags(html)[-1][1]["id"] == js["textident"]
