"""Paragraphs and blocks of text: the widgets most pages use to show words.

Besides plain text (ParaText, SpanText, PreText, TagText) this module holds the blocks that
show raw HTML by design (TagUnEscaped, DivHTML, DivStyleDiv, TextBlockDiv: only for trusted
content), text read from the project's TextBlocks (TextBlockPara, TextBlockDiv), paragraphs
that can be shown, hidden or closed (ShowPara1, ShowPara2), a tag that holds other widgets and
accepts drag and drop (TagBlock), and buttons that fetch text by JSON (JSONTextLink,
JSONDivLink) while falling back to a plain link without JavaScript.
"""

import re

from ..render.html import attrs, esc
from .base import Field, ListField, Widget

_PRE_LINE = "white-space: pre-line;"
_HIDDEN = "display:none;"

# Tags a widget may be asked to use as its outer or inner tag: letters, digits and hyphens.
# Void tags cannot hold content and raw-text tags would turn escaped text into script or
# style, so both fall back to the default.
_TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")
_REFUSED_TAGS = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr", "script", "style", "iframe", "object", "noscript", "template",
    "textarea", "title", "xmp", "plaintext", "noembed", "noframes", "frame", "frameset", "html",
    "head", "body",
))


def _tag(value, default="div"):
    """A safe tag name from a field value, ``default`` when empty or not a usable tag."""
    name = (value or "").strip()
    if not _TAG_NAME.fullmatch(name) or name.lower() in _REFUSED_TAGS:
        return default
    return name


def _lines(text):
    """Escaped ``text`` with each line break shown as ``<br />``."""
    return "<br />".join(esc(line) for line in str(text or "").splitlines())


def _dragdrop(w):
    """Attributes making the outer tag draggable / a drop target, and the drop URL setting.

    The browser library reads ``data-drag`` (the value sent when this widget is dropped
    elsewhere) and ``data-drop`` (sent with the dragged value to the ``dropurl`` JSON page).
    """
    drag, drop = w["drag"], w["drop"]
    if w["dropident"]:
        dropurl = w.url("dropident")
        if dropurl:
            w.js(dropurl=dropurl)
    return attrs(("draggable", "true" if drag else ""), ("data-drag", drag), ("data-drop", drop))


def _json_button(w, shown):
    """The show/hide button of JSONTextLink and JSONDivLink; returns (html, button id).

    Without JavaScript it is a plain link to ``link_ident`` carrying ``get_field`` (or to the
    project's no_javascript page when no link is set).
    """
    if w["link_ident"]:
        href = w.link("link_ident", [(w.form_name("get_field"), w["get_field"])])
    else:
        href = w.link("no_javascript", is_field=False)
    button_id = w.autoid()
    text = w["button_hide_text"] if shown else w["button_show_text"]
    style = w["button_style"] if "button_style" in w.fields else ""
    link_attrs = attrs(role="button", href=href, cls=w["button_class"], style=style, id=button_id)
    html = f"<a{link_attrs}>{esc(text)}</a>"
    return html, button_id


_NO_JSON = '<span data-status="error">Warning: No link ident to JSON</span>'


class ParaText(Widget):
    """A paragraph of text.

    para_text: the text shown (escaped; settable by JSON).
    """

    FIELDS = (Field("para_text", "text", jsonset=True, help="The text of the paragraph."),)

    def render(self, w):
        return f"<p{w.outer()}>{esc(w['para_text'])}</p>"


