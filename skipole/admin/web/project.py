"""The project as a whole: the admin's home, the project settings, publishing the draft,
throwing it away, and the history of published versions with one-click revert."""

from ..errors import AdminError, Conflict, PublishRefused
from . import html
from .common import folders_of, live_url, template_pages
from .html import esc, url
from .site import conflict_page, refused_page

__all__ = ["home", "settings", "publish_screen", "publish_action", "discard_action", "history", "revert_action"]


PLACES = (
    ("/site", "Pages and folders", "Add, rename, move and delete pages and folders; edit what is on a page."),
    ("/hardware", "Hardware", "Your devices: rename them, choose how they start, put a switch or reading on "
                              "a page."),
    ("/sections", "Sections", "Blocks (a header, a footer) shared by many pages."),
    ("/textblocks", "Texts", "Texts in each language, looked up by name (TextBlocks)."),
    ("/labels", "Labels", "Short names for pages, used in links and by skipole itself."),
    ("/defaults", "Widget defaults", "Styles and links every new page or widget starts with."),
    ("/settings", "Project settings", "The project's description, version, language and address."),
    ("/publish", "Publish", "Check your changes and make them live."),
    ("/history", "History and undo", "Every published version: go back to any of them."),
    ("/backup", "Backup and restore", "Download the whole project as one file, or load one."),
)


def home(visit):
    info = visit.q("project_info")
    tree = visit.q("site_tree")
    status = visit.status
    if status["has_draft"]:
        d = status["draft"] or {}
        state = (f"<p>You have <strong>{esc(d.get('edits', 0))} unpublished change(s)</strong> in the draft. "
                 "Visitors still see the published site until you publish.</p>"
                 f'<div class="sa-bar">{html.button_link(url("/publish"), "Check and publish", "sa-primary")}</div>')
    else:
        state = ("<p>No unpublished changes: what you edit goes into a <strong>draft</strong> first; visitors "
                 "see it only after you press <strong>Publish</strong>.</p>")
    places = "".join(f'<li><a class="sa-place" href="{esc(url(p))}"><strong>{esc(t)}</strong>'
                     f"<small>{esc(h)}</small></a></li>" for p, t, h in PLACES)
    pages = []
    hidden = [f["path"] for f in folders_of(tree) if f.get("restricted")]
    for row in template_pages(tree):
        if any(row["path"].startswith(h) for h in hidden):
            continue
        pages.append(f'<li class="sa-row"><a href="{esc(url("/page", item=row["ident"]))}"><strong>'
                     f'{esc(row["path"])}</strong></a> <small>{esc(row["brief"])}</small>'
                     f'<span class="sa-row-links"><a href="{esc(url("/tree", page=row["ident"], root="body"))}">Edit '
                     f'body</a> <a href="{esc(url("/view", page=row["ident"]))}">Preview</a> '
                     f'<a href="{esc(live_url(visit, row["path"]))}" target="_blank" rel="noopener">Live</a>'
                     "</span></li>")
    body = (html.card(state, "Draft")
            + html.card(f'<ul class="sa-places">{places}</ul>', "What would you like to do?")
            + html.card(f'<ul class="sa-list">{"".join(pages)}</ul>', "Pages people see")
            + html.card(html.kv_list([("Project", info["name"]), ("Description", info["brief"]),
                                      ("Version", info["version"]), ("Pages", info["pages"]),
                                      ("Folders", info["folders"]), ("Languages", ", ".join(info["languages"]))]),
                        "This project"))
    help_html = html.help_box(
        "This is skiadmin: it changes the pages of this appliance without programming. Every change goes into "
        "a <strong>draft</strong>. Use <strong>Preview</strong> to see the draft, then <strong>Publish</strong> "
        "to make it live. Every published version is kept: <strong>History</strong> takes you back to any of "
        "them in one step.", "The bar at the top always says whether you have unpublished changes.")
    return visit.page("skiadmin", body, help_html=help_html)


