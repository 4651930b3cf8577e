"""pi02, the default appliance, driven through its pages on simulated pins.

``ACTIONS`` names the scenario of each responder in project.json; test_appliance_pages
checks that every responder has one.
"""

import re

from appliance_helpers import (ADMIN, PASSWORDS, USER, attribute, element_html, form_fields, forms_to,
                               text_of)

RELAY_FORM = "/api/devices/relay1"


def _post_device(client, page, device, value):
    fields = form_fields(page.text, f"/api/devices/{device}")
    fields["value"] = value
    return client.post(f"/api/devices/{device}", fields)


# ---- logging in and out ------------------------------------------------------------------------

def test_login_returns_to_the_page_asked_for(appliance):
    app = appliance("pi02")
    client = app.client()
    assert client.get("/setup/").header("Location") == "/login?next=/setup/"
    client = app.login(ADMIN, client=client, next_path="/setup/")
    assert client.last_login.header("Location") == "/setup/"
    assert any(k.startswith("skipole_pi02") for k in client.cookies)
    assert client.get("/setup/").code == 200
    assert "ann" in text_of(client.get("/control").text, "header-user")


def test_login_without_next_goes_to_the_controls_and_never_to_another_site(appliance):
    app = appliance("pi02")
    assert app.login(ADMIN).last_login.header("Location") == "/control"
    sneaky = app.login(ADMIN, next_path="//evil.example/")
    assert sneaky.last_login.header("Location") == "/control"


def test_a_wrong_password_shows_the_login_page_again_with_the_name_kept(appliance):
    app = appliance("pi02")
    client = app.client()
    page = client.get("/login?next=/logs")
    result = client.submit("/login_check", {"login:input_text1": ADMIN, "login:input_text2": "wrong one",
                                            "login:hidden_field1": "/logs"}, ident=page.ident_field)
    assert result.code == 200
    assert "Wrong user name or password" in result.text
    assert form_fields(result.text, "/login_check")["login:input_text1"] == ADMIN
    assert form_fields(result.text, "/login_check")["login:hidden_field1"] == "/logs"
    assert client.get("/logs").code == 303


def test_login_is_logged_in_the_event_log(appliance):
    app = appliance("pi02")
    client = app.login(ADMIN)
    assert "ann logged in from" in client.get("/logs").text


# ---- control -----------------------------------------------------------------------------------

def test_the_control_page_has_a_switch_per_relay_a_slider_and_live_result_text(appliance):
    app = appliance("pi02")
    page = app.login(ADMIN).get("/control")
    for n in range(1, 5):
        assert f'action="/api/devices/relay{n}"' in page.text
        assert text_of(page.text, f"state{n}") == f"Relay {n} is OFF"
    assert 'type="range"' in page.text and 'action="/api/devices/led"' in page.text
    data = page.text.split('data-skipole="page">', 1)[1].split("</script>", 1)[0]
    for n in range(1, 5):
        assert f'["state{n}","para_text","relay{n}"' in data          # the result text is live
    assert "/lib/live.js" in page.text


def test_a_switch_toggles_the_relay_pin_without_javascript(appliance):
    app = appliance("pi02")
    client = app.login(ADMIN)
    page = client.get("/control")
    assert app.rig.pin_level("relay1") is True                          # active low: off is high
    result = _post_device(client, page, "relay1", "on")
    assert result.code == 303 and result.header("Location") == "/control"
    assert app.rig.pin_level("relay1") is False
    page = client.get("/control")
    assert attribute(page.text, "switch1", "data-state") == "on"
    assert 'aria-checked="true"' in element_html(page.text, "switch1")
    assert text_of(page.text, "state1") == "Relay 1 is ON"
    result = _post_device(client, page, "relay1", "off")
    assert app.rig.pin_level("relay1") is True
    assert any(e["by"] == "user:ann" and e["device"] == "relay1" for e in app.hardware.events())


def test_the_slider_sets_the_led(appliance):
    app = appliance("pi02")
    client = app.login(USER)
    page = client.get("/control")
    assert _post_device(client, page, "led", "0.4").code == 303
    assert abs(app.rig.pin_level("led") - 0.4) < 1e-6
    assert text_of(client.get("/control").text, "state_led") == "LED at 40%"


# ---- sensors and logs ----------------------------------------------------------------------------

def test_the_sensors_page_shows_live_values_and_inputs(appliance):
    app = appliance("pi02")
    app.set_cpu(52.4)
    app.hardware.refresh()
    client = app.login(ADMIN)
    page = client.get("/sensors")
    assert "52.4 °C" in text_of(page.text, "cpu_gauge")
    assert "21.5" in text_of(page.text, "probe_gauge")
    assert attribute(page.text, "button1_state", "data-state") == "off"
    app.rig.activate("button1")
    page = client.get("/sensors")
    assert attribute(page.text, "button1_state", "data-state") == "on"
    assert "Pressed" in text_of(page.text, "button1_state")


