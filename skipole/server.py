"""Serving an application with waitress (one process, threads: it owns the pins)."""

import logging
import sys

__all__ = ["serve"]

log = logging.getLogger("skipole")


def serve(app, settings):
    """Serve ``app`` until interrupted; returns the exit status."""
    import waitress
    host = settings.host
    shown = f"[{host}]" if ":" in host else host
    print(f"skipole serving {app.projectdir} on http://{shown}:{settings.port}/  (Ctrl+C to stop)", flush=True)
    try:
        waitress.serve(app, host=host, port=settings.port, threads=settings.threads, ident="skipole",
                       # forwarded headers reach the application, which believes them only from
                       # the addresses in trusted_proxies (skipole.security.hosts)
                       clear_untrusted_proxy_headers=False, _quiet=False)
    except OSError as exc:
        print(f"skipole: cannot listen on {host}:{settings.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    return 0
