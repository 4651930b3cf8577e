"""pi02: the hook code of skipole's default appliance (see docs/appliance.md).

The pages themselves live in ``data/project.json`` (skiadmin edits them).  The Pi widgets on
the control and sensors pages read the devices without any code; these hooks fill in what
needs Python: who is logged in, the event log, the 48-hour charts, and the setup page
(power-on settings through ``hardware.update_device``, passwords, users and API tokens
through ``skicall.accounts``).  Widgets are found by the names ``projects/build.py`` gives
them; sections placed with a device's name as alias (``output_setup``, ``chart``) are
filled for that device.
"""

import datetime
import math
import time
from urllib.parse import parse_qs

from skipole import FailPage, PageData, SectionData
from skipole.hardware import Conflict, HardwareError
from skipole.security import safe_next
from skipole.security.accounts import UserError

proj_data = {}

#: where a login without a ``next`` address goes
AFTER_LOGIN = "control"
#: the power-on choices as the setup page shows them
POWER_ON = {"off": "Off", "on": "On", "restore": "Restore last state"}
#: events shown on the logs page (the store keeps 1000)
LOG_LINES = 200

# the chart's plot area in the picture's coordinates (see build.py's chart_section)
CHART_LEFT, CHART_TOP, CHART_WIDTH, CHART_HEIGHT = 44.0, 8.0, 268.0, 130.0
CHART_HOURS = 48
CHART_BUCKETS = 288          # one point per 10 minutes: finer than the picture can show


def start_call(called_ident, skicall):
    """Access rules are in project.json ("access"), so every call goes where it asked."""
    return called_ident


def submit_data(skicall):
    """Run the action the responder names (the first item of its submit_list)."""
    action = skicall.submit_list[0] if skicall.submit_list else ""
    handler = ACTIONS.get(action)
    if handler is None:
        raise FailPage(f"Unknown action {action!r}.")
    return handler(skicall)


def end_call(page_ident, page_type, skicall):
    """Fill the page: the title bar on every page, then what the page itself needs.

    The logs and sensors pages ask their JSON pages (logs_refresh, sensors_refresh) for the
    same values again every few seconds, so the log and the charts follow without a reload.
    """
    if page_type not in ("TemplatePage", "JSON"):
        return
    pd = PageData()
    if page_type == "TemplatePage":
        fill_header(skicall, pd)
    for label, fill in PAGES.items():
        if skicall.label_value(label) == tuple(page_ident):
            fill(skicall, pd)
            break
    skicall.update(pd)


# ---- every page ---------------------------------------------------------------------------------

def fill_header(skicall, pd):
    """Who is logged in, with a logout button; or a login link."""
    header = SectionData("header")
    user = skicall.user
    if user:
        header["user", "para_text"] = who(user)
        header["login_link", "show"] = False
    else:
        header["user", "show"] = False
        header["logout", "show"] = False
    pd.update(header)


def who(by):
    """How a user, token or service appears on the pages."""
    if not by:
        return ""
    if by.startswith("user:"):
        return by[5:]
    if by.startswith("token:"):
        return f"API token {by[6:]}"
    return {"startup": "service start", "shutdown": "service stop", "input": "on the Pi",
            "sensor": "sensor"}.get(by, by)


def fill_home(skicall, pd):
    hardware = skicall.hardware
    if hardware is not None and hardware.simulated:
        pd["simulated", "show"] = True
    if skicall.user:
        pd["welcome", "para_text"] = f"Welcome, {who(skicall.user)}."
        pd["login_button", "show"] = False
        pd["control_button", "show"] = True


# ---- logging in -----------------------------------------------------------------------------------

def fill_login(skicall, pd):
    """Keep the address to return to, and the name typed before a failed attempt."""
    pd.get_section("header")["login_link", "show"] = False       # this is the login page
    if skicall.user:
        pd["already", "show"] = True
        pd["already", "para_text"] = f"You are logged in as {who(skicall.user)}. Log in again to switch user."
    wanted = skicall.call_data.get("next")
    if wanted is None:
        query = parse_qs(skicall.environ.get("QUERY_STRING", ""))
        wanted = (query.get("next") or [""])[0]
    wanted = safe_next(wanted, "")
    if wanted:
        pd["login", "hidden_field1"] = wanted
    typed = skicall.call_data.get("username")
    if typed:
        pd["login", "input_text1"] = typed


