"""One call through a project: start_call → responders → submit_data → end_call → render.

``run_call`` drives the stages; ``CallState`` carries what they share and offers responders
and the renderer the operations they need (resolving targets, calling ``submit_data``,
validating fields, serving files).  Exceptions steer the flow as in skipole 5.x: ``GoTo``,
``FailPage``, ``ValidateError``, ``ServerError``, ``ServeFile``.
"""

import base64
import hashlib
import hmac
import logging
import os
import traceback

from .exceptions import FailPage, GoTo, PageError, ServeFile, ServerError, ValidateError
from .project.idents import Ident
from .render.html import esc
from .request import BadRequest, RequestTooLarge
from .response import Response
from .skicall import SkiCall
from .widgets.base import RenderContext

__all__ = ["run_call", "CallState"]

log = logging.getLogger("skipole.call")
MAX_HOPS = 40


class CallState:
    """What the stages of one call share."""

    def __init__(self, app, request, skicall, relpath):
        self.app = app                      # the application owning the current page
        self.root = app.root_app
        self.request = request
        self.skicall = skicall
        self.relpath = relpath
        self.received = {}
        self.raw_form = []
        self.caller = None
        self.caller_page = None
        self.caller_app = None
        self.widget_errors = {}
        self.page_errors = []
        self.cookies = []
        self.extra_headers = []
        self.no_store = False
        self._fields_read = False
        self.session_string = None

    # ---- helpers used by responders ---------------------------------------------------------
    @property
    def lang_key(self):
        """The language of this call as it is now (hook code may change it) for widget caches."""
        lang = self.skicall.lang
        return (lang[0] if isinstance(lang, (tuple, list)) else lang) or ""

    @property
    def project_url(self):
        return self.app.url

    @property
    def is_https(self):
        return self.request.environ.get("wsgi.url_scheme") == "https"

    def resolve_ident(self, value):
        ref = self.app.project_model.resolve(value)
        return ref if isinstance(ref, Ident) else None

    def add_error(self, message, section="", widget=""):
        """Show ``message`` on a widget (``section-widget``), or on the page's error widget."""
        message = "" if message is None else str(message)
        if widget:
            name = f"{section}-{widget}" if section else widget
            prev = self.widget_errors.get(name)
            self.widget_errors[name] = f"{prev}\n{message}" if prev else message
        elif message:
            self.page_errors.append(message)

    def submit(self, responder, extra):
        """Call the owning application's ``submit_data`` for ``responder``.

        ``submit_dict['error_dict']`` (fields that failed validation earlier in this call, with
        their submitted values) is carried from responder to responder.
        """
        sk = self.skicall
        sk.submit_list = list(responder.submit_list)
        error_dict = dict((sk.submit_dict or {}).get("error_dict") or {})
        sd = {"error_dict": error_dict, "responder_brief": responder.page.brief, "number": responder.page.number,
              "target_ident": responder.target, "fail_ident": responder.fail,
              "alternate_ident": responder.alternate, "project_brief": self.app.project_model.brief}
        sd.update(extra)
        sk.submit_dict = sd
        return self.app._call_submit_data(sk)

    def validate_received(self, fields):
        """Run the caller page's validators on ``fields`` of ``received`` (a missing field is
        validated as ''); returns ``{widgfield: message}`` of those that failed."""
        failed = {}
        if self.caller_page is None:
            return failed
        from .validators import ValidationFailed
        validators = self.caller_app.validators_of(self.caller_page)
        for wf in fields:
            vlist = validators.get(wf)
            if not vlist:
                continue
            original = value = self.received.get(wf, "")
            for validator in vlist:
                try:
                    value = validator.validate(value, self.app.validator_context(self))
                except ValidationFailed as exc:
                    failed[wf] = str(exc)
                    name = "-".join(wf[:-1])
                    self.add_error(str(exc), widget=exc.displaywidget or name)
                    self.skicall.submit_dict.setdefault("error_dict", {})[wf] = original
                    break
            else:
                self.received[wf] = value
        return failed

    def css_of(self, target):
        ref = self.app.project_model.resolve(target)
        if isinstance(ref, Ident) and ref.proj == self.app.proj_ident:
            page = self.app.project_model.page(ref.num)
            if page is not None and page.kind == "CSS":
                return self.app.renderer.css_of(page, self)
        return None

    # ---- helpers used by the renderer -------------------------------------------------------
    def render_context(self, page):
        return _RequestRenderContext(self, page)

    def textblock(self, textref, project=None):
        return self.app._textblock(textref, self.skicall.lang, project)

    def ident_value(self, page):
        """The value of the hidden ``ident`` field: this page plus signed ident data."""
        base = f"{page.project.proj_ident}_{page.number}"
        data = self.skicall.page_data.ident_data
        if data is None:
            data = self.skicall.ident_data
        if not data:
            return base
        return f"{base}_{sign_ident_data(self.root.secret_key, str(data))}"

    def csrf_token(self):
        return self.root.security.csrf_token(self)

    def json_values(self, pd):
        out = {}
        for (widget, field), value in pd.items():
            out[f"{widget}:{field}"] = value
        for _alias, sd in pd.section_items():
            for key, value in sd.to_dict().items():
                out[key] = value
        for name, value in pd.variables().items():
            if name in _JSON_PAGE_KEYS:
                if name in _JSON_URL_KEYS and isinstance(value, (str, int)):
                    value = self.app.url_for(value) or value     # labels and idents become URLs
                out[name] = value
        errors = list(self.page_errors) + [f"{m}" for m in self.widget_errors.values()]
        if errors and "show_error" not in out:
            out["show_error"] = "\n".join(errors)
        if pd.ident_data is not None:
            out["ident_data"] = self.ident_value_for_json(pd.ident_data)
        return out

    def ident_value_for_json(self, data):
        caller = self.caller
        if caller is None:
            return ""
        return f"{caller.proj}_{caller.num}_{sign_ident_data(self.root.secret_key, str(data))}"

    def serve_file(self, relpath, mimetype=None, enable_cache=None, status="200 OK", headers=None,
                   page_type="ServeFile"):
        """Serve a file under projectfiles (never outside it); 404 when missing."""
        from .pages import file_response
        path = self.app.safe_file(relpath)
        if path is None:
            return None
        import mimetypes
        mimetype = mimetype or mimetypes.guess_type(path)[0] or "application/octet-stream"
        return file_response(path, mimetype, enable_cache, self.request.environ, status, headers, page_type,
                             gzip_cache=self.app.renderer.gzip_cache)


