"""Build the data/ folders of the example appliances pi01 and pi02 from this one script.

The two projects are ordinary skipole projects: once written, skiadmin edits them like any
other.  This script is how the shipped versions are made, so that a change to the design is
a reviewed change to Python, and a run of it gives the same files byte for byte::

    python3 projects/build.py            # writes projects/pi01/data and projects/pi02/data
    python3 projects/build.py --check    # exit 1 if the files on disk differ from a fresh build

Page and widget names are the contract with each project's hook code (``code/NAME.py``): the
hooks fill the widgets named here.
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
if __name__ == "__main__" and os.path.dirname(HERE) not in sys.path:
    sys.path.insert(0, os.path.dirname(HERE))       # the skipole package of this source tree

from skipole.widgets.base import ClosedWidget, widget_class  # noqa: E402

# ---- the pieces of a project.json tree ---------------------------------------------------------


def part(tag, *children, brief="", **attribs):
    """An HTML element holding ``children`` (strings become text)."""
    parts = [["Text", c] if isinstance(c, str) else c for c in children]
    body = {"tag_name": tag, "brief": brief or tag, "show": True, "hide_if_empty": False}
    if attribs:
        body["attribs"] = {k.rstrip("_").replace("_", "-"): v for k, v in attribs.items()}
    body["parts"] = parts
    return ["Part", body]


def closed(tag, brief="", **attribs):
    """A void HTML element (meta, link, input ...)."""
    return ["ClosedPart", {"tag_name": tag, "brief": brief or tag, "show": True,
                           "attribs": {k.rstrip("_").replace("_", "-"): v for k, v in attribs.items()}}]


def widget(cls, name, brief, containers=(), bindings=None, **fields):
    """A widget of class ``module.Class`` called ``name`` with ``fields``; ``bindings`` show
    device values in fields (``{"para_text": {"device": "relay1", ...}}``)."""
    body = {"class": cls, "name": name, "brief": brief, "fields": fields}
    for i, content in enumerate(containers):
        body[f"container_{i}"] = list(content)
    if bindings:
        body["bindings"] = bindings
    return ["ClosedWidget" if issubclass(widget_class(cls), ClosedWidget) else "Widget", body]


def placeholder(section_name, alias, brief=""):
    """Where a section is placed; ``alias`` names this copy (the hooks address it by alias)."""
    return ["SectionPlaceHolder", {"section_name": section_name, "placename": alias,
                                   "multiplier": 0, "mtag": "div", "brief": brief or section_name,
                                   "show": True}]


def section(tag, *children, brief="", **attribs):
    body = {"tag_name": tag, "brief": brief or tag, "show": True, "hide_if_empty": False}
    if attribs:
        body["attribs"] = {k.rstrip("_").replace("_", "-"): v for k, v in attribs.items()}
    body["parts"] = list(children)
    return ["Section", body]


def card(title, *children, brief="", cls="ap-card"):
    """A white box with a heading: the appliance's unit of layout."""
    heading = [part("h2", title)] if title else []
    return part("section", *heading, *children, brief=brief or f"card: {title}", class_=cls)


def template(ident, title, page_class, *main, brief, head_extra=(), header=True, notice=False,
             interval=0, interval_target="", access=None):
    """A phone-first TemplatePage: header section, an error line, ``main``, footer section."""
    head = part("head",
                closed("meta", "charset", charset="utf-8"),
                closed("meta", "viewport", name="viewport", content="width=device-width, initial-scale=1"),
                closed("meta", "theme colour", name="theme-color", content="#1f6f8b"),
                part("title", title, brief="page title"),
                closed("link", "skipole's stylesheet", rel="stylesheet", href="{skipole_css}"),
                closed("link", "the appliance's stylesheet", rel="stylesheet", href="{appliance_css}"),
                closed("link", "the icon", rel="icon", href="{icon}", type="image/svg+xml"),
                *head_extra, brief="page head")
    content = [widget("error_messages.ErrorPara", "top_error", "shows errors of this page",
                      widget_class="sk-error", hide=True)]
    if notice:
        content.append(widget("pi.SimulatedNotice", "simulated", "says when the pins are simulated"))
    content.extend(main)
    body_parts = []
    if header:
        body_parts.append(placeholder("header", "header", "title bar, user and navigation"))
    body_parts.append(part("main", *content, brief="page content", class_="sk-page ap-main"))
    body_parts.append(placeholder("footer", "footer", "page foot"))
    body = part("body", *body_parts, brief="page body", class_=f"ap {page_class}")
    page = {"ident": ident, "brief": brief,
            "TemplatePage": {"show_backcol": False, "last_scroll": False, "interval": interval,
                             "interval_target": interval_target, "lang": "en", "backcol": "",
                             "default_error_widget": ["", "top_error"]},
            "head": head, "body": body}
    if access:
        page["access"] = access
    return page


def responder(ident, cls, brief, *, target=None, fail=None, alternate=None, allowed_callers=(),
              submit_list=(), fields=None, access=None, **more):
    args = {"target_ident": target, "fail_ident": fail, "alternate_ident": alternate,
            "allowed_callers": list(allowed_callers), "submit_list": list(submit_list),
            "submit_option": bool(submit_list), "validate_option": False,
            "validate_fail_ident": None, "widgfield": None}
    args.update(more)
    page = {"ident": ident, "brief": brief,
            "RespondPage": {"class": cls, "original_args": args, "original_fields": dict(fields or {})}}
    if access:
        page["access"] = access
    return page


def folder(ident, brief, pages=None, folders=None, restricted=False, access=None):
    body = {"ident": ident, "brief": brief, "default_page_name": "index", "restricted": restricted,
            "folders": dict(folders or {}), "pages": dict(pages or {})}
    if access:
        body["access"] = access
    return body


