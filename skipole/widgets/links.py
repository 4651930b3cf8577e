"""Links, buttons, tables of links and media: the widgets that take a visitor somewhere.

Every link here is a plain ``<a href>`` that works without JavaScript.  Links that carry
values (get fields) are built with ``WidgetView.link``, which adds the caller's ``ident`` and
the CSRF token; links without get fields carry the ident only when ``force_ident`` asks for it,
as skipole 5.x did.  Widgets that can call a JSON page instead (``json_ident``) record its URL
with ``w.js``: the browser library intercepts the click, and without JavaScript the link
leads to ``link_ident`` (usually the ``no_javascript`` page).  No inline scripts or event
attributes are written: hover images, drag and drop and show/hide targets are given to the
browser library as settings and ``data-*`` attributes.
"""

from ..render.html import CSRF_MARK, IDENT_MARK, attrs, esc, safe_url
from .base import ClosedWidget, Field, ListField, TableField, Widget

_BROKEN = "Warning: broken link"
_NO_IDENT = "Warning: No link ident"
_WIDE = "width : 100%;"
_NARROW = "width : 1%;"
_PRE_LINE = "white-space: pre-line;"
_TABLE_STYLE = "border-spacing:0;border-collapse:collapse;"


# ---- helpers ---------------------------------------------------------------------------------

def _esc_url(url):
    """Escape ``url`` for an attribute value, keeping the per-request ident and CSRF markers.

    Only the genuine markers that ``WidgetView.link`` inserted survive: any other NUL
    character (a forged marker from a value that did not pass through field coercion) is
    removed from the escaped pieces between them.
    """
    return CSRF_MARK.join(IDENT_MARK.join(esc(piece).replace("\x00", "") for piece in part.split(IDENT_MARK))
                          for part in str(url).split(CSRF_MARK))


def _href(url, name="href"):
    """`` href="…"`` for ``url`` ('' when there is no URL)."""
    return f' {name}="{_esc_url(url)}"' if url else ""


def _get_pairs(w, names):
    """``(form_name, value)`` pairs for the get fields ``names`` of this widget."""
    return [(w.form_name(n), w[n]) for n in names]


def _link(w, url_field, get_fields=(), *, force=False, always=False, is_field=True):
    """The URL a link leads to ('' when none is set).

    Get fields (``(form_name, value)`` pairs) and the caller ident are added when a get field
    has a value, ``force`` is set or ``always`` is set (buttons that always carry the ident).
    A refused URL (javascript: and the like) gives '#' and carries nothing.
    """
    url = w.url(url_field, is_field=is_field)
    if not url or url == "#":
        return url
    if always or force or any(v not in (None, "") for _, v in get_fields):
        return w.link(url_field, get_fields, is_field=is_field)
    return url


def _media_src(url):
    """A media URL made safe; refused URLs give '' (no source)."""
    url = safe_url(url)
    return "" if url == "#" else url


def _hide_style(style, hidden):
    if not hidden:
        return style
    return (style.rstrip("; ") + ";display:none;") if style else "display:none;"


def _outer_as(w, cls, *pairs, hidden=False):
    """The outer tag's attributes with ``cls`` in place of ``widget_class`` (error classes)."""
    style = _hide_style(w.get("widget_style", ""), hidden)
    out = attrs(*pairs) + attrs(("id", w.id), ("class", cls), ("style", style))
    if w.error:
        out += ' data-status="error"'
    return out


def _warning(w, text=_BROKEN):
    """What a link widget shows when it has nowhere to go: a warning span marked as an error.

    Like skipole 5.x, the span carries no id or class: it stands in for a widget that could
    not be drawn, and is not a target for JSON updates.
    """
    return f'<span data-status="error">{esc(text)}</span>'


def _row_class(w, number):
    """The class of table row ``number`` (counted from 1, header row included): odd or even."""
    return w["odd_class"] if number % 2 else w["even_class"]


def _lines(text):
    """Escaped text with line breaks shown as ``<br />``."""
    return "<br />".join(esc(line) for line in str(text).split("\n"))


def _cell(row, index, default=""):
    try:
        value = row[index]
    except (IndexError, TypeError):
        return default
    return default if value is None else value


def _text_of(value):
    return "" if value is None else str(value)


# ---- media ------------------------------------------------------------------------------------

class Audio1(Widget):
    """An audio player for sound files served by this project (or any URL).

    mp3_ident, wav_ident, ogg_ident: the ident, label or URL of the sound in each format; a
    ``<source>`` is written for each one given and the browser plays the first it supports.
    controls: show the player's controls.  play: start playing as soon as the page loads
    (a JSON update setting it to True starts playing).
    """

    FIELDS = (
        Field("mp3_ident", "url", help="Ident, label or URL of the mp3 file."),
        Field("wav_ident", "url", help="Ident, label or URL of the wav file."),
        Field("ogg_ident", "url", help="Ident, label or URL of the ogg file."),
        Field("controls", "boolean", default=True, help="Show the player's controls."),
        Field("play", "boolean", jsonset=True, help="Play on load; a JSON update to True plays it."),
    )
    _SOURCES = (("mp3_ident", "audio/mpeg"), ("wav_ident", "audio/wav"), ("ogg_ident", "audio/ogg"))

    def _src(self, w, field):
        url = w.url(field)
        return "" if url == "#" else url

    def render(self, w):
        sources = "".join(f'<source{attrs(src=src, type=mime)} />'
                          for src, mime in ((self._src(w, f), m) for f, m in self._SOURCES) if src)
        return f"<audio{w.outer()}{attrs(controls=w['controls'], autoplay=w['play'])}>{sources}</audio>"


class Audio2(Audio1):
    """An audio player whose sources are plain URLs, each settable by a JSON update.

    src_mp3, src_wav, src_ogg: the URL of the sound in each format (unsafe schemes are
    refused).  controls: show the player's controls.  play: start playing as soon as the page
    loads (a JSON update setting it to True starts playing).
    """

    FIELDS = (
        Field("src_mp3", "text", jsonset=True, help="URL of the mp3 file."),
        Field("src_wav", "text", jsonset=True, help="URL of the wav file."),
        Field("src_ogg", "text", jsonset=True, help="URL of the ogg file."),
        Field("controls", "boolean", default=True, help="Show the player's controls."),
        Field("play", "boolean", jsonset=True, help="Play on load; a JSON update to True plays it."),
    )
    _SOURCES = (("src_mp3", "audio/mpeg"), ("src_wav", "audio/wav"), ("src_ogg", "audio/ogg"))

    def _src(self, w, field):
        return _media_src(w[field])


# ---- single links and buttons -----------------------------------------------------------------

class ButtonLink1(Widget):
    """A link styled as a button, with up to four get fields.

    link_ident: the page (ident, label or URL) the button leads to.  get_field1 … get_field4:
    values sent with the link as ``widget:get_fieldN`` (with the caller's ident).
    button_text: the button's text (the URL when empty; settable by JSON).  hide: render it
    hidden (JSON can show it).  target: the link's target (``_blank`` for a new window).
    force_ident: send the caller's ident even with no get fields.  error_class: the button's
    class while an error is shown (an error also un-hides it).
    """

    error_display = True
    FIELDS = (
        Field("link_ident", "url", help="Ident, label or URL the button leads to."),
        Field("hide", "boolean", jsonset=True, help="Hide the button (JSON can show it)."),
        Field("get_field1", "text", valdt=True, help="Value sent as widget:get_field1."),
        Field("get_field2", "text", valdt=True, help="Value sent as widget:get_field2."),
        Field("get_field3", "text", valdt=True, help="Value sent as widget:get_field3."),
        Field("get_field4", "text", valdt=True, help="Value sent as widget:get_field4."),
        Field("button_text", "text", jsonset=True, help="The button text (the URL when empty)."),
        Field("error_class", "cssclass", help="Class of the button while an error is shown."),
        Field("target", "text", help="The link's target attribute, such as _blank."),
        Field("force_ident", "boolean", help="Send the caller's ident even with no get fields."),
    )

    def render(self, w):
        if w["error_class"]:
            w.js(error_class=w["error_class"])
        cls = (w["error_class"] or w["widget_class"]) if w.error else w["widget_class"]
        outer = _outer_as(w, cls, ("role", "button"), hidden=w["hide"] and not w.error)
        pairs = _get_pairs(w, ("get_field1", "get_field2", "get_field3", "get_field4"))
        url = _link(w, "link_ident", pairs, force=w["force_ident"])
        if not url:
            return f"<a{outer}>{esc(_BROKEN)}</a>"
        text = w["button_text"] or w.url("link_ident")
        return f"<a{outer}{_href(url)}{attrs(target=w['target'])}>{esc(text)}</a>"


