"""File upload: a file input alone, or in its own multipart form.

The chosen file's content arrives at the server as the value of a field of the widget:
``inputname`` for UploadFile1 (placed in a form with ``enctype="multipart/form-data"``, such as
inputforms.Form1), ``action`` for the Submit widgets, whose forms always post as
``multipart/form-data``.
"""

from ..render.html import attrs, esc
from .base import Field, Widget
from .inputforms import error_div, form, form_action, hidden_field_decls, hide_outer, label

MULTIPART = "multipart/form-data"


def _submit_fields(button):
    """The fields of SubmitUploadFile1 / 2, in catalogue order; ``button`` is the button's field(s)."""
    return (
        Field("filebutton_label", "text", help="Label before the file input."),
        Field("filebuttonlabel_class", "cssclass", help="CSS class of the file input's label."),
        Field("filebutton_class", "cssclass", help="CSS class of the file input."),
        Field("action", "url", valdt=True,
              help="The page or URL the form posts to; the file content is submitted as this field."),
        Field("submitbutton_label", "text", help="Label before the submit button."),
        Field("submitbuttonlabel_class", "cssclass", help="CSS class of the submit button's label."),
        Field("submitbuttonlabel_style", "cssstyle", help="CSS style of the submit button's label."),
        *button,
        Field("fileinputdiv_class", "cssclass", help="CSS class of the div holding the file input."),
        Field("submitinputdiv_class", "cssclass", help="CSS class of the div holding the submit button."),
    )


_TAIL = (
    Field("error_class", "cssclass", help="CSS class of the error paragraph's div."),
    Field("required", "boolean", help="The browser refuses to submit without a file."),
    Field("hide", "boolean", jsonset=True, help="Render the widget hidden (display:none); an error shows it."),
    *hidden_field_decls(),
)


def _file_input(w, file_id, *extra):
    """The div with the file input (named ``widget:action``) and its label."""
    field = attrs(("type", "file"), ("id", file_id), ("name", w.form_name("action")),
                  ("required", bool(w["required"])), ("class", w["filebutton_class"]), *extra)
    return (f'<div{attrs(cls=w["fileinputdiv_class"])}>'
            f'{label(w["filebutton_label"], file_id, w["filebuttonlabel_class"])}'
            f"<input{field} /></div>")


def _submit_div(w, button_id, button):
    return (f'<div{attrs(cls=w["submitinputdiv_class"])}>'
            f'{label(w["submitbutton_label"], button_id, w["submitbuttonlabel_class"], w["submitbuttonlabel_style"])}'
            f"{button}</div>")


class SubmitUploadFile1(Widget):
    """A file input and submit button in their own multipart form.

    The file's content is submitted as this widget's ``action`` field (attach validators to
    it), to the page or URL that action names.  filebutton_label / filebuttonlabel_class /
    filebutton_class: the file input and its label, in a div (fileinputdiv_class);
    submitbutton_text / submitbutton_class and submitbutton_label (with its class and style):
    the submit button, in a div (submitinputdiv_class).  required: a file must be chosen.
    hide renders the widget hidden (an error shows it).  hidden_field1 to hidden_field4 are
    sent as hidden fields when not empty; errors appear above the form (error_class).
    """

    error_display = True
    FIELDS = _submit_fields((
        Field("submitbutton_text", "text", default="Submit", help="Text of the submit button."),
        Field("submitbutton_class", "cssclass", help="CSS class of the submit button."),
    )) + _TAIL

    def render(self, w):
        url, warning = form_action(w)
        if warning:
            return warning
        file_id, button_id = w.autoid(), w.autoid()
        button = attrs(type="submit", value=w["submitbutton_text"], id=button_id, cls=w["submitbutton_class"])
        button = f"<input{button} />"
        inner = _file_input(w, file_id) + _submit_div(w, button_id, button)
        return (f"<div{w.outer(hidden=hide_outer(w))}>{error_div(w)}"
                f"{form(w, url, inner, enctype=MULTIPART)}</div>")


class SubmitUploadFile2(Widget):
    """A multipart upload form with a container for further inputs and a named submit button.

    As SubmitUploadFile1 (the file's content is submitted as the ``action`` field), and:
    container 0, between the file input and the button, holds further widgets sent with the
    file (container_class styles its div); the submit button is named ``widget:submitbutton``
    (attach validators to that field), shows the submitbutton text, and the browser library
    copies the chosen file's name into its value (the file input's ``data-copy-to`` names the
    button).  Without JavaScript the button submits an empty value.
    """

    containers = 1
    error_display = True
    FIELDS = _submit_fields((
        Field("submitbutton", "text", valdt=True, default="Submit",
              help="Text of the submit button; submitted as this field (the file name, with JavaScript)."),
        Field("submitbutton_class", "cssclass", help="CSS class of the submit button."),
    )) + (Field("container_class", "cssclass", help="CSS class of the div holding the container."),) + _TAIL

    def render(self, w):
        url, warning = form_action(w)
        if warning:
            return warning
        file_id, button_id = w.autoid(), w.autoid()
        w.js(buttonident=button_id)
        button = (f'<button{attrs(type="submit", id=button_id, cls=w["submitbutton_class"])}'
                  f'{attrs(name=w.form_name("submitbutton"))}>{esc(w["submitbutton"])}</button>')
        inner = (_file_input(w, file_id, ("data-copy-to", button_id))
                 + f'<div{attrs(cls=w["container_class"])}>{w.container(0)}</div>'
                 + _submit_div(w, button_id, button))
        return (f"<div{w.outer(hidden=hide_outer(w))}>{error_div(w)}"
                f"{form(w, url, inner, enctype=MULTIPART)}</div>")


class UploadFile1(Widget):
    """A file input with a label, to place in a form with enctype multipart/form-data.

    The file's content is submitted as this widget's ``inputname`` field (attach validators to
    it).  label: the label text ('Pick a file to upload:' by default), with label_class /
    label_style; filebutton_class: the file input; inputdiv_class: the div holding both.
    Errors appear in a paragraph above (error_class).
    """

    error_display = True
    FIELDS = (
        Field("label", "text", default="Pick a file to upload:", help="Text of the label before the file input."),
        Field("inputname", "text", valdt=True, help="The submitted file's content arrives as this field."),
        Field("label_class", "cssclass", help="CSS class of the label."),
        Field("label_style", "cssstyle", help="CSS style of the label."),
        Field("filebutton_class", "cssclass", help="CSS class of the file input."),
        Field("inputdiv_class", "cssclass", help="CSS class of the div holding label and input."),
        Field("error_class", "cssclass", help="CSS class of the error paragraph's div."),
    )

    def render(self, w):
        file_id = w.autoid()
        field = f'<input{attrs(type="file", id=file_id, name=w.form_name("inputname"), cls=w["filebutton_class"])} />'
        return (f"<div{w.outer()}>{error_div(w)}<div{attrs(cls=w['inputdiv_class'])}>"
                f"{label(w['label'], file_id, w['label_class'], w['label_style'])}{field}</div></div>")
