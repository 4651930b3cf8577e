"""``AdminSite``: the skiadmin web application at ``/skiadmin``, one request at a time.

A request goes: static file? → logged in with the ``admin`` role? → a screen (GET) or an
action (POST, which must carry the CSRF token and the draft version it was made from).
Screens only read; every change is an action, and every action ends in a redirect back to
a screen (or in a page explaining why nothing was changed, giving the input back).
"""

import logging
import os
import re
import threading
from urllib.parse import quote

from ...request import BadRequest, RequestTooLarge
from ...response import Response
from ..edits import OPERATIONS
from ..errors import AdminError, Conflict, NotFound, PublishRefused
from . import html
from .forms import arguments, describe_pairs
from .html import esc, url

__all__ = ["AdminSite", "Visit", "BASE"]

log = logging.getLogger("skipole.admin.web")

BASE = html.BASE
STATIC_DIR = os.path.join(os.path.dirname(__file__), "static")
STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".svg": "image/svg+xml"}
MAX_FLASHES = 1000


class AdminSite:
    """The admin of the project that ``app`` serves: its store, screens, actions and preview.

    Called with a ``Request`` (after the root application's security checks) and returns a
    ``Response``; ``make_admin`` builds it and ``WSGIApplication._route`` calls it for
    ``/skiadmin`` and every path under it.
    """

    def __init__(self, app, projectdir, state_dir):
        from ..drafts import AdminStore
        from .preview import DraftPreview
        self.app = app
        self.projectdir = os.path.abspath(projectdir)
        self.store = AdminStore(self.projectdir, state_dir, on_publish=app.replace_project,
                                proj_ident=app.proj_ident)
        # opening the store finished or undid any publish a crash interrupted: serve what is
        # now in data/, whatever the application loaded before
        from ...project.loader import load_project_files
        app.replace_project(load_project_files(self.store.projectfiles, self.store.name, app.proj_ident))
        self.preview = DraftPreview(self)
        self._flashes = {}
        self._lock = threading.Lock()
        from .routes import ACTIONS, SCREENS
        self.screens = SCREENS
        self.actions = ACTIONS

    # ---- one request ----------------------------------------------------------------------------
    def __call__(self, request):
        sub = request.path[len(BASE):] or "/"
        if sub.startswith("/static/"):
            return self._static(sub[len("/static/"):])
        refused = self._refuse_unless_admin(request)
        if refused is not None:
            return refused
        visit = Visit(self, request, sub)
        try:
            return self._dispatch(visit, request.method, sub)
        except RequestTooLarge as exc:
            return visit.message_page("Too large", f"The form or file sent is too large ({exc}).",
                                      status="413 Payload Too Large")
        except BadRequest as exc:
            return visit.message_page("The form could not be read", str(exc), status="400 Bad Request")
        except NotFound as exc:
            return visit.message_page("Not found", str(exc), status="404 Not Found")
        except AdminError as exc:
            return visit.message_page("That cannot be shown", str(exc), status="400 Bad Request")

    def _dispatch(self, visit, method, sub):
        if sub.startswith("/preview/") or sub == "/preview":
            if method not in ("GET", "HEAD"):
                return visit.message_page("The preview only shows pages",
                                          "Forms and buttons in the preview do nothing: it is a picture of "
                                          "the draft. Change the page with the editor.",
                                          status="405 Method Not Allowed")
            return self.preview.serve(visit, sub[len("/preview"):] or "/")
        if method in ("GET", "HEAD"):
            screen = self.screens.get(sub.rstrip("/") or "/")
            if screen is None:
                if sub in self.actions:
                    return visit.message_page(
                        "Changes are made with buttons", "This address only takes a form sent by a button "
                        "of the admin (a POST): opening it changes nothing. Go back and use the button.",
                        status="405 Method Not Allowed", headers=[("Allow", "POST")])
                return visit.message_page("Not found", "The admin has no such screen.", status="404 Not Found")
            return screen(visit)
        if method == "POST":
            action = self.actions.get(sub)
            if action is None:
                if sub.rstrip("/") in self.screens:
                    return visit.message_page("Screens only show", "This screen changes nothing: use one of "
                                              "its buttons.", status="405 Method Not Allowed",
                                              headers=[("Allow", "GET")])
                return visit.message_page("Not found", "The admin has no such action.", status="404 Not Found")
            if not visit.csrf_ok():
                return visit.message_page(
                    "The form is out of date", "This change was not made: the form's security token is "
                    "missing or belongs to another session (for example after logging in again). Go back, "
                    "reload the screen and try again.", status="403 Forbidden")
            return action(visit)
        return visit.message_page("Not allowed", "The admin takes GET and POST only.",
                                  status="405 Method Not Allowed", headers=[("Allow", "GET, POST")])

    def _refuse_unless_admin(self, request):
        environ = request.environ
        user = environ.get("skipole.user")
        if environ.get("skipole.via_token"):
            return _plain_page("403 Forbidden", "The admin needs a browser login",
                               "API tokens cannot use skiadmin: log in with a user name and password.")
        if user is None:
            here = request.path
            query = environ.get("QUERY_STRING", "")
            if request.method in ("GET", "HEAD") and query:
                here += "?" + query
            if request.method not in ("GET", "HEAD"):
                here = BASE
            location = "/auth/login?next=" + quote(here, safe="/")
            return Response(b"", "303 See Other", [("Location", location), ("Cache-Control", "no-store")],
                            "text/html; charset=utf-8")
        if environ.get("skipole.role") != "admin":
            return _plain_page("403 Forbidden", "This needs the admin role",
                               f"You are logged in as {user}, who may not change the site. Ask the person who "
                               "set up this appliance to give you the admin role (on the server: skipole passwd "
                               "PROJECTDIR --user NAME --role admin), or log in as an administrator.",
                               logout=self.app.security.token_for(request))
        return None

    def _static(self, name):
        ext = os.path.splitext(name)[1]
        if "/" in name or name.startswith(".") or ext not in STATIC_TYPES:
            return _plain_page("404 Not Found", "Not found", "No such file.")
        try:
            with open(os.path.join(STATIC_DIR, name), "rb") as f:
                data = f.read()
        except OSError:
            return _plain_page("404 Not Found", "Not found", "No such file.")
        return Response(data, "200 OK", [("Cache-Control", "no-cache")], STATIC_TYPES[ext])

    # ---- messages carried to the next screen ------------------------------------------------------
    def flash(self, visit, text, level="done"):
        key = visit.environ.get("skipole.session") or visit.user
        with self._lock:
            if len(self._flashes) >= MAX_FLASHES:
                self._flashes.clear()
            self._flashes[key] = (level, text)

    def take_flash(self, visit):
        key = visit.environ.get("skipole.session") or visit.user
        with self._lock:
            return self._flashes.pop(key, None)


