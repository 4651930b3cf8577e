"""The ``skicall`` object: what hook code (start_call, submit_data, end_call) sees of a call.

Same attributes and methods as skipole 5.x (and the two that were broken there, ``update``
with a dict and the ``language`` setter, work), plus ``user``: the logged-in user or None.
"""

import os
import pathlib

from .pagedata import PageData, SectionData

__all__ = ["SkiCall"]


class SkiCall:
    """One call's state, passed to every hook."""

    def __init__(self, *, environ, path, project, proj_ident, rootproject, proj_data, received_cookies,
                 lang, projectfiles, accesstextblocks, app, user=None, caller_ident=None, ident_data=None):
        self.environ = environ
        self.path = path
        self.project = project
        self.proj_ident = proj_ident
        self.rootproject = rootproject
        self.proj_data = proj_data
        self.received_cookies = received_cookies
        self.lang = lang
        self.projectfiles = projectfiles
        self.accesstextblocks = accesstextblocks
        self.caller_ident = caller_ident
        self.ident_data = ident_data
        self.ident_list = []
        self.submit_list = []
        self.submit_dict = {}
        self.call_data = {}
        self.user = user
        self._pagedata = PageData()
        self._app = app
        self._request = None
        self._language_cookie = None

    @property
    def accounts(self):
        """User and API-token management for setup pages (``skipole.security.accounts``)."""
        from .security.accounts import Accounts
        return Accounts(self._app.root_app.security, self._request)

    @property
    def hardware(self):
        """The application's devices (``skipole.hardware.Hardware``), or None without hardware.toml."""
        return getattr(self._app.root_app, "hardware", None)

    # ---- page data --------------------------------------------------------------------------
    @property
    def page_data(self):
        """The values set so far, as a ``PageData``."""
        return self._pagedata

    def update(self, data):
        """Merge a ``PageData``, a ``SectionData`` or a dict (``{(widget, field): value}`` or the
        string-keyed form of ``PageData.to_dict``) into the page data."""
        if isinstance(data, SectionData):
            self._pagedata.update(data)
        elif isinstance(data, PageData):
            _merge_pagedata(self._pagedata, data)
        elif isinstance(data, dict):
            if all(isinstance(k, str) for k in data):
                _merge_pagedata(self._pagedata, PageData.from_dict(data))
            else:
                for key, value in data.items():
                    self._pagedata[key] = value
        else:
            raise TypeError("update takes a PageData, a SectionData or a dict")

    def get_pagedata(self):
        """The page data set so far (a ``PageData``)."""
        return self._pagedata

    def clear_pagedata(self):
        """Forget every value set so far."""
        self._pagedata = PageData()

    # ---- language ---------------------------------------------------------------------------
    @property
    def language(self):
        """The preferred language of this call; setting it sends a ``language`` cookie."""
        return self.lang[0]

    @language.setter
    def language(self, value):
        value = str(value or "").strip()
        if not value or len(value) > 35 or not all(c.isalnum() or c == "-" for c in value):
            raise ValueError(f"not a language code: {value!r}")
        self.lang = (value, self.lang[1])
        self._language_cookie = value

    # ---- project helpers --------------------------------------------------------------------
    def textblock(self, textref, proj_ident=None):
        """The text of a TextBlock in this call's language (None if it does not exist)."""
        return self._app._textblock(textref, self.lang, proj_ident)

    def label_value(self, label):
        """What a label of this project points to (ident or URL), or None."""
        return self._app._label_value(label)

    def ident_from_path(self, path):
        """The ident of the page served at URL ``path``, or None."""
        return self._app._ident_from_path(path)

    def projectpaths(self):
        """``{proj_ident: url}`` of the root project and its sub-projects."""
        return self._app._projectpaths()

    def makepath(self, *foldernames):
        """A URL path under this project's URL made of ``foldernames``."""
        base = self._app._project_url(self.proj_ident).rstrip("/")
        return base + "/" + "/".join(str(f).strip("/") for f in foldernames if str(f).strip("/"))

    def map_url_to_server(self, urlfolder, serverfolder):
        """Map the request path under ``urlfolder`` to a file under ``serverfolder``.

        Returns a ``pathlib.Path`` when that file exists inside ``serverfolder`` (a relative
        ``serverfolder`` is taken under projectfiles), else None; ``..`` and symbolic links
        can never lead outside it.  Raise ``ServeFile(path)`` with the result to send it.
        """
        urlfolder = "/" + str(urlfolder).strip("/")
        path = "/" + self.path.strip("/")
        if urlfolder == "/":
            rest = path.lstrip("/")
        elif path == urlfolder or not path.startswith(urlfolder + "/"):
            return None
        else:
            rest = path[len(urlfolder) + 1:]
        if not rest or "\x00" in rest:
            return None
        base = pathlib.Path(serverfolder)
        if not base.is_absolute():
            base = pathlib.Path(self.projectfiles) / base
        try:
            base = base.resolve(strict=True)
            target = (base / rest).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if os.path.commonpath([str(base), str(target)]) != str(base) or not target.is_file():
            return None
        return target


def _merge_pagedata(into, other):
    for key, value in other.items():
        into[key] = value
    for _alias, sd in other.section_items():
        into.update(sd)
    for name, value in other.variables().items():
        setattr(into, name, value)
