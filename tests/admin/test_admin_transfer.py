"""Export and import of pages, folders, sections and elements; backup and restore archives,
and the hostile archives restore refuses."""

import gzip
import hashlib
import io
import json
import tarfile

import pytest

from skipole.admin import AdminError, PublishRefused
from skipole.admin.archive import MAX_ARCHIVE, make_backup, read_backup
from skipole.admin.edits import OPERATIONS, QUERIES, item_index
from skipole.admin.validation import validate_draft
from tests.admin.admin_helpers import data_files, find, new_store, run, small_draft


def errors(draft):
    return [p for p in validate_draft(draft) if p["level"] == "error"]


# ---- export / import ------------------------------------------------------------------------------

def test_page_round_trip(tmp_path):
    draft = small_draft(tmp_path)
    exported = QUERIES["export_page"](draft, page=2)
    assert exported["skipole"] == "page" and exported["name"] == "form"
    text = json.dumps(exported)                  # what a download holds
    new = run(draft, "import_page", folder=10, definition=text)
    copy = find(draft, new)
    original = find(draft, 2)
    assert new != 2 and copy["ident"] == new
    assert {k: v for k, v in copy.items() if k != "ident"} == {k: v for k, v in original.items() if k != "ident"}
    assert "form" in find(draft, 10)["pages"]
    again = run(draft, "import_page", folder=10, definition=exported, name="form2")
    assert again > new
    assert not errors(draft)


def test_folder_round_trip_reallocates_idents_and_links(tmp_path):
    draft = small_draft(tmp_path)
    # a responder in the folder pointing at a page of the same folder
    run(draft, "create_page", folder=10, name="go", page_type="responder",
        settings={"responder": "NoOperation", "args": {"target_ident": 12}})
    exported = QUERIES["export_folder"](draft, folder=10)
    new = run(draft, "import_folder", parent=0, definition=json.dumps(exported), name="copyofsub")
    index = item_index(draft)
    copied = [e for e in index.values() if e.segments[:1] == ["copyofsub"]]
    old = [e for e in index.values() if e.segments[:1] == ["sub"]]
    assert len(copied) == len(old) == 6
    assert not {e.ident for e in copied} & {e.ident for e in old}, "every imported item has a new ident"
    go = next(e for e in copied if e.name == "go")
    other = next(e for e in copied if e.name == "other")
    assert go.raw["RespondPage"]["original_args"]["target_ident"] == other.ident, "links inside follow"
    assert find(draft, new)["folders"]["deep"]["pages"]["leaf"]["TemplatePage"] == find(draft, 14)["TemplatePage"]
    assert not errors(draft)
    run(draft, "copy_folder", folder="/sub/deep", parent="/copyofsub", name="deep2")
    assert "deep2" in find(draft, new)["folders"]


def test_section_and_element_round_trip(tmp_path):
    draft = small_draft(tmp_path)
    exported = QUERIES["export_section"](draft, name="nav")
    assert run(draft, "import_section", definition=json.dumps(exported), name="nav2") == "nav2"
    assert draft.sections["nav2"] == draft.sections["nav"]
    element = QUERIES["export_element"](draft, page=2, location="body-1")
    assert element["element"][1]["class"] == "inputforms.Form1"
    loc = run(draft, "insert_element", page=11, location="body-0", element=element["element"])
    assert find(draft, 11)["body"][1]["parts"][0][1]["container_0"][0][1]["name"] == "name"
    assert loc == "body-0"
    assert not errors(draft)


