"""skiadmin publish time: a generated 500-page project, one edit, then publish.

Run: python3 bench/admin_publish.py [--pages 500] [--repeats 5]
Prints, in ms, the median time of: one edit (which saves the draft), validating the whole
draft, and publishing it (validation, crash-safe write of data/, history entry, loading the
new model for ``on_publish``).  Target: publish under 1 s on the development machine.
The project is written into a temporary folder, which is removed afterwards.
"""

import argparse
import pathlib
import statistics
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from common import machine_facts, write_section  # noqa: E402

from skipole.admin import AdminStore  # noqa: E402
from tests.admin.admin_helpers import big_project  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--no-readme", action="store_true")
    args = ap.parse_args()
    edits, validations, publishes = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        projdir = big_project(tmp, args.pages)
        size = (projdir / "data" / "project.json").stat().st_size
        loaded = []
        store = AdminStore(projdir, pathlib.Path(tmp) / "state", on_publish=loaded.append)
        for i in range(args.repeats):
            version = store.version
            start = time.perf_counter()
            version = store.apply("set_project_brief", version, by="bench", brief=f"run {i}")["version"]
            edits.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            problems = store.validate()
            validations.append((time.perf_counter() - start) * 1000)
            assert not [p for p in problems if p["level"] == "error"], problems[:3]
            start = time.perf_counter()
            store.publish(version, note=f"bench {i}", by="bench")
            publishes.append((time.perf_counter() - start) * 1000)
        assert len(loaded) == args.repeats
    text = (f"| step | median ms |\n| --- | ---: |\n"
            f"| edit (save the draft) | {statistics.median(edits):.1f} |\n"
            f"| validate the draft | {statistics.median(validations):.1f} |\n"
            f"| publish (target < 1000) | {statistics.median(publishes):.1f} |\n\n"
            f"- {args.pages} pages, project.json {size / 1024:.0f} KiB, median of {args.repeats} runs; "
            f"{machine_facts()}\n")
    print(text)
    if not args.no_readme:
        write_section("admin_publish", text)
    return 0 if statistics.median(publishes) < 1000 else 1


if __name__ == "__main__":
    sys.exit(main())
