"""The widget base: typed field declarations, the render view widgets write with, the registry.

A widget class declares its fields (``FIELDS``), how many containers it has and whether it is
a void tag; its docstring is the help text skiadmin shows.  At render time it receives a
``WidgetView``: the field values for this render, the names to use in forms, resolved URLs,
rendered containers and the error to show.  Widgets never see the request or the project
directly, which keeps them small and testable on their own (``render_standalone``).
"""

import datetime
import importlib
import re

from ..render.html import CSRF_MARK, IDENT_MARK, attrs, esc, safe_url

__all__ = [
    "Field", "ListField", "TableField", "DictField", "Widget", "ClosedWidget", "WidgetView",
    "WIDGET_MODULES", "widget_modules", "widgets_in_module", "widget_class", "render_standalone",
]

#: The catalogue's widget modules, in the order skipole 5.x lists them, then our own.
WIDGET_MODULES = (
    "checkbox", "confirm", "debug_tools", "dropdown", "error_messages", "footers", "headers",
    "info", "inputforms", "inputtables", "inputtext", "links", "lists", "logins", "paras",
    "radio", "svgbasics", "svggraphs", "svgmeters", "tables", "textarea", "upload",
)

_EXTERNAL = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.\-]*:|//)")

FIELD_TYPES = ("text", "url", "textblock_ref", "boolean", "integer", "widgfield", "cssclass",
               "cssstyle", "date", "datetime", "")


def _as_bool(value):
    if isinstance(value, str):
        return value.strip().lower() in ("true", "on", "yes", "1", "checked")
    return bool(value)


def _as_int(value):
    if isinstance(value, bool):
        return int(value)
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        try:
            return int(float(value))
        except (TypeError, ValueError, OverflowError):
            return 0


def _as_text(value):
    if value is None:
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    text = value if isinstance(value, str) else str(value)
    # NUL would let a value forge the render engine's per-request markers
    return text.replace("\x00", "") if "\x00" in text else text


def coerce_value(ftype, value):
    """Convert ``value`` to the Python type a field of type ``ftype`` holds."""
    if ftype == "boolean":
        return _as_bool(value)
    if ftype == "integer":
        return _as_int(value)
    if ftype in ("url",) and isinstance(value, int) and not isinstance(value, bool):
        return value          # a local page number: resolved at render time
    if isinstance(value, (list, tuple)):
        return [coerce_value(ftype, v) for v in value]
    if isinstance(value, dict):
        return {_as_text(k): coerce_value(ftype, v) for k, v in value.items()}
    return _as_text(value)


class Field:
    """A single-valued widget field.

    ``jsonset``: a JSON response may set it in the browser; ``valdt``: validators may be
    attached; ``senddict``: the browser submits it as ``widget:field-key`` entries.
    """

    shape = "arg"

    def __init__(self, name, ftype="text", *, valdt=False, jsonset=False, senddict=False,
                 default=None, help=""):
        self.name = name
        self.ftype = ftype
        self.valdt = valdt
        self.jsonset = jsonset
        self.senddict = senddict
        self.help = help
        self.default = self._default() if default is None else default

    def _default(self):
        return {"boolean": False, "integer": 0}.get(self.ftype, "")

    def coerce(self, value):
        """Return ``value`` converted for this field (never raises)."""
        return coerce_value(self.ftype, value)

    def flags(self):
        """The catalogue's flag letters for this field (V, J, D)."""
        return "".join(f for f, on in (("V", self.valdt), ("J", self.jsonset), ("D", self.senddict)) if on)

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r}, {self.ftype!r})"


class ListField(Field):
    """A field holding a list of values of one type."""

    shape = "list"

    def _default(self):
        return []

    def coerce(self, value):
        if value is None or value == "":
            return []
        if not isinstance(value, (list, tuple)):
            value = [value]
        return [coerce_value(self.ftype, v) for v in value]


