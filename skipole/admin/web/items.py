"""Folders and pages: the site tree, a folder's screen, a page's screen with the settings of
its type (Template, Responder, CSS, SVG, JSON, File), and making a new page."""

import json

from . import html
from .common import flatten, folders_of, item_crumbs, live_url, page_bar, page_kind_name
from .html import esc, url
from .trees import doc_html

__all__ = ["site", "folder", "page", "new_page", "export"]


def _folder_options(tree, exclude=None):
    out = []
    for row in folders_of(tree):
        if exclude and (row["path"] == exclude or row["path"].startswith(exclude)) and exclude != "/":
            continue
        out.append((row["ident"], row["path"]))
    return out


def _site_rows(visit, folder, depth=0):
    pages = []
    for p in folder.get("pages", ()):
        kind = page_kind_name(p["kind"]) + (f" ({p['responder']})" if p.get("responder") else "")
        tree_link = ""
        if p["kind"] == "TemplatePage":
            tree_link = f'<a href="{esc(url("/tree", page=p["ident"], root="body"))}">Body</a> '
        pages.append(f'<li class="sa-row"><a href="{esc(url("/page", item=p["ident"]))}"><strong>{esc(p["name"])}'
                     f'</strong></a> <small class="sa-type">{esc(kind)}</small>'
                     f'{"<small> " + esc(p["brief"]) + "</small>" if p.get("brief") else ""}'
                     f'<span class="sa-row-links">{tree_link}<a href="{esc(url("/view", page=p["ident"]))}">Preview</a> '
                     f'<a href="{esc(live_url(visit, p["path"]))}" target="_blank" rel="noopener">Live</a></span></li>')
    subs = "".join(f"<li>{_site_rows(visit, f, depth + 1)}</li>" for f in folder.get("folders", ()))
    flags = ""
    if folder.get("restricted"):
        flags += html.badge("hidden from addresses", "sa-badge-warn")
    if folder.get("access"):
        flags += html.badge("login needed")
    name = folder["path"] if depth == 0 else folder["name"] + "/"
    return (f'<details class="sa-folder" open><summary><strong>{esc(name)}</strong> {flags}</summary>'
            f'<div class="sa-row-links"><a href="{esc(url("/folder", item=folder["ident"]))}">Folder settings</a> '
            f'<a href="{esc(url("/new", folder=folder["ident"]))}">New page here</a></div>'
            f'<ul class="sa-list">{"".join(pages)}{subs}</ul></details>')


def site(visit):
    tree = visit.q("site_tree")
    help_html = html.help_box(
        "All folders and pages of the site. A <strong>Template page</strong> is a page people see; a "
        "<strong>Responder</strong> is not shown itself: it receives a form or a link and passes it on. "
        "Folders marked <em>hidden from addresses</em> are restricted: their pages cannot be opened by typing "
        "their address (a responder shows them).", open_=False)
    return visit.page("Pages and folders", html.card(_site_rows(visit, tree)), crumbs=[(None, "Pages")],
                      help_html=help_html)


def _access_form(visit, info):
    access = info.get("access") or {}
    inner = (html.checkbox("b:login", "Only logged-in users may see it", access.get("login"),
                           "Visitors who are not logged in are sent to the login page.")
             + html.text_input("s:role", "Role needed (optional)", access.get("role", ""),
                               "Leave empty for any logged-in user; e.g. admin."))
    return visit.action_form("set_access", html.hidden("s:item", info["ident"]) + inner, "Save access")


