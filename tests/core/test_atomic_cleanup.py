"""Temporary files left by writes that a kill cut short are removed when the project loads."""

import os
import time

from projects import make_app, para, template

from skipole.atomic import remove_stale_temporaries, write_json
from skipole.loading import load_project


def _age(path, seconds):
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_old_temporaries_go_fresh_ones_and_other_files_stay(tmp_path):
    (tmp_path / "sub").mkdir()
    old = tmp_path / "sub" / ".tmp-abc123~"
    fresh = tmp_path / ".tmp-def456~"
    backup = tmp_path / "notes.txt~"
    hidden = tmp_path / ".tmp-keep"
    for path in (old, fresh, backup, hidden):
        path.write_text("partial")
    for path in (old, backup, hidden):
        _age(path, 3600)
    write_json(tmp_path / "real.json", {"a": 1})
    assert remove_stale_temporaries(tmp_path) == [str(old)]
    assert not old.exists()
    assert fresh.exists() and backup.exists() and hidden.exists() and (tmp_path / "real.json").exists()
    assert remove_stale_temporaries(tmp_path, older_than=0, now=time.time() + 1) == [str(fresh)]


def test_loading_a_project_clears_its_data_and_state_folders(tmp_path, caplog):
    make_app(tmp_path, pages={"index": template(1, para("p", "hello"))})
    projectdir = tmp_path / "projectfiles" / "testproj"
    state = tmp_path / "state"
    (state / "admin").mkdir(parents=True)
    left = [projectdir / "data" / ".tmp-x1~", state / ".tmp-x2~", state / "admin" / ".tmp-x3~"]
    for path in left:
        path.write_bytes(b"{ half a fi")
        _age(path, 600)
    caplog.set_level("INFO", logger="skipole")
    app = load_project(str(projectdir), state_dir=str(state), environ={})
    assert app.project_model.name == "testproj"
    assert not any(path.exists() for path in left)
    assert sum("did not finish" in r.getMessage() for r in caplog.records) == 3
