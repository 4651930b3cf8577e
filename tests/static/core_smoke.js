/* core_smoke.js: runs skipole.js (loaded twice, as legacy pages do) with two widget files in
 * a fake DOM under plain Node.js and checks the core's behaviour.  Run by
 * tests/static/test_static_files.py; prints one line per check and exits non-zero on failure.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const {makeWindow, makeH} = require("./fake_dom.js");

const STATIC = path.join(__dirname, "..", "..", "skipole", "static");
const win = makeWindow();
const doc = win.document;
const h = makeH(doc);
const calls = [];
let reply = {body: "{}", type: "application/json", status: 200};
win.fetch = (url, init) => {
  calls.push({url: String(url), init});
  return Promise.resolve(new Response(reply.body, {status: reply.status, headers: {"Content-Type": reply.type}}));
};

// the page: head extras as skipole/pages.py writes them, and a few rendered widgets
const pageData = {
  ident: "demo_10", default_error_widget: "top_error", interval: 5, interval_target: "/refresh",
  catch_to_html: "", last_scroll: true, page: "demo_10",
  widgets: [["para", "paras", "ParaText", {}], ["top_error", "error_messages", "ErrorPara", {}],
    ["hidden", "inputforms", "HiddenField", {}], ["boom", "paras", "ParaText", {}]],
};
doc.head.appendChild(h("meta", {name: "csrf-token", content: "TOKEN123"}));
doc.head.appendChild(h("script", {type: "application/json", "data-skipole": "page"}, JSON.stringify(pageData)));
doc.body.appendChild(h("p", {id: "para"}, "first"));
doc.body.appendChild(h("p", {id: "top_error", style: "display:none;"}));
doc.body.appendChild(h("input", {id: "hidden", name: "hidden:hidden_field", value: "old", type: "hidden"}));
doc.body.appendChild(h("p", {id: "boom"}, "b"));
doc.body.appendChild(h("div", {id: "sect"}, "a section"));
doc.body.appendChild(h("form", {action: "/x"}, h("input", {name: "ident", value: "demo_10", type: "hidden"})));
doc.body.appendChild(h("a", {id: "lnk", href: "/next?ident=demo_10&csrf_token=TOKEN123"}, "next"));

const context = vm.createContext(win);
function load(rel) { vm.runInContext(fs.readFileSync(path.join(STATIC, rel), "utf8"), context, {filename: rel}); }

let failed = 0, passed = 0;
function check(ok, what) {
  if (ok) { passed++; console.log("ok   " + what); } else { failed++; console.log("FAIL " + what); }
}
const $ = (id) => doc.getElementById(id);
const tick = () => new Promise((r) => setTimeout(r, 10));

(async () => {
  load("skipole.js");
  const S = win.SKIPOLE;
  load("skipole.js");                       // a legacy page loads the core a second time
  load("widgets/paras.js");
  load("widgets/error_messages.js");
  check(win.SKIPOLE === S, "loading the core twice keeps the first SKIPOLE");
  check(doc.documentElement.dataset.skipole === "ready", "ready marker on <html>");
  check(Object.keys(S.widgets).join() === "para,top_error,hidden,boom", "one widget object per page widget");
  check(Object.getPrototypeOf(S.widgets.para) === S.classes.paras.ParaText, "a class defined after start is used (late define)");
  check(S.widgets.para.el === $("para") && S.widgets.para.id === "para", "widget has id and el");

  S.setfields({
    "para:para_text": "<b>new</b>", "para:widget_class": "big", "hidden:hidden_field": "fresh",
    "sect:hide": true, "nosuch:field": 1, "para:no_such_field": 2, sessionStorage: {k: "v"},
  });
  check($("para").textContent === "<b>new</b>" && $("para").children.length === 0, "text fields set text, never HTML");
  check($("para").className === "big", "widget_class");
  check($("hidden").value === "fresh", "a field without a rule sets the control named widget:field");
  check($("sect").style.display === "none", "section alias:hide");
  check(win.sessionStorage.getItem("k") === "v", "sessionStorage key");
  check(win.SKIPOLE_ERRORS.length === 0, "unknown widgets and fields are ignored");

  S.setfields({"para:hide": true});
  check($("para").style.display === "none", "hide");
  S.setfields({"para:hide": false});
  check($("para").style.display === "", "show again");

  S.setfields({show_error: "went wrong"});
  check($("top_error").textContent === "went wrong" && $("top_error").style.display === "" &&
    $("top_error").getAttribute("data-status") === "error", "show_error goes to the default error widget");
  S.setfields({ClearAllErrors: true});
  check($("top_error").textContent === "" && $("top_error").style.display === "none", "ClearAllErrors");

  S.setfields({ident_data: "demo_10_signed"});
  check(doc.querySelector('input[name="ident"]').value === "demo_10_signed", "ident_data rewrites ident inputs");
  check($("lnk").getAttribute("href") === "/next?ident=demo_10_signed&csrf_token=TOKEN123", "ident_data rewrites ident= in links");

  S.widgets.boom.fields = {para_text: function () { throw new Error("handler failed"); }};
  S.setfields({"boom:para_text": "x", "para:para_text": "still applied"});
  check($("para").textContent === "still applied", "an error in one widget does not stop the others");
  check(win.SKIPOLE_ERRORS.some((e) => e.message === "handler failed"), "caught errors are collected in SKIPOLE_ERRORS");
  S.setfields(null); S.setfields("text");

  reply = {body: JSON.stringify({"para:para_text": "from server"}), type: "application/json", status: 200};
  const result = await S.send("/json", {a: ["1", "2"]});
  const post = calls[calls.length - 1];
  check(post.url === "/json" && post.init.method === "POST", "send posts by default");
  check(post.init.headers["X-CSRF-Token"] === "TOKEN123" && /json/.test(post.init.headers.Accept), "send sends the CSRF header and asks for JSON");
  check(post.init.credentials === "same-origin", "send keeps cookies same-origin");
  check(post.init.body.getAll("a").join() === "1,2" && post.init.body.get("ident") === "demo_10_signed", "send body: fields and ident");
  check(result && $("para").textContent === "from server", "a JSON reply is applied");
  check(S.skiprefresh === true, "a user action skips the next refresh");

  reply = {body: "<html><body>replaced?</body></html>", type: "text/html", status: 200};
  const html = await S.send("/page", {}, {method: "GET"});
  check(calls[calls.length - 1].init.method === "GET" && calls[calls.length - 1].url === "/page?ident=demo_10_signed", "send GET puts fields in the query");
  check(html === null && doc.body.textContent.indexOf("replaced?") < 0, "an HTML reply is never written into the document");
  reply = {body: "<h1>Server error</h1>", type: "text/html", status: 500};
  await S.send("/fails", {});
  check(/500/.test($("top_error").textContent), "an error reply is reported in the default error widget");
  S.setfields({ClearAllErrors: true});

  reply = {body: JSON.stringify({"para:para_text": "refreshed"}), type: "application/json", status: 200};
  const before = calls.length;
  S.refresh();                                // skipped: skiprefresh was set by send
  await tick();
  check(calls.length === before && S.skiprefresh === false, "skiprefresh skips one tick");
  S.refresh();
  await tick();
  const get = calls[calls.length - 1];
  check(get.url === "/refresh?ident=demo_10_signed" && get.init.method === "GET" && get.init.credentials === "same-origin",
    "interval refresh fetches interval_target?ident=");
  check($("para").textContent === "refreshed", "refresh reply applied");
  const failing = win.fetch;
  win.fetch = () => Promise.reject(new Error("network down"));
  S.refresh();
  await tick();
  check(doc.documentElement.classList.contains("sk-offline"), "a failed refresh marks the page offline");
  win.fetch = failing;
  S.refresh();
  await tick();
  check(!doc.documentElement.classList.contains("sk-offline"), "the next good refresh clears it");

  S.setfields({JSONtoHTML: "javascript:alert(1)"});
  check(win.location.assigned.every((u) => u.indexOf("javascript") < 0), "unsafe JSONtoHTML URLs are refused");
  S.setfields({JSONtoHTML: "/elsewhere"});
  check(win.location.assigned[win.location.assigned.length - 1] === "http://localhost/elsewhere", "JSONtoHTML navigates");

  S.setfields({interval: 0});
  console.log(passed + " passed, " + failed + " failed");
  process.exit(failed ? 1 : 0);
})().catch((e) => { console.log("FAIL exception " + (e && e.stack)); process.exit(1); });
