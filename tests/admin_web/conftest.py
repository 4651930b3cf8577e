"""Fixtures for skiadmin's web tests: a project served by ``load_project`` with the admin on,
its devices on mock pins, users with and without the admin role, and a logged-in client.

``admin_site`` is a small project (tests/admin/admin_helpers.small_project) plus a
hardware.toml; ``admin_client`` is logged in as ``boss`` (role admin), ``user_client`` as
``viewer`` (role user), ``anon_client`` not at all.
"""

from html.parser import HTMLParser

import pytest

from skipole.loading import load_project
from skipole.testing import MockHardware
from tests.admin.admin_helpers import small_project
from tests.core.projects import Client

HARDWARE_TOML = """
[devices.relay1]
kind = "output"
pin = 17
active_high = false
power_on = "off"
description = "Pump"

[devices.led]
kind = "pwm"
pin = 18
description = "Lamp"

[devices.cpu]
kind = "cpu_temperature"
description = "CPU temperature"
"""

PASSWORD = "correct horse battery"


class Site:
    """A served project with the admin: ``app``, ``projdir``, ``state``, ``rig`` (MockHardware)."""

    def __init__(self, app, projdir, state, rig):
        self.app = app
        self.projdir = projdir
        self.state = state
        self.rig = rig

    @property
    def store(self):
        return self.app.admin.store

    def client(self, user=None):
        client = AdminClient(self.app)
        if user is not None:
            client.login(user)
        return client


class AdminClient(Client):
    """A browser-like client that logs in and submits the admin's own forms."""

    def login(self, user, password=PASSWORD):
        page = self.get("/auth/login", {"next": "/skiadmin"})
        assert page.code == 200, page.text[:300]
        result = self.post("/auth/login", {"username": user, "password": password, "next": "/skiadmin",
                                           "csrf_token": self.token})
        assert result.code == 303, result.text[:500]
        self.get("/skiadmin")        # the login renewed the CSRF token: read the new one
        return result

    def screen(self, path, **query):
        result = self.get(path, query or None)
        assert result.code == 200, f"{path}: {result.status}\n{result.text[:2000]}"
        return result

    def version(self):
        return str(self.app.admin.store.version)

    def apply(self, op, back="/skiadmin", version=None, **args):
        """POST /skiadmin/apply like the admin's forms do (``args``: TYPE:PATH names, with ``__``
        standing for ``:`` and ``___`` for ``.``)."""
        fields = [("op", op), ("back", back), ("version", version if version is not None else self.version()),
                  ("csrf_token", self.token)]
        for key, value in args.items():
            name = key.replace("___", ".").replace("__", ":", 1)
            fields.append((name, value))
        return self.post("/skiadmin/apply", fields)


@pytest.fixture
def admin_site(tmp_path):
    projdir = small_project(tmp_path)
    (projdir / "hardware.toml").write_text(HARDWARE_TOML)
    state = tmp_path / "state"
    rig = MockHardware(projdir, state_dir=state, workdir=tmp_path / "hw", background=False)
    app = load_project(projdir, state_dir=str(state), admin=True, hardware=rig.hardware, environ={})
    app.security.users.set_password("boss", PASSWORD, role="admin")
    app.security.users.set_password("viewer", PASSWORD, role="user")
    try:
        yield Site(app, projdir, state, rig)
    finally:
        rig.close()


@pytest.fixture
def admin_client(admin_site):
    return admin_site.client("boss")


@pytest.fixture
def user_client(admin_site):
    return admin_site.client("viewer")


@pytest.fixture
def anon_client(admin_site):
    return admin_site.client()


# ---- reading and sending the admin's HTML forms, as a browser would ------------------------------

