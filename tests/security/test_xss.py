"""A script payload put into every text and url field of every widget, and into TextBlocks,
is rendered inert; ``javascript:`` URLs are refused in url fields.

Widgets that show raw HTML by design (their help text says "only put trusted content here")
are listed in ``RAW_BY_DESIGN`` with the fields that are raw; every other field of theirs is
checked too.
"""

from html.parser import HTMLParser

import pytest

from skipole.widgets.base import WIDGET_MODULES, render_standalone, widgets_in_module
from tests.core.projects import Client, make_app, template, textblock

PAYLOAD = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
JS_URL = "javascript:alert(3)"

#: class path -> fields whose content is HTML/SVG on purpose
RAW_BY_DESIGN = {
    "paras.TagUnEscaped": {"content"},
    "paras.DivHTML": {"set_html"},
    "paras.DivStyleDiv": {"set_html"},
    "paras.TextBlockDiv": {"content_replaceblock"},
    "lists.UList2": {"set_html"},
    "svgbasics.TextGroup": {"text"},
    "svgbasics.TextBlockGroup": {"content_replaceblock"},
}


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.problems.append("a <script> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"an event handler attribute {name}")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value and \
                    value.strip().lower().replace("\x00", "").startswith("javascript:"):
                self.problems.append(f"a javascript: URL in {name}")

    handle_startendtag = handle_starttag


def _all_widgets():
    return [cls for module in WIDGET_MODULES for cls in widgets_in_module(module)]


def _payload_for(field, value):
    if field.shape == "arg":
        return value if field.ftype in ("text", "url", "cssclass", "cssstyle", "textblock_ref", "") else None
    if field.shape == "list":
        return [value, value] if field.ftype in ("text", "url", "") else None
    if field.shape == "table":
        if not field.ftypes:
            return [[value] * 6, [value] * 6]
        row = [value if t in ("text", "url", "textblock_ref") else (True if t == "boolean" else 1)
               for t in field.ftypes]
        return [row, list(row)]
    if field.shape == "dict":
        return {"k1": value, "k2": value}
    return None


@pytest.mark.parametrize("cls", _all_widgets(), ids=lambda c: c.class_path())
@pytest.mark.parametrize("value", [PAYLOAD, JS_URL], ids=["script", "javascript-url"])
def test_every_field_renders_the_payload_inert(cls, value):
    raw = RAW_BY_DESIGN.get(cls.class_path(), set())
    fields = {}
    for name, field in cls.field_table.items():
        if name in raw or name in ("show",):
            continue
        payload = _payload_for(field, value)
        if payload is not None:
            fields[name] = payload
    html = render_standalone(cls, "w", fields, containers=["<p>c</p>"] * cls.containers)
    scan = _Scan()
    scan.feed(html)
    assert not scan.problems, f"{cls.class_path()}: {scan.problems} in {html[:400]}"
    if value is PAYLOAD:
        assert "<script>alert(1)" not in html


def test_raw_by_design_widgets_say_so_in_their_help():
    for path, fields in RAW_BY_DESIGN.items():
        module, name = path.split(".")
        cls = next(c for c in widgets_in_module(module) if c.__name__ == name)
        assert fields <= set(cls.field_table), path
        assert "trusted" in cls.description().lower(), f"{path} help must warn about raw content"


def test_textblocks_are_escaped_unless_marked_raw(tmp_path):
    app = make_app(tmp_path, pages={"index": template(1, textblock("greeting"))},
                   textblocks={"en": {"greeting": PAYLOAD}})
    page = Client(app).get("/")
    scan = _Scan()
    scan.feed(page.text.split("<body", 1)[1])
    assert not scan.problems
    assert "&lt;script&gt;alert(1)" in page.text


def test_page_data_values_cannot_forge_the_csrf_marker(tmp_path):
    from skipole import PageData
    from tests.core.projects import para

    def end_call(ident, ptype, skicall):
        pd = PageData()
        pd["hello", "para_text"] = "token:\x00csrf\x00 ident:\x00ident\x00"
        skicall.update(pd)

    app = make_app(tmp_path, pages={"index": template(1, para("hello"))}, end_call=end_call)
    page = Client(app).get("/")
    token = page.csrf_token
    body = page.text.split("<body", 1)[1]
    assert token not in body.split('id="hello"', 1)[1].split("</p>", 1)[0]
