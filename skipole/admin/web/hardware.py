"""The Hardware screens: the project's devices with their editable settings (description,
power-on policy, default: the same settings as a project's setup page, with the same version
check), putting a Pi widget bound to a device on a page in one step, and binding any widget
field to a device."""

from ...hardware.exceptions import Conflict as DeviceConflict
from ...hardware.exceptions import HardwareError
from ...hardware.formatting import format_value
from . import html
from .bindings import FORMAT_HELP
from .common import template_pages
from .html import esc, url
from .site import refused_page
from .trees import Owner, owner_crumbs, suggest_name
from .widgets import device_options

__all__ = ["devices", "device_action", "add_widget", "bind", "WIDGETS_FOR_KIND"]

OUTPUT_KINDS = ("output", "pwm")

#: the Pi widgets that suit each kind of device, the first being the usual choice
WIDGETS_FOR_KIND = {
    "output": ("pi.Switch", "pi.Indicator", "pi.Value"),
    "pwm": ("pi.Slider", "pi.Gauge", "pi.Value"),
    "input": ("pi.Indicator", "pi.Value"),
    "cpu_temperature": ("pi.Value", "pi.Gauge"),
    "ds18b20": ("pi.Value", "pi.Gauge"),
    "system": ("pi.Value",),
}
WIDGET_WORDS = {"pi.Switch": "a switch", "pi.Indicator": "an on/off lamp", "pi.Value": "its value as text",
                "pi.Slider": "a slider", "pi.Gauge": "a dial"}


def _no_hardware(visit):
    body = html.card("<p>This project declares no devices. Devices are listed in the file "
                     "<code>hardware.toml</code> in the project folder (see the hardware guide); after "
                     "adding them, restart the service and they appear here.</p>", "No devices")
    return visit.page("Hardware", body, crumbs=[(None, "Hardware")])


def devices(visit):
    hardware = visit.hardware()
    if hardware is None:
        return _no_hardware(visit)
    cards = []
    if hardware.simulated:
        cards.append(html.notice("The pins are simulated: nothing is really switched.", "warn"))
    for name, d in hardware.devices.items():
        state = hardware.state(name)
        kind = d.get("kind")
        value = format_value(state, {"unit": True, "percent": kind == "pwm"})
        inner = (html.hidden("name", name) + html.hidden("settings_version", d.get("settings_version", 0))
                 + html.text_input("description", "Description", d.get("description", ""),
                                   "The name people see, e.g. Garden pump."))
        if kind in OUTPUT_KINDS:
            inner += html.select("power_on", "After a power cut", [
                ("off", "Start off"), ("on", "Start on"), ("restore", "Come back as it was")],
                d.get("power_on", "off"), "What the output does when the appliance starts.")
            if kind == "output":
                inner += html.select("default", "Before anything was saved", [("off", "Off"), ("on", "On")],
                                     "on" if d.get("default") in (True, "on") else "off")
            else:
                inner += html.text_input("default", "Level before anything was saved", d.get("default", 0.0),
                                         "0.0 (off) to 1.0 (full).", kind="number", step="0.01", min="0", max="1")
        form = (f'<form method="post" action="{esc(url("/device"))}" class="sa-form">'
                f'{html.hidden("csrf_token", visit.token)}{inner}'
                '<button type="submit" class="sa-btn">Save</button></form>')
        facts = [("Kind", kind), ("Now", value)]
        if d.get("pin") is not None:
            facts.append(("Pin (BCM)", d.get("pin")))
        add = html.button_link(url("/hardware/add", device=name), "Put it on a page", "sa-primary")
        cards.append(f'<details class="sa-card sa-choice" id="d-{esc(name)}"><summary><strong>{esc(name)}</strong>'
                     f'<small>{esc(d.get("description") or "")} \u00b7 {esc(value)}</small></summary>'
                     f'{html.kv_list(facts)}<div class="sa-bar">{add}</div>{form}</details>')
    help_html = html.help_box(
        "Your devices, from <code>hardware.toml</code>. You can rename them and choose how outputs start after "
        "a power cut; these settings are saved at once (they are not part of the draft) and are the same ones "
        "as on the appliance's Setup page. <strong>Put it on a page</strong> adds a switch, lamp, reading or "
        "dial for the device to a page of the draft in one step.", open_=True)
    return visit.page("Hardware", "".join(cards), crumbs=[(None, "Hardware")], help_html=help_html)


