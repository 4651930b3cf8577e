"""Read-only queries for skiadmin's screens: the site tree, one item, a page's element tree,
widgets with their fields' help, sections, labels, TextBlocks, defaults and the catalogues.

Each is ``query(draft, **arguments)`` and returns plain JSON-able data; run them with
``AdminStore.query(name, **arguments)``, which returns the version with the result.
"""

import copy

from . import catalogue
from .edits import _all_trees, _new_ident, _page, item_index, query, resolve_item, tree_of, widget_class
from .errors import NotFound
from .locations import format_location, parse_location

__all__ = []


@query
def project_info(draft):
    """The project's settings and counts: ``name``, ``ident``, ``brief``, ``version``,
    ``default_language``, ``url``, ``pages``, ``folders``, ``sections``, ``labels``, ``languages``."""
    index = item_index(draft)
    return {"name": draft.name, "ident": draft.proj_ident, "brief": draft.data.get("brief", ""),
            "version": draft.data.get("version", ""), "default_language": draft.default_language,
            "url": draft.data.get("url", "/"),
            "pages": sum(1 for e in index.values() if not e.is_folder),
            "folders": sum(1 for e in index.values() if e.is_folder),
            "sections": len(draft.sections), "labels": len(draft.labels),
            "languages": sorted(draft.textblocks)}


def _row(entry):
    raw = entry.raw
    row = {"ident": entry.ident, "name": entry.name, "path": entry.path, "brief": raw.get("brief", ""),
           "kind": entry.kind}
    if entry.is_folder:
        row["restricted"] = bool(raw.get("restricted"))
        row["default_page_name"] = raw.get("default_page_name", "index")
    elif entry.kind == "RespondPage":
        row["responder"] = raw["RespondPage"].get("class", "")
    if raw.get("access"):
        row["access"] = copy.deepcopy(raw["access"])
    return row


@query
def site_tree(draft):
    """The whole site as nested rows: each folder ``{ident, name, path, brief, kind:
    "folder", restricted, default_page_name, pages: [rows], folders: [rows]}``; each page
    ``{ident, name, path, brief, kind (TemplatePage...), responder?}``."""
    index = item_index(draft)

    def build(entry):
        row = _row(entry)
        row["pages"] = [_row(index[p["ident"]]) for p in (entry.raw.get("pages") or {}).values()]
        row["folders"] = [build(index[f["ident"]]) for f in (entry.raw.get("folders") or {}).values()]
        return row
    return build(index[0])


@query
def item_info(draft, item):
    """One folder or page: its row (see ``site_tree``), its ``settings`` (the page type's
    settings, a copy), its ``parent`` ident, the ``labels`` pointing to it and, for a
    folder, its ``contents``."""
    index = item_index(draft)
    entry = resolve_item(draft, item, None, index)
    info = _row(entry)
    if entry.parent is not None:
        info["parent"] = 0 if entry.parent is index[0].raw else entry.parent["ident"]
    info["labels"] = sorted(k for k, v in draft.labels.items()
                            if v == entry.ident or (isinstance(v, str) and v.strip() == str(entry.ident)))
    if entry.is_folder:
        info["contents"] = {"pages": sorted(entry.raw.get("pages") or {}),
                            "folders": sorted(entry.raw.get("folders") or {})}
    else:
        info["settings"] = copy.deepcopy(entry.raw[entry.kind])
        if entry.kind == "TemplatePage":
            info["trees"] = ["head", "body"]
        elif entry.kind == "SVG":
            info["trees"] = ["svg"]
    return info


