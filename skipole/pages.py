"""Rendering the six page types into responses (the render stage of a call).

A ``PageRenderer`` belongs to one application; it compiles each TemplatePage and SVG page
once into a render plan (``render.plan``) and fills it per request.  JSON, CSS and File pages
are cheap and built directly.
"""

import json
import mimetypes
import os
import threading

from .render.html import CSRF_MARK, IDENT_MARK, esc
from .render.plan import CompileContext, RenderState, compile_tree, render_ops
from .response import Response

__all__ = ["PageRenderer", "css_text", "CompiledTemplate"]


def css_text(style, colours=None):
    """CSS text from ``{selector: [[property, value], ...]}``; ``${name}`` replaced from ``colours``."""
    lines = []
    for selector, declarations in (style or {}).items():
        body = []
        for decl in declarations or ():
            if isinstance(decl, (list, tuple)) and len(decl) == 2:
                prop, value = str(decl[0]), str(decl[1])
                if colours:
                    for name, colour in colours.items():
                        value = value.replace("${" + name + "}", colour)
                body.append(f"  {_css_safe(prop)}: {_css_safe(value)};")
        lines.append(f"{_css_safe(selector)} {{\n" + "\n".join(body) + "\n}\n")
    return "".join(lines)


def _css_safe(text):
    # a value must not close the rule or open a tag
    return text.replace("</", "<\\/").replace("}", "").replace("{", "")


class CompiledTemplate:
    """A TemplatePage's render plan: head and body ops, widget index, modules used."""

    __slots__ = ("ops", "widgets", "modules", "page", "generation", "problems", "settings",
                 "default_error_widget", "always_dirty", "bindings", "script_tags")

    def __init__(self, page, ops, cctx, generation):
        self.page = page
        self.ops = ops
        self.widgets = cctx.widgets
        self.always_dirty = frozenset(cctx.always_dirty)
        self.bindings = tuple(cctx.bindings)
        self.modules = frozenset(cctx.modules)
        self.problems = list(cctx.problems)
        self.generation = generation
        self.settings = page.settings
        dew = self.settings.get("default_error_widget") or ["", ""]
        if isinstance(dew, str):
            dew = ["", dew]
        section, widget = (list(dew) + ["", ""])[:2]
        self.default_error_widget = f"{section}-{widget}" if (section and widget) else (widget or "")
        self.script_tags = {}       # modules used by a rendering -> their script tags (few variants)


