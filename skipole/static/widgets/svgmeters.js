/* svgmeters.js: client classes of the SVG gauges.  measurement moves the needle or arrow
 * (the scale comes in the widget's settings: minimum, maximum, ...). */
(function (S) {
  "use strict";
  var Meter = S.define("svgmeters", "*", {
    fields: {transform: "attr:transform"},
    /* Where value lies on the scale, 0 to 1 (the middle when it is not a number). */
    fraction: function (value) {
      var lo = Number(this.settings.minimum), hi = Number(this.settings.maximum), v = parseFloat(value);
      if (!(hi > lo)) { return 0.5; }
      if (isNaN(v)) { v = (lo + hi) / 2; }
      return Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
    }
  });

  S.define("svgmeters", ["Arrow1", "Arrow2"], {
    fields: {fill: "attr:fill", stroke: "attr:stroke", stroke_width: "attr:stroke-width"}
  }, Meter);

  S.define("svgmeters", "Traditional1", {
    fields: {
      arrow_stroke: function (v) {
        this.findAll("polygon, circle:not(:first-child)").slice(0, 2).forEach(function (e) { e.setAttribute("stroke", S.text(v)); });
      },
      measurement: function (v) {
        var s = this.settings, needle = this.find("polygon");
        var angle = s.min_angle + (s.max_angle - s.min_angle) * this.fraction(v);
        if (needle) { needle.setAttribute("transform", "rotate(" + angle.toFixed(2) + " " + s.cx + " " + s.cy + ")"); }
      }
    }
  }, Meter);

  S.define("svgmeters", "Vertical1", {
    fields: {
      arrow_fill: "attr:fill polygon",
      measurement: function (v) {
        var arrow = this.find("polygon"), shift = this.settings.scale_length * (1 - this.fraction(v));
        if (arrow) { arrow.setAttribute("transform", "translate(0, " + shift.toFixed(2) + ")"); }
      }
    }
  }, Meter);

  /* Angle: a dial of scale_units (360 degrees, 24 hours or 100 percent). */
  S.define("svgmeters", "Angle", {
    fields: {
      measurement: function (v) {
        var s = this.settings, units = Number(s.scale_units) || 360, value = parseFloat(v), pointer = this.find("polygon");
        var degrees = value >= 0 && value < units ? value * 360 / units : 0;
        if (pointer) { pointer.setAttribute("transform", "rotate(" + degrees.toFixed(2) + " " + s.cx + " " + s.cy + ")"); }
      }
    }
  }, Meter);
}(window.SKIPOLE));
