"""Shared parts of the project: sections, labels, TextBlocks (texts per language) and the
defaults new pages and widgets start with."""

import json

from . import html
from .html import BASE, esc, url

__all__ = ["sections", "section", "labels", "textblocks", "textblock", "defaults", "export_defaults"]

SYSTEM_LABELS = {
    "url_not_found": "shown when an address names no page",
    "validate_error": "shown when submitted values fail their checks",
    "server_error": "shown when the project's code fails",
    "general_json": "answers JSON calls when nothing else does",
    "login": "the project's own login page",
    "home": "the home page",
}


def sections(visit):
    items = []
    for s in visit.q("list_sections"):
        used = ", ".join(s["used_by"]) or "no page yet"
        items.append(f'<li class="sa-row"><a href="{esc(url("/section", name=s["name"]))}"><strong>{esc(s["name"])}'
                     f'</strong></a> <small>{esc(s["brief"])}</small><small>Used by: {esc(used)}</small>'
                     f'<span class="sa-row-links"><a href="{esc(url("/tree", section=s["name"]))}">Edit content</a></span>'
                     "</li>")
    create = visit.action_form("create_section", html.text_input("s:name", "Name", "", required=True)
                               + html.text_input("s:brief", "Description", "")
                               + html.text_input("s:tag_name", "Outer tag", "div"),
                               "Create section", back=BASE + "/tree?section={s:name}")
    upload = visit.action_form("import_section", html.field("Section file (JSON)", '<input type="file" '
                                                            'name="f:definition" accept=".json,application/json" '
                                                            "required>")
                               + html.text_input("e:name", "Name (optional)", ""), "Import", multipart=True,
                               back=url("/section", name="{result}"))
    help_html = html.help_box("A section is a block (a title bar, a footer, a settings card) kept once and "
                              "placed in many pages: change it here and every page that places it changes. "
                              "A page places it with a section item, under an alias that prefixes the ids of "
                              "the widgets inside.")
    return visit.page("Sections", html.card(f'<ul class="sa-list">{"".join(items) or "<li>(none)</li>"}</ul>')
                      + html.card(create, "New section") + html.card(upload, "Import a section"),
                      crumbs=[(None, "Sections")], help_html=help_html)


def section(visit):
    name = visit.arg("name")
    found = {s["name"]: s for s in visit.q("list_sections")}
    if name not in found:
        from ..errors import NotFound
        raise NotFound(f"there is no section {name!r}")
    s = found[name]
    arg = html.hidden("s:name", name)
    parts = [html.card(html.kv_list([("Description", s["brief"]), ("Used by", ", ".join(s["used_by"]) or "none")])
                       + '<div class="sa-bar">'
                       + html.button_link(url("/tree", section=name), "Edit its content", "sa-primary")
                       + html.button_link(url("/export", section=name), "Download as JSON") + "</div>",
                       f"Section {name}")]
    parts.append(html.card(
        visit.action_form("rename_section", arg + html.text_input("s:new_name", "New name", name),
                          "Rename", back=BASE + "/section?name={s:new_name}")
        + visit.action_form("copy_section", arg + html.text_input("s:new_name", "Name of the copy", name + "_copy"),
                            "Copy", back=url("/sections")), "Rename or copy"))
    parts.append(html.card(visit.action_form(
        "delete_section", arg + html.checkbox("b:force", "Also remove it from the pages that place it", False),
        "Delete section", button_cls="sa-danger", confirm="Yes, delete this section", back=url("/sections")),
        "Delete", cls="sa-danger-zone"))
    help_html = html.help_box("A section is edited once and shown by every page that places it. Its content "
                              "has an outline like a page's: <em>Edit its content</em>.")
    return visit.page(f"Section {name}", "".join(parts), crumbs=[(url("/sections"), "Sections"), (None, name)],
                      help_html=help_html)


