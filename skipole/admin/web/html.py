"""The HTML of skiadmin's screens: the page frame and the small pieces every screen is made of.

Every value written here goes through ``esc`` (text) or ``attrs`` (attributes).  The layout is
one narrow column of cards that stacks on a phone: no tables, no fixed sidebars, large tap
targets, and every action a plain HTML form, so all of it works without JavaScript.
"""

from urllib.parse import urlencode

from ...render.html import attrs, esc

__all__ = ["esc", "attrs", "url", "link", "button_link", "card", "help_box", "field", "text_input", "textarea",
           "checkbox", "select", "hidden", "notice", "kv_list", "badge", "first_line"]

BASE = "/skiadmin"


def url(path="", **query):
    """An admin URL: ``url("/page", item=20)`` gives ``/skiadmin/page?item=20`` (None values left out)."""
    pairs = [(k, v) for k, v in query.items() if v is not None and v != ""]
    tail = ("?" + urlencode(pairs)) if pairs else ""
    return f"{BASE}{path}{tail}"


def link(href, text, cls="", **more):
    return f'<a{attrs(("href", href), ("class", cls), *more.items())}>{esc(text)}</a>'


def button_link(href, text, cls="", **more):
    """A link that looks like a button (for going somewhere: never for changing anything)."""
    return link(href, text, ("sa-btn " + cls).strip(), **more)


def card(content, title="", cls="", id_=""):
    head = f"<h2>{esc(title)}</h2>" if title else ""
    return f'<section{attrs(("class", ("sa-card " + cls).strip()), ("id", id_))}>{head}{content}</section>'


def help_box(*paragraphs, open_=False, title="Help"):
    """Plain-language help: a fold-out box (open on screens where it matters most)."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)     # paragraphs are HTML written by us
    return (f'<details class="sa-help"{" open" if open_ else ""}><summary>{esc(title)}</summary>'
            f"{body}</details>")


def notice(text, level="info"):
    role = ' role="alert"' if level == "error" else ""
    return f'<p class="sa-notice sa-{esc(level)}"{role}>{esc(text)}</p>'


def badge(text, cls=""):
    return f'<span class="sa-badge {esc(cls)}">{esc(text)}</span>'


def first_line(text, limit=160):
    """The first paragraph of a help text, shortened for a list."""
    para = str(text or "").strip().split("\n\n", 1)[0].replace("\n", " ")
    return para if len(para) <= limit else para[: limit - 1].rstrip() + "\u2026"


_ids = [0]


def _next_id(name):
    _ids[0] = (_ids[0] + 1) % 1_000_000
    clean = "".join(c if c.isalnum() else "-" for c in name)[:40]
    return f"f{_ids[0]}-{clean}"


def field(label, control, help_text="", id_=""):
    """A label, its control and its help, stacked."""
    help_html = f'<small class="sa-hint">{esc(help_text)}</small>' if help_text else ""
    return (f'<div class="sa-field"><label{attrs(("for", id_))}>{esc(label)}</label>'
            f"{control}{help_html}</div>")


def text_input(name, label, value="", help_text="", required=False, kind="text", placeholder="", **more):
    id_ = _next_id(name)
    control = (f'<input{attrs(("id", id_), ("name", name), ("type", kind), ("value", value), ("required", required), ("placeholder", placeholder), *more.items())}>')
    return field(label, control, help_text, id_)


def textarea(name, label, value="", help_text="", rows=4, required=False, **more):
    id_ = _next_id(name)
    control = (f'<textarea{attrs(("id", id_), ("name", name), ("rows", rows), ("required", required), *more.items())}>'
               f"{esc(value)}</textarea>")
    return field(label, control, help_text, id_)


def checkbox(name, label, checked=False, help_text="", value="1", hidden_off=True):
    """A tick box; with ``hidden_off`` an unticked box still sends ``0`` (the last value wins)."""
    id_ = _next_id(name)
    off = f'<input type="hidden" name="{esc(name)}" value="0">' if hidden_off else ""
    help_html = f'<small class="sa-hint">{esc(help_text)}</small>' if help_text else ""
    return (f'<div class="sa-field sa-check">{off}<input{attrs(("id", id_), ("type", "checkbox"), ("name", name), ("value", value), ("checked", bool(checked)))}>'
            f'<label for="{id_}">{esc(label)}</label>{help_html}</div>')


def select(name, label, options, selected=None, help_text="", required=False, **more):
    """A drop-down; ``options`` are ``(value, text)`` pairs or plain values."""
    id_ = _next_id(name)
    items = []
    for opt in options:
        value, text = opt if isinstance(opt, tuple) else (opt, opt)
        sel = " selected" if selected is not None and str(value) == str(selected) else ""
        items.append(f'<option value="{esc(value)}"{sel}>{esc(text)}</option>')
    control = (f'<select{attrs(("id", id_), ("name", name), ("required", required), *more.items())}>'
               f'{"".join(items)}</select>')
    return field(label, control, help_text, id_)


def hidden(name, value):
    return f'<input type="hidden" name="{esc(name)}" value="{esc(value)}">'


def kv_list(pairs):
    """A list of ``(term, value)`` pairs (a definition list that stacks on a phone)."""
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v) if v not in (None, '') else '&mdash;'}</dd>" for k, v in pairs)
    return f'<dl class="sa-kv">{rows}</dl>'