LOGIN = {"login": True}
ADMIN = {"login": True, "role": "admin"}

# ---- widgets used on several pages -------------------------------------------------------------


def para(name, text, brief, cls="", show=True, bindings=None):
    fields = {"para_text": text}
    if cls:
        fields["widget_class"] = cls
    if not show:
        fields["show"] = False
    return widget("paras.ParaText", name, brief, bindings=bindings, **fields)


def heading(name, text, brief, tag="h1"):
    return widget("headers.HeadText", name, brief, tag=tag, large_text=text)


def button_link(name, text, target, brief, cls="ap-button", show=True):
    fields = {"link_ident": target, "button_text": text, "widget_class": cls}
    if not show:
        fields["show"] = False
    return widget("links.ButtonLink1", name, brief, **fields)


def text_input(name, label, brief, input_type="text", **more):
    return widget("inputtext.TextInput2", name, brief, label=label, type=input_type,
                  inputdiv_class="ap-field", error_class="sk-error", **more)


def password_input(name, label, brief):
    return widget("inputtext.Password2", name, brief, label=label, required=True,
                  inputdiv_class="ap-field", error_class="sk-error")


def choice(name, label, options, brief):
    return widget("dropdown.DropDown1", name, brief, left_label=label, option_list=list(options),
                  selectvalue=options[0], div_class="ap-field", error_class="sk-error")


def form(name, action, brief, *inputs, **fields):
    return widget("inputforms.Form1", name, brief, containers=[list(inputs)], action=action,
                  error_class="sk-error", container_class="ap-form", **fields)


def submit(name, text, brief, sends_value=True, cls=""):
    """A submit button; SubmitButton1 sends its text, so one form can have several actions."""
    kind = "inputforms.SubmitButton1" if sends_value else "inputforms.SubmitButton2"
    fields = {"button_text": text}
    if cls:
        fields["widget_class"] = cls
    return widget(kind, name, brief, **fields)


def fold(summary, *children, brief="", name=""):
    """A ``<details>`` box: closed, only its summary line shows; a tap opens it (no script).

    With ``name`` the summary is a HeadText widget the hooks can set.
    """
    if name:
        line = heading(name, summary, "the summary line (set by end_call)", tag="summary")
    else:
        line = part("summary", summary)
    return part("details", line, *children, brief=brief or f"fold: {summary}", class_="ap-fold")


def header_section(brand, nav):
    """The title bar: brand, who is logged in with a logout button, then the page links.

    ``nav`` is ``[(label, text), ...]``; each link has the class ``nav-LABEL`` so the page's
    body class (``pg-LABEL``) can mark the current one.
    """
    links = [part("a", text, brief=f"link to {label}", href="{" + label + "}",
                  class_=f"ap-nav-link nav-{label}") for label, text in nav]
    return section(
        "div",
        part("header",
             part("a", brand, brief="home link", href="{home}", class_="ap-brand"),
             part("div",
                  para("user", "", "who is logged in (set by end_call)", cls="ap-user"),
                  form("logout", "logout", "log out: a POST, ended by the LogOut responder",
                       submit("logout_button", "Log out", "the logout button", sends_value=False),
                       widget_class="ap-logout"),
                  button_link("login_link", "Log in", "login", "shown when nobody is logged in",
                              cls="ap-button ap-login-link"),
                  brief="user box", class_="ap-userbox"),
             brief="title bar", class_="ap-bar"),
        part("nav", *links, brief="page links", class_="ap-nav", aria_label="Pages"),
        brief="title bar and page links", class_="ap-top")


def footer_section(name):
    return section(
        "footer",
        part("span", "skipole ", brief="framework name"),
        widget("info.SkipoleVersion", "version", "the skipole version", widget_class="ap-version"),
        part("span", f" · {name}", brief="appliance name"),
        brief="page foot", class_="ap-foot")


def system_pages(base, home_text):
    """The project's own error pages and its JSON page, in a restricted folder."""
    def error_page(ident, title, text):
        return template(ident, title, "pg-error",
                        part("h1", title),
                        para("message", text, "what went wrong"),
                        button_link("home_button", home_text, "home", "back home"),
                        brief=f"{title}: the message is shown in top_error")
    return {
        "validate_error": error_page(base + 1, "Not accepted",
                                     "The page could not accept what was sent. Go back, reload it and try again."),
        "server_error": error_page(base + 2, "Server error",
                                   "Something went wrong on the Pi. The event log may say more."),
        "url_not_found": error_page(base + 3, "Not found", "There is no page at this address."),
        "general_json": {"ident": base + 4, "brief": "JSON page for updates",
                         "JSON": {"content": {}, "enable_cache": False}},
    }


def system_labels(base):
    return {"validate_error": base + 1, "server_error": base + 2, "url_not_found": base + 3,
            "general_json": base + 4}


