"""headers widgets: DropDownButton1, HeadText, HeaderErrorPara, HeaderText1-6, NavButtons1-3, TabButtons1."""

import re
from html.parser import HTMLParser

import pytest

from skipole.render.html import CSRF_MARK, IDENT_MARK
from skipole.widgets.base import (RenderContext, WidgetInstance, WidgetView, render_standalone, widget_class,
                                  widgets_in_module)

PAYLOAD = "<script>alert(1)</script>"


class _Ctx(RenderContext):
    """Resolves labels the way a project would: 'target' → /target; unknown labels → ''."""

    LABELS = {"target": "/target", "json": "/json", "no_javascript": "/lib/no_javascript"}

    def url(self, value):
        if value in self.LABELS:
            return self.LABELS[value]
        value = "" if value is None else str(value)
        return value if ("/" in value or ":" in value) else ""


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


def render(path, fields=None):
    return render_standalone(f"headers.{path}", "wname", fields, ctx=_Ctx())


def render_js(path, fields=None):
    """The HTML and the settings recorded for the browser library."""
    cls = widget_class(f"headers.{path}")
    inst = WidgetInstance(cls, "wname", fields)
    view = WidgetView(inst, inst.name, inst.fields, _Ctx())
    return inst.impl.render(view), view.js_data


def hrefs(html):
    return [a["href"] for a in find(html, "a")]


LINKS = [["target", "T1", False, "g1"],                 # get field → ident + field
         ["http://x.com/a", "X", True, "v 1&2"],          # external, forced ident
         ["/abs", "A", True, ""],                         # forced ident, no field
         ["target", "Plain", False, ""],                  # plain link
         ["javascript:alert(1)", "J", False, "z"],        # refused: left out
         ["", "Empty", False, ""],                        # no target: left out
         ["nowhere", "Unknown", False, ""]]               # unresolvable label: left out


def _check_links(links):
    """The four usable rows of LINKS, in order, with the right queries."""
    assert len(links) == 4
    assert links[0] == f"/target?ident={IDENT_MARK}&wname:nav_links=g1&csrf_token={CSRF_MARK}"
    # an external link gets the ident and the field but never the CSRF token
    assert links[1] == f"http://x.com/a?ident={IDENT_MARK}&wname:nav_links=v%201%262"
    assert links[2] == f"/abs?ident={IDENT_MARK}&csrf_token={CSRF_MARK}"
    assert links[3] == "/target"


# ---- DropDownButton1 ---------------------------------------------------------------------

def test_dropdownbutton1_defaults():
    html = render("DropDownButton1")
    assert html == '<div id="wname"><button type="button">Links</button><div></div></div>'


def test_dropdownbutton1_links_and_classes():
    html = render("DropDownButton1", {"nav_links": LINKS, "button_class": "bc", "button_style": "bs",
                                      "button_text": "Menu", "div_class": "dc", "link_class": "lc",
                                      "widget_class": "wc", "widget_style": "ws"})
    tags = parse(html).tags
    assert tags[0] == ("div", {"id": "wname", "class": "wc", "style": "ws"})
    assert tags[1] == ("button", {"type": "button", "class": "bc", "style": "bs"})
    assert tags[2] == ("div", {"class": "dc"})
    _check_links(hrefs(html))
    assert all(a.get("class") == "lc" for a in find(html, "a"))
    assert "Menu" in html and "Unknown" not in html and ">J<" not in html


def test_dropdownbutton1_escapes():
    html = render("DropDownButton1", {"nav_links": [["target", PAYLOAD, False, PAYLOAD]], "button_text": PAYLOAD})
    assert "<script" not in html
    assert html.count("&lt;script&gt;") == 2
    # the get field value is URL-quoted in the link
    assert "wname:nav_links=%3Cscript%3E" in hrefs(html)[0]


# ---- HeadText ----------------------------------------------------------------------------

def test_headtext_default_and_tag():
    assert render("HeadText") == '<h1 id="wname"></h1>'
    assert render("HeadText", {"tag": "h3", "large_text": "Hi", "widget_class": "wc"}) == \
        '<h3 id="wname" class="wc">Hi</h3>'


@pytest.mark.parametrize("tag", ["script", "", "style", "img", 'h2 onclick="x"', "iframe"])
def test_headtext_refuses_unsafe_tags(tag):
    html = render("HeadText", {"tag": tag, "large_text": "T"})
    assert html == '<h1 id="wname">T</h1>'


def test_headtext_escapes_and_keeps_line_breaks():
    html = render("HeadText", {"large_text": PAYLOAD + "\nline2"})
    assert html == '<h1 id="wname">&lt;script&gt;alert(1)&lt;/script&gt;<br />line2</h1>'


# ---- HeaderErrorPara ---------------------------------------------------------------------

