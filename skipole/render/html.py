"""HTML escaping and attribute helpers shared by the render engine and every widget.

Everything a widget writes goes through ``esc`` (text) or ``attrs`` (attributes): values from
project files, page data and users are never trusted.  Field values have NUL characters
removed when they are read (``widgets.base.coerce_value``), so no value can smuggle in the
per-request markers (ident, CSRF token) the render engine fills last; ``esc`` keeps markers
that widgets themselves put into URLs.
"""

import re

_UNSAFE_SCHEME = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.I)
_CONTROL = re.compile(r"[\x00-\x20]+")

#: Markers filled per request after a page is assembled (see ``render.plan``).
IDENT_MARK = "\x00ident\x00"
CSRF_MARK = "\x00csrf\x00"


def esc(value):
    """Escape ``value`` (any object, None is '') for HTML text and attribute values."""
    if value is None:
        return ""
    text = value if type(value) is str else str(value)
    # one scan per character class, skipped when absent: several times faster than
    # str.translate for the short, mostly clean strings of a page
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "'" in text:
        text = text.replace("'", "&#x27;")
    return text


def safe_url(url):
    """Return ``url`` unless its scheme can run script (javascript:, vbscript:, data:), else '#'."""
    if url is None:
        return ""
    url = str(url)
    if _UNSAFE_SCHEME.match(_CONTROL.sub("", url)):
        return "#"
    return url


def attrs(*pairs, **named):
    """Render attributes: ``attrs(("id", "x"), cls="a")`` gives ' id="x" class="a"'.

    Empty values ('' or None or False) are left out; True gives a bare attribute such as
    ``checked``.  ``cls`` stands for ``class`` and underscores in keywords become hyphens.
    """
    out = []
    for key, value in list(pairs) + list(named.items()):
        if key == "cls":
            key = "class"
        else:
            key = key.replace("_", "-")
        if value is None or value is False or value == "":
            continue
        if value is True:
            out.append(f" {key}")
        else:
            out.append(f' {key}="{esc(value)}"')
    return "".join(out)


def tag(name, content="", *pairs, **named):
    """Render ``<name attrs>content</name>``; content must already be HTML."""
    return f"<{name}{attrs(*pairs, **named)}>{content}</{name}>"


def void(name, *pairs, **named):
    """Render a void element ``<name attrs />``."""
    return f"<{name}{attrs(*pairs, **named)} />"
