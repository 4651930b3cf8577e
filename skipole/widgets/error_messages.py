"""Widgets whose job is to show errors: the usual targets of FailPage and validation messages.

ErrorPara and ErrorDiv stay hidden until an error arrives; ErrorClear1/ErrorClear2 add a
button that clears the message (a plain link to a responder without JavaScript); ErrorCode
shows the code of a ServerError on the server_error page.
"""

from ..render.html import attrs, esc
from .base import Field, Widget

_PRE_LINE = "white-space: pre-line;"
_HIDDEN = "display:none;"
_BROKEN = "Warning: broken link"


def _lines(text):
    """Escaped ``text`` with each line break shown as ``<br />``."""
    return "<br />".join(esc(line) for line in str(text or "").splitlines())


def _clear_link(w):
    """The clear button's URL: link_ident with get_field1..3 as widget:get_fieldN ('' if none)."""
    return w.link("link_ident", [(w.form_name(f), w[f]) for f in ("get_field1", "get_field2", "get_field3")])


_GET_FIELDS = (
    Field("link_ident", "url", help="The page (usually a responder) the clear button calls."),
    Field("get_field1", "text", valdt=True, jsonset=True, help="Sent with the call as widget:get_field1."),
    Field("get_field2", "text", valdt=True, jsonset=True, help="Sent with the call as widget:get_field2."),
    Field("get_field3", "text", valdt=True, jsonset=True, help="Sent with the call as widget:get_field3."),
)


class ErrorClear1(Widget):
    """A box showing an error message with a button that clears it.

    The box is hidden while there is nothing to show (hide, default True, settable by JSON);
    an error always shows it, in place of para_text. The button links to link_ident with
    get_field1..3 (as widget:get_field1 ...); with JavaScript the browser hides the box as well.
    para_text: text shown when hide is False and there is no error (settable by JSON);
    pre_line keeps line breaks; boxdiv_class: class of the box; error_class: class of the div
    around the text; buttondiv_class, buttondiv_style: CSS of the div around the button;
    button_class: the button's class; button_text: its text.
    """

    error_display = True
    FIELDS = (
        Field("hide", "boolean", jsonset=True, default=True, help="True hides the box while there is no error."),
        Field("para_text", "text", jsonset=True, help="Text shown when not hidden and no error is set."),
        Field("pre_line", "boolean", default=True, help="Keep line breaks of the text."),
        Field("boxdiv_class", "cssclass", help="CSS class of the box."),
        Field("error_class", "cssclass", help="CSS class of the div around the text."),
        Field("buttondiv_class", "cssclass", help="CSS class of the div around the button."),
        Field("buttondiv_style", "cssstyle", help="CSS style of the div around the button."),
        Field("button_class", "cssclass", help="CSS class of the button."),
        *_GET_FIELDS,
        Field("button_text", "text", default="Clear", help="Text of the button."),
    )

    def render(self, w):
        text = w.error or w["para_text"]
        style = _PRE_LINE if w["pre_line"] else ""
        para = f"<div{attrs(cls=w['error_class'])}><p{attrs(style=style)}>{esc(text)}</p></div>"
        href = _clear_link(w)
        button_text = w["button_text"] if href else _BROKEN
        button = (f"<div{attrs(cls=w['buttondiv_class'], style=w['buttondiv_style'])}>"
                  f"<a{attrs(role='button', cls=w['button_class'], href=href)}>{esc(button_text)}</a></div>")
        hidden = w["hide"] and not w.error
        return f"<div{w.outer(hidden=hidden)}><div{attrs(cls=w['boxdiv_class'])}>{para}{button}</div></div>"


