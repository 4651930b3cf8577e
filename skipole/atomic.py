"""Atomic, durable file writes: every file skipole writes goes through here.

A write goes to a temporary file in the same directory, is flushed and fsync'ed, renamed over
the target and the directory is fsync'ed, so after a crash or power cut the file is either
its old or its new version, never a mix.  Errors (disk full, read-only) leave the old file
intact and are raised as ``OSError`` with the path in the message.
"""

import contextlib
import json
import os
import tempfile
import time

__all__ = ["write_bytes", "write_text", "write_json", "fsync_dir", "remove_stale_temporaries"]

TEMP_PREFIX = ".tmp-"
TEMP_SUFFIX = "~"


def fsync_dir(path):
    """fsync a directory so that a rename inside it survives a power cut."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_bytes(path, data, *, mode=None):
    """Write ``data`` to ``path`` atomically and durably; keep the old file's mode and owner."""
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        elif st is not None:
            os.chmod(tmp, st.st_mode & 0o7777)
            with contextlib.suppress(PermissionError):
                os.chown(tmp, st.st_uid, st.st_gid)
        else:
            os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not exc.filename:
            raise OSError(exc.errno, f"cannot write {path}: {exc.strerror}", path) from exc
        raise
    fsync_dir(directory)


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path, text, **kw):
    """Write ``text`` as UTF-8, atomically and durably."""
    write_bytes(path, text.encode("utf-8"), **kw)


def write_json(path, obj, *, indent=0, **kw):
    """Write ``obj`` as JSON (key order kept, as the 5.x editor wrote it), atomically and durably."""
    write_text(path, json.dumps(obj, indent=indent, ensure_ascii=True), **kw)


def remove_stale_temporaries(top, older_than=60.0, now=None):
    """Remove the temporary files that writes cut short (a kill, a power cut) left under ``top``.

    Only files named as ``write_bytes`` names them and untouched for ``older_than`` seconds are
    removed, so a write another process has in hand (``skipole passwd`` while the server
    starts) is left alone.  Returns the paths removed.
    """
    limit = (time.time() if now is None else now) - older_than
    removed = []
    for directory, _dirs, files in os.walk(top):
        for name in files:
            if not (name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)):
                continue
            path = os.path.join(directory, name)
            try:
                if os.lstat(path).st_mtime <= limit:
                    os.unlink(path)
                    removed.append(path)
            except OSError:
                continue
    return removed
