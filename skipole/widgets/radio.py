"""Radio buttons: a set of options of which the user picks one, submitted as ``widget:radio_checked``.

Every button of one widget shares the form name ``widget:radio_checked``; the ``radio_checked``
field names the value shown selected (and receives the submitted choice).
"""

from ..render.html import attrs, esc
from .base import Field, ListField, TableField, Widget
from .checkbox import _error_div, _label, _value


def _radio(w, value, checked, *pairs):
    """A radio input of this widget's ``radio_checked`` group."""
    return (f'<input type="radio"{attrs(("name", w.form_name("radio_checked")))}{_value(value)}'
            f'{attrs(("checked", checked), *pairs)} />')


def _is_checked(selected, value):
    return selected not in ("", None) and str(selected) == str(value)


class BooleanRadio(Widget):
    """Two radio buttons submitting 'True' or 'False', each with optional left and right labels.

    radio_checked: True selects the first button (value 'True'), False the second (value
    'False'); the submitted choice returns here and validators may check it.  left_label1 /
    right_label1 label the True button, left_label2 / right_label2 the False button;
    div_class1 / div_class2 style the div around each button and its labels.
    """

    FIELDS = (
        Field("div_class1", "cssclass", help="CSS class of the div around the True button."),
        Field("left_label1", "text", default="True", help="Label left of the True button."),
        Field("left_class1", "cssclass", help="CSS class of the left label of the True button."),
        Field("left_style1", "cssstyle", help="CSS style of the left label of the True button."),
        Field("right_label1", "text", help="Label right of the True button."),
        Field("right_class1", "cssclass", help="CSS class of the right label of the True button."),
        Field("right_style1", "cssstyle", help="CSS style of the right label of the True button."),
        Field("div_class2", "cssclass", help="CSS class of the div around the False button."),
        Field("left_label2", "text", default="False", help="Label left of the False button."),
        Field("left_class2", "cssclass", help="CSS class of the left label of the False button."),
        Field("left_style2", "cssstyle", help="CSS style of the left label of the False button."),
        Field("right_label2", "text", help="Label right of the False button."),
        Field("right_class2", "cssclass", help="CSS class of the right label of the False button."),
        Field("right_style2", "cssstyle", help="CSS style of the right label of the False button."),
        Field("radio_checked", "boolean", valdt=True, default=True,
              help="True selects the True button, False the False button."),
    )

    def render(self, w):
        parts = []
        for n, value, checked in (("1", "True", w["radio_checked"]), ("2", "False", not w["radio_checked"])):
            rid = w.autoid()
            parts.append(
                f"<div{attrs(cls=w['div_class' + n])}>"
                f"{_label(w['left_label' + n], rid, w['left_class' + n], w['left_style' + n])}"
                f"{_radio(w, value, checked, ('id', rid))}"
                f"{_label(w['right_label' + n], rid, w['right_class' + n], w['right_style' + n])}</div>")
        return f"<div{w.outer()}>{''.join(parts)}</div>"


class RadioButton1(Widget):
    """A list of radio buttons, each in its own div followed by its label, with an error paragraph.

    radio_values: the value of each button; radio_text: the label of each button (in the
    same order).  radio_checked: the value shown selected; the submitted choice returns here
    (validators may check it, JSON may change it).  div_class styles the div holding the
    buttons, inputdiv_class each button's div, label_class the labels, error_class the error
    paragraph.
    """

    error_display = True
    FIELDS = (
        ListField("radio_values", "text", help="The value of each button."),
        ListField("radio_text", "text", help="The label of each button."),
        Field("radio_checked", "text", valdt=True, jsonset=True, help="The value shown selected."),
        Field("error_class", "cssclass", help="CSS class of the error paragraph's div."),
        Field("inputdiv_class", "cssclass", help="CSS class of each button's div."),
        Field("label_class", "cssclass", help="CSS class of each label."),
        Field("div_class", "cssclass", help="CSS class of the div holding the buttons."),
    )

    def render(self, w):
        texts = w["radio_text"]
        rows = []
        div_id = w.autoid()
        for i, value in enumerate(w["radio_values"]):
            rid = w.autoid()
            text = texts[i] if i < len(texts) else ""
            rows.append(f"<div{attrs(cls=w['inputdiv_class'])}>"
                        f"{_radio(w, value, _is_checked(w['radio_checked'], value), ('id', rid))}"
                        f"<label{attrs(cls=w['label_class'])}{attrs(('for', rid))}>{esc(text)}</label></div>")
        return (f"<div{w.outer()}>{_error_div(w, w['error_class'])}"
                f"<div{attrs(cls=w['div_class'])}{attrs(('id', div_id))}>{''.join(rows)}</div></div>")


