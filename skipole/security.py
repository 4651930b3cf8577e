"""Request security every application gets: CSRF tokens, response headers.

CSRF uses a signed double-submit token: a random ``skipole_csrf`` cookie (HttpOnly,
SameSite=Lax) is bound to the token put into every form, field-carrying link and page
(``<meta name="csrf-token">``); a request that submits widget fields to a responder, and any
POST made with cookies, must send the token back (form field ``csrf_token`` or header
``X-CSRF-Token``) or it is refused with 403 before any project code runs.
"""

import hashlib
import hmac
import secrets

from .response import Response

__all__ = ["Security", "CSRF_COOKIE"]

CSRF_COOKIE = "skipole_csrf"

_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "SAMEORIGIN"),
)


class Security:
    """The security checks of one root application."""

    def __init__(self, app):
        self.app = app

    # ---- tokens -------------------------------------------------------------------------------
    def _seed(self, request):
        seed = request.environ.get("skipole.csrf_seed")
        if seed is None:
            seed = request.cookies.get(CSRF_COOKIE, "")
            if not (16 <= len(seed) <= 64 and seed.replace("-", "").replace("_", "").isalnum()):
                seed = secrets.token_urlsafe(24)
                request.environ["skipole.csrf_new"] = seed
            request.environ["skipole.csrf_seed"] = seed
        return seed

    def token_for(self, request):
        """The CSRF token for this request's browser."""
        seed = self._seed(request)
        return hmac.new(self.app.secret_key, seed.encode(), hashlib.sha256).hexdigest()[:32]

    def csrf_token(self, call):
        return self.token_for(call.request)

    def token_ok(self, request, token):
        if not token or not request.cookies.get(CSRF_COOKIE):
            return False
        return hmac.compare_digest(self.token_for(request), str(token))

    # ---- hooks around the call -----------------------------------------------------------------
    def before(self, request):
        """Checks made before routing; returns a Response to refuse the request, else None."""
        return None

    def after(self, request, response):
        """Add the security headers and, when a token was issued, its cookie."""
        have = {k.lower() for k, _ in response.headers}
        for name, value in _HEADERS:
            if name.lower() not in have:
                response.headers.append((name, value))
        new = request.environ.get("skipole.csrf_new")
        if new:
            secure = "; Secure" if request.environ.get("wsgi.url_scheme") == "https" else ""
            response.headers.append(("Set-Cookie", f"{CSRF_COOKIE}={new}; Path=/; HttpOnly; SameSite=Lax{secure}"))
        return response


def refuse(status, message):
    body = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{status}</title></head>'
            f"<body><h1>{status}</h1><p>{message}</p></body></html>\n")
    return Response(body.encode("utf-8"), status, [("Cache-Control", "no-store")], "text/html; charset=utf-8")
