/* links.js: client classes of the link, button and media widgets. */
(function (S) {
  "use strict";
  // links with a json_url call it instead of loading the link's page
  var JSONLink = S.define("links", "*", {
    init: function () { S.jsonLink(this, this.settings.json_url); }
  });

  S.define("links", ["ButtonLink1", "JSONButtonLink", "Link", "OpenButton2"], {
    fields: {button_text: "text", content: "text"}
  }, JSONLink);

  S.define("links", "ButtonLink2", {fields: {button_text: "text a"}}, JSONLink);

  S.define("links", "LinkToWidget", {
    fields: {content: "text", towidget: function (v) { this.el.setAttribute("href", "#" + S.text(v)); }}
  });

  S.define("links", "Image1", {fields: {img_url: "attr:src"}});

  /* OpenButton / CloseButton show or hide a section or widget of the page. */
  function toggler(show) {
    return {
      init: function () {
        var target = this.settings.target_widget || this.settings.target_section;
        if (!target) { return; }
        this.listen(this.el, "click", function (e) {
          var el = document.getElementById(target);
          if (!el) { return; }
          e.preventDefault();
          el.style.display = show ? "block" : "none";
        });
      }
    };
  }
  S.define("links", "OpenButton", toggler(true));
  S.define("links", "CloseButton", toggler(false));

  S.define("links", "MessageButton", {
    fields: {
      para_text: "text p",
      hide: function (v) {
        var box = document.getElementById(this.settings.messagebox_id) || this.find(":scope > div");
        if (box) { box.style.display = S.truthy(v) ? "none" : ""; }
      }
    }
  }, JSONLink);

  function play(v) {
    if (S.truthy(v) && this.el.play) {
      var p = this.el.play();
      if (p && p.catch) { p.catch(function (e) { S.report("audio play", e); }); }
    }
  }
  S.define("links", "Audio1", {fields: {play: play}});
  S.define("links", "Audio2", {
    fields: {
      play: play,
      src_mp3: "attr:src source[type='audio/mpeg']",
      src_wav: "attr:src source[type='audio/wav']",
      src_ogg: "attr:src source[type='audio/ogg']"
    }
  });
}(window.SKIPOLE));
