"""Applications and requests stay independent: no global registry, no state leaking between calls."""

import re
import threading

from projects import Client, Hooks, form, make_app, para, responder, template, text_input

from skipole import WSGIApplication


def title(result):
    return result.text[result.text.index("<title>") + 7:result.text.index("</title>")]


def two_apps(tmp_path):
    """Two root applications of the same project name, each from its own projectfiles."""
    one_hooks, two_hooks = Hooks(), Hooks()
    one = make_app(tmp_path / "one", "shared", pages={"index": template(1, para("p", "first"), title="one")},
                   proj_data={"n": 1}, **one_hooks.app_kwargs())
    two = make_app(tmp_path / "two", "shared", pages={"index": template(1, para("p", "second"), title="two")},
                   proj_data={"n": 2}, **two_hooks.app_kwargs())
    return one, two, one_hooks, two_hooks


class TestTwoApplications:
    def test_a_second_application_does_not_break_the_first(self, tmp_path):
        one, two, one_hooks, two_hooks = two_apps(tmp_path)
        c1, c2 = Client(one), Client(two)
        for _ in range(3):
            assert '<p id="p">first</p>' in c1.get("/").text
            assert '<p id="p">second</p>' in c2.get("/").text
        assert len(one_hooks.ends) == 3 and len(two_hooks.ends) == 3

    def test_debug_setting_is_per_application(self, tmp_path):
        def boom(skicall):
            raise RuntimeError("boom")
        hooks = Hooks(run=boom)
        pages = {"run": responder(100, "SubmitData", target=1, submit_list=["run"])}
        loud = make_app(tmp_path / "a", pages=pages, debug=True, **hooks.app_kwargs())
        quiet = make_app(tmp_path / "b", pages=pages, debug=False, **hooks.app_kwargs())
        assert "Traceback" in Client(loud).get("/run").text
        assert "Traceback" not in Client(quiet).get("/run").text

    def test_ident_data_signed_by_one_application_is_refused_by_another(self, tmp_path):
        def end(page_ident, page_type, skicall):
            skicall.page_data.ident_data = "state-42"
        pages = {"form": template(2, form("f", "store", text_input("t")), title="form"),
                 "store": responder(100, "StoreData", target=2, fields={"t:input_text": ""})}
        one = make_app(tmp_path / "a", pages=pages, **Hooks(end=end).app_kwargs())
        two_hooks = Hooks()
        two = make_app(tmp_path / "b", pages=pages, **two_hooks.app_kwargs())
        signed = Client(one).get("/form").ident_field
        assert signed.startswith("testproj_2_")
        client = Client(two)
        result = client.submit("/store", {"t:input_text": "x"}, ident=signed)
        assert result.code == 400
        assert not any(e["page_ident"] == ("testproj", 2) for e in two_hooks.ends)

    def test_secret_keys_are_independent_unless_given(self, tmp_path):
        one, two, _h1, _h2 = two_apps(tmp_path)
        assert one.secret_key != two.secret_key
        key = b"k" * 32
        a = WSGIApplication("shared", str(tmp_path / "one" / "projectfiles"), secret_key=key)
        b = WSGIApplication("shared", str(tmp_path / "two" / "projectfiles"), secret_key=key)
        assert a.secret_key == b.secret_key == key

    def test_applications_answer_correctly_from_many_threads(self, tmp_path):
        one, two, _h1, _h2 = two_apps(tmp_path)
        errors = []

        def worker(app, expected):
            client = Client(app)
            for _ in range(20):
                text = client.get("/").text
                if expected not in text:
                    errors.append(text[:200])
        threads = [threading.Thread(target=worker, args=(app, exp))
                   for app, exp in ((one, "first"), (two, "second")) * 4]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []


class TestRequestsAreIndependent:
    def build(self, tmp_path):
        def run(skicall):
            skicall.page_data["p", "para_text"] = "changed in this call"
            skicall.call_data["x"] = 1
        hooks = Hooks(run=run)
        pages = {"index": template(1, form("f", "run", text_input("t")), para("p", "default"), title="home"),
                 "run": responder(100, "SubmitData", target=1, submit_list=["run"])}
        return Client(make_app(tmp_path, pages=pages, **hooks.app_kwargs())), hooks

    def test_values_set_in_one_call_do_not_leak_into_the_next(self, tmp_path):
        client, hooks = self.build(tmp_path)
        assert '<p id="p">changed in this call</p>' in client.get("/run").text
        assert '<p id="p">default</p>' in client.get("/").text
        assert hooks.ends[-1]["call_data"] == {}

    def test_a_page_renders_the_same_way_every_time(self, tmp_path):
        client, _hooks = self.build(tmp_path)
        from projects import without_tokens
        first = client.get("/").text
        second = client.get("/").text
        assert without_tokens(first) == without_tokens(second)     # the same but for the masked token
        assert first != second

    def test_widgets_inside_a_form_are_listed_for_the_browser_on_every_request(self, tmp_path):
        client, _hooks = self.build(tmp_path)

        def widget_names(text):
            data = re.search(r'data-skipole="page">(.*?)</script>', text).group(1)
            return re.findall(r'\["([\w-]+)","\w+","\w+"', data)
        first = widget_names(client.get("/").text)
        second = widget_names(client.get("/").text)
        assert "t" in first
        assert second == first, ("the second rendering (widgets from the render cache) lost the widgets "
                                 "nested in the form: render/plan.py render_widget does not record them")


def test_replace_project_serves_the_new_model(tmp_path):
    from projects import Client, make_app, para, template

    from skipole.project.loader import load_project_files
    app = make_app(tmp_path, pages={"index": template(1, para("hello", "before"))})
    client = Client(app)
    assert "before" in client.get("/").text
    model = load_project_files(str(tmp_path / "projectfiles"), "testproj")
    model.data["RootFolder"]["pages"]["index"]["body"][1]["parts"][1][1]["fields"]["para_text"] = "after"
    model.rebuild()
    app.replace_project(model)
    assert "after" in client.get("/").text
