"""The widget classes match the skipole 5.x catalogue exactly: names, fields, shapes, flags."""

import re

import pytest

from skipole.widgets.base import WIDGET_MODULES, render_standalone, widget_class, widgets_in_module
from tests.conftest import CATALOGUE, need

COMMON = {"show", "widget_class", "widget_style"}
ERRORS = {"show_error", "clear_error"}


def _catalogue():
    entries = {}
    for line in need(CATALOGUE).read_text().splitlines():
        m = re.match(r"^(\w+\.\w+) \[([^\]]*)\] ?(.*)$", line)
        if not m:
            continue
        path, flags, fields = m.groups()
        flags = flags.split()
        info = {"containers": 0, "E": "E" in flags, "void": "void" in flags, "fields": {}}
        for f in flags:
            if f.startswith("containers="):
                info["containers"] = int(f.split("=")[1])
        for spec in filter(None, (s.strip() for s in fields.split(","))):
            parts = spec.split(":")
            name, shape = parts[0], parts[1]
            ftype = parts[2] if len(parts) > 2 else ""
            fl = parts[3] if len(parts) > 3 else ""
            info["fields"][name] = (shape, ftype, "".join(sorted(fl)))
        entries[path] = info
    return entries


def _ours():
    found = {}
    for mod in WIDGET_MODULES:
        for cls in widgets_in_module(mod):
            found[cls.class_path()] = cls
    return found


def test_catalogue_has_165_widgets():
    assert len(_catalogue()) == 165


def test_every_catalogue_widget_exists():
    missing = sorted(set(_catalogue()) - set(_ours()))
    assert not missing, f"{len(missing)} catalogue widgets missing: {missing}"


def test_no_widget_outside_catalogue_in_legacy_modules():
    extra = sorted(set(_ours()) - set(_catalogue()))
    assert not extra


def _cases():
    try:
        return sorted(_catalogue().items())
    except BaseException:
        return []


@pytest.mark.parametrize("path,info", _cases(), ids=lambda v: v if isinstance(v, str) else "")
def test_widget_fields_match_catalogue(path, info):
    try:
        cls = widget_class(path)
    except KeyError:
        pytest.fail(f"{path} is not implemented")
    assert cls.containers == info["containers"]
    assert cls.error_display == info["E"]
    assert cls.void == info["void"]
    implicit = COMMON | (ERRORS if info["E"] else set())
    own = set(cls.field_table) - implicit
    wanted = info["fields"]
    assert own == set(wanted) - implicit, \
        f"missing {sorted(set(wanted) - implicit - own)}, extra {sorted(own - set(wanted))}"
    for name, (shape, ftype, flags) in wanted.items():
        f = cls.field_table[name]
        assert f.shape == shape, f"{name}: shape {f.shape} != {shape}"
        assert f.ftype == ftype, f"{name}: type {f.ftype!r} != {ftype!r}"
        assert "".join(sorted(f.flags())) == flags, f"{name}: flags {f.flags()} != {flags}"


@pytest.mark.parametrize("path", sorted(_ours()))
def test_widget_renders_with_default_fields(path):
    cls = widget_class(path)
    html = render_standalone(cls, "wname", containers=["<p>c</p>"] * cls.containers)
    assert isinstance(html, str)