def login_pages(login_ident, check_ident, do_login_ident, done_ident, logout_ident, home_ident):
    """The login page designed with widgets, and the responders behind it and the logout button.

    /login shows a NamePasswd1 form posting to /login_check, a StoreDataKeyed that keeps the
    ``next`` address (hidden_field1) and the name typed; the LogIn responder then checks the
    password and shows logged_in, whose hook answers 303 to ``next`` (a local path only), so
    the browser leaves the form post behind.
    """
    page = template(
        login_ident, "Log in", "pg-login",
        part("h1", "Log in"),
        para("already", "", "says who is logged in already (set by end_call)", show=False),
        widget("logins.NamePasswd1", "login", "user name and password form",
               action="login_check", label1="User name", label2="Password", button_text="Log in",
               error_class="sk-error", inputdiv_class="ap-form",
               div1_class="ap-field", div2_class="ap-field", div3_class="ap-actions",
               input_errored_class="sk-errored", widget_class="ap-card ap-login"),
        para("help", "No user yet? On the Pi, run: sudo skipole passwd", "how to make the first user",
             cls="sk-muted"),
        brief="the login page (label login)")
    check = responder(check_ident, "StoreDataKeyed", "keeps the address to return to after login",
                      target=do_login_ident,
                      fields={"login:hidden_field1": "next", "login:input_text1": "username"})
    do_login = responder(do_login_ident, "LogIn", "checks the user name and password",
                         target=done_ident, fail=login_ident,
                         fields={"login:input_text1": "username", "login:input_text2": "password"})
    done = template(
        done_ident, "Logged in", "pg-login",
        part("h1", "You are logged in"),
        button_link("continue", "Continue", home_ident, "where to go next (set by end_call)"),
        brief="after a login: end_call sends the browser on (303) to the page it asked for")
    logout = responder(logout_ident, "LogOut", "ends the session (POST only)", target=home_ident)
    return page, check, do_login, done, logout


# ---- the stylesheet (a CSS page, so skiadmin can edit it) -------------------------------------

