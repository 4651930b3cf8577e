"""links widgets: links, buttons, tables of links and buttons, images, audio, iframes."""

from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

import pytest

from skipole.render.html import CSRF_MARK, IDENT_MARK
from skipole.widgets import links
from skipole.widgets.base import (ListField, RenderContext, TableField, WidgetInstance, WidgetView,
                                  render_standalone, widget_class, widgets_in_module)

PAYLOAD = '"><script>alert(1)</script><b onmouseover="x'
JS_URL = "javascript:alert(1)"

CLASSES = (
    "Audio1", "Audio2", "ButtonLink1", "ButtonLink2", "CloseButton", "ContainerLink1", "ContainerLink2",
    "GeneralButtonTable1", "GeneralButtonTable2", "IconLink", "Image1", "ImageLink1", "ImageOrTextLink",
    "JSONButtonLink", "Link", "LinkTextBlockTable1", "LinkTextBlockTable2", "LinkToWidget", "ListLinks",
    "MessageButton", "OpenButton", "OpenButton2", "ProjectiFrame", "Table1_Button", "Table1_Buttons4",
    "Table1_Links", "Table2_Button", "Table2_Links", "Table3_Buttons2",
)


class _Ctx(RenderContext):
    proj_ident = "proj"
    page_num = 7
    LABELS = {"target": "/target", "json": "/json", "no_javascript": "/lib/no_javascript", "2": "/two"}
    TEXTBLOCKS = {"tb.found": "From <the> block\nsecond line"}
    PROJECTS = {"sub": "/sub/"}

    def url(self, value):
        return self.LABELS.get(str(value), super().url(value))

    def textblock(self, ref, project=None):
        return self.TEXTBLOCKS.get(ref)

    def project_url(self, project):
        return self.PROJECTS.get(project)


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def _clean(html):
    return html.replace(IDENT_MARK, "IDENT").replace(CSRF_MARK, "CSRF")


def parse(html):
    p = _Tags()
    p.feed(_clean(html))
    p.close()
    return p


def tags(html):
    return parse(html).tags


def text(html):
    return "".join(parse(html).text)


def find(html, tag, **want):
    want = {("class" if k == "cls" else k.replace("_", "-")): v for k, v in want.items()}
    return [a for t, a in tags(html) if t == tag and all(a.get(k) == v for k, v in want.items())]


def first(html, tag, **want):
    found = find(html, tag, **want)
    assert found, f"no <{tag}> {want} in {html}"
    return found[0]


def query(href):
    """(path, list of query pairs) of a link."""
    parts = urlsplit(href)
    return parts.path, parse_qsl(parts.query, keep_blank_values=True)


def render(path, fields=None, name="wn", ctx=None, containers=(), set_names=None):
    return render_standalone(f"links.{path}", name, fields, ctx=ctx or _Ctx(),
                             containers=containers, set_names=set_names)


def render_js(path, fields=None, name="wn"):
    cls = widget_class(f"links.{path}")
    inst = WidgetInstance(cls, name, fields)
    view = WidgetView(inst, inst.name, inst.fields, _Ctx(), containers=["<i>c</i>"] * cls.containers)
    return inst.impl.render(view), view.js_data


def _style(attrs_):
    return (attrs_.get("style") or "").replace(" ", "")


def hidden(attrs_):
    return "display:none" in _style(attrs_)


# ---- the module as a whole ------------------------------------------------------------------

def test_module_holds_the_29_catalogue_classes():
    assert sorted(c.__name__ for c in widgets_in_module("links")) == sorted(CLASSES)


@pytest.mark.parametrize("name", CLASSES)
def test_every_class_has_help_text_and_field_help(name):
    cls = widget_class(f"links.{name}")
    assert len(cls.description()) > 40
    for fname, field in cls.field_table.items():
        assert field.help, f"{name}.{fname} has no help"


