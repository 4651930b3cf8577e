"""The 25 responders: routing, call_data and submit_dict contents, callers, targets, output."""

import http.cookies

from projects import (Client, Hooks, css_page, divpara, folder, form, make_app, para, responder, template,
                      text_input, widget)

from skipole import FailPage

CALLER = "testproj_2"          # the form page below
OTHER_CALLER = "testproj_4"    # a page with the same input, never an allowed caller
T1 = ("t1", "input_text")
T2 = ("t2", "input_text")
T3 = ("t3", "input_text")
SD = ("sd", "input_dict")

T3_VALIDATORS = {"input_text": [
    {"class": "basic.NotEmpty", "message": "t3 may not be empty", "displaywidget": "dp"},
    {"class": "basic.MaxLength", "message": "t3 is too long", "displaywidget": "dp", "val_args": {"maxlength": 5}},
]}


def base_pages():
    return {
        "form": template(2, form("f1", "done", text_input("t1"), text_input("t2"),
                                 widget("inputtext.TextInput1", "t3", closed=True, validators=T3_VALIDATORS)),
                         widget("inputtext.SubmitDict1", "sd", action="done", input_dict={"x": "1", "y": "2"}),
                         divpara("dp"), title="form"),
        "other": template(4, form("f4", "done", text_input("t1")), title="other"),
        "done": template(5, para("result", "initial"), divpara("dp5"), title="done"),
        "failed": template(6, divpara("fdp"), title="failed"),
        "alt": template(7, title="alternate"),
        "style.css": css_page(30, {"body": [["color", "${fg}"], ["background", "${bg}"]]}),
        "small.css": css_page(31, {"p": [["margin", "0"]]}),
    }


def build(tmp_path, responders, hooks=None, **kw):
    """The test project with ``responders`` added to its root folder; returns (client, hooks)."""
    hooks = hooks or Hooks()
    pages = base_pages()
    pages.update(responders)
    restricted = folder(40, restricted=True, pages={"secret": template(41, title="secret")})
    app = make_app(tmp_path, pages=pages, folders={"restricted": restricted}, **hooks.app_kwargs(), **kw)
    return Client(app), hooks


def title(result):
    """The <title> of an HTML result."""
    text_ = result.text
    return text_[text_.index("<title>") + 7:text_.index("</title>")]


# ---- checkers ------------------------------------------------------------------------------------


class TestAllowedFields:
    def responders(self, **kw):
        args = {"fields": {"t1:input_text": "", "t2:input_text": ""}, "allowed_callers": [2],
                "target": 101, "alternate": 7}
        args.update(kw)
        return {"check": responder(100, "AllowedFields", **args),
                "store": responder(101, "StoreData", target=5,
                                   fields={"t1:input_text": "", "t2:input_text": ""})}

    def test_missing_listed_fields_are_filled_with_empty_strings(self, tmp_path):
        client, hooks = build(tmp_path, self.responders())
        result = client.submit("/check", {"t1:input_text": "a"}, ident=CALLER)
        assert result.code == 200 and title(result) == "done"
        assert hooks.last_end["call_data"] == {T1: "a", T2: ""}

    def test_an_unlisted_field_is_a_validate_error(self, tmp_path):
        client, hooks = build(tmp_path, self.responders(fields={"t1:input_text": ""}))
        result = client.submit("/check", {"t1:input_text": "a", "t2:input_text": "b"}, ident=CALLER)
        assert result.code == 400
        assert title(result) == "validate_error"
        assert hooks.ends[-1]["page_ident"] == ("testproj", 901)

    def test_no_caller_ident_goes_to_the_alternate_page(self, tmp_path):
        client, _hooks = build(tmp_path, self.responders())
        result = client.submit("/check", {"t1:input_text": "a"})
        assert result.code == 200 and title(result) == "alternate"

    def test_no_caller_ident_goes_to_alternate_even_without_allowed_callers(self, tmp_path):
        client, _hooks = build(tmp_path, self.responders(allowed_callers=[]))
        result = client.submit("/check", {"t1:input_text": "a"})
        assert title(result) == "alternate", "a call without caller ident must not reach the target"

    def test_a_caller_not_allowed_is_refused(self, tmp_path):
        client, hooks = build(tmp_path, self.responders())
        result = client.submit("/check", {"t1:input_text": "a"}, ident=OTHER_CALLER)
        assert result.code == 400 and title(result) == "validate_error"
        assert not any(e["page_ident"] == ("testproj", 5) for e in hooks.ends)

    def test_submit_option_passes_received_data(self, tmp_path):
        client, hooks = build(tmp_path, self.responders(submit_option=True, submit_list=["af"], target=5))
        client.submit("/check", {"t2:input_text": "b"}, ident=CALLER)
        assert hooks.last_submit["submit_list"] == ["af"]
        assert hooks.last_submit["submit_dict"]["received_data"] == {T1: "", T2: "b"}


