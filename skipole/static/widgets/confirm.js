/* confirm.js: client classes of the confirm widgets: alert and confirm boxes. */
(function (S) {
  "use strict";
  // the error replaces the box's message while it is shown
  S.define("confirm", ["AlertClear1", "AlertClear2"], {
    fields: {para_text: "text p"},
    errorText: "p"
  });

  S.define("confirm", ["ConfirmBox1", "ConfirmBox2"], {
    fields: {para_text: "text p"}
  });
}(window.SKIPOLE));
