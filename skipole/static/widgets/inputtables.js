/* inputtables.js: client classes of the tables of inputs.  inputdict values go to the
 * inputs named widget:inputdict-KEY (the core's generic path for dictionaries). */
(function (S) {
  "use strict";
  var columns = {col1: "col:0", col2: "col:1", col3: "col:2", row_classes: "rowclass"};

  S.define("inputtables", ["InputTable1", "InputTable3", "InputTable4"], {fields: columns});

  S.define("inputtables", "InputTable5", {
    init: function () { S.jsonForm(this, this.settings.url); }
  });
}(window.SKIPOLE));
