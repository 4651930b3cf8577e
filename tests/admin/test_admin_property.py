"""The draft stays a loadable project whatever operations are applied, with whatever arguments.

Thousands of operations with random (often wrong) arguments are applied to the small test
project: each either succeeds, or raises AdminError and leaves the draft unchanged; never
another exception.  After every one the draft passes ``check_project_data``, and at the end
it loads and every page renders through the real application.
"""

import inspect
import json
import random

import pytest

from skipole import WSGIApplication
from skipole.admin import AdminError
from skipole.admin.edits import OPERATIONS, QUERIES, item_index, tree_of, widget_class
from skipole.admin.storage import dumps_indent0
from skipole.project.loader import check_project_data
from skipole.widgets.base import widget_modules, widgets_in_module
from tests.admin.admin_helpers import small_draft
from tests.core.projects import Client

WIDGETS = [c.class_path() for m in widget_modules() for c in widgets_in_module(m)]
TEXTS = ["", "x", "Hello <b>there</b>", "ünïcødé ✓", "a" * 300, "line\nbreak", "{home}", "&nbsp;"]
NAMES = ["a", "b", "new_1", "index", "bad name", "", "x.y", "../up", "sub", "nav", "top_error", "hello"]
VALUES = ["x", "", 1, 0, -5, True, False, None, [], {}, ["a", "b"], [["a", "b"], ["c"]], {"k": "v"}, "2024-01-01",
          "12", "true", 1.5, "https://example.org/", 2]


