"""A project's own login page (LogIn/LogOut responders) and account management from hooks."""

import pytest
from tests.core.projects import Client, form, make_app, para, responder, template, text_input, widget

from skipole import load_project
from skipole.security.accounts import UserError

PASSWORD = "a good long password"


def _app(tmp_path, end_call=None):
    login_form = form("loginform", "do_login",
                      text_input("uname"), widget("inputtext.Password1", "pw", closed=True))
    pages = {"index": template(1, para("hello", "home")),
             "login": template(2, login_form, title="login"),
             "do_login": responder(3, "LogIn", target=1, fail=2,
                                   fields={"uname:input_text": "username", "pw:input_text": "password"}),
             "logout": responder(4, "LogOut", target=1)}
    make_app(tmp_path, pages=pages, labels={"login": 2})
    app = load_project(str(tmp_path / "projectfiles" / "testproj"), state_dir=str(tmp_path / "state"),
                       environ={})
    if end_call:
        app.end_call = end_call
    app.security.users.set_password("alice", PASSWORD, role="admin")
    return app


def _session(client):
    return {k: v for k, v in client.cookies.items() if k.startswith("skipole_testproj")}


def test_project_login_page_logs_in_and_out(tmp_path):
    seen = []
    client = Client(_app(tmp_path, end_call=lambda i, t, sk: seen.append(sk.user)))
    page = client.get("/login")
    result = client.submit("/do_login", {"uname:input_text": "alice", "pw:input_text": PASSWORD},
                           ident=page.ident_field)
    assert result.code == 200 and _session(client)
    client.get("/")
    assert seen[-1] == "alice"
    client.submit("/logout")
    client.get("/")
    assert seen[-1] is None


def test_project_login_failure_shows_the_error_on_the_form(tmp_path):
    client = Client(_app(tmp_path))
    page = client.get("/login")
    result = client.submit("/do_login", {"uname:input_text": "alice", "pw:input_text": "wrong password"},
                           ident=page.ident_field)
    assert "Wrong user name or password" in result.text
    assert not _session(client)


def test_login_responder_refuses_get(tmp_path):
    client = Client(_app(tmp_path))
    page = client.get("/login")
    result = client.submit("/do_login", {"uname:input_text": "alice", "pw:input_text": PASSWORD},
                           ident=page.ident_field, method="GET")
    assert result.code == 405 and not _session(client)


def test_accounts_from_hook_code(tmp_path):
    actions = []

    def end_call(ident, ptype, skicall):
        for action in actions:
            action(skicall.accounts)
        actions.clear()

    app = _app(tmp_path, end_call=end_call)
    client = Client(app)
    failures = []

    def as_anonymous(accounts):
        try:
            accounts.add_user("bob", PASSWORD)
        except UserError as exc:
            failures.append(str(exc))

    actions.append(as_anonymous)
    client.get("/")
    assert failures and "admin" in failures[0]
    page = client.get("/login")
    client.submit("/do_login", {"uname:input_text": "alice", "pw:input_text": PASSWORD}, ident=page.ident_field)
    tokens = []
    actions.append(lambda acc: (acc.add_user("bob", PASSWORD), tokens.append(acc.create_token("script"))))
    client.get("/")
    assert {u["name"] for u in app.security.users.list()} == {"alice", "bob"}
    assert app.security.tokens.check(tokens[0]) == ("script", "user")
    actions.append(lambda acc: acc.change_password(PASSWORD, "another long password"))
    client.get("/")
    assert app.security.users.verify("alice", "another long password")
    with pytest.raises(UserError):
        app.security.users.remove("alice")       # the last admin stays
