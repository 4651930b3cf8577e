"""Login forms: a username and password form, and a form asking for four characters of a PIN.

Both are forms of their own that always post (never send credentials in a URL), with
password inputs whose ``autocomplete`` tells browsers and password managers what they hold.
"""

from ..render.html import attrs
from .base import Field, Widget
from .checkbox import _error_div, _form_action, _hidden_fields, _label, _value

_HIDDEN_FIELDS = ("hidden_field1", "hidden_field2", "hidden_field3", "hidden_field4")


def _joined_class(*classes):
    return " ".join(c for c in classes if c)


class NamePasswd1(Widget):
    """A login form: a username input, a password input and a submit button.

    action: the page the form posts to (without it a warning is shown instead of the form).
    action_json: if set, the browser library posts the form to this JSON page instead and
    applies the reply; without JavaScript the form posts to action.  hidden_field1..4: values
    sent as hidden fields (left out when empty).  Input 1 is the username (submitted as
    widget:input_text1), input 2 the password (type password, submitted as widget:input_text2);
    for each: label, value, size, maxlength, disabled, required (both required by default),
    pattern and title (the hint shown for a pattern mismatch).  set_input_accepted1/2 and
    set_input_errored1/2 (settable by JSON) add input_accepted_class or input_errored_class to
    that input.  button_text: the button's text.
    """

    error_display = True
    FIELDS = (
        Field("action", "url", help="The page the form posts to."),
        Field("action_json", "url", help="JSON page the browser posts to, if any."),
        Field("error_class", "cssclass", help="CSS class of the error paragraph's div."),
        Field("inputdiv_class", "cssclass", help="CSS class of the div holding inputs and button."),
        Field("hidden_field1", "text", valdt=True, jsonset=True, help="A hidden field's value."),
        Field("hidden_field2", "text", valdt=True, jsonset=True, help="A hidden field's value."),
        Field("hidden_field3", "text", valdt=True, jsonset=True, help="A hidden field's value."),
        Field("hidden_field4", "text", valdt=True, jsonset=True, help="A hidden field's value."),
        Field("div1_class", "cssclass", help="CSS class of the username's div."),
        Field("label1", "text", default="Username:", help="Label of the username input."),
        Field("label_class1", "cssclass", help="CSS class of the username label."),
        Field("label_style1", "cssstyle", help="CSS style of the username label."),
        Field("input_text1", "text", valdt=True, jsonset=True, help="Value of the username input."),
        Field("size1", "text", help="The size attribute of the username input."),
        Field("maxlength1", "text", help="The maximum length of the username."),
        Field("disabled1", "boolean", help="True disables the username input."),
        Field("required1", "boolean", default=True, help="True makes the username required."),
        Field("pattern1", "text", help="A pattern the username must match."),
        Field("title1", "text", help="Hint shown for the username (e.g. the pattern's meaning)."),
        Field("set_input_accepted1", "boolean", jsonset=True,
              help="True adds input_accepted_class to the username input."),
        Field("set_input_errored1", "boolean", jsonset=True,
              help="True adds input_errored_class to the username input."),
        Field("div2_class", "cssclass", help="CSS class of the password's div."),
        Field("label2", "text", default="Password:", help="Label of the password input."),
        Field("label_class2", "cssclass", help="CSS class of the password label."),
        Field("label_style2", "cssstyle", help="CSS style of the password label."),
        Field("input_text2", "text", valdt=True, jsonset=True, help="Value of the password input."),
        Field("size2", "text", help="The size attribute of the password input."),
        Field("maxlength2", "text", help="The maximum length of the password."),
        Field("disabled2", "boolean", help="True disables the password input."),
        Field("required2", "boolean", default=True, help="True makes the password required."),
        Field("pattern2", "text", help="A pattern the password must match."),
        Field("title2", "text", help="Hint shown for the password (e.g. the pattern's meaning)."),
        Field("set_input_accepted2", "boolean", jsonset=True,
              help="True adds input_accepted_class to the password input."),
        Field("set_input_errored2", "boolean", jsonset=True,
              help="True adds input_errored_class to the password input."),
        Field("input_class1", "cssclass", help="CSS class of the username input."),
        Field("input_class2", "cssclass", help="CSS class of the password input."),
        Field("input_accepted_class", "cssclass", help="CSS class added to an accepted input."),
        Field("input_errored_class", "cssclass", help="CSS class added to an errored input."),
        Field("div3_class", "cssclass", help="CSS class of the button's div."),
        Field("button_text", "text", default="Submit", help="The submit button's text."),
        Field("button_class", "cssclass", help="CSS class of the button."),
        Field("button_style", "cssstyle", help="CSS style of the button."),
    )

    def _input(self, w, n, itype, autocomplete):
        iid = w.autoid()
        cls = _joined_class(w[f"input_class{n}"],
                            w["input_accepted_class"] if w[f"set_input_accepted{n}"] else "",
                            w["input_errored_class"] if w[f"set_input_errored{n}"] else "")
        field = (f'<input type="{itype}"{attrs(("name", w.form_name(f"input_text{n}")))}'
                 f'{_value(w[f"input_text{n}"])}'
                 f'{attrs(("size", w[f"size{n}"]), ("maxlength", w[f"maxlength{n}"]))}'
                 f'{attrs(("disabled", w[f"disabled{n}"]), ("required", w[f"required{n}"]))}'
                 f'{attrs(("pattern", w[f"pattern{n}"]), ("title", w[f"title{n}"]), ("class", cls))}'
                 f'{attrs(("id", iid), ("autocomplete", autocomplete))} />')
        label = _label(w[f"label{n}"], iid, w[f"label_class{n}"], w[f"label_style{n}"])
        return f"<div{attrs(cls=w[f'div{n}_class'])}>{label}{field}</div>"

    def render(self, w):
        action, warning = _form_action(w, "action")
        if warning:
            return warning
        settings = {"input_accepted_class": w["input_accepted_class"],
                    "input_errored_class": w["input_errored_class"]}
        if w["action_json"]:
            settings["url"] = w.url("action_json")
            settings["method"] = "post"
        w.js(**{k: v for k, v in settings.items() if v})
        button = (f'<input type="submit"{_value(w["button_text"])}'
                  f'{attrs(cls=w["button_class"], style=w["button_style"])} />')
        return (f"<div{w.outer()}>{_error_div(w, w['error_class'])}"
                f'<form role="form" method="post"{attrs(("action", action))}>'
                f"<div{attrs(cls=w['inputdiv_class'])}>"
                f"{self._input(w, 1, 'text', 'username')}"
                f"{self._input(w, 2, 'password', 'current-password')}"
                f"<div{attrs(cls=w['div3_class'])}>{button}</div></div>"
                f"{w.ident_inputs()}{_hidden_fields(w, _HIDDEN_FIELDS)}</form></div>")