class PageRenderer:
    """Renders the pages of one project for one application."""

    def __init__(self, app):
        self.app = app
        self._plans = {}
        self._lock = threading.Lock()
        self.gzip_cache = GzipCache()

    def invalidate(self):
        """Forget every compiled plan (after the project changed)."""
        with self._lock:
            self._plans = {}

    # ---- compiling --------------------------------------------------------------------------
    def template_plan(self, page):
        """The compiled plan for a TemplatePage (compiled on first use)."""
        key = page.number
        plan = self._plans.get(key)
        generation = self.app.project_model.generation
        if plan is not None and plan.generation == generation:
            return plan
        with self._lock:
            plan = self._plans.get(key)
            if plan is None or plan.generation != generation:
                plan = self._compile_template(page, generation)
                self._plans[key] = plan
        return plan

    def _compile_template(self, page, generation):
        app = self.app
        project = app.project_model
        cctx = CompileContext(app.label_url, project.proj_ident, page.number)
        settings = page.settings
        sections = project.sections
        body_settings = (settings.get("show_backcol", False), settings.get("backcol", ""))
        head = compile_tree(page.raw["head"], cctx, "head", sections=sections)
        body = compile_tree(page.raw["body"], cctx, "body", sections=sections, body_settings=body_settings)
        # the head ends with our additions: placed before its closing tag
        if head and isinstance(head[-1], str) and head[-1].endswith("</head>"):
            head[-1] = head[-1][:-len("</head>")]
            tail = "</head>"
        else:
            tail = ""
        ops = head + [_HeadExtras()] + ([tail] if tail else []) + ["\n"] + body
        return CompiledTemplate(page, ops, cctx, generation)

    # ---- rendering --------------------------------------------------------------------------
    def render_template(self, page, call):
        """Render a TemplatePage for the call; returns a Response."""
        plan = self.template_plan(page)
        skicall = call.skicall
        pd = skicall.page_data
        values, sections = _split_values(pd)
        errors = {}
        loose = list(call.page_errors)
        for name, message in call.widget_errors.items():
            node = plan.widgets.get(name)
            if node is not None and node.inst.cls.error_display:
                errors[name] = message
            else:                 # a widget that cannot show errors: the page's error widget does
                loose.append(message)
        if pd.show_error:
            loose.append(str(pd.show_error))
        if loose:
            target = plan.default_error_widget
            if target and target in plan.widgets:
                errors.setdefault(target, "\n".join(loose))
        ctx = call.render_context(page)
        state = RenderState(ctx, call.textblock, call.lang_key, values, errors, sections, plan.widgets,
                            plan.always_dirty)
        state.body_class = pd.body_class
        state.backcol = pd.backcol
        state.show_backcol = pd.show_backcol
        out = ["<!DOCTYPE HTML>\n<html" + _lang_attr(pd.lang or plan.settings.get("lang") or
                                                      self.app.project_model.default_language) + ">\n"]
        extras_index = None
        for op in plan.ops:
            if type(op) is _HeadExtras:
                extras_index = len(out)
                out.append("")
                continue
            if type(op) is str:
                out.append(op)
            else:
                render_ops((op,), state, out)
        out.append("\n</html>\n")
        if extras_index is not None:
            out[extras_index] = self._head_extras(plan, state, call, pd)
        html = "".join(out)
        html = html.replace(IDENT_MARK, esc(call.ident_value(page))).replace(CSRF_MARK, esc(call.csrf_token()))
        status = pd.status or "200 OK"
        headers = [("Cache-Control", "no-store")] if call.no_store else []
        if pd.headers:
            headers.extend(_user_headers(pd.headers))
        return Response(html.encode("utf-8"), status, headers, "text/html; charset=utf-8", "TemplatePage")

    def _head_extras(self, plan, state, call, pd):
        lib = self.app.lib_url
        modules = frozenset({cls.module_name() for _n, cls, _js in state.widgets_seen}) | plan.modules
        scripts = plan.script_tags.get((lib, modules))
        if scripts is None:
            scripts = plan.script_tags[lib, modules] = "\n".join(
                [f'<meta name="csrf-token" content="{CSRF_MARK}" />',
                 f'<script src="{esc(lib)}/skipole.js" defer></script>'] +
                [f'<script src="{esc(lib)}/widgets/{esc(module)}.js" defer></script>' for module in sorted(modules)])
        parts = [scripts]
        settings = plan.settings
        data = {
            "ident": IDENT_MARK,
            "default_error_widget": plan.default_error_widget,
            "interval": pd.interval if pd.interval is not None else settings.get("interval", 0),
            "interval_target": self.app.url_for(pd.IntervalTarget if pd.IntervalTarget is not None
                                                else settings.get("interval_target", "")) or "",
            "catch_to_html": self.app.url_for(pd.CatchToHTML or settings.get("catch_to_html") or "") or "",
            "last_scroll": bool(settings.get("last_scroll", False) if pd.last_scroll is None else pd.last_scroll),
            "page": f"{plan.page.project.proj_ident}_{plan.page.number}",
            "widgets": [[name, cls.module_name(), cls.__name__, js or {}] for name, cls, js in state.widgets_seen],
        }
        for key in ("localStorage", "sessionStorage"):
            value = getattr(pd, key)
            if value:
                data[key] = value
        hardware = self.app.root_app.hardware
        if (hardware is not None and (plan.bindings or "pi" in modules)
                and call.request.environ.get("skipole.user") is not None):   # the API needs a login
            status = hardware.status()
            data["live"] = {"url": f"{self.app.root_app.api_url}/live", "version": status["version"],
                            "run_id": status["run_id"],
                            "bindings": [[w, f, d, fmt] for w, f, d, fmt in plan.bindings]}
            parts.append(f'<script src="{esc(lib)}/live.js" defer></script>')
        if pd.add_jscript:
            data["add_jscript_ignored"] = True
        payload = json.dumps(data, separators=(",", ":")).replace("</", "<\\/").replace(
            json.dumps(IDENT_MARK)[1:-1], IDENT_MARK)
        parts.append(f'<script type="application/json" data-skipole="page">{payload}</script>')
        return "\n".join(parts) + "\n"

    # ---- other page types -------------------------------------------------------------------
    def render_json(self, page, call):
        """A JSON page: its content, then the call's page data as ``widget:field`` keys."""
        pd = call.skicall.page_data
        content = dict(page.settings.get("content") or {})
        content.update(call.json_values(pd))
        body = json.dumps(content, default=str).encode("utf-8")
        headers = _cache_headers(page.settings.get("enable_cache") if pd.enable_cache is None else pd.enable_cache)
        return Response(body, pd.status or "200 OK", headers, "application/json", "JSON")

    def render_css(self, page, call):
        pd = call.skicall.page_data
        text = css_text(page.settings.get("style") or {}, pd.colour_substitution)
        if pd.cssimport:
            imports = pd.cssimport if isinstance(pd.cssimport, (list, tuple)) else [pd.cssimport]
            text = "".join(f'@import url("{self.app.url_for(i) or i}");\n' for i in imports) + text
        headers = _cache_headers(page.settings.get("enable_cache") if pd.enable_cache is None else pd.enable_cache)
        return Response(text.encode("utf-8"), pd.status or "200 OK", headers, "text/css; charset=utf-8", "CSS")

    def css_of(self, page, call):
        """The CSS text of a CSS page (for MediaQuery)."""
        pd = call.skicall.page_data
        return css_text(page.settings.get("style") or {}, pd.colour_substitution)

    def render_svg(self, page, call):
        key = ("svg", page.number)
        generation = self.app.project_model.generation
        plan = self._plans.get(key)
        if plan is None or plan[0] != generation:
            cctx = CompileContext(self.app.label_url, page.project.proj_ident, page.number)
            ops = compile_tree(page.raw.get("svg") or ["Part", {"tag_name": "svg", "parts": []}], cctx, "svg",
                               sections=page.project.sections)
            plan = (generation, ops, cctx.widgets)
            with self._lock:
                self._plans[key] = plan
        _gen, ops, widgets = plan
        pd = call.skicall.page_data
        values, sections = _split_values(pd)
        state = RenderState(call.render_context(page), call.textblock, call.lang_key, values, {}, sections, widgets)
        out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
        width = pd.width or page.settings.get("width", "100")
        height = pd.height or page.settings.get("height", "100")
        inner = []
        render_ops(ops, state, inner)
        html = "".join(inner)
        if html.startswith("<svg"):
            out.append(html)
        else:
            out.append(f'<svg xmlns="http://www.w3.org/2000/svg" width="{esc(width)}" height="{esc(height)}">'
                       f"{html}</svg>")
        headers = _cache_headers(page.settings.get("enable_cache") if pd.enable_cache is None else pd.enable_cache)
        return Response("".join(out).encode("utf-8"), pd.status or "200 OK", headers, "image/svg+xml", "SVG")

    def render_file(self, page, call):
        pd = call.skicall.page_data
        rel = pd.filepath or page.settings.get("filepath") or f"{page.project.name}/static/{page.name}"
        mimetype = pd.mimetype or page.settings.get("mimetype") or mimetypes.guess_type(rel)[0] \
            or "application/octet-stream"
        enable_cache = page.settings.get("enable_cache") if pd.enable_cache is None else pd.enable_cache
        return call.serve_file(rel, mimetype=mimetype, enable_cache=enable_cache, page_type="FilePage")


