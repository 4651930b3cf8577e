"""lists widgets: FileList, TableList, UList1, UList2."""

import re
from html.parser import HTMLParser

import pytest

from skipole.render.html import CSRF_MARK, IDENT_MARK
from skipole.widgets.base import (RenderContext, WidgetInstance, WidgetView, render_standalone, widget_class,
                                  widgets_in_module)

PAYLOAD = "<script>alert(1)</script>"


class _Ctx(RenderContext):
    LABELS = {"target": "/target", "up": "/up", "down": "/down", "remove": "/remove", "json": "/json",
              "no_javascript": "/lib/no_javascript"}

    def url(self, value):
        return self.LABELS.get(value, super().url(value))


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


def find(html, tag, **want):
    want = {k.rstrip("_"): v for k, v in want.items()}
    return [a for t, a in tags(html) if t == tag and all(a.get(k) == v for k, v in want.items())]


def render(path, fields=None):
    return render_standalone(f"lists.{path}", "wname", fields, ctx=_Ctx())


def render_js(path, fields=None):
    cls = widget_class(f"lists.{path}")
    inst = WidgetInstance(cls, "wname", fields)
    view = WidgetView(inst, inst.name, inst.fields, _Ctx())
    return inst.impl.render(view), view.js_data


# ---- UList1 ------------------------------------------------------------------------------

def test_ulist1_defaults():
    assert render("UList1") == '<ul id="wname"></ul>'


def test_ulist1_items_striped():
    html, js = render_js("UList1", {"contents": ["a", "b", "c"], "even_class": "ev", "odd_class": "od",
                                    "widget_class": "wc"})
    assert html == '<ul id="wname" class="wc"><li class="od">a</li><li class="ev">b</li><li class="od">c</li></ul>'
    assert js == {"highlight_class": "", "even_class": "ev", "odd_class": "od"}


def test_ulist1_highlight_replaces_widget_class():
    fields = {"contents": ["a"], "highlight_class": "hl", "widget_class": "wc"}
    assert tags(render("UList1", fields))[0][1]["class"] == "wc"
    assert tags(render("UList1", dict(fields, set_highlight=True)))[0][1]["class"] == "hl"
    # no highlight class: the widget class stays
    assert tags(render("UList1", dict(fields, set_highlight=True, highlight_class="")))[0][1]["class"] == "wc"


def test_ulist1_escapes():
    html = render("UList1", {"contents": [PAYLOAD, "x\ny"]})
    assert "<script" not in html
    assert "<li>&lt;script&gt;alert(1)&lt;/script&gt;</li><li>x<br />y</li>" in html


# ---- UList2 ------------------------------------------------------------------------------

def test_ulist2_shows_raw_html_by_design():
    html = render("UList2", {"set_html": ["<b>bold</b>", "plain"], "odd_class": "od", "even_class": "ev"})
    assert html == '<ul id="wname"><li class="od"><b>bold</b></li><li class="ev">plain</li></ul>'
    assert "trusted" in widget_class("lists.UList2").description()


def test_ulist2_cannot_forge_render_markers():
    html = render("UList2", {"set_html": [f"a{IDENT_MARK}b{CSRF_MARK}"]})
    assert "\x00" not in html


def test_ulist2_highlight():
    html = render("UList2", {"set_html": ["x"], "highlight_class": "hl", "set_highlight": True, "widget_class": "wc"})
    assert tags(html)[0] == ("ul", {"id": "wname", "class": "hl"})


# ---- FileList ----------------------------------------------------------------------------

def test_filelist_empty_is_not_rendered():
    assert render("FileList") == ""


def test_filelist_links():
    html = render("FileList", {"file_links": [["target", "Page", False], ["http://x.com/f.txt", "f.txt", True],
                                              ["javascript:alert(1)", "J", False], ["", "E", True]],
                               "button_class": "bc", "button_style": "bs", "widget_class": "wc"})
    assert tags(html)[0] == ("div", {"id": "wname", "class": "wc"})
    links = find(html, "a")
    assert links == [{"href": "/target", "role": "button", "class": "bc", "style": "bs"},
                     {"href": "http://x.com/f.txt", "role": "button", "download": "f.txt", "class": "bc",
                      "style": "bs"}]
    assert "javascript:" not in html


def test_filelist_escapes():
    html = render("FileList", {"file_links": [["target", PAYLOAD, True]]})
    assert "<script" not in html
    assert find(html, "a")[0]["download"] == PAYLOAD


