/* inputtext.js: client classes of the text, password and dict inputs.  input_text and the
 * hidden fields are form controls named widget:field (the core's generic path). */
(function (S) {
  "use strict";
  /* set_input_accepted / set_input_errored: add or remove the class the page gave for it. */
  function mark(which, n) {
    return function (v) {
      var cls = S.text(this.settings["input_" + which + "_class"]).split(/\s+/).filter(Boolean);
      var el = this.input(n);
      if (el) { cls.forEach(function (c) { el.classList.toggle(c, S.truthy(v)); }); }
    };
  }
  var Input = S.define("inputtext", "*", {
    fields: {
      set_input_accepted: mark("accepted"), set_input_errored: mark("errored"),
      set_input_accepted1: mark("accepted", 1), set_input_errored1: mark("errored", 1),
      set_input_accepted2: mark("accepted", 2), set_input_errored2: mark("errored", 2),
      disabled: "disabled input:not([type=hidden])"
    },
    /* The text input: the one named input_text (input_textN for two-input widgets). */
    input: function (n) {
      var named = this.findAll("input").filter(function (i) { return /:input_text\d?$/.test(i.name); });
      return named[(n || 1) - 1] || null;
    },
    init: function () { S.jsonForm(this, this.settings.url); }
  });

  S.define("inputtext", ["Password1", "Password2", "TextInput1", "TextInput2", "TextInput3",
    "TextInput4", "SubmitTextInput1", "SubmitTextInput4", "TwoInputsSubmit1", "SubmitDict1"], {}, Input);

  /* SubmitTextInput2: the form sends the storage values named by its data-session-storage /
     data-local-storage keys (the core adds them when the form is sent). */
  S.define("inputtext", "SubmitTextInput2", {
    fields: {
      session_storage: "attr:data-session-storage form",
      local_storage: "attr:data-local-storage form"
    }
  }, Input);

  S.define("inputtext", "SubmitTextInput3", {
    fields: {
      para_text: "text :scope > div:nth-of-type(2) > p:first-child",
      show_para1: "show :scope > div:nth-of-type(2) > p:first-child",
      show_para2: "show :scope > div:nth-of-type(2) > p:last-child"
    }
  }, Input);
}(window.SKIPOLE));
