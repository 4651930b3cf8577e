/* headers.js: client classes of the header and navigation widgets. */
(function (S) {
  "use strict";
  // tags a HeadText may become (the server's list, shortened to the usual ones)
  var TAGS = /^(h[1-6]|p|div|span|header|footer|section|strong|em|b|i|small|mark|label|legend|caption|blockquote|pre|code|li|summary|address)$/;

  S.define("headers", "HeadText", {
    fields: {
      large_text: "lines",
      /* tag: the heading becomes that element (its id, class, style and text are kept) */
      tag: function (v) {
        var tag = S.text(v).trim().toLowerCase();
        if (!TAGS.test(tag)) { tag = "h1"; }
        if (this.el.localName === tag) { return; }
        var el = document.createElement(tag);
        Array.prototype.forEach.call(this.el.attributes, function (a) { el.setAttribute(a.name, a.value); });
        while (this.el.firstChild) { el.appendChild(this.el.firstChild); }
        this.el.replaceWith(el);
        this.el = el;
      }
    }
  });

  S.define("headers", "HeaderErrorPara", {});   // the paragraph itself shows the error

  ["HeaderText1", "HeaderText2", "HeaderText3", "HeaderText4", "HeaderText5", "HeaderText6"].forEach(function (name, i) {
    S.define("headers", name, {
      fields: {large_text: "lines :scope > h" + (i + 1), small_text: "lines :scope > p"}
    });
  });

  S.define("headers", ["NavButtons1", "NavButtons2"], {});

  /* DropDownButton1: the button opens and closes its list of links (without JavaScript the
     links are always shown under the button). */
  S.define("headers", "DropDownButton1", {
    init: function () {
      var w = this, button = this.find(":scope > button"), menu = this.find(":scope > div");
      if (!button || !menu) { return; }
      function set(open) {
        menu.style.display = open ? "" : "none";
        w.el.classList.toggle("sk-open", open);
        button.setAttribute("aria-expanded", String(open));
      }
      set(false);
      this.listen(button, "click", function () { set(menu.style.display === "none"); });
      this.listen(document, "click", function (e) { if (!w.el.contains(e.target)) { set(false); } });
      this.listen(document, "keydown", function (e) { if (e.key === "Escape") { set(false); } });
    }
  });

  /* TabButtons1: a click shows the tab's part and hides the others' (hide_class, else
     display:none); onclick_addclass marks the active button, onclick_removeclass the others.
     active_button (JSON) selects a tab by its index.  Without JavaScript every part shows. */
  S.define("headers", "TabButtons1", {
    init: function () {
      var w = this;
      this.buttons().forEach(function (b, i) { w.listen(b, "click", function () { w.select(i); }); });
      this.select(this.activeIndex());
    },
    buttons: function () { return this.findAll(":scope > button"); },
    activeIndex: function () {
      var add = S.text(this.settings.onclick_addclass).split(/\s+/).filter(Boolean), found = 0;
      if (!add.length) { return 0; }
      this.buttons().forEach(function (b, i) { if (add.every(function (c) { return b.classList.contains(c); })) { found = i; } });
      return found;
    },
    select: function (index) {
      var s = this.settings, ids = S.list(s.display_id_list), n = Number(index) || 0;
      var hide = S.text(s.hide_class).split(/\s+/).filter(Boolean);
      var add = S.text(s.onclick_addclass).split(/\s+/).filter(Boolean);
      var remove = S.text(s.onclick_removeclass).split(/\s+/).filter(Boolean);
      ids.forEach(function (id, i) {
        var part = document.getElementById(id);
        if (!part) { return; }
        if (hide.length) {
          hide.forEach(function (c) { part.classList.toggle(c, i !== n); });
          part.style.display = "";
        } else { part.style.display = i === n ? "" : "none"; }
      });
      this.buttons().forEach(function (b, i) {
        add.forEach(function (c) { b.classList.toggle(c, i === n); });
        remove.forEach(function (c) { b.classList.toggle(c, i !== n); });
        b.setAttribute("aria-pressed", String(i === n));
      });
    },
    fields: {active_button: function (v) { this.select(v); }}
  });

  /* NavButtons3: a row of buttons; each list gives one value per button.  With jsonurl a
     click calls the JSON page with the button's link query instead of loading linkurl. */
  function perButton(field) {
    return function (values) {
      var key = this.id + ":" + field, items = S.list(values);
      this.findAll("a[href]").forEach(function (a, i) {
        if (i >= items.length) { return; }
        var href = a.getAttribute("href"), at = href.indexOf("?");
        var params = new URLSearchParams(at < 0 ? "" : href.slice(at + 1));
        if (S.text(items[i]) === "") { params.delete(key); } else { params.set(key, S.text(items[i])); }
        a.setAttribute("href", (at < 0 ? href : href.slice(0, at)) + "?" + params.toString());
      });
    };
  }
  function eachButton(set) {
    return function (values) {
      var items = S.list(values);
      this.findAll("a").forEach(function (a, i) { if (i < items.length) { set(a, S.text(items[i])); } });
    };
  }
  S.define("headers", "NavButtons3", {
    init: function () { S.jsonLink(this, this.settings.jsonurl); },
    fields: {
      button_text: eachButton(function (a, v) { S.setLines(a, v); }),
      button_classes: eachButton(function (a, v) { a.setAttribute("class", v); }),
      get_field1: perButton("get_field1"), get_field2: perButton("get_field2")
    }
  });
}(window.SKIPOLE));
