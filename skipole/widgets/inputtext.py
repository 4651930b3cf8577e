"""Text, password and dictionary inputs, alone or in their own small forms.

Most pages ask for a line of text somewhere: these widgets give the ``<input>`` with its
label, a red star for required fields, classes showing whether the value was accepted or
refused, and (the Submit... widgets) a whole form with hidden fields and a submit button,
which the browser library may send to a JSON page instead of posting it.

The input's class shows its state: ``input_errored_class`` when the widget shows an error or
``set_input_errored`` is set, otherwise ``input_accepted_class`` when ``set_input_accepted`` is
set.  Both flags can be set by JSON, and the browser library uses the two class names (sent
with ``w.js``) to mark values as the user types.
"""

import re

from ..render.html import attrs, esc
from .base import ClosedWidget, DictField, Field, Widget
from .inputforms import (
    action_field, action_json_field, error_div, form, form_action, hidden_field_decls,
    hidden_inputs, hide_outer, json_url, label, state_class, submit_text,
)

_KEY = re.compile(r"^\w+$", re.ASCII)


# ---- field declarations -----------------------------------------------------------------------

def _f(name, ftype="text", **kw):
    return Field(name, ftype, **kw)


def _accepted(suffix=""):
    return _f("set_input_accepted" + suffix, "boolean", jsonset=True,
              help="Mark the input as accepted (adds input_accepted_class).")


def _errored(suffix=""):
    return _f("set_input_errored" + suffix, "boolean", jsonset=True,
              help="Mark the input as refused (adds input_errored_class).")


_ACCEPTED_CLASS = _f("input_accepted_class", "cssclass", help="Class added to the input when its value is accepted.")
_ERRORED_CLASS = _f("input_errored_class", "cssclass", help="Class added to the input when its value is refused.")
_INPUT_TEXT = _f("input_text", valdt=True, jsonset=True, help="The value in the input; submitted as this field.")
_SIZE = _f("size", help="The input's size attribute (width in characters).")
_MAXLENGTH = _f("maxlength", help="The most characters the input accepts.")
_DISABLED = _f("disabled", "boolean", help="Disable the input (its value is then not submitted).")
_DISABLED_J = _f("disabled", "boolean", jsonset=True, help="Disable the input (its value is then not submitted).")
_REQUIRED = _f("required", "boolean", help="The browser refuses to submit an empty value.")
_TYPE = _f("type", default="text", help="The input type: text, email, number, date ... ('text' when empty).")
_PATTERN = _f("pattern", help="A regular expression the browser checks the value against.")
_TITLE = _f("title", help="The input's title (shown as a tooltip and with pattern errors).")
_INPUT_CLASS = _f("input_class", "cssclass", help="CSS class of the input.")
_INPUT_STYLE = _f("input_style", "cssstyle", help="CSS style of the input.")
_INPUT_DISABLED_CLASS = _f("input_disabled_class", "cssclass",
                           help="CSS class of the input while disabled (instead of input_class).")
_INPUTDIV_CLASS = _f("inputdiv_class", "cssclass", help="CSS class of the div holding the input.")
_INPUTDIV_STYLE = _f("inputdiv_style", "cssstyle", help="CSS style of the div holding the input.")
_LABEL_CLASS = _f("label_class", "cssclass", help="CSS class of the label.")
_LABEL_STYLE = _f("label_style", "cssstyle", help="CSS style of the label.")
_ERROR_CLASS = _f("error_class", "cssclass", help="CSS class of the error paragraph's div.")
_REDSTAR = (
    _f("redstar", "boolean", help="Show a star after the input (a required field)."),
    _f("redstar_class", "cssclass", help="CSS class of the star."),
    _f("redstar_style", "cssstyle", help="CSS style of the star."),
)
_TARGET = _f("target", help="The form's target window (e.g. _blank); empty for the same window.")
_BUTTON_TEXT = _f("button_text", default="Submit", help="Text of the submit button.")
_BUTTON_CLASS = _f("button_class", "cssclass", help="CSS class of the submit button.")
_HIDE = _f("hide", "boolean", jsonset=True, help="Render the widget hidden (display:none); an error shows it.")
_ACTION_NOJS = action_field("no_javascript")


