"""Checkboxes: single boxes with labels, a table of boxes, and boxes that enable other inputs.

A checkbox submits its value as ``widget:checkbox`` only while it is ticked; the ``checked``
field sets whether it starts ticked (and a JSON update may change it in the browser).
"""

from ..render.html import attrs, esc
from .base import DictField, Field, ListField, Widget


def _error_div(w, error_class):
    """The error paragraph the error-displaying widgets show above their content."""
    if w.error:
        return f"<div{attrs(cls=error_class)}><p>{esc(w.error)}</p></div>"
    return f'<div style="display:none;"{attrs(cls=error_class)}><p></p></div>'


def _label(text, input_id, cls="", style=""):
    """A label for input ``input_id``; nothing when ``text`` is empty."""
    if not text:
        return ""
    return f"<label{attrs(cls=cls, style=style)}{attrs(('for', input_id))}>{esc(text)}</label>"


def _value(value):
    """A ``value`` attribute that is written even when empty (an absent value submits 'on')."""
    return f' value="{esc(value)}"'


def _no_action():
    return '<span data-status="error">Warning: No form action</span>'


def _broken_link():
    return '<span data-status="error">Warning: broken link</span>'


def _form_action(w, field):
    """The form action URL, or ('', warning HTML) when it is empty or refused."""
    raw = w[field]
    if raw in ("", None):
        return "", _no_action()
    url = w.url(field)
    if not url or (url == "#" and str(raw).strip() != "#"):
        return "", _broken_link()
    return url, ""


def _hidden_fields(w, names):
    """Hidden inputs for the non-empty hidden fields among ``names``."""
    out = []
    for name in names:
        value = w[name]
        if value not in ("", None):
            out.append(f'<input{attrs(("name", w.form_name(name)))}{_value(value)} type="hidden" />')
    return "".join(out)


class CheckBox1(Widget):
    """A checkbox with optional labels to its left and right, inside a div, with an error paragraph.

    checkbox: the value submitted (as widget:checkbox) when the box is ticked; validators may
    check it.  checked: True shows the box ticked (settable by JSON).  left_label and
    right_label: label texts either side of the box (empty for none).  The *_class and *_style
    fields style the box, the labels and the div holding them; error_class styles the error
    paragraph shown above the box when an error is set.
    """

    error_display = True
    FIELDS = (
        Field("checkbox", "text", valdt=True, help="The value submitted when the box is ticked."),
        Field("checkbox_class", "cssclass", help="CSS class of the checkbox."),
        Field("checkbox_style", "cssstyle", help="CSS style of the checkbox."),
        Field("left_label", "text", default="Left Label", help="Label text left of the box."),
        Field("left_class", "cssclass", help="CSS class of the left label."),
        Field("left_style", "cssstyle", help="CSS style of the left label."),
        Field("error_class", "cssclass", help="CSS class of the error paragraph's div."),
        Field("div_class", "cssclass", help="CSS class of the div holding labels and box."),
        Field("div_style", "cssstyle", help="CSS style of the div holding labels and box."),
        Field("right_label", "text", help="Label text right of the box."),
        Field("right_class", "cssclass", help="CSS class of the right label."),
        Field("right_style", "cssstyle", help="CSS style of the right label."),
        Field("checked", "boolean", jsonset=True, help="True shows the box ticked."),
    )

    def render(self, w):
        box_id = w.autoid()
        box = (f'<input type="checkbox"{attrs(("name", w.form_name("checkbox")))}{_value(w["checkbox"])}'
               f'{attrs(("checked", w["checked"]), ("class", w["checkbox_class"]), ("style", w["checkbox_style"]), ("id", box_id))} />')
        return (f"<div{w.outer()}>{_error_div(w, w['error_class'])}"
                f"<div{attrs(cls=w['div_class'], style=w['div_style'])}>"
                f"{_label(w['left_label'], box_id, w['left_class'], w['left_style'])}{box}"
                f"{_label(w['right_label'], box_id, w['right_class'], w['right_style'])}</div></div>")


