"""Locations, the catalogues the admin offers, and publishing a generated 500-page project."""

import pathlib

import pytest

from skipole import WSGIApplication
from skipole.admin import AdminError, AdminStore, format_location, parse_location
from skipole.admin.catalogue import (RESPONDER_SETTINGS, element_kinds, page_kinds, responder_catalogue,
                                     validator_catalogue, widget_catalogue, widget_info)
from skipole.responders import LEGACY_RESPONDERS, RESPONDERS
from tests.admin.admin_helpers import big_project, data_files


@pytest.mark.parametrize("text, expected", [
    ("body", ("body",)),
    ("body-2-0", ("body", 2, 0)),
    ("body-2-c0-1", ("body", 2, "c0", 1)),
    (["head", 1], ("head", 1)),
    (("svg", "3", "c12", 0), ("svg", 3, "c12", 0)),
    ("section-0", ("section", 0)),
])
def test_locations_parse_and_format(text, expected):
    assert parse_location(text) == expected
    assert parse_location(format_location(expected)) == expected


@pytest.mark.parametrize("bad, match", [
    ("", "empty"), ("foot-1", "starts with"), ("body-x", "bad location item"), ("body-c0", "may not end"),
    ("body-1-c0-c1-0", "followed by a position"), (["body", True], "bad location item"), (17, "a location is"),
    ("body-" + "-".join(["0"] * 70), "too deep"), ("body--1", "bad location item"),
])
def test_bad_locations(bad, match):
    with pytest.raises(AdminError, match=match):
        parse_location(bad)


def test_catalogues():
    names = {r["class"] for r in responder_catalogue()}
    assert names == set(RESPONDERS)
    assert set(LEGACY_RESPONDERS) <= set(RESPONDER_SETTINGS), "every 5.x responder has its admin settings"
    allow = next(r for r in responder_catalogue() if r["class"] == "AllowStore")
    assert allow["description"] and allow["fields"] == "widgfields"
    assert {"name": "target_ident", "kind": "page", "required": True} .items() <= allow["args"][0].items()
    modules = widget_catalogue()
    assert len([c for m in modules for c in m["classes"]]) >= 165
    assert widget_catalogue("paras")[0]["module"] == "paras"
    info = widget_info("inputtext.TextInput1", {"widgets": {"inputtext": {"TextInput1": {"size": "10"}}}})
    fields = {f["name"]: f for f in info["fields"]}
    assert info["void"] and fields["input_text"]["validators"] and fields["size"]["project_default"] == "10"
    assert all(f["help"] for f in info["fields"])
    validators = {c["class"] for m in validator_catalogue() for c in m["classes"]}
    assert {"basic.MaxLength", "paths.IdentExists"} <= validators
    assert [p["type"] for p in page_kinds()] == ["template", "responder", "css", "svg", "json", "file"]
    assert "Widget" in [e["kind"] for e in element_kinds()]


def test_publishing_a_500_page_project(tmp_path):
    """The timing itself is measured by bench/admin_publish.py; this checks the work is right."""
    projdir = big_project(tmp_path, 500)
    app = WSGIApplication(projdir.name, str(projdir.parent))
    store = AdminStore(projdir, tmp_path / "state", on_publish=app.replace_project)
    info = store.query("project_info")["result"]
    assert info["pages"] >= 500
    assert not [p for p in store.validate() if p["level"] == "error"]
    v = store.apply("set_widget_field", store.version, page=101, location="body-2", field="para_text",
                    value="Edited")["version"]
    before = data_files(projdir)
    result = store.publish(v, note="bench", by="admin")
    assert result["callback_error"] is None
    after = data_files(projdir)
    assert after["project.json"] != before["project.json"]
    assert after["textblocks_json/en.json"] == before["textblocks_json/en.json"]
    assert b"Edited" in after["project.json"]
    assert len(app.project_model.items) == len(WSGIApplication(projdir.name, str(projdir.parent)).project_model.items)
    assert "Edited" in str(app.project_model.page(101).raw["body"])
    assert pathlib.Path(store.history_dir, "index.json").is_file()