class TestStoreData:
    def test_stores_listed_fields_by_widgfield_tuple(self, tmp_path):
        client, hooks = build(tmp_path, {"store": responder(
            100, "StoreData", target=5, fields={"t1:input_text": "", "t3:input_text": ""})})
        result = client.submit("/store", {"t1:input_text": "  spaced  ", "t2:input_text": "x"}, ident=CALLER)
        assert title(result) == "done"
        # values are stripped; t2 is not listed so not stored; t3 listed but missing: ''
        assert hooks.last_end["call_data"] == {T1: "spaced", T3: ""}

    def test_validation_failure_goes_to_validate_fail_page_with_the_error_on_the_widget(self, tmp_path):
        client, hooks = build(tmp_path, {"store": responder(
            100, "StoreData", target=5, fields={"t3:input_text": ""}, validate_option=True, validate_fail=2,
            submit_option=True, submit_list=["never"])})
        result = client.submit("/store", {"t3:input_text": "far too long"}, ident=CALLER)
        assert result.code == 200 and title(result) == "form"
        assert '<div id="dp" data-status="error"><p style="white-space: pre-line;">t3 is too long</p></div>' \
            in result.text
        assert hooks.last_end["call_data"]["failed_validation"] is True
        assert hooks.submits == [], "submit_data must not run after a validation failure"

    def test_a_missing_field_is_validated_as_empty(self, tmp_path):
        client, hooks = build(tmp_path, {"store": responder(
            100, "StoreData", target=5, fields={"t3:input_text": ""}, validate_option=True, validate_fail=2)})
        result = client.submit("/store", {"t1:input_text": "a"}, ident=CALLER)
        assert title(result) == "form", "leaving out a NotEmpty field must fail validation"
        assert "t3 may not be empty" in result.text

    def test_validation_without_a_fail_page_is_a_validate_error(self, tmp_path):
        client, _hooks = build(tmp_path, {"store": responder(
            100, "StoreData", target=5, fields={"t3:input_text": ""}, validate_option=True)})
        result = client.submit("/store", {"t3:input_text": "far too long"}, ident=CALLER)
        assert result.code == 400 and title(result) == "validate_error"
        assert "t3 is too long" in result.text

    def test_validation_cannot_be_skipped_by_leaving_out_the_caller_ident(self, tmp_path):
        client, hooks = build(tmp_path, {"store": responder(
            100, "StoreData", target=5, fields={"t3:input_text": ""}, validate_option=True, validate_fail=6)})
        result = client.submit("/store", {"t3:input_text": "far too long"})
        assert title(result) != "done", "unvalidated data reached the target page"
        assert T3 not in hooks.ends[-1]["call_data"]

    def test_valid_values_are_stored_and_submitted(self, tmp_path):
        client, hooks = build(tmp_path, {"store": responder(
            100, "StoreData", target=5, fields={"t3:input_text": ""}, validate_option=True, validate_fail=2,
            submit_option=True, submit_list=["stored"])})
        result = client.submit("/store", {"t3:input_text": "ok"}, ident=CALLER)
        assert title(result) == "done"
        assert hooks.last_submit["call_data"] == {T3: "ok"}
        assert hooks.last_submit["submit_list"] == ["stored"]


class TestStoreDataKeyed:
    def test_stores_under_the_configured_keys(self, tmp_path):
        client, hooks = build(tmp_path, {"store": responder(
            100, "StoreDataKeyed", target=5, fields={"t1:input_text": "name", "t2:input_text": "age"})})
        client.submit("/store", {"t1:input_text": "Ann", "t2:input_text": "7"}, ident=CALLER)
        assert hooks.last_end["call_data"] == {"name": "Ann", "age": "7"}


