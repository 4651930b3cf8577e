"""The skicall object: its attributes, its methods, ident_data signing, start_call and end_call."""

import base64
import os

import pytest
from projects import Client, Hooks, form, make_app, para, responder, template, text_input

from skipole import PageData, SectionData
from skipole.project.idents import Ident
from skipole.textblocks import AccessTextBlocks


def title(result):
    return result.text[result.text.index("<title>") + 7:result.text.index("</title>")]


def pages():
    return {
        "form": template(2, form("f", "store", text_input("t")), para("p", "default"), title="form"),
        "store": responder(100, "StoreData", target=101, fields={"t:input_text": ""}),
        "run": responder(101, "SubmitData", target=2, submit_list=["run"]),
        "done": template(5, title="done"),
        "folder": {"ident": 10, "brief": "", "default_page_name": "index", "restricted": False, "folders": {},
                   "pages": {"index": template(11, title="folder index")}},
    }


def build(tmp_path, start=None, run=None, end=None, **kw):
    hooks = Hooks(start=start, run=run, end=end)
    folders = {"folder": pages().pop("folder")}
    page_set = pages()
    del page_set["folder"]
    app = make_app(tmp_path, pages=page_set, folders=folders,
                   labels={"home": 2, "extern": "https://example.com/x", "libjs": "skis,skipole_js"},
                   textblocks={"en": {"greet": "Hello"}}, proj_data={"key": "value"}, **hooks.app_kwargs(), **kw)
    return Client(app), hooks


class TestAttributes:
    def test_what_start_call_sees(self, tmp_path):
        seen = {}

        def start(called_ident, skicall):
            seen.update(called_ident=called_ident, environ_addr=skicall.environ["REMOTE_ADDR"],
                        path=skicall.path, project=skicall.project, proj_ident=skicall.proj_ident,
                        rootproject=skicall.rootproject, caller_ident=skicall.caller_ident,
                        cookies=skicall.received_cookies, ident_data=skicall.ident_data,
                        ident_list=skicall.ident_list, submit_list=skicall.submit_list,
                        submit_dict=skicall.submit_dict, call_data=skicall.call_data,
                        page_data=skicall.page_data, proj_data=skicall.proj_data, lang=skicall.lang,
                        projectfiles=skicall.projectfiles, store=skicall.accesstextblocks)
            return called_ident
        client, _hooks = build(tmp_path, start=start)
        client.get("/form", cookies={"flavour": "oat"}, headers={"Accept-Language": "de"})
        assert seen["called_ident"] == ("testproj", 2)
        assert seen["environ_addr"] == "127.0.0.1"
        assert seen["path"] == "/form"
        assert seen["project"] == "testproj" and seen["proj_ident"] == "testproj"
        assert seen["rootproject"] is True
        assert seen["caller_ident"] is None and seen["ident_data"] is None
        assert seen["cookies"] == {"flavour": "oat"}
        assert seen["ident_list"] == [] and seen["submit_list"] == [] and seen["submit_dict"] == {}
        assert seen["call_data"] == {} and isinstance(seen["page_data"], PageData)
        assert seen["proj_data"] == {"key": "value"}
        assert seen["lang"] == ("de", "en")
        assert seen["projectfiles"] == str(tmp_path / "projectfiles")
        assert isinstance(seen["store"], AccessTextBlocks)

    def test_called_ident_is_none_for_an_unknown_path(self, tmp_path):
        client, hooks = build(tmp_path)
        client.get("/unknown")
        assert hooks.starts == [None]

    def test_a_folder_url_calls_its_default_page(self, tmp_path):
        client, hooks = build(tmp_path)
        assert title(client.get("/folder")) == "folder index"
        assert title(client.get("/folder/")) == "folder index"
        assert hooks.starts[-1] == ("testproj", 11)

    def test_caller_ident_of_a_submitted_form(self, tmp_path):
        client, hooks = build(tmp_path)
        page = client.get("/form")
        client.submit("/store", {"t:input_text": "v"}, ident=page.ident_field)
        assert hooks.last_submit["caller_ident"] == Ident("testproj", 2)
        assert hooks.last_submit["caller_ident"] == ("testproj", 2)