def _plain_page(status, title, message, logout=None):
    out = ""
    if logout:
        out = (f'<form method="post" action="/auth/logout"><input type="hidden" name="csrf_token" '
               f'value="{esc(logout)}"><input type="hidden" name="next" value="{BASE}">'
               '<button type="submit" class="sa-btn">Log out</button></form>')
    body = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{esc(title)}</title><link rel="stylesheet" href="{BASE}/static/admin.css"></head>'
            f'<body class="sa"><main class="sa-main"><section class="sa-card"><h1>{esc(title)}</h1>'
            f"<p>{esc(message)}</p>{out}</section></main></body></html>\n")
    return Response(body.encode("utf-8"), status, [("Cache-Control", "no-store")], "text/html; charset=utf-8")


class Visit:
    """One request to the admin: who asks, what they sent, and the helpers screens use."""

    def __init__(self, site, request, sub):
        self.site = site
        self.store = site.store
        self.app = site.app
        self.request = request
        self.environ = request.environ
        self.sub = sub
        self.user = self.environ.get("skipole.user")
        self.query = {}
        for k, v in request.query:
            self.query.setdefault(k, v)
        self.version = None
        self._status = None
        self._token = None
        self._form = None

    # ---- reading --------------------------------------------------------------------------------
    @property
    def token(self):
        if self._token is None:
            self._token = self.app.security.token_for(self.request)
        return self._token

    def q(self, query_name, /, **kwargs):
        """Run a store query; the first one fixes the version this screen's forms carry."""
        answer = self.store.query(query_name, **kwargs)
        if self.version is None:
            self.version = answer["version"]
        return answer["result"]

    @property
    def status(self):
        if self._status is None:
            self._status = self.store.status()
            if self.version is None:
                self.version = self._status["version"]
        return self._status

    def arg(self, name, default=""):
        return self.query.get(name, default)

    @property
    def form(self):
        """The submitted fields (body only for POST, so a query string cannot smuggle any in)."""
        if self._form is None:
            self._form = self.request.body_fields() if self.request.method == "POST" else list(self.request.query)
        return self._form

    def field(self, name, default=""):
        value = default
        for k, v in self.form:
            if k == name and isinstance(v, str):
                value = v
        return value

    def csrf_ok(self):
        token = self.field("csrf_token") or self.environ.get("HTTP_X_CSRF_TOKEN", "")
        return self.app.security.token_ok(self.request, token)

    # ---- writing ---------------------------------------------------------------------------------
    def action_form(self, op, inner, submit, *, back=None, cls="", confirm="", multipart=False, action="/apply",
                    button_cls="", version=None):
        """A form that runs edit operation ``op`` (POST, CSRF token, the draft version) and then
        returns to ``back`` (default: this screen)."""
        ver = self.version if version is None else version
        if ver is None:
            ver = self.status["version"]
        enctype = ' enctype="multipart/form-data"' if multipart else ""
        confirm_html = ""
        if confirm:
            confirm_html = html.checkbox("confirm", confirm, hidden_off=False, value="yes") + html.hidden(
                "need_confirm", "1")
        op_html = html.hidden("op", op) if op else ""
        return (f'<form method="post" action="{BASE}{action}"{enctype} class="sa-form {esc(cls)}">'
                f'{html.hidden("csrf_token", self.token)}{html.hidden("version", ver)}{op_html}'
                f'{html.hidden("back", back or self.here())}{inner}{confirm_html}'
                f'<button type="submit" class="sa-btn {esc(button_cls)}">{esc(submit)}</button></form>')

    def button(self, op, submit, back=None, button_cls="", confirm="", **args):
        """A one-button form: ``args`` are the operation's arguments (``TYPE:PATH`` names)."""
        inner = "".join(html.hidden(k, v) for k, v in args.items())
        return self.action_form(op, inner, submit, back=back, cls="" if confirm else "sa-inline",
                                button_cls=button_cls, confirm=confirm)

    def here(self):
        query = self.environ.get("QUERY_STRING", "")
        return BASE + self.sub + ("?" + query if query and self.request.method == "GET" else "")

    def redirect(self, location):
        return Response(b"", "303 See Other", [("Location", location), ("Cache-Control", "no-store")],
                        "text/html; charset=utf-8")

    def back_target(self, result=None, keep_placeholder=False):
        """Where an action returns to: the form's ``back`` (an admin path only), with ``{result}``
        replaced by what the operation returned (kept as it is with ``keep_placeholder``)."""
        back = self.field("back") or BASE
        if not back.startswith(BASE) or back.startswith("//") or "\\" in back or any(c in back for c in "\r\n\x00"):
            back = BASE
        back = back.replace("%7Bresult%7D", "{result}")
        if not keep_placeholder:
            # {s:name} stands for a submitted field (an operation that returns nothing)
            back = re.sub(r"\{([a-z]{1,3}:[A-Za-z_.]{1,60})\}", lambda m: quote(self.field(m.group(1)), safe=""), back)
        if "{result}" in back and not keep_placeholder:
            back = back.replace("{result}", quote(str(result), safe="") if isinstance(result, (str, int)) else "")
        return back

    def return_link(self):
        """Where a "go back" link of a refused change leads: the form's screen."""
        raw = self.back_target(keep_placeholder=True)
        if "{" not in raw:
            return raw
        referer = self.environ.get("HTTP_REFERER", "")
        path = "/" + referer.split("://", 1)[-1].partition("/")[2] if "://" in referer else ""
        return path if path.startswith(BASE + "/") and "\n" not in path else BASE

    # ---- pages -------------------------------------------------------------------------------------
    def page(self, title, body, *, crumbs=(), status="200 OK", headers=None, help_html=""):
        """The admin frame around ``body`` (HTML): header with the draft state, crumbs, flash."""
        from .frame import frame
        return Response(frame(self, title, body, crumbs, help_html).encode("utf-8"), status,
                        [("Cache-Control", "no-store")] + list(headers or []), "text/html; charset=utf-8")

    def message_page(self, title, message, *, status="200 OK", headers=None, extra=""):
        body = html.card(f"<p>{esc(message)}</p>{extra}<p>{html.button_link(BASE, 'Admin home')}</p>")
        return self.page(title, body, status=status, headers=headers)

    def hardware(self):
        return getattr(self.app, "hardware", None)


