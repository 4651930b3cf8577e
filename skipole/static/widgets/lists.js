/* lists.js: client classes of the list widgets. */
(function (S) {
  "use strict";
  /* set_highlight switches the list's class to highlight_class and back. */
  function highlight(v) {
    var cls = this.settings.highlight_class;
    if (!cls) { return; }
    if (S.truthy(v)) {
      if (this.plainClass === undefined) { this.plainClass = this.el.getAttribute("class") || ""; }
      this.el.setAttribute("class", cls);
    } else if (this.plainClass !== undefined) {
      this.el.setAttribute("class", this.plainClass);
      this.plainClass = undefined;
    }
  }
  S.define("lists", "UList1", {fields: {contents: "items", set_highlight: highlight}});
  S.define("lists", "UList2", {fields: {set_html: "items:html", set_highlight: highlight}});
  S.define("lists", "TableList", {fields: {set_highlight: highlight}});
  S.define("lists", "FileList", {});
}(window.SKIPOLE));
