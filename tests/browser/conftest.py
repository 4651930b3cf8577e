"""Browser test fixtures: the widget gallery served on 127.0.0.1, one headless Chromium per session.

The gallery (``skipole.gallery``) is written to a temporary directory and served by waitress
in a background thread on a free port.  Chromium is Debian's (``/usr/bin/chromium``, or
``$SKIPOLE_CHROMIUM``) driven through Playwright; Playwright's own browser download is never
used.  A missing browser or Playwright fails the tests with the command that installs it.

``gallery_page(module)`` loads a module's page and keeps it while the tests stay on that
module (one page per module); ``fresh_page(path)`` loads a page afresh.  Both reuse one
browser page (desktop or phone size): a navigation costs far less than a new page.  Every page records its
console errors and uncaught exceptions in ``page.skipole_errors``.
"""

import pathlib
import threading

import pytest
import waitress

from skipole.gallery import load_gallery

REPO = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "gallery"
from tests.conftest import CHROMIUM_ARGS, INSTALL  # noqa: E402,F401  (the shared browser lives there)

#: JavaScript run in every gallery page: snapshots of a widget (its element and the elements its
#: settings name) as the DOM holds it (``dom``) and as it is shown (``visual``).
SNAPSHOT_JS = r"""
window.__gallery = (function () {
  function related(id) {
    var w = window.SKIPOLE && SKIPOLE.widgets[id], out = [], el = document.getElementById(id);
    if (el) { out.push(el); }
    var values = [];
    (function collect(v) {
      if (typeof v === "string") { values.push(v); }
      else if (Array.isArray(v)) { v.forEach(collect); }
      else if (v && typeof v === "object") { Object.keys(v).forEach(function (k) { collect(v[k]); }); }
    }(w ? w.settings : null));
    values.forEach(function (s) {
      if (!/^[A-Za-z][\w\-]*$/.test(s)) { return; }
      var e = document.getElementById(s);
      if (e && !out.some(function (o) { return o === e || o.contains(e); })) { out.push(e); }
    });
    return out;
  }
  function controls(el) {
    var parts = [];
    var list = Array.prototype.slice.call(el.querySelectorAll("input,select,textarea,option,audio,video,progress"));
    if (el.matches("input,select,textarea,option,audio,video,progress")) { list.unshift(el); }
    list.forEach(function (c) {
      parts.push([c.tagName, c.name, c.value, c.checked, c.selected, c.disabled, c.paused, c.currentSrc].join("|"));
    });
    return parts.join("\n");
  }
  var PROPS = ["display", "visibility", "opacity", "color", "backgroundColor", "fontWeight", "fontStyle",
               "fontFamily", "fontSize", "textDecorationLine", "outlineStyle", "outlineColor", "outlineWidth",
               "borderLeftColor", "borderLeftWidth", "borderTopColor", "fill", "stroke", "strokeWidth",
               "transform", "whiteSpace"];
  function visual(id) {
    var out = [];
    function walk(el, origin, depth) {
      var cs = getComputedStyle(el);
      if (cs.display === "none") { out.push(depth + " " + el.tagName + " not displayed"); return; }
      if (el.tagName === "INPUT" && el.type === "hidden") { return; }
      var r = el.getBoundingClientRect();
      var rec = [depth, el.tagName, Math.round(r.left - origin.left), Math.round(r.top - origin.top),
                 Math.round(r.width), Math.round(r.height)];
      PROPS.forEach(function (p) { rec.push(cs[p]); });
      if (el instanceof SVGElement) {
        Array.prototype.forEach.call(el.attributes, function (a) { if (a.name !== "id") { rec.push(a.name + "=" + a.value); } });
      }
      if (/^(INPUT|SELECT|TEXTAREA|PROGRESS)$/.test(el.tagName)) {
        rec.push("value=" + el.value, "checked=" + el.checked, "disabled=" + el.disabled);
      }
      if (el.tagName === "IMG") { rec.push("src=" + el.currentSrc); }
      if (el.tagName === "AUDIO" || el.tagName === "VIDEO") {
        rec.push("paused=" + el.paused, "src=" + el.currentSrc, "controls=" + el.controls);
      }
      Array.prototype.forEach.call(el.childNodes, function (n) {
        if (n.nodeType === 3 && n.data.trim()) { rec.push("text=" + n.data.trim()); }
      });
      out.push(rec.join("|"));
      Array.prototype.forEach.call(el.children, function (c) { walk(c, origin, depth + 1); });
    }
    related(id).forEach(function (el) { walk(el, el.getBoundingClientRect(), 0); });
    return out.join("\n");
  }
  function dom(id) {
    return related(id).map(function (el) { return el.outerHTML + "\n" + controls(el); }).join("\n----\n");
  }
  return {related: related, visual: visual, dom: dom};
}());
"""


