"""skiadmin in a real browser on a phone, as a new user would use it (Playwright + Debian's
Chromium, 390 x 844): log in to /skiadmin on pi02, add a Switch bound to a relay and a Value
bound to the CPU temperature to the control page, change a label text, preview, publish; the
live /control page then shows them and the Switch switches the (mock) pin; reverting in the
History brings the previous page back.  Screenshots go to test-artifacts/skiadmin/.
"""

import pathlib
import shutil
import threading

import pytest
import waitress

from skipole.loading import load_project
from skipole.testing import MockHardware
from tests.browser.conftest import watch

REPO = pathlib.Path(__file__).resolve().parents[2]
PI02 = REPO / "projects" / "pi02"
ARTIFACTS = REPO / "test-artifacts" / "skiadmin"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}
PASSWORD = "a long admin password"

pytestmark = pytest.mark.browser


@pytest.fixture
def pi02(tmp_path):
    """pi02 copied to tmp_path, its pins mocked, the CPU at 47.5 °C, served on 127.0.0.1."""
    if not (PI02 / "data" / "project.json").exists():
        pytest.fail("projects/pi02 has no data/project.json: build it first (python3 projects/build.py)")
    projdir = tmp_path / "projectfiles" / "pi02"
    shutil.copytree(PI02, projdir, ignore=shutil.ignore_patterns("state", "__pycache__"))
    (tmp_path / "cpu_temp").write_text("47500\n")
    toml = (projdir / "hardware.toml").read_text()
    toml = toml.replace('[devices.cpu]\nkind = "cpu_temperature"\n',
                        f'[devices.cpu]\nkind = "cpu_temperature"\nsensor_file = "{tmp_path / "cpu_temp"}"\n')
    (projdir / "hardware.toml").write_text(toml)
    state = tmp_path / "state"
    rig = MockHardware(projdir, state_dir=state, workdir=tmp_path / "hw")
    app = load_project(projdir, state_dir=str(state), admin=True, hardware=rig.hardware, environ={})
    app.security.users.set_password("admin", PASSWORD, role="admin")
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=8)
    thread = threading.Thread(target=server.run, name="pi02-admin", daemon=True)
    thread.start()
    try:
        yield {"url": f"http://127.0.0.1:{server.socket.getsockname()[1]}", "rig": rig, "app": app,
               "projdir": projdir}
    finally:
        for channel in list(server._map.values()):
            channel.close()
        server.close()
        thread.join(timeout=5)
        rig.close()


def shot(page, name, locator=None):
    """A phone-size screenshot, scrolled to ``locator`` when given."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    if locator is not None:
        locator.scroll_into_view_if_needed()
        page.evaluate("window.scrollBy(0, -90)")
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def fits(page):
    """The screen needs no sideways scrolling at 390 px."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} is {width} px wide"


def switch_card(app):
    """``(control page ident, location of the element holding the control page's switches, the
    name of its second switch)``."""
    store = app.admin.store
    ident = store.query("item_info", item="/control")["result"]["ident"]
    rows = store.query("tree_outline", page=ident, root="body")["result"]
    switches = [r for r in rows if r.get("class") == "pi.Switch"]
    return ident, switches[0]["location"].rpartition("-")[0], switches[1]["name"]


def choose_place(page, parent):
    """Choose "end of" the element at ``parent`` in the Where list."""
    values = page.locator("select[name='s:location'] option").evaluate_all("os => os.map(o => o.value)")
    value = next(v for v in values if v.rpartition("-")[0] == parent)
    page.select_option("select[name='s:location']", value)


def open_details(page, text):
    summary = page.locator("summary", has_text=text).first
    summary.click()
    return summary


