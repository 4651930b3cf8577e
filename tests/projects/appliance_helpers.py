"""The example appliances (projects/pi01, projects/pi02) copied into a test's tmp_path and run
on simulated pins, and what their project files say: every page and responder with its URL
and access rule.

Tests never write into projects/: ``Appliance`` copies the project first, points its CPU
temperature and DS18B20 at files in tmp_path, and keeps its state directory there.
"""

import html
import json
import pathlib
import re
import shutil

from skipole import load_project
from skipole.testing import MockHardware
from tests.core.projects import Client

REPO = pathlib.Path(__file__).resolve().parents[2]
PROJECTS = REPO / "projects"
NAMES = ("pi01", "pi02")

ADMIN, USER = "ann", "bob"
PASSWORDS = {ADMIN: "ann's long password", USER: "bob's long password"}
W1_ID = "28-000000000000"


# ---- the project files -------------------------------------------------------------------------

class Entry:
    """One page of a project file: URL, kind, access rule, and for responders their settings."""

    def __init__(self, url, name, raw, access, restricted):
        self.url = url
        self.name = name
        self.raw = raw
        self.ident = raw["ident"]
        self.kind = next(k for k in ("TemplatePage", "RespondPage", "CSS", "JSON", "FilePage", "SVG")
                         if k in raw)
        self.access = access or {}
        self.restricted = restricted

    @property
    def login(self):
        return bool(self.access.get("login"))

    @property
    def role(self):
        return self.access.get("role")

    @property
    def responder(self):
        return self.raw["RespondPage"]["class"] if self.kind == "RespondPage" else None

    @property
    def args(self):
        return self.raw.get("RespondPage", {}).get("original_args", {})

    def __repr__(self):
        return f"<{self.kind} {self.url} ident {self.ident}>"


def project_json(name):
    return json.loads((PROJECTS / name / "data" / "project.json").read_text(encoding="utf-8"))


def pages(name):
    """Every page of project ``name`` (restricted ones too), from its project.json."""
    found = []

    def walk(folder, url, access, restricted):
        access = folder.get("access") or access
        restricted = restricted or bool(folder.get("restricted"))
        for pname, raw in folder.get("pages", {}).items():
            page_url = url if pname == folder.get("default_page_name", "index") else url + pname
            found.append(Entry(page_url, pname, raw, raw.get("access") or access, restricted))
        for fname, sub in folder.get("folders", {}).items():
            walk(sub, f"{url}{fname}/", access, restricted)

    walk(project_json(name)["RootFolder"], "/", None, False)
    return found


def reachable(name, kind=None):
    """Pages a browser can call by URL (not in a restricted folder), optionally of one kind."""
    return [p for p in pages(name) if not p.restricted and (kind is None or p.kind == kind)]


def labels(name):
    return project_json(name)["specialpages"]


# ---- running an appliance ----------------------------------------------------------------------------

def copy_project(name, tmp_path):
    """Copy projects/NAME into tmp_path/projectfiles with its sensors reading files in tmp_path."""
    target = tmp_path / "projectfiles" / name
    shutil.copytree(PROJECTS / name, target, ignore=shutil.ignore_patterns("state", "__pycache__"))
    sys_dir = tmp_path / "sys"
    (sys_dir / W1_ID).mkdir(parents=True, exist_ok=True)
    toml = (target / "hardware.toml").read_text(encoding="utf-8")
    toml = toml.replace("[devices.cpu]\n", f'[devices.cpu]\nsensor_file = "{sys_dir / "cpu_temp"}"\n')
    toml = toml.replace("[devices.probe]\n", f'[devices.probe]\nsysfs_root = "{sys_dir}"\n')
    (target / "hardware.toml").write_text(toml, encoding="utf-8")
    return target