class _HeadExtras:
    """Marks where the page's script links and JSON data go in the head."""

    __slots__ = ()


def _lang_attr(lang):
    if isinstance(lang, (tuple, list)):
        lang = lang[0] if lang else ""
    return f' lang="{esc(lang)}"' if lang else ""


def _cache_headers(enable_cache):
    if enable_cache:
        return [("Cache-Control", "max-age=86400")]
    return [("Cache-Control", "no-cache")]


def _user_headers(headers):
    out = []
    for item in headers:
        if isinstance(item, (list, tuple)) and len(item) == 2:
            name, value = str(item[0]), str(item[1])
            if "\n" in name or "\r" in name or "\n" in value or "\r" in value:
                continue
            out.append((name, value))
    return out


def _split_values(pd):
    """PageData → ({full widget name: {field: value}}, {alias: SectionData})."""
    values = {}
    for (widget, field), value in pd.items():
        values.setdefault(widget, {})[field] = value
    sections = {}
    for alias, sd in pd.section_items():
        sections[alias] = sd
        for (widget, field), value in sd.items():
            values.setdefault(f"{alias}-{widget}", {})[field] = value
    return values, sections


_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
_GZIP_MAX = 2 * 1024 * 1024


class GzipCache:
    """Compressed copies of small text files, per application, bounded, keyed by path and mtime."""

    def __init__(self, size=64):
        self.size = size
        self._entries = {}
        self._lock = threading.Lock()

    def get(self, path, st):
        key = (path, st.st_mtime_ns, st.st_size)
        data = self._entries.get(key)
        if data is None:
            import gzip
            with open(path, "rb") as f:
                data = gzip.compress(f.read(), compresslevel=9, mtime=0)
            with self._lock:
                if len(self._entries) >= self.size:
                    self._entries.pop(next(iter(self._entries)))
                self._entries[key] = data
        return data