def labels(visit):
    items = []
    for item in visit.q("list_labels"):
        label, target = item["label"], item["target"]
        where = item["points_to"] or str(target)
        note = SYSTEM_LABELS.get(label, "")
        note = f" \u00b7 {note}" if note else ""
        form = visit.action_form("set_label", html.hidden("s:label", label) + html.text_input(
            "s:target", "Points to", target, "An ident number, another label, or an address."), "Save",
            cls="sa-inline-form")
        delete = visit.button("delete_label", "Delete", button_cls="sa-danger", **{"s:label": label})
        items.append(f'<details class="sa-item"><summary><strong>{esc(label)}</strong> <small>\u2192 {esc(where)}'
                     f"{esc(note)}</small></summary>{form}{delete}</details>")
    add = visit.action_form("set_label", html.text_input("s:label", "Label", "", required=True)
                            + html.text_input("s:target", "Points to", "", "Ident number, label or address",
                                              required=True), "Add label")
    help_html = html.help_box(
        "A label is a short name for a page, used in links (<code>{control}</code> in an attribute) and by "
        "skipole itself: <em>url_not_found</em>, <em>validate_error</em> and <em>server_error</em> name the "
        "pages shown when something goes wrong; <em>login</em> names the login page.", open_=True)
    return visit.page("Labels", html.card("".join(items)) + html.card(add, "New label"),
                      crumbs=[(None, "Labels")], help_html=help_html)


def textblocks(visit):
    search = visit.arg("search")
    start = int(visit.arg("start")) if visit.arg("start").isdigit() else 0
    found = visit.q("list_textblocks", search=search, start=start, count=50)
    items = []
    for t in found["items"]:
        texts = " \u00b7 ".join(f"{lang}: {text[:60]}" for lang, text in t["texts"].items())
        items.append(f'<li class="sa-row"><a href="{esc(url("/textblock", ref=t["textref"]))}"><strong>'
                     f'{esc(t["textref"])}</strong></a><small>{esc(texts)}</small></li>')
    more = ""
    if start + 50 < found["total"]:
        more = html.button_link(url("/textblocks", search=search, start=start + 50), "More")
    search_form = (f'<form method="get" action="{esc(url("/textblocks"))}" class="sa-form">'
                   + html.text_input("search", "Search", search) + '<button class="sa-btn">Search</button></form>')
    add = visit.action_form("set_textblock", html.text_input("s:textref", "Name", "", "e.g. pump.help",
                                                             required=True)
                            + html.text_input("s:language", "Language", "", "Empty: the default language.")
                            + html.textarea("t:text", "Text", ""), "Add text",
                            back=BASE + "/textblock?ref={s:textref}")
    languages = "".join(visit.button("delete_language", f"Delete every {lang} text", button_cls="sa-danger",
                                     confirm=f"Yes, delete all {lang} texts", **{"s:language": lang})
                        for lang in found["languages"])
    help_html = html.help_box("TextBlocks are texts kept by name, in each language: a page shows the text in the "
                              "visitor's language (or the default one). Languages: "
                              + esc(", ".join(found["languages"]) or "none yet") + ".")
    body = (html.card(search_form) + html.card(f'<ul class="sa-list">{"".join(items) or "<li>(none)</li>"}</ul>'
                                               + more, f"{found['total']} text(s)")
            + html.card(add, "New text") + html.card(languages or "<p>(none)</p>", "Languages"))
    return visit.page("Texts", body, crumbs=[(None, "Texts")], help_html=help_html)