def _summary(node):
    kind, body = node
    if kind == "Text":
        return {"text": body[:200]}
    if kind in ("HTMLSymbol", "Comment"):
        return {"text": str(body.get("text", ""))[:200]}
    if kind in ("Part", "ClosedPart", "Section"):
        return {"tag_name": body.get("tag_name", ""), "brief": body.get("brief", ""),
                "attribs": dict(body.get("attribs") or {}), "show": body.get("show", True)}
    if kind in ("Widget", "ClosedWidget"):
        try:
            containers = widget_class(body.get("class", "")).containers
        except KeyError:
            containers = 0
        return {"class": body.get("class", ""), "name": body.get("name", ""), "brief": body.get("brief", ""),
                "containers": containers}
    if kind == "TextBlock":
        return {"textref": body.get("textref", ""), "brief": body.get("brief", "")}
    if kind == "SectionPlaceHolder":
        return {"section_name": body.get("section_name", ""), "placename": body.get("placename", ""),
                "multiplier": body.get("multiplier", 0), "brief": body.get("brief", "")}
    return {}


@query
def tree_outline(draft, page=None, section=None, root=None):
    """The rows of a page's tree (``root``: head, body or svg) or a section's: each row is
    ``{location, depth, kind, can_hold}`` plus a short summary (tag and brief, widget class
    and name, text...), in document order.  ``can_hold`` tells whether items can be
    inserted inside it (at ``location-N``, or ``location-cK-N`` for widget container K)."""
    tree = tree_of(draft, page, section, root, create=False)
    rows = []
    for loc, node in tree.walk():
        depth = sum(1 for i in loc[1:] if isinstance(i, int))
        row = {"location": format_location(loc), "depth": depth, "kind": node[0]}
        row.update(_summary(node))
        row["can_hold"] = node[0] in ("Part", "Section") or (node[0] in ("Widget", "ClosedWidget")
                                                             and row.get("containers", 0) > 0)
        rows.append(row)
    return rows


@query
def element_info(draft, location, page=None, section=None):
    """One element: ``{location, kind, element}`` (a copy of its JSON), plus for a widget
    ``widget`` (its class's catalogue entry: description and every field's shape, type,
    help and default) and ``values`` (the widget's current field values)."""
    tree = tree_of(draft, page, section, location, create=False)
    node = tree.node(location)
    info = {"location": format_location(parse_location(location)), "kind": node[0],
            "element": copy.deepcopy(node)}
    if node[0] in ("Widget", "ClosedWidget"):
        try:
            info["widget"] = catalogue.widget_info(node[1].get("class", ""), draft.defaults)
        except KeyError as exc:
            info["widget_error"] = exc.args[0]
        info["values"] = copy.deepcopy(node[1].get("fields") or {})
    return info


@query
def list_sections(draft):
    """Every section: ``[{name, brief, used_by: [descriptions of the pages placing it]}]``."""
    users = {}
    for desc, _ident, _sec, tree in _all_trees(draft):
        for _loc, node in tree.walk():
            if node[0] == "SectionPlaceHolder":
                users.setdefault(node[1].get("section_name"), set()).add(desc)
    return [{"name": name, "brief": tree[1].get("brief", ""), "used_by": sorted(users.get(name, ()))}
            for name, tree in draft.sections.items()]


@query
def list_labels(draft):
    """Every label: ``[{label, target, points_to}]``; ``points_to`` is the path of the local
    page or folder it names, else None (a URL or another project's label)."""
    from .edits import _local_number
    index = item_index(draft)
    out = []
    for label, target in sorted(draft.labels.items()):
        num = _local_number(draft, target)
        out.append({"label": label, "target": target, "points_to": index[num].path if num in index else None})
    return out


@query
def list_textblocks(draft, language=None, search="", start=0, count=50):
    """A page of TextBlocks: ``{total, languages, items: [{textref, texts: {lang: text}}]}``,
    optionally only those whose reference or text contains ``search`` (any language, or
    ``language`` only)."""
    refs = set()
    for lang, blocks in draft.textblocks.items():
        if language and lang != language:
            continue
        refs.update(blocks)
    search = (search or "").lower()
    items = []
    for ref in sorted(refs):
        texts = {lang: blocks[ref] for lang, blocks in draft.textblocks.items()
                 if ref in blocks and (not language or lang == language)}
        if search and search not in ref.lower() and not any(search in t.lower() for t in texts.values()):
            continue
        items.append({"textref": ref, "texts": texts})
    start = max(0, int(start or 0))
    count = max(1, min(500, int(count or 50)))
    return {"total": len(items), "languages": sorted(draft.textblocks), "items": items[start:start + count]}