class Pin4(Widget):
    """A form asking for four chosen characters of a PIN or password, one box per character.

    pin1..pin4: True asks for that character (an empty password box, submitted as
    widget:pin1 .. widget:pin4; validators may check it); False shows a disabled box filled
    with 'X' that is not submitted.  autofocus: put the cursor in the first requested box.
    action: the page the form posts to (without it a warning is shown instead of the form).
    hidden_field1..4: values sent as hidden fields (left out when empty).  The container,
    shown above the boxes, can hold instructions.  left_label / right_label: labels either
    side of the submit button; button_text its text.  hide: render the widget hidden
    (settable by JSON).
    """

    containers = 1
    error_display = True
    FIELDS = (
        Field("hide", "boolean", jsonset=True, help="True renders the widget hidden."),
        Field("autofocus", "boolean", default=True, help="Put the cursor in the first requested box."),
        Field("action", "url", help="The page the form posts to."),
        Field("hidden_field1", "text", valdt=True, jsonset=True, help="A hidden field's value."),
        Field("hidden_field2", "text", valdt=True, jsonset=True, help="A hidden field's value."),
        Field("hidden_field3", "text", valdt=True, jsonset=True, help="A hidden field's value."),
        Field("hidden_field4", "text", valdt=True, jsonset=True, help="A hidden field's value."),
        Field("button_text", "text", default="Submit", help="The submit button's text."),
        Field("pin1", "boolean", valdt=True, default=True, help="True asks for the first character."),
        Field("pin2", "boolean", valdt=True, default=True, help="True asks for the second character."),
        Field("pin3", "boolean", valdt=True, default=True, help="True asks for the third character."),
        Field("pin4", "boolean", valdt=True, default=True, help="True asks for the fourth character."),
        Field("inner_div_class", "cssclass", help="CSS class of the div inside the widget."),
        Field("char_div_class", "cssclass", help="CSS class of the div holding the four boxes."),
        Field("char_div_style", "cssstyle", help="CSS style of the div holding the four boxes."),
        Field("butt_div_class", "cssclass", help="CSS class of the div holding the button."),
        Field("button_class", "cssclass", help="CSS class of the button."),
        Field("error_class", "cssclass", help="CSS class of the error paragraph's div."),
        Field("left_label", "text", help="Label left of the button."),
        Field("left_class", "cssclass", help="CSS class of the left label."),
        Field("left_style", "cssstyle", help="CSS style of the left label."),
        Field("right_label", "text", help="Label right of the button."),
        Field("right_class", "cssclass", help="CSS class of the right label."),
        Field("right_style", "cssstyle", help="CSS style of the right label."),
    )

    def render(self, w):
        action, warning = _form_action(w, "action")
        if warning:
            return warning
        boxes = []
        focus = w["autofocus"]
        for n in (1, 2, 3, 4):
            common = (f'<input type="password" size="1" maxlength="1" required style="width:2em;"'
                      f'{attrs(("name", w.form_name(f"pin{n}")))} autocomplete="off"')
            if w[f"pin{n}"]:
                boxes.append(f"{common}{attrs(('autofocus', focus), ('aria-label', f'character {n}'))} />")
                focus = False
            else:
                boxes.append(f'{common} disabled value="X" />')
        bid = w.autoid()
        button = (f'<input type="submit"{attrs(("class", w["button_class"]))}{_value(w["button_text"])}'
                  f'{attrs(("id", bid))} />')
        return (f"<div{w.outer(hidden=w['hide'])}><div{attrs(cls=w['inner_div_class'])}>"
                f"{_error_div(w, w['error_class'])}<div>{w.container(0)}</div>"
                f'<form role="form" method="post"{attrs(("action", action))}>'
                f"<div{attrs(cls=w['char_div_class'], style=w['char_div_style'])}>{'-'.join(boxes)}</div>"
                f"<div{attrs(cls=w['butt_div_class'])}>"
                f"{_label(w['left_label'], bid, w['left_class'], w['left_style'])}{button}"
                f"{_label(w['right_label'], bid, w['right_class'], w['right_style'])}</div>"
                f"{w.ident_inputs()}{_hidden_fields(w, _HIDDEN_FIELDS)}</form></div></div>")

