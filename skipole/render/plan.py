"""Render plans: a page tree compiled once into static HTML fragments and value slots.

Compiling walks a page's head/body (or svg, or a section) once: Parts become strings with
their ``{label}`` attributes resolved, adjacent strings are merged, and what can change per
request becomes a slot — a widget, a TextBlock, a section placeholder, the body tag.  A
request then walks the flat op list, reusing each widget's cached default rendering unless
page data or an error touches it.  Nothing is deep-copied per request, and plans are
immutable after compilation, so waitress threads share them safely.
"""

import re
import threading

from ..render.html import attrs, esc
from ..widgets.base import WidgetInstance, WidgetView, widget_class

__all__ = ["compile_tree", "WidgetNode", "TextBlockSlot", "SectionSlot", "BodyTagSlot", "RenderState",
           "render_ops", "CompileContext"]

_LABEL_REF = re.compile(r"\{([A-Za-z0-9_,.\-]+)\}")
_ENTITY = re.compile(r"^&(#\d{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});$")
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
              "track", "wbr"}
_MAX_WIDGET_CACHE = 8          # languages per widget


class CompileContext:
    """What compiling needs: URL resolution for labels and the ids of the page being built."""

    def __init__(self, resolve_url, proj_ident, page_num, widget_ctx=None):
        self.resolve_url = resolve_url
        self.proj_ident = proj_ident
        self.page_num = page_num
        self.widget_ctx = widget_ctx
        self.modules = set()        # widget modules used (for script links)
        self.widgets = {}           # full name -> WidgetNode
        self.always_dirty = set()   # containers holding widgets that change on every request
        self.bindings = []          # (widget, field, device, format) of fields bound to devices
        self.problems = []          # (where, message) for the admin's checks


class WidgetNode:
    """A widget placed in a compiled page."""

    __slots__ = ("inst", "fullname", "path", "containers", "ancestors", "cache", "alias", "bindings")

    def __init__(self, inst, fullname, path, alias, ancestors):
        self.inst = inst
        self.fullname = fullname
        self.path = path
        self.alias = alias
        self.ancestors = ancestors
        self.containers = ()
        self.cache = {}
        self.bindings = None


class TextBlockSlot:
    """A TextBlock reference, looked up per request in the request's language."""

    __slots__ = ("textref", "project", "failmessage", "escape", "linebreaks", "replace_strings")

    def __init__(self, body):
        self.textref = body.get("textref", "")
        self.project = body.get("project") or None
        self.failmessage = body.get("failmessage", "")
        self.escape = body.get("escape", True)
        self.linebreaks = body.get("linebreaks", True)
        self.replace_strings = body.get("replace_strings") or []


class SectionSlot:
    """A section placeholder: a compiled default, re-rendered when section data touches it."""

    __slots__ = ("alias", "section_name", "multiplier", "mtag", "show", "ops", "copies",
                 "section_attribs", "tag_name", "open_tags", "_sbody", "_path", "_cctx", "_lock")

    MAX_COPIES = 1000

    def __init__(self, alias, section_name, multiplier, mtag, show):
        self.alias = alias
        self.section_name = section_name
        self.multiplier = multiplier
        self.mtag = mtag or "div"
        self.show = show
        self.ops = []               # ops for multiplier 0 (a single copy under alias)
        self.copies = []            # ops per copy when multiplied, alias_0 ...
        self.tag_name = "div"
        self.section_attribs = {}
        self.open_tags = {}         # alias -> its start tag when section data changes nothing in it
        self._sbody = None
        self._path = ""
        self._cctx = None
        self._lock = threading.Lock()

    def copy_ops(self, i):
        """Ops of copy ``i`` (alias_i), compiled on first use when data asks for more copies."""
        if i < len(self.copies):
            return self.copies[i]
        if self._sbody is None or i >= self.MAX_COPIES:
            return []
        with self._lock:
            while len(self.copies) <= i:
                n = len(self.copies)
                self.copies.append(_compile_section_copy(self._sbody, self._cctx, f"{self._path}m{n}",
                                                         f"{self.alias}_{n}"))
        return self.copies[i]


class BodyTagSlot:
    """The ``<body>`` start tag: its class and background colour may be set per request."""

    __slots__ = ("attribs", "show_backcol", "backcol")

    def __init__(self, attribs, show_backcol, backcol):
        self.attribs = attribs
        self.show_backcol = show_backcol
        self.backcol = backcol


