"""Render benchmark: our skipole against the original skipole 5.6.3 on the legacy pi01 pages.

    python3 bench/render.py                  # measure, print the table, update bench/README.md
    python3 bench/render.py --profile /control   # cProfile our side rendering one page

Our side runs in this process with the repository's skipole; the original runs the same
worker (``bench/render_worker.py``) in a subprocess under ``bench/venv-orig/bin/python``
(made by ``bench/setup_original.sh`` when it is missing).  The legacy projects are read in
place from ``<repo>/../shared/fixtures/legacy``; the run fails if anything there changed.
"""

import argparse
import cProfile
import datetime
import io
import json
import os
import platform
import pstats
import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
LEGACY = REPO.parent / "shared" / "fixtures" / "legacy"
PROJECT = "pi01"
VENV_PY = BENCH / "venv-orig" / "bin" / "python"
SETUP = BENCH / "setup_original.sh"
WORKER = BENCH / "render_worker.py"
README = BENCH / "README.md"
BEGIN, END = "<!-- render:begin -->", "<!-- render:end -->"
TARGET_PAGE, TARGET_RATIO = "/control", 10.0

for _p in (str(REPO), str(BENCH)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import render_worker  # noqa: E402  (bench/ on sys.path first)


class HarnessError(RuntimeError):
    pass


# ---- the two sides -------------------------------------------------------------------------------
def ensure_original():
    if not VENV_PY.exists():
        print(f"render: {VENV_PY} is missing, running {SETUP.name}", file=sys.stderr)
        subprocess.run(["bash", str(SETUP)], check=True)
    if not VENV_PY.exists():
        raise HarnessError(f"{SETUP} did not create {VENV_PY}")


def run_ours(pages, requests, repeats, warmup):
    import skipole

    where = Path(skipole.__file__).resolve().parent
    if where != REPO / "skipole":
        raise HarnessError(f"our side imported skipole from {where}, not {REPO / 'skipole'}")
    out = render_worker.run(str(LEGACY), PROJECT, pages, requests, repeats, warmup)
    for page, body in out["first_bodies"].items():
        if 'name="csrf-token"' not in body:
            raise HarnessError(f"our {page} carries no CSRF token meta: is security off?")
    return out


def run_original(pages, requests, repeats, warmup):
    ensure_original()
    cmd = [str(VENV_PY), str(WORKER), "--projectfiles", str(LEGACY), "--project", PROJECT,
           "--requests", str(requests), "--repeats", str(repeats), "--warmup", str(warmup)]
    for page in pages:
        cmd += ["--page", page]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=str(BENCH))
    if proc.returncode != 0:
        raise HarnessError(f"the original's worker failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise HarnessError(f"the original's worker printed no result:\n{proc.stdout[-2000:]}")
    out = json.loads(lines[-1])
    where = Path(out["skipole_file"]).resolve()
    if BENCH / "venv-orig" not in where.parents:
        raise HarnessError(f"the original side imported skipole from {where}, not the venv")
    out["dist_version"] = subprocess.run(
        [str(VENV_PY), "-c", "from importlib.metadata import version; print(version('skipole'))"],
        capture_output=True, text=True, env=env, check=True,
        cwd=VENV_PY.parent).stdout.strip()        # not the repository: its metadata is ours
    return out


# ---- the fixture stays untouched --------------------------------------------------------------------
def snapshot(root):
    state = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            state[os.path.relpath(path, root)] = (st.st_size, st.st_mtime_ns, st.st_mode)
    st = os.lstat(root)
    state["."] = (st.st_mtime_ns, st.st_mode)
    return state


# ---- facts and report -------------------------------------------------------------------------------
def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def git_state():
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "skipole"],
                               capture_output=True, text=True, check=True).stdout.strip()
        return head + (" + uncommitted changes in skipole/" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def facts(ours, orig, args):
    return [
        ("date (UTC)", datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M")),
        ("machine", f"{cpu_model()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"),
        ("ours", f"skipole {ours['skipole_version']} (repo {git_state()}), "
                 f"{ours['python_impl']} {ours['python']} ({ours['executable']})"),
        ("original", f"skipole {orig['dist_version']} from PyPI (its module says {orig['skipole_version']}), "
                     f"{orig['python_impl']} {orig['python']} (bench/venv-orig)"),
        ("method", f"{args.warmup} warm-up requests, then the median of {args.repeats} runs of "
                   f"{args.requests} requests per page; WSGI called in-process, body checked every request"),
        ("project load", f"ours {ours['load_s'] * 1000:.1f} ms, original {orig['load_s'] * 1000:.1f} ms "
                         f"(WSGIApplication + skis library, once)"),
    ]


def table(ours, orig):
    o = {r["page"]: r for r in orig["results"]}
    rows = []
    for r in ours["results"]:
        other = o[r["page"]]
        rows.append((r["page"], r["us"], other["us"], other["us"] / r["us"],
                     r["body_bytes"], other["body_bytes"], r["min_us"], r["max_us"]))
    return rows


def format_markdown(rows, fact_rows):
    lines = ["| page | ours µs | original µs | ratio (original/ours) | ours bytes | original bytes |",
             "| --- | ---: | ---: | ---: | ---: | ---: |"]
    for page, us, ous, ratio, nb, ob, _lo, _hi in rows:
        lines.append(f"| `{page}` | {us:.1f} | {ous:.1f} | {ratio:.1f}× | {nb} | {ob} |")
    lines.append("")
    for name, value in fact_rows:
        lines.append(f"- {name}: {value}")
    return "\n".join(lines)


def format_text(rows):
    out = [f"{'page':<10} {'ours µs':>10} {'original µs':>12} {'ratio':>8}   ours spread (min-max)"]
    for page, us, ous, ratio, _nb, _ob, lo, hi in rows:
        out.append(f"{page:<10} {us:>10.1f} {ous:>12.1f} {ratio:>7.1f}×   {lo:.1f}-{hi:.1f}")
    return "\n".join(out)


README_HEAD = """# Benchmarks

## Render benchmark (`bench/render.py`)

Times full page requests of the legacy **pi01** project
(`../shared/fixtures/legacy/pi01`, read in place, never written) through the WSGI interface,
on our skipole and on the original skipole 5.6.3 from PyPI.

- **Run it:** `python3 bench/render.py` (options: `--requests`, `--repeats`, `--warmup`,
  `--no-readme`, `--profile PAGE`). The first run calls `bench/setup_original.sh`, which
  makes `bench/venv-orig` (ignored by git) with `pip install skipole==5.6.3`.
- **Both sides run the same worker**, `bench/render_worker.py`: ours imported into the
  current interpreter with the repository's `skipole`, the original run as a subprocess by
  `bench/venv-orig/bin/python`. Each builds `WSGIApplication("pi01", ...)` with the skis
  library mounted at `/lib`, and the same hooks: `start_call` returns the called ident,
  `submit_data` does nothing, `end_call` writes a counter (`Status: bench[N]`) into the page:
  the `topnav` section's `status` widget (`para_text`, via `SectionData("topnav")` and
  `skicall.update`) on `/control` and `/sensors`, and the `sensors` button's `button_text`
  on `/` (whose template has no section). Every response must be a 200 whose body
  holds that request's counter, or the run fails.
- **Our side runs with security on** (it always is): the harness checks the CSRF token meta
  is in our pages; like a browser, the client sends back the cookies it was given.
- **Measure:** warm-up requests, then the median over several runs of µs per request.
  Target: our `/control` at least 10× faster than the original's.
- `render.py --profile /control` runs cProfile over our side and prints the top functions.

The original's pages are larger than ours (it writes an inline script that sets up each widget;
ours sends a small JSON blob that a static script reads), so the
byte columns differ; the timing covers each framework producing its own complete page.

"""


def write_readme(block):
    section = f"{BEGIN}\n{block}\n{END}"
    if README.exists():
        text = README.read_text()
        if BEGIN in text and END in text:
            text = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _m: section, text, flags=re.S)
        else:
            text = text.rstrip("\n") + "\n\n### Latest results\n\n" + section + "\n"
    else:
        text = README_HEAD + "### Latest results\n\n" + section + "\n"
    README.write_text(text)


# ---- profile ----------------------------------------------------------------------------------------
def profile(page, requests, warmup, limit):
    marker = render_worker.Marker()
    marker.target = render_worker.TARGETS[page]
    client = render_worker.Client(render_worker.make_app(str(LEGACY), PROJECT, marker))
    for _ in range(warmup):
        status, headers, body = client.get(page)
        render_worker.check(page, status, body, marker)
        client.remember_cookies(headers)
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(requests):
        status, headers, body = client.get(page)
        render_worker.check(page, status, body, marker)
    prof.disable()
    for key in ("tottime", "cumulative"):
        buf = io.StringIO()
        stats = pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key)
        stats.print_stats(limit)
        print(f"==== our {page}, {requests} requests, sorted by {key} ====")
        print(buf.getvalue())


