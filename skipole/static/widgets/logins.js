/* logins.js: client classes of the login widgets.  input_text1/2 and the hidden fields are
 * form controls named widget:field (the core's generic path). */
(function (S) {
  "use strict";
  function mark(which, n) {
    return function (v) {
      var cls = S.text(this.settings["input_" + which + "_class"]).split(/\s+/).filter(Boolean);
      var input = this.find("input[name$=':input_text" + n + "']");
      if (input) { cls.forEach(function (c) { input.classList.toggle(c, S.truthy(v)); }); }
    };
  }
  S.define("logins", "NamePasswd1", {
    fields: {
      set_input_accepted1: mark("accepted", 1), set_input_errored1: mark("errored", 1),
      set_input_accepted2: mark("accepted", 2), set_input_errored2: mark("errored", 2)
    },
    init: function () { S.jsonForm(this, this.settings.url); }
  });

  S.define("logins", "Pin4", {errorSel: ":scope > div > div:first-child"});
}(window.SKIPOLE));
