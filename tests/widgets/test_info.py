"""info widgets: PageDescription, PageIdent, PageName, ProgressBar1, ProgressBar2, ProjectName,
Redirector, ServerTimeStamp, SkipoleVersion, Version."""

import re
import time
from html.parser import HTMLParser

import pytest

from skipole.widgets.base import (RenderContext, WidgetInstance, WidgetView, render_standalone, widget_class,
                                  widgets_in_module)

PAYLOAD = "<script>alert(1)</script>"


class _Ctx(RenderContext):
    """A project 'proj' serving page 3, with pages 3 (index) and 7 (label 'target')."""

    proj_ident = "proj"
    page_num = 3
    project_brief = "My project"
    project_version = "1.2.3"
    skipole_version = "5.6.3"
    PAGES = {"proj_3": ("proj,3", "index", "The home page"),
             "target": ("proj,7", "target", "A <target> page"),
             "proj_7": ("proj,7", "target", "A <target> page")}
    BLOCKS = {"info.redirect": "Going <there>\nnow"}

    def url(self, value):
        if value == "target":
            return "/target"
        return super().url(value)

    def page_info(self, value):
        return self.PAGES.get(value)

    def textblock(self, ref, project=None):
        return self.BLOCKS.get(ref)


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


def render(path, fields=None, ctx=None):
    return render_standalone(f"info.{path}", "wname", fields, ctx=ctx or _Ctx())


def render_js(path, fields=None):
    cls = widget_class(f"info.{path}")
    inst = WidgetInstance(cls, "wname", fields)
    view = WidgetView(inst, inst.name, inst.fields, _Ctx())
    return inst.impl.render(view), view.js_data


# ---- page information --------------------------------------------------------------------

def test_page_widgets_are_dynamic():
    for name in ("PageDescription", "PageIdent", "PageName", "ProjectName", "ServerTimeStamp",
                 "SkipoleVersion", "Version"):
        assert widget_class(f"info.{name}").dynamic, name


def test_page_widgets_show_the_current_page_by_default():
    assert render("PageName") == '<span id="wname">index</span>'
    assert render("PageIdent") == '<span id="wname">proj,3</span>'
    assert render("PageDescription") == '<span id="wname">The home page</span>'


def test_page_widgets_show_a_named_page_escaped():
    assert render("PageName", {"page_ident": "target"}) == '<span id="wname">target</span>'
    assert render("PageIdent", {"page_label": "target"}) == '<span id="wname">proj,7</span>'
    assert render("PageDescription", {"page_ident": "target"}) == \
        '<span id="wname">A &lt;target&gt; page</span>'


@pytest.mark.parametrize("path,field", [("PageName", "page_ident"), ("PageIdent", "page_label"),
                                        ("PageDescription", "page_ident")])
def test_page_widgets_unknown_page(path, field):
    html = render(path, {field: PAYLOAD})
    assert html == '<span id="wname">Unable to resolve the ident of &lt;script&gt;alert(1)&lt;/script&gt;</span>'


@pytest.mark.parametrize("path", ["PageName", "PageIdent", "PageDescription"])
def test_page_widgets_span_text_wins(path):
    html = render(path, {"span_text": PAYLOAD + "\nx", "widget_class": "wc"})
    assert html == '<span id="wname" class="wc">&lt;script&gt;alert(1)&lt;/script&gt;<br />x</span>'


def test_page_ident_without_page_information():
    # the standalone context knows no pages: the ident is made from the context
    assert render_standalone("info.PageIdent", "wname") == '<span id="wname">test,0</span>'
    assert render_standalone("info.PageName", "wname") == '<span id="wname"></span>'


def test_project_and_versions():
    assert render("ProjectName") == '<span id="wname">proj</span>'
    assert render("Version") == '<span id="wname">1.2.3</span>'
    assert render("SkipoleVersion", {"widget_class": "v"}) == '<span id="wname" class="v">5.6.3</span>'


def test_project_values_are_escaped():
    class Evil(_Ctx):
        proj_ident = PAYLOAD
        project_version = PAYLOAD
        skipole_version = PAYLOAD
    for path in ("ProjectName", "Version", "SkipoleVersion"):
        html = render(path, ctx=Evil())
        assert "<script" not in html and "&lt;script&gt;" in html


# ---- ProgressBar1 ------------------------------------------------------------------------

def test_progressbar1_defaults():
    html, js = render_js("ProgressBar1")
    (label,) = find(html, "label")
    (bar,) = find(html, "progress")
    assert label["for"] == bar["id"] and bar["id"]
    assert bar["max"] == "100" and bar["value"] == "0"
    assert "Progress:" in html and ">0%</progress>" in html
    assert js == {"progressident": bar["id"]}
    assert parse(html).tags[0] == ("div", {"id": "wname"})