# ---- compiling ---------------------------------------------------------------------------------

def compile_tree(node, cctx, path="", alias="", ancestors=(), sections=None, body_settings=None):
    """Compile a ``[type, content]`` tree into a flat op list (strings merged)."""
    ops = []
    _compile(node, cctx, path, alias, ancestors, sections, body_settings, ops)
    return _merge(ops)


def _merge(ops):
    out = []
    for op in ops:
        if isinstance(op, str):
            if not op:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += op
                continue
        out.append(op)
    return out


def resolve_attr(value, cctx):
    """Replace ``{label}`` references in an attribute value by the label's URL."""
    if not isinstance(value, str):
        return "" if value is None else str(value)
    if "{" not in value:
        return value

    def sub(m):
        url = cctx.resolve_url(m.group(1))
        return url if url else m.group(0)
    return _LABEL_REF.sub(sub, value)


def _attribs(raw, cctx):
    return "".join(f' {esc(k)}="{esc(resolve_attr(v, cctx))}"' for k, v in (raw or {}).items())


def _compile(node, cctx, path, alias, ancestors, sections, body_settings, ops):
    kind, body = node
    if kind == "Text":
        ops.append(body)          # trusted HTML written by the project's author
        return
    if kind == "HTMLSymbol":
        text = body.get("text", "")
        ops.append(text if _ENTITY.match(text) else esc(text))
        return
    if kind == "Comment":
        text = str(body.get("text", "")).replace("--", "- -")
        ops.append(f"<!--{text}-->")
        return
    if kind == "SectionPlaceHolder":
        # kept even when hidden: SectionData.show may bring it back per request
        ops.append(_compile_placeholder(body, cctx, path, sections))
        return
    if not body.get("show", True):
        return
    if kind == "TextBlock":
        ops.append(TextBlockSlot(body))
        return
    if kind in ("Widget", "ClosedWidget"):
        ops.append(_compile_widget(body, cctx, path, alias, ancestors, sections))
        return
    # Part, ClosedPart, Section
    tag_name = body.get("tag_name") or "div"
    if not re.match(r"^[A-Za-z][A-Za-z0-9\-:]*$", tag_name):
        tag_name = "div"
    if kind == "ClosedPart" or (tag_name.lower() in _VOID_TAGS and not body.get("parts")):
        ops.append(f"<{tag_name}{_attribs(body.get('attribs'), cctx)} />")
        return
    inner = []
    for i, child in enumerate(body.get("parts", ())):
        _compile(child, cctx, f"{path}-{i}", alias, ancestors, sections, None, inner)
    inner = _merge(inner)
    if body.get("hide_if_empty") and not inner:
        return
    if body_settings is not None and tag_name == "body":
        ops.append(BodyTagSlot(dict(body.get("attribs") or {}), *body_settings))
    else:
        ops.append(f"<{tag_name}{_attribs(body.get('attribs'), cctx)}>")
    ops.extend(inner)
    ops.append(f"</{tag_name}>")


def _compile_widget(body, cctx, path, alias, ancestors, sections):
    cls = widget_class(body["class"])
    name = body.get("name") or ""
    inst = WidgetInstance(cls, name, body.get("fields"), body.get("set_names"), body.get("validators"),
                          body.get("brief", ""))
    fullname = f"{alias}-{name}" if (alias and name) else name
    node = WidgetNode(inst, fullname, path.lstrip("-") or "0", alias, ancestors)
    cctx.modules.add(cls.module_name())
    bindings = body.get("bindings")
    if isinstance(bindings, dict):
        node.bindings = {f: spec for f, spec in bindings.items()
                         if f in cls.field_table and isinstance(spec, dict) and spec.get("device")}
        for field, spec in node.bindings.items():
            fmt = {k: spec[k] for k in spec if k != "device"}
            cctx.bindings.append((fullname, field, spec["device"], fmt))
    if cls.dynamic or node.bindings:
        cctx.always_dirty.update(ancestors)
    if fullname:
        cctx.widgets[fullname] = node
    child_ancestors = ancestors + ((fullname,) if fullname else ())
    containers = []
    for i in range(cls.containers):
        parts = body.get(f"container_{i}") or []
        cops = []
        for j, child in enumerate(parts):
            _compile(child, cctx, f"{path}-c{i}-{j}", alias, child_ancestors, sections, None, cops)
        containers.append(_merge(cops))
    node.containers = tuple(containers)
    return node


