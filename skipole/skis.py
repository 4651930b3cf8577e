"""The static library application (``skis``), conventionally mounted at ``/lib``.

It serves our own client library (vanilla JavaScript, no jQuery), stylesheets and icons
from ``skipole/static``, and the system pages other projects point their labels at
(``skis,url_not_found``, ``skis,server_error``, ...).  The ``jquery_core`` label of legacy
projects resolves to a small file of ours: jQuery is not shipped.
"""

import os

from .widgets.base import WIDGET_MODULES

__all__ = ["makeapp", "library_url", "STATIC_DIR", "LIBRARY_FILES"]

STATIC_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")

#: label → path of the file under the library URL
LIBRARY_FILES = {
    "skipole_js": "skipole.js",
    "jquery_core": "jquery-compat.js",
    "ski_basic": "validators/basic.js",
    "ski_paths": "validators/paths.js",
    "w3_css": "css/w3.css",
    "skipole_css": "css/skipole.css",
    "live_js": "live.js",
}
# the legacy theme labels: the w3-theme-* colours live in our w3.css compatibility layer
LIBRARY_FILES.update({f"theme{n}_css": "css/w3.css" for n in range(1, 5)})
LIBRARY_FILES.update({f"ski_{m}": f"widgets/{m}.js" for m in WIDGET_MODULES + ("pi",)})


def library_url(lib_url, label):
    """The URL of a library label's file when the library is mounted at ``lib_url``."""
    path = LIBRARY_FILES.get(label)
    return f"{lib_url.rstrip('/')}/{path}" if path else ""


def _template(num, title, body_parts, error_widget):
    head = ["Part", {"tag_name": "head", "show": True, "parts": [
        ["ClosedPart", {"tag_name": "meta", "attribs": {"charset": "utf-8"}}],
        ["ClosedPart", {"tag_name": "meta", "attribs": {"name": "viewport",
                                                        "content": "width=device-width, initial-scale=1"}}],
        ["Part", {"tag_name": "title", "parts": [["Text", title]]}],
        ["ClosedPart", {"tag_name": "link", "attribs": {"rel": "stylesheet", "href": "{skipole_css}"}}],
    ]}]
    body = ["Part", {"tag_name": "body", "show": True, "parts": [
        ["Part", {"tag_name": "main", "attribs": {"class": "sk-page sk-system"}, "parts": body_parts}]]}]
    return {"ident": num, "brief": title, "TemplatePage": {"lang": "en", "default_error_widget": ["", error_widget]},
            "head": head, "body": body}


def _message_widget(name, text=""):
    return ["Widget", {"class": "paras.DivPara", "name": name, "brief": "message",
                       "fields": {"para_text": text, "pre_line": True, "error_class": "sk-error"}}]


def _project_data():
    pages, folders, labels = {}, {}, {}
    num = 100
    # static files: one FilePage per library file, grouped in folders as their paths say
    page_of = {}
    for label, rel in LIBRARY_FILES.items():
        if rel in page_of:                   # several labels may name one file
            labels[label] = page_of[rel]
            continue
        num += 1
        page_of[rel] = num
        folder, _, name = rel.rpartition("/")
        container = pages if not folder else folders.setdefault(folder, {
            "ident": 1000 + len(folders), "brief": f"{folder} files", "default_page_name": "",
            "restricted": False, "folders": {}, "pages": {}})["pages"]
        container[name] = {"ident": num, "brief": label,
                           "FilePage": {"filepath": os.path.join("static", rel), "enable_cache": True}}
        labels[label] = num
    system = {
        "url_not_found": _template(10, "Page not found", [
            ["Part", {"tag_name": "h1", "parts": [["Text", "404 Not Found"]]}],
            ["Part", {"tag_name": "p", "parts": [["Text", "The page:"]]}],
            _message_widget("url"),
            ["Part", {"tag_name": "p", "parts": [["Text", "has not been found at this site."]]}]], "url"),
        "validate_error": _template(11, "Invalid request", [
            ["Part", {"tag_name": "h1", "parts": [["Text", "Invalid request"]]}],
            _message_widget("message1", "Your request could not be accepted.")], "message1"),
        "server_error": _template(12, "Server error", [
            ["Part", {"tag_name": "h1", "parts": [["Text", "Server error"]]}],
            _message_widget("message1", "The server could not complete this request.")], "message1"),
        "no_javascript": _template(13, "JavaScript needed", [
            ["Part", {"tag_name": "h1", "parts": [["Text", "This action needs JavaScript"]]}],
            _message_widget("message1", "Please use the page's form or link instead, or enable JavaScript.")],
            "message1"),
        "redirector": _template(14, "Redirect", [
            ["Part", {"tag_name": "h1", "parts": [["Text", "This page has moved"]]}],
            _message_widget("message1")], "message1"),
        "general_json": {"ident": 15, "brief": "empty JSON page", "JSON": {"content": {}, "enable_cache": False}},
    }
    folders["system"] = {"ident": 20, "brief": "system pages (labels point here)", "default_page_name": "",
                         "restricted": False, "folders": {}, "pages": system}
    for name, page in system.items():
        labels[name] = page["ident"]
    return {"url": "/lib", "default_language": "en", "brief": "skipole static library", "version": "",
            "skipole": "5.6.3", "specialpages": labels, "sections": {},
            "RootFolder": {"brief": "library", "default_page_name": "", "restricted": False,
                           "folders": folders, "pages": pages}}


def makeapp(**settings):
    """A new static library application (``proj_ident`` ``skis``), to mount with
    ``root.add_project(skis.makeapp(), url="/lib")``."""
    from .application import WSGIApplication
    from .project.model import Project
    package_dir = os.path.dirname(os.path.abspath(__file__))
    model = Project("skis", "skis", package_dir, _project_data(), {}, {})
    return WSGIApplication("skis", package_dir, {}, url="/lib", model=model, **settings)
