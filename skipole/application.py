"""``WSGIApplication``: one project served as a WSGI application, with the 5.x API.

The root application routes each request to itself or to a sub-project added with
``add_project``, then hands it to ``call.run_call``.  Everything an application knows lives
on its instance (no module-level registry), so any number of applications can live in one
process without seeing each other.
"""

import logging
import os
import re
import secrets
import threading

from .call import run_call
from .compress import compress_response
from .exceptions import FailPage, GoTo, PageError, ServeFile, ServerError, SkipoleError, ValidateError
from .project.idents import Ident
from .project.loader import load_project_files
from .project.model import LIBRARY_LABELS, LabelRef
from .render.html import esc
from .request import Request
from .response import Response
from .textblocks import AccessTextBlocks

__all__ = ["WSGIApplication", "set_debug"]

log = logging.getLogger("skipole")

_DEBUG_DEFAULT = [False]      # the one process-wide default, kept for 5.x's set_debug


def set_debug(mode):
    """Set the process-wide debug default (5.x API); an application's ``debug`` setting wins."""
    _DEBUG_DEFAULT[0] = bool(mode)


def _default_start_call(called_ident, skicall):
    return called_ident


def _default_submit_data(skicall):
    return None


def _default_end_call(page_ident, page_type, skicall):
    return None


_STEERING = (GoTo, SkipoleError, ServeFile)