@query
def get_defaults(draft):
    """defaults.json: ``backcol``, ``body_class``, ``css_links``, ``js_links``, ``widgets``."""
    return copy.deepcopy(draft.defaults)


@query
def next_ident(draft):
    """The ident a new folder or page would get now (to pre-fill a form)."""
    return _new_ident(draft, reserve=False)


@query
def find_references(draft, item):
    """Where a folder or page is referred to by ident or label: ``[{where, what}]``
    (responder settings, template settings, labels, widget link fields).  Shown before a
    delete or rename so nothing breaks unnoticed."""
    from .edits import _local_number
    index = item_index(draft)
    target = resolve_item(draft, item, None, index).ident
    found = []

    def hits(value):
        if isinstance(value, (list, tuple)):
            return any(hits(v) for v in value)
        return _local_number(draft, value) == target

    for label, value in draft.labels.items():
        if hits(value):
            found.append({"where": f"label {label!r}", "what": "label"})
    for entry in index.values():
        if entry.is_folder:
            continue
        if entry.kind == "RespondPage":
            rp = entry.raw["RespondPage"]
            for key, value in (rp.get("original_args") or {}).items():
                if key in ("target_ident", "fail_ident", "alternate_ident", "validate_fail_ident",
                           "allowed_callers") and hits(value):
                    found.append({"where": entry.describe(), "what": key})
            if rp.get("class") in ("CaseSwitch", "MediaQuery"):
                for key, value in (rp.get("original_fields") or {}).items():
                    if hits(value):
                        found.append({"where": entry.describe(), "what": f"field {key}"})
        elif entry.kind == "TemplatePage":
            for key in ("interval_target", "catch_to_html"):
                if hits(entry.raw["TemplatePage"].get(key)):
                    found.append({"where": entry.describe(), "what": key})
    for desc, _ident, _sec, tree in _all_trees(draft):
        for loc, node in tree.walk():
            if node[0] not in ("Widget", "ClosedWidget"):
                continue
            try:
                cls = widget_class(node[1].get("class", ""))
            except KeyError:
                continue
            for fname, value in (node[1].get("fields") or {}).items():
                f = cls.field_table.get(fname)
                if f is not None and f.ftype == "url" and not isinstance(value, (dict,)) and hits(value):
                    found.append({"where": f"{desc} {format_location(loc)}", "what": f"widget "
                                  f"{node[1].get('name') or node[1].get('class')!r} field {fname}"})
    return found


@query
def page_tree_roots(draft, page):
    """The trees a page has: ``["head", "body"]`` (Template) or ``["svg"]`` (SVG)."""
    entry = _page(draft, page)
    if entry.kind == "TemplatePage":
        return ["head", "body"]
    if entry.kind == "SVG":
        return ["svg"]
    raise NotFound(f"{entry.describe()} has no element tree", "page")


@query
def widget_catalogue(draft, module=None):
    """The widget modules and classes (see ``catalogue.widget_catalogue``)."""
    return catalogue.widget_catalogue(module)


@query
def widget_class_info(draft, widget_class):
    """One widget class with every field's help, and the project's defaults for them."""
    try:
        return catalogue.widget_info(widget_class, draft.defaults)
    except KeyError as exc:
        raise NotFound(exc.args[0], "widget_class") from None


@query
def responder_catalogue(draft):
    """Every responder class with its description and settings (see ``catalogue``)."""
    return catalogue.responder_catalogue()


@query
def validator_catalogue(draft):
    """Every validator class with its description and arguments."""
    return catalogue.validator_catalogue()


@query
def page_kinds(draft):
    """The page types, with help."""
    return catalogue.page_kinds()


@query
def element_kinds(draft):
    """The element kinds of a tree, with help."""
    return catalogue.element_kinds()
