"""skipole: a WSGI application generator with a web admin, grown into a Pi control appliance.

The public API keeps skipole 5.x's names: ``WSGIApplication``, ``PageData``,
``SectionData``, the exceptions, ``use_submit_list``, ``set_debug``, ``widget_modules``,
``widgets_in_module`` and the ``skis`` library module.  ``load_project`` builds the complete
application a deployment serves (project, library, API and admin, with security).
"""

import functools as _functools
import importlib as _importlib
import sys as _sys

__version__ = "0.1.0"
#: 5.x name for the version string
version = __version__

from . import skis  # noqa: E402  (the modules below read __version__)
from .application import WSGIApplication, set_debug  # noqa: E402
from .exceptions import FailPage, GoTo, ServeFile, ServerError, ValidateError  # noqa: E402
from .pagedata import PageData, SectionData  # noqa: E402
from .widgets.base import widget_modules, widgets_in_module  # noqa: E402

__all__ = ["WSGIApplication", "PageData", "SectionData", "FailPage", "GoTo", "ValidateError",
           "ServerError", "ServeFile", "use_submit_list", "set_debug", "widget_modules",
           "widgets_in_module", "skis", "version", "__version__", "load_project"]


def use_submit_list(submit_data):
    """Decorator for ``submit_data``: a responder's ``submit_list`` of two or more strings
    ``[package, ..., module, function]`` calls that function instead.

    The module is imported absolutely (the project's ``code`` folder is on ``sys.path`` when
    served by ``skipole serve``), falling back to the package of the decorated function's
    module, so it works under ``waitress-serve myproj:application`` too.
    """
    modname = submit_data.__module__ or ""
    module = _sys.modules.get(modname)
    # defined in a package's __init__: import relative to that package itself
    package = modname if hasattr(module, "__path__") else modname.rpartition(".")[0]

    @_functools.wraps(submit_data)
    def wrapper(skicall):
        names = list(skicall.submit_list or ())
        if len(names) < 2:
            return submit_data(skicall)
        modname, funcname = ".".join(str(n) for n in names[:-1]), str(names[-1])
        module = _import_submit_module(modname, package)
        try:
            func = getattr(module, funcname)
        except AttributeError:
            raise ServerError(f"submit_list names {modname}.{funcname}, which does not exist") from None
        return func(skicall)

    return wrapper


def _import_submit_module(modname, package):
    """Import ``modname`` absolutely, else relative to ``package``; ServerError when neither works."""
    candidates = [modname] + ([f"{package}.{modname}"] if package else [])
    for candidate in candidates:
        try:
            return _importlib.import_module(candidate)
        except ModuleNotFoundError as exc:
            # only "this module does not exist" moves on; a missing import inside it is an error
            if exc.name is None or not candidate.startswith(exc.name):
                raise ServerError(f"cannot import {candidate}: {exc}") from None
    raise ServerError(f"cannot import {modname} (tried {', '.join(candidates)})")


def load_project(projectdir, **settings):
    """Build the complete application for the project at ``projectdir`` (see ``docs/api.md``)."""
    from .loading import load_project as _load
    return _load(projectdir, **settings)
