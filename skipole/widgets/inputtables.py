"""Tables of inputs: rows of text beside text inputs (or hidden values) and up/down arrow links.

The inputs of InputTable1/3/4 come from a dictionary field and are submitted as
``widget:inputdict-key`` entries, which arrive reassembled as a dictionary.  InputTable5 is a
list of small forms, one per row, each with its own submit buttons.
"""

from ..render.html import attrs, esc
from .base import DictField, Field, ListField, TableField, Widget
from .checkbox import _value

_HIDDEN_ARROW = "visibility:hidden;"


def _cell_styles(w, columns):
    """``{(row, col): style}`` from the cell_style table (rows and columns count from 1)."""
    styles = {}
    for entry in w["cell_style"]:
        if len(entry) < 3:
            continue
        row, col, style = entry[0], entry[1], entry[2]
        if isinstance(row, int) and isinstance(col, int) and row >= 1 and 1 <= col <= columns:
            styles[(row - 1, col - 1)] = style
    return styles


def _item(values, i, default=""):
    return values[i] if i < len(values) else default


def _thead(w, titles):
    if not any(w[t] for t in titles):
        return ""
    cells = "".join(f"<th>{esc(w[t])}</th>" for t in titles)
    return f"<thead><tr{attrs(cls=w['header_class'])}>{cells}</tr></thead>"


def _text_cells(w, i, cols, styles):
    """The plain text cells of row ``i``: column names ``cols`` (col1, col2, ...)."""
    out = []
    for c, col in enumerate(cols):
        out.append(f"<td{attrs(cls=w[col + '_class'], style=styles.get((i, c), ''))}>"
                   f"{esc(_item(w[col], i))}</td>")
    return "".join(out)


def _arrow_links(w, i, extra=()):
    """The up and down arrow links of row ``i`` (hidden ones keep their place in the layout)."""
    out = []
    for way, arrow in (("up", "&uarr;"), ("down", "&darr;")):
        pairs = [(w.form_name(f"{way}_getfield1"), _item(w[f"{way}_getfield1"], i)),
                 (w.form_name(f"{way}_getfield2"), _item(w[f"{way}_getfield2"], i)), *extra]
        if w[f"{way}_link_ident"]:
            href = w.link(f"{way}_link_ident", pairs)
        else:
            href = w.link("no_javascript", pairs, is_field=False)
        style = w[f"{way}_style"]
        if _item(w[f"{way}_hide"], i, False):
            style = (style.rstrip("; ") + ";" + _HIDDEN_ARROW) if style else _HIDDEN_ARROW
        out.append(f'<a role="button"{attrs(style=style, cls=w[way + "_class"])}'
                   f'{attrs(("href", href), ("aria-label", way), ("data-arrow", way))}>{arrow}</a>')
    return "".join(out)


def _json_urls(w):
    if w["up_json_ident"]:
        w.js(upurl=w.url("up_json_ident"))
    if w["down_json_ident"]:
        w.js(downurl=w.url("down_json_ident"))


_CELL_STYLE_HELP = "Cell styles: rows of (row, column, style), rows and columns counted from 1."
_INPUTDICT_HELP = "Key → value of each row's input; submitted as widget:inputdict-key."


