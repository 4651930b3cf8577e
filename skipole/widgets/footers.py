"""The page footer: a line of text at the foot of a page, with room for an error message.

Projects often put status text here and update it by JSON, so the paragraph gets its own id
that the browser library is told about.
"""

from ..render.html import attrs, esc
from .base import Field, Widget


def _br(text):
    """Escape ``text`` and show its line breaks as ``<br />``."""
    return esc(text).replace("\r\n", "\n").replace("\n", "<br />")


class SimpleFooter(Widget):
    """A footer: a paragraph of text in a div, with an error box above it.

    footer_text: the text shown (escaped; settable by JSON); para_class styles the
    paragraph and paradiv_class the div around it.  An error is shown above the text in a
    div of class error_class, hidden while there is no error.
    """

    error_display = True
    FIELDS = (
        Field("footer_text", "text", jsonset=True, help="The footer text."),
        Field("para_class", "cssclass", help="CSS class of the paragraph."),
        Field("error_class", "cssclass", help="CSS class of the div that shows an error."),
        Field("paradiv_class", "cssclass", help="CSS class of the div around the paragraph."),
    )

    def render(self, w):
        pid = w.autoid()
        w.js(textident=pid)
        style = "" if w.error else "display:none;"
        error = f"<div{attrs(cls=w['error_class'], style=style)}><p>{_br(w.error)}</p></div>"
        para = f"<p{attrs(id=pid, cls=w['para_class'])}>{_br(w['footer_text'])}</p>"
        return f"<div{w.outer()}>{error}<div{attrs(cls=w['paradiv_class'])}>{para}</div></div>"
