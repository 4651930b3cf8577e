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

  /* Pin4: typing a character moves on to the next box; Backspace in an empty box goes back. */
  S.define("logins", "Pin4", {
    errorSel: ":scope > div > div:first-child",
    init: function () {
      var boxes = this.findAll("input[type=password]:not([disabled])");
      boxes.forEach(function (b, i) {
        this.listen(b, "input", function () { if (b.value && boxes[i + 1]) { boxes[i + 1].focus(); } });
        this.listen(b, "keydown", function (e) {
          if (e.key === "Backspace" && !b.value && boxes[i - 1]) { boxes[i - 1].focus(); }
        });
      }, this);
    }
  });
}(window.SKIPOLE));
