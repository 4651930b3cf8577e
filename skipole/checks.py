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
    devices = _check_hardware(projectdir, problems)
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
    if devices is not None:
        _check_bindings(model, pfile, devices, problems)
    for label, target in model.labels.items():
        ref = model.resolve(target)
        if ref is None:
            problems.append(("warning", f"{pfile}: label {label!r} points to nothing"))
    return problems


def _check_hardware(projectdir, problems):
    """Validate hardware.toml; returns the device names (None when there is no file)."""
    from .hardware import HardwareConfigError, bus_warnings, load_declarations
    path = os.path.join(projectdir, "hardware.toml")
    if not os.path.exists(path):
        return None
    try:
        declarations = load_declarations(path)
    except HardwareConfigError as exc:
        problems.append(("error", str(exc)))
        return set()
    for warning in bus_warnings(declarations, log_them=False):
        problems.append(("warning", f"{path}: {warning}"))
    return set(declarations)


def _check_bindings(model, pfile, devices, problems):
    """Every widget field bound to a device names a declared device."""
    def walk(node, where):
        if isinstance(node, list):
            if len(node) == 2 and node[0] in ("Widget", "ClosedWidget") and isinstance(node[1], dict):
                for field, spec in (node[1].get("bindings") or {}).items():
                    device = spec.get("device") if isinstance(spec, dict) else None
                    if device not in devices:
                        problems.append(("error", f"{pfile}: {where}: widget {node[1].get('name')!r} field "
                                                  f"{field!r} is bound to unknown device {device!r}"))
            for child in node:
                walk(child, where)
        elif isinstance(node, dict):
            for child in node.values():
                walk(child, where)
    for item in model.root.walk():
        if hasattr(item, "kind"):
            walk(item.raw, f"page {item.url}")
    for sname, tree in model.sections.items():
        walk(tree, f"section {sname!r}")
