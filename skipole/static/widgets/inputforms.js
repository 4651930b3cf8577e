/* inputforms.js: client classes of the form widgets.  Hidden fields are form controls
 * named widget:field, set by the generic path of the core. */
(function (S) {
  "use strict";
  S.define("inputforms", ["Form1", "HiddenField", "SubmitButton1", "SubmitFromScript"], {});

  S.define("inputforms", "SubmitButton2", {fields: {button_text: "value"}});

  S.define("inputforms", "HiddenLocalStorage", {fields: {local_key: "attr:data-local-key"}});
  S.define("inputforms", "HiddenSessionStorage", {fields: {session_key: "attr:data-session-key"}});

  // with action_json the form is sent as a JSON call; its action stays the no-JavaScript path
  S.define("inputforms", ["SubmitForm1", "SubmitForm2"], {
    fields: {
      session_storage: "attr:data-session-storage form",
      local_storage: "attr:data-local-storage form"
    },
    init: function () { S.jsonForm(this, this.settings.url); }
  });
}(window.SKIPOLE));
