"""Sections: placeholders, aliases, multipliers, show/hide, section data and section forms."""

import re

from projects import (Client, Hooks, divpara, form, make_app, para, placeholder, responder, section, template,
                      text, text_input)

from skipole import FailPage, SectionData

SECTIONS = {
    "navbar": section(text("h2", "Navigation"), para("label", "default label"), divpara("note"),
                      tag="nav", **{"class": "navclass"}),
    "entry": section(form("f", "store", text_input("name")), tag="div"),
}


def build(tmp_path, placeholders, run=None, extra_pages=None, **kw):
    hooks = Hooks(run=run)
    pages = {
        "page": template(2, *placeholders, title="page"),
        "run": responder(100, "SubmitData", target=2, fail=2, submit_list=["run"]),
    }
    pages.update(extra_pages or {})
    app = make_app(tmp_path, pages=pages, sections=SECTIONS, **hooks.app_kwargs(), **kw)
    return Client(app), hooks


def body(result):
    return result.text[result.text.index("<body>"):]


class TestPlaceholders:
    def test_a_section_is_placed_under_its_alias(self, tmp_path):
        client, _hooks = build(tmp_path, [placeholder("navbar", "top")])
        html = body(client.get("/page"))
        assert ('<nav class="navclass" id="top"><h2>Navigation</h2><p id="top-label">default label</p>'
                in html)

    def test_one_section_in_two_places_has_separate_ids(self, tmp_path):
        client, _hooks = build(tmp_path, [placeholder("navbar", "top"), placeholder("navbar", "bottom")])
        html = body(client.get("/page"))
        assert 'id="top-label"' in html and 'id="bottom-label"' in html

    def test_placeholder_with_show_false_is_left_out(self, tmp_path):
        client, _hooks = build(tmp_path, [placeholder("navbar", "top", show=False)])
        assert "Navigation" not in body(client.get("/page"))

    def test_section_data_show_overrides_the_placeholder(self, tmp_path):
        def run(skicall):
            sd = SectionData("top")
            sd.show = True
            skicall.update(sd)
        client, _hooks = build(tmp_path, [placeholder("navbar", "top", show=False)], run=run)
        assert 'id="top-label"' in client.get("/run").text, (
            "SectionData.show=True must show a placeholder saved with show=False: render/plan.py _compile "
            "drops hidden placeholders before they become a SectionSlot")

    def test_section_data_can_hide_the_section(self, tmp_path):
        def run(skicall):
            sd = SectionData("top")
            sd.show = False
            skicall.update(sd)
        client, _hooks = build(tmp_path, [placeholder("navbar", "top")], run=run)
        assert "Navigation" not in client.get("/run").text

    def test_section_data_hide_renders_it_hidden(self, tmp_path):
        def run(skicall):
            sd = SectionData("top")
            sd.hide = True
            sd.section_class = "other"
            skicall.update(sd)
        client, _hooks = build(tmp_path, [placeholder("navbar", "top")], run=run)
        assert '<nav class="other" style="display:none;" id="top">' in client.get("/run").text

    def test_a_hidden_or_reclassed_section_does_not_stay_so_on_the_next_request(self, tmp_path):
        calls = []

        def run(skicall):
            calls.append(1)
            if len(calls) == 2:
                sd = SectionData("top")
                sd.hide = True
                sd.section_class = "other"
                skicall.update(sd)
        client, _hooks = build(tmp_path, [placeholder("navbar", "top")], run=run)
        plain = '<nav class="navclass" id="top">'
        assert plain in client.get("/run").text            # the start tag is cached from here
        assert '<nav class="other" style="display:none;" id="top">' in client.get("/run").text
        assert plain in client.get("/run").text

    def test_widget_values_are_set_through_the_alias(self, tmp_path):
        def run(skicall):
            sd = SectionData("top")
            sd["label", "para_text"] = "set for top"
            skicall.update(sd)
        client, _hooks = build(tmp_path, [placeholder("navbar", "top"), placeholder("navbar", "bottom")],
                               run=run)
        html = client.get("/run").text
        assert '<p id="top-label">set for top</p>' in html
        assert '<p id="bottom-label">default label</p>' in html

    def test_failpage_can_name_a_widget_in_a_section(self, tmp_path):
        def run(skicall):
            raise FailPage("section error", section="top", widget="note")
        client, _hooks = build(tmp_path, [placeholder("navbar", "top")], run=run)
        html = client.get("/run").text
        assert ('<div id="top-note" data-status="error"><p style="white-space: pre-line;">section error</p>'
                in html)

    def test_a_missing_section_renders_nothing_and_the_page_still_works(self, tmp_path):
        client, _hooks = build(tmp_path, [placeholder("nosuchsection", "x"), para("after", "still here")])
        result = client.get("/page")
        assert result.code == 200 and '<p id="after">still here</p>' in result.text


