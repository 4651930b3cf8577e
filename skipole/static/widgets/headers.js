/* headers.js: client classes of the header and navigation widgets. */
(function (S) {
  "use strict";
  S.define("headers", "HeadText", {fields: {large_text: "text", tag: null}});

  S.define("headers", "HeaderErrorPara", {});   // the paragraph itself shows the error

  ["HeaderText1", "HeaderText2", "HeaderText3", "HeaderText4", "HeaderText5", "HeaderText6"].forEach(function (name, i) {
    S.define("headers", name, {
      fields: {large_text: "text :scope > h" + (i + 1), small_text: "text :scope > p"}
    });
  });

  S.define("headers", ["DropDownButton1", "NavButtons1", "NavButtons2", "TabButtons1"], {});

  /* NavButtons3: a row of buttons; each list gives one value per button. */
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
    fields: {
      button_text: eachButton(function (a, v) { a.textContent = v; }),
      button_classes: eachButton(function (a, v) { a.setAttribute("class", v); }),
      get_field1: perButton("get_field1"), get_field2: perButton("get_field2")
    }
  });
}(window.SKIPOLE));
