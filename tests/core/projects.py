"""Small skipole projects built in a pytest ``tmp_path``, and a WSGI client to call them.

``make_app`` writes ``PROJECTFILES/NAME/data/project.json`` (plus TextBlocks and static files)
and returns the ``WSGIApplication``.  Every project gets a restricted ``system`` folder with
its own ``validate_error``, ``server_error`` and ``url_not_found`` templates (each showing the
message in a ``top_error`` widget) and a ``general_json`` page, so that tests can read the
error pages' content.  ``Client`` calls an application the way a browser would: it keeps
cookies, reads the CSRF token from a page and sends it back with every submission.
"""

import gzip
import io
import json
import re
import urllib.parse

from skipole import WSGIApplication

PROJECT = "testproj"

# ---- tree elements ---------------------------------------------------------------------------


def text(tag, content, **attribs):
    """A ``<tag>`` Part holding raw text."""
    return ["Part", {"tag_name": tag, "brief": "", "show": True, "hide_if_empty": False,
                     "attribs": attribs, "parts": [["Text", content]]}]


def widget(cls, name="", containers=None, validators=None, set_names=None, closed=False, **fields):
    """A ``[Widget, {...}]`` element of class ``module.Class`` with ``fields``."""
    body = {"class": cls, "name": name, "brief": "", "fields": fields}
    for i, parts in enumerate(containers or ()):
        body[f"container_{i}"] = list(parts)
    if validators:
        body["validators"] = validators
    if set_names:
        body["set_names"] = set_names
    return ["ClosedWidget" if closed else "Widget", body]


def para(name, para_text=""):
    """A named ``paras.ParaText``."""
    return widget("paras.ParaText", name, para_text=para_text)


def divpara(name, para_text=""):
    """A named ``paras.DivPara``: it shows an error given to it."""
    return widget("paras.DivPara", name, para_text=para_text)


def error_para(name="top_error"):
    """An ``error_messages.ErrorPara``: hidden until it receives an error."""
    return widget("error_messages.ErrorPara", name)


def text_input(name, value=""):
    """A ``inputtext.TextInput1`` (submitted as ``name:input_text``)."""
    return widget("inputtext.TextInput1", name, closed=True, input_text=value)


def form(name, action, *inputs, **fields):
    """An ``inputforms.Form1`` posting ``inputs`` to ``action`` (with ident and CSRF inputs)."""
    return widget("inputforms.Form1", name, containers=[list(inputs)], action=action, **fields)


def textblock(textref, failmessage="", **more):
    return ["TextBlock", {"textref": textref, "failmessage": failmessage, "escape": True,
                          "linebreaks": True, "show": True, **more}]


def placeholder(section_name, placename, multiplier=0, mtag="ul", show=True):
    return ["SectionPlaceHolder", {"section_name": section_name, "placename": placename,
                                   "multiplier": multiplier, "mtag": mtag, "show": show, "brief": ""}]


def section(*parts, tag="div", **attribs):
    return ["Section", {"tag_name": tag, "brief": "", "show": True, "hide_if_empty": False,
                        "attribs": attribs, "parts": list(parts)}]


# ---- pages and folders -----------------------------------------------------------------------


def template(ident, *body_parts, title="Test page", error_widget="top_error", brief="", **settings):
    """A TemplatePage whose body starts with the ``top_error`` ErrorPara, then ``body_parts``."""
    head = ["Part", {"tag_name": "head", "brief": "", "show": True, "hide_if_empty": False, "parts": [
        ["ClosedPart", {"tag_name": "meta", "brief": "", "show": True, "attribs": {"charset": "utf-8"}}],
        text("title", title)]}]
    body = ["Part", {"tag_name": "body", "brief": "", "show": True, "hide_if_empty": False,
                     "parts": [error_para("top_error"), *body_parts]}]
    tp = {"show_backcol": False, "backcol": "", "last_scroll": False, "interval": 0,
          "interval_target": None, "lang": "", "default_error_widget": ["", error_widget]}
    tp.update(settings)
    return {"ident": ident, "brief": brief or title, "TemplatePage": tp, "head": head, "body": body}


