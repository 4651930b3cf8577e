"""PageData and SectionData: the mapping API, conversions, and what page variables do to pages."""

import pytest
from projects import Client, Hooks, json_page, make_app, para, placeholder, responder, section, template

from skipole import PageData, SectionData
from skipole.pagedata import PAGE_VARIABLES, SECTION_VARIABLES


class TestPageDataMapping:
    def test_keys_are_widget_field_pairs(self):
        pd = PageData()
        pd["w", "f"] = 1
        assert pd["w", "f"] == 1 and list(pd) == [("w", "f")] and len(pd) == 1
        for bad in ("w:f", ("w",), ("w", ""), ("", "f"), ("a", "b", "c"), ("w", 1)):
            with pytest.raises(KeyError):
                pd[bad] = 1
        del pd["w", "f"]
        assert len(pd) == 0

    def test_page_variables_default_to_none_and_unknown_attributes_are_refused(self):
        pd = PageData()
        assert len(PAGE_VARIABLES) == 27
        assert all(getattr(pd, name) is None for name in PAGE_VARIABLES)
        with pytest.raises(AttributeError):
            pd.no_such_variable = 1

    def test_sections_are_added_by_alias(self):
        pd = PageData()
        sd = SectionData("nav")
        pd.update(sd)
        assert pd.sections == {"nav"} and pd.get_section("nav") is sd
        pd.delete_section("nav")
        assert pd.sections == set() and pd.get_section("nav") is None

    def test_to_dict_and_from_dict_round_trip(self):
        pd = PageData()
        pd["para", "para_text"] = "hello"
        pd.status = "201 Created"
        pd.interval = 5
        sd = SectionData("nav")
        sd["link", "link_text"] = "Home"
        sd.hide = True
        pd.update(sd)
        as_dict = pd.to_dict()
        assert as_dict == {"para:para_text": "hello", "nav-link:link_text": "Home", "nav/hide": True,
                           "status": "201 Created", "interval": 5}
        back = PageData.from_dict(as_dict)
        assert back.to_dict() == as_dict
        assert back.get_section("nav")["link", "link_text"] == "Home"
        assert back.get_value("para", "para_text") == "hello"
        assert back.get_value("para", "missing", "default") == "default"


class TestSectionData:
    def test_alias_must_be_a_non_empty_string(self):
        for bad in ("", None, 3):
            with pytest.raises(ValueError):
                SectionData(bad)

    def test_variables_and_copy(self):
        sd = SectionData("one")
        assert all(getattr(sd, name) is None for name in SECTION_VARIABLES)
        sd["w", "f"] = "v"
        sd.section_class = "c"
        other = sd.copy("two")
        assert other.sectionalias == "two" and other["w", "f"] == "v" and other.section_class == "c"
        other["w", "f"] = "changed"
        assert sd["w", "f"] == "v"

    def test_multiply(self):
        sd = SectionData("row")
        copies = sd.multiply(3)
        assert sd.multiplier == 3
        assert [c.sectionalias for c in copies] == ["row_0", "row_1", "row_2"]
        assert sd.multiply(-2) == [] and sd.multiplier == 0

    def test_to_dict_and_from_dict(self):
        sd = SectionData("row")
        sd["w", "f"] = 1
        sd.show = False
        assert sd.to_dict() == {"row/show": False, "row-w:f": 1}
        back = SectionData.from_dict("row", {"row/show": False, "row-w:f": 1, "other-w:f": 2})
        assert back.show is False and dict(back) == {("w", "f"): 1}


# ---- what page variables do --------------------------------------------------------------------------


def build(tmp_path, run, **settings):
    hooks = Hooks(run=run)
    pages = {
        "page": template(2, para("p", "default"), placeholder("box", "box"), title="page", **settings),
        "run": responder(100, "SubmitData", target=2, submit_list=["run"]),
        "json": responder(101, "SubmitData", target=3, submit_list=["run"]),
        "data.json": json_page(3, {"fixed": "content"}),
    }
    sections = {"box": section(para("inner", "inside"))}
    return Client(make_app(tmp_path, pages=pages, sections=sections, **hooks.app_kwargs()))


