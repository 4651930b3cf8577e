"""The device API under ``/api/`` (CONTRACTS §7): read and set devices, and live updates.

| path | method | does |
|---|---|---|
| ``/api/devices`` | GET | every device: name, kind, value, unit, description, version |
| ``/api/devices/NAME`` | GET | one device |
| ``/api/devices/NAME`` | POST | set it: JSON ``{"value": ...}``, or a form post (``value``, ``next``) |
| ``/api/live?since=V&run=R`` | GET | changes after version V (long-poll, capped waiters) |
| ``/api/status`` | GET | backend, simulated, version |
| ``/api/simulator`` | GET | development with simulated pins only: a panel to flip inputs |
| ``/api/simulator/NAME`` | POST | the same: ``{"value": true}`` or a form post (``value``, ``next``) |

Every call needs a logged-in session or an API token (``Authorization: Bearer``); a POST with
a session also needs the CSRF token (``X-CSRF-Token`` header or ``csrf_token`` field).  A form
post answers 303 to ``next`` (a local path) — the no-JavaScript path of the Pi widgets.
"""

import json

from ..response import Response
from ..security import safe_next
from . import HardwareError

__all__ = ["handle", "LIVE_TIMEOUT"]

#: how long a live request waits for a change before answering "nothing new"
LIVE_TIMEOUT = 25.0


def _json(data, status="200 OK"):
    body = json.dumps(data, default=str).encode("utf-8")
    return Response(body, status, [("Cache-Control", "no-store")], "application/json")


def _error(status, message):
    return _json({"error": message}, status)


def handle(app, request, subpath, live_timeout=LIVE_TIMEOUT):
    """Answer one request for ``/api/SUBPATH`` of ``app`` (the root application)."""
    hardware = getattr(app, "hardware", None)
    environ = request.environ
    user = environ.get("skipole.user")
    if user is None:
        return _error("401 Unauthorized", "log in, or send an API token (Authorization: Bearer TOKEN)")
    if hardware is None:
        return _error("404 Not Found", "this project declares no devices")
    parts = [p for p in subpath.split("/") if p]
    try:
        if parts == ["devices"] and request.method in ("GET", "HEAD"):
            return _json({"devices": hardware.snapshot(), "version": hardware.version,
                          "run_id": hardware.run_id, "simulated": hardware.simulated})
        if len(parts) == 2 and parts[0] == "devices":
            name = parts[1]
            if request.method in ("GET", "HEAD"):
                return _json(hardware.state(name))
            if request.method == "POST":
                return _set(app, request, hardware, name, user)
            return _error("405 Method Not Allowed", "use GET or POST")
        if parts == ["live"] and request.method in ("GET", "HEAD"):
            query = dict(request.query)
            change = hardware.wait_for_change(query.get("since"), timeout=live_timeout, run_id=query.get("run"))
            return _json(change.as_dict())
        if parts == ["status"] and request.method in ("GET", "HEAD"):
            return _json(hardware.status())
        if parts[:1] == ["simulator"]:
            return _simulator(app, request, hardware, parts[1:])
    except HardwareError as exc:
        return _error(getattr(exc, "status", "400 Bad Request"), str(exc))
    return _error("404 Not Found", f"no API at /api/{subpath}")


def _set(app, request, hardware, name, user):
    environ = request.environ
    is_form = not environ.get("CONTENT_TYPE", "").lower().startswith("application/json")
    if is_form:
        fields = dict((k, v) for k, v in request.form() if isinstance(v, str))
        value = fields.get("value")
        token = environ.get("HTTP_X_CSRF_TOKEN") or fields.get("csrf_token")
    else:
        body = request.json_body()
        if not isinstance(body, dict) or "value" not in body:
            return _error("400 Bad Request", 'send JSON {"value": ...}')
        value = body["value"]
        token = environ.get("HTTP_X_CSRF_TOKEN")
    if not environ.get("skipole.via_token") and not app.security.token_ok(request, token):
        if is_form:
            return _form_error(app, fields, "403 Forbidden", "The page was out of date: go back, reload it and "
                                                             "try again.")
        return _error("403 Forbidden", "the CSRF token is missing or out of date: reload the page")
    by = user if user.startswith("token:") else f"user:{user}"
    try:
        state = hardware.set(name, value, by=by)
    except HardwareError as exc:
        if not is_form:
            raise
        return _form_error(app, fields, getattr(exc, "status", "400 Bad Request"), str(exc))
    if is_form:
        target = safe_next(fields.get("next"), app.url)
        return Response(b"", "303 See Other", [("Location", target), ("Cache-Control", "no-store")])
    return _json(state)


