"""``python3 -m skipole.gallery [--port 8001] [--host 127.0.0.1] [--dir PROJECTDIR]``: serve the gallery.

Without ``--dir`` the gallery is written to a new temporary directory (removed on exit);
with it, the project is (re)written there and kept.
"""

import argparse
import os
import shutil
import sys
import tempfile


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python3 -m skipole.gallery", description="Serve the skipole widget gallery.")
    parser.add_argument("--port", type=int, default=8001, help="port to listen on (default 8001)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--dir", default=None,
                        help="the gallery's project directory (PROJECTFILES/gallery); default: a temporary one")
    args = parser.parse_args(argv)

    from . import load_gallery
    from .project import GALLERY_NAME

    temp = None
    if args.dir:
        projdir = os.path.abspath(args.dir)
        if os.path.basename(projdir.rstrip(os.sep)) != GALLERY_NAME:
            parser.error(f"--dir must name a directory called {GALLERY_NAME}")
        projectfiles = os.path.dirname(projdir.rstrip(os.sep))
    else:
        temp = tempfile.mkdtemp(prefix="skipole-gallery-")
        projectfiles = temp
    try:
        app = load_gallery(projectfiles, allowed_hosts=[args.host, "localhost", "127.0.0.1"])
        import waitress
        print(f"skipole widget gallery: http://{'localhost' if args.host in ('127.0.0.1', '::1') else args.host}:{args.port}/",
              flush=True)
        waitress.serve(app, host=args.host, port=args.port, threads=4)
    except KeyboardInterrupt:
        pass
    finally:
        if temp:
            shutil.rmtree(temp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
