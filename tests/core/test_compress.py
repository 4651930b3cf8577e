"""Rendered pages go gzipped to browsers that accept it; the CSRF token is masked per response."""

import gzip
import json

import pytest

from skipole.compress import MIN_SIZE, accepts_gzip

from projects import Client, css_page, json_page, make_app, para, template, without_tokens

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.mark.parametrize("header, accepted", [
    ("gzip", True), ("gzip, deflate, br", True), ("br;q=1.0, gzip;q=0.8", True), ("x-gzip", True),
    ("*", True), ("GZIP", True), ("identity", False), ("", False), (None, False), ("gzip;q=0", False),
    ("gzip;q=0.0, *", False), ("*;q=0", False), ("deflate, *;q=0.1", True), ("gzip;q=bad", False),
])
def test_accept_encoding_is_read_with_its_q_values(header, accepted):
    assert accepts_gzip(header) is accepted


def _app(tmp_path, **kw):
    long_text = " ".join(f"word{i}" for i in range(600))      # well over MIN_SIZE
    pages = {"index": template(1, para("long", long_text)),
             "small": json_page(2, {"a": 1}),
             "big.json": json_page(3, {f"key{i}": "value " * 5 for i in range(200)}),
             "site.css": css_page(4, {f".rule{i}": [["color", "red"], ["margin", "0"]] for i in range(100)})}
    return make_app(tmp_path, pages=pages, **kw)


def test_a_page_is_gzipped_for_a_browser_that_accepts_it(tmp_path):
    client = Client(_app(tmp_path))
    plain = client.get("/")
    packed = client.get("/", headers=GZIP)
    assert plain.code == packed.code == 200
    assert plain.header("Content-Encoding") is None
    assert packed.header("Content-Encoding") == "gzip"
    assert "Accept-Encoding" in plain.header("Vary") and "Accept-Encoding" in packed.header("Vary")
    text = gzip.decompress(packed.body).decode("utf-8")
    assert without_tokens(text) == without_tokens(plain.text)
    assert len(packed.body) < len(plain.body) / 3


def test_json_and_css_pages_are_gzipped_small_ones_are_not(tmp_path):
    client = Client(_app(tmp_path))
    big = client.get("/big.json", headers=GZIP)
    assert big.header("Content-Encoding") == "gzip"
    assert json.loads(gzip.decompress(big.body))["key7"] == "value " * 5
    css = client.get("/site.css", headers=GZIP)
    assert css.header("Content-Encoding") == "gzip"
    assert b".rule99 {" in gzip.decompress(css.body)
    small = client.get("/small", headers=GZIP)
    assert len(small.body) < MIN_SIZE and small.header("Content-Encoding") is None
    assert small.json()["a"] == 1


def test_refused_gzip_and_the_setting_off_send_identity(tmp_path):
    app = _app(tmp_path)
    client = Client(app)
    assert client.get("/", headers={"Accept-Encoding": "gzip;q=0, identity"}).header("Content-Encoding") is None
    app.compress = False
    result = client.get("/", headers=GZIP)
    assert result.header("Content-Encoding") is None and "word599" in result.text


def test_head_reports_the_same_encoding_as_get(tmp_path):
    client = Client(_app(tmp_path))
    head = client.request("HEAD", "/", headers=GZIP)
    assert head.body == b"" and head.header("Content-Encoding") == "gzip"


def test_library_files_keep_their_cached_gzip_and_validators(tmp_path):
    from skipole import skis
    app = _app(tmp_path)
    app.add_project(skis.makeapp(), url="/lib")
    client = Client(app)
    first = client.get("/lib/skipole.js", headers=GZIP)
    assert first.header("Content-Encoding") == "gzip" and first.header("ETag")
    assert gzip.decompress(first.body).startswith(b"/*") or b"skipole" in gzip.decompress(first.body)
    again = client.get("/lib/skipole.js", headers={**GZIP, "If-None-Match": first.header("ETag")})
    assert again.code == 304 and again.header("Content-Encoding") is None


def test_the_csrf_token_differs_in_every_page_and_each_is_accepted(tmp_path):
    app = _app(tmp_path)
    client = Client(app)
    tokens = {client.get("/").csrf_token for _ in range(5)}
    assert len(tokens) == 5 and all(len(t) == 64 for t in tokens)
    security = app.security
    request = _request_with_cookie(client)
    for token in tokens:
        assert security.token_ok(request, token)
    raw = security._raw_token(request).hex()
    assert security.token_ok(request, raw)                    # the bare form is accepted too
    forged = next(iter(tokens))
    forged = forged[:-1] + ("0" if forged[-1] != "0" else "1")
    assert not security.token_ok(request, forged)
    assert not security.token_ok(request, "zz" * 32)
    assert not security.token_ok(request, raw[:-2])


def _request_with_cookie(client):
    from skipole.request import Request

    from projects import environ_for
    return Request(environ_for("GET", "/", cookies=dict(client.cookies)))
