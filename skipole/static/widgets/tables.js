/* tables.js: client classes of the display tables. */
(function (S) {
  "use strict";
  /* TwoColTable1 / ThreeColTable1: the data rows are rebuilt from the columns; a column
     the reply leaves out keeps its current cells. */
  function columns(names) {
    var rebuild = function (fields) {
      var w = this, current = this.rows(), n = 0, cols = names.map(function (name, c) {
        var col = name in fields ? S.list(fields[name]) : current.map(function (tr) { return tr.cells[c] ? tr.cells[c].textContent : ""; });
        n = Math.max(n, col.length);
        return col;
      });
      var body = this.el.tBodies[0] || this.el;
      current.forEach(function (tr) { tr.remove(); });
      for (var i = 0; i < n; i++) {
        var tr = document.createElement("tr");
        cols.forEach(function (col) { S.setLines(tr.appendChild(document.createElement("td")), i < col.length ? col[i] : ""); });
        w.stripe(tr, i);
        body.appendChild(tr);
      }
    };
    return {
      setvalues: function (fields, result) {
        var own = names.some(function (name) { return name in fields; });
        if (own) { rebuild.call(this, fields); }
        var rest = {};
        Object.keys(fields).forEach(function (k) { if (names.indexOf(k) < 0) { rest[k] = fields[k]; } });
        S.Widget.setvalues.call(this, rest, result);
      }
    };
  }
  S.define("tables", "TwoColTable1", columns(["col1", "col2"]));
  S.define("tables", "ThreeColTable1", columns(["col1", "col2", "col3"]));

  S.define("tables", ["ButtonTextBlockTable1", "ColorTable1", "TextBlockTable2"], {});
}(window.SKIPOLE));
