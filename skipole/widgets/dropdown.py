"""Drop-down selects, and a hidden box with a close button.

DropDown1 is a select to put inside a form; SubmitDropDown1 is a complete form of its own
(select, submit button, hidden fields; with JavaScript it may post to a JSON page instead);
HiddenContainer is a box of other widgets that the browser can show and close.
"""

from ..render.html import attrs, esc
from .base import Field, ListField, Widget

_HIDDEN = "display:none;"


def _error_box(w):
    """The error box: a div with the message, hidden while there is none."""
    return (f"<div{attrs(cls=w['error_class'], style='' if w.error else _HIDDEN)}>"
            f"<p>{esc(w.error)}</p></div>")


def _select(w, select_id, disabled=False):
    """The select named widget:selectvalue holding option_list, selectvalue selected."""
    chosen = w["selectvalue"]
    options = "".join(
        f'<option value="{esc(opt)}"{attrs(selected=bool(opt) and opt == chosen)}>{esc(opt)}</option>'
        for opt in w["option_list"])
    return (f"<select{attrs(cls=w['select_class'], style=w['select_style'], name=w.form_name('selectvalue'), disabled=disabled, id=select_id)}>"
            f"{options}</select>")


class DropDown1(Widget):
    """A drop-down list to place inside a form, with labels left and right of it.

    The select is submitted as widget:selectvalue; option_list is the list of options and
    selectvalue the one initially selected (validators may be attached to it). left_label
    (default "Choose:") and right_label are the labels (left out when empty), with their
    class and style; select_class, select_style: CSS of the select; div_class: class of the div
    around labels and select; error_class: class of the error box shown above when an error is
    set.
    """

    error_display = True
    FIELDS = (
        Field("selectvalue", "text", valdt=True, help="The option selected; submitted as widget:selectvalue."),
        Field("left_label", "text", default="Choose:", help="Label left of the select."),
        Field("left_class", "cssclass", help="CSS class of the left label."),
        Field("left_style", "cssstyle", help="CSS style of the left label."),
        Field("error_class", "cssclass", help="CSS class of the error box."),
        Field("select_class", "cssclass", help="CSS class of the select."),
        Field("select_style", "cssstyle", help="CSS style of the select."),
        Field("div_class", "cssclass", help="CSS class of the div around labels and select."),
        Field("right_label", "text", help="Label right of the select."),
        Field("right_class", "cssclass", help="CSS class of the right label."),
        Field("right_style", "cssstyle", help="CSS style of the right label."),
        ListField("option_list", "text", help="The options of the select."),
    )

    def render(self, w):
        select_id = w.autoid()
        parts = []
        if w["left_label"]:
            parts.append(f"<label{attrs(('for', select_id), cls=w['left_class'], style=w['left_style'])}>"
                         f"{esc(w['left_label'])}</label>")
        parts.append(_select(w, select_id))
        if w["right_label"]:
            parts.append(f"<label{attrs(('for', select_id), cls=w['right_class'], style=w['right_style'])}>"
                         f"{esc(w['right_label'])}</label>")
        return (f"<div{w.outer()}>{_error_box(w)}"
                f"<div{attrs(cls=w['div_class'])}>{''.join(parts)}</div></div>")


class HiddenContainer(Widget):
    """A box holding container 0, hidden until shown (by JSON or by a change of hide).

    hide: render the box hidden (default True, settable by JSON). The × button closes it: it
    links to link_ident with get_field1..3 (as widget:get_field1 ...), or to the no_javascript
    page when no link is set; with JavaScript the browser hides the box as well.
    boxdiv_class/style: CSS of the box; inner_class/style: CSS of the div around the
    container; buttondiv_class/style: CSS of the div around the button; button_class: the
    button's class.
    """

    containers = 1
    FIELDS = (
        Field("hide", "boolean", jsonset=True, default=True, help="True renders the box hidden."),
        Field("boxdiv_class", "cssclass", help="CSS class of the box."),
        Field("boxdiv_style", "cssstyle", help="CSS style of the box."),
        Field("inner_class", "cssclass", help="CSS class of the div around the container."),
        Field("inner_style", "cssstyle", help="CSS style of the div around the container."),
        Field("buttondiv_class", "cssclass", help="CSS class of the div around the button."),
        Field("buttondiv_style", "cssstyle", help="CSS style of the div around the button."),
        Field("button_class", "cssclass", help="CSS class of the × button."),
        Field("link_ident", "url", help="The page the × button calls."),
        Field("get_field1", "text", valdt=True, jsonset=True, help="Sent with the call as widget:get_field1."),
        Field("get_field2", "text", valdt=True, jsonset=True, help="Sent with the call as widget:get_field2."),
        Field("get_field3", "text", valdt=True, jsonset=True, help="Sent with the call as widget:get_field3."),
    )

    def render(self, w):
        if w["link_ident"]:
            href = w.link("link_ident", [(w.form_name(f), w[f]) for f in ("get_field1", "get_field2", "get_field3")])
        else:
            href = w.link("no_javascript", is_field=False)
        text = "&times;" if href else "Warning: broken link"
        button = (f"<div{attrs(cls=w['buttondiv_class'], style=w['buttondiv_style'])}>"
                  f"<a{attrs(role='button', cls=w['button_class'], href=href)}>{text}</a></div>")
        inner = f"<div{attrs(cls=w['inner_class'], style=w['inner_style'])}>{w.container(0)}</div>"
        box = f"<div{attrs(cls=w['boxdiv_class'], style=w['boxdiv_style'])}>{button}{inner}</div>"
        return f"<div{w.outer(hidden=w['hide'])}>{box}</div>"