def responder(ident, cls, *, target=None, fail=None, alternate=None, allowed_callers=(), submit_list=(),
              submit_option=False, validate_option=False, validate_fail=None, widgfield=None, fields=None,
              brief="", **more_args):
    """A RespondPage with responder ``cls`` and its settings."""
    args = {"target_ident": target, "fail_ident": fail, "alternate_ident": alternate,
            "allowed_callers": list(allowed_callers), "submit_list": list(submit_list),
            "submit_option": submit_option, "validate_option": validate_option,
            "validate_fail_ident": validate_fail, "widgfield": widgfield}
    args.update(more_args)
    return {"ident": ident, "brief": brief or f"{cls} responder",
            "RespondPage": {"class": cls, "original_args": args, "original_fields": dict(fields or {})}}


def json_page(ident, content=None):
    return {"ident": ident, "brief": "json", "JSON": {"content": dict(content or {}), "enable_cache": False}}


def css_page(ident, style, enable_cache=False):
    return {"ident": ident, "brief": "css", "CSS": {"style": style, "enable_cache": enable_cache}}


def file_page(ident, filepath, mimetype=None):
    settings = {"filepath": filepath, "enable_cache": False}
    if mimetype:
        settings["mimetype"] = mimetype
    return {"ident": ident, "brief": "file", "FilePage": settings}


def folder(ident, pages=None, folders=None, restricted=False, default_page_name="index"):
    return {"ident": ident, "brief": "folder", "default_page_name": default_page_name,
            "restricted": restricted, "folders": dict(folders or {}), "pages": dict(pages or {})}


def system_folder():
    """The restricted folder holding the project's own error pages (idents 901-904)."""
    return folder(900, restricted=True, pages={
        "validate_error": template(901, text("h1", "Invalid request"), title="validate_error"),
        "server_error": template(902, text("h1", "Server error"), title="server_error"),
        "url_not_found": template(903, text("h1", "Not found"), title="url_not_found"),
        "general_json": json_page(904),
    })


SYSTEM_LABELS = {"validate_error": 901, "server_error": 902, "url_not_found": 903, "general_json": 904}


def project_data(pages=None, folders=None, labels=None, sections=None, default_language="en",
                 system=True, brief="test project", version="1.0"):
    """A project.json dict; ``pages`` and ``folders`` go into the root folder.

    Without an ``index`` page the root gets a plain template (ident 1).  ``system`` adds the
    error pages and their labels (``labels`` may override them).
    """
    pages = dict(pages or {})
    folders = dict(folders or {})
    pages.setdefault("index", template(1, para("hello", "Hello"), title="home"))
    specialpages = {}
    if system:
        folders.setdefault("system", system_folder())
        specialpages.update(SYSTEM_LABELS)
    specialpages.update(labels or {})
    return {"url": "/", "default_language": default_language, "brief": brief, "version": version,
            "skipole": "5.6.3", "specialpages": specialpages, "sections": dict(sections or {}),
            "RootFolder": {"brief": "root", "default_page_name": "index", "restricted": False,
                           "folders": folders, "pages": pages}}


def write_project(projectfiles, name, data, textblocks=None, static=None, raw_project_json=None):
    """Write a project directory under ``projectfiles``; returns the project directory.

    ``textblocks``: ``{lang: {ref: text}}``; ``static``: ``{relpath: bytes or str}`` under
    ``NAME/static``; ``raw_project_json`` (str) is written instead of ``data`` when given.
    """
    projdir = projectfiles / name
    datadir = projdir / "data"
    datadir.mkdir(parents=True, exist_ok=True)
    if raw_project_json is not None:
        (datadir / "project.json").write_text(raw_project_json, encoding="utf-8")
    else:
        (datadir / "project.json").write_text(json.dumps(data, indent=0), encoding="utf-8")
    if textblocks:
        tbdir = datadir / "textblocks_json"
        tbdir.mkdir(exist_ok=True)
        for lang, blocks in textblocks.items():
            (tbdir / f"{lang}.json").write_text(json.dumps(blocks), encoding="utf-8")
    for rel, content in (static or {}).items():
        path = projdir / "static" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
    return projdir