class TableField(Field):
    """A field holding rows of parallel columns; ``ftype`` is a tuple of column types."""

    shape = "table"

    def __init__(self, name, ftypes=(), **kw):
        super().__init__(name, "", **kw)
        self.ftypes = tuple(ftypes)
        self.ftype = "/".join(self.ftypes)

    def _default(self):
        return []

    def coerce(self, value):
        if not value:
            return []
        rows = []
        for row in value:
            if not isinstance(row, (list, tuple)):
                row = [row]
            if self.ftypes:
                row = [coerce_value(t, v) for t, v in zip(self.ftypes, row, strict=False)]
            rows.append(list(row))
        return rows


class DictField(Field):
    """A field holding a dictionary of key → value of one type."""

    shape = "dict"

    def _default(self):
        return {}

    def coerce(self, value):
        if not value:
            return {}
        if isinstance(value, dict):
            return {str(k): coerce_value(self.ftype, v) for k, v in value.items()}
        return {str(k): coerce_value(self.ftype, v) for k, v in value}


# Fields every widget has; error-displaying widgets (``error_display = True``) also get the
# two error fields.
COMMON_FIELDS = (
    Field("show", "boolean", default=True, help="Render this widget (False leaves it out)."),
    Field("widget_class", "cssclass", jsonset=True, help="CSS class of the widget's outer tag."),
    Field("widget_style", "cssstyle", jsonset=True, help="CSS style of the widget's outer tag."),
)
ERROR_FIELDS = (
    Field("show_error", "text", jsonset=True, help="An error message shown by the widget."),
    Field("clear_error", "boolean", jsonset=True, help="True clears a shown error."),
)


class _WidgetMeta(type):
    """Builds each widget class's full field table once, at class creation."""

    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        own = ns.get("FIELDS", ())
        fields = {f.name: f for f in COMMON_FIELDS}
        if cls.error_display:
            fields.update((f.name, f) for f in ERROR_FIELDS)
        for f in own:
            fields[f.name] = f
        cls.field_table = fields
        cls.defaults = {n: (list(f.default) if isinstance(f.default, list) else
                            dict(f.default) if isinstance(f.default, dict) else f.default)
                        for n, f in fields.items()}


class Widget(metaclass=_WidgetMeta):
    """Base class of every widget.

    Subclasses set ``FIELDS`` (their own fields, in catalogue order), ``containers`` (how many
    numbered containers they hold), ``error_display`` (shows errors: adds ``show_error`` and
    ``clear_error``) and ``dynamic`` (renders per-request data, never cached), and implement
    ``render(w)`` returning HTML, where ``w`` is a ``WidgetView``.
    """

    FIELDS = ()
    containers = 0
    void = False
    error_display = False
    dynamic = False
    #: Names of the fields a page sends to the browser library for this widget.
    js_fields = ()

    @classmethod
    def module_name(cls):
        """The catalogue module this class belongs to (``paras`` for ``paras.ParaText``)."""
        return getattr(cls, "_module_name", None) or cls.__module__.rsplit(".", 1)[-1]

    @classmethod
    def class_path(cls):
        """``module.Class`` as written in project files."""
        return f"{cls.module_name()}.{cls.__name__}"

    @classmethod
    def coerce_fields(cls, values):
        """Return ``values`` (name → raw value) converted by field type; unknown names are kept."""
        out = {}
        table = cls.field_table
        for name, value in values.items():
            f = table.get(name)
            out[name] = f.coerce(value) if f else value
        return out

    @classmethod
    def description(cls):
        """The help text: the class docstring."""
        return (cls.__doc__ or "").strip()

    def render(self, w):  # pragma: no cover - every concrete widget overrides it
        raise NotImplementedError(f"{self.class_path()} does not render")


class ClosedWidget(Widget):
    """Base for widgets that render a single void tag (``<input />``, ``<img />``)."""

    void = True


