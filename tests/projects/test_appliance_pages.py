"""Every page and every action of both example appliances, as listed by their project files.

The lists come from project.json (no hand-written list of pages): each URL-reachable page is
fetched without a login, as a user and as an admin, and must answer as its ``access`` says;
each responder must have a scenario in the project's own tests (``ACTIONS`` there), and
every form on every page must post to a responder of the project or to the device API.
"""

import importlib
import re

import pytest
from appliance_helpers import ADMIN, NAMES, USER, forms, labels, pages, reachable

#: the module holding each project's scenarios (its ACTIONS maps responder URL -> test)
SCENARIOS = {"pi01": "test_pi01", "pi02": "test_pi02"}


@pytest.mark.parametrize("name", NAMES)
def test_the_project_file_has_the_pages_the_hooks_expect(name):
    urls = {p.url for p in reachable(name)}
    assert "/" in urls and "/login" in urls
    assert labels(name)["login"] == next(p.ident for p in pages(name) if p.url == "/login")
    assert any(p.responder == "LogIn" for p in pages(name))
    assert any(p.responder == "LogOut" for p in reachable(name))


@pytest.mark.parametrize("name", NAMES)
def test_every_page_answers_as_its_access_rule_says(name, appliance):
    app = appliance(name)
    anonymous, user, admin = app.client(), app.login(USER), app.login(ADMIN)
    shown = [p for p in reachable(name) if p.kind != "RespondPage"]
    assert len(shown) >= 4
    for page in shown:
        result = anonymous.get(page.url)
        if page.login:
            assert result.code == 303, page
            assert result.header("Location") == f"/login?next={page.url}", page
        else:
            assert result.code == 200, page
        as_user = user.get(page.url)
        assert as_user.code == (403 if page.role == "admin" else 200), page
        as_admin = admin.get(page.url)
        assert as_admin.code == 200, page
        if page.kind == "TemplatePage":
            for text in (as_user.text, as_admin.text):
                assert "Warning:" not in text, (page, re.findall(r"Warning:[^<]*", text))
                assert 'data-status="error"' not in text, page


@pytest.mark.parametrize("name", NAMES)
def test_every_responder_has_a_scenario(name):
    """A responder added to the project without a test of what it does fails here."""
    scenarios = importlib.import_module(SCENARIOS[name]).ACTIONS
    responders = {p.url for p in reachable(name, "RespondPage")}
    assert responders == set(scenarios), "responders without scenario: " \
        f"{sorted(responders - set(scenarios))}; scenarios without responder: {sorted(set(scenarios) - responders)}"


@pytest.mark.parametrize("name", NAMES)
def test_every_responder_refuses_who_may_not_use_it(name, appliance):
    app = appliance(name)
    anonymous, user = app.client(), app.login(USER)
    anonymous.prime("/login")
    for page in reachable(name, "RespondPage"):
        result = anonymous.post(page.url, {"csrf_token": anonymous.token})
        if page.login:
            assert result.code == 303 and result.header("Location").startswith("/login?"), page
        if page.role == "admin":
            assert user.post(page.url, {"csrf_token": user.token}).code == 403, page
        # a form post without the CSRF token never gets to the responder
        assert user.post(page.url, {}).code in (303, 403), page


@pytest.mark.parametrize("name", NAMES)
def test_every_form_posts_to_a_responder_or_the_device_api(name, appliance):
    app = appliance(name)
    admin = app.login(ADMIN)
    responders = {p.url for p in reachable(name, "RespondPage")}
    devices = set(app.hardware.names)
    seen = set()
    for page in reachable(name, "TemplatePage"):
        for action, method, fields in forms(admin.get(page.url).text):
            assert method == "post", (page, action)
            assert fields.get("csrf_token"), (page, action)
            if action.startswith("/api/devices/"):
                assert action.rsplit("/", 1)[1] in devices
                assert fields.get("next") == page.url
            else:
                assert action in responders, (page, action)
                assert fields.get("ident"), (page, action)
            seen.add(action)
    assert responders <= seen | {"/login_check"}


@pytest.mark.parametrize("name", NAMES)
def test_pages_carry_the_stylesheets_and_no_inline_script(name, appliance):
    app = appliance(name)
    admin = app.login(ADMIN)
    for page in reachable(name, "TemplatePage"):
        text = admin.get(page.url).text
        assert 'name="viewport" content="width=device-width, initial-scale=1"' in text
        assert "/lib/css/skipole.css" in text and "/appliance.css" in text
        assert re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)", text) is None, page


@pytest.mark.parametrize("name", NAMES)
def test_the_stylesheet_keeps_tap_targets_and_the_page_width(name, appliance):
    css = appliance(name).client().get("/appliance.css")
    assert css.code == 200 and css.content_type.startswith("text/css")
    text = css.text
    assert "overflow-x: hidden" in text                     # never a sideways scroll
    assert "min-height: var(--sk-tap)" in text              # 44 px targets for the nav and folds


@pytest.mark.parametrize("name", NAMES)
def test_the_simulated_pins_notice_shows_on_the_mock_backend(name, appliance):
    app = appliance(name)
    assert "Simulated pins" in app.client().get("/").text
    admin = app.login(ADMIN)
    first = next(p.url for p in reachable(name, "TemplatePage") if p.login)
    assert "Simulated pins" in admin.get(first).text


@pytest.mark.parametrize("name", NAMES)
def test_logout_is_a_post_that_ends_the_session(name, appliance):
    app = appliance(name)
    admin = app.login(ADMIN)
    protected = next(p.url for p in reachable(name, "TemplatePage") if p.login)
    page = admin.get(protected)
    assert admin.get("/logout").code == 405
    assert admin.get(protected).code == 200
    result = admin.submit("/logout", {}, ident=page.ident_field)
    assert result.code == 200 and "Log in" in result.text
    assert admin.get(protected).code == 303
    assert app.app.security.sessions.count(ADMIN) == 0
