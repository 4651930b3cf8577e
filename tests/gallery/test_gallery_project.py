"""The widget gallery project (skipole.gallery), without a browser: the files it writes, its pages,
its JSON responders and the ``python3 -m skipole.gallery`` command."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from skipole import load_project
from skipole.gallery import (FORM_URL, gallery_widgets, is_data_field, json_fields, json_url, load_gallery,
                             make_gallery, module_url, restore_value, sample_fields, update_value)
from skipole.gallery.hooks import json_reply
from skipole.widgets.base import WIDGET_MODULES, widgets_in_module

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "tests", "core"))
from projects import Client  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return Client(load_gallery(tmp_path_factory.mktemp("gallery")))


def test_make_gallery_writes_a_loadable_project(tmp_path):
    projdir = make_gallery(tmp_path)
    assert projdir == str(tmp_path / "gallery")
    for rel in ("data/project.json", "data/textblocks_json/en.json", "code/gallery.py", "code/__main__.py",
                "static/gallery.css", "static/picture.svg", "static/picture2.svg", "static/sound.wav",
                "static/icon.svg"):
        assert (tmp_path / "gallery" / rel).is_file(), rel
    data = json.loads((tmp_path / "gallery" / "data" / "project.json").read_text())
    assert data["specialpages"]["general_json"]
    app = load_project(projdir)
    assert app.proj_ident == "gallery"
    # the project's code is the gallery's hooks
    assert app.submit_data.__module__ == "skipole.gallery.hooks"
    assert (tmp_path / "gallery" / "static" / "sound.wav").read_bytes()[:4] == b"RIFF"


def test_make_gallery_twice_rewrites_in_place(tmp_path):
    make_gallery(tmp_path)
    (tmp_path / "gallery" / "static" / "gallery.css").write_text("broken")
    make_gallery(tmp_path)
    assert "gallery-item" in (tmp_path / "gallery" / "static" / "gallery.css").read_text()


@pytest.mark.parametrize("module", WIDGET_MODULES)
def test_every_widget_of_the_catalogue_is_on_its_module_page(client, module):
    result = client.get(module_url(module))
    assert result.code == 200, result.text[:300]
    page_data = json.loads(re.search(r'<script type="application/json" data-skipole="page">(.*?)</script>',
                                     result.text, re.S).group(1))
    named = {spec[0]: f"{spec[1]}.{spec[2]}" for spec in page_data["widgets"]}
    for name, cls in gallery_widgets(module):
        assert named.get(name) == cls.class_path(), f"{cls.class_path()} is not on {module_url(module)} as {name}"
        assert f'id="item-{name}"' in result.text
    assert f"/lib/widgets/{module}.js" in result.text
    assert "Warning: broken link" not in result.text and "No form action" not in result.text


def test_the_gallery_shows_all_165_widgets():
    assert sum(len(gallery_widgets(m)) for m in WIDGET_MODULES) == 165


def test_index_links_every_module_and_the_form_page(client):
    text = client.get("/").text
    for module in WIDGET_MODULES:
        assert f'href="{module_url(module)}"' in text
    assert f'href="{FORM_URL}"' in text


def test_form_page_posts_to_a_responder_that_shows_what_it_received(client):
    page = client.get(FORM_URL)
    assert page.code == 200
    reply = client.submit("/posted", {"name:input_text": "Ada", "colour:selectvalue": "Red"},
                          ident=page.ident_field)
    assert reply.code == 200, reply.text[:500]
    assert "You submitted a form." in reply.text
    assert "name:input_text = &#x27;Ada&#x27;" in reply.text or "name:input_text = 'Ada'" in reply.text


@pytest.mark.parametrize("module", WIDGET_MODULES)
def test_json_responder_answers_every_json_field(client, module):
    client.prime(module_url(module))
    for name, cls in gallery_widgets(module):
        for field in json_fields(cls):
            result = client.get(json_url(module), {"widget": name, "field": field},
                                headers={"X-CSRF-Token": client.token})
            assert result.code == 200 and "json" in result.content_type
            body = result.json()
            assert body == {f"{name}:{field}": json.loads(json.dumps(update_value(cls, field)))}, (name, field)
            restored = client.get(json_url(module), {"widget": name, "field": field, "mode": "restore"}).json()
            assert f"{name}:{field}" in restored


def test_json_responder_ignores_unknown_widgets_and_fields(client):
    assert json_reply("paras", "NoSuchWidget", "para_text") == {}
    assert json_reply("paras", "ParaText", "no_field") == {}
    assert json_reply("paras", "ParaText", "show") == {}       # not JSON-settable
    reply = client.get(json_url("paras")).json()              # a widget's own call: a message
    assert "top_error:show_error" in reply


@pytest.mark.parametrize("module", WIDGET_MODULES)
def test_update_values_differ_from_the_samples(module):
    for _name, cls in gallery_widgets(module):
        for field in json_fields(cls):
            new, old = update_value(cls, field), restore_value(cls, field)
            assert new != old, f"{cls.class_path()}:{field} updates to its own sample value {old!r}"
            json.dumps(new)


def test_data_fields_are_the_ones_that_show_nothing():
    assert is_data_field("hidden_field1") and is_data_field("get_field2_3") and is_data_field("up_getfield1")
    assert is_data_field("session_storage") and is_data_field("drag")
    assert is_data_field("widget_class", "inputforms.HiddenField")
    assert not is_data_field("para_text") and not is_data_field("hide") and not is_data_field("widget_class")


def test_samples_only_name_fields_the_widgets_have():
    for module in WIDGET_MODULES:
        for cls in widgets_in_module(module):
            unknown = set(sample_fields(cls)) - set(cls.field_table)
            assert not unknown, f"{cls.class_path()} has no fields {unknown}"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_python_m_skipole_gallery_serves_the_gallery(tmp_path):
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=REPO + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-m", "skipole.gallery", "--port", str(port),
                             "--dir", str(tmp_path / "gallery")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    try:
        deadline = time.time() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/form", timeout=5) as resp:
                    body = resp.read().decode()
                break
            except OSError:
                assert proc.poll() is None, proc.stdout.read()
                assert time.time() < deadline, "the gallery did not start"
                time.sleep(0.2)
        assert "A form" in body
        assert (tmp_path / "gallery" / "data" / "project.json").is_file()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_gallery_help():
    env = dict(os.environ, PYTHONPATH=REPO + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-m", "skipole.gallery", "--help"], capture_output=True, text=True,
                         env=env, timeout=60)
    assert out.returncode == 0 and "--port" in out.stdout


def test_first_load_of_the_form_page_is_under_40_kb():
    """bench/firstload.py's measure: the HTML and every script and stylesheet, as sent with gzip."""
    sys.path.insert(0, os.path.join(REPO, "bench"))
    import firstload
    rows = firstload.measure()
    kinds = {kind for _url, kind, *_ in rows}
    assert kinds == {"html", "js", "css"}
    assert any(url.endswith("/skipole.js") for url, *_ in rows)
    assert all(enc == "gzip" for url, kind, _s, _p, enc in rows if kind != "html")
    total = sum(sent for _url, _kind, sent, _plain, _enc in rows)
    assert total < firstload.TARGET, firstload.table(rows)[0]
