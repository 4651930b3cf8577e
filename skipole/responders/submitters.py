"""Submitters: responders that call ``submit_data`` and pass on or build the output."""

import http.cookies
import json

from ..exceptions import ServerError, ValidateError
from ..response import Response
from .base import Responder, widgfield_key

__all__ = ["SubmitData", "ColourSubstitute", "SetCookies", "GetDictionaryDefaults", "FieldStoreSubmit",
           "SubmitJSON", "SubmitPlainText", "SubmitCSS", "MediaQuery", "SubmitIterator"]


class SubmitData(Responder):
    """Calls ``submit_data``, then shows ``target_ident``.

    The general "run my code, then show this page" step; a FailPage raised in the code shows
    ``fail_ident`` with the error.  The caller must be in ``allowed_callers`` when that is set.
    """

    calls_submit = True
    reads_fields = True

    def respond(self, call):
        self.require_caller(call)
        self.submit(call)
        return self.target


class ColourSubstitute(Responder):
    """``submit_data`` returns ``{name: colour}``; ``${name}`` in the target CSS page is replaced."""

    calls_submit = True

    def respond(self, call):
        colours = self.submit(call)
        if isinstance(colours, dict):
            call.skicall.page_data.colour_substitution = {str(k): str(v) for k, v in colours.items()}
        return self.target


class SetCookies(Responder):
    """``submit_data`` returns cookies to set: a ``http.cookies.BaseCookie``, or a list of
    ``[name, value, max_age]`` (max_age None for a session cookie).

    Cookies from the list get Path (the project URL), HttpOnly, SameSite=Lax, and Secure on
    HTTPS.  Then shows ``target_ident``.
    """

    calls_submit = True
    reads_fields = True

    def respond(self, call):
        self.require_caller(call)
        result = self.submit(call)
        if isinstance(result, http.cookies.BaseCookie):
            call.cookies.append(result)
        elif isinstance(result, (list, tuple)):
            jar = http.cookies.SimpleCookie()
            try:
                for item in result:
                    name, value = str(item[0]), str(item[1])
                    jar[name] = value
                    morsel = jar[name]
                    morsel["path"] = call.project_url
                    morsel["httponly"] = True
                    morsel["samesite"] = "Lax"
                    if call.is_https:
                        morsel["secure"] = True
                    if len(item) > 2 and item[2] is not None:
                        morsel["max-age"] = int(item[2])
            except (TypeError, ValueError, IndexError, http.cookies.CookieError) as exc:
                raise ServerError("SetCookies: submit_data must return a BaseCookie or "
                                  f"[[name, value, max_age], ...]: {exc}") from None
            call.cookies.append(jar)
        elif result:
            raise ServerError("SetCookies: submit_data must return a BaseCookie or [[name, value, max_age], ...]")
        return self.target


class GetDictionaryDefaults(Responder):
    """For dict fields (browsers leave out empty inputs): ``submit_data`` receives
    ``submit_dict['widgfield']`` and returns the default dict for that field; submitted keys
    override it and the result replaces the field (also stored in ``call_data``).

    The call must come from a known page (in ``allowed_callers`` when set); a submitted key
    that is not in the defaults refuses the call.
    """

    calls_submit = True
    reads_fields = True

    def respond(self, call):
        if call.caller_page is None:
            raise ValidateError("This request must be sent from a page of this site.")
        self.check_caller(call)
        wf = widgfield_key(self.widgfield or "")
        defaults = self.submit(call, widgfield=wf)
        if not isinstance(defaults, dict):
            raise ServerError("GetDictionaryDefaults: submit_data must return a dictionary of defaults")
        received = call.received.get(wf)
        merged = dict(defaults)
        if received:
            if not isinstance(received, dict) or any(key not in defaults for key in received):
                raise ValidateError("Unexpected fields were submitted.")
            merged.update(received)
        call.received[wf] = merged
        call.skicall.call_data[wf] = merged
        return self.target


