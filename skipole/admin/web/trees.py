"""What is on a page: the tree of a page's head, body or SVG (or of a section), one item of it
(an HTML element, text, a TextBlock, a widget with every field and its help, a section
placeholder), inserting new items (widgets chosen from the catalogue) and field validators.

Items are named by their location (``body-2-0``, see ``skipole.admin.locations``)."""

import json
import re

from ..errors import AdminError
from . import html
from .html import esc, url

__all__ = ["tree", "element", "insert", "insert_widget", "Owner", "doc_html", "owner_crumbs"]


class Owner:
    """The page (by ident) or section whose tree a screen shows, from the query string."""

    def __init__(self, visit):
        page, section = visit.arg("page"), visit.arg("section")
        if page:
            info = visit.q("item_info", item=page)
            if info["kind"] not in ("TemplatePage", "SVG"):
                raise AdminError(f"page {info['path']} is a {info['kind']}: it has no element tree "
                                 "(open its settings instead)")
            self.page, self.section, self.info = info["ident"], None, info
            self.args = {"s:page": info["ident"]}
            self.query = {"page": info["ident"]}
            self.name = info["path"]
        elif section:
            sections = {s["name"]: s for s in visit.q("list_sections")}
            if section not in sections:
                from ..errors import NotFound
                raise NotFound(f"there is no section {section!r}")
            self.page, self.section, self.info = None, section, sections[section]
            self.args = {"s:section": section}
            self.query = {"section": section}
            self.name = f"section {section}"
        else:
            raise AdminError("name a page (page=IDENT) or a section (section=NAME)")

    def hidden(self):
        return "".join(html.hidden(k, v) for k, v in self.args.items())

    def kw(self):
        return {"page": self.page} if self.page is not None else {"section": self.section}

    def roots(self):
        return self.info.get("trees") if self.page is not None else ["section"]


def owner_crumbs(visit, owner, *more):
    if owner.page is not None:
        crumbs = [(url("/site"), "Pages"), (url("/page", item=owner.page), owner.name)]
    else:
        crumbs = [(url("/sections"), "Sections"), (url("/section", name=owner.section), owner.section)]
    return crumbs + list(more)


def owner_bar(visit, owner, root=None):
    if owner.page is not None:
        from .common import page_bar
        return page_bar(visit, owner.info, tree_root=root)
    used = owner.info.get("used_by") or []
    links = []
    for desc in used:
        found = re.search(r"\(ident (\d+)\)", desc)
        if found:
            links.append(html.link(url("/view", page=found.group(1)), f"Preview {desc.split(' (')[0]}"))
    note = (f"<p>Used by: {esc(', '.join(used))}</p>" if used else "<p>No page uses this section yet.</p>")
    note += f'<div class="sa-bar">{" ".join(links)}</div>' if links else ""
    return f'<div class="sa-bar">{html.button_link(url("/section", name=owner.section), "Section settings")}</div>{note}'


def doc_html(text):
    """A docstring as paragraphs (its own line breaks and indentation folded)."""
    paras = [" ".join(p.replace("``", "").split()) for p in re.split(r"\n\s*\n", str(text or "")) if p.strip()]
    return "".join(f"<p>{esc(p)}</p>" for p in paras)


# ---- the tree ------------------------------------------------------------------------------------

def _row_label(row):
    kind = row["kind"]
    if kind in ("Part", "ClosedPart", "Section"):
        cls = row.get("attribs", {}).get("class", "")
        label = f"<{row.get('tag_name', '')}{' class=' + cls if cls else ''}{' /' if kind == 'ClosedPart' else ''}>"
        return label, row.get("brief", ""), "Element"
    if kind == "Text":
        return "Text: " + (row.get("text", "")[:60] or "(empty)"), "", "Text"
    if kind == "HTMLSymbol":
        return "Symbol " + row.get("text", ""), "", "Symbol"
    if kind == "Comment":
        return "Comment: " + row.get("text", "")[:40], "", "Comment"
    if kind == "TextBlock":
        return "TextBlock " + row.get("textref", ""), row.get("brief", ""), "TextBlock"
    if kind in ("Widget", "ClosedWidget"):
        return f"{row.get('name') or '(no name)'}", f"{row.get('class', '')} \u00b7 {row.get('brief', '')}".rstrip(
            " \u00b7"), "Widget"
    if kind == "SectionPlaceHolder":
        mult = f" \u00d7{row['multiplier']}" if row.get("multiplier") else ""
        return (f"Section {row.get('section_name', '')} as {row.get('placename', '')}{mult}", row.get("brief", ""),
                "Section")
    return kind, "", kind