def file_response(path, mimetype, enable_cache, environ, status="200 OK", headers=None, page_type="",
                  gzip_cache=None):
    """Stream a file with Last-Modified/ETag validation (304), a length header, and gzip for
    text files when the client accepts it and a ``gzip_cache`` is given."""
    st = os.stat(path)
    compress = (gzip_cache is not None and st.st_size <= _GZIP_MAX and mimetype.startswith(_COMPRESSIBLE)
                and "gzip" in environ.get("HTTP_ACCEPT_ENCODING", "").lower())
    etag = f'"{int(st.st_mtime_ns):x}-{st.st_size:x}{"-gz" if compress else ""}"'
    hdrs = list(headers or [])
    hdrs.append(("ETag", etag))
    from email.utils import formatdate
    hdrs.append(("Last-Modified", formatdate(st.st_mtime, usegmt=True)))
    hdrs.extend(_cache_headers(enable_cache))
    if gzip_cache is not None and mimetype.startswith(_COMPRESSIBLE):
        hdrs.append(("Vary", "Accept-Encoding"))
    if environ.get("HTTP_IF_NONE_MATCH") == etag:
        return Response(b"", "304 Not Modified", hdrs, page_type=page_type)
    if compress:
        data = gzip_cache.get(path, st)
        hdrs.extend([("Content-Encoding", "gzip"), ("Content-Length", str(len(data)))])
        return Response(data, status, hdrs, mimetype, page_type)
    hdrs.append(("Content-Length", str(st.st_size)))
    f = open(path, "rb")
    wrapper = environ.get("wsgi.file_wrapper")
    body = wrapper(f, 32768) if wrapper else _chunks(f)
    return Response(body, status, hdrs, mimetype, page_type)


def _chunks(f):
    try:
        while True:
            block = f.read(32768)
            if not block:
                break
            yield block
    finally:
        f.close()
