"""skiadmin's edit operations on a draft project's raw data.

Each operation is a function ``op(draft, **arguments)``: ``draft`` is a ``DraftData`` (the
draft's project.json dict, defaults.json dict and TextBlocks), the other arguments come
from the admin's forms.  An operation checks all of its input first and raises one
``AdminError`` whose message says what to fix; when it returns, the draft is still a
loadable project (it passes ``check_project_data``).  ``AdminStore.apply(name, ...)`` runs
them by name with version checks, saving and locking; ``OPERATIONS`` lists them (the
docstrings are the help skiadmin shows) and ``QUERIES`` the read-only ones.

**Naming things**

- *Folders and pages* (arguments ``folder``, ``page``, ``item``, ``parent``) are named by
  ident number (``2003`` or ``"2003"``), by ``"proj_2003"``/``"proj,2003"``, by a label
  that points to a page of this project (``"home"``), or by URL path (``"/control"``;
  ``"/"`` is the root folder).
- *Trees*: operations on elements take ``page=`` (a Template or SVG page) or ``section=``
  (a section name) and a ``location``, see ``skipole.admin.locations``:
  ``"body-2-0"`` / ``("body", 2, 0)``; ``"body-2-c0-1"`` is inside container 0 of the
  widget at ``body-2``; inserting at a location puts the new item there.
- *Idents* of new folders and pages are allocated above every ident the draft has used,
  so an ident deleted in the draft is never given to another item; an explicit ``ident=``
  is accepted when it is unused and was never deleted in the draft.
"""

import copy
import datetime
import functools
import json
import re

from ..project.idents import parse_ident
from ..project.loader import check_project_data
from ..project.model import PAGE_TYPES
from ..validators import validator_class, validator_from_json
from ..widgets.base import widget_class as _widget_class
from .catalogue import PAGE_KINDS, RESPONDER_ARGS, responder_settings
from .errors import AdminError, NotFound
from .locations import Tree, format_location, parse_location
from .storage import dumps_indent0

__all__ = ["DraftData", "OPERATIONS", "QUERIES", "operation", "query", "resolve_item", "check_field_value",
           "check_element", "tree_of", "item_index"]

#: operation name -> function; each function has ``changes`` (False: leaves the project as it is)
OPERATIONS = {}
#: read-only query name -> function
QUERIES = {}


def operation(func=None, *, changes=True):
    """Register an edit operation (``changes=False``: it only uses the clipboard)."""
    def register(f):
        f.changes = changes
        OPERATIONS[f.__name__] = f
        return f
    return register(func) if func is not None else register


def query(func):
    """Register a read-only query."""
    QUERIES[func.__name__] = func
    return func


@functools.lru_cache(maxsize=512)
def widget_class(class_path):
    """``widgets.base.widget_class``, cached (KeyError for an unknown class)."""
    return _widget_class(class_path)


_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,99}$")
_WIDGET_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")
_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")
_TAG = re.compile(r"^[A-Za-z][A-Za-z0-9\-:]{0,39}$")
_ATTR = re.compile(r"^[A-Za-z_:][A-Za-z0-9_.:\-]{0,99}$")
_LABEL = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]{0,99}$")
_TEXTREF = re.compile(r"^[\w.\-]{1,200}$")
_LANG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8}){0,4}$")
_ENTITY = re.compile(r"^&(#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});$")
_WIDGFIELD = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*-)?[A-Za-z_][A-Za-z0-9_]*:[A-Za-z_][A-Za-z0-9_]*$")
_URL_PATH = re.compile(r"^/[A-Za-z0-9_.~\-/]*$")
MAX_TEXT = 1_000_000
MAX_RETIRED = 100_000


# ---- the draft data ------------------------------------------------------------------------------

class DraftData:
    """A draft project in memory: ``data`` (project.json), ``defaults`` (defaults.json),
    ``textblocks`` (``{lang: {ref: text}}``) and ``meta`` (``ident_floor``, ``retired``).

    ``name``/``proj_ident`` name the project; ``clipboard`` holds the current user's copied
    element (set by the store).  ``from_files`` and ``to_files`` convert from and to the
    data folder's files; files whose content did not change are given back byte for byte.
    """

    def __init__(self, name, data, defaults=None, textblocks=None, meta=None, proj_ident=None,
                 projectfiles="", trailing_newline=False):
        self.name = name
        self.proj_ident = proj_ident or name
        self.projectfiles = projectfiles
        self.data = data
        self.defaults = defaults if defaults is not None else {}
        self.textblocks = textblocks if textblocks is not None else {}
        self.meta = meta if meta is not None else {}
        self.meta.setdefault("ident_floor", 0)
        self.meta.setdefault("retired", [])
        self.trailing_newline = trailing_newline
        self.clipboard = None
        self._originals = {}
        self._had_defaults = True

    @classmethod
    def from_files(cls, files, name, meta=None, proj_ident=None, projectfiles=""):
        """A DraftData from ``{relpath: bytes}`` (``storage.read_files`` of a data folder).

        Raises AdminError naming the file when one is not valid JSON or not a project."""
        def load(rel):
            try:
                return json.loads(files[rel].decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as exc:
                raise AdminError(f"{rel} is not valid JSON: {exc}") from None
        if "project.json" not in files:
            raise AdminError("the data has no project.json")
        data = load("project.json")
        try:
            check_project_data(data, "project.json")
        except Exception as exc:  # ProjectFileError
            raise AdminError(f"project.json is not a valid project: {exc}") from None
        defaults = load("defaults.json") if "defaults.json" in files else {}
        if not isinstance(defaults, dict):
            raise AdminError("defaults.json must hold a JSON object")
        textblocks = {}
        for rel in files:
            if rel.startswith("textblocks_json/"):
                blocks = load(rel)
                if not isinstance(blocks, dict) or not all(isinstance(v, str) for v in blocks.values()):
                    raise AdminError(f"{rel} must map text references to strings")
                textblocks[rel[len("textblocks_json/"):-5]] = blocks
        draft = cls(name, data, defaults, textblocks, meta, proj_ident, projectfiles,
                    trailing_newline=files["project.json"].endswith(b"\n"))
        draft._had_defaults = "defaults.json" in files
        draft._remember_originals(files)
        return draft

    def _serialise_one(self, rel, obj):
        if rel == "project.json":
            return dumps_indent0(obj) + ("\n" if self.trailing_newline else "")
        if rel == "defaults.json":
            return dumps_indent0(obj)
        return json.dumps(obj, indent=2, ensure_ascii=False)

    def _objects(self):
        out = {"project.json": self.data}
        if self.defaults or self._had_defaults:
            out["defaults.json"] = self.defaults
        for lang, blocks in self.textblocks.items():
            out[f"textblocks_json/{lang}.json"] = blocks
        return out

    def _remember_originals(self, files):
        """Keep the bytes read, so that files whose content did not change are written as read."""
        self._originals = {rel: [raw, None] for rel, raw in files.items()}

    def to_files(self):
        """The data folder's files ``{relpath: bytes}`` for this draft (unchanged files as read)."""
        out = {}
        for rel, obj in self._objects().items():
            text = self._serialise_one(rel, obj)
            kept = self._originals.get(rel)
            if kept is not None:
                raw, canon = kept
                if text.encode("utf-8") == raw:
                    out[rel] = raw
                    continue
                if canon is None:
                    # how the file as read would be written: equal to ``text`` when only the
                    # layout differs (a file written by another tool), then keep the original
                    try:
                        canon = kept[1] = self._serialise_one(rel, json.loads(raw.decode("utf-8")))
                    except ValueError:
                        canon = kept[1] = ""
                if text == canon:
                    out[rel] = raw
                    continue
            out[rel] = text.encode("utf-8")
        return out

    def copy(self):
        """A deep copy (for previews and tests)."""
        other = DraftData(self.name, copy.deepcopy(self.data), copy.deepcopy(self.defaults),
                          copy.deepcopy(self.textblocks), copy.deepcopy(self.meta), self.proj_ident,
                          self.projectfiles, self.trailing_newline)
        other._originals = {rel: list(v) for rel, v in self._originals.items()}
        other._had_defaults = self._had_defaults
        return other

    def check(self):
        """Raise AdminError when the data is not a loadable project (``check_project_data``)."""
        try:
            check_project_data(self.data, "project.json")
        except Exception as exc:
            raise AdminError(f"the draft would not load: {exc}") from None

    @property
    def sections(self):
        return self.data.setdefault("sections", {})

    @property
    def labels(self):
        return self.data.setdefault("specialpages", {})

    @property
    def default_language(self):
        return self.data.get("default_language") or "en"


# ---- folders and pages: finding them ------------------------------------------------------------

class Entry:
    """A folder or page found in the tree: ``ident``, ``raw``, ``parent`` (raw folder or
    None for the root), ``name``, ``is_folder``, ``segments`` (URL path segments)."""

    __slots__ = ("ident", "raw", "parent", "name", "is_folder", "segments")

    def __init__(self, ident, raw, parent, name, is_folder, segments):
        self.ident = ident
        self.raw = raw
        self.parent = parent
        self.name = name
        self.is_folder = is_folder
        self.segments = segments

    @property
    def kind(self):
        """``folder`` or the page's type key (``TemplatePage``...)."""
        if self.is_folder:
            return "folder"
        return next((k for k in PAGE_TYPES if k in self.raw), "")

    @property
    def path(self):
        return "/" + "/".join(self.segments) + ("/" if self.is_folder and self.segments else "")

    def describe(self):
        if self.is_folder:
            return f"folder {self.path} (ident {self.ident})"
        return f"page {self.path} (ident {self.ident})"


def item_index(draft):
    """``{ident: Entry}`` for every folder and page of the draft."""
    index = {}

    def walk(raw, parent, name, segs):
        ident = 0 if parent is None else raw.get("ident")
        index[ident] = Entry(ident, raw, parent, name, True, segs)
        for pname, praw in (raw.get("pages") or {}).items():
            index[praw["ident"]] = Entry(praw["ident"], praw, raw, pname, False, segs + [pname])
        for fname, fraw in (raw.get("folders") or {}).items():
            walk(fraw, raw, fname, segs + [fname])

    walk(draft.data["RootFolder"], None, "", [])
    return index


def _local_number(draft, value, depth=0):
    """The local ident number ``value`` names (number, ident string, label), or None."""
    if value is None or isinstance(value, bool) or depth > 8:
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.isdigit():
        return int(text)
    if text in draft.labels:
        return _local_number(draft, draft.labels[text], depth + 1)
    ident = parse_ident(text)
    if ident is not None and ident.proj == draft.proj_ident:
        return ident.num
    return None


def resolve_item(draft, value, want=None, index=None, arg="item"):
    """The ``Entry`` for a folder or page named by ``value``; ``want`` = ``"folder"`` or
    ``"page"`` refuses the other kind.  Raises NotFound/AdminError with a clear message."""
    index = index if index is not None else item_index(draft)
    entry = None
    if isinstance(value, str) and value.startswith("/"):
        segs = [s for s in value.split("/") if s]
        entry = index[0]
        for seg in segs:
            if not entry.is_folder:
                entry = None
                break
            raw = entry.raw
            if seg in (raw.get("folders") or {}):
                entry = index[raw["folders"][seg]["ident"]]
            elif seg in (raw.get("pages") or {}):
                entry = index[raw["pages"][seg]["ident"]]
            else:
                entry = None
                break
        if entry is None:
            raise NotFound(f"there is no folder or page at {value!r}", arg)
    else:
        num = _local_number(draft, value)
        if num is None:
            raise NotFound(f"{value!r} names no folder or page of this project: give an ident number, "
                           "a label or a path such as /folder/page", arg)
        entry = index.get(num)
        if entry is None:
            raise NotFound(f"there is no folder or page with ident {num}", arg)
    if want == "folder" and not entry.is_folder:
        raise AdminError(f"{entry.describe()} is a page, not a folder", arg)
    if want == "page" and entry.is_folder:
        raise AdminError(f"{entry.describe()} is a folder, not a page", arg)
    return entry


def _page(draft, page, kind=None, arg="page"):
    entry = resolve_item(draft, page, "page", arg=arg)
    if kind is not None:
        kinds = (kind,) if isinstance(kind, str) else kind
        if entry.kind not in kinds:
            names = {v[0]: k for k, v in PAGE_KINDS.items()}
            want = " or ".join(names.get(k, k) for k in kinds)
            raise AdminError(f"{entry.describe()} is a {names.get(entry.kind, entry.kind)} page, not a {want} page",
                             arg)
    return entry


def check_page_ref(draft, value, what, required=False, index=None):
    """Check a page reference (ident number, label, other project's ident or label).

    Returns the value to store (digit strings become numbers); AdminError when it names
    nothing of this project."""
    if value is None or value == "":
        if required:
            raise AdminError(f"{what} is needed: give an ident number or a label", what)
        return None if value is None else ""
    if isinstance(value, bool):
        raise AdminError(f"{what} must be an ident number or a label, not {value!r}", what)
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        num = int(value)
        index = index if index is not None else item_index(draft)
        if num not in index:
            raise AdminError(f"{what}: there is no page or folder with ident {num}", what)
        return num
    if not isinstance(value, str):
        raise AdminError(f"{what} must be an ident number or a label, not {value!r}", what)
    text = value.strip()
    if text in draft.labels:
        return text
    ident = parse_ident(text)
    if ident is not None:
        if ident.proj == draft.proj_ident:
            index = index if index is not None else item_index(draft)
            if ident.num not in index:
                raise AdminError(f"{what}: there is no page or folder with ident {ident.num}", what)
        return text
    proj, comma, rest = text.partition(",")
    if comma and proj.isalnum() and rest.strip() and "/" not in text:
        return text        # a label of another (sub-)project, e.g. skis,server_error
    raise AdminError(f"{what}: {text!r} is not an ident number or a label of this project "
                     "(create the label first, or give the ident number)", what)


def _check_name(name, what="name"):
    if not isinstance(name, str) or not _NAME.match(name):
        raise AdminError(f"{what} {name!r} is not allowed: use letters, digits, '_', '-' and '.', "
                         "starting with a letter, digit or '_' (at most 100 characters)", what)
    return name


def _check_text(value, what, limit=MAX_TEXT, allow_none=False):
    if value is None and allow_none:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise AdminError(f"{what} must be text", what)
    if len(value) > limit:
        raise AdminError(f"{what} is too long (at most {limit} characters)", what)
    return value.replace("\x00", "")


def _check_bool(value, what):
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "on", "yes", "1", "false", "off", "no", "0", ""):
        return value.strip().lower() in ("true", "on", "yes", "1")
    raise AdminError(f"{what} must be true or false, not {value!r}", what)


