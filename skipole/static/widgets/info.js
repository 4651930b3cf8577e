/* info.js: client classes of the informational widgets. */
(function (S) {
  "use strict";
  S.define("info", ["PageDescription", "PageIdent", "PageName"], {fields: {span_text: "lines"}});

  S.define("info", "ServerTimeStamp", {fields: {timestamp: "lines"}});

  S.define("info", "ProgressBar1", {fields: {text: "text progress", value: "attr:value progress"}});

  S.define("info", "ProgressBar2", {
    fields: {
      value: function (v) {
        var bar = this.find(":scope > div"), pc = Math.max(0, Math.min(100, Number(v) || 0));
        if (bar) { bar.style.width = pc + "%"; }
      }
    }
  });

  /* Redirector: goes to its url at once (the page shows a link to it for browsers without
     JavaScript). */
  S.define("info", "Redirector", {
    errorText: "p",
    init: function () { if (this.settings.url) { S.navigate(this.settings.url); } }
  });

  S.define("info", ["ProjectName", "SkipoleVersion", "Version"], {});
}(window.SKIPOLE));
