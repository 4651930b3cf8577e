"""Live updates: how fast an input edge reaches clients long-polling /api/live, and what it costs.

Run: python3 bench/live.py [--edges 40] [--idle-seconds 30] [--threads-variant 34] [--no-browser] [--no-readme]

The appliance is served by ``skipole serve PROJECTDIR --hardware mock --dev`` in a subprocess
(``--dev``: the development pin simulator only exists there).  An *edge* is
``POST /api/simulator/INPUT {"value": true|false}`` (an input pressed or released on the mock
pins, arriving like a real edge); if the simulator is not there, an output set with
``POST /api/devices/OUTPUT`` instead (the table says which).  Each edge's clock starts just
before its request is sent.

- **Clients**: 1, 8 and 32 threads, each looping on ``GET /api/live?since=V&run=R`` with an API
  token as a page's script does (a ``short_poll`` answer: wait ``retry_after``, then ask
  again).  A client's latency is from the edge's request to the end of the answer carrying the
  new value.  Edges alternate the value, one at a time, 0.2-0.5 s apart after every client got
  the previous one (or 5 s passed: then it counts as missed).  A fresh server for each row.
- **No starvation** (32 clients): ``GET /`` every 0.1 s during the run, its latency; and the
  slowest update (target: pages within 100 ms, updates within 1.5 s).
- **Idle CPU**: utime + stime of the server (``/proc/PID/stat``) over ``--idle-seconds`` with no
  client, and with 8 clients waiting and nothing changing.
- **Browser**: Chromium (Debian's ``/usr/bin/chromium``) through Playwright, logged in on the
  page with the field bound to the edge device; from the edge's request to the DOM change of
  that field (a MutationObserver; wall clock on both sides, same machine).
- ``--threads-variant N`` repeats the 8- and 32-client rows with ``--threads N``: the server lets
  ``threads - 2`` requests wait on /api/live, so the thread count decides how many clients
  long-poll and how many fall back to polling once a second.

Targets: p95 <= 300 ms with 8 clients; with 32, other pages within 100 ms and updates within 1.5 s.
"""

import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from appliance import (  # noqa: E402
    PASSWORD, USER, Client, LiveClient, PageProbe, Server, make_accounts, percentile, prepare_project,
)
from common import machine_facts, write_section  # noqa: E402

from skipole.settings import SETTINGS  # noqa: E402

