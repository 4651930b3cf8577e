"""The project screens (skipole/admin/web/project.py): settings, publishing (refused while
the draft has errors), discarding the draft, and the history with one-click revert."""

from tests.admin_web.conftest import find_form, press, send
from tests.core.projects import Client


def test_project_settings_are_changed_through_the_forms(admin_client, admin_site):
    done = press(admin_client, "/skiadmin/settings", "Save", {"s__brief": "Greenhouse"}, op="set_project_brief")
    assert "Set project brief: done" in done.text and "Greenhouse" in done.text
    press(admin_client, "/skiadmin/settings", "Save", {"s__version": "3.1"}, op="set_project_version")
    press(admin_client, "/skiadmin/settings", "Save", {"s__language": "fr"}, op="set_default_language")
    info = admin_site.store.query("project_info")["result"]
    assert (info["brief"], info["version"], info["default_language"]) == ("Greenhouse", "3.1", "fr")
    # the draft only: the published project is unchanged
    assert "Greenhouse" not in (admin_site.projdir / "data" / "project.json").read_text()


def test_publish_makes_the_draft_live_at_once(admin_client, admin_site):
    visitor = Client(admin_site.app)
    assert "Hello" in visitor.get("/index").text
    admin_client.apply("set_widget_field", s__page="1", s__location="body-1", s__field="para_text",
                       **{"t__value": "Hello from the draft"})
    assert "Hello from the draft" not in visitor.get("/index").text
    screen = admin_client.screen("/skiadmin/publish")
    assert "no errors" in screen.text
    done = send(admin_client, find_form(screen.text, "Publish now"), {"note": "new greeting"})
    assert done.code == 303 and done.header("Location") == "/skiadmin/history"
    history = admin_client.get("/skiadmin/history").text
    assert "Published: the live site now shows the new version" in history
    assert "new greeting" in history and "live now" in history
    assert "Hello from the draft" in visitor.get("/index").text
    assert "Hello from the draft" in (admin_site.projdir / "data" / "project.json").read_text()
    assert not admin_site.store.status()["has_draft"]


def test_publish_is_refused_while_the_draft_has_errors(admin_client, admin_site):
    admin_client.apply("set_responder_args", s__page="3", z__target_ident="formpage")
    admin_client.apply("delete_label", s__label="formpage")
    screen = admin_client.screen("/skiadmin/publish")
    assert "1 error(s)" in screen.text and "formpage" in screen.text
    assert 'href="/skiadmin/page?item=3"' in screen.text
    result = send(admin_client, find_form(screen.text, "Publish now"))
    assert result.code == 409 and "nothing was published" in result.text
    assert admin_site.store.status()["has_draft"]
    assert "formpage" in (admin_site.projdir / "data" / "project.json").read_text()


def test_publish_with_a_stale_version_shows_the_conflict_page(admin_client, admin_site):
    admin_client.apply("set_project_brief", s__brief="one")
    screen = admin_client.screen("/skiadmin/publish")
    admin_site.store.apply("set_project_version", admin_site.store.version, by="alice", version="9")
    result = send(admin_client, find_form(screen.text, "Publish now"), {"note": "mine"})
    assert result.code == 409 and "Someone else changed the draft" in result.text
    done = send(admin_client, find_form(result.text, "Apply my change to the current draft"))
    assert done.code == 303
    assert '"version": "9"' in (admin_site.projdir / "data" / "project.json").read_text().replace('"version":"9"',
                                                                                                  '"version": "9"')


def test_discarding_the_draft_needs_a_confirmation(admin_client, admin_site):
    admin_client.apply("set_project_brief", s__brief="temporary")
    screen = admin_client.screen("/skiadmin/publish")
    form = find_form(screen.text, "Throw the draft away")
    refused = send(admin_client, form)
    assert refused.code == 400 and "Tick the box" in refused.text
    assert admin_site.store.status()["has_draft"]
    done = send(admin_client, form, {"confirm": True})
    assert done.code == 303
    assert not admin_site.store.status()["has_draft"]
    assert "temporary" not in admin_client.get("/skiadmin/settings").text


def test_history_reverts_in_one_click(admin_client, admin_site):
    visitor = Client(admin_site.app)
    for text in ("First text", "Second text"):
        admin_client.apply("set_widget_field", s__page="1", s__location="body-1", s__field="para_text",
                           t__value=text)
        press(admin_client, "/skiadmin/publish", "Publish now")
    assert "Second text" in visitor.get("/index").text
    history = admin_client.screen("/skiadmin/history").text
    entries = [e["id"] for e in admin_site.store.history()]
    assert len(entries) == 3          # as found, first, second
    done = send(admin_client, find_form(history, f"Go back to #{entries[1]}"))
    assert done.code == 303
    assert "First text" in visitor.get("/index").text
    assert "shows version" in admin_client.get("/skiadmin/history").text
    # and back to the very first version
    history = admin_client.screen("/skiadmin/history").text
    send(admin_client, find_form(history, f"Go back to #{entries[2]}"))
    assert "Hello" in visitor.get("/index").text and "First text" not in visitor.get("/index").text


def test_revert_with_unpublished_changes_asks_to_discard_them(admin_client, admin_site):
    admin_client.apply("set_project_brief", s__brief="published")
    press(admin_client, "/skiadmin/publish", "Publish now")
    admin_client.apply("set_project_brief", s__brief="draft only")
    history = admin_client.screen("/skiadmin/history").text
    first = admin_site.store.history()[-1]["id"]
    form = find_form(history, f"Go back to #{first}")
    refused = send(admin_client, form)
    assert refused.code == 400 and "unpublished changes" in refused.text
    done = send(admin_client, form, {"b__discard_draft": True})
    assert done.code == 303
    assert not admin_site.store.status()["has_draft"]


def test_home_lists_the_pages_and_the_places(admin_client):
    text = admin_client.screen("/skiadmin").text
    for words in ("Pages and folders", "Hardware", "History and undo", "Backup and restore"):
        assert words in text
    assert 'href="/skiadmin/tree?page=1&amp;root=body"' in text
    assert "/system/validate_error" not in text       # pages of a restricted folder are not "seen"


def test_the_project_address_is_set(admin_client, admin_site):
    press(admin_client, "/skiadmin/settings", "Save", {"s__url": "/garden"}, op="set_project_url")
    assert admin_site.store.query("project_info")["result"]["url"] == "/garden"
    refused = press(admin_client, "/skiadmin/settings", "Save", {"s__url": "no slash"}, op="set_project_url",
                    follow=False)
    assert refused.code == 400 and "not a URL path" in refused.text