class CheckBox2(Widget):
    """A checkbox with optional labels to its left and right, inside a span.

    checkbox: the value submitted (as widget:checkbox) when the box is ticked; validators may
    check it.  checked: True shows the box ticked (settable by JSON).  left_label and
    right_label: label texts either side of the box (empty for none), styled by their
    *_class and *_style fields.
    """

    FIELDS = (
        Field("checkbox", "text", valdt=True, help="The value submitted when the box is ticked."),
        Field("checkbox_class", "cssclass", help="CSS class of the checkbox."),
        Field("checkbox_style", "cssstyle", help="CSS style of the checkbox."),
        Field("left_label", "text", help="Label text left of the box."),
        Field("left_class", "cssclass", help="CSS class of the left label."),
        Field("left_style", "cssstyle", help="CSS style of the left label."),
        Field("right_label", "text", help="Label text right of the box."),
        Field("right_class", "cssclass", help="CSS class of the right label."),
        Field("right_style", "cssstyle", help="CSS style of the right label."),
        Field("checked", "boolean", jsonset=True, help="True shows the box ticked."),
    )

    def render(self, w):
        box_id = w.autoid()
        box = (f'<input type="checkbox"{attrs(("name", w.form_name("checkbox")))}{_value(w["checkbox"])}'
               f'{attrs(("checked", w["checked"]), ("class", w["checkbox_class"]), ("style", w["checkbox_style"]), ("id", box_id))} />')
        return (f"<span{w.outer()}>{_label(w['left_label'], box_id, w['left_class'], w['left_style'])}{box}"
                f"{_label(w['right_label'], box_id, w['right_class'], w['right_style'])}</span>")


class CheckBoxTable1(Widget):
    """A table of rows with two text columns and a checkbox in the third column.

    title1, title2, title3: column headings (the heading row, styled by header_class, is shown
    when any title is set).  col1, col2: the texts of the first two columns, one per row;
    row_classes: a CSS class per row.  checkbox_dict: key → value, one checkbox per entry in
    order; a ticked box submits its value as widget:checked-key.  checked: the keys of the
    boxes shown ticked; the submitted boxes arrive as a dictionary in this field.  The table
    has as many rows as the longest of col1, col2 and checkbox_dict.
    """

    FIELDS = (
        Field("header_class", "cssclass", help="CSS class of the heading row."),
        Field("title1", "text", help="Heading of the first column."),
        Field("title2", "text", help="Heading of the second column."),
        Field("title3", "text", help="Heading of the checkbox column."),
        ListField("row_classes", "text", jsonset=True, help="CSS class of each row."),
        ListField("col1", "text", jsonset=True, help="Text of the first column, per row."),
        ListField("col2", "text", jsonset=True, help="Text of the second column, per row."),
        DictField("checkbox_dict", "text", help="Checkbox key → submitted value, one per row."),
        ListField("checked", "text", valdt=True, jsonset=True, senddict=True,
                  help="Keys of the ticked boxes; submitted as widget:checked-key."),
    )

    def render(self, w):
        boxes = list(w["checkbox_dict"].items())
        col1, col2, classes = w["col1"], w["col2"], w["row_classes"]
        checked = {str(k) for k in w["checked"]}
        out = [f"<table{w.outer()}>"]
        if w["title1"] or w["title2"] or w["title3"]:
            out.append(f"<tr{attrs(cls=w['header_class'])}><th>{esc(w['title1'])}</th>"
                       f"<th>{esc(w['title2'])}</th><th>{esc(w['title3'])}</th></tr>")
        name = w.form_name("checked")
        for i in range(max(len(col1), len(col2), len(boxes))):
            cls = classes[i] if i < len(classes) else ""
            cell = ""
            if i < len(boxes):
                key, value = boxes[i]
                cell = (f'<input{attrs(("name", f"{name}-{key}"))} type="checkbox"{_value(value)}'
                        f'{attrs(("checked", key in checked))} />')
            out.append(f"<tr{attrs(cls=cls)}><td>{esc(col1[i] if i < len(col1) else '')}</td>"
                       f"<td>{esc(col2[i] if i < len(col2) else '')}</td><td>{cell}</td></tr>")
        out.append("</table>")
        return "".join(out)