CHROMIUM = os.environ.get("SKIPOLE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
P95_TARGET_MS = 300
#: skipole serve's default --threads, used for the rows without a variant
DEFAULT_THREADS = SETTINGS["threads"][0]
PAGE_TARGET_MS = 100
UPDATE_TARGET_S = 1.5
EDGE_TIMEOUT = 5.0


class Tracker:
    """Which clients saw the current edge, and when."""

    def __init__(self):
        self.lock = threading.Lock()
        self.cond = threading.Condition(self.lock)
        self.device = None
        self.value = None
        self.t0 = None
        self.seen = {}

    def arm(self, device, value, t0):
        with self.lock:
            self.device, self.value, self.t0, self.seen = device, value, t0, {}

    def on_changes(self, client, changes, t):
        with self.lock:
            if self.t0 is None or client.name in self.seen:
                return
            for change in changes:
                if change["name"] == self.device and change["value"] == self.value:
                    self.seen[client.name] = t - self.t0
                    self.cond.notify_all()
                    return

    def wait(self, n, timeout):
        with self.lock:
            self.cond.wait_for(lambda: len(self.seen) >= n, timeout)
            seen = dict(self.seen)
            self.t0 = None
            return seen


class Edge:
    """Makes edges on the served appliance: the simulator on an input, else an output."""

    def __init__(self, port, token, target):
        self.client = Client(port, token=token, timeout=10)
        self.request_ms = []
        self.device = None
        if target.inputs:
            name = target.inputs[0]
            status, _body = self.client.post_json(f"/api/simulator/{name}", {"value": False})
            if status == 200:
                self.device, self.path = name, f"/api/simulator/{name}"
                self.label = f"input `{name}` flipped with `POST /api/simulator/{name}`"
        if self.device is None:
            name = target.outputs[0]
            self.device, self.path = name, f"/api/devices/{name}"
            self.label = (f"output `{name}` set with `POST /api/devices/{name}` (the simulator answered "
                          "404: not available)")
        self.value = bool(self.client.get_json(f"/api/devices/{self.device}")["value"])

    def fire(self, tracker=None):
        """Flip the device; returns (t0 perf_counter, t0 wall clock)."""
        self.value = not self.value
        wall = time.time()
        t0 = time.perf_counter()
        if tracker is not None:
            tracker.arm(self.device, self.value, t0)
        status, body = self.client.post_json(self.path, {"value": self.value})
        self.request_ms.append((time.perf_counter() - t0) * 1000)
        if status != 200:
            raise RuntimeError(f"POST {self.path}: {status} {body[:200]!r}")
        return t0, wall

    def close(self):
        self.client.close()


def serve(target, work, token_state, tag, threads=None):
    """A fresh --dev server on a copy of the prepared state directory."""
    state = work / f"state-{tag}"
    shutil.copytree(token_state, state)
    server = Server(target, state, work / f"server-{tag}.log", dev=True, threads=threads)
    server.start()
    return server


def scenario(server, token, target, n, edges, *, probe=False, idle_seconds=0):
    """n live clients, ``edges`` edges; returns a dict of results."""
    edge = Edge(server.port, token, target)
    tracker = Tracker()
    clients = [LiveClient(server.port, token, on_changes=tracker.on_changes, name=f"live{i}") for i in range(n)]
    for c in clients:
        c.start()
    for c in clients:
        c.ready.wait(10)
    time.sleep(1.0)                     # every client is now waiting (or short-polling)
    pager = PageProbe(server.port, target.public, token=token, every=0.1, name="pages") if probe else None
    if pager:
        pager.start()
    latencies, missed = [], 0
    try:
        for _ in range(edges):
            edge.fire(tracker)
            seen = tracker.wait(n, EDGE_TIMEOUT)
            latencies += [s * 1000 for s in seen.values()]
            missed += n - len(seen)
            time.sleep(random.uniform(0.2, 0.5))
        cpu = None
        if idle_seconds:
            time.sleep(1.0)
            c0 = server.cpu_seconds()
            time.sleep(idle_seconds)
            cpu = server.cpu_seconds() - c0
    finally:
        if pager:
            pager.stop()
        for c in clients:
            c.stop_event.set()
        edge.fire()                     # one more change: every waiting request returns now
        for c in clients:
            c.join(10)
        if pager:
            pager.join(10)
        edge.close()
    errors = [e for c in clients for e in c.errors] + (pager.errors if pager else [])
    return {"n": n, "latencies": latencies, "missed": missed, "edges": edges, "cpu": cpu,
            "short_polls": sum(c.short_polls for c in clients), "requests": sum(c.requests for c in clients),
            "pages": pager.latencies if pager else [], "errors": errors, "edge_label": edge.label,
            "edge_ms": edge.request_ms, "device": edge.device}


def idle_cpu(server, seconds):
    time.sleep(1.0)
    c0 = server.cpu_seconds()
    time.sleep(seconds)
    return server.cpu_seconds() - c0


def bound_element(page_html, device):
    """The id of an element showing ``device`` on a page: a field binding, else a widget whose
    settings name the device; None when the page shows it nowhere."""
    m = re.search(r'<script type="application/json" data-skipole="page">(.*?)</script>', page_html, re.S)
    if not m:
        return None
    data = json.loads(m.group(1))
    for widget, _field, dev, _fmt in (data.get("live") or {}).get("bindings", ()):
        if dev == device:
            return widget
    for name, _module, _cls, settings in data.get("widgets", ()):
        if json.dumps(settings).find(json.dumps(device)) >= 0:
            return name
    return None


def browser_row(target, work, token_state, token, edges):
    """Edge -> DOM text change in Chromium; returns (latencies ms, note)."""
    try:
        from playwright.sync_api import TimeoutError as PlaywrightTimeout
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None, "Playwright is not installed (`pip install playwright`): row skipped"
    if not os.path.exists(CHROMIUM):
        return None, f"{CHROMIUM} is not installed: row skipped"
    server = serve(target, work, token_state, "browser")
    try:
        probe = Client(server.port, token=token)
        live_js = probe.get("/lib/live.js")[0]
        edge = Edge(server.port, token, target)
        element = None
        for page_path in target.pages:
            status, _h, body = probe.get(page_path)
            if status == 200:
                element = bound_element(body.decode("utf-8", "replace"), edge.device)
            if element is not None:
                break
        if element is None:
            return None, f"no page of {', '.join(target.pages)} shows `{edge.device}`: row skipped"
        latencies, note = [], ""
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                page = browser.new_page()
                errors = []
                page.on("pageerror", lambda exc: errors.append(str(exc)))
                base = f"http://127.0.0.1:{server.port}"
                page.goto(f"{base}/auth/login?next={page_path}")
                page.fill("#sk-username", USER)
                page.fill("#sk-password", PASSWORD)
                with page.expect_navigation():
                    page.click("button[type=submit]")
                if not page.url.endswith(page_path):
                    return None, f"the browser did not get to {page_path} after logging in ({page.url})"
                page.wait_for_load_state("load")
                page.evaluate("""(id) => {
                    window.__edge = [];
                    const el = document.getElementById(id);
                    new MutationObserver(() => window.__edge.push([performance.timeOrigin + performance.now(),
                                                                   el.textContent]))
                        .observe(el, {subtree: true, childList: true, characterData: true, attributes: true});
                }""", element)
                time.sleep(1.5)                 # the page's live request is waiting now
                tries = edges if live_js == 200 else 2
                for _ in range(tries):
                    before = page.evaluate("() => window.__edge.length")
                    _t0, wall = edge.fire()
                    try:
                        # a function, not an expression: the page's CSP forbids eval
                        page.wait_for_function("(n) => window.__edge.length > n", arg=before,
                                               timeout=EDGE_TIMEOUT * 1000)
                    except PlaywrightTimeout:
                        continue
                    changed_at = page.evaluate("(n) => window.__edge[n][0]", before)
                    latencies.append(changed_at - wall * 1000)
                    time.sleep(random.uniform(0.2, 0.5))
                if live_js != 200:
                    note = (f"`/lib/live.js` answers {live_js}: the page's bound field never changes "
                            f"({len(latencies)} of {tries} edges changed the DOM)")
                elif len(latencies) < tries:
                    note = f"{tries - len(latencies)} of {tries} edges did not change the DOM within {EDGE_TIMEOUT} s"
                if errors:
                    note += f"; page errors: {errors[:3]}"
            finally:
                browser.close()
        edge.close()
        where = f"element `#{element}` on `{page_path}` (a MutationObserver sees its text or attributes change)"
        return latencies, f"{note}; {where}" if note else where
    finally:
        server.stop()


def fmt_ms(v):
    return "–" if v is None else f"{v:.0f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--edges", type=int, default=40, help="edges per row (32 clients: three quarters)")
    ap.add_argument("--idle-seconds", type=int, default=30)
    ap.add_argument("--threads-variant", type=int, default=34, help="0: no variant rows")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--no-readme", action="store_true")
    args = ap.parse_args()
    random.seed(9)
    rows, problems = [], []
    with tempfile.TemporaryDirectory(prefix="skipole-live-") as tmp:
        work = Path(tmp)
        target = prepare_project(work)
        token_state = work / "state-base"
        token = make_accounts(target, token_state)
        plan = [(1, None), (8, None), (32, None)]
        if args.threads_variant:
            plan += [(8, args.threads_variant), (32, args.threads_variant)]
        idle_none = None
        for n, threads in plan:
            server = serve(target, work, token_state, f"{n}-{threads}", threads=threads)
            try:
                if idle_none is None:
                    idle_none = idle_cpu(server, args.idle_seconds)
                edges = args.edges if n < 32 else max(4, args.edges * 3 // 4)
                result = scenario(server, token, target, n, edges, probe=(n == 32),
                                  idle_seconds=args.idle_seconds if (n == 8 and threads is None) else 0)
                result["threads"] = threads or DEFAULT_THREADS
                problems += [f"{n} clients: {p}" for p in server.log_problems()]
                result["queued"] = server.queue_warnings()
            finally:
                server.stop()
            rows.append(result)
            lat = result["latencies"]
            print(f"{n:3d} clients, {result['threads']} threads: p50 {fmt_ms(percentile(lat, 50))} ms, "
                  f"p95 {fmt_ms(percentile(lat, 95))} ms, max {fmt_ms(max(lat) if lat else None)} ms, "
                  f"missed {result['missed']}, errors {len(result['errors'])}", flush=True)
        browser, browser_note = (None, "not run (--no-browser)") if args.no_browser else \
            browser_row(target, work, token_state, token, min(args.edges, 20))
    edge_label = rows[0]["edge_label"]
    lines = [f"Project: {target.label}. Edge: {edge_label}.", "",
             "| live clients | server threads | updates | p50 ms | p95 ms | max ms | missed | short polls "
             "| `GET /` p50 / p95 / max ms | queued requests | errors |",
             "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |"]
    for r in rows:
        lat = r["latencies"]
        pages = r["pages"]
        page_text = (f"{percentile(pages, 50):.1f} / {percentile(pages, 95):.1f} / {max(pages):.1f} ({len(pages)} GETs)"
                     if pages else "")
        lines.append(f"| {r['n']} | {r['threads']} | {len(lat)} | {fmt_ms(percentile(lat, 50))} | "
                     f"{fmt_ms(percentile(lat, 95))} | {fmt_ms(max(lat) if lat else None)} | {r['missed']} | "
                     f"{r['short_polls']} | {page_text} | {r['queued']} | {len(r['errors'])} |")
    if browser:
        lines.append(f"| browser (Chromium), edge → DOM | {DEFAULT_THREADS} | {len(browser)} | {fmt_ms(percentile(browser, 50))} | "
                     f"{fmt_ms(percentile(browser, 95))} | {fmt_ms(max(browser))} | | | | | |")
    lines.append("")
    base = {r["n"]: r for r in rows if r["threads"] == DEFAULT_THREADS}
    p95_8 = percentile(base[8]["latencies"], 95)
    r32 = base[32]
    worst_page = max(r32["pages"]) if r32["pages"] else None
    worst_update = max(r32["latencies"]) if r32["latencies"] else None
    verdicts = [
        (f"p95 with 8 clients ({DEFAULT_THREADS} threads, the default)", f"{fmt_ms(p95_8)} ms", f"≤ {P95_TARGET_MS} ms",
         p95_8 is not None and p95_8 <= P95_TARGET_MS and base[8]["missed"] == 0),
        ("32 clients: slowest `GET /`", f"{worst_page:.1f} ms" if worst_page is not None else "–",
         f"≤ {PAGE_TARGET_MS} ms", worst_page is not None and worst_page <= PAGE_TARGET_MS and not r32["errors"]),
        ("32 clients: requests that waited for a free thread", str(r32["queued"]), "(information)", None),
        ("32 clients: slowest update", f"{fmt_ms(worst_update)} ms", f"≤ {UPDATE_TARGET_S * 1000:.0f} ms",
         worst_update is not None and worst_update <= UPDATE_TARGET_S * 1000 and r32["missed"] == 0),
    ]
    for r in rows:
        if r["threads"] != DEFAULT_THREADS:
            p95 = percentile(r["latencies"], 95)
            verdicts.append((f"variant: p95 with {r['n']} clients, --threads {r['threads']}", f"{fmt_ms(p95)} ms",
                             f"≤ {P95_TARGET_MS} ms (information)", None))
    lines += ["| check | measured | target | result |", "| --- | ---: | --- | --- |"]
    for name, value, want, ok in verdicts:
        lines.append(f"| {name} | {value} | {want} | {'–' if ok is None else ('pass' if ok else '**FAIL**')} |")
    cpu8 = base[8]["cpu"]
    lines += ["", f"- idle CPU over {args.idle_seconds} s: no client {idle_none:.2f} s "
                  f"({idle_none / args.idle_seconds * 100:.1f} % of one core); 8 waiting clients {cpu8:.2f} s "
                  f"({cpu8 / args.idle_seconds * 100:.1f} % of one core)",
              f"- the edge request itself (`POST`, answered after the pin changed): median "
              f"{fmt_ms(percentile([x for r in rows for x in r['edge_ms']], 50))} ms",
              f"- browser row: {browser_note}",
              "- short polls: answers saying `short_poll` (more clients than the server lets wait: "
              "threads − 2); such a client asks again after `retry_after` = 1 s",
              "- queued requests: waitress's \"Task queue depth\" warnings in the server log (a request arrived "
              "while no thread was idle and waited in the queue; the page latency says how long)",
              f"- {len(problems)} error lines in the servers' logs" + (f": {problems[:3]}" if problems else ""),
              f"- {machine_facts()}; load average {os.getloadavg()[0]:.1f} at the end (a shared machine)"]
    errors = [e for r in rows for e in r["errors"]]
    if errors:
        lines.append(f"- client errors: {errors[:5]}")
    text = ("## Live updates (`bench/live.py`)\n\n"
            "Run: `python3 bench/live.py [--edges 40] [--idle-seconds 30] [--threads-variant 34]`; the method is in "
            "the script's docstring.\n\n" + "\n".join(lines) + "\n")
    print(text)
    if not args.no_readme:
        write_section("live", text)
    return 0 if all(v[3] is not False for v in verdicts) and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
