"""The last stage of a call: a ``Response`` (status, headers, body) handed back to WSGI."""

__all__ = ["Response"]


class Response:
    """A finished response.  ``body`` is bytes or an iterable of bytes."""

    __slots__ = ("status", "headers", "body", "page_type")

    def __init__(self, body=b"", status="200 OK", headers=None, content_type=None, page_type=""):
        self.status = status
        self.headers = list(headers or [])
        if content_type and not any(k.lower() == "content-type" for k, _ in self.headers):
            self.headers.append(("Content-Type", content_type))
        self.body = body
        self.page_type = page_type

    @classmethod
    def text(cls, text, status="200 OK", content_type="text/plain; charset=utf-8", headers=None):
        return cls(text.encode("utf-8"), status, headers, content_type)

    def header(self, name):
        lname = name.lower()
        for k, v in self.headers:
            if k.lower() == lname:
                return v
        return None

    def set_header(self, name, value):
        lname = name.lower()
        self.headers = [(k, v) for k, v in self.headers if k.lower() != lname]
        self.headers.append((name, value))
