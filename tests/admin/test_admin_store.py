"""The AdminStore: drafts kept apart from the served project, versions and conflicts, publish
validation, history with revert, discard, callbacks, queries and recovery."""

import json
import pathlib
import shutil
import threading

import pytest

from skipole import WSGIApplication
from skipole.admin import AdminError, AdminStore, Conflict, PublishRefused
from skipole.admin.edits import DraftData
from skipole.admin.storage import read_files
from skipole.admin.validation import format_problem, validate_draft
from tests.admin.admin_helpers import NAME, data_files, new_store, small_project
from tests.conftest import LEGACY, need
from tests.core.projects import Client


def serve(store):
    """The project served as a WSGI application, and a client for it."""
    app = WSGIApplication(store.name, store.projectfiles)
    return app, Client(app)


def test_draft_isolation_until_publish(tmp_path):
    store = new_store(tmp_path)
    app, client = serve(store)
    store.on_publish = app.replace_project
    before = data_files(store.projectdir)
    v = store.version
    v = store.apply("set_widget_field", v, page=1, location="body-1", field="para_text", value="Draft text")["version"]
    v = store.apply("create_page", v, folder=0, name="fresh", page_type="template", brief="Fresh page")["version"]
    assert data_files(store.projectdir) == before, "edits never touch data/"
    assert (tmp_path / "state" / "admin" / "draft" / "project.json").is_file()
    assert "Hello" in client.get("/").text and "Draft text" not in client.get("/").text
    assert client.get("/fresh").code == 404
    assert store.query("tree_outline", page=1)["result"][2]["name"] == "hello"
    result = store.publish(v, note="new text", by="alice")
    assert result["version"] == v + 1 and result["callback_error"] is None
    assert "Draft text" in client.get("/").text
    assert client.get("/fresh").code == 200
    assert not (tmp_path / "state" / "admin" / "draft").exists()
    assert store.status()["has_draft"] is False


def test_queries_read_the_draft_and_return_the_version(tmp_path):
    store = new_store(tmp_path)
    v = store.apply("set_project_brief", store.version, brief="in the draft")["version"]
    info = store.query("project_info")
    assert info == {"version": v, "result": info["result"]}
    assert info["result"]["brief"] == "in the draft" and info["result"]["languages"] == ["en", "fr"]
    tree = store.query("site_tree")["result"]
    assert [p["name"] for p in tree["pages"]][:3] == ["index", "form", "submit"]
    assert tree["folders"][0]["name"] == "sub" and tree["folders"][0]["folders"][0]["path"] == "/sub/deep/"
    item = store.query("item_info", item="home")["result"]
    assert item["ident"] == 1 and item["labels"] == ["home"] and item["trees"] == ["head", "body"]
    element = store.query("element_info", page=2, location="body-1-c0-0")["result"]
    fields = {f["name"]: f for f in element["widget"]["fields"]}
    assert fields["input_text"]["help"] and element["values"]["input_text"] == ""
    refs = store.query("find_references", item=1)["result"]
    assert {"where": "label 'home'", "what": "label"} in refs
    assert any(r["what"] == "target_ident" for r in refs)
    assert store.query("next_ident")["result"] > 904
    assert store.query("list_textblocks", search="bonjour")["result"]["items"] == [
        {"textref": "greeting", "texts": {"en": "Hello there", "fr": "Bonjour"}}]
    assert store.query("list_sections")["result"][0]["used_by"] == ["page /index (ident 1)"]
    assert store.query("export_page", page=4)["result"]["page"]["CSS"]["style"] == {"body": [["color", "black"]]}
    assert {r["class"] for r in store.query("responder_catalogue")["result"]} >= {"AllowStore", "NoOperation"}
    with pytest.raises(AdminError, match="unknown query"):
        store.query("nothing")
    with pytest.raises(AdminError, match="unexpected keyword"):
        store.query("site_tree", colour=1)


def test_operations_and_queries_are_documented():
    ops = AdminStore.operations()
    assert len(ops) > 60 and all(op["help"] for op in ops)
    names = {op["name"]: op for op in ops}
    assert names["copy_to_clipboard"]["changes"] is False and names["insert_widget"]["changes"] is True
    assert {"name": "brief", "default": ""} in names["create_folder"]["params"]
    assert all(q["help"] for q in AdminStore.queries())