class CheckInputs(Widget):
    """A checkbox followed by a container, whose text inputs the box enables and disables.

    Put text inputs in the container: with JavaScript, ticking the box enables them and
    clearing it disables them (disabled inputs are not submitted).  Without JavaScript the
    inputs stay enabled and are always submitted, so check the box's value on the server.
    checkbox: the value submitted (as widget:checkbox) when ticked; checked: True shows the
    box ticked (settable by JSON).  label_text: a label before the box.  div_class styles the
    div holding box and container, container_class the container's div, error_class the
    error paragraph.
    """

    containers = 1
    error_display = True
    FIELDS = (
        Field("div_class", "cssclass", help="CSS class of the div holding box and container."),
        Field("checkbox", "text", valdt=True, help="The value submitted when the box is ticked."),
        Field("checkbox_class", "cssclass", help="CSS class of the checkbox."),
        Field("label_text", "text", help="Label text before the box."),
        Field("label_class", "cssclass", help="CSS class of the label."),
        Field("label_style", "cssstyle", help="CSS style of the label."),
        Field("container_class", "cssclass", help="CSS class of the container's div."),
        Field("error_class", "cssclass", help="CSS class of the error paragraph's div."),
        Field("checked", "boolean", jsonset=True, help="True shows the box ticked."),
    )

    def render(self, w):
        box_id = w.autoid()
        w.js(checkbox_id=box_id, toggles="container_text_inputs")
        box = (f'<input type="checkbox"{attrs(("name", w.form_name("checkbox")), ("checked", w["checked"]))}'
               f'{attrs(("value", w["checkbox"]), ("class", w["checkbox_class"]), ("id", box_id))}'
               ' data-toggles="container" />')
        return (f"<div{w.outer()}>{_error_div(w, w['error_class'])}<div{attrs(cls=w['div_class'])}>"
                f"{_label(w['label_text'], box_id, w['label_class'], w['label_style'])}{box}"
                f"<div{attrs(cls=w['container_class'])}>{w.container(0)}</div></div></div>")


class CheckedText(Widget):
    """A checkbox followed by a text input that is only meant to be used while the box is ticked.

    With JavaScript the text input is disabled (and so not submitted) while the box is clear;
    without JavaScript it stays usable and is always submitted, so check the box's value on
    the server.  checkbox: the value submitted (as widget:checkbox) when ticked; checked: True
    shows the box ticked (settable by JSON).  label_text: a label before the box.
    input_text: the text input's value (submitted as widget:input_text; validators may check
    it), with size and maxlength.  inputdiv_class/style style the div holding everything,
    error_class the error paragraph.
    """

    error_display = True
    FIELDS = (
        Field("checkbox", "text", valdt=True, help="The value submitted when the box is ticked."),
        Field("checkbox_class", "cssclass", help="CSS class of the checkbox."),
        Field("checked", "boolean", jsonset=True, help="True shows the box ticked."),
        Field("label_text", "text", help="Label text before the box."),
        Field("label_class", "cssclass", help="CSS class of the label."),
        Field("label_style", "cssstyle", help="CSS style of the label."),
        Field("error_class", "cssclass", help="CSS class of the error paragraph's div."),
        Field("input_text", "text", valdt=True, help="The value of the text input."),
        Field("input_class", "cssclass", help="CSS class of the text input."),
        Field("inputdiv_class", "cssclass", help="CSS class of the div holding box and input."),
        Field("inputdiv_style", "cssstyle", help="CSS style of the div holding box and input."),
        Field("size", "text", help="The size attribute of the text input."),
        Field("maxlength", "text", help="The maximum length of the text input."),
    )

    def render(self, w):
        box_id = w.autoid()
        text_id = w.autoid()
        w.js(checkbox_id=box_id, input_id=text_id)
        box = (f'<input type="checkbox"{attrs(("name", w.form_name("checkbox")), ("checked", w["checked"]))}'
               f'{attrs(("value", w["checkbox"]), ("class", w["checkbox_class"]), ("id", box_id))} />')
        text = (f'<input type="text"{attrs(("name", w.form_name("input_text")))}{_value(w["input_text"])}'
                f'{attrs(("size", w["size"]), ("maxlength", w["maxlength"]), ("class", w["input_class"]))}'
                f'{attrs(("id", text_id), ("data-enabled-by", box_id))} />')
        return (f"<div{w.outer()}>{_error_div(w, w['error_class'])}"
                f"<div{attrs(cls=w['inputdiv_class'], style=w['inputdiv_style'])}>"
                f"{_label(w['label_text'], box_id, w['label_class'], w['label_style'])}{box}{text}</div></div>")