# ---- TableList ---------------------------------------------------------------------------

ROWS = [["Row1", "u1", "d1", "r1"], ["Row2", "", "d2", "r2"], ["Row3", "u3", "d3", ""]]


def _q(url, value=""):
    field = f"&wname:contents={value}" if value else ""
    return f"{url}?ident={IDENT_MARK}{field}&csrf_token={CSRF_MARK}"


def test_tablelist_defaults():
    html, js = render_js("TableList")
    assert html == '<table id="wname"></table>'
    assert js["remove_button_text"] == "Remove" and js["maximize_text_col"] is True
    assert js["up_link_url"] == js["down_link_url"] == js["remove_link_url"] == "/lib/no_javascript"
    assert "up_json_url" not in js


def test_tablelist_rows_and_buttons():
    html, js = render_js("TableList", {
        "contents": ROWS, "even_class": "ev", "odd_class": "od", "button_class": "bc",
        "remove_button_text": "Delete", "up_link_ident": "up", "down_link_ident": "down",
        "remove_link_ident": "remove", "up_json_ident": "json", "remove_json_ident": "json"})
    assert [a["class"] for a in find(html, "tr")] == ["od", "ev", "od"]
    assert all(a["role"] == "button" and a["class"] == "bc" for a in find(html, "a"))
    # first row: no up button; last row: no down button; empty get fields are not sent
    assert [a["href"] for a in find(html, "a")] == [
        _q("/down", "d1"), _q("/remove", "r1"),
        _q("/up"), _q("/down", "d2"), _q("/remove", "r2"),
        _q("/up", "u3"), _q("/remove")]
    assert html.count("&uarr;") == 2 and html.count("&darr;") == 2 and html.count(">Delete</a>") == 3
    assert html.count("<td>&nbsp;</td>") == 2
    assert find(html, "td", style="width:100%;")
    assert js["up_json_url"] == js["remove_json_url"] == "/json" and "down_json_url" not in js
    assert js["contents_name"] == "wname:contents"
    assert not re.search(r"\son\w+=", html)


def test_tablelist_without_link_goes_to_no_javascript():
    html = render("TableList", {"contents": [["only", "", "", "r"]]})
    assert [a["href"] for a in find(html, "a")] == [_q("/lib/no_javascript", "r")]


def test_tablelist_hide_maximize_and_highlight():
    html = render("TableList", {"contents": ROWS[:1], "hide": True, "maximize_text_col": False,
                                "widget_style": "color:red"})
    assert tags(html)[0] == ("table", {"id": "wname", "style": "color:red;display:none;"})
    assert not find(html, "td", style="width:100%;")
    html = render("TableList", {"contents": ROWS[:1], "set_highlight": True, "highlight_class": "hl",
                                "widget_class": "wc"})
    assert tags(html)[0][1]["class"] == "hl"


def test_tablelist_escapes_and_refuses_javascript():
    html = render("TableList", {"contents": [[PAYLOAD, PAYLOAD, PAYLOAD, PAYLOAD]] * 2,
                                "remove_button_text": PAYLOAD, "up_link_ident": "javascript:alert(1)",
                                "remove_link_ident": "javascript:alert(1)"})
    assert "<script" not in html and "javascript:" not in html
    assert "contents=%3Cscript%3E" in html


def test_tablelist_external_link_never_carries_csrf():
    html = render("TableList", {"contents": [["a", "", "", "r"]], "remove_link_ident": "https://x.com/rm"})
    assert find(html, "a")[0]["href"] == f"https://x.com/rm?ident={IDENT_MARK}&wname:contents=r"


# ---- module ------------------------------------------------------------------------------

@pytest.mark.parametrize("cls", [c for c in widgets_in_module("lists") if c.__name__ != "UList2"],
                         ids=lambda c: c.__name__)
def test_escaped_widgets_never_pass_script(cls):
    fields = {}
    for name, f in cls.field_table.items():
        if f.shape == "table":
            fields[name] = [["target" if t == "url" else (True if t == "boolean" else PAYLOAD) for t in f.ftypes]]
        elif f.shape == "list":
            fields[name] = [PAYLOAD]
        elif f.ftype == "text":
            fields[name] = PAYLOAD
    html = render_standalone(cls, "wname", fields, ctx=_Ctx())
    assert html and "<script" not in html


def test_module_has_four_widgets():
    assert len(widgets_in_module("lists")) == 4