class TestStartCallResults:
    @pytest.mark.parametrize("returned", [5, "testproj_5", "testproj,5", ("testproj", 5), Ident("testproj", 5)])
    def test_any_form_of_ident(self, tmp_path, returned):
        client, _hooks = build(tmp_path, start=lambda called, skicall: returned)
        assert title(client.get("/form")) == "done"

    def test_a_label(self, tmp_path):
        client, _hooks = build(tmp_path, start=lambda called, skicall: "home")
        assert title(client.get("/done")) == "form"

    def test_a_url_redirects(self, tmp_path):
        client, _hooks = build(tmp_path, start=lambda called, skicall: "/elsewhere/page")
        result = client.get("/form")
        assert result.code == 303 and result.header("Location") == "/elsewhere/page"

    def test_an_unknown_label_is_not_found(self, tmp_path):
        client, _hooks = build(tmp_path, start=lambda called, skicall: "nosuchlabel")
        result = client.get("/form")
        assert result.code == 404 and result.header("Location") is None


class TestMethods:
    def test_update_with_pagedata_sectiondata_and_dicts(self, tmp_path):
        def run(skicall):
            pd = PageData()
            pd["p", "para_text"] = "from PageData"
            pd.status = "202 Accepted"
            skicall.update(pd)
            skicall.update({("f", "widget_class"): "formclass"})
            skicall.update({"p:widget_style": "color:red"})
            sd = SectionData("nav")
            sd.show = False
            skicall.update(sd)
            assert skicall.get_pagedata().get_section("nav") is sd
            assert skicall.page_data["p", "para_text"] == "from PageData"
        client, _hooks = build(tmp_path, run=run)
        result = client.get("/run")
        assert result.status == "202 Accepted"
        assert '<p id="p" style="color:red">from PageData</p>' in result.text
        assert '<div id="f" class="formclass">' in result.text

    def test_update_refuses_other_types(self, tmp_path):
        errors = []

        def run(skicall):
            with pytest.raises(TypeError):
                skicall.update([("p", "para_text")])
            errors.append("checked")
        client, _hooks = build(tmp_path, run=run)
        client.get("/run")
        assert errors == ["checked"]

    def test_clear_pagedata(self, tmp_path):
        def run(skicall):
            skicall.page_data["p", "para_text"] = "gone"
            skicall.clear_pagedata()
            assert len(skicall.get_pagedata()) == 0
        client, _hooks = build(tmp_path, run=run)
        assert '<p id="p">default</p>' in client.get("/run").text

    def test_lookups(self, tmp_path):
        seen = {}

        def run(skicall):
            seen.update(home=skicall.label_value("home"), extern=skicall.label_value("extern"),
                        missing=skicall.label_value("nolabel"), lib=skicall.label_value("libjs"),
                        path=skicall.ident_from_path("/done"), folder=skicall.ident_from_path("/folder/"),
                        nopath=skicall.ident_from_path("/no/where"), paths=skicall.projectpaths(),
                        made=skicall.makepath("a", "/b/", "c"), text=skicall.textblock("greet"),
                        notext=skicall.textblock("nothing"))
        client, _hooks = build(tmp_path, run=run)
        client.get("/run")
        assert seen["home"] == ("testproj", 2)
        assert seen["extern"] == "https://example.com/x"
        assert seen["missing"] is None
        assert seen["lib"] == ("skis", "skipole_js")
        assert seen["path"] == ("testproj", 5) and seen["folder"] == ("testproj", 11)
        assert seen["nopath"] is None
        assert seen["paths"] == {"testproj": "/"}
        assert seen["made"] == "/a/b/c"
        assert seen["text"] == "Hello" and seen["notext"] is None

    def test_map_url_to_server_stays_inside_the_folder(self, tmp_path):
        static = tmp_path / "projectfiles" / "testproj" / "static"
        static.mkdir(parents=True)
        (static / "f.txt").write_text("x")
        (tmp_path / "outside.txt").write_text("secret")
        found = {}

        def start(called_ident, skicall):
            found[skicall.path] = skicall.map_url_to_server("files", os.path.join("testproj", "static"))
            found["abs " + skicall.path] = skicall.map_url_to_server("/files/", str(static))
            return called_ident
        client, _hooks = build(tmp_path, start=start)
        for path in ("/files/f.txt", "/files", "/files/missing.txt", "/files/../../../outside.txt",
                     "/other/f.txt"):
            client.get(path)
        assert found["/files/f.txt"] == static / "f.txt"
        assert found["abs /files/f.txt"] == static / "f.txt"
        assert found["/files"] is None and found["/files/missing.txt"] is None
        assert found["/files/../../../outside.txt"] is None and found["abs /files/../../../outside.txt"] is None
        assert found["/other/f.txt"] is None


