"""The in-memory project: a tree of folders and pages, labels, sections, and URL lookup.

Each ``Folder`` and ``Page`` wraps the dict read from ``project.json`` and keeps it as the
source of truth, so saving writes back exactly what was read plus any edit (lossless round
trips, readable diffs).  URL → page lookups use a map built once per load (bounded, unlike
the original's ever-growing cache).
"""

from typing import NamedTuple

from .idents import Ident, parse_ident

__all__ = ["Project", "Folder", "Page", "LabelRef", "PAGE_TYPES", "SYSTEM_LABELS", "LIBRARY_LABELS"]


class LabelRef(NamedTuple):
    """A label of another (sub-)project: ``"skis,server_error"`` in a project file."""

    proj: str
    label: str

#: The key that names a page's type in project.json, with our short name for it.
PAGE_TYPES = {"TemplatePage": "template", "RespondPage": "responder", "SVG": "svg",
              "FilePage": "file", "CSS": "css", "JSON": "json"}

#: Labels the framework itself looks up.
SYSTEM_LABELS = ("url_not_found", "validate_error", "server_error", "redirector",
                 "no_javascript", "general_json")

#: Labels naming the static library's files; a project that lacks one gets ours.
LIBRARY_LABELS = ("skipole_js", "jquery_core", "ski_basic", "ski_paths", "w3_css") + tuple(
    f"ski_{m}" for m in ("checkbox", "confirm", "debug_tools", "dropdown", "error_messages", "footers",
                         "headers", "info", "inputforms", "inputtables", "inputtext", "links", "lists",
                         "logins", "paras", "radio", "svgbasics", "svggraphs", "svgmeters", "tables",
                         "textarea", "upload"))


class _Item:
    __slots__ = ("raw", "name", "parent", "project")

    def __init__(self, raw, name, parent, project):
        self.raw = raw
        self.name = name
        self.parent = parent
        self.project = project

    @property
    def number(self):
        return self.raw.get("ident", 0)

    @property
    def ident(self):
        return Ident(self.project.proj_ident, self.number)

    @property
    def brief(self):
        return self.raw.get("brief", "")

    @property
    def restricted(self):
        """True when this item or any folder above it is restricted (not reachable by URL)."""
        folder = self if isinstance(self, Folder) else self.parent
        while folder is not None:
            if folder.raw.get("restricted"):
                return True
            folder = folder.parent
        return False

    @property
    def access(self):
        """Our addition: ``{"login": bool, "role": str}`` needed to see this item, inherited."""
        item = self
        while item is not None:
            acc = item.raw.get("access")
            if acc:
                return acc
            item = item.parent
        return None

    def path_segments(self):
        segs = []
        item = self
        while item is not None and item.parent is not None:
            segs.append(item.name)
            item = item.parent
        return list(reversed(segs))


class Folder(_Item):
    """A folder: a URL segment holding pages and sub-folders, with a default page."""

    __slots__ = ("pages", "folders")

    def __init__(self, raw, name, parent, project):
        super().__init__(raw, name, parent, project)
        self.pages = {}
        self.folders = {}

    @property
    def default_page_name(self):
        return self.raw.get("default_page_name", "index")

    @property
    def default_page(self):
        return self.pages.get(self.default_page_name)

    @property
    def url(self):
        base = self.project.url.rstrip("/")
        segs = self.path_segments()
        return base + "/" + "/".join(segs) + ("/" if segs else "")

    def walk(self):
        """Yield this folder and every folder and page below it."""
        yield self
        yield from self.pages.values()
        for folder in self.folders.values():
            yield from folder.walk()


class Page(_Item):
    """A page of one of the six types; ``kind`` is the project.json key naming the type."""

    __slots__ = ("kind",)

    def __init__(self, raw, name, parent, project, kind):
        super().__init__(raw, name, parent, project)
        self.kind = kind

    @property
    def settings(self):
        """The type's settings dict (``raw["TemplatePage"]`` etc.)."""
        return self.raw[self.kind]

    @property
    def page_type(self):
        return PAGE_TYPES[self.kind]

    @property
    def url(self):
        base = self.project.url.rstrip("/")
        return base + "/" + "/".join(self.path_segments())


