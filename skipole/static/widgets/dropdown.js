/* dropdown.js: client classes of the dropdown (select) widgets. */
(function (S) {
  "use strict";
  // selectvalue and the hidden fields are form controls named widget:field (the generic path)
  S.define("dropdown", ["DropDown1", "HiddenContainer"], {});

  S.define("dropdown", "SubmitDropDown1", {
    init: function () { S.jsonForm(this, this.settings.url); }
  });
}(window.SKIPOLE));