class TestAllowStore:
    def responders(self, **kw):
        args = {"fields": {"t1:input_text": "", "t3:input_text": ""}, "allowed_callers": [2], "target": 5,
                "alternate": 7, "fail": 6, "submit_option": True, "submit_list": ["mypkg", "mymod", "myfunc"]}
        args.update(kw)
        return {"post": responder(100, "AllowStore", brief="the post responder", **args)}

    def test_stores_fields_and_calls_submit_data_with_the_submit_dict(self, tmp_path):
        client, hooks = build(tmp_path, self.responders())
        result = client.submit("/post", {"t1:input_text": "one", "t3:input_text": "two"}, ident=CALLER)
        assert result.code == 200 and title(result) == "done"
        seen = hooks.last_submit
        assert seen["submit_list"] == ["mypkg", "mymod", "myfunc"]
        assert seen["call_data"] == {T1: "one", T3: "two"}
        assert seen["caller_ident"] == ("testproj", 2)
        sd = seen["submit_dict"]
        assert sd["target_ident"] == 5 and sd["fail_ident"] == 6 and sd["alternate_ident"] == 7
        assert sd["responder_brief"] == "the post responder"
        assert sd["project_brief"] == "test project"
        assert sd["error_dict"] == {}
        assert seen["ident_list"] == [("testproj", 100)]

    def test_failpage_shows_the_fail_page_with_the_error_on_the_named_widget(self, tmp_path):
        def fail(skicall):
            raise FailPage("that did not work", widget="fdp")
        client, _hooks = build(tmp_path, self.responders(), Hooks(mypkg=fail))
        result = client.submit("/post", {"t1:input_text": "one"}, ident=CALLER)
        assert result.code == 200 and title(result) == "failed"
        assert '<div id="fdp" data-status="error"><p style="white-space: pre-line;">that did not work</p>' \
            in result.text

    def test_unlisted_field_is_refused(self, tmp_path):
        client, hooks = build(tmp_path, self.responders())
        result = client.submit("/post", {"t2:input_text": "sneaky"}, ident=CALLER)
        assert result.code == 400 and title(result) == "validate_error"
        assert hooks.submits == []

    def test_no_ident_goes_to_alternate_without_submitting(self, tmp_path):
        client, hooks = build(tmp_path, self.responders(allowed_callers=[]))
        result = client.submit("/post", {"t1:input_text": "one"})
        assert title(result) == "alternate"
        assert hooks.submits == []

    def test_unknown_caller_ident_is_refused(self, tmp_path):
        client, hooks = build(tmp_path, self.responders(allowed_callers=[]))
        result = client.submit("/post", {"t1:input_text": "one"}, ident="testproj_999")
        assert result.code == 400 and title(result) == "validate_error"
        assert hooks.submits == []

    def test_validation_failure_keeps_the_original_values_in_error_dict(self, tmp_path):
        responders = self.responders(validate_option=True, validate_fail=102)
        responders["onfail"] = responder(102, "SubmitData", target=2, submit_list=["onfail"])
        client, hooks = build(tmp_path, responders)
        result = client.submit("/post", {"t1:input_text": "one", "t3:input_text": "much too long"},
                               ident=CALLER)
        assert title(result) == "form"
        assert [s["submit_list"] for s in hooks.submits] == [["onfail"]]
        assert hooks.last_submit["submit_dict"]["error_dict"] == {T3: "much too long"}
        assert hooks.last_submit["call_data"]["failed_validation"] is True

    def test_a_chained_responder_checks_the_previous_responder_as_caller(self, tmp_path):
        responders = {
            "first": responder(99, "NoOperation", target=100),
            "post": responder(100, "AllowStore", fields={"t1:input_text": ""}, allowed_callers=[99],
                              target=5, alternate=7),
        }
        client, _hooks = build(tmp_path, responders)
        result = client.submit("/first", {"t1:input_text": "one"}, ident=CALLER)
        assert title(result) == "done"
        refused = client.submit("/post", {"t1:input_text": "one"}, ident=CALLER)
        assert refused.code == 400


class TestAllowStoreKeyed:
    def test_stores_under_keys(self, tmp_path):
        client, hooks = build(tmp_path, {"post": responder(
            100, "AllowStoreKeyed", fields={"t1:input_text": "first", "t2:input_text": "second"},
            allowed_callers=[2], target=5, alternate=7, submit_option=True, submit_list=["k"])})
        client.submit("/post", {"t1:input_text": "1"}, ident=CALLER)
        assert hooks.last_submit["call_data"] == {"first": "1", "second": ""}


