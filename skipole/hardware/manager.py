"""``Hardware``: the one object that owns every device of an application.

It claims outputs in their power-on state, keeps the current value of every device with a
version number that rises on every change, wakes long-polling clients, logs events, saves
output values and sampled history in the state directory (coalesced: at most about one
write a second, at most the last second lost), and applies ``on_stop`` when it is closed.
Every public method is thread-safe: waitress calls them from its worker threads.
"""

import atexit
import contextlib
import dataclasses
import logging
import os
import secrets
import threading
import time
import weakref

from .declarations import OUTPUT_KINDS, PIN_KINDS, SENSOR_KINDS
from .devices import level_value, make_device, switch_value, utc_iso
from .exceptions import (
    Conflict, HardwareClosed, HardwareError, InvalidValue, ReadOnlyDevice, UnknownDevice,
)
from .history import History
from .persistence import (
    DEVICES_FILE, EVENTS_FILE, OUTPUTS_FILE, EventLog, read_state_file, write_state_file,
)

__all__ = ["Hardware", "ChangeSet"]

log = logging.getLogger("skipole.hardware")

#: seconds within which one person's PWM moves make one event, not many
_PWM_EVENT_WINDOW = 2.0
#: seconds between re-reads of an input, in case the backend missed an edge
_INPUT_RECHECK = 5.0
#: seconds between repeats of the same write error in the log
_ERROR_REPEAT = 60.0


@dataclasses.dataclass(frozen=True)
class ChangeSet:
    """What ``wait_for_change`` returns (``as_dict()`` is ready for JSON).

    ``changes`` are device states (as in ``snapshot``) changed after the caller's version;
    ``full`` means they are every device and the caller must replace what it holds (its
    version was from another run); ``short_poll`` means too many clients are waiting, so the
    caller should ask again after ``retry_after`` seconds instead of waiting.
    """

    version: int
    changes: list
    run_id: str
    full: bool = False
    short_poll: bool = False
    retry_after: float = 0.0

    def as_dict(self):
        return dataclasses.asdict(self)