def _label(text="Your input:"):
    return _f("label", default=text, help="Text of the label before the input.")


# ---- rendering helpers ---------------------------------------------------------------------

def _input(w, itype, input_id, *, suffix="", cls="", style=""):
    """A text-like ``<input>`` from the widget's input fields (those with ``suffix``)."""
    def get(name):
        return w.get(name + suffix)
    return "<input{} />".format(attrs(
        ("type", itype), ("id", input_id), ("name", w.form_name("input_text" + suffix)),
        ("value", get("input_text")), ("size", get("size")), ("maxlength", get("maxlength")),
        ("required", bool(get("required"))), ("pattern", get("pattern")), ("title", get("title")),
        ("disabled", bool(get("disabled"))), ("class", cls), ("style", style)))


def _type(w, suffix=""):
    return w.get("type" + suffix) or "text"


def _redstar(w):
    if not w["redstar"]:
        return ""
    return f'<span{attrs(cls=w["redstar_class"], style=w["redstar_style"])}>*</span>'


def _base_class(w):
    """input_class, or input_disabled_class while disabled (when one is given)."""
    if w.get("disabled") and w.get("input_disabled_class"):
        return w["input_disabled_class"]
    return w.get("input_class") or ""


def _js(w, **settings):
    """Record the non-empty ``settings`` for the browser library."""
    settings = {k: v for k, v in settings.items() if v not in (None, "")}
    if settings:
        w.js(**settings)


def _state_js(w, **more):
    """Record the class names the browser library uses to mark the input (and ``more``)."""
    _js(w, input_accepted_class=w["input_accepted_class"], input_errored_class=w["input_errored_class"], **more)


def _void_input(w, itype):
    """The single ``<input>`` of TextInput1 / Password1: the widget's own tag."""
    _state_js(w)
    outer = attrs(("id", w.id), ("class", state_class(w, w["widget_class"])), ("style", w["widget_style"]))
    return "<input{}{} />".format(outer, attrs(
        ("type", itype), ("name", w.form_name("input_text")), ("value", w["input_text"]),
        ("size", w["size"]), ("maxlength", w["maxlength"]), ("disabled", bool(w["disabled"])),
        ("required", bool(w["required"])), ("pattern", w.get("pattern")), ("title", w.get("title"))))


def _labelled_input(w, itype):
    """Password2 / TextInput2: error paragraph, then a div with label, input and star."""
    input_id = w.autoid()
    _state_js(w, input_id=input_id, input_class=w["input_class"],
              input_disabled_class=w["input_disabled_class"])
    field = _input(w, itype, input_id, cls=state_class(w, _base_class(w)), style=w.get("input_style"))
    inner = label(w["label"], input_id, w["label_class"], w["label_style"]) + field + _redstar(w)
    return f'<div{w.outer()}>{error_div(w)}<div{attrs(cls=w["inputdiv_class"])}>{inner}</div></div>'


def _form_js(w, input_id, **more):
    settings = {"input_id": input_id, "input_accepted_class": w["input_accepted_class"],
                "input_errored_class": w["input_errored_class"]}
    url = json_url(w)
    if url:
        settings["url"] = url
    settings.update(more)
    _js(w, **settings)


# ---- the widgets ---------------------------------------------------------------------------

class Password1(ClosedWidget):
    """A password input on its own, to place inside a form.

    input_text: the value (submitted as this widget's input_text field); size, maxlength,
    disabled and required set the input's attributes.  set_input_accepted / set_input_errored
    add input_accepted_class / input_errored_class to the input (settable by JSON).
    """

    FIELDS = (_ACCEPTED_CLASS, _ERRORED_CLASS, _accepted(), _errored(), _INPUT_TEXT, _SIZE, _MAXLENGTH,
              _DISABLED, _REQUIRED)

    def render(self, w):
        return _void_input(w, "password")