def _form_error(app, fields, status, message):
    """A form post (no JavaScript) that failed: a small page saying why, with a way back."""
    from ..render.html import esc
    back = safe_next(fields.get("next"), app.url)
    body = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>Not done</title>'
            f'<link rel="stylesheet" href="{esc(app.lib_url)}/css/skipole.css"></head>'
            f'<body><main class="sk-page"><h1>Not done</h1><p class="sk-error" role="alert">{esc(message)}</p>'
            f'<p><a href="{esc(back)}">Back</a></p></main></body></html>\n')
    return Response(body.encode("utf-8"), status, [("Cache-Control", "no-store")], "text/html; charset=utf-8")


def _simulator_allowed(app, hardware):
    settings = getattr(app, "settings", None)
    return hardware.simulated and bool(getattr(settings, "dev", False))


def _simulator(app, request, hardware, rest):
    """Development with simulated pins: flip inputs from a browser (or a benchmark)."""
    if not _simulator_allowed(app, hardware):
        return _error("404 Not Found", "the simulator exists only with simulated pins in development (--dev)")
    if not rest and request.method in ("GET", "HEAD"):
        return _simulator_page(app, request, hardware)
    if len(rest) != 1 or request.method != "POST":
        return _error("405 Method Not Allowed", "POST /api/simulator/NAME")
    environ = request.environ
    is_form = not environ.get("CONTENT_TYPE", "").lower().startswith("application/json")
    if is_form:
        fields = dict((k, v) for k, v in request.form() if isinstance(v, str))
        value, token = fields.get("value"), environ.get("HTTP_X_CSRF_TOKEN") or fields.get("csrf_token")
    else:
        body = request.json_body()
        if not isinstance(body, dict) or "value" not in body:
            return _error("400 Bad Request", 'send JSON {"value": true|false}')
        value, token = body["value"], environ.get("HTTP_X_CSRF_TOKEN")
    if not environ.get("skipole.via_token") and not app.security.token_ok(request, token):
        return _error("403 Forbidden", "the CSRF token is missing or out of date: reload the page")
    active = value if isinstance(value, bool) else str(value).strip().lower() in ("1", "true", "on", "yes")
    state = hardware.simulate_input(rest[0], active)
    if is_form:
        return Response(b"", "303 See Other", [("Location", safe_next(fields.get("next"), "/api/simulator")),
                                               ("Cache-Control", "no-store")])
    return _json(state)


def _simulator_page(app, request, hardware):
    from ..render.html import esc
    token = app.security.token_for(request)
    rows = []
    for state in hardware.snapshot():
        if state["kind"] != "input":
            continue
        name = esc(state["name"])
        now = "active" if state["value"] else "inactive"
        buttons = "".join(
            f'<form method="post" action="/api/simulator/{name}"><input type="hidden" name="value" value="{v}">'
            f'<input type="hidden" name="next" value="/api/simulator">'
            f'<input type="hidden" name="csrf_token" value="{esc(token)}"><button type="submit">{label}</button></form>'
            for v, label in (("true", "Activate"), ("false", "Release")))
        rows.append(f"<li><strong>{name}</strong> ({esc(state['description'])}): <span>{now}</span>{buttons}</li>")
    body = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="csrf-token" content="{esc(token)}"><title>Pin simulator</title>'
            f'<link rel="stylesheet" href="{esc(app.lib_url)}/css/skipole.css"></head>'
            f'<body><main class="sk-page"><h1>Pin simulator</h1>'
            f'<p class="sk-notice">Simulated pins: these buttons act like a person pressing the inputs.</p>'
            f'<ul class="sk-simulator">{"".join(rows) or "<li>This project declares no inputs.</li>"}</ul>'
            f"</main></body></html>\n")
    return Response(body.encode("utf-8"), "200 OK", [("Cache-Control", "no-store")], "text/html; charset=utf-8")
