"""Form shells and form inserts: the widgets that turn a group of inputs into a submission.

A form widget (Form1, SubmitForm1, SubmitForm2) holds the input widgets in its container, adds
the hidden ``ident`` and CSRF inputs every form needs, up to four hidden fields of its own and,
for the Submit forms, the submit button.  The small closed widgets (HiddenField, SubmitButton1
...) are placed inside such a container.  SubmitFromScript is a bare form whose hidden values
the browser library fills from script variables before sending.

Forms always post; when an ``action_json`` URL is given the browser library may send the form
to it and apply the JSON reply instead, and without JavaScript the form posts to ``action``.
The helpers at the end of this module are shared by the other form-building modules
(inputtext, textarea, upload).
"""

from ..render.html import attrs, esc, safe_url
from .base import ClosedWidget, Field, Widget

NO_ACTION = '<span data-status="error">Warning: No form action</span>'
BROKEN_LINK = '<span data-status="error">Warning: broken link</span>'
HIDDEN_FIELDS = ("hidden_field1", "hidden_field2", "hidden_field3", "hidden_field4")


# ---- shared field declarations ------------------------------------------------------------

def action_field(default="", *, valdt=False, help="The page or URL the form posts to."):
    """The ``action`` field of a form widget: an ident, label or URL."""
    return Field("action", "url", valdt=valdt, default=default, help=help)


def action_json_field():
    """The ``action_json`` field: the JSON page the browser library sends the form to."""
    return Field("action_json", "url",
                 help="With JavaScript, the form is sent to this JSON page and the reply updates the page; "
                      "leave empty to always post to action.")


def hidden_field_decls(*, jsonset=True, help_text=None):
    """The four ``hidden_fieldN`` fields sent with a form (empty ones are left out)."""
    text = help_text or "A value sent with the form as a hidden field (left out when empty)."
    return tuple(Field(n, "text", valdt=True, jsonset=jsonset, help=text) for n in HIDDEN_FIELDS)


# ---- shared rendering helpers ---------------------------------------------------------------

def form_action(w, field="action"):
    """Return ``(url, warning)`` for a form's action field.

    An empty action gives the "No form action" warning the original shows in place of the
    widget; an action with a scheme that can run script (javascript: ...) gives "broken link".
    """
    value = w.get(field)
    if value in (None, ""):
        return "", NO_ACTION
    raw = w.ctx.url(value)
    if not raw:
        return "", NO_ACTION
    url = safe_url(raw)
    if url != raw:
        return "", BROKEN_LINK
    return url, ""


def json_url(w, field="action_json"):
    """The JSON URL of ``field`` for the browser library, '' when empty or unsafe."""
    value = w.get(field)
    if value in (None, ""):
        return ""
    raw = w.ctx.url(value)
    url = safe_url(raw)
    return url if url == raw else ""


def error_div(w):
    """The error paragraph: hidden and empty until an error is shown, then the escaped message."""
    if w.error:
        return f'<div{attrs(cls=w.get("error_class"))}><p>{esc(w.error)}</p></div>'
    return f'<div{attrs(style="display:none;", cls=w.get("error_class"))}><p></p></div>'


def hidden_inputs(w, names=HIDDEN_FIELDS, *, valueless=False):
    """Hidden inputs for the non-empty ``names`` fields (``valueless``: names only, no values)."""
    out = []
    for name in names:
        value = w.get(name)
        if value in (None, ""):
            continue
        value = "" if valueless else value
        out.append(f'<input{attrs(name=w.form_name(name), value=value, type="hidden")} />')
    return "".join(out)


def form(w, url, content, *, target="", enctype="", hidden=HIDDEN_FIELDS, extra=()):
    """A post form holding ``content``, then the ident/CSRF inputs and the widget's hidden fields."""
    head = attrs(("role", "form"), ("method", "post"), ("action", url),
                 ("target", target), ("enctype", enctype), *extra)
    return f"<form{head}>{content}{w.ident_inputs()}{hidden_inputs(w, hidden)}</form>"


def label(text, for_id, cls="", style=""):
    """A ``<label>`` for ``for_id`` ('' when there is no text)."""
    if not text:
        return ""
    return f"<label{attrs(cls=cls, style=style)}{attrs(('for', for_id))}>{esc(text)}</label>"


def join_classes(*names):
    """Space-join the non-empty class names."""
    return " ".join(n for n in names if n)


def state_class(w, base="", suffix=""):
    """``base`` plus the errored class (error shown or set_input_errored) or the accepted class."""
    if w.error or w.get("set_input_errored" + suffix):
        return join_classes(base, w.get("input_errored_class"))
    if w.get("set_input_accepted" + suffix):
        return join_classes(base, w.get("input_accepted_class"))
    return base


def hide_outer(w):
    """True when the widget's ``hide`` field hides it: a shown error always makes it visible."""
    return bool(w.get("hide")) and not w.error


def submit_text(w, field="button_text"):
    """The button text of ``field``, 'Submit' when empty (as the original does for these)."""
    return w.get(field) or "Submit"


# ---- the widgets ----------------------------------------------------------------------------