def folder(visit):
    ident = visit.arg("item", "0")
    crumbs, info = item_crumbs(visit, ident)
    tree = visit.q("site_tree")
    is_root = info["ident"] == 0
    item = html.hidden("s:folder", info["ident"])
    parts = []
    contents = [f'<li class="sa-row"><a href="{esc(url("/folder" if r["kind"] == "folder" else "/page", item=r["ident"]))}">'
                f'{esc(r["name"])}{"/" if r["kind"] == "folder" else ""}</a> <small>{esc(page_kind_name(r["kind"]))}'
                "</small></li>"
                for r in flatten(tree) if r.get("ident") != info["ident"] and _parent_path(r) == info["path"]]
    parts.append(html.card(
        html.kv_list([("Address", info["path"]), ("Description", info["brief"]),
                      ("Hidden from addresses", "yes" if info.get("restricted") else "no"),
                      ("Default page", info.get("default_page_name"))])
        + f'<ul class="sa-list">{"".join(contents) or "<li>(empty)</li>"}</ul>'
        + f'<div class="sa-bar">{html.button_link(url("/new", folder=info["ident"]), "New page here", "sa-primary")}'
        f'{html.button_link(url("/export", folder=info["ident"]), "Download as JSON")}</div>', "This folder"))
    settings = []
    if not is_root:
        settings.append(visit.action_form("rename_folder", item + html.text_input(
            "s:name", "Name", info["name"], "Letters, digits, '_', '-' and '.': it is part of the address."),
            "Rename"))
    settings.append(visit.action_form("set_brief", html.hidden("s:item", info["ident"]) + html.text_input(
        "s:brief", "Description", info["brief"]), "Save"))
    settings.append(visit.action_form("set_folder_restricted", item + html.checkbox(
        "b:restricted", "Hide its pages from addresses (restricted)", info.get("restricted"),
        "A restricted folder's pages cannot be opened by address; responders can still show them. Use it for "
        "pages that only make sense after a form."), "Save"))
    page_names = [n for n in info.get("contents", {}).get("pages", [])]
    if page_names:
        settings.append(visit.action_form("set_default_page", item + html.select(
            "s:page_name", "Default page", page_names, info.get("default_page_name"),
            "The page shown for the folder's own address (ending in /)."), "Save"))
    settings.append(_access_form(visit, info))
    parts.append(html.card("".join(settings), "Settings"))
    if not is_root:
        parts.append(html.card(
            visit.action_form("move_folder", item + html.select("s:parent", "Move into", _folder_options(
                tree, info["path"]), info.get("parent")), "Move")
            + visit.action_form("copy_folder", item + html.select("s:parent", "Copy into", _folder_options(tree),
                                                                   info.get("parent"))
                                + html.text_input("s:name", "Name of the copy", info["name"] + "_copy"),
                                "Copy", back=url("/folder", item="{result}")),
            "Move or copy"))
    parts.append(html.card(
        visit.action_form("create_folder", html.hidden("s:parent", info["ident"])
                          + html.text_input("s:name", "Name", "", required=True)
                          + html.text_input("s:brief", "Description", "")
                          + html.checkbox("b:restricted", "Hidden from addresses", False),
                          "Create folder", back=url("/folder", item="{result}")), "New folder inside"))
    parts.append(html.card(
        visit.action_form("import_page", item + html.field("Page file (JSON)", '<input type="file" name="f:definition" '
                                                           'accept=".json,application/json" required>')
                          + html.text_input("e:name", "Name (optional)", "", "Empty: the name in the file."),
                          "Import page", multipart=True, back=url("/page", item="{result}"))
        + visit.action_form("import_folder", html.hidden("s:parent", info["ident"])
                            + html.field("Folder file (JSON)", '<input type="file" name="f:definition" '
                                         'accept=".json,application/json" required>')
                            + html.text_input("e:name", "Name (optional)", ""),
                            "Import folder", multipart=True, back=url("/folder", item="{result}")),
        "Import from a file"))
    if not is_root:
        refs = visit.q("find_references", item=info["ident"])
        warn = ""
        if refs:
            warn = html.notice("Referred to by: " + "; ".join(f"{r['where']} ({r['what']})" for r in refs[:10]),
                               "warn")
        parts.append(html.card(
            warn + visit.action_form("delete_folder", item + html.checkbox(
                "b:recursive", "Also delete everything in it", False), "Delete folder", button_cls="sa-danger",
                confirm="Yes, delete this folder", back=url("/site")), "Delete", cls="sa-danger-zone"))
    help_html = html.help_box("A folder groups pages under one address: /setup/ holds /setup/index and so on.")
    return visit.page(f"Folder {info['path']}", "".join(parts), crumbs=crumbs, help_html=help_html)


def _parent_path(row):
    path = row["path"].rstrip("/")
    return path.rsplit("/", 1)[0] + "/" if path else ""


# ---- a page ------------------------------------------------------------------------------------------