APPLIANCE_CSS = {
    ":root": [["--ap-page", "#eef2f5"], ["--ap-card", "#ffffff"], ["--ap-bar", "#1f6f8b"],
              ["--ap-bar-fg", "#ffffff"], ["--ap-shadow", "0 1px 3px rgba(0,0,0,0.12)"]],
    "body.ap": [["background", "var(--ap-page)"], ["padding", "0"], ["overflow-x", "hidden"]],
    ".ap-top": [["background", "var(--ap-bar)"], ["color", "var(--ap-bar-fg)"],
                ["padding", "0.25rem 0.75rem 0.5rem"]],
    ".ap-bar": [["display", "flex"], ["flex-wrap", "wrap"], ["align-items", "center"],
                ["justify-content", "space-between"], ["gap", "0.25rem 0.75rem"],
                ["max-width", "40rem"], ["margin", "0 auto"]],
    ".ap-brand": [["color", "var(--ap-bar-fg)"], ["font-size", "1.25rem"], ["font-weight", "700"],
                  ["text-decoration", "none"], ["display", "inline-flex"], ["align-items", "center"],
                  ["min-height", "var(--sk-tap)"]],
    ".ap-userbox": [["display", "flex"], ["align-items", "center"], ["gap", "0.5rem"],
                    ["flex-wrap", "wrap"]],
    ".ap-user": [["margin", "0"], ["font-size", "0.95rem"], ["opacity", "0.9"]],
    ".ap-logout, .ap-logout form, .ap-logout .ap-form": [["display", "inline"], ["margin", "0"]],
    ".ap-top input[type=submit], .ap-top .ap-login-link": [
        ["background", "transparent"], ["border", "1px solid var(--ap-bar-fg)"],
        ["color", "var(--ap-bar-fg)"], ["margin", "0"]],
    ".ap-nav": [["display", "grid"], ["grid-template-columns", "repeat(auto-fit, minmax(4.5rem, 1fr))"],
                ["gap", "0.375rem"], ["max-width", "40rem"], ["margin", "0.25rem auto 0"]],
    ".ap-nav-link": [["display", "flex"], ["align-items", "center"], ["justify-content", "center"],
                     ["min-height", "var(--sk-tap)"], ["padding", "0.25rem 0.5rem"],
                     ["border-radius", "var(--sk-radius)"], ["color", "var(--ap-bar-fg)"],
                     ["background", "rgba(255,255,255,0.12)"], ["text-decoration", "none"],
                     ["font-weight", "600"]],
    ".pg-home .nav-home, .pg-control .nav-control, .pg-sensors .nav-sensors, .pg-logs .nav-logs, "
    ".pg-setup .nav-setup, .pg-panel .nav-panel, .pg-information .nav-information, "
    ".pg-account .nav-account": [["background", "var(--ap-bar-fg)"], ["color", "var(--ap-bar)"]],
    ".ap-main": [["max-width", "40rem"], ["padding", "0.5rem 0.75rem 2rem"]],
    ".ap-main h1": [["margin", "0.75rem 0 0.5rem"], ["font-size", "1.5rem"]],
    ".ap-card": [["background", "var(--ap-card)"], ["border-radius", "10px"],
                 ["box-shadow", "var(--ap-shadow)"], ["padding", "0.75rem 1rem"],
                 ["margin", "0 0 0.875rem"], ["overflow-wrap", "anywhere"]],
    ".ap-card h2": [["font-size", "1.15rem"], ["margin", "0 0 0.5rem"]],
    ".ap-card h3": [["font-size", "1.05rem"], ["margin", "0.75rem 0 0.25rem"]],
    ".ap-card > .sk-pi": [["padding", "0.375rem 0"], ["border-bottom", "1px solid var(--sk-line)"]],
    ".ap-card > .sk-pi:last-child": [["border-bottom", "0"]],
    ".sk-pi-switch": [["justify-content", "space-between"]],
    ".sk-pi-switch .sk-pi-label": [["flex", "1 1 8rem"]],
    ".ap-button": [["width", "100%"], ["margin", "0.25rem 0"]],
    ".ap-field": [["display", "flex"], ["flex-direction", "column"], ["margin", "0 0 0.5rem"]],
    ".ap-field label": [["margin", "0 0 0.125rem"], ["font-weight", "600"]],
    ".ap-field input, .ap-field select": [["width", "100%"]],
    ".ap-form input[type=submit]": [["width", "100%"], ["margin", "0.25rem 0"]],
    ".ap-actions input[type=submit]": [["width", "100%"]],
    ".ap-state": [["display", "flex"], ["justify-content", "space-between"], ["margin", "0"],
                  ["padding", "0.375rem 0"], ["border-bottom", "1px solid var(--sk-line)"],
                  ["font-variant-numeric", "tabular-nums"]],
    ".ap-ok": [["color", "var(--sk-ok)"], ["font-weight", "600"]],
    ".ap-note": [["background", "var(--sk-soft)"], ["border-radius", "var(--sk-radius)"],
                 ["padding", "0.5rem 0.75rem"]],
    ".ap-secret": [["background", "#fff4e0"], ["border", "2px solid #b26a00"], ["padding", "0.75rem"],
                   ["border-radius", "var(--sk-radius)"], ["white-space", "pre-wrap"],
                   ["word-break", "break-all"], ["font-size", "0.95rem"]],
    ".ap-simulated": [["background", "var(--sk-pi-sim-bg, #fff4e0)"], ["color", "var(--sk-pi-sim-fg, #5c3700)"],
                      ["border-left", "4px solid var(--sk-pi-sim-line, #b26a00)"],
                      ["padding", "0.5rem 0.75rem"], ["border-radius", "var(--sk-radius)"],
                      ["font-weight", "600"]],
    "table.ap-table": [["display", "table"], ["width", "100%"], ["font-size", "0.95rem"]],
    ".ap-log": [["display", "block"], ["width", "100%"], ["border-collapse", "collapse"]],
    ".ap-log tbody, .ap-log thead": [["display", "block"]],
    ".ap-log tr": [["display", "grid"], ["grid-template-columns", "1fr auto"],
                   ["column-gap", "0.75rem"], ["border-bottom", "1px solid var(--sk-line)"],
                   ["padding", "0.375rem 0"]],
    ".ap-log th, .ap-log td": [["border", "0"], ["padding", "0"], ["background", "transparent"]],
    ".ap-log td:nth-child(1)": [["grid-row", "1"], ["grid-column", "1"], ["color", "var(--sk-muted)"],
                                ["font-size", "0.875rem"], ["font-variant-numeric", "tabular-nums"]],
    ".ap-log td:nth-child(2)": [["grid-row", "2"], ["grid-column", "1 / -1"]],
    ".ap-log td:nth-child(3)": [["grid-row", "1"], ["grid-column", "2"], ["color", "var(--sk-muted)"],
                                ["font-size", "0.875rem"], ["text-align", "right"]],
    "details.ap-fold": [["border-top", "1px solid var(--sk-line)"], ["padding", "0"]],
    "details.ap-fold > summary": [["min-height", "var(--sk-tap)"], ["padding", "0.625rem 0"],
                                  ["cursor", "pointer"], ["font-weight", "600"]],
    "details.ap-fold[open] > summary": [["color", "var(--sk-accent)"]],
    "details.ap-fold > .ap-form, details.ap-fold > div": [["padding-bottom", "0.75rem"]],
    ".ap-chart": [["display", "block"], ["width", "100%"], ["height", "auto"],
                  ["background", "var(--ap-card)"]],
    ".ch-frame": [["fill", "none"], ["stroke", "var(--sk-line)"]],
    ".ch-grid": [["fill", "none"], ["stroke", "var(--sk-line)"], ["stroke-dasharray", "3 3"]],
    ".ch-line": [["fill", "none"], ["stroke", "var(--sk-accent)"], ["stroke-width", "2"],
                 ["stroke-linejoin", "round"]],
    ".ch-label": [["fill", "var(--sk-muted)"], ["font-size", "13px"],
                  ["font-family", "system-ui, sans-serif"]],
    ".ap-summary": [["font-size", "0.95rem"], ["color", "var(--sk-muted)"], ["margin", "0 0 0.25rem"]],
    ".ap-gauges": [["display", "grid"], ["grid-template-columns", "repeat(auto-fit, minmax(9rem, 1fr))"],
                   ["gap", "0.5rem"]],
    ".sk-pi-gauge": [["text-align", "center"]],
    ".sk-pi-gauge svg": [["max-width", "12rem"], ["width", "100%"]],
    ".sk-pi-gauge .sk-pi-end": [["font-size", "16px"]],
    ".ap-foot": [["display", "block"], ["text-align", "center"], ["color", "var(--sk-muted)"],
                 ["font-size", "0.875rem"], ["padding", "1rem 0.75rem 1.5rem"]],
    ".ap-version": [["display", "inline"]],
    ".ap-code": [["font-family", "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"],
                 ["font-size", "0.875rem"], ["white-space", "pre-wrap"], ["word-break", "break-all"],
                 ["background", "var(--sk-soft)"], ["border-radius", "var(--sk-radius)"],
                 ["padding", "0.5rem 0.625rem"], ["user-select", "all"]],
    ".sk-pi-indicator .sk-pi-state": [["margin-left", "auto"]],
    ".ap-login": [["margin-top", "0.5rem"]],
    "input[type=submit].ap-danger, .ap-danger input[type=submit]": [["background", "var(--sk-error)"],
                                                                     ["border-color", "var(--sk-error)"]],
}


def icon_page(ident, name):
    return {"ident": ident, "brief": "the icon browsers show for the site",
            "FilePage": {"filepath": f"{name}/static/icon.svg", "mimetype": "image/svg+xml",
                         "enable_cache": True}}


def json_page(ident, brief, access=None):
    page = {"ident": ident, "brief": brief, "JSON": {"content": {}, "enable_cache": False}}
    if access:
        page["access"] = access
    return page


def css_page(ident):
    return {"ident": ident, "brief": "the appliance's look: colours, cards, header, charts",
            "CSS": {"style": APPLIANCE_CSS, "enable_cache": False}}


