/* checkbox.js: client classes of the checkbox widgets (skipole core: ../skipole.js). */
(function (S) {
  "use strict";
  var box = "input[type=checkbox]";

  S.define("checkbox", ["CheckBox1", "CheckBox2", "CheckInputs", "CheckedText"], {
    fields: {checked: "checked " + box}
  });

  S.define("checkbox", "SubmitCheckBox1", {
    fields: {checked: "checked " + box},
    init: function () { S.jsonForm(this, this.settings.url); }
  });

  S.define("checkbox", "CheckBoxTable1", {
    fields: {
      col1: "col:0", col2: "col:1", row_classes: "rowclass",
      checked: function (values) {      // the checkboxes whose value is in the list are ticked
        var on = S.list(values).map(S.text);
        this.findAll(box).forEach(function (c) { c.checked = on.indexOf(c.value) >= 0; });
      }
    }
  });
}(window.SKIPOLE));
