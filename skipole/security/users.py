"""Users and their password hashes, per project, in the state directory (``users.json``).

There is no default user and no default password: ``skipole passwd`` (or ``--dev``'s
one-time password) creates the first one.  Roles: ``admin`` (may use skiadmin and manage
users) and ``user``.
"""

import functools
import logging
import re
import time

from .passwords import hash_password, needs_rehash, verify_password
from .store import JsonStore

__all__ = ["UserStore", "ROLES", "UserError"]

log = logging.getLogger("skipole.security")

ROLES = ("admin", "user")
_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
MIN_PASSWORD = 8


class UserError(ValueError):
    """Raised for a bad user name, role or password; the message says what to change."""


def _now():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class UserStore:
    """The users of one project."""

    def __init__(self, state_dir):
        self._store = JsonStore(state_dir, "users.json", {"format": 1, "users": {}})

    @property
    def _users(self):
        return self._store.data["users"]

    def exists(self):
        """True when at least one user exists (else login pages say how to make one)."""
        return bool(self._users)

    def has_admin(self):
        return any(u.get("role") == "admin" for u in self._users.values())

    def names(self):
        return sorted(self._users)

    def list(self):
        """``[{"name", "role", "created", "changed"}]`` without hashes."""
        return [{"name": n, "role": u.get("role", "user"), "created": u.get("created", ""),
                 "changed": u.get("changed", "")} for n, u in sorted(self._users.items())]

    def role(self, name):
        user = self._users.get(name)
        return user.get("role", "user") if user else None

    @staticmethod
    def check_password(password):
        """Refuse passwords that are too short; returns the password."""
        if not isinstance(password, str) or len(password) < MIN_PASSWORD:
            raise UserError(f"a password needs at least {MIN_PASSWORD} characters")
        return password

    def set_password(self, name, password, role=None):
        """Create ``name`` or change its password (and role); returns True when the user is new."""
        if not _NAME.match(name or ""):
            raise UserError("a user name is 1-64 letters, digits or . _ @ -")
        self.check_password(password)
        if role is not None and role not in ROLES:
            raise UserError(f"a role is one of {', '.join(ROLES)}")
        digest = hash_password(password)
        with self._store.change():
            user = self._users.get(name)
            new = user is None
            if new:
                user = {"role": role or "user", "created": _now()}
                self._users[name] = user
            elif role is not None:
                user["role"] = role
            user["hash"] = digest
            user["changed"] = _now()
            self._store.save()
        return new

    def set_role(self, name, role):
        if role not in ROLES:
            raise UserError(f"a role is one of {', '.join(ROLES)}")
        with self._store.change():
            if name not in self._users:
                raise UserError(f"no user {name!r}")
            if role != "admin" and self._users[name].get("role") == "admin" and self._admins() == [name]:
                raise UserError("the last admin cannot lose the admin role")
            self._users[name]["role"] = role
            self._store.save()

    def remove(self, name):
        with self._store.change():
            if name not in self._users:
                raise UserError(f"no user {name!r}")
            if self._users[name].get("role") == "admin" and self._admins() == [name]:
                raise UserError("the last admin cannot be removed")
            del self._users[name]
            self._store.save()

    def _admins(self):
        return [n for n, u in self._users.items() if u.get("role") == "admin"]

    def verify(self, name, password):
        """True when the password is right; the hash is re-made if its parameters are old."""
        user = self._users.get(name)
        if user is None:
            verify_password(password, _dummy_hash())    # same cost whether the user exists or not
            return False
        if not verify_password(password, user.get("hash", "")):
            return False
        if needs_rehash(user["hash"]):
            try:
                with self._store.change() as data:
                    data["users"][name]["hash"] = hash_password(password)
                    self._store.save()
            except OSError as exc:          # the login still succeeds; the upgrade waits
                log.warning("could not save the upgraded password hash of %r: %s", name, exc)
        return True


@functools.cache
def _dummy_hash():
    """A hash to check unknown users' passwords against, made at the first such login (making
    it at import would cost every start a hash and its memory)."""
    return hash_password("not-a-real-password-but-the-same-cost")