class Password2(Widget):
    """A password input with a label, an error paragraph and an optional red star.

    label: the label text ('Password:' by default); label_class / label_style style it.
    input_text: the value submitted; input_class / input_style style the input, and
    input_disabled_class replaces input_class while disabled (settable by JSON).
    size, maxlength, required: the input's attributes.  redstar shows a star after the input.
    inputdiv_class: the div around label and input; error_class: the error paragraph.
    An error shown by this widget also marks the input with input_errored_class.
    """

    error_display = True
    FIELDS = (_ACCEPTED_CLASS, _ERRORED_CLASS, _INPUT_DISABLED_CLASS, _INPUTDIV_CLASS, _accepted(), _errored(),
              _label("Password:"), _LABEL_CLASS, _LABEL_STYLE, _ERROR_CLASS, _INPUT_TEXT, _INPUT_CLASS,
              _INPUT_STYLE, _SIZE, _MAXLENGTH, _DISABLED_J, *_REDSTAR, _REQUIRED)

    def render(self, w):
        return _labelled_input(w, "password")


class SubmitDict1(Widget):
    """A form with a list of text inputs whose values are submitted together as one dictionary.

    input_dict: key → initial value; each key gives an input named ``widget:input_dict-key``
    and the submitted values arrive as a dictionary.  Keys may hold letters, digits and
    underscore only (others are left out).  Nothing is shown while the dictionary is empty.
    action: the page or URL the form posts to; button_text / button_class: the submit button.
    input_class styles each input; ul_class / ul_style the list, li_class / li_style its items;
    inputdiv_class / inputdiv_style the div holding the button.  hidden_field1 to
    hidden_field4 are sent as hidden fields when not empty.
    """

    FIELDS = (
        action_field(),
        _BUTTON_TEXT,
        _BUTTON_CLASS,
        DictField("input_dict", "text", valdt=True, senddict=True,
                  help="Key → value of the inputs; submitted back as a dictionary."),
        _INPUT_CLASS,
        _f("inputdiv_class", "cssclass", help="CSS class of the div holding the submit button."),
        _f("inputdiv_style", "cssstyle", help="CSS style of the div holding the submit button."),
        _f("ul_class", "cssclass", help="CSS class of the list of inputs."),
        _f("ul_style", "cssstyle", help="CSS style of the list of inputs."),
        _f("li_class", "cssclass", help="CSS class of each list item."),
        _f("li_style", "cssstyle", help="CSS style of each list item."),
        *hidden_field_decls(),
    )

    def render(self, w):
        items = [(k, v) for k, v in (w["input_dict"] or {}).items() if _KEY.match(str(k))]
        if not items:
            return ""
        url, warning = form_action(w)
        if warning:
            return warning
        name = w.form_name("input_dict")
        li = attrs(cls=w["li_class"], style=w["li_style"])
        rows = "".join(
            f'<li{li}><input{attrs(name=f"{name}-{k}", value=v, type="text", cls=w["input_class"])} /></li>'
            for k, v in items)
        button = f'<input{attrs(value=w["button_text"], type="submit", cls=w["button_class"])} />'
        body = (f'<form{attrs(method="post", action=url)}>'
                f'<ul{attrs(cls=w["ul_class"], style=w["ul_style"])}>{rows}</ul>'
                f'<div{attrs(cls=w["inputdiv_class"], style=w["inputdiv_style"])}>{button}</div>'
                f"{w.ident_inputs()}{hidden_inputs(w)}</form>")
        return f"<div{w.outer()}>{body}</div>"


_SUBMIT_INPUT_TAIL = (
    _INPUT_TEXT, _SIZE, _MAXLENGTH, _REQUIRED, _TYPE, _PATTERN, _TITLE, _ACCEPTED_CLASS, _ERRORED_CLASS,
)


def _submit_text_input_fields(storage=()):
    return (
        _label(), _LABEL_CLASS, _LABEL_STYLE, action_json_field(), _ACTION_NOJS, *hidden_field_decls(), *storage,
        _TARGET, _BUTTON_TEXT, _BUTTON_CLASS,
        _f("inputdiv_class", "cssclass", help="CSS class of the div holding label, input and button."),
        _f("inputandbutton_class", "cssclass", help="CSS class of the span holding input and button."),
        _f("inputandbutton_style", "cssstyle", help="CSS style of the span holding input and button."),
        _ERROR_CLASS, *_SUBMIT_INPUT_TAIL, _INPUT_CLASS, _accepted(), _errored(), _HIDE,
    )


