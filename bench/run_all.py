"""Run every benchmark, one after the other; each rewrites its own table in bench/README.md.

Run: python3 bench/run_all.py [--soak-minutes 10] [--quick] [--only NAME ...] [--skip NAME ...]

Order: render, login, http (ours vs skipole 5.6.3), footprint, live, soak, faults, then
firstload and admin_publish when they are there (admin_publish prints only).  Each runs in
its own process with this interpreter; a failing one does not stop the others.  At the end a
summary (status and duration of each) is printed and written into the README's ``run_all``
section; the exit status is 1 when any benchmark failed or missed a target.
``--quick`` makes every run short (a smoke run of the harness, not numbers to quote).
"""

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import machine_facts, write_section  # noqa: E402


def steps(args):
    q = args.quick
    return [
        ("render", ["render.py"] + (["--requests", "50", "--repeats", "3", "--warmup", "10"] if q else [])),
        ("login", ["login.py"] + (["--repeats", "3"] if q else [])),
        ("http", ["http_load.py"] + (["--duration", "2"] if q else [])),
        ("footprint", ["footprint.py"] + (["--starts", "2"] if q else [])),
        ("live", ["live.py"] + (["--edges", "6", "--idle-seconds", "5", "--threads-variant", "0"] if q else [])),
        ("soak", ["soak.py", "--minutes", str(0.5 if q else args.soak_minutes)]),
        ("faults", ["faults.py"] + (["--kills", "5", "--journal-kills", "3"] if q else [])),
        # benches of other parts, run when present
        ("firstload", ["firstload.py"]),
        ("admin_publish", ["admin_publish.py"] + (["--pages", "100", "--repeats", "2"] if q else [])),
    ]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--soak-minutes", type=float, default=10.0)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", nargs="*", default=None)
    ap.add_argument("--skip", nargs="*", default=())
    args = ap.parse_args()
    results = []
    for name, cmd in steps(args):
        if (args.only is not None and name not in args.only) or name in args.skip:
            continue
        if not (HERE / cmd[0]).exists():
            results.append((name, " ".join(cmd), None, 0.0))
            continue
        print(f"\n===== {name}: {' '.join(cmd)}", flush=True)
        t0 = time.monotonic()
        rc = subprocess.run([sys.executable, str(HERE / cmd[0])] + cmd[1:], cwd=str(HERE.parent)).returncode
        results.append((name, " ".join(cmd), rc, time.monotonic() - t0))
    lines = ["| benchmark | command | status | minutes |", "| --- | --- | --- | ---: |"]
    for name, cmd, rc, secs in results:
        status = "not there" if rc is None else "ok" if rc == 0 else f"**exit {rc}** (failed, or a target missed)"
        lines.append(f"| {name} | `python3 bench/{cmd}` | {status} | {secs / 60:.1f} |")
    text = ("## Last full run (`bench/run_all.py`)\n\n"
            "Run: `python3 bench/run_all.py [--soak-minutes 10]`: every benchmark in turn, each rewriting its "
            "own table here.\n\n" + "\n".join(lines)
            + f"\n\n- {'quick run (smoke test of the harness)' if args.quick else 'full run'}; {machine_facts()}\n")
    print("\n" + text)
    if args.only is None and not args.skip:
        write_section("run_all", text)
    return 0 if all(rc in (0, None) for _n, _c, rc, _s in results) else 1


if __name__ == "__main__":
    sys.exit(main())
