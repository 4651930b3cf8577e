"""Reading submitted fields: urlencoded bodies by the standard library, multipart by werkzeug."""

import io
import subprocess
import sys
import textwrap

import pytest
from projects import environ_for

from skipole.request import MAX_BODY_FIELDS, Request, RequestTooLarge, UploadedFile


def _request(body, content_type, query="", **extra):
    environ = environ_for("POST", "/", query=query, body=body, content_type=content_type)
    environ.update(extra)
    return Request(environ)


def test_an_urlencoded_body_keeps_order_repeats_blanks_and_unicode():
    body = "a=1&b=&a=2&name=Z%C3%BCrich+caf%C3%A9&plain=x+y%2Bz&empty".encode("ascii")
    request = _request(body, "application/x-www-form-urlencoded; charset=UTF-8", query="q=0")
    assert request.form() == [("q", "0"), ("a", "1"), ("b", ""), ("a", "2"), ("name", "Zürich café"),
                              ("plain", "x y+z"), ("empty", "")]
    assert request.body_fields() == request.form()[1:]


def test_bad_utf8_escapes_are_replaced_not_fatal():
    request = _request(b"a=%FF%FE&b=ok", "application/x-www-form-urlencoded")
    assert request.form() == [("a", "\ufffd\ufffd"), ("b", "ok")]


def test_a_chunked_body_without_a_length_is_read_to_its_end():
    environ = environ_for("POST", "/", content_type="application/x-www-form-urlencoded")
    environ.update({"wsgi.input": io.BytesIO(b"x=1&y=2"), "CONTENT_LENGTH": "",
                    "HTTP_TRANSFER_ENCODING": "chunked"})
    assert Request(environ).form() == [("x", "1"), ("y", "2")]


def test_a_chunked_body_over_the_limit_is_refused():
    environ = environ_for("POST", "/", content_type="application/x-www-form-urlencoded")
    environ.update({"wsgi.input": io.BytesIO(b"x=" + b"1" * 5000), "CONTENT_LENGTH": "",
                    "HTTP_TRANSFER_ENCODING": "chunked"})
    with pytest.raises(RequestTooLarge):
        Request(environ, max_body=1024).form()


def test_too_many_body_fields_are_refused():
    body = "&".join(f"f{i}=1" for i in range(MAX_BODY_FIELDS + 1)).encode("ascii")
    with pytest.raises(RequestTooLarge, match="fields"):
        _request(body, "application/x-www-form-urlencoded").form()


def test_other_body_types_carry_no_fields():
    assert _request(b'{"a": 1}', "application/json").form() == []
    assert _request(b"a=1", "text/plain").form() == []


def test_a_multipart_body_gives_fields_and_files():
    body = ('--B\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue\r\n'
            '--B\r\nContent-Disposition: form-data; name="f"; filename="n.txt"\r\n'
            'Content-Type: text/plain\r\n\r\nhello\r\n--B--\r\n').encode("ascii")
    fields = _request(body, "multipart/form-data; boundary=B").form()
    assert fields[0] == ("a", "value")
    name, upload = fields[1]
    assert name == "f" and isinstance(upload, UploadedFile)
    assert (upload.filename, upload.content_type, upload.data) == ("n.txt", "text/plain", b"hello")


def test_a_login_form_does_not_load_werkzeug():
    """The urlencoded path stays in the standard library: werkzeug costs megabytes of memory."""
    code = textwrap.dedent("""
        import io, sys
        from skipole.request import Request
        environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/", "QUERY_STRING": "",
                   "CONTENT_TYPE": "application/x-www-form-urlencoded", "CONTENT_LENGTH": "7",
                   "wsgi.input": io.BytesIO(b"a=1&b=2")}
        assert Request(environ).form() == [("a", "1"), ("b", "2")]
        print("werkzeug" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "False"
