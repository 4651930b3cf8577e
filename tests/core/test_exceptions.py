"""FailPage, GoTo, ValidateError, ServerError and ServeFile raised from hook code."""

import os

from projects import Client, Hooks, divpara, file_page, make_app, para, responder, template

from skipole import FailPage, GoTo, ServeFile, ServerError, ValidateError, set_debug


def title(result):
    return result.text[result.text.index("<title>") + 7:result.text.index("</title>")]


def pages():
    return {
        "done": template(5, para("result", "initial"), divpara("dp5"), title="done"),
        "failed": template(6, divpara("fdp"), title="failed"),
        "other": template(7, title="other"),
        "run": responder(100, "SubmitData", target=5, fail=6, submit_list=["run"]),
    }


def build(tmp_path, start=None, run=None, **kw):
    hooks = Hooks(start=start, run=run)
    app = make_app(tmp_path, pages=pages(), labels={"other_label": 7, "away": "https://example.com/away"},
                   static={"hello.txt": "hello file"}, **hooks.app_kwargs(), **kw)
    return Client(app), hooks


# ---- FailPage ------------------------------------------------------------------------------------


class TestFailPage:
    def test_error_is_shown_on_the_named_widget(self, tmp_path):
        def run(skicall):
            raise FailPage("bad input", widget="fdp")
        client, _hooks = build(tmp_path, run=run)
        result = client.get("/run")
        assert result.code == 200 and title(result) == "failed"
        assert '<div id="fdp" data-status="error"><p style="white-space: pre-line;">bad input</p></div>' \
            in result.text
        assert '<p id="top_error" style="display:none;"></p>' in result.text

    def test_without_a_widget_the_default_error_widget_shows_it(self, tmp_path):
        def run(skicall):
            raise FailPage("something failed")
        client, _hooks = build(tmp_path, run=run)
        result = client.get("/run")
        assert '<p id="top_error" data-status="error">something failed</p>' in result.text

    def test_the_message_is_escaped(self, tmp_path):
        def run(skicall):
            raise FailPage("<script>alert(1)</script>")
        client, _hooks = build(tmp_path, run=run)
        result = client.get("/run")
        assert "<script>alert(1)</script>" not in result.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.text

    def test_without_a_fail_page_it_is_a_server_error(self, tmp_path):
        def run(skicall):
            raise FailPage("nowhere to go")
        hooks = Hooks(run=run)
        app = make_app(tmp_path, pages={"run": responder(100, "SubmitData", target=1, submit_list=["run"]),
                                        "done": template(5, title="done")}, **hooks.app_kwargs())
        result = Client(app).get("/run")
        assert result.code == 500 and title(result) == "server_error"

    def test_failpage_in_end_call_shows_the_error_on_the_page(self, tmp_path):
        def end(page_ident, page_type, skicall):
            raise FailPage("from end_call", widget="dp5")
        hooks = Hooks(end=end)
        app = make_app(tmp_path, pages=pages(), **hooks.app_kwargs())
        result = Client(app).get("/done")
        assert result.code == 200 and title(result) == "done"
        assert '<div id="dp5" data-status="error"><p style="white-space: pre-line;">from end_call</p>' in result.text


# ---- GoTo ----------------------------------------------------------------------------------------


class TestGoTo:
    def test_goto_a_label_from_start_call(self, tmp_path):
        def start(called_ident, skicall):
            raise GoTo("other_label")
        client, hooks = build(tmp_path, start=start)
        assert title(client.get("/done")) == "other"
        assert hooks.last_end["page_ident"] == ("testproj", 7)

    def test_goto_an_ident_from_submit_data(self, tmp_path):
        def run(skicall):
            raise GoTo("testproj_7")
        client, _hooks = build(tmp_path, run=run)
        assert title(client.get("/run")) == "other"

    def test_goto_a_page_number(self, tmp_path):
        def run(skicall):
            raise GoTo(7)
        client, _hooks = build(tmp_path, run=run)
        assert title(client.get("/run")) == "other"

    def test_goto_a_url_redirects(self, tmp_path):
        def run(skicall):
            raise GoTo("https://example.com/elsewhere")
        client, _hooks = build(tmp_path, run=run)
        result = client.get("/run")
        assert result.code == 303
        assert result.header("Location") == "https://example.com/elsewhere"

    def test_goto_a_label_naming_a_url_redirects(self, tmp_path):
        def start(called_ident, skicall):
            raise GoTo("away")
        client, _hooks = build(tmp_path, start=start)
        assert client.get("/").header("Location") == "https://example.com/away"

    def test_goto_clears_call_data_and_page_data_by_default(self, tmp_path):
        def run(skicall):
            skicall.call_data["kept"] = 1
            skicall.page_data["result", "para_text"] = "lost"
            raise GoTo(5)
        client, hooks = build(tmp_path, run=run)
        result = client.get("/run")
        assert '<p id="result">initial</p>' in result.text
        assert hooks.last_end["call_data"] == {}

    def test_goto_can_keep_call_data_and_page_data(self, tmp_path):
        def run(skicall):
            skicall.call_data["kept"] = 1
            skicall.page_data["result", "para_text"] = "kept text"
            raise GoTo(5, clear_submitted=False, clear_page_data=False)
        client, hooks = build(tmp_path, run=run)
        result = client.get("/run")
        assert '<p id="result">kept text</p>' in result.text
        assert hooks.last_end["call_data"] == {"kept": 1}

    def test_goto_an_unknown_target_is_not_found(self, tmp_path):
        def run(skicall):
            raise GoTo(4242)
        client, _hooks = build(tmp_path, run=run)
        assert client.get("/run").code == 404