def page(visit):
    ident = visit.arg("item")
    crumbs, info = item_crumbs(visit, ident)
    tree = visit.q("site_tree")
    item = html.hidden("s:page", info["ident"])
    kind = info["kind"]
    parts = [page_bar(visit, info)]
    parts.append(html.card(html.kv_list([
        ("Address", info["path"]), ("Type", page_kind_name(kind) + (f" ({info['responder']})"
                                                                   if info.get("responder") else "")),
        ("Ident number", info["ident"]), ("Labels", ", ".join(info.get("labels") or []) or "\u2014"),
        ("Description", info["brief"])]), "This page"))
    settings = info.get("settings") or {}
    if kind == "TemplatePage":
        parts.append(_template_settings(visit, info, settings, item))
    elif kind == "RespondPage":
        parts.append(_responder_settings(visit, info, settings, item))
    elif kind == "CSS":
        parts.append(_css_settings(visit, info, settings, item))
    elif kind == "JSON":
        parts.append(_json_settings(visit, info, settings, item))
    elif kind == "FilePage":
        parts.append(html.card(visit.action_form("set_file_settings", item + html.text_input(
            "s:filepath", "File", settings.get("filepath", ""),
            "Path under the project files folder, e.g. myproj/static/logo.png.")
            + html.text_input("z:mimetype", "Content type", settings.get("mimetype") or "",
                              "Empty: guessed from the file name.")
            + html.checkbox("b:enable_cache", "Browsers may keep a copy", settings.get("enable_cache")),
            "Save"), "File"))
    elif kind == "SVG":
        parts.append(html.card(visit.action_form("set_svg_settings", item + html.text_input(
            "s:width", "Width", settings.get("width", ""), "e.g. 100, 100px or 50%")
            + html.text_input("s:height", "Height", settings.get("height", ""))
            + html.checkbox("b:enable_cache", "Browsers may keep a copy", settings.get("enable_cache")), "Save"),
            "SVG image"))
    common = [
        visit.action_form("rename_page", item + html.text_input("s:name", "Name", info["name"],
                                                                "Part of the address; links by label or ident "
                                                                "keep working."), "Rename"),
        visit.action_form("set_brief", html.hidden("s:item", info["ident"]) + html.text_input(
            "s:brief", "Description", info["brief"], "A note for you: it is not shown on the page."), "Save"),
        _access_form(visit, info),
    ]
    parts.append(html.card("".join(common), "Name and access"))
    parts.append(html.card(
        visit.action_form("move_page", item + html.select("s:folder", "Move into", _folder_options(tree),
                                                          info.get("parent")), "Move")
        + visit.action_form("copy_page", item + html.select("s:folder", "Copy into", _folder_options(tree),
                                                            info.get("parent"))
                            + html.text_input("e:name", "Name of the copy", info["name"] + "_copy"),
                            "Copy", back=url("/page", item="{result}"))
        + f'<p>{html.button_link(url("/export", page=info["ident"]), "Download as JSON")}</p>',
        "Move, copy, download"))
    refs = visit.q("find_references", item=info["ident"])
    warn = html.notice("Referred to by: " + "; ".join(f"{r['where']} ({r['what']})" for r in refs[:10]),
                       "warn") if refs else ""
    parts.append(html.card(warn + visit.action_form("delete_page", item, "Delete page", button_cls="sa-danger",
                                                    confirm="Yes, delete this page", back=url("/site")),
                           "Delete", cls="sa-danger-zone"))
    help_html = html.help_box(_PAGE_HELP.get(kind, ""), open_=False)
    return visit.page(f"Page {info['path']}", "".join(parts), crumbs=crumbs, help_html=help_html)


_PAGE_HELP = {
    "TemplatePage": "A page people see. Its content is a tree of items in two parts: the <strong>head</strong> "
                    "(title, styles) and the <strong>body</strong> (what is shown). Use <em>Edit body</em> to add "
                    "widgets, text and sections.",
    "RespondPage": "A responder is not shown itself: a form or link calls it, it checks or stores what was sent "
                   "(or passes it to the project's code) and then shows another page. Its settings depend on its "
                   "class, described below.",
    "CSS": "A stylesheet: each selector (such as <code>.ap-card</code>) with its property: value lines.",
    "JSON": "Returns 'widget:field' values as JSON; pages call it to change widgets without reloading.",
    "FilePage": "Serves one file, such as an image, from the project's files.",
    "SVG": "A standalone SVG image built from a tree of elements.",
}


def _template_settings(visit, info, s, item):
    dew = s.get("default_error_widget") or ["", ""]
    dew_text = (f"{dew[0]}-{dew[1]}" if dew[0] else dew[1]) if isinstance(dew, list) and len(dew) == 2 else ""
    inner = (html.text_input("s:lang", "Language of the page", s.get("lang", ""), "e.g. en; empty: the project's.")
             + html.text_input("s:default_error_widget", "Widget that shows errors", dew_text,
                               "Usually top_error; inside a section write alias-widget.")
             + html.text_input("s:backcol", "Background colour", s.get("backcol", ""), "e.g. #ffffff")
             + html.checkbox("b:show_backcol", "Use the background colour", s.get("show_backcol"))
             + html.checkbox("b:last_scroll", "Keep the scroll position on reload", s.get("last_scroll"))
             + html.text_input("i:interval", "Refresh every (seconds)", s.get("interval", 0),
                               "0: never. The page then calls the page below for new values.", kind="number",
                               min="0")
             + html.text_input("s:interval_target", "Page called to refresh", s.get("interval_target") or "",
                               "A JSON page or responder: ident number or label.")
             + html.text_input("s:catch_to_html", "Page shown when such a call fails", s.get("catch_to_html") or "",
                               "Ident number or label; empty: none."))
    links = "".join(html.button_link(url("/tree", page=info["ident"], root=r), f"Edit the {r}", "sa-primary")
                    for r in info.get("trees") or ())
    return html.card(f'<div class="sa-bar">{links}</div>'
                     + visit.action_form("set_template_settings", item + inner, "Save settings"), "Template page")


