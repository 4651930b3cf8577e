"""The three validators the admin editor uses on paths, idents and names in the project tree.

They keep the skipole 5.x names.  PathLeadingTrailingSlashes works on the text alone; the
other two ask the ``ValidatorContext`` about the project being edited (``ident_exists``,
``name_in_folder``), so they hold no reference to any project themselves.
"""

import re

from .base import Rejected, Validator, as_text

__all__ = ["PathLeadingTrailingSlashes", "IdentExists", "NameNotInFolder"]

# Characters refused inside a path segment: controls, whitespace, backslash and the URL
# delimiters that would end the path.
_BAD_SEGMENT_CHAR = re.compile(r"[\x00-\x20\x7f\\?#]")


class PathLeadingTrailingSlashes(Validator):
    """Accepts a URL path and returns it with one leading slash and no trailing slash.

    ``"a/b/"`` becomes ``"/a/b"``; ``""`` and ``"/"`` become ``"/"`` (the root).  One leading
    and one trailing slash are removed before the path is split, so a path with an empty
    segment (``"/a//b"``, ``"//host"``, ``"//"``) fails, as do ``.`` and ``..`` segments and segments
    holding spaces, control characters, backslashes, ``?`` or ``#``.  Takes no arguments.
    """

    default_message = "Please enter a path such as /folder/page, without empty, '.' or '..' parts."

    def check(self, item, args, ctx):
        text = as_text(item)
        if text in ("", "/"):
            return "/"
        inner = text[1:] if text.startswith("/") else text
        inner = inner[:-1] if inner.endswith("/") else inner
        for segment in inner.split("/"):
            if segment in ("", ".", "..") or _BAD_SEGMENT_CHAR.search(segment):
                raise Rejected()
        return "/" + inner


class IdentExists(Validator):
    """Accepts a value only when it names an existing item of the project.

    The value (an ident such as ``myproj_12``, a page number or a label) is looked up with
    the caller's ``ctx.ident_exists(value)``; without a context nothing exists and every
    value fails.  Takes no arguments.
    """

    default_message = "No page or folder with that ident exists."

    def check(self, item, args, ctx):
        if _is_blank(item) or not ctx.ident_exists(item):
            raise Rejected()
        return item


class NameNotInFolder(Validator):
    """Accepts a name only when the folder does not already hold a page or folder of that name.

    Asks the caller's ``ctx.name_in_folder(folder, name)``.  Arguments: ``folder`` (default
    empty: the folder the caller is editing, passed to the context as None), otherwise the
    ident or path of the folder to look in.  Add NotEmpty to refuse an empty name.
    """

    VAL_ARGS = {"folder": ""}
    default_message = "That name is already used in this folder."

    def check(self, item, args, ctx):
        folder = args["folder"]
        if folder == "":
            folder = None
        if ctx.name_in_folder(folder, item):
            raise Rejected()
        return item


def _is_blank(item):
    return item is None or (isinstance(item, str) and not item.strip())