# ---- main -------------------------------------------------------------------------------------------
def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per timed run")
    parser.add_argument("--repeats", type=int, default=7, help="timed runs per page (median taken)")
    parser.add_argument("--warmup", type=int, default=50, help="untimed requests per page first")
    parser.add_argument("--page", action="append", dest="pages", choices=sorted(render_worker.TARGETS))
    parser.add_argument("--no-readme", action="store_true", help="do not update bench/README.md")
    parser.add_argument("--profile", metavar="PAGE", choices=sorted(render_worker.TARGETS),
                        help="cProfile our side on PAGE instead of comparing")
    parser.add_argument("--profile-lines", type=int, default=25)
    args = parser.parse_args(argv)
    if not (LEGACY / PROJECT / "data" / "project.json").exists():
        raise HarnessError(f"no legacy project at {LEGACY / PROJECT}")

    before = snapshot(LEGACY)
    try:
        if args.profile:
            profile(args.profile, args.requests * args.repeats, args.warmup, args.profile_lines)
            return 0
        pages = tuple(args.pages or render_worker.DEFAULT_PAGES)
        ours = run_ours(pages, args.requests, args.repeats, args.warmup)
        orig = run_original(pages, args.requests, args.repeats, args.warmup)
    finally:
        if snapshot(LEGACY) != before:
            raise HarnessError(f"the fixture folder {LEGACY} changed during the run")

    rows = table(ours, orig)
    fact_rows = facts(ours, orig, args)
    print(format_text(rows))
    for name, value in fact_rows:
        print(f"  {name}: {value}")
    met = True
    for page, _us, _ous, ratio, *_ in rows:
        if page == TARGET_PAGE:
            met = ratio >= TARGET_RATIO
            print(f"target: our {TARGET_PAGE} >= {TARGET_RATIO:.0f}x faster: "
                  f"{'met' if met else 'NOT met'} ({ratio:.1f}x)")
    if not args.no_readme:
        write_readme(format_markdown(rows, fact_rows))
        print(f"wrote {README.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (HarnessError, render_worker.BenchError) as exc:
        print(f"render: FAILED: {exc}", file=sys.stderr)
        sys.exit(1)