class TestPrettyFormData:
    def test_pretty_printed_form_data_goes_to_submit_dict(self, tmp_path):
        client, hooks = build(tmp_path, {"pretty": responder(100, "PrettyFormData", target=5,
                                                            submit_list=["pretty"])})
        result = client.submit("/pretty", {"t1:input_text": "hello"}, ident=CALLER)
        assert title(result) == "done"
        sd = hooks.last_submit["submit_dict"]
        assert "'t1:input_text': 'hello'" in sd["pretty"]
        assert ("t1:input_text", "hello") in sd["raw"]


class TestAccept:
    def test_raw_fields_go_to_received_data_without_an_ident(self, tmp_path):
        client, hooks = build(tmp_path, {"api": responder(100, "Accept", target=5, submit_list=["api"])})
        result = client.post("/api", client.with_token([("name", "output01"), ("value", "True")]))
        assert result.code == 200 and title(result) == "done"
        assert hooks.last_submit["submit_dict"]["received_data"] == {"name": "output01", "value": "True"}

    def test_repeated_names_give_a_list(self, tmp_path):
        client, hooks = build(tmp_path, {"api": responder(100, "Accept", target=5, submit_list=["api"])})
        client.post("/api", client.with_token([("v", "1"), ("v", "2")]))
        assert hooks.last_submit["submit_dict"]["received_data"] == {"v": ["1", "2"]}


class TestAllowedAccept:
    def responders(self, **kw):
        args = {"allowed_callers": [2], "target": 5, "alternate": 7, "submit_list": ["aa"]}
        args.update(kw)
        return {"accept": responder(100, "AllowedAccept", **args)}

    def test_received_data_is_keyed_by_widgfield(self, tmp_path):
        client, hooks = build(tmp_path, self.responders())
        result = client.submit("/accept", {"t1:input_text": "v"}, ident=CALLER)
        assert title(result) == "done"
        assert hooks.last_submit["submit_dict"]["received_data"] == {T1: "v"}

    def test_without_caller_goes_to_alternate(self, tmp_path):
        client, hooks = build(tmp_path, self.responders())
        assert title(client.submit("/accept", {"t1:input_text": "v"})) == "alternate"
        assert hooks.submits == []

    def test_a_caller_not_allowed_is_refused(self, tmp_path):
        client, hooks = build(tmp_path, self.responders())
        assert client.submit("/accept", {"t1:input_text": "v"}, ident=OTHER_CALLER).code == 400
        assert hooks.submits == []


class TestPageData:
    def test_sets_fixed_values_on_the_target(self, tmp_path):
        client, hooks = build(tmp_path, {"pd": responder(100, "PageData", target=5, fields={
            "result:para_text": "set by responder", "show_error": "an error for the page"})})
        result = client.get("/pd")
        assert '<p id="result">set by responder</p>' in result.text
        assert '<p id="top_error" data-status="error">an error for the page</p>' in result.text
        assert hooks.submits == []


# ---- submitters ----------------------------------------------------------------------------------


class TestSubmitData:
    def test_calls_submit_data_then_shows_the_target(self, tmp_path):
        def setvalue(skicall):
            skicall.page_data["result", "para_text"] = "from submit_data"
        client, hooks = build(tmp_path, {"go": responder(100, "SubmitData", target=5, submit_list=["sv"])},
                              Hooks(sv=setvalue))
        result = client.get("/go")
        assert '<p id="result">from submit_data</p>' in result.text
        assert hooks.last_submit["submit_list"] == ["sv"]
        assert hooks.last_end["page_type"] == "TemplatePage"

    def test_failpage_without_widget_uses_the_default_error_widget(self, tmp_path):
        def fail(skicall):
            raise FailPage("general failure")
        client, _hooks = build(tmp_path, {"go": responder(100, "SubmitData", target=5, fail=6,
                                                          submit_list=["f"])}, Hooks(f=fail))
        result = client.get("/go")
        assert title(result) == "failed"
        assert '<p id="top_error" data-status="error">general failure</p>' in result.text

    def test_failpage_can_name_its_own_fail_page(self, tmp_path):
        def fail(skicall):
            raise FailPage("go elsewhere", failpage=7)
        client, _hooks = build(tmp_path, {"go": responder(100, "SubmitData", target=5, fail=6,
                                                          submit_list=["f"])}, Hooks(f=fail))
        result = client.get("/go")
        assert title(result) == "alternate" and "go elsewhere" in result.text

    def test_allowed_callers_are_checked(self, tmp_path):
        client, hooks = build(tmp_path, {"go": responder(100, "SubmitData", target=5, allowed_callers=[2],
                                                         submit_list=["x"])})
        assert client.submit("/go", {}, ident=OTHER_CALLER).code == 400
        assert hooks.submits == []
        assert title(client.submit("/go", {}, ident=CALLER)) == "done"