def make_app(tmp_path, name=PROJECT, *, pages=None, folders=None, labels=None, sections=None,
             textblocks=None, static=None, default_language="en", system=True, projectfiles=None,
             **app_kwargs):
    """Write a project into ``tmp_path/projectfiles`` and return its ``WSGIApplication``.

    ``app_kwargs`` go to ``WSGIApplication`` (start_call, submit_data, end_call, url, ...).
    """
    projectfiles = projectfiles or (tmp_path / "projectfiles")
    data = project_data(pages, folders, labels, sections, default_language, system)
    write_project(projectfiles, name, data, textblocks, static)
    return WSGIApplication(name, str(projectfiles), **app_kwargs)


# ---- calling an application --------------------------------------------------------------------

_META_CSRF = re.compile(r'<meta name="csrf-token" content="([^"]*)"')
_INPUT_CSRF = re.compile(r'<input name="csrf_token" value="([^"]*)"')
_INPUT_IDENT = re.compile(r'<input name="ident" value="([^"]*)"')


_ANY_TOKEN = re.compile(r'(name="csrf-token" content="|name="csrf_token" value="|csrf_token=)[0-9a-f]{64}')


def without_tokens(page_text):
    """``page_text`` with every CSRF token replaced by ``TOKEN`` (each page masks it afresh)."""
    return _ANY_TOKEN.sub(lambda m: m.group(1) + "TOKEN", page_text)


class Result:
    """One WSGI response: ``status`` ('200 OK'), ``code`` (200), ``headers``, ``body`` (bytes)."""

    def __init__(self, status, headers, body):
        self.status = status
        self.code = int(status.split()[0])
        self.headers = headers
        self.body = body

    @property
    def content(self):
        """The body as the browser reads it (gunzipped when it was sent gzipped)."""
        if self.header("Content-Encoding") == "gzip":
            return gzip.decompress(self.body)
        return self.body

    @property
    def text(self):
        return self.content.decode("utf-8")

    def json(self):
        return json.loads(self.content)

    def header(self, name):
        """The first header called ``name`` (any case), or None."""
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def all_headers(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def set_cookies(self):
        """``{name: full Set-Cookie value}`` of the cookies this response sets."""
        out = {}
        for value in self.all_headers("Set-Cookie"):
            out[value.split("=", 1)[0].strip()] = value
        return out

    @property
    def content_type(self):
        return self.header("Content-Type") or ""

    @property
    def csrf_token(self):
        """The CSRF token written in the page (meta tag or hidden input), or None."""
        found = _META_CSRF.search(self.text) or _INPUT_CSRF.search(self.text)
        return found.group(1) if found else None

    @property
    def ident_field(self):
        """The value of the page's first hidden ``ident`` input, or None."""
        found = _INPUT_IDENT.search(self.text)
        return found.group(1) if found else None

    def __repr__(self):
        return f"<Result {self.status} {self.content_type} {len(self.body)} bytes>"


def environ_for(method, path, query="", body=b"", content_type="", cookies=None, headers=None,
                remote_addr="127.0.0.1", scheme="http"):
    """A WSGI environ dict for a request."""
    path, _, inline_query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": urllib.parse.unquote(path).encode("utf-8").decode("latin-1"),
        "QUERY_STRING": query or inline_query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": remote_addr,
        "HTTP_HOST": "localhost",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": scheme,
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
        "CONTENT_LENGTH": str(len(body)) if body else "",
        "CONTENT_TYPE": content_type,
    }
    if cookies:
        environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    for name, value in (headers or {}).items():
        key = name.upper().replace("-", "_")
        environ[key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else "HTTP_" + key] = value
    return environ


def call_app(app, environ):
    """Call ``app`` with ``environ``; returns a ``Result`` (the body iterable is drained and closed)."""
    captured = {}

    def start_response(status, headers, exc_info=None):
        captured["status"] = status
        captured["headers"] = list(headers)

    iterable = app(environ, start_response)
    try:
        body = b"".join(iterable)
    finally:
        close = getattr(iterable, "close", None)
        if close:
            close()
    return Result(captured["status"], captured["headers"], body)