class DivHTML(Widget):
    """A div holding HTML given by the set_html field, shown as it is.

    Shows raw HTML: only put trusted content here (never user input).
    set_html: the HTML inside the div (settable by JSON); hide: render the div hidden
    (settable by JSON). drag: if set, the div can be dragged and this value is sent when it is
    dropped on a drop target; drop: if set, the div is a drop target and, when something is
    dropped on it, the browser calls the JSON page dropident with the dragged value and this
    value.
    """

    FIELDS = (
        Field("set_html", "text", jsonset=True, help="HTML placed in the div, unescaped: trusted content only."),
        Field("hide", "boolean", jsonset=True, help="True renders the div hidden."),
        Field("drag", "text", valdt=True, jsonset=True, help="Value sent when this div is dragged and dropped."),
        Field("drop", "text", valdt=True, jsonset=True, help="Value sent when something is dropped on this div."),
        Field("dropident", "url", help="The JSON page called when something is dropped on this div."),
    )

    def render(self, w):
        return f"<div{w.outer(hidden=w['hide'])}{_dragdrop(w)}>{w['set_html']}</div>"


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


class DivStyleDiv(Widget):
    """A div holding an inner tag (a div by default) with its own style, around raw HTML.

    Shows raw HTML: only put trusted content here (never user input).
    inner_tag: the inner tag name (div when empty); style: the inner tag's CSS style;
    set_html: the HTML inside the inner tag (settable by JSON).
    """

    FIELDS = (
        Field("inner_tag", "text", default="div", help="Tag name of the inner element (div when empty)."),
        Field("style", "cssstyle", help="CSS style of the inner element."),
        Field("set_html", "text", jsonset=True, help="HTML inside the inner element, unescaped: trusted content only."),
    )

    def render(self, w):
        tag = _tag(w["inner_tag"])
        return f"<div{w.outer()}><{tag}{attrs(style=w['style'])}>{w['set_html']}</{tag}></div>"


class JSONDivLink(Widget):
    """A button that shows and hides a div, fetching the div's content from a JSON page.

    With JavaScript, pressing the button calls the JSON page json_ident (sending get_field as
    widget:get_field) and shows the returned div_content in the div, or hides the div again.
    Without JavaScript the button is a link to link_ident carrying get_field (or to the
    no_javascript page). Content is shown as text.
    div_content: the text in the div (settable by JSON); div_class: the div's class;
    button_show_text / button_hide_text: the button text while the div is hidden / shown;
    button_class, button_style: the button's CSS; hide: the div starts hidden (default; settable
    by JSON); htmlescaped: content sent later by JSON is HTML to insert as it is (trusted
    content only); when False (default) it is shown as text. An error is shown in the div.
    """

    error_display = True
    FIELDS = (
        Field("div_content", "text", jsonset=True, help="Text shown in the div."),
        Field("div_class", "cssclass", help="CSS class of the div."),
        Field("button_show_text", "text", default="Show", help="Button text while the div is hidden."),
        Field("button_hide_text", "text", default="Hide", help="Button text while the div is shown."),
        Field("button_class", "cssclass", help="CSS class of the button."),
        Field("button_style", "cssstyle", help="CSS style of the button."),
        Field("json_ident", "url", help="The JSON page called to fill the div."),
        Field("link_ident", "url", help="The page the button links to without JavaScript."),
        Field("get_field", "text", valdt=True, help="A value sent with the call as widget:get_field."),
        Field("hide", "boolean", jsonset=True, default=True, help="True: the div starts hidden."),
        Field("htmlescaped", "boolean", help="Content received by JSON is HTML (trusted) rather than text."),
    )
    js_fields = ("button_show_text", "button_hide_text", "get_field")

    def render(self, w):
        if not w["json_ident"]:
            return _NO_JSON
        shown = bool(w.error) or not w["hide"]
        button, button_id = _json_button(w, shown)
        div_id = w.autoid()
        content = w.error or w["div_content"]
        div = (f'<div{attrs(("class", w["div_class"]), ("style", "" if shown else _HIDDEN), ("id", div_id))}>'
               f'{esc(content)}</div>')
        w.js(url=w.url("json_ident"), buttonident=button_id, divident=div_id,
             get_field_name=w.form_name("get_field"),
             content_mode="html" if w["htmlescaped"] else "text")
        return f"<div{w.outer()}>{button}{div}</div>"