class TestColourSubstitute:
    def test_colours_from_submit_data_fill_the_css_target(self, tmp_path):
        client, hooks = build(tmp_path, {"colours.css": responder(
            100, "ColourSubstitute", target=30, submit_list=["c"])},
            Hooks(c=lambda skicall: {"fg": "red", "bg": "#00ff00"}))
        result = client.get("/colours.css")
        assert result.code == 200 and result.content_type.startswith("text/css")
        assert "color: red;" in result.text and "background: #00ff00;" in result.text
        assert hooks.last_end["page_type"] == "CSS"


class TestSetCookies:
    def test_list_form_sets_httponly_samesite_path_and_max_age(self, tmp_path):
        client, _hooks = build(tmp_path, {"login": responder(
            100, "SetCookies", target=5, submit_list=["ck"])},
            Hooks(ck=lambda skicall: [["session", "abc123", 3600], ["other", "x", None]]))
        result = client.get("/login")
        assert title(result) == "done"
        cookie = result.set_cookies["session"]
        assert cookie.startswith("session=abc123")
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
        assert "Max-Age=3600" in cookie
        assert "Secure" not in cookie, "Secure is only set over HTTPS"
        assert "Max-Age" not in result.set_cookies["other"]

    def test_list_form_over_https_is_secure(self, tmp_path):
        client, _hooks = build(tmp_path, {"login": responder(100, "SetCookies", target=5, submit_list=["ck"])},
                               Hooks(ck=lambda skicall: [["session", "abc", 60]]))
        client.scheme = "https"
        assert "Secure" in client.get("/login").set_cookies["session"]

    def test_a_basecookie_is_sent_as_given(self, tmp_path):
        def cookies(skicall):
            jar = http.cookies.SimpleCookie()
            jar["mine"] = "value"
            jar["mine"]["path"] = "/custom"
            return jar
        client, _hooks = build(tmp_path, {"login": responder(100, "SetCookies", target=5, submit_list=["ck"])},
                               Hooks(ck=cookies))
        assert client.get("/login").set_cookies["mine"] == "mine=value; Path=/custom"

    def test_an_invalid_return_value_is_a_server_error(self, tmp_path):
        client, _hooks = build(tmp_path, {"login": responder(100, "SetCookies", target=5, submit_list=["ck"])},
                               Hooks(ck=lambda skicall: "not cookies"))
        result = client.get("/login")
        assert result.code == 500 and title(result) == "server_error"


class TestGetDictionaryDefaults:
    def responders(self):
        return {"dict": responder(100, "GetDictionaryDefaults", target=101, widgfield="sd:input_dict",
                                  allowed_callers=[2], submit_list=["defaults"]),
                "store": responder(101, "StoreData", target=5, fields={"sd:input_dict": ""})}

    def test_defaults_fill_the_missing_keys(self, tmp_path):
        client, hooks = build(tmp_path, self.responders(),
                              Hooks(defaults=lambda skicall: {"x": "0", "y": "0"}))
        result = client.submit("/dict", {"sd:input_dict-x": "5"}, ident=CALLER)
        assert title(result) == "done"
        assert hooks.last_submit["submit_dict"]["widgfield"] == SD
        assert hooks.last_end["call_data"][SD] == {"x": "5", "y": "0"}

    def test_an_unexpected_key_is_refused(self, tmp_path):
        client, _hooks = build(tmp_path, self.responders(),
                               Hooks(defaults=lambda skicall: {"x": "0", "y": "0"}))
        result = client.submit("/dict", {"sd:input_dict-x": "5", "sd:input_dict-z": "9"}, ident=CALLER)
        assert result.code == 400 and title(result) == "validate_error"


