"""Without JavaScript the widgets still work: a form widget posts its form and a link widget is
followed, and the browser gets the server's page (the responder shows what it received).
With JavaScript, a widget with a JSON page calls it instead of leaving the page."""

import pytest

from tests.browser.conftest import wait_until

from skipole.gallery import FORM_URL, module_url

pytestmark = pytest.mark.browser


@pytest.fixture
def nojs_page(browser, gallery_url):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1000, "height": 800})
    page = context.new_page()
    page.goto(f"{gallery_url}{FORM_URL}")
    yield page
    context.close()


def test_a_form_widget_posts_without_javascript(nojs_page):
    page = nojs_page
    assert page.evaluate("1 + 1") == 2   # evaluate works; the page's own scripts did not run
    assert page.get_attribute("html", "data-skipole") is None
    page.fill("input[name='name:input_text']", "Ada Lovelace")
    page.check("input[name='news:checkbox']")
    page.select_option("select[name='colour:selectvalue']", "Blue")
    with page.expect_navigation():
        page.click("#contact button[type=submit], #contact input[type=submit]")
    assert page.url.endswith("/posted")
    assert page.inner_text("#what") == "You submitted a form."
    received = page.inner_text("#received")
    assert "name:input_text = 'Ada Lovelace'" in received
    assert "colour:selectvalue = 'Blue'" in received
    assert "news:checkbox = 'yes'" in received
    assert "contact:hidden_field1 = 'form-page'" in received


def test_a_link_widget_is_followed_without_javascript(nojs_page):
    page = nojs_page
    with page.expect_navigation():
        page.click("#home_link")
    assert "/followed?" in page.url
    assert page.inner_text("#what") == "You followed a link."
    assert "home_link:get_field1 = 'from-form-page'" in page.inner_text("#received")


def test_a_button_link_is_followed_without_javascript(nojs_page):
    page = nojs_page
    with page.expect_navigation():
        page.click("#button_link")
    assert page.inner_text("#what") == "You followed a link."
    assert "button_link:get_field1 = 'button'" in page.inner_text("#received")


def test_with_javascript_a_json_form_stays_on_the_page(gallery_page):
    """SubmitTextInput1 has action_json: the library sends the form there and applies the reply."""
    page = gallery_page("inputtext")
    url = page.url
    page.fill("#SubmitTextInput1 input[name='SubmitTextInput1:input_text']", "sent as JSON")
    with page.expect_response(lambda r: "/json/inputtext" in r.url) as reply:
        page.click("#SubmitTextInput1 button[type=submit]")
    assert reply.value.status == 200
    wait_until(page, "document.getElementById('top_error').textContent.includes('JSON page was called')")
    assert page.url == url
    assert page.skipole_errors == []
    page.evaluate("SKIPOLE.setfields({'top_error:hide': true, ClearAllErrors: true})")


def test_with_javascript_tab_buttons_switch_tabs(gallery_page):
    page = gallery_page("headers")
    assert page.is_visible("#gallery-tab-1") and not page.is_visible("#gallery-tab-2")
    page.click("#TabButtons1 button:nth-of-type(2)")
    assert page.is_visible("#gallery-tab-2") and not page.is_visible("#gallery-tab-1")
    page.click("#TabButtons1 button:nth-of-type(1)")
    assert page.is_visible("#gallery-tab-1") and not page.is_visible("#gallery-tab-2")
    assert page.skipole_errors == []


def test_module_pages_have_their_no_javascript_links(fresh_page):
    """Every JSON-capable link in the gallery keeps a real href for the no-JavaScript path."""
    page = fresh_page(module_url("links"))
    hrefs = page.evaluate("Array.from(document.querySelectorAll('main a[role=button]')).map((a) => a.getAttribute('href'))")
    assert hrefs and all(h for h in hrefs), hrefs