class JSONTextLink(Widget):
    """A button that shows and hides a paragraph, fetching its text from a JSON page.

    With JavaScript, pressing the button calls the JSON page json_ident (sending get_field as
    widget:get_field) and shows the returned para_text, or hides the paragraph again. Without
    JavaScript the button is a link to link_ident carrying get_field (or to the no_javascript
    page).
    para_text: the paragraph text (settable by JSON); para_class: its class; pre_line keeps
    line breaks; button_show_text / button_hide_text: the button text while the paragraph is
    hidden / shown; button_class: the button's class; hide: the paragraph starts hidden
    (default; settable by JSON). An error is shown in the paragraph.
    """

    error_display = True
    FIELDS = (
        Field("para_text", "text", jsonset=True, help="Text of the paragraph."),
        Field("para_class", "cssclass", help="CSS class of the paragraph."),
        Field("button_show_text", "text", default="Show", help="Button text while the paragraph is hidden."),
        Field("button_hide_text", "text", default="Hide", help="Button text while the paragraph is shown."),
        Field("button_class", "cssclass", help="CSS class of the button."),
        Field("json_ident", "url", help="The JSON page called to fill the paragraph."),
        Field("link_ident", "url", help="The page the button links to without JavaScript."),
        Field("get_field", "text", valdt=True, help="A value sent with the call as widget:get_field."),
        Field("hide", "boolean", jsonset=True, default=True, help="True: the paragraph starts hidden."),
        Field("pre_line", "boolean", default=True, help="Keep line breaks of the text."),
    )
    js_fields = ("button_show_text", "button_hide_text", "get_field")

    def render(self, w):
        if not w["json_ident"]:
            return _NO_JSON
        shown = bool(w.error) or not w["hide"]
        button, button_id = _json_button(w, shown)
        para_id = w.autoid()
        style = ("" if shown else _HIDDEN) + (_PRE_LINE if w["pre_line"] else "")
        text = w.error or w["para_text"]
        para = f'<p{attrs(("class", w["para_class"]), ("style", style), ("id", para_id))}>{esc(text)}</p>'
        w.js(url=w.url("json_ident"), buttonident=button_id, paraident=para_id,
             get_field_name=w.form_name("get_field"))
        return f"<div{w.outer()}>{button}{para}</div>"


class PreText(Widget):
    """Preformatted text in a pre tag: spaces and line breaks are kept.

    pre_text: the text shown (escaped; settable by JSON). An error marks the widget
    (data-status) but is not shown in it.
    """

    error_display = True
    FIELDS = (Field("pre_text", "text", jsonset=True, help="The preformatted text."),)

    def render(self, w):
        return f"<pre{w.outer()}>{esc(w['pre_text'])}</pre>"


class ShowPara1(Widget):
    """A paragraph that can be shown or hidden, with an error paragraph below it.

    para_text: the text (settable by JSON); show_para: show the paragraph (default; settable
    by JSON, False hides it); para_class: its class; pre_line keeps line breaks; error_class:
    the class of the error box, which is hidden until an error is shown.
    """

    error_display = True
    FIELDS = (
        Field("para_text", "text", jsonset=True, help="Text of the paragraph."),
        Field("show_para", "boolean", jsonset=True, default=True, help="False hides the paragraph."),
        Field("para_class", "cssclass", help="CSS class of the paragraph."),
        Field("error_class", "cssclass", help="CSS class of the error box."),
        Field("pre_line", "boolean", default=True, help="Keep line breaks of the text."),
    )

    def render(self, w):
        style = ("" if w["show_para"] else _HIDDEN) + (_PRE_LINE if w["pre_line"] else "")
        para = f"<p{attrs(cls=w['para_class'], style=style)}>{esc(w['para_text'])}</p>"
        err = (f"<div{attrs(cls=w['error_class'], style='' if w.error else _HIDDEN)}>"
               f"<p>{_lines(w.error)}</p></div>")
        return f"<div{w.outer()}>{para}{err}</div>"