class ErrorClear2(Widget):
    """A box showing an error message under a × button that clears it.

    The box is hidden while there is no error (hide, default True, settable by JSON). The ×
    button links to link_ident with get_field1..3 (as widget:get_field1 ...); with JavaScript
    the browser hides the box as well. pre_line keeps line breaks; boxdiv_class: class of the
    box; error_class: class of the div around the message; buttondiv_class, buttondiv_style:
    CSS of the div around the button; button_class: the button's class.
    """

    error_display = True
    FIELDS = (
        Field("hide", "boolean", jsonset=True, default=True, help="True hides the box while there is no error."),
        Field("pre_line", "boolean", default=True, help="Keep line breaks of the message."),
        Field("boxdiv_class", "cssclass", help="CSS class of the box."),
        Field("error_class", "cssclass", help="CSS class of the div around the message."),
        Field("buttondiv_class", "cssclass", help="CSS class of the div around the button."),
        Field("buttondiv_style", "cssstyle", help="CSS style of the div around the button."),
        Field("button_class", "cssclass", help="CSS class of the button."),
        *_GET_FIELDS,
    )

    def render(self, w):
        href = _clear_link(w)
        text = w.error if href else _BROKEN
        button = (f"<div{attrs(cls=w['buttondiv_class'], style=w['buttondiv_style'])}>"
                  f"<a{attrs(role='button', cls=w['button_class'], href=href)}>&times;</a></div>")
        para_id = w.autoid()
        style = _PRE_LINE if w["pre_line"] else ""
        para = f"<div{attrs(cls=w['error_class'])}><p{attrs(style=style, id=para_id)}>{esc(text)}</p></div>"
        w.js(para_id=para_id)
        hidden = w["hide"] and not w.error
        return f"<div{w.outer(hidden=hidden)}><div{attrs(cls=w['boxdiv_class'])}>{button}{para}</div></div>"


class ErrorCode(Widget):
    """The code and message of a server error, for the server_error page.

    Shows "Error code : N" (code, an integer, normally set by the ServerError exception) and
    a paragraph: para_text, or the error message when one is shown. para_class: class of the
    paragraph; code_class: class of the code paragraph; error_class: class of the paragraph
    while it shows an error (para_class when empty); pre_line keeps line breaks.
    """

    error_display = True
    FIELDS = (
        Field("para_text", "text", jsonset=True, help="Text of the message paragraph."),
        Field("para_class", "cssclass", help="CSS class of the message paragraph."),
        Field("code_class", "cssclass", help="CSS class of the code paragraph."),
        Field("error_class", "cssclass", help="CSS class of the message paragraph while it shows an error."),
        Field("pre_line", "boolean", default=True, help="Keep line breaks of the text."),
        Field("code", "integer", help="The error code shown."),
    )
    js_fields = ("para_class", "error_class")

    def render(self, w):
        code = f"<p{attrs(cls=w['code_class'])}>Error code : {esc(w['code'])}</p>"
        if w.error:
            text, cls = w.error, w["error_class"] or w["para_class"]
        else:
            text, cls = w["para_text"], w["para_class"]
        style = _PRE_LINE if w["pre_line"] else ""
        return f"<div{w.outer()}>{code}<p{attrs(cls=cls, style=style)}>{esc(text)}</p></div>"


class ErrorDiv(Widget):
    """A div holding container 0 with an error paragraph above it, hidden until an error.

    hide: the whole div is hidden while there is no error (default True, settable by JSON);
    an error shows it, with the message above the container. error_class: class of the error
    box; container_class: class of the div around the container.
    """

    error_display = True
    containers = 1
    FIELDS = (
        Field("hide", "boolean", jsonset=True, default=True, help="True hides the div while there is no error."),
        Field("error_class", "cssclass", help="CSS class of the error box."),
        Field("container_class", "cssclass", help="CSS class of the div around the container."),
    )

    def render(self, w):
        err = (f"<div{attrs(cls=w['error_class'], style='' if w.error else _HIDDEN)}>"
               f"<p>{esc(w.error)}</p></div>")
        inner = f"<div{attrs(cls=w['container_class'])}>{w.container(0)}</div>"
        hidden = w["hide"] and not w.error
        return f"<div{w.outer(hidden=hidden)}>{err}{inner}</div>"


class ErrorPara(Widget):
    """A paragraph showing an error message, hidden while there is none.

    hide: hide the paragraph while there is no error (default True, settable by JSON). Line
    breaks of the message are kept.
    """

    error_display = True
    FIELDS = (
        Field("hide", "boolean", jsonset=True, default=True, help="True hides the paragraph while there is no error."),
    )

    def render(self, w):
        hidden = w["hide"] and not w.error
        return f"<p{w.outer(hidden=hidden)}>{_lines(w.error)}</p>"