class SubmitTextInput1(Widget):
    """A text input with its own form and submit button.

    label: text before the input; input_text: the value submitted; type, size, maxlength,
    required, pattern, title: the input's attributes; input_class styles it.  button_text /
    button_class: the submit button, which sits with the input in a span
    (inputandbutton_class / inputandbutton_style) inside a div (inputdiv_class).
    action: the page or URL the form posts to (no_javascript by default); action_json: a JSON
    page the browser library sends the form to instead, its reply updating the page.
    hidden_field1 to hidden_field4 are sent as hidden fields when not empty; target sets the
    form's target window.  hide renders the widget hidden (an error shows it again); errors
    appear in a paragraph above the form (error_class) and mark the input as refused.
    """

    error_display = True
    FIELDS = _submit_text_input_fields()
    storage_fields = ()

    def render(self, w):
        url, warning = form_action(w)
        if warning:
            return warning
        input_id = w.autoid()
        _form_js(w, input_id, **{k: w[k] for k in self.storage_fields if w[k]})
        field = _input(w, _type(w), input_id, cls=state_class(w, w["input_class"]))
        button = f'<button{attrs(type="submit", cls=w["button_class"])}>{esc(submit_text(w))}</button>'
        span = f'<span{attrs(cls=w["inputandbutton_class"], style=w["inputandbutton_style"])}>{field}{button}</span>'
        inner = (f'<div{attrs(cls=w["inputdiv_class"])}>'
                 f'{label(w["label"], input_id, w["label_class"], w["label_style"])}{span}</div>')
        data = [(f"data-{k.replace('_', '-')}", w[k]) for k in self.storage_fields]
        return (f"<div{w.outer(hidden=hide_outer(w))}>{error_div(w)}"
                f"{form(w, url, inner, target=w['target'], extra=data)}</div>")


class SubmitTextInput2(SubmitTextInput1):
    """As SubmitTextInput1, and also sends values kept in the browser's storage.

    session_storage / local_storage: keys of sessionStorage / localStorage values the browser
    library adds to the submission (as this widget's session_storage / local_storage fields;
    not sent without JavaScript).  The other fields are those of SubmitTextInput1.
    """

    FIELDS = _submit_text_input_fields((
        _f("session_storage", valdt=True, jsonset=True, help="Key of a sessionStorage value sent with the form."),
        _f("local_storage", valdt=True, jsonset=True, help="Key of a localStorage value sent with the form."),
    ))
    storage_fields = ("session_storage", "local_storage")


class SubmitTextInput3(Widget):
    """A text input with its own form, below two paragraphs of explanation.

    show_para1 / para_text: a paragraph of text; show_para2 / textblock_ref: a paragraph
    showing a TextBlock (both escaped; hidden paragraphs stay in the page for JSON updates);
    outer_class: the div holding the paragraphs.  label: text before the input (inputdiv_class
    styles their div); button_label: text before the submit button (buttondiv_class styles
    their div); button_text / button_class: the button.  input_text, type, size, maxlength,
    required, pattern, title, input_class: the input.  action / action_json / target /
    hidden_field1 to hidden_field4 / hide / error_class: as SubmitTextInput1.
    """

    error_display = True
    FIELDS = (
        _f("show_para1", "boolean", jsonset=True, default=True, help="Show the para_text paragraph."),
        _f("para_text", jsonset=True, help="Text of the first paragraph."),
        _f("show_para2", "boolean", jsonset=True, default=True, help="Show the TextBlock paragraph."),
        _f("textblock_ref", "textblock_ref", help="The TextBlock shown in the second paragraph."),
        _label(), _LABEL_CLASS, _LABEL_STYLE,
        _f("button_label", default="Please submit:", help="Text of the label before the submit button."),
        _f("button_label_class", "cssclass", help="CSS class of the button's label."),
        _f("button_label_style", "cssstyle", help="CSS style of the button's label."),
        _ACTION_NOJS, action_json_field(), *hidden_field_decls(), _TARGET, _BUTTON_TEXT, _BUTTON_CLASS,
        _f("buttondiv_class", "cssclass", help="CSS class of the div holding the button."),
        _f("outer_class", "cssclass", help="CSS class of the div holding the paragraphs."),
        _f("inputdiv_class", "cssclass", help="CSS class of the div holding the label and input."),
        _ERROR_CLASS, *_SUBMIT_INPUT_TAIL, _INPUT_CLASS, _accepted(), _errored(), _HIDE,
    )

    def render(self, w):
        url, warning = form_action(w)
        if warning:
            return warning
        input_id, button_id = w.autoid(), w.autoid()
        _form_js(w, input_id)
        hidden = "display:none;"
        paras = (f'<p{attrs(style="" if w["show_para1"] else hidden)}>{esc(w["para_text"])}</p>'
                 f'<p{attrs(style="" if w["show_para2"] else hidden)}>{esc(w.textblock(w["textblock_ref"]))}</p>')
        field = _input(w, _type(w), input_id, cls=state_class(w, w["input_class"]))
        button = f'<input{attrs(type="submit", value=w["button_text"], id=button_id, cls=w["button_class"])} />'
        inner = (f'<div{attrs(cls=w["inputdiv_class"])}>'
                 f'{label(w["label"], input_id, w["label_class"], w["label_style"])}{field}</div>'
                 f'<div{attrs(cls=w["buttondiv_class"])}>'
                 f'{label(w["button_label"], button_id, w["button_label_class"], w["button_label_style"])}'
                 f'{button}</div>')
        return (f"<div{w.outer(hidden=hide_outer(w))}>{error_div(w)}"
                f'<div{attrs(cls=w["outer_class"])}>{paras}</div>'
                f"{form(w, url, inner, target=w['target'])}</div>")


