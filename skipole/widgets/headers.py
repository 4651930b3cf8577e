"""Page titles and navigation: headings with a subtitle, bars and lists of navigation buttons, tabs.

These are the widgets a page's top area is usually made of.  The navigation widgets take a
table of links (URL or page ident/label, text, whether to send the caller's ident, and an
optional get field), so one widget instance can be filled with a whole menu per request.
"""

import re
from urllib.parse import quote

from ..render.html import CSRF_MARK, IDENT_MARK, attrs, esc
from .base import Field, ListField, TableField, Widget

#: Tags a HeadText may use: elements that simply hold text.  Anything else falls back to h1.
_TEXT_TAGS = frozenset((
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "header", "footer", "section",
    "article", "aside", "nav", "main", "strong", "em", "b", "i", "u", "s", "small", "big", "mark",
    "label", "legend", "caption", "figcaption", "blockquote", "pre", "code", "li", "dt", "dd",
    "summary", "address", "q", "cite", "abbr", "time", "sub", "sup", "del", "ins", "kbd", "samp",
))

#: URLs that leave the site: links to them never carry our CSRF token.
_EXTERNAL = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//)")


def _br(text):
    """Escape ``text`` and show its line breaks as ``<br />`` (as the original does)."""
    return esc(text).replace("\r\n", "\n").replace("\n", "<br />")


def _error_div(w):
    """The error box: a div (error_class) holding a paragraph, hidden while there is no error."""
    style = "" if w.error else "display:none;"
    return f"<div{attrs(cls=w['error_class'], style=style)}><p>{_br(w.error)}</p></div>"


def _row_url(w, value):
    """The resolved URL of a link cell; '' when empty, unresolvable or refused (javascript:)."""
    if value in (None, ""):
        return ""
    url = w.url(value, is_field=False)
    if url == "#" and str(value).strip() != "#":
        return ""
    return url


def _keep_marks(text):
    """Escape ``text`` but keep the ident / CSRF markers (``esc`` would remove their NULs)."""
    return IDENT_MARK.join(CSRF_MARK.join(esc(p) for p in part.split(CSRF_MARK))
                           for part in text.split(IDENT_MARK))


def _href(w, value, url, get_fields=()):
    """The escaped href of a link to ``value`` (resolved to ``url``) with the ident and fields.

    Local links are made with ``w.link`` (ident, fields, CSRF token); links to another site
    carry the ident and the fields but never the CSRF token.  ``esc`` removes NUL characters,
    which would destroy the markers the render engine fills per request, so only the query
    part built here (whose values are URL-quoted) keeps them; the URL itself is escaped.
    """
    if _EXTERNAL.match(url):
        parts = [f"ident={IDENT_MARK}"]
        parts += [f"{quote(str(n), safe=':-_')}={quote(str(v), safe='')}"
                  for n, v in get_fields if v not in (None, "")]
        full = f"{url}{'&' if '?' in url else '?'}{'&'.join(parts)}"
    else:
        full = w.link(value, get_fields, is_field=False)
    if not full.startswith(url):           # never expected: escape everything
        return esc(full)
    return esc(url) + _keep_marks(full[len(url):])


def _a_href(href):
    """`` href="…"`` from an already escaped value ('' when empty)."""
    return f' href="{href}"' if href else ""


def _nav_links(w, rows):
    """``(escaped href, text)`` for each usable row of a nav_links table (url, text, force_ident, get_field).

    A row whose URL is empty, unknown or refused is left out.  The caller's ident is added
    when force_ident is set or a get field is given; the get field is sent as
    ``widget:nav_links``.
    """
    name = w.form_name("nav_links")
    out = []
    for row in rows:
        row = list(row) + [""] * (4 - len(row))
        value, text, force, get_field = row[:4]
        url = _row_url(w, value)
        if not url:
            continue
        if force or get_field not in (None, ""):
            href = _href(w, value, url, [(name, get_field)])
        else:
            href = esc(url)
        out.append((href, text))
    return out


