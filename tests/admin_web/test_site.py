"""skiadmin's gatekeeping (skipole/admin/web/site.py): login and the admin role for everything,
CSRF and POST for every change, the draft version on every change, and what a refused or
conflicting change shows."""

import pytest

from skipole.loading import load_project
from tests.admin_web.conftest import find_form, press, send

SCREENS = ["/skiadmin", "/skiadmin/site", "/skiadmin/page?item=1", "/skiadmin/tree?page=1&root=body",
           "/skiadmin/hardware", "/skiadmin/publish", "/skiadmin/history", "/skiadmin/backup",
           "/skiadmin/view?page=1", "/skiadmin/preview/index"]


@pytest.mark.parametrize("path", SCREENS)
def test_without_login_every_screen_sends_to_the_login_page(anon_client, path):
    result = anon_client.get(path)
    assert result.code == 303
    location = result.header("Location")
    assert location.startswith("/auth/login?next=/skiadmin")
    assert "index" in location or "?" not in path or "%3F" in location or "page" in location


def test_the_login_page_returns_to_the_admin_screen_asked_for(admin_site):
    client = admin_site.client()
    location = client.get("/skiadmin/page?item=1").header("Location")
    client.get(location)
    done = client.post("/auth/login", {"username": "boss", "password": "correct horse battery",
                                       "next": "/skiadmin/page?item=1", "csrf_token": client.token})
    assert done.header("Location") == "/skiadmin/page?item=1"
    assert client.get("/skiadmin/page?item=1").code == 200


@pytest.mark.parametrize("path", SCREENS)
def test_a_user_without_the_admin_role_is_refused(user_client, path):
    result = user_client.get(path)
    assert result.code == 403
    assert "admin role" in result.text and "viewer" in result.text


def test_changes_are_refused_without_login_or_role(admin_site, anon_client, user_client):
    before = admin_site.store.version
    result = anon_client.post("/skiadmin/apply", {"op": "set_project_brief", "s:brief": "x", "version": before})
    assert result.code == 303 and result.header("Location") == "/auth/login?next=/skiadmin"
    user_client.get("/auth/login")
    result = user_client.post("/skiadmin/apply", {"op": "set_project_brief", "s:brief": "x", "version": before,
                                                  "csrf_token": user_client.token})
    assert result.code == 403
    assert admin_site.store.version == before and not admin_site.store.status()["has_draft"]


def test_an_api_token_cannot_use_the_admin(admin_site):
    token = admin_site.app.security.tokens.create("script", "admin")
    client = admin_site.client()
    result = client.get("/skiadmin", headers={"Authorization": f"Bearer {token}"})
    assert result.code == 403 and "browser login" in result.text
    result = client.post("/skiadmin/apply", {"op": "set_project_brief", "s:brief": "x", "version": 0},
                         headers={"Authorization": f"Bearer {token}"})
    assert result.code == 403
    assert admin_site.store.version == 0


def test_a_change_without_the_csrf_token_is_refused(admin_client, admin_site):
    admin_client.screen("/skiadmin/settings")
    result = admin_client.post("/skiadmin/apply", {"op": "set_project_brief", "s:brief": "forged",
                                                   "version": admin_client.version(), "back": "/skiadmin"})
    assert result.code == 403 and "out of date" in result.text
    result = admin_client.post("/skiadmin/apply", {"op": "set_project_brief", "s:brief": "forged",
                                                   "version": admin_client.version(), "csrf_token": "0" * 32})
    assert result.code == 403
    assert not admin_site.store.status()["has_draft"]
    assert "forged" not in admin_client.screen("/skiadmin/settings").text


def test_the_csrf_token_in_the_query_string_does_not_count(admin_client, admin_site):
    admin_client.screen("/skiadmin")
    result = admin_client.post(f"/skiadmin/apply?csrf_token={admin_client.token}",
                               {"op": "set_project_brief", "s:brief": "forged", "version": 0})
    assert result.code == 403
    assert not admin_site.store.status()["has_draft"]


@pytest.mark.parametrize("path", ["/skiadmin/apply", "/skiadmin/discard", "/skiadmin/revert", "/skiadmin/restore",
                                  "/skiadmin/device"])
def test_a_get_never_changes_anything(admin_client, admin_site, path):
    result = admin_client.get(path, {"op": "set_project_brief", "s:brief": "by GET", "version": 0,
                                     "csrf_token": admin_client.token or "", "entry": 1, "confirm": "yes"})
    assert result.code == 405 and result.header("Allow") == "POST"
    assert admin_site.store.version == 0 and not admin_site.store.status()["has_draft"]


