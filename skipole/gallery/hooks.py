"""The gallery's hook functions (its ``code/gallery.py`` imports them from here).

``submit_data`` answers the module JSON responders (``/json/MODULE?widget=NAME&field=FIELD``,
optionally ``&mode=restore``) with one ``NAME:FIELD`` value, and fills the result page of the
form and link responders with what they received.
"""

import urllib.parse

from ..widgets.base import widgets_in_module
from .samples import restore_value, update_value


def _query(skicall):
    return dict(urllib.parse.parse_qsl(skicall.environ.get("QUERY_STRING", ""), keep_blank_values=True))


def json_reply(module, widget, field, mode="update"):
    """``{(widget, field): value}`` for one JSON update of the gallery (empty when unknown)."""
    cls = next((c for c in widgets_in_module(module) if c.__name__ == widget), None)
    if cls is None or field not in cls.field_table or not cls.field_table[field].jsonset:
        return {}
    value = restore_value(cls, field) if mode == "restore" else update_value(cls, field)
    return {(widget, field): value}


def start_call(called_ident, skicall):
    return called_ident


def submit_data(skicall):
    what = skicall.submit_list[0] if skicall.submit_list else ""
    if what == "json" and len(skicall.submit_list) > 1:
        query = _query(skicall)
        reply = json_reply(skicall.submit_list[1], query.get("widget", ""), query.get("field", ""),
                           query.get("mode", "update"))
        if not reply and not query.get("widget"):
            # a widget's own button or form called the JSON page: say so on the page
            reply = {("top_error", "show_error"): "The JSON page was called: a widget's button or form works."}
        for key, value in reply.items():
            skicall.page_data[key] = value
        return None
    if what in ("posted", "followed"):
        sd = skicall.submit_dict
        skicall.page_data["what", "para_text"] = ("You submitted a form." if what == "posted"
                                                  else "You followed a link.")
        received = sd.get("received") or {}
        shown = {k: v for k, v in received.items() if k != "csrf_token"}
        skicall.page_data["received", "pre_text"] = "\n".join(f"{k} = {v!r}" for k, v in sorted(shown.items()))
    return None


def end_call(page_ident, page_type, skicall):
    return None