_NAV_LINKS_HELP = ("Rows of (URL or page ident/label, link text, True to send the caller's ident, "
                   "get field value sent as widget:nav_links).")


class DropDownButton1(Widget):
    """A button that reveals a drop-down list of links (the showing is done by CSS/JS).

    nav_links: one row per link: the target (URL, page ident or label), the link text, True
    to add the calling page's ident to the link, and an optional value sent with the link as
    the get field ``widget:nav_links``.  Rows whose target is empty or unsafe are left out.
    button_text: the text of the button (default "Links"); button_class, button_style style
    it; div_class styles the div holding the links; link_class each link.
    """

    FIELDS = (
        TableField("nav_links", ("url", "text", "boolean", "text"), valdt=True, help=_NAV_LINKS_HELP),
        Field("button_class", "cssclass", help="CSS class of the button."),
        Field("button_style", "cssstyle", help="CSS style of the button."),
        Field("button_text", "text", default="Links", help="The text of the button."),
        Field("div_class", "cssclass", help="CSS class of the div holding the links."),
        Field("link_class", "cssclass", help="CSS class of each link."),
    )

    def render(self, w):
        links = "".join(f"<a{attrs(cls=w['link_class'])}{_a_href(href)}>{_br(text)}</a>"
                        for href, text in _nav_links(w, w["nav_links"]))
        button = (f"<button{attrs(type='button', cls=w['button_class'], style=w['button_style'])}>"
                  f"{_br(w['button_text'])}</button>")
        return f"<div{w.outer()}>{button}<div{attrs(cls=w['div_class'])}>{links}</div></div>"


class HeadText(Widget):
    """A heading: the text inside a tag (h1 by default).

    tag: the tag name, such as h1 … h6, p or div (settable by JSON); an unknown or unsafe tag
    name gives h1.  large_text: the text shown (escaped; settable by JSON).
    """

    FIELDS = (
        Field("tag", "text", jsonset=True, default="h1", help="The tag name, h1 by default."),
        Field("large_text", "text", jsonset=True, help="The text of the heading."),
    )

    def render(self, w):
        tag = str(w["tag"] or "").strip().lower()
        if tag not in _TEXT_TAGS:
            tag = "h1"
        return f"<{tag}{w.outer()}>{_br(w['large_text'])}</{tag}>"


class HeaderErrorPara(Widget):
    """A paragraph that shows an error message, typically placed in the page header.

    hide: while True (the default) the paragraph is hidden unless it shows an error; JSON
    can toggle it.  The error text is the paragraph's content.
    """

    error_display = True
    FIELDS = (
        Field("hide", "boolean", jsonset=True, default=True,
              help="Hide the paragraph while no error is shown."),
    )

    def render(self, w):
        hidden = w["hide"] and not w.error
        return f"<p{w.outer(hidden=hidden)}>{_br(w.error)}</p>"


class _HeaderText(Widget):
    """Shared by HeaderText1 … HeaderText6, which differ only in the heading level."""

    level = 1
    error_display = True
    FIELDS = (
        Field("large_text", "text", jsonset=True, help="The heading text."),
        Field("small_text", "text", jsonset=True, help="The text of the paragraph under the heading."),
        Field("show_error", "text", jsonset=True, help="An error message shown under the heading."),
        Field("error_class", "cssclass", help="CSS class of the div that shows an error."),
        Field("h_style", "cssstyle", help="CSS style of the heading."),
        Field("p_style", "cssstyle", help="CSS style of the paragraph."),
        Field("h_class", "cssclass", help="CSS class of the heading."),
        Field("p_class", "cssclass", help="CSS class of the paragraph."),
    )

    def render(self, w):
        h = f"h{self.level}"
        return (f"<div{w.outer()}>"
                f"<{h}{attrs(cls=w['h_class'], style=w['h_style'])}>{_br(w['large_text'])}</{h}>"
                f"<p{attrs(cls=w['p_class'], style=w['p_style'])}>{_br(w['small_text'])}</p>"
                f"{_error_div(w)}</div>")


