"""The installed appliance layout: shipped projects stay read-only, what the owner changes does not.

The Debian package installs projects, code included, under ``/usr/share/skipole/projects``.
With the ``data_dir`` setting a project is served from ``DATA_DIR/NAME``: its ``data/``,
``static/`` and ``hardware.toml`` are copied there from the shipped project on first start and
never overwritten afterwards, and its state directory is ``DATA_DIR/NAME/state``.  An upgrade
therefore updates the code and keeps every edit, password and pin state; ``reset_project``
goes back to the shipped version and keeps the old files as a timestamped backup.
"""

import contextlib
import datetime
import logging
import os
import shutil

from .atomic import fsync_dir
from .exceptions import ProjectError

__all__ = ["SHIPPED_PROJECTS", "DEFAULT_CONFIG", "COPIED", "prepare_project", "reset_project",
           "project_paths", "shipped_projectdir"]

log = logging.getLogger("skipole")

#: where the Debian package installs its projects (read-only, code included)
SHIPPED_PROJECTS = "/usr/share/skipole/projects"
#: the Debian package's configuration file, used by the command line when no project is named
DEFAULT_CONFIG = "/etc/skipole/skipole.toml"
#: what is copied from a shipped project into DATA_DIR/NAME; data/ is last, as its presence
#: marks a complete first copy
COPIED = ("static", "hardware.toml", "data")


def prepare_project(shipped_projectdir, data_dir):
    """Make ``DATA_DIR/NAME`` ready to serve the shipped project; return ``(projectdir, code_dir)``.

    On first start (no ``DATA_DIR/NAME/data`` yet) the shipped ``static/``, ``hardware.toml``
    and ``data/`` are copied, each one atomically (a temporary copy renamed into place); later
    starts copy nothing, so an upgraded package never overwrites the owner's files.  The state
    directory ``DATA_DIR/NAME/state`` is created.  ``projectdir`` is the directory to load the
    project's data from, ``code_dir`` the shipped ``code/`` folder to import its code from.
    Run as root (``sudo skipole ...``), new files get the owner of ``data_dir`` (the service
    user), so the service can still write them.
    """
    shipped = os.path.abspath(shipped_projectdir).rstrip(os.sep)
    name = os.path.basename(shipped)
    if not os.path.isdir(os.path.join(shipped, "data")):
        raise ProjectError(f"{shipped}: not a project directory (no data/ folder)")
    data_dir = os.path.abspath(data_dir)
    os.makedirs(data_dir, exist_ok=True)
    owner = _owner_for_new_files(data_dir)
    projectdir = os.path.join(data_dir, name)
    _make_dir(projectdir, 0o750, owner)
    if not os.path.isdir(os.path.join(projectdir, "data")):
        copied = [item for item in COPIED if _copy_once(shipped, projectdir, item, owner)]
        if copied:
            log.info("first start of %s: copied %s from %s to %s", name, ", ".join(copied),
                     shipped, projectdir)
    _make_dir(os.path.join(projectdir, "state"), 0o700, owner)
    return projectdir, os.path.join(shipped, "code")