DEFAULTS = {"backcol": "", "body_class": "", "css_links": ["skipole_css", "appliance_css"],
            "js_links": [], "widgets": {}}

# ---- pi02: the default appliance --------------------------------------------------------------

PI02_NAV = [("control", "Control"), ("sensors", "Sensors"), ("logs", "Logs"), ("setup", "Setup")]
RELAYS = ("relay1", "relay2", "relay3", "relay4")
CHARTED = ("cpu", "probe", "button1", "button2")


def chart_section():
    """A 48-hour chart drawn in SVG; the hooks set the line, the labels and the summary."""
    # plot area: x 44-312, y 8-138 of a 320 x 170 picture
    grid = "M 44 73 H 312 M 178 8 V 138"

    def label(name, brief, x, y, anchor="end", text=""):
        return widget("svgbasics.SimpleText", name, brief, x=str(x), y=str(y), text=text,
                      widget_class="ch-label", fill="currentColor", font_size="13",
                      font_family="system-ui, sans-serif",
                      widget_style=f"text-anchor:{anchor}")
    svg = widget(
        "svgbasics.SVGContainer", "chart", "the chart picture", width="100%", height="",
        viewBox="0 0 320 170", preserveAspectRatio="xMidYMid meet", widget_class="ap-chart",
        containers=[[
            widget("svgbasics.Rect", "frame", "plot area", x="44", y="8", width="268", height="130",
                   widget_class="ch-frame", fill="none", stroke="#d3d9de"),
            widget("svgbasics.Path", "grid", "grid lines", d=grid, widget_class="ch-grid",
                   fill="none", stroke="#d3d9de"),
            widget("svgbasics.Path", "line", "the samples (set by end_call)", d="",
                   widget_class="ch-line", fill="none", stroke="#1f6f8b", stroke_width="2"),
            label("ytop", "top of the scale", 40, 12),
            label("ymid", "middle of the scale", 40, 77),
            label("ybottom", "bottom of the scale", 40, 142),
            label("xstart", "left end of the time axis", 44, 160, "start", "48 h ago"),
            label("xmid", "middle of the time axis", 178, 160, "middle", "24 h ago"),
            label("xend", "right end of the time axis", 312, 160, "end", "now"),
        ]])
    return section(
        "section",
        heading("title", "Device", "the device's description (set by end_call)", tag="h3"),
        para("summary", "No samples yet.", "latest value, minimum and maximum (set by end_call)",
             cls="ap-summary"),
        svg,
        brief="a 48-hour chart of one device: place it with the device's name as alias",
        class_="ap-chart-box")


def output_setup_section(pwm=False):
    """The power-on settings of one output: place it with the device's name as alias."""
    if pwm:
        default = text_input("default", "Level if nothing was saved (0-100 %)",
                             "start level for restore", input_type="number",
                             input_text="0")
    else:
        default = choice("default", "State if nothing was saved", ["Off", "On"],
                         "start state for restore")
    return section(
        "details",
        heading("title", "Output", "the output's name and settings (set by end_call)", tag="summary"),
        form("form", "setup_output", "saves the output's settings",
             text_input("description", "Description", "shown beside the switch", maxlength="200"),
             choice("power_on", "At power-on", ["Off", "On", "Restore last state"],
                    "the power-on policy"),
             default,
             submit("save", "Save", "saves this output", sends_value=False)),
        brief="power-on settings of one output (alias: the device name)",
        class_="ap-fold")


def users_section():
    return section(
        "section",
        part("h2", "Users"),
        widget("tables.ThreeColTable1", "userlist", "the users (set by end_call)",
               title1="User", title2="Role", title3="Since", widget_class="ap-table"),
        fold("Add a user",
             form("adduser", "setup_users", "adds a user",
                  text_input("newname", "User name", "the new user's name"),
                  password_input("newpassword", "Password (8 characters or more)",
                                 "the new user's password"),
                  choice("newrole", "Role", ["user", "admin"], "the new user's role"),
                  submit("add", "Add user", "adds the user"))),
        fold("Change or remove a user",
             form("edituser", "setup_users", "changes the role of a user, or removes one",
                  choice("user", "User", [""], "the user to change (options set by end_call)"),
                  choice("role", "New role", ["user", "admin"], "the role to give"),
                  submit("setrole", "Set role", "gives the user the role"),
                  submit("remove", "Remove user", "removes the user", cls="ap-danger"))),
        brief="user management (admins only)", class_="ap-card")


def tokens_section():
    return section(
        "section",
        part("h2", "API tokens"),
        para("about", "Scripts use a token to read and switch devices through the JSON API "
             "(Authorization: Bearer TOKEN). A new token is shown once: copy it then.",
             "what tokens are for", cls="sk-muted"),
        widget("paras.PreText", "newtoken", "the new token, shown once (set by end_call)",
               widget_class="ap-secret", show=False),
        widget("tables.ThreeColTable1", "tokenlist", "the tokens (set by end_call)",
               title1="Token", title2="Role", title3="Made", widget_class="ap-table"),
        fold("Make a token",
             form("addtoken", "setup_tokens", "makes a token",
                  text_input("tokenname", "Name of the new token", "what the token is for",
                             maxlength="64"),
                  choice("tokenrole", "Role", ["user", "admin"], "the token's role"),
                  submit("create", "Make token", "makes the token"))),
        fold("Revoke a token",
             form("revoketoken", "setup_tokens", "revokes a token",
                  choice("token", "Token", [""], "the token to revoke (options set by end_call)"),
                  submit("revoke", "Revoke token", "revokes the token", cls="ap-danger")),
             brief="revoke a token", name="revoke_title"),
        brief="API token management (admins only)", class_="ap-card")