DEFAULTS = {
    "Audio1": {"controls": True, "play": False, "mp3_ident": ""},
    "Audio2": {"controls": True, "play": False, "src_mp3": ""},
    "ButtonLink1": {"link_ident": "", "button_text": "", "hide": False, "force_ident": False},
    "ButtonLink2": {"link_ident": "no_javascript", "button_text": "Submit",
                    "button_wait_text": "Please wait...", "json_ident": ""},
    "CloseButton": {"link_ident": ""},
    "ContainerLink1": {"link_ident": ""},
    "ContainerLink2": {"link_ident": "no_javascript", "json_ident": ""},
    "GeneralButtonTable1": {"cols": [], "contents": [], "hide": False},
    "IconLink": {"svg_width": "100", "svg_height": "100", "svg_viewBox": ""},
    "Image1": {"width": "100", "height": "100", "img_url": "", "alt": ""},
    "ImageLink1": {"width": "100", "height": "100", "align": ""},
    "ImageOrTextLink": {"width": "100", "height": "100", "link_text": ""},
    "JSONButtonLink": {"link_ident": "no_javascript", "button_text": "",
                       "button_wait_text": "Please wait..."},
    "LinkTextBlockTable1": {"show_get_field1": True, "show_get_field2": True, "link_table": []},
    "LinkTextBlockTable2": {"show_get_field1": True, "show_get_field2": True,
                            "widget_style": "border-spacing:0;border-collapse:collapse;"},
    "MessageButton": {"hide": True, "para_text": "Please wait...", "pre_line": True,
                      "link_ident": "no_javascript", "button_text": "Submit", "target": "_blank"},
    "OpenButton2": {"content": "Open", "hide": False},
    "ProjectiFrame": {"width": "800", "height": "800", "project": ""},
    "Table1_Button": {"maximize_text_col": True, "link_ident": "no_javascript", "button_text": ""},
    "Table1_Buttons4": {"maximize_text_col": True, "btn_col1": True, "btn_col4": True, "link_ident1": "",
                        "col0_classes": []},
    "Table2_Button": {"link_ident": "no_javascript"},
    "Table3_Buttons2": {"get_field1_1": True, "get_field1_2": True, "get_field2_1": True,
                        "get_field2_2": True, "link_ident1": ""},
}


@pytest.mark.parametrize("name,expected", sorted(DEFAULTS.items()))
def test_field_defaults(name, expected):
    defaults = widget_class(f"links.{name}").defaults
    for field, value in expected.items():
        assert defaults[field] == value, field


def test_only_the_three_button_links_display_errors():
    shows = {c.__name__ for c in widgets_in_module("links") if c.error_display}
    assert shows == {"ButtonLink1", "ButtonLink2", "JSONButtonLink"}


def test_image1_is_a_void_widget_and_the_link_wrappers_have_one_container():
    assert widget_class("links.Image1").void
    assert {c.__name__ for c in widgets_in_module("links") if c.containers} == \
        {"ContainerLink1", "ContainerLink2", "IconLink"}


# ---- generic safety: escaping and refused URLs -----------------------------------------------

def _fill(cls, text_value, url_value):
    """Field values for every field of ``cls``: text-like fields get ``text_value``."""
    fields = {}
    for name, f in cls.field_table.items():
        if name in ("show", "clear_error"):
            continue
        if isinstance(f, TableField):
            row = [True if t == "boolean" else url_value if t == "url" else text_value for t in f.ftypes]
            fields[name] = [row, list(row)]
        elif isinstance(f, ListField):
            fields[name] = [url_value if f.ftype == "url" else text_value] * 2
        elif f.ftype == "boolean":
            fields[name] = name != "hide"
        elif f.ftype == "url":
            fields[name] = url_value
        else:
            fields[name] = text_value
    return fields


@pytest.mark.parametrize("name", CLASSES)
def test_script_payload_in_every_field_is_inert(name):
    cls = widget_class(f"links.{name}")
    fields = _fill(cls, PAYLOAD, "/p")
    html = render(name, fields, containers=["<i>c</i>"] * cls.containers)
    assert html
    parsed = tags(html)
    assert not [t for t, _ in parsed if t in ("script", "b")]
    assert not [k for _, a in parsed for k in a if k.startswith("on")]
    # the error message, when the widget shows one, is escaped as well
    if cls.error_display:
        html = render(name, {**fields, "show_error": PAYLOAD})
        assert "<script" not in html and "data-status" in html


@pytest.mark.parametrize("name", CLASSES)
def test_javascript_urls_are_refused_everywhere(name):
    cls = widget_class(f"links.{name}")
    fields = _fill(cls, "t", JS_URL)
    for media in ("src_mp3", "src_wav", "src_ogg", "img_url"):
        if media in fields:
            fields[media] = JS_URL
    html = render(name, fields, containers=["<i>c</i>"] * cls.containers)
    for _, a in tags(html):
        for key in ("href", "src", "data-hover-src"):
            value = (a.get(key) or "").strip().lower()
            assert not value.startswith(("javascript:", "vbscript:", "data:")), (key, value)
    assert "javascript:" not in html.lower() or name == "LinkToWidget"


def test_a_forged_marker_in_a_url_is_removed():
    html = render("Link", {"link_ident": f"/p{IDENT_MARK}x{CSRF_MARK}", "content": "c"})
    assert IDENT_MARK not in html and CSRF_MARK not in html and "\x00" not in html
    assert first(html, "a")["href"] == "/pidentxcsrf"


def test_get_field_links_carry_the_real_markers():
    html = render("Link", {"link_ident": "target", "get_field1": "v"})
    assert IDENT_MARK in html and CSRF_MARK in html


# ---- Link, LinkToWidget ---------------------------------------------------------------------