class Project:
    """One loaded project: its tree, labels, sections and text blocks.

    Made by ``load_project_files``; skiadmin edits the raw data and calls ``rebuild``.
    """

    def __init__(self, name, proj_ident, projectfiles, data, textblocks, defaults, files=None):
        self.name = name
        self.proj_ident = proj_ident
        self.projectfiles = projectfiles
        self.data = data
        self.textblocks = textblocks
        self.defaults = defaults
        self.files = files or {}
        self.url = "/"
        self.generation = 0
        self.trailing_newline = False
        self.rebuild()

    # ---- structure ------------------------------------------------------------------------
    def rebuild(self):
        """Re-derive the tree, item index and URL map from ``self.data`` after any change."""
        self.items = {}
        self.root = self._build_folder(self.data["RootFolder"], "", None)
        self._paths = {}
        for item in self.root.walk():
            if isinstance(item, Folder):
                self._paths["/".join(item.path_segments())] = item
            else:
                self._paths["/".join(item.path_segments())] = item
        self.generation += 1

    def _build_folder(self, raw, name, parent):
        folder = Folder(raw, name, parent, self)
        self.items[folder.number] = folder
        for pname, praw in raw.get("pages", {}).items():
            kind = next(k for k in PAGE_TYPES if k in praw)
            page = Page(praw, pname, folder, self, kind)
            self.items[praw["ident"]] = page
            folder.pages[pname] = page
        for fname, fraw in raw.get("folders", {}).items():
            folder.folders[fname] = self._build_folder(fraw, fname, folder)
        return folder

    @property
    def brief(self):
        return self.data.get("brief", "")

    @property
    def version(self):
        return self.data.get("version", "")

    @property
    def default_language(self):
        return self.data.get("default_language", "en") or "en"

    @property
    def labels(self):
        """The label → target map (``specialpages``)."""
        return self.data.setdefault("specialpages", {})

    @property
    def sections(self):
        """Section name → raw ``["Section", {...}]`` tree."""
        return self.data.setdefault("sections", {})

    def item(self, num):
        """The folder or page with local number ``num``, or None."""
        return self.items.get(num)

    def page(self, num):
        """The page with local number ``num`` (a Folder gives its default page), or None."""
        item = self.items.get(num)
        if isinstance(item, Folder):
            return item.default_page
        return item

    # ---- URLs -----------------------------------------------------------------------------
    def page_at(self, relpath):
        """The page for a URL path relative to the project URL ('' is the root), or None.

        Leading/trailing slashes are ignored; a folder gives its default page; pages in
        restricted folders are never returned.
        """
        key = "/".join(s for s in relpath.split("/") if s)
        item = self._paths.get(key)
        if item is None:
            return None
        if isinstance(item, Folder):
            item = item.default_page
            if item is None:
                return None
        if item.restricted:
            return None
        return item

    # ---- labels and idents ------------------------------------------------------------------
    def resolve(self, value, _depth=0):
        """Resolve a page reference to ``Ident`` (any project) or ``str`` (a URL), or None.

        ``value`` may be a local number, ``"proj_num"``/``"proj,num"``, an ``Ident``, a label
        (which may point to a number, an ident, ``"subproj,label"`` or a URL), or a URL.
        """
        if value is None or value == "" or _depth > 8:
            return None
        if isinstance(value, (int, Ident, tuple)) and not isinstance(value, bool):
            return parse_ident(value, self.proj_ident)
        text = str(value).strip()
        if not text:
            return None
        if text.isdigit():
            return Ident(self.proj_ident, int(text))
        if text in self.labels:
            return self.resolve(self.labels[text], _depth + 1)
        ident = parse_ident(text)
        if ident is not None:
            return ident
        proj, comma, rest = text.partition(",")
        if comma and proj.isalnum() and rest and "/" not in text:
            return LabelRef(proj, rest.strip())
        return text

    def save(self, datadir=None):
        """Write project.json, defaults.json and the TextBlock files, each atomically and durably.

        The layout is the 5.x editor's (``indent=0``, key order kept), so a project without
        edits is written back byte for byte.  ``datadir`` defaults to the folder it was read from.
        """
        import json
        import os

        from ..atomic import write_json, write_text
        from .loader import check_project_data
        datadir = datadir or os.path.dirname(self.files["project"])
        pfile = os.path.join(datadir, "project.json")
        check_project_data(self.data, pfile)
        os.makedirs(os.path.join(datadir, "textblocks_json"), exist_ok=True)
        text = json.dumps(self.data, indent=0) + ("\n" if self.trailing_newline else "")
        write_text(pfile, text)
        write_json(os.path.join(datadir, "defaults.json"), self.defaults)
        for lang, blocks in self.textblocks.items():
            write_text(os.path.join(datadir, "textblocks_json", f"{lang}.json"),
                       json.dumps(blocks, indent=2, ensure_ascii=False))

    def __repr__(self):
        return f"<Project {self.proj_ident} ({len(self.items)} items)>"
