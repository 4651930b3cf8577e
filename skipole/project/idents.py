"""Idents: the permanent (project, number) names of folders and pages.

A page is named by its ident everywhere (links, responder targets, user code), never by its
URL, so pages can move without breaking anything.  Text forms: ``pi01_2003`` and ``pi01,2003``.
"""

from typing import NamedTuple

__all__ = ["Ident", "parse_ident"]


class Ident(NamedTuple):
    """A folder or page ident: project ident and number."""

    proj: str
    num: int

    def to_comma_str(self):
        """``proj,num``"""
        return f"{self.proj},{self.num}"

    def __str__(self):
        return f"{self.proj}_{self.num}"


def parse_ident(value, default_proj=None):
    """Return an ``Ident`` for ``value``, or None when it is not ident-shaped.

    Accepts an ``Ident``, a ``(proj, num)`` pair, ``"proj_num"``, ``"proj,num"``, and — given
    ``default_proj`` — an integer or a string of digits (a number in that project).
    """
    if isinstance(value, Ident):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Ident(default_proj, value) if default_proj is not None and value >= 0 else None
    if isinstance(value, (tuple, list)) and len(value) == 2:
        proj, num = value
        try:
            return Ident(str(proj), int(num))
        except (TypeError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.isdigit():
        return Ident(default_proj, int(text)) if default_proj is not None else None
    for sep in (",", "_"):
        proj, found, num = text.rpartition(sep)
        if found and proj and num.isdigit() and proj.isalnum():
            return Ident(proj, int(num))
    return None