class InputTable1(Widget):
    """A table with two text columns and a text input in the third column.

    inputdict: key → value, one row and one text input per entry (in order); the inputs are
    submitted as widget:inputdict-key and arrive as a dictionary (validators may check it,
    JSON may change it).  col1, col2: the texts of the first two columns; title1..3: column
    headings (shown when any is set); row_classes: a CSS class per row; cell_style: a style
    for single text cells, as rows of (row, column, style) counted from 1.  size and maxlength
    apply to every input; col3_class / col3_style style the input cells.
    """

    FIELDS = (
        Field("header_class", "cssclass", help="CSS class of the heading row."),
        Field("col1_class", "cssclass", help="CSS class of the first column's cells."),
        Field("col2_class", "cssclass", help="CSS class of the second column's cells."),
        TableField("cell_style", ("integer", "integer", "text"), jsonset=True, help=_CELL_STYLE_HELP),
        Field("col3_class", "cssclass", help="CSS class of the input cells."),
        Field("col3_style", "cssstyle", help="CSS style of the input cells."),
        Field("size", "text", help="The size attribute of each input."),
        Field("maxlength", "text", help="The maximum length of each input."),
        Field("title1", "text", help="Heading of the first column."),
        Field("title2", "text", help="Heading of the second column."),
        Field("title3", "text", help="Heading of the input column."),
        ListField("row_classes", "text", jsonset=True, help="CSS class of each row."),
        ListField("col1", "text", jsonset=True, help="Text of the first column, per row."),
        ListField("col2", "text", jsonset=True, help="Text of the second column, per row."),
        DictField("inputdict", "text", valdt=True, jsonset=True, senddict=True, help=_INPUTDICT_HELP),
    )

    def render(self, w):
        styles = _cell_styles(w, 2)
        name = w.form_name("inputdict")
        rows = []
        for i, (key, value) in enumerate(w["inputdict"].items()):
            field = (f'<input{attrs(("name", f"{name}-{key}"))} type="text"{_value(value)}'
                     f'{attrs(("size", w["size"]), ("maxlength", w["maxlength"]))} />')
            rows.append(f"<tr{attrs(cls=_item(w['row_classes'], i))}>{_text_cells(w, i, ('col1', 'col2'), styles)}"
                        f"<td{attrs(cls=w['col3_class'], style=w['col3_style'])}>{field}</td></tr>")
        body = f"<tbody>{''.join(rows)}</tbody>" if rows else ""
        return f"<table{w.outer()}>{_thead(w, ('title1', 'title2', 'title3'))}{body}</table>"


