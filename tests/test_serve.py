"""``skipole serve`` as a process: it stops cleanly on SIGTERM and SIGINT (outputs get their
on_stop policy, the state is saved, the exit status says it was not a crash), and waitress hands
forwarded headers to the application, which believes them from trusted proxies only."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

PI02 = Path(__file__).resolve().parents[1] / "projects" / "pi02"
pytest.importorskip("gpiozero", reason="the pi02 project needs gpiozero (installed by scripts/run-tests)")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(tmp_path, **env_extra):
    project = tmp_path / "pi02"
    shutil.copytree(PI02, project, ignore=shutil.ignore_patterns("state", "__pycache__"))
    state = tmp_path / "state"
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(PI02.parents[1]), **env_extra)
    proc = subprocess.Popen([sys.executable, "-m", "skipole", "serve", str(project), "--hardware", "mock",
                             "--state-dir", str(state), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env, text=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5):
                break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"skipole serve did not answer: {proc.communicate()[0][-2000:]}")
            time.sleep(0.1)
    return proc, state, port


@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 0), (signal.SIGINT, 0)])
def test_a_signal_stops_the_server_cleanly(tmp_path, signum, status):
    proc, state, _port = _serve(tmp_path)
    assert "stopped" not in _events(state)
    proc.send_signal(signum)
    try:
        output, _ = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("the server did not stop within 30 s")
    assert proc.returncode == status, output[-2000:]
    assert "Traceback" not in output, output[-2000:]
    stop = _events(state)[-1]                   # the hardware layer's clean stop, saved
    assert (stop["kind"], stop["text"], stop["by"]) == ("service", "stopped", "shutdown"), stop
    assert "relay1" in json.loads((state / "outputs.json").read_text())["outputs"]


def _events(state):
    path = state / "events.json"
    if not path.exists():
        return []
    data = json.loads(path.read_text())
    return data["events"] if isinstance(data, dict) else data


@pytest.mark.parametrize("trusted, secure", [("127.0.0.1", True), ("", False)])
def test_forwarded_proto_reaches_the_application_from_a_trusted_proxy(tmp_path, trusted, secure):
    proc, _state, port = _serve(tmp_path, SKIPOLE_TRUSTED_PROXIES=trusted)
    try:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/auth/login",
                                         headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.1.2.3"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            cookies = answer.headers.get_all("Set-Cookie") or []
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=30)
    assert cookies, "the login page sets the CSRF cookie"
    assert all(("; Secure" in c) is secure for c in cookies), cookies