class TestFieldStoreSubmit:
    def test_collects_the_field_from_every_widget(self, tmp_path):
        client, hooks = build(tmp_path, {"fs": responder(100, "FieldStoreSubmit", target=5,
                                                         fields={"input_text": ""}, submit_list=["fs"])})
        client.submit("/fs", {"t1:input_text": "a", "t2:input_text": "b", "sd:input_dict-x": "c"}, ident=CALLER)
        sd = hooks.last_submit["submit_dict"]
        assert sd["received"] == {T1: "a", T2: "b"}
        assert sd["field"] == "input_text"


class TestSubmitJSON:
    def test_returns_the_dict_as_json(self, tmp_path):
        client, hooks = build(tmp_path, {"api.json": responder(100, "SubmitJSON", submit_list=["j"])},
                              Hooks(j=lambda skicall: {"value": 42, "names": ["a", "b"]}))
        result = client.get("/api.json")
        assert result.code == 200 and result.content_type == "application/json"
        assert result.json() == {"value": 42, "names": ["a", "b"]}
        assert hooks.last_end["page_type"] == "SubmitJSON"
        assert hooks.last_end["page_ident"] == ("testproj", 100)

    def test_none_gives_an_empty_object(self, tmp_path):
        client, _hooks = build(tmp_path, {"api.json": responder(100, "SubmitJSON", submit_list=["j"])})
        assert client.get("/api.json").json() == {}

    def test_page_data_status_and_headers_are_used(self, tmp_path):
        def j(skicall):
            skicall.page_data.status = "201 Created"
            skicall.page_data.headers = [("X-Extra", "yes")]
            return {"ok": True}
        client, _hooks = build(tmp_path, {"api.json": responder(100, "SubmitJSON", submit_list=["j"])},
                               Hooks(j=j))
        result = client.get("/api.json")
        assert result.status == "201 Created"
        assert result.header("X-Extra") == "yes"

    def test_failpage_goes_to_the_fail_page(self, tmp_path):
        def j(skicall):
            raise FailPage("no data", widget="fdp")
        client, _hooks = build(tmp_path, {"api.json": responder(100, "SubmitJSON", fail=6, submit_list=["j"])},
                               Hooks(j=j))
        result = client.get("/api.json")
        assert title(result) == "failed" and "no data" in result.text

    def test_end_call_session_string_is_sent_as_a_cookie(self, tmp_path):
        hooks = Hooks(j=lambda skicall: {"a": 1}, end=lambda ident, ptype, skicall: "sess1")
        client, _hooks = build(tmp_path, {"api.json": responder(100, "SubmitJSON", submit_list=["j"])}, hooks)
        assert client.get("/api.json").set_cookies["testproj"].startswith("testproj=sess1")


class TestSubmitPlainText:
    def test_returns_text_plain(self, tmp_path):
        client, hooks = build(tmp_path, {"t.txt": responder(100, "SubmitPlainText", submit_list=["t"])},
                              Hooks(t=lambda skicall: "hello\nworld"))
        result = client.get("/t.txt")
        assert result.content_type.startswith("text/plain") and result.text == "hello\nworld"
        assert hooks.last_end["page_type"] == "SubmitPlainText"


class TestSubmitCSS:
    def test_returns_a_stylesheet_from_a_style_dict(self, tmp_path):
        client, hooks = build(tmp_path, {"gen.css": responder(100, "SubmitCSS", submit_list=["s"])},
                              Hooks(s=lambda skicall: {"h1": [["color", "blue"], ["margin", "0"]]}))
        result = client.get("/gen.css")
        assert result.content_type.startswith("text/css")
        assert result.text == "h1 {\n  color: blue;\n  margin: 0;\n}\n"
        assert hooks.last_end["page_type"] == "SubmitCSS"


