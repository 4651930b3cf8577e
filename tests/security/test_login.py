"""Logins, sessions, access control, throttling, Host allowlist — through real WSGI calls."""

import subprocess
import sys

import pytest

from skipole import load_project
from skipole.security.throttle import LoginThrottle
from tests.conftest import REPO
from tests.core.projects import Client, folder, make_app, para, template

PASSWORD = "correct horse battery"


def _protected_app(tmp_path, **settings):
    """A project with a public home page, a login-only folder and an admin-only page."""
    private = folder(10, pages={"index": template(11, para("secret", "members only"), title="private"),
                                "admin": template(12, para("boss", "admins only"), title="admin")})
    private["access"] = {"login": True}
    private["pages"]["admin"]["access"] = {"login": True, "role": "admin"}
    make_app(tmp_path, pages={"index": template(1, para("hello", "public"))}, folders={"private": private})
    app = load_project(str(tmp_path / "projectfiles" / "testproj"), state_dir=str(tmp_path / "state"), environ={}, **settings)
    app.security.users.set_password("alice", PASSWORD, role="user")
    app.security.users.set_password("root", PASSWORD, role="admin")
    return app


def _login(client, user="alice", password=PASSWORD, nxt="/private"):
    client.prime("/auth/login")
    return client.post("/auth/login", {"username": user, "password": password, "next": nxt,
                                       "csrf_token": client.token})


def _session_cookie(client):
    return {k: v for k, v in client.cookies.items() if k.startswith("skipole_testproj")}


def test_login_required_page_redirects_to_login_and_back(tmp_path):
    client = Client(_protected_app(tmp_path))
    result = client.get("/private")
    assert result.code == 303
    assert result.header("Location") == "/auth/login?next=/private"
    assert "members only" not in result.text
    login = _login(client)
    assert login.code == 303 and login.header("Location") == "/private"
    page = client.get("/private")
    assert page.code == 200 and "members only" in page.text


def test_role_is_enforced(tmp_path):
    client = Client(_protected_app(tmp_path))
    _login(client)
    assert client.get("/private/admin").code == 403
    admin = Client(client.app)
    _login(admin, "root")
    assert "admins only" in admin.get("/private/admin").text


def test_wrong_password_is_refused_and_no_session_is_made(tmp_path):
    client = Client(_protected_app(tmp_path))
    result = _login(client, password="wrong password")
    assert result.code == 200 and "Wrong user name or password" in result.text
    assert not _session_cookie(client)
    assert client.get("/private").code == 303


def test_login_needs_the_csrf_token(tmp_path):
    client = Client(_protected_app(tmp_path))
    client.prime("/auth/login")
    result = client.post("/auth/login", {"username": "alice", "password": PASSWORD, "next": "/private"})
    assert result.code == 403
    assert not _session_cookie(client)


def test_next_must_be_a_local_path(tmp_path):
    for evil in ("https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"):
        client = Client(_protected_app(tmp_path / evil.replace("/", "_").replace(":", "_").replace("\\", "_")))
        result = _login(client, nxt=evil)
        assert result.code == 303
        assert result.header("Location") == "/", evil


def test_session_cookie_flags_and_name(tmp_path):
    client = Client(_protected_app(tmp_path))
    result = _login(client)
    cookie = next(v for k, v in result.set_cookies.items() if k.startswith("skipole_testproj"))
    assert cookie.split("=")[0] == "skipole_testproj_80"          # project and port in the name
    for flag in ("HttpOnly", "SameSite=Lax", "Path=/"):
        assert flag in cookie
    assert "Secure" not in cookie
    https = Client(client.app, scheme="https")
    cookie = next(v for k, v in _login(https).set_cookies.items() if k.startswith("skipole_testproj"))
    assert "Secure" in cookie


def test_session_fixation_is_impossible(tmp_path):
    app = _protected_app(tmp_path)
    attacker = Client(app)
    _login(attacker)
    planted = _session_cookie(attacker)
    victim = Client(app)
    victim.cookies.update(planted)                 # the attacker plants a known session id
    _login(victim, "root")
    assert _session_cookie(victim) != planted      # the id is rotated at login
    assert victim.get("/private/admin").code == 200
    # the planted session is ended, and the attacker never holds the victim's admin session
    assert attacker.get("/private/admin").code == 303


def test_logout_ends_the_session_and_is_post_only(tmp_path):
    client = Client(_protected_app(tmp_path))
    _login(client)
    client.get("/")                                # a page after login carries the renewed token
    old = dict(client.cookies)
    assert client.get("/auth/logout").code == 405
    result = client.post("/auth/logout", {"csrf_token": client.token})
    assert result.code == 303
    assert client.get("/private").code == 303
    replay = Client(client.app)
    replay.cookies.update(old)
    assert replay.get("/private").code == 303      # the old id is revoked server-side


def test_password_change_revokes_other_sessions(tmp_path):
    app = _protected_app(tmp_path)
    phone, laptop = Client(app), Client(app)
    _login(phone)
    _login(laptop)
    from tests.core.projects import environ_for
    request_environ = environ_for("POST", "/x")
    from skipole.request import Request
    request = Request(request_environ)
    app.security.change_password(request, "alice", "a brand new password")
    assert phone.get("/private").code == 303
    assert laptop.get("/private").code == 303


def test_sessions_survive_a_restart(tmp_path):
    app = _protected_app(tmp_path)
    client = Client(app)
    _login(client)
    app.security.sessions.flush()
    again = load_project(str(tmp_path / "projectfiles" / "testproj"), state_dir=str(tmp_path / "state"), environ={})
    client.app = again
    assert client.get("/private").code == 200


