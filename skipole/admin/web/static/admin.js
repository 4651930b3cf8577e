/* skiadmin's optional niceties; every screen works without this file.
 * - Preview frames are scaled to fit the width they have (phone 390 px, desktop 1280 px).
 * - An item named by the address's #fragment is opened and scrolled to (after a change).
 */
(function () {
  "use strict";

  function fitFrames() {
    var frames = document.querySelectorAll(".sa-frame");
    Array.prototype.forEach.call(frames, function (fig) {
      var box = fig.querySelector(".sa-frame-box");
      var frame = fig.querySelector("iframe");
      if (!box || !frame) { return; }
      var w = parseInt(fig.getAttribute("data-width"), 10);
      var h = parseInt(fig.getAttribute("data-height"), 10);
      box.style.width = "100%";
      var avail = box.clientWidth;
      var scale = Math.min(1, avail / w);
      fig.setAttribute("data-scaled", "");
      frame.style.width = w + "px";
      frame.style.height = h + "px";
      frame.style.transform = "scale(" + scale + ")";
      box.style.height = Math.round(h * scale) + "px";
    });
  }

  function openFragment() {
    var id = window.location.hash.slice(1);
    if (!id) { return; }
    var el = document.getElementById(decodeURIComponent(id));
    if (!el) { return; }
    var node = el.tagName === "DETAILS" ? el : el.querySelector("details");
    if (node) { node.open = true; }
    el.scrollIntoView({block: "start"});
  }

  function start() {
    fitFrames();
    openFragment();
    window.addEventListener("resize", fitFrames);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
