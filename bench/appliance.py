"""Shared helpers for the appliance benches: a served project in a subprocess and HTTP clients.

- ``prepare_project(workdir)``: the example appliance ``projects/pi02`` when it exists (copied
  into ``workdir``: the repository's ``projects/`` is never written; bytecode goes to ``PYCACHE``),
  otherwise a synthetic project made with ``skipole new`` plus a ``hardware.toml`` (4 outputs,
  1 PWM, 2 inputs, a CPU temperature read from a file in ``workdir``) and a ``/control`` page
  (login needed) whose ParaText widgets are bound to the devices.
- ``Server``: ``python3 -m skipole serve PROJECTDIR --hardware mock --state-dir DIR --port P`` on
  a free loopback port, its output in ``workdir``; RSS and CPU time from ``/proc/PID``.
- ``make_accounts``: a user (``skipole passwd``, password on stdin) and an API token
  (``TokenStore.create``, in the state directory before the server starts).
- ``Client``: one keep-alive HTTP/1.1 connection with cookies, the CSRF token and/or a bearer
  token; ``LiveClient``: a thread looping on ``/api/live`` as a page's script would.

Everything talks to 127.0.0.1 only.
"""

import dataclasses
import http.client
import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PI02 = REPO / "projects" / "pi02"
PASSWORD = "bench password " + "x" * 8
USER = "bench"
CLK_TCK = os.sysconf("SC_CLK_TCK")

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def pi02_ready():
    """True once the example appliance exists (its data/project.json)."""
    return (PI02 / "data" / "project.json").is_file()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- the project ---------------------------------------------------------------------------

@dataclasses.dataclass
class Target:
    projectdir: Path
    source: str                     # "pi02" or "synthetic"
    control: str = "/control"       # the page a phone opens
    public: str = "/"               # a page for the "other pages answer" probe
    pages: tuple = ("/control",)    # pages that may show devices (the browser row looks there)
    inputs: list = dataclasses.field(default_factory=list)
    outputs: list = dataclasses.field(default_factory=list)
    pwms: list = dataclasses.field(default_factory=list)

    @property
    def label(self):
        if self.source == "pi02":
            return "pi02 (projects/pi02, copied)"
        return "synthetic project (pi02 not there yet: skipole new + hardware.toml, 4 outputs, 1 pwm, 2 inputs, cpu)"


SYNTHETIC_TOML = """\
[devices.relay1]
kind = "output"
pin = 17
active_high = false
power_on = "restore"
description = "Pump"

[devices.relay2]
kind = "output"
pin = 22
power_on = "restore"
description = "Valve"

[devices.relay3]
kind = "output"
pin = 23
description = "Heater"

[devices.relay4]
kind = "output"
pin = 24
on_stop = "off"
description = "Light"

[devices.dimmer]
kind = "pwm"
pin = 18
power_on = "restore"
default = 0.4
description = "Lamp"

[devices.button]
kind = "input"
pin = 25
pull_up = true
description = "Door button"
sample_every = 60

[devices.door]
kind = "input"
pin = 27
pull_up = true
bounce_time = 0.01
description = "Door switch"

[devices.cpu]
kind = "cpu_temperature"
sensor_file = "{sensor}"
read_every = 2
sample_every = 60
"""


def _meta(brief, **attribs):
    return ["ClosedPart", {"tag_name": "meta", "brief": brief, "show": True, "attribs": attribs}]