class RenderContext:
    """What a widget may ask of its surroundings; the page engine passes a richer one.

    Attributes: ``proj_ident`` and ``page_num`` (the page being rendered), ``debug`` (debug
    pages allowed for this request), ``call`` (the request's ``SkiCall``, or None outside a
    request), ``project_brief``, ``project_version``, ``skipole_version``.
    The standalone context (used by ``render_standalone`` and widget tests) resolves URLs to
    themselves, knows no TextBlocks and no pages.
    """

    proj_ident = "test"
    page_num = 0
    debug = False
    call = None
    project_brief = ""
    project_version = ""
    skipole_version = ""

    def url(self, value):
        """Resolve an ident number, label or URL to a URL ('' for empty values)."""
        return "" if value in (None, "") else str(value)

    def textblock(self, ref, project=None):
        """The text of TextBlock ``ref`` in the request's language, or None when unknown."""
        return None

    def page_info(self, value):
        """``(ident_string, name, brief)`` of the page an ident/label names, or None."""
        return None


class WidgetView:
    """The values and helpers a widget's ``render`` uses for one rendering."""

    __slots__ = ("widget", "name", "id", "fields", "ctx", "error", "path", "_containers",
                 "js_data", "_autoids")

    def __init__(self, widget, name, fields, ctx, containers=(), error="", path="", fullname=None):
        self.widget = widget
        self.name = fullname if fullname is not None else name
        self.id = self.name or None
        self.fields = fields
        self.ctx = ctx
        self._containers = containers
        self.error = error or (fields.get("show_error") or "" if widget.error_display else "")
        if widget.error_display and fields.get("clear_error"):
            self.error = ""
        self.path = path
        self.js_data = {}
        self._autoids = 0

    def __getitem__(self, field):
        return self.fields[field]

    def get(self, field, default=None):
        return self.fields.get(field, default)

    # ---- names -------------------------------------------------------------------------
    def form_name(self, field):
        """The form field name for ``field``: ``widget:field`` (``alias-widget:field`` in sections)."""
        field = self.widget.set_names.get(field, field)
        return f"{self.name}:{field}" if self.name else f"_{field}"

    def autoid(self, suffix=""):
        """An HTML id for an unnamed inner element, unique in the page."""
        self._autoids += 1
        return f"{self.ctx.proj_ident}_{self.ctx.page_num}_{self.path or 'w'}-{self._autoids}{suffix}"

    # ---- values ------------------------------------------------------------------------
    def url(self, field_or_value, *, is_field=True):
        """The URL for a url field (ident number, label or URL), unsafe schemes replaced by '#'."""
        value = self.fields.get(field_or_value, "") if is_field else field_or_value
        return safe_url(self.ctx.url(value))

    def textblock(self, ref, default="", project=None):
        """The text of TextBlock ``ref`` (None or '' gives ``default``)."""
        if not ref:
            return default
        text = self.ctx.textblock(ref, project)
        return default if text is None else text

    def container(self, index=0):
        """The rendered HTML of container ``index`` ('' if empty)."""
        try:
            part = self._containers[index]
        except IndexError:
            return ""
        return part() if callable(part) else part

    # ---- common attribute sets ---------------------------------------------------------
    def outer(self, *pairs, hidden=False, status=True, **named):
        """Attributes of the widget's outer tag: id, widget_class, widget_style, hidden state.

        ``hidden`` adds ``display:none``; ``status`` adds ``data-status="error"`` when an
        error is shown.  Extra attributes go before these.
        """
        style = self.fields.get("widget_style", "")
        if hidden:
            style = (style.rstrip("; ") + ";display:none;") if style else "display:none;"
        extra = attrs(*pairs, **named)
        base = attrs(("id", self.id), ("class", self.fields.get("widget_class", "")), ("style", style))
        if status and self.error:
            base += ' data-status="error"'
        return extra + base

    def ident_inputs(self):
        """The hidden ``ident`` input (caller page + ident data) and the CSRF token input."""
        return (f'<input name="ident" value="{IDENT_MARK}" type="hidden" />'
                f'<input name="csrf_token" value="{CSRF_MARK}" type="hidden" />')

    def link(self, url_field, get_fields=(), *, is_field=True):
        """A link URL carrying the caller ident, the given ``(field, value)`` pairs and the CSRF token.

        Pairs with an empty value are left out.  Returns '' when the URL is empty.
        """
        url = self.url(url_field, is_field=is_field)
        if not url:
            return ""
        return add_query(url, get_fields)

    def js(self, **values):
        """Record settings the browser library needs for this widget."""
        self.js_data.update(values)


