"""pi01: the hook code of skipole's "information and API" appliance (see docs/appliance.md).

The panel page needs no code: its Pi widgets read and set the devices themselves.  These
hooks fill in who is logged in, send the browser on after a login, write the real address
of this Pi into the curl examples of the information page, and run the account actions
(password change, API tokens) through ``skicall.accounts``.  Widgets are found by the names
``projects/build.py`` gives them.
"""

from urllib.parse import parse_qs

from skipole import FailPage, PageData, SectionData
from skipole.security import safe_next
from skipole.security.accounts import UserError

proj_data = {}

#: where a login without a ``next`` address goes
AFTER_LOGIN = "panel"
#: the widgets of the information page showing a curl example: TextBlocks whose $$ is
#: replaced by this Pi's address
CURL_EXAMPLES = ("curl_list", "curl_read", "curl_on", "curl_led", "curl_live")


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
    """Fill the page: the title bar on every page, then what the page itself needs."""
    if page_type != "TemplatePage":
        return
    pd = PageData()
    fill_header(skicall, pd)
    for label, fill in PAGES.items():
        if skicall.label_value(label) == tuple(page_ident):
            fill(skicall, pd)
            break
    skicall.update(pd)


# ---- every page ---------------------------------------------------------------------------------

def who(by):
    if not by:
        return ""
    if by.startswith("token:"):
        return f"API token {by[6:]}"
    return by[5:] if by.startswith("user:") else by


def fill_header(skicall, pd):
    header = SectionData("header")
    if skicall.user:
        header["user", "para_text"] = who(skicall.user)
        header["login_link", "show"] = False
    else:
        header["user", "show"] = False
        header["logout", "show"] = False
    pd.update(header)


def fill_home(skicall, pd):
    hardware = skicall.hardware
    if hardware is not None and hardware.simulated:
        pd["simulated", "show"] = True
    if skicall.user:
        pd["welcome", "para_text"] = f"Welcome, {who(skicall.user)}."
        pd["login_button", "show"] = False
        pd["panel_button", "show"] = True


# ---- logging in -----------------------------------------------------------------------------------

def fill_login(skicall, pd):
    """Keep the address to return to, and the name typed before a failed attempt."""
    pd.get_section("header")["login_link", "show"] = False       # this is the login page
    if skicall.user:
        pd["already", "show"] = True
        pd["already", "para_text"] = f"You are logged in as {who(skicall.user)}. Log in again to switch user."
    wanted = skicall.call_data.get("next")
    if wanted is None:
        wanted = (parse_qs(skicall.environ.get("QUERY_STRING", "")).get("next") or [""])[0]
    wanted = safe_next(wanted, "")
    if wanted:
        pd["login", "hidden_field1"] = wanted
    if skicall.call_data.get("username"):
        pd["login", "input_text1"] = skicall.call_data["username"]


def fill_logged_in(skicall, pd):
    """The password was right: answer 303 to the page asked for (a local path only)."""
    wanted = safe_next(skicall.call_data.get("next") or "", "")
    if not wanted or wanted.rstrip("/") in ("/login", "/login_check", "/logout"):
        wanted = skicall.makepath(AFTER_LOGIN)
    pd.status = "303 See Other"
    pd.headers = [("Location", wanted), ("Cache-Control", "no-store")]
    pd["continue", "link_ident"] = wanted


# ---- the information page ---------------------------------------------------------------------------

def base_url(environ):
    """This Pi's address as the browser reached it: what the curl examples must call."""
    scheme = environ.get("wsgi.url_scheme") or "http"
    host = environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "localhost")
    if ":" not in host.rpartition("]")[2] and environ.get("SERVER_PORT") not in (None, "", "80", "443"):
        host = f"{host}:{environ['SERVER_PORT']}"
    return f"{scheme}://{host}"


def fill_information(skicall, pd):
    """The curl examples with this Pi's real address, and the tokens for admins."""
    base = base_url(skicall.environ)
    for name in CURL_EXAMPLES:
        pd[name, "replace_strings"] = [base]
    accounts = skicall.accounts
    if not accounts.is_admin:
        hidden = SectionData("tokens")
        hidden.show = False
        pd.update(hidden)
        pd["adminonly", "show"] = True
        return
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
                                          f"{new_token[1]}\n\nUse it as:  TOKEN={new_token[1]}")
    pd.update(tokens)


# ---- account actions ------------------------------------------------------------------------------

def fill_account(skicall, pd):
    result = skicall.call_data.get("result")
    if result:
        pd["result", "show"] = True
        pd["result", "para_text"] = result


def _received(skicall):
    fields = {}
    for key, value in (skicall.submit_dict.get("received_data") or {}).items():
        if isinstance(key, tuple):
            fields[key[-2], key[-1]] = value
    return fields


def _log(skicall, text):
    hardware = skicall.hardware
    if hardware is not None:
        user = skicall.user or ""
        hardware.log_event("account", text, by=user if user.startswith("token:") else f"user:{user}")


def change_password(skicall):
    """The logged-in user changes their own password; their other sessions end."""
    fields = _received(skicall)
    new1 = fields.get(("new1", "input_text"), "")
    if new1 != fields.get(("new2", "input_text"), ""):
        raise FailPage("The two new passwords are not the same.")
    try:
        skicall.accounts.change_password(fields.get(("old", "input_text"), ""), new1)
    except UserError as exc:
        raise FailPage(_sentence(exc))
    _log(skicall, f"{who(skicall.user)} changed their password")
    skicall.call_data["result"] = "Your password is changed. Your other sessions are logged out."


def manage_tokens(skicall):
    """Make an API token (shown once) or revoke one (admins only)."""
    fields = _received(skicall)
    accounts = skicall.accounts
    try:
        if ("create", "button_text") in fields:
            name = fields.get(("tokenname", "input_text"), "").strip()
            role = fields.get(("tokenrole", "selectvalue"), "user")
            skicall.call_data["new_token"] = (name, accounts.create_token(name, role))
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


def _sentence(text):
    text = str(text)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


ACTIONS = {
    "setup_password": change_password,
    "setup_tokens": manage_tokens,
}

#: page label -> what end_call adds to that page
PAGES = {
    "home": fill_home,
    "login": fill_login,
    "logged_in": fill_logged_in,
    "information": fill_information,
    "account": fill_account,
}