def test_throttling_engages_and_recovers():
    now = [1000.0]
    throttle = LoginThrottle(clock=lambda: now[0])
    for _ in range(3):
        assert throttle.wait_time("10.0.0.9") == 0
        throttle.failed("10.0.0.9")
    assert throttle.wait_time("10.0.0.9") > 0
    assert throttle.wait_time("10.0.0.8") == 0          # another client is not locked out
    now[0] += 61
    assert throttle.wait_time("10.0.0.9") == 0
    for _ in range(2):
        throttle.failed("10.0.0.9")
    assert throttle.wait_time("10.0.0.9") > 60          # 5 in ten minutes
    now[0] += 3601
    assert throttle.wait_time("10.0.0.9") == 0          # no permanent ban


def test_throttled_login_answers_429_even_with_the_right_password(tmp_path):
    client = Client(_protected_app(tmp_path))
    for _ in range(3):
        _login(client, password="wrong password")
    result = _login(client)
    assert result.code == 429 and "Too many failed logins" in result.text
    assert not _session_cookie(client)


def test_trusted_proxy_gives_the_real_client(tmp_path):
    app = _protected_app(tmp_path, trusted_proxies=["127.0.0.1"])
    for n in range(3):
        c = Client(app)
        c.prime("/auth/login")
        c.post("/auth/login", {"username": "alice", "password": "bad password", "next": "/",
                               "csrf_token": c.token}, headers={"X-Forwarded-For": f"10.0.0.{n}"})
    ok = Client(app)
    ok.prime("/auth/login")
    result = ok.post("/auth/login", {"username": "alice", "password": PASSWORD, "next": "/",
                                     "csrf_token": ok.token}, headers={"X-Forwarded-For": "10.0.0.99"})
    assert result.code == 303                          # one attacker cannot lock everyone out


def test_foreign_host_is_refused(tmp_path):
    app = _protected_app(tmp_path)
    client = Client(app)
    assert client.get("/", headers={"Host": "evil.example"}).code == 400
    for good in ("localhost", "127.0.0.1:8000", "[::1]:8000", "192.168.1.20"):
        assert client.get("/", headers={"Host": good}).code == 200, good
    allowed = _protected_app(tmp_path / "b", allowed_hosts=["pi.example.org"])
    assert Client(allowed).get("/", headers={"Host": "pi.example.org"}).code == 200


def test_cross_origin_post_is_refused(tmp_path):
    client = Client(_protected_app(tmp_path))
    client.prime("/auth/login")
    result = client.post("/auth/login", {"username": "alice", "password": PASSWORD, "next": "/",
                                         "csrf_token": client.token}, headers={"Origin": "http://evil.example"})
    assert result.code == 403


def test_login_page_says_how_to_make_a_user_when_none_exists(tmp_path):
    make_app(tmp_path, pages={"index": template(1, para("hello", "public"))})
    app = load_project(str(tmp_path / "projectfiles" / "testproj"), state_dir=str(tmp_path / "state"), environ={})
    page = Client(app).get("/auth/login")
    assert page.code == 200 and "skipole passwd" in page.text


def test_skicall_user_is_the_logged_in_user(tmp_path):
    seen = []
    app = _protected_app(tmp_path)
    app.end_call = lambda ident, ptype, skicall: seen.append(skicall.user)
    client = Client(app)
    client.get("/")
    _login(client)
    client.get("/private")
    assert seen[0] is None and seen[-1] == "alice"


def test_passwd_command_round_trip(tmp_path):
    make_app(tmp_path, pages={"index": template(1, para("hello", "public"))})
    projectdir = tmp_path / "projectfiles" / "testproj"
    run = subprocess.run([sys.executable, "-m", "skipole", "passwd", str(projectdir)],
                         input="a long enough password\n", capture_output=True, text=True,
                         cwd=str(REPO), timeout=60)
    assert run.returncode == 0, run.stderr
    assert "created" in run.stdout and "admin" in run.stdout
    assert (projectdir / "state" / "users.json").stat().st_mode & 0o777 == 0o600
    assert "a long enough password" not in (projectdir / "state" / "users.json").read_text()
    app = load_project(str(projectdir), environ={})
    assert app.security.users.verify("admin", "a long enough password")
    assert app.security.users.role("admin") == "admin"
    short = subprocess.run([sys.executable, "-m", "skipole", "passwd", str(projectdir)], input="short\n",
                           capture_output=True, text=True, cwd=str(REPO), timeout=60)
    assert short.returncode == 1 and "at least" in short.stderr


@pytest.mark.parametrize("password", ["", "x" * 7])
def test_short_passwords_are_refused(tmp_path, password):
    app = _protected_app(tmp_path)
    from skipole.security.users import UserError
    with pytest.raises(UserError):
        app.security.users.set_password("bob", password)


def test_secure_cookie_behind_a_trusted_tls_proxy_only(tmp_path):
    app = _protected_app(tmp_path, trusted_proxies=["127.0.0.1"])
    client = Client(app)
    client.prime("/auth/login")
    result = client.post("/auth/login", {"username": "alice", "password": PASSWORD, "next": "/",
                                         "csrf_token": client.token}, headers={"X-Forwarded-Proto": "https"})
    cookie = next(v for k, v in result.set_cookies.items() if k.startswith("skipole_testproj"))
    assert "Secure" in cookie
    other = Client(_protected_app(tmp_path / "b"))           # no trusted proxy: the header is ignored
    other.prime("/auth/login")
    result = other.post("/auth/login", {"username": "alice", "password": PASSWORD, "next": "/",
                                        "csrf_token": other.token}, headers={"X-Forwarded-Proto": "https"})
    cookie = next(v for k, v in result.set_cookies.items() if k.startswith("skipole_testproj"))
    assert "Secure" not in cookie