@pytest.fixture(scope="session")
def gallery_url(tmp_path_factory):
    """The base URL of the gallery served on 127.0.0.1 (a free port) for this session."""
    app = load_gallery(tmp_path_factory.mktemp("gallery"))
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    port = server.socket.getsockname()[1]
    thread = threading.Thread(target=server.run, name="gallery-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        for channel in list(server._map.values()):
            channel.close()
        server.close()
        thread.join(timeout=5)


def watch(page):
    """Record the page's console errors and uncaught exceptions in ``page.skipole_errors``."""
    errors = []

    def on_console(msg):
        if msg.type == "error":
            errors.append(f"console: {msg.text} ({msg.location.get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(f"pageerror: {exc}"))
    page.skipole_errors = errors
    return page


class Tab:
    """One browser page reused for many loads (a new page costs far more than a navigation)."""

    def __init__(self, context, base):
        self.page = watch(context.new_page())
        self.base = base
        self.path = None

    def open(self, path):
        """Load ``path`` afresh: the error record restarts, the library must reach 'ready'."""
        self.page.skipole_errors.clear()
        self.path = None
        self.page.goto(f"{self.base}{path}")
        wait_until(self.page, "document.documentElement.dataset.skipole === 'ready'", timeout=10)
        self.page.evaluate(SNAPSHOT_JS)
        self.path = path
        return self.page


def wait_until(page, expression, timeout=10.0):
    """Poll ``expression`` in the page until it is true.

    Playwright's ``wait_for_function`` compiles a string predicate with ``new Function`` in the
    page, which our Content-Security-Policy (rightly) forbids; ``evaluate`` goes through the
    DevTools protocol instead, so the page keeps its real CSP during the tests.
    """
    import time
    deadline = time.monotonic() + timeout
    while True:
        if page.evaluate(expression):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for: {expression}")
        page.wait_for_timeout(50)


PHONE = {"viewport": {"width": 360, "height": 640}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="session")
def desktop_tab(browser, gallery_url):
    context = browser.new_context(viewport={"width": 1000, "height": 800})
    yield Tab(context, gallery_url)
    context.close()


@pytest.fixture(scope="session")
def phone_tab(browser, gallery_url):
    context = browser.new_context(**PHONE)
    yield Tab(context, gallery_url)
    context.close()


@pytest.fixture
def gallery_page(desktop_tab):
    """``gallery_page(module)``: that module's gallery page; loaded once and kept while the tests
    stay on that module (one page per module)."""

    def get(module):
        path = f"/widgets/{module}"
        return desktop_tab.page if desktop_tab.path == path else desktop_tab.open(path)

    return get


@pytest.fixture
def fresh_page(desktop_tab, phone_tab):
    """``fresh_page(path, phone=False)``: ``path`` newly loaded (desktop, or a 360 x 640 phone)."""

    def load(path, *, phone=False):
        return (phone_tab if phone else desktop_tab).open(path)

    return load


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