class Form:
    """One ``<form>`` of a page: ``action``, ``method``, ``multipart``, ``fields`` as
    ``[name, value, kind, checked]`` in document order, and its ``button`` text."""

    def __init__(self, action, method, multipart):
        self.action = action
        self.method = method
        self.multipart = multipart
        self.fields = []
        self.button = ""

    def value(self, name):
        return next((f[1] for f in reversed(self.fields) if f[0] == name), None)

    def pairs(self, overrides=None):
        overrides = dict(overrides or {})
        out = []
        seen = set()
        for name, value, kind, checked in self.fields:
            if name in overrides:
                given = overrides[name]
                if kind == "checkbox":
                    if given:
                        out.append((name, value))
                    seen.add(name)
                    continue
                if kind == "hidden" and any(f[0] == name and f[2] == "checkbox" for f in self.fields):
                    out.append((name, value))
                    continue
                if name in seen:
                    continue
                seen.add(name)
                out.append((name, given))
                continue
            if kind == "checkbox" and not checked:
                continue
            if kind == "file":
                continue
            out.append((name, value))
        for name, given in overrides.items():
            if name not in seen and not any(f[0] == name for f in self.fields):
                out.append((name, given))
        return out


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.form = None
        self.textarea = None
        self.select = None
        self.button = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.form = Form(a.get("action", ""), a.get("method", "get").lower(),
                             a.get("enctype") == "multipart/form-data")
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            self.form.fields.append([a["name"], a.get("value", "" if kind != "checkbox" else "on"), kind,
                                     "checked" in a])
        elif tag == "textarea":
            self.textarea = [a.get("name"), ""]
        elif tag == "select":
            self.select = [a.get("name"), None, None]
        elif tag == "option" and self.select is not None:
            if self.select[2] is None:
                self.select[2] = a.get("value", "")
            if "selected" in a:
                self.select[1] = a.get("value", "")
        elif tag == "button":
            self.button = ""

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data
        elif self.button is not None:
            self.button += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea" and self.textarea is not None:
            if self.form is not None:
                self.form.fields.append([self.textarea[0], self.textarea[1], "textarea", False])
            self.textarea = None
        elif tag == "select" and self.select is not None:
            if self.form is not None:
                value = self.select[1] if self.select[1] is not None else (self.select[2] or "")
                self.form.fields.append([self.select[0], value, "select", False])
            self.select = None
        elif tag == "button" and self.button is not None:
            if self.form is not None:
                self.form.button = " ".join(self.button.split())
            self.button = None


def parse_forms(text):
    parser = _FormParser()
    parser.feed(text)
    return parser.forms


def find_form(text, button, **hidden):
    """The form whose button reads ``button`` and whose fields have the values in ``hidden``
    (names with ``__`` for ``:``)."""
    want = {k.replace("__", ":", 1): str(v) for k, v in hidden.items()}
    found = [f for f in parse_forms(text) if f.button == button
             and all(f.value(k) == v for k, v in want.items())]
    assert found, f"no form with button {button!r} and {want} in:\n" + "\n".join(
        f"{f.button!r} {f.fields[:6]}" for f in parse_forms(text))
    return found[0]


def multipart(pairs, files):
    """A multipart/form-data body: ``pairs`` of text fields, ``files`` {name: (filename, bytes)}."""
    boundary = "----skiadmintest7MA4YWxkTrZu0gW"
    chunks = []
    for name, value in pairs:
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
                      .encode())
    for name, (filename, data) in files.items():
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                      f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def send(client, form, fields=None, files=None):
    """Submit ``form`` like a browser: its own values, changed by ``fields`` (names with ``__``
    for ``:`` and ``___`` for ``.``), with ``files`` uploaded."""
    overrides = {k.replace("___", ".").replace("__", ":", 1): v for k, v in (fields or {}).items()}
    pairs = form.pairs(overrides)
    if form.method == "get":
        return client.get(form.action, pairs)
    if form.multipart or files:
        body, ctype = multipart(pairs, files or {})
        return client.request("POST", form.action, body=body, content_type=ctype)
    return client.post(form.action, pairs)


def press(client, path, button, fields=None, files=None, follow=True, **hidden):
    """Open the admin screen ``path``, fill the form with ``button`` and send it; with
    ``follow`` the redirect is followed and the next screen returned (the result otherwise)."""
    screen = client.get(path)
    assert screen.code == 200, f"{path}: {screen.status}\n{screen.text[:1500]}"
    result = send(client, find_form(screen.text, button, **hidden), fields, files)
    if follow and result.code == 303:
        location = result.header("Location").partition("#")[0]     # a browser keeps the fragment
        assert location.startswith("/skiadmin"), location
        return client.get(location)
    return result