# ---- the actions every screen uses --------------------------------------------------------------

OP_DONE = {
    "create_folder": "Folder created", "create_page": "Page created", "delete_page": "Page deleted",
    "delete_folder": "Folder deleted", "copy_page": "Page copied", "insert_widget": "Widget added",
    "delete_element": "Deleted", "copy_to_clipboard": "Copied: paste it with a Paste button",
    "cut_to_clipboard": "Cut: paste it with a Paste button", "paste_from_clipboard": "Pasted",
    "set_widget_field": "Field saved", "bind_widget_field": "Field bound to the device",
    "unbind_widget_field": "Binding removed", "set_label": "Label saved", "set_textblock": "Text saved",
}


def apply_action(visit):
    """POST /skiadmin/apply: run one edit operation on the draft."""
    op = visit.field("op")
    if op not in OPERATIONS:
        return visit.message_page("Unknown change", f"The admin has no change called {op!r}.",
                                  status="400 Bad Request")
    if visit.field("need_confirm") and visit.field("confirm") != "yes":
        return refused_page(visit, AdminError("Tick the box to confirm, then press the button again."))
    try:
        kwargs = arguments(visit.form)
        done = visit.store.apply(op, visit.field("version"), by=visit.user, **kwargs)
    except Conflict as exc:
        return conflict_page(visit, exc)
    except AdminError as exc:
        return refused_page(visit, exc)
    visit.site.flash(visit, OP_DONE.get(op, op.replace("_", " ").capitalize() + ": done"))
    return visit.redirect(visit.back_target(done["result"]))


