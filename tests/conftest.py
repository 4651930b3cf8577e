"""Shared pytest fixtures: where the shared legacy fixtures live, temporary state directories."""

import os
import pathlib
import shutil

import pytest

REPO = pathlib.Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
LEGACY = SHARED / "fixtures" / "legacy"
LEGACY_EXPECTED = SHARED / "fixtures" / "legacy-expected"
CATALOGUE = SHARED / "spec" / "widget-catalogue.txt"


def need(path):
    """Skip, with the reason, when a file from ../shared is not beside this checkout."""
    if not path.exists():
        pytest.skip(f"{path} is not present (it lives in ../shared beside the checkout)")
    return path


@pytest.fixture
def legacy_dir():
    """The legacy project files, read in place (never copied into the repository)."""
    return need(LEGACY)


# ---- the one headless Chromium every browser test shares -------------------------------------

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required",
                 "--mute-audio"]
INSTALL = ("The browser tests need Debian's Chromium and the Playwright package: "
           "`apt-get install -y chromium` and `pip install playwright` (scripts/run-tests installs both; "
           "Playwright's own browser download is not used).")


def _chromium():
    path = os.environ.get("SKIPOLE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail(f"Chromium was not found at {path}. {INSTALL}", pytrace=False)
    return path


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's, through Playwright) for the whole test session.

    Playwright's sync API allows one instance per thread, so every suite must use this one.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"Playwright is not installed. {INSTALL}", pytrace=False)
    executable = _chromium()
    with sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        except Exception as exc:  # noqa: BLE001 - any launch failure gets the install hint
            pytest.fail(f"Chromium could not be started ({exc}). {INSTALL}", pytrace=False)
        try:
            yield b
        finally:
            b.close()
