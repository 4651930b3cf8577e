"""The gallery's pages in a real browser: scripts ran, no console errors, every named widget has
its client object, and the pages are usable on a phone (360 x 640: no sideways scrolling).

The phone test writes a full-page screenshot of each page to ``test-artifacts/gallery/``.
"""

import pytest

from skipole.gallery import FORM_URL, gallery_widgets, module_url
from skipole.widgets.base import WIDGET_MODULES

pytestmark = pytest.mark.browser

PAGES = [("index", "/"), ("form", FORM_URL)] + [(m, module_url(m)) for m in WIDGET_MODULES]

CLIENT_OBJECTS = """() => {
  const page = JSON.parse(document.querySelector('script[data-skipole="page"]').textContent);
  return page.widgets.map(([id, module, cls]) => {
    const w = SKIPOLE.widgets[id], classes = SKIPOLE.classes[module] || {};
    const proto = w && Object.getPrototypeOf(w);
    return {id, module, cls, exists: !!w, element: !!(w && w.el && w.el === document.getElementById(id)),
            own: !!proto && (proto === classes[cls] || proto === classes["*"]),
            generic: !!proto && proto === SKIPOLE.Widget};
  });
}"""


@pytest.mark.parametrize(("label", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_page_scripts_run_without_console_errors(fresh_page, label, path):
    page = fresh_page(path)
    assert page.evaluate("document.documentElement.dataset.skipole") == "ready"
    page.wait_for_load_state("load")
    assert page.evaluate("window.SKIPOLE_ERRORS") == []
    assert page.skipole_errors == [], page.skipole_errors


@pytest.mark.parametrize("module", WIDGET_MODULES)
def test_every_named_widget_has_its_client_object(gallery_page, module):
    page = gallery_page(module)
    found = page.evaluate(CLIENT_OBJECTS)
    by_id = {f["id"]: f for f in found}
    for name, _cls in gallery_widgets(module):
        assert name in by_id, f"{module}.{name} is not listed in the page's widget data"
    for f in found:
        assert f["exists"], f"SKIPOLE.widgets[{f['id']!r}] is missing"
        assert f["element"], f"the client object of {f['id']} has no element"
        assert f["own"] and not f["generic"], \
            f"{f['id']} ({f['module']}.{f['cls']}) uses no client class of widgets/{f['module']}.js"


@pytest.mark.parametrize(("label", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_page_fits_a_phone_screen(fresh_page, artifacts, label, path):
    page = fresh_page(path, phone=True)
    page.wait_for_load_state("load")
    sizes = page.evaluate("""() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
      wide: Array.from(document.querySelectorAll('main *')).filter((e) => {
        const r = e.getBoundingClientRect(); return r.right > window.innerWidth + 1 && !e.closest('.gallery-widget');
      }).slice(0, 5).map((e) => e.tagName + '#' + (e.id || '') + '.' + e.className)})""")
    page.screenshot(path=str(artifacts / f"{label}.png"), full_page=True)
    assert sizes["scroll"] <= sizes["inner"], f"{path} scrolls sideways at 360px: {sizes}"
    assert page.skipole_errors == [], page.skipole_errors
