"""Helpers for testing a skipole project with pytest: its hardware on simulated pins, and a
browser-like WSGI client.

``MockHardware`` builds a project's ``Hardware`` on gpiozero mock pins (a factory of its own,
so nothing leaks between tests) in a temporary state directory, and gives handles to drive
input pins and read output pin levels.  ``mock_app`` builds the project's complete
application on such hardware; ``TestClient`` calls it as a browser would (cookies, CSRF
token, logging in).  The ``mock_hardware`` fixture makes rigs and closes them after the
test; import it into a ``conftest.py`` to use it.  See ``docs/testing.md``.
"""

import os
import shutil
import tempfile

from .hardware import load_hardware, load_declarations
from .hardware.backends import mock_pin_factory

__all__ = ["MockHardware", "mock_hardware", "mock_app", "TestClient", "TestResponse"]


class MockHardware:
    """A project's hardware on simulated pins, ready to drive from a test::

        with MockHardware(toml='[devices.led]\\nkind = "output"\\npin = 17\\n') as rig:
            rig.hardware.set("led", "on")
            assert rig.pin_level("led") is True

    Give ``projectdir`` (a project with a ``hardware.toml``) or ``toml`` (its text).
    ``state_dir`` defaults to a new temporary directory (removed by ``close``); ``workdir``
    is where temporary files go (pytest's ``tmp_path``) instead.  ``pin_levels`` maps device
    names to the electrical level (True = high) their pins have before the devices claim them,
    as a pin held by a pull resistor would.  Other keywords go to ``Hardware`` (for example
    ``background=False``, ``max_waiters=2``).
    """

    def __init__(self, projectdir=None, *, toml=None, state_dir=None, workdir=None,
                 pin_levels=None, **kw):
        if (projectdir is None) == (toml is None):
            raise ValueError("give either projectdir or toml")
        self._own_dir = None
        if workdir is None and (toml is not None or state_dir is None):
            workdir = self._own_dir = tempfile.mkdtemp(prefix="skipole-test-")
        if toml is not None:
            projectdir = os.path.join(workdir, "project")
            os.makedirs(projectdir, exist_ok=True)
            with open(os.path.join(projectdir, "hardware.toml"), "w", encoding="utf-8") as f:
                f.write(toml)
        self.projectdir = os.fspath(projectdir)
        self.state_dir = os.fspath(state_dir or os.path.join(workdir, "state"))
        self._kw = kw
        self._registry = None
        self.declarations = load_declarations(os.path.join(self.projectdir, "hardware.toml"))
        self.factory = mock_pin_factory()
        self._pins = {}
        for name, declaration in self.declarations.items():
            if declaration.pin is not None and declaration.kind in ("output", "pwm", "input"):
                self._pins[name] = self.factory.pin(declaration.pin)
        for name, level in (pin_levels or {}).items():
            self._set_level(self.pin(name), level)
            self.pin(name).clear_states()
        kw.setdefault("config_txt", ())
        self.hardware = load_hardware(self.projectdir, self.state_dir, environ={},
                                      pin_factory=self.factory, **kw)

    # ---- pins ----

    def pin(self, name):
        """The gpiozero ``MockPWMPin`` of device ``name``."""
        try:
            return self._pins[name]
        except KeyError:
            raise KeyError(f"{name!r} is not a pin device of this project") from None

    def drive_high(self, name):
        """Drive the input pin of ``name`` high (as a switch to 3.3 V would)."""
        self.pin(name).drive_high()

    def drive_low(self, name):
        """Drive the input pin of ``name`` low (as a button to ground would)."""
        self.pin(name).drive_low()

    def activate(self, name):
        """Drive input ``name`` to its active level (low for a pulled-up button)."""
        self._drive(name, True)

    def deactivate(self, name):
        """Drive input ``name`` to its inactive level."""
        self._drive(name, False)

    def _drive(self, name, active):
        high = active == self.declarations[name].active_high
        (self.drive_high if high else self.drive_low)(name)

    def pin_level(self, name):
        """The electrical level of ``name``'s pin: True/False, or 0.0-1.0 for a PWM output."""
        return self._level(name, self.pin(name).state)

    def pin_history(self, name):
        """The levels ``name``'s pin has had since it was made (or since ``pin_levels`` set
        it), oldest first: the first is the level before the device claimed the pin.  A pin
        remembers its last 100 levels (``backends.MOCK_PIN_HISTORY``)."""
        return [self._level(name, s.state) for s in self.pin(name).states]

    def pin_function(self, name):
        """"output" while the pin is claimed as an output, "input" once released."""
        return self.pin(name).function

    def _level(self, name, state):
        if self.declarations[name].kind == "pwm":
            return float(state)
        return bool(state)

    @staticmethod
    def _set_level(pin, level):
        if level:
            pin.drive_high()
        else:
            pin.drive_low()

    # ---- life cycle ----

    def restart(self, *, pin_levels=None, **kw):
        """Close this (releasing every pin) and start the project again on the same state
        directory, as a service restart does; returns the new ``MockHardware``."""
        own_dir, self._own_dir = self._own_dir, None
        self.close()
        options = dict(self._kw, **kw)
        again = MockHardware(self.projectdir, state_dir=self.state_dir, pin_levels=pin_levels,
                             **options)
        again._own_dir = own_dir
        again._registry = self._registry
        if self._registry is not None:
            self._registry.append(again)
        return again

    def close(self):
        """Close the hardware and release every pin; remove temporary files made here."""
        if self.hardware is not None:
            self.hardware.close(release=True)
        if self._own_dir is not None:
            shutil.rmtree(self._own_dir, ignore_errors=True)
            self._own_dir = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def mock_app(projectdir, state_dir, **settings):
    """``(app, rig)``: the project's complete application on simulated pins.

    ``rig`` is the ``MockHardware`` (None when the project has no hardware.toml); close it
    after the test (``rig.close()``).  ``settings`` go to ``load_project``.
    """
    from .loading import load_project
    rig = None
    if os.path.exists(os.path.join(projectdir, "hardware.toml")):
        rig = MockHardware(projectdir, state_dir=os.fspath(state_dir), background=False)
    app = load_project(os.fspath(projectdir), state_dir=os.fspath(state_dir), environ={},
                       hardware=rig.hardware if rig else None, **settings)
    return app, rig


