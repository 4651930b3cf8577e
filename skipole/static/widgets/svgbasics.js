/* svgbasics.js: client classes of the SVG primitives.  JSON fields set the SVG attribute of
 * the same name (underscores become hyphens: stroke_width sets stroke-width). */
(function (S) {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";

  /* Raw SVG markup (TextGroup, TextBlockGroup): parsed as SVG, never executed. */
  function setSVG(el, markup) {
    var doc = new DOMParser().parseFromString('<svg xmlns="' + SVG_NS + '">' + S.text(markup) + "</svg>", "image/svg+xml");
    if (doc.getElementsByTagName("parsererror").length) { el.textContent = S.text(markup); return; }
    doc.querySelectorAll("script,foreignObject").forEach(function (n) { n.remove(); });
    doc.querySelectorAll("*").forEach(function (n) {
      Array.prototype.slice.call(n.attributes).forEach(function (a) {
        if (/^on/i.test(a.name) || /^\s*javascript:/i.test(a.value)) { n.removeAttribute(a.name); }
      });
    });
    el.textContent = "";
    Array.prototype.slice.call(doc.documentElement.childNodes).forEach(function (n) {
      el.appendChild(document.importNode(n, true));
    });
  }
  S.setSVG = setSVG;

  /* Rows of (x, y) as an SVG points attribute. */
  function points(v) {
    this.el.setAttribute("points", S.list(v).map(function (row) { return S.list(row).slice(0, 2).join(","); }).join(" "));
  }

  function attrs(names) {
    var fields = {};
    names.split(" ").forEach(function (n) { fields[n] = "attr:" + n.replace(/_/g, "-"); });
    return fields;
  }
  var paint = "fill stroke stroke_width ";

  S.define("svgbasics", "Circle", {fields: attrs(paint + "cx cy r")});
  S.define("svgbasics", "Ellipse", {fields: attrs(paint + "cx cy rx ry")});
  S.define("svgbasics", "Line", {fields: attrs("stroke stroke_width x1 y1 x2 y2")});
  S.define("svgbasics", "Path", {fields: attrs(paint + "d")});
  S.define("svgbasics", "Rect", {fields: attrs(paint + "x y rx ry width height")});
  S.define("svgbasics", ["Polygon", "Polyline"], {fields: Object.assign(attrs(paint), {points: points})});
  S.define("svgbasics", "Group", {fields: attrs("transform")});
  S.define("svgbasics", "SVGContainer", {
    fields: {width: "attr:width", height: "attr:height", viewBox: "attr:viewBox", preserveAspectRatio: "attr:preserveAspectRatio"}
  });
  S.define("svgbasics", "SimpleText", {fields: Object.assign(attrs(paint + "x y dx dy font_family font_size"), {text: "text"})});
  S.define("svgbasics", "TextList", {fields: attrs(paint + "font_family font_size")});
  S.define("svgbasics", "TextGroup", {
    fields: {transform: "attr:transform", text: function (v) { setSVG(this.el, v); }}
  });
  S.define("svgbasics", "TextBlockGroup", {
    fields: {transform: "attr:transform", content_replaceblock: function (v) { setSVG(this.el, v); }}
  });
}(window.SKIPOLE));
