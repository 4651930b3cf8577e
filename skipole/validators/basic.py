"""The eleven general-purpose validators of skipole 5.x, for any input field.

They check one submitted item at a time (the base class walks lists and dicts and lets
``allowed_values`` through first), and keep the 5.x names, arguments and defaults so that
existing project files load unchanged.  Where 5.x was unsafe we differ, and say so in the
class docstring: allowed values are compared literally, and Search bounds its pattern and the
text it searches.
"""

import functools
import re

from .base import ConfigError, Rejected, Validator, as_text, parse_int

__all__ = [
    "AllowedValuesOnly", "AllowedValuesOrEmpty", "NoOperation", "MinLength", "MaxLength",
    "NotEmpty", "IntMinMax", "StrictIntMinMax", "AlphaNumUnder", "AlphaNumDotUnder", "Search",
    "SEARCH_PATTERN_LIMIT", "SEARCH_VALUE_LIMIT",
]

#: Longest regular expression Search accepts in its ``pattern`` argument.
SEARCH_PATTERN_LIMIT = 1000
#: Longest submitted value Search runs its pattern over; longer values fail.
SEARCH_VALUE_LIMIT = 10_000

_ALNUM_UNDER = re.compile(r"\w*")
_ALNUM_DOT_UNDER = re.compile(r"[\w.]*")


def _is_empty(item):
    """True for None and for text (or bytes) that is empty or only whitespace."""
    if item is None:
        return True
    if isinstance(item, (str, bytes, bytearray)):
        return not item.strip()
    return False


def _length(item):
    """Length in characters (bytes for uploaded file content); None counts as empty."""
    if isinstance(item, (str, bytes, bytearray)):
        return len(item)
    return len(as_text(item))


def _whole_number(item):
    """``item`` as an int, or None when it is not a whole number (``"12"``, ``"-3"``, ``7``)."""
    try:
        return parse_int("value", item)
    except ConfigError:
        return None


class AllowedValuesOnly(Validator):
    """Accepts only the values listed in the validator's allowed values.

    Each submitted value is compared literally (exactly, case-sensitively) with the allowed
    values; anything else fails.  Takes no arguments.
    """

    default_message = "Please choose one of the offered values."

    def check(self, item, args, ctx):
        raise Rejected()


class AllowedValuesOrEmpty(Validator):
    """Accepts the values listed in the validator's allowed values, or an empty value.

    Each submitted value is compared literally with the allowed values; an empty value
    (nothing, or only spaces) also passes.  Takes no arguments.
    """

    default_message = "Please choose one of the offered values, or leave it empty."

    def check(self, item, args, ctx):
        if _is_empty(item):
            return item
        raise Rejected()


class NoOperation(Validator):
    """Accepts everything: a placeholder that checks nothing.  Takes no arguments."""

    def check(self, item, args, ctx):
        return item


class MinLength(Validator):
    """Accepts values at least ``minlength`` characters long.

    Arguments: ``minlength``, a whole number of at least 0 (default 1).  For uploaded files
    the length is in bytes.
    """

    VAL_ARGS = {"minlength": 1}
    default_message = "Please enter at least {minlength} characters."

    def check_args(self, args):
        if args["minlength"] < 0:
            raise ConfigError("validator argument 'minlength' must be 0 or more")
        return args

    def check(self, item, args, ctx):
        if _length(item) < args["minlength"]:
            raise Rejected()
        return item


class MaxLength(Validator):
    """Accepts values at most ``maxlength`` characters long.

    Arguments: ``maxlength``, a whole number of at least 0 (default 50).  For uploaded files
    the length is in bytes.
    """

    VAL_ARGS = {"maxlength": 50}
    default_message = "Please enter no more than {maxlength} characters."

    def check_args(self, args):
        if args["maxlength"] < 0:
            raise ConfigError("validator argument 'maxlength' must be 0 or more")
        return args

    def check(self, item, args, ctx):
        if _length(item) > args["maxlength"]:
            raise Rejected()
        return item


class NotEmpty(Validator):
    """Rejects empty values: nothing, an empty string or only spaces.

    ``False`` and ``0`` count as values.  For a multi-valued field, an empty list (nothing
    chosen) fails, as does an empty dict.  Takes no arguments.
    """

    default_message = "Please fill in this field."
    empty_collection_fails = True

    def check(self, item, args, ctx):
        if _is_empty(item):
            raise Rejected()
        return item