class TestMediaQuery:
    def test_wraps_css_targets_in_media_queries(self, tmp_path):
        client, _hooks = build(tmp_path, {"media.css": responder(100, "MediaQuery", fields={
            "@media (max-width: 600px)": 31, "(min-width: 601px)": 31})})
        result = client.get("/media.css")
        assert result.content_type.startswith("text/css")
        assert "@media (max-width: 600px) {\np {\n  margin: 0;\n}\n}\n" in result.text
        assert "@media (min-width: 601px) {\np {" in result.text

    def test_submit_data_may_adjust_the_queries(self, tmp_path):
        hooks = Hooks(m=lambda skicall: {"@media (max-width: 600px)": 30})
        client, hooks = build(tmp_path, {"media.css": responder(100, "MediaQuery", submit_option=True,
                                                                submit_list=["m"],
                                                                fields={"@media (max-width: 600px)": 31,
                                                                        "@media print": 31})}, hooks)
        result = client.get("/media.css")
        assert hooks.last_submit["submit_dict"]["media_target"] == {"@media (max-width: 600px)": 31,
                                                                    "@media print": 31}
        assert "@media (max-width: 600px) {\nbody {" in result.text
        assert "@media print {\np {" in result.text


class TestSubmitIterator:
    def test_streams_the_returned_iterator(self, tmp_path):
        def chunks(skicall):
            skicall.page_data.mimetype = "text/csv"
            return iter([b"a,b\n", b"1,2\n"])
        client, hooks = build(tmp_path, {"data.csv": responder(100, "SubmitIterator", submit_list=["d"])},
                              Hooks(d=chunks))
        result = client.get("/data.csv")
        assert result.body == b"a,b\n1,2\n"
        assert result.content_type == "text/csv"
        assert hooks.last_end["page_type"] == "SubmitIterator"

    def test_default_mimetype_is_octet_stream(self, tmp_path):
        client, _hooks = build(tmp_path, {"blob": responder(100, "SubmitIterator", submit_list=["d"])},
                               Hooks(d=lambda skicall: [b"\x00\x01"]))
        result = client.get("/blob")
        assert result.body == b"\x00\x01" and result.content_type == "application/octet-stream"


# ---- navigators ----------------------------------------------------------------------------------


class TestCaseSwitch:
    def build(self, tmp_path):
        return build(tmp_path, {"switch": responder(100, "CaseSwitch", widgfield="t1:input_text", alternate=7,
                                                    fields={"yes": 5, "no": 6})})

    def test_routes_by_the_submitted_value(self, tmp_path):
        client, _hooks = self.build(tmp_path)
        assert title(client.submit("/switch", {"t1:input_text": "yes"}, ident=CALLER)) == "done"
        assert title(client.submit("/switch", {"t1:input_text": "no"}, ident=CALLER)) == "failed"

    def test_other_or_missing_values_go_to_the_alternate(self, tmp_path):
        client, _hooks = self.build(tmp_path)
        assert title(client.submit("/switch", {"t1:input_text": "maybe"}, ident=CALLER)) == "alternate"
        assert title(client.submit("/switch", {}, ident=CALLER)) == "alternate"


class TestEmptyGoto:
    def test_empty_or_missing_goes_to_target_else_alternate(self, tmp_path):
        client, _hooks = build(tmp_path, {"empty": responder(100, "EmptyGoto", widgfield="t1:input_text",
                                                             target=5, alternate=7)})
        assert title(client.submit("/empty", {"t1:input_text": "   "}, ident=CALLER)) == "done"
        assert title(client.submit("/empty", {"t2:input_text": "x"}, ident=CALLER)) == "done"
        assert title(client.submit("/empty", {"t1:input_text": "x"}, ident=CALLER)) == "alternate"

    def test_allowed_callers_are_checked(self, tmp_path):
        client, _hooks = build(tmp_path, {"empty": responder(100, "EmptyGoto", widgfield="t1:input_text",
                                                             target=5, alternate=7, allowed_callers=[2])})
        assert client.submit("/empty", {"t1:input_text": "x"}, ident=OTHER_CALLER).code == 400


