"""Sub-projects: add_project, routing, check_cookies diversion, hand-off between projects."""

import pytest
from projects import Client, Hooks, form, make_app, para, responder, template, text_input

from skipole import GoTo, ServerError, WSGIApplication, skis


def title(result):
    return result.text[result.text.index("<title>") + 7:result.text.index("</title>")]


def build(tmp_path, check_cookies=None, root_run=None, sub_run=None, root_start=None, root_labels=None):
    """Root project ``rootproj`` at / and ``subproj`` mounted at /sub; returns (client, root, sub, hooks)."""
    projectfiles = tmp_path / "projectfiles"
    root_hooks = Hooks(start=root_start, run=root_run)
    sub_hooks = Hooks(run=sub_run)
    root = make_app(tmp_path, "rootproj", projectfiles=projectfiles, proj_data={"who": "root"},
                    labels={"login": 3, "subhome": "subproj,home", **(root_labels or {})},
                    pages={
                        "index": template(1, para("p", "root index"), title="root index"),
                        "login": template(3, title="root login"),
                        "tosub": responder(100, "SubmitData", target="subproj_2", submit_list=["run"]),
                        "form": template(4, form("f", "subproj_50", text_input("t")), title="root form"),
                    }, **root_hooks.app_kwargs())
    sub = make_app(tmp_path, "subproj", projectfiles=projectfiles, proj_data={"who": "sub"},
                   labels={"home": 2},
                   pages={
                       "index": template(1, title="sub index"),
                       "page": template(2, para("p", "a sub page"), title="sub page"),
                       "secret": template(5, title="sub secret"),
                       "run": responder(40, "SubmitData", target=2, submit_list=["run"]),
                       "post": responder(50, "AllowStore", fields={"t:input_text": ""}, allowed_callers=["rootproj_4"],
                                         alternate=1, target=2),
                   }, **sub_hooks.app_kwargs())
    url = root.add_project(sub, url="/sub", check_cookies=check_cookies)
    assert url == "/sub/"
    return Client(root), root, sub, (root_hooks, sub_hooks)


class TestRouting:
    def test_urls_go_to_the_right_project(self, tmp_path):
        client, _root, _sub, _hooks = build(tmp_path)
        assert title(client.get("/")) == "root index"
        assert title(client.get("/sub")) == "sub index"
        assert title(client.get("/sub/")) == "sub index"
        assert title(client.get("/sub/page")) == "sub page"
        assert client.get("/subpage").code == 404
        assert client.get("/sub/nothere").code == 404

    def test_the_sub_project_knows_where_it_is(self, tmp_path):
        seen = {}

        def run(skicall):
            seen.update(proj_ident=skicall.proj_ident, rootproject=skicall.rootproject,
                        paths=skicall.projectpaths(), proj_data=skicall.proj_data,
                        path=skicall.makepath("a", "b"))
        client, _root, sub, _hooks = build(tmp_path, sub_run=run)
        client.get("/sub/run")
        assert seen == {"proj_ident": "subproj", "rootproject": False,
                        "paths": {"rootproj": "/", "subproj": "/sub/"}, "proj_data": {"who": "sub"},
                        "path": "/sub/a/b"}
        assert sub.url == "/sub/"

    def test_links_to_sub_project_pages_use_its_url(self, tmp_path):
        client, _root, _sub, _hooks = build(tmp_path)
        assert 'action="/sub/post"' in client.get("/form").text


class TestHandOff:
    def test_a_responder_target_in_the_sub_project(self, tmp_path):
        client, _root, _sub, (root_hooks, sub_hooks) = build(tmp_path)
        result = client.get("/tosub")
        assert title(result) == "sub page"
        assert root_hooks.submits and root_hooks.ends == []
        assert sub_hooks.last_end["page_ident"] == ("subproj", 2)

    def test_goto_a_sub_project_label(self, tmp_path):
        def run(skicall):
            raise GoTo("subhome")
        client, _root, _sub, _hooks = build(tmp_path, root_run=run)
        assert title(client.get("/tosub")) == "sub page"

    def test_a_form_on_a_root_page_posts_to_a_sub_project_responder(self, tmp_path):
        client, _root, _sub, (_root_hooks, sub_hooks) = build(tmp_path)
        page = client.get("/form")
        result = client.submit("/sub/post", {"t:input_text": "hi"}, ident=page.ident_field)
        assert title(result) == "sub page"
        assert sub_hooks.last_end["call_data"] == {("t", "input_text"): "hi"}

    def test_the_sub_project_uses_its_own_submit_data(self, tmp_path):
        client, _root, _sub, (root_hooks, sub_hooks) = build(tmp_path)
        client.get("/sub/run")
        assert len(sub_hooks.submits) == 1 and root_hooks.submits == []