class _IntRange(Validator):
    """Shared by IntMinMax and StrictIntMinMax: the ``minval``/``maxval`` arguments."""

    VAL_ARGS = {"minval": 0, "maxval": 255}

    def check_args(self, args):
        if args["minval"] > args["maxval"]:
            raise ConfigError(f"validator argument 'minval' ({args['minval']}) must not be "
                              f"greater than 'maxval' ({args['maxval']})")
        return args


class IntMinMax(_IntRange):
    """Accepts whole numbers and brings them into the range ``minval`` to ``maxval``.

    A value that is not a whole number (such as ``"abc"`` or ``"2.5"``) fails; a number below
    ``minval`` becomes ``minval`` and one above ``maxval`` becomes ``maxval``.  The value is
    returned as a str of the number, as in skipole 5.x (``" 007"`` becomes ``"7"``).

    Arguments: ``minval`` (default 0) and ``maxval`` (default 255), whole numbers with
    ``minval`` not greater than ``maxval``.
    """

    default_message = "Please enter a whole number."

    def check(self, item, args, ctx):
        number = _whole_number(item)
        if number is None:
            raise Rejected()
        return str(min(max(number, args["minval"]), args["maxval"]))


class StrictIntMinMax(_IntRange):
    """Accepts whole numbers from ``minval`` to ``maxval`` inclusive; rejects the rest.

    The value is returned as a str of the number (``" 007"`` becomes ``"7"``).

    Arguments: ``minval`` (default 0) and ``maxval`` (default 255), whole numbers with
    ``minval`` not greater than ``maxval``.
    """

    default_message = "Please enter a whole number from {minval} to {maxval}."

    def check(self, item, args, ctx):
        number = _whole_number(item)
        if number is None or not args["minval"] <= number <= args["maxval"]:
            raise Rejected()
        return str(number)


class AlphaNumUnder(Validator):
    """Accepts values made only of letters, digits and underscores (an empty value passes).

    Letters and digits are those of Unicode, as Python's ``\\w``; add NotEmpty to require a
    value.  Takes no arguments.
    """

    default_message = "Please use only letters, digits and underscores."

    def check(self, item, args, ctx):
        if not _ALNUM_UNDER.fullmatch(as_text(item)):
            raise Rejected()
        return item


class AlphaNumDotUnder(Validator):
    """Accepts values made only of letters, digits, dots and underscores (an empty value passes).

    Letters and digits are those of Unicode, as Python's ``\\w``; add NotEmpty to require a
    value.  Takes no arguments.
    """

    default_message = "Please use only letters, digits, dots and underscores."

    def check(self, item, args, ctx):
        if not _ALNUM_DOT_UNDER.fullmatch(as_text(item)):
            raise Rejected()
        return item


@functools.lru_cache(maxsize=256)
def _compiled(pattern):
    """The compiled ``pattern``, or the reason it cannot be used (a str)."""
    if len(pattern) > SEARCH_PATTERN_LIMIT:
        return f"the Search pattern is longer than {SEARCH_PATTERN_LIMIT} characters"
    try:
        return re.compile(pattern)
    except (re.error, OverflowError, RecursionError) as exc:
        return f"the Search pattern {pattern!r} is not a valid regular expression: {exc}"


class Search(Validator):
    """Accepts values in which the regular expression ``pattern`` matches somewhere.

    The match is Python's ``re.search``: anchor with ``^`` and ``$`` (or ``\\A`` and ``\\Z``)
    to test the whole value.  Arguments: ``pattern`` (default ``[\\s\\S]``, any character,
    so an empty value fails).

    Safety: a pattern that does not compile, or is longer than 1000 characters, makes every
    value fail with a message naming the problem (it never raises).  Values longer than
    10 000 characters fail without being searched.  That bound limits the work a hostile
    value can cause with ordinary patterns, but Python's regular expressions have no time
    limit: avoid nested repeats such as ``(a+)+`` or ``(\\w|\\d)*`` followed by something
    that can fail, which can take exponential time even on short values.
    """

    VAL_ARGS = {"pattern": r"[\s\S]"}
    default_message = "Please enter a value in the expected form."

    def check_args(self, args):
        pattern = args["pattern"]
        if not isinstance(pattern, str):
            raise ConfigError(f"the Search pattern must be text, not {pattern!r}")
        compiled = _compiled(pattern)
        if isinstance(compiled, str):
            raise ConfigError(compiled)
        return {**args, "regex": compiled}

    def check(self, item, args, ctx):
        text = as_text(item)
        if len(text) > SEARCH_VALUE_LIMIT:
            raise Rejected(f"The value is too long to check (over {SEARCH_VALUE_LIMIT} characters).")
        if args["regex"].search(text) is None:
            raise Rejected()
        return item
