"""Pieces several screens share: walking the site tree, and the links from an edit screen to
the page it edits (on the live site, and its preview of the draft)."""

from . import html
from .html import esc, url

__all__ = ["flatten", "folders_of", "template_pages", "live_url", "page_bar", "page_kind_name", "KIND_NAMES",
           "item_crumbs"]

KIND_NAMES = {"folder": "Folder", "TemplatePage": "Template page", "RespondPage": "Responder", "CSS": "CSS page",
              "SVG": "SVG image", "JSON": "JSON page", "FilePage": "File page"}


def page_kind_name(kind):
    return KIND_NAMES.get(kind, kind)


def flatten(tree):
    """Every row of a ``site_tree`` answer (folders and pages), in tree order."""
    out = [tree]
    for page in tree.get("pages", ()):
        out.append(page)
    for folder in tree.get("folders", ()):
        out.extend(flatten(folder))
    return out


def folders_of(tree):
    return [row for row in flatten(tree) if row["kind"] == "folder"]


def template_pages(tree):
    return [row for row in flatten(tree) if row["kind"] == "TemplatePage"]


def live_url(visit, path):
    """The address of ``path`` (a page's path in the project) on the live site."""
    return visit.app.url.rstrip("/") + path


def page_bar(visit, info, *, tree_root=None):
    """Links from an edit screen to its page: the live site, the preview, the page's screens."""
    ident = info["ident"]
    links = [html.button_link(url("/page", item=ident), "Page settings")]
    for root in info.get("trees") or ():
        if root != tree_root:
            links.append(html.button_link(url("/tree", page=ident, root=root), f"Edit {root}"))
    if info["kind"] in ("TemplatePage", "SVG", "CSS", "JSON", "FilePage"):
        links.append(html.button_link(url("/view", page=ident), "Preview draft", "sa-primary"))
    live = live_url(visit, info["path"])
    links.append(f'<a class="sa-btn" href="{esc(live)}" target="_blank" rel="noopener">Live page &#8599;</a>')
    return f'<div class="sa-bar sa-pagebar">{"".join(links)}</div>'


def item_crumbs(visit, ident, last=None):
    """Crumbs for the screens of a page or folder: Pages > folder > page > last."""
    crumbs = [(url("/site"), "Pages")]
    info = visit.q("item_info", item=ident)
    path = info["path"]
    target = url("/folder" if info["kind"] == "folder" else "/page", item=ident)
    crumbs.append((target if last else None, path))
    if last:
        crumbs.append((None, last))
    return crumbs, info