def test_a_new_user_redesigns_the_control_page_on_a_phone(browser, pi02):
    base = pi02["url"]
    rig = pi02["rig"]
    control, card, second = switch_card(pi02["app"])
    rig.hardware.refresh()
    context = browser.new_context(**PHONE)
    context.set_default_timeout(15000)
    page = watch(context.new_page())
    try:
        # log in: /skiadmin sends to the login page, which comes back to the admin
        page.goto(f"{base}/skiadmin")
        assert "/auth/login" in page.url
        page.fill("#sk-username", "admin")
        page.fill("#sk-password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/skiadmin")
        assert page.locator("h1").inner_text() == "skiadmin"
        fits(page)
        shot(page, "01-home")

        # a Switch bound to relay1, in one step from the Hardware screen
        page.click("nav.sa-bottom >> text=Hardware")
        open_details(page, "relay1")
        fits(page)
        shot(page, "02-hardware", page.locator("#d-relay1"))
        page.locator("#d-relay1").get_by_role("link", name="Put it on a page").click()
        page.select_option("select[name=page]", str(control))
        page.click("text=Choose this page")
        page.select_option("select[name='s:widget_class']", "pi.Switch")
        choose_place(page, card)
        page.fill("input[name='e:fields.label']", "Pump")
        fits(page)
        shot(page, "03-add-switch", page.locator("text=2. How and where"))
        page.click("button:has-text('Add to the page')")
        assert page.locator(".sa-notice.sa-done").inner_text() == "Widget added"
        assert "pi.Switch" in page.content()
        fits(page)

        # a Value bound to the CPU temperature
        page.goto(f"{base}/skiadmin/hardware/add?device=cpu")
        page.select_option("select[name=page]", str(control))
        page.click("text=Choose this page")
        page.select_option("select[name='s:widget_class']", "pi.Value")
        choose_place(page, card)
        page.fill("input[name='e:fields.label']", "CPU")
        page.click("button:has-text('Add to the page')")
        assert page.locator(".sa-notice.sa-done").inner_text() == "Widget added"
        fits(page)
        shot(page, "04-value-widget")

        # change a label text: the second switch becomes "Garden lights"
        page.click("nav.sa-bottom >> text=Pages")
        page.locator("li.sa-row", has_text="control").get_by_role("link", name="Body").click()
        fits(page)
        open_details(page, second)
        shot(page, "05-outline", page.locator("summary", has_text=second))
        page.locator("li.sa-node", has_text=second).get_by_role("link", name="Edit").click()
        open_details(page, "label")
        field = page.locator("#w-label")
        field.locator("input[name='s:value']").fill("Garden lights")
        shot(page, "06-label-field", field)
        field.get_by_role("button", name="Save", exact=True).click()
        assert page.locator(".sa-notice.sa-done").inner_text() == "Field saved"
        fits(page)

        # preview the draft at phone and desktop widths
        page.get_by_role("link", name="Preview draft").first.click()
        frame = page.frame_locator(".sa-frame-phone iframe")
        frame.locator("text=Garden lights").wait_for()
        assert frame.locator(".sk-pi-switch", has_text="Pump").count() == 1
        assert "47.5" in frame.locator(".sk-pi-value", has_text="CPU").inner_text()
        fits(page)
        frame.locator(".sk-pi-switch", has_text="Pump").scroll_into_view_if_needed()
        shot(page, "07-preview", page.locator(".sa-frame-phone"))
        assert "Garden lights" not in context.request.get(f"{base}/control").text()      # not live yet

        # publish
        page.click("nav.sa-bottom >> text=Publish")
        assert "no errors" in page.content()
        page.fill("input[name=note]", "pump switch and CPU reading")
        fits(page)
        shot(page, "08-publish", page.locator("text=Publish the draft"))
        page.click("button:has-text('Publish now')")
        page.wait_for_url(f"{base}/skiadmin/history")
        assert "Published: the live site now shows the new version" in page.content()
        fits(page)
        shot(page, "09-history")

        # the admin's screens raised no errors (the preview's sandbox blocks the page's own scripts,
        # and the built-in login page has no icon, so the browser asked for /favicon.ico)
        errors = [e for e in page.skipole_errors if "sandboxed" not in e and "/favicon.ico" not in e]
        assert not errors, errors
        page.skipole_errors.clear()

        # the live control page shows them, and the new Switch switches relay1's pin
        page.goto(f"{base}/control")
        page.wait_for_function("document.documentElement.dataset.skipole === 'ready'")
        switch = page.locator(".sk-pi-switch", has_text="Pump")
        assert switch.count() == 1
        assert page.locator(".sk-pi-switch", has_text="Garden lights").count() == 1
        assert "47.5" in page.locator(".sk-pi-value", has_text="CPU").inner_text()
        assert rig.hardware.get("relay1") is False and rig.pin_level("relay1") is True     # active low: off = high
        switch.locator("button").click()
        page.wait_for_function("document.querySelector('.sk-pi-switch[data-state=on] .sk-pi-label, "
                               ".sk-pi-switch[data-state=on]') !== null")
        assert rig.hardware.get("relay1") is True and rig.pin_level("relay1") is False
        shot(page, "10-live-control", switch)
        shot(page, "11-live-cpu", page.locator(".sk-pi-value", has_text="CPU"))
        assert not page.skipole_errors, page.skipole_errors

        # revert: one click in the History brings the page as it was
        page.goto(f"{base}/skiadmin/history")
        found = page.locator("li.sa-entry", has_text="Found on disk")
        found.locator("button", has_text="Go back to").click()
        page.wait_for_url(f"{base}/skiadmin/history")
        assert "shows version" in page.content()
        fits(page)
        shot(page, "12-reverted")
        page.goto(f"{base}/control")
        assert page.locator(".sk-pi-switch", has_text="Pump").count() == 0
        assert page.locator(".sk-pi-switch", has_text="Garden lights").count() == 0
        assert page.locator(".sk-pi-value", has_text="CPU").count() == 0
    finally:
        context.close()
