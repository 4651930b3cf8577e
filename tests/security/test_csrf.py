"""CSRF: the original's forged GET that switched pi01's output is refused; real forms work."""

import io
import re

import pytest

from skipole import WSGIApplication, skis
from tests.conftest import LEGACY


@pytest.fixture
def pi01():
    if not LEGACY.exists():
        pytest.skip(f"{LEGACY} is not beside this checkout")
    submitted = []
    app = WSGIApplication(project="pi01", projectfiles=str(LEGACY), url="/",
                          submit_data=lambda sk: submitted.append(dict(sk.call_data)))
    app.add_project(skis.makeapp(), url="/lib")
    return app, submitted


def _call(app, path, method="GET", body=b"", cookie="", qs="", headers=None):
    env = {"REQUEST_METHOD": method, "PATH_INFO": path, "SERVER_NAME": "localhost", "SERVER_PORT": "80",
           "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body), "QUERY_STRING": qs,
           "HTTP_HOST": "localhost", "SERVER_PROTOCOL": "HTTP/1.1", "CONTENT_LENGTH": str(len(body)),
           "REMOTE_ADDR": "127.0.0.1", "CONTENT_TYPE": "application/x-www-form-urlencoded", "HTTP_COOKIE": cookie}
    env.update(headers or {})
    got = []
    out = b"".join(app(env, lambda s, h, e=None: got.append((s, h))))
    return got[0][0], dict(got[0][1]) | {"_cookies": [v for k, v in got[0][1] if k == "Set-Cookie"]}, out.decode()


def _session(app):
    status, headers, body = _call(app, "/control")
    assert status == "200 OK"
    cookie = next(c for c in headers["_cookies"] if c.startswith("skipole_csrf=")).split(";")[0]
    token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', body).group(1)
    meta = re.search(r'<meta name="csrf-token" content="([0-9a-f]+)"', body).group(1)
    assert token == meta
    return cookie, token


SET_ON = "ident=pi01_2003&output01:radio_checked=True"


def _switched(submitted):
    return [d for d in submitted if ("output01", "radio_checked") in d]


def test_forged_get_with_fields_is_refused(pi01):
    app, submitted = pi01
    status, _h, body = _call(app, "/outputs/set_output01", qs=SET_ON)
    assert status == "403 Forbidden"
    assert "security token" in body
    assert not _switched(submitted)


def test_cross_site_post_without_token_is_refused(pi01):
    app, submitted = pi01
    cookie, _token = _session(app)
    status, _h, _b = _call(app, "/outputs/set_output01", "POST", SET_ON.encode(), cookie=cookie)
    assert status == "403 Forbidden"
    assert not _switched(submitted)


def test_token_from_another_browser_is_refused(pi01):
    app, submitted = pi01
    cookie_a, _token_a = _session(app)
    _cookie_b, token_b = _session(app)
    status, _h, _b = _call(app, "/outputs/set_output01", "POST", f"{SET_ON}&csrf_token={token_b}".encode(),
                           cookie=cookie_a)
    assert status == "403 Forbidden"
    assert not _switched(submitted)


def test_form_post_with_its_token_works(pi01):
    app, submitted = pi01
    cookie, token = _session(app)
    status, _h, _b = _call(app, "/outputs/set_output01", "POST", f"{SET_ON}&csrf_token={token}".encode(),
                           cookie=cookie)
    assert status == "200 OK"
    assert _switched(submitted)


def test_header_token_works_for_json_calls(pi01):
    app, submitted = pi01
    cookie, token = _session(app)
    status, _h, _b = _call(app, "/outputs/set_output01_json", "POST", SET_ON.encode(), cookie=cookie,
                           headers={"HTTP_X_CSRF_TOKEN": token})
    assert status == "200 OK"
    assert _switched(submitted)


def test_plain_page_views_need_no_token(pi01):
    app, _submitted = pi01
    for path in ("/control", "/sensors", "/", "/sensors.json"):
        assert _call(app, path)[0] == "200 OK", path


def test_security_headers_and_cookie_flags(pi01):
    app, _submitted = pi01
    _status, headers, _body = _call(app, "/control")
    assert headers["X-Content-Type-Options"] == "nosniff"
    csrf_cookie = next(c for c in headers["_cookies"] if c.startswith("skipole_csrf="))
    assert "HttpOnly" in csrf_cookie and "SameSite=Lax" in csrf_cookie


def test_a_rendered_link_with_get_fields_carries_a_working_token(tmp_path):
    from tests.core.projects import Client, Hooks, make_app, responder, template, widget
    hooks = Hooks()
    link = widget("links.ButtonLink2", "go", link_ident=2, get_field1="42", button_text="Go")
    app = make_app(tmp_path, pages={"index": template(1, link),
                                    "act": responder(2, "SubmitData", target=1, submit_list=["act"])},
                   **hooks.app_kwargs())
    client = Client(app)
    page = client.get("/")
    href = re.search(r'href="(/act\?[^"]+)"', page.text).group(1).replace("&amp;", "&")
    assert "csrf_token=" + client.token in href
    followed = client.get(href)
    assert followed.code == 200
    assert hooks.submits[-1]["call_data"] == {} and hooks.submits[-1]["submit_list"] == ["act"]
    stripped = re.sub(r"&csrf_token=[0-9a-f]+", "", href)
    assert Client(app).get(stripped).code == 403          # the same link without the token
