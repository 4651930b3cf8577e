/* radio.js: client classes of the radio button widgets.  radio_checked ticks the radio
 * button of that value (the core's generic path for controls named widget:field). */
(function (S) {
  "use strict";
  S.define("radio", ["BooleanRadio", "RadioButton1", "RadioTable", "TwoRadioOptions"], {});

  S.define("radio", "RadioTable2", {fields: {col1: "col:0", col2: "col:1", row_classes: "rowclass"}});
}(window.SKIPOLE));