class TestTemplatePageVariables:
    def test_status_and_headers(self, tmp_path):
        def run(skicall):
            skicall.page_data.status = "418 I'm a teapot"
            skicall.page_data.headers = [("X-One", "1"), ("X-Bad", "a\r\nSet-Cookie: evil=1")]
        result = build(tmp_path, run).get("/run")
        assert result.status == "418 I'm a teapot"
        assert result.header("X-One") == "1"
        assert result.header("X-Bad") is None and "evil" not in result.set_cookies

    def test_body_class_backcol_and_lang(self, tmp_path):
        def run(skicall):
            pd = skicall.page_data
            pd.body_class = "dark"
            pd.backcol = "#123456"
            pd.show_backcol = True
            pd.lang = "fr"
        text = build(tmp_path, run).get("/run").text
        assert '<html lang="fr">' in text
        assert '<body class="dark" style="background-color:#123456;">' in text

    def test_the_page_settings_are_the_defaults(self, tmp_path):
        text = build(tmp_path, lambda skicall: None, show_backcol=True, backcol="#abcdef", lang="de").get("/run").text
        assert '<html lang="de">' in text and 'style="background-color:#abcdef;"' in text

    def test_show_error_goes_to_the_default_error_widget(self, tmp_path):
        def run(skicall):
            skicall.page_data.show_error = "shown by page data"
        text = build(tmp_path, run).get("/run").text
        assert '<p id="top_error" data-status="error">shown by page data</p>' in text

    def test_widget_fields_common_to_every_widget(self, tmp_path):
        def run(skicall):
            pd = skicall.page_data
            pd["p", "widget_class"] = "big"
            pd["p", "para_text"] = "<b>escaped</b>"
            sd = SectionData("box")
            sd["inner", "show"] = False
            pd.update(sd)
        text = build(tmp_path, run).get("/run").text
        assert '<p id="p" class="big">&lt;b&gt;escaped&lt;/b&gt;</p>' in text
        assert 'id="box-inner"' not in text

    def test_interval_and_storage_reach_the_browser_data(self, tmp_path):
        def run(skicall):
            pd = skicall.page_data
            pd.interval = 7
            pd.IntervalTarget = 3
            pd.localStorage = {"k": "v"}
        text = build(tmp_path, run).get("/run").text
        assert '"interval":7' in text and '"interval_target":"/data.json"' in text
        assert '"localStorage":{"k":"v"}' in text


class TestJSONPages:
    def test_page_data_becomes_json_keys(self, tmp_path):
        def run(skicall):
            pd = skicall.page_data
            pd["p", "para_text"] = "new text"
            pd.ClearAllErrors = True
            pd.JSONtoHTML = "/page"
            sd = SectionData("box")
            sd["inner", "para_text"] = "inner text"
            sd.hide = True
            pd.update(sd)
        result = build(tmp_path, run).get("/json")
        assert result.content_type == "application/json"
        assert result.json() == {"fixed": "content", "p:para_text": "new text", "box-inner:para_text": "inner text",
                                 "box/hide": True, "ClearAllErrors": True, "JSONtoHTML": "/page"}

    def test_errors_become_show_error(self, tmp_path):
        from skipole import FailPage

        def run(skicall):
            raise FailPage("json failure")
        hooks = Hooks(run=run)
        pages = {"json": responder(101, "SubmitData", target=3, fail=3, submit_list=["run"]),
                 "data.json": json_page(3)}
        client = Client(make_app(tmp_path, pages=pages, **hooks.app_kwargs()))
        assert client.get("/json").json() == {"show_error": "json failure"}

    def test_a_json_page_is_not_cached_unless_enabled(self, tmp_path):
        result = build(tmp_path, lambda skicall: None).get("/data.json")
        assert result.json() == {"fixed": "content"}
        assert result.header("Cache-Control") == "no-cache"


def test_unknown_page_variable_is_refused_and_unset_ones_read_none():
    import pytest as _pytest

    from skipole import PageData, SectionData
    pd = PageData()
    assert pd.interval is None and pd.variables() == {}
    pd.interval = 5
    assert pd.variables() == {"interval": 5}
    pd.interval = None
    assert pd.variables() == {}
    with _pytest.raises(AttributeError):
        pd.intervall = 5            # a typo is an error, not a silent new attribute
    sd = SectionData("s")
    with _pytest.raises(AttributeError):
        sd.hidden = True


def test_cookie_header_parsing():
    from skipole.request import Request
    request = Request({"HTTP_COOKIE": 'a=1; b="quoted value"; bad; c=; a=2; =x; d = 4 '})
    assert request.cookies == {"a": "1", "b": "quoted value", "c": "", "d": "4"}