def test_link_without_get_fields_is_plain():
    html = render("Link", {"link_ident": "target", "content": "Go", "target": "_blank",
                           "widget_class": "wc"})
    assert html == '<a id="wn" class="wc" href="/target" target="_blank">Go</a>'


def test_link_with_get_fields_carries_ident_fields_and_csrf():
    html = render("Link", {"link_ident": "target", "get_field1": "a b", "get_field2": "<x>"})
    path, pairs = query(first(html, "a", id="wn")["href"])
    assert path == "/target"
    assert pairs == [("ident", "IDENT"), ("wn:get_field1", "a b"), ("wn:get_field2", "<x>"),
                     ("csrf_token", "CSRF")]


def test_link_force_ident_and_url_as_text():
    html = render("Link", {"link_ident": "2", "force_ident": True})
    a = first(html, "a")
    assert query(a["href"]) == ("/two", [("ident", "IDENT"), ("csrf_token", "CSRF")])
    assert text(html) == "/two"


def test_link_get_field_names_follow_set_names_and_unnamed_widgets():
    html = render("Link", {"link_ident": "/p", "get_field1": "v"}, set_names={"get_field1": "other"})
    assert ("wn:other", "v") in query(first(html, "a")["href"])[1]
    html = render("Link", {"link_ident": "/p", "get_field1": "v"}, name="")
    assert ("_get_field1", "v") in query(first(html, "a")["href"])[1]


def test_link_without_url_shows_broken_link_warning():
    html = render("Link", {"content": "x"})
    assert html == '<span data-status="error">Warning: broken link</span>'  # no id, as in 5.x
    assert not find(html, "a")


def test_link_to_widget_is_a_fragment_link():
    html = render("LinkToWidget", {"towidget": "other"})
    assert first(html, "a", id="wn")["href"] == "#other"
    assert text(html) == "#other"
    html = render("LinkToWidget", {"towidget": "other", "content": "see"})
    assert text(html) == "see"
    assert first(render("LinkToWidget"), "span")["data-status"] == "error"


# ---- ButtonLink1, ButtonLink2, JSONButtonLink -----------------------------------------------

def test_buttonlink1_structure_and_four_get_fields():
    html = render("ButtonLink1", {"link_ident": "target", "button_text": "Go", "target": "_blank",
                                  **{f"get_field{n}": f"v{n}" for n in (1, 2, 3, 4)}})
    a = first(html, "a", id="wn", role="button")
    assert a["target"] == "_blank"
    assert query(a["href"])[1][1:5] == [(f"wn:get_field{n}", f"v{n}") for n in (1, 2, 3, 4)]
    assert text(html) == "Go"


def test_buttonlink1_plain_link_and_url_text():
    html = render("ButtonLink1", {"link_ident": "target"})
    assert first(html, "a")["href"] == "/target"
    assert text(html) == "/target"


def test_buttonlink1_hidden_and_error_display():
    html = render("ButtonLink1", {"link_ident": "/p", "hide": True, "widget_class": "wc"})
    a = first(html, "a", id="wn")
    assert hidden(a) and a["class"] == "wc" and "data-status" not in a
    html = render("ButtonLink1", {"link_ident": "/p", "hide": True, "widget_class": "wc",
                                  "error_class": "ec", "show_error": "bad"})
    a = first(html, "a", id="wn")
    assert a["class"] == "ec" and a["data-status"] == "error" and not hidden(a)
    html = render("ButtonLink1", {"link_ident": "/p", "widget_class": "wc", "show_error": "bad"})
    assert first(html, "a")["class"] == "wc"
    html = render("ButtonLink1", {"link_ident": "/p", "show_error": "bad", "clear_error": True})
    assert "data-status" not in first(html, "a")


def test_buttonlink1_without_url_is_a_warning_button():
    html = render("ButtonLink1")
    a = first(html, "a", id="wn", role="button")
    assert "href" not in a and text(html) == "Warning: broken link"


def test_buttonlink2_structure():
    html, js = render_js("ButtonLink2", {
        "json_ident": "json", "link_ident": "/page", "button_text": "Go", "button_class": "bc",
        "button_style": "color:red", "get_field1": "a", "buttondiv_class": "bdc", "error_class": "ec",
        "widget_class": "wc"})
    outer = first(html, "div", id="wn")
    assert outer["class"] == "wc" and not hidden(outer)
    err = first(html, "div", cls="ec")
    assert hidden(err)
    first(html, "div", cls="bdc")
    a = first(html, "a", role="button", cls="bc")
    assert a["style"] == "color:red"
    assert query(a["href"]) == ("/page", [("ident", "IDENT"), ("wn:get_field1", "a"), ("csrf_token", "CSRF")])
    assert text(html) == "Go"
    assert js == {"json_url": "/json", "button_wait_text": "Please wait..."}