class SubmitTextInput4(Widget):
    """A text input with its own form, laid out as three divs: text, input and button.

    left_text: a paragraph before the input (left_class / left_style; its div leftdiv_class /
    leftdiv_style; left out when empty).  inputdiv_class / inputdiv_style: the input's div;
    buttondiv_class / buttondiv_style: the button's div; formdiv_class / formdiv_style: the div
    holding all three.  input_text, type, size, maxlength, required, pattern, title,
    input_class, input_style: the input.  action / action_json / target / hidden_field1 to
    hidden_field4 / button_text / button_class / hide / error_class: as SubmitTextInput1.
    """

    error_display = True
    FIELDS = (
        _f("left_text", default="Your input:", help="Text shown before the input."),
        _f("left_class", "cssclass", help="CSS class of the text paragraph."),
        _f("left_style", "cssstyle", help="CSS style of the text paragraph."),
        _f("leftdiv_class", "cssclass", help="CSS class of the div holding the text."),
        _f("leftdiv_style", "cssstyle", help="CSS style of the div holding the text."),
        action_json_field(), _ACTION_NOJS, _ERROR_CLASS, *hidden_field_decls(), _TARGET, _BUTTON_TEXT, _BUTTON_CLASS,
        _f("formdiv_class", "cssclass", help="CSS class of the div holding text, input and button."),
        _f("formdiv_style", "cssstyle", help="CSS style of the div holding text, input and button."),
        _INPUTDIV_CLASS, _INPUTDIV_STYLE,
        _f("buttondiv_class", "cssclass", help="CSS class of the div holding the button."),
        _f("buttondiv_style", "cssstyle", help="CSS style of the div holding the button."),
        *_SUBMIT_INPUT_TAIL, _INPUT_CLASS, _INPUT_STYLE, _accepted(), _errored(), _HIDE,
    )

    def render(self, w):
        url, warning = form_action(w)
        if warning:
            return warning
        input_id = w.autoid()
        _form_js(w, input_id)
        left = ""
        if w["left_text"]:
            left = (f'<div{attrs(cls=w["leftdiv_class"], style=w["leftdiv_style"])}>'
                    f'<p{attrs(cls=w["left_class"], style=w["left_style"])}>{esc(w["left_text"])}</p></div>')
        field = _input(w, _type(w), input_id, cls=state_class(w, w["input_class"]), style=w["input_style"])
        button = f'<button{attrs(type="submit", cls=w["button_class"])}>{esc(submit_text(w))}</button>'
        inner = (f'<div{attrs(cls=w["formdiv_class"], style=w["formdiv_style"])}>{left}'
                 f'<div{attrs(cls=w["inputdiv_class"], style=w["inputdiv_style"])}>{field}</div>'
                 f'<div{attrs(cls=w["buttondiv_class"], style=w["buttondiv_style"])}>{button}</div></div>')
        return (f"<div{w.outer(hidden=hide_outer(w))}>{error_div(w)}"
                f"{form(w, url, inner, target=w['target'])}</div>")


