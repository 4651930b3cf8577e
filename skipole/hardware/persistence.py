"""The hardware layer's files in the state directory: output values, device settings, events.

Every file carries a format version and is written with ``skipole.atomic`` (temporary file,
fsync, rename, directory fsync).  A missing or unreadable file gives a logged warning and the
declared defaults; an unreadable one is moved aside to ``NAME.corrupt`` for inspection.
Nothing here locks: ``Hardware`` calls it under its own lock and writes outside it.
"""

import collections
import json
import logging
import os

from ..atomic import write_json
from .devices import utc_iso

__all__ = ["FORMAT", "read_state_file", "write_state_file", "EventLog",
           "OUTPUTS_FILE", "DEVICES_FILE", "EVENTS_FILE"]

log = logging.getLogger("skipole.hardware")

#: the format version written into every file; a reader refuses a newer one
FORMAT = 1
OUTPUTS_FILE = "outputs.json"
DEVICES_FILE = "devices.json"
EVENTS_FILE = "events.json"


def read_state_file(path, key, *, missing_warning=None):
    """The ``key`` member of the JSON state file at ``path``, or None if it cannot be used.

    A missing file logs ``missing_warning`` when given; a corrupt one (bad JSON, wrong shape,
    newer format) is logged and moved aside to ``path + ".corrupt"``.
    """
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        if missing_warning:
            log.warning("%s does not exist: %s", path, missing_warning)
        return None
    except OSError as exc:
        log.warning("%s cannot be read (%s): using the declared defaults", path, exc.strerror)
        return None
    try:
        data = json.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        version = data.get("format")
        if not isinstance(version, int) or isinstance(version, bool):
            raise ValueError("no format version")
        if version > FORMAT:
            raise ValueError(f"format {version} is newer than this skipole understands "
                             f"({FORMAT})")
        value = data.get(key)
        if value is None:
            raise ValueError(f"no {key!r} member")
    except ValueError as exc:
        aside = path + ".corrupt"
        try:
            os.replace(path, aside)
        except OSError:
            aside = "(could not be moved aside)"
        log.warning("%s is corrupt (%s): using the declared defaults; the bad file is %s",
                    path, exc, aside)
        return None
    return value


def write_state_file(path, key, value, **extra):
    """Write ``{"format": FORMAT, key: value, ...extra}`` to ``path`` atomically and durably."""
    data = {"format": FORMAT, "saved": utc_iso()}
    data.update(extra)
    data[key] = value
    write_json(path, data)


class EventLog:
    """A bounded, persisted log of what happened: output sets, input edges, starts and stops,
    logins.  Events are ordered by ``seq`` (which survives restarts), not by their UTC time,
    so a clock that jumps at boot (a Pi has no real-time clock) does not reorder them.
    """

    def __init__(self, path, max_events=1000):
        self.path = path
        self.max_events = max_events
        self.dirty = False
        self._events = collections.deque(maxlen=max_events)
        self._next_seq = 1
        self._coalesce = None
        loaded = read_state_file(path, "events")
        if loaded is not None:
            self._load(loaded)

    def _load(self, events):
        good = [e for e in events if isinstance(e, dict) and isinstance(e.get("seq"), int)]
        if len(good) != len(events):
            log.warning("%s: %d malformed events ignored", self.path, len(events) - len(good))
        self._events.extend(good)
        if self._events:
            self._next_seq = max(e["seq"] for e in self._events) + 1

    def append(self, kind, text, *, device=None, value=None, by=None, version=None,
               when=None, coalesce=None):
        """Add an event and return it (a dict).

        ``coalesce`` is a key (e.g. a PWM device and who moves it): an event with the same key
        as the previous one replaces it instead of adding one, so a slider dragged for a
        second leaves one event, not fifty.
        """
        event = {"seq": None, "time": utc_iso(when, milliseconds=True), "kind": kind,
                 "device": device, "value": value, "by": by, "text": text, "version": version}
        if coalesce is not None and coalesce == self._coalesce and self._events \
                and self._events[-1]["seq"] == self._next_seq - 1:
            event["seq"] = self._events[-1]["seq"]
            self._events[-1] = event
        else:
            event["seq"] = self._next_seq
            self._next_seq += 1
            self._events.append(event)
        self._coalesce = coalesce
        self.dirty = True
        return event

    def break_coalescing(self):
        """The next event is a new entry whatever its coalescing key."""
        self._coalesce = None

    def entries(self, limit=None, since_seq=None):
        """Events oldest first: all, the last ``limit``, or those after ``since_seq``."""
        events = list(self._events)
        if since_seq is not None:
            events = [e for e in events if e["seq"] > since_seq]
        if limit is not None:
            events = events[-limit:] if limit > 0 else []
        return [dict(e) for e in events]

    def take_pending(self):
        """What to write (and clear ``dirty``), or None when nothing changed."""
        if not self.dirty:
            return None
        self.dirty = False
        return [dict(e) for e in self._events]

    @staticmethod
    def write(path, events):
        write_state_file(path, "events", events)
