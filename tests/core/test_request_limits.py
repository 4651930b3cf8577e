"""Request size limits: a body too large gives 413, a body that cannot be read gives 400."""

import urllib.parse

from projects import Client, Hooks, environ_for, call_app, form, make_app, responder, template, text_input

from skipole.request import DEFAULT_MAX_BODY


def build(tmp_path, **kw):
    hooks = Hooks()
    pages = {"form": template(2, form("f", "store", text_input("t")), title="form"),
             "store": responder(100, "StoreData", target=2, fields={"t:input_text": ""}),
             "api": responder(101, "Accept", target=2, submit_list=["api"])}
    app = make_app(tmp_path, pages=pages, **hooks.app_kwargs(), **kw)
    return Client(app), hooks


def test_a_body_over_the_default_limit_is_refused_with_413(tmp_path):
    client, hooks = build(tmp_path)
    big = "x" * (DEFAULT_MAX_BODY + 10)
    result = client.post("/store", client.with_token([("ident", "testproj_2"), ("t:input_text", big)]))
    assert result.status == "413 Payload Too Large"
    assert "text/html" in result.content_type and "413" in result.text
    assert hooks.submits == [] and not any(e["page_ident"] == ("testproj", 2) for e in hooks.ends)


def test_a_body_under_the_limit_is_accepted(tmp_path):
    client, hooks = build(tmp_path)
    value = "y" * 50_000
    result = client.submit("/store", {"t:input_text": value}, ident="testproj_2")
    assert result.code == 200
    assert hooks.last_end["call_data"] == {("t", "input_text"): value}


def test_the_limit_can_be_set_per_application(tmp_path):
    client, _hooks = build(tmp_path, max_body=200)
    result = client.submit("/store", {"t:input_text": "z" * 300}, ident="testproj_2")
    assert result.code == 413
    assert client.submit("/store", {"t:input_text": "small"}, ident="testproj_2").code == 200


def test_a_declared_length_over_the_limit_is_refused_before_reading(tmp_path):
    client, _hooks = build(tmp_path, max_body=200)
    environ = environ_for("POST", "/api", body=b"a=1", content_type="application/x-www-form-urlencoded",
                          cookies=client.cookies)
    environ["CONTENT_LENGTH"] = str(10_000_000)
    assert call_app(client.app, environ).code == 413


def test_an_upload_over_the_limit_is_refused(tmp_path):
    client, _hooks = build(tmp_path, max_body=200)
    token = client.with_token([])[0][1]
    boundary = "XyZ"
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n{token}\r\n',
             f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n'
             "Content-Type: application/octet-stream\r\n\r\n" + "A" * 20_000_000 + "\r\n",
             f"--{boundary}--\r\n"]
    body = "".join(parts).encode("latin-1")
    environ = environ_for("POST", "/api", body=body, content_type=f"multipart/form-data; boundary={boundary}",
                          cookies=client.cookies)
    assert call_app(client.app, environ).code == 413


def test_a_malformed_multipart_body_is_a_bad_request(tmp_path):
    client, _hooks = build(tmp_path)
    body = b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue-without-end"
    environ = environ_for("POST", "/api", body=body, content_type="multipart/form-data; boundary=XyZ",
                          cookies=client.cookies)
    result = call_app(client.app, environ)
    assert result.code == 400, result.status


def test_too_many_query_fields_give_an_error_page_not_an_exception(tmp_path):
    client, _hooks = build(tmp_path)
    query = urllib.parse.urlencode([(f"f{i}", "1") for i in range(1500)])
    environ = environ_for("GET", "/form", query=query)
    try:
        result = call_app(client.app, environ)
    except ValueError as exc:
        raise AssertionError(f"the application raised {exc!r} instead of answering (request.py parse_qsl "
                             "max_num_fields is not caught)") from None
    assert result.code in (400, 413)
