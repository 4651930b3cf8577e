"""The static library under skipole/static: every file the library serves exists, every
JavaScript file parses and stays within the page's strict CSP, the stylesheets are well
formed, and the core library behaves (run under Node.js in a small fake DOM)."""

import pathlib
import re
import shutil
import subprocess

import pytest

from skipole.skis import LIBRARY_FILES, STATIC_DIR
from skipole.widgets.base import widget_modules, widgets_in_module

STATIC = pathlib.Path(STATIC_DIR)
HERE = pathlib.Path(__file__).resolve().parent
JS_FILES = sorted(STATIC.rglob("*.js"))
CSS_FILES = sorted(STATIC.rglob("*.css"))


def _node():
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is needed to check the browser library (Debian package nodejs)"
    return node


def _strip_js_comments(text):
    """The code of a JS file without /* */ comments and whole-line // comments."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


def _strip_css_comments(text):
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def _id(path):
    return str(path.relative_to(STATIC))


# ---- the files exist ---------------------------------------------------------------------------

@pytest.mark.parametrize("label", sorted(LIBRARY_FILES))
def test_every_library_label_has_a_non_empty_file(label):
    path = STATIC / LIBRARY_FILES[label]
    assert path.is_file(), f"{label} → {path} is missing"
    assert path.stat().st_size > 0, f"{path} is empty"


@pytest.mark.parametrize("module", widget_modules())
def test_every_widget_module_has_a_client_file(module):
    path = STATIC / "widgets" / f"{module}.js"
    assert path.is_file() and path.stat().st_size > 0


@pytest.mark.parametrize("module", widget_modules())
def test_every_widget_class_has_a_client_class(module):
    """Each class of the module is named in its file, or the file defines a module default."""
    code = _strip_js_comments((STATIC / "widgets" / f"{module}.js").read_text())
    assert f'S.define("{module}"' in code, f"widgets/{module}.js defines nothing for {module}"
    if f'S.define("{module}", "*"' in code:
        return
    missing = [cls.__name__ for cls in widgets_in_module(module) if f'"{cls.__name__}"' not in code]
    assert not missing, f"widgets/{module}.js has no client class for {missing}"


def test_the_css_and_compat_files_exist():
    for rel in ("css/skipole.css", "css/w3.css", "jquery-compat.js", "validators/basic.js",
                "validators/paths.js", "skipole.js"):
        assert (STATIC / rel).is_file() and (STATIC / rel).stat().st_size > 0, rel


# ---- JavaScript -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", JS_FILES, ids=_id)
def test_javascript_parses(path):
    result = subprocess.run([_node(), "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


FORBIDDEN = [
    (re.compile(r"\beval\s*\("), "eval("),
    (re.compile(r"\bnew\s+Function\s*\("), "new Function("),
    (re.compile(r"document\s*\.\s*write"), "document.write"),
    (re.compile(r"\.\s*(inner|outer)HTML\s*\+?="), "innerHTML/outerHTML assignment"),
    (re.compile(r"insertAdjacentHTML"), "insertAdjacentHTML"),
    (re.compile(r"(^|[^\w.$])\$\s*\("), "jQuery $("),
    (re.compile(r"\bjQuery\b"), "jQuery"),
    (re.compile(r"\bset(Timeout|Interval)\s*\(\s*[\"'`]"), "string timer (eval)"),
    (re.compile(r"\.\s*on[a-z]+\s*=[^=]"), "on* handler property"),
    (re.compile(r"setAttribute\(\s*[\"']on", re.I), "inline handler attribute"),
]


@pytest.mark.parametrize("path", JS_FILES, ids=_id)
def test_javascript_stays_within_a_strict_csp(path):
    code = _strip_js_comments(path.read_text())
    found = [what for pattern, what in FORBIDDEN if pattern.search(code)]
    assert not found, f"{_id(path)} uses {found}"


def test_widget_files_use_the_shared_namespace_only():
    """Widget files wrap their code and define nothing global but through SKIPOLE."""
    for path in sorted((STATIC / "widgets").glob("*.js")):
        code = _strip_js_comments(path.read_text()).strip()
        assert code.startswith("(function (S) {") and code.endswith("}(window.SKIPOLE));"), _id(path)
        assert '"use strict";' in code, _id(path)


def test_the_core_is_idempotent_and_collects_errors():
    core = (STATIC / "skipole.js").read_text()
    assert "window.SKIPOLE_ERRORS" in core
    assert 'dataset.skipole = "ready"' in core
    assert "X-CSRF-Token" in core and 'credentials = "same-origin"' in core


def test_jquery_compat_defines_nothing():
    code = _strip_js_comments((STATIC / "jquery-compat.js").read_text()).strip()
    assert code == "", "jquery-compat.js is a comment only: jQuery is not shipped"


def test_the_core_behaves_in_a_fake_dom():
    """tests/static/core_smoke.js: setfields, special keys, send, refresh, errors, idempotency."""
    result = subprocess.run([_node(), str(HERE / "core_smoke.js")], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^\d+ passed, 0 failed$", result.stdout, re.M), result.stdout


# ---- CSS ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", CSS_FILES, ids=_id)
def test_css_braces_balance(path):
    text = _strip_css_comments(path.read_text())
    text = re.sub(r"\"[^\"]*\"|'[^']*'", "", text)
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0, f"{_id(path)}: a '}}' closes nothing"
    assert depth == 0, f"{_id(path)}: {depth} unclosed '{{'"
    assert text.count("{") > 10


@pytest.mark.parametrize("path", CSS_FILES, ids=_id)
def test_css_loads_nothing_from_elsewhere(path):
    text = _strip_css_comments(path.read_text())
    assert "@import" not in text
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", text), "no remote fonts or images"
    assert "expression(" not in text


def test_skipole_css_has_the_documented_parts():
    css = (STATIC / "css" / "skipole.css").read_text()
    for part in (".sk-page", ".sk-error", "[data-status=error]", "prefers-color-scheme: dark",
                 "overflow-x: auto", "--sk-tap: 44px"):
        assert part in css, part


def test_w3_compat_styles_the_classes_legacy_projects_use():
    css = (STATIC / "css" / "w3.css").read_text()
    for cls in ("w3-container", "w3-panel", "w3-section", "w3-button", "w3-bar", "w3-bar-item",
                "w3-sidebar", "w3-top", "w3-table", "w3-bordered", "w3-striped", "w3-red",
                "w3-green", "w3-theme", "w3-theme-d4", "w3-theme-l1", "w3-round", "w3-border",
                "w3-block", "w3-center", "w3-input", "w3-check", "w3-radio", "w3-select",
                "w3-card", "w3-hide", "w3-show", "w3-row", "w3-col", "w3-half", "w3-third",
                "w3-quarter", "w3-rest", "w3-mobile", "w3-modal", "w3-pale-red", "w3-margin-left"):
        assert re.search(r"\." + re.escape(cls) + r"(?![\w-])", css), cls
    for width in ("s1", "s12", "m6", "l3"):
        assert f".w3-col.{width} " in css, width


def test_w3_sidebar_is_in_the_flow_on_phones():
    """A legacy side bar with an inline width:20% must not make a phone page scroll sideways."""
    css = (STATIC / "css" / "w3.css").read_text()
    phone = re.search(r"@media \(max-width: 600px\) \{(.*?)\n\}", css, re.S)
    assert phone, "a max-width 600px block"
    block = phone.group(1)
    assert re.search(r"\.w3-sidebar \{[^}]*position: static[^}]*width: 100% !important", block)
    assert "margin-left: 0 !important" in block
