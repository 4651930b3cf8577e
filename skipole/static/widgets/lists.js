/* lists.js: client classes of the list widgets. */
(function (S) {
  "use strict";
  /* set_highlight switches the list's class to highlight_class and back. */
  function highlight(v) {
    var cls = this.settings.highlight_class;
    if (!cls) { return; }
    if (S.truthy(v)) {
      if (this.plainClass === undefined) { this.plainClass = this.el.getAttribute("class") || ""; }
      this.el.setAttribute("class", cls);
    } else if (this.plainClass !== undefined) {
      this.el.setAttribute("class", this.plainClass);
      this.plainClass = undefined;
    }
  }
  S.define("lists", "UList1", {fields: {contents: "items", set_highlight: highlight}});
  S.define("lists", "UList2", {fields: {set_html: "items:html", set_highlight: highlight}});
  /* TableList: contents rows [text, up get field, down get field, remove get field] rebuild
     the table: each row has up (not the first), down (not the last) and remove buttons, which
     link to the *_link_url pages, or call the *_json_url JSON pages when those are set. */
  S.define("lists", "TableList", {
    init: function () {
      var w = this;
      this.listen(this.el, "click", function (e) {
        var a = e.target.closest && e.target.closest("a[data-way]");
        var url = a && w.el.contains(a) && w.settings[a.getAttribute("data-way") + "_json_url"];
        if (!url) { return; }
        e.preventDefault();
        var href = a.getAttribute("href") || "", at = href.indexOf("?");
        S.send(S.addQuery(url, new URLSearchParams(at < 0 ? "" : href.slice(at + 1))), null, {method: "GET"});
      });
      this.rows().forEach(function (tr) {
        ["up", "down", "remove"].forEach(function (way, i) {
          var a = tr.cells[i + 1] && tr.cells[i + 1].querySelector("a");
          if (a) { a.setAttribute("data-way", way); }
        });
      });
    },
    button: function (way, value, label) {
      var td = document.createElement("td"), url = this.settings[way + "_link_url"];
      var a = td.appendChild(document.createElement("a"));
      a.setAttribute("role", "button");
      a.setAttribute("data-way", way);
      if (this.settings.button_class) { a.setAttribute("class", this.settings.button_class); }
      if (url) { a.setAttribute("href", S.link(url, [[this.settings.contents_name || this.id + ":contents", value]])); }
      S.setLines(a, label);
      return td;
    },
    fields: {
      set_highlight: highlight,
      contents: function (v) {
        var w = this, rows = S.list(v), last = rows.length - 1;
        this.rows().forEach(function (tr) { tr.remove(); });
        var body = this.el.tBodies[0] || this.el;
        rows.forEach(function (row, i) {
          row = S.list(row);
          var tr = document.createElement("tr"), td = tr.appendChild(document.createElement("td"));
          if (S.truthy(w.settings.maximize_text_col)) { td.style.width = "100%"; }
          S.setLines(td, row[0]);
          tr.appendChild(i > 0 ? w.button("up", row[1], "\u2191") : document.createElement("td"));
          tr.appendChild(i < last ? w.button("down", row[2], "\u2193") : document.createElement("td"));
          tr.appendChild(w.button("remove", row[3], w.settings.remove_button_text || "Remove"));
          w.stripe(tr, i);
          body.appendChild(tr);
        });
      }
    }
  });
  S.define("lists", "FileList", {});
}(window.SKIPOLE));
