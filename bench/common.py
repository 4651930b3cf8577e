"""Shared helpers for the bench scripts: replacing a marked section of bench/README.md."""

import pathlib
import platform
import re
import time

README = pathlib.Path(__file__).resolve().parent / "README.md"


def machine_facts():
    return f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}, " \
           f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC"


def write_section(name, text):
    """Replace ``<!-- name:begin -->`` … ``<!-- name:end -->`` in bench/README.md (appended when absent)."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    readme = README.read_text() if README.exists() else "# Benchmarks\n"
    block = f"{begin}\n{text.rstrip()}\n{end}"
    if begin in readme and end in readme:
        readme = re.sub(re.escape(begin) + r".*?" + re.escape(end), lambda _m: block, readme, flags=re.S)
    else:
        readme = readme.rstrip() + "\n\n" + block + "\n"
    README.write_text(readme)
