"""pi02 in headless Chromium on a phone: log in, toggle a relay, a second phone and an input
edge show up live, log out; every page is photographed at phone size, has no sideways
scroll and tap targets of at least 44 px.

The appliance runs on simulated pins, served by waitress on a free loopback port.  Chromium
is Debian's, started as tests/browser starts it, but in a thread of its own: Playwright's
sync API cannot start while the session-wide Chromium of tests/browser is running in the
main thread.  Screenshots go to test-artifacts/pi02/ (git-ignored).
"""

import math
import threading
import time

import pytest
import waitress
from appliance_helpers import ADMIN, PASSWORDS, REPO

from tests.conftest import CHROMIUM_ARGS, INSTALL, _chromium

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "test-artifacts" / "pi02"
# bypass_csp: Playwright's wait_for_function compiles its predicate, which our pages' CSP forbids
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "is_mobile": True,
         "has_touch": True, "bypass_csp": True}
SMALL_PHONE = dict(PHONE, viewport={"width": 360, "height": 640})
PAGES = ("/", "/login", "/control", "/sensors", "/logs", "/setup/")

#: in the page: visible controls smaller than 44 px, texts under 12 px, and the page's width
MEASURE = """() => {
  const small = [], tiny = [];
  for (const el of document.querySelectorAll('a, button, input, select, textarea, summary')) {
    const r = el.getBoundingClientRect(), cs = getComputedStyle(el);
    if (el.type === 'hidden' || r.width === 0 || cs.visibility === 'hidden') continue;
    if (r.height < 44 || r.width < 44) small.push(el.outerHTML.slice(0, 120) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
  }
  for (const el of document.querySelectorAll('body *')) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.data.trim());
    const r = el.getBoundingClientRect();
    if (!own || r.width === 0) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    const svg = el.closest('svg');
    if (svg && svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width) {
      size = size * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    }
    if (size < 11.5) tiny.push(el.tagName + ' ' + el.textContent.trim().slice(0, 40) + ' ' + size.toFixed(1));
  }
  return {small, tiny, scroll: document.documentElement.scrollWidth, width: window.innerWidth};
}"""


def in_browser(scenario):
    """Run ``scenario(browser)`` with a headless Chromium of its own, in a thread of its own;
    what it raises (a failed assert) is raised here."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"Playwright is not installed. {INSTALL}", pytrace=False)
    executable = _chromium()
    outcome = {}

    def run():
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
                try:
                    scenario(browser)
                finally:
                    browser.close()
        except BaseException as exc:        # noqa: BLE001 - handed to the test's thread
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="pi02-browser")
    thread.start()
    thread.join(timeout=600)
    assert not thread.is_alive(), "the browser scenario did not finish in 10 minutes"
    if "error" in outcome:
        raise outcome["error"]


@pytest.fixture
def served(appliance):
    app = appliance("pi02")
    server = waitress.create_server(app.app, host="127.0.0.1", port=0, threads=8)
    port = server.socket.getsockname()[1]
    thread = threading.Thread(target=server.run, name="pi02-server", daemon=True)
    thread.start()
    try:
        yield app, f"http://127.0.0.1:{port}"
    finally:
        server.close()
        thread.join(timeout=5)


def _a_lived_in_appliance(app):
    """Some outputs on, an input active and two days of history, so that pages look used."""
    hardware = app.hardware
    end = time.time()
    for step in range(288):                                   # every 10 minutes for 48 hours
        hours = step / 6
        app.set_cpu(47 + 6 * math.sin(hours / 24 * 2 * math.pi) + (step % 7) / 10)
        app.set_probe(18 + 4 * math.sin((hours - 6) / 24 * 2 * math.pi))
        if step in (100, 200):
            app.rig.activate("button2")
        elif step in (110, 215):
            app.rig.deactivate("button2")
        hardware.sample_now(at=end - 48 * 3600 + 600 * (step + 1))
    hardware.set("relay2", True, by="user:ann")
    hardware.set("led", 0.6, by="user:ann")
    app.rig.activate("button1")


def _watch(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.skipole_errors = errors
    return page


def _login(context, base, next_path="/control"):
    page = _watch(context.new_page())
    page.goto(f"{base}{next_path}")
    assert page.url.startswith(f"{base}/login?next=")
    page.fill("input[name='login:input_text1']", ADMIN)
    page.fill("input[name='login:input_text2']", PASSWORDS[ADMIN])
    page.click("#login input[type=submit]")
    page.wait_for_url(f"{base}{next_path}")
    return page


def _live(page):
    """Wait until the page's live updates are running."""
    page.wait_for_function("document.documentElement.dataset.skipole === 'ready'", timeout=10000)
    page.wait_for_function("window.SKIPOLE_LIVE && ['polling', 'waiting'].includes(window.SKIPOLE_LIVE.status)",
                           timeout=10000)