def _check_int(value, what, low=None, high=None):
    if isinstance(value, bool):
        raise AdminError(f"{what} must be a whole number", what)
    if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d{1,12}\s*", value):
        value = int(value)
    if not isinstance(value, int):
        raise AdminError(f"{what} must be a whole number, not {value!r}", what)
    if (low is not None and value < low) or (high is not None and value > high):
        raise AdminError(f"{what} must be between {low} and {high}", what)
    return value


def _new_ident(draft, requested=None, index=None, taken=(), reserve=True):
    index = index if index is not None else item_index(draft)
    used = set(index) | set(taken)
    retired = set(draft.meta.get("retired") or ())
    if requested is not None and requested != "":
        num = _check_int(requested, "ident", 1, 10**9)
        if num in used:
            raise AdminError(f"ident {num} is already used by {index[num].describe() if num in index else 'another item'}",
                             "ident")
        if num in retired:
            raise AdminError(f"ident {num} belonged to an item deleted in this draft: choose another "
                             "(an ident is never given to a second item)", "ident")
    else:
        num = max(max(used) + 1, int(draft.meta.get("ident_floor") or 0), 1)
        while num in retired:
            num += 1
    if reserve:
        draft.meta["ident_floor"] = max(int(draft.meta.get("ident_floor") or 0), num + 1)
    return num


def _retire(draft, idents):
    retired = draft.meta.setdefault("retired", [])
    seen = set(retired)
    for n in idents:
        if n not in seen:
            retired.append(n)
            seen.add(n)
    if len(retired) > MAX_RETIRED:
        del retired[:len(retired) - MAX_RETIRED]
    floor = max([int(draft.meta.get("ident_floor") or 0)] + [n + 1 for n in idents])
    draft.meta["ident_floor"] = floor


def _idents_below(raw):
    out = []
    if "ident" in raw:
        out.append(raw["ident"])
    for p in (raw.get("pages") or {}).values():
        out.append(p["ident"])
    for f in (raw.get("folders") or {}).values():
        out.extend(_idents_below(f))
    return out


def _name_free(folder_raw, name, what="name"):
    if name in (folder_raw.get("pages") or {}) or name in (folder_raw.get("folders") or {}):
        raise AdminError(f"this folder already holds a page or folder called {name!r}", what)


# ---- project settings ------------------------------------------------------------------------------

@operation
def set_project_brief(draft, brief):
    """Set the project's brief description (shown in the admin and by the ProjectName widgets)."""
    draft.data["brief"] = _check_text(brief, "brief", 1000)


@operation
def set_project_version(draft, version):
    """Set the project's own version string (shown by the Version widget), e.g. ``1.2.0``."""
    version = _check_text(version, "version", 100).strip()
    draft.data["version"] = version


@operation
def set_default_language(draft, language):
    """Set the default language (``en``, ``de-CH``...): used for TextBlocks when a visitor's
    language has none."""
    if not isinstance(language, str) or not _LANG.match(language):
        raise AdminError(f"{language!r} is not a language tag such as en or en-GB", "language")
    draft.data["default_language"] = language


@operation
def set_project_url(draft, url):
    """Set the URL path the project is served at (``/`` normally; ``/myproj`` under another)."""
    if not isinstance(url, str) or not _URL_PATH.match(url) or "//" in url or "/../" in url + "/":
        raise AdminError(f"{url!r} is not a URL path such as / or /myproj", "url")
    draft.data["url"] = url


# ---- folders ----------------------------------------------------------------------------------------

@operation
def create_folder(draft, parent, name, brief="", restricted=False, ident=None):
    """Create an empty folder ``name`` in folder ``parent``; returns its ident.

    A restricted folder's pages cannot be reached by URL, only through responders or labels."""
    index = item_index(draft)
    pentry = resolve_item(draft, parent, "folder", index, "parent")
    _check_name(name)
    _name_free(pentry.raw, name)
    brief = _check_text(brief, "brief", 1000)
    restricted = _check_bool(restricted, "restricted")
    num = _new_ident(draft, ident, index)
    pentry.raw.setdefault("folders", {})[name] = {
        "ident": num, "brief": brief, "default_page_name": "index", "restricted": restricted,
        "folders": {}, "pages": {}}
    return num


def _rename(draft, item, name, want):
    entry = resolve_item(draft, item, want)
    if entry.parent is None:
        raise AdminError("the root folder has no name to change", "item")
    _check_name(name)
    if name == entry.name:
        return
    _name_free(entry.parent, name)
    key = "folders" if entry.is_folder else "pages"
    entries = entry.parent[key]
    # keep the position of the renamed entry
    entry.parent[key] = {(name if k == entry.name else k): v for k, v in entries.items()}
    if entry.is_folder:
        return
    # a renamed default page stays the default
    if entry.parent.get("default_page_name", "index") == entry.name:
        entry.parent["default_page_name"] = name


@operation
def rename_folder(draft, folder, name):
    """Rename a folder (its URL segment); links by ident keep working."""
    _rename(draft, folder, name, "folder")


@operation
def rename_page(draft, page, name):
    """Rename a page (its URL); links by ident keep working.  A folder's default page stays its default."""
    _rename(draft, page, name, "page")


@operation
def set_brief(draft, item, brief):
    """Set the brief description of a folder or page."""
    entry = resolve_item(draft, item)
    entry.raw["brief"] = _check_text(brief, "brief", 1000)


@operation
def set_folder_restricted(draft, folder, restricted):
    """Restrict a folder (its pages and sub-folders cannot be reached by URL) or open it."""
    entry = resolve_item(draft, folder, "folder")
    if entry.parent is None and _check_bool(restricted, "restricted"):
        raise AdminError("the root folder cannot be restricted", "restricted")
    entry.raw["restricted"] = _check_bool(restricted, "restricted")


@operation
def set_default_page(draft, folder, page_name):
    """Choose the page shown for the folder's own URL (``folder/``), by the page's name."""
    entry = resolve_item(draft, folder, "folder")
    if not isinstance(page_name, str) or page_name not in (entry.raw.get("pages") or {}):
        names = ", ".join(sorted(entry.raw.get("pages") or {})) or "none"
        raise AdminError(f"{entry.describe()} has no page called {page_name!r} (its pages: {names})",
                         "page_name")
    entry.raw["default_page_name"] = page_name


@operation
def set_access(draft, item, login=False, role=""):
    """Require a logged-in user (and optionally a role) to see a folder's or a page's content.

    ``login=False`` removes the requirement (the item then inherits its folder's)."""
    entry = resolve_item(draft, item)
    login = _check_bool(login, "login")
    role = _check_text(role or "", "role", 50).strip()
    if role and not re.match(r"^[A-Za-z0-9_\-]+$", role):
        raise AdminError("a role is letters, digits, '_' and '-'", "role")
    if not login:
        if role:
            raise AdminError("a role needs login: set login to true", "role")
        entry.raw.pop("access", None)
        return
    entry.raw["access"] = {"login": True, "role": role} if role else {"login": True}


def _folder_contains(raw, target):
    """True when folder ``target`` is ``raw`` or anywhere below it."""
    if raw is target:
        return True
    return any(_folder_contains(f, target) for f in (raw.get("folders") or {}).values())


@operation
def move_item(draft, item, folder):
    """Move a page or folder (with its contents) into ``folder``; idents do not change."""
    index = item_index(draft)
    entry = resolve_item(draft, item, None, index)
    dest = resolve_item(draft, folder, "folder", index, "folder")
    if entry.parent is None:
        raise AdminError("the root folder cannot be moved", "item")
    if entry.is_folder and _folder_contains(entry.raw, dest.raw):
        raise AdminError("a folder cannot be moved into itself or one of its own sub-folders", "folder")
    if dest.raw is entry.parent:
        return
    _name_free(dest.raw, entry.name, "folder")
    key = "folders" if entry.is_folder else "pages"
    del entry.parent[key][entry.name]
    dest.raw.setdefault(key, {})[entry.name] = entry.raw


@operation
def move_page(draft, page, folder):
    """Move a page into another folder (its ident, and so every link to it, stays)."""
    resolve_item(draft, page, "page")
    move_item(draft, page, folder)


@operation
def move_folder(draft, folder, parent):
    """Move a folder, with everything in it, into another folder."""
    resolve_item(draft, folder, "folder")
    move_item(draft, folder, parent)


@operation
def delete_folder(draft, folder, recursive=False):
    """Delete a folder.  A folder holding pages or folders is refused unless ``recursive``
    is true, which deletes everything in it.  Returns the idents deleted."""
    entry = resolve_item(draft, folder, "folder")
    if entry.parent is None:
        raise AdminError("the root folder cannot be deleted", "folder")
    recursive = _check_bool(recursive, "recursive")
    inside = len(entry.raw.get("pages") or {}) + len(entry.raw.get("folders") or {})
    if inside and not recursive:
        raise AdminError(f"{entry.describe()} is not empty ({inside} item(s) in it): move or delete "
                         "them first, or delete recursively", "recursive")
    gone = _idents_below(entry.raw)
    del entry.parent["folders"][entry.name]
    _retire(draft, gone)
    return gone


# ---- pages ------------------------------------------------------------------------------------------

def _head(title, defaults):
    parts = [
        ["ClosedPart", {"tag_name": "meta", "brief": "character set", "show": True, "attribs": {"charset": "utf-8"}}],
        ["ClosedPart", {"tag_name": "meta", "brief": "viewport for phones", "show": True,
                        "attribs": {"name": "viewport", "content": "width=device-width, initial-scale=1"}}],
        ["Part", {"tag_name": "title", "brief": "the page title", "show": True, "hide_if_empty": False,
                  "parts": [["Text", title]]}],
    ]
    for label in defaults.get("css_links") or ():
        parts.append(["ClosedPart", {"tag_name": "link", "brief": f"stylesheet {label}", "show": True,
                                     "attribs": {"rel": "stylesheet", "href": "{" + str(label) + "}"}}])
    for label in defaults.get("js_links") or ():
        parts.append(["Part", {"tag_name": "script", "brief": f"script {label}", "show": True,
                               "hide_if_empty": False, "attribs": {"src": "{" + str(label) + "}"}, "parts": []}])
    return ["Part", {"tag_name": "head", "brief": "the page head", "show": True, "hide_if_empty": False,
                     "parts": parts}]


def _new_widget(draft, class_path, name="", brief="", fields=None):
    try:
        cls = widget_class(class_path)
    except KeyError as exc:
        raise AdminError(f"{exc.args[0]}: choose a class from the widget catalogue", "widget_class") from None
    values = {}
    proj = ((draft.defaults.get("widgets") or {}).get(cls.module_name()) or {}).get(cls.__name__) or {}
    for fname, f in cls.field_table.items():
        value = copy.deepcopy(cls.defaults[fname])
        if fname in proj:
            try:
                value = check_field_value(draft, f, proj[fname])
            except AdminError:
                pass
        values[fname] = value
    for fname, value in (fields or {}).items():
        f = cls.field_table.get(fname)
        if f is None:
            raise AdminError(f"{cls.class_path()} has no field {fname!r}", "fields")
        values[fname] = check_field_value(draft, f, value)
    body = {"class": cls.class_path(), "name": name, "brief": brief, "fields": values}
    for i in range(cls.containers):
        body[f"container_{i}"] = []
    return ["ClosedWidget" if cls.void else "Widget", body]


def _new_page_raw(draft, page_type, ident, name, brief, settings):
    settings = dict(settings or {})
    if page_type == "template":
        title = _check_text(settings.pop("title", None) or brief or name, "title", 500)
        lang = settings.pop("lang", None)
        defaults = draft.defaults
        body_attribs = {}
        if defaults.get("body_class"):
            body_attribs["class"] = str(defaults["body_class"])
        body = ["Part", {"tag_name": "body", "brief": "the page body", "show": True, "hide_if_empty": False,
                         "attribs": body_attribs,
                         "parts": [_new_widget(draft, "error_messages.ErrorPara", "top_error",
                                               "shows error messages")]}]
        raw = {"ident": ident, "brief": brief, "TemplatePage": {
            "show_backcol": False, "backcol": str(defaults.get("backcol") or ""), "last_scroll": False,
            "interval": 0, "interval_target": "", "lang": "", "default_error_widget": ["", "top_error"]},
            "head": _head(title, defaults), "body": body}
        if lang is not None:
            settings["lang"] = lang
        if settings:
            _apply_template_settings(draft, raw, settings)
        return raw
    if page_type == "responder":
        responder = settings.pop("responder", None) or settings.pop("class", None)
        from ..responders import RESPONDERS
        if not isinstance(responder, str) or responder not in RESPONDERS:
            raise AdminError(f"choose a responder class: {', '.join(RESPONDERS)}", "responder")
        raw = {"ident": ident, "brief": brief, "RespondPage": {"class": responder, "original_args": {},
                                                              "original_fields": {}}}
        args = settings.pop("args", None) or {}
        fields = settings.pop("fields", None)
        if settings:
            raise AdminError(f"unknown responder page settings: {', '.join(settings)} "
                             "(use responder, args and fields)", "settings")
        _apply_responder_args(draft, raw, args)
        if fields:
            raw["RespondPage"]["original_fields"] = _check_responder_fields(draft, responder, fields)
        return raw
    if page_type == "css":
        raw = {"ident": ident, "brief": brief, "CSS": {"style": {}, "enable_cache": False}}
        style = settings.pop("style", None)
        if style:
            raw["CSS"]["style"] = _check_style(style)
        if "enable_cache" in settings:
            raw["CSS"]["enable_cache"] = _check_bool(settings.pop("enable_cache"), "enable_cache")
        _no_more(settings)
        return raw
    if page_type == "svg":
        width = _check_text(settings.pop("width", "100"), "width", 20)
        height = _check_text(settings.pop("height", "100"), "height", 20)
        cache = _check_bool(settings.pop("enable_cache", False), "enable_cache")
        _no_more(settings)
        return {"ident": ident, "brief": brief,
                "SVG": {"width": width, "height": height, "css_list": [], "enable_cache": cache},
                "svg": ["Part", {"tag_name": "svg", "brief": "the svg image", "show": True, "hide_if_empty": False,
                                 "attribs": {"xmlns": "http://www.w3.org/2000/svg", "width": width,
                                             "height": height}, "parts": []}]}
    if page_type == "json":
        content = settings.pop("content", None) or {}
        cache = _check_bool(settings.pop("enable_cache", False), "enable_cache")
        _no_more(settings)
        if not isinstance(content, dict):
            raise AdminError("content must be an object of 'widget:field' -> value", "content")
        checked = {}
        for k, v in content.items():
            checked[_check_json_key(k)] = _check_json_value(v)
        return {"ident": ident, "brief": brief, "JSON": {"content": checked, "enable_cache": cache}}
    if page_type == "file":
        raw = {"ident": ident, "brief": brief, "FilePage": {"filepath": "", "enable_cache": False}}
        _apply_file_settings(raw, settings)
        return raw
    raise AdminError(f"unknown page type {page_type!r}: choose one of {', '.join(PAGE_KINDS)}", "page_type")