class WSGIApplication:
    """A skipole project as a WSGI application.

    ``project`` is the project name (a folder under ``projectfiles``); the three hooks default
    to doing nothing (``start_call`` returns the called page).  ``url`` is where the project
    is served; ``proj_ident`` overrides the ident its pages are named by.  Keyword-only
    ``debug`` overrides ``set_debug`` for this application; ``secret_key`` (bytes) signs ident
    data and CSRF tokens (a random key is made when none is given).
    """

    def __init__(self, project, projectfiles, proj_data=None, start_call=None, submit_data=None,
                 end_call=None, url="/", proj_ident=None, *, debug=None, secret_key=None, model=None,
                 max_body=None):
        if model is None:
            model = load_project_files(projectfiles, project, proj_ident)
        self.project_model = model
        self.projectfiles = os.path.abspath(projectfiles)
        self.proj_data = proj_data if proj_data is not None else {}
        self.start_call = start_call or _default_start_call
        self.submit_data = submit_data or _default_submit_data
        self.end_call = end_call or _default_end_call
        self.url = _norm_url(url)
        model.url = self.url
        self.accesstextblocks = AccessTextBlocks(model.textblocks, model.default_language, model.proj_ident)
        self.debug = debug
        self.secret_key = secret_key or secrets.token_bytes(32)
        self.max_body = max_body
        self.compress = True          # gzip rendered bodies for clients that accept it (skipole.compress)
        self.root_app = self
        self.subapps = {}            # url -> (app, check_cookies)
        self._responders = {}
        self._validators = {}
        self._lock = threading.Lock()
        from .pages import PageRenderer
        from .security import Security
        self.renderer = PageRenderer(self)
        self.security = Security(self)
        self.lib_url = "/lib"
        self.api_url = "/api"
        self.hardware = None          # a skipole.hardware.Hardware when the project declares devices
        self.hooks_module = None
        self.admin = None             # skiadmin's handler (skipole.admin.web.make_admin) when it is on

    # ---- 5.x properties ----------------------------------------------------------------------
    @property
    def project(self):
        return self.project_model.name

    @property
    def proj_ident(self):
        return self.project_model.proj_ident

    @property
    def brief(self):
        return self.project_model.brief

    @property
    def version(self):
        return self.project_model.version

    def add_project(self, app, url=None, check_cookies=None):
        """Mount another ``WSGIApplication`` at ``url`` under this one (one level deep).

        ``check_cookies(received_cookies, proj_data)`` runs before a request enters it; a
        returned ident or label diverts the request there.  Returns the sub-project's URL.
        """
        if self.root_app is not self:
            raise ValueError("sub-projects can only be added to the root application")
        if app.subapps:
            raise ValueError("a project with its own sub-projects cannot be added")
        if app.proj_ident == self.proj_ident or any(a.proj_ident == app.proj_ident for a, _ in self.subapps.values()):
            raise ValueError(f"a project with ident {app.proj_ident!r} is already here")
        url = _norm_url(url or app.url)
        if url == self.url or not url.startswith(self.url):
            raise ValueError(f"a sub-project URL must be longer than and under {self.url!r}")
        app.url = url
        app.project_model.url = url
        app.root_app = self
        app.secret_key = self.secret_key
        self.subapps[url] = (app, check_cookies)
        if app.proj_ident == "skis":
            self.lib_url = url.rstrip("/")
        self._invalidate_all()
        return url

    def replace_project(self, model):
        """Serve ``model`` (a ``Project``, e.g. just published by skiadmin) from now on.

        The swap is one attribute assignment: a request in flight finishes with the model it
        started with; compiled plans, responders and field indexes are rebuilt on next use.
        """
        model.url = self.url
        model.generation = self.project_model.generation + 1
        textblocks = AccessTextBlocks(model.textblocks, model.default_language, model.proj_ident)
        with self._lock:
            self.project_model = model
            if isinstance(self.accesstextblocks, AccessTextBlocks):
                self.accesstextblocks = textblocks
            self._responders = {}
            self._validators = {}
        self.renderer.invalidate()

    def set_accesstextblocks(self, obj):
        """Use ``obj`` (an ``AccessTextBlocks``-like object) for this project's TextBlocks."""
        self.accesstextblocks = obj
        self.renderer.invalidate()

    def _invalidate_all(self):
        for app in self.all_apps():
            app.renderer.invalidate()

    def all_apps(self):
        root = self.root_app
        return [root] + [a for a, _ in root.subapps.values()]

    def app_for_proj(self, proj):
        for app in self.root_app.all_apps():
            if app.proj_ident == proj:
                return app
        return None

    # ---- WSGI --------------------------------------------------------------------------------
    def __call__(self, environ, start_response):
        root = self.root_app
        request = Request(environ, **({"max_body": root.max_body} if root.max_body else {}))
        try:
            response = root.security.before(request)
            if response is None and request.problem:
                response = root.error_response(None, "400 Bad Request", request.problem)
            if response is None:
                response = root._route(request)
            root.security.after(request, response)
            if root.compress:
                compress_response(response, environ)
        except Exception:
            log.exception("unhandled error for %s", environ.get("PATH_INFO"))
            response = root.error_response(None, "500 Internal Server Error",
                                           "The server could not complete this request.")
        start_response(response.status, response.headers)
        if request.method == "HEAD":
            close = getattr(response.body, "close", None)
            if close:
                close()
            return [b""]
        body = response.body
        return [body] if isinstance(body, bytes) else body

    def _route(self, request):
        path = "/" + request.path.lstrip("/")
        if self.hardware is not None and path.startswith(self.api_url + "/"):
            from .hardware.api import handle
            from .request import BadRequest, RequestTooLarge
            try:
                return handle(self, request, path[len(self.api_url) + 1:])
            except RequestTooLarge as exc:
                return self.error_response(None, "413 Payload Too Large", str(exc))
            except BadRequest as exc:
                return self.error_response(None, "400 Bad Request", str(exc))
        if self.admin is not None and (path == "/skiadmin" or path.startswith("/skiadmin/")):
            return self.admin(request)
        for url in sorted(self.subapps, key=len, reverse=True):
            base = url.rstrip("/")
            if path == base or path.startswith(base + "/"):
                app, check = self.subapps[url]
                relpath = path[len(base):]
                if check is not None:
                    divert = check(request.cookies, self.proj_data)   # 5.x passes the root's
                    if divert is not None:
                        return run_call(app, request, relpath, forced_target=divert)
                return run_call(app, request, relpath)
        base = self.url.rstrip("/")
        if base and not (path == base or path.startswith(base + "/")):
            return self.error_response(None, "404 Not Found", "Not found")
        return run_call(self, request, path[len(base):])

    # ---- hooks ----------------------------------------------------------------------------------
    def _wrap(self, func, *args):
        try:
            return func(*args)
        except _STEERING:
            raise
        except Exception as exc:
            log.exception("error in project code of %s", self.proj_ident)
            raise ServerError("The server could not complete this request.") from exc

    def _call_start_call(self, called_ident, skicall):
        return self._wrap(self.start_call, called_ident, skicall)

    def _call_submit_data(self, skicall):
        return self._wrap(self.submit_data, skicall)

    def _call_end_call(self, page_ident, page_type, skicall):
        return self._wrap(self.end_call, page_ident, page_type, skicall)

    # ---- resolving references ---------------------------------------------------------------
    def resolve_any(self, target):
        """Resolve a call target: None, a URL (str), or ``(app, page-or-None)``."""
        ref = self.project_model.resolve(target)
        if ref is None:
            return None
        if isinstance(ref, str):
            return ref
        if isinstance(ref, LabelRef):
            other = self.app_for_proj(ref.proj)
            if other is None:
                if ref.proj in ("skis", "lib") and ref.label in LIBRARY_LABELS:
                    return None
                return None
            return other.resolve_any(ref.label)
        other = self if ref.proj == self.proj_ident else self.app_for_proj(ref.proj)
        if other is None:
            return None
        return other, other.project_model.page(ref.num)

    def url_for(self, value):
        """The URL of a page reference (number, ident, label or URL); '' when it names nothing."""
        if value in (None, ""):
            return ""
        ref = self.project_model.resolve(value)
        if ref is None:
            return ""
        if isinstance(ref, str):
            return ref
        if isinstance(ref, LabelRef):
            other = self.app_for_proj(ref.proj)
            if other is None:
                return self._library_fallback(ref.label)
            return other.url_for(ref.label)
        other = self if ref.proj == self.proj_ident else self.app_for_proj(ref.proj)
        if other is None:
            return ""
        item = other.project_model.item(ref.num)
        return item.url if item is not None else ""

    def label_url(self, name):
        """URL for a ``{name}`` in an attribute: a label, library file or ident; '' if none."""
        if name in self.project_model.labels or name.isdigit() or "," in name:
            return self.url_for(name)
        return self._library_fallback(name)

    def _library_fallback(self, label):
        from .skis import LIBRARY_FILES, library_url
        if label in LIBRARY_LABELS or label in LIBRARY_FILES:
            return library_url(self.root_app.lib_url, label)
        return ""

    def page_info(self, value):
        ref = self.resolve_any(value)
        if not isinstance(ref, tuple) or ref[1] is None:
            return None
        app, page = ref
        return (str(page.ident), page.name, page.brief)

    def responder_for(self, page):
        """The responder object of a RespondPage (made once per project generation)."""
        key = (page.number, self.project_model.generation)
        responder = self._responders.get(key)
        if responder is None:
            from .responders import responder_class
            try:
                cls = responder_class(page.settings.get("class", ""))
            except KeyError as exc:
                raise PageError(str(exc)) from None
            responder = cls(page)
            if len(self._responders) > 4096:
                self._responders.clear()
            self._responders[key] = responder
        return responder

    # ---- submitted fields and validators ------------------------------------------------------
    def _field_index(self, page):
        """For a caller page: form field name → (widgfield, field shape), and validators."""
        key = (page.number, self.project_model.generation)
        entry = self._validators.get(key)
        if entry is not None:
            return entry
        from .validators import validator_from_json
        names, validators = {}, {}
        if page.kind == "TemplatePage":
            plan = self.renderer.template_plan(page)
            widgets = plan.widgets
        else:
            widgets = {}
        for fullname, node in widgets.items():
            inst = node.inst
            alias, _, wname = fullname.rpartition("-") if node.alias else ("", "", fullname)
            for fname, fdef in inst.cls.field_table.items():
                submitted = inst.set_names.get(fname, fname)
                wf = (alias, wname, submitted) if alias else (wname, submitted)
                names[f"{fullname}:{submitted}"] = (wf, fdef.shape, fdef.senddict)
            for vfield, vlist in (inst.validators or {}).items():
                wf = (alias, wname, vfield) if alias else (wname, vfield)
                built = []
                for vjson in vlist or ():
                    try:
                        built.append(validator_from_json(vjson))
                    except (KeyError, TypeError, ValueError) as exc:
                        log.warning("page %s widget %s: validator ignored: %s", page.number, fullname, exc)
                if built:
                    validators[wf] = built
                names.setdefault(f"{fullname}:{vfield}", (wf, "arg", False))
        entry = (names, validators)
        if len(self._validators) > 4096:
            self._validators.clear()
        self._validators[key] = entry
        return entry

    def validators_of(self, page):
        return self._field_index(page)[1]

    def validator_context(self, call):
        from .validators import ValidatorContext

        app = self

        class _Ctx(ValidatorContext):
            def textblock(self, ref):
                return call.textblock(ref)

            def ident_exists(self, value):
                return app.resolve_any(value) not in (None,)

        return _Ctx()

    def map_fields(self, caller_page, form):
        """Map submitted ``(name, value)`` pairs to ``{widgfield: value}`` using the caller page.

        Names not on the caller page are dropped; text values are stripped of surrounding
        space; repeated names give lists; ``widget:field-key`` names of dict fields give dicts.
        """
        names, _validators = self._field_index(caller_page)
        out = {}
        for name, value in form:
            if isinstance(value, str):
                value = value.strip()
            entry = names.get(name) or self._copy_entry(names, name)
            if entry is None:
                base, dash, key = name.rpartition("-")
                dict_entry = names.get(base) if dash else None
                if dict_entry is not None and (dict_entry[1] == "dict" or dict_entry[2]):
                    out.setdefault(dict_entry[0], {})[key] = value
                continue
            wf, shape, _senddict = entry
            if wf in out:
                prev = out[wf]
                out[wf] = (prev if isinstance(prev, list) else [prev]) + [value]
            elif shape == "list":
                out[wf] = [value]
            else:
                out[wf] = value
        return out

    @staticmethod
    def _copy_entry(names, name):
        """A field of copy N of a multiplied section (``alias_N-widget:field``), mapped from the
        placeholder's own entry (``alias-widget:field``)."""
        m = _COPY_NAME.match(name)
        if m is None:
            return None
        entry = names.get(f"{m['alias']}-{m['rest']}")
        if entry is None:
            return None
        wf, shape, senddict = entry
        return ((f"{m['alias']}_{m['n']}",) + tuple(wf[1:]), shape, senddict)

    # ---- files ------------------------------------------------------------------------------------
    def safe_file(self, relpath):
        """The absolute path of a file under projectfiles, or None (no escape via .. or links)."""
        if not relpath or "\x00" in str(relpath):
            return None
        base = os.path.realpath(self.projectfiles)
        candidate = str(relpath)
        if os.path.isabs(candidate):
            target = os.path.realpath(candidate)
        else:
            target = os.path.realpath(os.path.join(base, candidate))
        if os.path.commonpath([base, target]) != base or not os.path.isfile(target):
            return None
        return target

    # ---- text, labels, paths --------------------------------------------------------------------
    def _textblock(self, textref, lang, proj_ident=None):
        app = self if not proj_ident or proj_ident == self.proj_ident else self.app_for_proj(proj_ident)
        if app is None:
            return None
        return app.accesstextblocks.get_text(textref, lang)

    def _label_value(self, label):
        target = self.project_model.labels.get(label)
        if target is None:
            return None
        ref = self.project_model.resolve(target)
        return tuple(ref) if isinstance(ref, (Ident, LabelRef)) else ref

    def _ident_from_path(self, path):
        path = "/" + str(path).lstrip("/")
        for app in sorted(self.root_app.all_apps(), key=lambda a: len(a.url), reverse=True):
            base = app.url.rstrip("/")
            if path == base or path.startswith(base + "/") or not base:
                page = app.project_model.page_at(path[len(base):])
                return page.ident if page is not None else None
        return None

    def _projectpaths(self):
        return {app.proj_ident: app.url for app in self.root_app.all_apps()}

    def _project_url(self, proj_ident):
        app = self.app_for_proj(proj_ident)
        return app.url if app else self.url

    # ---- request-level settings --------------------------------------------------------------------
    def debug_for(self, request):
        """Debug output is shown only when debug is on AND the request comes from loopback."""
        on = self.debug if self.debug is not None else _DEBUG_DEFAULT[0]
        return bool(on) and request.remote_addr in ("127.0.0.1", "::1")

    def request_language(self, request, app):
        """``(preferred, default)``: the language cookie, else Accept-Language, else the default."""
        default = app.project_model.default_language
        preferred = request.cookies.get("language") or next(iter(request.accept_language), "") or default
        return (preferred, default)

    def session_cookie_header(self, call, value):
        """The Set-Cookie header for an ``end_call`` session string (with safe flags)."""
        import http.cookies
        jar = http.cookies.SimpleCookie()
        jar[call.app.proj_ident] = value
        morsel = jar[call.app.proj_ident]
        morsel["path"] = call.app.url
        morsel["httponly"] = True
        morsel["samesite"] = "Lax"
        if call.is_https:
            morsel["secure"] = True
        return morsel.OutputString()

    def error_response(self, call, status, message):
        """A plain, safe error page (used when a project's own error page cannot be shown)."""
        title = esc(status)
        body = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>{title}</title></head><body><h1>{title}</h1><p>{esc(message)}</p></body></html>\n")
        return Response(body.encode("utf-8"), status, [("Cache-Control", "no-store")], "text/html; charset=utf-8")

    def __repr__(self):
        return f"<WSGIApplication {self.proj_ident} at {self.url}>"


_COPY_NAME = re.compile(r"^(?P<alias>[^-:]+)_(?P<n>\d+)-(?P<rest>.+)$")


def _norm_url(url):
    url = "/" + str(url or "/").strip().strip("/").lower()
    return url if url == "/" else url + "/" if not url.endswith("/") else url


__all__ += ["ValidateError", "FailPage"]