def test_buttonlink2_defaults_lead_to_no_javascript_with_ident():
    html = render("ButtonLink2")
    a = first(html, "a", role="button")
    assert query(a["href"]) == ("/lib/no_javascript", [("ident", "IDENT"), ("csrf_token", "CSRF")])
    assert text(html) == "Submit"


def test_buttonlink2_error_shows_the_message_and_unhides():
    html = render("ButtonLink2", {"hide": True, "error_class": "ec", "show_error": "bad <x>"})
    outer = first(html, "div", id="wn")
    assert outer["data-status"] == "error" and not hidden(outer)
    assert not hidden(first(html, "div", cls="ec"))
    assert "<p>bad &lt;x&gt;</p>" in html
    assert hidden(first(render("ButtonLink2", {"hide": True}), "div", id="wn"))


def test_buttonlink2_without_link_warns():
    html = render("ButtonLink2", {"link_ident": ""})
    assert first(html, "span")["data-status"] == "error"
    assert text(html) == "Warning: No link ident"


def test_jsonbuttonlink_structure_and_settings():
    html, js = render_js("JSONButtonLink", {
        "json_ident": "json", "link_ident": "/p", "button_text": "Go", "get_field2": "b",
        "session_storage": "sk", "local_storage": "lk", "error_class": "ec"})
    a = first(html, "a", id="wn", role="button")
    assert query(a["href"]) == ("/p", [("ident", "IDENT"), ("wn:get_field2", "b"), ("csrf_token", "CSRF")])
    assert js == {"json_url": "/json", "html_url": "/p", "button_wait_text": "Please wait...",
                  "error_class": "ec", "session_storage": "sk", "local_storage": "lk"}


def test_jsonbuttonlink_defaults_hide_and_error():
    html = render("JSONButtonLink")
    a = first(html, "a", id="wn")
    assert query(a["href"])[0] == "/lib/no_javascript"
    assert text(html) == "/lib/no_javascript"
    assert hidden(first(render("JSONButtonLink", {"hide": True}), "a"))
    html = render("JSONButtonLink", {"hide": True, "error_class": "ec", "widget_class": "wc",
                                     "show_error": "bad"})
    a = first(html, "a")
    assert a["class"] == "ec" and a["data-status"] == "error" and not hidden(a)


def test_no_inline_scripts_or_handlers_in_interactive_widgets():
    for name in ("ButtonLink2", "JSONButtonLink", "MessageButton", "CloseButton", "GeneralButtonTable1"):
        cls = widget_class(f"links.{name}")
        html = render(name, _fill(cls, "v", "/p"))
        assert "<script" not in html
        assert not [k for _, a in tags(html) for k in a if k.startswith("on")]


# ---- CloseButton, OpenButton, OpenButton2 --------------------------------------------------

@pytest.mark.parametrize("name,symbol", [("CloseButton", "\u00d7"), ("OpenButton", "\u2630")])
def test_close_and_open_buttons(name, symbol):
    html, js = render_js(name, {"link_ident": "/p", "get_field1": "a", "target_section": "nav",
                                "widget_class": "wc"})
    a = first(html, "a", id="wn", role="button", cls="wc")
    assert query(a["href"]) == ("/p", [("ident", "IDENT"), ("wn:get_field1", "a"), ("csrf_token", "CSRF")])
    assert text(html) == symbol
    assert js == {"target_section": "nav"}
    html, js = render_js(name, {"target_widget": "w2"})
    assert "href" not in first(html, "a") and js == {"target_widget": "w2"}


def test_close_button_always_carries_the_ident():
    a = first(render("CloseButton", {"link_ident": "no_javascript"}), "a")
    assert query(a["href"]) == ("/lib/no_javascript", [("ident", "IDENT"), ("csrf_token", "CSRF")])


def test_open_button2_content_and_hide():
    html = render("OpenButton2", {"link_ident": "/p", "content": "Menu <1>", "get_field2": "z"})
    a = first(html, "a", id="wn", role="button")
    assert ("wn:get_field2", "z") in query(a["href"])[1] and not hidden(a)
    assert text(html) == "Menu <1>"
    a = first(render("OpenButton2", {"hide": True}), "a", id="wn")
    assert hidden(a) and text(render("OpenButton2")) == "Open"


# ---- ContainerLink1, ContainerLink2, IconLink ----------------------------------------------

def test_containerlink1_wraps_the_container():
    html = render("ContainerLink1", {"link_ident": "target", "target": "_top"}, containers=["<p>inside</p>"])
    assert html == '<a id="wn" href="/target" target="_top"><p>inside</p></a>'
    html = render("ContainerLink1", {"link_ident": "target", "get_field2": "v"}, containers=["x"])
    assert ("wn:get_field2", "v") in query(first(html, "a")["href"])[1]
    assert text(render("ContainerLink1", containers=["x"])) == "Warning: broken link"


