"""First-load size of the gallery's form page: HTML + every script and stylesheet it references.

    python3 bench/firstload.py             # measure, print the table, update bench/README.md
    python3 bench/firstload.py --no-readme # measure and print only

The widget gallery (``skipole.gallery``) is written to a temporary directory and called
in-process through WSGI, as a browser with an empty cache would: the form page, then each
``<script src>`` and ``<link rel=stylesheet>`` it names, every request sending
``Accept-Encoding: gzip``.  The bytes counted are the response bodies as the server sends
them (gzip where it compresses, plain otherwise).  Target: under 40 KB in total (skipole 5.x
sends about 150-230 KB for such a page: jQuery, w3.css and its widget scripts).  Exits 1 when
the target is missed.
"""

import argparse
import datetime
import gzip
import io
import platform
import re
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
README = BENCH / "README.md"
BEGIN, END = "<!-- firstload:begin -->", "<!-- firstload:end -->"
TARGET = 40 * 1024
SECTION_TITLE = "## First load (`bench/firstload.py`)"

if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


class _Refs(HTMLParser):
    """The scripts and stylesheets a page references, in document order."""

    def __init__(self):
        super().__init__()
        self.refs = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.refs.append(("js", a["src"]))
        elif tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.refs.append(("css", a["href"]))

    handle_startendtag = handle_starttag


def _call(app, path, cookies):
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET", "SCRIPT_NAME": "", "PATH_INFO": path, "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": "127.0.0.1", "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
        "HTTP_ACCEPT": "*/*", "wsgi.version": (1, 0), "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(), "wsgi.multithread": False, "wsgi.multiprocess": False, "wsgi.run_once": False,
    }
    if cookies:
        environ["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    got = {}

    def start_response(status, headers, exc_info=None):
        got["status"], got["headers"] = status, headers

    body_iter = app(environ, start_response)
    try:
        body = b"".join(body_iter)
    finally:
        if hasattr(body_iter, "close"):
            body_iter.close()
    headers = {k.lower(): v for k, v in got["headers"]}
    for k, v in got["headers"]:
        if k.lower() == "set-cookie":
            name, _, rest = v.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
    if not got["status"].startswith("200"):
        raise SystemExit(f"{path}: {got['status']}")
    return body, headers


def measure(page="/form"):
    """Rows of (url, kind, bytes sent, bytes decoded, encoding) for the page and what it references."""
    from skipole.gallery import load_gallery
    with tempfile.TemporaryDirectory(prefix="skipole-firstload-") as tmp:
        app = load_gallery(tmp, debug=False)
        cookies = {}
        html, headers = _call(app, page, cookies)
        rows = [(page, "html", html, headers)]
        parser = _Refs()
        parser.feed(gzip.decompress(html).decode() if headers.get("content-encoding") == "gzip" else html.decode())
        seen = set()
        for kind, url in parser.refs:
            if url in seen:
                continue
            seen.add(url)
            body, h = _call(app, url, cookies)
            rows.append((url, kind, body, h))
    out = []
    for url, kind, body, h in rows:
        enc = h.get("content-encoding", "")
        decoded = gzip.decompress(body) if enc == "gzip" else body
        out.append((url, kind, len(body), len(decoded), enc or "identity"))
    return out


def table(rows):
    lines = ["| resource | type | bytes sent | uncompressed | encoding |", "| --- | --- | ---: | ---: | --- |"]
    for url, kind, sent, plain, enc in rows:
        lines.append(f"| `{url}` | {kind} | {sent} | {plain} | {enc} |")
    total = sum(r[2] for r in rows)
    plain = sum(r[3] for r in rows)
    lines.append(f"| **total** | | **{total}** ({total / 1024:.1f} KB) | {plain} | |")
    return "\n".join(lines), total


def write_readme(text):
    readme = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    block = f"{BEGIN}\n{text}\n{END}"
    if BEGIN in readme and END in readme:
        readme = re.sub(re.escape(BEGIN) + r".*?" + re.escape(END), lambda _m: block, readme, flags=re.S)
    else:
        section = (f"\n{SECTION_TITLE}\n\n"
                   "The first load of the widget gallery's form page (a form, a few inputs and links), as a\n"
                   "browser with an empty cache fetches it: the HTML, then every script and stylesheet it\n"
                   "references, each request with `Accept-Encoding: gzip`; bytes are the bodies as sent.\n"
                   "Target: under 40 KB in total (skipole 5.x sends about 150-230 KB for such a page).\n"
                   "Run it: `python3 bench/firstload.py` (`--no-readme` to leave this file alone).\n\n"
                   f"{block}\n")
        readme = readme.rstrip("\n") + "\n" + section
    README.write_text(readme, encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", default="/form", help="the gallery page to load (default /form)")
    parser.add_argument("--no-readme", action="store_true", help="do not update bench/README.md")
    args = parser.parse_args(argv)
    rows = measure(args.page)
    text, total = table(rows)
    verdict = "met" if total < TARGET else "MISSED"
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M")
    from skipole import __version__
    text += (f"\n\n- target: under {TARGET // 1024} KB: {verdict} ({total} bytes)\n"
             f"- gallery page `{args.page}`, skipole {__version__}, CPython {platform.python_version()}, {now} UTC\n"
             "- pages over 1 KiB are gzipped as they are rendered (`skipole.compress`); the library's scripts "
             "and stylesheets are gzipped once and cached")
    print(text)
    if not args.no_readme:
        write_readme(text)
    return 0 if total < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