class TextInput1(ClosedWidget):
    """A text input on its own, to place inside a form.

    input_text: the value (submitted as this widget's input_text field); type ('text' by
    default), size, maxlength, disabled, required, pattern and title set the input's
    attributes.  set_input_accepted / set_input_errored add input_accepted_class /
    input_errored_class to the input (settable by JSON).
    """

    FIELDS = (_ACCEPTED_CLASS, _ERRORED_CLASS, _accepted(), _errored(), _INPUT_TEXT, _SIZE, _MAXLENGTH,
              _DISABLED, _REQUIRED, _TYPE, _PATTERN, _TITLE)

    def render(self, w):
        return _void_input(w, _type(w))


class TextInput2(Widget):
    """A text input with a label, an error paragraph and an optional red star.

    label: the label text ('Your Input:' by default); label_class / label_style style it.
    input_text: the value submitted; input_class styles the input and input_disabled_class
    replaces it while disabled (settable by JSON).  type, size, maxlength, required, pattern,
    title: the input's attributes.  redstar shows a star after the input.  inputdiv_class: the
    div around label and input; error_class: the error paragraph.  An error shown by this
    widget also marks the input with input_errored_class.
    """

    error_display = True
    FIELDS = (_ACCEPTED_CLASS, _ERRORED_CLASS, _INPUTDIV_CLASS, _accepted(), _errored(), _label("Your Input:"),
              _LABEL_CLASS, _LABEL_STYLE, _ERROR_CLASS, _INPUT_TEXT, _INPUT_CLASS, _INPUT_DISABLED_CLASS, _SIZE,
              _MAXLENGTH, *_REDSTAR, _DISABLED_J, _REQUIRED, _TYPE, _PATTERN, _TITLE)

    def render(self, w):
        return _labelled_input(w, _type(w))


class TextInput3(Widget):
    """A text input between a left and a right label.

    left_label ('Your Input:' by default) / right_label: the labels, each with a class and
    style.  input_text: the value submitted; input_class / input_style style the input; type,
    size, maxlength, disabled, required, pattern, title: its attributes.  set_input_accepted /
    set_input_errored add input_accepted_class / input_errored_class (settable by JSON).
    """

    FIELDS = (
        _INPUT_CLASS, _INPUT_STYLE, _ACCEPTED_CLASS, _ERRORED_CLASS, _accepted(), _errored(),
        _f("left_label", default="Your Input:", help="Label before the input."),
        _f("left_class", "cssclass", help="CSS class of the left label."),
        _f("left_style", "cssstyle", help="CSS style of the left label."),
        _f("right_label", help="Label after the input."),
        _f("right_class", "cssclass", help="CSS class of the right label."),
        _f("right_style", "cssstyle", help="CSS style of the right label."),
        _INPUT_TEXT, _SIZE, _MAXLENGTH, _DISABLED, _REQUIRED, _TYPE, _PATTERN, _TITLE,
    )

    def render(self, w):
        input_id = w.autoid()
        _state_js(w, input_id=input_id)
        field = _input(w, _type(w), input_id, cls=state_class(w, w["input_class"]), style=w["input_style"])
        return (f"<div{w.outer()}>{label(w['left_label'], input_id, w['left_class'], w['left_style'])}"
                f"{field}{label(w['right_label'], input_id, w['right_class'], w['right_style'])}</div>")