def test_containerlink2_wraps_the_container_and_records_json():
    html, js = render_js("ContainerLink2", {"json_ident": "json", "link_ident": "/p", "get_field1": "a"})
    a = first(html, "a", id="wn")
    assert query(a["href"]) == ("/p", [("ident", "IDENT"), ("wn:get_field1", "a"), ("csrf_token", "CSRF")])
    assert html.endswith("<i>c</i></a>")
    assert js == {"json_url": "/json"}
    html, js = render_js("ContainerLink2")
    assert query(first(html, "a")["href"])[0] == "/lib/no_javascript" and js == {}


def test_iconlink_svg_and_container():
    html = render("IconLink", {"link_ident": "/p", "svg_class": "sc", "svg_viewBox": "0 0 10 10",
                               "svg_preserveAspectRatio": "none", "transform": "scale(2)"},
                  containers=["<circle r='1' />"])
    a = first(html, "a", id="wn")
    assert a["href"] == "/p"
    svg = first(html, "svg", cls="sc")
    assert svg["width"] == "100" and svg["height"] == "100"
    assert svg["viewbox"] == "0 0 10 10" and svg["preserveaspectratio"] == "none"
    assert 'viewBox="0 0 10 10"' in html
    assert '<g transform="scale(2)"><circle' in html
    assert first(render("IconLink", containers=["x"]), "span")["data-status"] == "error"


# ---- images and media -----------------------------------------------------------------------

def test_image1():
    html = render("Image1", {"img_url": "/a.png", "alt": "A <pic>", "width": "5"})
    img = first(html, "img", id="wn")
    assert img == {"id": "wn", "width": "5", "height": "100", "alt": "A <pic>", "src": "/a.png"}
    assert html.endswith("/>")
    assert first(render("Image1"), "span")["data-status"] == "error"


def test_imagelink1_with_hover_image():
    html, js = render_js("ImageLink1", {"link_ident": "target", "img_ident": "/i.png",
                                        "hover_img_ident": "/h.png", "align": "left", "get_field3": "c"})
    a = first(html, "a", id="wn")
    assert ("wn:get_field3", "c") in query(a["href"])[1]
    img = first(html, "img")
    assert img["src"] == "/i.png" and img["data-hover-src"] == "/h.png" and img["align"] == "left"
    assert js == {"img_src": "/i.png", "hover_src": "/h.png"}


def test_imagelink1_without_image_or_link():
    html = render("ImageLink1", {"link_ident": "target"})
    assert not find(html, "img") and text(html) == "/target"
    assert first(render("ImageLink1", {"img_ident": "/i.png"}), "span")["data-status"] == "error"


def test_image_or_text_link():
    html = render("ImageOrTextLink", {"link_ident": "target", "img_link": "/i.png", "link_text": "T"})
    assert html == '<a id="wn" href="/target">T</a>'
    html = render("ImageOrTextLink", {"link_ident": "target", "img_link": "/i.png", "get_field4": "d"})
    assert first(html, "img") == {"src": "/i.png", "width": "100", "height": "100"}
    assert ("wn:get_field4", "d") in query(first(html, "a")["href"])[1]
    assert render("ImageOrTextLink", {"link_text": "T"}) == '<span id="wn">T</span>'
    assert text(render("ImageOrTextLink", {"link_ident": "target"})) == "/target"


def test_audio1_sources():
    html = render("Audio1", {"mp3_ident": "target", "ogg_ident": "/b.ogg"})
    assert first(html, "audio", id="wn") == {"id": "wn", "controls": None}
    assert [(a["src"], a["type"]) for t, a in tags(html) if t == "source"] == \
        [("/target", "audio/mpeg"), ("/b.ogg", "audio/ogg")]


def test_audio2_play_and_controls():
    html = render("Audio2", {"src_wav": "/a.wav", "controls": False, "play": True})
    assert first(html, "audio", id="wn") == {"id": "wn", "autoplay": None}
    assert first(html, "source") == {"src": "/a.wav", "type": "audio/wav"}
    assert not find(render("Audio2", {"src_mp3": JS_URL}), "source")


def test_projectiframe():
    html = render("ProjectiFrame", {"project": "sub", "width": "10"})
    assert first(html, "iframe", id="wn") == {"id": "wn", "width": "10", "height": "800", "name": "sub",
                                               "src": "/sub/"}
    assert text(render("ProjectiFrame")) == "Warning: project for iframe is not given"
    html = render("ProjectiFrame", {"project": "nope"})
    assert first(html, "span")["data-status"] == "error"
    assert "nope" in text(html)
    # a context that cannot resolve projects (standalone) shows the warning, not an iframe
    assert not find(render_standalone("links.ProjectiFrame", "wn", {"project": "sub"}), "iframe")