def password_form(action):
    return form("pwform", action, "changes the logged-in user's password",
                password_input("old", "Current password", "the current password"),
                password_input("new1", "New password (8 characters or more)", "the new password"),
                password_input("new2", "New password again", "the new password again"),
                submit("change", "Change password", "changes the password", sends_value=False))


PASSWORD_NOTE = "Your other sessions (other phones) are logged out when it changes."


def pi02_project():
    home = template(
        1, "Pi control", "pg-home",
        para("simulated", "Simulated pins: nothing is really switched.",
             "shown on the mock backend (set by end_call)", cls="ap-simulated", show=False),
        part("h1", "Raspberry Pi control"),
        card("",
             para("intro", "Switch the relays and the LED from your phone, watch the buttons and "
                  "the temperatures live, and see what happened while you were away.",
                  "what this appliance does"),
             para("welcome", "Log in to use the controls.", "greeting (set by end_call)"),
             button_link("login_button", "Log in", "login", "shown when nobody is logged in"),
             button_link("control_button", "Open the controls", "control",
                         "shown when logged in", show=False)),
        card("Pages",
             part("ul",
                  part("li", part("strong", "Control:"), " the four relays and the LED."),
                  part("li", part("strong", "Sensors:"), " buttons, CPU and probe temperature, "
                       "48-hour charts."),
                  part("li", part("strong", "Logs:"), " who switched what, inputs, logins."),
                  part("li", part("strong", "Setup:"), " power-on state of each output, "
                       "password, users and API tokens."),
                  brief="the pages"),
             brief="what each page does"),
        brief="public home page")

    control = template(
        20, "Control", "pg-control",
        part("h1", "Control"),
        card("Outputs",
             *[widget("pi.Switch", f"switch{i}", f"switches {name}", device=name,
                      on_text="ON", off_text="OFF") for i, name in enumerate(RELAYS, 1)],
             widget("pi.Slider", "dimmer", "sets the LED's brightness", device="led", step=5,
                    button_text="Set"),
             brief="a switch per relay, a slider for the LED"),
        card("Now",
             # bound to the devices: the text shows their state, and follows it live
             *[para(f"state{i}", f"Relay {i} is …", f"{name}'s state as text, live",
                    cls="ap-state", bindings={"para_text": {"device": name, "prefix": f"Relay {i} is ",
                                                            "on": "ON", "off": "OFF"}})
               for i, name in enumerate(RELAYS, 1)],
             para("state_led", "LED at …", "the LED's level as text, live", cls="ap-state",
                  bindings={"para_text": {"device": "led", "prefix": "LED at ", "percent": True,
                                          "unit": True}}),
             brief="the result: each output's state in words"),
        brief="switches and slider (login required)", notice=True, access=LOGIN)

    sensors = template(
        30, "Sensors", "pg-sensors",
        part("h1", "Sensors and inputs"),
        card("Now",
             part("div",
                  widget("pi.Gauge", "cpu_gauge", "CPU temperature dial", device="cpu", decimals="1"),
                  widget("pi.Gauge", "probe_gauge", "probe temperature dial", device="probe",
                         decimals="1"),
                  brief="dials", class_="ap-gauges"),
             widget("pi.Indicator", "button1_state", "button 1", device="button1",
                    on_text="Pressed", off_text="Released"),
             widget("pi.Indicator", "button2_state", "button 2", device="button2",
                    on_text="Pressed", off_text="Released"),
             widget("pi.Value", "time_value", "server time", device="time"),
             brief="live values"),
        card("Last 48 hours",
             *[placeholder("chart", name, f"chart of {name}") for name in CHARTED],
             brief="a chart per sampled device"),
        brief="live sensors and 48-hour charts (login required)", notice=True, access=LOGIN,
        interval=60, interval_target="sensors_refresh")

    logs = template(
        40, "Logs", "pg-logs",
        part("h1", "Event log"),
        card("",
             para("about", "Newest first, times in UTC: outputs switched and by whom, inputs, "
                  "settings, logins and service starts.", "what the log holds", cls="sk-muted"),
             widget("tables.ThreeColTable1", "events", "the events (set by end_call)",
                    widget_class="ap-log"),
             brief="the event log"),
        brief="the event log (login required)", notice=True, access=LOGIN,
        interval=15, interval_target="logs_refresh")

    setup = template(
        51, "Setup", "pg-setup",
        part("h1", "Setup"),
        para("result", "", "says what was saved (set by end_call)", cls="sk-notice", show=False),
        card("Outputs at power-on",
             para("about", "What each output does when the Pi starts (after a power cut or a "
                  "restart): off, on, or back as it was last set.", "power-on explained",
                  cls="sk-muted"),
             *[placeholder("output_setup", name, f"settings of {name}") for name in RELAYS],
             placeholder("pwm_setup", "led", "settings of the LED"),
             brief="power-on policy and default per output"),
        card("Your password",
             fold("Change your password", password_form("setup_password"),
                  para("pwnote", PASSWORD_NOTE, "what a change does", cls="sk-muted")),
             brief="change own password"),
        placeholder("users", "users", "user management (shown to admins)"),
        placeholder("tokens", "tokens", "API tokens (shown to admins)"),
        para("adminonly", "Only an admin can manage users and API tokens.",
             "shown to users who are not admins", cls="sk-muted", show=False),
        brief="setup (login required; users and tokens need the admin role)", notice=True)

    login, check, do_login, done, logout = login_pages(10, 11, 905, 906, 12, 1)

    setup_folder = folder(50, "setup pages", access=LOGIN, pages={
        "index": setup,
        "output": responder(52, "AllowedAccept", "saves an output's power-on settings",
                            target=51, fail=51, alternate=51, allowed_callers=[51],
                            submit_list=["setup_output"]),
        "password": responder(53, "AllowedAccept", "changes the user's own password",
                              target=51, fail=51, alternate=51, allowed_callers=[51],
                              submit_list=["setup_password"]),
        "users": responder(54, "AllowedAccept", "adds, removes and changes users",
                           target=51, fail=51, alternate=51, allowed_callers=[51],
                           submit_list=["setup_users"], access=ADMIN),
        "tokens": responder(55, "AllowedAccept", "makes and revokes API tokens",
                            target=51, fail=51, alternate=51, allowed_callers=[51],
                            submit_list=["setup_tokens"], access=ADMIN),
    })
    system = system_pages(900, "Home")
    system["login_check_password"] = do_login
    system["logged_in"] = done
    labels = {"home": 1, "login": 10, "login_check": 11, "logout": 12, "logged_in": 906, "control": 20,
              "sensors": 30, "sensors_refresh": 31, "logs": 40, "logs_refresh": 41, "setup": 51, "setup_output": 52, "setup_password": 53,
              "setup_users": 54, "setup_tokens": 55, "appliance_css": 60, "icon": 61}
    labels.update(system_labels(900))
    sections = {
        "header": header_section("Pi control", PI02_NAV),
        "footer": footer_section("pi02"),
        "chart": chart_section(),
        "output_setup": output_setup_section(),
        "pwm_setup": output_setup_section(pwm=True),
        "users": users_section(),
        "tokens": tokens_section(),
    }
    return {
        "url": "/", "default_language": "en",
        "brief": "pi02: switch relays and an LED, watch inputs and sensors, from a phone",
        "version": "1.0.0", "skipole": "5.6.3", "specialpages": dict(sorted(labels.items())),
        "sections": sections,
        "RootFolder": {
            "brief": "site root", "default_page_name": "index", "restricted": False,
            "folders": {"setup": setup_folder,
                        "system": folder(899, "error pages and responders behind others",
                                         pages=system, restricted=True)},
            "pages": {"index": home, "login": login, "login_check": check, "logout": logout,
                      "control": control, "sensors": sensors, "logs": logs,
                      "sensors.json": json_page(31, "new chart data every minute (set by end_call)",
                                                access=LOGIN),
                      "logs.json": json_page(41, "the event log again (set by end_call)",
                                             access=LOGIN),
                      "appliance.css": css_page(60), "icon.svg": icon_page(61, "pi02")}}}


