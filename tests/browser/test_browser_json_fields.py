"""Every JSON-settable field of every catalogue widget, updated through a JSON reply, changes the page.

One generated test per (widget, field): on the module's gallery page the test calls the
module's JSON responder through ``SKIPOLE.send`` (``?widget=NAME&field=FIELD``); the server
replies ``{"NAME:FIELD": value}`` with the gallery's update value and the client library
applies it.  For a field that shows something, what the page shows (layout, computed
styles, texts, control states, SVG geometry of the widget and the elements its settings
name) must change; for a data field (hidden inputs, link parameters, storage keys,
drag-and-drop values) the DOM must change.  No console error may be logged.  Afterwards
the sample value is applied again (``SKIPOLE.setfields``) so the next test starts from the
gallery's own state; ``tests/gallery`` checks the responder's ``mode=restore`` answers.
"""

import pathlib
import re

import pytest

from skipole.gallery import gallery_widgets, is_data_field, json_fields, json_url, restore_value
from skipole.widgets.base import WIDGET_MODULES

pytestmark = pytest.mark.browser


def _cases():
    for module in WIDGET_MODULES:
        for name, cls in gallery_widgets(module):
            for field in json_fields(cls):
                yield pytest.param(module, name, field, id=f"{module}.{name}:{field}")


CASES = list(_cases())

SEND = """async ([url, id, mode]) => {
  const before = {dom: window.__gallery.dom(id), visual: window.__gallery.visual(id)};
  const reply = await SKIPOLE.send(url, null, {method: "GET"});
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const after = {dom: window.__gallery.dom(id), visual: window.__gallery.visual(id)};
  return {before, after, reply};
}"""


def _send(page, module, name, field, mode="update"):
    url = f"{json_url(module)}?widget={name}&field={field}&mode={mode}"
    return page.evaluate(SEND, [url, name, mode])


CATALOGUE = pathlib.Path(__file__).resolve().parents[3] / "shared" / "spec" / "widget-catalogue.txt"


def _catalogue_j_fields():
    """{(module, class, field)} of the fields the catalogue marks J (read from ../shared when it is
    there, else from the widget classes, which tests/widgets checks against the catalogue)."""
    found = set()
    if CATALOGUE.exists():
        for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
            m = re.match(r"^(\w+)\.(\w+) \[[^\]]*\] ?(.*)$", line)
            if not m:
                continue
            for spec in filter(None, (s.strip() for s in m.group(3).split(","))):
                bits = spec.split(":")
                if len(bits) == 4 and "J" in bits[3]:
                    found.add((m.group(1), m.group(2), bits[0]))
        return found
    for module in WIDGET_MODULES:
        for name, cls in gallery_widgets(module):
            found.update((module, name, f) for f in json_fields(cls)
                         if f not in ("widget_class", "widget_style", "show_error", "clear_error"))
    return found


def test_every_field_the_catalogue_marks_J_has_a_generated_test():
    tested = {tuple(c.values) for c in CASES}
    wanted = _catalogue_j_fields()
    assert len(wanted) > 400
    missing = sorted(wanted - tested)
    assert not missing, f"no browser test for {missing}"
    # and every widget's common JSON fields
    for module in WIDGET_MODULES:
        for name, _cls in gallery_widgets(module):
            assert (module, name, "widget_class") in tested and (module, name, "widget_style") in tested


@pytest.mark.parametrize(("module", "name", "field"), CASES)
def test_json_update_changes_the_page(gallery_page, module, name, field):
    page = gallery_page(module)
    errors_before = len(page.skipole_errors)
    assert page.evaluate("(id) => !!document.getElementById(id)", name), f"{name} is not on the page"
    if field == "clear_error":
        shown = _send(page, module, name, "show_error")
        assert shown["reply"] and f"{name}:show_error" in shown["reply"]
    try:
        result = _send(page, module, name, field)
        assert result["reply"] and f"{name}:{field}" in result["reply"], f"the server did not reply for {field}"
        if is_data_field(field, f"{module}.{name}"):
            assert result["after"]["dom"] != result["before"]["dom"], \
                f"{name}:{field} = {result['reply'][f'{name}:{field}']!r} did not change the DOM"
        else:
            assert result["after"]["visual"] != result["before"]["visual"], \
                f"{name}:{field} = {result['reply'][f'{name}:{field}']!r} did not change what the page shows"
        assert page.skipole_errors[errors_before:] == [], page.skipole_errors[errors_before:]
        library_errors = page.evaluate("window.SKIPOLE_ERRORS.splice(0)")
        assert library_errors == [], library_errors
    finally:
        # put the sample value back (straight into the library: the server's reply was tested)
        cls = dict(gallery_widgets(module))[name]
        page.evaluate("(reply) => SKIPOLE.setfields(reply)", {f"{name}:{field}": restore_value(cls, field)})
