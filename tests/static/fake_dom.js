/* fake_dom.js: just enough of a browser DOM to run skipole.js under plain Node.js (no
 * dependencies), for tests/static/core_smoke.js.  Selectors: comma lists of compounds made
 * of a tag, .class and [attr] / [attr="value"] parts (no combinators). */
"use strict";

function parseCompound(sel) {
  const m = /^([a-zA-Z][\w-]*|\*)?((?:\.[\w-]+|\[[^\]]+\])*)$/.exec(sel.trim());
  if (!m) { throw new Error("fake_dom: unsupported selector " + sel); }
  const parts = [];
  (m[2].match(/\.[\w-]+|\[[^\]]+\]/g) || []).forEach((p) => {
    if (p[0] === ".") { parts.push({cls: p.slice(1)}); return; }
    const a = /^\[([\w-]+)(?:=["']?([^"'\]]*)["']?)?\]$/.exec(p);
    parts.push({attr: a[1], value: a[2]});
  });
  return {tag: m[1] && m[1] !== "*" ? m[1].toLowerCase() : null, parts};
}

class Style {
  constructor() { this.display = ""; this.color = ""; this.backgroundColor = ""; this.width = ""; }
  get cssText() { return this._css || ""; }
  set cssText(v) {
    this._css = v; this.display = ""; this.color = "";
    String(v).split(";").forEach((decl) => {
      const [k, val] = decl.split(":").map((s) => s && s.trim());
      if (k === "display") { this.display = val; }
      if (k === "color") { this.color = val; }
    });
  }
}

class Node {
  constructor(doc) { this.ownerDocument = doc; this.parentNode = null; this.childNodes = []; }
  appendChild(child) {
    if (child.parentNode) { child.parentNode.removeChild(child); }
    child.parentNode = this; this.childNodes.push(child); return child;
  }
  insertBefore(child, ref) {
    if (!ref) { return this.appendChild(child); }
    if (child.parentNode) { child.parentNode.removeChild(child); }
    child.parentNode = this; this.childNodes.splice(this.childNodes.indexOf(ref), 0, child); return child;
  }
  removeChild(child) { this.childNodes.splice(this.childNodes.indexOf(child), 1); child.parentNode = null; return child; }
  remove() { if (this.parentNode) { this.parentNode.removeChild(this); } }
  get firstChild() { return this.childNodes[0] || null; }
  get textContent() { return this.childNodes.map((c) => c.textContent).join(""); }
  set textContent(v) { this.childNodes.forEach((c) => { c.parentNode = null; }); this.childNodes = []; if (v !== "") { this.appendChild(new Text(this.ownerDocument, String(v))); } }
}

class Text extends Node {
  constructor(doc, data) { super(doc); this.data = data; this.nodeType = 3; }
  get textContent() { return this.data; }
  set textContent(v) { this.data = String(v); }
}

class Element extends Node {
  constructor(doc, tag) {
    super(doc);
    this.localName = tag.toLowerCase(); this.tagName = tag.toUpperCase(); this.nodeType = 1;
    this.attrs = {}; this.style = new Style(); this.listeners = {}; this.dataset = {};
    this.value = ""; this.checked = false; this.disabled = false;
  }
  get children() { return this.childNodes.filter((c) => c.nodeType === 1); }
  get firstElementChild() { return this.children[0] || null; }
  get id() { return this.getAttribute("id") || ""; }
  get name() { return this.getAttribute("name") || ""; }
  get type() { return (this.getAttribute("type") || "text").toLowerCase(); }
  get className() { return this.getAttribute("class") || ""; }
  get classList() {
    const el = this, names = () => el.className.split(/\s+/).filter(Boolean);
    const set = (list) => el.setAttribute("class", list.join(" "));
    return {
      contains: (c) => names().includes(c),
      add: (c) => { if (!names().includes(c)) { set(names().concat([c])); } },
      remove: (c) => set(names().filter((n) => n !== c)),
      toggle: (c, on) => { if (on === undefined ? !names().includes(c) : on) { this.classList.add(c); } else { this.classList.remove(c); } },
    };
  }
  set className(v) { this.setAttribute("class", v); }
  getAttribute(n) { return n in this.attrs ? this.attrs[n] : null; }
  setAttribute(n, v) {
    this.attrs[n] = String(v);
    if (n === "value") { this.value = String(v); }
    if (n === "style") { this.style.cssText = String(v); }
  }
  hasAttribute(n) { return n in this.attrs; }
  removeAttribute(n) { delete this.attrs[n]; }
  get attributes() { return Object.keys(this.attrs).map((name) => ({name, value: this.attrs[name]})); }
  addEventListener(type, fn) { (this.listeners[type] = this.listeners[type] || []).push(fn); }
  dispatch(type, extra) {
    const e = Object.assign({type, target: this, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; }}, extra);
    (this.listeners[type] || []).forEach((fn) => fn(e));
    return e;
  }
  matches(selector) {
    return selector.split(",").some((one) => {
      const c = parseCompound(one);
      if (c.tag && c.tag !== this.localName) { return false; }
      return c.parts.every((p) => p.cls ? this.className.split(/\s+/).includes(p.cls)
        : (p.value === undefined ? this.hasAttribute(p.attr) : this.getAttribute(p.attr) === p.value));
    });
  }
  descendants() { return this.children.flatMap((c) => [c].concat(c.descendants())); }
  querySelectorAll(selector) { return this.descendants().filter((e) => e.matches(selector)); }
  querySelector(selector) { return this.querySelectorAll(selector)[0] || null; }
}

class Document extends Element {
  constructor() {
    super(null, "#document");
    this.ownerDocument = this;
    this.readyState = "complete";
    this.hidden = false;
    this.documentElement = this.appendChild(this.createElement("html"));
    this.head = this.documentElement.appendChild(this.createElement("head"));
    this.body = this.documentElement.appendChild(this.createElement("body"));
  }
  createElement(tag) { return new Element(this, tag); }
  createTextNode(data) { return new Text(this, data); }
  getElementById(id) { return this.descendants().find((e) => e.id === id) || null; }
}

/* h("p", {id: "x"}, "text", h(...)): an element with attributes and children. */
function makeH(doc) {
  return function h(tag, attrs, ...kids) {
    const el = doc.createElement(tag);
    Object.keys(attrs || {}).forEach((k) => el.setAttribute(k, attrs[k]));
    kids.forEach((k) => el.appendChild(typeof k === "string" ? doc.createTextNode(k) : k));
    return el;
  };
}

class Storage {
  constructor() { this.items = {}; }
  getItem(k) { return k in this.items ? this.items[k] : null; }
  setItem(k, v) { this.items[k] = String(v); }
  removeItem(k) { delete this.items[k]; }
}

/* A window-like global object for vm.createContext. */
function makeWindow() {
  const document = new Document();
  const listeners = {};
  const win = {
    document, console, URL, URLSearchParams, FormData, Response, AbortController,
    setInterval, clearInterval, setTimeout, clearTimeout,
    location: {href: "http://localhost/page", pathname: "/page", assigned: [], assign(u) { this.assigned.push(u); }},
    sessionStorage: new Storage(), localStorage: new Storage(),
    scrollX: 0, scrollY: 0, scrollTo() {},
    addEventListener(type, fn) { (listeners[type] = listeners[type] || []).push(fn); },
    HTMLFormElement: class {},
  };
  win.window = win;
  return win;
}

module.exports = {makeWindow, makeH};