class ButtonLink2(Widget):
    """A button link inside a div, with an error paragraph above it; it can call a JSON page.

    json_ident: a JSON page the browser library calls on click (the button shows
    button_wait_text meanwhile).  link_ident: where the link leads without JavaScript.
    get_field1, get_field2: values sent with the call as ``widget:get_fieldN`` (settable by
    JSON).  button_text (settable by JSON), button_class, button_style: the button.
    buttondiv_class, buttondiv_style: the div around the button.  error_class: the error
    paragraph's div, shown only while an error is shown.  hide: render the whole widget
    hidden (an error un-hides it).
    """

    error_display = True
    FIELDS = (
        Field("json_ident", "url", help="JSON page called on click when JavaScript runs."),
        Field("link_ident", "url", default="no_javascript", help="Where the link leads without JavaScript."),
        Field("hide", "boolean", jsonset=True, help="Hide the widget (JSON can show it)."),
        Field("button_text", "text", jsonset=True, default="Submit", help="The button text."),
        Field("button_wait_text", "text", default="Please wait...", help="Button text while waiting for the reply."),
        Field("button_class", "cssclass", help="CSS class of the button."),
        Field("button_style", "cssstyle", help="CSS style of the button."),
        Field("get_field1", "text", valdt=True, jsonset=True, help="Value sent as widget:get_field1."),
        Field("get_field2", "text", valdt=True, jsonset=True, help="Value sent as widget:get_field2."),
        Field("error_class", "cssclass", help="CSS class of the error paragraph's div."),
        Field("buttondiv_class", "cssclass", help="CSS class of the div around the button."),
        Field("buttondiv_style", "cssstyle", help="CSS style of the div around the button."),
    )

    def render(self, w):
        url = _link(w, "link_ident", _get_pairs(w, ("get_field1", "get_field2")), always=True)
        if not url:
            return _warning(w, _NO_IDENT)
        if w["json_ident"]:
            w.js(json_url=w.url("json_ident"))
        w.js(button_wait_text=w["button_wait_text"])
        errdiv = attrs(cls=w["error_class"], style="" if w.error else "display:none;")
        button = (f'<a role="button"{attrs(cls=w["button_class"], style=w["button_style"])}{_href(url)}>'
                  f'{esc(w["button_text"])}</a>')
        return (f'<div{w.outer(hidden=w["hide"] and not w.error)}>'
                f'<div{errdiv}><p>{esc(w.error)}</p></div>'
                f'<div{attrs(cls=w["buttondiv_class"], style=w["buttondiv_style"])}>{button}</div></div>')


class CloseButton(Widget):
    """A × button that closes (hides) a section or widget in the browser.

    target_section / target_widget: the section alias or widget name the browser library
    hides on click.  link_ident: without JavaScript the button is a link to this page, with
    get_field1 and get_field2 sent as ``widget:get_fieldN`` (the caller's ident always goes).
    """

    FIELDS = (
        Field("link_ident", "url", help="Page the button links to without JavaScript."),
        Field("get_field1", "text", valdt=True, help="Value sent as widget:get_field1."),
        Field("get_field2", "text", valdt=True, help="Value sent as widget:get_field2."),
        Field("target_section", "text", help="Alias of the section to hide or show."),
        Field("target_widget", "text", help="Name of the widget to hide or show."),
    )
    _SYMBOL = "&times;"

    def _label(self, w):
        return self._SYMBOL

    def _hidden(self, w):
        return False

    def render(self, w):
        if w["target_section"]:
            w.js(target_section=w["target_section"])
        if w["target_widget"]:
            w.js(target_widget=w["target_widget"])
        url = _link(w, "link_ident", _get_pairs(w, ("get_field1", "get_field2")), always=True)
        return f'<a{w.outer(("role", "button"), hidden=self._hidden(w))}{_href(url)}>{self._label(w)}</a>'


class OpenButton(CloseButton):
    """A ☰ (menu) button that opens (shows) a section or widget in the browser.

    target_section / target_widget: the section alias or widget name the browser library
    shows on click.  link_ident: without JavaScript the button is a link to this page, with
    get_field1 and get_field2 sent as ``widget:get_fieldN`` (the caller's ident always goes).
    """

    FIELDS = CloseButton.FIELDS
    _SYMBOL = "&#9776;"


class OpenButton2(CloseButton):
    """A button with text that opens (shows) a section or widget in the browser.

    content: the button text (settable by JSON).  hide: render the button hidden (JSON can
    show it).  target_section / target_widget: what the browser library shows on click.
    link_ident: without JavaScript the button is a link to this page, with get_field1 and
    get_field2 (settable by JSON) sent as ``widget:get_fieldN``.
    """

    FIELDS = (
        Field("link_ident", "url", help="Page the button links to without JavaScript."),
        Field("hide", "boolean", jsonset=True, help="Hide the button (JSON can show it)."),
        Field("get_field1", "text", valdt=True, jsonset=True, help="Value sent as widget:get_field1."),
        Field("get_field2", "text", valdt=True, jsonset=True, help="Value sent as widget:get_field2."),
        Field("target_section", "text", help="Alias of the section to show."),
        Field("target_widget", "text", help="Name of the widget to show."),
        Field("content", "text", jsonset=True, default="Open", help="The button text."),
    )

    def _label(self, w):
        return esc(w["content"])

    def _hidden(self, w):
        return w["hide"]


class ContainerLink1(Widget):
    """A link around whatever container 0 holds (text, an image, other widgets).

    link_ident: where the link leads.  get_field1, get_field2: values sent with the link as
    ``widget:get_fieldN`` (settable by JSON).  target: the link's target.  force_ident: send
    the caller's ident even with no get fields.
    """

    containers = 1
    FIELDS = (
        Field("link_ident", "url", help="Ident, label or URL the link leads to."),
        Field("get_field1", "text", valdt=True, jsonset=True, help="Value sent as widget:get_field1."),
        Field("get_field2", "text", valdt=True, jsonset=True, help="Value sent as widget:get_field2."),
        Field("target", "text", help="The link's target attribute, such as _blank."),
        Field("force_ident", "boolean", help="Send the caller's ident even with no get fields."),
    )

    def render(self, w):
        url = _link(w, "link_ident", _get_pairs(w, ("get_field1", "get_field2")), force=w["force_ident"])
        if not url:
            return _warning(w)
        return f"<a{w.outer()}{_href(url)}{attrs(target=w['target'])}>{w.container(0)}</a>"


class ContainerLink2(Widget):
    """A link around container 0 that calls a JSON page when JavaScript runs.

    json_ident: the JSON page the browser library calls on click.  link_ident: where the
    link leads without JavaScript.  get_field1, get_field2: values sent as
    ``widget:get_fieldN`` (settable by JSON); the caller's ident is always sent.
    """

    containers = 1
    FIELDS = (
        Field("json_ident", "url", help="JSON page called on click when JavaScript runs."),
        Field("link_ident", "url", default="no_javascript", help="Where the link leads without JavaScript."),
        Field("get_field1", "text", valdt=True, jsonset=True, help="Value sent as widget:get_field1."),
        Field("get_field2", "text", valdt=True, jsonset=True, help="Value sent as widget:get_field2."),
    )

    def render(self, w):
        url = _link(w, "link_ident", _get_pairs(w, ("get_field1", "get_field2")), always=True)
        if not url:
            return _warning(w, _NO_IDENT)
        if w["json_ident"]:
            w.js(json_url=w.url("json_ident"))
        return f"<a{w.outer()}{_href(url)}>{w.container(0)}</a>"