def _children(rows):
    """``{location: (number of direct parts, {container: number})}``."""
    counts = {}
    for r in rows:
        loc = r["location"]
        parent, _, last = loc.rpartition("-")
        if not parent or not last.isdigit():
            continue
        before, _, cont = parent.rpartition("-")
        if re.fullmatch(r"c\d+", cont) and before:
            counts.setdefault(before, [0, {}])[1][cont] = counts.setdefault(before, [0, {}])[1].get(cont, 0) + 1
        else:
            counts.setdefault(parent, [0, {}])[0] += 1
    return counts


def _after(loc):
    head, _, last = loc.rpartition("-")
    return f"{head}-{int(last) + 1}"


def tree(visit):
    owner = Owner(visit)
    root = visit.arg("root") or (owner.roots() or ["body"])[-1]
    if owner.page is not None and root not in (owner.roots() or ()):
        raise AdminError(f"this page has no {root}: it has {', '.join(owner.roots() or [])}")
    rows = visit.q("tree_outline", root=root if owner.page is not None else None, **owner.kw())
    counts = _children(rows)
    back = visit.here()
    items = []
    for row in rows:
        loc = row["location"]
        label, brief, kind_name = _row_label(row)
        is_root = "-" not in loc
        loc_args = dict(owner.args, **{"s:location": loc})
        edit = html.button_link(url("/element", loc=loc, **owner.query), "Edit", "sa-primary")
        links = [edit]
        inside = None
        if row.get("can_hold"):
            n_parts, conts = counts.get(loc, [0, {}])
            if row["kind"] in ("Widget", "ClosedWidget"):
                for c in range(row.get("containers", 0)):
                    at = f"{loc}-c{c}-{conts.get(f'c{c}', 0)}"
                    links.append(html.button_link(url("/insert", at=at, **owner.query), f"Add into container {c}"))
                    inside = inside or at
            else:
                inside = f"{loc}-{n_parts}"
                links.append(html.button_link(url("/insert", at=inside, **owner.query), "Add inside"))
        forms = []
        if not is_root:
            links.append(html.button_link(url("/insert", at=loc, **owner.query), "Add before"))
            links.append(html.button_link(url("/insert", at=_after(loc), **owner.query), "Add after"))
            for direction, text in (("up", "\u2191 Up"), ("down", "\u2193 Down"), ("in", "\u2192 Into above"),
                                    ("out", "\u2190 Out")):
                forms.append(visit.button("shift_element", text, back=back,
                                          **dict(loc_args, **{"s:direction": direction})))
            forms.append(visit.button("copy_to_clipboard", "Copy", back=back, **loc_args))
            forms.append(visit.button("cut_to_clipboard", "Cut", back=back, **loc_args))
            forms.append(visit.button("paste_from_clipboard", "Paste after", back=back,
                                      **dict(owner.args, **{"s:location": _after(loc)})))
        if inside:
            forms.append(visit.button("paste_from_clipboard", "Paste inside", back=back,
                                      **dict(owner.args, **{"s:location": inside})))
        if not is_root:
            forms.append(visit.button("delete_element", "Delete", back=back, button_cls="sa-danger", **loc_args))
        hidden = "" if row.get("show", True) else html.badge("hidden")
        items.append(
            f'<li class="sa-node sa-k-{esc(kind_name.lower())}" style="--d:{min(row["depth"], 8)}" id="n-{esc(loc)}">'
            f'<details><summary><span class="sa-kind">{esc(kind_name)}</span> <strong>{esc(label)}</strong> {hidden}'
            f'{"<small>" + esc(brief) + "</small>" if brief else ""}</summary>'
            f'<div class="sa-actions">{"".join(links)}</div><div class="sa-actions">{"".join(forms)}</div>'
            "</details></li>")
    title = f"{owner.name} \u2014 {root}" if owner.page is not None else owner.name
    tabs = ""
    if owner.page is not None and len(owner.roots() or ()) > 1:
        current = ' aria-current="page"'
        tabs = '<div class="sa-tabs">' + "".join(
            f'<a href="{esc(url("/tree", page=owner.page, root=r))}"{current if r == root else ""}>'
            f"{esc(r.capitalize())}</a>" for r in owner.roots()) + "</div>"
    help_html = html.help_box(
        "Everything on the page, top to bottom, as an outline: indented items are inside the item above them. "
        "Tap an item to see what you can do with it: <strong>Edit</strong> it, add something before, after or "
        "inside it, move it, copy or cut it and paste it elsewhere, or delete it.",
        "<strong>Into above</strong> puts an item inside the element just above it; <strong>Out</strong> moves "
        "it out of the element it is in. Copy and Cut keep the item on your clipboard until you paste it, even "
        "on another page.")
    body = owner_bar(visit, owner, root) + tabs + f'<ol class="sa-tree">{"".join(items)}</ol>'
    return visit.page(title, body, crumbs=owner_crumbs(visit, owner, (None, root)), help_html=help_html)


