/* svggraphs.js: client classes of the SVG charts.  Every chart takes a JSON transform; the
 * series widgets (Points, Lines, XBars, YBars) get their axis scale in their settings
 * (minx, maxx, miny, maxy, mx, cx, my, cy) for redrawing `values` client-side. */
(function (S) {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var Chart = S.define("svggraphs", "*", {fields: {transform: "attr:transform"}});

  S.define("svggraphs", ["Axis1", "Axis2", "Axis3", "Graph48Hr", "StarChart", "StarChartXY",
    "Points", "Lines", "XBars", "YBars"], {}, Chart);

  /* Chart1: the last maxpoints values, newest at the right edge, xstep apart. */
  S.define("svggraphs", "Chart1", {
    fields: {
      values: function (v) {
        var s = this.settings, line = this.find("polyline");
        if (!line) {
          line = document.createElementNS(SVG_NS, "polyline");
          line.setAttribute("fill", "none");
          this.el.appendChild(line);
        }
        var values = S.list(v).map(Number).slice(-(s.maxpoints || 51)).reverse();
        line.setAttribute("points", values.map(function (val, i) {
          var y = Math.min(s.ymax, Math.max(s.ymin, s.yzero - (val || 0)));
          return (s.xmax - s.xstep * i) + "," + y;
        }).join(" "));
      }
    }
  }, Chart);
}(window.SKIPOLE));
