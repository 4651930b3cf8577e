"""Projects for the skiadmin tests (and bench/admin_publish.py), built in a temporary folder.

``small_project(tmp_path)`` writes a project with a template page, a responder, CSS, JSON,
SVG and File pages, a section, labels, TextBlocks and defaults, and returns its directory;
``new_store(tmp_path)`` opens an ``AdminStore`` on it.  ``big_project_data(n)`` is an
``n``-page project dict for timing publishes.
"""

import json
import pathlib

from skipole.admin import AdminStore
from tests.core.projects import (css_page, file_page, folder, form, json_page, para, placeholder, project_data,
                                 responder, section, template, text, text_input, textblock, widget,
                                 write_project)

NAME = "adminproj"


def small_data():
    """The project.json dict of the small test project (idents 1-20, system folder 900-904)."""
    pages = {
        "index": template(1, para("hello", "Hello"), text("h1", "Home"), placeholder("nav", "nav"),
                          textblock("greeting"), title="home"),
        "form": template(2, form("myform", 3, text_input("name")), title="form page"),
        "submit": responder(3, "AllowStore", target=1, fields={"name:input_text": ""}, submit_list=["x"]),
        "style.css": css_page(4, {"body": [["color", "black"]]}),
        "data.json": json_page(5, {"hello:para_text": "from json"}),
        "logo.svg": {"ident": 6, "brief": "svg", "SVG": {"width": "100", "height": "100", "css_list": [],
                                                          "enable_cache": False},
                     "svg": ["Part", {"tag_name": "svg", "brief": "", "show": True, "hide_if_empty": False,
                                      "attribs": {"xmlns": "http://www.w3.org/2000/svg"}, "parts": []}]},
        "readme.txt": file_page(7, f"{NAME}/static/readme.txt"),
    }
    folders = {"sub": folder(10, pages={"index": template(11, para("subpara", "In sub"), title="sub index"),
                                        "other": template(12, title="other")},
                             folders={"deep": folder(13, pages={"leaf": template(14, title="leaf")})})}
    sections = {"nav": section(para("status", "Status: ok"), widget("links.Link", "homelink", link_ident=1,
                                                                    content="Home"))}
    return project_data(pages=pages, folders=folders, sections=sections, labels={"home": 1, "formpage": 2})


def small_project(tmp_path, name=NAME):
    """Write the small project into ``tmp_path/projectfiles``; returns its directory."""
    projectfiles = pathlib.Path(tmp_path) / "projectfiles"
    projdir = write_project(projectfiles, name, small_data(),
                            textblocks={"en": {"greeting": "Hello there"}, "fr": {"greeting": "Bonjour"}},
                            static={"readme.txt": "read me\n"})
    (projdir / "data" / "defaults.json").write_text(json.dumps(
        {"backcol": "#ffffff", "body_class": "w3-theme", "css_links": ["w3_css"], "js_links": [],
         "widgets": {"paras": {"ParaText": {"widget_class": "w3-container"}}}}, indent=0))
    return projdir


def new_store(tmp_path, **kwargs):
    """An AdminStore on a fresh small project, with its state in ``tmp_path/state``."""
    projdir = small_project(tmp_path)
    return AdminStore(projdir, pathlib.Path(tmp_path) / "state", **kwargs)


def data_files(projdir):
    """``{relpath: bytes}`` of every file under ``projdir/data``."""
    base = pathlib.Path(projdir) / "data"
    return {str(p.relative_to(base)): p.read_bytes() for p in sorted(base.rglob("*")) if p.is_file()}