# ---- one item --------------------------------------------------------------------------------------

def element(visit):
    owner = Owner(visit)
    loc = visit.arg("loc")
    info = visit.q("element_info", location=loc, **owner.kw())
    kind = info["kind"]
    body = info["element"][1]
    args = dict(owner.args, **{"s:location": info["location"]})
    hidden = "".join(html.hidden(k, v) for k, v in args.items())
    root = info["location"].split("-")[0]
    parts = [owner_bar(visit, owner)]
    tree_link = url("/tree", root=root if owner.page is not None else None, **owner.query)
    parts.append(f'<p>{html.link(tree_link + "#n-" + info["location"], "Back to the outline")}</p>')
    if kind in ("Widget", "ClosedWidget"):
        from .widgets import widget_editor
        title = f"Widget {body.get('name') or ''}"
        parts.append(widget_editor(visit, owner, info, hidden))
    elif kind in ("Part", "ClosedPart", "Section"):
        title = f"Element <{body.get('tag_name', '')}>"
        parts.append(_part_editor(visit, info, body, hidden, args))
    elif kind in ("Text", "HTMLSymbol", "Comment"):
        text = body if kind == "Text" else body.get("text", "")
        title = {"Text": "Text", "HTMLSymbol": "HTML symbol", "Comment": "Comment"}[kind]
        helps = {"Text": "Written into the page as it is, so it may hold HTML such as <b>bold</b>.",
                 "HTMLSymbol": "One character entity such as &nbsp; or &copy;.",
                 "Comment": "An HTML comment: in the page source, not shown."}
        parts.append(html.card(visit.action_form("edit_text", hidden + html.textarea(
            "t:text", title, text, helps[kind], rows=6 if kind == "Text" else 2), "Save"), title))
    elif kind == "TextBlock":
        title = f"TextBlock {body.get('textref', '')}"
        inner = (hidden + html.text_input("s:textref", "Text name (reference)", body.get("textref", ""),
                                          "Which text to show; edit the texts themselves under Texts.")
                 + html.text_input("s:failmessage", "Shown when there is no such text", body.get("failmessage", ""))
                 + html.checkbox("b:escape", "Show HTML in the text as text (safer)", body.get("escape", True))
                 + html.checkbox("b:linebreaks", "Turn line breaks into new lines", body.get("linebreaks", True))
                 + html.checkbox("b:show", "Show it", body.get("show", True))
                 + html.text_input("s:brief", "Description", body.get("brief", "")))
        parts.append(html.card(visit.action_form("edit_textblock_ref", inner, "Save")
                               + f'<p>{html.button_link(url("/textblock", ref=body.get("textref", "")), "Edit the text")}</p>',
                               "TextBlock"))
    elif kind == "SectionPlaceHolder":
        title = f"Section {body.get('section_name', '')}"
        sections = [s["name"] for s in visit.q("list_sections")]
        inner = (hidden + html.select("s:section_name", "Section", sections, body.get("section_name"))
                 + html.text_input("s:placename", "Alias", body.get("placename", ""),
                                   "Names this place: widget ids inside become alias-name.")
                 + html.text_input("i:multiplier", "Repeat", body.get("multiplier", 0),
                                   "0: once. More: the section is repeated that many times (your code fills each).",
                                   kind="number", min="0")
                 + html.text_input("s:mtag", "Tag around repeats", body.get("mtag", "div"), "e.g. div or ul")
                 + html.checkbox("b:show", "Show it", body.get("show", True))
                 + html.text_input("s:brief", "Description", body.get("brief", "")))
        parts.append(html.card(visit.action_form("edit_placeholder", inner, "Save")
                               + f'<p>{html.button_link(url("/section", name=body.get("section_name", "")), "Edit the section")}</p>',
                               "Section placeholder"))
    else:
        title = kind
    actions = []
    if "-" in info["location"]:
        actions.append(visit.button("copy_to_clipboard", "Copy", **args))
        actions.append(visit.button("delete_element", "Delete", back=tree_link, button_cls="sa-danger",
                                    confirm="Yes, delete it", **args))
    actions.append(html.button_link(url("/export-element", loc=info["location"], **owner.query), "Download as JSON"))
    parts.append(html.card(f'<div class="sa-bar">{"".join(actions)}</div>', "More"))
    help_html = html.help_box(
        "One item of the page. Change it here; tap <strong>Save</strong> under each setting. Changes go into "
        "the draft: use <strong>Preview draft</strong> to see them and Publish to make them live.",
        "Widgets list every field with what it does; tap a field to change it. Fields that take checks on "
        "what visitors submit have a <em>Checks</em> part; any single-value field can also show a device's "
        "value, live (<em>Bind to a device</em>)." if kind in ("Widget", "ClosedWidget") else "")
    return visit.page(title, "".join(parts), crumbs=owner_crumbs(visit, owner, (tree_link, root), (None, title)),
                      help_html=help_html)


