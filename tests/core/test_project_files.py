"""Project files: clear errors for bad files, and lossless load → save → load of legacy projects."""

import json
import pathlib

import pytest
from projects import Client, make_app, project_data, responder, template, widget, write_project

from skipole import WSGIApplication
from skipole.atomic import write_json
from skipole.exceptions import ProjectFileError
from skipole.project.loader import load_project_files

LEGACY = pathlib.Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "legacy"
LEGACY_NAMES = sorted(p.parent.parent.name for p in LEGACY.glob("*/data/project.json"))


def load_error(tmp_path, data=None, raw=None, name="broken", **kw):
    """Write a project and return the ProjectFileError its loading raises."""
    write_project(tmp_path, name, data, raw_project_json=raw, **kw)
    with pytest.raises(ProjectFileError) as info:
        WSGIApplication(name, str(tmp_path))
    return info.value


def pfile(tmp_path, name="broken"):
    return str(tmp_path / name / "data" / "project.json")


class TestBadProjectFiles:
    def test_invalid_json_names_the_file_and_the_position(self, tmp_path):
        err = load_error(tmp_path, raw='{"url": "/",\n "RootFolder": {,}}')
        assert err.file == pfile(tmp_path)
        assert pfile(tmp_path) in str(err)
        assert "line 2 column" in str(err) and "invalid JSON" in str(err)

    def test_a_missing_project_json(self, tmp_path):
        (tmp_path / "empty" / "data").mkdir(parents=True)
        with pytest.raises(ProjectFileError) as info:
            WSGIApplication("empty", str(tmp_path))
        assert "project.json" in str(info.value) and "not found" in str(info.value)

    def test_a_missing_root_folder(self, tmp_path):
        data = project_data()
        del data["RootFolder"]
        err = load_error(tmp_path, data)
        assert pfile(tmp_path) in str(err) and "RootFolder" in str(err)

    def test_a_page_without_an_ident(self, tmp_path):
        page = template(5, title="x")
        del page["ident"]
        err = load_error(tmp_path, project_data(pages={"noident": page}))
        assert err.item == "page 'noident'"
        assert "page 'noident'" in str(err) and "'ident'" in str(err)

    def test_duplicate_idents_name_both_items(self, tmp_path):
        sub = {"ident": 10, "brief": "", "default_page_name": "index", "restricted": False, "folders": {},
               "pages": {"second": template(5, title="second")}}
        err = load_error(tmp_path, project_data(pages={"first": template(5, title="first")},
                                                folders={"sub": sub}))
        assert pfile(tmp_path) in str(err)
        assert "page 'second' in folder 'sub'" in str(err)
        assert "ident 5 is also used by page 'first'" in str(err)

    def test_an_unknown_page_type(self, tmp_path):
        err = load_error(tmp_path, project_data(pages={"odd": {"ident": 5, "brief": "", "WebPage": {}}}))
        assert err.item == "page 'odd'" and "page type" in str(err)

    def test_two_page_types_in_one_page(self, tmp_path):
        page = template(5, title="x")
        page["JSON"] = {"content": {}}
        err = load_error(tmp_path, project_data(pages={"double": page}))
        assert err.item == "page 'double'" and "exactly one page type" in str(err)

    def test_a_template_without_a_body(self, tmp_path):
        page = template(5, title="x")
        del page["body"]
        err = load_error(tmp_path, project_data(pages={"headless": page}))
        assert "page 'headless'" in str(err) and "'body'" in str(err)

    def test_a_responder_without_a_class(self, tmp_path):
        page = responder(5, "NoOperation", target=1)
        del page["RespondPage"]["class"]
        err = load_error(tmp_path, project_data(pages={"resp": page}))
        assert "page 'resp'" in str(err) and "class" in str(err)

    def test_a_bad_element_in_a_page_tree(self, tmp_path):
        page = template(5, ["Bogus", {}], title="x")
        err = load_error(tmp_path, project_data(pages={"bad": page}))
        assert "page 'bad' body" in str(err) and "Bogus" in str(err)

    def test_a_bad_section(self, tmp_path):
        err = load_error(tmp_path, project_data(sections={"nav": ["Part", {}]}))
        assert err.item == "section 'nav'"

    def test_a_file_from_a_newer_skipole_is_refused(self, tmp_path):
        data = project_data()
        data["skipole"] = "6.0.0"
        err = load_error(tmp_path, data)
        assert err.item == "skipole" and "6.0.0" in str(err)

    def test_a_bad_textblock_file_is_named(self, tmp_path):
        err = load_error(tmp_path, project_data(), textblocks={"en": {"ref": ["not", "text"]}})
        assert err.file.endswith("en.json") and "TextBlock" in str(err)

    def test_a_bad_project_name(self, tmp_path):
        with pytest.raises(ProjectFileError) as info:
            load_project_files(str(tmp_path), "bad_name")
        assert "letters and digits" in str(info.value)

    def test_an_unknown_widget_class_fails_only_its_page(self, tmp_path):
        app = make_app(tmp_path, pages={"bad": template(5, widget("paras.NoSuchWidget", "w"), title="bad")})
        client = Client(app)
        assert client.get("/bad").code == 500
        assert client.get("/").code == 200


class TestRoundTrip:
    def test_the_legacy_fixtures_are_present(self):
        assert {"pi01", "pi02", "skitest"} <= set(LEGACY_NAMES), f"fixtures missing under {LEGACY}"

    @pytest.mark.parametrize("name", LEGACY_NAMES)
    def test_load_save_load_is_lossless(self, name, tmp_path):
        original = (LEGACY / name / "data" / "project.json").read_bytes()
        model = load_project_files(str(LEGACY), name)
        # everything the runtime looks at is touched before saving
        assert model.labels is not None and model.sections is not None
        for item in model.root.walk():
            assert item.ident is not None

        target = tmp_path / name / "data" / "project.json"
        target.parent.mkdir(parents=True)
        write_json(target, model.data)
        written = target.read_bytes()
        assert written == json.dumps(model.data, indent=0).encode("ascii")
        # the editor wrote indent=0 JSON; one fixture also ends with a newline
        assert original in (written, written + b"\n"), f"{name}: saving changed project.json"

        again = load_project_files(str(tmp_path), name)
        assert again.data == model.data
        assert sorted(again.items) == sorted(model.items)


@pytest.mark.parametrize("name", LEGACY_NAMES)
def test_project_save_writes_an_unedited_project_back_byte_for_byte(name, tmp_path):
    model = load_project_files(str(LEGACY), name)
    datadir = tmp_path / name / "data"
    model.save(str(datadir))
    assert (datadir / "project.json").read_bytes() == (LEGACY / name / "data" / "project.json").read_bytes()
    again = load_project_files(str(tmp_path), name)
    assert again.data == model.data and again.textblocks == model.textblocks


def test_project_save_refuses_a_broken_model(tmp_path):
    model = load_project_files(str(LEGACY), LEGACY_NAMES[0])
    model.data["RootFolder"]["pages"]["bad"] = {"ident": 0, "brief": "clashes with the root"}
    with pytest.raises(ProjectFileError):
        model.save(str(tmp_path / "data"))
    assert not (tmp_path / "data" / "project.json").exists()