# ---- MessageButton --------------------------------------------------------------------------

def test_messagebutton_defaults():
    html, js = render_js("MessageButton")
    outer = first(html, "div", id="wn")
    assert outer == {"id": "wn"}
    box = [a for t, a in tags(html) if t == "div" and a.get("id", "").startswith("proj_7_")][0]
    assert hidden(box) and js == {"messagebox_id": box["id"]}
    button = first(html, "button")
    assert button["type"] == "button"
    p = first(html, "p")
    assert "pre-line" in p["style"]
    a = first(html, "a", role="button")
    assert a["href"] == "/lib/no_javascript" and a["target"] == "_blank"
    assert "Please wait..." in text(html) and "Submit" in text(html)


def test_messagebutton_shown_with_get_fields_and_json():
    html, js = render_js("MessageButton", {"hide": False, "para_text": "Hi", "pre_line": False,
                                           "messagediv_class": "mdc", "x_class": "xc", "link_ident": "/p",
                                           "json_ident": "json", "get_field1": "a", "target": ""})
    assert not hidden(first(html, "div", cls="mdc"))
    first(html, "button", cls="xc")
    assert "style" not in first(html, "p")
    a = first(html, "a", role="button")
    assert query(a["href"]) == ("/p", [("ident", "IDENT"), ("wn:get_field1", "a"), ("csrf_token", "CSRF")])
    assert "target" not in a and js["json_url"] == "/json"
    assert text(render("MessageButton", {"link_ident": ""})) == "Warning: No link ident"


# ---- GeneralButtonTable1/2 ------------------------------------------------------------------

def test_general_button_table1_layout():
    html, js = render_js("GeneralButtonTable1", {
        "cols": [["/a", "json", "K1"], ["", "", "K2"]],
        "contents": [["A", "color:red", True, "g1"], ["B", "", True, "g2"], ["C", "", False, ""]],
        "odd_class": "od", "even_class": "ev", "button_class": "bc"})
    rows = find(html, "tr")
    assert [r.get("class") for r in rows] == ["od", "ev"]
    cells = find(html, "td")
    assert len(cells) == 4 and cells[0]["style"] == "color:red"
    buttons = find(html, "a", role="button", cls="bc")
    assert len(buttons) == 1
    assert query(buttons[0]["href"]) == ("/a", [("ident", "IDENT"), ("wn:contents", "g1"),
                                                ("csrf_token", "CSRF")])
    assert text(html) == "ABC"
    assert js["html_url"] == ["/a", None] and js["json_url"] == ["/json", None]
    assert js["keys"] == ["K1", "K2"] and js["dropurl"] is None


def test_general_button_table_drag_and_drop_rows_without_handlers():
    html, js = render_js("GeneralButtonTable2", {
        "cols": [["/a", ""]], "contents": [["A", "", True, ""], ["B", "", True, ""]],
        "dragrows": [[True, "d1"], [False, "d2"]], "droprows": [[False, ""], [True, "x2"]],
        "dropident": "json", "hide": True})
    table = first(html, "table", id="wn")
    assert hidden(table)
    rows = find(html, "tr")
    assert rows[0]["draggable"] == "true" and rows[0]["data-drag"] == "d1" and "data-drop" not in rows[0]
    assert "draggable" not in rows[1] and rows[1]["data-drop"] == "x2"
    assert js["dropurl"] == "/json" and "keys" not in js
    assert query(find(html, "a")[0]["href"]) == ("/a", [("ident", "IDENT"), ("csrf_token", "CSRF")])


def test_general_button_table_empty():
    assert render("GeneralButtonTable1") == '<table id="wn"></table>'


# ---- LinkTextBlockTable1/2 ------------------------------------------------------------------

def test_link_textblock_table1():
    html = render("LinkTextBlockTable1", {
        "link_ident": "target", "header_class": "hc", "odd_class": "od", "even_class": "ev",
        "col1_link_title": "Link", "col2_text_title": "About", "show_get_field2": False,
        "link_table": [["One", "a", "b", "tb.found", "", ""],
                       ["Two", "", "", "tb.missing", "fail text", ""],
                       ["", "c", "", "tb.found", "", "own text"],
                       ["Four", "", "", "tb.missing", "", ""]]})
    assert [r.get("class") for r in find(html, "tr")] == ["hc", "ev", "od", "ev", "od"]
    assert [t for t, _ in tags(html)].count("th") == 2
    anchors = find(html, "a")
    assert all(a["id"].startswith("proj_7_") for a in anchors) and len({a["id"] for a in anchors}) == 4
    assert query(anchors[0]["href"]) == ("/target", [("ident", "IDENT"), ("wn:show_get_field1", "a"),
                                                     ("csrf_token", "CSRF")])
    assert anchors[1]["href"] == "/target"
    assert "From &lt;the&gt; block<br />second line" in html
    assert "<td>fail text</td>" in html and "<td>own text</td>" in html
    assert ">?</a>" in html
    assert "failed to read textblocks with ref tb.missing" in html


