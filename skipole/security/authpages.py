"""The built-in login and logout endpoints at ``/auth/login`` and ``/auth/logout``.

``GET /auth/login?next=/path`` shows a phone-friendly login form (or, before any user
exists, how to create one); ``POST /auth/login`` checks it and returns to ``next`` (a local
path only); ``POST /auth/logout`` ends the session.  Projects may instead design their own
login page (label ``login``) whose form posts ``username``, ``password`` and ``next`` here.
"""

from ..render.html import esc
from ..response import Response
from . import refuse, safe_next

__all__ = ["handle", "login_page"]


def handle(security, request, action):
    if action == "login":
        if request.method == "GET" or request.method == "HEAD":
            return login_page(security, request)
        if request.method != "POST":
            return refuse("405 Method Not Allowed", "Use the login form.")
        return _post_login(security, request)
    if action == "logout":
        if request.method != "POST":
            return refuse("405 Method Not Allowed", "Log out with the page's logout button (a POST).")
        if not security.token_ok(request, _field(request, "csrf_token") or
                                 request.environ.get("HTTP_X_CSRF_TOKEN")):
            return refuse("403 Forbidden", "The security token is missing or out of date: reload the page.")
        headers = security.log_out(request)
        target = safe_next(_field(request, "next"), security.app.url)
        return Response(b"", "303 See Other", [("Location", target), ("Cache-Control", "no-store")] + headers)
    return refuse("404 Not Found", "No such page.")


def _field(request, name):
    for key, value in request.form():
        if key == name and isinstance(value, str):
            return value
    return ""


def _post_login(security, request):
    if not security.token_ok(request, _field(request, "csrf_token")):
        return refuse("403 Forbidden", "The login form is out of date: reload the page and try again.")
    ok, message, headers = security.log_in(request, _field(request, "username").strip(), _field(request, "password"))
    target = safe_next(_field(request, "next"), security.app.url)
    if not ok:
        status = "429 Too Many Requests" if message.startswith("Too many") else "200 OK"
        return login_page(security, request, message, status)
    return Response(b"", "303 See Other", [("Location", target), ("Cache-Control", "no-store")] + headers)


def login_page(security, request, message="", status="200 OK"):
    """The default login page."""
    nxt = safe_next(request.environ.get("skipole.next") or dict(request.query).get("next", ""), "/")
    token = security.token_for(request)
    lib = security.app.lib_url
    if not security.users.exists():
        notice = ('<p class="sk-notice">No user exists yet. On the server, set a password with '
                  "<code>sudo skipole passwd</code> (or <code>skipole passwd PROJECTDIR</code>), then reload this "
                  "page.</p>")
    else:
        notice = ""
    error = f'<p class="sk-error" role="alert">{esc(message)}</p>' if message else ""
    body = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="{esc(token)}"><link rel="icon" href="data:,">
<title>Log in</title><link rel="stylesheet" href="{esc(lib)}/css/skipole.css"></head>
<body><main class="sk-page sk-login"><h1>Log in</h1>{notice}{error}
<form method="post" action="/auth/login">
<label for="sk-username">User name</label>
<input id="sk-username" name="username" type="text" autocomplete="username" autocapitalize="none" required>
<label for="sk-password">Password</label>
<input id="sk-password" name="password" type="password" autocomplete="current-password" required>
<input type="hidden" name="next" value="{esc(nxt)}"><input name="csrf_token" value="{esc(token)}" type="hidden">
<button type="submit">Log in</button>
</form></main></body></html>
"""
    return Response(body.encode("utf-8"), status, [("Cache-Control", "no-store")], "text/html; charset=utf-8")
