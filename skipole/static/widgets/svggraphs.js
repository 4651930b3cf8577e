/* svggraphs.js: client classes of the SVG charts.  Every chart takes a JSON transform; the
 * series widgets (Points, Lines, XBars, YBars) get their axis scale in their settings
 * (minx, maxx, miny, maxy, mx, cx, my, cy: X = mx * x + cx, Y = my * y + cy) and redraw
 * `values` client-side as the server draws them. */
(function (S) {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";
  var Chart = S.define("svggraphs", "*", {fields: {transform: "attr:transform"}});

  function el(tag, attrs) {
    var e = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs).forEach(function (k) {
      if (attrs[k] !== undefined && attrs[k] !== null && attrs[k] !== "") { e.setAttribute(k, String(attrs[k])); }
    });
    return e;
  }
  function round(n) { return Math.round(n * 1000) / 1000; }
  /* The (x, y) rows of values whose two cells are numbers. */
  function numberRows(v, columns) {
    var out = [];
    S.list(v).forEach(function (row) {
      row = S.list(row);
      if (row.length < columns) { return; }
      var cells = row.slice(0, columns), nums = cells.map(function (c) { return Number(c); });
      if (cells.every(function (c, i) { return S.text(c).trim() !== "" && isFinite(nums[i]); })) { out.push(nums); }
    });
    return out;
  }

  /* A series: redraws its group's children from `values` with the axis scale. */
  var Series = S.define("svggraphs", [], {
    X: function (x) { return this.settings.mx * x + this.settings.cx; },
    Y: function (y) { return this.settings.my * y + this.settings.cy; },
    inside: function (x, y) {
      var s = this.settings, ex = 1e-9 * (s.maxx - s.minx), ey = 1e-9 * (s.maxy - s.miny);
      return s.minx - ex <= x && x <= s.maxx + ex && s.miny - ey <= y && y <= s.maxy + ey;
    },
    redraw: function (parts) {
      this.el.textContent = "";
      var g = this.el;
      parts.forEach(function (p) { g.appendChild(p); });
    },
    fields: {
      values: function (v) {
        var w = this;
        this.redraw(numberRows(v, 2).filter(function (r) { return w.inside(r[0], r[1]); }).reduce(function (acc, r, i, rows) {
          return acc.concat(w.draw(r[0], r[1], i ? rows[i - 1] : null));
        }, []));
      }
    }
  }, Chart);

  S.define("svggraphs", "Points", {
    draw: function (x, y) {
      var X = round(this.X(x)), Y = round(this.Y(y)), c = this.settings.pointcol || "black";
      return [el("line", {x1: X, y1: Y - 5, x2: X, y2: Y + 5, stroke: c, "stroke-width": 1}),
              el("line", {x1: X - 5, y1: Y, x2: X + 5, y2: Y, stroke: c, "stroke-width": 1})];
    }
  }, Series);

  S.define("svggraphs", "Lines", {
    draw: function (x, y, previous) {
      var s = this.settings, X = round(this.X(x)), Y = round(this.Y(y)), c = s.linecol;
      var out = [el("circle", {cx: X, cy: Y, r: s.pointradius, fill: c, stroke: c})];
      if (previous) {
        out.push(el("line", {x1: round(this.X(previous[0])), y1: round(this.Y(previous[1])), x2: X, y2: Y,
                             stroke: c, "stroke-width": s.linewidth}));
      }
      return out;
    }
  }, Series);

  function bar(s, x, y, width, height) {
    return el("rect", {x: round(x), y: round(y), width: round(width), height: round(height), fill: s.fill,
                       "fill-opacity": s.fill_opacity, stroke: s.stroke, "stroke-width": s.stroke_width});
  }
  S.define("svggraphs", "XBars", {
    draw: function (x, y) {
      var s = this.settings, top = this.Y(y), bottom = Number(s.yaxis);
      return [bar(s, this.X(x) - s.barwidth / 2, Math.min(top, bottom), s.barwidth, Math.abs(bottom - top))];
    }
  }, Series);
  S.define("svggraphs", "YBars", {
    draw: function (x, y) {
      var s = this.settings, right = this.X(x), left = Number(s.xaxis);
      return [bar(s, Math.min(right, left), this.Y(y) - s.barwidth / 2, Math.abs(right - left), s.barwidth)];
    }
  }, Series);

  S.define("svggraphs", ["Axis1", "Axis2", "Axis3", "Graph48Hr", "StarChart"], {}, Chart);

  /* StarChartXY: stars [diameter, x, y] and lines [x1, y1, x2, y2] measured from the centre
     (x to the left, y upwards); the border circle and centre marks stay. */
  S.define("svggraphs", "StarChartXY", {
    redrawStars: function (stars, lines) {
      var s = this.settings, c = Number(s.centre) || 250, g = this.el, stroke = s.stroke || "black";
      function near(n, a) { return Math.abs(Number(n.getAttribute(a)) - c) <= 10; }
      // the first circle is the border; a rect and short lines at the centre are the marks
      Array.prototype.slice.call(g.children).forEach(function (n, i) {
        var star = i > 0 && n.localName === "circle";
        var line = n.localName === "line" && !(near(n, "x1") && near(n, "y1") && near(n, "x2") && near(n, "y2") &&
          !n.hasAttribute("data-starline"));
        if ((star && stars !== null) || (line && lines !== null)) { n.remove(); }
      });
      numberRows(stars, 3).forEach(function (r) {
        g.appendChild(el("circle", {cx: round(c - r[1]), cy: round(c - r[2]), r: round(Math.abs(r[0]) / 2),
                                    fill: stroke, stroke: stroke}));
      });
      numberRows(lines, 4).forEach(function (r) {
        g.appendChild(el("line", {x1: round(c - r[0]), y1: round(c - r[1]), x2: round(c - r[2]), y2: round(c - r[3]),
                                  stroke: stroke, "stroke-width": 1, "data-starline": ""}));
      });
    },
    setvalues: function (fields, result) {
      if ("stars" in fields || "lines" in fields) {
        this.redrawStars("stars" in fields ? fields.stars : null, "lines" in fields ? fields.lines : null);
      }
      var rest = {};
      Object.keys(fields).forEach(function (k) { if (k !== "stars" && k !== "lines") { rest[k] = fields[k]; } });
      S.Widget.setvalues.call(this, rest, result);
    }
  }, Chart);

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
