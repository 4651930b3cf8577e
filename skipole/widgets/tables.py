"""Display tables: two and three column tables, a coloured grid, tables of TextBlocks, and a
table of submit buttons beside TextBlock descriptions.

Rows are striped with even/odd classes, starting with even_class on the first data row.
"""

import re

from ..render.html import attrs, esc
from .base import Field, ListField, TableField, Widget

#: A colour value allowed in ColorTable1 styles: names, #hex, rgb()/hsl() forms.
_COLOUR = re.compile(r"^[#\w\s(),.%\-]+$")


def _br(text):
    """Escape ``text`` and show its line breaks as ``<br />``."""
    return esc(text).replace("\r\n", "\n").replace("\n", "<br />")


def _stripe(w, index):
    """The class of data row ``index``: even_class for the first, third ... row, else odd_class."""
    return w["even_class"] if index % 2 == 0 else w["odd_class"]


def _header(w, titles):
    """The header row, or '' when every title is empty."""
    if not any(titles):
        return ""
    cells = "".join(f"<th>{_br(t)}</th>" for t in titles)
    return f"<tr{attrs(cls=w['header_class'])}>{cells}</tr>"


def _columns(w, names):
    """Rows made from parallel list fields, the shorter ones padded with ''."""
    cols = [w[n] for n in names]
    length = max((len(c) for c in cols), default=0)
    return [[c[i] if i < len(c) else "" for c in cols] for i in range(length)]


def _rows(w, rows):
    """``<tr>`` elements for rows of already rendered cell contents."""
    return "".join(f"<tr{attrs(cls=_stripe(w, i))}>{''.join(f'<td>{c}</td>' for c in row)}</tr>"
                   for i, row in enumerate(rows))


def _textblock(w, ref):
    """The TextBlock ``ref`` escaped with line breaks; a notice when it does not exist."""
    if not ref:
        return ""
    text = w.textblock(ref, default=None)
    if text is None:
        return f"failed to read textblocks with ref {esc(ref)}"
    return _br(text)


_HEADER_HELP = "CSS class of the header row."
_EVEN_HELP = "CSS class of the 1st, 3rd ... data rows."
_ODD_HELP = "CSS class of the 2nd, 4th ... data rows."


class ButtonTextBlockTable1(Widget):
    """A form holding a table: each row is a submit button beside a TextBlock describing it.

    buttons: one row per button: the button's text (also the value submitted as
    ``widget:buttons``) and the reference of the TextBlock shown beside it.
    action: the page (ident, label or URL) the form posts to; without it, or with an unsafe
    URL, a warning is shown instead of the form.
    col1_button_title, col2_text_title: the column titles (the header row is left out when
    both are empty); header_class, even_class, odd_class style the rows; table_class the
    table; button_class, button_style the buttons.
    hidden_field1 … hidden_field4: values sent as hidden fields ``widget:hidden_fieldN``
    (empty ones are left out; settable by JSON).  An error is shown above the table in a div
    of class error_class.
    """

    error_display = True
    FIELDS = (
        Field("action", "url", help="The page or URL the form posts to."),
        Field("header_class", "cssclass", help=_HEADER_HELP),
        Field("even_class", "cssclass", help=_EVEN_HELP),
        Field("odd_class", "cssclass", help=_ODD_HELP),
        Field("col1_button_title", "text", help="Title of the button column."),
        Field("col2_text_title", "text", help="Title of the text column."),
        Field("hidden_field1", "text", valdt=True, jsonset=True, help="Value of hidden field 1."),
        Field("hidden_field2", "text", valdt=True, jsonset=True, help="Value of hidden field 2."),
        Field("hidden_field3", "text", valdt=True, jsonset=True, help="Value of hidden field 3."),
        Field("hidden_field4", "text", valdt=True, jsonset=True, help="Value of hidden field 4."),
        TableField("buttons", ("text", "textblock_ref"), valdt=True,
                   help="Rows of (button text, TextBlock reference)."),
        Field("button_class", "cssclass", help="CSS class of the buttons."),
        Field("button_style", "cssstyle", help="CSS style of the buttons."),
        Field("error_class", "cssclass", help="CSS class of the div that shows an error."),
        Field("table_class", "cssclass", help="CSS class of the table."),
    )

    def render(self, w):
        if not w["action"]:
            return f'<span{w.outer(status=False)} data-status="error">Warning: No form action</span>'
        action = w.url("action")
        if not action or (action == "#" and str(w["action"]).strip() != "#"):
            return f'<span{w.outer(status=False)} data-status="error">Warning: broken link</span>'
        name = w.form_name("buttons")
        rows = []
        for row in w["buttons"]:
            row = list(row) + [""] * (2 - len(row))
            button = (f"<input{attrs(type='submit', name=name, value=row[0])}"
                      f"{attrs(cls=w['button_class'], style=w['button_style'])} />")
            rows.append([button, _textblock(w, row[1])])
        table = (f"<table{attrs(cls=w['table_class'])}>"
                 f"{_header(w, (w['col1_button_title'], w['col2_text_title']))}{_rows(w, rows)}</table>")
        hidden = "".join(f"<input{attrs(type='hidden', name=w.form_name(f), value=w[f])} />"
                         for f in ("hidden_field1", "hidden_field2", "hidden_field3", "hidden_field4")
                         if w[f])
        style = "" if w.error else "display:none;"
        error = f"<div{attrs(cls=w['error_class'], style=style)}><p>{_br(w.error)}</p></div>"
        form = (f"<form{attrs(role='form', method='post', action=action)}>{table}"
                f"{w.ident_inputs()}{hidden}</form>")
        return f"<div{w.outer()}>{error}{form}</div>"