def settings(visit):
    info = visit.q("project_info")
    forms = [
        visit.action_form("set_project_brief", html.text_input("s:brief", "Description", info["brief"],
                                                               "A short description of this project."), "Save"),
        visit.action_form("set_project_version", html.text_input("s:version", "Version", info["version"],
                                                                 "Your own version text, e.g. 1.2."), "Save"),
        visit.action_form("set_default_language", html.text_input(
            "s:language", "Default language", info["default_language"],
            "Language code (en, fr, de-CH...) used when a visitor's language has no text."), "Save"),
        visit.action_form("set_project_url", html.text_input(
            "s:url", "Address", info["url"], "Where the project is served: / normally. It is used when "
            "this project is mounted under another one; the running appliance keeps its address until restarted."),
            "Save"),
    ]
    body = html.card("".join(forms), "Project settings") + html.card(
        html.kv_list([("Name", info["name"]), ("Ident", info["ident"]), ("Address", info["url"]),
                      ("Sections", info["sections"]), ("Labels", info["labels"])]), "Facts")
    help_html = html.help_box("These settings describe the whole project. Like every change they go into the "
                              "draft and take effect when you publish.")
    return visit.page("Project settings", body, crumbs=[(None, "Settings")], help_html=help_html)


def _problem_html(p):
    where = p.get("where", "")
    link = ""
    if p.get("ident") is not None and p.get("location"):
        link = f' <a href="{esc(url("/element", page=p["ident"], loc=p["location"]))}">Fix</a>'
    elif p.get("ident") is not None:
        link = f' <a href="{esc(url("/page", item=p["ident"]))}">Open</a>'
    elif p.get("section") and p.get("location"):
        link = f' <a href="{esc(url("/element", section=p["section"], loc=p["location"]))}">Fix</a>'
    level = "error" if p["level"] == "error" else "warn"
    return (f'<li class="sa-problem sa-{level}"><strong>{"Error" if level == "error" else "Warning"}</strong> '
            f"{esc(where)}: {esc(p.get('message', ''))}{link}</li>")


def publish_screen(visit, problems=None, message="", status_code="200 OK"):
    status = visit.status
    if problems is None:
        problems = visit.store.validate()
    errors = [p for p in problems if p["level"] == "error"]
    warnings = [p for p in problems if p["level"] != "error"]
    parts = []
    if message:
        parts.append(html.notice(message, "error"))
    if not status["has_draft"]:
        parts.append(html.card("<p>There is nothing to publish: the draft has no changes. Edit something first, "
                               "or go back to an earlier version in the History.</p>", "Nothing to publish"))
    else:
        d = status["draft"] or {}
        last = d.get("last_edit") or {}
        summary = html.kv_list([("Unpublished changes", d.get("edits", 0)), ("Draft started (UTC)", d.get("created")),
                                ("Last change", f"{(last.get('op') or '').replace('_', ' ')} by "
                                                f"{last.get('by') or '?'} at {last.get('time', '')}")])
        if errors:
            check = (f'<p>The draft has <strong>{len(errors)} error(s)</strong>: they must be fixed before it can '
                     "be published (a broken page must never go live).</p>")
        else:
            check = "<p>The check found no errors.</p>"
        inner = html.text_input("note", "Note (optional)", "", "What changed, for the history list.")
        if d.get("base_changed"):
            inner += html.checkbox("b:force", "Publish over it", False,
                                   "The published project was changed outside skiadmin since this draft began. "
                                   "Tick to replace it with the draft anyway.")
        form = visit.action_form("", inner, "Publish now", action="/publish", button_cls="sa-primary sa-big")
        discard = visit.action_form("", "", "Throw the draft away", action="/discard", button_cls="sa-danger",
                                    confirm="Yes, throw away all unpublished changes")
        parts.append(html.card(summary + check + form, "Publish the draft"))
        parts.append(html.card("<p>Throwing the draft away forgets every unpublished change; the live site "
                               "stays as it is.</p>" + discard, "Discard"))
    if problems:
        items = "".join(_problem_html(p) for p in errors + warnings)
        parts.append(html.card(f'<ul class="sa-problems">{items}</ul>',
                               f"Check: {len(errors)} error(s), {len(warnings)} warning(s)"))
    help_html = html.help_box(
        "Publishing checks the whole draft (pages that link to missing pages, missing sections, bad field "
        "values...) and then saves it in one safe step: a power cut at any moment leaves either the old or the "
        "new version, never a mix. The site changes at once; visitors see the new pages on their next load.",
        "Warnings do not stop a publish; errors do.", open_=True)
    return visit.page("Publish", "".join(parts), crumbs=[(None, "Publish")], help_html=help_html,
                      status=status_code)


