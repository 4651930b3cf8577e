"""The ``skipole`` command line: new, serve, check, and the 5.x form ``skipole NAME PROJECTFILES``.

Each subcommand is a small function; errors are one clear line on stderr and exit status 1.
"""

import argparse
import logging
import os
import sys

__all__ = ["main"]

SUBCOMMANDS = ("new", "serve", "check", "passwd", "reset")


def main(argv=None):
    """Run the command line; returns the exit status."""
    from . import __version__
    argv = list(sys.argv[1:] if argv is None else argv)
    # the original's form: python3 -m skipole NAME PROJECTFILES
    if len(argv) == 2 and argv[0] not in SUBCOMMANDS and not argv[0].startswith("-"):
        argv = ["new"] + argv
    parser = _parser(__version__)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    try:
        return args.func(args) or 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # one clear line, never a traceback, for expected failures
        from .exceptions import ProjectError
        from .settings import SettingsError
        if isinstance(exc, (ProjectError, SettingsError, ValueError, FileExistsError, OSError)):
            # UserError is a ValueError: a short password, a bad name
            print(f"skipole: {exc}", file=sys.stderr)
            return 1
        raise


def _parser(version):
    p = argparse.ArgumentParser(prog="skipole", description="skipole: web applications and Pi appliances")
    p.add_argument("--version", action="version", version=f"skipole {version}")
    sub = p.add_subparsers(dest="command")

    new = sub.add_parser("new", help="create a project: skipole new NAME PROJECTFILES")
    new.add_argument("name")
    new.add_argument("projectfiles")
    new.set_defaults(func=cmd_new)

    serve = sub.add_parser("serve", help="serve a project with waitress")
    serve.add_argument("projectdir", nargs="?", help="default: the config file's project")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--threads", type=int)
    serve.add_argument("--state-dir")
    serve.add_argument("--data-dir", help="appliance layout: data and state in DATA_DIR/NAME")
    serve.add_argument("--config")
    serve.add_argument("--hardware", choices=("auto", "mock", "lgpio", "rpigpio"))
    serve.add_argument("--admin", action=argparse.BooleanOptionalAction, default=None)
    serve.add_argument("--dev", action="store_true", default=None,
                       help="development: debug on loopback, admin on, one-time admin password")
    serve.set_defaults(func=cmd_serve)

    passwd = sub.add_parser("passwd", help="set a user's password (prompts twice, or reads one line from stdin)")
    passwd.add_argument("projectdir", nargs="?", help="default: the config file's project")
    passwd.add_argument("--user", default="admin")
    passwd.add_argument("--role", choices=("admin", "user"), default=None,
                        help="role of a new user (default admin for 'admin', else user)")
    passwd.add_argument("--state-dir")
    passwd.add_argument("--data-dir")
    passwd.add_argument("--config")
    passwd.set_defaults(func=cmd_passwd)

    check = sub.add_parser("check", help="validate a project's files; exit 0 when all is well")
    check.add_argument("projectdir", nargs="?", help="default: the config file's project")
    check.add_argument("--data-dir")
    check.add_argument("--config")
    check.set_defaults(func=cmd_check)

    reset = sub.add_parser("reset", help="installed appliance: reset a project's data to the "
                           "shipped version (a backup is kept; passwords and pin state stay)")
    reset.add_argument("project", nargs="?", help="project name or directory (default: the config file's)")
    reset.add_argument("--data-dir")
    reset.add_argument("--config")
    reset.set_defaults(func=cmd_reset)
    return p


def cmd_new(args):
    from .newproject import create_project
    path = create_project(args.name, args.projectfiles)
    print(f"created {path}\nserve it with: python3 {os.path.join(path, 'code')}")
    return 0


def _config(args, projectdir):
    """The config file: --config, else the installed appliance's when no project is named."""
    from .appliance import DEFAULT_CONFIG
    if args.config or projectdir or not os.path.exists(DEFAULT_CONFIG):
        return args.config
    return DEFAULT_CONFIG


def _settings_from(args):
    from .settings import Settings
    return Settings(config_file=_config(args, args.projectdir), host=args.host, port=args.port,
                    threads=args.threads, state_dir=args.state_dir, data_dir=args.data_dir,
                    hardware=args.hardware, admin=args.admin, dev=args.dev)


