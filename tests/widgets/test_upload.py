"""upload widgets: SubmitUploadFile1, SubmitUploadFile2, UploadFile1."""

from html.parser import HTMLParser

import pytest

from skipole.render.html import CSRF_MARK, IDENT_MARK
from skipole.widgets.base import RenderContext, WidgetInstance, WidgetView, widget_class, widgets_in_module

PAYLOAD = "<script>alert(1)</script>"
QUOTES = '"><img src=x onerror=alert(1)>'
FULL = {"action": "target", "filebutton_label": "File:", "filebuttonlabel_class": "flc",
        "filebutton_class": "fbc", "submitbutton_label": "Send:", "submitbuttonlabel_class": "slc",
        "submitbuttonlabel_style": "sls", "submitbutton_class": "sbc", "fileinputdiv_class": "fdc",
        "submitinputdiv_class": "sdc", "error_class": "ec", "required": True, "hidden_field2": "h2"}


class _Ctx(RenderContext):
    """Resolves the label 'target' to /target as a project would."""

    def url(self, value):
        return {"target": "/target"}.get(value, super().url(value))


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def parse(html):
    p = _Tags()
    p.feed(html)
    p.close()
    return p


def find(html, tag, **want):
    want = {k.rstrip("_"): v for k, v in want.items()}
    return [a for t, a in parse(html).tags if t == tag and all(a.get(k) == v for k, v in want.items())]


def render_js(path, fields=None, containers=None):
    cls = widget_class(f"upload.{path}")
    inst = WidgetInstance(cls, "wname", fields)
    if containers is None:
        containers = ["<p>inside</p>"] * cls.containers
    view = WidgetView(inst, inst.name, inst.fields, _Ctx(), containers=containers)
    if not view.fields.get("show", True):
        return "", view.js_data
    return inst.impl.render(view), view.js_data


def render(path, fields=None, containers=None):
    return render_js(path, fields, containers)[0]


# ---- UploadFile1 -----------------------------------------------------------------------------

def test_uploadfile1_defaults():
    html = render("UploadFile1")
    assert parse(html).tags[0] == ("div", {"id": "wname"})
    (inp,) = find(html, "input", type="file")
    assert inp["name"] == "wname:inputname"
    (lab,) = find(html, "label")
    assert lab["for"] == inp["id"]
    assert "Pick a file to upload:" in html
    assert find(html, "div", style="display:none;")
    assert not find(html, "form")           # it goes inside a multipart form


def test_uploadfile1_fields_and_error():
    html = render("UploadFile1", {"label": "Pick", "label_class": "lc", "label_style": "ls",
                                  "filebutton_class": "fc", "inputdiv_class": "idc", "error_class": "ec",
                                  "show_error": "Too big"})
    assert parse(html).tags[0][1]["data-status"] == "error"
    assert find(html, "div", class_="ec") == [{"class": "ec"}] and "Too big" in html
    assert find(html, "input", type="file", class_="fc")
    assert find(html, "label", class_="lc", style="ls")
    assert find(html, "div", class_="idc")
    assert not find(render("UploadFile1", {"label": ""}), "label")


# ---- SubmitUploadFile1 / 2 -------------------------------------------------------------------

@pytest.mark.parametrize("path", ["SubmitUploadFile1", "SubmitUploadFile2"])
def test_submit_upload_needs_action(path):
    html = render(path)
    assert "Warning: No form action" in html and not find(html, "form")
    html = render(path, {"action": "javascript:alert(1)"})
    assert "javascript" not in html and not find(html, "form")


@pytest.mark.parametrize("path", ["SubmitUploadFile1", "SubmitUploadFile2"])
def test_submit_upload_is_a_multipart_post(path):
    html = render(path, {"action": "target"})
    (form,) = find(html, "form")
    assert form["method"] == "post" and form["enctype"] == "multipart/form-data" and form["action"] == "/target"
    (inp,) = find(html, "input", type="file")
    assert inp["name"] == "wname:action"         # the file content arrives as the action field
    assert "required" not in inp
    assert not find(html, "label")
    assert [a["name"] for a in find(html, "input", type="hidden")] == ["ident", "csrf_token"]
    assert find(html, "input", name="ident", value=IDENT_MARK)
    assert find(html, "input", name="csrf_token", value=CSRF_MARK)
    assert "Submit" in html


def test_submituploadfile1_all_fields():
    html = render("SubmitUploadFile1", dict(FULL, submitbutton_text="Upload"))
    (inp,) = find(html, "input", type="file", class_="fbc")
    assert "required" in inp
    (button,) = find(html, "input", type="submit", class_="sbc", value="Upload")
    labels = find(html, "label")
    assert labels == [{"class": "flc", "for": inp["id"]}, {"class": "slc", "style": "sls", "for": button["id"]}]
    assert find(html, "div", class_="fdc") and find(html, "div", class_="sdc")
    assert [a["name"] for a in find(html, "input", type="hidden")][-1] == "wname:hidden_field2"


def test_submituploadfile2_container_and_named_button():
    html, js = render_js("SubmitUploadFile2", dict(FULL, submitbutton="Go", container_class="cc"),
                         containers=["<p id='extra'>more</p>"])
    (button,) = find(html, "button", type="submit", class_="sbc")
    assert button["name"] == "wname:submitbutton"
    (inp,) = find(html, "input", type="file")
    assert inp["data-copy-to"] == button["id"]              # no inline onchange script
    assert not any(k.startswith("on") for k in inp)
    assert js == {"buttonident": button["id"]}
    assert html.index('type="file"') < html.index('class="cc"') < html.index("extra") < html.index("<button")
    assert ">Go</button>" in html
    assert find(html, "label", class_="slc")[0]["for"] == button["id"]


@pytest.mark.parametrize("path", ["SubmitUploadFile1", "SubmitUploadFile2"])
def test_submit_upload_hide_and_error(path):
    html = render(path, {"action": "target", "hide": True})
    assert parse(html).tags[0][1]["style"] == "display:none;"
    html = render(path, {"action": "target", "hide": True, "show_error": "No file", "error_class": "ec"})
    attrs = parse(html).tags[0][1]
    assert attrs["data-status"] == "error" and "style" not in attrs
    assert find(html, "div", class_="ec") == [{"class": "ec"}] and "No file" in html


# ---- every widget ----------------------------------------------------------------------------

def _classes():
    return [c.__name__ for c in widgets_in_module("upload")]


def test_module_has_three_widgets():
    assert sorted(_classes()) == ["SubmitUploadFile1", "SubmitUploadFile2", "UploadFile1"]


@pytest.mark.parametrize("path", _classes())
@pytest.mark.parametrize("payload", [PAYLOAD, QUOTES])
def test_text_fields_are_escaped(path, payload):
    cls = widget_class(f"upload.{path}")
    fields = {n: payload for n, f in cls.field_table.items() if f.ftype in ("text", "cssclass", "cssstyle")}
    fields["action"] = "target"
    html = render(path, fields)
    assert "<script" not in html and "<img" not in html
    for _tag, attributes in parse(html).tags:
        assert not any(k.startswith("on") for k in attributes)


@pytest.mark.parametrize("path", _classes())
def test_show_false_renders_nothing(path):
    assert render(path, {"show": False, "action": "target"}) == ""
