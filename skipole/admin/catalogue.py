"""What skiadmin can offer: page types, element kinds, widgets, responders and validators.

Each function returns plain data (dicts and lists of str/int/bool) that the admin's screens
show as choices and help: the widget catalogue with every field's type and help text (from
the widget classes), the responders with the settings each one uses, the validators with
their arguments.  ``RESPONDER_SETTINGS`` is the table the edit operations check a
responder page's settings against.
"""

import inspect

from ..responders import RESPONDERS
from ..validators import validator_modules, validators_in_module
from ..widgets.base import widget_class, widget_modules, widgets_in_module

__all__ = ["PAGE_KINDS", "ELEMENT_KINDS", "RESPONDER_ARGS", "RESPONDER_SETTINGS", "FIELD_KINDS", "responder_settings",
           "widget_catalogue", "widget_info", "responder_catalogue", "validator_catalogue",
           "element_kinds", "page_kinds"]

#: short page type name -> project.json key, with the help shown when choosing one
PAGE_KINDS = {
    "template": ("TemplatePage", "An HTML page built from a head and a body of elements, widgets, "
                                 "TextBlocks and sections."),
    "responder": ("RespondPage", "Not shown itself: receives a request (usually a form), checks, stores "
                                 "or passes it to your code, then shows another page."),
    "css": ("CSS", "A stylesheet: selectors, each with a list of property/value pairs."),
    "svg": ("SVG", "A standalone SVG image built from a tree of elements and SVG widgets."),
    "json": ("JSON", "A JSON reply of 'widget:field' keys and values, used to update a page "
                     "without reloading it."),
    "file": ("FilePage", "Serves a file from the project files (for example an image under static/)."),
}

#: element kinds a page or section tree holds, with help
ELEMENT_KINDS = {
    "Part": "An HTML element (tag name and attributes) holding other items.",
    "ClosedPart": "An HTML element without content, such as <br /> or <img />.",
    "Text": "Text or raw HTML written into the page as it is.",
    "HTMLSymbol": "One HTML character entity, such as &nbsp; or &copy;.",
    "Comment": "An HTML comment (<!-- ... -->), not shown by browsers.",
    "TextBlock": "A text looked up by reference in the project's TextBlocks, in the visitor's language.",
    "Widget": "A ready-made component (paragraph, form, button, chart...) chosen by module and class.",
    "SectionPlaceHolder": "Places a section (a shared block) here, optionally repeated several times.",
}

#: every responder setting (original_args key), its kind and its help
RESPONDER_ARGS = {
    "target_ident": ("page", "The page shown (or responder called) next when all is well."),
    "fail_ident": ("page", "Where the call goes when your code raises FailPage (with the error shown)."),
    "alternate_ident": ("page", "Where the call goes when it has no known caller page, or the "
                                "checked value says so."),
    "validate_fail_ident": ("page", "Where the call goes when a submitted value fails validation."),
    "allowed_callers": ("pages", "The pages allowed to send this request (empty: any page of this site)."),
    "submit_list": ("strings", "Strings passed to submit_data; with use_submit_list, "
                               "package.module.function to call."),
    "submit_option": ("boolean", "Call submit_data (your code) after storing the fields."),
    "validate_option": ("boolean", "Run the sending page's validators on the submitted fields."),
    "widgfield": ("text", "A widget field ('widget:field' or 'alias-widget:field'), or a call_data key."),
    "mimetype": ("text", "The content type of the download when your code does not set one."),
}

#: kinds of ``original_fields`` a responder reads: help for each
FIELD_KINDS = {
    "none": "This responder reads no fields.",
    "widgfields": "The widget fields accepted: keys 'widget:field' (values are not used).",
    "widgfield_keys": "Each accepted widget field 'widget:field' and the call_data key to store it under.",
    "value_targets": "Each value of the checked field and the page to go to for it.",
    "media_targets": "Each media query ('@media (max-width: 480px)') and the CSS page to wrap in it.",
    "page_values": "Each 'widget:field' (or page setting such as show_error) and the value to set.",
    "login_roles": "The widget fields holding the user name and the password: 'widget:field' -> "
                   "'username' or 'password'.",
    "key_values": "Each call_data key and the value to add.",
    "one_field": "One field name (the part after the colon): every submitted field with that name is "
                 "collected.",
    "one_key": "One call_data key (instead of the widgfield setting).",
    "widgfield_devices": "Each widget field 'widget:field' and the device it sets.",
    "any": "Keys and values as this responder documents them.",
}

