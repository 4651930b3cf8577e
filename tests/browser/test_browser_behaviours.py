"""Widget behaviours of the browser library on the gallery pages: boxes that close, inputs a
checkbox enables, menus and sections that open, JSON buttons that stay on the page."""

import pytest

from tests.browser.conftest import wait_until

pytestmark = pytest.mark.browser


def _visible(page, selector):
    return page.is_visible(selector)


def test_confirm_box_button_hides_the_box_and_calls_its_json_page(fresh_page):
    page = fresh_page("/widgets/confirm")
    page.evaluate("SKIPOLE.widgets.ConfirmBox1.settings.url1 = '/json/confirm'")
    with page.expect_response(lambda r: "/json/confirm" in r.url):
        page.click("#ConfirmBox1 a[role=button] >> nth=0")
    assert not _visible(page, "#ConfirmBox1")
    assert page.url.endswith("/widgets/confirm")
    assert page.skipole_errors == []


def test_alert_close_hides_the_alert(fresh_page):
    page = fresh_page("/widgets/confirm")
    page.evaluate("SKIPOLE.widgets.AlertClear2.settings.url = '/json/confirm'")
    with page.expect_response(lambda r: "/json/confirm" in r.url):
        page.click("#AlertClear2 a[role=button]")
    assert not _visible(page, "#AlertClear2")
    assert page.skipole_errors == []


def test_hidden_container_closes(fresh_page):
    page = fresh_page("/widgets/dropdown")
    assert _visible(page, "#HiddenContainer")
    page.evaluate("document.querySelector('#HiddenContainer a[role=button]')"
                  ".addEventListener('click', (e) => e.preventDefault())")
    page.click("#HiddenContainer a[role=button]")
    assert not _visible(page, "#HiddenContainer")


def test_check_inputs_enables_its_inputs(fresh_page):
    page = fresh_page("/widgets/checkbox")
    text = "#CheckInputs input[name=note]"
    assert page.is_enabled(text)
    page.uncheck("#CheckInputs input[type=checkbox]")
    assert page.is_disabled(text)
    page.check("#CheckInputs input[type=checkbox]")
    assert page.is_enabled(text)
    page.uncheck("#CheckedText input[type=checkbox]")
    assert page.is_disabled("#CheckedText input[type=text]")


def test_dropdown_button_opens_its_menu(fresh_page):
    page = fresh_page("/widgets/headers")
    assert not _visible(page, "#DropDownButton1 > div")
    page.click("#DropDownButton1 > button")
    assert _visible(page, "#DropDownButton1 > div a")
    page.click("h1")
    assert not _visible(page, "#DropDownButton1 > div")


def test_open_and_close_buttons(fresh_page):
    page = fresh_page("/widgets/links")
    target = "#item-OpenButton2-target"
    page.click("#CloseButton")
    assert not _visible(page, target)
    page.click("#OpenButton")
    assert _visible(page, target)
    assert page.url.endswith("/widgets/links")


def test_json_text_link_fetches_and_toggles(fresh_page):
    page = fresh_page("/widgets/paras")
    button = "#JSONTextLink a[role=button]"
    page.click(button)                       # shown at first: the click hides
    assert page.inner_text(button) == "Show"
    with page.expect_response(lambda r: "/json/paras" in r.url):
        page.click(button)
    wait_until(page, "document.querySelector('#JSONTextLink a[role=button]').textContent === 'Hide'")
    assert page.skipole_errors == []


def test_table_list_rebuilds_with_working_links(fresh_page):
    page = fresh_page("/widgets/lists")
    page.evaluate("SKIPOLE.setfields({'TableList:contents': [['A', 'a1', 'a2', 'a3'], ['B', 'b1', 'b2', 'b3']]})")
    hrefs = page.eval_on_selector_all("#TableList a[role=button]", "(as) => as.map((a) => a.getAttribute('href'))")
    assert len(hrefs) == 4                   # down + remove, up + remove
    assert all("ident=gallery_" in h and "csrf_token=" in h for h in hrefs)
    with page.expect_response(lambda r: "/json/lists" in r.url):     # the gallery sets up_json_ident
        page.click("#TableList tr:nth-child(1) a[data-way=down]")
    page.evaluate("SKIPOLE.widgets.TableList.settings.up_json_url = ''")
    with page.expect_navigation():
        page.click("#TableList tr:nth-child(2) a[data-way=up]")
    assert page.inner_text("#what") == "You followed a link."
    assert "TableList:contents = 'b1'" in page.inner_text("#received")


def test_svg_series_redraw_inside_their_axis(fresh_page):
    page = fresh_page("/widgets/svggraphs")
    page.evaluate("SKIPOLE.setfields({'Points:values': [[50, 50]], 'Lines:values': [[0, 0], [100, 100]]})")
    assert page.eval_on_selector_all("#Points line", "(ls) => ls.length") == 2
    ends = page.eval_on_selector_all("#Lines circle", "(cs) => cs.map((c) => [c.getAttribute('cx'), c.getAttribute('cy')])")
    assert len(ends) == 2 and ends[0] != ends[1]
    assert page.eval_on_selector_all("#Lines line", "(ls) => ls.length") == 1