_JSON_URL_KEYS = {"IntervalTarget", "JSONtoHTML", "CatchToHTML"}
_JSON_PAGE_KEYS = {"ClearAllErrors", "JSONtoHTML", "throw", "interval", "IntervalTarget", "localStorage",
                   "sessionStorage", "backcol", "lang", "body_class", "show_error", "CatchToHTML"}


class _RequestRenderContext(RenderContext):
    """The widget render context inside a real call."""

    def __init__(self, call, page):
        self._call = call
        self.call = call.skicall
        self.proj_ident = page.project.proj_ident
        self.page_num = page.number
        self.debug = call.root.debug_for(call.request)
        model = call.app.project_model
        self.project_brief = model.brief
        self.project_version = model.version
        from . import __version__
        self.skipole_version = __version__

    def url(self, value):
        return self._call.app.url_for(value)

    def textblock(self, ref, project=None):
        return self._call.textblock(ref, project)

    def page_info(self, value):
        return self._call.app.page_info(value)

    # ---- devices (the hardware layer), for the pi widgets and field bindings ----
    @property
    def api_url(self):
        return self._call.root.api_url

    @property
    def request_path(self):
        return self._call.request.path

    def device(self, name):
        """The device ``name`` as the API gives it, plus ``writable`` and ``simulated``; or None."""
        hardware = self._call.root.hardware
        if hardware is None or name not in hardware.names:
            return None
        state = hardware.state(name)
        info = hardware.devices[name]
        state["writable"] = bool(info.get("writable"))
        state["simulated"] = hardware.simulated
        for key in ("min", "max"):          # a sensor's declared range, for gauges
            if info.get(key) is not None:
                state[key] = info[key]
        return state

    def devices(self):
        hardware = self._call.root.hardware
        if hardware is None:
            return []
        return [self.device(name) for name in hardware.names]

    def project_url(self, proj_ident):
        """The URL of the root project or sub-project called ``proj_ident`` (None if unknown)."""
        return self._call.app._projectpaths().get(str(proj_ident))


# ---- ident data ---------------------------------------------------------------------------------

