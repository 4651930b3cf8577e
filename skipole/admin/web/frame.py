"""The frame around every admin screen: the top bar with the draft's state, the crumbs, the
message left by the last change, the screen's help, and the bottom navigation."""

from .html import BASE, esc, url

__all__ = ["frame", "NAV"]

#: the admin's main places, shown at the bottom of every screen
NAV = (("/", "Home"), ("/site", "Pages"), ("/hardware", "Hardware"), ("/publish", "Publish"),
       ("/history", "History"))


def _draft_chip(visit):
    status = visit.status
    if not status["has_draft"]:
        return f'<a class="sa-chip sa-chip-clean" href="{esc(url("/history"))}">Published, no changes</a>'
    draft = status["draft"] or {}
    n = draft.get("edits", 0)
    return (f'<a class="sa-chip sa-chip-draft" href="{esc(url("/publish"))}">Draft: {n} unpublished '
            f'change{"s" if n != 1 else ""} &middot; Publish</a>')


def frame(visit, title, body, crumbs=(), help_html=""):
    flash = visit.site.take_flash(visit)
    flash_html = ""
    if flash:
        level, text = flash
        flash_html = f'<p class="sa-notice sa-{esc(level)}" role="status">{esc(text)}</p>'
    crumb_html = ""
    if crumbs:
        items = [f'<a href="{BASE}">Admin</a>']
        for href, text in crumbs:
            items.append(f'<a href="{esc(href)}">{esc(text)}</a>' if href else f"<span>{esc(text)}</span>")
        crumb_html = '<nav class="sa-crumbs" aria-label="Where you are">' + " &rsaquo; ".join(items) + "</nav>"
    current = ' aria-current="page"'
    nav = "".join(f'<a href="{esc(url(p))}"{current if visit.sub == p else ""}>{esc(t)}</a>' for p, t in NAV)
    name = visit.store.name
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="{esc(visit.token)}">
<title>{esc(title)} &middot; skiadmin</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{BASE}/static/admin.css">
<script src="{BASE}/static/admin.js" defer></script>
</head><body class="sa">
<header class="sa-top"><a class="sa-brand" href="{BASE}">skiadmin</a>
<span class="sa-proj">{esc(name)} &middot; {esc(visit.user)}</span>
<form method="post" action="/auth/logout" class="sa-logout"><input type="hidden" name="csrf_token" value="{esc(visit.token)}"><input type="hidden" name="next" value="{BASE}"><button type="submit">Log out</button></form>
{_draft_chip(visit)}
</header>
{crumb_html}
<main class="sa-main" id="main">
{flash_html}<h1>{esc(title)}</h1>
{help_html}
{body}
</main>
<nav class="sa-bottom" aria-label="Admin">{nav}</nav>
</body></html>
"""