def _responder_settings(visit, info, s, item):
    catalogue = {r["class"]: r for r in visit.q("responder_catalogue")}
    cls = s.get("class", "")
    entry = catalogue.get(cls)
    out = []
    if entry:
        out.append(f'<div class="sa-doc">{doc_html(entry["description"])}</div>')
    out.append(visit.action_form("set_responder_class", item + html.select(
        "s:responder", "Responder class", sorted(catalogue), cls,
        "Changing the class drops settings the new class does not use."), "Change class"))
    if entry:
        args = s.get("original_args") or {}
        inner = []
        for a in entry["args"]:
            name, kind, help_text = a["name"], a["kind"], a["help"] + (" (needed)" if a["required"] else "")
            value = args.get(name)
            label = name.replace("_", " ").capitalize()
            if kind == "boolean":
                inner.append(html.checkbox(f"b:{name}", label, value, help_text))
            elif kind in ("pages", "strings"):
                lines = "\n".join(str(v) for v in (value or []))
                inner.append(html.textarea(f"l:{name}", label, lines, help_text + " One per line.", rows=3))
            else:
                inner.append(html.text_input(f"z:{name}", label, "" if value is None else value, help_text))
        out.append(visit.action_form("set_responder_args", item + "".join(inner), "Save settings"))
        if entry["fields"] != "none":
            fields = s.get("original_fields") or {}
            if entry["fields"] == "one_field" or entry["fields"] == "one_key":
                text = "\n".join(f"{k} = {v}" for k, v in fields.items())
            else:
                text = "\n".join(f"{k} = {'' if v is None else v}" for k, v in fields.items())
            out.append(visit.action_form("set_responder_fields", item + html.textarea(
                "kv:fields", "Fields", text, entry["fields_help"] + " One per line as key = value.", rows=5),
                "Save fields"))
    return html.card("".join(out), f"Responder: {cls}")


def _css_settings(visit, info, s, item):
    style = s.get("style") or {}
    out = []
    for i, (selector, decls) in enumerate(style.items()):
        lines = "\n".join(f"{p}: {v}" for p, v in decls)
        sel = html.hidden("s:selector", selector)
        body = visit.action_form("set_css_selector", item + sel + html.textarea(
            "css:properties", "Properties", lines, "One per line: property: value", rows=max(3, len(decls) + 1)),
            "Save")
        moves = ""
        if i > 0:
            moves += visit.button("move_css_selector", "Move up", **{"s:page": info["ident"], "s:selector": selector,
                                                                      "i:index": i - 1})
        moves += visit.button("delete_css_selector", "Delete", button_cls="sa-danger",
                              **{"s:page": info["ident"], "s:selector": selector})
        out.append(f'<details class="sa-item"><summary><code>{esc(selector)}</code> <small>{len(decls)} '
                   f"propert{'y' if len(decls) == 1 else 'ies'}</small></summary>{body}"
                   f'<div class="sa-bar">{moves}</div></details>')
    add = visit.action_form("set_css_selector", item + html.text_input("s:selector", "New selector", "",
                                                                       "e.g. .ap-card or h1", required=True)
                            + html.textarea("css:properties", "Properties", "", "One per line: property: value"),
                            "Add selector")
    cache = visit.action_form("set_cache", item + html.checkbox("b:enable_cache", "Browsers may keep a copy",
                                                                s.get("enable_cache")), "Save")
    return html.card("".join(out) + add + cache, "Stylesheet")


def _json_settings(visit, info, s, item):
    content = s.get("content") or {}
    rows = []
    for key, value in content.items():
        shown = value if isinstance(value, str) else json.dumps(value)
        rows.append(f'<li class="sa-row"><code>{esc(key)}</code> = {esc(shown)}'
                    + visit.button("delete_json_content", "Remove", button_cls="sa-danger",
                                   **{"s:page": info["ident"], "s:key": key}) + "</li>")
    add = visit.action_form("set_json_content", item + html.text_input("s:key", "Key", "", "widget:field, e.g. "
                                                                       "status:para_text", required=True)
                            + html.text_input("s:value", "Value", ""), "Add or change")
    cache = visit.action_form("set_cache", item + html.checkbox("b:enable_cache", "Browsers may keep a copy",
                                                                s.get("enable_cache")), "Save")
    return html.card(f'<ul class="sa-list">{"".join(rows) or "<li>(nothing yet)</li>"}</ul>' + add + cache,
                     "JSON content")


