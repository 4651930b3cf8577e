"""The device API under /api, field bindings and live updates, through the WSGI application."""

import json
import threading

import pytest

from skipole import load_project
from skipole.testing import MockHardware
from tests.core.projects import Client, make_app, template, widget

TOML = """
[devices.relay1]
kind = "output"
pin = 17
active_high = false
description = "Pump"

[devices.button]
kind = "input"
pin = 23
pull_up = true

[devices.led]
kind = "pwm"
pin = 18
"""
PASSWORD = "a long enough password"


@pytest.fixture
def rig(tmp_path):
    bound = widget("paras.ParaText", "pump_state", para_text="?")
    bound[1]["bindings"] = {"para_text": {"device": "relay1", "on": "Running", "off": "Stopped", "prefix": "Pump: "}}
    make_app(tmp_path, pages={"index": template(1, bound)})
    projectdir = tmp_path / "projectfiles" / "testproj"
    (projectdir / "hardware.toml").write_text(TOML)
    hw = MockHardware(projectdir, state_dir=str(tmp_path / "state"), background=False)
    app = load_project(str(projectdir), state_dir=str(tmp_path / "state"), environ={}, hardware=hw.hardware)
    app.security.users.set_password("ann", PASSWORD, role="user")
    yield hw, app
    hw.close()


def _logged_in(app):
    client = Client(app)
    client.prime("/auth/login")
    result = client.post("/auth/login", {"username": "ann", "password": PASSWORD, "next": "/",
                                         "csrf_token": client.token})
    assert result.code == 303
    client.get("/")
    return client


def test_api_needs_a_login_or_a_token(rig):
    _hw, app = rig
    result = Client(app).get("/api/devices")
    assert result.code == 401 and "error" in result.json()


def test_devices_list_and_one_device(rig):
    hw, app = rig
    client = _logged_in(app)
    listing = client.get("/api/devices").json()
    assert [d["name"] for d in listing["devices"]] == ["relay1", "button", "led"]
    assert listing["simulated"] is True
    one = client.get("/api/devices/relay1").json()
    assert one["value"] is False and one["description"] == "Pump"
    assert client.get("/api/devices/nope").code == 404


def test_json_post_sets_the_pin_with_the_csrf_header(rig):
    hw, app = rig
    client = _logged_in(app)
    body = json.dumps({"value": "on"}).encode()
    refused = client.request("POST", "/api/devices/relay1", body=body, content_type="application/json")
    assert refused.code == 403 and hw.pin_level("relay1") is True          # active low: off is high
    ok = client.request("POST", "/api/devices/relay1", body=body, content_type="application/json",
                        headers={"X-CSRF-Token": client.token})
    assert ok.code == 200 and ok.json()["value"] is True
    assert hw.pin_level("relay1") is False                                   # on = driven low
    assert client.get("/api/devices/relay1").json()["value"] is True
    events = hw.hardware.events()
    assert any(e.get("by") == "user:ann" for e in events)


def test_form_post_sets_and_returns_to_the_page(rig):
    hw, app = rig
    client = _logged_in(app)
    result = client.post("/api/devices/led", {"value": "0.25", "next": "/index", "csrf_token": client.token})
    assert result.code == 303 and result.header("Location") == "/index"
    assert hw.pin_level("led") == pytest.approx(0.25)
    bad = client.post("/api/devices/led", {"value": "7", "next": "/index", "csrf_token": client.token})
    assert bad.code == 400 and "text/html" in bad.content_type and 'href="/index"' in bad.text
    readonly = client.post("/api/devices/button", {"value": "on", "csrf_token": client.token})
    assert readonly.code == 405


def test_api_token_needs_no_csrf(rig):
    hw, app = rig
    token = app.security.tokens.create("script", "user")
    client = Client(app)
    result = client.request("POST", "/api/devices/relay1", body=b'{"value": true}', content_type="application/json",
                            headers={"Authorization": f"Bearer {token}"})
    assert result.code == 200 and hw.pin_level("relay1") is False
    assert Client(app).get("/api/devices", headers={"Authorization": "Bearer wrong"}).code == 401
    assert any(e.get("by") == "token:script" for e in hw.hardware.events())


