"""A small versioned JSON file in the state directory, read safely and written atomically.

Every security store (users, sessions, API tokens) keeps its data in one of these: a
missing file gives the defaults, a corrupt one a logged warning and the defaults (the bad
file is kept beside as ``NAME.corrupt``), and writes are atomic and durable.
"""

import contextlib
import copy
import json
import logging
import os
import threading

from ..atomic import write_json

__all__ = ["JsonStore"]

log = logging.getLogger("skipole.security")


class JsonStore:
    """``{"format": N, ...}`` in ``state_dir/filename``; ``None`` state_dir keeps it in memory."""

    FORMAT = 1

    def __init__(self, state_dir, filename, default):
        self.path = os.path.join(state_dir, filename) if state_dir else None
        self.lock = threading.RLock()
        self._default = default
        self.data = self._read()

    def _read(self):
        fresh = json.loads(json.dumps(self._default))
        if not self.path:
            return fresh
        try:
            with open(self.path, encoding="utf-8") as f:
                data = json.load(f)
            if not isinstance(data, dict) or data.get("format") != self.FORMAT:
                raise ValueError(f"unknown format {data.get('format') if isinstance(data, dict) else data!r}")
            for key, value in fresh.items():
                data.setdefault(key, value)
            return data
        except FileNotFoundError:
            return fresh
        except (OSError, ValueError) as exc:
            log.warning("%s is unreadable (%s): starting from defaults; the file is kept as %s.corrupt",
                        self.path, exc, self.path)
            try:
                os.replace(self.path, self.path + ".corrupt")
            except OSError:
                pass
            return fresh

    @contextlib.contextmanager
    def change(self):
        """Hold the lock for a change; if it (or its save) fails, memory goes back to what the
        file holds, so a full disk never leaves the server believing an unsaved change."""
        with self.lock:
            before = copy.deepcopy(self.data)
            try:
                yield self.data
            except BaseException:
                self.data = before
                raise

    def save(self):
        """Write the data atomically (mode 0600: it holds secrets)."""
        if not self.path:
            return
        with self.lock:
            os.makedirs(os.path.dirname(self.path), mode=0o700, exist_ok=True)
            self.data["format"] = self.FORMAT
            write_json(self.path, self.data, indent=1, mode=0o600)
