"""Shared pytest fixtures: where the shared legacy fixtures live, temporary state directories."""

import pathlib

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
