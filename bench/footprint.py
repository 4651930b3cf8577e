"""Footprint: start time, idle memory and a phone's first-load bytes of the served appliance.

Run: python3 bench/footprint.py [--starts 7] [--no-readme]

- **Start to first response**: from starting ``python3 -m skipole serve PROJECTDIR --hardware
  mock --state-dir DIR --port P`` to the first answer to ``GET /`` (a 2xx, or a 3xx when the
  page needs a login), polled every 2 ms; median and best of ``--starts`` starts, each with a
  fresh state directory.  The bare interpreter (``python3 -c pass``) is timed the same way
  for reference.  Run with this interpreter and, when it can import waitress, werkzeug and
  gpiozero, with Debian's ``/usr/bin/python3`` (the appliance's own stack).
- **Idle RSS**: VmRSS from ``/proc/PID/status`` 2 s after the first response, and again after a
  login and one first load of ``/control`` (gpiozero is loaded: ``/api/status`` must say the
  mock backend is active).
- **First load by a phone**: log in, then ``GET /control`` with ``Accept-Encoding: gzip`` and a
  phone's User-Agent, then every script and stylesheet the page references (and whatever
  those stylesheets import), as a browser with an empty cache does.  Bytes are counted as
  sent (compressed when the server compressed them), bodies and header blocks.

The project is ``projects/pi02`` (copied to a temporary directory) once it exists, else a
synthetic project (see ``bench/appliance.py``).  Targets: start <= 0.5 s, idle RSS <= 30 MB,
first load <= 40 KB.
"""

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from appliance import Client, Server, make_accounts, prepare_project, server_env  # noqa: E402
from common import machine_facts, write_section  # noqa: E402

DEBIAN_PY = "/usr/bin/python3"
PHONE_UA = ("Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/120.0 Mobile Safari/537.36")
START_TARGET_S = 0.5
RSS_TARGET_MB = 30
LOAD_TARGET_KB = 40
LOGINS = 12