# ---- a new page -----------------------------------------------------------------------------------

def new_page(visit):
    folder_ident = visit.arg("folder", "0")
    crumbs, info = item_crumbs(visit, folder_ident, "New page")
    if info["kind"] != "folder":
        return visit.message_page("Not a folder", "New pages go into a folder.", status="400 Bad Request")
    kinds = visit.q("page_kinds")
    tree = visit.q("site_tree")
    next_ident = visit.q("next_ident")
    where = html.hidden("s:folder", info["ident"])
    warn = ""
    if info.get("restricted"):
        warn = html.notice("This folder is hidden from addresses (restricted): a page made here cannot be opened "
                           "by its address, only shown by a responder. For a page people open directly, choose "
                           "another folder.", "warn")
    back = url("/page", item="{result}")
    parts = [warn]
    for k in kinds:
        t = k["type"]
        inner = (where + html.hidden("s:page_type", t)
                 + html.text_input("s:name", "Name", "", "Part of the address: letters, digits, '_', '-', '.'",
                                   required=True)
                 + html.text_input("s:brief", "Description", ""))
        if t == "template":
            inner += html.text_input("e:settings.title", "Title", "", "Shown in the browser's tab.")
        elif t == "responder":
            catalogue = visit.q("responder_catalogue")
            inner += html.select("s:settings.responder", "Responder class",
                                 [(r["class"], f"{r['class']}: {html.first_line(r['description'], 70)}")
                                  for r in catalogue], "NoOperation")
            inner += html.text_input("e:settings.args.target_ident", "Page shown next (target)", "",
                                     "Ident number or label; most classes need one.")
        elif t == "svg":
            inner += html.text_input("s:settings.width", "Width", "100") + html.text_input(
                "s:settings.height", "Height", "100")
        elif t == "file":
            inner += html.text_input("e:settings.filepath", "File", "",
                                     f"Under the project files, e.g. {visit.store.name}/static/logo.png")
        inner += html.text_input("e:ident", "Ident number (optional)", "", f"Empty: the next free one ({next_ident}).")
        parts.append(f'<details class="sa-card sa-choice"{" open" if t == "template" else ""}><summary>'
                     f'<strong>{esc(page_kind_name(k["key"]))}</strong><small>{esc(k["help"])}</small></summary>'
                     + visit.action_form("create_page", inner, f"Create {page_kind_name(k['key']).lower()}",
                                         back=back, button_cls="sa-primary") + "</details>")
    pages = [(r["ident"], r["path"]) for r in flatten(tree) if r["kind"] != "folder"]
    parts.append('<details class="sa-card sa-choice"><summary><strong>Copy of a page</strong><small>A new page '
                  "made from an existing one.</small></summary>"
                  + visit.action_form("copy_page", html.select("s:page", "Page to copy", pages)
                                      + html.hidden("s:folder", info["ident"])
                                      + html.text_input("e:name", "Name", "", "Empty: the page's name + _copy"),
                                      "Copy", back=back) + "</details>")
    help_html = html.help_box("Choose what kind of page to make. Most pages people see are Template pages.",
                              open_=True)
    return visit.page(f"New page in {info['path']}", "".join(parts), crumbs=crumbs, help_html=help_html)


# ---- downloads -------------------------------------------------------------------------------------

def export(visit):
    """GET /skiadmin/export?page=N | folder=N | section=NAME: the item as a JSON file."""
    from ...response import Response
    if visit.arg("page"):
        data = visit.q("export_page", page=visit.arg("page"))
    elif visit.arg("folder"):
        data = visit.q("export_folder", folder=visit.arg("folder"))
    elif visit.arg("section"):
        data = visit.q("export_section", name=visit.arg("section"))
    else:
        return visit.message_page("Nothing to download", "Choose a page, folder or section.",
                                  status="400 Bad Request")
    name = "".join(c if c.isalnum() or c in "._-" else "_" for c in f"{data['skipole']}-{data.get('name')}")
    body = json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8")
    return Response(body, "200 OK", [("Content-Disposition", f'attachment; filename="{name}.json"'),
                                     ("Cache-Control", "no-store")], "application/json")
