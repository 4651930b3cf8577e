"""Serving an application with waitress (one process, threads: it owns the pins)."""

import logging
import os
import sys

__all__ = ["serve", "tune_malloc"]

log = logging.getLogger("skipole")


#: mallopt(3) parameters (glibc's malloc.h)
_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8


def tune_malloc():
    """Keep a long-running server's memory small on glibc; returns True when it was tuned.

    glibc raises its mmap threshold to the size of the largest block freed, so after one login
    scrypt's 8 MiB buffers come from the heap and stay resident when freed; a fixed threshold
    hands them back at once.  Two arenas stop every server thread keeping its own heap.
    Nothing is changed when ``MALLOC_MMAP_THRESHOLD_`` is set (the operator chose), or when
    the C library is not glibc.
    """
    if os.environ.get("MALLOC_MMAP_THRESHOLD_"):
        return False
    mallopt = _glibc_function("mallopt")
    if mallopt is None:
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, 128 * 1024)) and bool(mallopt(_M_ARENA_MAX, 2))


def _glibc_function(name):
    try:
        import ctypes
        return getattr(ctypes.CDLL(None), name)
    except (OSError, AttributeError, ImportError):
        return None          # not glibc (musl, macOS): nothing to tune


def serve(app, settings):
    """Serve ``app`` until interrupted (Ctrl+C, SIGINT or SIGTERM); returns the exit status.

    Either signal stops waitress the same way: it finishes the requests in hand, then the
    hardware layer's exit handler applies each output's ``on_stop`` policy and saves state.
    """
    import waitress
    tune_malloc()
    _stop_on_sigterm()
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


def _stop_on_sigterm():
    """SIGTERM (``kill``, container runtimes, ``systemctl kill``) stops as Ctrl+C does."""
    import signal
    import threading
    if threading.current_thread() is not threading.main_thread():
        return              # signal handlers belong to the main thread

    def _terminate(signum, frame):
        raise SystemExit(0)     # waitress's loop stops on it, as on KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