def textblock(visit):
    ref = visit.arg("ref")
    found = visit.q("list_textblocks", search=ref, count=500)
    item = next((t for t in found["items"] if t["textref"] == ref), {"textref": ref, "texts": {}})
    parts = []
    arg = html.hidden("s:textref", ref)
    for lang in sorted(set(found["languages"]) | set(item["texts"])):
        text = item["texts"].get(lang)
        form = visit.action_form("set_textblock", arg + html.hidden("s:language", lang)
                                 + html.textarea("t:text", f"Text in {lang}", text or "", rows=5), "Save")
        delete = ""
        if text is not None:
            delete = visit.button("delete_textblock", f"Delete the {lang} text", button_cls="sa-danger",
                                  **{"s:textref": ref, "s:language": lang})
        parts.append(html.card(form + delete, lang + ("" if text is not None else " (missing)")))
    parts.append(html.card(visit.action_form("set_textblock", arg + html.text_input(
        "s:language", "Language code", "", "e.g. de or fr-CA", required=True) + html.textarea("t:text", "Text", ""),
        "Add language"), "Another language"))
    parts.append(html.card(
        visit.action_form("rename_textblock", arg + html.text_input("s:new_ref", "New name", ref), "Rename",
                          back=BASE + "/textblock?ref={s:new_ref}")
        + visit.button("delete_textblock", "Delete in every language", button_cls="sa-danger",
                       back=url("/textblocks"), **{"s:textref": ref}), "Rename or delete"))
    help_html = html.help_box("The same text in each language. A visitor sees the text in their browser's "
                              "language when there is one, else the project's default language.")
    return visit.page(f"Text {ref}", "".join(parts), crumbs=[(url("/textblocks"), "Texts"), (None, ref)],
                      help_html=help_html)


def defaults(visit):
    d = visit.q("get_defaults")
    form = visit.action_form("set_defaults", html.text_input("s:backcol", "Background colour", d.get("backcol", ""))
                             + html.text_input("s:body_class", "Body class", d.get("body_class", ""),
                                               "CSS class of the body of new pages.")
                             + html.textarea("l:css_links", "Stylesheets", "\n".join(d.get("css_links") or []),
                                             "Labels of CSS pages linked in the head of new pages, one per line.",
                                             rows=3)
                             + html.textarea("l:js_links", "Scripts", "\n".join(d.get("js_links") or []),
                                             "Labels of scripts, one per line.", rows=2), "Save")
    widgets = []
    for module, classes in (d.get("widgets") or {}).items():
        for cname, fields in classes.items():
            for fname, value in fields.items():
                widgets.append(f'<li class="sa-row"><strong>{esc(module)}.{esc(cname)}</strong> {esc(fname)} = '
                               f"{esc(json.dumps(value, ensure_ascii=False))}"
                               + visit.button("delete_widget_default", "Remove", button_cls="sa-danger",
                                              **{"s:widget_class_path": f"{module}.{cname}", "s:field": fname})
                               + "</li>")
    add = visit.action_form("set_widget_default", html.text_input("s:widget_class_path", "Widget class", "",
                                                                  "module.Class, e.g. paras.ParaText",
                                                                  required=True)
                            + html.text_input("s:field", "Field", "", "e.g. widget_class", required=True)
                            + html.text_input("s:value", "Value", ""), "Set default")
    upload = visit.action_form("import_defaults", html.field("defaults.json", '<input type="file" name="f:defaults" '
                                                             'accept=".json,application/json" required>'),
                               "Replace all defaults", multipart=True, confirm="Yes, replace them")
    help_html = html.help_box("Defaults apply to pages and widgets made <em>from now on</em>: existing ones keep "
                              "their values.")
    body = (html.card(form, "New pages") + html.card(f'<ul class="sa-list">{"".join(widgets) or "<li>(none)</li>"}'
                                                     f"</ul>{add}", "New widgets")
            + html.card(upload + f'<p>{html.button_link(url("/export-defaults"), "Download defaults.json")}</p>',
                        "File"))
    return visit.page("Defaults", body, crumbs=[(None, "Defaults")], help_html=help_html)


def export_defaults(visit):
    from ...response import Response
    body = json.dumps(visit.q("get_defaults"), indent=1, ensure_ascii=False).encode("utf-8")
    return Response(body, "200 OK", [("Content-Disposition", 'attachment; filename="defaults.json"'),
                                     ("Cache-Control", "no-store")], "application/json")
