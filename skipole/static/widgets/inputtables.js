/* inputtables.js: client classes of the tables of inputs.  inputdict values go to the
 * inputs named widget:inputdict-KEY (the core's generic path for dictionaries). */
(function (S) {
  "use strict";
  /* cell_style: rows of [row, column, style] counted from 1: the style of one text cell.
     Cells not named keep the style they were given last. */
  function cellStyle(v) {
    var rows = this.rows();
    S.list(v).forEach(function (entry) {
      var r = Number(entry && entry[0]), c = Number(entry && entry[1]);
      var tr = rows[r - 1], cell = tr && tr.cells[c - 1];
      if (cell) { cell.style.cssText = S.text(entry[2]); }
    });
  }
  /* up_hide / down_hide: per row, true hides that arrow (it keeps its place). */
  function arrowHide(way) {
    return function (v) {
      var flags = S.list(v);
      this.rows().forEach(function (tr, i) {
        var a = tr.querySelector('a[data-arrow="' + way + '"]');
        if (a && i < flags.length) { a.style.visibility = S.truthy(flags[i]) ? "hidden" : ""; }
      });
    };
  }
  /* up_getfield1 ... : per row, the value that row's arrow sends as widget:FIELD. */
  function arrowField(way, field) {
    return function (v) {
      var key = this.id + ":" + field, values = S.list(v);
      this.rows().forEach(function (tr, i) {
        var a = tr.querySelector('a[data-arrow="' + way + '"]');
        if (!a || i >= values.length) { return; }
        var href = a.getAttribute("href") || "", at = href.indexOf("?");
        var params = new URLSearchParams(at < 0 ? "" : href.slice(at + 1));
        if (S.text(values[i]) === "") { params.delete(key); } else { params.set(key, S.text(values[i])); }
        a.setAttribute("href", (at < 0 ? href : href.slice(0, at)) + "?" + params.toString());
      });
    };
  }
  var columns = {
    col1: "col:0", col2: "col:1", col3: "col:2", row_classes: "rowclass", cell_style: cellStyle,
    up_hide: arrowHide("up"), down_hide: arrowHide("down"),
    up_getfield1: arrowField("up", "up_getfield1"), up_getfield2: arrowField("up", "up_getfield2"),
    down_getfield1: arrowField("down", "down_getfield1"), down_getfield2: arrowField("down", "down_getfield2")
  };

  var Table = S.define("inputtables", ["InputTable1", "InputTable3", "InputTable4"], {
    fields: columns,
    /* the arrows call upurl / downurl (JSON pages) when set; InputTable3's arrows send the
       row's current input value as getfield3 */
    init: function () {
      var w = this;
      this.listen(this.el, "click", function (e) {
        var a = e.target.closest && e.target.closest("a[data-arrow]");
        if (!a || !w.el.contains(a)) { return; }
        var url = w.settings[a.getAttribute("data-arrow") + "url"];
        var href = a.getAttribute("href") || "", at = href.indexOf("?");
        var params = new URLSearchParams(at < 0 ? "" : href.slice(at + 1).split("#")[0]);
        var input = a.closest("tr").querySelector("input[type=text]");
        if (w.settings.getfield3 && input) { params.set(w.settings.getfield3, input.value); }
        if (url) {
          e.preventDefault();
          S.send(S.addQuery(url, params), null, {method: "GET"});
        } else if (w.settings.getfield3 && input) {
          a.setAttribute("href", (at < 0 ? href : href.slice(0, at)) + "?" + params.toString());
        }
      });
    }
  });

  /* InputTable4 keeps each row's value in a hidden input: the text cells show the rows. */
  S.define("inputtables", "InputTable4", {}, Table);

  /* InputTable5: set_input_accepted / set_input_errored: {row: true/false}, the row given by
     its index (from 0) or its label, add or remove input_accepted_class / input_errored_class. */
  function mark(which) {
    return function (v) {
      var cls = S.text(this.settings["input_" + which + "_class"]).split(/\s+/).filter(Boolean);
      var rows = this.findAll("form"), values = v && typeof v === "object" ? v : {};
      Object.keys(values).forEach(function (key) {
        var form = /^\d+$/.test(key) ? rows[Number(key)] : rows.filter(function (f) {
          var label = f.querySelector("label");
          return label && label.textContent === key;
        })[0];
        var input = form && form.querySelector("input[type=text]");
        if (input) { cls.forEach(function (c) { input.classList.toggle(c, S.truthy(values[key])); }); }
      });
    };
  }
  S.define("inputtables", "InputTable5", {
    fields: {set_input_accepted: mark("accepted"), set_input_errored: mark("errored")},
    init: function () { S.jsonForm(this, this.settings.url); }
  });
}(window.SKIPOLE));
