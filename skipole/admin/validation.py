"""Checking a whole draft before it is published.

``validate_draft(draft)`` returns every problem found, each a dict ``{"level": "error" |
"warning", "where": ..., "message": ..., "ident"?, "section"?, "location"?}``.  Publishing
is refused while there is any error; warnings are shown but do not block.

Errors: the data would not load; a page cannot be compiled; an unknown widget class or
responder; a widget field value of the wrong type; a validator that cannot work; a
placeholder of a missing section; a responder missing a setting it needs; a reference
(responder target, allowed caller, template refresh target, label, widget link) to an
ident that does not exist or to an unknown label of this project; a File page path
leaving the project files.

Warnings: unknown widget fields (ignored when rendering), duplicate widget names in a
page, TextBlocks that exist in no language, a default error widget the page lacks,
``{label}`` attribute references to unknown labels, a File page's missing file.
"""

import os
import re

from ..project.idents import parse_ident
from ..project.model import LIBRARY_LABELS, PAGE_TYPES
from ..render.plan import CompileContext, compile_tree
from ..validators import validator_from_json
from .catalogue import responder_settings
from .edits import item_index, widget_class
from .locations import Tree, format_location

__all__ = ["validate_draft", "format_problem", "has_errors"]

_LABEL_REF = re.compile(r"\{([A-Za-z0-9_,.\-]+)\}")
_BOOL_WORDS = {"true", "false", "on", "off", "yes", "no", "1", "0", "", "checked"}


def has_errors(problems):
    """True when any problem is an error."""
    return any(p["level"] == "error" for p in problems)


def format_problem(p):
    """One problem as a line of text: ``error: page /x (ident 3) body-2: message``."""
    where = p.get("where", "")
    if p.get("location"):
        where += f" {p['location']}"
    return f"{p['level']}: {where}: {p['message']}"


