"""``skipole check``: validate a project's files and report every problem found.

It loads the project (clear errors for broken files), compiles every page (unknown widget
classes, missing sections, unknown responders), resolves every label and responder target,
and reads the config file when one is given.
"""

import os

from .exceptions import ProjectError
from .loading import project_name

__all__ = ["check_project"]


def check_project(projectdir, config=None):
    """Return a list of ``(level, message)``; level is ``error`` or ``warning``."""
    from .application import WSGIApplication
    from .responders import responder_class
    from .settings import Settings, SettingsError
    problems = []
    if config:
        try:
            Settings(config_file=config, environ={})
        except SettingsError as exc:
            problems.append(("error", str(exc)))
    projectfiles, name = project_name(projectdir)
    if not os.path.isdir(os.path.join(projectdir, "data")):
        return problems + [("error", f"{projectdir}: not a project directory (no data/ folder)")]
    try:
        app = WSGIApplication(name, projectfiles)
    except ProjectError as exc:
        return problems + [("error", str(exc))]
    model = app.project_model
    pfile = model.files.get("project", "project.json")
    for item in model.root.walk():
        if not hasattr(item, "kind"):
            continue
        where = f"{pfile}: page {item.url} (ident {item.number})"
        if item.kind == "TemplatePage":
            try:
                plan = app.renderer.template_plan(item)
            except KeyError as exc:
                problems.append(("error", f"{where}: {exc.args[0]}"))
                continue
            for _path, message in plan.problems:
                problems.append(("error", f"{where}: {message}"))
        elif item.kind == "RespondPage":
            try:
                responder = responder_class(item.settings.get("class", ""))(item)
            except KeyError as exc:
                problems.append(("error", f"{where}: {exc.args[0]}"))
                continue
            for role in ("target", "fail", "alternate"):
                value = getattr(responder, role)
                if value not in (None, "") and model.resolve(value) is None:
                    problems.append(("warning", f"{where}: {role} {value!r} names nothing"))
    for label, target in model.labels.items():
        ref = model.resolve(target)
        if ref is None:
            problems.append(("warning", f"{pfile}: label {label!r} points to nothing"))
    return problems
