"""API tokens for scripts: ``Authorization: Bearer TOKEN``, stored hashed (``tokens.json``).

A token is shown once when it is made; the store keeps its SHA-256, a name and a role.
Token calls carry no cookies, so they are exempt from CSRF checks.
"""

import hashlib
import hmac
import secrets
import time

from .store import JsonStore
from .users import ROLES, UserError

__all__ = ["TokenStore"]


def _digest(token):
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


class TokenStore:
    """The API tokens of one project."""

    def __init__(self, state_dir):
        self._store = JsonStore(state_dir, "tokens.json", {"format": 1, "tokens": {}})

    @property
    def _tokens(self):
        return self._store.data["tokens"]

    def create(self, name, role="user"):
        """Make a token called ``name``; returns the token text (shown once, never stored)."""
        if not name or len(name) > 64:
            raise UserError("a token needs a name of 1-64 characters")
        if role not in ROLES:
            raise UserError(f"a role is one of {', '.join(ROLES)}")
        token = "sk_" + secrets.token_urlsafe(30)
        with self._store.change():
            if name in self._tokens:
                raise UserError(f"a token called {name!r} exists: revoke it first")
            self._tokens[name] = {"sha256": _digest(token), "role": role,
                                  "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
            self._store.save()
        return token

    def revoke(self, name):
        with self._store.change():
            if self._tokens.pop(name, None) is None:
                raise UserError(f"no token {name!r}")
            self._store.save()

    def list(self):
        return [{"name": n, "role": t["role"], "created": t["created"]} for n, t in sorted(self._tokens.items())]

    def check(self, token):
        """``(name, role)`` of a valid token, else None (constant-time comparison)."""
        if not token or len(token) > 200:
            return None
        want = _digest(token)
        found = None
        for name, entry in self._tokens.items():
            if hmac.compare_digest(entry["sha256"], want):
                found = (name, entry["role"])
        return found