_HEADER_DOC = """A heading (h{n}) with a paragraph under it, and an error box below them.

    large_text: the heading; small_text: the paragraph (both escaped, settable by JSON).
    h_class, h_style, p_class, p_style style them.  An error is shown in a div of class
    error_class under the paragraph (hidden while there is no error).
    """


class HeaderText1(_HeaderText):
    __doc__ = _HEADER_DOC.format(n=1)
    level = 1
    FIELDS = _HeaderText.FIELDS


class HeaderText2(_HeaderText):
    __doc__ = _HEADER_DOC.format(n=2)
    level = 2
    FIELDS = _HeaderText.FIELDS


class HeaderText3(_HeaderText):
    __doc__ = _HEADER_DOC.format(n=3)
    level = 3
    FIELDS = _HeaderText.FIELDS


class HeaderText4(_HeaderText):
    __doc__ = _HEADER_DOC.format(n=4)
    level = 4
    FIELDS = _HeaderText.FIELDS


class HeaderText5(_HeaderText):
    __doc__ = _HEADER_DOC.format(n=5)
    level = 5
    FIELDS = _HeaderText.FIELDS


class HeaderText6(_HeaderText):
    __doc__ = _HEADER_DOC.format(n=6)
    level = 6
    FIELDS = _HeaderText.FIELDS


class NavButtons1(Widget):
    """A list (ul) of navigation buttons, with an error box above it.

    nav_links: one row per button: the target (URL, page ident or label), the button text,
    True to add the calling page's ident, and an optional value sent as the get field
    ``widget:nav_links``.  Rows whose target is empty or unsafe are left out.
    button_class styles each link, li_class each list item, ul_class the list; an error is
    shown above the list in a div of class error_class.
    """

    error_display = True
    FIELDS = (
        TableField("nav_links", ("url", "text", "boolean", "text"), valdt=True, help=_NAV_LINKS_HELP),
        Field("button_class", "cssclass", help="CSS class of each button link."),
        Field("li_class", "cssclass", help="CSS class of each list item."),
        Field("ul_class", "cssclass", help="CSS class of the list."),
        Field("error_class", "cssclass", help="CSS class of the div that shows an error."),
    )

    def render(self, w):
        items = "".join(
            f"<li{attrs(cls=w['li_class'])}><a{attrs(role='button', cls=w['button_class'])}{_a_href(href)}>"
            f"{_br(text)}</a></li>"
            for href, text in _nav_links(w, w["nav_links"]))
        return f"<div{w.outer()}>{_error_div(w)}<ul{attrs(cls=w['ul_class'])}>{items}</ul></div>"


class NavButtons2(Widget):
    """A row of navigation buttons (links) in a div; nothing is shown when there are no links.

    nav_links: one row per button: the target (URL, page ident or label), the button text,
    True to add the calling page's ident, and an optional value sent as the get field
    ``widget:nav_links``.  button_class and button_style style each button.
    """

    FIELDS = (
        TableField("nav_links", ("url", "text", "boolean", "text"), valdt=True, help=_NAV_LINKS_HELP),
        Field("button_class", "cssclass", help="CSS class of each button link."),
        Field("button_style", "cssstyle", help="CSS style of each button link."),
    )

    def render(self, w):
        if not w["nav_links"]:
            return ""
        links = "".join(
            f"<a{attrs(role='button', cls=w['button_class'], style=w['button_style'])}{_a_href(href)}>"
            f"{_br(text)}</a>"
            for href, text in _nav_links(w, w["nav_links"]))
        return f"<div{w.outer()}>{links}</div>"


