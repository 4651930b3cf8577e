"""``AdminStore``: skiadmin's drafts, publishing, history, revert, backup and restore.

Edits never touch the served project.  The first edit copies the project's ``data/`` into
``STATE/admin/draft/``; every edit after it changes that draft.  **Publish** checks the
whole draft (``validation.validate_draft``), refuses it while there are errors, writes
``data/`` crash-safely (``storage.commit_dir``: a SIGKILL or power cut at any moment leaves
every file exactly its old or its new version, and never a mix of versions) and calls
``on_publish(model)`` so the running application can ``replace_project(model)``.

**Versions.**  The store has one version number, raised by every change (edit, publish,
revert, restore, discard).  Every operation takes ``expected_version``: the version the
caller last read.  When it is not the current one the operation raises ``Conflict`` and
changes nothing, so two admins never silently overwrite each other: the second one is told
to reload.  Queries return the version with their result.

**History.**  Every published version is kept (``STATE/admin/history/``, the newest
``history_limit`` entries, default 20), each with its time (UTC), user, note and kind
(``publish``, ``revert``, ``restore``, or ``found`` for a version found in ``data/`` that
skiadmin did not write — the project as it was before the first publish, or after a hand
edit).  ``revert(entry)`` publishes an entry again, itself recorded as a new entry.

**Backup.**  ``backup()`` returns a ``.tar.gz`` of the published data, hardware.toml and,
optionally, the device state — never users, sessions, tokens or the secret key;
``restore(archive)`` checks such an archive and publishes it as a new version.

State directory layout (``STATE/admin/``): ``admin.json`` (format, version, ident counter),
``draft/`` (the draft's data files plus ``draft.json``: its version, base, log),
``history/index.json`` and ``history/NNNNNN.json.gz``, ``clipboard.json`` (each user's
copied element) and ``lock``.  Every file is written atomically and durably.

Thread- and process-safe: each call holds a thread lock and an ``flock`` on ``lock``.
"""

import contextlib
import copy
import datetime
import fcntl
import gzip
import inspect
import json
import logging
import os
import shutil
import tempfile
import threading

from ..atomic import fsync_dir, write_bytes, write_json
from .archive import make_backup, read_backup, state_files
from .edits import OPERATIONS, QUERIES, DraftData
from .errors import AdminError, Conflict, NotFound, PublishRefused
from .storage import commit_dir, fingerprint, is_managed, read_files, recover_dir
from .validation import has_errors, validate_draft

__all__ = ["AdminStore", "DEFAULT_HISTORY_LIMIT"]

log = logging.getLogger("skipole.admin")

DEFAULT_HISTORY_LIMIT = 20
FORMAT = 1
MAX_LOG = 500
_DRAFT_META = "draft.json"


def _draft_managed(rel):
    return rel == _DRAFT_META or is_managed(rel)


def _now():
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _read_json(path, default):
    try:
        with open(path, encoding="utf-8") as f:
            value = json.load(f)
    except FileNotFoundError:
        return default
    except (OSError, ValueError) as exc:
        log.warning("%s is unreadable (%s): using defaults", path, exc)
        return default
    if not isinstance(value, dict) or not isinstance(value.get("format"), int) or value["format"] > FORMAT:
        log.warning("%s has an unknown format: using defaults", path)
        return default
    return value


