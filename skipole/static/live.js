/* live.js: keeps every device value on a page up to date while the page is open.
 *
 * The page's data block carries "live": {url, version, run_id, bindings}.  This file asks
 * url?since=VERSION&run=RUN_ID in a loop; the server answers as soon as a device changes (or
 * after about 25 s with nothing), and each changed device dict goes to
 *   - every widget whose settings name it (settings.device, or settings.devices for tables)
 *     and that has a device_update method (the pi widgets), and
 *   - every binding [widget_id, field, device, format]: the value, formatted, is applied
 *     with SKIPOLE.setfields({"widget_id:field": text}), so any widget field can show it.
 * When the server is busy it says short_poll / retry_after and this file polls on a timer
 * instead; when it cannot be reached, it waits 1 s, 2 s, 4 s ... up to 30 s between tries and
 * marks <html class="sk-offline">; a 401 (the session ended) also says so once in a notice.
 * A hidden page (another tab, a phone in a pocket) drops its request and stops asking, so it
 * holds no server thread once the server's wait ends, and asks at once when shown again.
 *
 * window.SKIPOLE_LIVE holds the state for tests and the curious: version, run_id, updates
 * (device dicts applied), polls, errors, delay (ms before the next poll), status.
 * SKIPOLE.formatDevice(dev, format) is the formatter, shared with widgets/pi.js; it writes
 * what skipole.widgets.pi.format_value writes on the server.
 */
