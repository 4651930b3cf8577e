/* inputforms.js: client classes of the form widgets.  Hidden fields are form controls
 * named widget:field, set by the generic path of the core. */
(function (S) {
  "use strict";
  S.define("inputforms", ["Form1", "HiddenField", "SubmitButton1"], {});

  /* SubmitFromScript: each hidden input names a script value (data-script-value: a global
     variable, or a dotted path such as app.state.level); its current value is put in when
     the form is sent.  With a JSON page (url) the form goes there. */
  S.define("inputforms", "SubmitFromScript", {
    init: function () {
      var form = this.find("form");
      if (!form) { return; }
      this.listen(form, "submit", function () {
        form.querySelectorAll("input[data-script-value]").forEach(function (input) {
          var value = S.text(input.getAttribute("data-script-value")).split(".").reduce(function (obj, key) {
            return obj === null || obj === undefined ? undefined : obj[key];
          }, window);
          input.value = value === undefined || value === null ? "" :
            (typeof value === "object" ? JSON.stringify(value) : String(value));
        });
      });
      S.jsonForm(this, this.settings.url);
    }
  });

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