class SubmitDropDown1(Widget):
    """A complete form: a drop-down list and a submit button, posted to the action page.

    The select is submitted as widget:selectvalue; option_list is the list of options and
    selectvalue the one initially selected (validators may be attached). hidden_field1..4 are
    sent as hidden inputs widget:hidden_field1 ... when set. With JavaScript the form is posted
    to the JSON page action_json instead, and the reply updates this page.
    label (default "Choose:"), label_class, label_style: the label left of the select;
    button_text (default "Submit"), button_class: the submit button; select_class,
    select_style: CSS of the select; inputdiv_class: class of the div around label, select and
    button; error_class: class of the error box above the form; hide: render the widget hidden
    (settable by JSON; an error shows it); disabled: disable the select and the button.
    """

    error_display = True
    FIELDS = (
        Field("label", "text", default="Choose:", help="Label left of the select."),
        Field("label_class", "cssclass", help="CSS class of the label."),
        Field("label_style", "cssstyle", help="CSS style of the label."),
        Field("action_json", "url", help="The JSON page the form posts to with JavaScript."),
        Field("action", "url", help="The page the form posts to."),
        Field("hidden_field1", "text", valdt=True, jsonset=True, help="Hidden value sent as widget:hidden_field1."),
        Field("hidden_field2", "text", valdt=True, jsonset=True, help="Hidden value sent as widget:hidden_field2."),
        Field("hidden_field3", "text", valdt=True, jsonset=True, help="Hidden value sent as widget:hidden_field3."),
        Field("hidden_field4", "text", valdt=True, jsonset=True, help="Hidden value sent as widget:hidden_field4."),
        Field("button_text", "text", default="Submit", help="Text of the submit button."),
        Field("button_class", "cssclass", help="CSS class of the submit button."),
        Field("error_class", "cssclass", help="CSS class of the error box."),
        Field("inputdiv_class", "cssclass", help="CSS class of the div around label, select and button."),
        Field("select_class", "cssclass", help="CSS class of the select."),
        Field("select_style", "cssstyle", help="CSS style of the select."),
        Field("selectvalue", "text", valdt=True, help="The option selected; submitted as widget:selectvalue."),
        ListField("option_list", "text", help="The options of the select."),
        Field("hide", "boolean", jsonset=True, help="True renders the widget hidden (an error shows it)."),
        Field("disabled", "boolean", help="Disable the select and the button."),
    )

    def render(self, w):
        action = w.url("action")
        if not action:
            return '<span data-status="error">Warning: No form action</span>'
        select_id = w.autoid()
        label = ""
        if w["label"]:
            label = (f"<label{attrs(('for', select_id), cls=w['label_class'], style=w['label_style'])}>"
                     f"{esc(w['label'])}</label>")
        disabled = bool(w["disabled"])
        button = (f"<button{attrs(type='submit', cls=w['button_class'], disabled=disabled)}>"
                  f"{esc(w['button_text'])}</button>")
        inputs = f"<div{attrs(cls=w['inputdiv_class'])}>{label}{_select(w, select_id, disabled)}{button}</div>"
        hidden = "".join(
            f"<input{attrs(name=w.form_name(f), value=w[f], type='hidden')} />"
            for f in ("hidden_field1", "hidden_field2", "hidden_field3", "hidden_field4") if w[f])
        form = (f"<form{attrs(role='form', method='post', action=action)}>"
                f"{inputs}{w.ident_inputs()}{hidden}</form>")
        json_url = w.url("action_json")
        if json_url:
            w.js(url=json_url)
        return f"<div{w.outer(hidden=w['hide'] and not w.error)}>{_error_box(w)}{form}</div>"
