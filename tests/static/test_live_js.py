"""live.js and widgets/pi.js: they parse, and in a fake DOM (tests/static/fake_dom.js) holding
the HTML the pi widgets really render, they apply live changes to widgets and bindings, format
values exactly as the server does, poll, back off, pause while hidden, and set devices by JSON
with the CSRF header, putting the UI back when the server refuses."""

import json
import pathlib
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from skipole.render.html import CSRF_MARK
from skipole.skis import STATIC_DIR
from skipole.widgets.base import RenderContext, WidgetInstance, WidgetView, widget_class
from skipole.widgets.pi import format_value

STATIC = pathlib.Path(STATIC_DIR)
HERE = pathlib.Path(__file__).resolve().parent
FILES = [STATIC / "live.js", STATIC / "widgets" / "pi.js"]


def _node():
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "Node.js is needed to check the browser library (Debian package nodejs)"
    return node


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_files_parse(path):
    result = subprocess.run([_node(), "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_live_js_uses_no_eval_and_no_inline_html():
    code = re.sub(r"/\*.*?\*/", "", (STATIC / "live.js").read_text(), flags=re.S)
    for bad in ("eval(", "new Function", "innerHTML", "document.write", "insertAdjacentHTML"):
        assert bad not in code, bad


# ---- the page the fake DOM shows ------------------------------------------------------------------

DEVICES = {
    "relay": {"name": "relay", "kind": "output", "value": True, "unit": "", "description": "Pump",
              "version": 5, "writable": True, "simulated": True},
    "fan": {"name": "fan", "kind": "pwm", "value": 0.57, "unit": "", "description": "Fan",
            "version": 5, "writable": True, "simulated": True},
    "door": {"name": "door", "kind": "input", "value": False, "unit": "", "description": "Door",
             "version": 5, "writable": False, "simulated": True},
    "cpu": {"name": "cpu", "kind": "cpu_temperature", "value": 48.25, "unit": "°C", "description": "CPU",
            "version": 5, "writable": False, "simulated": True, "min": 0.0, "max": 100.0},
}


class PageContext(RenderContext):
    api_url = "/api"
    request_path = "/control"

    def device(self, name):
        found = DEVICES.get(name)
        return dict(found) if found else None

    def devices(self):
        return [dict(d) for d in DEVICES.values()]


WIDGETS = [
    ("sw", "pi.Switch", {"device": "relay", "on_text": "Running", "off_text": "Stopped"}),
    ("sl", "pi.Slider", {"device": "fan", "send_every": 200}),
    ("ind", "pi.Indicator", {"device": "door", "on_text": "Open", "off_text": "Shut"}),
    ("val", "pi.Value", {"device": "cpu", "decimals": "1"}),
    ("gauge", "pi.Gauge", {"device": "cpu"}),
    ("tbl", "pi.DeviceTable", {}),
    ("note", "pi.SimulatedNotice", {}),
    ("para", "paras.ParaText", {"para_text": "CPU ?"}),
    ("doorpara", "paras.ParaText", {"para_text": "?"}),
]
BINDINGS = [["para", "para_text", "cpu", {"decimals": 1, "unit": True, "prefix": "CPU "}],
            ["doorpara", "para_text", "door", {"on": "open", "off": "shut"}]]


class _ToJSON(HTMLParser):
    """HTML → [tag, {attrs}, [children]] lists the Node script builds with fake_dom's h()."""

    VOID = {"input", "meta", "path", "line", "circle", "br", "img"}

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = ["#root", {}, []]
        self.stack = [self.root]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        node = [tag, {k: (v if v is not None else "") for k, v in attrs}, []]
        self.stack[-1][2].append(node)
        if tag not in self.VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1][2].append([tag, {k: (v if v is not None else "") for k, v in attrs}, []])

    def handle_endtag(self, tag):
        assert self.stack[-1][0] == tag
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1][2].append(data)


