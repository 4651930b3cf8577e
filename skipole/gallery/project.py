"""The widget gallery project, built in Python from the widget catalogue.

``make_gallery(projectfiles)`` writes ``PROJECTFILES/gallery``: ``data/project.json`` (an
index page, one page per widget module showing every widget of it with sample data, a form
page, the pages that show what a form or a link sent, and a JSON responder per module),
the TextBlocks, the static files (stylesheet, two pictures, a short sound) and the hooks in
``code/gallery.py``.  Serve it with ``python3 -m skipole.gallery``.

Every widget on a module page is named after its class (``ParaText``), so its JSON keys are
``ParaText:para_text``.  The module's JSON responder (``/json/MODULE``) answers
``?widget=NAME&field=FIELD`` with the gallery's update value of that field, and
``&mode=restore`` with the sample value (see ``skipole.gallery.samples``).
"""

import io
import json
import math
import os
import wave

from ..widgets.base import WIDGET_MODULES, widgets_in_module
from . import samples
from .samples import ACTION, AUDIO, IMAGE, IMAGE2, LINK, json_label, sample_fields

__all__ = ["make_gallery", "GALLERY_NAME", "MODULE_PAGES", "module_url", "json_url", "FORM_URL",
           "gallery_widgets", "PAGE_IDENTS"]

GALLERY_NAME = "gallery"
FORM_URL = "/form"

# page idents
INDEX, FORM, RESULT, POSTED, FOLLOWED, GENERAL_JSON = 1, 2, 3, 4, 5, 6
WIDGETS_FOLDER, JSON_FOLDER, STATIC_FOLDER = 50, 60, 70
MODULE_PAGES = {m: 100 + i for i, m in enumerate(WIDGET_MODULES)}
JSON_PAGES = {m: 200 + i for i, m in enumerate(WIDGET_MODULES)}
STATIC_FILES = {"gallery.css": 301, "picture.svg": 302, "picture2.svg": 303, "sound.wav": 304, "icon.svg": 305}
PAGE_IDENTS = {"index": INDEX, "form": FORM, "result": RESULT}


def module_url(module):
    return f"/widgets/{module}"


def json_url(module):
    return f"/json/{module}"


# ---- tree helpers ------------------------------------------------------------------------------

def part(tag, *parts, **attribs):
    attribs = {k.rstrip("_").replace("_", "-"): v for k, v in attribs.items()}
    return ["Part", {"tag_name": tag, "brief": "", "show": True, "hide_if_empty": False,
                     "attribs": attribs, "parts": list(parts)}]


def closed(tag, **attribs):
    attribs = {k.rstrip("_").replace("_", "-"): v for k, v in attribs.items()}
    return ["ClosedPart", {"tag_name": tag, "brief": "", "show": True, "attribs": attribs}]


def text(value):
    return ["Text", value]


def widget(class_path, name="", fields=None, containers=None, void=False):
    body = {"class": class_path, "name": name, "brief": "", "fields": dict(fields or {})}
    for i, parts in enumerate(containers or ()):
        body[f"container_{i}"] = list(parts)
    return ["ClosedWidget" if void else "Widget", body]


def template(ident, title, body_parts, brief=""):
    head = part("head",
                closed("meta", charset="utf-8"),
                closed("meta", name="viewport", content="width=device-width, initial-scale=1"),
                part("title", text(title)),
                closed("link", rel="icon", href="{gallery_icon}", type="image/svg+xml"),
                closed("link", rel="stylesheet", href="{skipole_css}"),
                closed("link", rel="stylesheet", href="{gallery_css}"))
    main = part("main", widget("error_messages.ErrorPara", "top_error", {"error_class": "sk-error"}),
                *body_parts, class_="sk-page gallery")
    body = part("body", main)
    return {"ident": ident, "brief": brief or title,
            "TemplatePage": {"show_backcol": False, "backcol": "", "last_scroll": False, "interval": 0,
                             "interval_target": None, "lang": "en", "default_error_widget": ["", "top_error"]},
            "head": head, "body": body}