class TestCallDataNavigators:
    def chain(self, tmp_path, *steps):
        """``steps``: (class, extra args) responders chained 100 → 101 → ... → the done page."""
        responders = {}
        for i, (cls, args) in enumerate(steps):
            args = dict(args)
            args.setdefault("target", 100 + i + 1 if i + 1 < len(steps) else 5)
            responders[f"r{i}"] = responder(100 + i, cls, **args)
        return build(tmp_path, responders)

    def test_add_call_data_item(self, tmp_path):
        client, hooks = self.chain(tmp_path, ("AddCallDataItem", {"fields": {"colour": "blue", "w:f": "x"}}))
        assert title(client.get("/r0")) == "done"
        assert hooks.last_end["call_data"] == {"colour": "blue", ("w", "f"): "x"}

    def test_empty_call_data_goto_goes_to_target_when_missing(self, tmp_path):
        client, _hooks = self.chain(tmp_path, ("EmptyCallDataGoto", {"fields": {"colour": ""}, "alternate": 7}))
        assert title(client.get("/r0")) == "done"

    def test_empty_call_data_goto_goes_to_alternate_when_set(self, tmp_path):
        client, _hooks = self.chain(tmp_path, ("AddCallDataItem", {"fields": {"colour": "blue"}}),
                                    ("EmptyCallDataGoto", {"fields": {"colour": ""}, "alternate": 7}))
        assert title(client.get("/r0")) == "alternate"

    def test_del_call_data_item(self, tmp_path):
        client, hooks = self.chain(tmp_path, ("AddCallDataItem", {"fields": {"colour": "blue", "size": "2"}}),
                                   ("DelCallDataItem", {"fields": {"colour": ""}}),
                                   ("EmptyCallDataGoto", {"fields": {"colour": ""}, "alternate": 7}))
        assert title(client.get("/r0")) == "done"
        assert hooks.last_end["call_data"] == {"size": "2"}
        assert hooks.last_end["ident_list"] == [("testproj", 100), ("testproj", 101), ("testproj", 102)]


class TestNoOperation:
    def test_gives_a_url_to_a_restricted_page(self, tmp_path):
        client, _hooks = build(tmp_path, {"shim": responder(100, "NoOperation", target=41)})
        assert title(client.get("/shim")) == "secret"
        blocked = client.get("/restricted/secret")
        assert blocked.code == 404 and title(blocked) == "url_not_found"

    def test_a_target_url_redirects(self, tmp_path):
        client, _hooks = build(tmp_path, {"away": responder(100, "NoOperation", target="https://example.org/x")})
        result = client.get("/away")
        assert result.code == 303 and result.header("Location") == "https://example.org/x"


# ---- the chain as a whole --------------------------------------------------------------------------


def test_every_responder_class_is_known():
    from skipole.responders import LEGACY_RESPONDERS, RESPONDERS
    assert sorted(RESPONDERS) == sorted(LEGACY_RESPONDERS + ("LogIn", "LogOut", "SetDevices"))
    assert sorted(LEGACY_RESPONDERS) == sorted([
        "AllowedFields", "StoreData", "StoreDataKeyed", "AllowStore", "AllowStoreKeyed", "PrettyFormData",
        "Accept", "AllowedAccept", "PageData", "SubmitData", "ColourSubstitute", "SetCookies",
        "GetDictionaryDefaults", "FieldStoreSubmit", "SubmitJSON", "SubmitPlainText", "SubmitCSS", "MediaQuery",
        "SubmitIterator", "CaseSwitch", "EmptyGoto", "EmptyCallDataGoto", "DelCallDataItem", "AddCallDataItem",
        "NoOperation"])


def test_a_loop_of_responders_is_a_server_error(tmp_path):
    client, _hooks = build(tmp_path, {"a": responder(100, "NoOperation", target=101),
                                      "b": responder(101, "NoOperation", target=100)})
    result = client.get("/a")
    assert result.code == 500 and title(result) == "server_error"


def test_an_unknown_responder_class_is_a_server_error(tmp_path):
    client, _hooks = build(tmp_path, {"bad": responder(100, "NoSuchResponder", target=5)})
    result = client.get("/bad")
    assert result.code == 500 and title(result) == "server_error"


def test_a_field_not_on_the_caller_page_is_refused(tmp_path):
    client, hooks = build(tmp_path, {"store": responder(100, "StoreData", target=5,
                                                        fields={"t1:input_text": ""})})
    result = client.submit("/store", {"t1:input_text": "a", "zz:input_text": "b"}, ident=CALLER)
    assert result.code == 400 and title(result) == "validate_error"


def test_responders_reached_by_a_non_template_caller_are_refused(tmp_path):
    client, _hooks = build(tmp_path, {"store": responder(100, "StoreData", target=5,
                                                         fields={"t1:input_text": ""})})
    result = client.submit("/store", {"t1:input_text": "a"}, ident="testproj_30")
    assert result.code == 400

