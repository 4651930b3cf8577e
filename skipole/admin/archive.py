"""Backup archives: the whole project as one ``.tar.gz``, and checking one before restoring it.

An archive holds ``manifest.json`` (format, project name, time, skipole version and the
SHA-256 of every other member), ``data/project.json``, ``data/defaults.json``,
``data/textblocks_json/LANG.json``, ``hardware.toml`` when the project has one, and —
only when asked — the appliance's device state under ``state/`` (``devices.json``,
``outputs.json``, ``events.json`` and sensor history ``history/NAME/NNNNNNNNNN.json``).

Secrets never go into an archive and are refused in one: ``users.json``,
``sessions.json``, ``tokens.json`` and ``secret_key`` (and anything else not on the list
above) are left out when writing and make ``read_backup`` refuse the archive.

``read_backup`` refuses an archive that is too large (compressed or unpacked), has too many
members, absolute names, ``..``, links, devices or other special members, duplicate or
unexpected names, or content that does not match its manifest.
"""

import datetime
import gzip
import hashlib
import io
import json
import os
import re
import tarfile
import time

from .errors import AdminError
from .storage import is_managed

__all__ = ["make_backup", "read_backup", "STATE_FILES", "SECRET_NAMES", "MAX_ARCHIVE", "MAX_UNPACKED",
           "MAX_MEMBER", "MAX_MEMBERS"]

#: state files that may be backed up (none holds a secret)
STATE_FILES = ("devices.json", "outputs.json", "events.json")
_STATE_HISTORY = re.compile(r"^history/[A-Za-z][A-Za-z0-9_\-]{0,63}/\d{10}\.json$")
#: state files that are never written into an archive nor accepted from one
SECRET_NAMES = ("users.json", "sessions.json", "tokens.json", "secret_key")
#: the largest archive accepted (compressed), its largest unpacked total, member and count
MAX_ARCHIVE = 64 * 1024 * 1024
MAX_UNPACKED = 256 * 1024 * 1024
MAX_MEMBER = 64 * 1024 * 1024
MAX_MEMBERS = 20_000
FORMAT = 1


def _state_allowed(rel):
    return rel in STATE_FILES or bool(_STATE_HISTORY.match(rel))


def state_files(state_dir):
    """``{relpath: bytes}`` of the backed-up state in ``state_dir`` (never a secret)."""
    out = {}
    if not state_dir or not os.path.isdir(state_dir):
        return out
    for name in STATE_FILES:
        path = os.path.join(state_dir, name)
        if os.path.isfile(path) and not os.path.islink(path):
            with open(path, "rb") as f:
                out[name] = f.read()
    hdir = os.path.join(state_dir, "history")
    if os.path.isdir(hdir) and not os.path.islink(hdir):
        for dev in sorted(os.listdir(hdir)):
            ddir = os.path.join(hdir, dev)
            if not os.path.isdir(ddir) or os.path.islink(ddir):
                continue
            for seg in sorted(os.listdir(ddir)):
                rel = f"history/{dev}/{seg}"
                path = os.path.join(ddir, seg)
                if _state_allowed(rel) and os.path.isfile(path) and not os.path.islink(path):
                    with open(path, "rb") as f:
                        out[rel] = f.read()
    assert not any(os.path.basename(rel) in SECRET_NAMES for rel in out)
    return out


def make_backup(name, data_files, hardware=None, state=None, created=None):
    """The bytes of a ``.tar.gz`` backup.

    ``data_files``: ``{relpath: bytes}`` of the data folder (managed files only);
    ``hardware``: the bytes of hardware.toml or None; ``state``: ``{relpath: bytes}`` from
    ``state_files`` or None."""
    members = {}
    for rel, data in sorted(data_files.items()):
        if not is_managed(rel):
            raise ValueError(f"not a data file: {rel}")
        members[f"data/{rel}"] = data
    if hardware is not None:
        members["hardware.toml"] = hardware
    for rel, data in sorted((state or {}).items()):
        if not _state_allowed(rel) or os.path.basename(rel) in SECRET_NAMES:
            raise ValueError(f"not a state file that may be backed up: {rel}")
        members[f"state/{rel}"] = data
    created = created or datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    from .. import __version__
    manifest = {"skipole_backup": FORMAT, "project": name, "created": created, "skipole": __version__,
                "files": {m: hashlib.sha256(d).hexdigest() for m, d in members.items()}}
    buf = io.BytesIO()
    mtime = int(time.time())
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=mtime) as gz, \
            tarfile.open(fileobj=gz, mode="w", format=tarfile.PAX_FORMAT) as tar:
        dirs = set()
        for member in ["manifest.json"] + list(members):
            parts = member.split("/")[:-1]
            for i in range(1, len(parts) + 1):
                d = "/".join(parts[:i])
                if d not in dirs:
                    dirs.add(d)
                    info = tarfile.TarInfo(d)
                    info.type = tarfile.DIRTYPE
                    info.mode = 0o755
                    info.mtime = mtime
                    tar.addfile(info)
            data = json.dumps(manifest, indent=1).encode() if member == "manifest.json" else members[member]
            info = tarfile.TarInfo(member)
            info.size = len(data)
            info.mode = 0o644
            info.mtime = mtime
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _bad(message):
    return AdminError(f"this backup cannot be restored: {message}", "archive")