class IconLink(Widget):
    """A link around an inline SVG icon; container 0 holds the SVG parts (paths, shapes).

    link_ident: where the link leads.  get_field1, get_field2: values sent as
    ``widget:get_fieldN``.  target: the link's target.  force_ident: send the caller's ident
    even with no get fields.  svg_class, svg_style, svg_width, svg_height, svg_viewBox,
    svg_preserveAspectRatio: attributes of the ``<svg>`` tag.  transform: the transform of the
    group holding the container.
    """

    containers = 1
    FIELDS = (
        Field("link_ident", "url", help="Ident, label or URL the link leads to."),
        Field("get_field1", "text", valdt=True, help="Value sent as widget:get_field1."),
        Field("get_field2", "text", valdt=True, help="Value sent as widget:get_field2."),
        Field("svg_class", "cssclass", help="CSS class of the svg tag."),
        Field("svg_style", "cssstyle", help="CSS style of the svg tag."),
        Field("target", "text", help="The link's target attribute, such as _blank."),
        Field("force_ident", "boolean", help="Send the caller's ident even with no get fields."),
        Field("svg_width", "text", default="100", help="Width of the svg."),
        Field("svg_height", "text", default="100", help="Height of the svg."),
        Field("svg_viewBox", "text", help="The svg viewBox, such as '0 0 100 100'."),
        Field("svg_preserveAspectRatio", "text", help="The svg preserveAspectRatio attribute."),
        Field("transform", "text", help="Transform of the group holding the icon."),
    )

    def render(self, w):
        url = _link(w, "link_ident", _get_pairs(w, ("get_field1", "get_field2")), force=w["force_ident"])
        if not url:
            return _warning(w)
        svg = attrs(("class", w["svg_class"]), ("style", w["svg_style"]), ("width", w["svg_width"]),
                    ("height", w["svg_height"]), ("viewBox", w["svg_viewBox"]),
                    ("preserveAspectRatio", w["svg_preserveAspectRatio"]))
        return (f"<a{w.outer()}{_href(url)}{attrs(target=w['target'])}>"
                f"<svg{svg}><g{attrs(transform=w['transform'])}>{w.container(0)}</g></svg></a>")


class Image1(ClosedWidget):
    """An image.

    img_url: the image's URL (settable by JSON; unsafe schemes are refused).  width, height:
    its size.  alt: the text shown when the image cannot be.
    """

    FIELDS = (
        Field("img_url", "text", jsonset=True, help="URL of the image."),
        Field("width", "text", default="100", help="Width of the image."),
        Field("height", "text", default="100", help="Height of the image."),
        Field("alt", "text", help="Alternative text."),
    )

    def render(self, w):
        src = _media_src(w["img_url"])
        if not src:
            return _warning(w)
        return f"<img{w.outer()}{attrs(width=w['width'], height=w['height'], alt=w['alt'])}{_href(src, 'src')} />"


class ImageLink1(Widget):
    """An image that is a link; the image can change while the pointer hovers over it.

    link_ident: where the link leads.  img_ident: the image (ident, label or URL; without
    one the link shows its URL).  hover_img_ident: the image shown while hovering (swapped by
    the browser library).  width, height, align: the image's attributes.  target: the link's
    target.  get_field1 … get_field3: values sent as ``widget:get_fieldN``.  force_ident:
    send the caller's ident even with no get fields.
    """

    FIELDS = (
        Field("link_ident", "url", help="Ident, label or URL the link leads to."),
        Field("img_ident", "url", help="Ident, label or URL of the image."),
        Field("hover_img_ident", "url", help="Image shown while the pointer hovers."),
        Field("target", "text", help="The link's target attribute, such as _blank."),
        Field("width", "text", default="100", help="Width of the image."),
        Field("height", "text", default="100", help="Height of the image."),
        Field("align", "text", help="The image's align attribute."),
        Field("get_field1", "text", valdt=True, help="Value sent as widget:get_field1."),
        Field("get_field2", "text", valdt=True, help="Value sent as widget:get_field2."),
        Field("get_field3", "text", valdt=True, help="Value sent as widget:get_field3."),
        Field("force_ident", "boolean", help="Send the caller's ident even with no get fields."),
    )

    def render(self, w):
        pairs = _get_pairs(w, ("get_field1", "get_field2", "get_field3"))
        url = _link(w, "link_ident", pairs, force=w["force_ident"])
        if not url:
            return _warning(w)
        img = _media_src(w.url("img_ident"))
        hover = _media_src(w.url("hover_img_ident"))
        if img:
            if hover:
                w.js(img_src=img, hover_src=hover)
            content = (f"<img{attrs(width=w['width'], height=w['height'], align=w['align'])}"
                       f"{_href(img, 'src')}{_href(hover, 'data-hover-src')} />")
        else:
            content = esc(w.url("link_ident"))
        return f"<a{w.outer()}{attrs(target=w['target'])}{_href(url)}>{content}</a>"


class ImageOrTextLink(Widget):
    """A link showing text, or an image when there is no text; without a link, just the content.

    link_ident: where the link leads (without one, the text or image is shown in a span).
    link_text: the text shown.  img_link: the image shown when link_text is empty; width,
    height: its size.  get_field1 … get_field4: values sent as ``widget:get_fieldN``.
    target: the link's target.  force_ident: send the caller's ident even with no get fields.
    """

    FIELDS = (
        Field("link_ident", "url", help="Ident, label or URL the link leads to."),
        Field("img_link", "url", help="Ident, label or URL of the image."),
        Field("width", "text", default="100", help="Width of the image."),
        Field("height", "text", default="100", help="Height of the image."),
        Field("link_text", "text", help="The link text (shown instead of the image)."),
        Field("get_field1", "text", valdt=True, help="Value sent as widget:get_field1."),
        Field("get_field2", "text", valdt=True, help="Value sent as widget:get_field2."),
        Field("get_field3", "text", valdt=True, help="Value sent as widget:get_field3."),
        Field("get_field4", "text", valdt=True, help="Value sent as widget:get_field4."),
        Field("target", "text", help="The link's target attribute, such as _blank."),
        Field("force_ident", "boolean", help="Send the caller's ident even with no get fields."),
    )

    def render(self, w):
        pairs = _get_pairs(w, ("get_field1", "get_field2", "get_field3", "get_field4"))
        url = _link(w, "link_ident", pairs, force=w["force_ident"])
        img = _media_src(w.url("img_link"))
        if w["link_text"]:
            content = esc(w["link_text"])
        elif img:
            content = f"<img{_href(img, 'src')}{attrs(width=w['width'], height=w['height'])} />"
        else:
            content = esc(w.url("link_ident"))
        if not url:
            return f"<span{w.outer()}>{content}</span>"
        return f"<a{w.outer()}{_href(url)}{attrs(target=w['target'])}>{content}</a>"