class TextInput4(Widget):
    """A text input with its label in a div above (or beside) the input's own div.

    labeldiv_class / labeldiv_style: the label's div; label ('Your input:' by default),
    label_class, label_style: the label.  inputdiv_class / inputdiv_style: the input's div.
    input_text: the value submitted; input_class / input_style style it and
    input_disabled_class replaces input_class while disabled (settable by JSON).  type, size,
    maxlength, required, pattern, title: the input's attributes; redstar shows a star after it.
    """

    FIELDS = (
        _ACCEPTED_CLASS, _ERRORED_CLASS, _accepted(), _errored(),
        _f("labeldiv_class", "cssclass", help="CSS class of the div holding the label."),
        _f("labeldiv_style", "cssstyle", help="CSS style of the div holding the label."),
        _label(), _LABEL_CLASS, _LABEL_STYLE, _INPUTDIV_CLASS, _INPUTDIV_STYLE, _INPUT_TEXT, _INPUT_CLASS,
        _INPUT_STYLE, _INPUT_DISABLED_CLASS, _SIZE, _MAXLENGTH, *_REDSTAR, _DISABLED_J, _REQUIRED, _TYPE,
        _PATTERN, _TITLE,
    )

    def render(self, w):
        input_id = w.autoid()
        _state_js(w, input_id=input_id, input_class=w["input_class"],
                  input_disabled_class=w["input_disabled_class"])
        field = _input(w, _type(w), input_id, cls=state_class(w, _base_class(w)), style=w["input_style"])
        return (f"<div{w.outer()}>"
                f'<div{attrs(cls=w["labeldiv_class"], style=w["labeldiv_style"])}>'
                f'{label(w["label"], input_id, w["label_class"], w["label_style"])}</div>'
                f'<div{attrs(cls=w["inputdiv_class"], style=w["inputdiv_style"])}>{field}{_redstar(w)}</div>'
                "</div>")


def _two_input_fields(n):
    return (
        _f(f"input_text{n}", valdt=True, jsonset=True, help=f"The value of input {n}; submitted as this field."),
        _f(f"size{n}", help=f"Size attribute of input {n}."),
        _f(f"maxlength{n}", help=f"The most characters input {n} accepts."),
        _f(f"disabled{n}", "boolean", help=f"Disable input {n}."),
        _f(f"required{n}", "boolean", help=f"The browser refuses to submit input {n} empty."),
        _f(f"type{n}", default="text", help=f"The type of input {n} ('text' when empty)."),
        _f(f"pattern{n}", help=f"A regular expression the browser checks input {n} against."),
        _f(f"title{n}", help=f"Title of input {n}."),
        _accepted(str(n)),
        _errored(str(n)),
    )


class TwoInputsSubmit1(Widget):
    """Two text inputs and a submit button in one form, after one label.

    label: the text before the first input; input_text1 / input_text2 (with type, size,
    maxlength, disabled, required, pattern and title for each, numbered 1 and 2): the two
    inputs; input_class1 / input_class2 style them; set_input_accepted1/2 and
    set_input_errored1/2 add input_accepted_class / input_errored_class (an error shown by the
    widget marks both).  button_text / button_class: the submit button; inputdiv_class: the div
    holding label, inputs and button.  action (no_javascript by default), action_json,
    hidden_field1 to hidden_field4, error_class: as SubmitTextInput1.
    """

    error_display = True
    FIELDS = (
        _ACTION_NOJS, action_json_field(), _ERROR_CLASS,
        _f("inputdiv_class", "cssclass", help="CSS class of the div holding label, inputs and button."),
        _label(), _LABEL_CLASS, _LABEL_STYLE, *hidden_field_decls(), _BUTTON_TEXT, _BUTTON_CLASS,
        *_two_input_fields(1), *_two_input_fields(2),
        _f("input_class1", "cssclass", help="CSS class of input 1."),
        _f("input_class2", "cssclass", help="CSS class of input 2."),
        _ACCEPTED_CLASS, _ERRORED_CLASS,
    )

    def render(self, w):
        url, warning = form_action(w)
        if warning:
            return warning
        input_id = w.autoid()
        _form_js(w, input_id)
        one = _input(w, _type(w, "1"), input_id, suffix="1", cls=state_class(w, w["input_class1"], "1"))
        two = _input(w, _type(w, "2"), "", suffix="2", cls=state_class(w, w["input_class2"], "2"))
        button = f'<input{attrs(type="submit", value=w["button_text"], cls=w["button_class"])} />'
        inner = (f'<div{attrs(cls=w["inputdiv_class"])}>'
                 f'{label(w["label"], input_id, w["label_class"], w["label_style"])}{one}{two}{button}</div>')
        return f"<div{w.outer()}>{error_div(w)}{form(w, url, inner)}</div>"

