"""HTTP benchmark: requests/s and latency through waitress, ours vs skipole 5.6.3, with wrk.

Run: python3 bench/http_load.py [--duration 10] [--connections 16] [--no-readme]
Both servers run the same `bench/http_app.py` with 8 waitress threads, on loopback; wrk
(Debian package) loads each in turn: a template page (/control), a JSON refresh
(/controls_refresh) and, ours only, a static file (/lib/skipole.js) and its 304 revalidation;
last, a bare WSGI app on the same waitress shows the server's own ceiling.
"""

import argparse
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from common import machine_facts, write_section  # noqa: E402

LEGACY = REPO.parent / "shared" / "fixtures" / "legacy"
ORIG_PY = HERE / "venv-orig" / "bin" / "python"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(python, port, env_extra, bare=False):
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.update(env_extra)
    proc = subprocess.Popen([str(python), str(HERE / "http_app.py"), "--projectfiles", str(LEGACY),
                             "--project", "pi01", "--port", str(port)] + (["--bare"] if bare else []), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/control", timeout=2).read()
            return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"{python} bench/http_app.py exited with {proc.returncode}")
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not answer")


def wrk(url, duration, connections, header=None):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if header:
        cmd[1:1] = ["-H", header]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    pct = {}
    for p in ("50", "90", "99"):
        m = re.search(rf"\s{p}(?:\.000)?%\s+([\d.]+)(us|ms|s)", out)
        value = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
        pct[p] = value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses\n{out}")
    return rps, pct


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--connections", type=int, default=16)
    ap.add_argument("--no-readme", action="store_true")
    args = ap.parse_args()
    if not ORIG_PY.exists():
        subprocess.run(["bash", str(HERE / "setup_original.sh")], check=True)
    rows = []
    ours_port, orig_port = free_port(), free_port()
    ours = start(sys.executable, ours_port, {"PYTHONPATH": str(REPO)})
    try:
        orig = start(ORIG_PY, orig_port, {})
        try:
            for label, path in (("template `/control`", "/control"), ("JSON refresh `/controls_refresh`",
                                                                     "/controls_refresh")):
                o_rps, o_pct = wrk(f"http://127.0.0.1:{ours_port}{path}", args.duration, args.connections)
                r_rps, r_pct = wrk(f"http://127.0.0.1:{orig_port}{path}", args.duration, args.connections)
                rows.append((label, o_rps, o_pct, r_rps, r_pct))
        finally:
            orig.terminate()
        etag = urllib.request.urlopen(f"http://127.0.0.1:{ours_port}/lib/skipole.js").headers["ETag"]
        s_rps, s_pct = wrk(f"http://127.0.0.1:{ours_port}/lib/skipole.js", args.duration, args.connections)
        v_rps, v_pct = wrk(f"http://127.0.0.1:{ours_port}/lib/skipole.js", args.duration, args.connections,
                           header=f"If-None-Match: {etag}")
    finally:
        ours.terminate()
    bare_port = free_port()
    bare = start(sys.executable, bare_port, {}, bare=True)
    try:
        b_rps, b_pct = wrk(f"http://127.0.0.1:{bare_port}/", args.duration, args.connections)
    finally:
        bare.terminate()
    json_orig = rows[1][3]
    lines = ["| request | ours req/s | ours p50 / p99 ms | original req/s | original p50 / p99 ms | ratio |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for label, o_rps, o_pct, r_rps, r_pct in rows:
        lines.append(f"| {label} | {o_rps:.0f} | {o_pct['50']:.2f} / {o_pct['99']:.2f} | {r_rps:.0f} | "
                     f"{r_pct['50']:.2f} / {r_pct['99']:.2f} | {o_rps / r_rps:.1f}× |")
    lines.append(f"| static `/lib/skipole.js` | {s_rps:.0f} | {s_pct['50']:.2f} / {s_pct['99']:.2f} | | | |")
    lines.append(f"| static, 304 revalidation | {v_rps:.0f} | {v_pct['50']:.2f} / {v_pct['99']:.2f} | | | |")
    lines.append(f"| bare WSGI app (no framework: waitress's own ceiling) | {b_rps:.0f} | "
                 f"{b_pct['50']:.2f} / {b_pct['99']:.2f} | | | {b_rps / json_orig:.1f}× |")
    text = "\n".join(lines) + (
        f"\n\n- waitress 8 threads both sides; wrk -t2 -c{args.connections} -d{args.duration}s on loopback "
        f"(wrk and the server share the 2 cores); {machine_facts()}\n"
        f"- the bare row answers a constant JSON body as fast as waitress can: no framework on waitress "
        f"can pass {b_rps / json_orig:.1f}× the original's JSON refresh here, since the original already "
        f"spends most of each request's time in the server, not in skipole\n")
    print(text)
    if not args.no_readme:
        write_section("http", text)


if __name__ == "__main__":
    main()