def responder(ident, cls, target, submit_list, brief):
    args = {"target_ident": target, "fail_ident": None, "alternate_ident": None, "allowed_callers": [],
            "submit_list": list(submit_list), "submit_option": False, "validate_option": False,
            "validate_fail_ident": None, "widgfield": None}
    return {"ident": ident, "brief": brief, "RespondPage": {"class": cls, "original_args": args,
                                                            "original_fields": {}}}


def folder(ident, brief, pages=None, folders=None, default_page_name="index"):
    return {"ident": ident, "brief": brief, "default_page_name": default_page_name, "restricted": False,
            "folders": dict(folders or {}), "pages": dict(pages or {})}


# ---- the pages -----------------------------------------------------------------------------------

def _brief(cls):
    doc = cls.description()
    first = doc.split("\n\n", 1)[0].replace("\n", " ").strip()
    return first


def _nav(current=None):
    links = [part("a", text("All widgets"), href="/")]
    links.append(text(" · "))
    links.append(part("a", text("Form page"), href=FORM_URL))
    return part("nav", *links, class_="gallery-nav")


def _svg(width, height, *content, name=""):
    """An SVGContainer (unnamed unless ``name``) of the given size, scaling to the page width."""
    fields = {"width": str(width), "height": str(height), "viewBox": f"0 0 {width} {height}",
              "widget_class": "gallery-svg"}
    return widget("svgbasics.SVGContainer", name, fields, containers=[list(content)])


def _placed(module, cls):
    """The tree element showing widget ``cls`` of ``module`` with its sample fields."""
    path = cls.class_path()
    name = cls.__name__
    fields = sample_fields(cls, module)
    void = cls.void
    me = widget(path, name, fields, void=void)
    if module == "svgbasics":
        if name == "SVGContainer":
            return widget(path, name, fields, containers=[[
                widget("svgbasics.Group", "", {"transform": ""}, containers=[[
                    closed("rect", x="10", y="10", width="180", height="100", fill="#e8f4f8", stroke="#1f6f8b")]]),
                part("text", text("An SVGContainer"), x="30", y="65", **{"font-size": "18"})]])
        if name == "Group":
            return _svg(200, 120, widget(path, name, fields, containers=[[
                closed("circle", cx="50", cy="50", r="35", fill="#1f6f8b"),
                closed("rect", x="100", y="20", width="60", height="60", fill="#f4d58f")]]))
        return _svg(200, 120, me)
    if module == "svggraphs":
        if name in ("Axis1", "Axis2", "Axis3"):
            series = {"Axis1": "Points", "Axis2": "Lines", "Axis3": "XBars"}[name]
            inner = widget(f"svggraphs.{series}", series, sample_fields(_cls(module, series), module))
            return _svg(620, 420, widget(path, name, fields, containers=[[inner]]))
        if name in ("Points", "Lines", "XBars"):
            return None                          # shown inside the axes above
        if name == "YBars":
            axis = {"transform": "scale(0.5)", "minyvalue": "0", "maxyvalue": "4", "yinterval": "1",
                    "minxvalue": "0", "maxxvalue": "100", "xinterval": "20", "yoffset": True}
            return _svg(620, 420, widget("svggraphs.Axis2", "", axis, containers=[[me]]))
        if name == "Chart1":
            return _svg(500, 200, me)
        if name == "Graph48Hr":
            return _svg(620, 420, me)
        if name in ("StarChart", "StarChartXY"):
            return _svg(260, 260, me)
    if module == "svgmeters":
        if name == "Arrow1":
            return _svg(110, 110, me)
        if name == "Arrow2":
            return _svg(60, 210, me)
        if name == "Angle":
            return _svg(250, 250, me)
        if name == "Traditional1":
            return _svg(350, 200, me)
        if name == "Vertical1":
            return _svg(125, 350, me)
        return _svg(250, 250, me)
    if cls.containers:
        return widget(path, name, fields, containers=[_container_content(module, name)])
    if module == "inputforms" and cls.void:
        # form inserts are placed inside a form of their own
        return widget("inputforms.Form1", "", {"action": ACTION}, containers=[[me]])
    if path == "links.OpenButton2":
        return part("div", me, part("div", part("p", text("The part OpenButton and CloseButton show and hide.")),
                                    id="item-OpenButton2-target", class_="gallery-box"))
    if path == "headers.TabButtons1":
        return part("div", me,
                    part("div", part("p", text("The first tab's content.")), id="gallery-tab-1", class_="gallery-box"),
                    part("div", part("p", text("The second tab's content.")), id="gallery-tab-2", class_="gallery-box"))
    return me


