"""Backup and restore: the whole project as one ``.tar.gz`` (never users, sessions, tokens or
the secret key), and loading such a file back, checked first, as a new published version."""

import datetime

from ...request import UploadedFile
from ...response import Response
from ..errors import AdminError, Conflict, PublishRefused
from . import html
from .html import url
from .site import conflict_page, refused_page

__all__ = ["backup_screen", "backup_action", "restore_action"]


def backup_screen(visit, message=""):
    status = visit.status
    download = visit.action_form("", html.checkbox(
        "include_state", "Include the device state", False,
        "Output values, device settings and history. Passwords, sessions, API tokens and the secret key are "
        "never included."), "Download backup", action="/backup", button_cls="sa-primary")
    inner = (html.field("Backup file (.tar.gz)", '<input type="file" name="archive" accept=".gz,.tgz,'
                        'application/gzip" required>')
             + html.checkbox("restore_state", "Also restore the device state in it", False,
                             "Read by the appliance at its next start."))
    if status["has_draft"]:
        inner += html.checkbox("discard_draft", "Throw away my unpublished draft", False,
                               "Needed while you have unpublished changes.")
    restore = visit.action_form("", inner, "Check and restore", action="/restore", multipart=True,
                                button_cls="sa-danger")
    notice = html.notice(message, "error") if message else ""
    help_html = html.help_box(
        "A backup holds the published project (its pages, texts and defaults) and hardware.toml, so it can "
        "rebuild this appliance's site. Restoring checks the file first; it then becomes a new published "
        "version, so the History can still take you back.", open_=True)
    return visit.page("Backup and restore", notice + html.card(download, "Download")
                      + html.card(restore, "Restore from a file"), crumbs=[(None, "Backup")], help_html=help_html)


def backup_action(visit):
    include = visit.field("include_state") in ("1", "true", "on")
    data = visit.store.backup(include_state=include)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    name = f"{visit.store.name}-backup-{stamp}.tar.gz"
    return Response(data, "200 OK", [("Content-Disposition", f'attachment; filename="{name}"'),
                                     ("Cache-Control", "no-store")], "application/gzip")


def restore_action(visit):
    archive = next((v for k, v in visit.form if k == "archive" and isinstance(v, UploadedFile)), None)
    if archive is None or not archive.data:
        return backup_screen(visit, "Choose a backup file first.")
    try:
        done = visit.store.restore(archive.data, visit.field("version"), by=visit.user,
                                   discard_draft=visit.field("discard_draft") in ("1", "true", "on"),
                                   restore_state=visit.field("restore_state") in ("1", "true", "on"))
    except PublishRefused as exc:
        return backup_screen(visit, f"{exc}: " + "; ".join(p["message"] for p in exc.errors[:5]))
    except Conflict as exc:
        return conflict_page(visit, exc)
    except AdminError as exc:
        if exc.field == "discard_draft":
            return refused_page(visit, exc)
        return backup_screen(visit, f"This file cannot be restored: {exc}")
    note = f"Restored: the live site shows the backup now (history #{done['entry']})."
    if done.get("callback_error"):
        note += f" The running site could not load it ({done['callback_error']}): restart the service."
    visit.site.flash(visit, note)
    return visit.redirect(url("/history"))

