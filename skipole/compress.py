"""Gzip for the pages a call renders, when the browser accepts it.

Library files are compressed once and cached (``pages.GzipCache``); the pages and JSON answers
a call produces change per request, so they are compressed on the way out, here.  A phone on
Wi-Fi waits on bytes far longer than the few hundred microseconds a level-6 deflate of a page
costs.  Secrets in compressed pages are exposed to BREACH-style guessing only when they stay the
same from response to response: the CSRF token is masked afresh in every page
(``security.Security.token_for``), and the session cookie never appears in a body.
"""

import zlib

__all__ = ["compress_response", "accepts_gzip", "MIN_SIZE"]

#: bodies smaller than this go as they are: one packet either way
MIN_SIZE = 1024
_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml", "application/xml")
_NO_BODY = ("204", "206", "304")


def accepts_gzip(header):
    """True when an ``Accept-Encoding`` header allows gzip (``gzip`` or ``*`` with q > 0)."""
    if not header:
        return False
    star = None
    for item in header.lower().split(","):
        coding, _, params = item.strip().partition(";")
        coding = coding.strip()
        if coding not in ("gzip", "x-gzip", "*"):
            continue
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if coding == "*":
            star = q > 0
        else:
            return q > 0
    return bool(star)


def compress_response(response, environ, level=6):
    """Gzip ``response``'s body in place when it is worth it and the client accepts it.

    Only whole bodies (bytes) of text-like types are compressed; responses that already carry
    a ``Content-Encoding``, a ``Content-Range`` or an ``ETag`` (a file served with validation,
    compressed by its own cache) are left alone.  ``Vary: Accept-Encoding`` is added to every
    compressible response so a cache between us and the browser keeps both forms apart.
    """
    body = response.body
    if not isinstance(body, bytes) or response.status[:3] in _NO_BODY:
        return response
    ctype = ""
    vary = None
    for name, value in response.headers:
        lname = name.lower()
        if lname == "content-type":
            ctype = value.lower()
        elif lname in ("content-encoding", "content-range", "etag"):
            return response
        elif lname == "vary":
            vary = value
    if not ctype.startswith(_TYPES):
        return response
    if vary is None:
        response.headers.append(("Vary", "Accept-Encoding"))
    elif "accept-encoding" not in vary.lower() and vary.strip() != "*":
        response.set_header("Vary", f"{vary}, Accept-Encoding")
    if len(body) < MIN_SIZE or not accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING")):
        return response
    packer = zlib.compressobj(level, zlib.DEFLATED, 31)      # 31: a gzip header and trailer
    data = packer.compress(body) + packer.flush()
    if len(data) >= len(body):
        return response
    response.body = data
    response.headers.append(("Content-Encoding", "gzip"))
    if response.header("Content-Length") is not None:
        response.set_header("Content-Length", str(len(data)))
    return response