def _page():
    body, specs = [], []
    ctx = PageContext()
    for name, path, fields in WIDGETS:
        inst = WidgetInstance(widget_class(path), name, fields)
        view = WidgetView(inst, name, inst.fields, ctx)
        html = inst.impl.render(view).replace(CSRF_MARK, "TOKEN")
        body.extend(_ToJSON(html).root[2])
        specs.append([name, path.split(".")[0], path.split(".")[1], view.js_data])
    page = {"ident": "demo_1", "widgets": specs,
            "live": {"url": "/api/live", "version": 5, "run_id": "R1", "bindings": BINDINGS}}
    return page, body


FORMAT_CASES = [
    ({"value": True}, None), ({"value": False}, {"on": "open", "off": "shut"}), ({"value": True}, {"on": ""}),
    ({"value": 21.456, "unit": "°C"}, {"decimals": 1, "unit": True}), ({"value": 2.5}, {"decimals": 0}),
    ({"value": -2.5}, {"decimals": "0"}), ({"value": 1.005}, {"decimals": 2}), ({"value": 0.125}, {"decimals": 2}),
    ({"value": 1.0}, {}), ({"value": 0.25}, {}), ({"value": 7}, {"unit": True}), ({"value": 1234567.0}, {}),
    ({"value": 0.57}, {"percent": True, "unit": True}), ({"value": 0.5}, {"percent": True, "decimals": 1}),
    ({"value": 0.333}, {"percent": True}), ({"value": 1.0}, {"percent": "true", "unit": "on"}),
    ({"value": None, "unit": "°C"}, {"unit": True}), ({"value": ""}, {}),
    ({"value": "2024-05-01T12:00:00Z"}, {"prefix": "at ", "suffix": "!"}), ({"value": "12:00", "unit": "h"}, {"unit": True}),
    ({"value": 3, "unit": "s"}, {"unit": "false"}), ({"value": 3, "unit": "s"}, {"unit": 1}),
    ({"value": 3.14159}, {"decimals": "x"}), ({"value": 3.14159}, {"decimals": 11}),
    ({"value": 3.14159}, {"decimals": "2.0"}), ({"value": 3.14159}, {"decimals": True}),
    ({"value": -0.04}, {"decimals": 1}), ({"value": -0.0}, {}), ({"value": -1.5}, {"decimals": 0}), ({"value": 99.95, "unit": "°C"}, {"decimals": 1, "unit": True}),
    ({"value": 12, "unit": "s"}, {"unit": True, "prefix": "up ", "suffix": " now"}),
    ({"value": 0.42}, {"prefix": None, "suffix": None}),
]