def sign_ident_data(key, data):
    payload = base64.urlsafe_b64encode(data.encode("utf-8")).decode("ascii").rstrip("=")
    sig = hmac.new(key, payload.encode("ascii"), hashlib.sha256).digest()[:12]
    return payload + "." + base64.urlsafe_b64encode(sig).decode("ascii")


def verify_ident_data(key, token):
    payload, dot, sig = token.rpartition(".")
    if not dot:
        return None
    want = base64.urlsafe_b64encode(hmac.new(key, payload.encode("ascii", "replace"),
                                             hashlib.sha256).digest()[:12]).decode("ascii")
    if not hmac.compare_digest(want, sig):
        return None
    try:
        return base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None


def parse_ident_field(value, key):
    """``proj_num[_signeddata]`` → (Ident, ident_data or None); raises ValidateError when forged."""
    proj, sep, rest = str(value).partition("_")
    if not sep or not proj.isalnum():
        raise ValidateError("The page ident sent with this form is not valid.")
    num, sep, data = rest.partition("_")
    if not num.isdigit():
        raise ValidateError("The page ident sent with this form is not valid.")
    ident = Ident(proj, int(num))
    if not sep:
        return ident, None
    decoded = verify_ident_data(key, data)
    if decoded is None:
        raise ValidateError("The data sent with this form has been altered.")
    return ident, decoded


# ---- the call ------------------------------------------------------------------------------------

def run_call(app, request, relpath, forced_target=None):
    """Run one call through ``app`` (the project the URL belongs to); returns a Response.

    ``forced_target`` (an ident or label returned by a sub-project's ``check_cookies``) is
    resolved in the root project, as skipole 5.x does; the call then runs in the project
    owning that page, whose ``start_call`` receives it as the called ident.
    """
    root = app.root_app
    diverted = None
    if forced_target is not None:
        ref = root.resolve_any(forced_target)
        if isinstance(ref, tuple) and ref[1] is not None:
            app, diverted = ref
    environ = request.environ
    lang = root.request_language(request, app)
    skicall = SkiCall(environ=environ, path=request.path, project=app.project_model.name,
                      proj_ident=app.proj_ident, rootproject=app is root, proj_data=app.proj_data,
                      received_cookies=request.cookies, lang=lang, projectfiles=app.projectfiles,
                      accesstextblocks=app.accesstextblocks, app=app,
                      user=environ.get("skipole.user"))
    skicall._request = request
    call = CallState(app, request, skicall, relpath)
    if forced_target is not None:
        page = diverted         # None when check_cookies named nothing: not found
    else:
        page = app.project_model.page_at(relpath)
    called_ident = page.ident if page is not None else None
    try:
        try:
            if forced_target is not None and page is None:
                target = None
            else:
                target = app._call_start_call(called_ident, skicall)
        except GoTo as exc:
            target = exc.target
        return _follow(call, target)
    except ServeFile as exc:
        return _serve_file_exc(call, exc)
    except RequestTooLarge as exc:
        return root.error_response(call, "413 Payload Too Large", str(exc))
    except CsrfRefused:
        return root.error_response(call, "403 Forbidden",
                                   "This request did not come from a page of this site (its security token is "
                                   "missing or out of date). Go back, reload the page and try again.")
    except BadRequest as exc:
        return root.error_response(call, "400 Bad Request", str(exc))
    except ValidateError as exc:
        return _system_page(call, "validate_error", exc.message, exc.status or "400 Bad Request")
    except ServerError as exc:
        return _server_error(call, exc)
    except PageError as exc:
        return _server_error(call, ServerError(exc.message))


def _serve_file_exc(call, exc):
    headers = list(exc.headers.items()) if isinstance(exc.headers, dict) else list(exc.headers or [])
    server_file = os.fspath(exc.server_file)
    response = call.serve_file(server_file, exc.mimetype, exc.enable_cache, exc.status or "200 OK", headers)
    if response is None:
        return _not_found(call)
    return response


def _server_error(call, exc):
    message = exc.message or "The server could not complete this request."
    if exc.code:
        message = f"{message}\nError code: {exc.code}"
    if call.root.debug_for(call.request) and getattr(exc, "__cause__", None) is not None:
        message += "\n\n" + "".join(traceback.format_exception(exc.__cause__))
    return _system_page(call, "server_error", message, exc.status or "500 Internal Server Error")