class ColorTable1(Widget):
    """A table of coloured cells.

    titles: the column titles (their number sets the number of columns).
    contents: one row per cell, filled along each table row in turn: the cell text, its
    text colour and its background colour (CSS colour values; empty for none).  An
    incomplete last table row is left out, and nothing but the empty table is shown until
    there is at least one full row.  header_class, even_class, odd_class style the rows.
    """

    FIELDS = (
        Field("header_class", "cssclass", help=_HEADER_HELP),
        Field("even_class", "cssclass", help=_EVEN_HELP),
        Field("odd_class", "cssclass", help=_ODD_HELP),
        ListField("titles", "text", help="The column titles."),
        TableField("contents", ("text", "text", "text"),
                   help="One row per cell: (text, text colour, background colour)."),
    )

    def render(self, w):
        titles = w["titles"]
        ncols = len(titles)
        cells = []
        for row in w["contents"]:
            row = list(row) + [""] * (3 - len(row))
            text, colour, background = row[:3]
            style = ""
            if colour and _COLOUR.match(str(colour)):
                style += f"color:{colour};"
            if background and _COLOUR.match(str(background)):
                style += f"background-color:{background};"
            cells.append(f"<td{attrs(style=style)}>{_br(text)}</td>")
        nrows = len(cells) // ncols if ncols else 0
        body = ""
        if nrows:
            ths = "".join(f"<th>{_br(t)}</th>" for t in titles)
            body = f"<tr{attrs(cls=w['header_class'])}>{ths}</tr>" + "".join(
                f"<tr{attrs(cls=_stripe(w, r))}>{''.join(cells[r * ncols:(r + 1) * ncols])}</tr>"
                for r in range(nrows))
        return f"<table{w.outer()}>{body}</table>"


class TextBlockTable2(Widget):
    """A two column table: text beside a TextBlock.

    contents: one row per table row: the text of the first column and the reference of the
    TextBlock shown in the second (a notice is shown if it does not exist).
    title1, title2: the column titles (the header row is left out when both are empty);
    header_class, even_class, odd_class style the rows.
    """

    FIELDS = (
        Field("header_class", "cssclass", help=_HEADER_HELP),
        Field("even_class", "cssclass", help=_EVEN_HELP),
        Field("odd_class", "cssclass", help=_ODD_HELP),
        Field("title1", "text", help="Title of the first column."),
        Field("title2", "text", help="Title of the second column."),
        TableField("contents", ("text", "textblock_ref"), help="Rows of (text, TextBlock reference)."),
    )

    def render(self, w):
        rows = []
        for row in w["contents"]:
            row = list(row) + [""] * (2 - len(row))
            rows.append([_br(row[0]), _textblock(w, row[1])])
        return f"<table{w.outer()}>{_header(w, (w['title1'], w['title2']))}{_rows(w, rows)}</table>"


class ThreeColTable1(Widget):
    """A three column table of text.

    col1, col2, col3: the cells of each column (settable by JSON); the table has as many rows
    as the longest column.  title1 … title3: the column titles (the header row is left out
    when all are empty); header_class, even_class, odd_class style the rows.
    """

    FIELDS = (
        Field("header_class", "cssclass", help=_HEADER_HELP),
        Field("even_class", "cssclass", help=_EVEN_HELP),
        Field("odd_class", "cssclass", help=_ODD_HELP),
        Field("title1", "text", help="Title of the first column."),
        Field("title2", "text", help="Title of the second column."),
        Field("title3", "text", help="Title of the third column."),
        ListField("col1", "text", jsonset=True, help="Cells of the first column."),
        ListField("col2", "text", jsonset=True, help="Cells of the second column."),
        ListField("col3", "text", jsonset=True, help="Cells of the third column."),
    )

    def render(self, w):
        w.js(even_class=w["even_class"], odd_class=w["odd_class"])
        rows = [[_br(c) for c in row] for row in _columns(w, ("col1", "col2", "col3"))]
        titles = (w["title1"], w["title2"], w["title3"])
        return f"<table{w.outer()}>{_header(w, titles)}{_rows(w, rows)}</table>"


class TwoColTable1(Widget):
    """A two column table of text.

    col1, col2: the cells of each column (settable by JSON); the table has as many rows as
    the longer column.  title1, title2: the column titles (the header row is left out when
    both are empty); header_class, even_class, odd_class style the rows.
    """

    FIELDS = (
        Field("header_class", "cssclass", help=_HEADER_HELP),
        Field("even_class", "cssclass", help=_EVEN_HELP),
        Field("odd_class", "cssclass", help=_ODD_HELP),
        Field("title1", "text", help="Title of the first column."),
        Field("title2", "text", help="Title of the second column."),
        ListField("col1", "text", jsonset=True, help="Cells of the first column."),
        ListField("col2", "text", jsonset=True, help="Cells of the second column."),
    )

    def render(self, w):
        w.js(even_class=w["even_class"], odd_class=w["odd_class"])
        rows = [[_br(c) for c in row] for row in _columns(w, ("col1", "col2"))]
        return f"<table{w.outer()}>{_header(w, (w['title1'], w['title2']))}{_rows(w, rows)}</table>"
