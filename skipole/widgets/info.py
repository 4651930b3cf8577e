"""Information about the site and the request: page names and idents, versions, time, progress.

Most of these read the render context (the page being served, the project's version, the
clock), so they are ``dynamic``: rendered for every request, never cached.  The Redirector
is the body of the redirector system page: it sends the browser on to a URL.
"""

import time

from ..render.html import attrs, esc
from .base import Field, Widget


def _br(text):
    """Escape ``text`` and show its line breaks as ``<br />``."""
    return esc(text).replace("\r\n", "\n").replace("\n", "<br />")


def _page_info(w, value):
    """``(ident_string, name, brief)`` of the page ``value`` names, the current page if empty."""
    ctx = w.ctx
    if value in (None, ""):
        return ctx.page_info(f"{ctx.proj_ident}_{ctx.page_num}")
    return ctx.page_info(value)


class _PageSpan(Widget):
    """Shared by the page-information spans: span_text, or one item of the page's info."""

    dynamic = True
    page_field = "page_ident"
    item = 1

    def fallback(self, w):
        return ""

    def render(self, w):
        text = w["span_text"]
        if not text:
            value = w[self.page_field]
            info = _page_info(w, value)
            if info is not None:
                text = info[self.item]
            elif value:
                text = f"Unable to resolve the ident of {value}"
            else:
                text = self.fallback(w)
        return f"<span{w.outer()}>{_br(text)}</span>"


class PageDescription(_PageSpan):
    """A span showing the brief description of a page.

    page_ident: the page (ident or label) whose description is shown; empty means the page
    being served.  span_text: when set (for example by JSON), shown instead.
    """

    FIELDS = (
        Field("page_ident", "text", help="Page ident or label; empty for the current page."),
        Field("span_text", "text", jsonset=True, help="Text shown instead of the description."),
    )
    item = 2


class PageIdent(_PageSpan):
    """A span showing the ident of a page, such as ``myproj,12``.

    page_label: the page (label or ident) whose ident is shown; empty means the page being
    served.  span_text: when set (for example by JSON), shown instead.
    """

    FIELDS = (
        Field("page_label", "text", help="Page label or ident; empty for the current page."),
        Field("span_text", "text", jsonset=True, help="Text shown instead of the ident."),
    )
    page_field = "page_label"
    item = 0

    def fallback(self, w):
        return f"{w.ctx.proj_ident},{w.ctx.page_num}"


class PageName(_PageSpan):
    """A span showing the name of a page.

    page_ident: the page (ident or label) whose name is shown; empty means the page being
    served.  span_text: when set (for example by JSON), shown instead.
    """

    FIELDS = (
        Field("page_ident", "text", help="Page ident or label; empty for the current page."),
        Field("span_text", "text", jsonset=True, help="Text shown instead of the page name."),
    )
    item = 1


class ProgressBar1(Widget):
    """A labelled ``<progress>`` bar.

    label: the label text (default "Progress:"; empty leaves the label out); label_class,
    label_style style it.  value and max: the progress element's value (default 0) and
    maximum (default 100; empty leaves it out); text: the text browsers without progress
    bars show (default "0%").  value and text are settable by JSON.  progress_class and
    progress_style style the bar.
    """

    FIELDS = (
        Field("label", "text", default="Progress:", help="The label text."),
        Field("label_class", "cssclass", help="CSS class of the label."),
        Field("label_style", "cssstyle", help="CSS style of the label."),
        Field("text", "text", jsonset=True, default="0%", help="Fallback text inside the progress element."),
        Field("value", "text", jsonset=True, default="0", help="The progress value."),
        Field("max", "text", default="100", help="The maximum value."),
        Field("progress_class", "cssclass", help="CSS class of the progress bar."),
        Field("progress_style", "cssstyle", help="CSS style of the progress bar."),
    )

    def render(self, w):
        pid = w.autoid()
        w.js(progressident=pid)
        label = ""
        if w["label"]:
            label = (f"<label{attrs(('for', pid), cls=w['label_class'], style=w['label_style'])}>"
                     f"{_br(w['label'])}</label>")
        progress = (f"<progress{attrs(id=pid, cls=w['progress_class'], style=w['progress_style'])}"
                    f"{attrs(max=w['max'], value=w['value'])}>{_br(w['text'])}</progress>")
        return f"<div{w.outer()}>{label}{progress}</div>"


