/* error_messages.js: client classes of the error display widgets. */
(function (S) {
  "use strict";
  // ErrorDiv and ErrorPara: the generic error box (first child div, or the paragraph itself)
  S.define("error_messages", ["ErrorDiv", "ErrorPara"], {});

  /* ErrorClear1/2: the clear button hides the box and clears the error; its link is then
     followed (it tells the server, with the get fields, that the message was read). */
  S.define("error_messages", ["ErrorClear1", "ErrorClear2"], {
    fields: {para_text: "text p"},
    errorText: "p",
    init: function () {
      var w = this, a = this.find("a[role=button]");
      if (a) { this.listen(a, "click", function () { w.clearError(); w.setHidden(true); }); }
    }
  });

  S.define("error_messages", "ErrorCode", {
    fields: {para_text: "text p:last-child"},
    errorText: "p:last-child"
  });
}(window.SKIPOLE));