def device_action(visit):
    hardware = visit.hardware()
    if hardware is None:
        return _no_hardware(visit)
    name = visit.field("name")
    if name not in hardware.names:
        return visit.message_page("No such device", f"There is no device {name!r}.", status="404 Not Found")
    kind = hardware.devices[name].get("kind")
    changes = {"description": visit.field("description").strip()}
    if kind in OUTPUT_KINDS:
        changes["power_on"] = visit.field("power_on") or None
        default = visit.field("default").strip()
        if default:
            if kind == "pwm":
                try:
                    changes["default"] = float(default)
                except ValueError:
                    changes["default"] = default
            else:
                changes["default"] = default
    try:
        hardware.update_device(name, expected_version=visit.field("settings_version") or 0,
                               by=f"user:{visit.user}", **changes)
    except DeviceConflict as exc:
        return _device_conflict(visit, name, exc)
    except HardwareError as exc:
        from ..errors import AdminError
        return refused_page(visit, AdminError(str(exc)))
    visit.site.flash(visit, f"Saved the settings of {name}.")
    return visit.redirect(url("/hardware") + f"#d-{name}")


def _device_conflict(visit, name, exc):
    hardware = visit.hardware()
    now = hardware.devices[name]
    inner = "".join(html.hidden(k, visit.field(k)) for k in ("name", "description", "power_on", "default")
                    if visit.field(k) or k == "description")
    mine = html.kv_list([(k.replace("_", " "), visit.field(k)) for k in ("description", "power_on", "default")
                         if visit.field(k)])
    theirs = html.kv_list([("description", now.get("description")), ("power on", now.get("power_on")),
                           ("default", now.get("default"))])
    form = (f'<form method="post" action="{esc(url("/device"))}" class="sa-form">{html.hidden("csrf_token", visit.token)}'
            f'{html.hidden("settings_version", now.get("settings_version", 0))}{inner}'
            '<button type="submit" class="sa-btn sa-primary">Save mine over theirs</button></form>')
    body = (html.card(f"<p>{esc(str(exc))}</p><p>Someone changed the settings of <strong>{esc(name)}</strong> "
                      "(here or on the Setup page) after you opened this screen, so yours were not saved. "
                      "Nothing is lost:</p>", "Someone else changed this device", cls="sa-warn")
            + html.card(theirs, "Their settings (saved now)") + html.card(mine + form, "Yours")
            + f'<p>{html.button_link(url("/hardware") + f"#d-{name}", "Keep theirs")}</p>')
    return visit.page("Someone else changed this device", body, status="409 Conflict")


def insert_points(rows):
    """``[(location, label)]``: the ends of the elements (and widget containers) of a tree."""
    from .trees import _children
    counts = _children(rows)
    out = []
    for r in rows:
        if not r.get("can_hold"):
            continue
        loc = r["location"]
        n_parts, conts = counts.get(loc, [0, {}])
        pad = "\u2003" * min(r["depth"], 6)
        if r["kind"] in ("Widget", "ClosedWidget"):
            for c in range(r.get("containers", 0)):
                out.append((f"{loc}-c{c}-{conts.get(f'c{c}', 0)}",
                            f"{pad}inside widget {r.get('name')} (container {c})"))
        else:
            cls = (r.get("attribs") or {}).get("class", "")
            brief = r.get("brief", "")
            out.append((f"{loc}-{n_parts}", f"{pad}end of <{r.get('tag_name')}{' .' + cls if cls else ''}>"
                                            f"{' ' + brief if brief else ''}"))
    return out


def _default_point(rows, points):
    """After the last Pi widget of the page, else the end of the body."""
    last = None
    for r in rows:
        if r["kind"] in ("Widget", "ClosedWidget") and str(r.get("class", "")).startswith("pi."):
            last = r["location"]
    if last is None:
        return points[0][0] if points else ""
    head, _, idx = last.rpartition("-")
    return f"{head}-{int(idx) + 1}"