class AdminStore:
    """The admin's store for the project in ``projectdir`` (``PROJECTFILES/NAME``).

    ``state_dir`` defaults to ``PROJECTDIR/state``; ``on_publish(model)`` is called with the
    newly loaded ``Project`` after every publish, revert and restore (give it
    ``app.replace_project``); ``history_limit`` bounds the history; ``proj_ident``
    overrides the project ident; ``commit_method`` forces ``"exchange"`` or ``"journal"``
    (see ``storage``).  Opening a store finishes or undoes whatever a crash interrupted.
    """

    def __init__(self, projectdir, state_dir=None, *, on_publish=None, history_limit=DEFAULT_HISTORY_LIMIT,
                 proj_ident=None, commit_method=None):
        projectdir = os.path.abspath(os.fspath(projectdir)).rstrip(os.sep)
        self.projectdir = projectdir
        self.projectfiles, self.name = os.path.split(projectdir)
        self.proj_ident = proj_ident or self.name
        self.datadir = os.path.join(projectdir, "data")
        self.state_dir = os.path.abspath(os.fspath(state_dir)) if state_dir else os.path.join(projectdir, "state")
        self.admin_dir = os.path.join(self.state_dir, "admin")
        self.draft_dir = os.path.join(self.admin_dir, "draft")
        self.history_dir = os.path.join(self.admin_dir, "history")
        self.on_publish = on_publish
        self.history_limit = max(1, int(history_limit))
        self.commit_method = commit_method
        self._tlock = threading.RLock()
        self._cache = None            # (draft version, DraftData)
        self._published_cache = None  # (fingerprint, DraftData)
        if not os.path.isfile(os.path.join(self.datadir, "project.json")):
            raise AdminError(f"{projectdir} is not a project directory (no data/project.json)")
        os.makedirs(self.admin_dir, mode=0o700, exist_ok=True)
        with self._locked():
            self._recover()

    # ---- locking and recovery ----------------------------------------------------------------
    @contextlib.contextmanager
    def _locked(self):
        with self._tlock:
            fd = os.open(os.path.join(self.admin_dir, "lock"), os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                yield
            finally:
                with contextlib.suppress(OSError):
                    fcntl.flock(fd, fcntl.LOCK_UN)
                os.close(fd)

    def _recover(self):
        """Finish or undo interrupted commits; drop a draft that was already published."""
        done = recover_dir(self.datadir) + recover_dir(self.draft_dir)
        for name in os.listdir(self.admin_dir):
            if name.startswith(".draft.trash-") or name.startswith(".tmp-"):
                shutil.rmtree(os.path.join(self.admin_dir, name), ignore_errors=True)
        self._history_recover()
        meta = self._draft_meta()
        if meta is not None:
            draft_files = read_files(self.draft_dir)
            if "project.json" not in draft_files:
                log.warning("the draft in %s is incomplete: it is set aside", self.draft_dir)
                self._remove_draft(self._version() + 1)
                done.append("set aside an incomplete draft")
            elif fingerprint(draft_files) == fingerprint(read_files(self.datadir)):
                # the process stopped after publishing the draft and before tidying up
                index = self._history_index()
                if not index["entries"] or index["entries"][-1]["fingerprint"] != fingerprint(draft_files):
                    last = (meta.get("log") or [{}])[-1]
                    self._history_add(draft_files, "publish", last.get("by", ""),
                                      "published (recorded after an interruption)")
                self._remove_draft(self._version() + 1)
                done.append("removed a draft that had been published")
        for line in done:
            log.warning("skiadmin recovery: %s", line)
        return done

    # ---- versions and the draft ----------------------------------------------------------------
    def _admin_meta(self):
        return _read_json(os.path.join(self.admin_dir, "admin.json"),
                          {"format": FORMAT, "version": 0, "ident_floor": 0, "retired": []})

    def _write_admin_meta(self, meta):
        meta = dict(meta, format=FORMAT)
        write_json(os.path.join(self.admin_dir, "admin.json"), meta, mode=0o600)

    def _draft_meta(self):
        path = os.path.join(self.draft_dir, _DRAFT_META)
        if not os.path.isfile(path):
            return None
        return _read_json(path, {"format": FORMAT, "version": 0})

    def _version(self):
        version = int(self._admin_meta().get("version") or 0)
        dmeta = self._draft_meta()
        if dmeta is not None:
            version = max(version, int(dmeta.get("version") or 0))
        return version

    def _check_version(self, expected_version):
        current = self._version()
        if expected_version is None or isinstance(expected_version, bool):
            raise AdminError("expected_version is needed: the version you last read", "expected_version")
        try:
            expected = int(expected_version)
        except (TypeError, ValueError):
            raise AdminError("expected_version must be a number", "expected_version") from None
        if expected != current:
            raise Conflict(f"the project was changed by someone else since you read it (version {current}, "
                           f"you had {expected}): reload it, look again and retry", current)
        return current

    def _published(self):
        """The published data as a DraftData (cached by content)."""
        files = read_files(self.datadir)
        fp = fingerprint(files)
        if self._published_cache is None or self._published_cache[0] != fp:
            admin = self._admin_meta()
            meta = {"ident_floor": admin.get("ident_floor", 0), "retired": list(admin.get("retired") or [])}
            draft = DraftData.from_files(files, self.name, meta, self.proj_ident, self.projectfiles)
            self._published_cache = (fp, draft, files)
        return self._published_cache[1]

    def _load_draft(self):
        """The draft as a DraftData, or None when there is none."""
        meta = self._draft_meta()
        if meta is None:
            self._cache = None
            return None
        version = int(meta.get("version") or 0)
        if self._cache is not None and self._cache[0] == version:
            return self._cache[1]
        files = read_files(self.draft_dir)
        dmeta = {"ident_floor": meta.get("ident_floor", 0), "retired": list(meta.get("retired") or [])}
        draft = DraftData.from_files(files, self.name, dmeta, self.proj_ident, self.projectfiles)
        self._cache = (version, draft)
        return draft

    def _working(self, create=False):
        """The draft, or (no draft yet) a copy of the published data; ``create`` makes it the draft."""
        draft = self._load_draft()
        if draft is not None:
            return draft, False
        if not create:
            return self._published(), False
        admin = self._admin_meta()
        meta = {"ident_floor": admin.get("ident_floor", 0), "retired": list(admin.get("retired") or [])}
        self._published_cache = None
        files = read_files(self.datadir)
        return DraftData.from_files(files, self.name, meta, self.proj_ident, self.projectfiles), True

    def _save_draft(self, draft, version, by, op, base=None):
        meta = self._draft_meta() or {"format": FORMAT, "created": _now(),
                                      "base": base or fingerprint(read_files(self.datadir)), "log": []}
        meta.update({"format": FORMAT, "version": version, "ident_floor": draft.meta.get("ident_floor", 0),
                     "retired": draft.meta.get("retired", [])})
        entries = meta.setdefault("log", [])
        entries.append({"time": _now(), "by": by or "", "op": op, "version": version})
        del entries[:-MAX_LOG]
        files = draft.to_files()
        files[_DRAFT_META] = json.dumps(meta, indent=0).encode("utf-8")
        commit_dir(self.draft_dir, files, managed=_draft_managed, method=self.commit_method)
        self._cache = (version, draft)

    def _remove_draft(self, new_version):
        """Raise the version to ``new_version`` and set the draft aside (atomically)."""
        admin = self._admin_meta()
        dmeta = self._draft_meta()
        admin["version"] = max(int(admin.get("version") or 0), new_version)
        if dmeta is not None:
            admin["ident_floor"] = max(int(admin.get("ident_floor") or 0), int(dmeta.get("ident_floor") or 0))
            admin["retired"] = list(dict.fromkeys(list(admin.get("retired") or []) +
                                                  list(dmeta.get("retired") or [])))[-100_000:]
        self._write_admin_meta(admin)
        if os.path.isdir(self.draft_dir):
            trash = tempfile.mkdtemp(prefix=".draft.trash-", dir=self.admin_dir)
            os.rename(self.draft_dir, os.path.join(trash, "draft"))
            fsync_dir(self.admin_dir)
            shutil.rmtree(trash, ignore_errors=True)
        self._cache = None

    # ---- the clipboard ------------------------------------------------------------------------
    def _clipboards(self):
        return _read_json(os.path.join(self.admin_dir, "clipboard.json"), {"format": FORMAT, "clipboards": {}})

    def _save_clipboard(self, by, element):
        data = self._clipboards()
        boards = data.setdefault("clipboards", {})
        if element is None:
            boards.pop(by or "", None)
        else:
            boards[by or ""] = element
        write_json(os.path.join(self.admin_dir, "clipboard.json"), data, mode=0o600)

    # ---- public: reading ----------------------------------------------------------------------
    @property
    def version(self):
        """The current version number (pass it as ``expected_version``)."""
        with self._locked():
            return self._version()

    def status(self):
        """``{"version", "has_draft", "draft": {created, edits, last_edit, base_changed} or None,
        "published_entry": the history id of the published version or None}``."""
        with self._locked():
            meta = self._draft_meta()
            version = self._version()
            data_fp = fingerprint(read_files(self.datadir))
            index = self._history_index()
            current = next((e["id"] for e in reversed(index["entries"]) if e["fingerprint"] == data_fp), None)
            draft = None
            if meta is not None:
                entries = meta.get("log") or []
                draft = {"created": meta.get("created"), "edits": len(entries),
                         "last_edit": entries[-1] if entries else None,
                         "base_changed": meta.get("base") != data_fp}
            return {"version": version, "has_draft": meta is not None, "draft": draft,
                    "published_entry": current}

    def query(self, name, /, **kwargs):
        """Run read-only query ``name`` (see ``queries()``) on the draft (or, when there is no
        draft, on the published project); returns ``{"version", "result"}``."""
        func = QUERIES.get(name)
        if func is None:
            raise AdminError(f"unknown query {name!r}", "name")
        self._bind(func, kwargs)
        with self._locked():
            draft, _ = self._working()
            return {"version": self._version(), "result": func(draft, **kwargs)}

    def read(self, func, *args, **kwargs):
        """Call ``func(draft, *args, **kwargs)`` on the current draft (or published data) under the
        lock and return ``(version, result)``; ``func`` must not change the draft."""
        with self._locked():
            draft, _ = self._working()
            return self._version(), func(draft, *args, **kwargs)

    def draft_model(self):
        """A ``Project`` made from (a copy of) the draft: for a live preview of unpublished edits."""
        from ..project.model import Project
        with self._locked():
            draft, _ = self._working()
            model = Project(self.name, self.proj_ident, self.projectfiles, copy.deepcopy(draft.data),
                            copy.deepcopy(draft.textblocks), copy.deepcopy(draft.defaults))
            model.files = {"project": os.path.join(self.datadir, "project.json")}
            return model

    @staticmethod
    def operations():
        """Every edit operation: ``[{"name", "help", "params": [{"name", "default"?}], "changes"}]``."""
        return [_describe(name, func, changes=func.changes) for name, func in sorted(OPERATIONS.items())]

    @staticmethod
    def queries():
        """Every query: ``[{"name", "help", "params"}]``."""
        return [_describe(name, func) for name, func in sorted(QUERIES.items())]

    def validate(self):
        """The problems of the draft (or the published project): a list of problem dicts."""
        with self._locked():
            draft, _ = self._working()
            return validate_draft(draft)

    # ---- public: editing ----------------------------------------------------------------------
    def _bind(self, func, kwargs):
        try:
            inspect.signature(func).bind(None, **kwargs)
        except TypeError as exc:
            raise AdminError(f"{func.__name__}: {exc}", "arguments") from None

    def apply(self, name, expected_version, /, by="", **kwargs):
        """Run edit operation ``name`` with ``kwargs`` on the draft (made on the first edit).

        Raises ``Conflict`` when ``expected_version`` is stale and ``AdminError`` when the
        operation is refused (nothing changes then).  Returns ``{"version", "result"}``:
        the new version and what the operation returned (an ident, a location...)."""
        func = OPERATIONS.get(name)
        if func is None:
            raise AdminError(f"unknown operation {name!r}", "name")
        self._bind(func, kwargs)
        with self._locked():
            current = self._check_version(expected_version)
            draft, new = self._working(create=func.changes)
            before = self._clipboards().get("clipboards", {}).get(by or "")
            draft.clipboard = copy.deepcopy(before)
            try:
                result = func(draft, **kwargs)
                if func.changes:
                    draft.check()
            except BaseException:
                self._cache = None
                self._published_cache = None
                raise
            if draft.clipboard != before:
                self._save_clipboard(by, draft.clipboard)
            if not func.changes:
                return {"version": current, "result": result}
            version = current + 1
            try:
                self._save_draft(draft, version, by, name)
            except BaseException:
                self._cache = None
                raise
            return {"version": version, "result": result}

    def discard_draft(self, expected_version, by=""):
        """Throw the draft away (the published project is unchanged); returns the new version."""
        with self._locked():
            current = self._check_version(expected_version)
            if self._draft_meta() is None:
                raise AdminError("there is no draft to discard")
            self._remove_draft(current + 1)
            log.info("draft discarded by %s", by or "?")
            return {"version": current + 1}

    # ---- public: publishing -------------------------------------------------------------------
    def publish(self, expected_version, note="", by="", force=False):
        """Validate the draft and, when it has no errors, publish it.

        Raises ``PublishRefused`` (with ``problems``) when there are errors, and ``Conflict``
        when the version is stale or the published project was changed outside skiadmin since
        the draft was made (``force=True`` publishes over it).  Returns ``{"version",
        "entry" (history id), "problems" (the warnings), "callback_error"}``."""
        with self._locked():
            current = self._check_version(expected_version)
            meta = self._draft_meta()
            draft = self._load_draft()
            if draft is None:
                raise AdminError("there are no unpublished changes to publish")
            data_files = read_files(self.datadir)
            if meta.get("base") != fingerprint(data_files) and not force:
                raise Conflict("the published project was changed outside skiadmin since this draft was started: "
                               "publish with force to overwrite it, or discard the draft", current)
            problems = validate_draft(draft)
            if has_errors(problems):
                n = sum(1 for p in problems if p["level"] == "error")
                raise PublishRefused(f"the draft has {n} error(s): fix them before publishing", problems)
            files = draft.to_files()
            entry = self._publish_files(files, data_files, "publish", by, note)
            self._remove_draft(current + 1)
            result = {"version": current + 1, "entry": entry["id"], "problems": problems}
            # called under the lock, so that the application gets the models in publish order
            result["callback_error"] = self._callback()
        return result

    def _publish_files(self, files, data_files, kind, by, note):
        self._history_ensure(data_files)
        commit_dir(self.datadir, files, method=self.commit_method)
        self._published_cache = None
        return self._history_add(files, kind, by, note)

    def _callback(self):
        if self.on_publish is None:
            return None
        try:
            from ..project.loader import load_project_files
            model = load_project_files(self.projectfiles, self.name, self.proj_ident)
            self.on_publish(model)
        except Exception as exc:
            log.exception("on_publish failed after publishing %s", self.name)
            return f"{type(exc).__name__}: {exc}"
        return None

    def revert(self, entry, expected_version, by="", note="", discard_draft=False, force=False):
        """Publish history entry ``entry`` (its id) again, as a new history entry.

        A draft in progress must be discarded first (or pass ``discard_draft=True``); an entry
        with errors is refused unless ``force``.  Returns like ``publish``."""
        with self._locked():
            current = self._check_version(expected_version)
            if self._draft_meta() is not None and not discard_draft:
                raise AdminError("there are unpublished changes: publish or discard them before reverting "
                                 "(or revert with discard_draft)", "discard_draft")
            files, meta = self._history_files(entry)
            problems = validate_draft(DraftData.from_files(files, self.name, None, self.proj_ident,
                                                           self.projectfiles))
            if has_errors(problems) and not force:
                raise PublishRefused("that version has errors: revert with force to publish it anyway", problems)
            new = self._publish_files(files, read_files(self.datadir), "revert", by,
                                      note or f"revert to #{meta['id']} ({meta['time']})")
            self._remove_draft(current + 1)
            result = {"version": current + 1, "entry": new["id"], "problems": problems}
            # called under the lock, so that the application gets the models in publish order
            result["callback_error"] = self._callback()
        return result

    # ---- public: backup and restore ----------------------------------------------------------
    def backup(self, include_state=False):
        """The bytes of a ``.tar.gz`` backup of the published project (see ``archive``)."""
        with self._locked():
            data = read_files(self.datadir)
            hw_path = os.path.join(self.projectdir, "hardware.toml")
            hardware = None
            if os.path.isfile(hw_path):
                with open(hw_path, "rb") as f:
                    hardware = f.read()
            state = state_files(self.state_dir) if include_state else None
            return make_backup(self.name, data, hardware, state)

    def restore(self, archive, expected_version, by="", note="", discard_draft=False, restore_state=False,
                force=False):
        """Check a backup archive and publish its data as a new version; its hardware.toml
        replaces the project's (when the archive has one) and, with ``restore_state``, its
        device state is written into the state directory (read by the appliance at its next
        start).  Refused archives raise AdminError saying why.  Returns like ``publish``."""
        parsed = read_backup(archive)
        if parsed["hardware"] is not None:
            _check_hardware(parsed["hardware"])
        draft = DraftData.from_files(parsed["data"], self.name, None, self.proj_ident, self.projectfiles)
        problems = validate_draft(draft)
        if has_errors(problems) and not force:
            raise PublishRefused("the backup's project has errors: restore with force to publish it anyway",
                                 problems)
        with self._locked():
            current = self._check_version(expected_version)
            if self._draft_meta() is not None and not discard_draft:
                raise AdminError("there are unpublished changes: publish or discard them before restoring "
                                 "(or restore with discard_draft)", "discard_draft")
            created = parsed["manifest"].get("created", "")
            new = self._publish_files(parsed["data"], read_files(self.datadir), "restore", by,
                                      note or f"restored from a backup made {created}")
            if parsed["hardware"] is not None:
                write_bytes(os.path.join(self.projectdir, "hardware.toml"), parsed["hardware"])
            if restore_state:
                for rel, data in parsed["state"].items():
                    path = os.path.join(self.state_dir, *rel.split("/"))
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    write_bytes(path, data, mode=0o600)
            self._remove_draft(current + 1)
            result = {"version": current + 1, "entry": new["id"], "problems": problems}
            # called under the lock, so that the application gets the models in publish order
            result["callback_error"] = self._callback()
        return result

    # ---- history ----------------------------------------------------------------------------
    def _history_index(self):
        return _read_json(os.path.join(self.history_dir, "index.json"),
                          {"format": FORMAT, "next_id": 1, "entries": []})

    def _history_recover(self):
        if not os.path.isdir(self.history_dir):
            return
        index = self._history_index()
        keep = {f"{e['id']:06d}.json.gz" for e in index["entries"]}
        for name in os.listdir(self.history_dir):
            if (name.endswith(".json.gz") and name not in keep) or name.startswith(".tmp-"):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(self.history_dir, name))

    def _history_ensure(self, data_files):
        """Record the published version first when the history does not end with it."""
        fp = fingerprint(data_files)
        index = self._history_index()
        if index["entries"] and index["entries"][-1]["fingerprint"] == fp:
            return
        first = not index["entries"]
        self._history_add(data_files, "found", "",
                          "the project as it was before skiadmin's first publish" if first
                          else "found in data/: changed outside skiadmin")

    def _history_add(self, files, kind, by, note):
        os.makedirs(self.history_dir, mode=0o700, exist_ok=True)
        index = self._history_index()
        entry_id = int(index.get("next_id") or 1)
        meta = {"id": entry_id, "time": _now(), "by": by or "", "note": str(note or "")[:1000], "kind": kind,
                "fingerprint": fingerprint(files), "files": len(files), "size": sum(len(d) for d in files.values())}
        body = dict(meta, format=FORMAT,
                    content={rel: data.decode("utf-8", "surrogateescape") for rel, data in files.items()})
        raw = gzip.compress(json.dumps(body, ensure_ascii=True).encode("ascii"), compresslevel=5, mtime=0)
        write_bytes(os.path.join(self.history_dir, f"{entry_id:06d}.json.gz"), raw, mode=0o600)
        index["entries"].append(meta)
        index["next_id"] = entry_id + 1
        dropped = index["entries"][:-self.history_limit]
        index["entries"] = index["entries"][-self.history_limit:]
        write_json(os.path.join(self.history_dir, "index.json"), index, mode=0o600)
        for old in dropped:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(self.history_dir, f"{old['id']:06d}.json.gz"))
        return meta

    def _history_files(self, entry):
        try:
            entry_id = int(entry.get("id") if isinstance(entry, dict) else entry)
        except (TypeError, ValueError):
            raise AdminError(f"{entry!r} is not a history entry id", "entry") from None
        index = self._history_index()
        meta = next((e for e in index["entries"] if e["id"] == entry_id), None)
        if meta is None:
            raise NotFound(f"there is no history entry #{entry_id} (the oldest are dropped after "
                           f"{self.history_limit})", "entry")
        try:
            with open(os.path.join(self.history_dir, f"{entry_id:06d}.json.gz"), "rb") as f:
                body = json.loads(gzip.decompress(f.read()))
            files = {rel: text.encode("utf-8", "surrogateescape") for rel, text in body["content"].items()}
        except (OSError, ValueError, KeyError, EOFError) as exc:
            raise AdminError(f"history entry #{entry_id} cannot be read: {exc}", "entry") from None
        if fingerprint(files) != meta["fingerprint"]:
            raise AdminError(f"history entry #{entry_id} is damaged (its content does not match)", "entry")
        return files, meta

    def history(self):
        """The kept versions, newest first: ``[{"id", "time", "by", "note", "kind", "files",
        "size", "current"}]``; ``current`` marks the version now published."""
        with self._locked():
            data_fp = fingerprint(read_files(self.datadir))
            entries = self._history_index()["entries"]
            out = []
            seen_current = False
            for e in reversed(entries):
                item = {k: v for k, v in e.items() if k != "fingerprint"}
                item["current"] = not seen_current and e["fingerprint"] == data_fp
                seen_current = seen_current or item["current"]
                out.append(item)
            return out

    def history_entry(self, entry):
        """The files of one history entry: ``{"entry": meta, "files": {relpath: bytes}}``."""
        with self._locked():
            files, meta = self._history_files(entry)
            return {"entry": {k: v for k, v in meta.items() if k != "fingerprint"}, "files": files}


def _check_hardware(data):
    import tomllib

    from ..hardware.declarations import parse_declarations
    from ..hardware.exceptions import HardwareConfigError
    try:
        parse_declarations(tomllib.loads(data.decode("utf-8")), source="hardware.toml")
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, HardwareConfigError) as exc:
        raise AdminError(f"this backup cannot be restored: its hardware.toml is not valid: {exc}", "archive") \
            from None


def _describe(name, func, changes=None):
    params = []
    for p in list(inspect.signature(func).parameters.values())[1:]:
        if p.kind == p.VAR_KEYWORD:
            params.append({"name": f"**{p.name}"})
            continue
        item = {"name": p.name}
        if p.default is not p.empty:
            item["default"] = p.default
        params.append(item)
    out = {"name": name, "help": inspect.getdoc(func) or "", "params": params}
    if changes is not None:
        out["changes"] = changes
    return out