def test_a_post_to_a_screen_is_refused(admin_client):
    admin_client.screen("/skiadmin")
    result = admin_client.post("/skiadmin/site", {"csrf_token": admin_client.token})
    assert result.code == 405


def test_unknown_addresses_and_operations(admin_client):
    assert admin_client.get("/skiadmin/nowhere").code == 404
    result = admin_client.apply("no_such_operation")
    assert result.code == 400 and "no change called" in result.text
    assert admin_client.get("/skiadmin/page?item=9999").code == 404


def test_a_stale_version_shows_the_conflict_page_and_loses_nothing(admin_client, admin_site):
    screen = admin_client.screen("/skiadmin/settings")
    form = find_form(screen.text, "Save", op="set_project_brief")
    # someone else changes the draft in between
    admin_site.store.apply("set_project_version", admin_site.store.version, by="alice", version="2.0")
    result = send(admin_client, form, {"s__brief": "My brief"})
    assert result.code == 409
    assert "Someone else changed the draft" in result.text
    assert "alice" in result.text and "My brief" in result.text
    assert admin_site.store.query("project_info")["result"]["brief"] != "My brief"
    again = find_form(result.text, "Apply my change to the current draft")
    done = send(admin_client, again)
    assert done.code == 303
    info = admin_site.store.query("project_info")["result"]
    assert info["brief"] == "My brief" and info["version"] == "2.0"


def test_a_refused_change_gives_the_input_back(admin_client, admin_site):
    result = press(admin_client, "/skiadmin/folder?item=0", "Create folder", {"s__name": "bad name!"},
                   follow=False)
    assert result.code == 400
    assert "Not changed" in result.text and "bad name!" in result.text
    retry = find_form(result.text, "Try again")
    done = send(admin_client, retry, {"s__name": "goodname"})
    assert done.code == 303
    assert "goodname" in admin_client.get(done.header("Location")).text


def test_everything_shown_is_escaped(admin_client, admin_site):
    press(admin_client, "/skiadmin/settings", "Save", {"s__brief": "<script>alert(1)</script>"},
          op="set_project_brief")
    for path in ("/skiadmin", "/skiadmin/settings"):
        text = admin_client.screen(path).text
        assert "<script>alert(1)</script>" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_the_return_address_stays_in_the_admin(admin_client):
    for back in ("https://evil.example/", "//evil.example/x", "/elsewhere"):
        result = admin_client.apply("set_project_brief", back=back, s__brief="ok")
        assert result.code == 303 and result.header("Location") == "/skiadmin"


def test_the_admin_marks_unpublished_changes_on_every_screen(admin_client):
    assert "Published, no changes" in admin_client.screen("/skiadmin/site").text
    admin_client.apply("set_project_brief", s__brief="changed")
    text = admin_client.screen("/skiadmin/site").text
    assert "Draft: 1 unpublished change" in text


def test_static_files_are_served_and_nothing_else(admin_client, anon_client):
    css = anon_client.get("/skiadmin/static/admin.css")
    assert css.code == 200 and css.content_type.startswith("text/css")
    assert anon_client.get("/skiadmin/static/admin.js").content_type.startswith("text/javascript")
    assert anon_client.get("/skiadmin/static/../site.py").code == 404
    assert anon_client.get("/skiadmin/static/site.py").code == 404


ALL_SCREENS = SCREENS[:-1] + [
    "/skiadmin/settings", "/skiadmin/folder?item=10", "/skiadmin/page?item=3", "/skiadmin/page?item=4",
    "/skiadmin/new?folder=0", "/skiadmin/element?page=1&loc=body-1", "/skiadmin/element?page=1&loc=body-2",
    "/skiadmin/insert?page=1&at=body-2", "/skiadmin/insert/widget?page=1&at=body-2&module=pi&class=pi.Switch",
    "/skiadmin/sections", "/skiadmin/section?name=nav", "/skiadmin/tree?section=nav", "/skiadmin/labels",
    "/skiadmin/textblocks", "/skiadmin/textblock?ref=greeting", "/skiadmin/defaults",
    "/skiadmin/hardware/add?device=relay1&page=1", "/skiadmin/bind?page=1&loc=body-1&field=para_text"]


@pytest.mark.parametrize("path", ALL_SCREENS)
def test_every_screen_is_phone_ready_and_carries_its_help(admin_client, path):
    text = admin_client.screen(path).text
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in text
    assert "<table" not in text
    assert '<details class="sa-help"' in text


def test_the_admin_is_off_unless_the_setting_is_on(admin_site):
    app = load_project(admin_site.projdir, state_dir=str(admin_site.state), admin=False,
                       hardware=admin_site.rig.hardware, environ={})
    assert app.admin is None
    from tests.core.projects import Client
    assert Client(app).get("/skiadmin").code == 404
