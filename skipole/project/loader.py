"""Reading a project directory: project.json, defaults.json, TextBlocks, with clear errors.

Every problem is reported as ``ProjectFileError`` naming the file, the item (folder, page,
section) and what is wrong, never as a bare traceback.  Nothing is rewritten on load.
"""

import json
import os
import re

from ..exceptions import ProjectFileError
from .model import PAGE_TYPES, Project

__all__ = ["load_project_files", "check_project_data", "SUPPORTED_MAJOR"]

#: project.json files written by skipole up to this major version load.
SUPPORTED_MAJOR = 5
_NAME = re.compile(r"^[A-Za-z0-9]+$")
_TREE_TYPES = {"Part", "ClosedPart", "Widget", "ClosedWidget", "TextBlock", "SectionPlaceHolder",
               "HTMLSymbol", "Comment", "Text", "Section"}


def _read_json(path, required=True, meta=None):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if meta is not None:
            meta["newline"] = text.endswith("\n")
        return json.loads(text)
    except FileNotFoundError:
        if required:
            raise ProjectFileError(path, "", "file not found") from None
        return None
    except json.JSONDecodeError as exc:
        raise ProjectFileError(path, f"line {exc.lineno} column {exc.colno}", f"invalid JSON: {exc.msg}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProjectFileError(path, "", f"cannot read: {exc}") from None


def load_project_files(projectfiles, name, proj_ident=None):
    """Load ``projectfiles/name`` into a ``Project``; raises ``ProjectFileError`` when invalid."""
    if not _NAME.match(name or ""):
        raise ProjectFileError(os.path.join(projectfiles, str(name)), "", "a project name is letters and digits only")
    datadir = os.path.join(projectfiles, name, "data")
    pfile = os.path.join(datadir, "project.json")
    meta = {}
    data = _read_json(pfile, meta=meta)
    check_project_data(data, pfile)
    defaults = _read_json(os.path.join(datadir, "defaults.json"), required=False) or {}
    textblocks = {}
    tbdir = os.path.join(datadir, "textblocks_json")
    if os.path.isdir(tbdir):
        for fname in sorted(os.listdir(tbdir)):
            if fname.endswith(".json"):
                tpath = os.path.join(tbdir, fname)
                blocks = _read_json(tpath)
                if not isinstance(blocks, dict) or not all(isinstance(v, str) for v in blocks.values()):
                    raise ProjectFileError(tpath, "", "a TextBlock file maps text references to strings")
                textblocks[fname[:-5]] = blocks
    project = Project(name, proj_ident or name, os.path.abspath(projectfiles), data, textblocks, defaults,
                      files={"project": pfile, "defaults": os.path.join(datadir, "defaults.json"),
                             "textblocks": tbdir})
    project.trailing_newline = meta.get("newline", False)
    return project


def check_project_data(data, pfile="project.json"):
    """Validate the shape of a project.json dict; raise ``ProjectFileError`` on the first problem."""
    if not isinstance(data, dict):
        raise ProjectFileError(pfile, "", "the top level must be a JSON object")
    written_by = str(data.get("skipole", "0"))
    try:
        major = int(written_by.split(".")[0])
    except ValueError:
        raise ProjectFileError(pfile, "skipole", f"unreadable framework version {written_by!r}") from None
    if major > SUPPORTED_MAJOR:
        raise ProjectFileError(pfile, "skipole", f"written by skipole {written_by}, newer than this version can read")
    for key in ("RootFolder",):
        if key not in data:
            raise ProjectFileError(pfile, "", f"missing {key!r}")
    if not isinstance(data.get("specialpages", {}), dict):
        raise ProjectFileError(pfile, "specialpages", "must be an object of label → target")
    sections = data.get("sections", {})
    if not isinstance(sections, dict):
        raise ProjectFileError(pfile, "sections", "must be an object of name → section")
    for sname, tree in sections.items():
        where = f"section {sname!r}"
        if not (isinstance(tree, list) and len(tree) == 2 and tree[0] == "Section" and isinstance(tree[1], dict)):
            raise ProjectFileError(pfile, where, 'a section must be ["Section", {...}]')
        _check_tree(tree, pfile, where)
    seen = {}
    _check_folder(data["RootFolder"], pfile, "root folder", seen, is_root=True)


def _check_ident(raw, pfile, where, seen):
    num = raw.get("ident") if isinstance(raw, dict) else None
    if not isinstance(num, int) or isinstance(num, bool) or num < 0:
        raise ProjectFileError(pfile, where, f"'ident' must be a non-negative integer, not {num!r}")
    if num in seen:
        raise ProjectFileError(pfile, where, f"ident {num} is also used by {seen[num]}")
    seen[num] = where


def _check_folder(raw, pfile, where, seen, is_root=False):
    if not isinstance(raw, dict):
        raise ProjectFileError(pfile, where, "a folder must be an object")
    if is_root:
        if raw.get("ident", 0) != 0:
            raise ProjectFileError(pfile, where, "the root folder's ident must be 0")
        seen[0] = where
    else:
        _check_ident(raw, pfile, where, seen)
    pages, folders = raw.get("pages", {}), raw.get("folders", {})
    if not isinstance(pages, dict) or not isinstance(folders, dict):
        raise ProjectFileError(pfile, where, "'pages' and 'folders' must be objects")
    for name, praw in pages.items():
        pwhere = f"page {name!r}" + (f" in {where}" if not is_root else "")
        if name in folders:
            raise ProjectFileError(pfile, pwhere, "a folder of the same name exists")
        _check_ident(praw, pfile, pwhere, seen)
        kinds = [k for k in PAGE_TYPES if k in praw]
        if len(kinds) != 1:
            raise ProjectFileError(pfile, pwhere, f"needs exactly one page type key of {sorted(PAGE_TYPES)}")
        settings = praw[kinds[0]]
        if not isinstance(settings, dict):
            raise ProjectFileError(pfile, pwhere, f"{kinds[0]} must be an object")
        if kinds[0] == "TemplatePage":
            for part in ("head", "body"):
                if part not in praw:
                    raise ProjectFileError(pfile, pwhere, f"a TemplatePage needs {part!r}")
                _check_tree(praw[part], pfile, f"{pwhere} {part}")
        elif kinds[0] == "SVG":
            if "svg" in praw:
                _check_tree(praw["svg"], pfile, f"{pwhere} svg")
        elif kinds[0] == "RespondPage":
            if not isinstance(settings.get("class"), str):
                raise ProjectFileError(pfile, pwhere, "a RespondPage needs a responder 'class'")
    for name, fraw in folders.items():
        _check_folder(fraw, pfile, f"folder {name!r}" + (f" in {where}" if not is_root else ""), seen)


def _check_tree(node, pfile, where):
    if not isinstance(node, list) or len(node) != 2 or node[0] not in _TREE_TYPES:
        raise ProjectFileError(pfile, where, f"bad element {str(node)[:60]!r}: expected [type, content]")
    kind, body = node
    if kind == "Text":
        if not isinstance(body, str):
            raise ProjectFileError(pfile, where, "Text content must be a string")
        return
    if not isinstance(body, dict):
        raise ProjectFileError(pfile, where, f"{kind} content must be an object")
    if kind in ("Widget", "ClosedWidget"):
        if not isinstance(body.get("class"), str):
            raise ProjectFileError(pfile, where, "a widget needs a 'class' of the form module.Class")
        wwhere = f"{where} widget {body.get('name') or body['class']!r}"
        for key, value in body.items():
            if key.startswith("container_"):
                for child in value or ():
                    _check_tree(child, pfile, wwhere)
        return
    for child in body.get("parts", ()):
        _check_tree(child, pfile, where)
