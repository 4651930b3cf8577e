"""Every legacy fixture page renders like the original: status, named elements, fields, forms.

The expected facts come from ``../shared/fixtures/legacy-expected`` (what skipole 5.6.3
served); the projects are read in place from ``../shared/fixtures/legacy``.  The comparison
ignores automatically generated ids and our CSRF token field, as ``tools/legacy_compare.py`` does.
"""

import io
import json
import re
from html.parser import HTMLParser

import pytest

from skipole import WSGIApplication, skis
from tests.conftest import LEGACY, LEGACY_EXPECTED

AUTO = re.compile(r"^[A-Za-z0-9]+_\d+_")
TOKEN = re.compile(r"csrf|token", re.I)


class _Facts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.fields, self.forms = set(), set(), set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.elements.add(f"{tag}#{a['id']}")
        if tag in ("input", "select", "textarea", "button") and a.get("name"):
            self.fields.add(f"{tag}/{(a.get('type') or '').lower()}/{a['name']}")
        if tag == "form":
            self.forms.add(f"{(a.get('method') or 'get').lower()} {a.get('action') or ''}")

    handle_startendtag = handle_starttag


def _normal(d):
    return {"status": d["status"],
            "elements": sorted(e for e in d["elements"] if not AUTO.match(e.split("#", 1)[1])),
            "fields": sorted(f for f in d["fields"] if not TOKEN.search(f.rsplit("/", 1)[1])),
            "forms": sorted(d["forms"])}


def _cases():
    if not LEGACY_EXPECTED.exists():
        return [pytest.param(None, None, marks=pytest.mark.skip(
            reason=f"{LEGACY_EXPECTED} is not beside this checkout"))]
    cases = []
    for path in sorted(LEGACY_EXPECTED.glob("*.jsonl")):
        for line in path.read_text().splitlines():
            ref = json.loads(line)
            cases.append(pytest.param(path.stem, ref, id=f"{path.stem}{ref['url']}"))
    return cases


_APPS = {}


def _app(project):
    if project not in _APPS:
        app = WSGIApplication(project=project, projectfiles=str(LEGACY), url="/")
        app.add_project(skis.makeapp(), url="/lib")
        _APPS[project] = app
    return _APPS[project]


def _get(app, path):
    env = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "SERVER_NAME": "localhost", "SERVER_PORT": "80",
           "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""), "QUERY_STRING": "",
           "HTTP_HOST": "localhost", "SERVER_PROTOCOL": "HTTP/1.1", "CONTENT_LENGTH": "0",
           "REMOTE_ADDR": "127.0.0.1"}
    got = []
    body = b"".join(app(env, lambda s, h, e=None: got.append(s)))
    return got[0], body


@pytest.mark.parametrize("project,ref", _cases())
def test_page_renders_like_the_original(project, ref):
    status, body = _get(_app(project), ref["url"])
    facts = _Facts()
    facts.feed(body.decode("utf-8"))
    ours = {"status": status.split()[0], "elements": facts.elements, "fields": facts.fields, "forms": facts.forms}
    assert _normal(ours) == _normal(ref)


def test_every_fixture_project_has_expectations():
    if not LEGACY.exists():
        pytest.skip(f"{LEGACY} is not beside this checkout")
    assert {p.name for p in LEGACY.iterdir()} == {p.stem for p in LEGACY_EXPECTED.glob("*.jsonl")}