class TestIdentData:
    def end(self, page_ident, page_type, skicall):
        if page_ident == ("testproj", 2):
            skicall.page_data.ident_data = "state:42"

    def test_ident_data_is_signed_and_comes_back(self, tmp_path):
        client, hooks = build(tmp_path, end=self.end)
        page = client.get("/form")
        ident = page.ident_field
        assert ident.startswith("testproj_2_")
        assert "state:42" not in ident
        result = client.submit("/store", {"t:input_text": "v"}, ident=ident)
        assert result.code == 200
        assert hooks.last_submit["ident_data"] == "state:42"

    def test_a_tampered_payload_is_refused(self, tmp_path):
        client, hooks = build(tmp_path, end=self.end)
        ident = client.get("/form").ident_field
        prefix, payload_sig = ident[:len("testproj_2_")], ident[len("testproj_2_"):]
        payload, sig = payload_sig.split(".")
        forged = base64.urlsafe_b64encode(b"state:99").decode().rstrip("=")
        result = client.submit("/store", {"t:input_text": "v"}, ident=f"{prefix}{forged}.{sig}")
        assert result.code == 400 and title(result) == "validate_error"
        assert hooks.submits == []

    def test_a_tampered_signature_is_refused(self, tmp_path):
        client, hooks = build(tmp_path, end=self.end)
        ident = client.get("/form").ident_field
        flipped = ident[:-2] + ("AA" if not ident.endswith("AA") else "BB")
        assert client.submit("/store", {"t:input_text": "v"}, ident=flipped).code == 400
        assert hooks.submits == []

    def test_unsigned_5x_ident_data_is_refused(self, tmp_path):
        client, hooks = build(tmp_path)
        unsigned = "testproj_2_" + base64.urlsafe_b64encode(b"state:42").decode().rstrip("=")
        assert client.submit("/store", {"t:input_text": "v"}, ident=unsigned).code == 400
        assert hooks.submits == []

    @pytest.mark.parametrize("ident", ["garbage", "testproj_x", "test-proj_2", "_2"])
    def test_malformed_idents_are_refused(self, tmp_path, ident):
        client, hooks = build(tmp_path)
        assert client.submit("/store", {"t:input_text": "v"}, ident=ident).code == 400
        assert hooks.submits == []


class TestEndCall:
    def test_end_call_gets_the_final_page_and_type(self, tmp_path):
        client, hooks = build(tmp_path)
        client.get("/run")
        assert hooks.last_end["page_ident"] == ("testproj", 2)
        assert hooks.last_end["page_type"] == "TemplatePage"
        client.get("/nothing/here")
        assert hooks.last_end["page_ident"] == ("testproj", 903)

    def test_a_session_string_is_sent_as_a_cookie_with_safe_flags(self, tmp_path):
        client, _hooks = build(tmp_path, end=lambda ident, ptype, skicall: "session-xyz")
        cookie = client.get("/form").set_cookies["testproj"]
        assert cookie.startswith("testproj=session-xyz;")
        assert "Path=/" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie

    def test_end_call_can_set_page_values(self, tmp_path):
        def end(ident, ptype, skicall):
            skicall.page_data["p", "para_text"] = "set in end_call"
        client, _hooks = build(tmp_path, end=end)
        assert '<p id="p">set in end_call</p>' in client.get("/form").text