class Appliance:
    """A copy of an example appliance served on simulated pins, as a test drives it.

    ``rig`` is its ``MockHardware`` (``rig.pin_level``, ``rig.activate`` ...), ``app`` the
    WSGI application; ``restart()`` stops both and starts them again on the same state
    directory, as ``systemctl restart`` would.  Users ``ann`` (admin) and ``bob`` exist.
    """

    def __init__(self, name, tmp_path, users=True):
        self.name = name
        self.tmp_path = tmp_path
        self.projectdir = copy_project(name, tmp_path)
        self.state_dir = tmp_path / "state"
        self.sys_dir = tmp_path / "sys"
        self.set_cpu(45.0)
        self.set_probe(21.5)
        self.rig = MockHardware(self.projectdir, state_dir=str(self.state_dir), background=False)
        self.app = self._load()
        if users:
            self.app.security.users.set_password(ADMIN, PASSWORDS[ADMIN], role="admin")
            self.app.security.users.set_password(USER, PASSWORDS[USER], role="user")

    def _load(self):
        return load_project(str(self.projectdir), state_dir=str(self.state_dir), environ={},
                            hardware=self.rig.hardware)

    @property
    def hardware(self):
        return self.rig.hardware

    def set_cpu(self, celsius):
        (self.sys_dir / "cpu_temp").write_text(f"{round(celsius * 1000)}\n")

    def set_probe(self, celsius):
        millis = round(celsius * 1000)
        (self.sys_dir / W1_ID / "w1_slave").write_text(
            f"72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t={millis}\n")

    def restart(self):
        """Stop and start again on the same state directory; returns self."""
        self.rig = self.rig.restart()
        self.app = self._load()
        return self

    def close(self):
        self.rig.close()

    # ---- browsing ----

    def client(self):
        return Client(self.app)

    def login(self, user=ADMIN, password=None, client=None, next_path=""):
        """A client logged in through the project's own login page."""
        client = client or self.client()
        page = client.get("/login" + (f"?next={next_path}" if next_path else ""))
        assert page.code == 200, page.status
        fields = {"login:input_text1": user, "login:input_text2": password or PASSWORDS[user]}
        hidden = form_fields(page.text, "/login_check").get("login:hidden_field1")
        if hidden:
            fields["login:hidden_field1"] = hidden
        result = client.submit("/login_check", fields, ident=page.ident_field)
        assert result.code == 303, (result.status, result.text[:500])
        client.last_login = result
        return client


# ---- reading pages ---------------------------------------------------------------------------------------

_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
_INPUT = re.compile(r"<(input|select|textarea|button)\b([^>]*)>", re.S)


def forms(page_html):
    """``[(action, method, {name: value})]`` of every form of a page (hidden, text and select
    values as rendered; a select gives its selected option)."""
    out = []
    for head, body in _FORM.findall(page_html):
        attrs = dict(_ATTR.findall(head))
        fields = {}
        for tag, raw in _INPUT.findall(body):
            a = {k: html.unescape(v) for k, v in _ATTR.findall(raw)}
            if "name" not in a:
                continue
            if tag == "select":
                select = body[body.find(raw):]
                chosen = re.search(r'<option value="([^"]*)"[^>]*\bselected', select.split("</select>")[0])
                fields[a["name"]] = html.unescape(chosen.group(1)) if chosen else ""
            elif a.get("type") in ("submit", "button"):
                continue
            else:
                fields[a["name"]] = a.get("value", "")
        out.append((html.unescape(attrs.get("action", "")), attrs.get("method", "get").lower(), fields))
    return out


def form_fields(page_html, action):
    """The fields of the (first) form posting to ``action``."""
    for act, _method, fields in forms(page_html):
        if act == action:
            return dict(fields)
    raise AssertionError(f"no form posts to {action}")


def forms_to(page_html, action):
    return [fields for act, _m, fields in forms(page_html) if act == action]


def element_html(page_html, element_id):
    """The HTML of the element with ``id``, its tags included."""
    match = re.search(rf'<(\w+)[^>]*\bid="{re.escape(element_id)}"[^>]*>', page_html)
    assert match, f"no element with id {element_id!r}"
    tag = match.group(1)
    rest = page_html[match.end():]
    depth, end = 1, len(rest)
    for found in re.finditer(rf"<(/?){tag}\b[^>]*?(/?)>", rest):
        if found.group(2):
            continue
        depth += -1 if found.group(1) else 1
        if depth == 0:
            end = found.end()
            break
    return match.group(0) + rest[:end]


def text_of(page_html, element_id):
    """The text of the element with ``id`` (tags removed, entities decoded, spaces joined)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", element_html(page_html, element_id))).split())


def attribute(page_html, element_id, name):
    """An attribute of the element with ``id``."""
    match = re.search(rf'<\w+[^>]*\bid="{re.escape(element_id)}"[^>]*>', page_html)
    assert match, f"no element with id {element_id!r}"
    found = re.search(rf'\b{re.escape(name)}="([^"]*)"', match.group(0))
    return html.unescape(found.group(1)) if found else None
