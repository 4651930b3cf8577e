"""Render benchmark worker: times GET requests to pages of a legacy project through WSGI.

The SAME file runs on both sides of ``bench/render.py``:

* ours: imported in-process by ``render.py`` (current interpreter, the repository's skipole);
* the original: run as a script by ``bench/venv-orig/bin/python`` (skipole 5.6.3 from PyPI),
  which prints its results as one JSON object on stdout.

It uses only the 5.x public API (``WSGIApplication``, ``SectionData``, ``skis.makeapp``,
``skicall.update``) and the standard library, so the work measured is the same on both sides.
The hooks are: ``start_call`` returns the called ident, ``submit_data`` does nothing, and
``end_call`` writes a per-request value into the topnav status widget; every response body is
checked for that value (and for status 200), and the worker fails loudly when it is missing.

Run by hand: ``python3 bench/render_worker.py --projectfiles DIR --project pi01 --page /control``.
"""

import argparse
import gc
import io
import json
import os
import platform
import statistics
import sys
import time

DEFAULT_PAGES = ("/control", "/sensors", "/")

#: where end_call puts the per-request value, for each page of pi01:
#: (section alias or None for a widget of the page itself, widget name, field name).
#: The control and sensors templates place the ``topnav`` section, whose ParaText ``status``
#: shows a status line; the index template (``/``) has no section, so the value goes into the
#: text of its ``sensors`` ButtonLink2 instead.
TARGETS = {
    "/control": ("topnav", "status", "para_text"),
    "/sensors": ("topnav", "status", "para_text"),
    "/": (None, "sensors", "button_text"),
}


class BenchError(RuntimeError):
    """A response was not what the benchmark expects: the timings would be meaningless."""


class Marker:
    """The per-request value ``end_call`` sets; the worker checks it is in the body."""

    def __init__(self):
        self.count = 0
        self.calls = 0
        self.target = None      # (section alias or None, widget, field) of the page being timed

    def next_text(self):
        self.count += 1
        return self.text()

    def text(self):
        # delimited, so that the value of request 1 is not found inside that of request 10
        return f"Status: bench[{self.count}]"


def make_app(projectfiles, project, marker):
    """The application under test: ``project`` at ``/`` and the skis library at ``/lib``."""
    from skipole import PageData, SectionData, WSGIApplication, skis

    def start_call(called_ident, skicall):
        return called_ident

    def submit_data(skicall):
        return None

    def end_call(page_ident, page_type, skicall):
        marker.calls += 1
        section, widget, field = marker.target
        data = SectionData(section) if section else PageData()
        data[widget, field] = marker.next_text()
        skicall.update(data)

    app = WSGIApplication(project, projectfiles, {}, start_call, submit_data, end_call, url="/")
    app.add_project(skis.makeapp(), url="/lib")
    return app


class Client:
    """Calls the application as a WSGI server would, keeping cookies like a browser."""

    def __init__(self, app):
        self.app = app
        self.cookies = {}

    def _environ(self, path):
        env = {
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "localhost:8000",
            "HTTP_ACCEPT": "text/html",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        if self.cookies:
            env["HTTP_COOKIE"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return env

    def get(self, path):
        """(status, headers, body bytes) of a GET of ``path``."""
        captured = []

        def start_response(status, headers, exc_info=None):
            captured[:] = [status, headers]

        result = self.app(self._environ(path), start_response)
        try:
            body = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        status, headers = captured
        return status, headers, body

    def remember_cookies(self, headers):
        for name, value in headers:
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                self.cookies[key.strip()] = val.strip()


def check(page, status, body, marker):
    """Fail loudly unless the response is a 200 page carrying this request's marker."""
    if not status.startswith("200"):
        raise BenchError(f"{page}: status {status!r}, expected 200\n{body[:2000]!r}")
    if marker.text().encode() not in body:
        raise BenchError(f"{page}: the end_call value {marker.text()!r} is not in the response "
                         f"body ({len(body)} bytes)\n{body[:3000]!r}")


def measure(client, marker, page, requests, repeats, warmup):
    """Median µs/request over ``repeats`` runs of ``requests`` GETs of ``page``."""
    marker.target = TARGETS[page]
    get = client.get
    for _ in range(warmup):
        status, headers, body = get(page)
        check(page, status, body, marker)
        client.remember_cookies(headers)
    runs = []
    for _ in range(repeats):
        gc.collect()
        t0 = time.perf_counter_ns()
        for _ in range(requests):
            status, headers, body = get(page)
            check(page, status, body, marker)
        runs.append((time.perf_counter_ns() - t0) / requests / 1000.0)
    return {"page": page, "us": statistics.median(runs), "min_us": min(runs),
            "max_us": max(runs), "runs_us": runs, "requests": requests, "repeats": repeats,
            "body_bytes": len(body)}


def run(projectfiles, project, pages=DEFAULT_PAGES, requests=200, repeats=7, warmup=50):
    """Build the application, check every page once, then time each page."""
    import skipole

    marker = Marker()
    t0 = time.perf_counter()
    app = make_app(projectfiles, project, marker)
    load_s = time.perf_counter() - t0
    client = Client(app)
    first = {}
    unknown = [page for page in pages if page not in TARGETS]
    if unknown:
        raise BenchError(f"no end_call target known for {unknown}; known: {sorted(TARGETS)}")
    for page in pages:
        marker.target = TARGETS[page]
        status, headers, body = client.get(page)
        check(page, status, body, marker)
        client.remember_cookies(headers)
        first[page] = body.decode("utf-8", "replace")
    results = [measure(client, marker, page, requests, repeats, warmup) for page in pages]
    expected_calls = len(pages) * (1 + warmup + requests * repeats)
    if marker.calls != expected_calls:
        raise BenchError(f"end_call ran {marker.calls} times for {expected_calls} requests")
    return {
        "skipole_version": getattr(skipole, "version", None) or getattr(skipole, "__version__", "?"),
        "skipole_file": os.path.dirname(os.path.abspath(skipole.__file__)),
        "python": platform.python_version(),
        "python_impl": platform.python_implementation(),
        "executable": sys.executable,
        "load_s": load_s,
        "results": results,
        "first_bodies": first,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projectfiles", required=True)
    parser.add_argument("--project", default="pi01")
    parser.add_argument("--page", action="append", dest="pages")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=50)
    args = parser.parse_args(argv)
    out = run(args.projectfiles, args.project, tuple(args.pages or DEFAULT_PAGES),
              args.requests, args.repeats, args.warmup)
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    try:
        main()
    except BenchError as exc:
        print(f"render_worker: FAILED: {exc}", file=sys.stderr)
        sys.exit(1)
