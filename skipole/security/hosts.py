"""Which ``Host`` headers and client addresses to believe (DNS rebinding, reverse proxies).

A request is accepted for: IP literals (they cannot be re-bound), ``localhost``, the
machine's host name and ``NAME.local``, and the names in the ``allowed_hosts`` setting
(``*`` accepts any).  Behind a proxy listed in ``trusted_proxies`` the client address is
taken from ``X-Forwarded-For``; from anyone else that header is ignored.
"""

import ipaddress
import socket

__all__ = ["HostPolicy", "client_address"]


def _strip_port(host):
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


def _is_ip(host):
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


class HostPolicy:
    """Decides whether a Host header names this machine."""

    def __init__(self, allowed_hosts=(), hostname=None):
        hostname = (hostname or socket.gethostname() or "").lower()
        short = hostname.split(".")[0]
        names = {"localhost", hostname, short, f"{short}.local"}
        self.any = "*" in allowed_hosts
        names.update(h.lower().lstrip(".") for h in allowed_hosts if h and h != "*")
        self.names = {n for n in names if n}
        self.suffixes = tuple("." + h.lower().lstrip(".") for h in allowed_hosts if h.startswith("."))

    def allowed(self, host_header):
        if self.any:
            return True
        if not host_header:
            return False
        host = _strip_port(host_header)
        if _is_ip(host) or host in self.names or host.endswith(".localhost"):
            return True
        return bool(self.suffixes) and host.endswith(self.suffixes)


def client_address(environ, trusted_proxies=()):
    """The client's address: REMOTE_ADDR, or from X-Forwarded-For when the peer is a trusted proxy."""
    remote = environ.get("REMOTE_ADDR", "")
    if not trusted_proxies or remote not in trusted_proxies:
        return remote
    forwarded = [a.strip() for a in environ.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    for address in reversed(forwarded):
        if address not in trusted_proxies:
            return address
    return remote
