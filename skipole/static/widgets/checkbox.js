/* checkbox.js: client classes of the checkbox widgets (skipole core: ../skipole.js). */
(function (S) {
  "use strict";
  var box = "input[type=checkbox]";

  S.define("checkbox", "CheckBox1", {fields: {checked: "checked " + box}});
  S.define("checkbox", "CheckBox2", {fields: {checked: "checked " + box}});

  /* CheckInputs: the box enables the text inputs of its container; CheckedText: the box
     enables its text input.  Disabled inputs are not submitted.  Without JavaScript the
     inputs stay enabled. */
  var Toggler = S.define("checkbox", [], {
    checkbox: function () { return document.getElementById(this.settings.checkbox_id) || this.find(box); },
    targets: function () { return []; },
    apply: function () {
      var c = this.checkbox(), on = !!(c && c.checked);
      this.targets().forEach(function (i) { i.disabled = !on; });
    },
    init: function () {
      var w = this, c = this.checkbox();
      if (!c) { return; }
      this.listen(c, "change", function () { w.apply(); });
      this.apply();
    },
    fields: {checked: function (v) { var c = this.checkbox(); if (c) { c.checked = S.truthy(v); } this.apply(); }}
  });
  S.define("checkbox", "CheckInputs", {
    targets: function () {
      return this.findAll("input:not([type=checkbox]):not([type=radio]):not([type=hidden]):not([type=submit]),textarea,select");
    }
  }, Toggler);
  S.define("checkbox", "CheckedText", {
    targets: function () { var i = document.getElementById(this.settings.input_id); return i ? [i] : []; }
  }, Toggler);

  /* SubmitCheckBox1: with a JSON page (url) the form goes there, also whenever the box changes. */
  S.define("checkbox", "SubmitCheckBox1", {
    fields: {checked: "checked " + box},
    init: function () {
      var form = this.find("form"), c = this.find(box);
      S.jsonForm(this, this.settings.url);
      if (this.settings.url && form && c) {
        this.listen(c, "change", function () { form.requestSubmit(); });
      }
    }
  });

  S.define("checkbox", "CheckBoxTable1", {
    fields: {
      col1: "col:0", col2: "col:1", row_classes: "rowclass",
      checked: function (values) {      // the boxes whose key is in the list are ticked
        var on = S.list(values).map(S.text), prefix = this.id + ":checked-";
        this.findAll(box).forEach(function (c) {
          var key = c.name.indexOf(prefix) === 0 ? c.name.slice(prefix.length) : c.value;
          c.checked = on.indexOf(key) >= 0;
        });
      }
    }
  });
}(window.SKIPOLE));