def _no_more(settings):
    if settings:
        raise AdminError(f"unknown settings for this page type: {', '.join(map(str, settings))}", "settings")


@operation
def create_page(draft, folder, name, page_type, brief="", ident=None, settings=None):
    """Create a page in ``folder``; returns its ident.

    ``page_type`` is ``template``, ``responder``, ``css``, ``svg``, ``json`` or ``file``.
    ``settings`` depends on the type: template ``{title, lang, ...template settings}``
    (a new template gets a head with charset, viewport, title and the defaults' CSS/JS links,
    and a body with a ``top_error`` ErrorPara as its default error widget); responder
    ``{responder: "AllowStore", args: {...}, fields: {...}}``; css ``{style, enable_cache}``;
    svg ``{width, height, enable_cache}``; json ``{content, enable_cache}``; file
    ``{filepath, mimetype, enable_cache}``."""
    index = item_index(draft)
    fentry = resolve_item(draft, folder, "folder", index, "folder")
    _check_name(name)
    _name_free(fentry.raw, name)
    brief = _check_text(brief, "brief", 1000)
    if settings is not None and not isinstance(settings, dict):
        raise AdminError("settings must be an object", "settings")
    if page_type not in PAGE_KINDS:
        raise AdminError(f"unknown page type {page_type!r}: choose one of {', '.join(PAGE_KINDS)}", "page_type")
    floor = draft.meta.get("ident_floor")
    num = _new_ident(draft, ident, index)
    try:
        raw = _new_page_raw(draft, page_type, num, name, brief, settings)
    except AdminError:
        draft.meta["ident_floor"] = floor
        raise
    fentry.raw.setdefault("pages", {})[name] = raw
    return num


@operation
def copy_page(draft, page, folder=None, name=None, ident=None):
    """Copy a page (to ``folder``, default its own) under a new ident; returns the new ident.

    ``name`` defaults to the page's name plus ``_copy``."""
    index = item_index(draft)
    entry = resolve_item(draft, page, "page", index, "page")
    dest = resolve_item(draft, folder, "folder", index, "folder") if folder not in (None, "") else \
        index[0] if entry.parent is index[0].raw else index[entry.parent["ident"]]
    if name in (None, ""):
        name = f"{entry.name}_copy"
        n = 2
        while name in (dest.raw.get("pages") or {}) or name in (dest.raw.get("folders") or {}):
            name = f"{entry.name}_copy{n}"
            n += 1
    _check_name(name)
    _name_free(dest.raw, name)
    raw = copy.deepcopy(entry.raw)
    raw["ident"] = _new_ident(draft, ident, index)
    dest.raw.setdefault("pages", {})[name] = raw
    return raw["ident"]


@operation
def delete_page(draft, page):
    """Delete a page.  Links and responders pointing to it are reported when publishing."""
    entry = resolve_item(draft, page, "page", arg="page")
    del entry.parent["pages"][entry.name]
    _retire(draft, [entry.ident])
    return entry.ident


_TEMPLATE_SETTINGS = ("lang", "backcol", "show_backcol", "last_scroll", "interval", "interval_target",
                      "catch_to_html", "default_error_widget")


def _apply_template_settings(draft, raw, settings):
    tp = raw["TemplatePage"]
    new = {}
    for key, value in settings.items():
        if key not in _TEMPLATE_SETTINGS:
            raise AdminError(f"unknown template setting {key!r} (known: {', '.join(_TEMPLATE_SETTINGS)})", key)
        if key == "lang":
            value = _check_text(value or "", key, 40)
            if value and not _LANG.match(value):
                raise AdminError(f"{value!r} is not a language tag such as en or en-GB", key)
        elif key == "backcol":
            value = _check_text(value or "", key, 60)
            if value and not re.match(r"^[#A-Za-z0-9(),.%\s\-]+$", value):
                raise AdminError(f"{value!r} is not a colour such as #ffffff or white", key)
        elif key in ("show_backcol", "last_scroll"):
            value = _check_bool(value, key)
        elif key == "interval":
            value = _check_int(value or 0, key, 0, 86400)
        elif key in ("interval_target", "catch_to_html"):
            value = check_page_ref(draft, value, key)
            value = "" if value is None else value
        elif key == "default_error_widget":
            if isinstance(value, str):
                value = value.split("-", 1) if "-" in value else ["", value]
            if not (isinstance(value, (list, tuple)) and len(value) == 2):
                raise AdminError("default_error_widget is [section alias, widget name] or 'widget'", key)
            alias, wname = (_check_text(v or "", key, 100) for v in value)
            if wname and not _WIDGET_NAME.match(wname):
                raise AdminError(f"{wname!r} is not a widget name", key)
            value = [alias, wname]
        new[key] = value
    tp.update(new)


@operation
def set_template_settings(draft, page, **settings):
    """Set a Template page's settings: ``lang`` (html lang attribute), ``backcol`` and
    ``show_backcol`` (background colour), ``last_scroll`` (keep the scroll position),
    ``interval`` (seconds between JSON refreshes, 0 = none) and ``interval_target`` (the
    JSON page or responder called), ``catch_to_html`` (page shown when a JSON call fails),
    ``default_error_widget`` (``[section alias, widget name]`` that shows errors)."""
    entry = _page(draft, page, "TemplatePage")
    _apply_template_settings(draft, entry.raw, settings)


@operation
def set_svg_settings(draft, page, width=None, height=None, enable_cache=None):
    """Set an SVG page's width, height (e.g. ``100`` or ``50%``) and whether browsers may cache it."""
    entry = _page(draft, page, "SVG")
    s = entry.raw["SVG"]
    root = entry.raw.get("svg")
    changes = {}
    for key, value in (("width", width), ("height", height)):
        if value is not None:
            value = _check_text(value, key, 20).strip()
            if not re.match(r"^\d{1,6}(\.\d+)?(%|px|em|mm|cm|in|pt)?$", value):
                raise AdminError(f"{key} must be a size such as 100, 100px or 50%", key)
            changes[key] = value
    if enable_cache is not None:
        changes["enable_cache"] = _check_bool(enable_cache, "enable_cache")
    s.update(changes)
    if root and root[0] == "Part" and root[1].get("tag_name") == "svg":
        attribs = root[1].setdefault("attribs", {})
        for key in ("width", "height"):
            if key in changes and key in attribs:
                attribs[key] = changes[key]


@operation
def set_cache(draft, page, enable_cache):
    """Let browsers cache a CSS, JSON, SVG or File page (True) or not (False)."""
    entry = _page(draft, page, ("CSS", "JSON", "SVG", "FilePage"))
    entry.raw[entry.kind]["enable_cache"] = _check_bool(enable_cache, "enable_cache")


def _check_style(style):
    if not isinstance(style, dict):
        raise AdminError("style must be an object of selector -> [[property, value], ...]", "style")
    return {_check_selector(s): _check_declarations(d) for s, d in style.items()}


def _check_selector(selector):
    selector = _check_text(selector, "selector", 500).strip()
    if not selector or any(c in selector for c in "{}<"):
        raise AdminError(f"{selector!r} is not a CSS selector (no braces or '<')", "selector")
    return selector


def _check_declarations(properties):
    if isinstance(properties, dict):
        properties = list(properties.items())
    if not isinstance(properties, (list, tuple)):
        raise AdminError("properties must be a list of [property, value] pairs", "properties")
    out = []
    for pair in properties:
        if not isinstance(pair, (list, tuple)) or len(pair) != 2:
            raise AdminError(f"{pair!r} is not a [property, value] pair", "properties")
        prop = _check_text(pair[0], "property", 100).strip()
        value = _check_text(pair[1], "value", 2000).strip()
        if not re.match(r"^-?[A-Za-z][A-Za-z0-9\-]*$", prop):
            raise AdminError(f"{prop!r} is not a CSS property name", "properties")
        if any(c in value for c in "{};") or "</" in value:
            raise AdminError(f"the value of {prop} may not contain braces, ';' or '</'", "properties")
        out.append([prop, value])
    return out


@operation
def set_css_selector(draft, page, selector, properties, index=None):
    """Add or replace a selector of a CSS page with its ``[[property, value], ...]`` list;
    a new selector goes at position ``index`` (default: last)."""
    entry = _page(draft, page, "CSS")
    selector = _check_selector(selector)
    decls = _check_declarations(properties)
    style = entry.raw["CSS"].setdefault("style", {})
    if selector in style or index is None:
        style[selector] = decls
        return
    items = list(style.items())
    pos = _check_int(index, "index", 0, len(items))
    items.insert(pos, (selector, decls))
    entry.raw["CSS"]["style"] = dict(items)


@operation
def delete_css_selector(draft, page, selector):
    """Remove a selector from a CSS page."""
    entry = _page(draft, page, "CSS")
    style = entry.raw["CSS"].setdefault("style", {})
    if selector not in style:
        raise NotFound(f"{entry.describe()} has no selector {selector!r}", "selector")
    del style[selector]


@operation
def move_css_selector(draft, page, selector, index):
    """Move a selector of a CSS page to position ``index`` (0 = first)."""
    entry = _page(draft, page, "CSS")
    style = entry.raw["CSS"].setdefault("style", {})
    if selector not in style:
        raise NotFound(f"{entry.describe()} has no selector {selector!r}", "selector")
    items = [(k, v) for k, v in style.items() if k != selector]
    pos = _check_int(index, "index", 0, len(items))
    items.insert(pos, (selector, style[selector]))
    entry.raw["CSS"]["style"] = dict(items)


_JSON_SPECIAL = ("show_error", "ident_list", "localStorage", "sessionStorage", "clear_error",
                 "CatchToHTML", "backcol", "throbber", "interval", "interval_target", "JSONtoHTML",
                 "status", "javascript", "ident", "add_dict")


def _check_json_key(key):
    key = _check_text(key, "key", 300).strip()
    if not (_WIDGFIELD.match(key) or key in _JSON_SPECIAL or re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", key)):
        raise AdminError(f"{key!r} is not a JSON page key: use 'widget:field', 'alias-widget:field' "
                         "or a page setting such as show_error", "key")
    return key


def _check_json_value(value):
    try:
        text = json.dumps(value)
    except (TypeError, ValueError):
        raise AdminError("the value must be JSON data (text, number, true/false, list or object)", "value") from None
    if len(text) > 100_000:
        raise AdminError("the value is too large", "value")
    return json.loads(text)


@operation
def set_json_content(draft, page, key, value):
    """Set one ``"widget:field": value`` pair (or a page setting) that a JSON page returns."""
    entry = _page(draft, page, "JSON")
    entry.raw["JSON"].setdefault("content", {})[_check_json_key(key)] = _check_json_value(value)


@operation
def delete_json_content(draft, page, key):
    """Remove one key from a JSON page's content."""
    entry = _page(draft, page, "JSON")
    content = entry.raw["JSON"].setdefault("content", {})
    if key not in content:
        raise NotFound(f"{entry.describe()} has no key {key!r}", "key")
    del content[key]


def _check_filepath(path):
    path = _check_text(path or "", "filepath", 1000).strip()
    if not path:
        return ""
    if path.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", path) or "\\" in path:
        raise AdminError("filepath is relative to the project files folder (e.g. myproj/static/logo.png), "
                         "not an absolute path", "filepath")
    if ".." in path.split("/") or any(seg in ("", ".") for seg in path.split("/")[:-1]):
        raise AdminError("filepath may not contain '..', '.' or empty segments", "filepath")
    return path


def _apply_file_settings(raw, settings):
    fp = raw["FilePage"]
    settings = dict(settings)
    new = {}
    if "filepath" in settings:
        new["filepath"] = _check_filepath(settings.pop("filepath"))
    if "mimetype" in settings:
        mt = _check_text(settings.pop("mimetype") or "", "mimetype", 200).strip()
        if mt and not re.match(r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+\-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+\-]*"
                               r"(\s*;\s*[A-Za-z0-9_\-]+=[A-Za-z0-9_.\-\"]+)*$", mt):
            raise AdminError(f"{mt!r} is not a content type such as image/png", "mimetype")
        new["mimetype"] = mt
    if "enable_cache" in settings:
        new["enable_cache"] = _check_bool(settings.pop("enable_cache"), "enable_cache")
    _no_more(settings)
    if new.get("mimetype") == "":
        del new["mimetype"]
        fp.pop("mimetype", None)
    fp.update(new)


