"""Server-side sessions: random ids, idle and absolute expiry, revocation, durable storage.

The browser holds only a random id; the store keeps a SHA-256 of it (a leaked state file
gives no usable cookie), the user, and when the session started and was last used.  Expiry
uses wall-clock UTC stored in the file (a Pi has no real-time clock: a session "last seen
in the future" after a clock jump is treated as seen now), and last-seen updates are written
at most once a minute so an SD card is not worn out.
"""

import hashlib
import secrets
import time

from .store import JsonStore

__all__ = ["SessionStore", "IDLE_TIMEOUT", "ABSOLUTE_TIMEOUT"]

IDLE_TIMEOUT = 7 * 24 * 3600          # a week without use
ABSOLUTE_TIMEOUT = 30 * 24 * 3600     # a month at most
_TOUCH_WRITE = 60


def _key(session_id):
    return hashlib.sha256(session_id.encode("utf-8", "replace")).hexdigest()


class SessionStore:
    """The sessions of one project."""

    def __init__(self, state_dir, idle=IDLE_TIMEOUT, absolute=ABSOLUTE_TIMEOUT, clock=time.time):
        self._store = JsonStore(state_dir, "sessions.json", {"format": 1, "sessions": {}})
        self.idle = idle
        self.absolute = absolute
        self._clock = clock
        self._last_write = 0.0

    @property
    def _sessions(self):
        return self._store.data["sessions"]

    def create(self, user):
        """A new session for ``user``; returns its id (the cookie value)."""
        session_id = secrets.token_urlsafe(32)
        now = self._clock()
        with self._store.lock:
            self._expire(now)
            self._sessions[_key(session_id)] = {"user": user, "created": now, "seen": now}
            self._save(now)
        return session_id

    def user(self, session_id):
        """The user of a live session, or None; refreshes its idle timer."""
        if not session_id or len(session_id) > 128:
            return None
        now = self._clock()
        with self._store.lock:
            entry = self._sessions.get(_key(session_id))
            if entry is None:
                return None
            seen = min(entry["seen"], now)          # tolerate the clock jumping back
            created = min(entry["created"], now)
            if now - seen > self.idle or now - created > self.absolute:
                del self._sessions[_key(session_id)]
                self._save(now)
                return None
            entry["seen"] = now
            if now - self._last_write > _TOUCH_WRITE:
                self._save(now)
            return entry["user"]

    def revoke(self, session_id):
        with self._store.lock:
            if self._sessions.pop(_key(session_id or ""), None) is not None:
                self._save(self._clock())

    def revoke_user(self, user, keep=None):
        """End every session of ``user`` (on a password change), except ``keep``."""
        keep_key = _key(keep) if keep else None
        with self._store.lock:
            doomed = [k for k, v in self._sessions.items() if v["user"] == user and k != keep_key]
            for k in doomed:
                del self._sessions[k]
            if doomed:
                self._save(self._clock())
        return len(doomed)

    def count(self, user=None):
        return sum(1 for v in self._sessions.values() if user is None or v["user"] == user)

    def flush(self):
        with self._store.lock:
            self._save(self._clock())

    def _expire(self, now):
        dead = [k for k, v in self._sessions.items()
                if now - min(v["seen"], now) > self.idle or now - min(v["created"], now) > self.absolute]
        for k in dead:
            del self._sessions[k]

    def _save(self, now):
        self._last_write = now
        self._store.save()
