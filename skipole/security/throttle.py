"""Login throttling per client address: failures only, sliding windows, no permanent ban.

Defaults follow OctoPrint's well-tried limits: 3 failures a minute, 5 in ten minutes, 10 in
an hour.  Times come from a monotonic clock; the table is bounded so a flood of addresses
cannot exhaust memory.
"""

import threading
import time
from collections import deque

__all__ = ["LoginThrottle"]

DEFAULT_LIMITS = ((3, 60), (5, 600), (10, 3600))
_MAX_CLIENTS = 10000


class LoginThrottle:
    """Counts failed logins per address and says how long one must wait."""

    def __init__(self, limits=DEFAULT_LIMITS, clock=time.monotonic):
        self.limits = tuple(limits)
        self._clock = clock
        self._failures = {}
        self._lock = threading.Lock()
        self._horizon = max(window for _n, window in self.limits)

    def wait_time(self, address):
        """Seconds until ``address`` may try again (0 when it may try now)."""
        now = self._clock()
        with self._lock:
            times = self._failures.get(address)
            if not times:
                return 0
            self._prune(times, now)
            wait = 0.0
            for count, window in self.limits:
                recent = [t for t in times if now - t < window]
                if len(recent) >= count:
                    wait = max(wait, window - (now - recent[-count]))
            return wait

    def failed(self, address):
        now = self._clock()
        with self._lock:
            if address not in self._failures and len(self._failures) >= _MAX_CLIENTS:
                oldest = min(self._failures, key=lambda a: self._failures[a][-1] if self._failures[a] else 0)
                del self._failures[oldest]
            times = self._failures.setdefault(address, deque())
            times.append(now)
            self._prune(times, now)

    def succeeded(self, address):
        with self._lock:
            self._failures.pop(address, None)

    def _prune(self, times, now):
        while times and now - times[0] >= self._horizon:
            times.popleft()