def test_the_log_says_who_switched_what_and_shows_inputs(appliance):
    app = appliance("pi02")
    client = app.login(ADMIN)
    _post_device(client, client.get("/control"), "relay2", "on")
    app.rig.activate("button2")
    log = text_of(client.get("/logs").text, "events")
    assert "Relay 2 (relay2): set to on ann" in log
    assert "Button 2 (button2): active on the Pi" in log
    assert "Service started" in log
    first = re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", log)
    assert first, log


def test_the_log_and_the_charts_refresh_through_their_json_pages(appliance):
    app = appliance("pi02")
    client = app.login(ADMIN)
    page = client.get("/logs").text
    assert '"interval":15' in page and '"interval_target":"/logs.json"' in page
    _post_device(client, client.get("/control"), "relay4", "on")
    events = client.get("/logs.json").json()
    assert events["events:col2"][0] == "Relay 4 (relay4): set to on"
    app.hardware.sample_now()
    charts = client.get("/sensors.json").json()
    assert charts["cpu-summary:para_text"].startswith("Now 45.0 °C")
    assert charts["cpu-line:d"].startswith("M ")
    assert app.client().get("/logs.json").code == 303


# ---- setup: power-on -------------------------------------------------------------------------------

def _save_output(client, name, **changes):
    page = client.get("/setup/")
    forms = [f for f in forms_to(page.text, "/setup/output") if f"{name}-description:input_text" in f]
    assert len(forms) == 1, name
    fields = forms[0]
    for key, value in changes.items():
        fields[f"{name}-{key}"] = value
    return client.post("/setup/output", fields)


def test_setup_shows_each_output_with_its_power_on_policy(appliance):
    app = appliance("pi02")
    page = app.login(ADMIN).get("/setup/")
    for name in ("relay1", "relay2", "relay3", "relay4", "led"):
        assert "at power-on: last" in text_of(page.text, f"{name}-title")
    assert "GPIO5" in text_of(page.text, "relay1-title")


def test_setup_changes_the_power_on_policy_and_a_restart_applies_it(appliance):
    app = appliance("pi02")
    client = app.login(USER)                           # any logged-in user may do this
    result = _save_output(client, "relay2", **{"power_on:selectvalue": "On",
                                                "description:input_text": "Pump"})
    assert result.code == 200 and "Saved: Pump" in result.text
    assert app.hardware.devices["relay2"]["power_on"] == "on"
    assert "Pump · GPIO6 · at power-on: on" in text_of(result.text, "relay2-title")
    # relay3 restores its last state; relay4 is on now but is off after a restart
    control = client.get("/control")
    _post_device(client, control, "relay3", "on")
    _post_device(client, control, "relay4", "on")
    _save_output(client, "relay4", **{"power_on:selectvalue": "Off"})
    app.restart()
    assert app.hardware.get("relay2") is True and app.rig.pin_level("relay2") is False
    assert app.hardware.get("relay3") is True
    assert app.hardware.get("relay4") is False and app.rig.pin_level("relay4") is True
    assert app.hardware.devices["relay2"]["description"] == "Pump"
    client = app.login(USER)
    assert "Pump" in text_of(client.get("/control").text, "switch2")


def test_setup_sets_the_default_of_the_pwm_output(appliance):
    app = appliance("pi02")
    client = app.login(ADMIN)
    result = _save_output(client, "led", **{"default:input_text": "30"})
    assert result.code == 200
    assert app.hardware.devices["led"]["default"] == 0.3
    bad = _save_output(client, "led", **{"default:input_text": "300"})
    assert "from 0 to 100" in bad.text and app.hardware.devices["led"]["default"] == 0.3


def test_setup_refuses_settings_changed_meanwhile(appliance):
    app = appliance("pi02")
    phone, laptop = app.login(ADMIN), app.login(USER)
    stale = forms_to(phone.get("/setup/").text, "/setup/output")[0]
    assert _save_output(laptop, "relay1", **{"power_on:selectvalue": "On"}).code == 200
    stale["relay1-power_on:selectvalue"] = "Off"
    result = phone.post("/setup/output", stale)
    assert "Someone changed these settings" in result.text
    assert app.hardware.devices["relay1"]["power_on"] == "on"


# ---- setup: password ------------------------------------------------------------------------------

def _change_password(client, old, new1, new2=None):
    fields = form_fields(client.get("/setup/").text, "/setup/password")
    fields.update({"old:input_text": old, "new1:input_text": new1, "new2:input_text": new2 or new1})
    return client.post("/setup/password", fields)


def test_password_change_works_and_ends_the_other_sessions(appliance):
    app = appliance("pi02")
    phone, tablet = app.login(ADMIN), app.login(ADMIN)
    result = _change_password(phone, PASSWORDS[ADMIN], "a brand new password")
    assert result.code == 200 and "Your password is changed" in result.text
    assert phone.get("/setup/").code == 200                      # this session goes on
    assert tablet.get("/setup/").code == 303                     # the other one has ended
    assert app.app.security.users.verify(ADMIN, "a brand new password")
    app.login(ADMIN, password="a brand new password")
    assert "changed their password" in phone.get("/logs").text