_SUBMIT = ("submit_list", "fail_ident")

#: responder class -> (args it uses, args it needs, kind of its fields)
RESPONDER_SETTINGS = {
    "AllowedFields": (("target_ident", "alternate_ident", "allowed_callers", "validate_option",
                       "validate_fail_ident", "submit_option") + _SUBMIT, ("target_ident",), "widgfields"),
    "StoreData": (("target_ident", "validate_option", "validate_fail_ident", "submit_option") + _SUBMIT,
                  ("target_ident",), "widgfields"),
    "StoreDataKeyed": (("target_ident", "validate_option", "validate_fail_ident", "submit_option") + _SUBMIT,
                       ("target_ident",), "widgfield_keys"),
    "AllowStore": (("target_ident", "alternate_ident", "allowed_callers", "validate_option",
                    "validate_fail_ident", "submit_option") + _SUBMIT, ("target_ident",), "widgfields"),
    "AllowStoreKeyed": (("target_ident", "alternate_ident", "allowed_callers", "validate_option",
                         "validate_fail_ident", "submit_option") + _SUBMIT, ("target_ident",),
                        "widgfield_keys"),
    "PrettyFormData": (("target_ident",) + _SUBMIT, ("target_ident",), "none"),
    "Accept": (("target_ident",) + _SUBMIT, ("target_ident",), "none"),
    "AllowedAccept": (("target_ident", "alternate_ident", "allowed_callers") + _SUBMIT, ("target_ident",),
                      "none"),
    "PageData": (("target_ident",), ("target_ident",), "page_values"),
    "SubmitData": (("target_ident", "allowed_callers") + _SUBMIT, ("target_ident",), "none"),
    "ColourSubstitute": (("target_ident",) + _SUBMIT, ("target_ident",), "none"),
    "SetCookies": (("target_ident", "allowed_callers") + _SUBMIT, ("target_ident",), "none"),
    "GetDictionaryDefaults": (("target_ident", "allowed_callers", "widgfield") + _SUBMIT,
                              ("target_ident", "widgfield"), "none"),
    "FieldStoreSubmit": (("target_ident", "widgfield") + _SUBMIT, ("target_ident",), "one_field"),
    "SubmitJSON": (_SUBMIT, (), "none"),
    "SubmitPlainText": (_SUBMIT, (), "none"),
    "SubmitCSS": (_SUBMIT, (), "none"),
    "MediaQuery": (("submit_option",) + _SUBMIT, (), "media_targets"),
    "SubmitIterator": (("mimetype",) + _SUBMIT, (), "none"),
    "CaseSwitch": (("widgfield", "alternate_ident"), ("widgfield",), "value_targets"),
    "EmptyGoto": (("widgfield", "target_ident", "alternate_ident", "allowed_callers"),
                  ("widgfield", "target_ident", "alternate_ident"), "none"),
    "EmptyCallDataGoto": (("widgfield", "target_ident", "alternate_ident"), ("target_ident", "alternate_ident"),
                          "one_key"),
    "DelCallDataItem": (("widgfield", "target_ident"), ("target_ident",), "one_key"),
    "AddCallDataItem": (("target_ident",), ("target_ident",), "key_values"),
    "NoOperation": (("target_ident",), ("target_ident",), "none"),
    "LogIn": (("target_ident", "fail_ident"), ("target_ident",), "login_roles"),
    "LogOut": (("target_ident",), ("target_ident",), "none"),
    "SetDevices": (("target_ident", "fail_ident", "allowed_callers"), ("target_ident",), "widgfield_devices"),
}