class Client:
    """A browser-like client: keeps cookies and the CSRF token, sends forms urlencoded."""

    def __init__(self, app, remote_addr="127.0.0.1", home="/", scheme="http"):
        self.app = app
        self.remote_addr = remote_addr
        self.home = home
        self.scheme = scheme
        self.cookies = {}
        self.token = None

    def request(self, method, path, fields=None, *, body=None, content_type=None, headers=None,
                cookies=None):
        """Send a request; ``fields`` (dict or pair list) go in the query (GET) or the body."""
        query = ""
        if fields is not None:
            encoded = urllib.parse.urlencode(list(fields.items()) if isinstance(fields, dict) else list(fields))
            if method in ("GET", "HEAD"):
                query = encoded
            else:
                body = encoded.encode("ascii")
                content_type = content_type or "application/x-www-form-urlencoded"
        jar = dict(self.cookies)
        jar.update(cookies or {})
        environ = environ_for(method, path, query=query, body=body or b"", content_type=content_type or "",
                              cookies=jar, headers=headers, remote_addr=self.remote_addr, scheme=self.scheme)
        result = call_app(self.app, environ)
        for value in result.all_headers("Set-Cookie"):
            pair = value.split(";", 1)[0]
            name, _, val = pair.partition("=")
            self.cookies[name.strip()] = val.strip()
        token = result.csrf_token if "html" in result.content_type else None
        if token:
            self.token = token
        return result

    def get(self, path, fields=None, **kw):
        return self.request("GET", path, fields, **kw)

    def post(self, path, fields=None, **kw):
        return self.request("POST", path, fields, **kw)

    def prime(self, path=None):
        """GET a page to receive the CSRF cookie and token."""
        result = self.get(path or self.home)
        assert self.token, f"no CSRF token in {path or self.home}: {result.text[:300]}"
        assert "skipole_csrf" in self.cookies, "no skipole_csrf cookie was set"
        return result

    def with_token(self, fields):
        """``fields`` plus the CSRF token (fetched from the home page when not yet known)."""
        if self.token is None:
            self.prime()
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields or ())
        return pairs + [("csrf_token", self.token)]

    def submit(self, path, fields=None, *, ident=None, method="POST", **kw):
        """Submit ``fields`` (with ``ident`` when given, and the CSRF token) to ``path``."""
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields or ())
        if ident is not None:
            pairs.insert(0, ("ident", ident))
        return self.request(method, path, self.with_token(pairs), **kw)


# ---- recording hooks ---------------------------------------------------------------------------


class Hooks:
    """``submit_data`` / ``end_call`` that record what they saw and run per-test behaviour.

    ``handlers`` maps the first item of a responder's ``submit_list`` to a function
    ``f(skicall)`` whose return value ``submit_data`` returns; ``start`` and ``end`` are
    optional ``start_call`` / ``end_call`` behaviours whose result is returned.  ``submits`` and ``ends``
    record, in order, copies of what each call saw.
    """

    def __init__(self, start=None, end=None, **handlers):
        self.handlers = handlers
        self.start = start
        self.end = end
        self.submits = []
        self.ends = []
        self.starts = []

    def start_call(self, called_ident, skicall):
        self.starts.append(called_ident)
        if self.start is not None:
            return self.start(called_ident, skicall)
        return called_ident

    def submit_data(self, skicall):
        key = skicall.submit_list[0] if skicall.submit_list else ""
        self.submits.append({"submit_list": list(skicall.submit_list), "submit_dict": dict(skicall.submit_dict),
                             "call_data": dict(skicall.call_data), "caller_ident": skicall.caller_ident,
                             "ident_data": skicall.ident_data, "ident_list": list(skicall.ident_list)})
        handler = self.handlers.get(key)
        return handler(skicall) if handler is not None else None

    def end_call(self, page_ident, page_type, skicall):
        self.ends.append({"page_ident": page_ident, "page_type": page_type,
                          "call_data": dict(skicall.call_data), "ident_list": list(skicall.ident_list)})
        if self.end is not None:
            return self.end(page_ident, page_type, skicall)
        return None

    def app_kwargs(self):
        return {"start_call": self.start_call, "submit_data": self.submit_data, "end_call": self.end_call}

    @property
    def last_submit(self):
        assert self.submits, "submit_data was not called"
        return self.submits[-1]

    @property
    def last_end(self):
        assert self.ends, "end_call was not called"
        return self.ends[-1]