# ---- ValidateError -----------------------------------------------------------------------------------


class TestValidateError:
    def test_shows_the_validate_error_page_with_status_400(self, tmp_path):
        def run(skicall):
            raise ValidateError("your data is wrong")
        client, hooks = build(tmp_path, run=run)
        result = client.get("/run")
        assert result.status == "400 Bad Request"
        assert title(result) == "validate_error"
        assert '<p id="top_error" data-status="error">your data is wrong</p>' in result.text
        assert hooks.last_end["page_ident"] == ("testproj", 901)

    def test_from_start_call(self, tmp_path):
        def start(called_ident, skicall):
            raise ValidateError("refused at the start")
        client, _hooks = build(tmp_path, start=start)
        result = client.get("/done")
        assert result.code == 400 and "refused at the start" in result.text

    def test_a_custom_status_is_kept(self, tmp_path):
        def run(skicall):
            raise ValidateError("too many", status="429 Too Many Requests")
        client, _hooks = build(tmp_path, run=run)
        assert client.get("/run").status == "429 Too Many Requests"

    def test_without_a_validate_error_page_a_plain_page_is_shown(self, tmp_path):
        def run(skicall):
            raise ValidateError("plain")
        hooks = Hooks(run=run)
        app = make_app(tmp_path, pages=pages(), system=False, **hooks.app_kwargs())
        result = Client(app).get("/run")
        assert result.code == 400
        assert "plain" in result.text
        assert result.header("Location") is None, "a missing system label must not become a redirect"


# ---- ServerError and other exceptions ------------------------------------------------------------------


class TestServerError:
    def test_shows_the_server_error_page_with_message_and_code(self, tmp_path):
        def run(skicall):
            raise ServerError("the database is down", code=9876)
        client, _hooks = build(tmp_path, run=run)
        result = client.get("/run")
        assert result.status == "500 Internal Server Error"
        assert title(result) == "server_error"
        assert "the database is down" in result.text and "9876" in result.text

    def test_any_other_exception_becomes_a_server_error_without_details(self, tmp_path):
        def run(skicall):
            raise ZeroDivisionError("secret internals")
        client, _hooks = build(tmp_path, run=run)
        result = client.get("/run")
        assert result.code == 500 and title(result) == "server_error"
        assert "secret internals" not in result.text
        assert "Traceback" not in result.text

    def test_traceback_is_shown_in_debug_mode_on_loopback(self, tmp_path):
        def run(skicall):
            raise ZeroDivisionError("secret internals")
        client, _hooks = build(tmp_path, run=run, debug=True)
        result = client.get("/run")
        assert result.code == 500
        assert "Traceback (most recent call last)" in result.text
        assert "ZeroDivisionError: secret internals" in result.text

    def test_no_traceback_in_debug_mode_for_a_remote_client(self, tmp_path):
        def run(skicall):
            raise ZeroDivisionError("secret internals")
        client, _hooks = build(tmp_path, run=run, debug=True)
        client.remote_addr = "192.0.2.10"
        result = client.get("/run")
        assert result.code == 500
        assert "Traceback" not in result.text and "secret internals" not in result.text

    def test_set_debug_is_the_default_and_the_app_setting_wins(self, tmp_path):
        def run(skicall):
            raise ZeroDivisionError("secret internals")
        try:
            set_debug(True)
            client, _hooks = build(tmp_path, run=run)
            assert "Traceback" in client.get("/run").text
            client_off, _hooks = build(tmp_path / "off", run=run, debug=False)
            assert "Traceback" not in client_off.get("/run").text
        finally:
            set_debug(False)

    def test_an_exception_in_end_call_is_a_server_error(self, tmp_path):
        def end(page_ident, page_type, skicall):
            if page_ident == ("testproj", 5):
                raise KeyError("oops")
        hooks = Hooks(end=end)
        app = make_app(tmp_path, pages=pages(), **hooks.app_kwargs())
        result = Client(app).get("/done")
        assert result.code == 500 and title(result) == "server_error"

    def test_an_unknown_url_shows_the_url_not_found_page(self, tmp_path):
        client, _hooks = build(tmp_path)
        result = client.get("/no/such/page")
        assert result.status == "404 Not Found"
        assert title(result) == "url_not_found"
        assert "/no/such/page" in result.text

    def test_start_call_returning_none_is_not_found(self, tmp_path):
        client, _hooks = build(tmp_path, start=lambda called_ident, skicall: None)
        assert client.get("/done").code == 404


