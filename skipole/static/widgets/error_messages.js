/* error_messages.js: client classes of the error display widgets. */
(function (S) {
  "use strict";
  // ErrorDiv and ErrorPara: the generic error box (first child div, or the paragraph itself)
  S.define("error_messages", ["ErrorDiv", "ErrorPara"], {});

  S.define("error_messages", ["ErrorClear1", "ErrorClear2"], {
    fields: {para_text: "text p"},
    errorText: "p"
  });

  S.define("error_messages", "ErrorCode", {
    fields: {para_text: "text p:last-child"},
    errorText: "p:last-child"
  });
}(window.SKIPOLE));