class JSONButtonLink(Widget):
    """A button link that calls a JSON page when JavaScript runs, else follows link_ident.

    json_ident: the JSON page called on click (the button shows button_wait_text meanwhile).
    link_ident: where the link leads without JavaScript.  get_field1, get_field2: values sent
    as ``widget:get_fieldN`` (settable by JSON); the caller's ident is always sent.
    session_storage, local_storage: keys of browser storage values sent with the JSON call.
    button_text: the text (the URL when empty; settable by JSON).  hide: render it hidden
    (an error un-hides it).  error_class: the button's class while an error is shown.
    """

    error_display = True
    FIELDS = (
        Field("json_ident", "url", help="JSON page called on click when JavaScript runs."),
        Field("link_ident", "url", default="no_javascript", help="Where the link leads without JavaScript."),
        Field("hide", "boolean", jsonset=True, help="Hide the button (JSON can show it)."),
        Field("button_text", "text", jsonset=True, help="The button text (the URL when empty)."),
        Field("button_wait_text", "text", default="Please wait...", help="Button text while waiting for the reply."),
        Field("get_field1", "text", valdt=True, jsonset=True, help="Value sent as widget:get_field1."),
        Field("get_field2", "text", valdt=True, jsonset=True, help="Value sent as widget:get_field2."),
        Field("session_storage", "text", valdt=True, help="Session storage key whose value is sent with the call."),
        Field("local_storage", "text", valdt=True, help="Local storage key whose value is sent with the call."),
        Field("error_class", "cssclass", help="Class of the button while an error is shown."),
    )

    def render(self, w):
        cls = (w["error_class"] or w["widget_class"]) if w.error else w["widget_class"]
        outer = _outer_as(w, cls, ("role", "button"), hidden=w["hide"] and not w.error)
        url = _link(w, "link_ident", _get_pairs(w, ("get_field1", "get_field2")), always=True)
        if not url:
            return f"<a{outer}>{esc(_BROKEN)}</a>"
        settings = {"button_wait_text": w["button_wait_text"], "error_class": w["error_class"],
                    "session_storage": w["session_storage"], "local_storage": w["local_storage"],
                    "json_url": w.url("json_ident"), "html_url": w.url("link_ident")}
        w.js(**{k: v for k, v in settings.items() if v})
        text = w["button_text"] or w.url("link_ident")
        return f"<a{outer}{_href(url)}>{esc(text)}</a>"


class Link(Widget):
    """A plain text link.

    link_ident: where the link leads.  content: the link text (the URL when empty; settable
    by JSON).  get_field1, get_field2: values sent as ``widget:get_fieldN`` (settable by
    JSON).  target: the link's target.  force_ident: send the caller's ident even with no
    get fields.
    """

    FIELDS = (
        Field("link_ident", "url", help="Ident, label or URL the link leads to."),
        Field("get_field1", "text", valdt=True, jsonset=True, help="Value sent as widget:get_field1."),
        Field("get_field2", "text", valdt=True, jsonset=True, help="Value sent as widget:get_field2."),
        Field("content", "text", jsonset=True, help="The link text (the URL when empty)."),
        Field("target", "text", help="The link's target attribute, such as _blank."),
        Field("force_ident", "boolean", help="Send the caller's ident even with no get fields."),
    )

    def render(self, w):
        url = _link(w, "link_ident", _get_pairs(w, ("get_field1", "get_field2")), force=w["force_ident"])
        if not url:
            return _warning(w)
        text = w["content"] or w.url("link_ident")
        return f"<a{w.outer()}{_href(url)}{attrs(target=w['target'])}>{esc(text)}</a>"


class LinkToWidget(Widget):
    """A link to another element of the same page (``#name``).

    towidget: the name (HTML id) of the widget to jump to (settable by JSON).  content: the
    link text (``#name`` when empty; settable by JSON).
    """

    FIELDS = (
        Field("content", "text", jsonset=True, help="The link text."),
        Field("towidget", "text", jsonset=True, help="Name of the widget the link jumps to."),
    )

    def render(self, w):
        if not w["towidget"]:
            return _warning(w)
        fragment = "#" + w["towidget"]
        return f"<a{w.outer()}{attrs(href=fragment)}>{esc(w['content'] or fragment)}</a>"


class ListLinks(Widget):
    """A list (``<ul>``) of links.

    links: one row per link: [link text, ident/label/URL, get field value]; the value is sent
    as ``widget:links`` (with the caller's ident).  An empty text shows the URL.  li_class,
    link_class: classes of the items and links.  target: the links' target.  force_ident:
    send the caller's ident even with no get field.
    """

    FIELDS = (
        Field("li_class", "cssclass", help="CSS class of each list item."),
        Field("link_class", "cssclass", help="CSS class of each link."),
        Field("target", "text", help="The links' target attribute, such as _blank."),
        Field("force_ident", "boolean", help="Send the caller's ident even with no get field."),
        TableField("links", ("text", "url", "text"), valdt=True,
                   help="Rows of [link text, ident/label/URL, get field value]."),
    )

    def render(self, w):
        name = w.form_name("links")
        items = []
        for row in w["links"]:
            text, target, value = _cell(row, 0), _cell(row, 1), _cell(row, 2)
            url = _link(w, target, [(name, value)], force=w["force_ident"], is_field=False)
            if not url:
                items.append(f"<li{attrs(cls=w['li_class'])}><span>{esc(_BROKEN)}</span></li>")
                continue
            text = _text_of(text) or w.url(target, is_field=False)
            link = (f"<a{attrs(cls=w['link_class'], id=w.autoid())}{_href(url)}"
                    f"{attrs(target=w['target'])}>{esc(text)}</a>")
            items.append(f"<li{attrs(cls=w['li_class'])}>{link}</li>")
        return f"<ul{w.outer()}>{''.join(items)}</ul>"


class MessageButton(Widget):
    """A button link with a message box above it that can be shown while the call runs.

    The message box (para_text in an inner div with a × close button) is hidden while hide
    is True (the default); the browser library shows it on click and the × hides it.
    json_ident: a JSON page called on click when JavaScript runs.  link_ident: where the link
    leads otherwise, with get_field1 and get_field2 sent as ``widget:get_fieldN``.  target:
    the link's target (``_blank`` by default).  force_ident: send the caller's ident even
    with no get fields.  pre_line keeps line breaks of para_text.  The other fields style the
    message div, box, inner div, × div, × button, button div and button.
    """

    FIELDS = (
        Field("hide", "boolean", jsonset=True, default=True, help="Hide the message box."),
        Field("para_text", "text", jsonset=True, default="Please wait...", help="The message text."),
        Field("pre_line", "boolean", default=True, help="Keep line breaks of the message."),
        Field("messagediv_class", "cssclass", help="CSS class of the message div."),
        Field("boxdiv_class", "cssclass", help="CSS class of the box inside the message div."),
        Field("inner_class", "cssclass", help="CSS class of the div holding the text."),
        Field("inner_style", "cssstyle", help="CSS style of the div holding the text."),
        Field("xdiv_class", "cssclass", help="CSS class of the div holding the close button."),
        Field("xdiv_style", "cssstyle", help="CSS style of the div holding the close button."),
        Field("x_class", "cssclass", help="CSS class of the close button."),
        Field("link_ident", "url", default="no_javascript", help="Where the button leads."),
        Field("json_ident", "url", help="JSON page called on click when JavaScript runs."),
        Field("button_text", "text", default="Submit", help="The button text."),
        Field("button_class", "cssclass", help="CSS class of the button."),
        Field("buttondiv_class", "cssclass", help="CSS class of the div around the button."),
        Field("buttondiv_style", "cssstyle", help="CSS style of the div around the button."),
        Field("get_field1", "text", valdt=True, help="Value sent as widget:get_field1."),
        Field("get_field2", "text", valdt=True, help="Value sent as widget:get_field2."),
        Field("target", "text", default="_blank", help="The link's target attribute."),
        Field("force_ident", "boolean", help="Send the caller's ident even with no get fields."),
    )

    def render(self, w):
        url = _link(w, "link_ident", _get_pairs(w, ("get_field1", "get_field2")), force=w["force_ident"])
        if not url:
            return _warning(w, _NO_IDENT)
        box_id = w.autoid()
        w.js(messagebox_id=box_id)
        if w["json_ident"]:
            w.js(json_url=w.url("json_ident"))
        para = f"<p{attrs(style=_PRE_LINE if w['pre_line'] else '')}>{esc(w['para_text'])}</p>"
        box = (f"<div{attrs(id=box_id, cls=w['messagediv_class'], style=_hide_style('', w['hide']))}>"
               f"<div{attrs(cls=w['boxdiv_class'])}>"
               f"<div{attrs(cls=w['xdiv_class'], style=w['xdiv_style'])}>"
               f'<button type="button" aria-label="Close"{attrs(cls=w["x_class"])}>&times;</button></div>'
               f"<div{attrs(cls=w['inner_class'], style=w['inner_style'])}>{para}</div></div></div>")
        text = w["button_text"] or w.url("link_ident")
        button = (f'<a role="button"{attrs(cls=w["button_class"])}{_href(url)}{attrs(target=w["target"])}>'
                  f"{esc(text)}</a>")
        return (f"<div{w.outer()}>{box}"
                f"<div{attrs(cls=w['buttondiv_class'], style=w['buttondiv_style'])}>{button}</div></div>")