def _control_page(ident, devices):
    """A TemplatePage like the home page of ``skipole new``, with one bound ParaText per device."""
    head = ["Part", {"tag_name": "head", "brief": "page head", "show": True, "hide_if_empty": False, "parts": [
        _meta("charset", charset="utf-8"),
        _meta("viewport", name="viewport", content="width=device-width, initial-scale=1"),
        ["Part", {"tag_name": "title", "brief": "title", "show": True, "hide_if_empty": False,
                  "parts": [["Text", "Control"]]}],
        ["ClosedPart", {"tag_name": "link", "brief": "stylesheet", "show": True,
                        "attribs": {"rel": "stylesheet", "href": "{skipole_css}"}}]]}]
    widgets = [["Widget", {"class": "error_messages.ErrorPara", "name": "top_error", "brief": "errors",
                           "fields": {"hide": True}}],
               ["Widget", {"class": "headers.HeadText", "name": "title", "brief": "heading",
                           "fields": {"tag": "h1", "large_text": "Control"}}]]
    for name, kind in devices:
        fmt = {"device": name, "prefix": f"{name}: "}
        if kind in ("output", "input"):
            fmt.update(on="On", off="Off")
        elif kind == "pwm":
            fmt["decimals"] = 2
        else:
            fmt.update(decimals=1, unit=True)
        widgets.append(["Widget", {"class": "paras.ParaText", "name": f"show_{name}", "brief": f"shows {name}",
                                   "fields": {"para_text": "?"}, "bindings": {"para_text": fmt}}])
    body = ["Part", {"tag_name": "body", "brief": "page body", "show": True, "hide_if_empty": False, "parts": [
        ["Part", {"tag_name": "main", "brief": "content", "show": True, "hide_if_empty": False,
                  "attribs": {"class": "sk-page"}, "parts": widgets}]]}]
    return {"ident": ident, "brief": "Control page", "access": {"login": True},
            "TemplatePage": {"show_backcol": False, "last_scroll": False, "interval": 0, "interval_target": "",
                             "lang": "en", "backcol": "", "default_error_widget": ["", "top_error"]},
            "head": head, "body": body}


def make_synthetic(workdir):
    """``skipole new benchpi`` in ``workdir/projectfiles`` + hardware.toml + a /control page."""
    from skipole.atomic import write_json
    from skipole.hardware import load_declarations
    from skipole.newproject import create_project
    workdir = Path(workdir)
    projectdir = Path(create_project("benchpi", str(workdir / "projectfiles")))
    sensor = workdir / "cpu_temp"
    sensor.write_text("45123\n")
    (projectdir / "hardware.toml").write_text(SYNTHETIC_TOML.format(sensor=sensor))
    declarations = load_declarations(str(projectdir / "hardware.toml"))
    data = json.loads((projectdir / "data" / "project.json").read_text())
    data["specialpages"]["control"] = 3
    data["RootFolder"]["pages"]["control"] = _control_page(3, [(n, d.kind) for n, d in declarations.items()])
    write_json(projectdir / "data" / "project.json", data)
    return projectdir


def prepare_project(workdir, *, force_synthetic=False):
    """The project to serve, as a ``Target`` (pi02 copied into ``workdir`` when it exists, unless
    ``force_synthetic`` or ``SKIPOLE_BENCH_PROJECT=synthetic``)."""
    from skipole.hardware import load_declarations
    workdir = Path(workdir)
    force_synthetic = force_synthetic or os.environ.get("SKIPOLE_BENCH_PROJECT") == "synthetic"
    if pi02_ready() and not force_synthetic:
        projectdir = workdir / "projectfiles" / "pi02"
        shutil.copytree(PI02, projectdir, ignore=shutil.ignore_patterns("state", "__pycache__", "*.pyc", ".git"))
        source = "pi02"
        pages = ("/control", "/sensors", "/index", "/")
    else:
        projectdir = make_synthetic(workdir)
        source = "synthetic"
        pages = ("/control",)
    target = Target(projectdir, source, pages=pages)
    toml = projectdir / "hardware.toml"
    if toml.exists():
        for name, d in load_declarations(str(toml)).items():
            {"input": target.inputs, "output": target.outputs, "pwm": target.pwms}.get(d.kind, []).append(name)
    return target