class InputTable3(Widget):
    """A table with two text columns, a text input per row, and up/down arrow links per row.

    inputdict: key → value, one row and one text input per entry; submitted as
    widget:inputdict-key (arrives as a dictionary; validators may check it).  Each row's up
    arrow links to up_link_ident with up_getfield1 / up_getfield2 (the row's entries of those
    lists) and getfield3 = the row's input value; the down arrow likewise with the down_*
    fields.  An empty link target sends the user to the no_javascript page.  With JavaScript,
    up_json_ident / down_json_ident (if set) are called instead and the reply applied, and
    editing an input updates the value its arrows send.  up_hide / down_hide: per row, True
    hides that arrow (it keeps its place).  cell_style: styles for single text cells, as rows
    of (row, column, style) counted from 1.
    """

    FIELDS = (
        Field("header_class", "cssclass", help="CSS class of the heading row."),
        Field("col1_class", "cssclass", help="CSS class of the first column's cells."),
        Field("col2_class", "cssclass", help="CSS class of the second column's cells."),
        TableField("cell_style", ("integer", "integer", "text"), jsonset=True, help=_CELL_STYLE_HELP),
        Field("col3_class", "cssclass", help="CSS class of the input cells."),
        Field("col3_style", "cssstyle", help="CSS style of the input cells."),
        Field("col4_class", "cssclass", help="CSS class of the arrow cells."),
        Field("col4_style", "cssstyle", help="CSS style of the arrow cells."),
        Field("input_class", "cssclass", help="CSS class of each input."),
        Field("input_style", "cssstyle", help="CSS style of each input."),
        Field("size", "text", help="The size attribute of each input."),
        Field("maxlength", "text", help="The maximum length of each input."),
        ListField("row_classes", "text", jsonset=True, help="CSS class of each row."),
        Field("title1", "text", help="Heading of the first column."),
        Field("title2", "text", help="Heading of the second column."),
        Field("title3", "text", help="Heading of the input column."),
        Field("title4", "text", help="Heading of the arrow column."),
        Field("up_link_ident", "url", help="Page the up arrows link to."),
        Field("up_json_ident", "url", help="JSON page the up arrows call, if any."),
        Field("down_link_ident", "url", help="Page the down arrows link to."),
        Field("down_json_ident", "url", help="JSON page the down arrows call, if any."),
        Field("up_style", "cssstyle", help="CSS style of the up arrows."),
        Field("down_style", "cssstyle", help="CSS style of the down arrows."),
        Field("up_class", "cssclass", help="CSS class of the up arrows."),
        Field("down_class", "cssclass", help="CSS class of the down arrows."),
        ListField("up_hide", "boolean", jsonset=True, help="Per row, True hides the up arrow."),
        ListField("down_hide", "boolean", jsonset=True, help="Per row, True hides the down arrow."),
        ListField("up_getfield1", "text", valdt=True, jsonset=True, help="Per row, a value the up arrow sends."),
        ListField("up_getfield2", "text", valdt=True, jsonset=True, help="Per row, a value the up arrow sends."),
        ListField("down_getfield1", "text", valdt=True, jsonset=True, help="Per row, a value the down arrow sends."),
        ListField("down_getfield2", "text", valdt=True, jsonset=True, help="Per row, a value the down arrow sends."),
        ListField("getfield3", "text", valdt=True,
                  help="Receives the row's input value, which both arrows send as widget:getfield3."),
        ListField("col1", "text", jsonset=True, help="Text of the first column, per row."),
        ListField("col2", "text", jsonset=True, help="Text of the second column, per row."),
        DictField("inputdict", "text", valdt=True, jsonset=True, senddict=True, help=_INPUTDICT_HELP),
    )

    def render(self, w):
        _json_urls(w)
        w.js(getfield3=w.form_name("getfield3"))
        styles = _cell_styles(w, 2)
        name = w.form_name("inputdict")
        rows = []
        for i, (key, value) in enumerate(w["inputdict"].items()):
            field = (f'<input{attrs(("name", f"{name}-{key}"))} type="text"{_value(value)}'
                     f'{attrs(("size", w["size"]), ("maxlength", w["maxlength"]))}'
                     f'{attrs(("class", w["input_class"]), ("style", w["input_style"]), ("data-row", str(i)))} />')
            arrows = _arrow_links(w, i, [(w.form_name("getfield3"), value)])
            rows.append(f"<tr{attrs(cls=_item(w['row_classes'], i))}>{_text_cells(w, i, ('col1', 'col2'), styles)}"
                        f"<td{attrs(cls=w['col3_class'], style=w['col3_style'])}>{field}</td>"
                        f"<td{attrs(cls=w['col4_class'], style=w['col4_style'])}>{arrows}</td></tr>")
        body = f"<tbody>{''.join(rows)}</tbody>" if rows else ""
        return f"<table{w.outer()}>{_thead(w, ('title1', 'title2', 'title3', 'title4'))}{body}</table>"