def responder_settings(name):
    """``(args it uses, args it needs, fields kind)`` of responder class ``name``.

    Responders not in ``RESPONDER_SETTINGS`` may declare ``admin_settings`` (the same
    tuple) on their class; otherwise every setting is allowed, none is required, and their
    fields are free.  KeyError when there is no such responder."""
    if name in RESPONDER_SETTINGS:
        return RESPONDER_SETTINGS[name]
    cls = RESPONDERS[name]
    declared = getattr(cls, "admin_settings", None)
    if declared:
        return tuple(declared)
    return tuple(RESPONDER_ARGS), (), "any"


def page_kinds():
    """The page types a new page can have: ``[{"type", "key", "help"}]``."""
    return [{"type": t, "key": key, "help": text} for t, (key, text) in PAGE_KINDS.items()]


def element_kinds():
    """The kinds of items a page or section tree holds: ``[{"kind", "help"}]``."""
    return [{"kind": k, "help": text} for k, text in ELEMENT_KINDS.items()]


def _field_info(f):
    info = {"name": f.name, "shape": f.shape, "type": f.ftype, "help": f.help,
            "default": f.default, "validators": f.valdt, "jsonset": f.jsonset, "senddict": f.senddict}
    if f.shape == "table":
        info["columns"] = list(getattr(f, "ftypes", ()))
    return info


def widget_info(class_path, defaults=None):
    """One widget class: ``class``, ``module``, ``name``, ``description`` (its help),
    ``containers``, ``void``, ``error_display`` and ``fields`` (name, shape, type, help,
    default — the project's default from defaults.json when ``defaults`` is given —,
    validators allowed, jsonset, senddict).  KeyError when unknown."""
    cls = widget_class(class_path)
    proj = {}
    if defaults:
        proj = ((defaults.get("widgets") or {}).get(cls.module_name()) or {}).get(cls.__name__) or {}
    fields = []
    for f in cls.field_table.values():
        info = _field_info(f)
        if f.name in proj:
            info["project_default"] = proj[f.name]
        fields.append(info)
    return {"class": cls.class_path(), "module": cls.module_name(), "name": cls.__name__,
            "description": cls.description(), "containers": cls.containers, "void": bool(cls.void),
            "error_display": bool(cls.error_display), "fields": fields}


def widget_catalogue(module=None):
    """The widget modules and their classes: ``[{"module", "classes": [{"class", "name",
    "description", "containers", "void"}]}]`` (one module only when ``module`` is given)."""
    out = []
    for mod in widget_modules():
        if module is not None and mod != module:
            continue
        classes = [{"class": c.class_path(), "name": c.__name__, "description": c.description(),
                    "containers": c.containers, "void": bool(c.void)} for c in widgets_in_module(mod)]
        if classes:
            out.append({"module": mod, "classes": classes})
    return out


def responder_catalogue():
    """Every responder: ``class``, ``description`` (its docstring), ``calls_submit``, and the
    settings it uses (``args``: name, kind, help, required) and its ``fields`` kind and help."""
    out = []
    for name, cls in RESPONDERS.items():
        uses, needs, fields = responder_settings(name)
        out.append({
            "class": name, "description": inspect.getdoc(cls) or "",
            "calls_submit": bool(getattr(cls, "calls_submit", False)),
            "args": [{"name": a, "kind": RESPONDER_ARGS[a][0], "help": RESPONDER_ARGS[a][1],
                      "required": a in needs} for a in uses],
            "fields": fields, "fields_help": FIELD_KINDS[fields],
        })
    return out


def validator_catalogue():
    """The validator modules and classes: ``[{"module", "classes": [{"class", "name",
    "description", "val_args": {name: default}}]}]``."""
    out = []
    for mod in validator_modules():
        out.append({"module": mod, "classes": [
            {"class": c.class_path(), "name": c.__name__, "description": c.description(),
             "val_args": dict(c.VAL_ARGS)} for c in validators_in_module(mod)]})
    return out