def bare_interpreter(python, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run([python, "-c", "pass"], check=True, env=server_env())
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def usable(python):
    if not os.path.exists(python):
        return False
    r = subprocess.run([python, "-c", "import waitress, werkzeug, gpiozero, sys; "
                        "assert sys.version_info >= (3, 11)"], env=server_env(), capture_output=True)
    return r.returncode == 0


def versions(python):
    out = subprocess.run([python, "-c", "import sys, gpiozero, waitress, importlib.metadata as m; "
                          "print('%d.%d.%d' % sys.version_info[:3], m.version('gpiozero'), m.version('waitress'))"],
                         env=server_env(), capture_output=True, text=True).stdout.split()
    return out if len(out) == 3 else ["?", "?", "?"]


def logins_rss(server, n):
    """RSS (kB) after ``n`` logins, each on a new connection (so on any of waitress's threads)."""
    for _ in range(n):
        client = Client(server.port)
        client.login(prime_next=False)
        client.close()
    time.sleep(1.0)
    return server.rss_kb()


def measure_starts(target, work, python, starts, tag):
    """Start the server ``starts`` times; returns (start seconds list, rss kB after start, server of
    the last start still running)."""
    times, rss, cpu = [], [], []
    server = None
    for i in range(-1, starts):         # start -1: compiles the bytecode cache; not counted
        state = work / f"state-{tag}-{i}"
        if i == -1:
            token = make_accounts(target, state)
        else:
            shutil.copytree(work / f"state-{tag}--1", state,
                            ignore=shutil.ignore_patterns("outputs.json", "events.json", "history", "sessions.json"))
        server = Server(target, state, work / f"server-{tag}-{i}.log", python=python)
        seconds = server.start()
        if i >= 0:
            times.append(seconds)
            cpu.append(server.start_cpu)
            time.sleep(2.0)
            rss.append(server.rss_kb())
        if i < starts - 1:
            server.stop()
    return times, rss, cpu, server, token


def first_load(port):
    """A phone's first load of /control after logging in: [(path, status, encoding, body bytes,
    header bytes)]."""
    client = Client(port, user_agent=PHONE_UA)
    client.login(next_path="/control", prime_next=False)
    gz = {"Accept-Encoding": "gzip, deflate", "Accept": "*/*"}
    rows = []
    queue = [("/control", "page")]
    seen = set()
    while queue:
        path, kind = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        status, headers, body = client.get(path, headers=gz)
        head_bytes = len(f"HTTP/1.1 {status} X\r\n") + len(headers.as_bytes())
        encoding = headers.get("Content-Encoding", "")
        rows.append((path, kind, status, encoding, len(body), head_bytes))
        if status != 200:
            continue
        text = body
        if encoding == "gzip":
            text = gzip.decompress(body)
        text = text.decode("utf-8", "replace")
        if kind == "page":
            for m in re.finditer(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", text):
                queue.append((urljoin(path, m.group(1)), "script"))
            for m in re.finditer(r"<link\b[^>]*>", text):
                tag = m.group(0)
                href = re.search(r"href=\"([^\"]+)\"", tag)
                if href and re.search(r"rel=\"[^\"]*stylesheet", tag):
                    queue.append((urljoin(path, href.group(1)), "stylesheet"))
        elif kind == "stylesheet":
            for m in re.finditer(r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)", text):
                queue.append((urljoin(path, m.group(1)), "stylesheet"))
            for m in re.finditer(r"url\(\s*[\"']?([^\"')]+)[\"']?\s*\)", text):
                ref = m.group(1)
                if not ref.startswith("data:"):
                    queue.append((urljoin(path, ref), "asset"))
    client.close()
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--starts", type=int, default=7)
    ap.add_argument("--no-readme", action="store_true")
    args = ap.parse_args()
    pythons = [sys.executable]
    if os.path.realpath(DEBIAN_PY) != os.path.realpath(sys.executable) and usable(DEBIAN_PY):
        pythons.append(DEBIAN_PY)
    with tempfile.TemporaryDirectory(prefix="skipole-footprint-") as tmp:
        work = Path(tmp)
        target = prepare_project(work)
        start_rows, rss_rows, load_rows = [], [], None
        for tag, python in enumerate(pythons):
            py_ver, gz_ver, wt_ver = versions(python)
            times, rss, cpu, server, token = measure_starts(target, work, python, args.starts, tag)
            try:
                status = Client(server.port, token=token).get_json("/api/status")
                if status.get("backend") != "mock":
                    raise SystemExit(f"the mock backend is not active: {status}")
                idle_start = statistics.median(rss) / 1024
                rows = first_load(server.port)
                time.sleep(2.0)
                idle_used = server.rss_kb() / 1024
                after_logins = logins_rss(server, LOGINS) / 1024
                hwm = server.hwm_kb() / 1024
                threads = server.threads_now()
                problems = server.log_problems()
            finally:
                server.stop()
            if problems:
                raise SystemExit("the server logged errors:\n" + "\n".join(problems))
            bare = bare_interpreter(python, args.starts)
            name = f"`{python}` (Python {py_ver}, gpiozero {gz_ver}, waitress {wt_ver})"
            start_rows.append((name, statistics.median(times), min(times), max(times), bare, statistics.median(cpu)))
            rss_rows.append((name, idle_start, idle_used, after_logins, hwm, threads))
            if load_rows is None:
                load_rows = rows
    lines = [f"Project: {target.label}.", "",
             "| start to first response (`GET /`) | median s | best s | worst s | server CPU s to it (median) "
             "| bare `python3 -c pass` s | target (median) |",
             "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for name, med, best, worst, bare, cpu in start_rows:
        verdict = "pass" if med <= START_TARGET_S else "**FAIL**"
        lines.append(f"| {name} | {med:.3f} | {best:.3f} | {worst:.3f} | {cpu:.3f} | {bare:.3f} | "
                     f"≤ {START_TARGET_S} s: {verdict} |")
    lines += ["", "| idle RSS (gpiozero loaded, mock pins) | after start MB | after login + first load MB "
                  f"| after {LOGINS} more logins MB | peak (VmHWM) MB | threads | ≤ {RSS_TARGET_MB} MB (start / login / logins) |",
              "| --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for name, a, b, c, hwm, threads in rss_rows:
        verdict = " / ".join("–" if v is None else ("pass" if v <= RSS_TARGET_MB else "**FAIL**") for v in (a, b, c))
        shown_b = "" if b is None else f"{b:.1f}"
        lines.append(f"| {name} | {a:.1f} | {shown_b} | {c:.1f} | {hwm:.1f} | {threads} | {verdict} |")
    lines += ["", "| first load of `/control` after login (phone, `Accept-Encoding: gzip`) | status | "
                  "encoding | body bytes | header bytes |",
              "| --- | ---: | --- | ---: | ---: |"]
    body_total = sum(r[4] for r in load_rows)
    head_total = sum(r[5] for r in load_rows)
    for path, kind, status, encoding, body, head in load_rows:
        note = "" if status == 200 else " **(missing)**"
        lines.append(f"| `{path}` ({kind}){note} | {status} | {encoding or 'identity'} | {body} | {head} |")
    total = body_total + head_total
    verdict = "pass" if total <= LOAD_TARGET_KB * 1024 else "**FAIL**"
    lines.append(f"| **total** ({len(load_rows)} requests) | | | {body_total} | {head_total} |")
    lines += ["", f"- first load: {total} bytes = {total / 1024:.1f} KiB with headers, {body_total / 1024:.1f} KiB "
                  f"of bodies (target ≤ {LOAD_TARGET_KB} KB: {verdict}; TCP/TLS overhead not counted)"]
    missing = [r[0] for r in load_rows if r[2] != 200]
    if missing:
        lines.append(f"- referenced but not served: {', '.join(missing)} (the page cannot fully work until they exist)")
    uncompressed = [r[0] for r in load_rows if r[2] == 200 and not r[3]]
    if uncompressed:
        lines.append(f"- sent without compression: {', '.join(uncompressed)}")
    lines.append("- `skipole serve` fixes glibc's mmap threshold and caps its arenas at two "
                 "(`skipole.server.tune_malloc`), so a login's 8 MiB scrypt buffer goes back to the system")
    lines.append(f"- {args.starts} starts per interpreter after one unmeasured start (which compiles the bytecode "
                 "cache, as a package install does), each with its own state directory (users and token kept); "
                 "RSS median over the starts; the bare interpreter start includes this machine's site-packages "
                 ".pth hooks")
    lines.append("- server CPU s: utime + stime of the server process when its first answer arrived (less "
                 "sensitive than wall time to other load on the machine)")
    lines.append(f"- {machine_facts()}; load average {os.getloadavg()[0]:.1f} at the end (a shared machine)")
    text = ("## Footprint (`bench/footprint.py`)\n\n"
            "Run: `python3 bench/footprint.py [--starts 7]`; the method is in the script's docstring.\n\n" + "\n".join(lines) + "\n")
    print(text)
    if not args.no_readme:
        write_section("footprint", text)
    ok = all(r[1] <= START_TARGET_S for r in start_rows) \
        and all(v <= RSS_TARGET_MB for r in rss_rows for v in r[1:4] if v is not None) \
        and total <= LOAD_TARGET_KB * 1024
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
