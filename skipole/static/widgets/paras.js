/* paras.js: client classes of the text block widgets. */
(function (S) {
  "use strict";
  S.define("paras", "ParaText", {fields: {para_text: "text"}});
  S.define("paras", "SpanText", {fields: {span_text: "text"}});
  S.define("paras", "TagText", {fields: {tag_text: "text"}});
  S.define("paras", "TextBlockPara", {fields: {text_replaceblock: "lines"}, errorText: ""});

  // raw HTML fields (trusted by design): parsed by the core, scripts and handlers dropped
  S.define("paras", "TagUnEscaped", {fields: {content: "html"}});
  S.define("paras", "TextBlockDiv", {fields: {content_replaceblock: "html"}});
  S.define("paras", "DivStyleDiv", {fields: {set_html: "html :scope > *"}});
  /* DivHTML / TagBlock: drag (the value sent when this widget is dragged) makes it
     draggable; drop (the value sent with the dragged one) makes it a drop target.  A drop
     sends WIDGET:drag (the dragged widget's value) and WIDGET:drop to dropurl. */
  var DragDrop = S.define("paras", [], {
    init: function () {
      var w = this;
      this.listen(this.el, "dragstart", function (e) {
        if (e.dataTransfer && w.el.getAttribute("data-drag")) { e.dataTransfer.setData("text/plain", w.el.getAttribute("data-drag")); }
      });
      this.listen(this.el, "dragover", function (e) { if (w.el.getAttribute("data-drop")) { e.preventDefault(); } });
      this.listen(this.el, "drop", function (e) {
        if (!w.el.getAttribute("data-drop") || !w.settings.dropurl || !e.dataTransfer) { return; }
        e.preventDefault();
        var data = {};
        data[w.id + ":drag"] = e.dataTransfer.getData("text/plain");
        data[w.id + ":drop"] = w.el.getAttribute("data-drop");
        S.send(w.settings.dropurl, data);
      });
    },
    fields: {
      drag: function (v) {
        var value = S.text(v);
        if (value) { this.el.setAttribute("draggable", "true"); this.el.setAttribute("data-drag", value); } else {
          this.el.removeAttribute("draggable"); this.el.removeAttribute("data-drag");
        }
      },
      drop: function (v) {
        if (S.text(v)) { this.el.setAttribute("data-drop", S.text(v)); } else { this.el.removeAttribute("data-drop"); }
      }
    }
  });
  S.define("paras", "DivHTML", {fields: {set_html: "html"}}, DragDrop);
  S.define("paras", "TagBlock", {}, DragDrop);

  S.define("paras", "DivPara", {fields: {para_text: "text p"}, errorText: "p"});

  S.define("paras", "ShowPara1", {fields: {para_text: "text :scope > p", show_para: "show :scope > p"}});

  S.define("paras", "ShowPara2", {
    fields: {para_text: "text :scope > div:last-child > p"},
    init: function () {
      var close = this.find("[data-close]");
      if (close) { this.listen(close, "click", function () { this.setHidden(true); }); }
    }
  });

  /* An error marks a PreText (data-status) but is not shown in it. */
  S.define("paras", "PreText", {
    fields: {pre_text: "text"},
    showError: function (msg) {
      if (S.text(msg)) { this.el.setAttribute("data-status", "error"); } else { this.clearError(); }
    },
    clearError: function () { this.el.removeAttribute("data-status"); }
  });

  /* JSONTextLink / JSONDivLink: the button fetches the content from json_ident and shows it,
     or hides it again; without JavaScript it is a plain link. */
  function contentToggle(contentId, contentField) {
    return {
      content: function () { return document.getElementById(this.settings[contentId]); },
      init: function () {
        var w = this, button = document.getElementById(this.settings.buttonident);
        if (!button || !this.settings.url) { return; }
        this.listen(button, "click", function (e) {
          e.preventDefault();
          var box = w.content(), shown = box && box.style.display !== "none";
          if (shown) { return w.show(false); }
          // the button's link carries ident, get_field and the CSRF token
          var href = button.getAttribute("href") || "", at = href.indexOf("?");
          var params = new URLSearchParams(at < 0 ? "" : href.slice(at + 1).split("#")[0]);
          var name = w.settings.get_field_name || w.id + ":get_field";
          if (w.settings.get_field && !params.has(name)) { params.set(name, w.settings.get_field); }
          S.send(w.settings.url, params, {method: "GET"}).then(function (result) {
            if (result && !(w.id + ":hide" in result)) { w.show(true); }
          });
        });
      },
      show: function (on) {
        var box = this.content(), button = document.getElementById(this.settings.buttonident);
        if (box) { box.style.display = on ? "" : "none"; }
        var label = on ? this.settings.button_hide_text : this.settings.button_show_text;
        if (button && label) { button.textContent = label; }
      },
      fields: (function () {
        var f = {hide: function (v) { this.show(!S.truthy(v)); }};
        f[contentField] = function (v) {
          var box = this.content();
          if (!box) { return; }
          if (this.settings.content_mode === "html") { S.setHTML(box, v); } else { box.textContent = S.text(v); }
        };
        return f;
      }())
    };
  }
  S.define("paras", "JSONTextLink", Object.assign(contentToggle("paraident", "para_text"), {errorText: ":scope > p"}));
  S.define("paras", "JSONDivLink", Object.assign(contentToggle("divident", "div_content"), {errorText: ":scope > div"}));
}(window.SKIPOLE));