# ---- pi01: the "information and API" flavour -----------------------------------------------------

PI01_NAV = [("panel", "Panel"), ("information", "API"), ("account", "Account")]


#: the curl examples of pi01's information page, kept as TextBlocks (skiadmin edits them);
#: end_call replaces each $$ by this Pi's address as the browser reached it
API_TEXTS = {
    "api.token": "TOKEN=sk_paste_your_token_here",
    "api.curl_list": 'curl -H "Authorization: Bearer $TOKEN" $$/api/devices',
    "api.curl_read": 'curl -H "Authorization: Bearer $TOKEN" $$/api/devices/relay1',
    "api.curl_on": ('curl -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" '
                    '-d \'{"value": true}\' $$/api/devices/relay1'),
    "api.curl_led": ('curl -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" '
                     '-d \'{"value": 0.5}\' $$/api/devices/led'),
    "api.curl_live": 'curl -H "Authorization: Bearer $TOKEN" "$$/api/live?since=0"',
}


def curl_block(name, brief, textref):
    """A command to copy: a TextBlock whose $$ the hooks replace by the Pi's address."""
    return widget("paras.TextBlockPara", name, brief, textblock_ref=textref,
                  replace_strings=["http://HOST:8000"], linebreaks=False, widget_class="ap-code")


