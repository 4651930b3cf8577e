"""Modal-style boxes: an alert to acknowledge and a question to confirm or cancel.

Their buttons are plain links carrying get fields (so they work without JavaScript); with
JavaScript the browser hides the box and, for the JSON-capable variants (AlertClear2,
ConfirmBox1), calls a JSON page instead of loading a new page.  The browser library builds
the JSON call from the button link's query (ident, get fields, CSRF token) and the ``url``
settings recorded with ``w.js``.
"""

from ..render.html import attrs, esc
from .base import Field, Widget

_PRE_LINE = "white-space: pre-line;"
_BROKEN = "Warning: broken link"


def _lines(text):
    """Escaped ``text`` with each line break shown as ``<br />``."""
    return "<br />".join(esc(line) for line in str(text or "").splitlines())


def _get_pairs(w, names):
    return [(w.form_name(n), w[n]) for n in names]


_ALERT_FIELDS = (
    Field("hide", "boolean", jsonset=True, default=True, help="True hides the box while there is no error."),
    Field("para_text", "text", jsonset=True, help="The alert text."),
    Field("pre_line", "boolean", default=True, help="Keep line breaks of the text."),
    Field("boxdiv_class", "cssclass", help="CSS class of the box."),
    Field("boxdiv_style", "cssstyle", help="CSS style of the box."),
    Field("error_class", "cssclass", help="CSS class of the text div while it shows an error."),
    Field("inner_class", "cssclass", help="CSS class of the div around the text."),
    Field("inner_style", "cssstyle", help="CSS style of the div around the text."),
    Field("buttondiv_class", "cssclass", help="CSS class of the div around the button."),
    Field("buttondiv_style", "cssstyle", help="CSS style of the div around the button."),
    Field("button_class", "cssclass", help="CSS class of the × button."),
    Field("link_ident", "url", help="The page the × button calls."),
)
_ALERT_GETS = (
    Field("get_field1", "text", valdt=True, jsonset=True, help="Sent with the call as widget:get_field1."),
    Field("get_field2", "text", valdt=True, jsonset=True, help="Sent with the call as widget:get_field2."),
    Field("get_field3", "text", valdt=True, jsonset=True, help="Sent with the call as widget:get_field3."),
)


def _alert(w):
    """The AlertClear box: × button (a link with the get fields) above the text."""
    href = w.link("link_ident", _get_pairs(w, ("get_field1", "get_field2", "get_field3")))
    button = (f"<div{attrs(cls=w['buttondiv_class'], style=w['buttondiv_style'])}>"
              f"<a{attrs(role='button', cls=w['button_class'], href=href)}>&times;</a></div>")
    if not href:
        text = _BROKEN
    else:
        text = w.error or w["para_text"]
    cls = (w["error_class"] or w["inner_class"]) if w.error else w["inner_class"]
    inner_id = w.autoid()
    style = _PRE_LINE if w["pre_line"] else ""
    inner = (f"<div{attrs(cls=cls, style=w['inner_style'], id=inner_id)}>"
             f"<p{attrs(style=style)}>{esc(text)}</p></div>")
    w.js(inner_id=inner_id)
    box = f"<div{attrs(cls=w['boxdiv_class'], style=w['boxdiv_style'])}>{button}{inner}</div>"
    return f"<div{w.outer(hidden=w['hide'] and not w.error)}>{box}</div>"


class AlertClear1(Widget):
    """An alert box with a × button that closes it.

    The box is hidden (hide, default True, settable by JSON) until it is shown by JSON or by an
    error, which replaces para_text. The × button links to link_ident with get_field1..3 (as
    widget:get_field1 ...); with JavaScript the browser also hides the box.
    para_text: the alert text (settable by JSON); pre_line keeps line breaks; boxdiv_class,
    boxdiv_style: CSS of the box; inner_class, inner_style: CSS of the div around the text;
    error_class: the text div's class while an error is shown; buttondiv_class,
    buttondiv_style: CSS of the div around the button; button_class: the button's class.
    """

    error_display = True
    FIELDS = (*_ALERT_FIELDS, *_ALERT_GETS)
    js_fields = ("inner_class", "error_class")

    def render(self, w):
        return _alert(w)


class AlertClear2(Widget):
    """An alert box with a × button that closes it, calling a JSON page when it can.

    As AlertClear1; in addition, with JavaScript the × button calls the JSON page json_ident
    (with get_field1..3) and applies its reply instead of loading link_ident.
    The box is hidden (hide, default True, settable by JSON) until it is shown by JSON or by an
    error, which replaces para_text. para_text: the alert text (settable by JSON); pre_line
    keeps line breaks; boxdiv_class, boxdiv_style: CSS of the box; inner_class, inner_style:
    CSS of the div around the text; error_class: the text div's class while an error is shown;
    buttondiv_class, buttondiv_style: CSS of the div around the button; button_class: the
    button's class; link_ident: the page called without JavaScript.
    """

    error_display = True
    FIELDS = (
        *_ALERT_FIELDS,
        Field("json_ident", "url", help="The JSON page the × button calls with JavaScript."),
        *_ALERT_GETS,
    )
    js_fields = ("inner_class", "error_class")

    def render(self, w):
        html = _alert(w)
        url = w.url("json_ident")
        if url:
            w.js(url=url)
        return html