class Fuzzer:
    def __init__(self, draft, seed):
        self.draft = draft
        self.rng = random.Random(seed)

    def pick(self, seq):
        return self.rng.choice(list(seq))

    def idents(self, folders=None):
        index = item_index(self.draft)
        if folders is None:
            return list(index)
        return [i for i, e in index.items() if e.is_folder == folders]

    def pages_of(self, kinds):
        index = item_index(self.draft)
        return [i for i, e in index.items() if e.kind in kinds]

    def tree_target(self):
        pages = self.pages_of(("TemplatePage", "SVG"))
        if self.draft.sections and self.rng.random() < 0.3:
            return None, self.pick(self.draft.sections)
        return self.pick(pages + [1, 1, 4]), None

    def locations(self, page, section, kinds=None):
        try:
            tree = tree_of(self.draft, page, section)
        except AdminError:
            return ["body-0"]
        locs = []
        for loc, node in tree.walk():
            s = "-".join(str(i) for i in loc)
            if kinds is not None:
                if node[0] in kinds and len(loc) > 1:
                    locs.append(s)
                continue
            locs.append(s)
            if node[0] in ("Part", "Section"):
                locs.append(f"{s}-{len(node[1].get('parts') or [])}")
            elif node[0] in ("Widget", "ClosedWidget"):
                locs.append(f"{s}-c0-0")
        if kinds is not None:
            return locs
        return locs + ["body-99", "head-0", "svg-0", "section-0", "garbage", "body-c0-0"]

    #: the kind of element an operation works on, for plausible locations
    NODE_KINDS = {"edit_placeholder": ("SectionPlaceHolder",), "edit_textblock_ref": ("TextBlock",),
                  "edit_text": ("Text", "HTMLSymbol", "Comment"), "edit_part": ("Part", "ClosedPart"),
                  "set_attribute": ("Part", "ClosedPart"), "delete_attribute": ("Part", "ClosedPart"),
                  "rename_widget": ("Widget", "ClosedWidget"), "set_widget_brief": ("Widget", "ClosedWidget"),
                  "set_widget_field": ("Widget", "ClosedWidget"), "reset_widget_field": ("Widget", "ClosedWidget"),
                  "set_widget_field_name": ("Widget", "ClosedWidget"), "add_validator": ("Widget", "ClosedWidget"),
                  "edit_validator": ("Widget", "ClosedWidget"), "remove_validator": ("Widget", "ClosedWidget"),
                  "move_validator": ("Widget", "ClosedWidget")}
    #: words in an operation's name and the page types it works on
    PAGE_KINDS = {"css": ("CSS",), "json": ("JSON",), "svg": ("SVG",), "file": ("FilePage",),
                  "responder": ("RespondPage",), "caller": ("RespondPage",), "submit": ("RespondPage",),
                  "template": ("TemplatePage",), "cache": ("CSS", "JSON", "SVG", "FilePage")}

    def args(self, func):
        params = list(inspect.signature(func).parameters.values())[1:]
        names = {p.name for p in params}
        fname = func.__name__
        plausible = self.rng.random() < 0.7
        kwargs = {}
        if "location" in names:
            page, section = self.tree_target()
            locs = self.locations(page, section, self.NODE_KINDS.get(fname) if plausible else None)
            if not locs:
                locs = self.locations(page, section)
            kwargs["page"], kwargs["section"] = page, section
            kwargs["location"] = self.pick(locs)
            if "to" in names:
                kwargs["to"] = self.pick(self.locations(page, section))
        for p in params:
            n = p.name
            if n in kwargs or p.kind == p.VAR_KEYWORD:
                continue
            if p.default is not p.empty and self.rng.random() < 0.4:
                continue
            kwargs[n] = self.value_for(n, kwargs)
        if "page" in names and "location" not in names:
            pool = self.idents(False) + [0, 9999, "home", "/sub/other"]
            if plausible:
                for word, kinds in self.PAGE_KINDS.items():
                    if word in fname and self.pages_of(kinds):
                        pool = self.pages_of(kinds)
            kwargs["page"] = self.pick(pool)
        if plausible:
            self.make_plausible(fname, kwargs)
        if fname in ("set_template_settings", "set_responder_args"):
            key = self.pick(["lang", "interval", "interval_target", "target_ident", "fail_ident", "submit_option",
                             "allowed_callers", "widgfield", "backcol", "default_error_widget"])
            kwargs[key] = self.pick(VALUES + [1, "home", ["", "top_error"]])
        return kwargs

    def make_plausible(self, fname, kwargs):
        """Replace some random values by ones that fit the operation."""
        draft = self.draft
        node = None
        if "validator" in fname and 2 in item_index(draft):
            try:
                if tree_of(draft, page=2).node("body-1-c0-0")[0] == "ClosedWidget":
                    kwargs.update(page=2, section=None, location="body-1-c0-0")
                    if fname == "add_validator":
                        kwargs.update(validator="basic.MaxLength", val_args={"maxlength": "5"})
            except AdminError:
                pass
        if "location" in kwargs:
            try:
                node = tree_of(draft, kwargs.get("page"), kwargs.get("section")).node(kwargs["location"])
            except AdminError:
                node = None
        if node is not None and node[0] in ("Widget", "ClosedWidget") and "field" in kwargs:
            try:
                table = widget_class(node[1]["class"]).field_table
            except KeyError:
                table = {}
            if "validator" in fname:
                valdt = [f for f, x in table.items() if x.valdt]
                if valdt:
                    kwargs["field"] = self.pick(valdt)
                    if fname != "add_validator":
                        kwargs["index"] = 0
                        if "to" in kwargs:
                            kwargs["to"] = 0
            elif table:
                kwargs["field"] = self.pick(table)
        if fname == "delete_attribute" and node is not None and node[0] != "Text" and node[1].get("attribs"):
            kwargs["name"] = self.pick(node[1]["attribs"])
        if fname == "insert_html_symbol":
            kwargs["text"] = self.pick(["&nbsp;", "&copy;", "&#169;"])
        if fname == "insert_section_placeholder" and draft.sections:
            kwargs["section_name"] = self.pick(draft.sections)
            kwargs["placename"] = f"p{self.rng.randrange(1000)}"
        if fname == "edit_placeholder" and draft.sections:
            kwargs["section_name"] = self.pick(draft.sections)
        if fname == "set_css_selector":
            kwargs["properties"] = [["color", self.pick(["red", "blue"])]]
            kwargs["selector"] = self.pick(["p", "h1", "body", "div.x"])
        if fname in ("move_css_selector", "delete_css_selector") and "page" in kwargs:
            entry = item_index(draft).get(kwargs["page"]) if isinstance(kwargs["page"], int) else None
            style = entry.raw.get("CSS", {}).get("style") if entry is not None and not entry.is_folder else None
            if style:
                kwargs["selector"] = self.pick(style)
                if fname == "move_css_selector":
                    kwargs["index"] = 0
        if fname in ("remove_allowed_caller", "remove_responder_field", "delete_json_content") and "page" in kwargs:
            entry = item_index(draft).get(kwargs["page"]) if isinstance(kwargs["page"], int) else None
            raw = entry.raw if entry is not None else {}
            if fname == "remove_allowed_caller" and "RespondPage" in raw:
                callers = raw["RespondPage"].get("original_args", {}).get("allowed_callers") or []
                if callers:
                    kwargs["caller"] = self.pick(callers)
            elif fname == "remove_responder_field" and "RespondPage" in raw:
                fields = raw["RespondPage"].get("original_fields") or {}
                if fields:
                    kwargs["key"] = self.pick(fields)
            elif fname == "delete_json_content" and "JSON" in raw:
                content = raw["JSON"].get("content") or {}
                if content:
                    kwargs["key"] = self.pick(content)
        if fname == "delete_widget_default":
            widgets = draft.defaults.get("widgets") or {}
            pairs = [(f"{m}.{c}", f) for m, cs in widgets.items() for c, fs in cs.items() for f in fs]
            if pairs:
                kwargs["widget_class_path"], kwargs["field"] = self.pick(pairs)
        if fname == "import_page":
            kwargs["definition"] = QUERIES["export_page"](draft, page=self.pick(self.idents(False)))
            kwargs["name"] = f"imp{self.rng.randrange(10000)}"
        if fname == "import_section" and draft.sections:
            kwargs["definition"] = QUERIES["export_section"](draft, name=self.pick(draft.sections))
            kwargs["name"] = f"sec{self.rng.randrange(10000)}"
        if fname == "import_folder":
            kwargs["definition"] = QUERIES["export_folder"](draft, folder=self.pick(self.idents(True)))
            kwargs["name"] = f"fold{self.rng.randrange(10000)}"
        if fname == "add_responder_field":
            kwargs["key"] = self.pick(["a:b", "form-x:y", "name:input_text"])
        if fname == "set_widget_field" and node is not None:
            kwargs["value"] = self.pick(["text", 1, True, "false", ["a"], "", 2])

    def value_for(self, n, kwargs):
        if n in ("folder", "parent"):
            return self.pick(self.idents(True) + [1, 9999, "/", "/sub"])
        if n in ("item", "caller"):
            return self.pick(self.idents() + [9999, "home", "/sub/deep"])
        if n in ("name", "new_name", "page_name", "placename", "label", "new_ref", "textref", "section_name"):
            pool = NAMES + list(self.draft.sections) + list(self.draft.labels)
            return self.pick(pool)
        if n == "page_type":
            return self.pick(["template", "responder", "css", "svg", "json", "file", "html"])
        if n in ("responder",):
            return self.pick(["AllowStore", "NoOperation", "CaseSwitch", "MediaQuery", "LogIn", "Nope", "SubmitData"])
        if n in ("widget_class", "widget_class_path"):
            return self.pick(WIDGETS + ["paras.Nope", "x"])
        if n == "field":
            try:
                node = tree_of(self.draft, kwargs.get("page"), kwargs.get("section")).node(kwargs["location"])
                return self.pick(list(widget_class(node[1]["class"]).field_table) + ["nope"])
            except (AdminError, KeyError, IndexError, TypeError):
                return self.pick(["para_text", "show", "input_text", "nope"])
        if n == "validator":
            return self.pick(["basic.MaxLength", "basic.NotEmpty", "basic.Search", "paths.IdentExists", "x.y"])
        if n == "val_args":
            return self.pick([{}, {"maxlength": "5"}, {"maxlength": "x"}, {"pattern": "[a-z]+"}, "bad"])
        if n in ("index", "multiplier", "interval"):
            return self.pick([0, 1, 2, -1, 5000, "3", "x"])
        if n in ("tag_name", "mtag"):
            return self.pick(["div", "p", "span", "ul", "1bad", ""])
        if n == "attribs":
            return self.pick([{}, {"class": "c"}, {"bad name": "x"}, "x"])
        if n in ("element", "definition", "defaults", "settings", "fields", "content", "style", "properties"):
            return self.pick([{}, [], "x", ["Text", "hi"], ["Part", {"tag_name": "div", "parts": []}],
                              {"a:b": 1}, {"p": [["color", "red"]]}, [["color", "blue"]], None])
        if n == "direction":
            return self.pick(["up", "down", "in", "out", "sideways"])
        if n == "language":
            return self.pick(["en", "fr", "de", None, "bad tag!"])
        if n in ("text", "brief", "message", "failmessage", "title", "version", "note"):
            return self.pick(TEXTS)
        if n in ("url",):
            return self.pick(["/", "/x", "x", "/a/../b"])
        if n in ("target",):
            return self.pick([1, 2, "home", "https://x.org/", "skis,server_error", 9999, "nowhere"])
        if n in ("submit_list", "allowed_values", "css_links", "js_links"):
            return self.pick([[], ["a", "b"], "a,b", 3])
        if n in ("key",):
            return self.pick(["hello:para_text", "show_error", "bad key", "x:y"])
        if n in ("selector",):
            return self.pick(["body", "p", "h1", "a{"])
        if n in ("ident", "to_page"):
            return self.pick([None, 5000, 1, "x"]) if n == "ident" else None
        if n == "to_section":
            return None
        return self.pick(VALUES)


