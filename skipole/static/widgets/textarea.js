/* textarea.js: client classes of the multi-line inputs.  input_text and the hidden fields
 * are form controls named widget:field (the core's generic path). */
(function (S) {
  "use strict";
  S.define("textarea", ["TextArea1", "TextArea2"], {});

  S.define("textarea", "SubmitTextArea", {
    init: function () { S.jsonForm(this, this.settings.url); }
  });
}(window.SKIPOLE));