SCENARIO = r"""
"use strict";
const fs = require("fs"), path = require("path"), vm = require("vm");
const [fakeDom, staticDir, dataFile] = process.argv.slice(2);
const {makeWindow, makeH} = require(fakeDom);
const data = JSON.parse(fs.readFileSync(dataFile, "utf8"));

let failed = 0, passed = 0;
function check(ok, what) { if (ok) { passed++; console.log("ok   " + what); } else { failed++; console.log("FAIL " + what); } }
const settle = async () => { for (let i = 0; i < 8; i++) { await new Promise((r) => setImmediate(r)); } };

/* a window with fake timers (run by hand) and a fetch whose answers the test gives */
function setup(page, body) {
  const win = makeWindow(), doc = win.document, h = makeH(doc);
  const timers = [];
  let nextId = 1;
  win.setTimeout = (fn, ms) => { timers.push({id: nextId, fn, ms: ms || 0, done: false}); return nextId++; };
  win.clearTimeout = (id) => { timers.forEach((t) => { if (t.id === id) { t.done = true; } }); };
  const calls = [];
  win.fetch = (url, init) => new Promise((resolve, reject) => {
    const call = {url: String(url), init: init || {}, aborted: false};
    call.reply = (status, json) => resolve(new Response(JSON.stringify(json), {status, headers: {"Content-Type": "application/json"}}));
    call.fail = () => reject(new TypeError("Failed to fetch"));
    if (init && init.signal) {
      init.signal.addEventListener("abort", () => { call.aborted = true; reject(Object.assign(new Error("aborted"), {name: "AbortError"})); });
    }
    calls.push(call);
  });
  const build = (n) => (typeof n === "string" ? n : h(n[0], n[1], ...n[2].map(build)));
  doc.head.appendChild(h("meta", {name: "csrf-token", content: "TOKEN"}));
  doc.head.appendChild(h("script", {type: "application/json", "data-skipole": "page"}, JSON.stringify(page)));
  body.forEach((n) => doc.body.appendChild(build(n)));
  const context = vm.createContext(win);
  const load = (rel) => vm.runInContext(fs.readFileSync(path.join(staticDir, rel), "utf8"), context, {filename: rel});
  const pending = (ms) => timers.filter((t) => !t.done && (ms === undefined || t.ms === ms));
  const fire = (ms) => { const due = pending(ms); due.forEach((t) => { t.done = true; t.fn(); }); return due.length; };
  const live = () => calls.filter((c) => c.url.indexOf("/api/live") === 0);
  const posts = () => calls.filter((c) => c.init.method === "POST");
  const last = (list) => list[list.length - 1];
  return {win, doc, h, calls, load, fire, pending, live, posts, last, $: (id) => doc.getElementById(id)};
}

(async () => {
  const t = setup(data.page, data.body);
  const {win, doc, load, fire, live, posts, last, $} = t;
  load("skipole.js"); load("widgets/paras.js"); load("widgets/pi.js"); load("live.js");
  const S = win.SKIPOLE, L = win.SKIPOLE_LIVE;
  const q = (el, sel) => el.querySelector(sel);

  // ---- start ----
  check(Object.getPrototypeOf(S.widgets.sw) === S.classes.pi.Switch && S.widgets.tbl.rows.fan, "pi client objects are made");
  check($("sw").classList.contains("sk-pi-live") && $("sl").classList.contains("sk-pi-live"), "live widgets are marked (the Set button hides)");
  check(live().length === 1 && live()[0].url === "/api/live?since=5&run=R1", "the first poll asks since the page's version and run");
  check(live()[0].init.credentials === "same-origin" && live()[0].init.method === "GET", "polls are same-origin GETs");
  check(L.status === "polling" && L.version === 5 && L.run_id === "R1", "SKIPOLE_LIVE state");
  check(S.formatDevice === L.format, "one formatter for pi.js and bindings");
  const mismatched = data.formats.filter((c) => S.formatDevice(c[0], c[1]) !== c[2]);
  check(mismatched.length === 0, "formatDevice writes what format_value writes: " + JSON.stringify(mismatched.map((c) => [c, S.formatDevice(c[0], c[1])])));

  // ---- a change set ----
  const dev = (name, value, more) => Object.assign({name, kind: data.devices[name].kind, value, unit: data.devices[name].unit,
    description: "", version: 6}, more || {});
  last(live()).reply(200, {version: 6, run_id: "R1", full: false, short_poll: false, retry_after: 0,
    changes: [dev("relay", false), dev("door", true), dev("cpu", 49.06), dev("fan", 0.25)]});
  await settle();
  const swButton = q($("sw"), "button.sk-pi-toggle");
  check(swButton.getAttribute("aria-checked") === "false" && q($("sw"), ".sk-pi-state").textContent === "Stopped" &&
    $("sw").getAttribute("data-state") === "off", "Switch follows its output: aria-checked, text, colour state");
  check(q($("sw"), 'input[name="value"]').value === "on", "the Switch's no-JS form now posts the opposite state");
  check($("ind").getAttribute("data-state") === "on" && q($("ind"), ".sk-pi-state").textContent === "Open", "Indicator");
  check(q($("val"), ".sk-pi-reading").textContent === "49.1 °C", "Value: decimals and unit");
  check(q($("gauge"), ".sk-pi-reading").textContent === "49.1 °C" &&
    q($("gauge"), ".sk-pi-needle").getAttribute("transform") === "rotate(-2.26 100 100)" &&
    q($("gauge"), ".sk-pi-arc").getAttribute("stroke-dasharray") === "49.06 100" &&
    q($("gauge"), ".sk-pi-dial").getAttribute("aria-label") === "CPU: 49.1 °C", "Gauge: needle, arc, text, label");
  check(q($("sl"), "input.sk-pi-range").value === "0.25" && q($("sl"), "output.sk-pi-level").textContent === "25%" &&
    q($("sl"), "input.sk-pi-range").getAttribute("aria-valuetext") === "25%", "Slider");
  const rows = S.widgets.tbl.rows;
  const reading = (name) => q(rows[name].tr, "td.sk-pi-reading").textContent;
  check(reading("relay") === "Off" && reading("door") === "On" && reading("cpu") === "49.06 °C" && reading("fan") === "25%",
    "DeviceTable values, formatted as the server renders them");
  check(q(rows.relay.tr, "button.sk-pi-toggle").getAttribute("aria-checked") === "false" &&
    q(rows.fan.tr, "input.sk-pi-range").value === "0.25", "DeviceTable controls follow");
  check($("para").textContent === "CPU 49.1 °C" && $("doorpara").textContent === "open", "bindings set any widget field");
  check(L.version === 6 && L.updates === 4 && live().length === 2 && last(live()).url === "/api/live?since=6&run=R1",
    "after changes: the next poll at once, since the new version");

  // ---- short polling ----
  last(live()).reply(200, {version: 6, run_id: "R1", changes: [], short_poll: true, retry_after: 2});
  await settle();
  check(L.delay === 2000 && L.status === "waiting" && live().length === 2, "short_poll waits retry_after seconds");
  fire(2000);
  check(live().length === 3, "then polls again");
  last(live()).reply(200, {version: 6, run_id: "R1", changes: [], short_poll: false});
  await settle();
  check(L.delay === 1000 && live().length === 3, "an empty answer at once: wait a second, never spin");
  fire(1000);

  // ---- errors: back off 1 s, 2 s, 4 s ... 30 s ----
  const delays = [];
  for (let i = 0; i < 7; i++) {
    if (i === 3) { last(live()).reply(503, {error: "busy"}); } else { last(live()).fail(); }
    await settle();
    delays.push(L.delay);
    if (i === 0) { check(doc.documentElement.classList.contains("sk-offline"), "a failing poll marks html.sk-offline"); }
    fire(L.delay);
  }
  check(delays.join() === "1000,2000,4000,8000,16000,30000,30000", "backoff doubles to 30 s: " + delays.join());
  check(L.errors === 7 && win.SKIPOLE_ERRORS.some((e) => e.where === "live"), "errors are counted and reported");
  check(!doc.querySelector(".sk-notice"), "network errors give no notice: html.sk-offline says it");
  last(live()).reply(401, {error: "log in"});
  await settle();
  check(L.logged_out && /session has ended/.test(doc.querySelector(".sk-notice").textContent) && L.delay === 30000,
    "a 401 says once that the session ended, and keeps trying slowly");
  doc.querySelector(".sk-notice").remove();
  fire(30000);
  last(live()).reply(200, {version: 7, run_id: "R1", changes: [dev("cpu", 50)]});
  await settle();
  check(!doc.documentElement.classList.contains("sk-offline") && L.delay === 0 && !L.logged_out,
    "success clears sk-offline and polls at once");
  last(live()).fail();
  await settle();
  check(L.delay === 1000, "after a success the backoff starts again at 1 s");
  fire(1000);

  // ---- a restarted server: full state, new run ----
  last(live()).reply(200, {version: 2, run_id: "R2", full: true, changes: [dev("relay", true), dev("door", false)]});
  await settle();
  check(L.run_id === "R2" && last(live()).url === "/api/live?since=2&run=R2", "a new run id is followed");
  check(swButton.getAttribute("aria-checked") === "true" && $("doorpara").textContent === "shut", "the full state is applied");

  // ---- hidden page ----
  const inflight = last(live()), before = live().length, errors = L.errors;
  doc.hidden = true; doc.dispatch("visibilitychange");
  await settle();
  check(inflight.aborted && L.status === "paused" && live().length === before && L.errors === errors,
    "hiding the page aborts the poll (frees a server thread), without counting an error");
  doc.hidden = false; doc.dispatch("visibilitychange");
  check(live().length === before + 1 && L.status === "polling", "showing it polls again at once");
  last(live()).fail();
  await settle();
  doc.hidden = true; doc.dispatch("visibilitychange");
  check(fire(1000) === 0 && L.status === "paused", "a hidden page waits no retry timer");
  doc.hidden = false; doc.dispatch("visibilitychange");
  check(live().length === before + 2, "and asks at once when shown");

  // ---- Switch: JSON POST, optimistic, reverted on error ----
  const swForm = q($("sw"), "form");
  let ev = swForm.dispatch("submit");
  check(ev.defaultPrevented && swButton.getAttribute("aria-checked") === "false" && swButton.getAttribute("aria-busy") === "true",
    "a tap switches the UI at once");
  swForm.dispatch("submit");
  check(posts().length === 1, "a double tap sends once");
  const post = last(posts());
  check(post.url === "/api/devices/relay" && post.init.body === '{"value":false}' &&
    post.init.headers["X-CSRF-Token"] === "TOKEN" && post.init.headers["Content-Type"] === "application/json" &&
    post.init.credentials === "same-origin", "the switch posts JSON with the CSRF header to the form's action");
  post.reply(200, dev("relay", false, {writable: true}));
  await settle();
  check(swButton.getAttribute("aria-checked") === "false" && swButton.getAttribute("aria-busy") === null &&
    q($("sw"), ".sk-pi-state").textContent === "Stopped", "the reply confirms it");
  swForm.dispatch("submit");
  check(swButton.getAttribute("aria-checked") === "true", "optimistic on");
  last(posts()).reply(403, {error: "the CSRF token is missing or out of date: reload the page"});
  await settle();
  const swError = q($("sw"), ".sk-pi-error");
  check(swButton.getAttribute("aria-checked") === "false" && $("sw").getAttribute("data-status") === "error" &&
    /reload the page/.test(swError.textContent) && swError.style.display === "", "a refusal puts the switch back and says why");
  swForm.dispatch("submit");
  last(posts()).fail();
  await settle();
  check(swButton.getAttribute("aria-checked") === "false" && /cannot be reached/.test(swError.textContent), "a network failure too");
  swForm.dispatch("submit");
  last(posts()).reply(200, dev("relay", true, {writable: true}));
  await settle();
  check(swButton.getAttribute("aria-checked") === "true" && $("sw").getAttribute("data-status") === null &&
    swError.style.display === "none", "a success clears the error");
  S.widgets.sw.device_update(dev("relay", true, {writable: false}));
  check(swButton.disabled && $("sw").getAttribute("data-readonly") === "true", "a device that is not writable greys the switch out");
  S.widgets.sw.device_update(dev("relay", true, {writable: true}));
  check(!swButton.disabled, "and back");

  // ---- Slider: throttled while dragging, the latest position last ----
  const range = q($("sl"), "input.sk-pi-range"), postsBefore = posts().length;
  range.value = "0.3"; range.dispatch("input");
  check(posts().length === postsBefore + 1 && last(posts()).init.body === '{"value":0.3}' &&
    q($("sl"), "output.sk-pi-level").textContent === "30%", "the first move is sent at once");
  range.value = "0.4"; range.dispatch("input");
  range.value = "0.5"; range.dispatch("input");
  check(posts().length === postsBefore + 1 && q($("sl"), "output.sk-pi-level").textContent === "50%", "moves during a request wait");
  last(posts()).reply(200, dev("fan", 0.3));
  await settle();
  check(range.value === "0.5" && posts().length === postsBefore + 1 && t.pending(200).length === 1,
    "the reply does not move the thumb back under the finger; the next send waits send_every");
  fire(200);
  check(posts().length === postsBefore + 2 && last(posts()).init.body === '{"value":0.5}', "then the latest position is sent");
  last(posts()).reply(200, dev("fan", 0.5));
  await settle();
  range.dispatch("change");
  fire(200);
  check(posts().length === postsBefore + 2, "the change event of the same position sends nothing more");
  S.widgets.sl.device_update(dev("fan", 0.1));
  check(range.value === "0.5", "a live change does not move a slider just dragged");
  range.value = "0.9"; range.dispatch("input");
  last(posts()).reply(400, {error: "fan: 0.9 is too high"});
  await settle();
  check(range.value === "0.1" && q($("sl"), "output.sk-pi-level").textContent === "10%" &&
    /too high/.test(q($("sl"), ".sk-pi-error").textContent), "a refused value goes back to the device's value");
  fire(200);

  // ---- DeviceTable controls ----
  const rowForm = q(rows.relay.tr, "form");
  rowForm.dispatch("submit");
  check(last(posts()).url === "/api/devices/relay", "a table row's switch posts to its device");
  last(posts()).reply(200, dev("relay", false));
  await settle();
  check(reading("relay") === "Off" && q(rows.relay.tr, "button.sk-pi-toggle").getAttribute("aria-checked") === "false",
    "the reply updates the row's value and switch");

  // ---- JSON fields from responders ----
  S.setfields({"sw:on_text": "Go", "sw:widget_class": "big", "sw:label": "<b>x</b>", "note:notice_text": "Demo"});
  S.widgets.sw.device_update(dev("relay", true));
  check(q($("sw"), ".sk-pi-state").textContent === "Go", "on_text set by JSON");
  check($("sw").className.split(" ").sort().join() === "big,sk-pi,sk-pi-live,sk-pi-switch", "widget_class keeps the pi classes");
  check(q($("sw"), ".sk-pi-label").textContent === "<b>x</b>" && q($("sw"), ".sk-pi-label").children.length === 0,
    "labels are text, never HTML");
  check($("note").textContent === "Demo", "SimulatedNotice text");
  check(win.SKIPOLE_ERRORS.every((e) => e.where === "live"), "no script errors: " + JSON.stringify(win.SKIPOLE_ERRORS.filter((e) => e.where !== "live")));

  // ---- a page without live updates, and live.js loaded before the core ----
  const quiet = setup({ident: "x_1", widgets: []}, []);
  quiet.load("skipole.js"); quiet.load("live.js");
  check(quiet.win.SKIPOLE_LIVE.status === "off" && quiet.calls.length === 0, "no live block: no polling");
  const early = setup(data.page, data.body);
  early.load("live.js");
  check(early.live().length === 0 && early.win.SKIPOLE_LIVE.status === "starting", "live.js before the core waits for it");
  early.load("skipole.js"); early.load("widgets/pi.js");
  early.fire(100);
  check(early.live().length === 1 && early.win.SKIPOLE.formatDevice === early.win.SKIPOLE_LIVE.format,
    "and starts once the core has read the page");

  console.log(passed + " passed, " + failed + " failed");
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.log("FAIL scenario crashed: " + (e && e.stack || e)); process.exit(1); });
"""


def test_live_and_pi_widgets_in_a_fake_dom(tmp_path):
    page, body = _page()
    formats = [[dev, fmt, format_value(dev, fmt)] for dev, fmt in FORMAT_CASES]
    data = tmp_path / "page.json"
    data.write_text(json.dumps({"page": page, "body": body, "formats": formats, "devices": DEVICES}))
    script = tmp_path / "live_scenario.js"
    script.write_text(SCENARIO)
    result = subprocess.run([_node(), str(script), str(HERE / "fake_dom.js"), str(STATIC), str(data)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^\d+ passed, 0 failed$", result.stdout, re.M), result.stdout