def make_accounts(target, state_dir, token_name="bench"):
    """A user ``bench`` (role admin) made by ``skipole passwd``, and an API token; returns the token."""
    from skipole.security.tokens import TokenStore
    os.makedirs(state_dir, exist_ok=True)
    subprocess.run([sys.executable, "-m", "skipole", "passwd", str(target.projectdir), "--state-dir", str(state_dir),
                    "--user", USER, "--role", "admin"], input=PASSWORD + "\n", text=True, env=server_env(),
                   check=True, capture_output=True, timeout=60)
    return TokenStore(str(state_dir)).create(token_name, role="admin")


#: compiled bytecode of everything the servers import (the repository's skipole, the copied
#: project's code) goes here, not beside the sources: nothing is written into the repository,
#: and starts after the first use cached bytecode as an installed package does
PYCACHE = Path(tempfile.gettempdir()) / "skipole-bench-pycache"


def server_env(extra=None):
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    for var in ("SKIPOLE_HARDWARE", "SKIPOLE_PORT", "SKIPOLE_STATE_DIR", "SKIPOLE_DEV", "SKIPOLE_ADMIN",
                "GPIOZERO_PIN_FACTORY", "SKIPOLE_PROJECT", "SKIPOLE_DATA_DIR"):
        env.pop(var, None)
    env.update(extra or {})
    return env


# ---- the server ----------------------------------------------------------------------------