def _not_found(call):
    return _system_page(call, "url_not_found", call.request.path, "404 Not Found")


def _system_page(call, label, message, status):
    """Render a system page (validate_error, server_error, url_not_found) with ``message``."""
    call.skicall.clear_pagedata()
    call.widget_errors = {}
    call.page_errors = [message] if message else []
    try:
        response = _follow(call, label, system=True)
    except Exception:   # the error page itself failed: answer in plain text
        log.exception("system page %s failed", label)
        response = None
    if response is None:    # no such page in this project: a plain page with the message
        response = call.root.error_response(call, status, message)
    response.status = status
    return response


def _follow(call, target, system=False):
    """Follow targets through responders until a page is rendered."""
    hops = 0
    handed_off = set()
    while True:
        hops += 1
        if hops > MAX_HOPS:
            raise ServerError("Too many steps between pages (a loop of responders?).")
        app = call.app
        ref = app.resolve_any(target)
        if isinstance(ref, str) and "/" not in ref:
            ref = None      # not a label, ident or URL (a URL has a '/', as in skipole 5.x)
        if ref is None:
            if system:
                return None
            return _not_found(call)
        if isinstance(ref, str):
            if system:
                return None
            return _apply_cookies(call, _redirect(call, ref))     # a login's cookie must survive
        target_app, page = ref
        if page is None and system:
            return None
        if target_app is not app:
            if page is None:
                return _not_found(call)
            if target_app.proj_ident in handed_off and not system:
                raise ServerError("A call was handed back and forth between projects.")
            handed_off.add(app.proj_ident)
            call.app = target_app
            call.skicall.proj_ident = target_app.proj_ident
            call.skicall.proj_data = target_app.proj_data
        if page is None:
            return _not_found(call)
        if not system:
            refused = call.root.security.check_access(call, page)
            if refused is not None:
                return refused
        if page.kind == "RespondPage":
            ident = page.ident
            if ident in call.skicall.ident_list:
                raise ServerError("A responder was called twice in one call (a loop).")
            call.skicall.ident_list.append(ident)
            try:
                target = _run_responder(call, page)
            except GoTo as exc:
                target = _goto(call, exc)
            except FailPage as exc:
                call.add_error(exc.message, exc.section, exc.widget)
                target = exc.failpage or call.app.responder_for(page).fail
                if target in (None, ""):
                    raise ServerError(exc.message or "The request failed.") from None
            if isinstance(target, Response):
                return _finish_direct(call, page, target)
            continue
        return _render_final(call, page)


def _goto(call, exc):
    if exc.clear_submitted:
        call.skicall.call_data.clear()
    if exc.clear_page_data:
        call.skicall.clear_pagedata()
    if exc.clear_errors:
        call.widget_errors = {}
        call.page_errors = []
    return exc.target


def _run_responder(call, page):
    responder = call.app.responder_for(page)
    if not call._fields_read:
        _read_fields(call, responder)
    return responder.respond(call)


def _read_fields(call, responder):
    """Read the submitted fields once: the caller ident, then widget fields mapped to widgfields."""
    call._fields_read = True
    request = call.request
    form = request.form()
    call.raw_form = form
    ident_value = next((v for n, v in form if n == "ident" and isinstance(v, str)), None)
    if ident_value:
        call.caller, data = parse_ident_field(ident_value, call.root.secret_key)
        call.skicall.caller_ident = call.caller
        if data is not None:
            call.skicall.ident_data = data
        caller_app = call.root.app_for_proj(call.caller.proj)
        page = caller_app.project_model.page(call.caller.num) if caller_app is not None else None
        if page is not None and page.kind == "TemplatePage":
            call.caller_app, call.caller_page = caller_app, page
    if call.caller_page is not None:
        call.received = call.caller_app.map_fields(call.caller_page, form)
    else:
        call.received = _plain_widgfields(form)
    _check_csrf(call, form)
    if ident_value and call.caller_page is None:
        raise ValidateError("Form data not accepted: the page ident sent with it is not valid.")
    if call.caller_page is not None:
        _refuse_unknown_fields(call.caller_app, call.caller_page, form)


class CsrfRefused(Exception):
    """Raised when a request that submits data lacks a valid CSRF token (403)."""


