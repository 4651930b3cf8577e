/* dropdown.js: client classes of the dropdown (select) widgets. */
(function (S) {
  "use strict";
  // selectvalue and the hidden fields are form controls named widget:field (the generic path)
  S.define("dropdown", "DropDown1", {});

  /* HiddenContainer: the × button hides the box.  A button linking to the no_javascript page
     (no link_ident) only hides it; otherwise the link is followed as well. */
  S.define("dropdown", "HiddenContainer", {
    init: function () {
      var w = this, a = this.find("a[role=button]");
      if (!a) { return; }
      this.listen(a, "click", function (e) {
        w.setHidden(true);
        if (/\/no_javascript$/.test((a.getAttribute("href") || "").split("?")[0])) { e.preventDefault(); }
      });
    }
  });

  S.define("dropdown", "SubmitDropDown1", {
    init: function () { S.jsonForm(this, this.settings.url); }
  });
}(window.SKIPOLE));