def test_link_textblock_table1_without_link_and_without_titles():
    html = render("LinkTextBlockTable1", {"link_table": [["One", "", "", "", "", "t"]]})
    assert not find(html, "th") and not find(html, "a")
    assert "<span>Warning: broken link</span>" in html


def test_link_textblock_table2_has_a_text_column_and_default_style():
    html = render("LinkTextBlockTable2", {
        "link_ident": "/p", "col_textblock_title": "TB",
        "link_table": [["One", "a", "b", "middle <t>", "tb.found", "", ""]]})
    table = first(html, "table", id="wn")
    assert table["style"] == "border-spacing:0;border-collapse:collapse;"
    assert [t for t, _ in tags(html)].count("th") == 3
    assert "<td>middle &lt;t&gt;</td>" in html and "From &lt;the&gt; block" in html
    assert query(first(html, "a")["href"])[1][1:3] == [("wn:show_get_field1", "a"), ("wn:show_get_field2", "b")]
    html = render("LinkTextBlockTable2", {"widget_style": "color:red"})
    assert first(html, "table")["style"] == "color:red"


# ---- ListLinks ------------------------------------------------------------------------------

def test_list_links():
    html = render("ListLinks", {"li_class": "lc", "link_class": "ac", "target": "_blank",
                                "links": [["One", "target", "g1"], ["", "/two", ""], ["Bad", "", "x"]]})
    assert first(html, "ul", id="wn")
    assert [a.get("class") for t, a in tags(html) if t == "li"] == ["lc", "lc", "lc"]
    anchors = find(html, "a", cls="ac")
    assert query(anchors[0]["href"]) == ("/target", [("ident", "IDENT"), ("wn:links", "g1"),
                                                     ("csrf_token", "CSRF")])
    assert anchors[1]["href"] == "/two" and anchors[1]["target"] == "_blank"
    assert anchors[0]["id"] != anchors[1]["id"]
    assert text(html) == "One/twoWarning: broken link"
    html = render("ListLinks", {"force_ident": True, "links": [["One", "/p", ""]]})
    assert query(first(html, "a")["href"])[1] == [("ident", "IDENT"), ("csrf_token", "CSRF")]


# ---- button tables --------------------------------------------------------------------------

def test_table1_button():
    html, js = render_js("Table1_Button", {
        "title1": "Name", "header_class": "hc", "odd_class": "od", "even_class": "ev",
        "button_text": "Go", "button_class": "bc", "link_ident": "/p", "json_ident": "json",
        "contents": [["row1", "g1"], ["row2", ""]]})
    assert [r.get("class") for r in find(html, "tr")] == ["hc", "ev", "od"]
    assert "100%" in first(html, "th")["style"]
    buttons = find(html, "a", role="button", cls="bc")
    assert query(buttons[0]["href"]) == ("/p", [("ident", "IDENT"), ("wn:contents", "g1"), ("csrf_token", "CSRF")])
    assert query(buttons[1]["href"]) == ("/p", [("ident", "IDENT"), ("csrf_token", "CSRF")])
    assert text(html) == "Namerow1Gorow2Go"
    assert js == {"json_url": "/json"}


def test_table1_button_hidden_and_defaults():
    html = render("Table1_Button", {"hide": True, "maximize_text_col": False, "contents": [["r", "g"]]})
    assert hidden(first(html, "table", id="wn"))
    assert not find(html, "th") and "style" not in find(html, "td")[0]
    assert query(first(html, "a")["href"])[0] == "/lib/no_javascript"
    html = render("Table1_Button", {"link_ident": "", "contents": [["r", "g"]]})
    assert "<td>Warning: broken link</td>" in html


def test_table1_buttons4():
    html = render("Table1_Buttons4", {
        "link_ident1": "/p1", "link_ident2": "/p2", "link_ident4": "/p4", "btn_col3": False,
        "button_text1": "B1", "col0_classes": ["c0"],
        "contents": [["r1", "a", "b", "c", "d", True, False, True, True],
                     ["r2", "e", "", "", "h", False, True, True, False]]})
    rows = html.split("</tr>")[:-1]
    assert rows[0].count("<td") == 4      # text + columns 1, 2, 4
    assert first(html, "td", cls="c0")
    b = find(html, "a", role="button")
    assert [query(x["href"]) for x in b] == [
        ("/p1", [("ident", "IDENT"), ("wn:btn_col1", "a"), ("csrf_token", "CSRF")]),
        ("/p4", [("ident", "IDENT"), ("wn:btn_col4", "d"), ("csrf_token", "CSRF")]),
        ("/p2", [("ident", "IDENT"), ("csrf_token", "CSRF")]),
    ]
    assert text(html) == "r1B1/p4r2/p2"
    html = render("Table1_Buttons4", {"contents": [["r", "", "", "", "", True, True, True, True]]})
    assert text(html).count("Warning: broken link") == 4