def test_progressbar1_fields():
    html = render("ProgressBar1", {"label": "Load", "label_class": "lc", "label_style": "ls", "text": "30 %",
                                   "value": "30", "max": "200", "progress_class": "pc",
                                   "progress_style": "ps"})
    assert find(html, "label", class_="lc", style="ls")
    (bar,) = find(html, "progress", class_="pc", style="ps", max="200", value="30")
    assert ">30 %</progress>" in html


def test_progressbar1_no_label_and_no_max():
    html = render("ProgressBar1", {"label": "", "max": ""})
    assert not find(html, "label")
    assert "max" not in find(html, "progress")[0]


def test_progressbar1_escapes():
    html = render("ProgressBar1", {"label": PAYLOAD, "text": PAYLOAD, "value": '"><script>', "max": PAYLOAD})
    assert "<script" not in html
    assert find(html, "progress")[0]["value"] == '"><script>'


# ---- ProgressBar2 ------------------------------------------------------------------------

@pytest.mark.parametrize("value,width", [(None, 0), (45, 45), (150, 100), (-5, 0), ("60", 60)])
def test_progressbar2_width(value, width):
    fields = {"bar_class": "bc"} if value is None else {"value": value, "bar_class": "bc"}
    html = render("ProgressBar2", fields)
    assert html == f'<div id="wname"><div class="bc" style="height:24px;width:{width}%"></div></div>'


# ---- Redirector --------------------------------------------------------------------------

def test_redirector_without_url():
    html, js = render_js("Redirector")
    assert html == '<div id="wname"><p>Invalid URL given</p></div>'
    assert js == {}


def test_redirector_link_and_settings():
    html, js = render_js("Redirector", {"url": "http://x.com/a?b=1&c=2"})
    (a,) = find(html, "a")
    assert a["href"] == "http://x.com/a?b=1&c=2"
    assert "If this page does not redirect automatically, follow this link:<br />" in html
    assert js == {"url": "http://x.com/a?b=1&c=2"}
    assert "<script" not in html       # the redirect is done by the page's library, not inline


def test_redirector_resolves_labels():
    html, js = render_js("Redirector", {"url": "target"})
    assert find(html, "a")[0]["href"] == "/target" and js == {"url": "/target"}


def test_redirector_refuses_javascript():
    html, js = render_js("Redirector", {"url": "javascript:alert(1)"})
    assert html == '<div id="wname"><p>Invalid URL &quot;javascript:alert(1)&quot; has been given</p></div>'
    assert js == {}


def test_redirector_error_is_the_invalid_url():
    html = render("Redirector", {"url": "http://x.com", "show_error": PAYLOAD})
    assert parse(html).tags[0][1]["data-status"] == "error"
    assert "Invalid URL &quot;&lt;script&gt;" in html and "<script" not in html
    assert not find(html, "a")


def test_redirector_text_sources():
    base = {"url": "http://x.com"}
    html = render("Redirector", dict(base, textblock_ref="info.redirect"))
    assert "<p>Going &lt;there&gt;<br />now<br /><a" in html
    html = render("Redirector", dict(base, textblock_ref="info.redirect", linebreaks=False))
    assert "<p>Going &lt;there&gt;\nnow<br /><a" in html
    html = render("Redirector", dict(base, textblock_ref="missing", text_refnotfound="Not <found>"))
    assert "<p>Not &lt;found&gt;<br /><a" in html
    html = render("Redirector", dict(base, textblock_ref="info.redirect", text_replaceblock=PAYLOAD))
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;<br /><a" in html


def test_redirector_escapes_url():
    html = render("Redirector", {"url": 'http://x.com/"</script><b>'})
    assert "<script" not in html and "</script" not in html and "<b>" not in html
    assert find(html, "a")[0]["href"] == 'http://x.com/"</script><b>'


# ---- ServerTimeStamp ---------------------------------------------------------------------

def test_servertimestamp_shows_time():
    html = render("ServerTimeStamp", {"utc": True})
    text = "".join(parse(html).text)
    stamp = time.mktime(time.strptime(text, "%a %b %d %H:%M:%S %Y"))
    now = time.mktime(time.gmtime())
    assert abs(stamp - now) < 5


def test_servertimestamp_local_time_format():
    text = "".join(parse(render("ServerTimeStamp")).text)
    assert re.fullmatch(r"\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}", text)


def test_servertimestamp_timestamp_wins():
    assert render("ServerTimeStamp", {"timestamp": PAYLOAD}) == \
        '<span id="wname">&lt;script&gt;alert(1)&lt;/script&gt;</span>'


# ---- module ------------------------------------------------------------------------------

@pytest.mark.parametrize("cls", widgets_in_module("info"), ids=lambda c: c.__name__)
def test_no_inline_script_or_handlers(cls):
    fields = {n: PAYLOAD for n, f in cls.field_table.items() if f.ftype == "text"}
    html = render_standalone(cls, "wname", fields, ctx=_Ctx())
    assert "<script" not in html.lower()
    assert not re.search(r"\son\w+=", html)


def test_module_has_ten_widgets():
    assert len(widgets_in_module("info")) == 10