def cmd_serve(args):
    from .appliance import project_paths
    from .loading import load_project
    from .server import serve, tune_malloc
    tune_malloc()           # before the project loads, so its memory is placed the same way
    settings = _settings_from(args)
    projectdir, code_dir = project_paths(settings, args.projectdir)
    if not os.path.isdir(os.path.join(projectdir, "data")):
        print(f"skipole: {projectdir} is not a project directory (no data/ folder)", file=sys.stderr)
        return 1
    app = load_project(projectdir, code_dir=code_dir, settings=settings)
    if settings.dev:
        _one_time_password(app)
    elif not app.security.users.exists():
        logging.getLogger("skipole").warning(
            "no user exists yet: set a password with `%s` to log in", _passwd_command(args, projectdir))
    return serve(app, settings)


def _passwd_command(args, projectdir):
    from .appliance import DEFAULT_CONFIG
    if args.projectdir or not _config(args, None):
        return f"skipole passwd {projectdir}"
    config = _config(args, None)
    return "sudo skipole passwd" + ("" if config == DEFAULT_CONFIG else f" --config {config}")


def _one_time_password(app):
    """--dev: with no admin yet, make one with a random password, printed once, stored hashed."""
    import secrets
    users = app.security.users
    if users.has_admin():
        return
    password = secrets.token_urlsafe(12)
    users.set_password("admin", password, role="admin")
    print(f"\n  One-time admin password (shown once): user 'admin', password {password}\n"
          f"  Change it with: skipole passwd {app.projectdir}\n", flush=True)


def _read_password(prompt_twice=True):
    import getpass
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass("New password: ")
        second = getpass.getpass("Again: ")
        if first != second:
            raise ValueError("the two passwords differ")
        return first
    line = sys.stdin.readline() if sys.stdin is not None else ""
    return line.rstrip("\r\n")


def cmd_passwd(args):
    from .loading import state_dir_for
    from .security.sessions import SessionStore
    from .security.users import UserStore
    from .settings import Settings
    from .appliance import project_paths
    settings = Settings(config_file=_config(args, args.projectdir), state_dir=args.state_dir,
                        data_dir=args.data_dir)
    projectdir, _code_dir = project_paths(settings, args.projectdir)
    if not os.path.isdir(os.path.join(projectdir, "data")):
        print(f"skipole: {projectdir} is not a project directory (no data/ folder)", file=sys.stderr)
        return 1
    state_dir = state_dir_for(projectdir, settings)
    users = UserStore(state_dir)
    existing = users.role(args.user)
    role = args.role or (None if existing else ("admin" if args.user == "admin" else "user"))
    password = _read_password()
    new = users.set_password(args.user, password, role=role)
    revoked = SessionStore(state_dir).revoke_user(args.user)
    _keep_owner(state_dir)
    what = "created" if new else "changed"
    print(f"password {what} for user {args.user!r} ({users.role(args.user)})"
          + (f"; {revoked} session(s) ended" if revoked else ""))
    return 0


def _keep_owner(state_dir):
    """Files written by root for a service user keep the state directory's owner."""
    try:
        st = os.stat(state_dir)
    except OSError:
        return
    if os.geteuid() != 0 or st.st_uid == 0:
        return
    for name in os.listdir(state_dir):
        path = os.path.join(state_dir, name)
        try:
            os.chown(path, st.st_uid, st.st_gid)
        except OSError:
            pass


def cmd_check(args):
    from .checks import check_project
    from .settings import Settings
    config = _config(args, args.projectdir)
    projectdir = args.projectdir
    if not projectdir:
        settings = Settings(config_file=config, data_dir=args.data_dir)
        projectdir = settings.project or ""
        data_copy = os.path.join(settings.data_dir or "", os.path.basename(projectdir))
        if settings.data_dir and os.path.isdir(os.path.join(data_copy, "data")):
            projectdir = data_copy      # the owner's copy, as served
    problems = check_project(projectdir, config=config)
    for level, message in problems:
        print(f"{level}: {message}", file=sys.stderr if level == "error" else sys.stdout)
    errors = [m for level, m in problems if level == "error"]
    if not errors:
        print(f"{projectdir}: OK")
    return 1 if errors else 0


def cmd_reset(args):
    from .appliance import reset_project, shipped_projectdir
    from .settings import Settings
    settings = Settings(config_file=_config(args, None), data_dir=args.data_dir)
    if not settings.data_dir:
        print("skipole: reset works on the installed layout: set data_dir in the config file "
              "or give --data-dir", file=sys.stderr)
        return 1
    shipped = shipped_projectdir(args.project) if args.project else settings.project
    if not shipped:
        print("skipole: name the project to reset", file=sys.stderr)
        return 1
    projectdir, backup = reset_project(shipped, settings.data_dir)
    print(f"{projectdir}: reset to {shipped}"
          + (f"; the previous files are in {backup}" if backup else "")
          + "\nrestart the service to serve it: sudo systemctl restart skipole")
    return 0