def test_a_relay_toggled_on_one_phone_shows_on_another_and_inputs_show_live(served):
    in_browser(lambda browser: _two_phones(browser, *served))


def _two_phones(browser, app, base):
    phone = browser.new_context(**PHONE)
    other = browser.new_context(**PHONE)
    try:
        mine = _login(phone, base)
        theirs = _login(other, base)
        _live(mine)
        _live(theirs)
        switch = mine.locator("#switch1 button[role=switch]")
        assert switch.get_attribute("aria-checked") == "false"
        assert mine.locator("#state1").inner_text() == "Relay 1 is OFF"
        switch.tap()
        mine.wait_for_function("document.querySelector('#switch1 button').getAttribute('aria-checked') === 'true'")
        mine.wait_for_function("document.getElementById('state1').textContent === 'Relay 1 is ON'")
        assert mine.locator("#switch1 .sk-pi-state").inner_text() == "ON"
        assert app.rig.pin_level("relay1") is False                     # on: driven low
        # the other phone follows without a reload
        theirs.wait_for_function("document.querySelector('#switch1 button').getAttribute('aria-checked') === 'true'")
        theirs.wait_for_function("document.getElementById('state1').textContent === 'Relay 1 is ON'")
        assert theirs.evaluate("performance.getEntriesByType('navigation').length") == 1
        # a button pressed on the Pi shows up on the sensors page
        theirs.goto(f"{base}/sensors")
        _live(theirs)
        assert theirs.locator("#button1_state").get_attribute("data-state") == "off"
        app.rig.activate("button1")
        theirs.wait_for_function("document.getElementById('button1_state').dataset.state === 'on'")
        assert "Pressed" in theirs.locator("#button1_state").inner_text()
        # log out: a POST from the title bar
        mine.locator("#header-logout input[type=submit]").tap()
        mine.wait_for_url(f"{base}/logout")
        assert mine.locator("#login_button").is_visible()
        mine.goto(f"{base}/control")
        assert mine.url.startswith(f"{base}/login?next=")
        assert not mine.skipole_errors and not theirs.skipole_errors, mine.skipole_errors + theirs.skipole_errors
    finally:
        phone.close()
        other.close()


@pytest.mark.parametrize("size", ["390x844", "360x640"])
def test_every_page_fits_a_phone(served, size):
    app, base = served
    _a_lived_in_appliance(app)
    in_browser(lambda browser: _every_page(browser, base, size))


def _every_page(browser, base, size):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(**(PHONE if size == "390x844" else SMALL_PHONE))
    try:
        page = _watch(context.new_page())
        problems = {}
        for path in PAGES:
            if path == "/control":
                page = _login(context, base)
            else:
                page.goto(f"{base}{path}")
            page.wait_for_function("document.documentElement.dataset.skipole === 'ready'", timeout=10000)
            if path == "/setup/":
                for fold in page.locator("details").all()[:1]:
                    fold.locator("summary").tap()
            measured = page.evaluate(MEASURE)
            name = path.strip("/").replace("/", "_") or "home"
            if size == "390x844":
                page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            if measured["scroll"] > measured["width"] or measured["small"] or measured["tiny"]:
                problems[path] = measured
            assert not page.skipole_errors, (path, page.skipole_errors)
        assert not problems, problems
    finally:
        context.close()