class TestResponse:
    """A response: ``status`` ("200 OK"), ``code`` (200), ``headers``, ``body`` (as sent),
    ``content`` (gunzipped when sent gzipped), ``text``, ``json()``."""

    __test__ = False      # not a pytest test class

    def __init__(self, status, headers, body):
        self.status = status
        self.code = int(status.split()[0])
        self.headers = headers
        self.body = body

    @property
    def content(self):
        """The body as a browser reads it: gunzipped when it was sent gzipped."""
        if (self.header("Content-Encoding") or "").lower() == "gzip":
            import gzip
            return gzip.decompress(self.body)
        return self.body

    @property
    def text(self):
        return self.content.decode("utf-8")

    def json(self):
        import json
        return json.loads(self.content)

    def header(self, name):
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


class TestClient:
    """Calls a WSGI application as a browser would: keeps cookies and the page's CSRF token.

        client = TestClient(app)
        client.login("admin", "secret password")
        page = client.get("/control")
        client.post("/api/devices/relay1", {"value": "on"})      # the token is added
    """

    __test__ = False

    def __init__(self, app, remote_addr="127.0.0.1", host="localhost"):
        self.app = app
        self.remote_addr = remote_addr
        self.host = host
        self.cookies = {}
        self.token = None

    def request(self, method, path, fields=None, *, body=None, content_type="", headers=None):
        """Send a request; ``fields`` (a dict or pairs) go in the query (GET) or the body."""
        import io
        from urllib.parse import quote, urlencode
        path, _, query = path.partition("?")
        if fields is not None:
            encoded = urlencode(list(fields.items()) if isinstance(fields, dict) else list(fields))
            if method in ("GET", "HEAD"):
                query = "&".join(q for q in (query, encoded) if q)
            else:
                body, content_type = encoded.encode("ascii"), "application/x-www-form-urlencoded"
        body = body or b""
        environ = {"REQUEST_METHOD": method, "PATH_INFO": quote(path).encode().decode("latin-1"),
                   "QUERY_STRING": query, "SERVER_NAME": self.host, "SERVER_PORT": "80",
                   "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": self.remote_addr, "HTTP_HOST": self.host,
                   "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body), "wsgi.errors": io.StringIO(),
                   "CONTENT_LENGTH": str(len(body)) if body else "", "CONTENT_TYPE": content_type}
        if self.cookies:
            environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for name, value in (headers or {}).items():
            key = name.upper().replace("-", "_")
            environ[key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else "HTTP_" + key] = value
        captured = {}

        def start_response(status, response_headers, exc_info=None):
            captured["status"], captured["headers"] = status, list(response_headers)

        chunks = self.app(environ, start_response)
        try:
            data = b"".join(chunks)
        finally:
            getattr(chunks, "close", lambda: None)()
        response = TestResponse(captured["status"], captured["headers"], data)
        for name, value in response.headers:
            if name.lower() == "set-cookie":
                key, _, val = value.split(";", 1)[0].partition("=")
                self.cookies[key.strip()] = val.strip()
        if "html" in (response.header("Content-Type") or ""):
            import re
            found = re.search(r'<meta name="csrf-token" content="([^"]*)"', response.text)
            if found:
                self.token = found.group(1)
        return response

    def get(self, path, fields=None, **kw):
        return self.request("GET", path, fields, **kw)

    def post(self, path, fields=None, **kw):
        """POST a form, adding the CSRF token (fetching a page for it first when needed)."""
        if self.token is None:
            self.get("/auth/login")
        pairs = list(fields.items()) if isinstance(fields, dict) else list(fields or ())
        if not any(k == "csrf_token" for k, _v in pairs):
            pairs.append(("csrf_token", self.token))
        return self.request("POST", path, pairs, **kw)

    def post_json(self, path, data):
        """POST JSON with the CSRF header, as the client library does."""
        import json
        if self.token is None:
            self.get("/auth/login")
        return self.request("POST", path, body=json.dumps(data).encode(), content_type="application/json",
                            headers={"X-CSRF-Token": self.token})

    def login(self, username, password, next_path="/"):
        """Log in through /auth/login; returns the response (303 on success)."""
        self.get("/auth/login")
        response = self.request("POST", "/auth/login", {"username": username, "password": password,
                                                        "next": next_path, "csrf_token": self.token})
        self.get(next_path if response.code == 303 else "/auth/login")     # picks up the renewed token
        return response


try:
    import pytest
except ImportError:  # pytest is only needed to use the fixture
    pytest = None

if pytest is not None:
    @pytest.fixture
    def mock_hardware(tmp_path):
        """Make ``MockHardware`` in ``tmp_path``: ``rig = mock_hardware(toml=...)``.

        Every one made (restarts included) is closed after the test.
        """
        made = []

        def make(projectdir=None, **kw):
            kw.setdefault("workdir", tmp_path / f"hardware{len(made)}")
            rig = MockHardware(projectdir, **kw)
            rig._registry = made
            made.append(rig)
            return rig

        yield make
        for rig in made:
            rig.close()
