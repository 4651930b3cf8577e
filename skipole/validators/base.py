"""The validator base: the Validator class, the failure it raises and the context it asks.

A validator is attached to a widget field in the project file and checks what a browser
submitted for that field before a responder hands it to ``submit_data``.  This module holds
what every validator shares: reading and writing the project-file dict, the ``allowed_values``
that always pass, walking lists and dicts item by item, parsing ``val_args`` and choosing the
failure message.  Concrete validators (``basic``, ``paths``) only say whether one item is
acceptable.  Validators never see the request: whatever they need from outside (TextBlocks,
the project tree) they ask of a ``ValidatorContext`` the caller passes in.
"""

import copy
import inspect
import re

__all__ = [
    "ValidationFailed", "ValidatorContext", "Validator", "Rejected", "ConfigError",
    "STANDARD_KEYS", "as_text", "parse_int",
]

#: The project-file keys every validator understands, besides ``class``.
STANDARD_KEYS = ("message", "message_ref", "displaywidget", "allowed_values", "val_args")


class ValidationFailed(Exception):
    """Raised by ``Validator.validate`` when a submitted value is not acceptable.

    ``message`` is the text to show the user (already localised through the context when the
    validator has a ``message_ref``), ``displaywidget`` the widget that should show it (as
    written in the project file; empty means the page's default error widget).  ``validator``
    is the class path (``"basic.MinLength"``) for ``call_data['failed_validation']``,
    ``keys`` the list indexes or dict keys of the items that failed (empty for a single
    value) and ``detail`` the validator's own explanation, for logs and the admin, which may
    differ from ``message`` when the project sets its own message.
    """

    def __init__(self, message, displaywidget="", validator="", keys=(), detail=""):
        super().__init__(message)
        self.message = message
        self.displaywidget = displaywidget
        self.validator = validator
        self.keys = tuple(keys)
        self.detail = detail or message


class Rejected(Exception):
    """Raised by a validator's ``check`` when one item fails; carries the default message."""

    def __init__(self, message=""):
        super().__init__(message)
        self.message = message


class ConfigError(Rejected):
    """Raised when a validator's ``val_args`` cannot be used (a bad number, a bad pattern).

    A misconfigured validator fails every value it is given (it never lets data through, and
    never crashes the request); ``Validator.problems()`` reports the same text to the admin.
    """


class ValidatorContext:
    """What a validator may ask of its caller; this default knows nothing.

    The request lifecycle and the admin editor pass a subclass (or any object with these
    methods) as ``ctx`` to ``Validator.validate``; tests subclass it to supply answers.
    """

    def textblock(self, ref):
        """The TextBlock text for ``ref`` in the caller's language, or None when there is none."""
        return None

    def ident_exists(self, value):
        """True when ``value`` (an ident, ``"proj_num"``, ``"proj,num"``, number or label) names an item."""
        return False

    def name_in_folder(self, folder, name):
        """True when the folder already holds a page or sub-folder called ``name``.

        ``folder`` is whatever the validator's ``folder`` val_arg holds (an ident or path),
        or None, meaning the folder the caller is currently editing.
        """
        return False


_NOTHING_KNOWN = ValidatorContext()

# An optionally signed run of ASCII digits, short enough that int() is cheap.
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,30}")


def as_text(item):
    """``item`` as a str for character checks: None is empty, bytes are decoded as UTF-8."""
    if isinstance(item, str):
        return item
    if item is None:
        return ""
    if isinstance(item, (bytes, bytearray)):
        return bytes(item).decode("utf-8", "replace")
    return str(item)


