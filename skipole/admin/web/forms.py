"""Turning a submitted admin form into the arguments of an edit operation.

Every input of an admin form that carries an argument is named ``TYPE:PATH``: ``PATH`` is the
argument's name, dotted for a value inside a dict argument (``s:settings.title``), and
``TYPE`` says how the text the browser sends becomes the value the operation takes:

=====  ====================================================================================
``s``  text, surrounding spaces removed
``t``  text kept as typed (line ends made ``\\n``)
``e``  text, left out altogether when empty (the operation's default applies)
``z``  text, ``None`` when empty (clears a setting)
``i``  a whole number
``b``  true or false (a tick box sends ``0`` then ``1``: the last value wins)
``l``  a list: one item per line, empty lines dropped
``kv`` a dict: one ``key = value`` per line
``tab`` a table: one row per line, cells separated by ``|``
``css`` CSS declarations: one ``property: value`` per line
``w``  a widget reference ``alias-name`` (or ``name``) as ``[alias, name]``
``j``  JSON
``f``  an uploaded JSON file (its parsed content)
``fe`` an uploaded element file: as ``f``, an export's ``{"skipole": "element"}`` wrapper removed
=====  ====================================================================================

The other fields of a form (``csrf_token``, ``op``, ``version``, ``back``, ``confirm``...)
are the admin's own and never reach an operation.
"""

import json

from ...request import UploadedFile
from ..errors import AdminError

__all__ = ["arguments", "typed_pairs", "describe_pairs", "RESERVED"]

RESERVED = {"csrf_token", "op", "version", "back", "confirm", "need_confirm", "entry", "note"}
MAX_UPLOAD_JSON = 8 * 1024 * 1024


def typed_pairs(form):
    """The ``(name, value)`` pairs of ``form`` that carry arguments (``TYPE:PATH`` names)."""
    return [(k, v) for k, v in form if ":" in k and k not in RESERVED]


def arguments(form):
    """The keyword arguments the typed fields of ``form`` give (AdminError when one is bad)."""
    values = {}
    for name, value in typed_pairs(form):
        values[name] = value            # a repeated name (a tick box's 0 then 1): the last wins
    kwargs = {}
    for name in values:
        kind, _, path = name.partition(":")
        if not path or not all(part for part in path.split(".")):
            raise AdminError(f"bad form field name {name!r}")
        converted = _convert(kind, values[name], path)
        if converted is _OMIT:
            continue
        _put(kwargs, path.split("."), converted)
    return kwargs


_OMIT = object()


def _text(value):
    if isinstance(value, UploadedFile):
        return value.data.decode("utf-8", "replace")
    return "" if value is None else str(value)


def _lines(value):
    return _text(value).replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _convert(kind, value, path):
    what = path.split(".")[-1]
    if kind == "s":
        return _text(value).strip()
    if kind == "t":
        return _text(value).replace("\r\n", "\n").replace("\r", "\n")
    if kind == "e":
        text = _text(value).strip()
        return text if text else _OMIT
    if kind == "z":
        text = _text(value).strip()
        return text if text else None
    if kind == "i":
        text = _text(value).strip()
        try:
            return int(text)
        except ValueError:
            raise AdminError(f"{what} must be a whole number, not {text!r}", what) from None
    if kind == "b":
        return _text(value).strip().lower() in ("1", "true", "on", "yes")
    if kind == "l":
        return [line.strip() for line in _lines(value) if line.strip()]
    if kind == "kv":
        out = {}
        for line in _lines(value):
            if not line.strip():
                continue
            key, eq, val = line.partition("=")
            if not eq:
                raise AdminError(f"{what}: write each line as key = value (got {line.strip()!r})", what)
            out[key.strip()] = val.strip()
        return out
    if kind == "tab":
        return [[cell.strip() for cell in line.split("|")] for line in _lines(value) if line.strip()]
    if kind == "css":
        out = []
        for line in _lines(value):
            line = line.strip().rstrip(";").strip()
            if not line:
                continue
            prop, colon, val = line.partition(":")
            if not colon:
                raise AdminError(f"{what}: write each line as property: value (got {line!r})", what)
            out.append([prop.strip(), val.strip()])
        return out
    if kind == "w":
        text = _text(value).strip()
        alias, _, name = text.rpartition("-")
        return [alias, name]
    if kind in ("j", "f", "fe"):
        if kind != "j" and (not isinstance(value, UploadedFile) or not value.data):
            raise AdminError(f"{what}: choose a file to upload", what)
        raw = value.data if isinstance(value, UploadedFile) else _text(value).encode("utf-8")
        if len(raw) > MAX_UPLOAD_JSON:
            raise AdminError(f"{what}: the file is too large", what)
        try:
            value = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise AdminError(f"{what}: this is not valid JSON ({exc})", what) from None
        if kind == "fe" and isinstance(value, dict) and value.get("skipole") == "element":
            value = value.get("element")
        return value
    raise AdminError(f"unknown form field type {kind!r}")


def _put(target, parts, value):
    for part in parts[:-1]:
        nxt = target.setdefault(part, {})
        if not isinstance(nxt, dict):
            raise AdminError(f"form field {'.'.join(parts)} clashes with another")
        target = nxt
    target[parts[-1]] = value


def describe_pairs(form):
    """``[(label, shown value, name, raw value)]`` of a submission's typed fields (uploads named,
    tick boxes folded to their last value) for the pages that give a refused change back."""
    seen = {}
    for name, value in typed_pairs(form):
        seen[name] = value
    out = []
    for name, value in seen.items():
        kind, _, path = name.partition(":")
        label = path.replace(".", " \u203a ").replace("_", " ")
        if isinstance(value, UploadedFile):
            out.append((label, f"(the file {value.filename or 'uploaded'}: choose it again)", name, None))
        elif kind == "b":
            out.append((label, "yes" if _text(value).strip() in ("1", "true", "on") else "no", name, _text(value)))
        else:
            out.append((label, _text(value), name, _text(value)))
    return out
