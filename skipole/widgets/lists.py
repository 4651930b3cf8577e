"""Lists: bulleted lists of text or HTML, a list of rows with up/down/remove buttons, file links.

The list widgets can highlight themselves (a JSON update switches the list's class to
``highlight_class``) and stripe their items with alternating odd/even classes.
"""

from ..render.html import attrs, esc
from .base import Field, ListField, TableField, Widget
from .headers import _a_href, _href, _row_url


def _br(text):
    """Escape ``text`` and show its line breaks as ``<br />``."""
    return esc(text).replace("\r\n", "\n").replace("\n", "<br />")


def _list_outer(w, hidden=False):
    """Outer attributes where a set highlight class replaces widget_class."""
    cls = w["highlight_class"] if (w["set_highlight"] and w["highlight_class"]) else w["widget_class"]
    style = w["widget_style"]
    if hidden:
        style = (style.rstrip("; ") + ";display:none;") if style else "display:none;"
    return attrs(("id", w.id), ("class", cls), ("style", style))


def _stripe(w, index):
    """The class of item ``index``: odd_class for the first, third ... item, else even_class."""
    return w["odd_class"] if index % 2 == 0 else w["even_class"]


class FileList(Widget):
    """A row of links to files, shown as buttons; nothing is shown when there are no links.

    file_links: one row per file: the target (URL, page ident or label), the link text, and
    True to make the link a download (the browser saves the file under the link text).
    Rows whose target is empty or unsafe are left out.  button_class and button_style style
    each link.
    """

    FIELDS = (
        TableField("file_links", ("url", "text", "boolean"), valdt=True,
                   help="Rows of (URL or page ident/label, link text, True for a download link)."),
        Field("button_class", "cssclass", help="CSS class of each link."),
        Field("button_style", "cssstyle", help="CSS style of each link."),
    )

    def render(self, w):
        if not w["file_links"]:
            return ""
        links = []
        for row in w["file_links"]:
            row = list(row) + [""] * (3 - len(row))
            value, text, download = row[:3]
            url = _row_url(w, value)
            if not url:
                continue
            links.append(f"<a{attrs(href=url, role='button', download=text if download else '')}"
                         f"{attrs(cls=w['button_class'], style=w['button_style'])}>{_br(text)}</a>")
        return f"<div{w.outer()}>{''.join(links)}</div>"


