/* pi.js: client classes of skipole's own Raspberry Pi widgets (module "pi").  Until each
 * class has its own behaviour, every pi widget uses the generic path of the core: JSON
 * fields set form controls named widget:field, plus widget_class, widget_style, hide and
 * errors.  Text shown by a pi widget goes in an element marked data-field="FIELD". */
(function (S) {
  "use strict";
  S.define("pi", "*", {
    setfield: function (name, value, result) {
      var shown = this.findAll("[data-field]").filter(function (e) { return e.getAttribute("data-field") === name; });
      if (!shown.length) { return S.Widget.setfield.call(this, name, value, result); }
      shown.forEach(function (e) { e.textContent = S.text(value); });
    }
  });
}(window.SKIPOLE));