class RadioTable(Widget):
    """A two-column table: a labelled radio button in the first column, a description in the second.

    contents: one row per button: value, label text, TextBlock reference, description text.
    The description is the text if given, else the TextBlock's text.  title1, title2: the
    column headings (the heading row is shown when either is set).  radio_checked: the value
    shown selected; the submitted choice returns here (validators may check it).  Rows
    alternate between even_class and odd_class; error_class styles the error paragraph.
    """

    error_display = True
    FIELDS = (
        Field("table_class", "cssclass", help="CSS class of the table."),
        Field("header_class", "cssclass", help="CSS class of the heading row."),
        Field("even_class", "cssclass", help="CSS class of the first, third, ... rows."),
        Field("odd_class", "cssclass", help="CSS class of the second, fourth, ... rows."),
        Field("error_class", "cssclass", help="CSS class of the error paragraph's div."),
        Field("title1", "text", help="Heading of the button column."),
        Field("title2", "text", help="Heading of the description column."),
        Field("radio_checked", "text", valdt=True, help="The value shown selected."),
        TableField("contents", ("text", "text", "textblock_ref", "text"),
                   help="Rows of: button value, button label, TextBlock reference, description."),
    )

    def render(self, w):
        out = [f"<div{w.outer()}>{_error_div(w, w['error_class'])}<table{attrs(cls=w['table_class'])}>"]
        if w["title1"] or w["title2"]:
            out.append(f"<tr{attrs(cls=w['header_class'])}><th>{esc(w['title1'])}</th>"
                       f"<th>{esc(w['title2'])}</th></tr>")
        for i, row in enumerate(w["contents"]):
            value, label, ref, text = (list(row) + ["", "", "", ""])[:4]
            if not text and ref:
                text = w.textblock(ref, default=f"failed to read textblocks with ref {ref}")
            cls = w["even_class"] if i % 2 == 0 else w["odd_class"]
            out.append(f"<tr{attrs(cls=cls)}><td><label>"
                       f"{_radio(w, value, _is_checked(w['radio_checked'], value))}{esc(label)}</label></td>"
                       f"<td>{esc(text)}</td></tr>")
        out.append("</table></div>")
        return "".join(out)


class RadioTable2(Widget):
    """A table of rows with two text columns and a radio button in the third column.

    title1, title2, title3: column headings (the heading row, styled by header_class, is shown
    when any title is set).  col1, col2: the texts of the first two columns, one per row;
    row_classes: a CSS class per row.  radiocol: the value of each row's button.
    radio_checked: the value shown selected; the submitted choice returns here (validators
    may check it, JSON may change it).
    """

    FIELDS = (
        Field("header_class", "cssclass", help="CSS class of the heading row."),
        Field("title1", "text", help="Heading of the first column."),
        Field("title2", "text", help="Heading of the second column."),
        Field("title3", "text", help="Heading of the button column."),
        ListField("row_classes", "text", jsonset=True, help="CSS class of each row."),
        ListField("col1", "text", jsonset=True, help="Text of the first column, per row."),
        ListField("col2", "text", jsonset=True, help="Text of the second column, per row."),
        ListField("radiocol", "text", help="The value of each row's radio button."),
        Field("radio_checked", "text", valdt=True, jsonset=True, help="The value shown selected."),
    )

    def render(self, w):
        col1, col2, radios, classes = w["col1"], w["col2"], w["radiocol"], w["row_classes"]
        out = [f"<table{w.outer()}>"]
        if w["title1"] or w["title2"] or w["title3"]:
            out.append(f"<tr{attrs(cls=w['header_class'])}><th>{esc(w['title1'])}</th>"
                       f"<th>{esc(w['title2'])}</th><th>{esc(w['title3'])}</th></tr>")
        for i in range(max(len(col1), len(col2), len(radios))):
            cell = ""
            if i < len(radios):
                cell = _radio(w, radios[i], _is_checked(w["radio_checked"], radios[i]))
            out.append(f"<tr{attrs(cls=classes[i] if i < len(classes) else '')}>"
                       f"<td>{esc(col1[i] if i < len(col1) else '')}</td>"
                       f"<td>{esc(col2[i] if i < len(col2) else '')}</td><td>{cell}</td></tr>")
        out.append("</table>")
        return "".join(out)


class TwoRadioOptions(Widget):
    """Two radio buttons, each inside its own label and div.

    label1 / value1: text and submitted value of the first button; label2 / value2 of the
    second.  div_class1 / div_class2 style each button's div.  radio_checked: the value
    shown selected (none when empty); the submitted choice returns here and validators may
    check it.
    """

    FIELDS = (
        Field("label1", "text", help="Text of the first button."),
        Field("div_class1", "cssclass", help="CSS class of the first button's div."),
        Field("value1", "text", help="Value submitted by the first button."),
        Field("label2", "text", help="Text of the second button."),
        Field("div_class2", "cssclass", help="CSS class of the second button's div."),
        Field("value2", "text", help="Value submitted by the second button."),
        Field("radio_checked", "text", valdt=True, help="The value shown selected."),
    )

    def render(self, w):
        parts = []
        for n in ("1", "2"):
            value = w["value" + n]
            parts.append(f"<div{attrs(cls=w['div_class' + n])}><label>"
                         f"{_radio(w, value, _is_checked(w['radio_checked'], value))}"
                         f"{esc(w['label' + n])}</label></div>")
        return f"<div{w.outer()}>{''.join(parts)}</div>"