class TableList(Widget):
    """A list of text rows, each with up, down and remove buttons, laid out as a table.

    contents: one row per item: the text shown, then the values the up, down and remove
    buttons send as the get field ``widget:contents`` (settable by JSON).  The first row has
    no up button and the last no down button.
    up_link_ident, down_link_ident, remove_link_ident: the pages (or URLs) the buttons call;
    empty sends them to the no_javascript page.  up_json_ident, down_json_ident,
    remove_json_ident: with JavaScript, a click calls this JSON page instead.
    button_class styles the buttons, remove_button_text is the remove button's text
    (default "Remove"); maximize_text_col widens the text column; odd_class / even_class
    stripe the rows; set_highlight switches the table's class to highlight_class; hide
    hides the table (both settable by JSON).
    """

    FIELDS = (
        Field("highlight_class", "cssclass", help="CSS class of the table while highlighted."),
        Field("set_highlight", "boolean", jsonset=True, help="Highlight the table."),
        Field("even_class", "cssclass", help="CSS class of the 2nd, 4th ... rows."),
        Field("odd_class", "cssclass", help="CSS class of the 1st, 3rd ... rows."),
        Field("maximize_text_col", "boolean", default=True, help="Make the text column as wide as possible."),
        Field("hide", "boolean", jsonset=True, help="Hide the table."),
        Field("button_class", "cssclass", help="CSS class of the buttons."),
        Field("remove_button_text", "text", default="Remove", help="Text of the remove buttons."),
        Field("up_link_ident", "url", help="Page or URL the up buttons call."),
        Field("up_json_ident", "url", help="JSON page the up buttons call when JavaScript is on."),
        Field("down_link_ident", "url", help="Page or URL the down buttons call."),
        Field("down_json_ident", "url", help="JSON page the down buttons call when JavaScript is on."),
        Field("remove_link_ident", "url", help="Page or URL the remove buttons call."),
        Field("remove_json_ident", "url", help="JSON page the remove buttons call when JavaScript is on."),
        TableField("contents", ("text", "text", "text", "text"), valdt=True, jsonset=True,
                   help="Rows of (text, up get field, down get field, remove get field)."),
    )

    def _target(self, w, which):
        """``(value, resolved url)`` a button calls: its link field, or the no_javascript page."""
        value = w[f"{which}_link_ident"]
        url = _row_url(w, value)
        if not url:
            value = "no_javascript"
            url = _row_url(w, value)
        return value, url

    def render(self, w):
        targets = {k: self._target(w, k) for k in ("up", "down", "remove")}
        settings = {f"{k}_link_url": url for k, (_, url) in targets.items()}
        for k in ("up", "down", "remove"):
            json_url = _row_url(w, w[f"{k}_json_ident"])
            if json_url:
                settings[f"{k}_json_url"] = json_url
        settings.update(button_class=w["button_class"], remove_button_text=w["remove_button_text"],
                        even_class=w["even_class"], odd_class=w["odd_class"],
                        highlight_class=w["highlight_class"],
                        maximize_text_col=w["maximize_text_col"], contents_name=w.form_name("contents"))
        w.js(**settings)

        name = w.form_name("contents")

        def button(which, get_field, text):
            value, url = targets[which]
            href = _href(w, value, url, [(name, get_field)]) if url else ""
            return f"<td><a{attrs(role='button', cls=w['button_class'])}{_a_href(href)}>{text}</a></td>"

        rows = [list(r) + [""] * (4 - len(r)) for r in w["contents"]]
        last = len(rows) - 1
        text_style = "width:100%;" if w["maximize_text_col"] else ""
        out = []
        for i, (text, up, down, remove) in enumerate(r[:4] for r in rows):
            cells = [f"<td{attrs(style=text_style)}>{_br(text)}</td>",
                     button("up", up, "&uarr;") if i > 0 else "<td>&nbsp;</td>",
                     button("down", down, "&darr;") if i < last else "<td>&nbsp;</td>",
                     button("remove", remove, _br(w["remove_button_text"]))]
            out.append(f"<tr{attrs(cls=_stripe(w, i))}>{''.join(cells)}</tr>")
        return f"<table{_list_outer(w, hidden=w['hide'])}>{''.join(out)}</table>"


class UList1(Widget):
    """A bulleted list (ul) of text items.

    contents: the items (escaped; settable by JSON); odd_class / even_class stripe them.
    set_highlight (settable by JSON) switches the list's class to highlight_class.
    """

    FIELDS = (
        Field("highlight_class", "cssclass", help="CSS class of the list while highlighted."),
        Field("set_highlight", "boolean", jsonset=True, help="Highlight the list."),
        ListField("contents", "text", jsonset=True, help="The text of each item."),
        Field("even_class", "cssclass", help="CSS class of the 2nd, 4th ... items."),
        Field("odd_class", "cssclass", help="CSS class of the 1st, 3rd ... items."),
    )

    def render(self, w):
        w.js(highlight_class=w["highlight_class"], even_class=w["even_class"], odd_class=w["odd_class"])
        items = "".join(f"<li{attrs(cls=_stripe(w, i))}>{_br(text)}</li>"
                        for i, text in enumerate(w["contents"]))
        return f"<ul{_list_outer(w)}>{items}</ul>"


class UList2(Widget):
    """A bulleted list (ul) whose items are HTML.

    Shows raw HTML: only put trusted content here (the items are not escaped).
    set_html: the HTML of each item (settable by JSON); odd_class / even_class stripe them.
    set_highlight (settable by JSON) switches the list's class to highlight_class.
    """

    FIELDS = (
        Field("highlight_class", "cssclass", help="CSS class of the list while highlighted."),
        Field("set_highlight", "boolean", jsonset=True, help="Highlight the list."),
        ListField("set_html", "text", jsonset=True, help="The HTML of each item (not escaped: trusted only)."),
        Field("even_class", "cssclass", help="CSS class of the 2nd, 4th ... items."),
        Field("odd_class", "cssclass", help="CSS class of the 1st, 3rd ... items."),
    )

    def render(self, w):
        w.js(highlight_class=w["highlight_class"], even_class=w["even_class"], odd_class=w["odd_class"])
        # raw by design; only NUL is removed (it would forge the per-request markers)
        items = "".join(f"<li{attrs(cls=_stripe(w, i))}>{str(html).replace(chr(0), '')}</li>"
                        for i, html in enumerate(w["set_html"]))
        return f"<ul{_list_outer(w)}>{items}</ul>"