def _check_name(name):
    if not name or name.startswith("/") or "\\" in name or "\x00" in name:
        raise _bad(f"the member name {name!r} is not a plain relative path")
    parts = name.rstrip("/").split("/")
    if any(p in ("", ".", "..") for p in parts):
        raise _bad(f"the member name {name!r} contains '..', '.' or an empty segment")
    return "/".join(parts)


def _allowed_file(name):
    if name == "manifest.json" or name == "hardware.toml":
        return True
    if name.startswith("data/"):
        return is_managed(name[5:])
    if name.startswith("state/"):
        rel = name[6:]
        return _state_allowed(rel) and os.path.basename(rel) not in SECRET_NAMES
    return False


def read_backup(archive):
    """Check a backup archive (bytes) and return ``{"manifest", "data", "hardware", "state"}``.

    ``data`` and ``state`` are ``{relpath: bytes}``; ``hardware`` is bytes or None.  Raises
    AdminError saying why an archive is refused (nothing is written by this function)."""
    if not isinstance(archive, (bytes, bytearray)):
        raise _bad("expected the archive's bytes")
    if len(archive) > MAX_ARCHIVE:
        raise _bad(f"it is larger than {MAX_ARCHIVE // (1024 * 1024)} MiB")
    if not bytes(archive[:2]) == b"\x1f\x8b":
        raise _bad("it is not a .tar.gz file")
    files = {}
    total = 0
    count = 0
    try:
        with tarfile.open(fileobj=io.BytesIO(bytes(archive)), mode="r:gz") as tar:
            while True:
                member = tar.next()
                if member is None:
                    break
                count += 1
                if count > MAX_MEMBERS:
                    raise _bad(f"it has more than {MAX_MEMBERS} members")
                name = _check_name(member.name)
                if member.isdir():
                    continue
                if not member.isreg():
                    kind = "a link" if (member.issym() or member.islnk()) else "a special file"
                    raise _bad(f"{name} is {kind}; only plain files are accepted")
                base = os.path.basename(name)
                if base in SECRET_NAMES:
                    raise _bad(f"it contains {name}: secrets (users, sessions, tokens, keys) are never restored")
                if not _allowed_file(name):
                    raise _bad(f"it contains {name}, which is not part of a skipole backup")
                if name in files:
                    raise _bad(f"{name} appears twice")
                if member.size > MAX_MEMBER:
                    raise _bad(f"{name} is larger than {MAX_MEMBER // (1024 * 1024)} MiB")
                total += member.size
                if total > MAX_UNPACKED:
                    raise _bad(f"it unpacks to more than {MAX_UNPACKED // (1024 * 1024)} MiB")
                f = tar.extractfile(member)
                data = f.read(member.size + 1) if f is not None else b""
                if len(data) != member.size:
                    raise _bad(f"{name} is truncated")
                files[name] = data
    except (tarfile.TarError, EOFError, OSError, gzip.BadGzipFile, ValueError) as exc:
        if isinstance(exc, AdminError):
            raise
        raise _bad(f"it is not a readable .tar.gz file ({exc})") from None
    if "manifest.json" not in files:
        raise _bad("it has no manifest.json")
    try:
        manifest = json.loads(files.pop("manifest.json"))
    except ValueError:
        raise _bad("its manifest.json is not valid JSON") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("skipole_backup"), int):
        raise _bad("its manifest is not a skipole backup manifest")
    if manifest["skipole_backup"] > FORMAT:
        raise _bad("it was written by a newer skipole")
    listed = manifest.get("files")
    if not isinstance(listed, dict) or set(listed) != set(files):
        raise _bad("its members do not match its manifest")
    for name, data in files.items():
        if hashlib.sha256(data).hexdigest() != listed[name]:
            raise _bad(f"{name} does not match its checksum in the manifest")
    data_files = {n[5:]: d for n, d in files.items() if n.startswith("data/")}
    if "project.json" not in data_files:
        raise _bad("it has no data/project.json")
    return {"manifest": manifest, "data": data_files, "hardware": files.get("hardware.toml"),
            "state": {n[6:]: d for n, d in files.items() if n.startswith("state/")}}
