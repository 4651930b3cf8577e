"""Multi-line text input: a ``<textarea>`` alone, with a label, or in its own form.

Comments, descriptions and any other free text longer than a line are typed into these.
The text is always escaped inside the textarea, so a value can never close the tag early.
"""

from ..render.html import attrs, esc
from .base import Field, Widget
from .inputforms import error_div, form, form_action, hidden_field_decls, label, submit_text

_INPUT_TEXT = Field("input_text", "text", valdt=True, jsonset=True,
                    help="The text in the textarea; submitted as this field.")
_ROWS = Field("rows", "text", default="4", help="Number of visible text lines (rows attribute).")
_COLS = Field("cols", "text", default="40", help="Visible width in characters (cols attribute).")
_ERROR_CLASS = Field("error_class", "cssclass", help="CSS class of the error paragraph's div.")
_TEXTAREA_CLASS = Field("textarea_class", "cssclass", help="CSS class of the textarea.")
_TEXTAREA_STYLE = Field("textarea_style", "cssstyle", help="CSS style of the textarea.")


def _textarea(w, *pairs):
    """The ``<textarea>`` holding the escaped input_text; ``pairs`` come first."""
    extra = attrs(*pairs, name=w.form_name("input_text"))
    size = attrs(rows=w["rows"], cols=w["cols"])
    return f"<textarea{extra}{size}>{esc(w['input_text'])}</textarea>"


class SubmitTextArea(Widget):
    """A textarea with its own form and submit button.

    input_text: the text submitted; rows / cols: its size; textarea_class / textarea_style
    style it.  button_text / button_class: the submit button ('Submit' when empty), in a div
    with the textarea (inputdiv_class / inputdiv_style).  action: the page or URL the form
    posts to (a warning is shown without one).  hidden_field1 to hidden_field4 are sent as
    hidden fields when not empty.  Errors appear in a paragraph above the form (error_class).
    """

    error_display = True
    FIELDS = (
        _ERROR_CLASS,
        Field("action", "url", help="The page or URL the form posts to."),
        *hidden_field_decls(),
        Field("button_text", "text", default="Submit", help="Text of the submit button."),
        Field("button_class", "cssclass", help="CSS class of the submit button."),
        Field("inputdiv_class", "cssclass", help="CSS class of the div holding textarea and button."),
        Field("inputdiv_style", "cssstyle", help="CSS style of the div holding textarea and button."),
        _INPUT_TEXT,
        _TEXTAREA_CLASS,
        _TEXTAREA_STYLE,
        _ROWS,
        _COLS,
    )

    def render(self, w):
        url, warning = form_action(w)
        if warning:
            return warning
        area = _textarea(w, ("class", w["textarea_class"]), ("style", w["textarea_style"]))
        button = f'<input{attrs(type="submit", value=submit_text(w), cls=w["button_class"])} />'
        inner = f'<div{attrs(cls=w["inputdiv_class"], style=w["inputdiv_style"])}>{area}{button}</div>'
        return f"<div{w.outer()}>{error_div(w)}{form(w, url, inner)}</div>"


class TextArea1(Widget):
    """A textarea on its own, to place inside a form.

    input_text: the text (submitted as this widget's input_text field); rows / cols: its size
    (4 rows of 40 characters by default).  The widget's class and style go on the textarea.
    """

    FIELDS = (_INPUT_TEXT, _ROWS, _COLS)

    def render(self, w):
        return _textarea(w, ("id", w.id), ("class", w["widget_class"]), ("style", w["widget_style"]))


class TextArea2(Widget):
    """A textarea with a label, an error paragraph and an optional red star.

    label: the label text ('Your input:' by default; label_class / label_style style it).
    input_text: the text submitted; rows / cols: its size; textarea_class / textarea_style
    style it.  redstar shows a star after the textarea (redstar_class / redstar_style).
    Errors appear in a paragraph above (error_class).
    """

    error_display = True
    FIELDS = (
        Field("label", "text", default="Your input:", help="Text of the label before the textarea."),
        Field("label_class", "cssclass", help="CSS class of the label."),
        Field("label_style", "cssstyle", help="CSS style of the label."),
        _ERROR_CLASS,
        _INPUT_TEXT,
        _TEXTAREA_CLASS,
        _TEXTAREA_STYLE,
        Field("redstar", "boolean", help="Show a star after the textarea (a required field)."),
        Field("redstar_class", "cssclass", help="CSS class of the star."),
        Field("redstar_style", "cssstyle", help="CSS style of the star."),
        _ROWS,
        _COLS,
    )

    def render(self, w):
        area_id = w.autoid()
        area = _textarea(w, ("id", area_id), ("class", w["textarea_class"]), ("style", w["textarea_style"]))
        star = f'<span{attrs(cls=w["redstar_class"], style=w["redstar_style"])}>*</span>' if w["redstar"] else ""
        return (f"<div{w.outer()}>{error_div(w)}"
                f"{label(w['label'], area_id, w['label_class'], w['label_style'])}{area}{star}</div>")