class InputTable4(Widget):
    """A table with three text columns and up/down arrow links per row, each row holding a hidden value.

    inputdict: key → value, one row per entry, each sent as a hidden input
    widget:inputdict-key when the table is inside a form (arrives as a dictionary; validators
    may check it, JSON may change it).  Each row's up arrow links to up_link_ident with
    up_getfield1 / up_getfield2 (the row's entries of those lists); the down arrow likewise
    with the down_* fields.  An empty link target sends the user to the no_javascript page.
    With JavaScript, up_json_ident / down_json_ident (if set) are called instead and the
    reply applied.  up_hide / down_hide: per row, True hides that arrow (it keeps its place).
    cell_style: styles for single text cells, as rows of (row, column, style) counted from 1.
    """

    FIELDS = (
        Field("header_class", "cssclass", help="CSS class of the heading row."),
        Field("col1_class", "cssclass", help="CSS class of the first column's cells."),
        Field("col2_class", "cssclass", help="CSS class of the second column's cells."),
        Field("col3_class", "cssclass", help="CSS class of the third column's cells."),
        TableField("cell_style", ("integer", "integer", "text"), jsonset=True, help=_CELL_STYLE_HELP),
        Field("col4_class", "cssclass", help="CSS class of the arrow cells."),
        Field("col4_style", "cssstyle", help="CSS style of the arrow cells."),
        ListField("row_classes", "text", jsonset=True, help="CSS class of each row."),
        Field("title1", "text", help="Heading of the first column."),
        Field("title2", "text", help="Heading of the second column."),
        Field("title3", "text", help="Heading of the third column."),
        Field("title4", "text", help="Heading of the arrow column."),
        Field("up_link_ident", "url", help="Page the up arrows link to."),
        Field("up_json_ident", "url", help="JSON page the up arrows call, if any."),
        Field("down_link_ident", "url", help="Page the down arrows link to."),
        Field("down_json_ident", "url", help="JSON page the down arrows call, if any."),
        Field("up_style", "cssstyle", help="CSS style of the up arrows."),
        Field("down_style", "cssstyle", help="CSS style of the down arrows."),
        Field("up_class", "cssclass", help="CSS class of the up arrows."),
        Field("down_class", "cssclass", help="CSS class of the down arrows."),
        ListField("up_hide", "boolean", jsonset=True, help="Per row, True hides the up arrow."),
        ListField("down_hide", "boolean", jsonset=True, help="Per row, True hides the down arrow."),
        ListField("up_getfield1", "text", valdt=True, jsonset=True, help="Per row, a value the up arrow sends."),
        ListField("up_getfield2", "text", valdt=True, jsonset=True, help="Per row, a value the up arrow sends."),
        ListField("down_getfield1", "text", valdt=True, jsonset=True, help="Per row, a value the down arrow sends."),
        ListField("down_getfield2", "text", valdt=True, jsonset=True, help="Per row, a value the down arrow sends."),
        ListField("col1", "text", jsonset=True, help="Text of the first column, per row."),
        ListField("col2", "text", jsonset=True, help="Text of the second column, per row."),
        ListField("col3", "text", jsonset=True, help="Text of the third column, per row."),
        DictField("inputdict", "text", valdt=True, jsonset=True, senddict=True,
                  help="Key → value of each row's hidden input; submitted as widget:inputdict-key."),
    )

    def render(self, w):
        _json_urls(w)
        styles = _cell_styles(w, 3)
        name = w.form_name("inputdict")
        rows = []
        for i, (key, value) in enumerate(w["inputdict"].items()):
            hidden = f'<input{attrs(("name", f"{name}-{key}"))} type="hidden"{_value(value)} />'
            rows.append(f"<tr{attrs(cls=_item(w['row_classes'], i))}>"
                        f"{_text_cells(w, i, ('col1', 'col2', 'col3'), styles)}"
                        f"<td{attrs(cls=w['col4_class'], style=w['col4_style'])}>{_arrow_links(w, i)}{hidden}</td></tr>")
        body = f"<tbody>{''.join(rows)}</tbody>" if rows else ""
        return f"<table{w.outer()}>{_thead(w, ('title1', 'title2', 'title3', 'title4'))}{body}</table>"