def test_stale_version_is_a_conflict_and_changes_nothing(tmp_path):
    store = new_store(tmp_path)
    v0 = store.version
    v1 = store.apply("set_project_brief", v0, brief="first")["version"]
    draft_before = read_files(store.draft_dir)
    with pytest.raises(Conflict) as info:
        store.apply("set_project_brief", v0, brief="second")
    assert info.value.current_version == v1 and "reload" in str(info.value)
    assert read_files(store.draft_dir) == draft_before
    for call in (lambda: store.publish(v0), lambda: store.discard_draft(v0),
                 lambda: store.revert(1, v0), lambda: store.restore(store.backup(), v0)):
        with pytest.raises(Conflict):
            call()
    with pytest.raises(AdminError, match="expected_version is needed"):
        store.apply("set_project_brief", None, brief="x")


def test_two_stores_on_one_project_detect_each_other(tmp_path):
    a = new_store(tmp_path)
    b = AdminStore(a.projectdir, a.state_dir)
    v = a.version
    assert b.version == v
    v1 = a.apply("set_project_brief", v, brief="from a")["version"]
    with pytest.raises(Conflict):
        b.apply("set_project_brief", v, brief="from b")
    assert b.query("project_info")["result"]["brief"] == "from a", "b sees a's draft"
    v2 = b.apply("set_project_version", v1, version="9")["version"]
    info = a.query("project_info")
    assert info["version"] == v2 and info["result"]["version"] == "9" and info["result"]["brief"] == "from a"


def test_concurrent_threads_exactly_one_wins_each_version(tmp_path):
    store = new_store(tmp_path)
    v = store.version
    outcomes = []

    def worker(i):
        try:
            store.apply("set_textblock", v, by=f"user{i}", textref=f"t{i}", text="x")
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * 7 + ["ok"]
    blocks = store.query("list_textblocks")["result"]["items"]
    assert sum(1 for b in blocks if b["textref"].startswith("t")) == 1


def test_publish_refuses_a_broken_draft(tmp_path):
    store = new_store(tmp_path)
    before = data_files(store.projectdir)
    v = store.version
    v = store.apply("delete_page", v, page=1)["version"]          # a responder, two labels and a link use it
    v = store.apply("rename_section", v, name="nav", new_name="menu", update_placeholders=False)["version"]
    with pytest.raises(PublishRefused) as info:
        store.publish(v)
    text = "\n".join(format_problem(p) for p in info.value.errors)
    assert "target_ident: there is no page or folder with ident 1" in text
    assert "label 'home'" in text
    assert "link_ident" in text
    assert data_files(store.projectdir) == before
    assert store.version == v, "a refused publish changes nothing"
    assert store.validate() == info.value.problems


def test_validation_finds_each_kind_of_error(tmp_path):
    store = new_store(tmp_path)
    draft = DraftData.from_files(read_files(store.datadir), NAME, projectfiles=store.projectfiles)
    body = draft.data["RootFolder"]["pages"]["index"]["body"][1]["parts"]
    body.append(["Widget", {"class": "paras.NoSuchWidget", "name": "w1", "fields": {}}])
    body.append(["Widget", {"class": "info.ProgressBar2", "name": "w2", "fields": {"value": "lots"}}])
    body.append(["Widget", {"class": "paras.ParaText", "name": "w3", "fields": {"para_text": "x", "colour": 1}}])
    body.append(["SectionPlaceHolder", {"section_name": "gone", "placename": "gone"}])
    form = draft.data["RootFolder"]["pages"]["form"]["body"][1]["parts"][1][1]["container_0"][0][1]
    form["validators"] = {"input_text": [{"class": "basic.MaxLength", "val_args": {"maxlength": "x"}}]}
    draft.data["RootFolder"]["pages"]["submit"]["RespondPage"]["original_args"]["target_ident"] = None
    draft.data["specialpages"]["broken"] = 4040
    problems = validate_draft(draft)
    errors = [format_problem(p) for p in problems if p["level"] == "error"]
    warnings = [format_problem(p) for p in problems if p["level"] == "warning"]
    expected = ["unknown widget class 'paras.NoSuchWidget'", "'lots' is not a whole number",
                "section 'gone' does not exist", "maxlength", "the AllowStore responder needs target_ident",
                "label 'broken': there is no page or folder with ident 4040"]
    for text in expected:
        assert any(text in e for e in errors), (text, errors)
    assert any("has no field 'colour'" in w for w in warnings)
    located = [p for p in problems if "NoSuchWidget" in p["message"]][0]
    assert located["ident"] == 1 and located["location"] == "body-5"


