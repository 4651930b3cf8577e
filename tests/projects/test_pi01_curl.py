"""The curl examples of pi01's information page, taken from the served page and run with curl
against the appliance served by waitress on a free loopback port: they must work."""

import html
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import threading
import urllib.parse
import urllib.request

import pytest
import waitress
from appliance_helpers import ADMIN, PASSWORDS

CURL = shutil.which("curl")


@pytest.fixture
def served(appliance):
    app = appliance("pi01")
    server = waitress.create_server(app.app, host="127.0.0.1", port=0, threads=4)
    port = server.socket.getsockname()[1]
    thread = threading.Thread(target=server.run, name="pi01-server", daemon=True)
    thread.start()
    try:
        yield app, f"http://127.0.0.1:{port}"
    finally:
        server.close()
        thread.join(timeout=5)


class Browser:
    """Just enough of a browser over real HTTP: cookies, the CSRF token, form posts."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as reply:
            return reply.read().decode("utf-8")

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode("ascii")
        request = urllib.request.Request(self.base + path, data=data, headers={"Origin": self.base})
        with self.opener.open(request, timeout=30) as reply:
            return reply.read().decode("utf-8")


def _hidden(page, name):
    return html.unescape(re.search(rf'name="{re.escape(name)}" value="([^"]*)"', page).group(1))


def _examples(page):
    """The commands shown on the page: the text of each paragraph of class ap-code."""
    found = re.findall(r'<p\b[^>]*class="ap-code"[^>]*>(.*?)</p>', page, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", text)).strip() for text in found]


def test_the_curl_examples_of_the_information_page_work(served):
    assert CURL, "curl is needed: apt-get install curl"
    app, base = served
    browser = Browser(base)
    login = browser.get("/login?next=/information")
    page = browser.post("/login_check", {
        "ident": _hidden(login, "ident"), "csrf_token": _hidden(login, "csrf_token"),
        "login:input_text1": ADMIN, "login:input_text2": PASSWORDS[ADMIN],
        "login:hidden_field1": "/information"})
    assert "JSON API" in page
    # an admin makes a token on the same page; it is shown once
    page = browser.post("/actions/tokens", {
        "ident": _hidden(page, "ident"), "csrf_token": _hidden(page, "csrf_token"),
        "tokens-tokenname:input_text": "curl test", "tokens-tokenrole:selectvalue": "user",
        "tokens-create:button_text": "Make token"})
    shown = re.search(r'<pre\b[^>]*id="tokens-newtoken"[^>]*>(.*?)</pre>', page, re.S).group(1)
    token = re.search(r"TOKEN=(sk_[A-Za-z0-9_-]+)", html.unescape(shown)).group(1)

    examples = _examples(page)
    assert examples[0].startswith("TOKEN=")
    commands = examples[1:]
    assert len(commands) == 5 and all(c.startswith("curl ") for c in commands)
    assert all(base + "/api/" in c for c in commands), "the examples name this server"
    environ = dict(os.environ, TOKEN=token)
    replies = []
    for command in commands:
        done = subprocess.run(["bash", "-c", command + " --silent --show-error --fail --max-time 30"],
                              env=environ, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, (command, done.stderr)
        replies.append(json.loads(done.stdout))
    listing, one, switched, dimmed, live = replies
    assert [d["name"] for d in listing["devices"]][:5] == ["relay1", "relay2", "relay3", "relay4", "led"]
    assert one["name"] == "relay1" and one["value"] is False
    assert switched["value"] is True and app.rig.pin_level("relay1") is False
    assert dimmed["value"] == 0.5 and abs(app.rig.pin_level("led") - 0.5) < 1e-6
    assert live["version"] >= 1 and live["changes"]
    assert any(e["by"] == "token:curl test" for e in app.hardware.events())