class ShowPara2(Widget):
    """A closable box holding a paragraph: the browser hides it when its × button is pressed.

    para_text: the text (settable by JSON); hide: render the box hidden (settable by JSON);
    inner_class: the class of the div around the paragraph; close_class, close_style: CSS of
    the × button; pre_line keeps line breaks. Without JavaScript the box stays shown.
    """

    FIELDS = (
        Field("para_text", "text", jsonset=True, help="Text of the paragraph."),
        Field("hide", "boolean", jsonset=True, help="True renders the box hidden."),
        Field("inner_class", "cssclass", help="CSS class of the div around the paragraph."),
        Field("close_class", "cssclass", help="CSS class of the close button."),
        Field("close_style", "cssstyle", help="CSS style of the close button."),
        Field("pre_line", "boolean", default=True, help="Keep line breaks of the text."),
    )

    def render(self, w):
        close = (f'<div{attrs(("class", w["close_class"]), ("style", w["close_style"]), ("role", "button"), ("aria-label", "Close"), ("data-close", "true"))}>'
                 "&times;</div>")
        style = _PRE_LINE if w["pre_line"] else ""
        inner = f"<div{attrs(cls=w['inner_class'])}><p{attrs(style=style)}>{esc(w['para_text'])}</p></div>"
        return f"<div{w.outer(hidden=w['hide'])}>{close}{inner}</div>"


class SpanText(Widget):
    """Text in a span: for words inside a line.

    span_text: the text shown (escaped; settable by JSON).
    """

    FIELDS = (Field("span_text", "text", jsonset=True, help="The text of the span."),)

    def render(self, w):
        return f"<span{w.outer()}>{esc(w['span_text'])}</span>"


class TagBlock(Widget):
    """A tag (div by default) holding container 0, which may take any parts and widgets.

    tag: the tag name (div when empty or not a usable tag); hide: render it hidden (settable
    by JSON). drag: if set, the block can be dragged and this value is sent when it is
    dropped on a drop target; drop: if set, the block is a drop target and, when something is
    dropped on it, the browser calls the JSON page dropident with the dragged value and this
    value.
    """

    containers = 1
    FIELDS = (
        Field("tag", "text", default="div", help="Tag name of the block (div when empty)."),
        Field("hide", "boolean", jsonset=True, help="True renders the block hidden."),
        Field("drag", "text", valdt=True, jsonset=True, help="Value sent when this block is dragged and dropped."),
        Field("drop", "text", valdt=True, jsonset=True, help="Value sent when something is dropped on this block."),
        Field("dropident", "url", help="The JSON page called when something is dropped on this block."),
    )

    def render(self, w):
        tag = _tag(w["tag"])
        return f"<{tag}{w.outer(hidden=w['hide'])}{_dragdrop(w)}>{w.container(0)}</{tag}>"


class TagText(Widget):
    """Text inside a tag of your choice (div by default), for example h2 or span.

    tag: the tag name (div when empty or not a usable tag); hide: render it hidden (settable
    by JSON); tag_text: the text (escaped; settable by JSON).
    """

    FIELDS = (
        Field("tag", "text", default="div", help="Tag name (div when empty)."),
        Field("hide", "boolean", jsonset=True, help="True renders the tag hidden."),
        Field("tag_text", "text", jsonset=True, help="The text inside the tag."),
    )

    def render(self, w):
        tag = _tag(w["tag"])
        return f"<{tag}{w.outer(hidden=w['hide'])}>{esc(w['tag_text'])}</{tag}>"


