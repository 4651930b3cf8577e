"""use_submit_list: a responder's submit_list names the function to call, however the hooks module
was imported (as ``waitress-serve mod:application`` does: a plain top-level import)."""

import importlib
import sys
import textwrap

import pytest
from projects import Client, para, project_data, responder, template, write_project

HOOKS = '''
from skipole import WSGIApplication, use_submit_list


@use_submit_list
def submit_data(skicall):
    skicall.page_data["result", "para_text"] = "plain submit_data"


application = WSGIApplication("testproj", {projectfiles!r}, submit_data=submit_data)
'''

CONTROL = '''
def set_output(skicall):
    skicall.page_data["result", "para_text"] = "called " + __name__ + ".set_output"
'''


@pytest.fixture
def clean_modules():
    """Forget the modules a test imports, so that tests do not see each other's code."""
    before = set(sys.modules)
    yield
    for name in set(sys.modules) - before:
        del sys.modules[name]


def write(path, content):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(content))


def project(tmp_path, submit_list):
    projectfiles = tmp_path / "projectfiles"
    pages = {"done": template(5, para("result", "initial"), title="done"),
             "go": responder(100, "SubmitData", target=5, submit_list=submit_list)}
    write_project(projectfiles, "testproj", project_data(pages=pages))
    return projectfiles


def result_text(client):
    result = client.get("/go")
    assert result.code == 200, f"{result.status}: {result.text[-400:]}"
    text = result.text
    start = text.index('<p id="result">') + len('<p id="result">')
    return text[start:text.index("</p>", start)]


def test_top_level_module_with_a_sibling_package(tmp_path, monkeypatch, clean_modules):
    """code/ on sys.path holds spmodone.py and the package picodeone/ (the CLI's layout)."""
    projectfiles = project(tmp_path, ["picodeone", "control", "set_output"])
    code = tmp_path / "code"
    write(code / "spmodone.py", HOOKS.format(projectfiles=str(projectfiles)))
    write(code / "picodeone" / "__init__.py", "")
    write(code / "picodeone" / "control.py", CONTROL)
    monkeypatch.syspath_prepend(str(code))
    module = importlib.import_module("spmodone")            # waitress-serve spmodone:application
    assert result_text(Client(module.application)) == "called picodeone.control.set_output"


def test_hooks_in_a_package_with_the_functions_inside_it(tmp_path, monkeypatch, clean_modules):
    """A package spmodtwo/ whose __init__ defines submit_data; submit_list names spmodtwo/picode/control."""
    projectfiles = project(tmp_path, ["picode", "control", "set_output"])
    write(tmp_path / "spmodtwo" / "__init__.py", HOOKS.format(projectfiles=str(projectfiles)))
    write(tmp_path / "spmodtwo" / "picode" / "__init__.py", "")
    write(tmp_path / "spmodtwo" / "picode" / "control.py", CONTROL)
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("spmodtwo")             # waitress-serve spmodtwo:application
    assert result_text(Client(module.application)) == "called spmodtwo.picode.control.set_output", (
        "skipole 5.x imports the submit_list module relative to the package defining submit_data; "
        "skipole/__init__.py use_submit_list only tries the parent package of that module")


def test_hooks_module_inside_a_package(tmp_path, monkeypatch, clean_modules):
    """spmodthree/hooks.py defines submit_data; submit_list names spmodthree/picode/control."""
    projectfiles = project(tmp_path, ["picode", "control", "set_output"])
    write(tmp_path / "spmodthree" / "__init__.py", "")
    write(tmp_path / "spmodthree" / "hooks.py", HOOKS.format(projectfiles=str(projectfiles)))
    write(tmp_path / "spmodthree" / "picode" / "__init__.py", "")
    write(tmp_path / "spmodthree" / "picode" / "control.py", CONTROL)
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("spmodthree.hooks")     # waitress-serve spmodthree.hooks:application
    assert result_text(Client(module.application)) == "called spmodthree.picode.control.set_output"


def test_a_short_submit_list_calls_submit_data_itself(tmp_path, monkeypatch, clean_modules):
    projectfiles = project(tmp_path, ["just", ])
    write(tmp_path / "code" / "spmodfour.py", HOOKS.format(projectfiles=str(projectfiles)))
    monkeypatch.syspath_prepend(str(tmp_path / "code"))
    module = importlib.import_module("spmodfour")
    assert result_text(Client(module.application)) == "plain submit_data"


@pytest.mark.parametrize("submit_list", [["nosuchpackage", "control", "set_output"],
                                         ["picodefive", "control", "no_such_function"]])
def test_a_wrong_submit_list_is_a_server_error(tmp_path, monkeypatch, clean_modules, submit_list):
    projectfiles = project(tmp_path, submit_list)
    code = tmp_path / "code"
    write(code / "spmodfive.py", HOOKS.format(projectfiles=str(projectfiles)))
    write(code / "picodefive" / "__init__.py", "")
    write(code / "picodefive" / "control.py", CONTROL)
    monkeypatch.syspath_prepend(str(code))
    module = importlib.import_module("spmodfive")
    result = Client(module.application).get("/go")
    assert result.code == 500
    assert "<title>server_error</title>" in result.text
