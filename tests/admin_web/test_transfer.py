"""Backup and restore through the admin (skipole/admin/web/transfer.py)."""

import io
import tarfile

from tests.admin_web.conftest import find_form, press, send
from tests.core.projects import Client


def names(data):
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        return tar.getnames()


def test_a_backup_is_downloaded_without_secrets(admin_client, admin_site):
    result = press(admin_client, "/skiadmin/backup", "Download backup", {"include_state": True}, follow=False)
    assert result.code == 200 and result.content_type == "application/gzip"
    assert result.header("Content-Disposition").startswith('attachment; filename="adminproj-backup-')
    members = names(result.body)
    assert any(n.endswith("project.json") for n in members) and any(n.endswith("hardware.toml") for n in members)
    for secret in ("users", "sessions", "tokens", "secret_key"):
        assert not any(secret in n for n in members), members


def test_a_backup_needs_a_post_with_the_token(admin_client):
    assert admin_client.get("/skiadmin/backup").code == 200          # the screen, not the file
    assert admin_client.post("/skiadmin/backup", {}).code == 403


def test_a_backup_is_restored_as_a_new_version(admin_client, admin_site):
    backup = press(admin_client, "/skiadmin/backup", "Download backup", follow=False).body
    admin_client.apply("set_widget_field", s__page="1", s__location="body-1", s__field="para_text",
                       t__value="Changed later")
    press(admin_client, "/skiadmin/publish", "Publish now")
    assert "Changed later" in Client(admin_site.app).get("/index").text
    done = press(admin_client, "/skiadmin/backup", "Check and restore", files={"archive": ("b.tar.gz", backup)})
    assert "Restored: the live site shows the backup now" in done.text
    assert "Changed later" not in Client(admin_site.app).get("/index").text
    assert admin_site.store.history()[0]["kind"] == "restore"


def test_a_bad_file_is_refused_and_nothing_changes(admin_client, admin_site):
    before = (admin_site.projdir / "data" / "project.json").read_bytes()
    result = press(admin_client, "/skiadmin/backup", "Check and restore",
                   files={"archive": ("b.tar.gz", b"not an archive")}, follow=False)
    assert result.code == 200 and "cannot be restored" in result.text
    assert (admin_site.projdir / "data" / "project.json").read_bytes() == before


def test_restoring_over_a_draft_asks_to_discard_it(admin_client, admin_site):
    backup = press(admin_client, "/skiadmin/backup", "Download backup", follow=False).body
    admin_client.apply("set_project_brief", s__brief="unpublished")
    screen = admin_client.screen("/skiadmin/backup").text
    form = find_form(screen, "Check and restore")
    result = send(admin_client, form, files={"archive": ("b.tar.gz", backup)})
    assert result.code == 400 and "unpublished changes" in result.text
    done = send(admin_client, form, {"discard_draft": True}, files={"archive": ("b.tar.gz", backup)})
    assert done.code == 303 and not admin_site.store.status()["has_draft"]
