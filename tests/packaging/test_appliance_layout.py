"""The installed layout (``skipole.appliance``): a shipped project is copied to DATA_DIR/NAME
on first start, never overwritten afterwards, reset with a backup; the command line finds it
through the config file; ``packaging/install-projects`` ships only what a project is made of.
"""

import datetime
import json
import os
import subprocess

import pytest

from skipole.appliance import prepare_project, reset_project, shipped_projectdir
from skipole.cli import main
from skipole.exceptions import ProjectError
from skipole.newproject import create_project
from tests.conftest import REPO


@pytest.fixture
def shipped(tmp_path):
    """A shipped project with data, static files, code and a hardware.toml."""
    projectdir = create_project("pi02", tmp_path / "share")
    with open(os.path.join(projectdir, "static", "logo.txt"), "w") as f:
        f.write("logo")
    with open(os.path.join(projectdir, "hardware.toml"), "w") as f:
        f.write('[devices.relay1]\nkind = "output"\npin = 17\n')
    return projectdir


def brief(projectdir):
    with open(os.path.join(projectdir, "data", "project.json")) as f:
        return json.load(f)["brief"]


def edit_brief(projectdir, text):
    path = os.path.join(projectdir, "data", "project.json")
    with open(path) as f:
        data = json.load(f)
    data["brief"] = text
    with open(path, "w") as f:
        json.dump(data, f)


def test_first_start_copies_data_static_and_hardware_but_not_code(shipped, tmp_path):
    projectdir, code_dir = prepare_project(shipped, tmp_path / "var")
    assert projectdir == str(tmp_path / "var" / "pi02")
    assert code_dir == os.path.join(shipped, "code")
    for item in ("data/project.json", "static/logo.txt", "hardware.toml"):
        assert os.path.isfile(os.path.join(projectdir, item)), item
    assert not os.path.exists(os.path.join(projectdir, "code"))
    assert os.path.isdir(os.path.join(projectdir, "state"))
    assert oct(os.stat(os.path.join(projectdir, "state")).st_mode & 0o777) == "0o700"
    assert not [n for n in os.listdir(projectdir) if n.startswith(".")]   # no temporary copies


def test_later_starts_never_overwrite_the_owners_files(shipped, tmp_path):
    projectdir, _ = prepare_project(shipped, tmp_path / "var")
    edit_brief(projectdir, "the owner's edit")
    os.remove(os.path.join(projectdir, "hardware.toml"))            # "no file = no devices"
    edit_brief(shipped, "a newer shipped version")                  # the package was upgraded
    prepare_project(shipped, tmp_path / "var")
    assert brief(projectdir) == "the owner's edit"
    assert not os.path.exists(os.path.join(projectdir, "hardware.toml"))


def test_an_interrupted_first_copy_is_completed_on_the_next_start(shipped, tmp_path):
    projectdir = tmp_path / "var" / "pi02"
    (projectdir / ".data.copying").mkdir(parents=True)               # power cut mid-copy
    prepare_project(shipped, tmp_path / "var")
    assert brief(projectdir) == brief(shipped)
    assert not (projectdir / ".data.copying").exists()


def test_reset_keeps_a_timestamped_backup_and_the_state(shipped, tmp_path):
    projectdir, _ = prepare_project(shipped, tmp_path / "var")
    edit_brief(projectdir, "the owner's edit")
    with open(os.path.join(projectdir, "state", "users.json"), "w") as f:
        f.write("{}")
    now = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    _, backup = reset_project(shipped, tmp_path / "var", now=now)
    assert backup == os.path.join(projectdir, "backups", "20260102T030405Z")
    assert brief(os.path.join(backup)) == "the owner's edit"
    assert os.path.isfile(os.path.join(backup, "hardware.toml"))
    assert brief(projectdir) == brief(shipped)
    assert os.path.isfile(os.path.join(projectdir, "state", "users.json"))
    _, second = reset_project(shipped, tmp_path / "var", now=now)     # same second: no clash
    assert second == backup + "-1"


def test_a_folder_without_data_is_refused(tmp_path):
    (tmp_path / "share" / "nothing").mkdir(parents=True)
    with pytest.raises(ProjectError, match="no data/ folder"):
        prepare_project(tmp_path / "share" / "nothing", tmp_path / "var")


def test_a_project_name_means_a_shipped_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert shipped_projectdir("pi02") == "/usr/share/skipole/projects/pi02"
    assert shipped_projectdir(str(tmp_path / "pi02")) == str(tmp_path / "pi02")


# ---- the command line on the installed layout ------------------------------------------------

@pytest.fixture
def config(shipped, tmp_path):
    path = tmp_path / "skipole.toml"
    path.write_text(f'[skipole]\nproject = "{shipped}"\ndata_dir = "{tmp_path / "var"}"\n'
                    'hardware = "mock"\n')
    return path


def test_passwd_with_the_config_writes_into_the_data_dir_state(config, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", _Stdin("a long enough password\n"))
    assert main(["passwd", "--config", str(config)]) == 0
    assert (tmp_path / "var" / "pi02" / "state" / "users.json").is_file()
    assert "password created" in capsys.readouterr().out


def test_check_with_the_config_checks_the_owners_copy(config, tmp_path, capsys):
    prepare_project(tmp_path / "share" / "pi02", tmp_path / "var")
    assert main(["check", "--config", str(config)]) == 0
    assert f"{tmp_path / 'var' / 'pi02'}: OK" in capsys.readouterr().out


def test_reset_command_says_where_the_backup_is(config, tmp_path, capsys):
    prepare_project(tmp_path / "share" / "pi02", tmp_path / "var")
    assert main(["reset", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "backups" in out and "systemctl restart skipole" in out


def test_reset_needs_the_installed_layout(tmp_path, capsys):
    config = tmp_path / "plain.toml"
    config.write_text("[skipole]\n")
    assert main(["reset", "pi02", "--config", str(config)]) == 1
    assert "data_dir" in capsys.readouterr().err


class _Stdin:
    def __init__(self, text):
        self.text = text

    def isatty(self):
        return False

    def readline(self):
        text, self.text = self.text, ""
        return text


# ---- packaging/install-projects --------------------------------------------------------------

def test_install_projects_ships_the_project_without_state_or_bytecode(shipped, tmp_path):
    source = os.path.dirname(shipped)
    for leftover in ("state/secret_key", "code/__pycache__/pi02.cpython-311.pyc", ".gitignore~"):
        path = os.path.join(shipped, leftover)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write("x")
    dest = tmp_path / "pkg"
    subprocess.run([str(REPO / "packaging" / "install-projects"), source, str(dest)], check=True,
                   capture_output=True)
    shipped_files = sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file())
    assert shipped_files == ["pi02/code/__main__.py", "pi02/code/pi02.py", "pi02/data/defaults.json",
                             "pi02/data/project.json", "pi02/data/textblocks_json/en.json",
                             "pi02/hardware.toml", "pi02/static/logo.txt"]
    assert all(oct(p.stat().st_mode & 0o777) in ("0o644", "0o755") for p in dest.rglob("*"))


def test_install_projects_without_projects_installs_nothing(tmp_path):
    done = subprocess.run([str(REPO / "packaging" / "install-projects"), str(tmp_path / "none"),
                           str(tmp_path / "pkg")], capture_output=True, text=True)
    assert done.returncode == 0 and not (tmp_path / "pkg").exists()
    assert "ships no project" in done.stderr