def big_project_data(n=500):
    """An ``n``-page project: templates with forms, links and a section, responders, CSS and JSON
    pages, spread over folders of 25 pages."""
    folders = {}
    labels = {}
    ident = 100
    for f in range(n // 25 + 1):
        pages = {}
        for i in range(25):
            k = f * 25 + i
            if k >= n:
                break
            ident += 1
            kind = k % 20
            if kind < 14:
                pages[f"page{k}"] = template(
                    ident, widget("headers.HeadText", "title", large_text=f"Page {k}", tag="h1"),
                    para(f"intro{k}", f"This is page number {k} of the generated project."),
                    form(f"form{k}", 1, text_input(f"in{k}", "value"), widget("inputforms.SubmitButton1", "go",
                                                                             closed=True, button_text="Go")),
                    widget("links.Link", f"home{k}", link_ident=1, content="Home"),
                    placeholder("nav", "nav"), textblock("greeting"), title=f"Generated page {k}")
            elif kind < 18:
                pages[f"resp{k}"] = responder(ident, "AllowStore", target=ident - 1, alternate=1,
                                              fields={f"in{k}:input_text": ""}, submit_list=["pkg", "mod", f"f{k}"],
                                              submit_option=True)
            elif kind == 18:
                pages[f"style{k}.css"] = css_page(ident, {f".c{k}": [["color", "red"], ["margin", "0"]]})
            else:
                pages[f"data{k}.json"] = json_page(ident, {f"intro{k}:para_text": "updated"})
            if k % 50 == 0:
                labels[f"label{k}"] = ident
        folders[f"folder{f}"] = folder(10_000 + f, pages=pages)
    sections = {"nav": section(para("status", "Status: ok"), widget("links.Link", "homelink", link_ident=1,
                                                                    content="Home"))}
    return project_data(folders=folders, sections=sections, labels=labels)


def big_project(tmp_path, n=500, name="bigproj"):
    """Write an ``n``-page project; returns its directory."""
    projectfiles = pathlib.Path(tmp_path) / "projectfiles"
    return write_project(projectfiles, name, big_project_data(n), textblocks={"en": {"greeting": "Hello"},
                                                                              "de": {"greeting": "Hallo"}})


def small_draft(tmp_path):
    """A DraftData of the small project (not saved anywhere)."""
    from skipole.admin.edits import DraftData
    from skipole.admin.storage import read_files
    projdir = small_project(tmp_path)
    return DraftData.from_files(read_files(projdir / "data"), NAME, projectfiles=str(projdir.parent))


def run(draft, op, **kwargs):
    """Apply edit operation ``op`` to ``draft`` and check the draft still loads."""
    from skipole.admin.edits import OPERATIONS
    result = OPERATIONS[op](draft, **kwargs)
    draft.check()
    return result


def find(draft, ident):
    """The raw dict of folder or page ``ident``."""
    from skipole.admin.edits import item_index
    return item_index(draft)[ident].raw


LONG_TEXT = "a long text " * 5000


def toggle(store, i):
    """Publish the other of two fixed versions (A, B) of the small project; every third time by
    reverting to the newest history entry that holds it.  Returns the version published."""
    import contextlib

    from skipole.admin import AdminError
    with contextlib.suppress(AdminError):
        store.discard_draft(store.version)
    brief = store.query("project_info")["result"]["brief"]
    target = "A" if brief == "version B" else "B"
    if i % 3 == 2:
        entry = next((e for e in store.history() if e["note"] == f"to {target}"), None)
        if entry is not None:
            store.revert(entry["id"], store.version, note=f"to {target}")
            return target
    v = store.version
    if target == "B":
        v = store.apply("set_project_brief", v, brief="version B")["version"]
        v = store.apply("set_textblock", v, textref="greeting", text="Hello B")["version"]
        v = store.apply("set_textblock", v, textref="long", text=LONG_TEXT)["version"]
        v = store.apply("set_textblock", v, textref="greeting", text="Bonjour B", language="de")["version"]
        v = store.apply("set_defaults", v, backcol="#000000")["version"]
    else:
        v = store.apply("set_project_brief", v, brief="version A")["version"]
        v = store.apply("set_textblock", v, textref="greeting", text="Hello A")["version"]
        v = store.apply("delete_textblock", v, textref="long")["version"]
        v = store.apply("delete_language", v, language="de")["version"]
        v = store.apply("set_defaults", v, backcol="#ffffff")["version"]
    store.publish(v, note=f"to {target}", by="looper")
    return target


def publish_loop(projdir, state_dir, method):
    """Run by the kill test in a subprocess: publish A and B alternately until killed."""
    import os
    import sys
    store = AdminStore(projdir, state_dir, commit_method=method or None)
    print(f"ready {os.getpid()}", flush=True)
    i = 0
    while True:
        target = toggle(store, i)
        i += 1
        sys.stdout.write(f"published {target}\n")
        sys.stdout.flush()


def zygote():
    """Run by the kill test in a subprocess: imports everything once, then on each ``go DIR
    STATE METHOD`` line from stdin forks a child running ``publish_loop`` (which prints
    ``ready PID``); ``wait`` reaps the last child and prints ``dead STATUS``.  Forking saves
    the interpreter's start-up time on every round."""
    import os
    import sys
    child = None
    for line in sys.stdin:
        words = line.split()
        if words[:1] == ["go"]:
            sys.stdout.flush()
            child = os.fork()
            if child == 0:
                try:
                    publish_loop(words[1], words[2], words[3])
                finally:
                    os._exit(1)
        elif words[:1] == ["wait"] and child:
            _pid, status = os.waitpid(child, 0)
            print(f"dead {status}", flush=True)
            child = None
        elif words[:1] == ["quit"]:
            break
