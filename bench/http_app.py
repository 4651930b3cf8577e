"""A legacy project served by waitress, for the HTTP benchmark; the same file serves both sides.

Run: PYTHON bench/http_app.py --projectfiles DIR --project pi01 --port PORT [--threads 8]
(ours with the repository on PYTHONPATH; the original with bench/venv-orig/bin/python).  Hooks
as in render_worker: start_call returns the called ident, end_call writes a per-request
counter into the page so that nothing can be cached.
"""

import argparse
import itertools
import sys

import waitress


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--projectfiles", required=True)
    ap.add_argument("--project", default="pi01")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--bare", action="store_true",
                    help="serve a constant JSON body instead (no framework: the server's own ceiling)")
    args = ap.parse_args()
    if args.bare:
        print("ready", flush=True)
        waitress.serve(_bare_app, host="127.0.0.1", port=args.port, threads=args.threads, _quiet=True,
                       connection_limit=512, backlog=1024)
        return
    from skipole import PageData, SectionData, WSGIApplication, skis
    counter = itertools.count()

    def end_call(page_ident, page_type, skicall):
        n = next(counter)
        if page_type == "TemplatePage":
            sd = SectionData("topnav")
            sd["status", "para_text"] = f"Status: bench[{n}]"
            skicall.update(sd)
        else:
            pd = PageData()
            pd["output01_result", "para_text"] = f"bench[{n}]"
            skicall.update(pd)

    app = WSGIApplication(project=args.project, projectfiles=args.projectfiles, proj_data={},
                          start_call=lambda ident, skicall: ident, submit_data=lambda skicall: None,
                          end_call=end_call, url="/")
    app.add_project(skis.makeapp(), url="/lib")
    print("ready", flush=True)
    waitress.serve(app, host="127.0.0.1", port=args.port, threads=args.threads, _quiet=True,
                   connection_limit=512, backlog=1024)


_BARE_BODY = b'{"output01_result:para_text": "Status: bench[1]"}'


def _bare_app(environ, start_response):
    """The least a WSGI application can do: what waitress itself costs per request."""
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(_BARE_BODY)))])
    return [_BARE_BODY]


if __name__ == "__main__":
    sys.exit(main())