def _check_csrf(call, form):
    """Widget fields sent to a responder, and any POST made with cookies, need the token."""
    request = call.request
    submits_fields = bool(call.received)
    cookie_post = request.method not in ("GET", "HEAD") and bool(request.cookies)
    if not (submits_fields or cookie_post) or request.environ.get("skipole.via_token"):
        return
    token = request.environ.get("HTTP_X_CSRF_TOKEN") or next(
        (v for n, v in form if n == "csrf_token" and isinstance(v, str)), "")
    if not call.root.security.token_ok(request, token):
        raise CsrfRefused()


def _refuse_unknown_fields(app, page, form):
    """A widget field the caller page does not have is refused, as skipole 5.x does."""
    names = app._field_index(page)[0]
    for name, _value in form:
        if name in ("ident", "csrf_token") or ":" not in name or name in names:
            continue
        base, dash, _key = name.rpartition("-")
        entry = names.get(base) if dash else None
        if entry is not None and (entry[1] == "dict" or entry[2]):
            continue
        raise ValidateError(f"Form data not accepted: unexpected field {name[:80]}.")


def _plain_widgfields(form):
    from .responders.base import widgfield_key
    out = {}
    for name, value in form:
        if name in ("ident", "csrf_token") or ":" not in name:
            continue
        key = widgfield_key(name)
        if isinstance(value, str):
            value = value.strip()
        if key in out:
            prev = out[key]
            out[key] = (prev if isinstance(prev, list) else [prev]) + [value]
        else:
            out[key] = value
    return out


def _finish_direct(call, page, response):
    """A responder built the response itself (SubmitJSON, ...): end_call still runs, and its
    session string, ``page_data.status`` and ``page_data.headers`` apply."""
    try:
        session = call.app._call_end_call(page.ident, response.page_type or page.kind, call.skicall)
        if isinstance(session, str) and session:
            call.session_string = session
    except FailPage:
        pass
    pd = call.skicall.page_data
    if pd.status:
        response.status = str(pd.status)
    for item in pd.headers or ():
        if isinstance(item, (list, tuple)) and len(item) == 2:
            name, value = str(item[0]), str(item[1])
            if not any(c in name + value for c in "\r\n"):
                response.set_header(name, value)
    return _apply_cookies(call, response)


def _render_final(call, page):
    app = call.app
    try:
        session = app._call_end_call(page.ident, page.kind, call.skicall)
        if isinstance(session, str) and session:
            call.session_string = session
    except FailPage as exc:
        call.add_error(exc.message, exc.section, exc.widget)
    except GoTo as exc:
        return _follow(call, _goto(call, exc))
    renderer = app.renderer
    kind = page.kind
    if kind == "TemplatePage":
        response = renderer.render_template(page, call)
    elif kind == "JSON":
        response = renderer.render_json(page, call)
    elif kind == "CSS":
        response = renderer.render_css(page, call)
    elif kind == "SVG":
        response = renderer.render_svg(page, call)
    elif kind == "FilePage":
        response = renderer.render_file(page, call)
        if response is None:
            return _not_found(call)
    else:
        raise ServerError(f"page {page.number} cannot be shown")
    return _apply_cookies(call, response)


def _apply_cookies(call, response):
    pd = call.skicall.page_data
    jars = list(call.cookies)
    if pd.set_cookie is not None:
        jars.append(pd.set_cookie)
    for jar in jars:
        for morsel in jar.values():
            response.headers.append(("Set-Cookie", morsel.OutputString()))
    response.headers.extend(call.extra_headers)
    if call.session_string is not None:
        response.headers.append(("Set-Cookie", call.root.session_cookie_header(call, call.session_string)))
    lang_cookie = call.skicall._language_cookie
    if lang_cookie:
        response.headers.append(("Set-Cookie", f"language={lang_cookie}; Path=/; SameSite=Lax; Max-Age=31536000"))
    return response


def _redirect(call, url):
    """Send the browser to ``url`` (a URL returned by a hook or a label): 303 with a link page."""
    body = (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Redirect</title></head>'
            f'<body><p>This page has moved to <a href="{esc(url)}">{esc(url)}</a>.</p></body></html>\n')
    from .render.html import safe_url
    return Response(body.encode("utf-8"), "303 See Other", [("Location", safe_url(url))],
                    "text/html; charset=utf-8", "redirect")