def _part_editor(visit, info, body, hidden, args):
    kind = info["kind"]
    inner = (hidden + html.text_input("s:tag_name", "Tag", body.get("tag_name", ""), "e.g. div, p, h2, section")
             + html.text_input("s:brief", "Description", body.get("brief", ""))
             + html.checkbox("b:show", "Show it", body.get("show", True)))
    if kind != "ClosedPart":
        inner += html.checkbox("b:hide_if_empty", "Leave it out when it has nothing inside",
                               body.get("hide_if_empty", False))
    out = [visit.action_form("edit_part", inner, "Save")]
    attribs = body.get("attribs") or {}
    rows = []
    for name, value in attribs.items():
        rows.append('<li class="sa-item">'
                    + visit.action_form("set_attribute", hidden + html.hidden("s:name", name)
                                        + html.text_input("s:value", name, value), "Save", cls="sa-inline-form")
                    + visit.button("delete_attribute", f"Remove {name}", button_cls="sa-danger",
                                   **dict(args, **{"s:name": name})) + "</li>")
    out.append(f'<h3>Attributes</h3><ul class="sa-list">{"".join(rows) or "<li>(none)</li>"}</ul>')
    out.append(visit.action_form("set_attribute", hidden + html.text_input("s:name", "New attribute", "",
                                                                           "e.g. class, id, href", required=True)
                                 + html.text_input("s:value", "Value", "",
                                                   "{label} in a value becomes the address of that label's page."),
                                 "Add attribute"))
    return html.card("".join(out), "HTML element")