def fill_logged_in(skicall, pd):
    """The password was right: send the browser (303) where it wanted to go, a local path only.

    A page answering 303 rather than a GoTo to a URL, so the new session cookie goes with it.
    """
    wanted = safe_next(skicall.call_data.get("next") or "", "")
    if not wanted or wanted.rstrip("/") in ("/login", "/login_check", "/logout"):
        wanted = skicall.makepath(AFTER_LOGIN)
    pd.status = "303 See Other"
    pd.headers = [("Location", wanted), ("Cache-Control", "no-store")]
    pd["continue", "link_ident"] = wanted


# ---- sensors: 48-hour charts -----------------------------------------------------------------------

def fill_sensors(skicall, pd):
    hardware = skicall.hardware
    if hardware is None:
        return
    now = time.time()
    devices = hardware.devices
    for name in hardware.names:
        if devices[name].get("sample_every"):
            pd.update(chart_section(name, devices[name], hardware.get(name),
                                    hardware.history(name), now))


def chart_section(name, device, current, samples, now):
    """The SectionData of one device's chart (section ``chart`` placed with alias ``name``)."""
    sd = SectionData(name)
    sd["title", "large_text"] = device.get("description") or name
    chart = history_chart(samples, now, boolean=device["kind"] == "input")
    sd["line", "d"] = chart["path"]
    sd["ytop", "text"], sd["ymid", "text"], sd["ybottom", "text"] = chart["labels"]
    sd["summary", "para_text"] = chart_summary(device, current, chart)
    return sd


def parse_time(stamp):
    """A stored UTC time (``2024-05-01T12:00:00Z``) as POSIX seconds, or None."""
    try:
        when = datetime.datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return when.timestamp()


def history_chart(samples, now, boolean=False):
    """The chart of ``samples`` (``[(utc, value)]``) over the 48 hours up to ``now``.

    Returns ``{"path", "labels", "count", "low", "high", "share"}``: the SVG path data in the
    chart's coordinates (a line through 10-minute means; steps for on/off inputs; a gap where
    nothing was sampled), the three y-axis labels, how many samples fell in the window,
    the lowest and highest value, and for inputs the share of samples that were active.
    The window ends at ``now`` or at the latest sample if that is later (a Pi without a
    clock may stamp samples ahead of a clock that was set back).
    """
    points = []
    for stamp, value in samples:
        when = parse_time(stamp)
        if when is None or value is None or isinstance(value, str):
            continue
        number = float(value)
        if math.isfinite(number):
            points.append((when, number))
    end = max([now] + [when for when, _ in points])
    start = end - CHART_HOURS * 3600
    points = [(when, v) for when, v in points if when >= start]
    result = {"path": "", "labels": ("", "", ""), "count": len(points), "low": None,
              "high": None, "share": None}
    if not points:
        return result
    width = (end - start) / CHART_BUCKETS
    buckets = {}
    for when, value in points:
        index = min(CHART_BUCKETS - 1, int((when - start) / width))
        buckets.setdefault(index, []).append(value)
    values = [v for _, v in points]
    result["low"], result["high"] = min(values), max(values)
    if boolean:
        low, high = 0.0, 1.0
        result["labels"] = ("on", "", "off")
        result["share"] = sum(1 for v in values if v) / len(values)
    else:
        low, high = math.floor(min(values)), math.ceil(max(values))
        if high - low < 2:
            middle = (high + low) / 2
            low, high = math.floor(middle - 1), math.ceil(middle + 1)
        result["labels"] = (_tick(high), _tick((high + low) / 2), _tick(low))

    def x(index, offset=0.5):
        return CHART_LEFT + CHART_WIDTH * (index + offset) / CHART_BUCKETS

    def y(value):
        return CHART_TOP + CHART_HEIGHT * (1 - (value - low) / (high - low))

    commands = []
    previous = None
    for index in sorted(buckets):
        bucket = buckets[index]
        if boolean:
            level = 1.0 if any(bucket) else 0.0
            if previous == index - 1:
                commands.append(f"V {_num(y(level))} H {_num(x(index, 1))}")
            else:
                commands.append(f"M {_num(x(index, 0))} {_num(y(level))} H {_num(x(index, 1))}")
        else:
            mean = sum(bucket) / len(bucket)
            move = "L" if previous == index - 1 else "M"
            commands.append(f"{move} {_num(x(index))} {_num(y(mean))}")
            if move == "M" and (index + 1) not in buckets:
                # a lone point: a short flat stroke so that it shows
                commands.append("h 0.9")
        previous = index
    result["path"] = " ".join(commands)
    return result


