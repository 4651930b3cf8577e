/* links.js: client classes of the link, button and media widgets.  Every link keeps its
 * href: without JavaScript it is an ordinary link (the no-JavaScript path). */
(function (S) {
  "use strict";
  // links with a json_url call it instead of loading the link's page
  var JSONLink = S.define("links", "*", {
    init: function () { S.jsonLink(this, this.settings.json_url); }
  });

  /* Button links whose class becomes error_class while an error is shown (an error also
     un-hides them); the message is the button's tooltip. */
  var ErrorButton = S.define("links", ["ButtonLink1", "JSONButtonLink"], {
    fields: {button_text: "text"},
    showError: function (msg) {
      if (S.text(msg) === "") { return this.clearError(); }
      if (this.plainClass === undefined) { this.plainClass = this.el.getAttribute("class") || ""; }
      var cls = this.settings.error_class || "sk-error";
      this.el.setAttribute("class", (this.plainClass + " " + cls).trim());
      this.el.setAttribute("title", S.text(msg));
      if (this.el.style.display === "none") { this.el.style.display = ""; this.rehide = true; }
      this.el.setAttribute("data-status", "error");
    },
    clearError: function () {
      if (this.el.getAttribute("data-status") !== "error") { return; }
      this.el.removeAttribute("data-status");
      this.el.removeAttribute("title");
      if (this.plainClass !== undefined) { this.el.setAttribute("class", this.plainClass); this.plainClass = undefined; }
      if (this.rehide) { this.el.style.display = "none"; this.rehide = false; }
    }
  }, JSONLink);
  S.define("links", "JSONButtonLink", {}, ErrorButton);

  S.define("links", "Link", {fields: {content: "text"}}, JSONLink);
  S.define("links", "ButtonLink2", {fields: {button_text: "text a"}}, JSONLink);

  S.define("links", "LinkToWidget", {
    fields: {content: "text", towidget: function (v) { this.el.setAttribute("href", "#" + S.text(v)); }}
  });

  S.define("links", "Image1", {
    fields: {img_url: function (v) { var u = S.safeUrl(v); if (u) { this.el.setAttribute("src", u); } }}
  });

  /* ImageLink1: the image shows hover_src while the pointer is over the link. */
  S.define("links", "ImageLink1", {
    init: function () {
      var img = this.find("img[data-hover-src]");
      if (!img) { return; }
      var plain = img.getAttribute("src"), hover = img.getAttribute("data-hover-src");
      this.listen(this.el, ["mouseenter", "focus"], function () { img.setAttribute("src", hover); });
      this.listen(this.el, ["mouseleave", "blur"], function () { img.setAttribute("src", plain); });
    }
  }, JSONLink);

  /* OpenButton / CloseButton (and OpenButton2) show or hide a section or widget of the page. */
  function toggler(show) {
    return {
      init: function () {
        JSONLink.init.call(this);
        var target = this.settings.target_widget || this.settings.target_section;
        if (!target) { return; }
        this.listen(this.el, "click", function (e) {
          var el = document.getElementById(target);
          if (!el) { return; }
          e.preventDefault();
          el.style.display = show ? "" : "none";
          if (show && el.hidden) { el.hidden = false; }
        });
      }
    };
  }
  S.define("links", "OpenButton", toggler(true), JSONLink);
  S.define("links", "CloseButton", toggler(false), JSONLink);
  S.define("links", "OpenButton2", Object.assign(toggler(true), {fields: {content: "text"}}), JSONLink);

  /* MessageButton: the button opens the message box (and calls json_url when set); the ×
     closes it.  Without JavaScript the button is a link. */
  S.define("links", "MessageButton", {
    box: function () { return document.getElementById(this.settings.messagebox_id) || this.find(":scope > div"); },
    init: function () {
      var w = this, x = this.find("button[aria-label=Close]"), button = this.find("a[role=button]");
      if (x) { this.listen(x, "click", function () { w.setfield("hide", true); }); }
      if (button && this.settings.json_url) {
        this.listen(button, "click", function (e) {
          e.preventDefault();
          w.setfield("hide", false);
          var href = button.getAttribute("href") || "", at = href.indexOf("?");
          var query = new URLSearchParams(at < 0 ? "" : href.slice(at + 1).split("#")[0]);
          S.send(S.addQuery(w.settings.json_url, query), null, {method: "GET"});
        });
      }
    },
    fields: {
      para_text: "text p",
      hide: function (v) { var box = this.box(); if (box) { box.style.display = S.truthy(v) ? "none" : ""; } }
    }
  });

  /* Audio: play starts the sound (false pauses it); a blocked autoplay shows the controls
     so that the listener can start it. */
  function play(v) {
    var el = this.el;
    if (!el.play) { return; }
    if (!S.truthy(v)) { el.pause(); return; }
    var p = el.play();
    if (p && p.catch) {
      p.catch(function (e) {
        el.controls = true;
        el.setAttribute("data-play", e && e.name === "NotAllowedError" ? "blocked" : "failed");
      });
    }
  }
  S.define("links", "Audio1", {fields: {play: play}});
  /* Audio2's sources are plain URLs: a source is added when missing, and the player reloads. */
  function source(type) {
    return function (v) {
      var el = this.el, url = S.safeUrl(v), src = el.querySelector('source[type="' + type + '"]');
      if (!url) { if (src) { src.remove(); } } else {
        if (!src) { src = document.createElement("source"); src.type = type; el.appendChild(src); }
        src.setAttribute("src", url);
      }
      if (el.load) { el.load(); }
    };
  }
  S.define("links", "Audio2", {
    fields: {play: play, src_mp3: source("audio/mpeg"), src_wav: source("audio/wav"), src_ogg: source("audio/ogg")}
  });

  /* GeneralButtonTable1/2: contents (cells across the columns, row by row: [text, style,
     is a button, get field]) rebuild the table; button cells link to the column's page
     (html_url) or call its JSON page (json_url); dragrows / droprows set which rows can be
     dragged and dropped on; a drop sends both values to dropurl. */
  var GeneralButtonTable = {
    init: function () {
      var w = this;
      this.listen(this.el, "click", function (e) {
        var a = e.target.closest && e.target.closest("a[data-col]");
        var url = a && w.el.contains(a) && S.list(w.settings.json_url)[Number(a.getAttribute("data-col"))];
        if (!url) { return; }
        e.preventDefault();
        var href = a.getAttribute("href") || "", at = href.indexOf("?");
        S.send(S.addQuery(url, new URLSearchParams(at < 0 ? "" : href.slice(at + 1))), null, {method: "GET"});
      });
      this.markColumns();
      this.listen(this.el, "dragstart", function (e) {
        var tr = e.target.closest && e.target.closest("tr[draggable=true]");
        if (tr && e.dataTransfer) { e.dataTransfer.setData("text/plain", tr.getAttribute("data-drag") || ""); }
      });
      this.listen(this.el, "dragover", function (e) {
        if (e.target.closest && e.target.closest("tr[data-drop]")) { e.preventDefault(); }
      });
      this.listen(this.el, "drop", function (e) {
        var tr = e.target.closest && e.target.closest("tr[data-drop]");
        if (!tr || !w.settings.dropurl || !e.dataTransfer) { return; }
        e.preventDefault();
        var data = {};
        data[w.id + ":dragrows"] = e.dataTransfer.getData("text/plain");
        data[w.id + ":droprows"] = tr.getAttribute("data-drop");
        S.send(w.settings.dropurl, data);
      });
    },
    markColumns: function () {
      this.rows().forEach(function (tr) {
        Array.prototype.forEach.call(tr.cells, function (td, c) {
          var a = td.querySelector("a");
          if (a) { a.setAttribute("data-col", String(c)); }
        });
      });
    },
    ncols: function () { return S.list(this.settings.html_url).length || 1; },
    fields: {
      contents: function (v) {
        var w = this, s = this.settings, cells = S.list(v), n = this.ncols();
        var body = this.el.tBodies[0] || this.el, rows = this.rows(), name = this.id + ":contents";
        for (var r = 0; r * n < cells.length; r++) {
          var tr = rows[r];
          if (!tr) { tr = body.appendChild(document.createElement("tr")); w.stripe(tr, r); }
          for (var c = 0; c < n; c++) {
            var item = S.list(cells[r * n + c]), td = tr.cells[c] || tr.appendChild(document.createElement("td"));
            var url = S.list(s.html_url)[c];
            td.textContent = "";
            td.style.cssText = S.text(item[1]);
            if (S.truthy(item[2]) && url) {
              var a = td.appendChild(document.createElement("a"));
              a.setAttribute("role", "button");
              if (s.button_class) { a.setAttribute("class", s.button_class); }
              a.setAttribute("href", S.link(url, [[name, item[3]]]));
              a.setAttribute("data-col", String(c));
              a.textContent = S.text(item[0]);
            } else { td.textContent = S.text(item[0]); }
          }
        }
        rows.slice(r).forEach(function (tr) { tr.remove(); });
      },
      dragrows: function (v) {
        var flags = S.list(v);
        this.rows().forEach(function (tr, i) {
          var row = S.list(flags[i]);
          if (i >= flags.length) { return; }
          if (S.truthy(row[0])) {
            tr.setAttribute("draggable", "true");
            tr.setAttribute("data-drag", S.text(row[1]));
            tr.style.cursor = "move";
          } else {
            tr.removeAttribute("draggable");
            tr.removeAttribute("data-drag");
            tr.style.cursor = "";
          }
        });
      },
      droprows: function (v) {
        var flags = S.list(v);
        this.rows().forEach(function (tr, i) {
          var row = S.list(flags[i]);
          if (i >= flags.length) { return; }
          if (S.truthy(row[0])) { tr.setAttribute("data-drop", S.text(row[1])); } else { tr.removeAttribute("data-drop"); }
        });
      }
    }
  };
  S.define("links", ["GeneralButtonTable1", "GeneralButtonTable2"], GeneralButtonTable);
}(window.SKIPOLE));