# ---- ServeFile ----------------------------------------------------------------------------------------


class TestServeFile:
    def test_a_file_inside_projectfiles_is_served(self, tmp_path):
        def start(called_ident, skicall):
            if skicall.path == "/download":
                raise ServeFile(os.path.join("testproj", "static", "hello.txt"))
            return called_ident
        client, _hooks = build(tmp_path, start=start)
        result = client.get("/download")
        assert result.code == 200
        assert result.body == b"hello file"
        assert result.content_type.startswith("text/plain")
        assert result.header("Content-Length") == "10"

    def test_an_absolute_path_inside_projectfiles_with_mimetype_and_headers(self, tmp_path):
        target = tmp_path / "projectfiles" / "testproj" / "static" / "hello.txt"

        def run(skicall):
            raise ServeFile(target, mimetype="application/x-test", headers=[("X-File", "1")])
        client, _hooks = build(tmp_path, run=run)
        result = client.get("/run")
        assert result.body == b"hello file"
        assert result.content_type == "application/x-test"
        assert result.header("X-File") == "1"

    def test_a_file_outside_projectfiles_is_refused(self, tmp_path):
        secret = tmp_path / "secret.txt"
        secret.write_text("top secret")

        def run(skicall):
            raise ServeFile(secret)
        client, _hooks = build(tmp_path, run=run)
        result = client.get("/run")
        assert result.code == 404
        assert b"top secret" not in result.body

    def test_dot_dot_cannot_escape_projectfiles(self, tmp_path):
        (tmp_path / "secret.txt").write_text("top secret")

        def run(skicall):
            raise ServeFile(os.path.join("testproj", "..", "..", "secret.txt"))
        client, _hooks = build(tmp_path, run=run)
        result = client.get("/run")
        assert result.code == 404 and b"top secret" not in result.body

    def test_a_symbolic_link_cannot_escape_projectfiles(self, tmp_path):
        (tmp_path / "secret.txt").write_text("top secret")

        def run(skicall):
            raise ServeFile(os.path.join("testproj", "static", "link.txt"))
        client, _hooks = build(tmp_path, run=run)
        os.symlink(tmp_path / "secret.txt", tmp_path / "projectfiles" / "testproj" / "static" / "link.txt")
        result = client.get("/run")
        assert result.code == 404 and b"top secret" not in result.body

    def test_a_missing_file_is_not_found(self, tmp_path):
        def run(skicall):
            raise ServeFile(os.path.join("testproj", "static", "missing.txt"))
        client, _hooks = build(tmp_path, run=run)
        assert client.get("/run").code == 404

    def test_map_url_to_server_then_serve_file(self, tmp_path):
        def start(called_ident, skicall):
            found = skicall.map_url_to_server("files", os.path.join("testproj", "static"))
            if found is not None:
                raise ServeFile(found)
            return called_ident
        client, _hooks = build(tmp_path, start=start)
        assert client.get("/files/hello.txt").body == b"hello file"
        assert client.get("/files/../testproj/data/project.json").code == 404
        assert client.get("/files/nothere.txt").code == 404


class TestFilePages:
    """FilePage pages follow the same rule as ServeFile: anywhere under projectfiles, never outside."""

    def build(self, tmp_path, start=None):
        (tmp_path / "secret.txt").write_text("top secret")
        pages = {"hello.txt": file_page(20, "testproj/static/hello.txt"),
                 "default.txt": file_page(21, ""),
                 "escape.txt": file_page(22, "../secret.txt"),
                 "absolute.txt": file_page(23, str(tmp_path / "secret.txt"))}
        hooks = Hooks(start=start)
        app = make_app(tmp_path, pages=pages, static={"hello.txt": "hello file", "default.txt": "by name"},
                       **hooks.app_kwargs())
        return Client(app)

    def test_a_file_page_serves_its_file(self, tmp_path):
        result = self.build(tmp_path).get("/hello.txt")
        assert result.code == 200 and result.body == b"hello file"
        assert result.header("Cache-Control") == "no-cache"

    def test_without_a_filepath_the_static_file_of_its_name_is_served(self, tmp_path):
        assert self.build(tmp_path).get("/default.txt").body == b"by name"

    def test_a_file_page_cannot_reach_outside_projectfiles(self, tmp_path):
        client = self.build(tmp_path)
        for path in ("/escape.txt", "/absolute.txt"):
            result = client.get(path)
            assert result.code == 404 and b"top secret" not in result.body

    def test_page_data_can_change_the_file(self, tmp_path):
        def start(called_ident, skicall):
            skicall.page_data.filepath = "testproj/static/default.txt"
            return called_ident
        assert self.build(tmp_path, start=start).get("/hello.txt").body == b"by name"
