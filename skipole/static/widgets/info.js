/* info.js: client classes of the informational widgets. */
(function (S) {
  "use strict";
  S.define("info", ["PageDescription", "PageIdent", "PageName"], {fields: {span_text: "text"}});

  S.define("info", "ServerTimeStamp", {fields: {timestamp: "text"}});

  S.define("info", "ProgressBar1", {fields: {text: "text progress", value: "attr:value progress"}});

  S.define("info", "ProgressBar2", {
    fields: {
      value: function (v) {
        var bar = this.find(":scope > div"), pc = Math.max(0, Math.min(100, Number(v) || 0));
        if (bar) { bar.style.width = pc + "%"; }
      }
    }
  });

  S.define("info", "Redirector", {errorText: "p"});

  S.define("info", ["ProjectName", "SkipoleVersion", "Version"], {});
}(window.SKIPOLE));