class InputTable5(Widget):
    """A list of small forms, one per row: a label, a text input and up to two submit buttons.

    col_label: each row's label; col_input: each row's input value (submitted as
    widget:col_input; validators may check it).  hidden_field1..4: per row, values sent as
    hidden fields with that row's form (left out when empty).  button_text1 / button_text2:
    the texts of the two submit buttons (a button is left out when its text is empty); the
    pressed button is submitted as widget:button_text1 or widget:button_text2 with its text.
    action: the page each form posts to (the no_javascript page when empty).  action_json: if
    set, the browser library submits to this JSON page instead and applies the reply.
    set_input_accepted / set_input_errored: JSON updates that add input_accepted_class or
    input_errored_class to inputs.  size, maxlength and required apply to every input.
    """

    FIELDS = (
        Field("div_class", "cssclass", help="CSS class of each row's div."),
        Field("size", "text", help="The size attribute of each input."),
        Field("maxlength", "text", help="The maximum length of each input."),
        Field("required", "boolean", help="True makes each input required."),
        Field("action_json", "url", help="JSON page the browser submits to, if any."),
        Field("action", "url", help="The page the forms post to."),
        Field("button_text1", "text", valdt=True, default="Submit", help="Text of the first button."),
        Field("button_text2", "text", valdt=True, default="Submit", help="Text of the second button."),
        Field("button1_class", "cssclass", help="CSS class of the first button."),
        Field("button2_class", "cssclass", help="CSS class of the second button."),
        ListField("col_label", "text", help="The label of each row."),
        Field("label_class", "cssclass", help="CSS class of the labels."),
        Field("label_style", "cssstyle", help="CSS style of the labels."),
        ListField("col_input", "text", valdt=True, help="The input value of each row."),
        ListField("hidden_field1", "text", valdt=True, help="Per row, a hidden field's value."),
        ListField("hidden_field2", "text", valdt=True, help="Per row, a hidden field's value."),
        ListField("hidden_field3", "text", valdt=True, help="Per row, a hidden field's value."),
        ListField("hidden_field4", "text", valdt=True, help="Per row, a hidden field's value."),
        Field("input_accepted_class", "cssclass", help="CSS class added to an accepted input."),
        Field("input_class", "cssclass", help="CSS class of each input."),
        Field("input_style", "cssstyle", help="CSS style of each input."),
        Field("input_errored_class", "cssclass", help="CSS class added to an errored input."),
        DictField("set_input_accepted", "boolean", jsonset=True,
                  help="JSON update: marks inputs as accepted (adds input_accepted_class)."),
        DictField("set_input_errored", "boolean", jsonset=True,
                  help="JSON update: marks inputs as errored (adds input_errored_class)."),
    )

    def render(self, w):
        if w["action"]:
            action = w.url("action")
        else:
            action = w.url("no_javascript", is_field=False)
        settings = {"input_accepted_class": w["input_accepted_class"],
                    "input_errored_class": w["input_errored_class"]}
        if w["action_json"]:
            settings["url"] = w.url("action_json")
        w.js(**{k: v for k, v in settings.items() if v})
        labels, inputs = w["col_label"], w["col_input"]
        buttons = "".join(
            f'<input{attrs(("name", w.form_name(f"button_text{n}")))}{_value(w[f"button_text{n}"])}'
            f'{attrs(cls=w[f"button{n}_class"])} type="submit" />'
            for n in (1, 2) if w[f"button_text{n}"])
        out = [f"<div{w.outer()}>"]
        for i in range(max(len(labels), len(inputs), 1)):
            iid = w.autoid()
            hidden = "".join(
                f'<input{attrs(("name", w.form_name(h)))}{_value(_item(w[h], i))} type="hidden" />'
                for h in ("hidden_field1", "hidden_field2", "hidden_field3", "hidden_field4")
                if _item(w[h], i))
            out.append(
                f"<div{attrs(cls=w['div_class'])}><form method=\"post\"{attrs(('action', action))}>"
                f"<label{attrs(cls=w['label_class'], style=w['label_style'])}{attrs(('for', iid))}>"
                f"{esc(_item(labels, i))}</label>"
                f'<input{attrs(("name", w.form_name("col_input")))}{_value(_item(inputs, i))} type="text"'
                f'{attrs(("size", w["size"]), ("maxlength", w["maxlength"]), ("required", w["required"]))}'
                f'{attrs(("id", iid), ("class", w["input_class"]), ("style", w["input_style"]))} />'
                f"{buttons}{w.ident_inputs()}{hidden}</form></div>")
        out.append("</div>")
        return "".join(out)
