/* pi.js: client classes of skipole's Raspberry Pi widgets (module "pi").
 *
 * A control (a Switch, a Slider, the switches and sliders of a DeviceTable) is a form posting
 * to the device API; here it posts JSON {"value": ...} to the same address with the CSRF
 * header instead, shows the new state at once and goes back to the device's last known
 * state when the server refuses.  Every class has device_update(dev), which applies a device
 * dict {name, kind, value, unit, writable, ...}: live.js calls it on every change, and the
 * controls call it with the API's reply.  Values are written by SKIPOLE.formatDevice (live.js)
 * so that they read as the server rendered them.
 */
(function (S) {
  "use strict";
  var TIMEOUT = 15000, MISSING = "\u2014";

  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.getAttribute("content") || "" : "";
  }

  /* POST {"value": value} as JSON to url: resolves to the device dict the API returns,
     rejects with an Error carrying a message fit to show. */
  function setDevice(url, value) {
    var abort = new AbortController(), limit = setTimeout(function () { abort.abort(); }, TIMEOUT);
    var init = {
      method: "POST", credentials: "same-origin", signal: abort.signal,
      headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRF-Token": csrf()},
      body: JSON.stringify({value: value})
    };
    return fetch(url, init).then(function (resp) {
      return resp.json().catch(function () { return null; }).then(function (data) {
        if (!resp.ok || !data || typeof data !== "object") {
          throw new Error((data && data.error) || "The Pi replied " + resp.status + " " + (resp.statusText || ""));
        }
        return data;
      });
    }, function () {
      throw new Error(abort.signal.aborted ? "The Pi did not answer in time." : "The Pi cannot be reached; please try again.");
    }).finally(function () { clearTimeout(limit); });
  }

  function format(dev, fmt) {
    if (S.formatDevice) { return S.formatDevice(dev, fmt); }
    var v = dev ? dev.value : null;           // live.js not loaded: the plain value
    if (v === null || v === undefined || v === "") { return MISSING; }
    if (typeof v === "boolean") { return S.text(v ? (fmt || {}).on : (fmt || {}).off) || (v ? "On" : "Off"); }
    return S.text(v);
  }
  function isOn(v) { return v === true || (typeof v === "number" && v > 0) || /^(on|true|1|yes|high)$/i.test(S.text(v)); }
  function stateOf(dev) {
    if (dev.value === null || dev.value === undefined) { return "unavailable"; }
    if (/^(output|input|pwm)$/.test(S.text(dev.kind)) || typeof dev.value === "boolean") { return isOn(dev.value) ? "on" : "off"; }
    return "ok";
  }
  function all(el, sel) { return el ? Array.prototype.slice.call(el.querySelectorAll(sel)) : []; }

  /* Grey out (or enable again) the controls in box, as the server renders a read-only device. */
  function setWritable(box, writable) {
    all(box, "button,input").forEach(function (c) { if (c.type !== "hidden") { c.disabled = !writable; } });
    if (writable) { box.removeAttribute("data-readonly"); } else { box.setAttribute("data-readonly", "true"); }
  }

  /* The toggle form of an output inside box (the Switch itself, or a DeviceTable row). */
  function switchControl(w, box) {
    var form = box.querySelector("form.sk-pi-form"), button = box.querySelector("button.sk-pi-toggle");
    if (!form || !button) { return null; }
    var c = {busy: false, known: button.getAttribute("aria-checked") === "true"};
    c.show = function (on) {
      button.setAttribute("aria-checked", on ? "true" : "false");
      box.setAttribute("data-state", on ? "on" : "off");
      var label = button.querySelector(".sk-pi-state");
      if (label) { label.textContent = format({value: on}, {on: w.settings.on_text, off: w.settings.off_text}); }
      var next = form.querySelector('input[name="value"]');     // the no-JavaScript post stays right
      if (next) { next.value = on ? "off" : "on"; }
    };
    c.refresh = function () { c.show(c.known); };
    c.update = function (dev) {
      if ("value" in dev) { c.known = isOn(dev.value); }
      if ("writable" in dev) { setWritable(box, !!dev.writable); }
      if (!c.busy) { c.show(c.known); }
    };
    w.listen(form, "submit", function (e) {
      e.preventDefault();
      if (c.busy || button.disabled) { return; }   // a double tap sends once
      var want = !c.known;
      c.busy = true;
      button.setAttribute("aria-busy", "true");
      c.show(want);
      setDevice(form.getAttribute("action"), want).then(function (dev) {
        w.clearError();
        w.device_update(dev);
      }, function (err) {
        w.showError(err.message);
      }).then(function () {
        c.busy = false;
        button.removeAttribute("aria-busy");
        c.show(c.known);
      });
    });
    return c;
  }

  /* The PWM form inside box: sends while dragging (one request at a time, at most one every
     settings.send_every ms, the latest position last) and the final position on release. */
  function sliderControl(w, box) {
    var form = box.querySelector("form.sk-pi-form"), range = box.querySelector("input.sk-pi-range");
    if (!form || !range) { return null; }
    var out = box.querySelector("output.sk-pi-level"), every = Number(w.settings.send_every);
    if (!(every >= 0)) { every = 200; }
    var c = {known: Number(range.value) || 0, wanted: null, sent: null, sending: false, timer: null, touched: 0};
    c.label = function (level) {
      var shown = format({value: level}, {percent: true, unit: true});
      if (out) { out.textContent = shown; }
      range.setAttribute("aria-valuetext", shown);
      box.setAttribute("data-state", level > 0 ? "on" : "off");
    };
    c.show = function (level) { range.value = String(level); c.label(level); };
    c.flush = function () {
      if (c.sending || c.timer || c.wanted === null) { return; }
      var level = c.wanted;
      c.wanted = null;
      if (level === c.sent) { return; }           // the change event repeats the last input
      c.sending = true;
      c.sent = level;
      setDevice(form.getAttribute("action"), level).then(function (dev) {
        w.clearError();
        w.device_update(dev);
      }, function (err) {
        c.wanted = null;
        c.sent = null;
        c.touched = 0;
        w.showError(err.message);
      }).then(function () {
        c.sending = false;
        if (c.wanted === null && (c.sent === null || Date.now() - c.touched > 1000)) { c.show(c.known); }
        c.timer = setTimeout(function () { c.timer = null; c.flush(); }, every);
      });
    };
    c.want = function (level) {
      if (range.disabled || !isFinite(level)) { return; }
      c.wanted = level;
      c.touched = Date.now();
      c.label(level);
      c.flush();
    };
    c.refresh = function () { c.show(c.known); };
    c.update = function (dev) {
      if ("value" in dev && isFinite(Number(dev.value))) { c.known = Number(dev.value); }
      if (!c.sending && c.known !== c.sent) { c.sent = null; }   // moved elsewhere: the same position sends again
      if ("writable" in dev) { setWritable(box, !!dev.writable); }
      // while the user drags, the thumb stays under the finger
      if (!c.sending && c.wanted === null && Date.now() - c.touched > 1000) { c.show(c.known); }
    };
    function moved() { c.want(Number(range.value)); }
    w.listen(range, "input", moved);
    w.listen(range, "change", moved);
    w.listen(form, "submit", function (e) { e.preventDefault(); moved(); });
    return c;
  }

  /* What every pi widget shares: errors go in its .sk-pi-error box, and widget_class set by
     JSON keeps the sk-pi classes the stylesheet needs. */
  var base = {
    errorSel: ".sk-pi-error",
    init: function () { this.el.classList.add("sk-pi-live"); },
    setClass: function (v) {
      var own = S.text(this.el.getAttribute("class")).split(/\s+/).filter(function (c) { return /^sk-pi/.test(c); });
      this.el.setAttribute("class", own.concat(S.text(v).split(/\s+/).filter(Boolean)).join(" "));
    },
    device_update: function () {}
  };
  function define(name, methods) {
    var proto = Object.assign({}, base, methods);
    proto.fields = Object.assign({}, methods.fields || {});
    return S.define("pi", name, proto);
  }
  function text(name) {                          // a JSON field kept in settings, then redrawn
    return function (v) { this.settings[name] = S.text(v); this.redraw(); };
  }

  define("Switch", {
    fields: {label: "text .sk-pi-label", on_text: text("on_text"), off_text: text("off_text")},
    init: function () { base.init.call(this); this.control = switchControl(this, this.el); },
    redraw: function () { if (this.control) { this.control.refresh(); } },
    device_update: function (dev) { if (this.control) { this.control.update(dev); } }
  });

  define("Slider", {
    fields: {label: "text .sk-pi-label"},
    init: function () { base.init.call(this); this.control = sliderControl(this, this.el); },
    device_update: function (dev) { if (this.control) { this.control.update(dev); } }
  });

  define("Indicator", {
    fields: {label: "text .sk-pi-label", on_text: text("on_text"), off_text: text("off_text")},
    redraw: function () { if (this.dev) { this.device_update(this.dev); } },
    device_update: function (dev) {
      this.dev = dev;
      this.el.setAttribute("data-state", stateOf(dev));
      var shown = this.find(".sk-pi-state");
      if (shown) { shown.textContent = format(dev, {on: this.settings.on_text, off: this.settings.off_text}); }
    }
  });

  define("Value", {
    fields: {label: "text .sk-pi-label"},
    device_update: function (dev) {
      this.el.setAttribute("data-state", stateOf(dev));
      var shown = this.find(".sk-pi-reading");
      if (shown) { shown.textContent = format(dev, this.settings.format); }
    }
  });

  define("Gauge", {
    fields: {label: "text .sk-pi-label"},
    device_update: function (dev) {
      var s = this.settings, lo = Number(s.minimum), hi = Number(s.maximum), v = Number(dev.value);
      var known = dev.value !== null && dev.value !== undefined && typeof dev.value !== "boolean" && isFinite(v);
      if (!(hi > lo)) { lo = 0; hi = 100; }
      var fraction = known ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0;
      var shown = known ? format(dev, s.format) : MISSING;
      var needle = this.find(".sk-pi-needle"), arc = this.find(".sk-pi-arc"), reading = this.find(".sk-pi-reading");
      var svg = this.find(".sk-pi-dial"), label = this.find(".sk-pi-label");
      if (needle) { needle.setAttribute("transform", "rotate(" + (-120 + 240 * fraction).toFixed(2) + " 100 100)"); }
      if (arc) { arc.setAttribute("stroke-dasharray", (fraction * 100).toFixed(2) + " 100"); }
      if (reading) { reading.textContent = shown; }
      if (svg) { svg.setAttribute("aria-label", (label ? label.textContent : S.text(s.label)) + ": " + shown); }
      this.el.setAttribute("data-state", known ? "ok" : "unavailable");
    }
  });

  /* One row per device (tr[data-device]); the row's data-format says how its value reads. */
  define("DeviceTable", {
    fields: {caption: "text caption"},
    init: function () {
      var w = this;
      base.init.call(this);
      this.rows = {};
      all(this.el, "tr[data-device]").forEach(function (tr) {
        var kind = tr.getAttribute("data-kind"), fmt = {};
        S.guard(w.id + " row format", function () { fmt = JSON.parse(tr.getAttribute("data-format") || "{}"); });
        w.rows[tr.getAttribute("data-device")] = {
          tr: tr, fmt: fmt,
          control: kind === "output" ? switchControl(w, tr) : (kind === "pwm" ? sliderControl(w, tr) : null)
        };
      });
    },
    device_update: function (dev) {
      var row = this.rows && this.rows[dev.name];
      if (!row) { return; }
      var reading = row.tr.querySelector("td.sk-pi-reading");
      if (reading) { reading.textContent = format(dev, row.fmt); }
      row.tr.setAttribute("data-state", stateOf(dev));
      if (row.control) { row.control.update(dev); }
    }
  });

  define("SimulatedNotice", {
    fields: {notice_text: "text"},
    device_update: function (dev) {
      if ("simulated" in dev) { this.el.style.display = dev.simulated ? "" : "none"; }
    }
  });

  S.pi = {setDevice: setDevice, format: format};
}(window.SKIPOLE));