class Server:
    """``skipole serve`` of ``target`` in a subprocess on a free loopback port."""

    def __init__(self, target, state_dir, log_path, *, dev=False, threads=None, ready_path="/",
                 python=None, env=None):
        self.target = target
        self.env = env
        self.python = python or sys.executable
        self.state_dir = Path(state_dir)
        self.log_path = Path(log_path)
        self.dev = dev
        self.threads = threads
        self.ready_path = ready_path
        self.port = None
        self.proc = None
        self.start_seconds = None
        self.start_cpu = None       # CPU seconds the server used up to its first answer

    def start(self, timeout=30.0):
        """Start; returns the seconds from process start to the first answer to ``ready_path``
        (a 2xx or 3xx: a page needing a login answers with a redirect)."""
        self.port = free_port()
        cmd = [self.python, "-m", "skipole", "serve", str(self.target.projectdir), "--hardware", "mock",
               "--state-dir", str(self.state_dir), "--port", str(self.port), "--host", "127.0.0.1"]
        if self.dev:
            cmd.append("--dev")
        if self.threads:
            cmd += ["--threads", str(self.threads)]
        self._log = open(self.log_path, "ab")
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, env=server_env(self.env),
                                     cwd=str(self.state_dir.parent))
        deadline = t0 + timeout
        while time.perf_counter() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(f"GET {self.ready_path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
                              "Connection: close\r\n\r\n".encode())
                    head = s.recv(64)
                if re.match(rb"HTTP/1\.[01] [23]\d\d ", head):
                    self.start_seconds = time.perf_counter() - t0
                    self.start_cpu = proc_cpu_seconds(self.proc.pid)
                    return self.start_seconds
            except OSError:
                pass
            if self.proc.poll() is not None:
                raise RuntimeError(f"skipole serve exited with {self.proc.returncode}: see {self.log_path}\n"
                                   + self.log_tail())
            time.sleep(0.002)
        self.stop()
        raise RuntimeError(f"skipole serve did not answer within {timeout} s: see {self.log_path}")

    def log_tail(self, n=30):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def log_problems(self):
        """Lines of the server's output that report an error or a traceback."""
        try:
            lines = self.log_path.read_text(errors="replace").splitlines()
        except OSError:
            return []
        return [line for line in lines if line.startswith(("ERROR", "CRITICAL", "Traceback"))]

    def queue_warnings(self):
        """waitress's "Task queue depth is N" lines: a request had to wait for a free thread."""
        try:
            return sum("Task queue depth" in line for line in self.log_path.read_text(errors="replace").splitlines())
        except OSError:
            return 0

    @property
    def pid(self):
        return self.proc.pid

    def rss_kb(self):
        return proc_status(self.pid)["VmRSS"]

    def hwm_kb(self):
        return proc_status(self.pid)["VmHWM"]

    def cpu_seconds(self):
        return proc_cpu_seconds(self.pid)

    def threads_now(self):
        return proc_status(self.pid)["Threads"]

    def stop(self):
        """Stop as the systemd unit does (SIGINT: a clean stop, on_stop runs); kill after 15 s.
        Returns the exit status."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if getattr(self, "_log", None):
            self._log.close()
            self._log = None
        return None if self.proc is None else self.proc.returncode

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()


def proc_status(pid):
    """Numbers from /proc/PID/status (kB for the Vm* lines)."""
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            parts = value.split()
            if parts and parts[0].isdigit():
                out[key] = int(parts[0])
    return out


def proc_cpu_seconds(pid):
    """utime + stime of the process (all its threads), in seconds, from /proc/PID/stat."""
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    fields = stat[stat.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


# ---- HTTP clients ----------------------------------------------------------------------------

class HTTPError(Exception):
    pass


class Client:
    """One keep-alive connection to the server, with cookies (a browser's) or a bearer token."""

    def __init__(self, port, *, token=None, timeout=40.0, user_agent="skipole-bench"):
        self.port = port
        self.token = token
        self.timeout = timeout
        self.user_agent = user_agent
        self.cookies = {}
        self.csrf = None
        self.conn = None

    def _connect(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method, path, body=None, headers=None, content_type=None):
        """Returns ``(status, headers (HTTPMessage), body bytes as sent)``; retries once on a
        connection closed by the server between requests."""
        hdrs = {"User-Agent": self.user_agent}
        if self.token:
            hdrs["Authorization"] = f"Bearer {self.token}"
        if self.cookies:
            hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            hdrs["Content-Type"] = content_type
        hdrs.update(headers or {})
        for attempt in (0, 1):
            if self.conn is None:
                self._connect()
            try:
                self.conn.request(method, path, body=body, headers=hdrs)
                resp = self.conn.getresponse()
                data = resp.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt:
                    raise
                continue
            except Exception:
                self.close()
                raise
            for value in resp.headers.get_all("Set-Cookie") or ():
                pair = value.split(";", 1)[0]
                name, _, val = pair.partition("=")
                if "max-age=0" in value.lower().replace(" ", "") or not val:
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = val.strip()
            if resp.will_close:
                self.close()
            return resp.status, resp.headers, data
        raise HTTPError("unreachable")

    def get(self, path, headers=None):
        return self.request("GET", path, headers=headers)

    def get_json(self, path):
        status, _h, body = self.get(path)
        if status != 200:
            raise HTTPError(f"GET {path}: {status} {body[:200]!r}")
        return json.loads(body)

    def post_json(self, path, obj):
        headers = {"X-CSRF-Token": self.csrf} if self.csrf and not self.token else None
        status, _h, body = self.request("POST", path, body=json.dumps(obj).encode(), headers=headers,
                                        content_type="application/json")
        return status, body

    def prime(self, path="/auth/login"):
        """GET a page and keep its CSRF token (from the csrf-token meta)."""
        status, _h, body = self.get(path)
        m = re.search(rb'<meta name="csrf-token" content="([^"]+)"', body)
        if m:
            self.csrf = m.group(1).decode()
        return status, body

    def login(self, username=USER, password=PASSWORD, next_path="/", prime_next=True):
        """Log in the way the login form does; raises unless the answer is a 303 with a session.
        With ``prime_next``, the page it returns to is fetched for the new CSRF token."""
        from urllib.parse import urlencode
        self.prime("/auth/login")
        form = urlencode({"username": username, "password": password, "next": next_path,
                          "csrf_token": self.csrf}).encode()
        status, headers, body = self.request("POST", "/auth/login", body=form,
                                             content_type="application/x-www-form-urlencoded")
        if status != 303 or not any(k.startswith("skipole_") and k != "skipole_csrf" for k in self.cookies):
            raise HTTPError(f"login failed: {status} {body[:300]!r}")
        location = headers.get("Location")
        self.csrf = None        # a login renews the CSRF cookie: take the token from the next page
        if prime_next:
            self.prime(location)
        return location


class LiveClient(threading.Thread):
    """A page's live-update loop in a thread: GET /api/live?since=V&run=R, again and again.

    ``on_changes(client, changes, t_received)`` is called (in this thread) with each answer's
    changes, ``t_received`` taken with ``time.perf_counter()`` just after the body arrived.
    A ``short_poll`` answer makes it sleep ``retry_after`` (as a browser script does).
    Errors (other statuses, exceptions) are counted and kept in ``errors``.
    """

    def __init__(self, port, token, *, on_changes=None, name="live"):
        super().__init__(daemon=True, name=name)
        self.client = Client(port, token=token, timeout=40.0)
        self.on_changes = on_changes
        self.stop_event = threading.Event()
        self.version = None
        self.run_id = None
        self.values = {}
        self.requests = 0
        self.short_polls = 0
        self.errors = []
        self.ready = threading.Event()

    def run(self):
        try:
            first = self.client.get_json("/api/live?since=-1")
            self._apply(first, time.perf_counter())
            self.ready.set()
            while not self.stop_event.is_set():
                path = f"/api/live?since={self.version}&run={self.run_id}"
                try:
                    status, _h, body = self.client.get(path)
                except (OSError, http.client.HTTPException) as exc:
                    if self.stop_event.is_set():
                        break
                    self.errors.append(f"{type(exc).__name__}: {exc}")
                    time.sleep(0.2)
                    continue
                t = time.perf_counter()
                self.requests += 1
                if status != 200:
                    self.errors.append(f"HTTP {status}: {body[:200]!r}")
                    time.sleep(0.2)
                    continue
                answer = json.loads(body)
                if answer.get("full") and self.run_id == answer.get("run_id"):
                    self.errors.append("a full answer within one run")
                self._apply(answer, t)
                if answer.get("short_poll"):
                    self.short_polls += 1
                    self.stop_event.wait(float(answer.get("retry_after") or 1.0))
        except Exception as exc:  # a crash of the loop is an error of the run
            self.errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            self.ready.set()
            self.client.close()

    def _apply(self, answer, t):
        version = answer["version"]
        if self.version is not None and version < self.version and answer.get("run_id") == self.run_id:
            self.errors.append(f"version went back from {self.version} to {version}")
        self.version, self.run_id = version, answer["run_id"]
        for change in answer.get("changes", ()):
            self.values[change["name"]] = change["value"]
        if self.on_changes is not None and answer.get("changes"):
            self.on_changes(self, answer["changes"], t)

    def stop(self):
        self.stop_event.set()
        # a waiting request ends at the server's live timeout; closing the socket ends it now
        try:
            if self.client.conn is not None and self.client.conn.sock is not None:
                self.client.conn.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class PageProbe(threading.Thread):
    """Fetch a page every ``every`` seconds on a fresh client, recording each latency (ms)."""

    def __init__(self, port, path, *, token=None, every=0.25, name="probe"):
        super().__init__(daemon=True, name=name)
        self.port, self.path, self.token, self.every = port, path, token, every
        self.latencies = []
        self.errors = []
        self.stop_event = threading.Event()

    def run(self):
        client = Client(self.port, token=self.token, timeout=10.0)
        while not self.stop_event.is_set():
            t0 = time.perf_counter()
            try:
                status, _h, _b = client.get(self.path)
                ms = (time.perf_counter() - t0) * 1000
                if status != 200:
                    self.errors.append(f"GET {self.path}: HTTP {status}")
                else:
                    self.latencies.append(ms)
            except (OSError, http.client.HTTPException) as exc:
                self.errors.append(f"GET {self.path}: {type(exc).__name__}: {exc}")
            self.stop_event.wait(self.every)
        client.close()

    def stop(self):
        self.stop_event.set()


def percentile(values, p):
    """The p-th percentile (0-100) by nearest rank; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[k]


def random_password():
    return secrets.token_urlsafe(16)