(function () {
  "use strict";
  if (window.SKIPOLE_LIVE) { return; }            // loaded twice

  var FIRST_RETRY = 1000, LAST_RETRY = 30000, POLL_LIMIT = 40000, QUIET = 1000, MISSING = "\u2014";
  var live = window.SKIPOLE_LIVE = {
    version: null, run_id: null, updates: 0, polls: 0, errors: 0, delay: 0, status: "starting", devices: {},
    logged_out: false
  };
  var config = null, timer = null, controller = null, generation = 0, retry = 0, waits = 0;

  function text(v) { return v === null || v === undefined ? "" : String(v); }
  function flag(v) { return v === true || v === 1 || /^(true|on|yes|1)$/i.test(text(v)); }
  function report(where, err) {
    var S = window.SKIPOLE;
    if (S && S.report) { S.report(where, err); } else if (window.console) { console.error("skipole live: " + where, err); }
  }

  // ---- formatting: the same rules as skipole.widgets.pi.format_value --------------------------
  function decimals(v, fallback) {
    if (v === null || v === undefined || typeof v === "boolean" || text(v).trim() === "") { return fallback; }
    var n = Number(text(v).trim());
    return Number.isInteger(n) && n >= 0 && n <= 10 ? n : fallback;
  }
  /* on / off: texts for true / false (default On / Off); decimals: digits after the point;
     percent: 0.0-1.0 shown as 0-100; unit: append the device's unit to a number (% with
     percent); prefix / suffix around it all.  Text values are shown as they are; a value
     that cannot be read shows an em dash. */
  function formatDevice(dev, fmt) {
    fmt = fmt && typeof fmt === "object" ? fmt : {};
    var value = dev && typeof dev === "object" ? dev.value : null;
    var unit = dev && typeof dev === "object" ? text(dev.unit) : "", withUnit = flag(fmt.unit), out;
    if (value === null || value === undefined || value === "") {
      out = MISSING;
    } else if (typeof value === "boolean") {
      out = value ? ("on" in fmt ? text(fmt.on) : "On") : ("off" in fmt ? text(fmt.off) : "Off");
    } else if (typeof value === "number") {
      var percent = flag(fmt.percent), n = percent ? value * 100 : value, d = decimals(fmt.decimals, percent ? 0 : null);
      out = d === null ? String(n) : n.toFixed(d);
      if (/^-0(\.0+)?$/.test(out)) { out = out.slice(1); }     // -0.04 to 1 decimal reads 0.0
      if (percent && withUnit) { out += "%"; } else if (withUnit && unit) { out += " " + unit; }
    } else {
      out = text(value);
    }
    return text(fmt.prefix) + out + text(fmt.suffix);
  }
  live.format = formatDevice;

  // ---- applying changes ------------------------------------------------------------------------
  function watches(w, name) {
    var s = w.settings || {};
    return s.device === name || (Array.isArray(s.devices) && s.devices.indexOf(name) >= 0);
  }
  function apply(changes) {
    var S = window.SKIPOLE, fields = {}, bound = false;
    var bindings = Array.isArray(config.bindings) ? config.bindings : [];
    changes.forEach(function (dev) {
      if (!dev || typeof dev !== "object" || typeof dev.name !== "string") { return; }
      live.devices[dev.name] = dev;
      Object.keys(S.widgets).forEach(function (id) {
        var w = S.widgets[id];
        if (w.el && typeof w.device_update === "function" && watches(w, dev.name)) {
          S.guard(id + " device_update", function () { w.device_update(dev); });
        }
      });
      bindings.forEach(function (b) {
        if (Array.isArray(b) && b.length >= 3 && b[2] === dev.name) {
          fields[text(b[0]) + ":" + text(b[1])] = formatDevice(dev, b[3]);
          bound = true;
        }
      });
      live.updates++;
    });
    if (bound) { S.setfields(fields); }
  }

  // ---- the polling loop ------------------------------------------------------------------------
  function offline(on) {
    var cls = document.documentElement.classList;
    if (on) { cls.add("sk-offline"); } else { cls.remove("sk-offline"); }
  }
  function schedule(ms) {
    clearTimeout(timer);
    timer = null;
    live.delay = ms;
    if (ms > 0) {
      live.status = "waiting";
      timer = setTimeout(poll, ms);
    } else { poll(); }
  }
  /* the next wait after a failure: 1 s, then doubled, at most 30 s */
  function backoff() {
    retry = retry ? Math.min(retry * 2, LAST_RETRY) : FIRST_RETRY;
    return retry;
  }

  function poll() {
    clearTimeout(timer);
    timer = null;
    if (document.hidden) { live.status = "paused"; return; }
    var mine = ++generation, abort = new AbortController(), began = Date.now();
    if (controller) { controller.abort(); }
    controller = abort;
    var limit = setTimeout(function () { abort.abort(); }, POLL_LIMIT);
    var query = new URLSearchParams();
    if (live.version !== null && live.version !== undefined) { query.set("since", text(live.version)); }
    if (live.run_id) { query.set("run", text(live.run_id)); }
    var url = config.url + (config.url.indexOf("?") < 0 ? "?" : "&") + query.toString();
    live.polls++;
    live.status = "polling";
    fetch(url, {method: "GET", credentials: "same-origin", cache: "no-store", headers: {"Accept": "application/json"},
      signal: abort.signal}).then(function (resp) {
      if (!resp.ok) { throw Object.assign(new Error("live updates: the server replied " + resp.status), {status: resp.status}); }
      return resp.json();
    }).then(function (data) {
      clearTimeout(limit);
      if (mine === generation) { received(data, Date.now() - began); }
    }).catch(function (err) {
      clearTimeout(limit);
      if (mine === generation) { failed(err); }   // else: superseded (page hidden, or a newer poll)
    });
  }

  function received(data, took) {
    if (!data || typeof data !== "object" || data.version === undefined) {
      return failed(new Error("live updates: the reply is not a change set"));
    }
    retry = 0;
    live.logged_out = false;
    offline(false);
    var changes = Array.isArray(data.changes) ? data.changes : [];
    live.version = data.version;
    if (data.run_id) { live.run_id = data.run_id; }
    window.SKIPOLE.guard("live changes", function () { apply(changes); });
    if (data.short_poll) {
      var secs = Number(data.retry_after);
      schedule(Math.min(60, Math.max(0.2, isFinite(secs) && secs > 0 ? secs : 1)) * 1000);
    } else if (!changes.length && took < QUIET) {
      schedule(QUIET);        // nothing new, at once: never spin against a server that does not wait
    } else {
      schedule(0);
    }
  }

  function failed(err) {
    live.errors++;
    report("live", err);
    offline(true);
    if (err && err.status === 401 && !live.logged_out) {   // the session ended while the page stayed open
      live.logged_out = true;
      window.SKIPOLE.notice("Live updates stopped: your session has ended. Reload the page to log in again.");
    }
    schedule(backoff());
  }

  function visibility() {
    if (document.hidden) {
      generation++;            // the answer of the poll in flight is dropped
      if (controller) { controller.abort(); controller = null; }
      clearTimeout(timer);
      timer = null;
      live.status = "paused";
    } else if (live.status === "paused" || live.status === "waiting") {
      schedule(0);
    }
  }

  // ---- start, once the core has read the page's data block ------------------------------------
  function start() {
    var S = window.SKIPOLE;
    if (!S || !S.started) {
      if (waits++ < 50) { setTimeout(start, 100); } else { live.status = "no core"; }
      return;
    }
    S.formatDevice = formatDevice;
    config = S.page && S.page.live;
    if (!config || typeof config !== "object" || !config.url) { live.status = "off"; return; }
    config.url = text(config.url);
    live.version = config.version === undefined ? null : config.version;
    live.run_id = config.run_id || null;
    document.addEventListener("visibilitychange", function () { S.guard("live visibility", visibility); });
    poll();
  }

  if (window.SKIPOLE) { window.SKIPOLE.formatDevice = formatDevice; }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
}());