def pi01_project():
    home = template(
        1, "Pi panel", "pg-home",
        para("simulated", "Simulated pins: nothing is really switched.",
             "shown on the mock backend (set by end_call)", cls="ap-simulated", show=False),
        part("h1", "Raspberry Pi panel"),
        card("",
             para("intro", "Control the Pi's outputs and read its sensors on one page, or from "
                  "your own scripts through the JSON API.", "what this appliance does"),
             para("welcome", "Log in with your password to continue.", "greeting (set by end_call)"),
             button_link("login_button", "Log in", "login", "shown when nobody is logged in"),
             button_link("panel_button", "Open the panel", "panel", "shown when logged in",
                         show=False)),
        brief="public home page")

    panel = template(
        20, "Panel", "pg-panel",
        part("h1", "Panel"),
        card("Outputs",
             *[widget("pi.Switch", f"switch{i}", f"switches {name}", device=name,
                      on_text="ON", off_text="OFF") for i, name in enumerate(RELAYS, 1)],
             widget("pi.Slider", "dimmer", "sets the LED's brightness", device="led", step=5),
             brief="switches and the slider"),
        card("Sensors and inputs",
             part("div",
                  widget("pi.Gauge", "cpu_gauge", "CPU temperature dial", device="cpu", decimals="1"),
                  widget("pi.Gauge", "probe_gauge", "probe temperature dial", device="probe",
                         decimals="1"),
                  brief="dials", class_="ap-gauges"),
             widget("pi.Indicator", "button1_state", "button 1", device="button1",
                    on_text="Pressed", off_text="Released"),
             widget("pi.Indicator", "button2_state", "button 2", device="button2",
                    on_text="Pressed", off_text="Released"),
             widget("pi.Value", "time_value", "server time", device="time"),
             brief="live values"),
        brief="control and sensors on one page (login required)", notice=True, access=LOGIN)

    information = template(
        30, "JSON API", "pg-information",
        part("h1", "JSON API"),
        card("",
             para("intro", "Every device can be read and set by a script with an API token. "
                  "Make a token below (admins), then try these commands in a terminal. "
                  "Put the token in a variable first:", "how to start"),
             curl_block("token_example", "setting TOKEN", "api.token"),
             brief="introduction"),
        card("List every device",
             para("about_list", "Name, kind, value, unit, description and version of each device.",
                  "what /api/devices gives"),
             curl_block("curl_list", "curl: all devices (address set by end_call)", "api.curl_list"),
             brief="GET /api/devices"),
        card("Read one device",
             curl_block("curl_read", "curl: one device (address set by end_call)", "api.curl_read"),
             brief="GET /api/devices/NAME"),
        card("Switch an output",
             para("about_set", "Outputs take true or false (\"on\"/\"off\" work too); the LED takes "
                  "a level from 0.0 to 1.0. The reply is the device's new state.",
                  "what values are accepted"),
             curl_block("curl_on", "curl: switch relay1 on (address set by end_call)", "api.curl_on"),
             curl_block("curl_led", "curl: set the LED (address set by end_call)", "api.curl_led"),
             brief="POST /api/devices/NAME"),
        card("Wait for changes",
             para("about_live", "Answers as soon as something changes (or after about 25 seconds "
                  "with nothing new). Pass the version of the last answer as since to get only "
                  "what changed after it.", "how /api/live works"),
             curl_block("curl_live", "curl: changes (address set by end_call)", "api.curl_live"),
             brief="GET /api/live"),
        placeholder("tokens", "tokens", "API tokens (shown to admins)"),
        para("adminonly", "Ask an admin for a token: only admins can make them.",
             "shown to users who are not admins", cls="sk-muted", show=False),
        brief="the JSON API with curl examples (login required)", access=LOGIN)

    account = template(
        40, "Account", "pg-account",
        part("h1", "Account"),
        para("result", "", "says what was saved (set by end_call)", cls="sk-notice", show=False),
        card("Your password",
             password_form("account_password"),
             para("pwnote", PASSWORD_NOTE, "what a change does", cls="sk-muted"),
             brief="change own password"),
        brief="change the password (login required)", access=LOGIN)

    login, check, do_login, done, logout = login_pages(10, 11, 905, 906, 12, 1)
    system = system_pages(900, "Home")
    system["login_check_password"] = do_login
    system["logged_in"] = done
    account_folder = folder(50, "actions of the logged-in user", access=LOGIN, pages={
        "password": responder(53, "AllowedAccept", "changes the user's own password",
                              target=40, fail=40, alternate=40, allowed_callers=[40],
                              submit_list=["setup_password"]),
        "tokens": responder(55, "AllowedAccept", "makes and revokes API tokens",
                            target=30, fail=30, alternate=30, allowed_callers=[30],
                            submit_list=["setup_tokens"], access=ADMIN),
    })
    labels = {"home": 1, "login": 10, "login_check": 11, "logout": 12, "logged_in": 906, "panel": 20,
              "information": 30, "account": 40, "account_password": 53, "setup_tokens": 55,
              "appliance_css": 60, "icon": 61}
    labels.update(system_labels(900))
    return {
        "url": "/", "default_language": "en",
        "brief": "pi01: a control panel with a documented JSON API for scripts",
        "version": "1.0.0", "skipole": "5.6.3", "specialpages": dict(sorted(labels.items())),
        "sections": {"header": header_section("Pi panel", PI01_NAV),
                     "footer": footer_section("pi01"),
                     "tokens": tokens_section()},
        "RootFolder": {
            "brief": "site root", "default_page_name": "index", "restricted": False,
            "folders": {"actions": account_folder,
                        "system": folder(899, "error pages and responders behind others",
                                         pages=system, restricted=True)},
            "pages": {"index": home, "login": login, "login_check": check, "logout": logout,
                      "panel": panel, "information": information, "account": account,
                      "appliance.css": css_page(60), "icon.svg": icon_page(61, "pi01")}}}


# ---- writing ----------------------------------------------------------------------------------------

PROJECTS = {"pi01": pi01_project, "pi02": pi02_project}


TEXTBLOCKS = {"pi01": API_TEXTS, "pi02": {}}


def rendered(name):
    """``{relative path: text}`` of the data/ folder of project ``name``."""
    return {
        "data/project.json": json.dumps(PROJECTS[name](), indent=0) + "\n",
        "data/defaults.json": json.dumps(DEFAULTS, indent=0, ensure_ascii=True),
        "data/textblocks_json/en.json": json.dumps(TEXTBLOCKS[name], indent=2, ensure_ascii=False),
    }


def build(root=HERE, names=tuple(PROJECTS), check=False):
    """Write (or, with ``check``, compare) the data/ folders; returns the paths that differ."""
    differ = []
    for name in names:
        for rel, text in rendered(name).items():
            path = os.path.join(root, name, rel)
            try:
                with open(path, encoding="utf-8") as f:
                    same = f.read() == text
            except FileNotFoundError:
                same = False
            if same:
                continue
            differ.append(path)
            if not check:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
    return differ


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare, exit 1 when a file differs")
    parser.add_argument("projects", nargs="*", metavar="NAME", help="pi01 and/or pi02 (default: both)")
    args = parser.parse_args(argv)
    unknown = [n for n in args.projects if n not in PROJECTS]
    if unknown:
        parser.error(f"unknown project {unknown[0]!r}: choose from {', '.join(PROJECTS)}")
    differ = build(names=args.projects or tuple(PROJECTS), check=args.check)
    for path in differ:
        print(("differs: " if args.check else "wrote: ") + os.path.relpath(path))
    return 1 if (args.check and differ) else 0


if __name__ == "__main__":
    sys.exit(main())
