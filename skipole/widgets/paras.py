"""Paragraphs and blocks of text: the widgets most pages use to show words."""

from ..render.html import attrs, esc
from .base import Field, Widget

_PRE_LINE = "white-space: pre-line;"


class ParaText(Widget):
    """A paragraph of text.

    para_text: the text shown (escaped; settable by JSON).
    """

    FIELDS = (Field("para_text", "text", jsonset=True, help="The text of the paragraph."),)

    def render(self, w):
        return f"<p{w.outer()}>{esc(w['para_text'])}</p>"


class DivPara(Widget):
    """A paragraph inside a div; the paragraph shows an error message in place of its text.

    para_text: the text shown; pre_line keeps line breaks; para_class styles the paragraph;
    error_class is added to the paragraph while an error is shown.
    """

    error_display = True
    FIELDS = (
        Field("para_text", "text", jsonset=True, help="The text of the paragraph."),
        Field("para_class", "cssclass", help="CSS class of the paragraph."),
        Field("error_class", "cssclass", help="CSS class of the paragraph while it shows an error."),
        Field("pre_line", "boolean", default=True, help="Keep line breaks of the text."),
    )

    def render(self, w):
        if w.error:
            text, cls = w.error, w["error_class"]
        else:
            text, cls = w["para_text"], w["para_class"]
        style = _PRE_LINE if w["pre_line"] else ""
        return f"<div{w.outer()}><p{attrs(cls=cls, style=style)}>{esc(text)}</p></div>"