def add_query(url, get_fields=()):
    """``url`` + ``?ident=…`` + each ``name=value`` pair (URL-encoded) + the CSRF token.

    The token is left out of links to other sites (absolute URLs), so it never leaks.
    """
    from urllib.parse import quote
    parts = [f"ident={IDENT_MARK}"]
    for name, value in get_fields:
        if value not in (None, ""):
            parts.append(f"{quote(str(name), safe=':-_')}={quote(str(value), safe='')}")
    if not _EXTERNAL.match(url):
        parts.append(f"csrf_token={CSRF_MARK}")
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}{'&'.join(parts)}"


# ---- registry -------------------------------------------------------------------------------

def widget_modules():
    """The names of the widget modules (catalogue order), as skipole 5.x's ``widget_modules()``."""
    return WIDGET_MODULES + tuple(m for m in _EXTRA_MODULES if m not in WIDGET_MODULES)


_EXTRA_MODULES = ("pi",)


def _load_module(module_name):
    if module_name not in WIDGET_MODULES and module_name not in _EXTRA_MODULES:
        raise KeyError(module_name)
    try:
        return importlib.import_module(f"skipole.widgets.{module_name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"skipole.widgets.{module_name}":
            raise KeyError(module_name) from None
        raise


def widgets_in_module(module_name):
    """The widget classes defined in ``module_name``, as a tuple in definition order."""
    try:
        mod = _load_module(module_name)
    except KeyError:
        return ()
    found = []
    for obj in vars(mod).values():
        if isinstance(obj, type) and issubclass(obj, Widget) and obj.__module__ == mod.__name__ \
                and not obj.__name__.startswith("_"):
            found.append(obj)
    return tuple(found)


def widget_class(class_path):
    """The widget class for ``"module.Class"``; raises KeyError naming it when unknown."""
    module_name, _, name = class_path.partition(".")
    try:
        mod = _load_module(module_name)
    except KeyError:
        raise KeyError(f"unknown widget module {module_name!r} in {class_path!r}") from None
    cls = getattr(mod, name, None)
    if not (isinstance(cls, type) and issubclass(cls, Widget)):
        raise KeyError(f"unknown widget class {class_path!r}")
    return cls


class WidgetInstance:
    """One widget placed in a page: its class, name, fields from the project file, set names.

    The render engine makes these when it compiles a page; ``render_standalone`` makes one
    for tests.
    """

    __slots__ = ("cls", "impl", "name", "fields", "set_names", "validators", "brief", "error_display",
                 "container_parts")

    def __init__(self, cls, name="", fields=None, set_names=None, validators=None, brief=""):
        self.cls = cls
        self.impl = cls()
        self.name = name or ""
        merged = dict(cls.defaults)
        merged.update(cls.coerce_fields(fields or {}))
        self.fields = merged
        self.set_names = dict(set_names or {})
        self.validators = validators or {}
        self.brief = brief
        self.error_display = cls.error_display
        self.container_parts = ()

    def __getattr__(self, item):
        # let WidgetView reach class-level flags (void, dynamic) through the instance
        return getattr(self.cls, item)


def render_standalone(class_path, name="", fields=None, containers=(), ctx=None, set_names=None):
    """Render one widget outside any page, with a standalone context: for tests and help pages."""
    cls = widget_class(class_path) if isinstance(class_path, str) else class_path
    inst = WidgetInstance(cls, name, fields, set_names)
    view = WidgetView(inst, inst.name, inst.fields, ctx or RenderContext(), containers=containers)
    if not view.fields.get("show", True):
        return ""
    return inst.impl.render(view)


__all__ += ["WidgetInstance", "RenderContext", "add_query", "coerce_value", "esc", "attrs"]