def publish_action(visit):
    try:
        done = visit.store.publish(visit.field("version"), visit.field("note"), by=visit.user,
                                   force=visit.field("b:force") in ("1", "true"))
    except PublishRefused as exc:
        return publish_screen(visit, exc.problems, str(exc) + ": nothing was published.", "409 Conflict")
    except Conflict as exc:
        return conflict_page(visit, exc)
    except AdminError as exc:
        return refused_page(visit, exc)
    note = f"Published: the live site now shows the new version (history #{done['entry']})."
    if done.get("callback_error"):
        note += f" But the running site could not load it ({done['callback_error']}): restart the service."
    visit.site.flash(visit, note, "done" if not done.get("callback_error") else "error")
    return visit.redirect(url("/history"))


def discard_action(visit):
    if visit.field("confirm") != "yes":
        return refused_page(visit, AdminError("Tick the box to confirm, then press the button again."))
    try:
        visit.store.discard_draft(visit.field("version"), by=visit.user)
    except Conflict as exc:
        return conflict_page(visit, exc)
    except AdminError as exc:
        return refused_page(visit, exc)
    visit.site.flash(visit, "The draft was thrown away: you are editing the published version again.")
    return visit.redirect(url("/"))


def history(visit):
    entries = visit.store.history()
    status = visit.status
    items = []
    for e in entries:
        kind = {"publish": "Published", "revert": "Reverted", "restore": "Restored from a backup",
                "found": "Found on disk"}.get(e.get("kind"), e.get("kind"))
        current = html.badge("live now", "sa-badge-live") if e.get("current") else ""
        action = ""
        if not e.get("current"):
            inner = html.hidden("entry", e["id"])
            if status["has_draft"]:
                inner += html.checkbox("b:discard_draft", "Also throw away my unpublished draft", False,
                                       "Needed while you have unpublished changes.")
            action = visit.action_form("", inner, f"Go back to #{e['id']}", action="/revert",
                                       button_cls="sa-primary")
        items.append(f'<li class="sa-card sa-entry"><h3>#{esc(e["id"])} {esc(kind)} {current}</h3>'
                     + html.kv_list([("When (UTC)", e.get("time")), ("By", e.get("by") or "\u2014"),
                                     ("Note", e.get("note") or "")]) + action + "</li>")
    if not items:
        items.append('<li class="sa-card"><p>Nothing has been published with skiadmin yet.</p></li>')
    help_html = html.help_box(
        "Every publish is kept here (the newest 20). Pressing <strong>Go back</strong> publishes that version "
        "again at once; it becomes a new entry of the list, so you can undo the undo.", open_=True)
    return visit.page("History", f'<ol class="sa-entries">{"".join(items)}</ol>', crumbs=[(None, "History")],
                      help_html=help_html)


def revert_action(visit):
    try:
        done = visit.store.revert(visit.field("entry"), visit.field("version"), by=visit.user,
                                  discard_draft=visit.field("b:discard_draft") in ("1", "true"))
    except PublishRefused as exc:
        return refused_page(visit, AdminError(str(exc) + ": " + "; ".join(p["message"] for p in exc.errors[:5])))
    except Conflict as exc:
        return conflict_page(visit, exc)
    except AdminError as exc:
        return refused_page(visit, exc)
    visit.site.flash(visit, f"Done: the live site shows version #{visit.field('entry')} again "
                            f"(recorded as #{done['entry']}).")
    return visit.redirect(url("/history"))