_CONTAINER_CLASS = Field("container_class", "cssclass", help="CSS class of the div holding the container.")
_ERROR_CLASS = Field("error_class", "cssclass", help="CSS class of the error paragraph's div.")
_ENCTYPE = Field("enctype", "text",
                 help="The form's enctype (e.g. multipart/form-data); empty for the browser's default.")


class Form1(Widget):
    """A form holding other widgets: they are submitted together to the action page.

    action: the page (ident, label) or URL the form posts to; without one a warning is shown.
    enctype: the form encoding, empty for the default.
    hidden_field1 to hidden_field4: values sent as hidden fields (left out when empty).
    container_class: CSS class of the div around the contained widgets.
    error_class: CSS class of the error paragraph shown above the form.
    Container 0 holds the form's inputs.
    """

    containers = 1
    error_display = True
    FIELDS = (
        action_field(),
        _ENCTYPE,
        *hidden_field_decls(),
        _CONTAINER_CLASS,
        _ERROR_CLASS,
    )

    def render(self, w):
        url, warning = form_action(w)
        if warning:
            return warning
        inner = f'<div{attrs(cls=w["container_class"])}>{w.container(0)}</div>'
        return f"<div{w.outer()}>{error_div(w)}{form(w, url, inner, enctype=w['enctype'])}</div>"


class HiddenField(ClosedWidget):
    """A hidden input, placed inside a form, sending a value with it.

    hidden_field: the value sent (the widget is left out while it is empty).
    """

    FIELDS = (Field("hidden_field", "text", valdt=True, jsonset=True,
                    help="The value sent; the widget is not rendered while this is empty."),)

    def render(self, w):
        if w["hidden_field"] in (None, ""):
            return ""
        field = attrs(name=w.form_name("hidden_field"), value=w["hidden_field"], type="hidden")
        return f"<input{w.outer(status=False)}{field} />"


class _StorageInput(ClosedWidget):
    """Shared rendering of the hidden inputs filled from browser storage."""

    key_field = ""
    storage = ""

    def render(self, w):
        key = w[self.key_field]
        if key in (None, ""):
            return ""
        w.js(**{self.key_field: key})
        data = (f"data-{self.storage}-key", key)
        return (f'<input{w.outer(status=False)}'
                f'{attrs(data, name=w.form_name(self.key_field), value="", type="hidden")} />')


class HiddenLocalStorage(_StorageInput):
    """A hidden input the browser fills from its localStorage before the form is sent.

    local_key: the localStorage key whose stored value is sent (the widget is left out while
    empty).  The page renders the input empty; the browser library copies the stored value
    into it, so without JavaScript an empty value is sent.
    """

    key_field = "local_key"
    storage = "local"
    FIELDS = (Field("local_key", "text", valdt=True, jsonset=True,
                    help="The localStorage key whose value is sent with the form."),)


class HiddenSessionStorage(_StorageInput):
    """A hidden input the browser fills from its sessionStorage before the form is sent.

    session_key: the sessionStorage key whose stored value is sent (the widget is left out
    while empty).  The page renders the input empty; the browser library copies the stored
    value into it, so without JavaScript an empty value is sent.
    """

    key_field = "session_key"
    storage = "session"
    FIELDS = (Field("session_key", "text", valdt=True, jsonset=True,
                    help="The sessionStorage key whose value is sent with the form."),)


class SubmitButton1(ClosedWidget):
    """A submit button for a form; its text is sent with the form as ``widget:button_text``.

    button_text: the button's text, also the value submitted ('Submit' when empty).
    """

    FIELDS = (Field("button_text", "text", valdt=True, jsonset=True, default="Submit",
                    help="Text of the button, submitted as this field's value."),)

    def render(self, w):
        return (f'<input{w.outer(status=False)}'
                f'{attrs(name=w.form_name("button_text"), value=submit_text(w), type="submit")} />')


class SubmitButton2(ClosedWidget):
    """A submit button for a form; unlike SubmitButton1 it sends no value of its own.

    button_text: the button's text ('Submit' when empty).
    """

    FIELDS = (Field("button_text", "text", jsonset=True, default="Submit", help="Text of the button."),)

    def render(self, w):
        return f'<input{w.outer(status=False)}{attrs(value=submit_text(w), type="submit")} />'


_SUBMIT_FORM_FIELDS_HEAD = (
    Field("left_label", "text", default="Please Submit:", help="Label shown left of the submit button."),
    Field("left_class", "cssclass", help="CSS class of the left label."),
    Field("left_style", "cssstyle", help="CSS style of the left label."),
    Field("right_label", "text", help="Label shown right of the submit button."),
    Field("right_class", "cssclass", help="CSS class of the right label."),
    Field("right_style", "cssstyle", help="CSS style of the right label."),
    action_json_field(),
    action_field(),
    _ENCTYPE,
    *hidden_field_decls(),
)
_SUBMIT_FORM_FIELDS_TAIL = (
    Field("button_text", "text", default="Submit", help="Text of the submit button."),
    Field("button_wait_text", "text",
          help="Text the button shows while a JSON submission is waiting for its reply."),
    Field("button_class", "cssclass", help="CSS class of the submit button."),
    Field("div_class", "cssclass", help="CSS class of the div holding the labels and button."),
    _CONTAINER_CLASS,
    _ERROR_CLASS,
)


