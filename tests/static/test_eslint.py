"""The compatibility lint of the browser library: eslint with eslint-plugin-compat over
skipole/static, against the browserslist targets in package.json (last 2 Safari and iOS
versions, Firefox ESR, last 2 Chrome versions).

scripts/run-tests runs ``npm ci`` first; when ``node_modules`` is missing this test runs it
itself (npm is needed, Debian's or Node's own)."""

import json
import pathlib
import shutil
import subprocess

REPO = pathlib.Path(__file__).resolve().parents[2]
TARGETS = ["last 2 Safari major versions", "last 2 iOS major versions", "Firefox ESR", "last 2 Chrome versions"]


def _eslint():
    binary = REPO / "node_modules" / ".bin" / "eslint"
    if not binary.exists():
        npm = shutil.which("npm")
        assert npm, "npm is needed for the JavaScript compatibility lint (Node.js 20 with npm)"
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=REPO, capture_output=True, text=True,
                              timeout=600)
        assert done.returncode == 0, f"npm ci failed:\n{done.stdout}\n{done.stderr}"
    assert binary.exists(), "npm ci did not install eslint"
    return binary


def test_package_json_names_the_browser_targets():
    package = json.loads((REPO / "package.json").read_text())
    assert package["browserslist"] == TARGETS
    assert {"eslint", "eslint-plugin-compat"} <= set(package["devDependencies"])
    lock = json.loads((REPO / "package-lock.json").read_text())
    assert lock["packages"][""]["devDependencies"] == package["devDependencies"]


def test_the_browser_library_passes_the_compatibility_lint():
    result = subprocess.run([str(_eslint()), "--max-warnings", "0", "skipole/static"], cwd=REPO,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"eslint reported:\n{result.stdout}\n{result.stderr}"


def test_the_lint_catches_an_unsupported_api():
    """The compat rule is live: an API missing from Safari and Firefox is reported."""
    probe = '(function () {\n  "use strict";\n  navigator.serial.requestPort();\n}());\n'
    result = subprocess.run([str(_eslint()), "--stdin", "--stdin-filename", "skipole/static/probe.js"], cwd=REPO,
                            input=probe, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0 and "compat/compat" in result.stdout, result.stdout + result.stderr