def test_bound_field_shows_the_device_and_the_page_goes_live(rig):
    hw, app = rig
    client = _logged_in(app)
    page = client.get("/")
    assert "Pump: Stopped" in page.text
    data = json.loads(page.text.split('data-skipole="page">', 1)[1].split("</script>", 1)[0])
    assert data["live"]["bindings"] == [["pump_state", "para_text", "relay1",
                                         {"on": "Running", "off": "Stopped", "prefix": "Pump: "}]]
    assert "/lib/live.js" in page.text
    hw.hardware.set("relay1", True, by="test")
    assert "Pump: Running" in client.get("/").text


def test_an_input_edge_reaches_a_waiting_live_client(rig):
    hw, app = rig
    client = _logged_in(app)
    start = client.get("/api/live?since=-1").json()          # an unknown version gives everything
    version, run = start["version"], start["run_id"]
    answers = []

    def wait():
        answers.append(client.get(f"/api/live?since={version}&run={run}").json())

    thread = threading.Thread(target=wait)
    thread.start()
    for _ in range(200):                   # wait until the request is really waiting
        if hw.hardware.waiting:
            break
        threading.Event().wait(0.01)
    hw.activate("button")
    thread.join(timeout=30)
    assert not thread.is_alive()
    changes = {c["name"]: c for c in answers[0]["changes"]}
    assert changes["button"]["value"] is True
    assert answers[0]["version"] > version


def test_set_devices_responder_switches_from_a_legacy_form(tmp_path):
    from tests.core.projects import form, responder
    radio = widget("radio.BooleanRadio", "output01", radio_checked=False)
    pages = {"index": template(1, form("f", "set", radio)),
             "set": responder(2, "SetDevices", target=1, fail=1, allowed_callers=[1],
                              fields={"output01:radio_checked": "relay1"})}
    make_app(tmp_path, pages=pages)
    projectdir = tmp_path / "projectfiles" / "testproj"
    (projectdir / "hardware.toml").write_text(TOML)
    hw = MockHardware(projectdir, state_dir=str(tmp_path / "state"), background=False)
    try:
        app = load_project(str(projectdir), state_dir=str(tmp_path / "state"), environ={}, hardware=hw.hardware)
        client = Client(app)
        page = client.get("/")
        forged = client.request("GET", "/set", [("ident", page.ident_field), ("output01:radio_checked", "True")])
        assert forged.code == 403 and hw.hardware.get("relay1") is False   # no CSRF token
        assert client.submit("/set", {"output01:radio_checked": "True"}, ident=page.ident_field,
                             method="GET").code == 405
        assert hw.hardware.get("relay1") is False
        result = client.submit("/set", {"output01:radio_checked": "True"}, ident=page.ident_field)
        assert result.code == 200 and hw.hardware.get("relay1") is True
        assert hw.pin_level("relay1") is False
    finally:
        hw.close()


def test_simulator_flips_inputs_in_development_only(rig):
    hw, app = rig
    client = _logged_in(app)
    assert client.get("/api/simulator").code == 404            # not in development mode
    app.settings.dev = True
    panel = client.get("/api/simulator")
    assert panel.code == 200 and "button" in panel.text and "relay1" not in panel.text
    result = client.post("/api/simulator/button", {"value": "true", "csrf_token": client.token})
    assert result.code == 303 and hw.hardware.get("button") is True
    assert client.post("/api/simulator/relay1", {"value": "true", "csrf_token": client.token}).code == 405
    forged = Client(app).post("/api/simulator/button", {"value": "false"})
    assert forged.code == 401 and hw.hardware.get("button") is True


def test_pages_viewed_without_a_login_do_not_poll_the_api(rig):
    _hw, app = rig
    page = Client(app).get("/")
    assert "Pump: Stopped" in page.text            # the bound value is still rendered
    assert '"live"' not in page.text and "/lib/live.js" not in page.text