class ProjectiFrame(Widget):
    """An iframe showing the front page of another project served by the same application.

    project: the project's ident (the iframe is named after it).  width, height: its size.
    The page engine resolves the project's URL; an unknown project shows a warning.
    """

    FIELDS = (
        Field("project", "text", help="Ident of the project shown in the iframe."),
        Field("width", "text", default="800", help="Width of the iframe."),
        Field("height", "text", default="800", help="Height of the iframe."),
    )

    def render(self, w):
        project = w["project"]
        if not project:
            return _warning(w, "Warning: project for iframe is not given")
        lookup = getattr(w.ctx, "project_url", None)
        url = lookup(project) if callable(lookup) else None
        url = safe_url(url) if url else ""
        if not url or url == "#":
            return _warning(w, f"Warning: project {project} for iframe has not been found")
        return (f"<iframe{w.outer()}{attrs(width=w['width'], height=w['height'], name=project)}"
                f"{_href(url, 'src')}></iframe>")


# ---- tables of links and buttons -------------------------------------------------------------

class _GeneralButtonTable(Widget):
    """Shared rendering of GeneralButtonTable1 and 2 (not a widget itself)."""

    _HAS_KEYS = False

    def render(self, w):
        cols = w["cols"]
        ncols = len(cols)
        html_urls = [w.url(_cell(c, 0), is_field=False) or None for c in cols]
        json_urls = [w.url(_cell(c, 1), is_field=False) or None for c in cols]
        settings = {"json_url": json_urls, "html_url": html_urls, "dropurl": w.url("dropident") or None,
                    "even_class": w["even_class"], "odd_class": w["odd_class"], "button_class": w["button_class"]}
        if self._HAS_KEYS:
            settings["keys"] = [_text_of(_cell(c, 2)) for c in cols]
        w.js(**settings)
        name = w.form_name("contents")
        contents = w["contents"]
        rows = []
        if ncols:
            for number, start in enumerate(range(0, len(contents), ncols), start=1):
                cells = []
                for col in range(ncols):
                    item = contents[start + col] if start + col < len(contents) else ["", "", False, ""]
                    text, style = _text_of(_cell(item, 0)), _text_of(_cell(item, 1))
                    url = ""
                    if _cell(item, 2, False) and html_urls[col]:
                        url = _link(w, _cell(cols[col], 0), [(name, _cell(item, 3))], always=True,
                                    is_field=False)
                    if url:
                        inner = (f'<a role="button"{attrs(cls=w["button_class"])}{_href(url)}>'
                                 f"{esc(text)}</a>")
                    else:
                        inner = esc(text)
                    cells.append(f"<td{attrs(style=style)}>{inner}</td>")
                rows.append(f"<tr{self._row_attrs(w, number)}>{''.join(cells)}</tr>")
        return f"<table{w.outer(hidden=w['hide'])}>{''.join(rows)}</table>"

    @staticmethod
    def _row_attrs(w, number):
        drag = _cell(w["dragrows"], number - 1, None)
        drop = _cell(w["droprows"], number - 1, None)
        pairs = [("class", _row_class(w, number))]
        if drag and _cell(drag, 0, False):
            pairs += [("style", "cursor:move;"), ("draggable", "true"), ("data-drag", _text_of(_cell(drag, 1)))]
        if drop and _cell(drop, 0, False):
            pairs.append(("data-drop", _text_of(_cell(drop, 1))))
        return attrs(*pairs)


class GeneralButtonTable1(_GeneralButtonTable):
    """A table of text cells and buttons, with rows that can be dragged and dropped.

    cols: one row per column: [page ident/URL, JSON page ident/URL, key]; the key is given
    to the browser library with the column's settings.  contents: the cells, read across the
    columns row by row: [text, cell style, is a button, get field value]; a button links to
    its column's page with the value sent as ``widget:contents`` (the caller's ident always
    goes), and calls its column's JSON page when JavaScript runs.  dragrows, droprows: per
    row [allowed, value]: draggable rows and drop targets; a drop calls dropident with both
    values (browser library only).  even_class, odd_class: row classes.  button_class: the
    buttons' class.  hide: render the table hidden (JSON can show it).
    """

    _HAS_KEYS = True
    FIELDS = (
        TableField("dragrows", ("boolean", "text"), valdt=True, jsonset=True,
                   help="Per row: [draggable, value sent when dragged]."),
        TableField("droprows", ("boolean", "text"), valdt=True, jsonset=True,
                   help="Per row: [accepts drops, value sent when dropped on]."),
        Field("dropident", "url", help="JSON page called when a row is dropped."),
        TableField("cols", ("url", "url", "text"), valdt=True,
                   help="Per column: [page ident/URL, JSON page ident/URL, key]."),
        Field("even_class", "cssclass", help="CSS class of even rows."),
        Field("odd_class", "cssclass", help="CSS class of odd rows."),
        Field("hide", "boolean", jsonset=True, help="Hide the table (JSON can show it)."),
        Field("button_class", "cssclass", help="CSS class of the buttons."),
        TableField("contents", ("text", "text", "boolean", "text"), valdt=True, jsonset=True,
                   help="Cells: [text, style, is a button, get field value]."),
    )


class GeneralButtonTable2(_GeneralButtonTable):
    """A table of text cells and buttons, with rows that can be dragged and dropped.

    cols: one row per column: [page ident/URL, JSON page ident/URL].  contents: the cells,
    read across the columns row by row: [text, cell style, is a button, get field value]; a
    button links to its column's page with the value sent as ``widget:contents`` (the
    caller's ident always goes), and calls its column's JSON page when JavaScript runs.
    dragrows, droprows: per row [allowed, value]: draggable rows and drop targets; a drop
    calls dropident with both values (browser library only).  even_class, odd_class: row
    classes.  button_class: the buttons' class.  hide: render the table hidden.
    """

    FIELDS = (
        TableField("dragrows", ("boolean", "text"), valdt=True, jsonset=True,
                   help="Per row: [draggable, value sent when dragged]."),
        TableField("droprows", ("boolean", "text"), valdt=True, jsonset=True,
                   help="Per row: [accepts drops, value sent when dropped on]."),
        Field("dropident", "url", help="JSON page called when a row is dropped."),
        TableField("cols", ("url", "url"), help="Per column: [page ident/URL, JSON page ident/URL]."),
        Field("even_class", "cssclass", help="CSS class of even rows."),
        Field("odd_class", "cssclass", help="CSS class of odd rows."),
        Field("hide", "boolean", jsonset=True, help="Hide the table (JSON can show it)."),
        Field("button_class", "cssclass", help="CSS class of the buttons."),
        TableField("contents", ("text", "text", "boolean", "text"), valdt=True, jsonset=True,
                   help="Cells: [text, style, is a button, get field value]."),
    )