def test_table1_links():
    html = render("Table1_Links", {
        "title2": "Links", "col1": ["a", "b", "c"], "col2": ["L1", "", "L3"],
        "col2_links": ["target", "/two"], "col2_getfields": ["g1"], "link_class": "lc",
        "link_style": "color:red", "col1_class": "c1", "col2_class": "c2"})
    assert [t for t, _ in tags(html)].count("th") == 2
    anchors = find(html, "a", cls="lc", style="color:red")
    assert query(anchors[0]["href"]) == ("/target", [("ident", "IDENT"), ("wn:col2_getfields", "g1"),
                                                     ("csrf_token", "CSRF")])
    assert anchors[1]["href"] == "/two" and len(anchors) == 2
    assert len(find(html, "td", cls="c1")) == 3
    assert text(html) == "Linksa" + "L1" + "b/two" + "cL3"


def test_table2_links_per_link_classes_and_json_urls():
    html, js = render_js("Table2_Links", {
        "col1": ["a", "b"], "col2": ["L1", "L2"], "col2_link_idents": ["/one", "/two"],
        "col2_json_idents": ["json", ""], "link_classes": ["k1", "k2"], "link_styles": ["s1"],
        "col2_getfields": ["", "g2"], "force_ident": True})
    anchors = find(html, "a")
    assert anchors[0]["class"] == "k1" and anchors[0]["style"] == "s1"
    assert anchors[1]["class"] == "k2" and "style" not in anchors[1]
    assert query(anchors[0]["href"]) == ("/one", [("ident", "IDENT"), ("csrf_token", "CSRF")])
    assert ("wn:col2_getfields", "g2") in query(anchors[1]["href"])[1]
    assert js == {"json_urls": ["/json", ""]}


def test_table2_button():
    html, js = render_js("Table2_Button", {
        "title1": "A", "title2": "B", "button_text": "Go", "json_ident": "json", "hide": True,
        "contents": [["x", "y", "g"]]})
    table = first(html, "table", id="wn")
    assert hidden(table)
    assert [t for t, _ in tags(html)].count("th") == 3
    td = find(html, "td")[2]
    assert "1%" in td["style"]
    assert query(first(html, "a", role="button")["href"]) == (
        "/lib/no_javascript", [("ident", "IDENT"), ("wn:contents", "g"), ("csrf_token", "CSRF")])
    assert js == {"json_url": "/json"}


def test_table3_buttons2():
    html, js = render_js("Table3_Buttons2", {
        "title3": "T3", "link_ident1": "/p1", "link_ident2": "/p2", "json_ident1": "json",
        "button_text1": "One", "button_wait_text1": "wait", "get_field1_2": False,
        "contents": [["a", "b", "c", "v11", "v12", "v21", "v22", True, True],
                     ["d", "e", "f", "w11", "w12", "w21", "w22", False, True]]})
    assert [t for t, _ in tags(html)].count("th") == 5
    b = find(html, "a", role="button")
    assert [query(x["href"]) for x in b] == [
        ("/p1", [("ident", "IDENT"), ("wn:get_field1_1", "v11"), ("csrf_token", "CSRF")]),
        ("/p2", [("ident", "IDENT"), ("wn:get_field2_1", "v21"), ("wn:get_field2_2", "v22"),
                 ("csrf_token", "CSRF")]),
        ("/p2", [("ident", "IDENT"), ("wn:get_field2_1", "w21"), ("wn:get_field2_2", "w22"),
                 ("csrf_token", "CSRF")]),
    ]
    assert text(html) == "T3abcOne/p2def/p2"
    assert js == {"json_url1": "/json", "button_wait_text1": "wait"}
    html = render("Table3_Buttons2", {"contents": [["a", "b", "c", "", "", "", "", True, False]]})
    assert "Warning: broken link" in text(html) and html.count("<td></td>") == 1


# ---- helpers --------------------------------------------------------------------------------

def test_escaped_url_keeps_only_genuine_markers():
    url = f"/p?a=<b>&ident={IDENT_MARK}&x=\x00&csrf_token={CSRF_MARK}"
    out = links._esc_url(url)
    assert out == f"/p?a=&lt;b&gt;&amp;ident={IDENT_MARK}&amp;x=&amp;csrf_token={CSRF_MARK}"


@pytest.mark.parametrize("name", CLASSES)
def test_hidden_by_show_false(name):
    assert render(name, {"show": False}) == ""