class SubmitCheckBox1(Widget):
    """A form of its own with a checkbox and a submit button, and up to four hidden fields.

    action: the page the form posts to (without it a warning is shown instead of the form).
    action_json: if set, the browser library submits the form to this JSON page instead and
    applies the reply, and does so whenever the box changes; without JavaScript the form posts
    to action.  label: the label before the box; checkbox: the value submitted (as
    widget:checkbox) when ticked; checked: True shows it ticked (settable by JSON).
    hidden_field1..4: values sent as hidden fields (left out when empty).  button_text: the
    button's text.  hide: render the widget hidden (settable by JSON).
    """

    error_display = True
    FIELDS = (
        Field("label", "text", default="Left Label", help="Label text before the box."),
        Field("label_class", "cssclass", help="CSS class of the label."),
        Field("label_style", "cssstyle", help="CSS style of the label."),
        Field("action_json", "url", help="JSON page the browser submits to, if any."),
        Field("action", "url", help="The page the form posts to."),
        Field("hidden_field1", "text", valdt=True, jsonset=True, help="A hidden field's value."),
        Field("hidden_field2", "text", valdt=True, jsonset=True, help="A hidden field's value."),
        Field("hidden_field3", "text", valdt=True, jsonset=True, help="A hidden field's value."),
        Field("hidden_field4", "text", valdt=True, jsonset=True, help="A hidden field's value."),
        Field("button_text", "text", default="Submit", help="The submit button's text."),
        Field("button_class", "cssclass", help="CSS class of the button."),
        Field("inputdiv_class", "cssclass", help="CSS class of the div holding label, box and button."),
        Field("inputandbutton_class", "cssclass", help="CSS class of the span holding box and button."),
        Field("error_class", "cssclass", help="CSS class of the error paragraph's div."),
        Field("hide", "boolean", jsonset=True, help="True renders the widget hidden."),
        Field("checkbox", "text", valdt=True, help="The value submitted when the box is ticked."),
        Field("checkbox_class", "cssclass", help="CSS class of the checkbox."),
        Field("checked", "boolean", jsonset=True, help="True shows the box ticked."),
    )

    def render(self, w):
        action, warning = _form_action(w, "action")
        if warning:
            return warning
        if w["action_json"]:
            w.js(url=w.url("action_json"))
        box_id = w.autoid()
        box = (f'<input type="checkbox"{attrs(("id", box_id), ("name", w.form_name("checkbox")))}'
               f'{_value(w["checkbox"])}{attrs(("checked", w["checked"]), ("class", w["checkbox_class"]))} />')
        return (f"<div{w.outer(hidden=w['hide'])}>{_error_div(w, w['error_class'])}"
                f'<form role="form" method="post"{attrs(("action", action))}>'
                f"<div{attrs(cls=w['inputdiv_class'])}>"
                f"{_label(w['label'], box_id, w['label_class'], w['label_style'])}"
                f"<span{attrs(cls=w['inputandbutton_class'])}>{box}"
                f'<button type="submit"{attrs(cls=w["button_class"])}>{esc(w["button_text"])}</button></span></div>'
                f"{w.ident_inputs()}"
                f"{_hidden_fields(w, ('hidden_field1', 'hidden_field2', 'hidden_field3', 'hidden_field4'))}"
                "</form></div>")
