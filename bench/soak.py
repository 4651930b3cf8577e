"""Soak: the served appliance under steady use for N minutes; pass or fail.

Run: python3 bench/soak.py [--minutes 10] [--no-readme]

The appliance (``projects/pi02`` copied, else the synthetic project; ``skipole serve --hardware
mock`` in a subprocess, production settings: 8 threads, no --dev) gets at once:

- 8 live clients looping on ``/api/live`` (API token), as 8 open pages would;
- 2 clients toggling outputs through ``POST /api/devices/NAME`` every 0.25 s each: one with an
  API token, one logged in with a session cookie and the CSRF header (the PWM output too);
- a page fetcher: ``GET /`` and the control page every 0.5 s, each timed.

Every 10 s the server's RSS (``/proc/PID/status``) is sampled.  At the end the togglers stop,
every live client must hold exactly the device values ``/api/devices`` reports, the server is
stopped with SIGINT (as systemd does) and ``outputs.json`` must hold the last values set.

Pass: zero errors (HTTP statuses other than expected, exceptions, versions going back, error
lines in the server log, clients or state files disagreeing), RSS growth under 5 % (the median
of the last minute against the median of the first minute after the warm-up, one minute or a
fifth of the run), and the pages always answered within 100 ms (thread pool never starved).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from appliance import Client, LiveClient, Server, make_accounts, percentile, prepare_project  # noqa: E402
from common import machine_facts, write_section  # noqa: E402

RSS_GROWTH_LIMIT = 5.0
PAGE_LIMIT_MS = 100.0


class Toggler(threading.Thread):
    """Flips outputs (and sets a PWM level) through the API, checking every answer."""

    def __init__(self, port, devices, *, token=None, pwm=None, every=0.25, name="toggler"):
        super().__init__(daemon=True, name=name)
        self.client = Client(port, token=token, timeout=10)
        self.session = token is None
        self.devices, self.pwm, self.every = list(devices), pwm, every
        self.values = {}
        self.sets = 0
        self.errors = []
        self.slow = []
        self.stop_event = threading.Event()

    def run(self):
        try:
            if self.session:
                self.client.login()
            for name in self.devices:
                self.values[name] = bool(self.client.get_json(f"/api/devices/{name}")["value"])
            i = 0
            while not self.stop_event.is_set():
                if self.pwm and i % 3 == 2:
                    name, value = self.pwm, round((i % 20) / 19, 3)
                else:
                    name = self.devices[i % len(self.devices)]
                    value = not self.values[name]
                self.set(name, value)
                i += 1
                self.stop_event.wait(self.every)
        except Exception as exc:
            self.errors.append(f"{self.name}: {type(exc).__name__}: {exc}")
        finally:
            self.client.close()

    def set(self, name, value):
        t0 = time.perf_counter()
        status, body = self.client.post_json(f"/api/devices/{name}", {"value": value})
        ms = (time.perf_counter() - t0) * 1000
        if status != 200:
            self.errors.append(f"{self.name}: POST /api/devices/{name}: {status} {body[:200]!r}")
            return
        got = json.loads(body)["value"]
        if got != value and not (isinstance(value, float) and abs(got - value) < 1e-6):
            self.errors.append(f"{self.name}: {name} set to {value!r}, answered {got!r}")
        self.values[name] = value
        self.sets += 1
        if ms > 1000:
            self.slow.append(ms)


class Pages(threading.Thread):
    """GET each of ``paths`` in turn every ``every`` seconds (token client), timing each."""

    def __init__(self, port, token, paths, every=0.5):
        super().__init__(daemon=True, name="pages")
        self.client = Client(port, token=token, timeout=10)
        self.paths, self.every = paths, every
        self.latencies = []
        self.slow = []
        self.errors = []
        self.stop_event = threading.Event()

    def run(self):
        i = 0
        self.started = time.monotonic()
        while not self.stop_event.is_set():
            path = self.paths[i % len(self.paths)]
            t0 = time.perf_counter()
            try:
                status, _h, _b = self.client.get(path)
                ms = (time.perf_counter() - t0) * 1000
                if status != 200:
                    self.errors.append(f"GET {path}: HTTP {status}")
                else:
                    self.latencies.append(ms)
                    if ms > PAGE_LIMIT_MS:
                        self.slow.append((ms, os.getloadavg()[0], path, time.monotonic() - self.started))
            except Exception as exc:
                self.errors.append(f"GET {path}: {type(exc).__name__}: {exc}")
            i += 1
            self.stop_event.wait(self.every)
        self.client.close()


def rss_growth(samples, seconds):
    """(first-window median MB, last-window median MB, growth %, warm-up s, window s)."""
    warmup = min(60.0, seconds * 0.2)
    window = min(60.0, (seconds - warmup) / 3)
    first = [r for t, r in samples if warmup <= t < warmup + window]
    last = [r for t, r in samples if t >= seconds - window]
    if not first or not last:
        return None, None, None, warmup, window
    a, b = statistics.median(first) / 1024, statistics.median(last) / 1024
    return a, b, (b - a) / a * 100, warmup, window


def run(seconds, workdir, *, sample_every=10.0, live=8, toggle_every=0.25, progress=None):
    """The soak; returns a dict of results (``errors`` empty when all was well)."""
    workdir = Path(workdir)
    target = prepare_project(workdir)
    state = workdir / "state"
    token = make_accounts(target, state)
    server = Server(target, state, workdir / "server.log")
    server.start()
    errors, samples = [], []
    clients, togglers, pages = [], [], None
    started = time.monotonic()
    try:
        clients = [LiveClient(server.port, token, name=f"live{i}") for i in range(live)]
        for c in clients:
            c.start()
        outs = target.outputs
        half = max(1, len(outs) // 2)
        togglers = [Toggler(server.port, outs[:half], token=token, every=toggle_every, name="toggler-token"),
                    Toggler(server.port, outs[half:] or outs[:1], pwm=(target.pwms or [None])[0],
                            every=toggle_every, name="toggler-session")]
        for t in togglers:
            t.start()
        pages = Pages(server.port, token, [target.public, target.control])
        pages.start()
        next_sample = 0.0
        while True:
            now = time.monotonic() - started
            if now >= seconds:
                break
            if now >= next_sample:
                samples.append((now, server.rss_kb()))
                next_sample += sample_every
                if progress and len(samples) % max(1, int(60 / sample_every)) == 1:
                    progress(f"{now:5.0f} s: RSS {samples[-1][1] / 1024:.1f} MB, "
                             f"{sum(t.sets for t in togglers)} sets, {len(pages.latencies)} pages")
            if server.proc.poll() is not None:
                errors.append(f"the server exited with {server.proc.returncode}")
                break
            time.sleep(min(0.5, max(0.01, next_sample - now)))
        samples.append((time.monotonic() - started, server.rss_kb()))
        cpu = server.cpu_seconds()
        threads_at_end = server.threads_now()
        for t in togglers:
            t.stop_event.set()
        for t in togglers:
            t.join(10)
        pages.stop_event.set()
        pages.join(10)
        time.sleep(2.0)                    # the short-polling clients ask again within a second
        check = Client(server.port, token=token)
        snapshot = {d["name"]: d["value"] for d in check.get_json("/api/devices")["devices"]}
        watched = outs + target.pwms
        for c in clients:
            differ = {n: (c.values.get(n), snapshot[n]) for n in watched if c.values.get(n) != snapshot[n]}
            if differ:
                errors.append(f"{c.name} holds other values than the server: {differ}")
        for c in clients:
            c.stop_event.set()
        # one more change so that every waiting request returns and the clients end
        check.post_json(f"/api/devices/{outs[0]}", {"value": not snapshot[outs[0]]})
        snapshot[outs[0]] = not snapshot[outs[0]]
        for c in clients:
            c.join(10)
        check.close()
    finally:
        for c in clients:
            c.stop()
        status = server.stop()
    if status not in (0, 130):
        errors.append(f"skipole serve ended with status {status} after SIGINT")
    saved = json.loads((state / "outputs.json").read_text())["outputs"]
    for name in outs + target.pwms:
        if saved.get(name) != snapshot[name]:
            errors.append(f"outputs.json after the stop: {name} = {saved.get(name)!r}, last set {snapshot[name]!r}")
    events = json.loads((state / "events.json").read_text())["events"]
    if not events or events[-1].get("kind") != "service" or events[-1].get("text") != "stopped":
        errors.append(f"events.json does not end with the service stop: {events[-1:]}")
    for c in clients:
        errors += [f"{c.name}: {e}" for e in c.errors]
    for t in togglers:
        errors += t.errors
    errors += pages.errors if pages else []
    errors += [f"server log: {line}" for line in server.log_problems()]
    queued = server.queue_warnings()
    first, last, growth, warmup, window = rss_growth(samples, seconds)
    slow_load = pages.slow if pages else []
    lat = pages.latencies if pages else []
    return {"seconds": seconds, "target": target, "errors": errors, "samples": samples,
            "rss_first": first, "rss_last": last, "growth": growth, "warmup": warmup, "window": window,
            "pages": lat, "slow_pages": [x for x in lat if x > PAGE_LIMIT_MS],
            "sets": sum(t.sets for t in togglers), "live_requests": sum(c.requests for c in clients),
            "short_polls": sum(c.short_polls for c in clients), "cpu": cpu, "threads": threads_at_end,
            "events": len(events), "queued": queued, "slow_load": slow_load}


def report(r):
    ok_errors = not r["errors"]
    ok_rss = r["growth"] is not None and r["growth"] < RSS_GROWTH_LIMIT
    ok_pages = bool(r["pages"]) and not r["slow_pages"]
    lat = r["pages"]
    minutes = r["seconds"] / 60
    lines = [f"Project: {r['target'].label}. Run: {minutes:g} minutes.", "",
             "| check | measured | limit | result |", "| --- | --- | --- | --- |",
             f"| errors | {len(r['errors'])} | 0 | {'pass' if ok_errors else '**FAIL**'} |",
             f"| RSS growth (median of the last {r['window']:.0f} s vs the first {r['window']:.0f} s after "
             f"{r['warmup']:.0f} s warm-up) | {r['rss_first']:.1f} → {r['rss_last']:.1f} MB ({r['growth']:+.2f} %) "
             f"| < {RSS_GROWTH_LIMIT:g} % | {'pass' if ok_rss else '**FAIL**'} |",
             f"| pages during the run (`GET /`, control page) | {len(lat)} GETs, p50 {percentile(lat, 50):.1f} / "
             f"p99 {percentile(lat, 99):.1f} / max {max(lat):.1f} ms; {len(r['slow_pages'])} over "
             f"{PAGE_LIMIT_MS:g} ms | all ≤ {PAGE_LIMIT_MS:g} ms | {'pass' if ok_pages else '**FAIL**'} |",
             f"| requests that waited for a free server thread (waitress \"Task queue depth\" warnings) | "
             f"{r['queued']} | (information) | – |",
             "",
             f"- load: 8 live clients ({r['live_requests']} live answers, {r['short_polls']} of them short "
             f"polls), 2 togglers ({r['sets']} output sets), {len(lat)} page GETs; server CPU "
             f"{r['cpu']:.1f} s in {r['seconds']:.0f} s ({r['cpu'] / r['seconds'] * 100:.1f} % of one core), "
             f"{r['threads']} threads at the end",
             "- at the end every live client held the values `/api/devices` reported, the server stopped "
             "on SIGINT and `outputs.json` held the last values set" if ok_errors else
             f"- errors (first 5): {r['errors'][:5]}",
             ("- the slow page answers (ms: page, seconds into the run, the machine's 1-minute load average then): "
              + ", ".join(f"{ms:.0f} (`{path}`, {at:.0f} s, load {la:.1f})" for ms, la, path, at in r["slow_load"][:10]))
             if r["slow_load"] else
             "- no page answer over the limit",
             "- RSS samples (MB, every 10 s): " + ", ".join(f"{kb / 1024:.1f}" for _t, kb in r["samples"]),
             f"- {machine_facts()}; load average {os.getloadavg()[0]:.1f} at the end (a shared machine)"]
    verdict = ok_errors and ok_rss and ok_pages
    text = (f"## Soak (`bench/soak.py`): {'PASS' if verdict else 'FAIL'}\n\n"
            "Run: `python3 bench/soak.py [--minutes 10]` (CI: `tests/bench/test_bench_soak.py`, 20 s); the "
            "method is in the script's docstring.\n\n" + "\n".join(lines) + "\n")
    return text, verdict


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--no-readme", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="skipole-soak-") as tmp:
        result = run(args.minutes * 60, tmp, progress=lambda m: print(m, flush=True))
    text, verdict = report(result)
    print(text)
    print("PASS" if verdict else "FAIL")
    if not args.no_readme:
        write_section("soak", text)
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