class _Checker:
    def __init__(self, draft):
        self.draft = draft
        self.problems = []
        self.index = item_index(draft)
        self.labels = draft.labels
        self.textrefs = set()
        for blocks in draft.textblocks.values():
            self.textrefs.update(blocks)

    def add(self, level, where, message, **more):
        p = {"level": level, "where": where, "message": message}
        p.update({k: v for k, v in more.items() if v is not None})
        self.problems.append(p)

    # ---- references ---------------------------------------------------------------------------
    def ref_problem(self, value, depth=0):
        """Why ``value`` (an ident or label) names nothing, or None when it is fine."""
        if value is None or value == "" or depth > 8:
            return None if depth <= 8 else "labels point to each other in a circle"
        if isinstance(value, bool):
            return f"{value!r} is not an ident or label"
        if isinstance(value, int):
            return None if value in self.index else f"there is no page or folder with ident {value}"
        if isinstance(value, (list, tuple)) and len(value) == 2:
            ident = parse_ident(value)
            if ident is None:
                return f"{value!r} is not an ident"
            if ident.proj == self.draft.proj_ident and ident.num not in self.index:
                return f"there is no page or folder with ident {ident.num}"
            return None
        if not isinstance(value, str):
            return f"{value!r} is not an ident or label"
        text = value.strip()
        if text.isdigit():
            return self.ref_problem(int(text), depth)
        if text in self.labels:
            return self.ref_problem(self.labels[text], depth + 1)
        if text in LIBRARY_LABELS:
            return None
        ident = parse_ident(text)
        if ident is not None:
            if ident.proj == self.draft.proj_ident and ident.num not in self.index:
                return f"there is no page or folder with ident {ident.num}"
            return None
        proj, comma, rest = text.partition(",")
        if comma and proj.isalnum() and rest.strip():
            return None
        if re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*:|/)", text):
            return None          # a URL
        return f"{text!r} is not a label of this project"

    def check_ref(self, value, where, what, level="error", **more):
        problem = self.ref_problem(value)
        if problem:
            self.add(level, where, f"{what}: {problem}", **more)

    # ---- widgets ------------------------------------------------------------------------------
    def field_problem(self, f, value):
        shape = f.shape
        if shape == "arg":
            return self.scalar_problem(f.ftype, value)
        if shape == "list":
            if isinstance(value, (str, int, float)) or value is None:
                return None
            if not isinstance(value, (list, tuple)):
                return "must be a list"
            for v in value:
                p = self.scalar_problem(f.ftype, v)
                if p:
                    return p
            return None
        if shape == "table":
            if value in (None, "", []):
                return None
            if not isinstance(value, (list, tuple)):
                return "must be a table (a list of rows)"
            for row in value:
                if not isinstance(row, (list, tuple, str, int, float)):
                    return "each row of a table must be a list"
            return None
        if shape == "dict":
            if value in (None, "", {}, []):
                return None
            if isinstance(value, dict):
                return None
            if isinstance(value, (list, tuple)) and all(isinstance(r, (list, tuple)) and len(r) == 2 for r in value):
                return None
            return "must be key -> value pairs"
        return None

    def scalar_problem(self, ftype, value):
        if isinstance(value, (list, dict)):
            return "holds a single value, not a list or dict"
        if ftype == "boolean":
            if isinstance(value, bool) or value is None or (isinstance(value, int) and value in (0, 1)):
                return None
            if isinstance(value, str) and value.strip().lower() in _BOOL_WORDS:
                return None
            return f"{value!r} is not true or false"
        if ftype == "integer":
            if value is None or (isinstance(value, int) and not isinstance(value, bool)):
                return None
            if isinstance(value, float) and value.is_integer():
                return None
            if isinstance(value, str) and re.fullmatch(r"\s*([+-]?\d+(\.0*)?)?\s*", value):
                return None
            return f"{value!r} is not a whole number"
        if ftype == "url":
            if isinstance(value, int) and not isinstance(value, bool):
                return None if value in self.index else f"there is no page with ident {value}"
            if isinstance(value, str) and value.strip().isdigit():
                return None if int(value) in self.index else f"there is no page with ident {value.strip()}"
            return None
        if ftype in ("date", "datetime") and isinstance(value, str) and value.strip():
            import datetime
            try:
                (datetime.date.fromisoformat if ftype == "date" else datetime.datetime.fromisoformat)(value.strip())
            except ValueError:
                return f"{value!r} is not a {ftype}"
        return None

    def check_widget(self, body, where, loc, **more):
        cls_path = body.get("class", "")
        try:
            cls = widget_class(cls_path)
        except KeyError as exc:
            self.add("error", where, exc.args[0], location=loc, **more)
            return
        label = f"widget {body.get('name') or cls_path!r}"
        fields = body.get("fields") or {}
        if not isinstance(fields, dict):
            self.add("error", where, f"{label}: its fields must be an object", location=loc, **more)
            return
        for fname, value in fields.items():
            f = cls.field_table.get(fname)
            if f is None:
                self.add("warning", where, f"{label}: {cls.class_path()} has no field {fname!r} (ignored)",
                         location=loc, **more)
                continue
            problem = self.field_problem(f, value)
            if problem:
                self.add("error", where, f"{label} field {fname!r}: {problem}", location=loc, **more)
            elif f.ftype == "textblock_ref" and isinstance(value, str) and value and value not in self.textrefs \
                    and f.shape == "arg":
                self.add("warning", where, f"{label} field {fname!r}: there is no TextBlock {value!r}",
                         location=loc, **more)
        for fname in body.get("set_names") or {}:
            if fname not in cls.field_table:
                self.add("warning", where, f"{label}: set_names names the unknown field {fname!r}",
                         location=loc, **more)
        validators = body.get("validators") or {}
        if not isinstance(validators, dict):
            self.add("error", where, f"{label}: validators must be an object", location=loc, **more)
            return
        for fname, vlist in validators.items():
            for d in vlist if isinstance(vlist, list) else [vlist]:
                try:
                    v = validator_from_json(d) if isinstance(d, dict) else None
                except (KeyError, TypeError, ValueError) as exc:
                    self.add("error", where, f"{label} field {fname!r}: validator: "
                             f"{exc.args[0] if exc.args else exc}", location=loc, **more)
                    continue
                if v is None:
                    self.add("error", where, f"{label} field {fname!r}: a validator must be an object",
                             location=loc, **more)
                    continue
                for problem in v.problems():
                    level = "warning" if problem.endswith("(ignored)") else "error"
                    self.add(level, where, f"{label} field {fname!r}: validator {v.class_path()}: {problem}",
                             location=loc, **more)

    def check_tree(self, tree, where, in_section=False, **more):
        names = {}
        for loc, node in tree.walk():
            kind, body = node
            sloc = format_location(loc)
            if kind in ("Widget", "ClosedWidget"):
                self.check_widget(body, where, sloc, **more)
                name = body.get("name")
                if name:
                    if name in names:
                        self.add("warning", where, f"two widgets are called {name!r} (at {names[name]} and {sloc})",
                                 location=sloc, **more)
                    else:
                        names[name] = sloc
            elif kind == "SectionPlaceHolder":
                sname = body.get("section_name")
                if in_section:
                    self.add("warning", where, "a section cannot hold a placeholder (it is ignored)",
                             location=sloc, **more)
                elif sname not in self.draft.sections:
                    self.add("error", where, f"section {sname!r} does not exist", location=sloc, **more)
            elif kind == "TextBlock":
                ref = body.get("textref")
                if ref and not body.get("project") and ref not in self.textrefs and not body.get("failmessage"):
                    self.add("warning", where, f"there is no TextBlock {ref!r} in any language", location=sloc,
                             **more)
            elif kind in ("Part", "ClosedPart", "Section"):
                for value in (body.get("attribs") or {}).values():
                    if isinstance(value, str) and "{" in value:
                        for label in _LABEL_REF.findall(value):
                            if label not in self.labels and label not in LIBRARY_LABELS and "," not in label:
                                self.add("warning", where, f"attribute refers to {{{label}}}, which is not a label",
                                         location=sloc, **more)

    def compile_page(self, entry, where):
        raw = entry.raw
        cctx = CompileContext(lambda label: "", self.draft.proj_ident, entry.ident)
        sections = self.draft.sections
        try:
            if entry.kind == "TemplatePage":
                settings = raw["TemplatePage"]
                compile_tree(raw["head"], cctx, "head", sections=sections)
                compile_tree(raw["body"], cctx, "body", sections=sections,
                             body_settings=(settings.get("show_backcol", False), settings.get("backcol", "")))
            elif entry.kind == "SVG" and "svg" in raw:
                compile_tree(raw["svg"], cctx, "svg", sections=sections)
        except KeyError:
            return None          # unknown widget class: reported by the tree check
        except Exception as exc:  # a page that cannot be built
            self.add("error", where, f"the page cannot be built: {type(exc).__name__}: {exc}", ident=entry.ident)
            return None
        return cctx

    # ---- pages ---------------------------------------------------------------------------------
    def check_page(self, entry):
        where = entry.describe()
        raw = entry.raw
        kind = entry.kind
        settings = raw.get(kind)
        if kind == "TemplatePage":
            for root in ("head", "body"):
                self.check_tree(Tree(raw[root], root, where), where, ident=entry.ident)
            cctx = self.compile_page(entry, where)
            for key in ("interval_target", "catch_to_html"):
                if settings.get(key):
                    self.check_ref(settings[key], where, key, ident=entry.ident)
            dew = settings.get("default_error_widget")
            if cctx is not None and isinstance(dew, (list, tuple)) and len(dew) == 2 and dew[1]:
                full = f"{dew[0]}-{dew[1]}" if dew[0] else dew[1]
                if full not in cctx.widgets:
                    self.add("warning", where, f"the default error widget {full!r} is not in the page",
                             ident=entry.ident)
        elif kind == "SVG":
            if "svg" in raw:
                self.check_tree(Tree(raw["svg"], "svg", where), where, ident=entry.ident)
                self.compile_page(entry, where)
        elif kind == "RespondPage":
            self.check_responder(entry, settings, where)
        elif kind == "CSS":
            style = settings.get("style") or {}
            ok = isinstance(style, dict) and all(
                isinstance(decls, list) and all(isinstance(d, (list, tuple)) and len(d) == 2 for d in decls)
                for decls in style.values())
            if not ok:
                self.add("error", where, "the style must map selectors to [[property, value], ...]",
                         ident=entry.ident)
        elif kind == "JSON":
            if not isinstance(settings.get("content", {}), dict):
                self.add("error", where, "the content must be an object", ident=entry.ident)
        elif kind == "FilePage":
            path = settings.get("filepath") or f"{self.draft.name}/static/{entry.name}"
            if not isinstance(path, str) or path.startswith("/") or ".." in path.replace("\\", "/").split("/"):
                self.add("error", where, f"the file path {path!r} leaves the project files folder",
                         ident=entry.ident)
            elif self.draft.projectfiles and not os.path.isfile(os.path.join(self.draft.projectfiles, path)):
                self.add("warning", where, f"the file {path} does not exist", ident=entry.ident)

    def check_responder(self, entry, rp, where):
        name = rp.get("class")
        try:
            _uses, needs, fkind = responder_settings(name)
        except (KeyError, TypeError):
            self.add("error", where, f"unknown responder {name!r}", ident=entry.ident)
            return
        args = rp.get("original_args") or {}
        fields = rp.get("original_fields") or {}
        for key in needs:
            if args.get(key) in (None, "", []) and not (key == "widgfield" and fields and fkind in ("one_key",)):
                self.add("error", where, f"the {name} responder needs {key}", ident=entry.ident)
        for key in ("target_ident", "fail_ident", "alternate_ident", "validate_fail_ident"):
            if args.get(key) not in (None, ""):
                self.check_ref(args[key], where, key, ident=entry.ident)
        for caller in args.get("allowed_callers") or ():
            self.check_ref(caller, where, "allowed caller", ident=entry.ident)
        if fkind in ("value_targets", "media_targets") and isinstance(fields, dict):
            for key, target in fields.items():
                self.check_ref(target, where, f"field {key!r}", ident=entry.ident)

    def run(self):
        for entry in self.index.values():
            if entry.is_folder:
                continue
            if entry.kind not in PAGE_TYPES:
                self.add("error", entry.describe(), "unknown page type", ident=entry.ident)
                continue
            self.check_page(entry)
        for name, tree in self.draft.sections.items():
            where = f"section {name!r}"
            self.check_tree(Tree(tree, "section", where), where, in_section=True, section=name)
            cctx = CompileContext(lambda label: "", self.draft.proj_ident, 0)
            try:
                compile_tree(tree, cctx, "section")
            except KeyError:
                pass
            except Exception as exc:
                self.add("error", where, f"the section cannot be built: {type(exc).__name__}: {exc}", section=name)
        for label, target in self.labels.items():
            problem = self.ref_problem(target)
            if problem:
                level = "warning" if isinstance(target, str) and "is not a label" in problem else "error"
                self.add(level, f"label {label!r}", problem)
        return self.problems


def validate_draft(draft):
    """Every problem of the draft (see the module docstring); errors first."""
    try:
        draft.check()
    except Exception as exc:
        return [{"level": "error", "where": "project.json", "message": str(exc)}]
    problems = _Checker(draft).run()
    problems.sort(key=lambda p: p["level"] != "error")
    return problems