def add_widget(visit):
    hardware = visit.hardware()
    if hardware is None:
        return _no_hardware(visit)
    name = visit.arg("device")
    if name not in hardware.names:
        options = "".join(f'<li><a class="sa-place" href="{esc(url("/hardware/add", device=n))}"><strong>{esc(n)}</strong>'
                          f"<small>{esc(t)}</small></a></li>" for n, t in device_options(visit))
        return visit.page("Which device?", html.card(f'<ul class="sa-places">{options}</ul>'),
                          crumbs=[(url("/hardware"), "Hardware"), (None, "Put on a page")])
    d = hardware.devices[name]
    kind = d.get("kind")
    tree = visit.q("site_tree")
    pages = template_pages(tree)
    page = visit.arg("page")
    crumbs = [(url("/hardware"), "Hardware"), (None, f"Put {name} on a page")]
    choose = (f'<form method="get" action="{esc(url("/hardware/add"))}" class="sa-form">{html.hidden("device", name)}'
              + html.select("page", "Page", [(p["ident"], f"{p['path']} \u2014 {p['brief']}") for p in pages],
                            page or next((p["ident"] for p in pages if p["name"] == "control"), None))
              + '<button type="submit" class="sa-btn">Choose this page</button></form>')
    if not page:
        return visit.page(f"Put {name} on a page", html.card(choose, "1. Which page?"), crumbs=crumbs)
    owner = Owner(visit)
    rows = visit.q("tree_outline", page=owner.page, root="body")
    points = insert_points(rows)
    used = {r.get("name") for r in rows if r.get("name")}
    classes = WIDGETS_FOR_KIND.get(kind, ("pi.Value",))
    inner = (owner.hidden() + html.hidden("s:fields.device", name)
             + html.select("s:widget_class", "Show it as", [(c, f"{c.split('.')[1]}: {WIDGET_WORDS.get(c, c)}")
                                                             for c in classes], classes[0])
             + html.select("s:location", "Where", points, _default_point(rows, points),
                           "The new widget goes at the end of the element you choose.")
             + html.text_input("s:name", "Widget name", suggest_name(name, used), "Its id in the page.",
                               required=True)
             + html.text_input("e:fields.label", "Label", "", f"Words beside it; empty: {d.get('description') or name}.")
             + html.text_input("s:brief", "Description", f"shows {name}"))
    form = visit.action_form("insert_widget", inner, "Add to the page", button_cls="sa-primary sa-big",
                             back=url("/element", page=owner.page, loc="{result}"))
    body = (html.card(choose, "1. Page") + html.card(form, "2. How and where")
            + f'<p>{html.button_link(url("/view", page=owner.page), "Preview the page")}</p>')
    help_html = html.help_box(f"Adds a widget showing <strong>{esc(name)}</strong> ({esc(kind)}) to the draft of "
                              "the page. Preview it, then publish.", open_=True)
    return visit.page(f"Put {name} on a page", body, crumbs=crumbs, help_html=help_html)


def bind(visit):
    owner = Owner(visit)
    loc, field = visit.arg("loc"), visit.arg("field")
    info = visit.q("element_info", location=loc, **owner.kw())
    if info["kind"] not in ("Widget", "ClosedWidget"):
        return visit.message_page("Not a widget", "Only widget fields can be bound.", status="400 Bad Request")
    body = info["element"][1]
    spec = (body.get("bindings") or {}).get(field) or {}
    back = url("/element", loc=info["location"], **owner.query) + f"#w-{field}"
    hidden = owner.hidden() + html.hidden("s:location", info["location"]) + html.hidden("s:field", field)
    if visit.hardware() is None:
        return _no_hardware(visit)
    inner = (hidden + html.select("s:device", "Device", device_options(visit), spec.get("device"))
             + html.text_input("s:on", "On text", spec.get("on", ""), FORMAT_HELP["on"])
             + html.text_input("s:off", "Off text", spec.get("off", ""), FORMAT_HELP["off"])
             + html.text_input("s:decimals", "Decimals", spec.get("decimals", ""), FORMAT_HELP["decimals"],
                               kind="number", min="0", max="10")
             + html.checkbox("b:percent", "Percent", spec.get("percent"), FORMAT_HELP["percent"])
             + html.checkbox("b:unit", "Unit", spec.get("unit"), FORMAT_HELP["unit"])
             + html.text_input("t:prefix", "Before", spec.get("prefix", ""), FORMAT_HELP["prefix"])
             + html.text_input("t:suffix", "After", spec.get("suffix", ""), FORMAT_HELP["suffix"]))
    parts = [html.card(visit.action_form("bind_widget_field", inner, "Bind", back=back, button_cls="sa-primary"),
                       f"Show a device in {body.get('name') or 'the widget'}:{field}")]
    if spec:
        parts.append(html.card(visit.action_form("unbind_widget_field", hidden, "Remove the binding", back=back,
                                                 button_cls="sa-danger"), "Unbind"))
    help_html = html.help_box(f"The field <strong>{esc(field)}</strong> will show the chosen device's value "
                              "instead of its own, and follow it live while the page is open.", open_=True)
    return visit.page("Bind to a device", "".join(parts), help_html=help_html,
                      crumbs=owner_crumbs(visit, owner, (back, info["location"]), (None, "Bind")))