def _container_content(module, name):
    note = part("p", text(f"The container of {name}."), class_="gallery-note")
    if name in ("Form1",):
        return [part("label", text("Your note: "), for_="gallery-note-input"),
                closed("input", type="text", name="note", id="gallery-note-input", value="hello"),
                closed("input", type="submit", value="Send")]
    if name in ("SubmitForm1", "SubmitForm2"):
        return [part("label", text("Your note: "), for_=f"gallery-{name}-input"),
                closed("input", type="text", name="note", id=f"gallery-{name}-input", value="hello")]
    if name == "CheckInputs":
        return [closed("input", type="text", name="note", value="a note", **{"aria-label": "note"})]
    if name == "IconLink":
        return [closed("circle", cx="50", cy="50", r="40", fill="#1f6f8b")]
    if name in ("ContainerLink1", "ContainerLink2"):
        return [part("span", text(f"{name}: this text is the link"))]
    return [note]


def _cls(module, name):
    return next(c for c in widgets_in_module(module) if c.__name__ == name)


def gallery_widgets(module):
    """``[(name, class), ...]``: the named widgets of ``module``'s gallery page, in page order."""
    return [(c.__name__, c) for c in widgets_in_module(module)]


def _module_page(module):
    items = []
    for cls in widgets_in_module(module):
        placed = _placed(module, cls)
        if placed is None:
            where = {"Points": "Axis1", "Lines": "Axis2", "XBars": "Axis3"}.get(cls.__name__, "")
            placed = part("p", text(f"Shown inside {where} above."), class_="gallery-note")
        items.append(part("section",
                          part("h2", text(cls.__name__)),
                          part("p", text(_brief(cls)), class_="gallery-brief"),
                          part("div", placed, class_="gallery-widget"),
                          class_="gallery-item", id=f"item-{cls.__name__}"))
    intro = part("p", text(f"Every widget of the {module} module, with sample data. Widgets are named "
                           f"after their class; the JSON page {json_url(module)}?widget=NAME&field=FIELD "
                           "returns an update for any field a JSON reply may set."), class_="gallery-brief")
    return template(MODULE_PAGES[module], f"{module} widgets", [_nav(), part("h1", text(f"{module} widgets")),
                                                                intro, *items])


def _index_page():
    items = []
    for module in WIDGET_MODULES:
        count = len(widgets_in_module(module))
        items.append(part("li", part("a", text(module), href=module_url(module)),
                          text(f" ({count} widget{'s' if count != 1 else ''})")))
    total = sum(len(widgets_in_module(m)) for m in WIDGET_MODULES)
    return template(INDEX, "skipole widget gallery", [
        part("h1", text("skipole widget gallery")),
        part("p", text(f"Every widget of the catalogue ({total} classes in {len(WIDGET_MODULES)} modules), "
                       "one page per module, shown with sample data."), class_="gallery-brief"),
        part("ul", *items, class_="gallery-modules"),
        part("p", part("a", text("The form page"), href=FORM_URL),
             text(": a form, a few inputs and links (used to measure a page's first load)."))])