def chart_summary(device, current, chart):
    unit = device.get("unit") or ""
    if device["kind"] == "input":
        now = "—" if current is None else ("active" if current else "inactive")
        if not chart["count"]:
            return f"Now {now}. No samples yet: one is taken every {_every(device)}."
        share = round(100 * chart["share"])
        return f"Now {now}. Active in {share} % of {chart['count']} samples over 48 hours."
    now = "— (cannot be read)" if current is None else f"{current:.1f} {unit}".strip()
    if not chart["count"]:
        return f"Now {now}. No samples yet: one is taken every {_every(device)}."
    return (f"Now {now}. Last 48 hours: {chart['low']:.1f} to {chart['high']:.1f} {unit} "
            f"({chart['count']} samples).").replace(" .", ".")


def _every(device):
    seconds = float(device.get("sample_every") or 0)
    if seconds % 60 == 0:
        minutes = int(seconds // 60)
        return "minute" if minutes == 1 else f"{minutes} minutes"
    return f"{seconds:g} seconds"


def _tick(value):
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"


def _num(value):
    return f"{value:.1f}".rstrip("0").rstrip(".")


# ---- logs ------------------------------------------------------------------------------------------

def fill_logs(skicall, pd):
    hardware = skicall.hardware
    if hardware is None:
        pd["events", "col1"] = [""]
        pd["events", "col2"] = ["This project has no devices, so there is no event log."]
        return
    devices = hardware.devices
    when, what, by = [], [], []
    for event in reversed(hardware.events(limit=LOG_LINES)):
        when.append(str(event.get("time", ""))[:19].replace("T", " "))
        what.append(event_text(event, devices))
        by.append(who(event.get("by")))
    if not when:
        when, what, by = [""], ["Nothing has happened yet."], [""]
    pd["events", "col1"], pd["events", "col2"], pd["events", "col3"] = when, what, by


def show_value(value, kind=None):
    """An output's value in words: on, off, or a PWM level in percent."""
    if isinstance(value, bool) or value is None:
        return "on" if value else "off"
    if kind == "pwm" and isinstance(value, (int, float)):
        return f"{100 * value:.0f} %"
    return str(value)


def event_text(event, devices):
    """One event as a line of the log: "Pump (relay1): set to on"."""
    device = event.get("device")
    text = str(event.get("text") or "")
    if device:
        info = devices.get(device) or {}
        description = info.get("description") or ""
        named = f"{description} ({device})" if description and description != device else device
        if event.get("kind") == "output" and "value" in event:
            value = show_value(event["value"], info.get("kind"))
            if event.get("by") == "startup":
                why = text.rpartition(":")[0].replace("power_on = ", "power-on ")
                text = f"{value} at start ({why})"
            elif text.startswith("set to "):
                text = f"set to {value}"
        return f"{named}: {text}"
    if event.get("kind") == "service":
        return f"Service {text}"
    return text


# ---- setup ---------------------------------------------------------------------------------------

def fill_setup(skicall, pd):
    hardware = skicall.hardware
    result = skicall.call_data.get("result")
    if result:
        pd["result", "show"] = True
        pd["result", "para_text"] = result
    if hardware is not None:
        for name, device in hardware.devices.items():
            if device["kind"] in ("output", "pwm"):
                pd.update(output_settings(name, device))
    fill_accounts(skicall, pd)


def output_settings(name, device):
    """The SectionData of one output's settings form (section placed with alias ``name``)."""
    sd = SectionData(name)
    description = device.get("description") or ""
    sd["title", "large_text"] = (f"{description or name} · GPIO{device.get('pin')} · "
                                 f"at power-on: {policy_text(device)}")
    sd["description", "input_text"] = description
    sd["power_on", "selectvalue"] = POWER_ON.get(device.get("power_on"), "Off")
    sd["form", "hidden_field1"] = str(device.get("settings_version", 0))
    default = device.get("default")
    if device["kind"] == "pwm":
        sd["default", "input_text"] = str(round(100 * float(default or 0)))
    else:
        sd["default", "selectvalue"] = "On" if default else "Off"
    return sd


def policy_text(device):
    """``off``, ``on`` or ``last state (else off)``: what an output does at power-on."""
    policy = device.get("power_on")
    if policy != "restore":
        return policy or "off"
    if device["kind"] == "pwm":
        return f"last level (else {round(100 * float(device.get('default') or 0))} %)"
    return f"last state (else {'on' if device.get('default') else 'off'})"


def fill_accounts(skicall, pd):
    """Users and tokens for admins; a note for everybody else."""
    accounts = skicall.accounts
    if not accounts.is_admin:
        for alias in ("users", "tokens"):
            hidden = SectionData(alias)
            hidden.show = False
            pd.update(hidden)
        pd["adminonly", "show"] = True
        return
    users = SectionData("users")
    listed = accounts.users()
    users["userlist", "col1"] = [u["name"] for u in listed]
    users["userlist", "col2"] = [u["role"] for u in listed]
    users["userlist", "col3"] = [u["created"][:10] for u in listed]
    users["user", "option_list"] = [u["name"] for u in listed]
    users["user", "selectvalue"] = listed[0]["name"] if listed else ""
    pd.update(users)
    tokens = SectionData("tokens")
    made = accounts.tokens()
    tokens["tokenlist", "col1"] = [t["name"] for t in made] or ["(none yet)"]
    tokens["tokenlist", "col2"] = [t["role"] for t in made] or [""]
    tokens["tokenlist", "col3"] = [t["created"][:10] for t in made] or [""]
    tokens["token", "option_list"] = [t["name"] for t in made]
    tokens["token", "selectvalue"] = made[0]["name"] if made else ""
    if not made:
        tokens["revoketoken", "show"] = False
        tokens["revoke_title", "large_text"] = "Revoke a token (there are none)"
    new_token = skicall.call_data.get("new_token")
    if new_token:
        tokens["newtoken", "show"] = True
        tokens["newtoken", "pre_text"] = (f"Your new token {new_token[0]!r} (shown only now):\n"
                                          f"{new_token[1]}")
    pd.update(tokens)


def _received(skicall):
    """The submitted widget fields as ``{(widget, field): value}`` and the section aliases."""
    fields, aliases = {}, set()
    for key, value in (skicall.submit_dict.get("received_data") or {}).items():
        if isinstance(key, tuple) and len(key) == 3:
            aliases.add(key[0])
            fields[key[1], key[2]] = value
        elif isinstance(key, tuple) and len(key) == 2:
            fields[key] = value
    return fields, aliases


def _by(skicall):
    user = skicall.user or ""
    return user if user.startswith("token:") else f"user:{user}"


def _log(skicall, text):
    hardware = skicall.hardware
    if hardware is not None:
        hardware.log_event("account", text, by=_by(skicall))


def save_output(skicall):
    """Save one output's description, power-on policy and default (setup page form)."""
    hardware = skicall.hardware
    fields, aliases = _received(skicall)
    if hardware is None or len(aliases) != 1:
        raise FailPage("These settings could not be read: reload the page and try again.")
    name = aliases.pop()
    if name not in hardware.names:
        raise FailPage(f"There is no output called {name!r}.")
    kind = hardware.devices[name]["kind"]
    power_on = {v: k for k, v in POWER_ON.items()}.get(fields.get(("power_on", "selectvalue")))
    if power_on is None:
        raise FailPage("Choose what the output does at power-on.")
    default = fields.get(("default", "input_text" if kind == "pwm" else "selectvalue"), "")
    if kind == "pwm":
        try:
            default = float(default) / 100
        except ValueError:
            raise FailPage("The level is a number from 0 to 100.")
        if not 0 <= default <= 1:
            raise FailPage("The level is a number from 0 to 100.")
    else:
        default = default == "On"
    try:
        info = hardware.update_device(
            name, description=str(fields.get(("description", "input_text"), "")),
            power_on=power_on, default=default,
            expected_version=fields.get(("form", "hidden_field1")), by=_by(skicall))
    except Conflict:
        raise FailPage("Someone changed these settings while you were editing them. They are "
                       "shown as they are now: make your change again.")
    except HardwareError as exc:
        raise FailPage(str(exc))
    skicall.call_data["result"] = (f"Saved: {info.get('description') or name} — at power-on "
                                   f"{POWER_ON[info['power_on']].lower()}.")


def change_password(skicall):
    """The logged-in user changes their own password; their other sessions end."""
    fields, _aliases = _received(skicall)
    old = fields.get(("old", "input_text"), "")
    new1 = fields.get(("new1", "input_text"), "")
    new2 = fields.get(("new2", "input_text"), "")
    if new1 != new2:
        raise FailPage("The two new passwords are not the same.")
    try:
        skicall.accounts.change_password(old, new1)
    except UserError as exc:
        raise FailPage(_sentence(exc))
    _log(skicall, f"{who(skicall.user)} changed their password")
    skicall.call_data["result"] = "Your password is changed. Your other sessions are logged out."


def manage_users(skicall):
    """Add a user, change a user's role, or remove a user (admins only)."""
    fields, _aliases = _received(skicall)
    accounts = skicall.accounts
    try:
        if ("add", "button_text") in fields:
            name = fields.get(("newname", "input_text"), "")
            role = fields.get(("newrole", "selectvalue"), "user")
            accounts.add_user(name, fields.get(("newpassword", "input_text"), ""), role)
            done = f"added user {name} ({role})"
        elif ("remove", "button_text") in fields:
            name = fields.get(("user", "selectvalue"), "")
            if name == skicall.user:
                raise UserError("you cannot remove yourself while logged in")
            accounts.remove_user(name)
            done = f"removed user {name}"
        elif ("setrole", "button_text") in fields:
            name = fields.get(("user", "selectvalue"), "")
            role = fields.get(("role", "selectvalue"), "user")
            accounts.set_role(name, role)
            done = f"gave {name} the {role} role"
        else:
            raise UserError("press one of the buttons")
    except UserError as exc:
        raise FailPage(_sentence(exc))
    _log(skicall, f"{who(skicall.user)} {done}")
    skicall.call_data["result"] = _sentence(done)


def manage_tokens(skicall):
    """Make an API token (shown once) or revoke one (admins only)."""
    fields, _aliases = _received(skicall)
    accounts = skicall.accounts
    try:
        if ("create", "button_text") in fields:
            name = fields.get(("tokenname", "input_text"), "").strip()
            role = fields.get(("tokenrole", "selectvalue"), "user")
            token = accounts.create_token(name, role)
            skicall.call_data["new_token"] = (name, token)
            done = f"made API token {name} ({role})"
        elif ("revoke", "button_text") in fields:
            name = fields.get(("token", "selectvalue"), "")
            accounts.revoke_token(name)
            done = f"revoked API token {name}"
        else:
            raise UserError("press one of the buttons")
    except UserError as exc:
        raise FailPage(_sentence(exc))
    _log(skicall, f"{who(skicall.user)} {done}")
    skicall.call_data["result"] = _sentence(done)


def _sentence(text):
    text = str(text)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


ACTIONS = {
    "setup_output": save_output,
    "setup_password": change_password,
    "setup_users": manage_users,
    "setup_tokens": manage_tokens,
}

#: page label -> what end_call adds to that page
PAGES = {
    "home": fill_home,
    "login": fill_login,
    "logged_in": fill_logged_in,
    "sensors": fill_sensors,
    "sensors_refresh": fill_sensors,
    "logs": fill_logs,
    "logs_refresh": fill_logs,
    "setup": fill_setup,
}