class TagUnEscaped(Widget):
    """A tag of your choice (div by default) holding content shown as it is.

    Shows raw HTML: only put trusted content here (never user input).
    tag: the tag name (div when empty or not a usable tag); content: the HTML inside
    (settable by JSON).
    """

    FIELDS = (
        Field("tag", "text", default="div", help="Tag name (div when empty)."),
        Field("content", "text", jsonset=True, help="HTML inside the tag, unescaped: trusted content only."),
    )

    def render(self, w):
        tag = _tag(w["tag"])
        return f"<{tag}{w.outer()}>{w['content']}</{tag}>"


def _not_found(ref):
    return f"TextBlock {ref} not found" if ref else "No TextBlock set"


class TextBlockDiv(Widget):
    """A div showing a TextBlock (text kept by the project per language), unescaped.

    Shows raw HTML: the TextBlock and these fields are written as they are, so only put
    trusted content here.
    textblock_ref: the TextBlock's reference; textblock_project: the project holding it
    (empty: this project); content_refnotfound: shown when the TextBlock does not exist;
    content_replaceblock: if set, shown instead of the TextBlock (settable by JSON).
    """

    FIELDS = (
        Field("textblock_ref", "textblock_ref", help="Reference of the TextBlock shown."),
        Field("textblock_project", "text", help="Project holding the TextBlock (empty: this project)."),
        Field("content_refnotfound", "text", help="Text (escaped) shown when the TextBlock is not found."),
        Field("content_replaceblock", "text", jsonset=True, help="HTML shown instead of the TextBlock."),
    )

    def render(self, w):
        if w["content_replaceblock"]:
            content = w["content_replaceblock"]
        else:
            ref = w["textblock_ref"]
            content = w.textblock(ref, None, project=w["textblock_project"] or None)
            if content is None:
                content = esc(w["content_refnotfound"] or _not_found(ref))
        return f"<div{w.outer()}>{content}</div>"


class TextBlockPara(Widget):
    """A paragraph showing a TextBlock (text kept by the project per language), escaped.

    textblock_ref: the TextBlock's reference; textblock_project: the project holding it
    (empty: this project); text_refnotfound: shown when the TextBlock does not exist;
    text_replaceblock: if set, shown instead of the TextBlock (settable by JSON);
    replace_strings: each $$ in the text is replaced by the next string of this list;
    linebreaks: show line breaks (default); error_class: the paragraph's class while an error
    is shown in place of the text.
    """

    error_display = True
    FIELDS = (
        Field("textblock_ref", "textblock_ref", help="Reference of the TextBlock shown."),
        Field("textblock_project", "text", help="Project holding the TextBlock (empty: this project)."),
        Field("text_refnotfound", "text", help="Text shown when the TextBlock is not found."),
        Field("text_replaceblock", "text", jsonset=True, help="Text shown instead of the TextBlock."),
        ListField("replace_strings", "text", help="Strings replacing each $$ of the text, in order."),
        Field("linebreaks", "boolean", default=True, help="Show line breaks of the text."),
        Field("error_class", "cssclass", help="CSS class of the paragraph while it shows an error."),
    )
    js_fields = ("error_class", "linebreaks")

    def render(self, w):
        if w.error:
            outer = attrs(("id", w.id), ("class", w["error_class"] or w["widget_class"]),
                          ("style", w["widget_style"])) + ' data-status="error"'
            return f"<p{outer}>{_lines(w.error)}</p>"
        if w["text_replaceblock"]:
            text = w["text_replaceblock"]
        else:
            ref = w["textblock_ref"]
            text = w.textblock(ref, None, project=w["textblock_project"] or None)
            if text is None:
                text = w["text_refnotfound"] or _not_found(ref)
        values = w["replace_strings"]
        if values and "$$" in text:
            pieces = text.split("$$")
            text = pieces[0]
            for i, piece in enumerate(pieces[1:]):
                text += (values[i] if i < len(values) else "$$") + piece
        body = _lines(text) if w["linebreaks"] else esc(text)
        return f"<p{w.outer()}>{body}</p>"
