"""Request security every application gets, before any project code runs.

- Host allowlist against DNS rebinding (``hosts.HostPolicy``), real client address behind
  trusted proxies.
- Sessions: a random server-side id in a cookie named for the project and port (HttpOnly,
  SameSite=Lax, path-scoped, Secure on HTTPS); ``environ["skipole.user"]`` and
  ``skicall.user`` carry the logged-in user.
- CSRF: a signed double-submit token (``skipole_csrf`` cookie + ``csrf_token`` field or
  ``X-CSRF-Token`` header) on every request that submits fields and every POST with cookies;
  an Origin/Referer check on POST.  Bearer-token API calls carry no cookies and are exempt.
- Access control from the project file (``"access": {"login": true, "role": "admin"}``).
- Login and logout at ``/auth/login`` and ``/auth/logout`` (POST only), throttled per client.
- Security headers, including a Content-Security-Policy our pages satisfy.
"""

import hashlib
import hmac
import logging
import secrets
from urllib.parse import urlsplit

from ..response import Response
from .hosts import HostPolicy, client_address
from .sessions import SessionStore
from .throttle import LoginThrottle
from .tokens import TokenStore
from .users import UserStore

__all__ = ["Security", "CSRF_COOKIE", "refuse", "safe_next"]

log = logging.getLogger("skipole.security")

CSRF_COOKIE = "skipole_csrf"
AUTH_PREFIX = "/auth/"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'self'; object-src 'none'")

_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "SAMEORIGIN"),
    ("Content-Security-Policy", CSP),
)


def refuse(status, message):
    """A plain, safe page refusing a request."""
    from ..render.html import esc
    body = (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(status)}</title></head><body><h1>{esc(status)}</h1><p>{esc(message)}</p></body></html>\n")
    return Response(body.encode("utf-8"), status, [("Cache-Control", "no-store")], "text/html; charset=utf-8")


def safe_next(value, default="/"):
    """A local path to return to after login; anything else (other sites, ``//x``) gives ``default``."""
    if not isinstance(value, str) or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    if any(c in value for c in "\r\n\x00") or urlsplit(value).netloc:
        return default
    return value