class _SubmitForm(Widget):
    """Shared rendering of SubmitForm1 and SubmitForm2."""

    containers = 1
    error_display = True

    def extra_js(self, w):
        return []

    def render(self, w):
        url, warning = form_action(w)
        if warning:
            return warning
        button_id = w.autoid()
        jurl = json_url(w)
        settings = {"buttonident": button_id}
        if jurl:
            settings["url"] = jurl
            if w["button_wait_text"]:
                settings["button_wait_text"] = w["button_wait_text"]
        extra = self.extra_js(w)
        settings.update(extra)
        w.js(**settings)
        button = f'<input{attrs(type="submit", cls=w["button_class"], value=w["button_text"], id=button_id)} />'
        buttons = (label(w["left_label"], button_id, w["left_class"], w["left_style"]) + button
                   + label(w["right_label"], button_id, w["right_class"], w["right_style"]))
        inner = (f'<div{attrs(cls=w["container_class"])}>{w.container(0)}</div>'
                 f'<div{attrs(cls=w["div_class"])}>{buttons}</div>')
        data = [(f"data-{k.replace('_', '-')}", v) for k, v in extra]
        return f"<div{w.outer()}>{error_div(w)}{form(w, url, inner, enctype=w['enctype'], extra=data)}</div>"


class SubmitForm1(_SubmitForm):
    """A form holding other widgets, with a submit button and labels beside it.

    Container 0 holds the form's inputs; below it a div holds left_label, the submit button
    (button_text) and right_label.  action: the page or URL the form posts to; action_json: a
    JSON page the browser library sends the form to instead (its reply updates the page), with
    button_wait_text shown on the button meanwhile.  hidden_field1 to hidden_field4 are sent as
    hidden fields when not empty; enctype sets the form encoding.  The error paragraph above
    the form (error_class) shows errors.
    """

    FIELDS = _SUBMIT_FORM_FIELDS_HEAD + _SUBMIT_FORM_FIELDS_TAIL


class SubmitForm2(_SubmitForm):
    """As SubmitForm1, and also sends values kept in the browser's storage.

    session_storage / local_storage: keys of sessionStorage / localStorage values that the
    browser library adds to the submission (as this widget's session_storage / local_storage
    fields).  Without JavaScript these values are not sent.  The other fields are those of
    SubmitForm1: labels and button, action and action_json, hidden fields, classes.
    """

    FIELDS = _SUBMIT_FORM_FIELDS_HEAD + (
        Field("session_storage", "text", valdt=True, jsonset=True,
              help="Key of a sessionStorage value sent with the form."),
        Field("local_storage", "text", valdt=True, jsonset=True,
              help="Key of a localStorage value sent with the form."),
    ) + _SUBMIT_FORM_FIELDS_TAIL

    def extra_js(self, w):
        return [(k, w[k]) for k in ("session_storage", "local_storage") if w[k]]


class SubmitFromScript(Widget):
    """A submit button whose hidden fields are filled by the browser from script values.

    hidden_field1 to hidden_field4: names of JavaScript values; the browser library puts their
    current values into the matching hidden fields when the form is sent (a hidden field is
    present only when its name is set).  action: the page or URL the form posts to;
    action_json: a JSON page to send it to instead.  target: the form's target window.
    button_text, button_class: the button; buttondiv_class / buttondiv_style: its div.
    hide: render hidden (display:none) until a JSON update shows it.
    """

    FIELDS = (
        action_json_field(),
        action_field(),
        *hidden_field_decls(jsonset=False, help_text="Name of a script value sent as a hidden field."),
        Field("target", "text", help="The form's target (e.g. _blank)."),
        Field("button_text", "text", default="Submit", help="Text of the submit button."),
        Field("button_class", "cssclass", help="CSS class of the submit button."),
        Field("buttondiv_class", "cssclass", help="CSS class of the div holding the button."),
        Field("buttondiv_style", "cssstyle", help="CSS style of the div holding the button."),
        Field("hide", "boolean", jsonset=True, help="Render the widget hidden (display:none)."),
    )

    def render(self, w):
        url, warning = form_action(w)
        if warning:
            return warning
        settings = {n: w[n] for n in HIDDEN_FIELDS if w[n]}
        jurl = json_url(w)
        if jurl:
            settings["url"] = jurl
        if settings:
            w.js(**settings)
        button = f'<button{attrs(type="submit", cls=w["button_class"])}>{esc(submit_text(w))}</button>'
        inner = f'<div{attrs(cls=w["buttondiv_class"], style=w["buttondiv_style"])}>{button}</div>'
        hidden = "".join(
            f'<input{attrs(name=w.form_name(n), type="hidden", data_script_value=w[n])} />'
            for n in HIDDEN_FIELDS if w[n])
        body = (f'<form{attrs(role="form", method="post", target=w["target"], action=url)}>'
                f"{inner}{w.ident_inputs()}{hidden}</form>")
        return f"<div{w.outer(hidden=bool(w['hide']))}>{body}</div>"

