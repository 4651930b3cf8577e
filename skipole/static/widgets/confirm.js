/* confirm.js: client classes of the confirm widgets: alert and confirm boxes.  Their buttons
 * are links (the no-JavaScript path); with JavaScript a button hides the box, and calls the
 * widget's JSON page instead of following the link when one is set. */
(function (S) {
  "use strict";
  /* The click on button `a`: hide the box; with a JSON url, send the link's query there. */
  function press(w, a, url, e) {
    w.setHidden(true);
    w.clearError();
    if (!url) { return; }                        // the link is followed as usual
    e.preventDefault();
    var href = a.getAttribute("href") || "", at = href.indexOf("?");
    S.send(S.addQuery(url, new URLSearchParams(at < 0 ? "" : href.slice(at + 1).split("#")[0])), null, {method: "GET"});
  }

  // the error replaces the box's message while it is shown
  S.define("confirm", ["AlertClear1", "AlertClear2"], {
    fields: {para_text: "text p"},
    errorText: "p",
    init: function () {
      var w = this, a = this.find("a[role=button]");
      if (a) { this.listen(a, "click", function (e) { press(w, a, w.settings.url, e); }); }
    }
  });

  S.define("confirm", ["ConfirmBox1", "ConfirmBox2"], {
    fields: {para_text: "lines p"},
    init: function () {
      var w = this;
      this.findAll("a[role=button]").forEach(function (a, i) {
        w.listen(a, "click", function (e) { press(w, a, w.settings["url" + (i + 1)], e); });
      });
    }
  });
}(window.SKIPOLE));