def export_element(visit):
    from ...response import Response
    owner = Owner(visit)
    data = visit.q("export_element", location=visit.arg("loc"), **owner.kw())
    body = json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8")
    return Response(body, "200 OK", [("Content-Disposition", 'attachment; filename="element.json"'),
                                     ("Cache-Control", "no-store")], "application/json")


# ---- inserting ---------------------------------------------------------------------------------------

def insert(visit):
    owner = Owner(visit)
    at = visit.arg("at")
    where = html.hidden("s:location", at) + owner.hidden()
    back = url("/element", loc="{result}", **owner.query)
    root = at.split("-")[0]
    choices = []

    def choice(title, text, content, open_=False):
        choices.append(f'<details class="sa-card sa-choice"{" open" if open_ else ""}><summary><strong>{esc(title)}'
                       f"</strong><small>{esc(text)}</small></summary>{content}</details>")

    pick = url("/insert/widget", at=at, **owner.query)
    widget_links = html.button_link(pick, "Choose a widget", "sa-primary")
    if visit.hardware() is not None:
        widget_links += html.button_link(url("/insert/widget", at=at, module="pi", **owner.query),
                                         "A Raspberry Pi widget (switch, reading, dial...)")
    choices.append(f'<section class="sa-card"><h2>A widget</h2><p>A ready-made part: a paragraph, a link, a form '
                   f'input, a switch for a relay...</p><div class="sa-bar">{widget_links}</div></section>')
    choice("Text", "Words (or HTML) written into the page as they are.", visit.action_form(
        "insert_text", where + html.textarea("t:text", "Text", "", required=True), "Add text", back=back,
        button_cls="sa-primary"), open_=True)
    choice("HTML element", "A tag (div, p, h2, section...) that can hold other items.", visit.action_form(
        "insert_part", where + html.text_input("s:tag_name", "Tag", "div", required=True)
        + html.text_input("s:brief", "Description", "")
        + html.textarea("kv:attribs", "Attributes", "", "One per line: name = value (e.g. class = ap-card)", rows=2),
        "Add element", back=back))
    choice("Empty HTML element", "A tag without content: br, hr, img, meta, link.", visit.action_form(
        "insert_closed_part", where + html.text_input("s:tag_name", "Tag", "br", required=True)
        + html.text_input("s:brief", "Description", "")
        + html.textarea("kv:attribs", "Attributes", "", "One per line: name = value", rows=2), "Add", back=back))
    refs = [i["textref"] for i in visit.q("list_textblocks", count=500)["items"]]
    options = "".join('<option value="' + esc(r) + '">' for r in refs)
    choice("TextBlock", "A text looked up by name, in the visitor's language.", visit.action_form(
        "insert_textblock", where + html.text_input("s:textref", "Text name", "", "One of: " + ", ".join(refs[:30]),
                                                    required=True, list="sa-textrefs")
        + f'<datalist id="sa-textrefs">{options}</datalist>'
        + html.text_input("s:failmessage", "Shown when there is no such text", ""), "Add TextBlock", back=back))
    if owner.page is not None and root != "head":
        sections = [s["name"] for s in visit.q("list_sections")]
        if sections:
            choice("Section", "A shared block (a header, a footer...), optionally repeated.", visit.action_form(
                "insert_section_placeholder", where + html.select("s:section_name", "Section", sections)
                + html.text_input("s:placename", "Alias", "", "Empty: the section's name. Must differ per place.")
                + html.text_input("i:multiplier", "Repeat", "0", "0: once; N: repeated N times.", kind="number",
                                  min="0")
                + html.text_input("s:mtag", "Tag around repeats", "div"), "Add section", back=back))
    choice("HTML symbol", "One character entity such as &nbsp; or &copy;.", visit.action_form(
        "insert_html_symbol", where + html.text_input("s:text", "Symbol", "&nbsp;", required=True), "Add",
        back=back))
    choice("Comment", "An HTML comment, not shown.", visit.action_form(
        "insert_comment", where + html.text_input("s:text", "Comment", "", required=True), "Add", back=back))
    choice("Paste", "What you copied or cut (from this page or another).", visit.action_form(
        "paste_from_clipboard", where, "Paste here", back=back))
    choice("From a file", "An item downloaded as JSON (Download as JSON on an item's screen).", visit.action_form(
        "insert_element", where + html.field("JSON file", '<input type="file" name="fe:element" '
                                             'accept=".json,application/json" required>'), "Add from file",
        multipart=True, back=back))
    help_html = html.help_box(f"The new item goes at position {esc(at)}: what is there now moves down.")
    return visit.page("Add to " + owner.name, owner_bar(visit, owner) + "".join(choices),
                      crumbs=owner_crumbs(visit, owner, (url("/tree", root=root if owner.page is not None else None,
                                                             **owner.query), root), (None, "Add")),
                      help_html=help_html)


