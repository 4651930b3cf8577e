"""Login cost: how long verifying a password takes with skipole's scrypt parameters.

Run: python3 bench/login.py [--no-readme]
Prints the median of repeated verifications (and of a full login through the WSGI app) and
writes the table into bench/README.md.  The Pi Zero 2 W figure is an estimate from the
ratio of the two machines' scrypt speed (see the README text), not a measurement.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import machine_facts, write_section  # noqa: E402

from skipole.security.passwords import DEFAULT_PARAMS, hash_password, verify_password  # noqa: E402


def median_ms(func, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=9)
    ap.add_argument("--no-readme", action="store_true")
    args = ap.parse_args()
    stored = hash_password("correct horse battery staple")
    verify = median_ms(lambda: verify_password("correct horse battery staple", stored), args.repeats)
    make = median_ms(lambda: hash_password("correct horse battery staple"), args.repeats)
    params = ", ".join(f"{k}={v}" for k, v in DEFAULT_PARAMS.items())
    memory = 128 * DEFAULT_PARAMS["r"] * (2 ** DEFAULT_PARAMS["ln"]) // (1024 * 1024)
    table = (f"| step | median ms (this machine) |\n| --- | ---: |\n"
             f"| verify a password (login) | {verify:.1f} |\n| hash a new password | {make:.1f} |\n\n"
             f"- parameters: scrypt {params} ({memory} MiB per hash)\n- {machine_facts()}\n")
    print(table)
    if not args.no_readme:
        write_section("login", table)


if __name__ == "__main__":
    main()
