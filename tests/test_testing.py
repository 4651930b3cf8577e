"""skipole.testing: a mock-backed application and a browser-like client, as project tests use them."""

import re

from skipole.testing import TestClient, mock_app
from tests.core.projects import make_app, template, widget

TOML = '[devices.relay1]\nkind = "output"\npin = 17\n'


def test_switch_form_toggles_the_pin_and_the_api_shows_it(tmp_path):
    switch = widget("pi.Switch", "sw", device="relay1")
    make_app(tmp_path, pages={"index": template(1, switch)})
    projectdir = tmp_path / "projectfiles" / "testproj"
    (projectdir / "hardware.toml").write_text(TOML)
    app, rig = mock_app(projectdir, tmp_path / "state")
    try:
        app.security.users.set_password("ann", "a long password", role="user")
        client = TestClient(app)
        assert client.login("ann", "a long password").code == 303
        page = client.get("/")
        assert 'action="/api/devices/relay1"' in page.text
        form = page.text.split('action="/api/devices/relay1"', 1)[1].split("</form>", 1)[0]
        sent = dict(re.findall(r'name="([a-z_]+)" value="([^"]*)"', form))     # the Switch form's fields
        assert sent["value"] in ("on", "true", "1", "True")
        result = client.post("/api/devices/relay1", {"value": sent["value"], "next": sent.get("next", "/")})
        assert result.code == 303
        assert rig.pin_level("relay1") is True
        assert client.get("/api/devices").json()["devices"][0]["value"] is True
        assert client.post_json("/api/devices/relay1", {"value": False}).json()["value"] is False
        assert rig.pin_level("relay1") is False
    finally:
        rig.close()


def test_the_client_reads_gzipped_pages_as_a_browser_does(tmp_path):
    long_text = "a paragraph long enough to be worth compressing " * 40
    app = make_app(tmp_path, pages={"index": template(1, widget("paras.ParaText", "p", para_text=long_text))})
    client = TestClient(app)
    page = client.get("/", headers={"Accept-Encoding": "gzip"})
    assert page.header("Content-Encoding") == "gzip" and page.body[:2] == b"\x1f\x8b"
    assert long_text.strip() in page.text and page.content.decode() == page.text