def _resubmit_form(visit, version, editable):
    """A form sending the refused submission again (values editable or as they were)."""
    pairs = describe_pairs(visit.form)
    inner = []
    multipart = False
    for label, shown, name, raw in pairs:
        if raw is None:
            multipart = True
            inner.append(html.field(label, f'<input type="file" name="{esc(name)}" required>',
                                    "Uploads cannot be kept: choose the file again."))
        elif not editable:
            inner.append(html.hidden(name, raw))
        elif name.startswith("b:"):
            inner.append(html.checkbox(name, label, checked=shown == "yes"))
        elif "\n" in raw or name.split(":")[0] in ("t", "l", "kv", "tab", "css", "j"):
            inner.append(html.textarea(name, label, raw, rows=min(12, raw.count("\n") + 3)))
        else:
            inner.append(html.text_input(name, label, raw))
    for name in ("op", "need_confirm"):
        if visit.field(name):
            inner.append(html.hidden(name, visit.field(name)))
    if visit.field("need_confirm"):
        inner.append(html.checkbox("confirm", "Yes, I mean it", hidden_off=False, value="yes"))
    action = visit.sub if visit.sub in visit.site.actions else "/apply"
    submit = "Apply my change to the current draft" if not editable else "Try again"
    enctype = ' enctype="multipart/form-data"' if multipart else ""
    return (f'<form method="post" action="{BASE}{esc(action)}"{enctype} class="sa-form">'
            f'{html.hidden("csrf_token", visit.token)}{html.hidden("version", version)}'
            f'{html.hidden("back", visit.back_target(keep_placeholder=True))}'
            + "".join(html.hidden(k, visit.field(k)) for k in ("entry", "note") if visit.field(k))
            + "".join(inner) + f'<button type="submit" class="sa-btn sa-primary">{esc(submit)}</button></form>')


def refused_page(visit, exc, status="400 Bad Request", title="Not changed"):
    """The change was refused: say why, and give the input back to correct and send again."""
    field = getattr(exc, "field", None)
    where = f" (the problem is with: {field.replace('_', ' ')})" if field and field not in ("arguments",) else ""
    body = html.card(html.notice(str(exc) + where, "error")
                     + "<p>Nothing was changed. Your input is below: correct it and try again, or go back.</p>"
                     + _resubmit_form(visit, visit.field("version"), editable=True)
                     + f'<p>{html.button_link(visit.return_link(), "Back to the screen (drop this change)")}</p>')
    return visit.page(title, body, status=status)


def conflict_page(visit, exc):
    """The draft changed since the form was loaded: show what happened and offer both ways on."""
    status = visit.store.status()
    current = status["version"]
    last = (status.get("draft") or {}).get("last_edit") or {}
    who = ""
    if last:
        by = last.get("by") or "someone"
        who = html.kv_list([("Last change", (last.get("op") or "").replace("_", " ")),
                            ("By", "you (in another tab or window)" if by == visit.user else by),
                            ("At (UTC)", last.get("time", ""))])
    pairs = describe_pairs(visit.form)
    mine = html.kv_list([(label, shown) for label, shown, _n, _r in pairs]) if pairs else "<p>(no values)</p>"
    op = visit.field("op") or visit.sub.strip("/")
    body = (html.card(
        f"<p>{esc(str(exc))}</p><p>The draft is now at version {esc(current)}; this screen was loaded "
        f"at version {esc(visit.field('version'))}. Someone else (or you, in another tab) changed it in "
        "between, so your change was <strong>not</strong> made. Nothing is lost: your change is below.</p>"
        + who, "Someone else changed the draft", cls="sa-warn")
        + html.card(f"<p>Change: <strong>{esc(op.replace('_', ' '))}</strong></p>{mine}"
                    "<p>Look at the screen again first if the other change may have moved things. Or apply "
                    "your change to the draft as it is now:</p>"
                    + _resubmit_form(visit, current, editable=False)
                    + f'<p>{html.button_link(visit.return_link(), "Open the screen again (fresh)")}</p>',
                    "Your change"))
    return visit.page("Someone else changed the draft", body, status="409 Conflict")


def url_for_item(item_row):
    """The admin screen of a site-tree row (folder or page)."""
    if item_row.get("kind") == "folder":
        return url("/folder", item=item_row["ident"])
    return url("/page", item=item_row["ident"])


__all__ += ["apply_action", "refused_page", "conflict_page", "url_for_item", "PublishRefused"]