def _files(draft):
    return {rel: data for rel, data in draft.to_files().items()}


@pytest.mark.parametrize("seed", range(8))
def test_random_operations_keep_the_draft_loadable(tmp_path, seed):
    draft = small_draft(tmp_path)
    fuzz = Fuzzer(draft, seed)
    ops = sorted(OPERATIONS)
    done = refused = 0
    for step in range(600):
        name = fuzz.pick(ops)
        func = OPERATIONS[name]
        kwargs = fuzz.args(func)
        if name in ("copy_to_clipboard", "cut_to_clipboard", "paste_from_clipboard") or fuzz.rng.random() < 0.5:
            before = _files(draft)
        else:
            before = None
        try:
            func(draft, **kwargs)
            done += 1
        except AdminError:
            refused += 1
            if before is not None:
                assert _files(draft) == before, f"step {step}: refused {name}({kwargs}) changed the draft"
        except Exception as exc:  # pragma: no cover - the assertion reports it
            raise AssertionError(f"step {step}: {name}({kwargs}) raised {type(exc).__name__}: {exc}") from exc
        check_project_data(draft.data)
    assert done > 100 and refused > 100, (done, refused)
    # the result loads and serves every page
    projectfiles = tmp_path / "out"
    datadir = projectfiles / "adminproj" / "data"
    (datadir / "textblocks_json").mkdir(parents=True)
    for rel, data in draft.to_files().items():
        (datadir / rel).write_bytes(data)
    assert json.loads((datadir / "project.json").read_text()) == json.loads(dumps_indent0(draft.data))
    app = WSGIApplication("adminproj", str(projectfiles))
    client = Client(app)
    for entry in item_index(draft).values():
        if entry.kind in ("TemplatePage", "CSS", "JSON") and not entry.raw.get("access"):
            model_page = app.project_model.item(entry.ident)
            if model_page.restricted or not entry.segments:
                continue
            result = client.get(entry.path)
            assert result.code in (200, 404, 500), (entry.path, result.status)