def _compile_placeholder(body, cctx, path, sections):
    alias = body.get("placename") or body.get("section_name", "")
    slot = SectionSlot(alias, body.get("section_name", ""), int(body.get("multiplier") or 0),
                       body.get("mtag") or "div", body.get("show", True))
    tree = (sections or {}).get(slot.section_name)
    if tree is None:
        cctx.problems.append((path, f"section {slot.section_name!r} does not exist"))
        return slot
    _, sbody = tree
    slot.tag_name = sbody.get("tag_name") or "div"
    slot.section_attribs = {k: resolve_attr(v, cctx) for k, v in (sbody.get("attribs") or {}).items()}
    slot._sbody, slot._path, slot._cctx = sbody, path, cctx
    slot.ops = _compile_section_copy(sbody, cctx, path, alias)
    slot.copies = [_compile_section_copy(sbody, cctx, f"{path}m{i}", f"{alias}_{i}")
                   for i in range(slot.multiplier)]
    return slot


def _compile_section_copy(sbody, cctx, path, alias):
    inner = []
    for i, child in enumerate(sbody.get("parts", ())):
        # sections may not hold placeholders: ignore nested ones
        if child[0] == "SectionPlaceHolder":
            continue
        _compile(child, cctx, f"{path}-{i}", alias, (), None, None, inner)
    return _merge(inner)


# ---- rendering -----------------------------------------------------------------------------------

class RenderState:
    """Everything one request contributes to a page: values, errors, sections, language, context.

    ``values`` maps a widget's full name to ``{field: value}``; ``errors`` maps it to a
    message; ``sections`` maps an alias to a SectionData.
    """

    __slots__ = ("values", "errors", "sections", "lang_key", "ctx", "widgets_seen", "dirty", "textblock",
                 "body_class", "backcol", "show_backcol", "page_widgets")

    def __init__(self, ctx, textblock, lang_key="", values=None, errors=None, sections=None, page_widgets=None,
                 always_dirty=()):
        self.ctx = ctx
        self.textblock = textblock
        self.lang_key = lang_key
        self.values = values or {}
        self.errors = errors or {}
        self.sections = sections or {}
        self.widgets_seen = []
        self.page_widgets = page_widgets or {}
        self.body_class = None
        self.backcol = None
        self.show_backcol = None
        dirty = set(always_dirty)
        for name in list(self.values) + list(self.errors):
            node = self.page_widgets.get(name)
            if node is not None:
                dirty.update(node.ancestors)
        self.dirty = dirty


def render_ops(ops, state, out):
    """Append the HTML for ``ops`` to the list ``out``."""
    for op in ops:
        if type(op) is str:
            out.append(op)
        elif type(op) is WidgetNode:
            out.append(render_widget(op, state))
        elif type(op) is TextBlockSlot:
            out.append(_render_textblock(op, state))
        elif type(op) is SectionSlot:
            _render_section(op, state, out)
        elif type(op) is BodyTagSlot:
            out.append(_render_body_tag(op, state))


def render_widget(node, state):
    """The HTML of one widget: the cached default unless this request touches it."""
    name = node.fullname
    overrides = state.values.get(name) if name else None
    error = state.errors.get(name) if name else None
    if node.bindings:
        overrides = _bound_values(node, state.ctx, overrides)
    if overrides or error or node.inst.cls.dynamic or name in state.dirty:
        html, js = _render_widget_now(node, overrides, error, state)
    else:
        cached = node.cache.get(state.lang_key)
        if cached is None:
            start = len(state.widgets_seen)
            html, js = _render_widget_now(node, None, None, state)
            # the contained widgets registered while rendering come back with the cached HTML
            cached = (html, js, tuple(state.widgets_seen[start:]))
            if len(node.cache) >= _MAX_WIDGET_CACHE:
                node.cache.clear()
            node.cache[state.lang_key] = cached
        else:
            state.widgets_seen.extend(cached[2])
        html, js = cached[0], cached[1]
    if name and html:
        state.widgets_seen.append((name, node.inst.cls, js))
    return html


def _bound_values(node, ctx, overrides):
    """Field values from the devices the widget's fields are bound to (page data wins)."""
    from ..hardware.formatting import format_value
    device_of = getattr(ctx, "device", None)
    values = {}
    for field, spec in node.bindings.items():
        if overrides and field in overrides:
            continue
        state = device_of(spec["device"]) if device_of is not None else None
        if state is None:
            values[field] = f"(no device {spec['device']})"
            continue
        value = state["value"]
        if node.inst.cls.field_table[field].ftype == "boolean":
            values[field] = bool(value)
        else:
            values[field] = format_value(state, spec)
    if overrides:
        values.update(overrides)
    return values