class TestCheckCookies:
    def test_none_lets_the_call_through(self, tmp_path):
        calls = []

        def check(received_cookies, proj_data):
            calls.append(dict(received_cookies))
            return None
        client, _root, _sub, _hooks = build(tmp_path, check_cookies=check)
        result = client.get("/sub/page", cookies={"session": "abc"})
        assert title(result) == "sub page"
        assert calls == [{"session": "abc"}]

    def test_not_called_for_root_pages(self, tmp_path):
        calls = []
        client, _root, _sub, _hooks = build(tmp_path, check_cookies=lambda c, d: calls.append(1))
        client.get("/")
        assert calls == []

    def test_an_ident_diverts_the_call(self, tmp_path):
        client, _root, _sub, _hooks = build(
            tmp_path, check_cookies=lambda cookies, data: None if cookies.get("session") else "subproj_5")
        assert title(client.get("/sub/page")) == "sub secret"
        assert title(client.get("/sub/page", cookies={"session": "ok"})) == "sub page"

    def test_a_label_of_the_root_project_diverts_to_the_root_login(self, tmp_path):
        client, _root, _sub, _hooks = build(tmp_path, check_cookies=lambda cookies, data: "login")
        result = client.get("/sub/page")
        assert result.code == 200 and title(result) == "root login"

    def test_the_diverted_call_runs_start_call_with_the_new_ident(self, tmp_path):
        seen = []

        def start(called_ident, skicall):
            seen.append(called_ident)
            return called_ident
        client, _root, _sub, _hooks = build(tmp_path, check_cookies=lambda cookies, data: "login",
                                            root_start=start)
        client.get("/sub/page")
        assert seen == [("rootproj", 3)]

    def test_check_cookies_receives_the_root_proj_data(self, tmp_path):
        seen = []
        client, _root, _sub, _hooks = build(tmp_path, check_cookies=lambda cookies, data: seen.append(data))
        client.get("/sub/page")
        assert seen == [{"who": "root"}], "skipole 5.x passes the root project's proj_data to check_cookies"


class TestAddProject:
    def test_sub_projects_cannot_be_nested(self, tmp_path):
        _client, root, sub, _hooks = build(tmp_path)
        third = make_app(tmp_path, "third", projectfiles=tmp_path / "projectfiles")
        with pytest.raises(ValueError):
            sub.add_project(third, url="/sub/third")
        holder = make_app(tmp_path, "holder", projectfiles=tmp_path / "projectfiles")
        holder.add_project(make_app(tmp_path, "inner", projectfiles=tmp_path / "projectfiles"), url="/inner")
        with pytest.raises(ValueError):
            root.add_project(holder, url="/holder")

    def test_an_ident_can_only_be_mounted_once(self, tmp_path):
        _client, root, _sub, _hooks = build(tmp_path)
        again = WSGIApplication("subproj", str(tmp_path / "projectfiles"))
        with pytest.raises(ValueError):
            root.add_project(again, url="/again")

    def test_one_project_mounted_twice_under_different_idents(self, tmp_path):
        client, root, _sub, _hooks = build(tmp_path)
        copy = WSGIApplication("subproj", str(tmp_path / "projectfiles"), proj_ident="subcopy")
        root.add_project(copy, url="/copy")
        result = client.get("/copy/page")
        assert title(result) == "sub page"
        assert '"page":"subcopy_2"' in result.text

    def test_skis_library_pages_serve_the_system_labels(self, tmp_path):
        def run(skicall):
            raise ServerError("library error page")
        client, root, _sub, _hooks = build(tmp_path, root_run=run, root_labels={"server_error": "skis,server_error"})
        root.add_project(skis.makeapp(), url="/lib")
        result = client.get("/tosub")
        assert result.code == 500
        assert title(result) == "Server error" and "library error page" in result.text
