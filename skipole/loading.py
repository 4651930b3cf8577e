"""``load_project``: the one call that turns a project directory into a served application.

It reads the settings, finds the project's code (CONTRACTS §2: ``PROJECTDIR/code`` first on
``sys.path``, module ``NAME``), builds the ``WSGIApplication`` and mounts the static library
at ``/lib``.  ``skipole serve``, the generated ``code/__main__.py``, the Debian service and
the tests all use it, so every deployment gets the same application.
"""

import importlib
import logging
import os
import sys

from .atomic import remove_stale_temporaries, write_bytes
from .exceptions import ProjectError
from .settings import Settings

__all__ = ["load_project", "state_dir_for", "project_name", "secret_key"]

log = logging.getLogger("skipole")


def project_name(projectdir):
    """``(projectfiles, name)`` of a project directory."""
    projectdir = os.path.abspath(projectdir).rstrip(os.sep)
    return os.path.dirname(projectdir), os.path.basename(projectdir)


def state_dir_for(projectdir, settings):
    """The state directory: the setting, else ``PROJECTDIR/state``."""
    return settings.state_dir or os.path.join(os.path.abspath(projectdir), "state")


def _remove_stale_temporaries(projectdir, state_dir):
    """Clear what writes cut short by a kill or power cut left in the data and state folders."""
    for top in (os.path.join(projectdir, "data"), state_dir):
        for path in remove_stale_temporaries(top):
            log.info("removed %s, left by a write that did not finish", path)


def secret_key(state_dir):
    """The application's secret key, made once and kept (mode 0600) in the state directory."""
    path = os.path.join(state_dir, "secret_key")
    try:
        with open(path, "rb") as f:
            key = f.read()
        if len(key) >= 32:
            return key
        log.warning("%s is too short: a new secret key is made (sessions restart)", path)
    except FileNotFoundError:
        pass
    except OSError as exc:
        log.warning("cannot read %s (%s): a new secret key is made", path, exc)
    key = os.urandom(32)
    os.makedirs(state_dir, mode=0o700, exist_ok=True)
    write_bytes(path, key, mode=0o600)
    return key


def _import_hooks(code, name):
    if not os.path.isdir(code):
        return None
    if code not in sys.path:
        sys.path.insert(0, code)
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise ProjectError(f"importing {name} from {code}: {exc}") from exc


def _attach_hardware(app, projectdir, state_dir, settings, environ, hardware):
    """Open the project's devices (if it declares any) and log logins into their event log."""
    from .hardware import load_hardware
    if hardware is None:
        hardware = load_hardware(projectdir, state_dir, backend=settings.hardware, environ=environ,
                                 max_waiters=max(1, settings.threads - 2))
    app.hardware = hardware
    if hardware is not None:
        app.security.on_login.append(
            lambda user, client: hardware.log_event("login", f"{user} logged in from {client}", by=f"user:{user}"))


def load_project(projectdir, *, code_dir=None, config=None, environ=None, hardware=None, **given):
    """Build the complete WSGI application for ``projectdir`` with ``given`` settings.

    Returns a ``WSGIApplication`` (the project at its URL, the static library at ``/lib``
    and, when the project has a ``hardware.toml``, its devices with the API at ``/api``);
    ``app.settings`` holds the validated ``Settings``; ``hardware`` may pass a ready
    ``skipole.hardware.Hardware`` (tests).  The project's code is
    imported from ``code_dir`` (default ``PROJECTDIR/code``; the installed appliance keeps
    it apart from the data, see ``skipole.appliance``).
    """
    from . import skis
    from .application import WSGIApplication

    settings = given.pop("settings", None) or Settings(config_file=config, environ=environ, **given)
    projectdir = os.path.abspath(projectdir)
    projectfiles, name = project_name(projectdir)
    state_dir = state_dir_for(projectdir, settings)
    _remove_stale_temporaries(projectdir, state_dir)
    code_dir = os.path.abspath(code_dir or os.path.join(projectdir, "code"))
    hooks = _import_hooks(code_dir, name)
    app = getattr(hooks, "application", None) if hooks is not None else None
    if not isinstance(app, WSGIApplication):
        kwargs = {}
        if hooks is not None:
            for hook in ("start_call", "submit_data", "end_call"):
                if callable(getattr(hooks, hook, None)):
                    kwargs[hook] = getattr(hooks, hook)
            kwargs["proj_data"] = getattr(hooks, "proj_data", None)
        app = WSGIApplication(name, projectfiles, url="/", debug=settings.debug,
                              secret_key=secret_key(state_dir), max_body=settings.max_body, **kwargs)
    else:
        app.debug = settings.debug
        app.secret_key = secret_key(state_dir)
    if not any(a.proj_ident == "skis" for a, _ in app.subapps.values()):
        app.add_project(skis.makeapp(), url=settings.lib_url)
    app.security.configure(state_dir, settings.allowed_hosts, settings.trusted_proxies)
    app.compress = settings.compress
    _attach_hardware(app, projectdir, state_dir, settings, environ, hardware)
    if settings.admin:
        from .admin.web import make_admin
        app.admin = make_admin(app, projectdir, state_dir)
    app.settings = settings
    app.state_dir = state_dir
    app.projectdir = projectdir
    app.code_dir = code_dir
    return app