def test_headererrorpara_hidden_by_default():
    assert render("HeaderErrorPara") == '<p id="wname" style="display:none;"></p>'
    assert render("HeaderErrorPara", {"hide": False}) == '<p id="wname"></p>'


def test_headererrorpara_shows_error_even_when_hidden():
    html = render("HeaderErrorPara", {"hide": True, "show_error": PAYLOAD, "widget_style": "color:red"})
    (p,) = find(html, "p")
    assert p["data-status"] == "error" and "display:none" not in p["style"]
    assert p["style"] == "color:red"
    assert "<script" not in html and "&lt;script&gt;" in html


def test_headererrorpara_clear_error():
    html = render("HeaderErrorPara", {"show_error": "bad", "clear_error": True})
    assert html == '<p id="wname" style="display:none;"></p>'


# ---- HeaderText1-6 -----------------------------------------------------------------------

@pytest.mark.parametrize("level", range(1, 7))
def test_headertext_defaults(level):
    html = render(f"HeaderText{level}")
    assert html == f'<div id="wname"><h{level}></h{level}><p></p><div style="display:none;"><p></p></div></div>'


@pytest.mark.parametrize("level", range(1, 7))
def test_headertext_fields_and_error(level):
    fields = {"large_text": "Large", "small_text": "Small", "error_class": "ec", "h_style": "hs",
              "p_style": "ps", "h_class": "hc", "p_class": "pc"}
    html = render(f"HeaderText{level}", fields)
    assert find(html, f"h{level}", class_="hc", style="hs")
    assert find(html, "p", class_="pc", style="ps")
    assert find(html, "div", class_="ec", style="display:none;")
    assert "Large" in html and "Small" in html
    html = render(f"HeaderText{level}", dict(fields, show_error="Broken"))
    assert parse(html).tags[0][1]["data-status"] == "error"
    (err,) = find(html, "div", class_="ec")
    assert "style" not in err
    assert "<p>Broken</p>" in html


def test_headertext_escapes():
    html = render("HeaderText2", {"large_text": PAYLOAD, "small_text": PAYLOAD, "show_error": PAYLOAD})
    assert "<script" not in html and html.count("&lt;script&gt;") == 3


def test_headertext_help_names_level():
    assert "(h4)" in widget_class("headers.HeaderText4").description()


# ---- NavButtons1 -------------------------------------------------------------------------

def test_navbuttons1_defaults():
    assert render("NavButtons1") == '<div id="wname"><div style="display:none;"><p></p></div><ul></ul></div>'


def test_navbuttons1_links():
    html = render("NavButtons1", {"nav_links": LINKS, "button_class": "bc", "li_class": "lic",
                                  "ul_class": "ulc", "error_class": "ec"})
    assert find(html, "ul", class_="ulc")
    assert len(find(html, "li", class_="lic")) == 4
    assert all(a == {"role": "button", "class": "bc", "href": a["href"]} for a in find(html, "a"))
    _check_links(hrefs(html))


def test_navbuttons1_empty_row_of_legacy_project():
    # skitest's navigation section holds a single empty row
    html = render("NavButtons1", {"nav_links": [["", "", False, ""]], "ul_class": "w3-ul"})
    assert '<ul class="w3-ul"></ul>' in html


def test_navbuttons1_error():
    html = render("NavButtons1", {"nav_links": LINKS[:1], "error_class": "ec", "show_error": PAYLOAD})
    assert parse(html).tags[0] == ("div", {"id": "wname", "data-status": "error"})
    assert find(html, "div", class_="ec")[0] == {"class": "ec"}
    assert "<script" not in html and "&lt;script&gt;" in html


# ---- NavButtons2 -------------------------------------------------------------------------

def test_navbuttons2_empty_is_not_rendered():
    assert render("NavButtons2") == ""


def test_navbuttons2_links():
    html = render("NavButtons2", {"nav_links": LINKS, "button_class": "bc", "button_style": "bs",
                                  "widget_class": "wc"})
    assert parse(html).tags[0] == ("div", {"id": "wname", "class": "wc"})
    assert all(a["role"] == "button" and a["class"] == "bc" and a["style"] == "bs" for a in find(html, "a"))
    _check_links(hrefs(html))


def test_navbuttons2_escapes():
    html = render("NavButtons2", {"nav_links": [["target", PAYLOAD, True, ""]]})
    assert "<script" not in html and "&lt;script&gt;" in html


# ---- NavButtons3 -------------------------------------------------------------------------

def test_navbuttons3_defaults():
    html, js = render_js("NavButtons3")
    assert html == '<div id="wname"></div>'
    assert js == {}