class Hardware:
    """Every device declared in ``hardware.toml``, claimed and watched.

    ``declarations`` is the dict from ``load_declarations``; ``state_dir`` where output
    values, device settings, events and history are kept; ``pin_factory`` the gpiozero pin
    factory for pin devices (``backends.open_backend`` chooses one; the Hardware owns and
    closes it).  Usually made by ``skipole.hardware.load_hardware``.

    ``max_waiters`` caps concurrent ``wait_for_change`` callers (waitress threads - 2);
    ``flush_every`` is the least time between two writes of a file; ``history_samples`` the
    samples kept per device; ``max_events`` the events kept; ``proc_root`` where system
    values are read; ``background`` runs two threads, one reading sensors (a DS18B20 takes
    0.75 s) and one sampling history and flushing, so a slow sensor never delays a write
    (tests may switch them off and call ``refresh``, ``sample_now`` and ``flush``).
    """

    def __init__(self, declarations, state_dir, *, pin_factory=None, backend="mock",
                 simulated=None, backend_reason="", max_waiters=14, flush_every=1.0,
                 history_samples=2880, max_events=1000, proc_root="/proc", background=True):
        has_pins = any(d.kind in PIN_KINDS for d in declarations.values())
        if pin_factory is None and has_pins:
            raise HardwareError("pin devices are declared but no pin factory was given")
        self.state_dir = os.fspath(state_dir)
        self.pin_factory = pin_factory
        if has_pins:
            self.backend = backend
            self.simulated = bool(simulated) if simulated is not None else backend == "mock"
            self.backend_reason = backend_reason
        else:
            self.backend, self.simulated = "none", False
            self.backend_reason = "no pin devices declared"
        self.max_waiters = max_waiters
        self.flush_every = flush_every
        self.run_id = secrets.token_hex(8)

        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._flush_lock = threading.Lock()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._closed = False
        self._released = False
        self._waiters = 0
        self._last_flush = float("-inf")
        self._write_errors = {}
        self._read_errors = {}
        self._last_pwm_event = (None, 0.0)
        self._left_claimed = []

        os.makedirs(self.state_dir, exist_ok=True)
        self._declared = dict(declarations)
        self._settings = self._load_settings()
        self._decl = {name: self._effective(name) for name in self._declared}
        self._events = EventLog(os.path.join(self.state_dir, EVENTS_FILE), max_events)
        self._history = History(os.path.join(self.state_dir, "history"),
                                [n for n, d in self._decl.items() if d.sample_every],
                                history_samples)

        start_values, notes = self._start_values()
        self._devices = {}
        try:
            for name, declaration in self._decl.items():
                try:
                    self._devices[name] = make_device(
                        declaration, pin_factory=pin_factory, start_value=start_values.get(name),
                        proc_root=proc_root)
                except Exception as exc:
                    where = f" (GPIO{declaration.pin})" if declaration.kind in PIN_KINDS else ""
                    raise HardwareError(f"device {name!r}{where} cannot be started: "
                                        f"{type(exc).__name__}: {exc}") from exc
        except BaseException:
            for device in self._devices.values():
                with contextlib.suppress(Exception):
                    device.close()
            if pin_factory is not None:
                with contextlib.suppress(Exception):
                    pin_factory.close()
            raise

        self._version = 1
        self._device_versions = dict.fromkeys(self._decl, 1)
        self._values = {}
        self._saved_outputs = {}
        for name, device in self._devices.items():
            if name in start_values:
                self._values[name] = self._saved_outputs[name] = device.read()
            elif self._decl[name].kind == "system" and self._decl[name].value == "time":
                self._values[name] = None
            else:
                self._values[name] = self._read(name)
        self._outputs_dirty = True

        self._events.append("service", f"started: {len(self._devices)} devices, backend "
                            f"{self.backend}{' (simulated pins)' if self.simulated else ''}",
                            by="startup", version=self._version)
        for name in start_values:
            self._events.append("output", notes[name], device=name, value=self._values[name],
                                by="startup", version=self._version)

        now = time.monotonic()
        self._next_read = {}
        for name, declaration in self._decl.items():
            if declaration.kind == "input":
                self._next_read[name] = now + _INPUT_RECHECK
            elif declaration.kind in SENSOR_KINDS and declaration.value != "time":
                self._next_read[name] = now + declaration.read_every
        self._next_sample = {name: now + self._decl[name].sample_every
                             for name in self._history.names}

        for name, device in self._devices.items():
            if self._decl[name].kind == "input":
                device.watch(_edge_callback(self, name))
        self.flush()
        self._atexit = _atexit_callback(self)
        atexit.register(self._atexit)
        self._threads = []
        if background:
            self._threads.append(threading.Thread(target=self._run, daemon=True,
                                                  name="skipole-hardware"))
            if self._next_read:
                self._threads.append(threading.Thread(target=self._run_reader, daemon=True,
                                                      name="skipole-hardware-sensors"))
            for thread in self._threads:
                thread.start()
        log.info("hardware: %d devices, backend %s%s", len(self._devices), self.backend,
                 " (SIMULATED pins)" if self.simulated else "")

    # ---- reading ----

    @property
    def version(self):
        """An int that rises on every change of any device's value or settings."""
        with self._lock:
            return self._version

    @property
    def names(self):
        """Device names in declaration order."""
        return list(self._decl)

    @property
    def devices(self):
        """name -> device information (declaration keys, ``writable``, ``settings_version``)."""
        with self._lock:
            return {name: self._info(name) for name in self._decl}

    def _info(self, name):
        declaration = self._decl[name]
        info = declaration.as_dict()
        info["writable"] = declaration.writable
        info["settings_version"] = self._settings.get(name, {}).get("version", 0)
        return info

    def get(self, name):
        """The current value of device ``name`` (bool, float, int, ISO text, or None when a
        sensor cannot be read)."""
        device = self._device(name)
        if self._decl[name].kind == "system" and self._decl[name].value == "time":
            return device.read()
        with self._lock:
            return self._values[name]

    def state(self, name):
        """One device as ``snapshot`` gives it."""
        self._device(name)
        with self._lock:
            return self._state(name)

    def snapshot(self):
        """Every device as {name, kind, value, unit, description, version}, in declaration
        order; ``version`` is the ``Hardware.version`` at the device's last change."""
        with self._lock:
            return [self._state(name) for name in self._decl]

    def _state(self, name):
        declaration = self._decl[name]
        if declaration.kind == "system" and declaration.value == "time":
            value = self._devices[name].read()
        else:
            value = self._values[name]
        return {"name": name, "kind": declaration.kind, "value": value,
                "unit": declaration.unit, "description": declaration.description,
                "version": self._device_versions[name]}

    def changes_since(self, version):
        """Device states changed after ``version`` (all of them if ``version`` is unknown)."""
        version = _as_version(version)
        with self._lock:
            if version is None or version < 0 or version > self._version:
                return self.snapshot()
            return [self._state(name) for name in self._decl
                    if self._device_versions[name] > version]

    def wait_for_change(self, since, timeout=25.0, run_id=None):
        """Wait up to ``timeout`` seconds for a change after version ``since``: a ``ChangeSet``.

        Returns at once when something already changed, when ``since``/``run_id`` come from
        another run (``full``), or when ``max_waiters`` callers are already waiting
        (``short_poll``: ask again in ``retry_after`` seconds).  An empty ``changes`` after
        the timeout means nothing changed.  ``since`` may be text (from a query string).
        """
        since = _as_version(since)
        with self._lock:
            if (run_id is not None and run_id != self.run_id) or since is None \
                    or since < 0 or since > self._version:
                return ChangeSet(self._version, self.snapshot(), self.run_id, full=True)
            if self._version <= since and not self._closed:
                if self._waiters >= self.max_waiters:
                    return ChangeSet(self._version, [], self.run_id, short_poll=True,
                                     retry_after=1.0)
                self._waiters += 1
                try:
                    self._changed.wait_for(lambda: self._version > since or self._closed,
                                           timeout)
                finally:
                    self._waiters -= 1
            return ChangeSet(self._version, self.changes_since(since), self.run_id)

    @property
    def waiting(self):
        """How many callers are inside ``wait_for_change`` now."""
        with self._lock:
            return self._waiters

    def events(self, limit=None, since_seq=None):
        """Logged events, oldest first: dicts {seq, time (UTC), kind, device, value, by, text,
        version}; the last ``limit``, or those after ``since_seq``."""
        with self._lock:
            return self._events.entries(limit, since_seq)

    def history(self, name, limit=None):
        """Sampled values of ``name`` as [(utc_iso, value), ...], oldest first ([] when the
        device has no ``sample_every``)."""
        self._device(name)
        with self._lock:
            if name not in self._history.names:
                return []
            return self._history.samples(name, limit)

    def status(self):
        """The backend and whether pins are simulated (the UI must say so), for pages and API."""
        return {"backend": self.backend, "simulated": self.simulated,
                "reason": self.backend_reason, "version": self.version, "run_id": self.run_id,
                "closed": self._closed}

    def gpiozero_device(self, name):
        """The gpiozero device behind ``name`` (None for sensors), for tests and diagnostics.

        Changing it directly bypasses versions, events and saved values: use ``set``.
        """
        return self._device(name).gpio

    def simulate_input(self, name, active):
        """On simulated pins only: drive input ``name`` to its active (or inactive) level, as a
        person pressing a button would; the change arrives like a real edge.  Returns its state."""
        declaration = self._decl.get(name)
        if declaration is None:
            raise UnknownDevice(f"no device called {name!r}")
        if not self.simulated:
            raise ReadOnlyDevice(f"{name}: inputs can only be simulated on the mock backend")
        if declaration.kind != "input":
            raise ReadOnlyDevice(f"{name}: only inputs can be simulated (it is a {declaration.kind})")
        pin = self._device(name).gpio.pin
        if bool(active) == declaration.active_high:
            pin.drive_high()
        else:
            pin.drive_low()
        return self.state(name)

    # ---- changing ----

    def set(self, name, value, by="api"):
        """Set output or PWM output ``name`` to ``value``; return its new ``state``.

        Outputs take True/False, "on"/"off", 1/0; PWM outputs a number 0.0-1.0.  ``by`` says
        who, for the event log: "user:NAME", "token:NAME", "api", ...  Raises
        ``UnknownDevice``, ``ReadOnlyDevice`` (inputs, sensors), ``InvalidValue`` or
        ``HardwareClosed``.
        """
        device = self._device(name)
        value = device.check(value)
        by = _who(by)
        with self._lock:
            if self._closed:
                raise HardwareClosed(f"device {name!r} cannot be set: the hardware is closed")
            if value != self._values[name]:
                device.write(value)
                self._saved_outputs[name] = value
                self._outputs_dirty = True
                coalesce = None
                if self._decl[name].kind == "pwm":
                    coalesce = (name, by)
                    last_key, last_time = self._last_pwm_event
                    now = time.monotonic()
                    if last_key != coalesce or now - last_time > _PWM_EVENT_WINDOW:
                        self._events.break_coalescing()
                        self._last_pwm_event = (coalesce, now)
                self._record(name, value, by=by, text=f"set to {_show(value)}",
                             coalesce=coalesce)
            return self._state(name)

    def update_device(self, name, *, description=None, power_on=None, default=None,
                      expected_version=None, by="api"):
        """Change a device's editable settings; return its new ``devices`` information.

        The settings (``description``; for outputs ``power_on`` and ``default``) are saved in
        ``devices.json`` in the state directory, over what ``hardware.toml`` declares.  When
        ``expected_version`` (the ``settings_version`` the caller read) is stale, ``Conflict``
        is raised and nothing changes.
        """
        self._device(name)
        by = _who(by)
        with self._lock:
            declared = self._declared[name]
            current = self._settings.get(name, {})
            version = current.get("version", 0)
            if expected_version is not None and _as_version(expected_version) != version:
                raise Conflict(f"device {name!r}: its settings changed since they were read "
                               f"(version {expected_version}, now {version}); reload them "
                               "and try again")
            changes = {}
            if description is not None:
                if not isinstance(description, str) or len(description) > 200:
                    raise InvalidValue(f"device {name!r}: description must be text of at "
                                       "most 200 characters")
                changes["description"] = description
            for key, given in (("power_on", power_on), ("default", default)):
                if given is None:
                    continue
                if declared.kind not in OUTPUT_KINDS:
                    raise InvalidValue(f"device {name!r}: {key} applies only to outputs")
                if key == "power_on" and given not in ("off", "on", "restore"):
                    raise InvalidValue(f"device {name!r}: power_on must be off, on or "
                                       f"restore, got {given!r}")
                changes[key] = self._devices[name].check(given) if key == "default" else given
            if not changes:
                return self._info(name)
            updated = dict(current, **changes, version=version + 1)
            settings = dict(self._settings, **{name: updated})
            write_state_file(os.path.join(self.state_dir, DEVICES_FILE), "devices", settings)
            self._settings = settings
            self._decl[name] = self._effective(name)
            self._version += 1
            self._device_versions[name] = self._version
            self._events.append("settings", "settings changed: " + ", ".join(
                f"{k}={_show(v)}" for k, v in changes.items()), device=name, by=by,
                version=self._version)
            self._changed.notify_all()
            self._wake.set()
            return self._info(name)

    def log_event(self, kind, text, by=None, device=None):
        """Add an event (a login, a setting saved, ...) to the log and return it."""
        if not isinstance(kind, str) or not 0 < len(kind) <= 32:
            raise InvalidValue("an event kind is text of 1 to 32 characters")
        with self._lock:
            event = self._events.append(kind, str(text)[:500], device=device,
                                        by=None if by is None else _who(by),
                                        version=self._version)
        self._wake.set()
        return event

    def refresh(self, names=None):
        """Read sensors (and re-read inputs) now; a changed value bumps the version.

        The sensor thread does this every ``read_every`` seconds per sensor.
        """
        if names is not None:
            for name in names:
                self._device(name)
        names = [n for n in (self._decl if names is None else names)
                 if self._decl[n].kind not in OUTPUT_KINDS
                 and not (self._decl[n].kind == "system" and self._decl[n].value == "time")]
        readings = {name: self._read(name) for name in names}
        with self._lock:
            if self._closed:
                return
            for name, value in readings.items():
                if self._decl[name].kind == "input":
                    if value is not None and value != self._values[name]:
                        self._record(name, value, by="input",
                                     text=f"{'active' if value else 'inactive'} (re-read)")
                elif value != self._values[name]:
                    self._record(name, value, by="sensor", log_it=False)

    def sample_now(self, at=None, names=None, *, read=True):
        """Take a history sample of every sampled device (or ``names``) now.

        ``at`` (a POSIX time or datetime) stamps the samples instead of the clock, so tests
        can fast-forward time without sleeping.  Sensors are read first unless ``read`` is
        False (the background sampler uses the values the sensor thread keeps fresh).
        """
        names = [n for n in (self._history.names if names is None else names)
                 if n in self._history.names]
        if read:
            self.refresh([n for n in names if self._decl[n].kind in SENSOR_KINDS])
        when = utc_iso(at)
        with self._lock:
            for name in names:
                self._history.add(name, when, self._values[name])
        self._wake.set()

    def flush(self):
        """Write whatever changed (outputs, events, history) now; ``close`` calls it."""
        with self._flush_lock:
            with self._lock:
                outputs = dict(self._saved_outputs) if self._outputs_dirty else None
                self._outputs_dirty = False
                events = self._events.take_pending()
                history = self._history.take_pending()
                self._last_flush = time.monotonic()
            if outputs is not None:
                try:
                    write_state_file(os.path.join(self.state_dir, OUTPUTS_FILE), "outputs",
                                     outputs)
                except OSError as exc:
                    self._write_failed(OUTPUTS_FILE, exc)
                    with self._lock:
                        self._outputs_dirty = True
            if events is not None:
                try:
                    EventLog.write(self._events.path, events)
                except OSError as exc:
                    self._write_failed(EVENTS_FILE, exc)
                    with self._lock:
                        self._events.dirty = True
            if history:
                try:
                    self._history.write(history)
                except OSError as exc:
                    self._write_failed("history", exc)
                    with self._lock:
                        self._history.put_back(history)

    # ---- stopping ----

    def close(self, *, release=False):
        """Stop: apply each output's ``on_stop``, log the stop, write everything, close.

        ``on_stop = "off"`` outputs are switched off and their pins released; ``"leave"``
        outputs stay claimed at their level until the process exits (or ``release()``),
        since releasing a pin makes it a floating input.  The saved value of an output is
        what it was set to, not what ``on_stop`` did, so ``power_on = "restore"`` brings back
        the user's choice.  Safe to call twice.
        """
        with self._lock:
            already = self._closed
            self._closed = True
            self._changed.notify_all()
        if not already:
            atexit.unregister(self._atexit)
            self._stopping.set()
            self._wake.set()
            for thread in self._threads:
                if thread is not threading.current_thread():
                    thread.join()
            for name, device in self._devices.items():
                if self._decl[name].kind == "input":
                    with contextlib.suppress(Exception):
                        device.watch(None)
            with self._lock:
                for name, device in self._devices.items():
                    declaration = self._decl[name]
                    if declaration.kind not in OUTPUT_KINDS:
                        continue
                    if declaration.on_stop == "off":
                        try:
                            device.switch_off()
                        except Exception as exc:
                            log.error("device %r cannot be switched off: %s", name, exc)
                            continue
                        off = device.read()
                        if off != self._values[name]:
                            self._record(name, off, by="shutdown", text="off (on_stop = off)")
                self._events.append("service", "stopped", by="shutdown", version=self._version)
            self.flush()
            for name, device in self._devices.items():
                declaration = self._decl[name]
                if declaration.kind in OUTPUT_KINDS and declaration.on_stop == "leave":
                    self._left_claimed.append(device)
                    continue
                try:
                    device.close()
                except Exception as exc:
                    log.warning("device %r did not close cleanly: %s", name, exc)
            log.info("hardware closed (%d outputs left as they are)", len(self._left_claimed))
        if release or not self._left_claimed:
            self.release()

    def release(self):
        """Release every pin, including outputs ``close`` left claimed, and the pin factory.

        Released pins become inputs (gpiozero's close): outputs then float, so a relay
        board needs pull resistors that hold it off.  ``close`` first if not closed.
        """
        if not self._closed:
            self.close(release=True)
            return
        with self._lock:
            if self._released:
                return
            self._released = True
            left, self._left_claimed = self._left_claimed, []
        for device in left:
            with contextlib.suppress(Exception):
                device.close()
        if self.pin_factory is not None:
            with contextlib.suppress(Exception):
                self.pin_factory.close()

    @property
    def closed(self):
        return self._closed

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- internals ----

    def _device(self, name):
        try:
            return self._devices[name]
        except (KeyError, TypeError):
            raise UnknownDevice(f"no device named {name!r} is declared") from None

    def _record(self, name, value, *, by, text=None, coalesce=None, log_it=True):
        """Store a new value of ``name``: bump versions, log the event, wake waiters."""
        self._values[name] = value
        self._version += 1
        self._device_versions[name] = self._version
        if log_it:
            kind = "input" if self._decl[name].kind == "input" else "output"
            self._events.append(kind, text or _show(value), device=name, value=value, by=by,
                                version=self._version, coalesce=coalesce)
        self._changed.notify_all()
        self._wake.set()

    def _read(self, name):
        """Read a device, logging a failure once (not at every read); None when it fails."""
        try:
            value = self._devices[name].read()
        except Exception as exc:
            message = f"{type(exc).__name__}: {exc}"
            if self._read_errors.get(name) != message:
                self._read_errors[name] = message
                log.warning("device %r cannot be read: %s", name, message)
            return None
        if self._read_errors.pop(name, None) is not None:
            log.info("device %r can be read again", name)
        return value

    def _load_settings(self):
        path = os.path.join(self.state_dir, DEVICES_FILE)
        loaded = read_state_file(path, "devices")
        settings = {}
        if not isinstance(loaded, dict):
            return settings
        for name, entry in loaded.items():
            if name not in self._declared or not isinstance(entry, dict):
                continue
            declared = self._declared[name]
            good = {"version": entry.get("version", 0)}
            try:
                if not isinstance(good["version"], int):
                    raise ValueError("bad version")
                if "description" in entry:
                    if not isinstance(entry["description"], str):
                        raise ValueError("bad description")
                    good["description"] = entry["description"]
                if declared.kind in OUTPUT_KINDS:
                    if entry.get("power_on", "off") not in ("off", "on", "restore"):
                        raise ValueError("bad power_on")
                    if "power_on" in entry:
                        good["power_on"] = entry["power_on"]
                    if "default" in entry:
                        good["default"] = _start_value(declared.kind, entry["default"])
            except (ValueError, InvalidValue) as exc:
                log.warning("%s: settings of device %r ignored (%s)", path, name, exc)
                continue
            settings[name] = good
        return settings

    def _effective(self, name):
        overlay = {k: v for k, v in self._settings.get(name, {}).items() if k != "version"}
        return dataclasses.replace(self._declared[name], **overlay)

    def _start_values(self):
        """Each output's power-on value, and a note saying why, for the event log."""
        outputs = {n: d for n, d in self._decl.items() if d.kind in OUTPUT_KINDS}
        restoring = [n for n, d in outputs.items() if d.power_on == "restore"]
        saved = read_state_file(
            os.path.join(self.state_dir, OUTPUTS_FILE), "outputs",
            missing_warning=(f"outputs {', '.join(restoring)} start at their default "
                             "(no saved value yet)") if restoring else None)
        if not isinstance(saved, dict):
            saved = {}
        values, notes = {}, {}
        for name, declaration in outputs.items():
            off = 0.0 if declaration.kind == "pwm" else False
            on = 1.0 if declaration.kind == "pwm" else True
            if declaration.power_on == "off":
                values[name], notes[name] = off, "power_on = off"
            elif declaration.power_on == "on":
                values[name], notes[name] = on, "power_on = on"
            elif name in saved:
                try:
                    values[name] = _start_value(declaration.kind, saved[name])
                    notes[name] = "power_on = restore: saved value"
                except InvalidValue:
                    log.warning("%s: saved value %r of %r does not suit a %s; using its "
                                "default", OUTPUTS_FILE, saved[name], name, declaration.kind)
                    values[name] = declaration.default
                    notes[name] = "power_on = restore: default (saved value unusable)"
            else:
                values[name] = declaration.default
                notes[name] = "power_on = restore: default (nothing saved)"
        for name in outputs:
            notes[name] += f": {_show(values[name])}"
        return values, notes

    def _run(self):
        """The housekeeping thread: take history samples and flush, each when due."""
        while not self._stopping.is_set():
            try:
                now = time.monotonic()
                due = [n for n, t in self._next_sample.items() if t <= now]
                if due:
                    self.sample_now(names=due, read=False)
                    for name in due:
                        every = self._decl[name].sample_every
                        # keep to the schedule, unless we fell far behind (e.g. suspended)
                        following = self._next_sample[name] + every
                        self._next_sample[name] = following if following > now else now + every
                now = time.monotonic()
                delay = min([1.0] + [t - now for t in self._next_sample.values()])
                if self._dirty():
                    wait_flush = self._last_flush + self.flush_every - now
                    if wait_flush <= 0:
                        self.flush()
                    else:
                        delay = min(delay, wait_flush)
            except Exception:
                log.exception("hardware housekeeping thread: unexpected error")
                delay = 1.0
            self._wake.wait(max(delay, 0.01))
            self._wake.clear()

    def _run_reader(self):
        """The sensor thread: read each sensor every ``read_every`` seconds and re-read inputs
        now and then, in case the backend missed an edge."""
        while not self._stopping.is_set():
            try:
                now = time.monotonic()
                due = [n for n, t in self._next_read.items() if t <= now]
                if due:
                    self.refresh(due)
                    for name in due:
                        every = (_INPUT_RECHECK if self._decl[name].kind == "input"
                                 else self._decl[name].read_every)
                        self._next_read[name] = now + every
                delay = min(t for t in self._next_read.values()) - time.monotonic()
            except Exception:
                log.exception("hardware sensor thread: unexpected error")
                delay = 1.0
            self._stopping.wait(min(max(delay, 0.01), 1.0))

    def _dirty(self):
        with self._lock:
            return self._outputs_dirty or self._events.dirty or self._history.dirty

    def _write_failed(self, what, exc):
        now = time.monotonic()
        message = str(exc)
        last = self._write_errors.get(what)
        if last is None or last[0] != message or now - last[1] > _ERROR_REPEAT:
            log.error("cannot save %s in %s: %s (will retry)", what, self.state_dir, message)
            self._write_errors[what] = (message, now)


def _as_version(value):
    """A version given by a client as an int, or None when it is not one."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _start_value(kind, value):
    return level_value(value) if kind == "pwm" else switch_value(value)


def _who(by):
    if not isinstance(by, str) or not 0 < len(by) <= 100:
        raise InvalidValue(f"'by' must be text of 1 to 100 characters (who made the change), "
                           f"got {by!r}")
    return by


def _show(value):
    if isinstance(value, bool):
        return "on" if value else "off"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _edge_callback(hardware, name):
    """An input's edge callback holding the Hardware weakly (gpiozero keeps callbacks)."""
    ref = weakref.ref(hardware)

    def edge():
        hw = ref()
        if hw is None or hw._closed:
            return
        value = hw._read(name)
        if value is None:
            return
        with hw._lock:
            if hw._closed or value == hw._values[name]:
                return
            hw._record(name, value, by="input", text="active" if value else "inactive")
    return edge


def _atexit_callback(hardware):
    ref = weakref.ref(hardware)

    def close_at_exit():
        hw = ref()
        if hw is not None:
            hw.close()
    return close_at_exit