def _form_page():
    form = widget("inputforms.Form1", "contact", {"action": ACTION, "hidden_field1": "form-page"}, containers=[[
        widget("inputtext.TextInput2", "name", {"label": "Name:", "input_text": "",
                                                "input_accepted_class": "sk-accepted",
                                                "input_errored_class": "sk-errored"}),
        widget("inputtext.TextInput2", "email", {"label": "Email:", "type": "email", "input_text": ""}),
        widget("dropdown.DropDown1", "colour", {"left_label": "Colour:", "option_list": ["Red", "Green", "Blue"],
                                                "selectvalue": "Green"}),
        widget("checkbox.CheckBox2", "news", {"checkbox": "yes", "right_label": "Send me news"}),
        widget("textarea.TextArea2", "message", {"label": "Message:", "rows": "3"}),
        widget("inputforms.SubmitButton1", "send", {"button_text": "Send"}, void=True)]])
    links = part("p", widget("links.Link", "home_link", {"link_ident": LINK, "content": "Follow a link",
                                                          "get_field1": "from-form-page"}),
                 text(" · "), part("a", text("Gallery index"), href="/"),
                 text(" · "), widget("links.ButtonLink1", "button_link", {"link_ident": LINK, "button_text": "A button link",
                                                                          "get_field1": "button"}))
    return template(FORM, "Form page", [_nav(), part("h1", text("A form")),
                                        part("p", text("A small page: a form with a few inputs, and links."),
                                             class_="gallery-brief"),
                                        form, links])


def _result_page():
    return template(RESULT, "The server's reply", [
        _nav(), part("h1", text("The server's reply")),
        widget("paras.ParaText", "what", {"para_text": ""}),
        widget("paras.PreText", "received", {"pre_text": ""}),
        part("p", part("a", text("Back to the form page"), href=FORM_URL))])


def project_data():
    """The gallery's project.json as a dict."""
    modules = {m: _module_page(m) for m in WIDGET_MODULES}
    jsons = {m: responder(JSON_PAGES[m], "SubmitData", "general_json", ["json", m], f"JSON updates of {m}")
             for m in WIDGET_MODULES}
    static_pages = {}
    mimetypes = {"css": "text/css", "svg": "image/svg+xml", "wav": "audio/wav"}
    for name, ident in STATIC_FILES.items():
        static_pages[name] = {"ident": ident, "brief": name,
                              "FilePage": {"filepath": f"{GALLERY_NAME}/static/{name}",
                                           "mimetype": mimetypes[name.rsplit(".", 1)[1]], "enable_cache": True}}
    labels = {
        "gallery_index": INDEX, "gallery_form": FORM, "gallery_result": RESULT,
        ACTION: POSTED, LINK: FOLLOWED, "general_json": GENERAL_JSON,
        "gallery_css": STATIC_FILES["gallery.css"], IMAGE: STATIC_FILES["picture.svg"],
        IMAGE2: STATIC_FILES["picture2.svg"], AUDIO: STATIC_FILES["sound.wav"],
        "gallery_icon": STATIC_FILES["icon.svg"],
        "validate_error": "skis,validate_error", "server_error": "skis,server_error",
        "url_not_found": "skis,url_not_found", "no_javascript": "skis,no_javascript",
        "redirector": "skis,redirector",
    }
    labels.update({json_label(m): JSON_PAGES[m] for m in WIDGET_MODULES})
    pages = {
        "index": _index_page(),
        "form": _form_page(),
        "result": _result_page(),
        "posted": responder(POSTED, "PrettyFormData", RESULT, ["posted"], "shows what a form sent"),
        "followed": responder(FOLLOWED, "PrettyFormData", RESULT, ["followed"], "shows what a link sent"),
        "general_json": {"ident": GENERAL_JSON, "brief": "JSON replies",
                         "JSON": {"content": {}, "enable_cache": False}},
    }
    folders = {
        "widgets": folder(WIDGETS_FOLDER, "a page per widget module", modules, default_page_name=""),
        "json": folder(JSON_FOLDER, "a JSON responder per widget module", jsons, default_page_name=""),
        "static": folder(STATIC_FOLDER, "the gallery's files", static_pages, default_page_name=""),
    }
    return {"url": "/", "default_language": "en", "brief": "skipole widget gallery", "version": "1.0",
            "skipole": "5.6.3", "specialpages": labels, "sections": {},
            "RootFolder": {"brief": "the gallery", "default_page_name": "index", "restricted": False,
                           "folders": folders, "pages": pages}}


