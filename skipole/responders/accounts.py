"""Responders for a project's own login and logout pages (our additions to the 5.x set).

A project can design its login page in skiadmin (for example a NamePasswd1 widget) and
point its form at a ``LogIn`` responder; ``LogOut`` ends the session.  Both accept POST only.
"""

from ..exceptions import ValidateError
from .base import Responder, widgfield_key

__all__ = ["LogIn", "LogOut"]


def _post_only(call):
    if call.request.method != "POST":
        raise ValidateError("This action needs a form post.", status="405 Method Not Allowed")


class LogIn(Responder):
    """Logs a user in from a submitted form, then goes to ``target_ident``.

    Fields map the widget fields holding the name and the password to ``username`` and
    ``password`` (e.g. ``{"login:username": "username", "login:password": "password"}``).
    A wrong password, or too many failures from one address, shows the message on
    ``fail_ident`` (the error goes to the password widget).  Only POST is accepted.
    """

    reads_fields = True

    def respond(self, call):
        _post_only(call)
        values = {}
        for raw_key, role in self.fields.items():
            values[role] = call.received.get(widgfield_key(raw_key), "")
        username = str(values.get("username", "")).strip()
        password = str(values.get("password", ""))
        security = call.root.security
        ok, message, headers = security.log_in(call.request, username, password)
        if not ok:
            pw_field = next((k for k, r in self.fields.items() if r == "password"), "")
            wf = widgfield_key(pw_field)
            widget = "-".join(wf[:-1]) if isinstance(wf, tuple) else ""
            call.add_error(message, widget=widget)
            if self.fail in (None, ""):
                raise ValidateError(message)
            return self.fail
        call.extra_headers.extend(headers)
        call.skicall.user = username
        return self.target


class LogOut(Responder):
    """Ends the session of the logged-in user and goes to ``target_ident``.  POST only."""

    def respond(self, call):
        _post_only(call)
        call.extra_headers.extend(call.root.security.log_out(call.request))
        call.skicall.user = None
        return self.target
