/* skipole.js: the skipole browser library core (vanilla JavaScript, no dependencies).
 *
 * It reads the page's data block (<script type="application/json" data-skipole="page">),
 * makes one client object per named widget (SKIPOLE.widgets[id]), applies JSON replies
 * (SKIPOLE.setfields), refreshes the page on an interval and sends forms and links as
 * JSON calls (SKIPOLE.send).  Widget files (widgets/MODULE.js) describe their classes with
 * SKIPOLE.define.  Strict-CSP friendly: no eval, no inline handlers, no HTML strings.
 *
 * A widget class (see widgets/paras.js):
 *   SKIPOLE.define("paras", "ParaText", {
 *     fields: {para_text: "text"},        // field -> "kind selector" rule, or function (value, result)
 *     init: function () { ... },          // bind events: this.listen(target, "click", fn)
 *     setvalues: function (fields, result) { ... }   // only to replace the rule-driven default
 *   });
 * Each object has id, el (its element), settings (the page's js settings for it), module
 * and widgetClass.  widget_class, widget_style, hide, show_error and clear_error are handled
 * by setClass / setStyle / setHidden / showError / clearError unless `fields` names them.
 */
(function () {
  "use strict";
  if (window.SKIPOLE && window.SKIPOLE.started !== undefined) { return; }  // loaded twice

  var S = window.SKIPOLE = {widgets: {}, classes: {}, skiprefresh: false, started: false, page: {}};
  var errors = window.SKIPOLE_ERRORS = window.SKIPOLE_ERRORS || [];
  var page = S.page, timer = null, busy = false;

  // ---- small helpers, public so widget files share them ----------------------------------
  function report(where, err) {
    errors.push({where: where, message: String((err && err.message) || err)});
    if (errors.length > 100) { errors.splice(0, errors.length - 100); }   // pages stay open for days
    if (window.console) { console.error("skipole: " + where, err); }
  }
  function guard(where, fn) { try { return fn(); } catch (e) { report(where, e); } }
  function text(v) { return v === null || v === undefined ? "" : String(v); }
  function truthy(v) { return v === true || v === 1 || /^(true|on|yes|1)$/i.test(text(v)); }
  function list(v) { return Array.isArray(v) ? v : (v === null || v === undefined || v === "" ? [] : [v]); }

  /* Text with line breaks kept: text nodes and <br> elements, never HTML. */
  function setLines(el, v) {
    el.textContent = "";
    text(v).split("\n").forEach(function (line, i) {
      if (i) { el.appendChild(document.createElement("br")); }
      el.appendChild(document.createTextNode(line));
    });
  }
  /* An http(s) or relative URL, resolved; "" for anything else (javascript:, data: ...). */
  function safeUrl(url) {
    try {
      var u = new URL(text(url).trim(), window.location.href);
      return /^https?:$/.test(u.protocol) ? u.href : "";
    } catch { return ""; }
  }
  function navigate(url) { var u = safeUrl(url); if (u) { window.location.assign(u); } }
  function addQuery(url, params) {
    var q = params.toString();
    return q ? url + (url.indexOf("?") < 0 ? "?" : "&") + q : url;
  }
  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") || "" : "";
  }

  /* Raw HTML from trusted widget fields (UList2, DivHTML ...): parsed, never executed. */
  function setHTML(el, html) {
    var doc = new DOMParser().parseFromString("<body>" + text(html), "text/html");
    doc.body.querySelectorAll("script,iframe,object,embed,link,meta,base,form").forEach(function (n) { n.remove(); });
    doc.body.querySelectorAll("*").forEach(function (n) {
      Array.prototype.slice.call(n.attributes).forEach(function (a) {
        if (/^on/i.test(a.name) || (/(href|src|action)$/i.test(a.name) && /^\s*(javascript:|vbscript:|data:(?!image\/))/i.test(a.value))) {
          n.removeAttribute(a.name);
        }
      });
    });
    el.textContent = "";
    while (doc.body.firstChild) { el.appendChild(document.adoptNode(doc.body.firstChild)); }
  }

  /* A link to a page of this site as the server writes them: url?ident=...&name=value...&csrf_token=...
     (pairs: [[name, value], ...]; empty values are left out). */
  function link(url, pairs) {
    if (!url) { return ""; }
    var q = new URLSearchParams();
    if (page.ident) { q.append("ident", page.ident); }
    list(pairs).forEach(function (p) { if (text(p[1]) !== "") { q.append(p[0], text(p[1])); } });
    if (!/^[a-z][a-z0-9+.\-]*:|^\/\//i.test(url) && csrf()) { q.append("csrf_token", csrf()); }
    return addQuery(url, q);
  }

  S.report = report; S.guard = guard; S.text = text; S.truthy = truthy; S.list = list;
  S.setLines = setLines; S.setHTML = setHTML; S.safeUrl = safeUrl; S.navigate = navigate;
  S.link = link; S.addQuery = addQuery;

  /* A message box at the top of the page, when no error widget can show a message. */
  S.notice = function (msg) {
    var box = document.querySelector(".sk-notice");
    if (!box) {
      box = document.createElement("div");
      box.className = "sk-notice sk-error";
      box.setAttribute("role", "alert");
      box.addEventListener("click", function () { box.remove(); });
      document.body.insertBefore(box, document.body.firstChild);
    }
    setLines(box, msg);
  };

  // ---- field rules: "kind selector" strings a widget class lists in its `fields` ----------
  // kind:ARG takes an argument (attr:stroke-width, col:1).  The selector finds the target
  // inside the widget (empty: the widget's element itself).
  var kinds = {
    text: function (w, sel, v) { var e = w.find(sel); if (e) { e.textContent = text(v); } },
    lines: function (w, sel, v) { var e = w.find(sel); if (e) { setLines(e, v); } },
    html: function (w, sel, v) { var e = w.find(sel); if (e) { setHTML(e, v); } },
    value: function (w, sel, v) { var e = w.find(sel); if (e) { e.value = text(v); } },
    checked: function (w, sel, v) { w.findAll(sel).forEach(function (e) { e.checked = truthy(v); }); },
    disabled: function (w, sel, v) { w.findAll(sel).forEach(function (e) { e.disabled = truthy(v); }); },
    show: function (w, sel, v) { w.findAll(sel).forEach(function (e) { e.style.display = truthy(v) ? "" : "none"; }); },
    hide: function (w, sel, v) { w.findAll(sel).forEach(function (e) { e.style.display = truthy(v) ? "none" : ""; }); },
    attr: function (w, sel, v, name) {
      var e = w.find(sel);
      if (!e) { return; }
      if (v === null || v === undefined) { e.removeAttribute(name); } else { e.setAttribute(name, text(v)); }
    },
    items: function (w, sel, v, arg) {            // a list: one <li> per item, striped
      var ul = w.find(sel);
      if (!ul) { return; }
      ul.textContent = "";
      list(v).forEach(function (item, i) {
        var li = document.createElement("li");
        if (arg === "html") { setHTML(li, item); } else { setLines(li, item); }
        w.stripe(li, i);
        ul.appendChild(li);
      });
    },
    col: function (w, sel, v, n) {                // column n of the existing data rows
      var items = list(v);
      w.rows(sel).forEach(function (tr, i) {
        var cell = tr.cells[Number(n)];
        if (cell && i < items.length) { setLines(cell, items[i]); }
      });
    },
    rowclass: function (w, sel, v) {
      var items = list(v);
      w.rows(sel).forEach(function (tr, i) { if (i < items.length) { tr.setAttribute("class", text(items[i])); } });
    }
  };
  S.kinds = kinds;

  // ---- the widget base: every client object inherits from it -----------------------------
  var Widget = S.Widget = {
    fields: {},
    init: function () {
      if (this.events && this.eventfunc) { this.listen(this.el, this.events, this.eventfunc); }
    },
    find: function (sel) {
      if (!sel) { return this.el; }
      return this.el.matches(sel) ? this.el : this.el.querySelector(sel);
    },
    findAll: function (sel) {
      if (!sel) { return [this.el]; }
      var found = Array.prototype.slice.call(this.el.querySelectorAll(sel));
      return this.el.matches(sel) ? [this.el].concat(found) : found;
    },
    rows: function (sel) {                        // the table's rows that hold data cells
      var table = this.find(sel || "table");
      if (!table || !table.rows) { return []; }
      return Array.prototype.filter.call(table.rows, function (tr) { return tr.querySelector("td"); });
    },
    stripe: function (el, i) {                    // 1st, 3rd ... odd_class; 2nd, 4th ... even_class
      var cls = i % 2 ? this.settings.even_class : this.settings.odd_class;
      if (cls) { el.setAttribute("class", cls); }
    },
    listen: function (target, types, fn) {
      var w = this;
      list(types).forEach(function (type) {
        target.addEventListener(type, function (e) { guard(w.id + " " + type, function () { fn.call(w, e); }); });
      });
    },
    /* Apply fields (an object field -> value) of a JSON reply; result is the whole reply. */
    setvalues: function (fields, result) {
      var w = this;
      Object.keys(fields).forEach(function (name) {
        guard(w.id + ":" + name, function () { w.setfield(name, fields[name], result); });
      });
    },
    setfield: function (name, value, result) {
      var rule = this.fields[name];
      if (typeof rule === "function") { return rule.call(this, value, result); }
      if (rule === undefined) { return this.setByName(name, value); }
      if (!rule) { return; }                    // null or "": deliberately ignored
      var space = rule.indexOf(" "), head = space < 0 ? rule : rule.slice(0, space);
      var colon = head.indexOf(":"), kind = kinds[colon < 0 ? head : head.slice(0, colon)];
      if (kind) { kind(this, space < 0 ? "" : rule.slice(space + 1), value, colon < 0 ? "" : head.slice(colon + 1)); }
    },
    /* Fields without a rule: a form control named "id:field" (dicts: "id:field-key"),
       else the get_field parameter of the widget's links. */
    setByName: function (name, value) {
      var w = this, key = this.id + ":" + name, hit = false;
      if (value && typeof value === "object" && !Array.isArray(value)) {   // a dict field
        return Object.keys(value).forEach(function (k) { w.setByName(name + "-" + k, value[k]); });
      }
      this.findAll("input,select,textarea").forEach(function (c) {
        if (c.name !== key) { return; }
        hit = true;
        if (c.type === "radio") { c.checked = c.value === text(value); } else if (c.type === "checkbox") {
          c.checked = truthy(value);
        } else { c.value = text(value); }
      });
      if (!hit && /^hidden_field\d$/.test(name) && text(value) !== "") {     // left out when it was empty
        var form = this.find("form");
        if (form) {
          var input = document.createElement("input");
          input.type = "hidden"; input.name = key; input.value = text(value);
          form.appendChild(input);
        }
        return;
      }
      if (hit || !/^get_?field/.test(name)) { return; }
      var links = this.findAll("a[href]");
      links.forEach(function (a) {
        var href = a.getAttribute("href"), at = href.indexOf("?");
        var params = new URLSearchParams(at < 0 ? "" : href.slice(at + 1).split("#")[0]);
        if (!params.has(key) && links.length > 1) { return; }
        if (text(value) === "") { params.delete(key); } else { params.set(key, text(value)); }
        a.setAttribute("href", (at < 0 ? href : href.slice(0, at)) + "?" + params.toString());
      });
    },
    // the fields every widget has; a class may override these methods
    setClass: function (v) { this.el.setAttribute("class", text(v)); },
    setStyle: function (v) {
      var hidden = this.el.style.display === "none";
      this.el.style.cssText = text(v);
      if (hidden) { this.el.style.display = "none"; }
    },
    setHidden: function (v) { this.hideSetting = truthy(v); this.el.style.display = this.hideSetting ? "none" : ""; },
    /* errorSel: selector of the box shown only while there is an error; errorText: selector
       of text replaced by the error and put back when it clears.  Neither: the first child
       <div> holding just a <p>, or the element itself when it is a <p>. */
    errorBox: function () {
      if (this.errorSel !== undefined) { return this.find(this.errorSel); }
      var kids = this.el.children;
      for (var i = 0; i < kids.length; i++) {
        if (kids[i].localName === "div" && kids[i].children.length === 1 && kids[i].firstElementChild.localName === "p") {
          return kids[i];
        }
      }
      return this.el.localName === "p" ? this.el : null;
    },
    showError: function (msg) {
      if (text(msg) === "") { return this.clearError(); }
      var target = this.errorText !== undefined ? this.find(this.errorText) : this.errorBox();
      if (!target) { return S.notice(msg); }
      if (this.errorText !== undefined) {
        if (this.savedText === undefined) { this.savedText = target.textContent; }
        setLines(target, msg);
        if (target.style.display === "none") { target.style.display = ""; this.rehideText = target; }
      } else {
        setLines(target.localName === "p" ? target : (target.querySelector("p") || target), msg);
        target.style.display = "";
      }
      if (this.el.style.display === "none") { this.el.style.display = ""; this.rehide = true; }
      this.el.setAttribute("data-status", "error");
    },
    clearError: function () {
      if (this.el.getAttribute("data-status") !== "error") { return; }
      this.el.removeAttribute("data-status");
      if (this.errorText !== undefined) {
        var t = this.find(this.errorText);
        if (t && this.savedText !== undefined) { t.textContent = this.savedText; }
        this.savedText = undefined;
        if (this.rehideText) { this.rehideText.style.display = "none"; this.rehideText = null; }
      } else {
        var box = this.errorBox();
        if (box) {
          (box.localName === "p" ? box : (box.querySelector("p") || box)).textContent = "";
          if (box !== this.el) { box.style.display = "none"; }
        }
        // a paragraph that is itself the error box hides again, unless its hide field is off
        // (it was shown without an error, or a JSON update set hide false)
        if (box === this.el && (this.hideSetting === true || (this.hideSetting === undefined && !this.shownWithoutError))) {
          this.rehide = true;
        }
      }
      if (this.rehide) { this.el.style.display = "none"; this.rehide = false; }
    }
  };

  var COMMON = {
    widget_class: function (v) { this.setClass(v); },
    widget_style: function (v) { this.setStyle(v); },
    hide: function (v) { this.setHidden(v); },
    show_error: function (v) { this.showError(v); },
    clear_error: function (v) { if (truthy(v)) { this.clearError(); } }
  };

  function lookup(module, cls) {
    var mod = S.classes[module] || {};
    return mod[cls] || mod["*"] || Widget;
  }
  function create(id, module, cls, settings) {
    var w = Object.create(lookup(module, cls));
    w.id = id; w.module = module; w.widgetClass = cls;
    w.settings = settings || {};
    w.el = document.getElementById(id);
    w.shownWithoutError = !!w.el && w.el.style.display !== "none" && w.el.getAttribute("data-status") !== "error";
    S.widgets[id] = w;
    if (w.el) { guard(id + " init", function () { w.init(); }); }
    return w;
  }

  /* Register the client class of module.ClassName (names: a name, a list, or "*" for the
     module's other classes).  methods are copied over base (default SKIPOLE.Widget);
     their `fields` rules are merged with base's.  Returns the prototype, to extend. */
  S.define = function (module, names, methods, base) {
    base = base || Widget;
    var proto = Object.assign(Object.create(base), methods || {});
    proto.fields = Object.assign({}, base.fields, (methods && methods.fields) || {});
    var mod = S.classes[module] || (S.classes[module] = {});
    names = list(names);
    names.forEach(function (n) { mod[n] = proto; });
    if (S.started) {                            // a late file: upgrade widgets already made
      Object.keys(S.widgets).forEach(function (id) {
        var w = S.widgets[id];
        if (w.module === module && lookup(module, w.widgetClass) !== Object.getPrototypeOf(w)) {
          create(id, module, w.widgetClass, w.settings);
        }
      });
    }
    return proto;
  };

  // ---- applying a JSON reply ---------------------------------------------------------------
  function setIdent(value) {
    page.ident = text(value);
    document.querySelectorAll('input[name="ident"]').forEach(function (i) { i.value = page.ident; });
    var enc = encodeURIComponent(page.ident);
    document.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (/[?&]ident=/.test(href)) { a.setAttribute("href", href.replace(/([?&]ident=)[^&#]*/, "$1" + enc)); }
    });
  }
  function storage(kind, values) {
    if (!values || typeof values !== "object") { return; }
    guard(kind, function () {
      var store = window[kind];
      Object.keys(values).forEach(function (k) {
        if (values[k] === null) { store.removeItem(k); } else { store.setItem(k, text(values[k])); }
      });
    });
  }
  function pageError(msg) {
    var w = S.widgets[page.default_error_widget];
    if (w && w.el) { guard("show_error", function () { w.showError(msg); }); } else { S.notice(msg); }
  }
  function clearAllErrors() {
    Object.keys(S.widgets).forEach(function (id) {
      var w = S.widgets[id];
      if (w.el) { guard(id + " clearError", function () { w.clearError(); }); }
    });
    document.querySelectorAll(".sk-notice").forEach(function (n) { n.remove(); });
  }
  function updateWidget(w, fields, result) {
    var rest = {}, more = false;
    Object.keys(fields).forEach(function (name) {
      if (COMMON[name] && w.fields[name] === undefined) {
        guard(w.id + ":" + name, function () { COMMON[name].call(w, fields[name]); });
      } else { rest[name] = fields[name]; more = true; }
    });
    if (more) { guard(w.id + " setvalues", function () { w.setvalues(rest, result); }); }
  }
  function updateSection(alias, fields) {
    var el = document.getElementById(alias);
    if (!el) { return; }
    if ("hide" in fields) { el.style.display = truthy(fields.hide) ? "none" : ""; }
    if ("section_class" in fields) { el.setAttribute("class", text(fields.section_class)); }
  }

  S.setfields = function (result) {
    if (!result || typeof result !== "object") { return; }
    guard("setfields", function () { apply(result); });
  };

  function apply(r) {
    if ("ident_data" in r) { guard("ident_data", function () { setIdent(r.ident_data); }); }
    if (truthy(r.ClearAllErrors)) { clearAllErrors(); }
    if (r.CatchToHTML) { page.catch_to_html = r.CatchToHTML; }
    if (r.throw) {
      report("throw", r.throw);
      if (page.catch_to_html) { navigate(page.catch_to_html); } else { pageError(r.throw); }
      return;
    }
    if ("interval" in r || "IntervalTarget" in r) {
      if ("interval" in r) { page.interval = r.interval; }
      if (r.IntervalTarget) { page.interval_target = r.IntervalTarget; }
      startTimer();
    }
    storage("sessionStorage", r.sessionStorage);
    storage("localStorage", r.localStorage);
    if (r.JSONtoHTML) { return navigate(r.JSONtoHTML); }
    if (r.show_error) { pageError(r.show_error); }
    if ("backcol" in r) { document.body.style.backgroundColor = text(r.backcol); }
    if (r.lang) { document.documentElement.setAttribute("lang", text(r.lang)); }
    if ("body_class" in r) { document.body.setAttribute("class", text(r.body_class)); }

    var groups = {};                            // "id:field" and "alias/variable" keys by id
    Object.keys(r).forEach(function (key) {
      var at = key.indexOf(":");
      if (at < 0) { at = key.indexOf("/"); }
      if (at > 0) { (groups[key.slice(0, at)] = groups[key.slice(0, at)] || {})[key.slice(at + 1)] = r[key]; }
    });
    Object.keys(groups).forEach(function (id) {
      var w = S.widgets[id], fields = groups[id];
      var section = !w && Object.keys(fields).every(function (f) { return /^(hide|section_class|show|multiplier)$/.test(f); });
      if (section) { return updateSection(id, fields); }
      if (!w && document.getElementById(id)) { w = create(id, "", "", {}); }
      if (w && w.el) { updateWidget(w, fields, r); }
    });
  }

  // ---- talking to the server ---------------------------------------------------------------
  function request(url, init) {
    var abort = new AbortController(), limit = setTimeout(function () { abort.abort(); }, 30000);
    init.credentials = "same-origin";
    init.headers = {"Accept": "application/json", "X-CSRF-Token": csrf()};
    init.signal = abort.signal;
    return fetch(url, init).finally(function () { clearTimeout(limit); });
  }
  function isJSON(resp) { return /json/i.test(resp.headers.get("Content-Type") || ""); }
  function formBody(data) {
    if (data instanceof FormData || data instanceof URLSearchParams) { return data; }
    if (typeof HTMLFormElement !== "undefined" && data instanceof HTMLFormElement) { return new FormData(data); }
    var body = new URLSearchParams();
    Object.keys(data || {}).forEach(function (k) {
      list(data[k]).forEach(function (v) { body.append(k, text(v)); });
    });
    return body;
  }

  /* Send data (FormData, URLSearchParams, a form or a plain object) to url: POST unless
     opts.method says otherwise.  A JSON reply is applied with setfields; an HTML reply
     opens its address.  Resolves to the JSON reply, or null. */
  S.send = function (url, data, opts) {
    opts = opts || {};
    var method = (opts.method || "POST").toUpperCase(), body = formBody(data), init = {method: method};
    if (!body.has("ident") && !/[?&]ident=/.test(url) && page.ident) { body.append("ident", page.ident); }
    if (method === "GET" || method === "HEAD") {
      var query = new URLSearchParams();
      body.forEach(function (v, k) { if (typeof v === "string") { query.append(k, v); } });
      url = addQuery(url, query);
    } else { init.body = body; }
    S.skiprefresh = true;
    return request(url, init).then(function (resp) {
      if (isJSON(resp)) { return resp.json().then(function (result) { S.setfields(result); return result; }); }
      if (resp.ok) { if (resp.url) { navigate(resp.url); } } else { pageError("The server replied " + resp.status + " " + resp.statusText); }
      return null;
    }).catch(function (e) {
      report("send " + url, e);
      pageError(opts.failText || "The request could not be sent; please try again.");
      return null;
    });
  };

  /* Behaviours widget classes call from init: a form or a link that calls a JSON
     responder instead of loading a page (its normal action stays the no-JavaScript path).
     While the call runs the button shows settings.button_wait_text and a form's button is
     disabled, so a double tap sends once. */
  function waiting(w, button, disable) {
    var wait = w.settings.button_wait_text, input = button && button.localName === "input";
    var label = button && (input ? button.value : button.textContent);
    if (!button) { return function () {}; }
    if (wait) { if (input) { button.value = wait; } else { button.textContent = wait; } }
    if (disable) { button.disabled = true; }
    return function () {
      if (disable) { button.disabled = false; }
      if (wait && input && button.value === wait) { button.value = label; }
      if (wait && !input && button.textContent === wait) { button.textContent = label; }
    };
  }
  S.jsonForm = function (w, url) {
    if (typeof url !== "string" || !url) { return; }
    w.findAll("form").forEach(function (form) {
      w.listen(form, "submit", function (e) {
        e.preventDefault();
        var data = new FormData(form), b = e.submitter || document.getElementById(w.settings.buttonident) ||
          form.querySelector("button:not([type=button]),input[type=submit]");
        if (b && b.name) { data.append(b.name, b.value); }
        S.send(url, data, {method: w.settings.method}).then(waiting(w, b, true));
      });
    });
  };
  S.jsonLink = function (w, url, links) {      // links: an element or an array; default all
    if (typeof url !== "string" || !url) { return; }
    list(links || w.findAll("a[href]")).forEach(function (link) {
      w.listen(link, "click", function (e) {
        e.preventDefault();             // the link's query (ident, get fields, token) goes to url
        var href = link.getAttribute("href") || "", at = href.indexOf("?");
        var query = new URLSearchParams(at < 0 ? "" : href.slice(at + 1).split("#")[0]);
        S.send(addQuery(url, query), null, {method: "GET"}).then(waiting(w, link, false));
      });
    });
  };

  function tick() {
    if (S.skiprefresh) { S.skiprefresh = false; return; }
    if (busy || document.hidden) { return; }
    busy = true;
    var url = addQuery(text(page.interval_target), new URLSearchParams({ident: text(page.ident)}));
    // <html class="sk-offline"> while the server cannot be reached (stylesheets mark it)
    var offline = function (e) { report("interval", e); document.documentElement.classList.add("sk-offline"); };
    request(url, {method: "GET"}).then(function (resp) {
      document.documentElement.classList.remove("sk-offline");
      if (resp.ok && isJSON(resp)) { return resp.json().then(S.setfields); }
      report("interval", "refresh replied " + resp.status);
    }).catch(offline).then(function () { busy = false; });
  }
  function startTimer() {
    if (timer) { clearInterval(timer); timer = null; }
    var secs = parseFloat(page.interval);
    if (secs > 0 && page.interval_target) { timer = setInterval(tick, Math.max(secs, 0.5) * 1000); }
  }
  S.refresh = tick;
  S.startTimer = startTimer;

  /* Before any form is sent (as a page or a JSON call): storage values go with it.  A form
     with data-session-storage / data-local-storage sends that key's stored value as
     WIDGET:session_storage / WIDGET:local_storage; a hidden input with data-session-key /
     data-local-key is given its key's stored value. */
  function fillStorage(e) {
    var form = e.target;
    if (!form || form.localName !== "form") { return; }
    guard("storage fields", function () {
      var owner = form.closest("[id]"), id = owner && S.widgets[owner.id] ? owner.id : "";
      [["session", "sessionStorage"], ["local", "localStorage"]].forEach(function (pair) {
        var store = window[pair[1]], key = form.getAttribute("data-" + pair[0] + "-storage");
        if (key && id) {
          var name = id + ":" + pair[0] + "_storage", input = form.querySelector('input[name="' + name + '"]');
          if (!input) { input = form.appendChild(document.createElement("input")); input.type = "hidden"; input.name = name; }
          input.value = store.getItem(key) || "";
        }
        form.querySelectorAll("input[data-" + pair[0] + "-key]").forEach(function (i) {
          i.value = store.getItem(i.getAttribute("data-" + pair[0] + "-key")) || "";
        });
      });
    });
  }
  document.addEventListener("submit", fillStorage, true);

  // ---- start ---------------------------------------------------------------------------------
  function scrollKey() { return "skipole-scroll:" + (page.page || window.location.pathname); }
  function saveScroll() {
    guard("scroll", function () { sessionStorage.setItem(scrollKey(), window.scrollX + "," + window.scrollY); });
  }
  function restoreScroll() {
    guard("scroll", function () {
      var xy = (sessionStorage.getItem(scrollKey()) || "").split(",");
      if (xy.length === 2) { window.scrollTo(Number(xy[0]) || 0, Number(xy[1]) || 0); }
    });
  }

  function start() {
    if (S.started) { return; }
    S.started = true;
    var block = document.querySelector('script[data-skipole="page"]');
    if (block) { guard("page data", function () { Object.assign(page, JSON.parse(block.textContent)); }); }
    list(page.widgets).forEach(function (spec) {
      guard("widget " + spec[0], function () { create(spec[0], spec[1], spec[2], spec[3]); });
    });
    storage("sessionStorage", page.sessionStorage);
    storage("localStorage", page.localStorage);
    if (page.last_scroll) {
      restoreScroll();
      window.addEventListener("pagehide", saveScroll);
      document.addEventListener("visibilitychange", function () { if (document.hidden) { saveScroll(); } });
    }
    startTimer();
    document.documentElement.dataset.skipole = "ready";
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
