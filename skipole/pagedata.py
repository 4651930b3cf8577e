"""PageData and SectionData: what hook code sets to fill a page, as in skipole 5.x.

``PageData`` maps ``(widget, field)`` to a value and carries page variables (status, headers,
interval, ...).  ``SectionData`` does the same for the widgets of one section placeholder,
addressed through its alias, plus the section's own settings (show, hide, multiplier, ...).
"""

from collections.abc import MutableMapping

__all__ = ["PageData", "SectionData", "PAGE_VARIABLES", "SECTION_VARIABLES"]

PAGE_VARIABLES = ("add_jscript", "backcol", "body_class", "headers", "ident_data", "lang", "last_scroll",
                  "set_cookie", "localStorage", "sessionStorage", "show_backcol", "show_error", "status",
                  "filepath", "mimetype", "enable_cache", "height", "width", "cssimport",
                  "colour_substitution", "ClearAllErrors", "interval", "IntervalTarget", "JSONtoHTML",
                  "CatchToHTML", "throw", "content_length")
SECTION_VARIABLES = ("hide", "multiplier", "multiplier_tag", "section_class", "show")


def _widgfield(key):
    if not (isinstance(key, tuple) and len(key) == 2 and all(isinstance(k, str) and k for k in key)):
        raise KeyError(f"a key is a (widget, field) pair of non-empty strings, not {key!r}")
    return key


class _Values(MutableMapping):
    __slots__ = ("_values", "_vars")

    def __init__(self):
        self._values = {}
        self._vars = {}          # the page or section variables that are set (not None)

    def variables(self):
        """``{name: value}`` of the variables set (those not None)."""
        return dict(self._vars)

    def __getitem__(self, key):
        return self._values[_widgfield(key)]

    def __setitem__(self, key, value):
        self._values[_widgfield(key)] = value

    def __delitem__(self, key):
        del self._values[_widgfield(key)]

    def __iter__(self):
        return iter(self._values)

    def __len__(self):
        return len(self._values)


class SectionData(_Values):
    """Values for the widgets of the section placed under ``sectionalias``.

    Keys are ``(widget, field)``; attributes ``show``, ``hide``, ``multiplier``,
    ``multiplier_tag`` and ``section_class`` set the section itself (None leaves the
    project's setting).
    """

    __slots__ = ("_alias",)

    def __init__(self, sectionalias):
        super().__init__()
        if not isinstance(sectionalias, str) or not sectionalias:
            raise ValueError("a section alias is a non-empty string")
        self._alias = sectionalias

    @property
    def sectionalias(self):
        return self._alias

    def copy(self, newalias):
        """A copy of this SectionData under another alias."""
        other = SectionData(newalias)
        other._values = dict(self._values)
        other._vars = dict(self._vars)
        return other

    def multiply(self, number):
        """Set the multiplier to ``number``; return that many SectionData (``alias_0``, ...)."""
        number = max(0, int(number))
        self.multiplier = number
        return [SectionData(f"{self._alias}_{i}") for i in range(number)]

    def to_dict(self):
        """String-keyed dict: ``alias-widget:field`` and ``alias/variable``."""
        out = {f"{self._alias}/{n}": v for n, v in self._vars.items()}
        out.update((f"{self._alias}-{w}:{f}", v) for (w, f), v in self._values.items())
        return out

    @classmethod
    def from_dict(cls, sectionalias, sectiondict):
        """Rebuild from ``to_dict`` output (keys of other aliases are ignored)."""
        sd = cls(sectionalias)
        prefix = sectionalias + "-"
        for key, value in sectiondict.items():
            if key.startswith(sectionalias + "/"):
                name = key[len(sectionalias) + 1:]
                if name in SECTION_VARIABLES:
                    setattr(sd, name, value)
            elif key.startswith(prefix) and ":" in key:
                widget, _, field = key[len(prefix):].partition(":")
                sd[widget, field] = value
        return sd


class PageData(_Values):
    """Values for the widgets of a page, plus page variables and sections.

    ``pd["widget", "field"] = value`` sets a widget field; ``pd.update(sectiondata)`` adds a
    section's values; attributes such as ``pd.status``, ``pd.interval``, ``pd.show_error``
    set the page (see ``PAGE_VARIABLES``; None leaves the default).
    """

    __slots__ = ("_sections",)

    def __init__(self):
        super().__init__()
        self._sections = {}

    # ---- sections -----------------------------------------------------------------------
    def update(self, other=(), **kw):
        """Add a SectionData (by its alias) or ``(widget, field)`` items."""
        if isinstance(other, SectionData):
            self._sections[other.sectionalias] = other
            return
        super().update(other, **kw)

    @property
    def sections(self):
        """The aliases of the sections added."""
        return set(self._sections)

    def get_section(self, sectionalias):
        """The SectionData added under ``sectionalias``, or None."""
        return self._sections.get(sectionalias)

    def delete_section(self, sectionalias):
        self._sections.pop(sectionalias, None)

    def section_items(self):
        """``(alias, SectionData)`` pairs."""
        return self._sections.items()

    # ---- conversion ---------------------------------------------------------------------
    def to_dict(self):
        """String-keyed dict: ``widget:field``, page variables, and each section's keys."""
        out = {f"{w}:{f}": v for (w, f), v in self._values.items()}
        for sd in self._sections.values():
            out.update(sd.to_dict())
        out.update(self._vars)
        return out

    @classmethod
    def from_dict(cls, pagedict):
        """Rebuild a PageData (sections included) from ``to_dict`` output."""
        pd = cls()
        aliases = set()
        for key in pagedict:
            if "/" in key:
                aliases.add(key.split("/", 1)[0])
            elif "-" in key.split(":", 1)[0]:
                aliases.add(key.split("-", 1)[0])
        for alias in aliases:
            pd.update(SectionData.from_dict(alias, pagedict))
        for key, value in pagedict.items():
            if key in PAGE_VARIABLES:
                setattr(pd, key, value)
            elif ":" in key and "/" not in key and "-" not in key.split(":", 1)[0]:
                widget, _, field = key.partition(":")
                pd[widget, field] = value
        return pd

    def get_value(self, widget, field, default=None):
        return self._values.get((widget, field), default)


def _variable(name):
    """A property storing variable ``name`` in ``_vars`` (None removes it: the default)."""

    def get(self):
        return self._vars.get(name)

    def set_(self, value):
        if value is None:
            self._vars.pop(name, None)
        else:
            self._vars[name] = value

    return property(get, set_, doc=f"The {name} variable (None: the project's setting).")


for _name in SECTION_VARIABLES:
    setattr(SectionData, _name, _variable(_name))
for _name in PAGE_VARIABLES:
    setattr(PageData, _name, _variable(_name))
del _name