class TestMultipliers:
    def test_multiply_creates_numbered_aliases(self, tmp_path):
        def run(skicall):
            sd = SectionData("items")
            copies = sd.multiply(3)
            assert [c.sectionalias for c in copies] == ["items_0", "items_1", "items_2"]
            for i, copy in enumerate(copies):
                copy["label", "para_text"] = f"item {i}"
                skicall.update(copy)
            skicall.update(sd)
        client, _hooks = build(tmp_path, [placeholder("navbar", "items", mtag="ul")], run=run)
        html = body(client.get("/run"))
        assert '<ul id="items"><nav class="navclass" id="items_0">' in html
        found = re.findall(r'<p id="(items_\d)-label">([^<]*)</p>', html)
        assert found == [("items_0", "item 0"), ("items_1", "item 1"), ("items_2", "item 2")]
        assert html.count("<h2>Navigation</h2>") == 3

    def test_a_multiplier_set_in_the_project_file(self, tmp_path):
        client, _hooks = build(tmp_path, [placeholder("navbar", "rows", multiplier=2, mtag="section")])
        html = body(client.get("/page"))
        assert '<section id="rows">' in html
        assert 'id="rows_0-label"' in html and 'id="rows_1-label"' in html and 'id="rows_2-label"' not in html

    def test_multiplier_zero_shows_a_single_copy_under_the_alias(self, tmp_path):
        def run(skicall):
            sd = SectionData("rows")
            sd.multiply(0)
            skicall.update(sd)
        client, _hooks = build(tmp_path, [placeholder("navbar", "rows", multiplier=2)], run=run)
        html = body(client.get("/run"))
        assert 'id="rows_0-label"' not in html and 'id="rows-label"' in html

    def test_the_multiplier_tag_can_be_changed(self, tmp_path):
        def run(skicall):
            sd = SectionData("rows")
            sd.multiply(1)
            sd.multiplier_tag = "ol"
            skicall.update(sd)
        client, _hooks = build(tmp_path, [placeholder("navbar", "rows")], run=run)
        assert '<ol id="rows"><nav class="navclass" id="rows_0">' in client.get("/run").text


class TestSectionForms:
    def test_fields_of_a_section_widget_arrive_with_the_alias(self, tmp_path):
        store = responder(101, "StoreData", target=2, fields={"top-name:input_text": ""})
        client, hooks = build(tmp_path, [placeholder("entry", "top")], extra_pages={"store": store})
        page = client.get("/page")
        assert 'name="top-name:input_text"' in page.text
        client.submit("/store", {"top-name:input_text": "Ann"}, ident=page.ident_field)
        assert hooks.last_end["call_data"] == {("top", "name", "input_text"): "Ann"}


def test_a_form_in_a_multiplied_section_posts_its_copy_fields(tmp_path):
    from projects import text_input
    hooks = Hooks()
    pages = {"index": template(1, placeholder("row", "rows", multiplier=0, mtag="div")),
             "save": responder(2, "AllowedAccept", target=1, allowed_callers=[1], submit_list=["save"])}
    sections = {"row": section(form("f", 2, text_input("inp")))}

    def end(ident, ptype, skicall):
        from skipole import SectionData
        sd = SectionData("rows")
        copies = sd.multiply(3)
        skicall.update(sd)
        for c in copies:
            skicall.update(c)

    hooks.end = end
    app = make_app(tmp_path, pages=pages, sections=sections, **hooks.app_kwargs())
    client = Client(app)
    page = client.get("/")
    assert 'name="rows_2-inp:input_text"' in page.text
    result = client.submit("/save", {"rows_1-inp:input_text": "second"}, ident=page.ident_field)
    assert result.code == 200, result.text[:300]
    assert hooks.submits[-1]["submit_dict"]["received_data"] == {("rows_1", "inp", "input_text"): "second"}


def test_goto_to_a_url_keeps_cookies_set_earlier(tmp_path):
    import http.cookies

    from skipole import GoTo
    def set_and_go(skicall):
        jar = http.cookies.SimpleCookie()
        jar["flavour"] = "mint"
        skicall.get_pagedata().set_cookie = jar
        raise GoTo("https://example.org/elsewhere", clear_page_data=False)

    hooks = Hooks(go=set_and_go)
    pages = {"index": template(1), "go": responder(2, "SubmitData", target=1, submit_list=["go"])}
    app = make_app(tmp_path, pages=pages, **hooks.app_kwargs())
    result = Client(app).get("/go")
    assert result.code == 303 and result.header("Location") == "https://example.org/elsewhere"
    assert any(c.startswith("flavour=mint") for c in result.all_headers("Set-Cookie"))
