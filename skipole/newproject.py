"""``skipole new``: create a ready-to-run project directory.

The project has a home page, the system labels pointing at the static library, a ``code``
folder whose ``__main__.py`` serves it (``python3 PROJECTFILES/NAME/code``), a hooks module
``NAME.py`` to edit, and a ``.gitignore`` that keeps the state directory out of version control.
"""

import json
import os
import re

from .atomic import write_json, write_text

__all__ = ["create_project", "RESERVED_NAMES"]

RESERVED_NAMES = {"new", "serve", "passwd", "check", "reset", "help", "version", "lib", "skis", "skiadmin", "api"}


def _home_page():
    head = ["Part", {"tag_name": "head", "brief": "page head", "show": True, "hide_if_empty": False, "parts": [
        ["ClosedPart", {"tag_name": "meta", "brief": "charset", "show": True, "attribs": {"charset": "utf-8"}}],
        ["ClosedPart", {"tag_name": "meta", "brief": "viewport", "show": True,
                        "attribs": {"name": "viewport", "content": "width=device-width, initial-scale=1"}}],
        ["Part", {"tag_name": "title", "brief": "title", "show": True, "hide_if_empty": False,
                  "parts": [["Text", "Home"]]}],
        ["ClosedPart", {"tag_name": "link", "brief": "stylesheet", "show": True,
                        "attribs": {"rel": "stylesheet", "href": "{skipole_css}"}}]]}]
    body = ["Part", {"tag_name": "body", "brief": "page body", "show": True, "hide_if_empty": False, "parts": [
        ["Part", {"tag_name": "main", "brief": "content", "show": True, "hide_if_empty": False,
                  "attribs": {"class": "sk-page"}, "parts": [
                      ["Widget", {"class": "error_messages.ErrorPara", "name": "top_error",
                                  "brief": "shows errors", "fields": {"hide": True}}],
                      ["Widget", {"class": "headers.HeadText", "name": "title", "brief": "page heading",
                                  "fields": {"tag": "h1", "large_text": "It works"}}],
                      ["Widget", {"class": "paras.ParaText", "name": "greeting", "brief": "a paragraph",
                                  "fields": {"para_text": "This page is served by skipole. Edit it in skiadmin "
                                             "(skipole serve --dev) or in data/project.json."}}]]}]]}]
    return {"ident": 1, "brief": "Home page", "TemplatePage": {
        "show_backcol": False, "last_scroll": False, "interval": 0, "interval_target": "", "lang": "en",
        "backcol": "", "default_error_widget": ["", "top_error"]}, "head": head, "body": body}


def project_data(name):
    """The project.json content of a new project."""
    labels = {"home": 1, "general_json": 2}
    for label in ("url_not_found", "validate_error", "server_error", "redirector", "no_javascript"):
        labels[label] = f"skis,{label}"
    return {"url": "/", "default_language": "en", "brief": f"{name} project", "version": "0.0.1",
            "skipole": "5.6.3", "specialpages": labels, "sections": {},
            "RootFolder": {"brief": "site root", "default_page_name": "index", "restricted": False,
                           "folders": {}, "pages": {
                               "index": _home_page(),
                               "general_json": {"ident": 2, "brief": "JSON page for updates",
                                                "JSON": {"content": {}, "enable_cache": False}}}}}


_HOOKS = '''"""{name}: the code of the {name} skipole project.

skipole calls these three functions on every request; edit them to add your behaviour.
See the tutorial in skipole's docs (docs/tutorial.md).
"""

from skipole import FailPage, GoTo, PageData, ServerError, use_submit_list  # noqa: F401

proj_data = {{}}


def start_call(called_ident, skicall):
    """Called first: return the ident (or label, or URL) of the page to go to, None for 404."""
    return called_ident


@use_submit_list
def submit_data(skicall):
    """Called by responders; skicall.submit_list says which one and why."""
    return None


def end_call(page_ident, page_type, skicall):
    """Called last, before the page is filled; set values with skicall.update(PageData())."""
    return None
'''

_MAIN = '''"""Serve the {name} project for development: python3 {name}/code [--port 8000] [--host 127.0.0.1]

Development mode: skiadmin on, debug pages for loopback clients, and a one-time admin
password printed on first start.  For production use `skipole serve` or the Debian package.
"""

import os
import sys

from skipole.cli import main

PROJECTDIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

if __name__ == "__main__":
    sys.exit(main(["serve", PROJECTDIR, "--dev"] + sys.argv[1:]))
'''


def create_project(name, projectfiles):
    """Create ``projectfiles/name``; raises ValueError for a bad name, FileExistsError if present."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", name or ""):
        raise ValueError(f"{name!r}: a project name is letters and digits, starting with a letter")
    if name.lower() in RESERVED_NAMES:
        raise ValueError(f"{name!r} is a reserved name, choose another")
    projectdir = os.path.join(os.path.abspath(projectfiles), name)
    if os.path.exists(projectdir):
        raise FileExistsError(f"{projectdir} already exists")
    for sub in ("data/textblocks_json", "static", "code"):
        os.makedirs(os.path.join(projectdir, sub))
    write_json(os.path.join(projectdir, "data", "project.json"), project_data(name))
    write_json(os.path.join(projectdir, "data", "defaults.json"),
               {"backcol": "", "body_class": "", "css_links": ["skipole_css"], "js_links": [], "widgets": {}})
    write_text(os.path.join(projectdir, "data", "textblocks_json", "en.json"), json.dumps({}, indent=2))
    write_text(os.path.join(projectdir, "code", f"{name}.py"), _HOOKS.format(name=name))
    write_text(os.path.join(projectdir, "code", "__main__.py"), _MAIN.format(name=name))
    write_text(os.path.join(projectdir, ".gitignore"), "state/\n__pycache__/\n")
    return projectdir