@operation
def set_file_settings(draft, page, filepath=None, mimetype=None, enable_cache=None):
    """Set a File page's file (``filepath`` relative to the project files folder, e.g.
    ``myproj/static/logo.png``; empty = ``NAME/static/PAGENAME``), its content type
    (``mimetype``, empty = guessed from the name) and whether browsers may cache it."""
    entry = _page(draft, page, "FilePage")
    settings = {k: v for k, v in (("filepath", filepath), ("mimetype", mimetype),
                                  ("enable_cache", enable_cache)) if v is not None}
    _apply_file_settings(entry.raw, settings)


# ---- responders --------------------------------------------------------------------------------------

def _responder_settings(name):
    from ..responders import RESPONDERS
    try:
        return responder_settings(name)
    except (KeyError, TypeError):
        raise AdminError(f"unknown responder {name!r}: choose one of {', '.join(RESPONDERS)}",
                         "responder") from None


def _check_responder_arg(draft, name, key, value, index=None):
    uses, _needs, _fields = _responder_settings(name)
    if key not in RESPONDER_ARGS:
        raise AdminError(f"unknown responder setting {key!r} (known: {', '.join(RESPONDER_ARGS)})", key)
    if key not in uses:
        raise AdminError(f"the {name} responder does not use {key!r} (it uses: {', '.join(uses) or 'nothing'})",
                         key)
    kind = RESPONDER_ARGS[key][0]
    if kind == "page":
        return check_page_ref(draft, value, key, index=index)
    if kind == "pages":
        if value in (None, ""):
            return []
        if not isinstance(value, (list, tuple)):
            value = [value]
        return [check_page_ref(draft, v, key, required=True, index=index) for v in value]
    if kind == "strings":
        if value in (None, ""):
            return []
        if isinstance(value, str):
            value = [v.strip() for v in re.split(r"[\n,]", value) if v.strip()]
        if not isinstance(value, (list, tuple)):
            raise AdminError(f"{key} must be a list of strings", key)
        out = [_check_text(v, key, 200) for v in value]
        if len(out) > 50:
            raise AdminError(f"{key} has too many items", key)
        return out
    if kind == "boolean":
        return _check_bool(value, key)
    text = _check_text(value if value is not None else "", key, 300).strip()
    if key == "widgfield" and text and not (_WIDGFIELD.match(text) or re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", text)):
        raise AdminError(f"{text!r} is not 'widget:field', 'alias-widget:field' or a call_data key", key)
    return text if text else None


def _apply_responder_args(draft, raw, args):
    rp = raw["RespondPage"]
    if not isinstance(args, dict):
        raise AdminError("args must be an object of setting -> value", "args")
    index = item_index(draft)
    checked = {key: _check_responder_arg(draft, rp["class"], key, value, index) for key, value in args.items()}
    rp.setdefault("original_args", {}).update(checked)


def _check_responder_fields(draft, name, fields, index=None):
    _uses, _needs, kind = _responder_settings(name)
    if fields in (None, ""):
        return {}
    if isinstance(fields, (list, tuple)):
        if not all(isinstance(f, str) for f in fields):
            raise AdminError("fields must be an object (or a list of field names)", "fields")
        fields = {f: "" for f in fields}
    if not isinstance(fields, dict):
        raise AdminError("fields must be an object", "fields")
    if kind == "none" and fields:
        raise AdminError(f"the {name} responder reads no fields", "fields")
    if kind in ("one_field", "one_key") and len(fields) > 1:
        raise AdminError(f"the {name} responder takes one field", "fields")
    out = {}
    for key, value in fields.items():
        key = _check_text(key, "field", 300).strip()
        if not key:
            raise AdminError("a field key may not be empty", "fields")
        if kind in ("widgfields", "widgfield_keys", "login_roles", "widgfield_devices") and not _WIDGFIELD.match(key):
            raise AdminError(f"{key!r} is not a widget field 'widget:field' or 'alias-widget:field'", "fields")
        if kind == "page_values":
            from ..pagedata import PAGE_VARIABLES
            if not (_WIDGFIELD.match(key) or key in PAGE_VARIABLES):
                raise AdminError(f"{key!r} is not 'widget:field' or a page setting "
                                 f"({', '.join(sorted(PAGE_VARIABLES))})", "fields")
            value = _check_json_value(value)
        elif kind == "widgfields":
            value = ""
        elif kind == "widgfield_keys":
            value = _check_text(value, "fields", 200).strip()
            if not value:
                raise AdminError(f"give the call_data key to store {key} under", "fields")
        elif kind == "widgfield_devices":
            value = _check_text(value, "fields", 64).strip()
            if not re.match(r"^[A-Za-z][A-Za-z0-9_\-]{0,63}$", value):
                raise AdminError(f"give the name of the device {key} sets", "fields")
        elif kind == "any":
            value = _check_json_value(value)
        elif kind == "login_roles":
            if value not in ("username", "password"):
                raise AdminError(f"{key} must map to 'username' or 'password'", "fields")
        elif kind == "value_targets":
            value = check_page_ref(draft, value, "fields", required=True, index=index)
        elif kind == "media_targets":
            if not key.startswith("@media") and not key.startswith("("):
                raise AdminError(f"{key!r} is not a media query such as '@media (max-width: 480px)'", "fields")
            num = check_page_ref(draft, value, "fields", required=True, index=index)
            value = str(num) if isinstance(num, int) else num
        elif kind == "key_values":
            value = _check_json_value(value)
        elif kind in ("one_field", "one_key"):
            if not re.match(r"^[A-Za-z_][A-Za-z0-9_:\-]*$", key):
                raise AdminError(f"{key!r} is not a field name", "fields")
            value = ""
        out[key] = value
    return out


@operation
def set_responder_class(draft, page, responder):
    """Change a Responder page's class.  Settings and fields the new class does not use are
    dropped; fields are kept only when the new class reads the same kind of fields."""
    entry = _page(draft, page, "RespondPage")
    uses, _needs, kind = _responder_settings(responder)
    rp = entry.raw["RespondPage"]
    try:
        old_kind = responder_settings(rp.get("class"))[2]
    except (KeyError, TypeError):
        old_kind = None
    rp["class"] = responder
    rp["original_args"] = {k: v for k, v in (rp.get("original_args") or {}).items() if k in uses}
    if kind != old_kind:
        rp["original_fields"] = {}


@operation
def set_responder_args(draft, page, **args):
    """Set settings of a Responder page (see the responder catalogue for which ones its
    class uses): ``target_ident``, ``fail_ident``, ``alternate_ident``,
    ``validate_fail_ident`` (ident numbers or labels), ``allowed_callers`` (a list of them),
    ``submit_list`` (strings), ``submit_option``/``validate_option`` (true/false),
    ``widgfield`` (``widget:field``), ``mimetype``.  A value of null/empty clears it."""
    entry = _page(draft, page, "RespondPage")
    _apply_responder_args(draft, entry.raw, args)


@operation
def set_responder_fields(draft, page, fields):
    """Replace a Responder page's fields (what they mean depends on the class: see its
    ``fields`` kind in the responder catalogue)."""
    entry = _page(draft, page, "RespondPage")
    rp = entry.raw["RespondPage"]
    rp["original_fields"] = _check_responder_fields(draft, rp["class"], fields)


@operation
def add_responder_field(draft, page, key, value=""):
    """Add (or change) one field of a Responder page."""
    entry = _page(draft, page, "RespondPage")
    rp = entry.raw["RespondPage"]
    fields = dict(rp.get("original_fields") or {})
    fields[key] = value
    rp["original_fields"] = _check_responder_fields(draft, rp["class"], fields)


@operation
def remove_responder_field(draft, page, key):
    """Remove one field of a Responder page."""
    entry = _page(draft, page, "RespondPage")
    fields = entry.raw["RespondPage"].setdefault("original_fields", {})
    if key not in fields:
        raise NotFound(f"{entry.describe()} has no field {key!r}", "key")
    del fields[key]


@operation
def add_allowed_caller(draft, page, caller):
    """Allow one more page (ident or label) to call a Responder page."""
    entry = _page(draft, page, "RespondPage")
    rp = entry.raw["RespondPage"]
    args = rp.setdefault("original_args", {})
    callers = list(args.get("allowed_callers") or [])
    value = _check_responder_arg(draft, rp["class"], "allowed_callers", [caller])[0]
    if value not in callers:
        callers.append(value)
    args["allowed_callers"] = callers


@operation
def remove_allowed_caller(draft, page, caller):
    """Remove a page from a Responder page's allowed callers."""
    entry = _page(draft, page, "RespondPage")
    args = entry.raw["RespondPage"].setdefault("original_args", {})
    callers = list(args.get("allowed_callers") or [])
    matches = [c for c in callers if c == caller or str(c) == str(caller)]
    if not matches:
        raise NotFound(f"{caller!r} is not an allowed caller of {entry.describe()}", "caller")
    args["allowed_callers"] = [c for c in callers if c not in matches]


@operation
def set_submit_list(draft, page, submit_list):
    """Set the strings a Responder page passes to ``submit_data`` (``use_submit_list``:
    ``package, module, function``)."""
    entry = _page(draft, page, "RespondPage")
    _apply_responder_args(draft, entry.raw, {"submit_list": submit_list})


# ---- widget field values ------------------------------------------------------------------------

def _scalar(draft, ftype, value, what):
    if ftype == "boolean":
        return _check_bool(value, what)
    if ftype == "integer":
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return _check_int(value, what)
    if ftype == "url":
        if isinstance(value, bool):
            raise AdminError(f"{what} must be an ident, a label or a URL", what)
        if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
            num = int(value)
            if draft is not None and num not in item_index(draft):
                raise AdminError(f"{what}: there is no page with ident {num}", what)
            return num
        return _check_text(value if value is not None else "", what, 2000)
    text = _check_text("" if value is None else value, what, MAX_TEXT)
    if ftype in ("date", "datetime") and text.strip():
        try:
            (datetime.date.fromisoformat if ftype == "date" else datetime.datetime.fromisoformat)(text.strip())
        except ValueError:
            raise AdminError(f"{what} must be a {ftype} such as "
                             f"{'2024-05-31' if ftype == 'date' else '2024-05-31T12:00:00'}", what) from None
    if ftype == "widgfield" and text.strip() and not (_WIDGFIELD.match(text.strip())
                                                      or re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", text.strip())):
        raise AdminError(f"{what}: {text!r} is not 'widget:field'", what)
    if ftype in ("cssclass", "cssstyle") and ("<" in text or "\n" in text.strip()):
        raise AdminError(f"{what}: a CSS class or style may not contain '<' or line breaks", what)
    return text


def check_field_value(draft, field, value):
    """``value`` checked and converted for widget field ``field`` (a ``widgets.base.Field``).

    Single values by type (boolean, integer, url: ident number/label/URL, date, datetime,
    text...), lists (a list, or text with one item per line), tables (rows of the field's
    columns) and dicts.  AdminError says what is wrong."""
    what = field.name
    shape = field.shape
    if shape == "arg":
        if isinstance(value, (list, dict)):
            raise AdminError(f"{what} holds a single value, not a list or dict", what)
        return _scalar(draft, field.ftype, value, what)
    if shape == "list":
        if value in (None, ""):
            return []
        if isinstance(value, str):
            value = value.splitlines()
        if not isinstance(value, (list, tuple)):
            raise AdminError(f"{what} holds a list of values", what)
        if len(value) > 10_000:
            raise AdminError(f"{what} has too many items", what)
        return [_scalar(draft, field.ftype, v, what) for v in value]
    if shape == "table":
        if value in (None, ""):
            return []
        if not isinstance(value, (list, tuple)):
            raise AdminError(f"{what} holds a table: a list of rows", what)
        cols = list(getattr(field, "ftypes", ())) or []
        rows = []
        for row in value:
            if not isinstance(row, (list, tuple)):
                row = [row]
            if cols and len(row) > len(cols):
                raise AdminError(f"{what}: a row has {len(row)} cells but the table has {len(cols)} columns", what)
            if cols:
                row = list(row) + [""] * (len(cols) - len(row))
                rows.append([_scalar(draft, t, r, what)
                             for t, r in zip(cols, row, strict=True)])
            else:
                rows.append([_check_text(r, what) for r in row])
        return rows
    if shape == "dict":
        if value in (None, ""):
            return {}
        if isinstance(value, (list, tuple)):
            try:
                value = dict(value)
            except (TypeError, ValueError):
                raise AdminError(f"{what} holds key -> value pairs", what) from None
        if not isinstance(value, dict):
            raise AdminError(f"{what} holds key -> value pairs", what)
        return {_check_text(k, what, 300): _scalar(draft, field.ftype, v, what) for k, v in value.items()}
    raise AdminError(f"{what}: unknown field shape {shape!r}", what)


# ---- trees ---------------------------------------------------------------------------------------

def tree_of(draft, page=None, section=None, location=None, create=True):
    """The ``Tree`` a location is in: of ``page`` (Template: head/body; SVG: svg) or of
    ``section``; ``location`` (its first item) chooses the page's tree."""
    if (page is None) == (section is None):
        raise AdminError("name either a page (page=) or a section (section=)", "page")
    root_name = parse_location(location)[0] if location is not None else None
    if section is not None:
        tree = draft.sections.get(section)
        if tree is None:
            raise NotFound(f"there is no section {section!r}", "section")
        if root_name not in (None, "section"):
            raise AdminError(f"locations in a section start with 'section', not {root_name!r}", "location")
        return Tree(tree, "section", f"section {section!r}")
    entry = _page(draft, page, ("TemplatePage", "SVG"))
    if entry.kind == "SVG":
        if root_name not in (None, "svg"):
            raise AdminError(f"locations in an SVG page start with 'svg', not {root_name!r}", "location")
        if "svg" not in entry.raw:
            if not create:
                raise NotFound(f"{entry.describe()} has no svg tree")
            s = entry.raw["SVG"]
            entry.raw["svg"] = ["Part", {"tag_name": "svg", "brief": "the svg image", "show": True,
                                         "hide_if_empty": False,
                                         "attribs": {"xmlns": "http://www.w3.org/2000/svg",
                                                     "width": str(s.get("width", "100")),
                                                     "height": str(s.get("height", "100"))}, "parts": []}]
        return Tree(entry.raw["svg"], "svg", f"{entry.describe()} svg")
    root_name = root_name or "body"
    if root_name not in ("head", "body"):
        raise AdminError(f"locations in a Template page start with head or body, not {root_name!r}", "location")
    return Tree(entry.raw[root_name], root_name, f"{entry.describe()} {root_name}")


def _owner_trees(draft, page=None, section=None):
    """Every tree of the page (head+body or svg) or the section: for name checks."""
    if section is not None:
        return [Tree(draft.sections[section], "section", section)]
    entry = _page(draft, page, ("TemplatePage", "SVG"))
    if entry.kind == "SVG":
        return [Tree(entry.raw["svg"], "svg", "svg")] if "svg" in entry.raw else []
    return [Tree(entry.raw[r], r, r) for r in ("head", "body")]


def _widget_names(trees, skip=None):
    names = set()
    for tree in trees:
        for _loc, node in tree.walk():
            if node is skip:
                continue
            if node[0] in ("Widget", "ClosedWidget") and node[1].get("name"):
                names.add(node[1]["name"])
    return names


def _placenames(trees):
    out = set()
    for tree in trees:
        for _loc, node in tree.walk():
            if node[0] == "SectionPlaceHolder":
                out.add(node[1].get("placename") or node[1].get("section_name"))
    return out


def _check_validator(d, field_name=""):
    if not isinstance(d, dict):
        raise AdminError("a validator is an object with a 'class' such as basic.MaxLength", "validator")
    try:
        v = validator_from_json(d)
    except (KeyError, TypeError, ValueError) as exc:
        msg = exc.args[0] if exc.args else str(exc)
        raise AdminError(f"validator on {field_name or 'the field'}: {msg}", "validator") from None
    problems = v.problems()
    if problems:
        raise AdminError(f"validator {v.class_path()} on {field_name or 'the field'}: {'; '.join(problems)}",
                         "validator")
    return v.to_json()


def check_element(draft, node, in_section=False, depth=0):
    """Check a ``[type, content]`` element (and everything in it) given as JSON; returns a
    cleaned copy.  Refuses unknown kinds, bad tags, unknown widget classes or fields, bad
    field values, bad validators, placeholders of missing sections (and any placeholder
    inside a section)."""
    if depth > 60:
        raise AdminError("the element is nested too deeply", "element")
    if not (isinstance(node, (list, tuple)) and len(node) == 2 and isinstance(node[0], str)):
        raise AdminError("an element is [kind, content], e.g. [\"Text\", \"hello\"]", "element")
    kind, body = node
    if kind == "Text":
        return ["Text", _check_text(body, "text")]
    if not isinstance(body, dict):
        raise AdminError(f"the content of a {kind} must be an object", "element")
    if kind in ("HTMLSymbol", "Comment"):
        text = _check_text(body.get("text", ""), "text", 10_000)
        if kind == "HTMLSymbol" and not _ENTITY.match(text):
            raise AdminError(f"{text!r} is not an HTML entity such as &nbsp; or &#169;", "text")
        return [kind, {"text": text}]
    if kind in ("Part", "ClosedPart", "Section"):
        # keys are kept as given (a round trip changes nothing); tag_name is always there
        out = {"tag_name": _check_tag(body.get("tag_name") or "div")}
        if "brief" in body:
            out["brief"] = _check_text(body["brief"], "brief", 1000)
        out["show"] = _check_bool(body.get("show", True), "show")
        if kind != "ClosedPart" and "hide_if_empty" in body:
            out["hide_if_empty"] = _check_bool(body["hide_if_empty"], "hide_if_empty")
        if "attribs" in body:
            out["attribs"] = _check_attribs(body["attribs"] or {})
        if kind != "ClosedPart" and "parts" in body:
            parts = body.get("parts") or []
            if not isinstance(parts, list):
                raise AdminError("parts must be a list of elements", "element")
            out["parts"] = [check_element(draft, p, in_section, depth + 1) for p in parts]
        extra = set(body) - {"tag_name", "brief", "show", "hide_if_empty", "attribs", "parts"}
        if extra:
            raise AdminError(f"unknown keys in a {kind}: {', '.join(sorted(extra))}", "element")
        return [kind, out]
    if kind == "TextBlock":
        out = {"textref": _check_textref(body.get("textref")),
               "failmessage": _check_text(body.get("failmessage", ""), "failmessage", 10_000),
               "escape": _check_bool(body.get("escape", True), "escape"),
               "linebreaks": _check_bool(body.get("linebreaks", True), "linebreaks"),
               "show": _check_bool(body.get("show", True), "show")}
        if body.get("project"):
            proj = _check_text(body["project"], "project", 100)
            if not proj.isalnum():
                raise AdminError("project is a project ident (letters and digits)", "project")
            out["project"] = proj
        if body.get("brief"):
            out["brief"] = _check_text(body["brief"], "brief", 1000)
        if body.get("replace_strings"):
            rs = body["replace_strings"]
            if not isinstance(rs, list):
                raise AdminError("replace_strings must be a list of strings", "replace_strings")
            out["replace_strings"] = [_check_text(s, "replace_strings", 10_000) for s in rs]
        return ["TextBlock", out]
    if kind == "SectionPlaceHolder":
        if in_section:
            raise AdminError("a section cannot hold a section placeholder", "element")
        return ["SectionPlaceHolder", _check_placeholder(draft, body)]
    if kind in ("Widget", "ClosedWidget"):
        try:
            cls = widget_class(body.get("class") or "")
        except KeyError as exc:
            raise AdminError(f"{exc.args[0]}: choose a class from the widget catalogue", "widget_class") from None
        name = body.get("name") or ""
        if name and (not isinstance(name, str) or not _WIDGET_NAME.match(name)):
            raise AdminError(f"widget name {name!r} is not allowed: letters, digits and '_', "
                             "not starting with a digit", "name")
        fields = body.get("fields") or {}
        if not isinstance(fields, dict):
            raise AdminError("widget fields must be an object", "fields")
        out = {"class": cls.class_path(), "name": name}
        if "brief" in body:
            out["brief"] = _check_text(body["brief"], "brief", 1000)
        out["fields"] = {}
        for fname, value in fields.items():
            f = cls.field_table.get(fname)
            if f is None:
                raise AdminError(f"{cls.class_path()} has no field {fname!r}", "fields")
            out["fields"][fname] = check_field_value(draft, f, value)
        for i in range(cls.containers):
            parts = body.get(f"container_{i}") or []
            if not isinstance(parts, list):
                raise AdminError(f"container_{i} must be a list of elements", "element")
            out[f"container_{i}"] = [check_element(draft, p, in_section, depth + 1) for p in parts]
        for key in body:
            if key.startswith("container_") and key not in out:
                raise AdminError(f"{cls.class_path()} has {cls.containers} container(s): {key} does not exist",
                                 "element")
        set_names = body.get("set_names") or {}
        if set_names:
            if not isinstance(set_names, dict):
                raise AdminError("set_names must be an object of field -> name", "set_names")
            out["set_names"] = {}
            for fname, new in set_names.items():
                if fname not in cls.field_table:
                    raise AdminError(f"set_names: {cls.class_path()} has no field {fname!r}", "set_names")
                if not isinstance(new, str) or not _FIELD_NAME.match(new):
                    raise AdminError(f"set_names: {new!r} is not a field name", "set_names")
                out["set_names"][fname] = new
        validators = body.get("validators") or {}
        if validators:
            if not isinstance(validators, dict):
                raise AdminError("validators must be an object of field -> list", "validators")
            out["validators"] = {}
            # validators are keyed by the name a field is submitted under (its set name, if any)
            own = {new: old for old, new in (out.get("set_names") or {}).items()}
            for fname, vlist in validators.items():
                f = cls.field_table.get(own.get(fname, fname))
                if f is None or not f.valdt:
                    raise AdminError(f"validators: {cls.class_path()} field {fname!r} does not take validators",
                                     "validators")
                if not isinstance(vlist, list):
                    raise AdminError("validators of a field are a list", "validators")
                out["validators"][fname] = [_check_validator(v, fname) for v in vlist]
        if "bindings" in body:
            out["bindings"] = _check_bindings(cls, body["bindings"])
        extra = set(body) - {"class", "name", "brief", "fields", "set_names", "validators", "bindings"} \
            - {k for k in body if k.startswith("container_")}
        if extra:
            raise AdminError(f"unknown keys in a widget: {', '.join(sorted(extra))}", "element")
        return ["ClosedWidget" if cls.void else "Widget", out]
    raise AdminError(f"unknown element kind {kind!r}: one of Part, ClosedPart, Text, HTMLSymbol, Comment, "
                     "TextBlock, Widget, SectionPlaceHolder", "element")


def _check_tag(tag):
    if not isinstance(tag, str) or not _TAG.match(tag):
        raise AdminError(f"{tag!r} is not an HTML tag name", "tag_name")
    return tag


def _check_attribs(attribs):
    if not isinstance(attribs, dict):
        raise AdminError("attribs must be an object of name -> value", "attribs")
    out = {}
    for k, v in attribs.items():
        if not isinstance(k, str) or not _ATTR.match(k):
            raise AdminError(f"{k!r} is not an attribute name", "attribs")
        out[k] = _check_text("" if v is None else v, k, 10_000)
    return out


def _check_textref(ref):
    if not isinstance(ref, str) or not _TEXTREF.match(ref):
        raise AdminError(f"{ref!r} is not a TextBlock reference (letters, digits, '_', '.', '-')", "textref")
    return ref


def _check_placeholder(draft, body):
    name = body.get("section_name")
    if name not in draft.sections:
        raise AdminError(f"there is no section {name!r}: create it first", "section_name")
    placename = body.get("placename") or name
    if not isinstance(placename, str) or not _WIDGET_NAME.match(placename):
        raise AdminError(f"{placename!r} is not a section alias: letters, digits and '_'", "placename")
    out = {"brief": _check_text(body.get("brief", ""), "brief", 1000), "section_name": name,
           "placename": placename,
           "multiplier": _check_int(body.get("multiplier") or 0, "multiplier", 0, 1000),
           "mtag": _check_tag(body.get("mtag") or "div")}
    if "show" in body:
        out["show"] = _check_bool(body["show"], "show")
    return out


def _dedupe(draft, element, taken, placenames):
    """Rename widgets (and placeholder aliases) of ``element`` that clash with ``taken``."""
    renamed = {}
    tree = Tree(element, "body", "element")
    for _loc, node in tree.walk():
        if node[0] in ("Widget", "ClosedWidget") and node[1].get("name"):
            name = node[1]["name"]
            if name in taken:
                base = re.sub(r"_\d+$", "", name) or name
                n = 2
                while f"{base}_{n}" in taken:
                    n += 1
                node[1]["name"] = f"{base}_{n}"
                renamed[name] = node[1]["name"]
            taken.add(node[1]["name"])
        elif node[0] == "SectionPlaceHolder":
            alias = node[1].get("placename") or node[1].get("section_name")
            if alias in placenames:
                n = 2
                while f"{alias}_{n}" in placenames:
                    n += 1
                node[1]["placename"] = f"{alias}_{n}"
                renamed[alias] = node[1]["placename"]
            placenames.add(node[1].get("placename") or node[1].get("section_name"))
    return renamed


def _insert(draft, element, location, page=None, section=None, rename=True):
    tree = tree_of(draft, page, section, location)
    element = check_element(draft, element, in_section=section is not None)
    children, idx = tree.slot(location, inserting=True)
    if element[0] == "SectionPlaceHolder" and section is not None:
        raise AdminError("a section cannot hold a section placeholder", "element")
    trees = _owner_trees(draft, page, section)
    taken = _widget_names(trees)
    places = _placenames(trees)
    if rename:
        _dedupe(draft, element, taken, places)
    else:
        names = _widget_names([Tree(element, "body", "element")])
        clash = names & taken
        if clash:
            raise AdminError(f"a widget called {sorted(clash)[0]!r} is already in this "
                             f"{'section' if section is not None else 'page'}: choose another name", "name")
    children.insert(idx, element)
    return format_location(parse_location(location))


@operation
def insert_element(draft, location, element, page=None, section=None):
    """Insert an element given as JSON (``[kind, content]``, e.g. an uploaded block
    definition) at ``location``; widget names that clash with the page's get a ``_2`` suffix.
    Returns the location."""
    return _insert(draft, element, location, page, section)


@operation
def insert_part(draft, location, tag_name, brief="", attribs=None, hide_if_empty=False, page=None, section=None):
    """Insert an HTML element (``tag_name`` with ``attribs``) that can hold other items."""
    return _insert(draft, ["Part", {"tag_name": tag_name, "brief": brief, "show": True,
                                    "hide_if_empty": hide_if_empty, "attribs": attribs or {}, "parts": []}],
                   location, page, section, rename=False)


@operation
def insert_closed_part(draft, location, tag_name, brief="", attribs=None, page=None, section=None):
    """Insert an HTML element without content (``br``, ``hr``, ``img``, ``meta``...)."""
    return _insert(draft, ["ClosedPart", {"tag_name": tag_name, "brief": brief, "show": True,
                                          "attribs": attribs or {}}], location, page, section, rename=False)


@operation
def insert_text(draft, location, text, page=None, section=None):
    """Insert text (written into the page as it is: it may hold HTML)."""
    return _insert(draft, ["Text", text], location, page, section, rename=False)


@operation
def insert_html_symbol(draft, location, text, page=None, section=None):
    """Insert an HTML character entity such as ``&nbsp;``."""
    return _insert(draft, ["HTMLSymbol", {"text": text}], location, page, section, rename=False)


@operation
def insert_comment(draft, location, text, page=None, section=None):
    """Insert an HTML comment."""
    return _insert(draft, ["Comment", {"text": text}], location, page, section, rename=False)


@operation
def insert_textblock(draft, location, textref, failmessage="", escape=True, linebreaks=True, project="",
                     brief="", page=None, section=None):
    """Insert a TextBlock reference: the text of ``textref`` in the visitor's language
    (``failmessage`` shows when there is none; ``escape`` makes HTML show as text;
    ``linebreaks`` turns line breaks into ``<br />``; ``project`` reads another project's)."""
    body = {"textref": textref, "failmessage": failmessage, "escape": escape, "linebreaks": linebreaks,
            "show": True}
    if project:
        body["project"] = project
    if brief:
        body["brief"] = brief
    return _insert(draft, ["TextBlock", body], location, page, section, rename=False)


@operation
def insert_widget(draft, location, widget_class, name, brief="", fields=None, page=None, section=None):
    """Insert a widget of ``widget_class`` (``module.Class`` from the catalogue) named
    ``name`` (its HTML id; letters, digits, '_'), with every field at its default (the
    class's, or the project's from defaults.json) and ``fields`` overriding some."""
    if not isinstance(name, str) or (name and not _WIDGET_NAME.match(name)):
        raise AdminError(f"widget name {name!r} is not allowed: letters, digits and '_', not starting "
                         "with a digit", "name")
    if fields is not None and not isinstance(fields, dict):
        raise AdminError("fields must be an object of field -> value", "fields")
    element = _new_widget(draft, widget_class, name, _check_text(brief, "brief", 1000), fields)
    return _insert(draft, element, location, page, section, rename=False)


@operation
def insert_section_placeholder(draft, location, section_name, placename="", multiplier=0, mtag="div", brief="",
                               page=None, section=None):
    """Place section ``section_name`` here under the alias ``placename`` (default: the
    section's name; widget ids inside become ``alias-name``); ``multiplier`` > 0 repeats it
    that many times inside an ``mtag`` element."""
    if section is not None:
        raise AdminError("a section cannot hold a section placeholder", "section")
    body = {"brief": brief, "section_name": section_name, "placename": placename or section_name,
            "multiplier": multiplier, "mtag": mtag}
    trees = _owner_trees(draft, page, section)
    if (placename or section_name) in _placenames(trees):
        raise AdminError(f"this page already has a section placed as {placename or section_name!r}: "
                         "give another alias", "placename")
    return _insert(draft, ["SectionPlaceHolder", body], location, page, section, rename=False)


def _contains(outer, loc):
    return len(loc) > len(outer) and loc[:len(outer)] == outer


@operation
def move_element(draft, location, to, page=None, section=None):
    """Move the item at ``location`` to ``to`` in the same tree.

    ``to`` names the slot in the tree as it is now: the item goes before whatever is at
    ``to`` (or at the end when ``to`` is one past the last).  An item cannot move into
    itself.  Returns its new location."""
    tree = tree_of(draft, page, section, location)
    src = parse_location(location)
    dst = parse_location(to)
    tree.check_root(dst)
    if dst == src:
        return format_location(src)
    if _contains(src, dst):
        raise AdminError("an item cannot be moved into itself", "to")
    children, idx = tree.slot(src)
    dchildren, didx = tree.slot(dst, inserting=True)
    node = children[idx]
    # adjust the destination for the removal of the source
    new = list(dst)
    if len(dst) >= len(src) and dst[:len(src) - 1] == src[:-1] and dst[len(src) - 1] > src[-1]:
        new[len(src) - 1] -= 1
    del children[idx]
    if dchildren is children and didx > idx:
        didx -= 1
    dchildren.insert(didx, node)
    return format_location(tuple(new))


@operation
def shift_element(draft, location, direction, page=None, section=None):
    """Move an item one step: ``up`` / ``down`` (swap with its neighbour), ``in`` (into the
    HTML element just above it, as its last item) or ``out`` (out of its parent, just after
    it).  Returns the new location."""
    loc = parse_location(location)
    tree = tree_of(draft, page, section, location)
    children, idx = tree.slot(loc)
    if direction == "up":
        if idx == 0:
            raise AdminError("the item is already first", "direction")
        return move_element(draft, loc, loc[:-1] + (idx - 1,), page, section)
    if direction == "down":
        if idx >= len(children) - 1:
            raise AdminError("the item is already last", "direction")
        return move_element(draft, loc, loc[:-1] + (idx + 2,), page, section)
    if direction == "in":
        if idx == 0 or children[idx - 1][0] not in ("Part", "Section"):
            raise AdminError("there is no HTML element just above this item to move it into", "direction")
        above = children[idx - 1]
        n = len(above[1].get("parts") or [])
        return move_element(draft, loc, loc[:-1] + (idx - 1, n), page, section)
    if direction == "out":
        parent = loc[:-2] if isinstance(loc[-2], str) else loc[:-1]
        if len(parent) < 2:
            raise AdminError("the item is already at the top of the tree", "direction")
        return move_element(draft, loc, parent[:-1] + (parent[-1] + 1,), page, section)
    raise AdminError("direction is up, down, in or out", "direction")


@operation
def copy_element(draft, location, to, page=None, section=None, to_page=None, to_section=None):
    """Copy the item at ``location`` to ``to`` (in the same tree, or in ``to_page`` /
    ``to_section``); copied widgets whose names are taken get a ``_2`` suffix.  Returns the
    copy's location."""
    node = copy.deepcopy(tree_of(draft, page, section, location).node(location))
    if to_page is None and to_section is None:
        to_page, to_section = page, section
    return _insert(draft, node, to, to_page, to_section)


@operation
def delete_element(draft, location, page=None, section=None):
    """Delete the item at ``location`` (with everything inside it)."""
    tree = tree_of(draft, page, section, location)
    children, idx = tree.slot(location)
    del children[idx]


@operation(changes=False)
def copy_to_clipboard(draft, location, page=None, section=None):
    """Copy the item at ``location`` to your clipboard (paste it with ``paste_from_clipboard``)."""
    node = tree_of(draft, page, section, location).node(location)
    if parse_location(location)[1:] == ():
        raise AdminError("the root of a tree cannot be copied: copy an item inside it", "location")
    draft.clipboard = copy.deepcopy(node)
    return _summary(node)


@operation
def cut_to_clipboard(draft, location, page=None, section=None):
    """Move the item at ``location`` to your clipboard (it is removed from the tree)."""
    tree = tree_of(draft, page, section, location)
    children, idx = tree.slot(location)
    draft.clipboard = copy.deepcopy(children[idx])
    del children[idx]
    return _summary(draft.clipboard)


@operation
def paste_from_clipboard(draft, location, page=None, section=None):
    """Insert a copy of your clipboard's item at ``location``; returns the location."""
    if draft.clipboard is None:
        raise AdminError("the clipboard is empty: copy or cut an item first", "clipboard")
    return _insert(draft, copy.deepcopy(draft.clipboard), location, page, section)


def _summary(node):
    kind, body = node
    if kind == "Text":
        return {"kind": kind, "text": body[:80]}
    if kind in ("Widget", "ClosedWidget"):
        return {"kind": kind, "class": body.get("class"), "name": body.get("name", "")}
    return {"kind": kind, "tag_name": body.get("tag_name", ""), "brief": body.get("brief", "")}


def _node(draft, location, page, section, kinds=None):
    node = tree_of(draft, page, section, location).node(location)
    if kinds is not None and node[0] not in kinds:
        raise AdminError(f"the item at {format_location(parse_location(location))} is a {node[0]}, not a "
                         f"{' or '.join(kinds)}", "location")
    return node


@operation
def edit_part(draft, location, tag_name=None, brief=None, show=None, hide_if_empty=None, page=None, section=None):
    """Change an HTML element's tag name, brief, ``show`` (false leaves it out of the page)
    or ``hide_if_empty`` (left out when it has no content); also the root of a tree."""
    node = _node(draft, location, page, section, ("Part", "ClosedPart", "Section"))
    body = node[1]
    new = {}
    if tag_name is not None:
        new["tag_name"] = _check_tag(tag_name)
        if parse_location(location)[1:] == () and new["tag_name"] != body.get("tag_name") and \
                parse_location(location)[0] in ("head", "body"):
            raise AdminError(f"the {body.get('tag_name')} element's tag cannot change", "tag_name")
    if brief is not None:
        new["brief"] = _check_text(brief, "brief", 1000)
    if show is not None:
        new["show"] = _check_bool(show, "show")
    if hide_if_empty is not None:
        if node[0] == "ClosedPart":
            raise AdminError("an element without content has no hide_if_empty", "hide_if_empty")
        new["hide_if_empty"] = _check_bool(hide_if_empty, "hide_if_empty")
    body.update(new)


@operation
def set_attribute(draft, location, name, value, page=None, section=None):
    """Add or change an attribute of an HTML element (``{label}`` in a value becomes that
    label's URL)."""
    node = _node(draft, location, page, section, ("Part", "ClosedPart", "Section"))
    checked = _check_attribs({name: value})
    node[1].setdefault("attribs", {}).update(checked)


@operation
def delete_attribute(draft, location, name, page=None, section=None):
    """Remove an attribute of an HTML element."""
    node = _node(draft, location, page, section, ("Part", "ClosedPart", "Section"))
    attribs = node[1].get("attribs") or {}
    if name not in attribs:
        raise NotFound(f"the element has no attribute {name!r}", "name")
    del attribs[name]


@operation
def edit_text(draft, location, text, page=None, section=None):
    """Change the text of a Text item, an HTML symbol or a comment."""
    tree = tree_of(draft, page, section, location)
    children, idx = tree.slot(location)
    node = children[idx]
    if node[0] == "Text":
        children[idx] = ["Text", _check_text(text, "text")]
    elif node[0] in ("HTMLSymbol", "Comment"):
        children[idx] = check_element(draft, [node[0], {"text": text}])
    else:
        raise AdminError(f"the item at {format_location(parse_location(location))} is a {node[0]}, not text",
                         "location")


@operation
def edit_textblock_ref(draft, location, textref=None, failmessage=None, escape=None, linebreaks=None,
                       project=None, show=None, brief=None, page=None, section=None):
    """Change a TextBlock reference's settings (see ``insert_textblock``)."""
    node = _node(draft, location, page, section, ("TextBlock",))
    body = dict(node[1])
    for key, value in (("textref", textref), ("failmessage", failmessage), ("escape", escape),
                       ("linebreaks", linebreaks), ("project", project), ("show", show), ("brief", brief)):
        if value is not None:
            body[key] = value
    checked = check_element(draft, ["TextBlock", body])[1]
    node[1].clear()
    node[1].update(checked)


@operation
def edit_placeholder(draft, location, section_name=None, placename=None, multiplier=None, mtag=None, show=None,
                     brief=None, page=None, section=None):
    """Change a section placeholder: which section, its alias, multiplier, mtag, show, brief."""
    node = _node(draft, location, page, section, ("SectionPlaceHolder",))
    body = dict(node[1])
    for key, value in (("section_name", section_name), ("placename", placename), ("multiplier", multiplier),
                       ("mtag", mtag), ("show", show), ("brief", brief)):
        if value is not None:
            body[key] = value
    checked = _check_placeholder(draft, body)
    old_alias = node[1].get("placename") or node[1].get("section_name")
    if checked["placename"] != old_alias and checked["placename"] in _placenames(_owner_trees(draft, page, section)):
        raise AdminError(f"this page already has a section placed as {checked['placename']!r}", "placename")
    node[1].clear()
    node[1].update(checked)


def _widget(draft, location, page, section):
    node = _node(draft, location, page, section, ("Widget", "ClosedWidget"))
    try:
        cls = widget_class(node[1].get("class", ""))
    except KeyError as exc:
        raise AdminError(f"{exc.args[0]}: this widget cannot be edited (delete it)", "location") from None
    return node, cls


@operation
def rename_widget(draft, location, name, page=None, section=None):
    """Rename a widget (its HTML id and the first part of its form field names)."""
    node, _cls = _widget(draft, location, page, section)
    if not isinstance(name, str) or (name and not _WIDGET_NAME.match(name)):
        raise AdminError(f"widget name {name!r} is not allowed: letters, digits and '_', not starting "
                         "with a digit", "name")
    if name and name != node[1].get("name") and name in _widget_names(_owner_trees(draft, page, section), node):
        raise AdminError(f"a widget called {name!r} is already in this {'section' if section else 'page'}", "name")
    node[1]["name"] = name


@operation
def set_widget_brief(draft, location, brief, page=None, section=None):
    """Set a widget's brief description."""
    node, _cls = _widget(draft, location, page, section)
    node[1]["brief"] = _check_text(brief, "brief", 1000)


@operation
def set_widget_field(draft, location, field, value, page=None, section=None):
    """Set one field of a widget; the value is checked and converted for the field's type
    (see the field's help in the widget catalogue).  Unknown fields are refused."""
    node, cls = _widget(draft, location, page, section)
    f = cls.field_table.get(field)
    if f is None:
        raise AdminError(f"{cls.class_path()} has no field {field!r} (its fields: {', '.join(cls.field_table)})",
                         "field")
    node[1].setdefault("fields", {})[field] = check_field_value(draft, f, value)


@operation
def reset_widget_field(draft, location, field, page=None, section=None):
    """Set a widget field back to its default (the project's default, else the class's)."""
    node, cls = _widget(draft, location, page, section)
    f = cls.field_table.get(field)
    if f is None:
        raise AdminError(f"{cls.class_path()} has no field {field!r}", "field")
    proj = ((draft.defaults.get("widgets") or {}).get(cls.module_name()) or {}).get(cls.__name__) or {}
    value = copy.deepcopy(cls.defaults[field])
    if field in proj:
        try:
            value = check_field_value(draft, f, proj[field])
        except AdminError:
            pass
    node[1].setdefault("fields", {})[field] = value


@operation
def set_widget_field_name(draft, location, field, name, page=None, section=None):
    """Change the name a widget field is submitted under (``widget:NAME`` instead of
    ``widget:field``); an empty name goes back to the field's own name."""
    node, cls = _widget(draft, location, page, section)
    if field not in cls.field_table:
        raise AdminError(f"{cls.class_path()} has no field {field!r}", "field")
    names = node[1].get("set_names") or {}
    old = names.get(field, field)
    new = field if (not name or name == field) else name
    if new != field and (not isinstance(name, str) or not _FIELD_NAME.match(name)):
        raise AdminError(f"{name!r} is not a field name: letters, digits and '_'", "name")
    if new not in (old, field) and (new in cls.field_table or new in names.values()):
        raise AdminError(f"{new!r} is already a field name of this widget", "name")
    if new == field:
        names = node[1].get("set_names") or {}
        names.pop(field, None)
        if not names:
            node[1].pop("set_names", None)
    else:
        node[1].setdefault("set_names", {})[field] = new
    validators = node[1].get("validators") or {}
    if old != new and old in validators:
        # validators follow the name the field is submitted under
        node[1]["validators"] = {(new if k == old else k): v for k, v in validators.items()}


def _validator_list(draft, location, field, page, section, create=False):
    """The widget and the validator list of its field ``field`` (its own name or the name it
    is submitted under); validators are stored under the submitted name, as 5.x did."""
    node, cls = _widget(draft, location, page, section)
    set_names = node[1].get("set_names") or {}
    if field not in cls.field_table:
        field = next((own for own, new in set_names.items() if new == field), field)
    f = cls.field_table.get(field)
    if f is None:
        raise AdminError(f"{cls.class_path()} has no field {field!r}", "field")
    if not f.valdt:
        valdt = [n for n, x in cls.field_table.items() if x.valdt]
        raise AdminError(f"the field {field!r} of {cls.class_path()} does not take validators"
                         + (f" (these do: {', '.join(valdt)})" if valdt else ""), "field")
    key = set_names.get(field, field)
    validators = node[1].get("validators")
    if validators is None:
        if not create:
            return node, []
        validators = node[1]["validators"] = {}
    lst = validators.get(key)
    if lst is None:
        if not create:
            return node, []
        lst = validators[key] = []
    return node, lst


def _validator_settings(d, message=None, message_ref=None, displaywidget=None, allowed_values=None,
                        val_args=None):
    """``d`` updated with the given settings, each checked."""
    if message is not None:
        d["message"] = _check_text(message, "message", 2000)
    if message_ref is not None:
        ref = _check_text(message_ref, "message_ref", 200)
        if ref:
            _check_textref(ref)
        d["message_ref"] = ref
    if displaywidget is not None:
        widget = _check_text(displaywidget, "displaywidget", 200)
        if widget and not re.match(r"^([A-Za-z_][A-Za-z0-9_]*-)?[A-Za-z_][A-Za-z0-9_]*$", widget):
            raise AdminError(f"displaywidget {widget!r} is not a widget name ('widget' or 'alias-widget')",
                             "displaywidget")
        d["displaywidget"] = widget
    if allowed_values is not None:
        if isinstance(allowed_values, str):
            allowed_values = [allowed_values]
        if not isinstance(allowed_values, (list, tuple)):
            raise AdminError("allowed_values is a list of values that always pass", "allowed_values")
        d["allowed_values"] = [_check_text(v, "allowed_values", 1000) for v in allowed_values]
    if val_args is not None:
        if not isinstance(val_args, dict):
            raise AdminError("val_args is an object of argument -> value", "val_args")
        d["val_args"] = {_check_text(k, "val_args", 100): _check_text(v, "val_args", 2000)
                         for k, v in val_args.items()}
    return d


@operation
def add_validator(draft, location, field, validator, message="", message_ref="", displaywidget="",
                  allowed_values=None, val_args=None, index=None, page=None, section=None):
    """Attach a validator (``basic.MaxLength``... see the validator catalogue) to a widget
    field that takes them; ``val_args`` are its arguments, ``message`` (or a TextBlock
    ``message_ref``) the error shown, ``displaywidget`` the widget that shows it,
    ``allowed_values`` values that always pass.  Returns its position."""
    try:
        validator_class(validator)
    except KeyError as exc:
        raise AdminError(f"{exc.args[0]}: choose one from the validator catalogue", "validator") from None
    d = _validator_settings({"class": validator}, message or "", message_ref or "", displaywidget or "",
                            allowed_values or [], val_args or {})
    checked = _check_validator(d, field)
    _node_, existing = _validator_list(draft, location, field, page, section)
    pos = len(existing) if index is None else _check_int(index, "index", 0, len(existing))
    _node_, lst = _validator_list(draft, location, field, page, section, create=True)
    lst.insert(pos, checked)
    return pos


@operation
def edit_validator(draft, location, field, index, message=None, message_ref=None, displaywidget=None,
                   allowed_values=None, val_args=None, page=None, section=None):
    """Change a validator of a widget field (the one at position ``index``)."""
    _node_, lst = _validator_list(draft, location, field, page, section)
    i = _check_int(index, "index", 0, max(len(lst) - 1, 0))
    if i >= len(lst):
        raise NotFound(f"the field {field!r} has no validator {index}", "index")
    d = _validator_settings(dict(lst[i]), message, message_ref, displaywidget, allowed_values, val_args)
    lst[i] = _check_validator(d, field)


@operation
def remove_validator(draft, location, field, index, page=None, section=None):
    """Remove the validator at position ``index`` from a widget field."""
    node, lst = _validator_list(draft, location, field, page, section)
    i = _check_int(index, "index", 0, None)
    if i >= len(lst):
        raise NotFound(f"the field {field!r} has no validator {index}", "index")
    del lst[i]
    if not lst:
        validators = node[1]["validators"]
        for key in [k for k, v in validators.items() if v is lst]:
            del validators[key]
        if not validators:
            del node[1]["validators"]


@operation
def move_validator(draft, location, field, index, to, page=None, section=None):
    """Move a validator of a widget field from position ``index`` to ``to`` (they run in order)."""
    _node_, lst = _validator_list(draft, location, field, page, section)
    i = _check_int(index, "index", 0, None)
    if i >= len(lst):
        raise NotFound(f"the field {field!r} has no validator {index}", "index")
    j = _check_int(to, "to", 0, len(lst) - 1)
    lst.insert(j, lst.pop(i))


# ---- sections -----------------------------------------------------------------------------------------

def _check_section_name(name, what="name"):
    if not isinstance(name, str) or not _WIDGET_NAME.match(name):
        raise AdminError(f"section name {name!r} is not allowed: letters, digits and '_'", what)
    return name


def _all_trees(draft):
    """``(owner description, page ident or None, section name or None, Tree)`` for every tree."""
    out = []
    for entry in item_index(draft).values():
        if entry.is_folder:
            continue
        if entry.kind == "TemplatePage":
            for r in ("head", "body"):
                out.append((entry.describe(), entry.ident, None, Tree(entry.raw[r], r, f"{entry.describe()} {r}")))
        elif entry.kind == "SVG" and "svg" in entry.raw:
            out.append((entry.describe(), entry.ident, None, Tree(entry.raw["svg"], "svg", entry.describe())))
    for name, tree in draft.sections.items():
        out.append((f"section {name!r}", None, name, Tree(tree, "section", f"section {name!r}")))
    return out


def _placeholders_of(draft, section_name):
    found = []
    for desc, _ident, _sec, tree in _all_trees(draft):
        for loc, node in tree.walk():
            if node[0] == "SectionPlaceHolder" and node[1].get("section_name") == section_name:
                found.append((desc, loc, node))
    return found


@operation
def create_section(draft, name, brief="", tag_name="div", attribs=None):
    """Create an empty section (a shared block placed in pages with a placeholder)."""
    _check_section_name(name)
    if name in draft.sections:
        raise AdminError(f"there is already a section called {name!r}", "name")
    draft.sections[name] = ["Section", {"tag_name": _check_tag(tag_name), "brief": _check_text(brief, "brief", 1000),
                                        "show": True, "hide_if_empty": False,
                                        "attribs": _check_attribs(attribs or {}), "parts": []}]


@operation
def rename_section(draft, name, new_name, update_placeholders=True):
    """Rename a section; its placeholders in pages follow (unless ``update_placeholders`` is false)."""
    if name not in draft.sections:
        raise NotFound(f"there is no section {name!r}", "name")
    _check_section_name(new_name, "new_name")
    if new_name in draft.sections:
        raise AdminError(f"there is already a section called {new_name!r}", "new_name")
    update = _check_bool(update_placeholders, "update_placeholders")
    draft.data["sections"] = {(new_name if k == name else k): v for k, v in draft.sections.items()}
    if update:
        for _desc, _loc, node in _placeholders_of(draft, name):
            node[1]["section_name"] = new_name


@operation
def copy_section(draft, name, new_name):
    """Copy a section under a new name."""
    if name not in draft.sections:
        raise NotFound(f"there is no section {name!r}", "name")
    _check_section_name(new_name, "new_name")
    if new_name in draft.sections:
        raise AdminError(f"there is already a section called {new_name!r}", "new_name")
    draft.sections[new_name] = copy.deepcopy(draft.sections[name])


@operation
def delete_section(draft, name, force=False):
    """Delete a section.  Refused while pages place it, unless ``force`` (their placeholders
    are then removed too)."""
    if name not in draft.sections:
        raise NotFound(f"there is no section {name!r}", "name")
    used = _placeholders_of(draft, name)
    if used and not _check_bool(force, "force"):
        where = "; ".join(sorted({d for d, _l, _n in used}))
        raise AdminError(f"section {name!r} is placed in {where}: remove those placeholders first, "
                         "or delete with force", "force")
    for _desc, _loc, node in used:
        _remove_node(draft, node)
    del draft.sections[name]


def _remove_node(draft, target):
    for _desc, _ident, _sec, tree in _all_trees(draft):
        for loc, node in tree.walk():
            if node is target:
                children, idx = tree.slot(loc)
                del children[idx]
                return True
    return False


# ---- labels -----------------------------------------------------------------------------------------

@operation
def set_label(draft, label, target):
    """Point a label (a name usable wherever an ident is, and as ``{label}`` in attributes)
    at a page or folder ident, another project's label/ident (``skis,server_error``), another
    label, or a URL (``https://...`` or ``/path``)."""
    if not isinstance(label, str) or not _LABEL.match(label) or label.isdigit():
        raise AdminError(f"label {label!r} is not allowed: letters, digits, '_', '.', '-', starting with a letter "
                         "or '_'", "label")
    if isinstance(target, str) and re.match(r"^(https?://|/)", target.strip()):
        value = _check_text(target.strip(), "target", 2000)
        if any(c in value for c in " \"'<>"):
            raise AdminError("the URL may not contain spaces, quotes or angle brackets", "target")
    else:
        if isinstance(target, str) and target.strip() == label:
            raise AdminError("a label cannot point to itself", "target")
        value = check_page_ref(draft, target, "target", required=True)
        if isinstance(value, str) and value in draft.labels:
            seen, cur = {label}, value
            while isinstance(cur, str) and cur in draft.labels:
                if cur in seen:
                    raise AdminError("these labels would point to each other in a circle", "target")
                seen.add(cur)
                cur = draft.labels[cur]
    draft.labels[label] = value


@operation
def delete_label(draft, label):
    """Remove a label.  Pages that use it are reported when publishing."""
    if label not in draft.labels:
        raise NotFound(f"there is no label {label!r}", "label")
    del draft.labels[label]


# ---- TextBlocks -----------------------------------------------------------------------------------

def _check_lang(language, draft):
    language = language or draft.default_language
    if not isinstance(language, str) or not _LANG.match(language):
        raise AdminError(f"{language!r} is not a language tag such as en or en-GB", "language")
    return language


@operation
def set_textblock(draft, textref, text, language=None):
    """Set the text of TextBlock ``textref`` in ``language`` (default: the project's default
    language); a new language gets its own TextBlock file."""
    _check_textref(textref)
    language = _check_lang(language, draft)
    draft.textblocks.setdefault(language, {})[textref] = _check_text(text, "text")


@operation
def delete_textblock(draft, textref, language=None):
    """Delete TextBlock ``textref`` in one ``language``, or in every language when none is given."""
    langs = [_check_lang(language, draft)] if language else list(draft.textblocks)
    found = False
    for lang in langs:
        if textref in draft.textblocks.get(lang, {}):
            del draft.textblocks[lang][textref]
            found = True
    if not found:
        raise NotFound(f"there is no TextBlock {textref!r}" + (f" in {language}" if language else ""), "textref")


@operation
def delete_language(draft, language):
    """Delete every TextBlock of a language (its file is removed when published)."""
    language = _check_lang(language, draft)
    if language not in draft.textblocks:
        raise NotFound(f"there are no TextBlocks in {language!r}", "language")
    del draft.textblocks[language]


@operation
def rename_textblock(draft, textref, new_ref, update_references=True):
    """Rename a TextBlock (in every language).  TextBlock items and textblock_ref widget
    fields that use it follow unless ``update_references`` is false."""
    _check_textref(new_ref)
    if not any(textref in b for b in draft.textblocks.values()):
        raise NotFound(f"there is no TextBlock {textref!r}", "textref")
    if any(new_ref in b for b in draft.textblocks.values()):
        raise AdminError(f"there is already a TextBlock {new_ref!r}", "new_ref")
    update = _check_bool(update_references, "update_references")
    for lang, blocks in draft.textblocks.items():
        if textref in blocks:
            draft.textblocks[lang] = {(new_ref if k == textref else k): v for k, v in blocks.items()}
    if not update:
        return
    for _desc, _ident, _sec, tree in _all_trees(draft):
        for _loc, node in tree.walk():
            if node[0] == "TextBlock" and node[1].get("textref") == textref and \
                    node[1].get("project") in (None, "", draft.proj_ident):
                node[1]["textref"] = new_ref
            elif node[0] in ("Widget", "ClosedWidget"):
                try:
                    cls = widget_class(node[1].get("class", ""))
                except KeyError:
                    continue
                for fname, value in (node[1].get("fields") or {}).items():
                    f = cls.field_table.get(fname)
                    if f is not None and f.ftype == "textblock_ref" and value == textref:
                        node[1]["fields"][fname] = new_ref


# ---- widget defaults -------------------------------------------------------------------------------

@operation
def set_widget_default(draft, widget_class_path, field, value):
    """Set the project's default for a field of a widget class (defaults.json), used by
    widgets created from now on, e.g. a CSS class for every new ``paras.ParaText``."""
    try:
        cls = widget_class(widget_class_path)
    except KeyError as exc:
        raise AdminError(f"{exc.args[0]}", "widget_class_path") from None
    f = cls.field_table.get(field)
    if f is None:
        raise AdminError(f"{cls.class_path()} has no field {field!r}", "field")
    value = check_field_value(draft, f, value)
    widgets = draft.defaults.setdefault("widgets", {})
    widgets.setdefault(cls.module_name(), {}).setdefault(cls.__name__, {})[field] = value


@operation
def delete_widget_default(draft, widget_class_path, field):
    """Remove the project's default for a widget field (the class's own default applies)."""
    module, _, name = str(widget_class_path).partition(".")
    entry = ((draft.defaults.get("widgets") or {}).get(module) or {}).get(name) or {}
    if field not in entry:
        raise NotFound(f"there is no default for {widget_class_path} {field!r}", "field")
    del entry[field]
    if not entry:
        del draft.defaults["widgets"][module][name]
        if not draft.defaults["widgets"][module]:
            del draft.defaults["widgets"][module]


def _check_links(value, what):
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [v.strip() for v in re.split(r"[\n,]", value) if v.strip()]
    if not isinstance(value, (list, tuple)):
        raise AdminError(f"{what} is a list of labels", what)
    out = []
    for v in value:
        if not isinstance(v, str) or not re.match(r"^[A-Za-z0-9_,.\-]+$", v):
            raise AdminError(f"{what}: {v!r} is not a label", what)
        out.append(v)
    return out


@operation
def set_defaults(draft, backcol=None, body_class=None, css_links=None, js_links=None):
    """Set what new Template pages get: background colour ``backcol``, ``body_class``, and
    the ``css_links``/``js_links`` (lists of labels) written in their head."""
    d = draft.defaults
    new = {}
    if backcol is not None:
        new["backcol"] = _check_text(backcol, "backcol", 60)
    if body_class is not None:
        new["body_class"] = _check_text(body_class, "body_class", 300)
    if css_links is not None:
        new["css_links"] = _check_links(css_links, "css_links")
    if js_links is not None:
        new["js_links"] = _check_links(js_links, "js_links")
    d.update(new)


@operation
def import_defaults(draft, defaults):
    """Replace defaults.json with ``defaults`` (an uploaded file's JSON object), after checking it."""
    if not isinstance(defaults, dict):
        raise AdminError("defaults must be a JSON object", "defaults")
    allowed = {"backcol", "body_class", "css_links", "js_links", "widgets"}
    extra = set(defaults) - allowed
    if extra:
        raise AdminError(f"unknown keys in defaults: {', '.join(sorted(extra))}", "defaults")
    new = copy.deepcopy(draft.defaults)
    tmp = DraftData(draft.name, draft.data, new, {}, {}, draft.proj_ident)
    tmp.defaults = {}
    set_defaults(tmp, defaults.get("backcol"), defaults.get("body_class"), defaults.get("css_links"),
                 defaults.get("js_links"))
    widgets = defaults.get("widgets") or {}
    if not isinstance(widgets, dict):
        raise AdminError("widgets must be an object module -> class -> field -> value", "defaults")
    for module, classes in widgets.items():
        if not isinstance(classes, dict):
            raise AdminError(f"widgets.{module} must be an object", "defaults")
        for cname, fields in classes.items():
            if not isinstance(fields, dict):
                raise AdminError(f"widgets.{module}.{cname} must be an object", "defaults")
            for fname, value in fields.items():
                set_widget_default(tmp, f"{module}.{cname}", fname, value)
    draft.defaults.clear()
    draft.defaults.update(tmp.defaults)


# ---- export and import ------------------------------------------------------------------------------

EXPORT_FORMAT = 1


@query
def export_page(draft, page):
    """A page as a JSON-able definition ``{"skipole": "page", "format", "name", "page"}``."""
    entry = resolve_item(draft, page, "page", arg="page")
    return {"skipole": "page", "format": EXPORT_FORMAT, "name": entry.name, "page": copy.deepcopy(entry.raw)}


@query
def export_folder(draft, folder):
    """A folder with everything in it as ``{"skipole": "folder", "format", "name", "folder"}``."""
    entry = resolve_item(draft, folder, "folder", arg="folder")
    return {"skipole": "folder", "format": EXPORT_FORMAT, "name": entry.name or "root",
            "folder": copy.deepcopy(entry.raw)}


@query
def export_section(draft, name):
    """A section as ``{"skipole": "section", "format", "name", "section"}``."""
    if name not in draft.sections:
        raise NotFound(f"there is no section {name!r}", "name")
    return {"skipole": "section", "format": EXPORT_FORMAT, "name": name,
            "section": copy.deepcopy(draft.sections[name])}


@query
def export_element(draft, location, page=None, section=None):
    """One element (with its contents) as ``{"skipole": "element", "format", "element"}``."""
    node = tree_of(draft, page, section, location, create=False).node(location)
    return {"skipole": "element", "format": EXPORT_FORMAT, "element": copy.deepcopy(node)}


def _unwrap(definition, kind):
    if isinstance(definition, (str, bytes)):
        try:
            definition = json.loads(definition)
        except ValueError as exc:
            raise AdminError(f"the {kind} definition is not valid JSON: {exc}", "definition") from None
    if not isinstance(definition, dict):
        raise AdminError(f"a {kind} definition is a JSON object", "definition")
    if definition.get("skipole") == kind:
        if definition.get("format", 1) > EXPORT_FORMAT:
            raise AdminError(f"this {kind} definition was written by a newer skiadmin", "definition")
        return definition.get("name"), definition.get(kind)
    if definition.get("skipole") not in (None, kind):
        raise AdminError(f"this is a {definition.get('skipole')} definition, not a {kind} definition",
                         "definition")
    return None, definition


def _remap(value, mapping):
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in mapping:
        return mapping[value]
    if isinstance(value, str) and value.strip().isdigit() and int(value) in mapping:
        return str(mapping[int(value)]) if isinstance(value, str) else mapping[int(value)]
    return value


def _remap_page(raw, mapping):
    """Point references between pages of an imported folder at their new idents."""
    if "RespondPage" in raw:
        rp = raw["RespondPage"]
        args = rp.get("original_args") or {}
        for key in ("target_ident", "fail_ident", "alternate_ident", "validate_fail_ident"):
            if key in args:
                args[key] = _remap(args[key], mapping)
        if isinstance(args.get("allowed_callers"), list):
            args["allowed_callers"] = [_remap(c, mapping) for c in args["allowed_callers"]]
        if rp.get("class") in ("CaseSwitch", "MediaQuery"):
            fields = rp.get("original_fields") or {}
            for k in list(fields):
                fields[k] = _remap(fields[k], mapping)
    if "TemplatePage" in raw:
        tp = raw["TemplatePage"]
        for key in ("interval_target", "catch_to_html"):
            if key in tp:
                tp[key] = _remap(tp[key], mapping)
    for root in ("head", "body", "svg"):
        if root in raw:
            for _loc, node in Tree(raw[root], root, root).walk():
                if node[0] in ("Widget", "ClosedWidget"):
                    try:
                        cls = widget_class(node[1].get("class", ""))
                    except KeyError:
                        continue
                    fields = node[1].get("fields") or {}
                    for fname, value in fields.items():
                        f = cls.field_table.get(fname)
                        if f is not None and f.ftype == "url" and isinstance(value, int):
                            fields[fname] = _remap(value, mapping)


def _check_page_def(draft, raw, where):
    if not isinstance(raw, dict):
        raise AdminError(f"{where}: a page is a JSON object", "definition")
    kinds = [k for k in PAGE_TYPES if k in raw]
    if len(kinds) != 1:
        raise AdminError(f"{where}: a page needs exactly one type key of {', '.join(PAGE_TYPES)}", "definition")
    kind = kinds[0]
    if not isinstance(raw[kind], dict):
        raise AdminError(f"{where}: {kind} must be an object", "definition")
    out = copy.deepcopy(raw)
    out["brief"] = _check_text(raw.get("brief", ""), "brief", 1000)
    if kind == "TemplatePage":
        for root in ("head", "body"):
            if root not in raw:
                raise AdminError(f"{where}: a Template page needs {root!r}", "definition")
            out[root] = check_element(draft, raw[root])
            if out[root][0] != "Part":
                raise AdminError(f"{where}: {root} must be a Part", "definition")
    elif kind == "SVG" and "svg" in raw:
        out["svg"] = check_element(draft, raw["svg"])
    elif kind == "RespondPage":
        _responder_settings(raw[kind].get("class"))
    elif kind == "CSS":
        out[kind]["style"] = _check_style(raw[kind].get("style") or {})
    elif kind == "FilePage":
        out[kind]["filepath"] = _check_filepath(raw[kind].get("filepath") or "")
    return out


@operation
def import_page(draft, folder, definition, name=None):
    """Create a page in ``folder`` from an exported page definition (JSON); it gets a new
    ident.  ``name`` defaults to the exported name.  Returns the new ident."""
    index = item_index(draft)
    fentry = resolve_item(draft, folder, "folder", index, "folder")
    def_name, raw = _unwrap(definition, "page")
    name = name or def_name
    if not name:
        raise AdminError("give the new page a name", "name")
    _check_name(name)
    _name_free(fentry.raw, name)
    raw = _check_page_def(draft, raw, "the page")
    old = raw.get("ident")
    raw["ident"] = _new_ident(draft, None, index)
    if isinstance(old, int):
        _remap_page(raw, {old: raw["ident"]})
    fentry.raw.setdefault("pages", {})[name] = raw
    return raw["ident"]


def _check_folder_def(draft, raw, where, depth=0):
    if depth > 30:
        raise AdminError("the folder definition is nested too deeply", "definition")
    if not isinstance(raw, dict):
        raise AdminError(f"{where}: a folder is a JSON object", "definition")
    out = {"ident": raw.get("ident"), "brief": _check_text(raw.get("brief", ""), "brief", 1000),
           "default_page_name": _check_text(raw.get("default_page_name") or "index", "default_page_name", 100),
           "restricted": _check_bool(raw.get("restricted", False), "restricted"), "folders": {}, "pages": {}}
    if raw.get("access"):
        out["access"] = copy.deepcopy(raw["access"])
    pages, folders = raw.get("pages") or {}, raw.get("folders") or {}
    if not isinstance(pages, dict) or not isinstance(folders, dict):
        raise AdminError(f"{where}: pages and folders must be objects", "definition")
    for pname, praw in pages.items():
        _check_name(pname)
        out["pages"][pname] = _check_page_def(draft, praw, f"{where}/{pname}")
    for fname, fraw in folders.items():
        _check_name(fname)
        if fname in out["pages"]:
            raise AdminError(f"{where}: {fname!r} is both a page and a folder", "definition")
        out["folders"][fname] = _check_folder_def(draft, fraw, f"{where}/{fname}", depth + 1)
    return out


def _reallocate(draft, raw, index, mapping, taken):
    old = raw.get("ident")
    new = _new_ident(draft, None, index, taken)
    taken.add(new)
    if isinstance(old, int) and not isinstance(old, bool):
        mapping[old] = new
    raw["ident"] = new
    for praw in raw["pages"].values():
        old = praw.get("ident")
        praw["ident"] = _new_ident(draft, None, index, taken)
        taken.add(praw["ident"])
        if isinstance(old, int) and not isinstance(old, bool):
            mapping[old] = praw["ident"]
    for fraw in raw["folders"].values():
        _reallocate(draft, fraw, index, mapping, taken)


def _remap_folder(raw, mapping):
    for praw in raw["pages"].values():
        _remap_page(praw, mapping)
    for fraw in raw["folders"].values():
        _remap_folder(fraw, mapping)


@operation
def import_folder(draft, parent, definition, name=None):
    """Create a folder (with its pages and sub-folders) in ``parent`` from an exported
    folder definition.  Every item gets a new ident; links between the imported pages are
    changed to follow.  Returns the new folder's ident."""
    index = item_index(draft)
    pentry = resolve_item(draft, parent, "folder", index, "parent")
    def_name, raw = _unwrap(definition, "folder")
    name = name or (def_name if def_name not in (None, "", "root") else None)
    if not name:
        raise AdminError("give the new folder a name", "name")
    _check_name(name)
    _name_free(pentry.raw, name)
    raw = _check_folder_def(draft, raw, name)
    mapping = {}
    _reallocate(draft, raw, index, mapping, set())
    _remap_folder(raw, mapping)
    pentry.raw.setdefault("folders", {})[name] = raw
    return raw["ident"]


@operation
def copy_folder(draft, folder, parent, name):
    """Copy a folder with everything in it into ``parent`` as ``name`` (new idents)."""
    return import_folder(draft, parent, export_folder(draft, folder), name)


@operation
def import_section(draft, definition, name=None):
    """Create a section from an exported section definition; returns its name."""
    def_name, raw = _unwrap(definition, "section")
    name = name or def_name
    if not name:
        raise AdminError("give the new section a name", "name")
    _check_section_name(name)
    if name in draft.sections:
        raise AdminError(f"there is already a section called {name!r}", "name")
    tree = check_element(draft, raw, in_section=True)
    if tree[0] != "Section":
        if tree[0] != "Part":
            raise AdminError("a section definition is a [\"Section\", {...}] element", "definition")
        tree = ["Section", tree[1]]
    draft.sections[name] = tree
    return name


def _check_bindings(cls, bindings):
    """A widget's ``bindings`` (field -> device and format): fields must exist, format keys known."""
    from ..hardware.formatting import FORMAT_KEYS
    if not isinstance(bindings, dict):
        raise AdminError("bindings must be an object of field -> {device, format keys}", "bindings")
    out = {}
    for field, spec in bindings.items():
        if field not in cls.field_table:
            raise AdminError(f"bindings: {cls.class_path()} has no field {field!r}", "bindings")
        if not isinstance(spec, dict) or not isinstance(spec.get("device"), str) or not spec["device"]:
            raise AdminError(f"bindings: field {field!r} needs a device name", "bindings")
        unknown = set(spec) - {"device", *FORMAT_KEYS}
        if unknown:
            raise AdminError(f"bindings: unknown format keys {', '.join(sorted(unknown))}", "bindings")
        out[field] = dict(spec)
    return out