def test_imports_refuse_bad_definitions(tmp_path):
    draft = small_draft(tmp_path)
    before = draft.to_files()
    cases = [
        ("import_page", {"folder": 0, "definition": "{not json"}, "not valid JSON"),
        ("import_page", {"folder": 0, "definition": {"skipole": "section", "section": []}}, "not a page definition"),
        ("import_page", {"folder": 0, "definition": {"skipole": "page", "page": {"ident": 1}}, "name": "x"},
         "exactly one type key"),
        ("import_page", {"folder": 0, "definition": QUERIES["export_page"](draft, page=1)}, "already holds"),
        ("import_page", {"folder": 0, "name": "x", "definition": {"skipole": "page", "page": {
            "ident": 5, "TemplatePage": {}, "head": ["Part", {"tag_name": "head"}],
            "body": ["Part", {"tag_name": "body", "parts": [["Widget", {"class": "evil.Script"}]]}]}}},
         "unknown widget module"),
        ("import_page", {"folder": 0, "name": "x", "definition": {"FilePage": {"filepath": "../../etc/passwd"}}},
         r"'\.\.'"),
        ("import_page", {"folder": 0, "name": "x", "definition": {"RespondPage": {"class": "Nope"}}},
         "unknown responder"),
        ("import_folder", {"parent": 0, "definition": {"skipole": "folder", "folder": {"pages": {"a b": {}}}},
                           "name": "f"}, "not allowed"),
        ("import_folder", {"parent": 0, "definition": {"skipole": "folder", "format": 99, "folder": {}}},
         "newer skiadmin"),
        ("import_section", {"definition": {"skipole": "section", "name": "s", "section": [
            "Section", {"parts": [["SectionPlaceHolder", {"section_name": "nav"}]]}]}},
         "cannot hold a section placeholder"),
        ("import_section", {"definition": QUERIES["export_section"](draft, name="nav")}, "already a section"),
        ("insert_element", {"page": 1, "location": "body-0", "element": ["Part", {"tag_name": "div",
                                                                                    "onclick": "x"}]},
         "unknown keys"),
    ]
    for op, kwargs, match in cases:
        with pytest.raises(AdminError, match=match):
            OPERATIONS[op](draft, **kwargs)
        assert draft.to_files() == before, op


# ---- backup and restore ------------------------------------------------------------------------------

def test_backup_restore_round_trip(tmp_path):
    store = new_store(tmp_path)
    (tmp_path / "projectfiles" / "adminproj" / "hardware.toml").write_text(
        '[devices.relay1]\nkind = "output"\npin = 17\n')
    state = tmp_path / "state"
    (state / "devices.json").write_text('{"format": 1, "devices": {}}')
    for secret in ("users.json", "sessions.json", "tokens.json", "secret_key"):
        (state / secret).write_text("SECRET")
    original = data_files(store.projectdir)
    archive = store.backup(include_state=True)
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
        names = tar.getnames()
        assert not any("SECRET" in tar.extractfile(m).read().decode() for m in tar.getmembers() if m.isfile())
    assert "state/devices.json" in names and "hardware.toml" in names and "data/project.json" in names
    assert not any(n.endswith(("users.json", "sessions.json", "tokens.json", "secret_key")) for n in names)
    plain = store.backup()
    with tarfile.open(fileobj=io.BytesIO(plain), mode="r:gz") as tar:
        assert not [n for n in tar.getnames() if n.startswith("state")]
    # change the project, then restore the backup
    v = store.apply("delete_page", store.version, page=2)["version"]
    v = store.apply("set_label", v, label="formpage", target=1)["version"]
    v = store.publish(v)["version"]
    (tmp_path / "projectfiles" / "adminproj" / "hardware.toml").write_text("")
    (state / "devices.json").write_text("changed")
    result = store.restore(archive, v, by="eve", restore_state=True)
    assert data_files(store.projectdir) == original
    assert "relay1" in (tmp_path / "projectfiles" / "adminproj" / "hardware.toml").read_text()
    assert (state / "devices.json").read_text() == '{"format": 1, "devices": {}}'
    assert (state / "users.json").read_text() == "SECRET"
    entry = store.history()[0]
    assert entry["kind"] == "restore" and entry["by"] == "eve" and entry["id"] == result["entry"]