def test_navbuttons3_buttons_with_get_fields():
    html, js = render_js("NavButtons3", {
        "link_ident": "target", "json_ident": "json", "button_text": ["A", "B", "C"],
        "get_field1": ["a1", "b1"], "get_field2": ["a2", "", "c2"], "button_classes": ["c1", "c2"],
        "button_style": "bs"})
    links = find(html, "a")
    assert [a.get("class") for a in links] == ["c1", "c2", None]
    assert all(a["role"] == "button" and a["style"] == "bs" for a in links)
    assert [a["href"] for a in links] == [
        f"/target?ident={IDENT_MARK}&wname:get_field1=a1&wname:get_field2=a2&csrf_token={CSRF_MARK}",
        f"/target?ident={IDENT_MARK}&wname:get_field1=b1&csrf_token={CSRF_MARK}",
        f"/target?ident={IDENT_MARK}&wname:get_field2=c2&csrf_token={CSRF_MARK}"]
    assert js == {"jsonurl": "/json", "linkurl": "/target"}
    assert " on" not in html and "<script" not in html


def test_navbuttons3_without_link_goes_to_no_javascript():
    html = render("NavButtons3", {"json_ident": "json", "button_text": ["A"], "get_field1": ["x"]})
    assert hrefs(html) == [f"/lib/no_javascript?ident={IDENT_MARK}&csrf_token={CSRF_MARK}"]


def test_navbuttons3_refuses_javascript_urls():
    html, js = render_js("NavButtons3", {"link_ident": "javascript:alert(1)",
                                         "json_ident": "javascript:alert(2)", "button_text": ["A"]})
    assert "javascript:" not in html and "jsonurl" not in js
    assert hrefs(html)[0].startswith("/lib/no_javascript?")


def test_navbuttons3_escapes():
    html = render("NavButtons3", {"link_ident": "target", "button_text": [PAYLOAD], "get_field1": [PAYLOAD],
                                  "button_classes": ['x" onclick="y']})
    assert "<script" not in html and "&lt;script&gt;" in html
    assert find(html, "a")[0]["class"] == 'x" onclick="y'


# ---- TabButtons1 -------------------------------------------------------------------------

def test_tabbuttons1_without_tabs_is_empty():
    assert render("TabButtons1") == ""


def test_tabbuttons1_buttons_and_settings():
    html, js = render_js("TabButtons1", {
        "tabs": [["Tab1", "sec1"], ["Tab2", "sec2"], ["Tab3", "sec3"]], "hide_class": "hc",
        "button_class": "bc", "button_style": "bs", "onclick_addclass": "on", "onclick_removeclass": "off",
        "active_button": 1, "widget_class": "wc"})
    buttons = find(html, "button")
    assert [b["class"] for b in buttons] == ["bc off", "bc on", "bc off"]
    assert [b["data-tab"] for b in buttons] == ["sec1", "sec2", "sec3"]
    assert all(b["type"] == "button" and b["style"] == "bs" for b in buttons)
    assert js == {"display_id_list": ["sec1", "sec2", "sec3"], "hide_class": "hc",
                  "onclick_addclass": "on", "onclick_removeclass": "off"}
    assert not re.search(r"\son\w+=", html)


def test_tabbuttons1_first_tab_active_by_default():
    html, js = render_js("TabButtons1", {"tabs": [["A", "a"], ["B", "b"]], "onclick_addclass": "on"})
    assert [b.get("class") for b in find(html, "button")] == ["on", None]
    assert js == {"display_id_list": ["a", "b"], "onclick_addclass": "on"}


def test_tabbuttons1_escapes():
    html = render("TabButtons1", {"tabs": [[PAYLOAD, '"><script>']]})
    assert "<script" not in html
    assert find(html, "button")[0]["data-tab"] == '"><script>'


# ---- every widget of the module ----------------------------------------------------------

def _filled(cls, text, url):
    """Fields of ``cls`` with every text field set to ``text`` and every URL to ``url``."""
    values = {}
    for name, f in cls.field_table.items():
        if f.shape == "table":
            row = [url if t == "url" else (True if t == "boolean" else text) for t in f.ftypes]
            values[name] = [row, row]
        elif f.ftype == "url":
            values[name] = url
        elif f.ftype == "text" and name != "tag":
            values[name] = [text, text] if f.shape == "list" else text
    return values


@pytest.mark.parametrize("cls", widgets_in_module("headers"), ids=lambda c: c.__name__)
def test_no_script_survives_in_any_field(cls):
    html = render_standalone(cls, "wname", _filled(cls, PAYLOAD, "target"), ctx=_Ctx())
    assert html  # something is rendered
    assert "<script" not in html.lower()
    assert not re.search(r"\son\w+=", html)


@pytest.mark.parametrize("cls", widgets_in_module("headers"), ids=lambda c: c.__name__)
def test_javascript_urls_are_refused(cls):
    html = render_standalone(cls, "wname", _filled(cls, "text", "javascript:alert(1)"), ctx=_Ctx())
    assert "javascript:" not in html.lower()


def test_module_has_thirteen_widgets():
    assert len(widgets_in_module("headers")) == 13
