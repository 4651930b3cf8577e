"""Widgets that show the workings of a call, for the developer, only in debug mode.

They render their contents only when the render context says debug pages are allowed for this
request (``ctx.debug``: debug switched on and the request from the loopback address).  Any
other time they render an empty outer tag and nothing of the call.  Even in debug mode,
values that look like secrets (cookies, authorization headers, keys naming a token, secret
or password) are left out, so a page left in debug mode does not hand them out.
"""

import pprint

from ..render.html import attrs, esc
from .base import Field, Widget

_HIDDEN = "display:none;"
_SECRET_WORDS = ("TOKEN", "SECRET", "PASSWORD", "PASSWD", "COOKIE", "AUTHORIZATION")
_SECRET_KEYS = frozenset(("HTTP_COOKIE", "HTTP_AUTHORIZATION"))


def _is_secret(key):
    """True for a key whose value must not be shown (any key of a tuple key counts)."""
    parts = key if isinstance(key, tuple) else (key,)
    for part in parts:
        text = str(part).upper()
        if text in _SECRET_KEYS or any(word in text for word in _SECRET_WORDS):
            return True
    return False


def _without_secrets(mapping):
    """A copy of ``mapping`` without the keys ``_is_secret`` refuses."""
    if not isinstance(mapping, dict):
        return {}
    return {k: v for k, v in mapping.items() if not _is_secret(k)}


def _sorted(mapping):
    """``mapping`` with its keys in a stable order (mixed key types sort by their text)."""
    try:
        return dict(sorted(mapping.items()))
    except TypeError:
        return dict(sorted(mapping.items(), key=lambda kv: repr(kv[0])))


def _ident_text(ident):
    if hasattr(ident, "to_comma_str"):
        return ident.to_comma_str()
    if isinstance(ident, (tuple, list)) and len(ident) == 2:
        return f"{ident[0]},{ident[1]}"
    return str(ident)


def _debug_on(w):
    return bool(w.ctx.debug) and w.ctx.call is not None


def _error_box(w):
    return (f"<div{attrs(cls=w['error_class'], style='' if w.error else _HIDDEN)}>"
            f"<p>{esc(w.error)}</p></div>")


_COMMON = (
    Field("toptext", "text", default="DEBUG MODE IS ON", help="Text shown above the data."),
    Field("para_class", "cssclass", help="CSS class of the toptext paragraph."),
    Field("error_class", "cssclass", help="CSS class of the error box."),
)
_SHOW = Field("show", "boolean", default=True,
              help="Render this widget (it shows its data only in debug mode in any case).")


class ShowCallData(Widget):
    """Shows skicall.call_data, the call's scratch dictionary, when debug mode is on.

    Renders nothing inside its div unless debug mode is on and the request comes from this
    machine. Keys that look like secrets (containing token, secret, password, cookie or
    authorization) are left out. toptext (default "DEBUG MODE IS ON"), para_class: the
    paragraph above the data; error_class: class of the error box, shown when an error is
    set; show: render the widget at all.
    """

    error_display = True
    dynamic = True
    FIELDS = (*_COMMON, _SHOW)

    def render(self, w):
        if not _debug_on(w):
            return ""  # as 5.x: nothing at all unless debug is on (for a loopback client)
        data = _sorted(_without_secrets(getattr(w.ctx.call, "call_data", None) or {}))
        return (f"<div{w.outer()}>{_error_box(w)}<p{attrs(cls=w['para_class'])}>{esc(w['toptext'])}</p>"
                f"<pre>{esc(pprint.pformat(data, sort_dicts=False))}</pre></div>")


class ShowEnviron(Widget):
    """Shows the WSGI environ of the call when debug mode is on.

    Renders nothing inside its div unless debug mode is on and the request comes from this
    machine. HTTP_COOKIE, HTTP_AUTHORIZATION and any key containing token, secret, password,
    cookie or authorization are left out. toptext (default "DEBUG MODE IS ON"), para_class:
    the paragraph above the data; error_class: class of the error box, shown when an error is
    set; show: render the widget at all.
    """

    error_display = True
    dynamic = True
    FIELDS = (*_COMMON, _SHOW)

    def render(self, w):
        if not _debug_on(w):
            return ""  # as 5.x: nothing at all unless debug is on (for a loopback client)
        environ = _sorted(_without_secrets(getattr(w.ctx.call, "environ", None) or {}))
        return (f"<div{w.outer()}>{_error_box(w)}<p{attrs(cls=w['para_class'])}>{esc(w['toptext'])}</p>"
                f"<pre>{esc(pprint.pformat(environ, sort_dicts=False))}</pre></div>")


class ShowResponders(Widget):
    """Lists the responders this call passed through, then this page, when debug mode is on.

    A table with one row per responder (its ident, name and brief, in calling order) and a
    last row for the page being shown ("This page"). Renders nothing inside its div unless
    debug mode is on and the request comes from this machine. toptext (default "DEBUG MODE IS
    ON"), para_class, paradiv_class: the paragraph above the table and its div; table_class:
    class of the table; error_class: class of the error box, shown when an error is set;
    show: render the widget at all.
    """

    error_display = True
    dynamic = True
    FIELDS = (
        *_COMMON,
        Field("paradiv_class", "cssclass", help="CSS class of the div around the toptext paragraph."),
        Field("table_class", "cssclass", help="CSS class of the table."),
        _SHOW,
    )

    def render(self, w):
        if not _debug_on(w):
            return ""  # as 5.x: nothing at all unless debug is on (for a loopback client)
        ctx = w.ctx
        rows = []
        for ident in getattr(ctx.call, "ident_list", None) or ():
            info = ctx.page_info(ident)
            if info:
                rows.append((info[0], info[1], info[2]))
            else:
                rows.append((_ident_text(ident), "", ""))
        info = ctx.page_info(ctx.page_num)
        rows.append((info[0] if info else f"{ctx.proj_ident},{ctx.page_num}", "This page",
                     info[2] if info else ""))
        table = "".join(f"<tr><td>{esc(a)}</td><td>{esc(b)}</td><td>{esc(c)}</td></tr>" for a, b, c in rows)
        para = f"<div{attrs(cls=w['paradiv_class'])}><p{attrs(cls=w['para_class'])}>{esc(w['toptext'])}</p></div>"
        return (f"<div{w.outer()}>{_error_box(w)}{para}"
                f"<table{attrs(cls=w['table_class'])}>{table}</table></div>")