def _used_names(visit, owner):
    names = set()
    for root in owner.roots() or ():
        rows = visit.q("tree_outline", root=root if owner.page is not None else None, **owner.kw())
        names.update(r.get("name") for r in rows if r.get("name"))
    return names


def suggest_name(base, used):
    base = re.sub(r"[^A-Za-z0-9_]", "", base).lower() or "widget"
    if base[0].isdigit():
        base = "w" + base
    n = 1
    while f"{base}{n}" in used:
        n += 1
    return f"{base}{n}"


def insert_widget(visit):
    owner = Owner(visit)
    at = visit.arg("at")
    module, cls_path = visit.arg("module"), visit.arg("class")
    crumbs = owner_crumbs(visit, owner, (url("/insert", at=at, **owner.query), "Add"), (None, "Widget"))
    if cls_path:
        info = visit.q("widget_class_info", widget_class=cls_path)
        from .widgets import new_widget_form
        body = new_widget_form(visit, owner, at, info, suggest_name(info["name"], _used_names(visit, owner)))
        help_html = html.help_box("Give the widget a name (its id in the page) and fill in what you need: every "
                                  "setting says what it does, and an empty one keeps its default. You can change "
                                  "all of them later on the widget's screen.")
        return visit.page(f"New {info['name']} widget", owner_bar(visit, owner) + body, crumbs=crumbs,
                          help_html=help_html)
    catalogue = visit.q("widget_catalogue", module=module or None)
    if module:
        items = []
        for c in catalogue[0]["classes"] if catalogue else []:
            items.append(f'<li><a class="sa-place" href="{esc(url("/insert/widget", at=at, module=module, **{"class": c["class"]}, **owner.query))}">'
                         f'<strong>{esc(c["name"])}</strong><small>{esc(html.first_line(c["description"]))}</small></a></li>')
        body = f'<ul class="sa-places">{"".join(items)}</ul>'
        title = f"Widgets: {module}"
    else:
        items = []
        for m in sorted(catalogue, key=lambda m: (m["module"] != "pi", m["module"])):
            more = "\u2026" if len(m["classes"]) > 6 else ""
            items.append(f'<li><a class="sa-place" href="{esc(url("/insert/widget", at=at, module=m["module"], **owner.query))}">'
                         f'<strong>{esc(m["module"])}</strong><small>{len(m["classes"])} widgets: '
                         f'{esc(", ".join(c["name"] for c in m["classes"][:6]))}'
                         f"{more}</small></a></li>")
        body = f'<ul class="sa-places">{"".join(items)}</ul>'
        title = "Choose a widget"
    help_html = html.help_box("Widgets are grouped by what they are for. Pick a group, then a widget: its "
                              "description tells what it shows and what each of its settings (fields) does.")
    return visit.page(title, body, crumbs=crumbs, help_html=help_html)