class NavButtons3(Widget):
    """A row of buttons (links) all calling the same page, each with its own get fields.

    link_ident: the page (or URL) every button links to; json_ident: with JavaScript, a click
    calls this JSON page instead and applies the reply to the page.  Without link_ident the
    buttons link to the no_javascript page.
    button_text: the text of each button (one button per item); get_field1, get_field2: the
    values each button sends as ``widget:get_field1`` / ``widget:get_field2`` (empty values
    are not sent); button_classes: the CSS class of each button; button_style: the CSS style
    of every button.  The lists are settable by JSON.
    """

    FIELDS = (
        Field("link_ident", "url", help="Page or URL the buttons link to."),
        Field("json_ident", "url", help="JSON page called by a click when JavaScript is on."),
        ListField("button_text", "text", jsonset=True, help="The text of each button."),
        ListField("get_field1", "text", valdt=True, jsonset=True, help="First get field value of each button."),
        ListField("get_field2", "text", valdt=True, jsonset=True, help="Second get field value of each button."),
        ListField("button_classes", "text", jsonset=True, help="CSS class of each button."),
        Field("button_style", "cssstyle", help="CSS style of every button."),
    )

    def render(self, w):
        link_url = _row_url(w, w["link_ident"])
        json_url = _row_url(w, w["json_ident"])
        if json_url:
            w.js(jsonurl=json_url)
        if link_url:
            w.js(linkurl=link_url)
        nojs_url = "" if link_url else _row_url(w, "no_javascript")
        f1, f2, classes = w["get_field1"], w["get_field2"], w["button_classes"]
        n1, n2 = w.form_name("get_field1"), w.form_name("get_field2")
        links = []
        for i, text in enumerate(w["button_text"]):
            if link_url:
                pairs = [(n1, f1[i] if i < len(f1) else ""), (n2, f2[i] if i < len(f2) else "")]
                href = _href(w, w["link_ident"], link_url, pairs)
            else:
                href = _href(w, "no_javascript", nojs_url) if nojs_url else ""
            cls = classes[i] if i < len(classes) else ""
            links.append(f"<a{attrs(role='button', style=w['button_style'], cls=cls)}{_a_href(href)}>"
                         f"{_br(text)}</a>")
        return f"<div{w.outer()}>{''.join(links)}</div>"


class TabButtons1(Widget):
    """A row of tab buttons; with JavaScript, a click shows one section and hides the others.

    tabs: one row per tab: the button text and the HTML id of the part the tab shows.
    hide_class: the class given to the parts that are hidden; button_class, button_style
    style every button; onclick_addclass is added to the active button and
    onclick_removeclass to the others; active_button: the index (from 0) of the active tab,
    settable by JSON.  Without JavaScript every part stays visible.  Nothing is shown when
    there are no tabs.
    """

    FIELDS = (
        TableField("tabs", ("text", "text"), help="Rows of (button text, id of the part the tab shows)."),
        Field("hide_class", "cssclass", help="CSS class given to the hidden parts."),
        Field("button_class", "cssclass", help="CSS class of every button."),
        Field("button_style", "cssstyle", help="CSS style of every button."),
        Field("onclick_addclass", "cssstyle", help="CSS class added to the active button."),
        Field("onclick_removeclass", "cssstyle", help="CSS class given to the other buttons."),
        Field("active_button", "integer", jsonset=True, help="Index (from 0) of the active tab."),
    )

    def render(self, w):
        tabs = [list(row) + [""] * (2 - len(row)) for row in w["tabs"]]
        if not tabs:
            return ""
        ids = [str(row[1]) for row in tabs]
        settings = {"display_id_list": ids}
        for key in ("hide_class", "onclick_addclass", "onclick_removeclass"):
            if w[key]:
                settings[key] = w[key]
        w.js(**settings)
        active = w["active_button"]
        buttons = []
        for i, (text, target) in enumerate(row[:2] for row in tabs):
            extra = w["onclick_addclass"] if i == active else w["onclick_removeclass"]
            cls = " ".join(c for c in (w["button_class"], extra) if c)
            buttons.append(f"<button{attrs(type='button', cls=cls, style=w['button_style'], data_tab=target)}>"
                           f"{_br(text)}</button>")
        return f"<div{w.outer()}>{''.join(buttons)}</div>"
