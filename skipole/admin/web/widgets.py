"""A widget's screens: making a new one from the catalogue, and editing one — its name, every
field with the help its class gives, validators on fields that take them, bindings of fields
to devices, and project-wide defaults for new widgets of its class."""

import json

from . import html
from .html import esc, url
from .trees import doc_html

__all__ = ["widget_editor", "new_widget_form", "value_input", "device_options"]

#: field types whose value makes sense as the project's default for new widgets
DEFAULTABLE = ("cssclass", "cssstyle")


def device_options(visit, kinds=None):
    hardware = visit.hardware()
    if hardware is None:
        return []
    out = []
    for name, d in hardware.devices.items():
        if kinds and d.get("kind") not in kinds:
            continue
        desc = d.get("description") or ""
        out.append((name, f"{name} \u2014 {desc} ({d.get('kind')})" if desc else f"{name} ({d.get('kind')})"))
    return out


def _shown(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def value_input(visit, f, value, name="value"):
    """The input for a value of field ``f`` (a catalogue field dict), named ``TYPE:name``."""
    shape, ftype, label = f["shape"], f["type"], "Value"
    if shape == "arg":
        if ftype == "boolean":
            return html.checkbox(f"b:{name}", "Yes", bool(value))
        if f["name"] == "device" and visit.hardware() is not None:
            options = [("", "(none)")] + device_options(visit)
            return html.select(f"s:{name}", "Device", options, value or "")
        text = "" if value is None else str(value)
        if "\n" in text or len(text) > 70 or ftype in ("text",) and len(text) > 40:
            return html.textarea(f"t:{name}", label, text, rows=4)
        kind = "number" if ftype == "integer" else "text"
        return html.text_input(f"s:{name}", label, text, kind=kind)
    if shape == "list":
        lines = "\n".join(_shown(v) for v in (value or []))
        return html.textarea(f"l:{name}", label, lines, "One item per line.", rows=4)
    if shape == "table":
        cols = ", ".join(f.get("columns") or [])
        lines = "\n".join(" | ".join(_shown(c) for c in row) for row in (value or []))
        return html.textarea(f"tab:{name}", label, lines, f"One row per line, cells separated by | (columns: {cols}).",
                             rows=4)
    if shape == "dict":
        lines = "\n".join(f"{k} = {_shown(v)}" for k, v in (value or {}).items())
        return html.textarea(f"kv:{name}", label, lines, "One per line: key = value.", rows=4)
    return html.text_input(f"s:{name}", label, _shown(value))


def _current(f, values):
    if f["name"] in values:
        return values[f["name"]]
    return f.get("project_default", f.get("default"))


def widget_editor(visit, owner, info, hidden):
    widget = info.get("widget")
    body = info["element"][1]
    loc = info["location"]
    if widget is None:
        return html.card(html.notice(info.get("widget_error") or "Unknown widget class", "error"), "Widget")
    values = info.get("values") or {}
    bindings = body.get("bindings") or {}
    set_names = body.get("set_names") or {}
    validators = body.get("validators") or {}
    out = []
    about = (_about(widget["description"])
             + html.kv_list([("Class", widget["class"]), ("Location", loc)]))
    about += visit.action_form("rename_widget", hidden + html.text_input(
        "s:name", "Name", body.get("name", ""), "Its id in the page; code and JSON refer to it by this name."),
        "Rename")
    about += visit.action_form("set_widget_brief", hidden + html.text_input("s:brief", "Description",
                                                                            body.get("brief", "")), "Save")
    out.append(html.card(about, f"{widget['name']} widget"))
    if widget.get("containers"):
        links = "".join(html.button_link(url("/insert", at=f"{loc}-c{c}-{len(body.get(f'container_{c}') or [])}",
                                             **owner.query), f"Add into container {c}")
                        for c in range(widget["containers"]))
        out.append(html.card(f"<p>This widget holds other items. They are listed under it in the outline.</p>"
                             f'<div class="sa-bar">{links}</div>', "Containers"))
    fields = []
    for f in widget["fields"]:
        fname = f["name"]
        value = _current(f, values)
        bound = bindings.get(fname)
        badge = html.badge(f"bound to {bound.get('device')}", "sa-badge-live") if bound else ""
        shown = _shown(value)[:60] if fname in values else "default" + (f": {_shown(value)[:50]}"
                                                                          if _shown(value) else "")
        summary = f"<summary><strong>{esc(fname)}</strong> {badge}<small>{esc(shown)}</small></summary>"
        field_hidden = hidden + html.hidden("s:field", fname)
        parts = [f'<p class="sa-hint">{esc(f["help"])} <em>({esc(f["shape"])}, {esc(f["type"])})</em></p>']
        parts.append(visit.action_form("set_widget_field", field_hidden + value_input(visit, f, value),
                                       "Save", back=visit.here() + f"#w-{fname}"))
        tools = [visit.button("reset_widget_field", "Back to default", back=visit.here() + f"#w-{fname}",
                              **{k: v for k, v in _args(owner, loc).items()}, **{"s:field": fname})]
        if f["type"] in DEFAULTABLE and value not in (None, ""):
            tools.append(visit.button("set_widget_default", f"Use for new {widget['name']} widgets",
                                      **{"s:widget_class_path": widget["class"], "s:field": fname,
                                         "s:value": _shown(value)}))
        if visit.hardware() is not None and f["shape"] == "arg":
            tools.append(html.button_link(url("/bind", loc=loc, field=fname, **owner.query),
                                          "Change binding" if bound else "Bind to a device"))
        parts.append(f'<div class="sa-bar">{"".join(tools)}</div>')
        if bound:
            fmt = ", ".join(f"{k}={v}" for k, v in bound.items() if k != "device")
            parts.append(f"<p>Shows the value of device <strong>{esc(bound.get('device'))}</strong> live"
                         f"{(' (' + esc(fmt) + ')') if fmt else ''}.</p>")
        if f.get("validators"):
            parts.append(_validators(visit, owner, loc, fname, validators.get(set_names.get(fname, fname)) or []))
        if f["shape"] == "arg" and f["type"] not in ("boolean",) and fname not in ("show", "widget_class",
                                                                                 "widget_style"):
            parts.append('<details class="sa-more"><summary>Submitted name</summary>'
                         + visit.action_form("set_widget_field_name", field_hidden + html.text_input(
                             "s:name", "Submitted as", set_names.get(fname, ""),
                             f"Empty: {fname}. Forms send it as {body.get('name', '')}:NAME."), "Save name")
                         + "</details>")
        fields.append(f'<details class="sa-item" id="w-{esc(fname)}">{summary}{"".join(parts)}</details>')
    out.append(html.card("<p>Tap a field to change it. Empty fields use their default.</p>" + "".join(fields),
                         "Fields"))
    return "".join(out)


def _about(description):
    """The first paragraph of a widget's help, the rest folded (it lists every field)."""
    first, _, rest = str(description or "").strip().partition("\n\n")
    more = f'<details class="sa-more"><summary>More about it</summary>{doc_html(rest)}</details>' if rest else ""
    return f'<div class="sa-doc">{doc_html(first)}</div>{more}'


def _args(owner, loc):
    return dict(owner.args, **{"s:location": loc})


def _validators(visit, owner, loc, fname, current):
    args = dict(_args(owner, loc), **{"s:field": fname})
    hidden = "".join(html.hidden(k, v) for k, v in args.items())
    back = visit.here() + f"#w-{fname}"
    items = []
    for i, v in enumerate(current):
        msg = v.get("message") or ""
        tools = visit.button("remove_validator", "Remove", back=back, button_cls="sa-danger",
                             **dict(args, **{"i:index": i}))
        if i:
            tools += visit.button("move_validator", "Up", back=back, **dict(args, **{"i:index": i, "i:to": i - 1}))
        edit = visit.action_form("edit_validator", hidden + html.hidden("i:index", i) + html.text_input(
            "s:message", "Error message", msg) + html.text_input("s:displaywidget", "Widget showing the error",
                                                                 v.get("displaywidget") or ""),
            "Save", back=back)
        items.append(f'<li class="sa-item"><strong>{esc(v.get("class", ""))}</strong> {esc(json.dumps(v.get("arg_dict") or v.get("val_args") or {}))}'
                     f'{edit}<div class="sa-bar">{tools}</div></li>')
    catalogue = visit.q("validator_catalogue")
    options = []
    for m in catalogue:
        for c in m["classes"]:
            args_text = ", ".join(f"{k}={d}" for k, d in c["val_args"].items())
            options.append((c["class"], f"{c['class']}{' (' + args_text + ')' if args_text else ''}: "
                                        f"{html.first_line(c['description'], 60)}"))
    add = visit.action_form("add_validator", hidden + html.select("s:validator", "Check", options)
                            + html.text_input("s:message", "Error message", "", "Shown when the value fails.")
                            + html.text_input("s:displaywidget", "Widget showing the error (optional)", "")
                            + html.textarea("kv:val_args", "Arguments", "", "One per line: name = value "
                                            "(e.g. maxlength = 10).", rows=2)
                            + html.textarea("l:allowed_values", "Values that always pass", "", "One per line.",
                                            rows=2),
                            "Add check", back=back)
    return (f'<details class="sa-more"><summary>Checks on submitted values ({len(current)})</summary>'
            f'<ul class="sa-list">{"".join(items)}</ul>{add}</details>')


def new_widget_form(visit, owner, at, info, suggested):
    back = url("/element", loc="{result}", **owner.query)
    inner = [owner.hidden(), html.hidden("s:location", at), html.hidden("s:widget_class", info["class"]),
             html.text_input("s:name", "Name", suggested, "Its id in the page: letters, digits and _.", required=True),
             html.text_input("s:brief", "Description", "", "A note for you.")]
    for f in info["fields"]:
        if f["shape"] != "arg" or f["name"] in ("show", "show_error", "clear_error"):
            continue
        default = f.get("project_default", f.get("default"))
        name = f"e:fields.{f['name']}"
        if f["name"] == "device" and visit.hardware() is not None:
            inner.append(html.select(name, "device", [("", "(choose a device)")] + device_options(visit), "",
                                     f["help"]))
        elif f["type"] == "boolean":
            inner.append(html.select(name, f["name"], [("", f"default ({'yes' if default else 'no'})"),
                                                       ("true", "yes"), ("false", "no")], "", f["help"]))
        else:
            inner.append(html.text_input(name, f["name"], "", f["help"], placeholder=_shown(default)))
    form = visit.action_form("insert_widget", "".join(inner), f"Add {info['name']}", back=back,
                             button_cls="sa-primary sa-big")
    more = "<p>Fields holding lists or tables are set after adding, on the widget's screen.</p>"
    return html.card(_about(info["description"]), info["name"]) + html.card(
        form + more, "Settings")
