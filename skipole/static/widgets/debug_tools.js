/* debug_tools.js: client classes of the debug widgets (shown only when debug is on).
 * They are rendered by the server; JSON replies do not change them yet. */
(function (S) {
  "use strict";
  S.define("debug_tools", ["ShowCallData", "ShowEnviron", "ShowResponders"], {});
}(window.SKIPOLE));
