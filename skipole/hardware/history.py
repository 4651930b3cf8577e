"""Sampled history of device values, for charts: bounded, durable, gentle on an SD card.

Each device keeps its last ``capacity`` samples (default 2880: 48 hours at one a minute).  On
disk they are split into small segment files of 60 samples, ``history/NAME/0000000001.json``;
a flush rewrites only the segments that changed (atomically), and old segments are deleted,
so a write is a few kilobytes however long the history.  Samples keep the order they were
taken in, whatever their UTC timestamps say, so a clock jump at boot does not scramble them.
"""

import collections
import logging
import math
import os
import re

from ..atomic import fsync_dir
from .persistence import read_state_file, write_state_file

__all__ = ["History", "SEGMENT"]

log = logging.getLogger("skipole.hardware")

#: samples per segment file
SEGMENT = 60
_SEGMENT_FILE = re.compile(r"^(\d{10})\.json$")


class History:
    """The sampled values of the devices ``names``, stored under ``directory``."""

    def __init__(self, directory, names, capacity=2880):
        self.directory = directory
        self.capacity = capacity
        self.max_segments = math.ceil(capacity / SEGMENT) + 1
        self._samples = {}
        self._open = {}
        self._pending = {}
        for name in names:
            self._samples[name] = collections.deque(maxlen=capacity)
            self._pending[name] = {}
            self._load(name)

    @property
    def names(self):
        return list(self._samples)

    def _segment_path(self, name, seq):
        return os.path.join(self.directory, name, f"{seq:010d}.json")

    def _segments_on_disk(self, name):
        try:
            files = os.listdir(os.path.join(self.directory, name))
        except OSError:
            return []
        return sorted(int(m.group(1)) for m in map(_SEGMENT_FILE.match, files) if m)

    def _load(self, name):
        seqs = self._segments_on_disk(name)[-self.max_segments:]
        last = None
        for seq in seqs:
            samples = read_state_file(self._segment_path(name, seq), "samples")
            if not isinstance(samples, list):
                continue
            good = [(s[0], s[1]) for s in samples
                    if isinstance(s, list) and len(s) == 2 and isinstance(s[0], str)]
            self._samples[name].extend(good)
            last = (seq, good)
        if last is not None and len(last[1]) < SEGMENT:
            self._open[name] = (last[0], list(last[1]))
        else:
            self._open[name] = ((seqs[-1] + 1) if seqs else 1, [])

    def add(self, name, when_iso, value):
        """Record one sample ``(when_iso, value)`` for ``name``."""
        self._samples[name].append((when_iso, value))
        seq, samples = self._open[name]
        samples.append([when_iso, value])
        self._pending[name][seq] = list(samples)
        if len(samples) >= SEGMENT:
            self._open[name] = (seq + 1, [])

    def samples(self, name, limit=None):
        """The samples of ``name``, oldest first, as [(utc_iso, value), ...]."""
        samples = list(self._samples[name])
        return samples[-limit:] if limit else samples

    @property
    def dirty(self):
        return any(self._pending.values())

    def take_pending(self):
        """The segments to write, [(name, seq, samples)], clearing them."""
        items = []
        for name, segments in self._pending.items():
            items.extend((name, seq, samples) for seq, samples in sorted(segments.items()))
            segments.clear()
        return items

    def put_back(self, items):
        """Segments that could not be written, to try again at the next flush."""
        for name, seq, samples in items:
            self._pending[name].setdefault(seq, samples)

    def write(self, items):
        """Write the segments ``items`` (from ``take_pending``) and delete segments too old to
        keep.  Raises OSError on the first failure; the caller puts the items back."""
        names = set()
        for name, seq, samples in items:
            os.makedirs(os.path.join(self.directory, name), exist_ok=True)
            write_state_file(self._segment_path(name, seq), "samples", samples, device=name)
            names.add(name)
        for name in names:
            seqs = self._segments_on_disk(name)
            old = seqs[:-self.max_segments] if len(seqs) > self.max_segments else []
            for seq in old:
                try:
                    os.unlink(self._segment_path(name, seq))
                except OSError as exc:
                    log.warning("cannot delete old history segment %s: %s",
                                self._segment_path(name, seq), exc.strerror)
            if old:
                fsync_dir(os.path.join(self.directory, name))