class _LinkTextBlockTable(Widget):
    """Shared rendering of LinkTextBlockTable1 and 2 (not a widget itself)."""

    _TITLES = ()
    _TEXT_COLS = ()       # plain text columns after the link
    _REF = 3               # column of the TextBlock reference (then fail text, then text)

    def _textblock_cell(self, w, row):
        ref = _text_of(_cell(row, self._REF))
        failtext = _text_of(_cell(row, self._REF + 1))
        text = _text_of(_cell(row, self._REF + 2))
        if text:
            return _lines(text)
        found = w.textblock(ref, None) if ref else None
        if found is not None:
            return _lines(found)
        if failtext:
            return _lines(failtext)
        return esc(f"failed to read textblocks with ref {ref}") if ref else ""

    def render(self, w):
        titles = [w[t] for t in self._TITLES]
        rows = []
        number = 0
        if any(titles):
            number = 1
            rows.append(f"<tr{attrs(cls=w['header_class'])}>"
                        f"{''.join(f'<th>{esc(t)}</th>' for t in titles)}</tr>")
        names = (w.form_name("show_get_field1"), w.form_name("show_get_field2"))
        shown = (w["show_get_field1"], w["show_get_field2"])
        for row in w["link_table"]:
            number += 1
            pairs = [(n, _cell(row, i + 1)) for i, (n, on) in enumerate(zip(names, shown, strict=True)) if on]
            url = _link(w, "link_ident", pairs, force=w["force_ident"])
            if url:
                link = f"<a{attrs(id=w.autoid())}{_href(url)}>{esc(_text_of(_cell(row, 0)) or '?')}</a>"
            else:
                link = f"<span>{esc(_BROKEN)}</span>"
            cells = [f"<td>{link}</td>"]
            cells += [f"<td>{esc(_cell(row, i))}</td>" for i in self._TEXT_COLS]
            cells.append(f"<td>{self._textblock_cell(w, row)}</td>")
            rows.append(f"<tr{attrs(cls=_row_class(w, number))}>{''.join(cells)}</tr>")
        return f"<table{w.outer()}>{''.join(rows)}</table>"


class LinkTextBlockTable1(_LinkTextBlockTable):
    """A two-column table: a link in each row, and a TextBlock (or text) beside it.

    link_table: one row per line: [link text, get field 1 value, get field 2 value, TextBlock
    reference, text shown when the TextBlock is not found, text shown instead of the
    TextBlock].  Every link leads to link_ident; when show_get_field1 / show_get_field2 are
    set the row's values are sent as ``widget:show_get_field1`` / ``widget:show_get_field2``.
    force_ident: send the caller's ident even with no get fields.  col1_link_title,
    col2_text_title: column titles (the header row shows when one is given), styled by
    header_class.  even_class, odd_class: row classes.
    """

    _TITLES = ("col1_link_title", "col2_text_title")
    FIELDS = (
        Field("link_ident", "url", help="Ident, label or URL every link leads to."),
        Field("header_class", "cssclass", help="CSS class of the header row."),
        Field("even_class", "cssclass", help="CSS class of even rows."),
        Field("odd_class", "cssclass", help="CSS class of odd rows."),
        Field("col1_link_title", "text", help="Title of the link column."),
        Field("col2_text_title", "text", help="Title of the text column."),
        Field("show_get_field1", "boolean", valdt=True, default=True,
              help="Send each row's first value as widget:show_get_field1."),
        Field("show_get_field2", "boolean", valdt=True, default=True,
              help="Send each row's second value as widget:show_get_field2."),
        TableField("link_table", ("text", "text", "text", "textblock_ref", "text", "text"),
                   help="Rows: [link text, get field 1, get field 2, TextBlock ref, fail text, text]."),
        Field("force_ident", "boolean", help="Send the caller's ident even with no get fields."),
    )


class LinkTextBlockTable2(_LinkTextBlockTable):
    """A three-column table: a link, a text and a TextBlock (or text) in each row.

    link_table: one row per line: [link text, get field 1 value, get field 2 value, text,
    TextBlock reference, text shown when the TextBlock is not found, text shown instead of
    the TextBlock].  Every link leads to link_ident; when show_get_field1 / show_get_field2
    are set the row's values are sent as ``widget:show_get_field1`` /
    ``widget:show_get_field2``.  force_ident: send the caller's ident even with no get
    fields.  col_link_title, col_text_title, col_textblock_title: column titles (the header
    row shows when one is given), styled by header_class.  even_class, odd_class: row classes.
    """

    _TITLES = ("col_link_title", "col_text_title", "col_textblock_title")
    _TEXT_COLS = (3,)
    _REF = 4
    FIELDS = (
        Field("widget_style", "cssstyle", jsonset=True, default=_TABLE_STYLE,
              help="CSS style of the table."),
        Field("link_ident", "url", help="Ident, label or URL every link leads to."),
        Field("header_class", "cssclass", help="CSS class of the header row."),
        Field("even_class", "cssclass", help="CSS class of even rows."),
        Field("odd_class", "cssclass", help="CSS class of odd rows."),
        Field("col_link_title", "text", help="Title of the link column."),
        Field("col_text_title", "text", help="Title of the text column."),
        Field("col_textblock_title", "text", help="Title of the TextBlock column."),
        Field("show_get_field1", "boolean", valdt=True, default=True,
              help="Send each row's first value as widget:show_get_field1."),
        Field("show_get_field2", "boolean", valdt=True, default=True,
              help="Send each row's second value as widget:show_get_field2."),
        TableField("link_table", ("text", "text", "text", "text", "textblock_ref", "text", "text"),
                   help="Rows: [link text, get field 1, get field 2, text, TextBlock ref, fail text, text]."),
        Field("force_ident", "boolean", help="Send the caller's ident even with no get fields."),
    )


def _button(w, url, text):
    """A button link cell's content: the button, or the broken-link warning."""
    if not url:
        return esc(_BROKEN)
    return f'<a role="button"{attrs(cls=w["button_class"])}{_href(url)}>{esc(text)}</a>'


class Table1_Button(Widget):
    """A table of text rows, each with a button.

    contents: one row per line: [text, get field value]; each button links to link_ident
    with the value sent as ``widget:contents`` (the caller's ident always goes), and calls
    json_ident when JavaScript runs.  button_text: the buttons' text (the URL when empty);
    button_class: their class.  title1: the text column's title (the header row shows when
    given), styled by header_class.  maximize_text_col: the text column takes the width.
    even_class, odd_class: row classes.  hide: render the table hidden (JSON can show it).
    """

    FIELDS = (
        Field("header_class", "cssclass", help="CSS class of the header row."),
        Field("even_class", "cssclass", help="CSS class of even rows."),
        Field("odd_class", "cssclass", help="CSS class of odd rows."),
        Field("maximize_text_col", "boolean", default=True, help="The text column takes the table's width."),
        Field("hide", "boolean", jsonset=True, help="Hide the table (JSON can show it)."),
        Field("title1", "text", help="Title of the text column."),
        Field("button_class", "cssclass", help="CSS class of the buttons."),
        Field("button_text", "text", help="Text of the buttons (the URL when empty)."),
        Field("link_ident", "url", default="no_javascript", help="Where the buttons lead."),
        Field("json_ident", "url", help="JSON page the buttons call when JavaScript runs."),
        TableField("contents", ("text", "text"), valdt=True, help="Rows: [text, get field value]."),
    )

    def render(self, w):
        if w["json_ident"]:
            w.js(json_url=w.url("json_ident"))
        wide = _WIDE if w["maximize_text_col"] else ""
        rows = []
        number = 0
        if w["title1"]:
            number = 1
            rows.append(f"<tr{attrs(cls=w['header_class'])}><th{attrs(style=wide)}>{esc(w['title1'])}</th>"
                        "<th></th></tr>")
        name = w.form_name("contents")
        text = w["button_text"] or w.url("link_ident")
        for row in w["contents"]:
            number += 1
            url = _link(w, "link_ident", [(name, _cell(row, 1))], always=True)
            rows.append(f"<tr{attrs(cls=_row_class(w, number))}><td{attrs(style=wide)}>{esc(_cell(row, 0))}</td>"
                        f"<td>{_button(w, url, text)}</td></tr>")
        return f"<table{w.outer(hidden=w['hide'])}>{''.join(rows)}</table>"