class FieldStoreSubmit(Responder):
    """Collects every submitted field with the field name given in its fields (or by
    ``widgfield``), whatever the widget, into ``submit_dict['received']`` keyed by widgfield
    tuple (``submit_dict['field']`` is the name), and calls submit_data."""

    calls_submit = True
    reads_fields = True

    def respond(self, call):
        wanted = next(iter(self.fields), "") or str(self.widgfield or "").rpartition(":")[2]
        found = {}
        for wf, value in call.received.items():
            if isinstance(wf, tuple) and wf[-1] == wanted:
                found[wf] = value.copy() if isinstance(value, (list, dict)) else value
        self.submit(call, received=found, field=wanted)
        return self.target


class SubmitJSON(Responder):
    """Returns, as JSON, the dict ``submit_data`` returns: an API for scripts."""

    calls_submit = True

    def respond(self, call):
        result = self.submit(call)
        try:
            body = json.dumps(result if result is not None else {}, default=str).encode("utf-8")
        except (TypeError, ValueError) as exc:
            raise ServerError(f"submit_data returned data that is not JSON: {exc}") from None
        return Response(body, headers=[("Cache-Control", "no-store")],
                        content_type="application/json", page_type="SubmitJSON")


class SubmitPlainText(Responder):
    """Returns the string ``submit_data`` returns as text/plain."""

    calls_submit = True

    def respond(self, call):
        result = self.submit(call)
        text = "" if result is None else str(result)
        return Response(text.encode("utf-8"), headers=[("Cache-Control", "no-store")],
                        content_type="text/plain; charset=utf-8", page_type="SubmitPlainText")


class SubmitCSS(Responder):
    """Returns a stylesheet built from the ``{selector: [[property, value], ...]}`` dict that
    ``submit_data`` returns."""

    calls_submit = True

    def respond(self, call):
        from ..pages import css_text
        style = self.submit(call) or {}
        return Response(css_text(style).encode("utf-8"), content_type="text/css; charset=utf-8",
                        page_type="SubmitCSS")


class MediaQuery(Responder):
    """Builds one stylesheet from CSS pages wrapped in media queries.

    Fields map a media query (``@media (max-width: 480px)``) to a CSS page ident.  With
    ``submit_option`` set, ``submit_data`` receives ``submit_dict['media_target']`` (also as
    ``media_queries``) and may return queries to add or change.
    """

    def respond(self, call):
        queries = dict(self.fields)
        if self.submit_option:
            changed = self.submit(call, media_target=dict(queries), media_queries=dict(queries))
            if isinstance(changed, dict):
                queries.update(changed)
        parts = []
        for query, target in queries.items():
            css = call.css_of(target)
            if css is None:
                continue
            query = str(query).strip()
            if not query.startswith("@media"):
                query = "@media " + query
            parts.append(f"{query} {{\n{css}}}\n")
        return Response("".join(parts).encode("utf-8"), content_type="text/css; charset=utf-8",
                        page_type="MediaQuery")


class SubmitIterator(Responder):
    """Streams the binary iterator ``submit_data`` returns (a download).

    The content type is ``page_data.mimetype`` set by submit_data, else the ``mimetype`` arg,
    else application/octet-stream; ``page_data.content_length`` sets Content-Length.
    """

    calls_submit = True

    def respond(self, call):
        result = self.submit(call)
        if result is None:
            result = [b""]
        pd = call.skicall.page_data
        mimetype = pd.mimetype or self.args.get("mimetype") or "application/octet-stream"
        headers = [("Cache-Control", "no-store")]
        if pd.content_length:
            headers.append(("Content-Length", str(int(pd.content_length))))
        return Response(_bytes_iter(result), headers=headers, content_type=str(mimetype),
                        page_type="SubmitIterator")


def _bytes_iter(result):
    if isinstance(result, (bytes, bytearray)):
        yield bytes(result)
        return
    for chunk in result:
        yield chunk.encode("utf-8") if isinstance(chunk, str) else bytes(chunk)