def reset_project(shipped_projectdir, data_dir, *, now=None):
    """Reset ``DATA_DIR/NAME`` to the shipped project; return ``(projectdir, backup_dir)``.

    The current ``data/``, ``static/`` and ``hardware.toml`` are moved (not copied: a rename
    cannot half-fail) to ``DATA_DIR/NAME/backups/YYYYMMDDTHHMMSSZ/``, then the shipped ones are
    copied as on first start.  The state directory (passwords, sessions, pin state, history)
    is kept.  ``backup_dir`` is None when there was nothing to back up.  A running service
    keeps serving the old pages until it is restarted.
    """
    shipped = os.path.abspath(shipped_projectdir).rstrip(os.sep)
    name = os.path.basename(shipped)
    if not os.path.isdir(os.path.join(shipped, "data")):
        raise ProjectError(f"{shipped}: not a project directory (no data/ folder)")
    data_dir = os.path.abspath(data_dir)
    projectdir = os.path.join(data_dir, name)
    present = [item for item in COPIED if os.path.lexists(os.path.join(projectdir, item))]
    backup_dir = None
    if present:
        owner = _owner_for_new_files(data_dir)
        backups = os.path.join(projectdir, "backups")
        _make_dir(backups, 0o750, owner)
        stamp = (now or datetime.datetime.now(datetime.UTC)).strftime("%Y%m%dT%H%M%SZ")
        backup_dir = os.path.join(backups, stamp)
        n = 1
        while os.path.lexists(backup_dir):
            backup_dir = os.path.join(backups, f"{stamp}-{n}")
            n += 1
        _make_dir(backup_dir, 0o750, owner)
        # data/ first: once it has gone, prepare_project copies everything again
        for item in sorted(present, key=lambda i: i != "data"):
            os.rename(os.path.join(projectdir, item), os.path.join(backup_dir, item))
        fsync_dir(backup_dir)
        fsync_dir(projectdir)
        log.info("reset %s: the previous files are kept in %s", name, backup_dir)
    projectdir, _code = prepare_project(shipped, data_dir)
    return projectdir, backup_dir


def project_paths(settings, projectdir=None):
    """``(projectdir, code_dir)`` to serve: the given or configured project, prepared in
    ``settings.data_dir`` when that is set, else used in place."""
    projectdir = projectdir or settings.project
    if not projectdir:
        raise ProjectError("no project: give PROJECTDIR or set project in the config file")
    if settings.data_dir:
        return prepare_project(projectdir, settings.data_dir)
    projectdir = os.path.abspath(projectdir)
    return projectdir, os.path.join(projectdir, "code")


def shipped_projectdir(project):
    """A project named by its name (``pi02``: under ``SHIPPED_PROJECTS``) or by its directory."""
    if os.sep not in project and not os.path.isdir(project):
        return os.path.join(SHIPPED_PROJECTS, project)
    return os.path.abspath(project)


# ---- helpers ---------------------------------------------------------------------------------

def _owner_for_new_files(data_dir):
    """``(uid, gid)`` for files root creates in a data directory owned by a service user."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return None
    st = os.stat(data_dir)
    return None if st.st_uid == 0 else (st.st_uid, st.st_gid)


def _make_dir(path, mode, owner):
    if os.path.isdir(path):
        return
    os.mkdir(path, mode)
    if owner:
        os.chown(path, *owner)
    fsync_dir(os.path.dirname(path))


def _copy_once(shipped, projectdir, item, owner):
    """Copy ``shipped/item`` to ``projectdir/item`` unless it is there already; True if copied."""
    source = os.path.join(shipped, item)
    target = os.path.join(projectdir, item)
    if os.path.lexists(target) or not os.path.exists(source):
        return False
    temporary = os.path.join(projectdir, f".{item}.copying")
    _remove(temporary)        # left by a copy interrupted by a power cut
    try:
        if os.path.isdir(source):
            shutil.copytree(source, temporary, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, temporary)
        _settle(temporary, owner)
        os.rename(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            _remove(temporary)
        raise
    fsync_dir(projectdir)
    return True


def _settle(path, owner):
    """Make a fresh copy writable by its owner, owned by ``owner`` and durable on disk."""
    if os.path.isdir(path):
        entries = []
        for top, _dirs, files in os.walk(path):
            entries.append(top)
            entries.extend(os.path.join(top, f) for f in files)
    else:
        entries = [path]
    for entry in entries:
        is_dir = os.path.isdir(entry)
        st = os.stat(entry)
        os.chmod(entry, (st.st_mode & 0o7777) | (0o700 if is_dir else 0o600))
        if owner:
            os.chown(entry, *owner)
        if is_dir:
            fsync_dir(entry)
        else:
            with open(entry, "rb") as f:
                os.fsync(f.fileno())


def _remove(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.unlink(path)
