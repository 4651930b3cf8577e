"""projects/build.py makes the appliances' data/ folders: the files in the repository are what
it makes, and making them twice gives the same bytes (nothing is written here)."""

import importlib.util
import json

import pytest
from appliance_helpers import NAMES, PROJECTS

from skipole.checks import check_project


def _builder():
    spec = importlib.util.spec_from_file_location("appliance_build", PROJECTS / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_data_folders_are_what_build_py_makes():
    build = _builder()
    assert build.build(check=True) == [], "run: python3 projects/build.py"
    assert build.rendered("pi02") == build.rendered("pi02")


@pytest.mark.parametrize("name", NAMES)
def test_skipole_check_finds_no_problem(name):
    problems = check_project(str(PROJECTS / name))
    assert problems == []


@pytest.mark.parametrize("name", NAMES)
def test_each_project_is_complete(name):
    project = PROJECTS / name
    for path in ("data/project.json", "data/defaults.json", "data/textblocks_json/en.json",
                 "hardware.toml", f"code/{name}.py", "code/__main__.py", "static/icon.svg"):
        assert (project / path).is_file(), path
    data = json.loads((project / "data" / "project.json").read_text())
    assert data["specialpages"]["login"] and data["specialpages"]["appliance_css"]