def test_publish_needs_a_draft_and_warns_of_outside_changes(tmp_path):
    store = new_store(tmp_path)
    with pytest.raises(AdminError, match="no unpublished changes"):
        store.publish(store.version)
    v = store.apply("set_project_brief", store.version, brief="draft")["version"]
    pfile = pathlib.Path(store.projectdir) / "data" / "project.json"
    data = json.loads(pfile.read_text())
    data["version"] = "edited by hand"
    pfile.write_text(json.dumps(data, indent=0))
    assert store.status()["draft"]["base_changed"] is True
    with pytest.raises(Conflict, match="changed outside skiadmin"):
        store.publish(v)
    store.publish(v, force=True, note="over the hand edit")
    kinds = [e["kind"] for e in store.history()]
    assert kinds == ["publish", "found"], "the hand-edited version was kept in the history first"


def test_history_is_bounded_and_revert_publishes_an_old_version(tmp_path):
    store = new_store(tmp_path, history_limit=3)
    versions = {}
    v = store.version
    for i in range(5):
        v = store.apply("set_project_brief", v, brief=f"brief {i}")["version"]
        result = store.publish(v, note=f"publish {i}", by="bob")
        v = result["version"]
        versions[result["entry"]] = data_files(store.projectdir)
    history = store.history()
    assert len(history) == 3
    assert [e["note"] for e in history] == ["publish 4", "publish 3", "publish 2"]
    assert history[0]["current"] and not history[1]["current"]
    assert all(e["by"] == "bob" and e["time"].endswith("Z") for e in history)
    assert len(list(pathlib.Path(store.history_dir).glob("*.json.gz"))) == 3
    old = history[2]["id"]
    result = store.revert(old, v, by="carol")
    assert data_files(store.projectdir) == versions[old]
    history = store.history()
    assert history[0]["kind"] == "revert" and history[0]["by"] == "carol" and history[0]["current"]
    assert f"#{old}" in history[0]["note"]
    assert len(history) == 3
    with pytest.raises(AdminError, match="no history entry"):
        store.revert(1, result["version"])


def test_revert_refuses_while_a_draft_exists(tmp_path):
    store = new_store(tmp_path)
    v = store.apply("set_project_brief", store.version, brief="one")["version"]
    v = store.publish(v)["version"]
    v = store.apply("set_project_brief", v, brief="unpublished")["version"]
    first = store.history()[-1]["id"]
    with pytest.raises(AdminError, match="unpublished changes"):
        store.revert(first, v)
    result = store.revert(first, v, discard_draft=True)
    assert store.status()["has_draft"] is False
    assert store.query("project_info")["result"]["brief"] == "test project"
    assert result["version"] == v + 1


def test_discard_draft(tmp_path):
    store = new_store(tmp_path)
    before = data_files(store.projectdir)
    with pytest.raises(AdminError, match="no draft"):
        store.discard_draft(store.version)
    v = store.apply("delete_page", store.version, page=2)["version"]
    assert store.discard_draft(v, by="dave") == {"version": v + 1}
    assert store.status() == {"version": v + 1, "has_draft": False, "draft": None, "published_entry": None}
    assert data_files(store.projectdir) == before
    assert store.query("item_info", item=2)["result"]["name"] == "form"


def test_idents_are_never_reused_across_drafts(tmp_path):
    store = new_store(tmp_path)
    v = store.apply("create_page", store.version, folder=0, name="a", page_type="css")
    ident = v["result"]
    v = store.apply("delete_page", v["version"], page=ident)["version"]
    v = store.publish(v)["version"]
    again = store.apply("create_page", v, folder=0, name="b", page_type="css")["result"]
    assert again > ident


def test_callback_errors_are_reported_not_raised(tmp_path):
    def broken(model):
        raise RuntimeError("app is gone")
    store = new_store(tmp_path, on_publish=broken)
    v = store.apply("set_project_brief", store.version, brief="x")["version"]
    result = store.publish(v)
    assert result["callback_error"] == "RuntimeError: app is gone"
    assert json.loads((pathlib.Path(store.projectdir) / "data" / "project.json").read_text())["brief"] == "x"


def test_unchanged_files_are_published_byte_for_byte(tmp_path):
    store = new_store(tmp_path)
    before = data_files(store.projectdir)
    v = store.apply("set_textblock", store.version, textref="greeting", text="Salut", language="fr")["version"]
    store.publish(v)
    after = data_files(store.projectdir)
    assert after["project.json"] == before["project.json"]
    assert after["defaults.json"] == before["defaults.json"]
    assert after["textblocks_json/en.json"] == before["textblocks_json/en.json"]
    assert json.loads(after["textblocks_json/fr.json"]) == {"greeting": "Salut"}


def test_recovery_drops_a_draft_that_was_already_published(tmp_path):
    store = new_store(tmp_path)
    v = store.apply("set_project_brief", store.version, brief="published")["version"]
    kept = tmp_path / "kept-draft"
    shutil.copytree(store.draft_dir, kept)
    store.publish(v)
    shutil.copytree(kept, store.draft_dir)   # as if the process died after writing data/
    reopened = AdminStore(store.projectdir, store.state_dir)
    assert reopened.status()["has_draft"] is False
    assert reopened.version > v