class Security:
    """The security state and checks of one root application."""

    def __init__(self, app):
        self.app = app
        self.hosts = HostPolicy(("*",))        # a bare WSGIApplication accepts any Host
        self.trusted_proxies = ()
        self.users = UserStore(None)
        self.sessions = SessionStore(None)
        self.tokens = TokenStore(None)
        self.throttle = LoginThrottle()
        self.csp = True
        self.on_login = []                      # callbacks(user, client) for event logs

    def configure(self, state_dir, allowed_hosts=("*",), trusted_proxies=()):
        """Keep users, sessions and tokens in ``state_dir``; set the Host and proxy policy."""
        self.users = UserStore(state_dir)
        self.sessions = SessionStore(state_dir)
        self.tokens = TokenStore(state_dir)
        self.hosts = HostPolicy(tuple(allowed_hosts))
        self.trusted_proxies = tuple(trusted_proxies)

    # ---- cookies ------------------------------------------------------------------------------
    def session_cookie_name(self, environ):
        port = environ.get("SERVER_PORT", "")
        return f"skipole_{self.app.proj_ident}_{port}" if port else f"skipole_{self.app.proj_ident}"

    def _cookie(self, environ, name, value, max_age=None, path=None):
        parts = [f"{name}={value}", f"Path={path or self.app.url}", "HttpOnly", "SameSite=Lax"]
        if max_age is not None:
            parts.append(f"Max-Age={max_age}")
        if environ.get("wsgi.url_scheme") == "https":
            parts.append("Secure")
        return ("Set-Cookie", "; ".join(parts))

    # ---- CSRF tokens ----------------------------------------------------------------------------
    def _seed(self, request):
        seed = request.environ.get("skipole.csrf_seed")
        if seed is None:
            seed = request.cookies.get(CSRF_COOKIE, "")
            if not (16 <= len(seed) <= 64 and seed.replace("-", "").replace("_", "").isalnum()):
                seed = secrets.token_urlsafe(24)
                request.environ["skipole.csrf_new"] = seed
            request.environ["skipole.csrf_seed"] = seed
        return seed

    def _raw_token(self, request):
        seed = self._seed(request)
        return hmac.new(self.app.secret_key, seed.encode(), hashlib.sha256).digest()[:16]

    def token_for(self, request):
        """The CSRF token for this request's browser, masked afresh on every call.

        The token is ``mask + (mask XOR secret)`` in hex: each page carries different bytes for
        the same secret, so a compressed page leaks nothing about it (BREACH).
        """
        raw = self._raw_token(request)
        mask = secrets.token_bytes(len(raw))
        return mask.hex() + bytes(a ^ b for a, b in zip(mask, raw, strict=True)).hex()

    def csrf_token(self, call):
        return self.token_for(call.request)

    def token_ok(self, request, token):
        """True when ``token`` (masked, as pages carry it, or bare) is this browser's token."""
        if not token or not request.cookies.get(CSRF_COOKIE):
            return False
        try:
            sent = bytes.fromhex(str(token))
        except ValueError:
            return False
        raw = self._raw_token(request)
        if len(sent) == 2 * len(raw):
            sent = bytes(a ^ b for a, b in zip(sent[:len(raw)], sent[len(raw):], strict=True))
        return hmac.compare_digest(raw, sent)

    def _renew_csrf(self, request):
        request.environ.pop("skipole.csrf_seed", None)
        seed = secrets.token_urlsafe(24)
        request.environ["skipole.csrf_new"] = seed
        request.environ["skipole.csrf_seed"] = seed

    # ---- before and after the call --------------------------------------------------------------
    def before(self, request):
        """Checks made before routing; returns a Response to answer instead, else None."""
        environ = request.environ
        request.remote_addr = client_address(environ, self.trusted_proxies)
        if environ.get("REMOTE_ADDR") in self.trusted_proxies:
            proto = environ.get("HTTP_X_FORWARDED_PROTO", "").split(",")[-1].strip().lower()
            if proto in ("http", "https"):
                environ["wsgi.url_scheme"] = proto       # cookies get Secure behind a TLS proxy
        host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")
        if not self.hosts.allowed(host):
            log.warning("refused Host %r from %s", host, request.remote_addr)
            return refuse("400 Bad Request", "This server does not answer to that host name. "
                                             "Add it to allowed_hosts in the configuration if it is yours.")
        bearer = environ.get("HTTP_AUTHORIZATION", "")
        if bearer[:7].lower() == "bearer ":
            found = self.tokens.check(bearer[7:].strip())
            if found is None:
                return refuse("401 Unauthorized", "The API token is not valid.")
            environ["skipole.user"] = f"token:{found[0]}"
            environ["skipole.role"] = found[1]
            environ["skipole.via_token"] = True
        else:
            session_id = request.cookies.get(self.session_cookie_name(environ))
            user = self.sessions.user(session_id) if session_id else None
            if user is not None:
                environ["skipole.user"] = user
                environ["skipole.role"] = self.users.role(user) or "user"
                environ["skipole.session"] = session_id
        if request.method not in ("GET", "HEAD", "OPTIONS") and not environ.get("skipole.via_token"):
            if not self._same_origin(environ, host):
                return refuse("403 Forbidden", "This request came from another site.")
        path = "/" + request.path.lstrip("/")
        if path.startswith(AUTH_PREFIX):
            from .authpages import handle
            return handle(self, request, path[len(AUTH_PREFIX):])
        return None

    @staticmethod
    def _same_origin(environ, host):
        origin = environ.get("HTTP_ORIGIN") or ""
        if origin and origin != "null":
            return urlsplit(origin).netloc.lower() == host.lower()
        referer = environ.get("HTTP_REFERER") or ""
        if referer:
            return urlsplit(referer).netloc.lower() == host.lower()
        return True      # neither header: old clients and scripts; the CSRF token still applies

    def after(self, request, response):
        """Add the security headers and, when a token was issued, its cookie."""
        have = {k.lower() for k, _ in response.headers}
        for name, value in _HEADERS:
            if name.lower() not in have and (self.csp or name != "Content-Security-Policy"):
                response.headers.append((name, value))
        new = request.environ.get("skipole.csrf_new")
        if new:
            response.headers.append(self._cookie(request.environ, CSRF_COOKIE, new, path="/"))
        return response

    # ---- access control -------------------------------------------------------------------------
    def check_access(self, call, page):
        """None when the call may see ``page``; else a redirect to the login page or a 403."""
        access = page.access
        if not access or not access.get("login"):
            return None
        environ = call.request.environ
        user = environ.get("skipole.user")
        if user is None:
            return self.login_redirect(call)
        role = access.get("role")
        if role and environ.get("skipole.role") != role and environ.get("skipole.role") != "admin":
            return refuse("403 Forbidden", f"This page needs the {role} role.")
        return None

    def login_url(self, call=None):
        if call is not None:
            url = call.app.url_for("login") if "login" in call.app.project_model.labels else ""
            if url:
                return url
        return AUTH_PREFIX + "login"

    def login_redirect(self, call):
        from urllib.parse import quote
        here = call.request.path
        query = call.request.environ.get("QUERY_STRING", "")
        if query and call.request.method == "GET" and "csrf_token" not in query:
            here += "?" + query
        location = f"{self.login_url(call)}?next={quote(safe_next(here), safe='/')}"
        return Response(b"", "303 See Other", [("Location", location), ("Cache-Control", "no-store")],
                        "text/html; charset=utf-8")

    # ---- logging in and out -------------------------------------------------------------------
    def log_in(self, request, username, password):
        """Check a login; returns ``(ok, message, headers)``: headers set the new session cookie."""
        client = request.remote_addr
        wait = self.throttle.wait_time(client)
        if wait > 0:
            return False, f"Too many failed logins: try again in {int(wait) + 1} seconds.", []
        if not self.users.exists():
            return False, "No user exists yet. On the server, run: sudo skipole passwd", []
        if not self.users.verify(username or "", password or ""):
            self.throttle.failed(client)
            log.warning("failed login for %r from %s", username, client)
            return False, "Wrong user name or password.", []
        self.throttle.succeeded(client)
        environ = request.environ
        old = environ.get("skipole.session")
        if old:
            self.sessions.revoke(old)
        session_id = self.sessions.create(username)           # a new id: no session fixation
        environ["skipole.user"] = username
        environ["skipole.role"] = self.users.role(username)
        environ["skipole.session"] = session_id
        self._renew_csrf(request)
        for callback in self.on_login:
            callback(username, client)
        log.info("login of %r from %s", username, client)
        return True, "", [self._cookie(environ, self.session_cookie_name(environ), session_id, path="/")]

    def log_out(self, request):
        environ = request.environ
        session_id = environ.pop("skipole.session", None)
        if session_id:
            self.sessions.revoke(session_id)
        environ.pop("skipole.user", None)
        self._renew_csrf(request)
        return [self._cookie(environ, self.session_cookie_name(environ), "", max_age=0, path="/")]

    def change_password(self, request, username, new_password):
        """Set a new password and end every other session of that user."""
        self.users.set_password(username, new_password)
        self.sessions.revoke_user(username, keep=request.environ.get("skipole.session"))