def test_password_change_refuses_mistakes(appliance):
    app = appliance("pi02")
    client = app.login(USER)
    assert "not the same" in _change_password(client, PASSWORDS[USER], "new password 1", "new password 2").text
    assert "current password is wrong" in _change_password(client, "not it at all", "a new password").text
    assert "at least 8" in _change_password(client, PASSWORDS[USER], "short").text
    assert app.app.security.users.verify(USER, PASSWORDS[USER])


# ---- setup: users and tokens (admins) ----------------------------------------------------------------

def _users_form(client, button, **values):
    page = client.get("/setup/")
    key = "users-newname:input_text" if button == "add" else "users-user:selectvalue"
    fields = next(f for f in forms_to(page.text, "/setup/users") if key in f)
    fields.update({f"users-{k}": v for k, v in values.items()})
    fields[f"users-{button}:button_text"] = "x"
    return client.post("/setup/users", fields)


def test_an_admin_adds_changes_and_removes_users(appliance):
    app = appliance("pi02")
    admin = app.login(ADMIN)
    result = _users_form(admin, "add", **{"newname:input_text": "carol",
                                          "newpassword:input_text": "carol's password",
                                          "newrole:selectvalue": "user"})
    assert "Added user carol (user)" in result.text
    assert "carol" in text_of(result.text, "users-userlist")
    carol = app.login("carol", password="carol's password")
    assert carol.get("/setup/").code == 200
    _users_form(admin, "setrole", **{"user:selectvalue": "carol", "role:selectvalue": "admin"})
    assert app.app.security.users.role("carol") == "admin"
    result = _users_form(admin, "remove", **{"user:selectvalue": "carol"})
    assert "Removed user carol" in result.text
    assert carol.get("/setup/").code == 303                      # her session ended too
    assert "cannot remove yourself" in _users_form(admin, "remove", **{"user:selectvalue": ADMIN}).text


def test_users_and_tokens_are_for_admins_only(appliance):
    app = appliance("pi02")
    user = app.login(USER)
    page = user.get("/setup/")
    assert 'id="users"' not in page.text and 'id="tokens"' not in page.text
    assert "Only an admin can manage" in page.text
    fields = {"csrf_token": user.token, "ident": page.ident_field, "users-add:button_text": "x"}
    assert user.post("/setup/users", fields).code == 403
    assert user.post("/setup/tokens", fields).code == 403


def _tokens_form(client, button, **values):
    page = client.get("/setup/")
    key = "tokens-tokenname:input_text" if button == "create" else "tokens-token:selectvalue"
    fields = next(f for f in forms_to(page.text, "/setup/tokens") if key in f)
    fields.update({f"tokens-{k}": v for k, v in values.items()})
    fields[f"tokens-{button}:button_text"] = "x"
    return client.post("/setup/tokens", fields)


def test_a_token_is_shown_once_works_and_can_be_revoked(appliance):
    app = appliance("pi02")
    admin = app.login(ADMIN)
    result = _tokens_form(admin, "create", **{"tokenname:input_text": "script",
                                              "tokenrole:selectvalue": "user"})
    token = re.search(r"(sk_[A-Za-z0-9_-]+)", text_of(result.text, "tokens-newtoken")).group(1)
    assert token not in admin.get("/setup/").text                # shown only once
    assert "script" in text_of(admin.get("/setup/").text, "tokens-tokenlist")
    api = app.client()
    assert api.get("/api/devices", headers={"Authorization": f"Bearer {token}"}).code == 200
    result = _tokens_form(admin, "revoke", **{"token:selectvalue": "script"})
    assert "Revoked API token script" in result.text
    assert api.get("/api/devices", headers={"Authorization": f"Bearer {token}"}).code == 401


def test_the_home_page_is_public_and_greets_a_logged_in_user(appliance):
    app = appliance("pi02")
    page = app.client().get("/")
    assert page.code == 200 and "Log in" in page.text
    assert 'id="control_button"' not in page.text
    page = app.login(USER).get("/")
    assert "Welcome, bob." in page.text and 'id="control_button"' in page.text


#: each responder of pi02's project.json, and the test that shows what it does
ACTIONS = {
    "/login_check": test_login_returns_to_the_page_asked_for,
    "/logout": "test_appliance_pages.test_logout_is_a_post_that_ends_the_session",
    "/setup/output": test_setup_changes_the_power_on_policy_and_a_restart_applies_it,
    "/setup/password": test_password_change_works_and_ends_the_other_sessions,
    "/setup/users": test_an_admin_adds_changes_and_removes_users,
    "/setup/tokens": test_a_token_is_shown_once_works_and_can_be_revoked,
}
