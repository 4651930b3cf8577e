"""Stage one of a call: reading the WSGI environ into a ``Request``.

The query string and urlencoded bodies (what a browser's form sends) are parsed with the
standard library; multipart bodies (file uploads) by werkzeug's form parser, the well-kept
replacement for the ``cgi`` module, imported only when such a body arrives (it costs a small
appliance several megabytes of memory).  A body is read only when a responder needs the
submitted fields, with a size limit: a larger body gives ``RequestTooLarge`` (413).
"""

import http.cookies
from urllib.parse import parse_qsl

__all__ = ["Request", "RequestTooLarge", "BadRequest"]

DEFAULT_MAX_BODY = 1024 * 1024          # 1 MiB of form data
DEFAULT_MAX_UPLOAD = 16 * 1024 * 1024   # 16 MiB for multipart uploads
MAX_QUERY_FIELDS = 1000
MAX_BODY_FIELDS = 10000
_URLENCODED = ("application/x-www-form-urlencoded", "application/x-url-encoded")


class RequestTooLarge(Exception):
    """Raised when a request body is larger than the application accepts (413)."""


class BadRequest(Exception):
    """Raised when a request body cannot be parsed (400)."""


class UploadedFile:
    """A file received in a multipart form: ``filename``, ``content_type`` and ``data`` (bytes)."""

    __slots__ = ("filename", "content_type", "data")

    def __init__(self, filename, content_type, data):
        self.filename = filename
        self.content_type = content_type
        self.data = data

    def __repr__(self):
        return f"<UploadedFile {self.filename!r} {len(self.data)} bytes>"


def _unquote_cookie(value):
    jar = http.cookies.SimpleCookie()
    try:
        jar.load(f"x={value}")
        return jar["x"].value
    except (http.cookies.CookieError, KeyError):
        return value[1:-1]


class Request:
    """The parts of a WSGI request skipole uses, parsed on demand."""

    __slots__ = ("environ", "method", "path", "query", "_form", "_cookies", "max_body", "max_upload",
                 "remote_addr", "problem")

    def __init__(self, environ, max_body=DEFAULT_MAX_BODY, max_upload=DEFAULT_MAX_UPLOAD):
        self.environ = environ
        self.method = environ.get("REQUEST_METHOD", "GET").upper()
        raw = environ.get("PATH_INFO", "") or "/"
        try:
            # WSGI gives latin-1 decoded bytes; URLs are UTF-8
            raw = raw.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
        self.path = raw
        self.problem = None
        try:
            self.query = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True,
                                   max_num_fields=MAX_QUERY_FIELDS)
        except ValueError:
            self.query = []
            self.problem = f"more than {MAX_QUERY_FIELDS} fields in the query string"
        self._form = None
        self._cookies = None
        self.max_body = max_body
        self.max_upload = max_upload
        self.remote_addr = environ.get("REMOTE_ADDR", "")

    @property
    def cookies(self):
        """Received cookies as a plain ``{name: value}`` dict (the first of a repeated name wins;
        malformed pairs are skipped; quoted values are unquoted)."""
        if self._cookies is None:
            found = {}
            for chunk in self.environ.get("HTTP_COOKIE", "").split(";"):
                name, eq, value = chunk.partition("=")
                name = name.strip()
                if not eq or not name or name in found:
                    continue
                value = value.strip()
                if len(value) >= 2 and value[0] == value[-1] == '"':
                    value = _unquote_cookie(value)
                found[name] = value
            self._cookies = found
        return self._cookies

    def content_length(self):
        try:
            return max(0, int(self.environ.get("CONTENT_LENGTH") or 0))
        except ValueError:
            return 0

    @property
    def has_body(self):
        return self.method not in ("GET", "HEAD") and (
            self.content_length() > 0 or "chunked" in self.environ.get("HTTP_TRANSFER_ENCODING", "").lower())

    def form(self):
        """Submitted fields: list of ``(name, value)`` from the query string then the body.

        File uploads appear as ``UploadedFile`` values.  Raises ``RequestTooLarge`` or
        ``BadRequest``.
        """
        if self._form is None:
            fields = list(self.query)
            if self.has_body:
                fields.extend(self._parse_body())
            self._form = fields
        return self._form

    def body_fields(self):
        """Fields from the body only (used where a query string must not count, e.g. CSRF)."""
        if not self.has_body:
            return []
        self.form()
        return self._form[len(self.query):]

    def _parse_body(self):
        mimetype = self.environ.get("CONTENT_TYPE", "").split(";", 1)[0].strip().lower()
        multipart = mimetype.startswith("multipart/")
        limit = self.max_upload if multipart else self.max_body
        if self.content_length() > limit:
            raise RequestTooLarge(f"request body over {limit} bytes")
        if mimetype in _URLENCODED:
            return self._parse_urlencoded(limit)
        if mimetype != "multipart/form-data":
            return []   # JSON bodies are read by the device API; other types carry no fields
        return self._parse_multipart(limit)

    def _read_limited(self, limit):
        stream = self.environ.get("wsgi.input")
        if stream is None:
            return b""
        length = self.content_length()
        # without a length (chunked) the server hands over a terminated stream: read to its end
        data = stream.read(length) if length else stream.read(limit + 1)
        if len(data) > limit:
            raise RequestTooLarge(f"request body over {limit} bytes")
        return data

    def _parse_urlencoded(self, limit):
        text = self._read_limited(limit).decode("utf-8", "replace")
        try:
            return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="replace",
                             max_num_fields=MAX_BODY_FIELDS)
        except ValueError:
            raise RequestTooLarge(f"more than {MAX_BODY_FIELDS} fields in the form") from None

    def _parse_multipart(self, limit):
        from werkzeug.exceptions import RequestEntityTooLarge
        from werkzeug.formparser import parse_form_data
        try:
            _stream, form, files = parse_form_data(self.environ, max_content_length=limit,
                                                   max_form_memory_size=limit, silent=False)
        except RequestEntityTooLarge:
            raise RequestTooLarge(f"request body over {limit} bytes") from None
        except ValueError as exc:
            raise BadRequest(f"the form data cannot be read: {exc}") from None
        out = list(form.items(multi=True))
        for name, storage in files.items(multi=True):
            data = storage.read(limit + 1)
            if len(data) > limit:
                raise RequestTooLarge(f"uploaded file over {limit} bytes")
            out.append((name, UploadedFile(storage.filename or "", storage.mimetype or "", data)))
        return out

    def json_body(self, limit=64 * 1024):
        """The body parsed as JSON (for the device API); raises BadRequest or RequestTooLarge."""
        import json
        length = self.content_length()
        if length > limit:
            raise RequestTooLarge(f"JSON body over {limit} bytes")
        data = self.environ["wsgi.input"].read(length) if length else b""
        try:
            return json.loads(data.decode("utf-8")) if data else None
        except (UnicodeDecodeError, ValueError) as exc:
            raise BadRequest(f"the JSON body cannot be read: {exc}") from None

    @property
    def accept_language(self):
        """Language codes from Accept-Language, best first (q-values honoured)."""
        entries = []
        for i, part in enumerate(self.environ.get("HTTP_ACCEPT_LANGUAGE", "").split(",")):
            code, _, params = part.strip().partition(";")
            code = code.strip()
            if not code or code == "*":
                continue
            q = 1.0
            if params.strip().startswith("q="):
                try:
                    q = float(params.strip()[2:])
                except ValueError:
                    q = 0.0
            entries.append((-q, i, code))
        return [code for _q, _i, code in sorted(entries)]