def _confirm(w, json_capable):
    """The ConfirmBox box: the question and two buttons, each a link with its get fields."""
    buttons = []
    for n in (1, 2):
        href = w.link(f"link_ident{n}", _get_pairs(w, (f"get_field{n}_1", f"get_field{n}_2", f"get_field{n}_3")))
        text = w[f"button_text{n}"]
        if json_capable:
            if not href:
                href = w.link("no_javascript", is_field=False)
            url = w.url(f"json_ident{n}")
            if url:
                w.js(**{f"url{n}": url})
        elif not href:
            text = _BROKEN
        link_attrs = attrs(role="button", cls=w[f"button{n}_class"], style=w[f"button{n}_style"], href=href)
        buttons.append(f"<a{link_attrs}>{esc(text)}</a>")
    para = f"<div{attrs(cls=w['paradiv_class'])}><p{attrs(cls=w['para_class'])}>{_lines(w['para_text'])}</p></div>"
    bdiv = f"<div{attrs(cls=w['buttondiv_class'], style=w['buttondiv_style'])}>{''.join(buttons)}</div>"
    box = f"<div{attrs(cls=w['boxdiv_class'], style=w['boxdiv_style'])}>{para}{bdiv}</div>"
    return f"<div{w.outer(hidden=w['hide'])}>{box}</div>"


def _confirm_fields(json_capable):
    fields = [
        Field("hide", "boolean", jsonset=True, help="True renders the box hidden."),
        Field("boxdiv_class", "cssclass", help="CSS class of the box."),
        Field("boxdiv_style", "cssstyle", help="CSS style of the box."),
        Field("paradiv_class", "cssclass", help="CSS class of the div around the question."),
        Field("para_class", "cssclass", help="CSS class of the question paragraph."),
        Field("buttondiv_class", "cssclass", help="CSS class of the div around the buttons."),
        Field("buttondiv_style", "cssstyle", help="CSS style of the div around the buttons."),
        Field("para_text", "text", jsonset=True, help="The question (line breaks are kept)."),
    ]
    for n, default in ((1, "Cancel"), (2, "Confirm")):
        fields += [
            Field(f"button{n}_class", "cssclass", help=f"CSS class of button {n}."),
            Field(f"button{n}_style", "cssstyle", help=f"CSS style of button {n}."),
            Field(f"link_ident{n}", "url", help=f"The page button {n} links to."),
        ]
        if json_capable:
            fields.append(Field(f"json_ident{n}", "url", help=f"The JSON page button {n} calls with JavaScript."))
        fields += [
            Field(f"get_field{n}_{i}", "text", valdt=True, jsonset=True,
                  help=f"Sent with button {n}'s call as widget:get_field{n}_{i}.")
            for i in (1, 2, 3)
        ]
        fields.append(Field(f"button_text{n}", "text", default=default, help=f"Text of button {n}."))
    return tuple(fields)


class ConfirmBox1(Widget):
    """A box asking a question, with two buttons (Cancel and Confirm by default).

    Each button is a link to its link_identN carrying get_fieldN_1..3 (as widget:get_fieldN_1
    ...), or to the no_javascript page when no link is set; with JavaScript a button whose
    json_identN is set calls that JSON page instead, and the box is hidden.
    hide: render the box hidden (settable by JSON); para_text: the question (settable by
    JSON; line breaks kept); boxdiv_class/style, paradiv_class, para_class, buttondiv_class/
    style: CSS of the box and its parts; buttonN_class/style: CSS of each button;
    button_textN: each button's text.
    """

    FIELDS = _confirm_fields(True)

    def render(self, w):
        return _confirm(w, True)


class ConfirmBox2(Widget):
    """A box asking a question, with two buttons (Cancel and Confirm by default).

    Each button is a link to its link_identN carrying get_fieldN_1..3 (as widget:get_fieldN_1
    ...); a button without a link shows a warning. With JavaScript the box is hidden when a
    button is pressed.
    hide: render the box hidden (settable by JSON); para_text: the question (settable by
    JSON; line breaks kept); boxdiv_class/style, paradiv_class, para_class, buttondiv_class/
    style: CSS of the box and its parts; buttonN_class/style: CSS of each button;
    button_textN: each button's text.
    """

    FIELDS = _confirm_fields(False)

    def render(self, w):
        return _confirm(w, False)