class Table1_Buttons4(Widget):
    """A table of text rows with up to four button columns.

    contents: one row per line: [text, value 1, value 2, value 3, value 4, show button 1,
    show button 2, show button 3, show button 4].  Button column N (shown when btn_colN is
    set) links to link_identN with the row's value N sent as ``widget:btn_colN`` (the
    caller's ident always goes); a row shows the button only when its show flag is set.
    button_textN: the text (the URL when empty); button_class: the buttons' class.
    col0_classes: a class per row for the text cell.  maximize_text_col: the text column
    takes the width.  even_class, odd_class: row classes.
    """

    FIELDS = (
        Field("even_class", "cssclass", help="CSS class of even rows."),
        Field("odd_class", "cssclass", help="CSS class of odd rows."),
        Field("maximize_text_col", "boolean", default=True, help="The text column takes the table's width."),
        Field("button_class", "cssclass", help="CSS class of the buttons."),
        Field("button_text1", "text", help="Text of the buttons in column 1."),
        Field("link_ident1", "url", help="Where the buttons of column 1 lead."),
        Field("btn_col1", "boolean", valdt=True, default=True, help="Show button column 1 (value sent as widget:btn_col1)."),
        Field("button_text2", "text", help="Text of the buttons in column 2."),
        Field("link_ident2", "url", help="Where the buttons of column 2 lead."),
        Field("btn_col2", "boolean", valdt=True, default=True, help="Show button column 2 (value sent as widget:btn_col2)."),
        Field("button_text3", "text", help="Text of the buttons in column 3."),
        Field("link_ident3", "url", help="Where the buttons of column 3 lead."),
        Field("btn_col3", "boolean", valdt=True, default=True, help="Show button column 3 (value sent as widget:btn_col3)."),
        Field("button_text4", "text", help="Text of the buttons in column 4."),
        Field("link_ident4", "url", help="Where the buttons of column 4 lead."),
        Field("btn_col4", "boolean", valdt=True, default=True, help="Show button column 4 (value sent as widget:btn_col4)."),
        TableField("contents", ("text", "text", "text", "text", "text", "boolean", "boolean", "boolean", "boolean"),
                   help="Rows: [text, value 1-4, show button 1-4]."),
        ListField("col0_classes", "cssclass", help="A CSS class per row for the text cell."),
    )

    def render(self, w):
        wide = _WIDE if w["maximize_text_col"] else ""
        columns = [n for n in (1, 2, 3, 4) if w[f"btn_col{n}"]]
        classes = w["col0_classes"]
        rows = []
        for index, row in enumerate(w["contents"]):
            cls = classes[index] if index < len(classes) else ""
            cells = [f"<td{attrs(cls=cls, style=wide)}>{esc(_cell(row, 0))}</td>"]
            for n in columns:
                if not _cell(row, 4 + n, False):
                    cells.append("<td></td>")
                    continue
                url = _link(w, f"link_ident{n}", [(w.form_name(f"btn_col{n}"), _cell(row, n))], always=True)
                text = w[f"button_text{n}"] or w.url(f"link_ident{n}")
                cells.append(f"<td>{_button(w, url, text)}</td>")
            rows.append(f"<tr{attrs(cls=_row_class(w, index + 1))}>{''.join(cells)}</tr>")
        return f"<table{w.outer()}>{''.join(rows)}</table>"


class Table1_Links(Widget):
    """A two-column table: text, and a link in the second column.

    col1: the first column's texts (one per row).  col2: the link texts (the URL when
    empty).  col2_links: each row's link (ident, label or URL; without one the text is shown
    plain).  col2_getfields: each row's value sent as ``widget:col2_getfields``.
    force_ident: send the caller's ident even with no get field.  title1, title2: column
    titles (the header row shows when one is given), styled by header_class.  col1_class,
    col2_class: cell classes; link_class, link_style: the links.  even_class, odd_class:
    row classes.
    """

    FIELDS = (
        Field("header_class", "cssclass", help="CSS class of the header row."),
        Field("even_class", "cssclass", help="CSS class of even rows."),
        Field("odd_class", "cssclass", help="CSS class of odd rows."),
        Field("link_class", "cssclass", help="CSS class of the links."),
        Field("link_style", "cssstyle", help="CSS style of the links."),
        Field("title1", "text", help="Title of the first column."),
        Field("title2", "text", help="Title of the link column."),
        ListField("col1", "text", help="Texts of the first column."),
        ListField("col2", "text", help="Link texts of the second column."),
        ListField("col2_links", "url", help="Idents, labels or URLs of the links."),
        ListField("col2_getfields", "text", valdt=True, help="Values sent as widget:col2_getfields."),
        Field("col1_class", "cssclass", help="CSS class of the first column's cells."),
        Field("col2_class", "cssclass", help="CSS class of the second column's cells."),
        Field("force_ident", "boolean", help="Send the caller's ident even with no get field."),
    )

    def _link_attrs(self, w, index):
        return attrs(cls=w["link_class"], style=w["link_style"])

    def _links(self, w):
        return w["col2_links"]

    def _header(self, w):
        if not (w["title1"] or w["title2"]):
            return ""
        return (f"<tr{attrs(cls=w['header_class'])}><th>{esc(w['title1'])}</th>"
                f"<th>{esc(w['title2'])}</th></tr>")

    def render(self, w):
        header = self._header(w)
        number = 1 if header else 0
        rows = [header]
        name = w.form_name("col2_getfields")
        links, texts, values = self._links(w), w["col2"], w["col2_getfields"]
        for index, first in enumerate(w["col1"]):
            number += 1
            target = _cell(links, index)
            text = _text_of(_cell(texts, index))
            url = _link(w, target, [(name, _cell(values, index))], force=w["force_ident"], is_field=False)
            if url:
                text = text or w.url(target, is_field=False)
                second = f"<a{self._link_attrs(w, index)}{_href(url)}>{esc(text)}</a>"
            else:
                second = esc(text)
            rows.append(f"<tr{attrs(cls=_row_class(w, number))}><td{attrs(cls=w['col1_class'])}>{esc(first)}</td>"
                        f"<td{attrs(cls=w['col2_class'])}>{second}</td></tr>")
        return f"<table{w.outer()}>{''.join(rows)}</table>"


class Table2_Links(Table1_Links):
    """A two-column table: text, and a link in the second column that can call a JSON page.

    col1: the first column's texts (one per row).  col2: the link texts (the URL when
    empty).  col2_link_idents: each row's link (without one the text is shown plain).
    col2_json_idents: each row's JSON page, called instead when JavaScript runs.
    col2_getfields: each row's value sent as ``widget:col2_getfields``.  force_ident: send
    the caller's ident even with no get field.  link_classes, link_styles: a class and style
    per link.  title1, title2: column titles (the header row shows when one is given),
    styled by header_class.  col1_class, col2_class: cell classes.  even_class, odd_class:
    row classes.
    """

    FIELDS = (
        Field("header_class", "cssclass", help="CSS class of the header row."),
        Field("even_class", "cssclass", help="CSS class of even rows."),
        Field("odd_class", "cssclass", help="CSS class of odd rows."),
        ListField("link_classes", "cssclass", help="A CSS class per link."),
        ListField("link_styles", "cssstyle", help="A CSS style per link."),
        Field("title1", "text", help="Title of the first column."),
        Field("title2", "text", help="Title of the link column."),
        ListField("col1", "text", help="Texts of the first column."),
        ListField("col2", "text", help="Link texts of the second column."),
        ListField("col2_link_idents", "url", help="Idents, labels or URLs of the links."),
        ListField("col2_json_idents", "url", help="JSON pages the links call when JavaScript runs."),
        ListField("col2_getfields", "text", valdt=True, help="Values sent as widget:col2_getfields."),
        Field("col1_class", "cssclass", help="CSS class of the first column's cells."),
        Field("col2_class", "cssclass", help="CSS class of the second column's cells."),
        Field("force_ident", "boolean", help="Send the caller's ident even with no get field."),
    )

    def _link_attrs(self, w, index):
        return attrs(cls=_cell(w["link_classes"], index), style=_cell(w["link_styles"], index))

    def _links(self, w):
        return w["col2_link_idents"]

    def render(self, w):
        jsons = w["col2_json_idents"]
        w.js(json_urls=[w.url(_cell(jsons, i), is_field=False) for i in range(len(w["col1"]))])
        return super().render(w)