# ---- static files --------------------------------------------------------------------------------

GALLERY_CSS = """/* gallery.css: the widget gallery's own few rules (skipole.css does the rest). */
.gallery-nav { padding: 0.5rem 0; border-bottom: 1px solid var(--sk-line); }
.gallery-brief { color: var(--sk-muted); }
.gallery-note { color: var(--sk-muted); font-style: italic; }
.gallery-item { border-top: 1px solid var(--sk-line); padding: 0.5rem 0 1rem; overflow-wrap: break-word; }
.gallery-item h2 { font-size: 1.15rem; margin-top: 0.75rem; }
.gallery-widget { max-width: 100%; overflow-x: auto; }
.gallery-box { padding: 0.5rem 0.75rem; margin: 0.5rem 0; background: var(--sk-soft); border-radius: var(--sk-radius); }
.gallery-svg { display: block; max-width: 100%; height: auto; }
.gallery-modules { columns: 2 10rem; }
.gallery-modules li { padding: 0.35rem 0; }
.gallery-changed { outline: 3px dashed #c0392b; outline-offset: 2px; }
"""


def _picture(colour):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96">'
            f'<rect width="96" height="96" rx="12" fill="{colour}"/>'
            f'<circle cx="48" cy="40" r="18" fill="#fff"/><rect x="20" y="64" width="56" height="12" rx="6" fill="#fff"/>'
            f"</svg>\n")


ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" '
        'fill="#1f6f8b"/><circle cx="8" cy="8" r="4" fill="#fff"/></svg>\n')


def _sound(seconds=0.6, rate=8000):
    """A short, quiet 440 Hz tone as 8-bit mono WAV bytes."""
    buf = io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(rate)
        frames = bytes(128 + int(20 * math.sin(2 * math.pi * 440 * i / rate)) for i in range(int(seconds * rate)))
        w.writeframes(frames)
    return buf.getvalue()


HOOKS = '''"""Hooks of the skipole widget gallery: they live in skipole.gallery.hooks."""

from skipole.gallery.hooks import end_call, start_call, submit_data  # noqa: F401
'''

MAIN = '''"""Serve the widget gallery: python3 PROJECTDIR/code (or python3 -m skipole.gallery)."""

import os
import sys

from skipole.gallery.__main__ import main

sys.exit(main(["--dir", os.path.dirname(os.path.dirname(os.path.abspath(__file__)))] + sys.argv[1:]))
'''


def make_gallery(projectfiles, name=GALLERY_NAME):
    """Write the gallery project into ``projectfiles/name``; returns the project directory."""
    if name != GALLERY_NAME:
        raise ValueError(f"the gallery project is called {GALLERY_NAME!r}")
    projdir = os.path.join(os.path.abspath(projectfiles), name)
    for sub in ("data", os.path.join("data", "textblocks_json"), "static", "code"):
        os.makedirs(os.path.join(projdir, sub), exist_ok=True)
    files = {
        os.path.join("data", "project.json"): json.dumps(project_data(), indent=1),
        os.path.join("data", "defaults.json"): json.dumps({"backcol": "", "body_class": "", "css_links": [],
                                                           "js_links": [], "widgets": {}}),
        os.path.join("data", "textblocks_json", "en.json"): json.dumps(samples.TEXTBLOCKS, indent=1),
        os.path.join("static", "gallery.css"): GALLERY_CSS,
        os.path.join("static", "picture.svg"): _picture("#1f6f8b"),
        os.path.join("static", "picture2.svg"): _picture("#c0392b"),
        os.path.join("static", "icon.svg"): ICON,
        os.path.join("code", f"{name}.py"): HOOKS,
        os.path.join("code", "__main__.py"): MAIN,
    }
    for rel, content in files.items():
        with open(os.path.join(projdir, rel), "w", encoding="utf-8") as f:
            f.write(content)
    with open(os.path.join(projdir, "static", "sound.wav"), "wb") as f:
        f.write(_sound())
    return projdir

