/* footers.js: client class of the footer widget. */
(function (S) {
  "use strict";
  S.define("footers", "SimpleFooter", {
    fields: {footer_text: "text :scope > div:last-child > p"}
  });
}(window.SKIPOLE));