def test_unknown_operation_and_bad_arguments(tmp_path):
    store = new_store(tmp_path)
    with pytest.raises(AdminError, match="unknown operation"):
        store.apply("format_disk", store.version)
    with pytest.raises(AdminError, match="missing a required argument"):
        store.apply("create_folder", store.version, parent=0)
    assert store.status()["has_draft"] is False
    with pytest.raises(AdminError, match="not a project directory"):
        AdminStore(tmp_path / "nothing", tmp_path / "state2")


def test_clipboard_is_per_user_and_survives_reopening(tmp_path):
    store = new_store(tmp_path)
    v = store.version
    store.apply("copy_to_clipboard", v, by="ann", page=1, location="body-1")
    assert store.version == v, "copying changes nothing in the project"
    with pytest.raises(AdminError, match="clipboard is empty"):
        store.apply("paste_from_clipboard", v, by="ben", page=11, location="body-0")
    reopened = AdminStore(store.projectdir, store.state_dir)
    result = reopened.apply("paste_from_clipboard", v, by="ann", page=11, location="body-0")
    assert result["result"] == "body-0"
    assert reopened.query("element_info", page=11, location="body-0")["result"]["element"][1]["name"] == "hello"


def test_draft_model_previews_unpublished_edits(tmp_path):
    store = new_store(tmp_path)
    v = store.apply("set_widget_field", store.version, page=1, location="body-1", field="para_text",
                    value="Preview me")["version"]
    model = store.draft_model()
    app = WSGIApplication(store.name, store.projectfiles, model=model)
    assert "Preview me" in Client(app).get("/").text
    store.apply("set_widget_field", v, page=1, location="body-1", field="para_text", value="Later")
    assert "Preview me" in Client(app).get("/").text, "the preview model is a copy"


def test_legacy_pi02_edit_and_publish(tmp_path):
    src = need(LEGACY / "pi02")
    projectfiles = tmp_path / "projectfiles"
    shutil.copytree(src, projectfiles / "pi02")
    original = data_files(projectfiles / "pi02")
    app = WSGIApplication("pi02", str(projectfiles))
    store = AdminStore(projectfiles / "pi02", tmp_path / "state", on_publish=app.replace_project)
    assert not [p for p in store.validate() if p["level"] == "error"]
    outline = store.query("tree_outline", page=2003)["result"]
    main = next(r for r in outline if r.get("brief") == "panel")
    v = store.apply("insert_widget", store.version, page=2003, location=main["location"] + "-1",
                    widget_class="paras.ParaText", name="note", fields={"para_text": "Added in skiadmin"})["version"]
    v = store.apply("set_textblock", v, textref="information.01", text="Changed text")["version"]
    store.publish(v, note="note on the control page", by="admin")
    page = app.renderer.template_plan(app.project_model.page(2003))
    assert "note" in page.widgets
    after = data_files(projectfiles / "pi02")
    assert after["defaults.json"] == original["defaults.json"], "unchanged legacy files stay byte for byte"
    assert json.loads(after["project.json"])["RootFolder"] != json.loads(original["project.json"])["RootFolder"]


def test_small_project_is_valid_to_start_with(tmp_path):
    projdir = small_project(tmp_path)
    draft = DraftData.from_files(read_files(projdir / "data"), NAME, projectfiles=str(projdir.parent))
    assert not [format_problem(p) for p in validate_draft(draft) if p["level"] == "error"]


def test_recovery_records_a_publish_interrupted_before_its_history_entry(tmp_path, monkeypatch):
    store = new_store(tmp_path)
    v = store.apply("set_project_brief", store.version, by="fay", brief="half done")["version"]
    real_add = AdminStore._history_add

    def crash(self, files, kind, by, note):
        if kind == "publish":
            raise KeyboardInterrupt("power cut")
        return real_add(self, files, kind, by, note)
    monkeypatch.setattr(AdminStore, "_history_add", crash)
    with pytest.raises(KeyboardInterrupt):
        store.publish(v, note="never recorded")
    monkeypatch.undo()
    assert json.loads((pathlib.Path(store.projectdir) / "data" / "project.json").read_text())["brief"] == "half done"
    reopened = AdminStore(store.projectdir, store.state_dir)
    assert reopened.status()["has_draft"] is False
    newest = reopened.history()[0]
    assert newest["kind"] == "publish" and newest["by"] == "fay" and newest["current"]
    assert "interruption" in newest["note"]