class Table2_Button(Widget):
    """A table of two text columns with a button in each row.

    contents: one row per line: [text, text, get field value]; each button links to
    link_ident with the value sent as ``widget:contents`` (the caller's ident always goes),
    and calls json_ident when JavaScript runs.  button_text: the buttons' text (the URL when
    empty); button_class: their class.  title1, title2: column titles (the header row shows
    when one is given), styled by header_class.  even_class, odd_class: row classes.  hide:
    render the table hidden (JSON can show it).
    """

    FIELDS = (
        Field("header_class", "cssclass", help="CSS class of the header row."),
        Field("even_class", "cssclass", help="CSS class of even rows."),
        Field("odd_class", "cssclass", help="CSS class of odd rows."),
        Field("hide", "boolean", jsonset=True, help="Hide the table (JSON can show it)."),
        Field("title1", "text", help="Title of the first column."),
        Field("title2", "text", help="Title of the second column."),
        Field("button_class", "cssclass", help="CSS class of the buttons."),
        Field("button_text", "text", help="Text of the buttons (the URL when empty)."),
        Field("link_ident", "url", default="no_javascript", help="Where the buttons lead."),
        Field("json_ident", "url", help="JSON page the buttons call when JavaScript runs."),
        TableField("contents", ("text", "text", "text"), valdt=True,
                   help="Rows: [text, text, get field value]."),
    )

    def render(self, w):
        if w["json_ident"]:
            w.js(json_url=w.url("json_ident"))
        rows = []
        number = 0
        if w["title1"] or w["title2"]:
            number = 1
            rows.append(f"<tr{attrs(cls=w['header_class'])}><th>{esc(w['title1'])}</th>"
                        f"<th>{esc(w['title2'])}</th><th></th></tr>")
        name = w.form_name("contents")
        text = w["button_text"] or w.url("link_ident")
        for row in w["contents"]:
            number += 1
            url = _link(w, "link_ident", [(name, _cell(row, 2))], always=True)
            rows.append(f"<tr{attrs(cls=_row_class(w, number))}><td>{esc(_cell(row, 0))}</td>"
                        f"<td>{esc(_cell(row, 1))}</td>"
                        f"<td{attrs(style=_NARROW)}>{_button(w, url, text)}</td></tr>")
        return f"<table{w.outer(hidden=w['hide'])}>{''.join(rows)}</table>"


class Table3_Buttons2(Widget):
    """A table of three text columns and two button columns.

    contents: one row per line: [text, text, text, value 1_1, value 1_2, value 2_1,
    value 2_2, show button 1, show button 2].  Button N links to link_identN and sends the
    row's values as ``widget:get_fieldN_1`` / ``widget:get_fieldN_2`` when get_fieldN_1 /
    get_fieldN_2 are set (the caller's ident always goes); it calls json_identN instead when
    JavaScript runs, showing button_wait_textN meanwhile.  button_textN: the text (the URL
    when empty); button_class: the buttons' class.  title1 … title3: column titles (the
    header row shows when one is given), styled by header_class.  even_class, odd_class:
    row classes.
    """

    FIELDS = (
        Field("header_class", "cssclass", help="CSS class of the header row."),
        Field("even_class", "cssclass", help="CSS class of even rows."),
        Field("odd_class", "cssclass", help="CSS class of odd rows."),
        Field("title1", "text", help="Title of the first column."),
        Field("title2", "text", help="Title of the second column."),
        Field("title3", "text", help="Title of the third column."),
        Field("button_class", "cssclass", help="CSS class of the buttons."),
        Field("link_ident1", "url", help="Where the first buttons lead."),
        Field("json_ident1", "url", help="JSON page the first buttons call when JavaScript runs."),
        Field("button_text1", "text", help="Text of the first buttons."),
        Field("button_wait_text1", "text", help="Text of a first button while waiting for the reply."),
        Field("get_field1_1", "boolean", valdt=True, default=True, help="First buttons send value 1_1."),
        Field("get_field1_2", "boolean", valdt=True, default=True, help="First buttons send value 1_2."),
        Field("link_ident2", "url", help="Where the second buttons lead."),
        Field("json_ident2", "url", help="JSON page the second buttons call when JavaScript runs."),
        Field("button_text2", "text", help="Text of the second buttons."),
        Field("button_wait_text2", "text", help="Text of a second button while waiting for the reply."),
        Field("get_field2_1", "boolean", valdt=True, default=True, help="Second buttons send value 2_1."),
        Field("get_field2_2", "boolean", valdt=True, default=True, help="Second buttons send value 2_2."),
        TableField("contents", ("text", "text", "text", "text", "text", "text", "text", "boolean", "boolean"),
                   help="Rows: [text, text, text, value 1_1, 1_2, 2_1, 2_2, show button 1, show button 2]."),
    )

    def render(self, w):
        settings = {"json_url1": w.url("json_ident1"), "json_url2": w.url("json_ident2"),
                    "button_wait_text1": w["button_wait_text1"], "button_wait_text2": w["button_wait_text2"]}
        w.js(**{k: v for k, v in settings.items() if v})
        rows = []
        number = 0
        titles = (w["title1"], w["title2"], w["title3"])
        if any(titles):
            number = 1
            rows.append(f"<tr{attrs(cls=w['header_class'])}>{''.join(f'<th>{esc(t)}</th>' for t in titles)}"
                        "<th></th><th></th></tr>")
        for row in w["contents"]:
            number += 1
            cells = [f"<td>{esc(_cell(row, i))}</td>" for i in (0, 1, 2)]
            for n in (1, 2):
                if not _cell(row, 6 + n, False):
                    cells.append("<td></td>")
                    continue
                pairs = [(w.form_name(f"get_field{n}_{k}"), _cell(row, 2 * n + k))
                         for k in (1, 2) if w[f"get_field{n}_{k}"]]
                url = _link(w, f"link_ident{n}", pairs, always=True)
                text = w[f"button_text{n}"] or w.url(f"link_ident{n}")
                cells.append(f"<td{attrs(style=_NARROW)}>{_button(w, url, text)}</td>")
            rows.append(f"<tr{attrs(cls=_row_class(w, number))}>{''.join(cells)}</tr>")
        return f"<table{w.outer()}>{''.join(rows)}</table>"


__all__ = [
    "Audio1", "Audio2", "ButtonLink1", "ButtonLink2", "CloseButton", "ContainerLink1", "ContainerLink2",
    "GeneralButtonTable1", "GeneralButtonTable2", "IconLink", "Image1", "ImageLink1", "ImageOrTextLink",
    "JSONButtonLink", "Link", "LinkTextBlockTable1", "LinkTextBlockTable2", "LinkToWidget", "ListLinks",
    "MessageButton", "OpenButton", "OpenButton2", "ProjectiFrame", "Table1_Button", "Table1_Buttons4",
    "Table1_Links", "Table2_Button", "Table2_Links", "Table3_Buttons2",
]