class ProgressBar2(Widget):
    """A progress bar drawn as a div whose width is a percentage of its container.

    value: the percentage, 0 to 100 (values outside are clamped; settable by JSON).
    bar_class: the CSS class of the bar (give it a background colour).
    """

    FIELDS = (
        Field("value", "integer", jsonset=True, help="Percentage filled, 0 to 100."),
        Field("bar_class", "cssclass", help="CSS class of the bar."),
    )

    def render(self, w):
        value = max(0, min(100, w["value"]))
        return (f"<div{w.outer()}><div{attrs(cls=w['bar_class'], style=f'height:24px;width:{value}%')}>"
                f"</div></div>")


class ProjectName(Widget):
    """A span showing the name (ident) of the project serving the page."""

    dynamic = True

    def render(self, w):
        return f"<span{w.outer()}>{esc(w.ctx.proj_ident)}</span>"


class Redirector(Widget):
    """Sends the browser on to another URL; the body of the redirector system page.

    url: the target (URL, page ident or label).  With JavaScript the browser goes there at
    once (the page's script reads the target from the widget's settings: no inline script);
    without it the widget shows a paragraph with a link to the target.
    The paragraph's text is text_replaceblock if set, otherwise the TextBlock textblock_ref,
    or text_refnotfound when that TextBlock does not exist, or a standard sentence.
    linebreaks shows line breaks of the text as line breaks.
    An empty, unknown or unsafe (javascript:) url shows an "Invalid URL" message instead;
    an error sent to the widget is shown as the invalid URL.
    """

    error_display = True
    FIELDS = (
        Field("url", "text", help="The URL, page ident or label to go to."),
        Field("textblock_ref", "textblock_ref", help="TextBlock with the text above the link."),
        Field("text_refnotfound", "text", help="Text used when the TextBlock is not found."),
        Field("text_replaceblock", "text", help="Text used instead of the TextBlock."),
        Field("linebreaks", "boolean", default=True, help="Show line breaks of the text."),
    )

    def render(self, w):
        value = w["url"]
        url = ""
        if value not in (None, ""):
            url = w.url("url")
            if url == "#" and str(value).strip() != "#":
                url = ""
        if w.error:
            para = f"Invalid URL &quot;{esc(w.error)}&quot; has been given"
        elif value in (None, ""):
            para = "Invalid URL given"
        elif not url:
            para = f"Invalid URL &quot;{esc(value)}&quot; has been given"
        else:
            w.js(url=url)
            text = w["text_replaceblock"]
            if not text:
                text = w.textblock(w["textblock_ref"], default=None)
                if text is None:
                    text = (w["text_refnotfound"] if w["textblock_ref"] else "") or \
                        "If this page does not redirect automatically, follow this link:"
            text = _br(text) if w["linebreaks"] else esc(text)
            para = f"{text}<br /><a{attrs(href=url)}>{esc(url)}</a>"
        return f"<div{w.outer()}><p>{para}</p></div>"


class ServerTimeStamp(Widget):
    """A span showing the server's time when the page was made, like ``Wed Nov 25 18:29:29 2026``.

    timestamp: when set (for example by JSON) it is shown instead; utc: True shows UTC,
    False the server's local time.
    """

    dynamic = True
    FIELDS = (
        Field("timestamp", "text", jsonset=True, help="Text shown instead of the server time."),
        Field("utc", "boolean", help="Show UTC rather than local time."),
    )

    def render(self, w):
        text = w["timestamp"] or time.asctime(time.gmtime() if w["utc"] else time.localtime())
        return f"<span{w.outer()}>{_br(text)}</span>"


class SkipoleVersion(Widget):
    """A span showing the version of skipole serving the page."""

    dynamic = True

    def render(self, w):
        return f"<span{w.outer()}>{esc(w.ctx.skipole_version)}</span>"


class Version(Widget):
    """A span showing the project's version."""

    dynamic = True

    def render(self, w):
        return f"<span{w.outer()}>{esc(w.ctx.project_version)}</span>"