def _tar(members, gz=True):
    """A .tar.gz from ``[(name, bytes or TarInfo-tweaker)]`` with a correct manifest for the files."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        manifest = {"skipole_backup": 1, "project": "x", "files": {}}
        files = [(n, d) for n, d in members if isinstance(d, bytes)]
        manifest["files"] = {n: hashlib.sha256(d).hexdigest() for n, d in files}
        entries = [("manifest.json", json.dumps(manifest).encode())] + list(members)
        for name, data in entries:
            info = tarfile.TarInfo(name)
            if isinstance(data, bytes):
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            else:
                data(info)
                tar.addfile(info)
    return gzip.compress(buf.getvalue()) if gz else buf.getvalue()


def _symlink(info):
    info.type = tarfile.SYMTYPE
    info.linkname = "/etc/passwd"


def _hardlink(info):
    info.type = tarfile.LNKTYPE
    info.linkname = "data/project.json"


def _device(info):
    info.type = tarfile.CHRTYPE


@pytest.mark.parametrize("members, match", [
    ([("/data/project.json", b"{}")], "not a plain relative path"),
    ([("data/../../etc/passwd", b"x")], r"'\.\.'"),
    ([("data/textblocks_json/../../x.json", b"{}")], r"'\.\.'"),
    ([("data/project.json", _symlink)], "is a link"),
    ([("data/project.json", _hardlink)], "is a link"),
    ([("data/dev", _device)], "special file"),
    ([("state/users.json", b"{}")], "secrets"),
    ([("state/secret_key", b"k")], "secrets"),
    ([("code/evil.py", b"import os")], "not part of a skipole backup"),
    ([("data/project.json", b"{}"), ("data/project.json", b"{}")], "appears twice"),
    ([("data/defaults.json", b"{}")], "no data/project.json"),
], ids=["absolute", "dotdot", "dotdot-deep", "symlink", "hardlink", "device", "users", "secret-key", "code",
        "duplicate", "no-project"])
def test_hostile_archives_are_refused(tmp_path, members, match):
    store = new_store(tmp_path)
    before = data_files(store.projectdir)
    with pytest.raises(AdminError, match=match):
        store.restore(_tar(members), store.version)
    assert data_files(store.projectdir) == before


def test_archives_that_are_not_backups_are_refused(tmp_path):
    store = new_store(tmp_path)
    good = store.backup()
    for data, match in [(b"PK\x03\x04zip", "not a .tar.gz"), (b"\x1f\x8b" + b"\x00" * 50, "not a readable"),
                        (_tar([("data/project.json", b"{}")], gz=False), "not a .tar.gz"),
                        (b"\x1f\x8b" + b"x" * (MAX_ARCHIVE + 1), "larger than"), ("text", "expected the archive")]:
        with pytest.raises(AdminError, match=match):
            store.restore(data, store.version)
    # a member changed after the manifest was written
    parsed = read_backup(good)
    tampered = make_backup("x", dict(parsed["data"], **{"project.json": parsed["data"]["project.json"]}))
    buf = io.BytesIO(gzip.decompress(tampered))
    raw = bytearray(buf.getvalue())
    pos = raw.find(b'"RootFolder"')
    raw[pos + 1] = ord("X")
    with pytest.raises(AdminError, match="checksum|not a valid project|match"):
        store.restore(gzip.compress(bytes(raw)), store.version)


def test_unpacked_size_and_member_limits(tmp_path, monkeypatch):
    from skipole.admin import archive
    store = new_store(tmp_path)
    monkeypatch.setattr(archive, "MAX_UNPACKED", 1000)
    with pytest.raises(AdminError, match="unpacks to more than"):
        store.restore(_tar([("data/project.json", b" " * 2000)]), store.version)
    monkeypatch.setattr(archive, "MAX_MEMBERS", 3)
    members = [(f"data/textblocks_json/l{i}.json", b"{}") for i in range(5)]
    with pytest.raises(AdminError, match="more than 3 members"):
        store.restore(_tar(members), store.version)


def test_restore_refuses_broken_projects_and_hardware(tmp_path):
    store = new_store(tmp_path)
    parsed = read_backup(store.backup())
    broken = json.loads(parsed["data"]["project.json"])
    broken["specialpages"]["home"] = 9999
    archive = make_backup("adminproj", dict(parsed["data"], **{"project.json": json.dumps(broken).encode()}))
    with pytest.raises(PublishRefused) as info:
        store.restore(archive, store.version)
    assert any("9999" in p["message"] for p in info.value.errors)
    bad_hw = make_backup("adminproj", parsed["data"], hardware=b"[devices.x]\nkind = 'laser'\n")
    with pytest.raises(AdminError, match="hardware.toml is not valid"):
        store.restore(bad_hw, store.version)
    not_project = make_backup("adminproj", {"project.json": b"[1, 2]"})
    with pytest.raises(AdminError, match="not a valid project"):
        store.restore(not_project, store.version)
    v = store.apply("set_project_brief", store.version, brief="draft")["version"]
    with pytest.raises(AdminError, match="unpublished changes"):
        store.restore(store.backup(), v)
    store.restore(store.backup(), v, discard_draft=True)
