"""The ``skipole`` command: new, check, --version, and a generated project that serves itself."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from skipole import __version__
from skipole.cli import main
from tests.conftest import LEGACY, REPO


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    env["SKIPOLE_HARDWARE"] = "mock"
    return env


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_new_creates_a_project_that_checks_clean(tmp_path, capsys):
    assert main(["new", "demo", str(tmp_path)]) == 0
    projectdir = tmp_path / "demo"
    for rel in ("data/project.json", "data/defaults.json", "data/textblocks_json/en.json",
                "code/demo.py", "code/__main__.py", ".gitignore"):
        assert (projectdir / rel).is_file(), rel
    assert "state/" in (projectdir / ".gitignore").read_text()
    assert main(["check", str(projectdir)]) == 0


def test_original_form_of_new(tmp_path):
    assert main(["other", str(tmp_path)]) == 0
    assert (tmp_path / "other" / "data" / "project.json").is_file()


@pytest.mark.parametrize("name", ["serve", "bad_name", "9lives", ""])
def test_new_refuses_bad_names(tmp_path, name, capsys):
    assert main(["new", name, str(tmp_path)]) != 0
    assert "skipole:" in capsys.readouterr().err or name == "serve"


def test_new_refuses_existing_project(tmp_path, capsys):
    assert main(["new", "demo", str(tmp_path)]) == 0
    assert main(["new", "demo", str(tmp_path)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_check_reports_a_broken_project_file(tmp_path, capsys):
    main(["new", "broken", str(tmp_path)])
    pfile = tmp_path / "broken" / "data" / "project.json"
    pfile.write_text(pfile.read_text()[:-20])
    assert main(["check", str(tmp_path / "broken")]) == 1
    err = capsys.readouterr().err
    assert "project.json" in err and "invalid JSON" in err


def test_check_passes_on_legacy_fixture(capsys):
    if not LEGACY.exists():
        pytest.skip(f"{LEGACY} is not beside this checkout")
    assert main(["check", str(LEGACY / "pi01")]) == 0


def test_generated_project_serves_its_home_page(tmp_path):
    assert main(["new", "demo", str(tmp_path)]) == 0
    port = _free_port()
    proc = subprocess.Popen([sys.executable, str(tmp_path / "demo" / "code"), "--port", str(port),
                             "--state-dir", str(tmp_path / "state")],
                            env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        body = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as resp:
                    assert resp.status == 200
                    assert "charset=utf-8" in resp.headers["Content-Type"]
                    body = resp.read().decode()
                    break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.2)
        assert body is not None, proc.stdout.read().decode() if proc.poll() is not None else "no answer"
        assert "It works" in body
        assert 'name="csrf-token"' in body
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_no_module_removed_in_python_313_is_imported():
    removed = ("cgi", "cgitb", "imghdr", "pipes", "telnetlib", "crypt", "nntplib", "audioop")
    for path in (REPO / "skipole").rglob("*.py"):
        for line in path.read_text().splitlines():
            stripped = line.strip()
            for mod in removed:
                assert not (stripped.startswith(f"import {mod}") and stripped[len(f"import {mod}"):][:1] in ("", " ", ",")), f"{path}: {line}"
                assert not stripped.startswith(f"from {mod} import"), f"{path}: {line}"


def test_check_reports_a_bad_hardware_file_naming_the_device(tmp_path, capsys):
    assert main(["new", "hw", str(tmp_path)]) == 0
    (tmp_path / "hw" / "hardware.toml").write_text('[devices.pump]\nkind = "output"\npin = 99\n')
    assert main(["check", str(tmp_path / "hw")]) == 1
    err = capsys.readouterr().err
    assert "pump" in err and "pin" in err