def _render_widget_now(node, overrides, error, state):
    inst = node.inst
    fields = inst.fields
    if overrides:
        fields = dict(fields)
        fields.update(inst.cls.coerce_fields(overrides))
    if not fields.get("show", True):
        return "", None
    containers = tuple(_container_renderer(c, state) for c in node.containers)
    view = WidgetView(inst, inst.name, fields, state.ctx, containers=containers, error=error or "",
                      path=node.path, fullname=node.fullname)
    html = inst.impl.render(view)
    js = view.js_data
    for fname in inst.cls.js_fields:          # settings the browser library reads as they are
        if fname not in js and fields.get(fname) not in (None, ""):
            js[fname] = fields[fname]
    return html, (js or None)


def _container_renderer(ops, state):
    def render():
        out = []
        render_ops(ops, state, out)
        return "".join(out)
    return render


def _render_textblock(slot, state):
    text = state.textblock(slot.textref, slot.project)
    if text is None:
        return esc(slot.failmessage)
    for pair in slot.replace_strings:
        if isinstance(pair, (list, tuple)) and len(pair) == 2:
            text = text.replace(str(pair[0]), str(pair[1]))
    if slot.escape:
        text = esc(text)
    if slot.linebreaks:
        text = text.replace("\r\n", "\n").replace("\n", "<br />")
    return text


def _render_section(slot, state, out):
    sd = state.sections.get(slot.alias)
    show = slot.show
    multiplier = slot.multiplier
    section_class = None
    hide = False
    if sd is not None:
        if sd.show is not None:
            show = bool(sd.show)
        if sd.multiplier is not None:
            multiplier = max(0, int(sd.multiplier))
        hide = bool(sd.hide)
        section_class = sd.section_class
    if not show:
        return
    if multiplier:
        multiplier = min(multiplier, slot.MAX_COPIES)
        mtag = (sd.multiplier_tag if sd is not None and sd.multiplier_tag else slot.mtag)
        out.append(f"<{mtag}{attrs(('id', slot.alias))}>")
        for i in range(multiplier):
            alias = f"{slot.alias}_{i}"
            ops = slot.copy_ops(i)
            _open_section_tag(slot, alias, state.sections.get(alias), out)
            render_ops(ops, state, out)
            out.append(f"</{slot.tag_name}>")
        out.append(f"</{mtag}>")
        return
    _open_section_tag(slot, slot.alias, sd, out, section_class=section_class, hide=hide)
    render_ops(slot.ops, state, out)
    out.append(f"</{slot.tag_name}>")


def _open_section_tag(slot, alias, sd, out, section_class=None, hide=False):
    if sd is not None:
        if sd.section_class is not None:
            section_class = sd.section_class
        if sd.hide:
            hide = True
    if section_class is None and not hide:
        tag = slot.open_tags.get(alias)
        if tag is None:
            tag = slot.open_tags[alias] = _section_start_tag(slot, alias, None, False)
        out.append(tag)
        return
    out.append(_section_start_tag(slot, alias, section_class, hide))


def _section_start_tag(slot, alias, section_class, hide):
    attribs = dict(slot.section_attribs)
    if section_class is not None:
        attribs["class"] = section_class
    if hide:
        attribs["style"] = (attribs.get("style", "").rstrip("; ") + ";display:none;").lstrip(";")
    attribs["id"] = alias
    resolved = "".join(f' {esc(k)}="{esc(v)}"' for k, v in attribs.items())
    return f"<{slot.tag_name}{resolved}>"


def _render_body_tag(slot, state):
    attribs = dict(slot.attribs)
    if state.body_class is not None:
        attribs["class"] = state.body_class
    show_backcol = slot.show_backcol if state.show_backcol is None else state.show_backcol
    backcol = slot.backcol if state.backcol is None else state.backcol
    if show_backcol and backcol:
        style = attribs.get("style", "")
        attribs["style"] = (style.rstrip("; ") + "; " if style else "") + f"background-color:{backcol};"
    return "<body" + "".join(f' {esc(k)}="{esc(v)}"' for k, v in attribs.items()) + ">"
