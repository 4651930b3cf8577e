"""Password hashing with scrypt from the standard library: memory-hard, self-describing, upgradable.

A hash reads ``scrypt$ln=13,r=8,p=1$SALT$HASH`` (base64).  The default parameters (N=2^13,
r=8, p=1: 8 MiB of memory) cost about 40 ms on this development machine and are estimated
at well under 0.5 s on a Raspberry Pi Zero 2 W (see ``bench/README.md``); a hash made with
other parameters verifies and is re-made with the current ones at the next login.
"""

import base64
import hashlib
import hmac
import os

__all__ = ["hash_password", "verify_password", "needs_rehash", "DEFAULT_PARAMS"]

DEFAULT_PARAMS = {"ln": 13, "r": 8, "p": 1}
_MAXMEM = 256 * 1024 * 1024
_DKLEN = 32


def _b64(data):
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _unb64(text):
    return base64.b64decode(text + "=" * (-len(text) % 4))


def _derive(password, salt, ln, r, p):
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=2 ** ln, r=r, p=p, maxmem=_MAXMEM, dklen=_DKLEN)


def hash_password(password, params=None):
    """A new self-describing hash of ``password`` with a random salt."""
    if not isinstance(password, str) or not password:
        raise ValueError("a password cannot be empty")
    params = params or DEFAULT_PARAMS
    salt = os.urandom(16)
    digest = _derive(password, salt, params["ln"], params["r"], params["p"])
    return f"scrypt$ln={params['ln']},r={params['r']},p={params['p']}${_b64(salt)}${_b64(digest)}"


def _parse(stored):
    scheme, settings, salt, digest = stored.split("$")
    if scheme != "scrypt":
        raise ValueError("unknown scheme")
    params = dict(item.split("=") for item in settings.split(","))
    params = {k: int(v) for k, v in params.items()}
    if not (1 <= params["ln"] <= 20 and 1 <= params["r"] <= 32 and 1 <= params["p"] <= 16):
        raise ValueError("parameters out of range")
    return params, _unb64(salt), _unb64(digest)


def verify_password(password, stored):
    """True when ``password`` matches ``stored`` (constant-time compare; False for a bad hash)."""
    if not isinstance(password, str) or not password or not isinstance(stored, str):
        return False
    try:
        params, salt, digest = _parse(stored)
        candidate = _derive(password, salt, params["ln"], params["r"], params["p"])
    except (ValueError, KeyError, TypeError):
        return False
    return hmac.compare_digest(candidate, digest)


def needs_rehash(stored, params=None):
    """True when ``stored`` was made with other parameters than the current ones."""
    try:
        have, _salt, _digest = _parse(stored)
    except (ValueError, KeyError, TypeError):
        return True
    return have != (params or DEFAULT_PARAMS)