def parse_int(name, raw):
    """``raw`` (an int, or a str as project files store them) as an int; ConfigError if not."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and _WHOLE_NUMBER.fullmatch(raw.strip()):
        return int(raw)
    raise ConfigError(f"validator argument {name!r} must be a whole number, not {raw!r}")


class Validator:
    """Base class of every validator.

    Subclasses set ``VAL_ARGS`` (argument name → default; an int default makes the argument
    an int, parsed from the strings project files hold), ``default_message`` (shown when the
    project gives no message; formatted with the parsed arguments), optionally
    ``empty_collection_fails`` (an empty list or dict fails instead of passing) and implement
    ``check(item, args, ctx)``, which returns the item (possibly converted) or raises
    ``Rejected``.  The class docstring is the help text the admin shows: what is checked and
    each argument with its default.
    """

    VAL_ARGS = {}
    default_message = "The value is not valid."
    empty_collection_fails = False

    def __init__(self, message="", message_ref="", displaywidget="", allowed_values=None,
                 val_args=None):
        self.message = message or ""
        self.message_ref = message_ref or ""
        self.displaywidget = displaywidget if displaywidget is not None else ""
        if allowed_values is None:
            allowed_values = []
        elif isinstance(allowed_values, str):
            allowed_values = [allowed_values]
        self.allowed_values = list(allowed_values)
        self.val_args = dict(val_args or {})
        # What the project file held beyond the standard keys, and the key order it used:
        # both are written back unchanged by ``to_json``.
        self.extra = {}
        self.json_keys = ()
        self._as_read = {}

    # ------------------------------------------------------------------ identity
    @classmethod
    def module_name(cls):
        """The validator module this class lives in (``"basic"``, ``"paths"``)."""
        return cls.__module__.rsplit(".", 1)[-1]

    @classmethod
    def class_path(cls):
        """The ``"module.Class"`` name project files use for this class."""
        return f"{cls.module_name()}.{cls.__name__}"

    @classmethod
    def description(cls):
        """The help text the admin shows for this class (its docstring, dedented)."""
        return inspect.getdoc(cls) or ""

    def __repr__(self):
        return f"<{self.class_path()} val_args={self.val_args!r}>"

    # ------------------------------------------------------------------ project file
    @classmethod
    def from_json(cls, d):
        """A validator of this class from a project-file dict (the ``class`` key is ignored)."""
        known = {k: d[k] for k in STANDARD_KEYS if k in d}
        v = cls(**known)
        v.extra = {k: copy.deepcopy(val) for k, val in d.items()
                   if k != "class" and k not in STANDARD_KEYS}
        v.json_keys = tuple(d)
        # Raw standard values (a null message, a bare-string allowed value) come back as read
        # unless changed since.
        v._as_read = {k: (copy.deepcopy(v._current()[k]), copy.deepcopy(d[k])) for k in known}
        return v

    def to_json(self):
        """The project-file dict: the keys it was read with, in their order, plus any set since."""
        current = self._current()
        for key, (normalised, raw) in self._as_read.items():
            if current[key] == normalised:
                current[key] = copy.deepcopy(raw)
        out = {}
        for key in self.json_keys or ("class",):
            if key in current:
                out[key] = current[key]
            elif key in self.extra:
                out[key] = copy.deepcopy(self.extra[key])
        out.setdefault("class", current["class"])
        for key in STANDARD_KEYS:
            if key not in out and current[key]:
                out[key] = current[key]
        for key, val in self.extra.items():
            out.setdefault(key, copy.deepcopy(val))
        return out

    def _current(self):
        return {
            "class": self.class_path(),
            "message": self.message,
            "message_ref": self.message_ref,
            "displaywidget": self.displaywidget,
            "allowed_values": list(self.allowed_values),
            "val_args": copy.deepcopy(self.val_args),
        }

    # ------------------------------------------------------------------ arguments
    def args(self):
        """The ``val_args`` parsed and completed with defaults; raises ConfigError when unusable."""
        parsed = {}
        for name, default in self.VAL_ARGS.items():
            raw = self.val_args.get(name, default)
            if raw is None or raw == "":
                raw = default
            parsed[name] = parse_int(name, raw) if isinstance(default, int) else raw
        return self.check_args(parsed)

    def check_args(self, args):
        """Check the parsed arguments together (override); return them, or raise ConfigError."""
        return args

    def problems(self):
        """Why this validator is misconfigured, as a list of sentences (empty when it is fine)."""
        found = [f"unknown argument {name!r} (ignored)" for name in self.val_args
                 if name not in self.VAL_ARGS]
        try:
            self.args()
        except ConfigError as exc:
            found.append(exc.message)
        return found

    # ------------------------------------------------------------------ validation
    def check(self, item, args, ctx):
        """Return ``item`` (possibly converted) when acceptable, else raise Rejected (override)."""
        return item

    def validate(self, value, ctx=None):
        """Return ``value`` checked (and possibly converted), or raise ValidationFailed.

        ``value`` is a str (or other single value), a list (each item is checked, a list is
        returned) or a dict (each value is checked, a dict is returned).  Items equal to one
        of ``allowed_values`` always pass unchanged.  ``ctx`` is a ValidatorContext; None
        means one that knows nothing.
        """
        ctx = _NOTHING_KNOWN if ctx is None else ctx
        try:
            args = self.args()
        except ConfigError as exc:
            raise self._failed(ctx, exc.message) from None
        if isinstance(value, dict):
            return self._validate_items(value.items(), args, ctx, dict, len(value))
        if isinstance(value, (list, tuple)):
            return self._validate_items(enumerate(value), args, ctx, list, len(value))
        try:
            return self._check_one(value, args, ctx)
        except Rejected as exc:
            raise self._failed(ctx, exc.message or self._default(args)) from None

    def _validate_items(self, pairs, args, ctx, make, size):
        if size == 0 and self.empty_collection_fails:
            raise self._failed(ctx, self._default(args))
        result, failed, detail = [], [], ""
        for key, item in pairs:
            try:
                result.append((key, self._check_one(item, args, ctx)))
            except Rejected as exc:
                failed.append(key)
                detail = detail or exc.message
        if failed:
            raise self._failed(ctx, detail or self._default(args), failed)
        return dict(result) if make is dict else [item for _, item in result]

    def _check_one(self, item, args, ctx):
        if self._allowed(item):
            return item
        return self.check(item, args, ctx)

    def _allowed(self, item):
        try:
            return item in self.allowed_values
        except TypeError:
            return False

    def _default(self, args):
        try:
            return self.default_message.format(**args)
        except (KeyError, IndexError, ValueError):
            return self.default_message

    def _failed(self, ctx, detail, keys=()):
        """The ValidationFailed to raise: the TextBlock, else the project's message, else ``detail``."""
        message = ""
        if self.message_ref:
            lookup = getattr(ctx, "textblock", None)
            text = lookup(self.message_ref) if lookup is not None else None
            if text:
                message = text
        message = message or self.message or detail
        return ValidationFailed(message, self.displaywidget, self.class_path(), keys, detail)
