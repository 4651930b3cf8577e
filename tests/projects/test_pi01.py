"""pi01, the "information and API" appliance, driven through its pages on simulated pins.

``ACTIONS`` names the scenario of each responder in project.json; test_appliance_pages
checks that every responder has one.  The curl examples are run in test_pi01_curl.
"""

import re

from appliance_helpers import ADMIN, PASSWORDS, USER, attribute, form_fields, forms_to, text_of


def test_login_returns_to_the_page_asked_for(appliance):
    app = appliance("pi01")
    client = app.client()
    assert client.get("/information").header("Location") == "/login?next=/information"
    client = app.login(USER, client=client, next_path="/information")
    assert client.last_login.header("Location") == "/information"
    assert app.login(USER).last_login.header("Location") == "/panel"


def test_the_panel_has_controls_and_sensors_on_one_page(appliance):
    app = appliance("pi01")
    client = app.login(USER)
    page = client.get("/panel")
    for n in range(1, 5):
        assert f'action="/api/devices/relay{n}"' in page.text
    assert 'action="/api/devices/led"' in page.text
    assert "45.0 °C" in text_of(page.text, "cpu_gauge")
    assert "Released" in text_of(page.text, "button1_state")
    fields = form_fields(page.text, "/api/devices/relay3")
    assert fields["value"] == "on"
    assert client.post("/api/devices/relay3", fields).header("Location") == "/panel"
    assert app.rig.pin_level("relay3") is False
    assert attribute(client.get("/panel").text, "switch3", "data-state") == "on"


def test_the_information_page_shows_this_pis_address_in_the_examples(appliance):
    app = appliance("pi01")
    client = app.login(USER)
    page = client.get("/information", headers={"Host": "192.168.1.20:8000"})
    examples = [text_of(page.text, name) for name in
                ("curl_list", "curl_read", "curl_on", "curl_led", "curl_live")]
    assert examples[0] == 'curl -H "Authorization: Bearer $TOKEN" http://192.168.1.20:8000/api/devices'
    assert all("http://192.168.1.20:8000/api/" in e for e in examples)
    assert "HOST" not in page.text
    assert "Ask an admin for a token" in page.text and 'id="tokens"' not in page.text


def _tokens_form(client, button, **values):
    page = client.get("/information")
    key = "tokens-tokenname:input_text" if button == "create" else "tokens-token:selectvalue"
    fields = next(f for f in forms_to(page.text, "/actions/tokens") if key in f)
    fields.update({f"tokens-{k}": v for k, v in values.items()})
    fields[f"tokens-{button}:button_text"] = "x"
    return client.post("/actions/tokens", fields)


def test_an_admin_makes_and_revokes_tokens_on_the_information_page(appliance):
    app = appliance("pi01")
    admin = app.login(ADMIN)
    result = _tokens_form(admin, "create", **{"tokenname:input_text": "backup", "tokenrole:selectvalue": "user"})
    assert result.code == 200
    token = re.search(r"TOKEN=(sk_[A-Za-z0-9_-]+)", text_of(result.text, "tokens-newtoken")).group(1)
    headers = {"Authorization": f"Bearer {token}"}
    assert app.client().get("/api/devices/relay1", headers=headers).json()["name"] == "relay1"
    assert token not in admin.get("/information").text
    _tokens_form(admin, "revoke", **{"token:selectvalue": "backup"})
    assert app.client().get("/api/devices", headers=headers).code == 401
    assert "made API token backup" in str(app.hardware.events())
    refused = _tokens_form(admin, "create", **{"tokenname:input_text": "", "tokenrole:selectvalue": "user"})
    assert "needs a name" in refused.text


def test_the_account_page_changes_the_password_and_ends_other_sessions(appliance):
    app = appliance("pi01")
    phone, laptop = app.login(USER), app.login(USER)
    fields = form_fields(phone.get("/account").text, "/actions/password")
    fields.update({"old:input_text": PASSWORDS[USER], "new1:input_text": "bob's new password",
                   "new2:input_text": "bob's new password"})
    result = phone.post("/actions/password", fields)
    assert result.code == 200 and "Your password is changed" in text_of(result.text, "result")
    assert laptop.get("/panel").code == 303 and phone.get("/panel").code == 200
    app.login(USER, password="bob's new password")
    fields["old:input_text"] = "wrong password"
    assert "current password is wrong" in phone.post("/actions/password", fields).text


#: each responder of pi01's project.json, and the test that shows what it does
ACTIONS = {
    "/login_check": test_login_returns_to_the_page_asked_for,
    "/logout": "test_appliance_pages.test_logout_is_a_post_that_ends_the_session",
    "/actions/password": test_the_account_page_changes_the_password_and_ends_other_sessions,
    "/actions/tokens": test_an_admin_makes_and_revokes_tokens_on_the_information_page,
}
