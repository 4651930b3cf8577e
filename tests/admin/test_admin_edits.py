"""Each edit operation: what it changes when it succeeds, and its clear refusal of bad input."""

import pytest

from skipole.admin import AdminError, NotFound
from skipole.admin.edits import OPERATIONS, item_index, tree_of
from skipole.admin.validation import validate_draft
from tests.admin.admin_helpers import find, run, small_draft


@pytest.fixture
def draft(tmp_path):
    return small_draft(tmp_path)


def refused(draft, op, match, **kwargs):
    """The operation raises AdminError whose message matches, and the draft is unchanged."""
    before = draft.to_files()
    with pytest.raises(AdminError, match=match):
        OPERATIONS[op](draft, **kwargs)
    assert draft.to_files() == before, f"{op} changed the draft although it was refused"


def body(draft, page=1):
    return find(draft, page)["body"][1]["parts"]


# ---- project settings -------------------------------------------------------------------------

def test_project_settings(draft):
    run(draft, "set_project_brief", brief="My pumps")
    run(draft, "set_project_version", version="2.1")
    run(draft, "set_default_language", language="de-CH")
    run(draft, "set_project_url", url="/pumps")
    assert (draft.data["brief"], draft.data["version"], draft.data["default_language"], draft.data["url"]) == \
        ("My pumps", "2.1", "de-CH", "/pumps")
    refused(draft, "set_default_language", "language tag", language="not a tag!")
    refused(draft, "set_project_url", "URL path", url="http://x/")
    refused(draft, "set_project_url", "URL path", url="/a/../b")
    refused(draft, "set_project_brief", "too long", brief="x" * 2000)
    refused(draft, "set_project_version", "text", version=["1"])


# ---- folders ----------------------------------------------------------------------------------

def test_create_rename_move_delete_folder(draft):
    num = run(draft, "create_folder", parent="/", name="pumps", brief="Pump pages", restricted=True)
    assert find(draft, num)["restricted"] is True
    assert num > max(i for i in item_index(draft) if i != num)
    run(draft, "rename_folder", folder=num, name="valves")
    assert "valves" in draft.data["RootFolder"]["folders"]
    run(draft, "move_folder", folder="/valves", parent=10)
    assert "valves" in find(draft, 10)["folders"]
    run(draft, "set_folder_restricted", folder=num, restricted=False)
    assert find(draft, num)["restricted"] is False
    run(draft, "set_brief", item=num, brief="now valves")
    assert find(draft, num)["brief"] == "now valves"
    run(draft, "delete_folder", folder=num)
    assert num not in item_index(draft)


def test_folder_refusals(draft):
    refused(draft, "create_folder", "already holds", parent="/", name="sub")
    refused(draft, "create_folder", "already holds", parent="/", name="index")
    refused(draft, "create_folder", "not allowed", parent="/", name="a/b")
    refused(draft, "create_folder", "not allowed", parent="/", name="..")
    refused(draft, "create_folder", "is a page", parent=1, name="x")
    refused(draft, "create_folder", "no folder or page with ident 777", parent=777, name="x")
    refused(draft, "create_folder", "already used", parent="/", name="x", ident=1)
    refused(draft, "rename_folder", "root folder", folder=0, name="x")
    refused(draft, "rename_folder", "is a page", folder=1, name="x")
    refused(draft, "move_folder", "into itself", folder=10, parent=13)
    refused(draft, "move_folder", "into itself", folder=10, parent=10)
    refused(draft, "move_folder", "root folder", folder=0, parent=10)
    refused(draft, "delete_folder", "not empty", folder=10)
    refused(draft, "delete_folder", "root folder", folder="/")
    refused(draft, "set_folder_restricted", "root folder", folder=0, restricted=True)
    refused(draft, "set_default_page", "no page called 'nope'", folder=10, page_name="nope")


def test_delete_folder_recursive_retires_idents(draft):
    gone = run(draft, "delete_folder", folder=10, recursive=True)
    assert sorted(gone) == [10, 11, 12, 13, 14]
    assert not set(gone) & set(item_index(draft))
    refused(draft, "create_folder", "deleted in this draft", parent="/", name="again", ident=12)
    new = run(draft, "create_folder", parent="/", name="again")
    assert new not in gone


def test_default_page_and_access(draft):
    run(draft, "set_default_page", folder=10, page_name="other")
    assert find(draft, 10)["default_page_name"] == "other"
    run(draft, "rename_page", page=12, name="renamed")
    assert find(draft, 10)["default_page_name"] == "renamed"
    run(draft, "set_access", item=10, login=True, role="admin")
    assert find(draft, 10)["access"] == {"login": True, "role": "admin"}
    run(draft, "set_access", item=10, login=False)
    assert "access" not in find(draft, 10)
    refused(draft, "set_access", "needs login", item=10, login=False, role="admin")
    refused(draft, "set_access", "role", item=10, login=True, role="bad role!")


def test_items_named_by_label_and_path(draft):
    run(draft, "set_brief", item="home", brief="by label")
    assert find(draft, 1)["brief"] == "by label"
    run(draft, "set_brief", item="/sub/deep/leaf", brief="by path")
    assert find(draft, 14)["brief"] == "by path"
    run(draft, "set_brief", item="adminproj_12", brief="by ident string")
    assert find(draft, 12)["brief"] == "by ident string"
    refused(draft, "set_brief", "no folder or page at", item="/sub/nothing", brief="x")
    refused(draft, "set_brief", "names no folder or page", item="nolabel", brief="x")


# ---- pages ------------------------------------------------------------------------------------

@pytest.mark.parametrize("page_type, settings, key", [
    ("template", {"title": "Pump control", "lang": "en"}, "TemplatePage"),
    ("responder", {"responder": "NoOperation", "args": {"target_ident": 1}}, "RespondPage"),
    ("css", {"style": {"p": [["color", "red"]]}}, "CSS"),
    ("svg", {"width": "200", "height": "100"}, "SVG"),
    ("json", {"content": {"hello:para_text": "x"}}, "JSON"),
    ("file", {"filepath": "adminproj/static/readme.txt", "mimetype": "text/plain"}, "FilePage"),
])
def test_create_every_page_type(draft, page_type, settings, key):
    num = run(draft, "create_page", folder=10, name="newpage", page_type=page_type, brief="new", settings=settings)
    raw = find(draft, num)
    assert key in raw and raw["brief"] == "new"
    assert not [p for p in validate_draft(draft) if p["level"] == "error"]


def test_new_template_uses_defaults(draft):
    num = run(draft, "create_page", folder="/", name="control", page_type="template", brief="Pump control")
    raw = find(draft, num)
    head = raw["head"][1]["parts"]
    assert head[2] == ["Part", {"tag_name": "title", "brief": "the page title", "show": True,
                                "hide_if_empty": False, "parts": [["Text", "Pump control"]]}]
    assert head[3][1]["attribs"]["href"] == "{w3_css}"
    assert raw["body"][1]["attribs"]["class"] == "w3-theme"
    assert raw["TemplatePage"]["backcol"] == "#ffffff"
    error_widget = raw["body"][1]["parts"][0][1]
    assert error_widget["name"] == raw["TemplatePage"]["default_error_widget"][1] == "top_error"


def test_page_refusals(draft):
    refused(draft, "create_page", "unknown page type", folder=0, name="x", page_type="html")
    refused(draft, "create_page", "already holds", folder=0, name="index", page_type="template")
    refused(draft, "create_page", "choose a responder", folder=0, name="x", page_type="responder",
            settings={"responder": "Nope"})
    refused(draft, "create_page", "does not use 'widgfield'", folder=0, name="x", page_type="responder",
            settings={"responder": "NoOperation", "args": {"widgfield": "a:b"}})
    refused(draft, "create_page", "no page or folder with ident 555", folder=0, name="x", page_type="responder",
            settings={"responder": "NoOperation", "args": {"target_ident": 555}})
    refused(draft, "create_page", "absolute path", folder=0, name="x", page_type="file",
            settings={"filepath": "/etc/passwd"})
    refused(draft, "create_page", r"'\.\.'", folder=0, name="x", page_type="file",
            settings={"filepath": "adminproj/../../etc/passwd"})
    refused(draft, "create_page", "unknown settings", folder=0, name="x", page_type="css",
            settings={"colour": 1})
    refused(draft, "create_page", "is a page", folder=1, name="x", page_type="css")


def test_rename_move_copy_delete_page(draft):
    run(draft, "rename_page", page=2, name="contact")
    assert "contact" in draft.data["RootFolder"]["pages"]
    assert list(draft.data["RootFolder"]["pages"]).index("contact") == 1, "a rename keeps the position"
    run(draft, "move_page", page=2, folder=13)
    assert "contact" in find(draft, 13)["pages"]
    new = run(draft, "copy_page", page=2)
    assert new not in (2,) and find(draft, new)["TemplatePage"] == find(draft, 2)["TemplatePage"]
    assert "contact_copy" in find(draft, 13)["pages"]
    new2 = run(draft, "copy_page", page=2, folder=0, name="again")
    assert new2 > new
    run(draft, "delete_page", page=new)
    assert new not in item_index(draft)
    refused(draft, "rename_page", "already holds", page=2, name="leaf")
    refused(draft, "move_page", "already holds", page=1, folder=10)
    refused(draft, "delete_page", "is a folder", page=10)
    refused(draft, "copy_page", "already holds", page=1, name="again")


def test_template_settings(draft):
    run(draft, "set_template_settings", page=1, lang="fr", backcol="#123456", show_backcol=True,
        last_scroll=True, interval=30, interval_target=5, catch_to_html="home",
        default_error_widget=["", "hello"])
    tp = find(draft, 1)["TemplatePage"]
    assert (tp["lang"], tp["interval"], tp["interval_target"], tp["default_error_widget"]) == \
        ("fr", 30, 5, ["", "hello"])
    refused(draft, "set_template_settings", "unknown template setting", page=1, colour="red")
    refused(draft, "set_template_settings", "whole number", page=1, interval="soon")
    refused(draft, "set_template_settings", "no page or folder with ident 999", page=1, interval_target=999)
    refused(draft, "set_template_settings", "not a colour", page=1, backcol="red;}")
    refused(draft, "set_template_settings", "is a responder page", page=3, lang="en")


def test_css_pages(draft):
    run(draft, "set_css_selector", page=4, selector="h1", properties=[["font-size", "2em"]])
    run(draft, "set_css_selector", page=4, selector="a", properties={"color": "blue"}, index=0)
    assert list(find(draft, 4)["CSS"]["style"]) == ["a", "body", "h1"]
    run(draft, "move_css_selector", page=4, selector="a", index=2)
    assert list(find(draft, 4)["CSS"]["style"]) == ["body", "h1", "a"]
    run(draft, "delete_css_selector", page=4, selector="body")
    run(draft, "set_cache", page=4, enable_cache=True)
    assert find(draft, 4)["CSS"] == {"style": {"h1": [["font-size", "2em"]], "a": [["color", "blue"]]},
                                     "enable_cache": True}
    refused(draft, "set_css_selector", "may not contain", page=4, selector="p", properties=[["color", "red}"]])
    refused(draft, "set_css_selector", "not a CSS selector", page=4, selector="p{", properties=[])
    refused(draft, "set_css_selector", "not a CSS property", page=4, selector="p", properties=[["co lor", "x"]])
    refused(draft, "delete_css_selector", "no selector", page=4, selector="zzz")
    refused(draft, "set_cache", "is a template page", page=1, enable_cache=True)


def test_json_svg_file_pages(draft):
    run(draft, "set_json_content", page=5, key="hello:para_text", value="new")
    run(draft, "set_json_content", page=5, key="show_error", value="oops")
    run(draft, "delete_json_content", page=5, key="show_error")
    assert find(draft, 5)["JSON"]["content"] == {"hello:para_text": "new"}
    refused(draft, "set_json_content", "not a JSON page key", page=5, key="bad key", value=1)
    refused(draft, "delete_json_content", "no key", page=5, key="x:y")
    run(draft, "set_svg_settings", page=6, width="300", height="50%", enable_cache=True)
    assert find(draft, 6)["SVG"]["width"] == "300"
    refused(draft, "set_svg_settings", "size", page=6, width="wide")
    run(draft, "set_file_settings", page=7, filepath="adminproj/static/other.txt", mimetype="text/plain",
        enable_cache=True)
    assert find(draft, 7)["FilePage"] == {"filepath": "adminproj/static/other.txt", "enable_cache": True,
                                          "mimetype": "text/plain"}
    run(draft, "set_file_settings", page=7, mimetype="")
    assert "mimetype" not in find(draft, 7)["FilePage"]
    refused(draft, "set_file_settings", "content type", page=7, mimetype="not a type")
    refused(draft, "set_file_settings", r"'\.\.'", page=7, filepath="a/../../b")


# ---- responders ---------------------------------------------------------------------------------

def test_responder_settings(draft):
    run(draft, "set_responder_args", page=3, target_ident="home", fail_ident=2, validate_option=True,
        validate_fail_ident="formpage", allowed_callers=[2, "home"], submit_option="on")
    args = find(draft, 3)["RespondPage"]["original_args"]
    assert (args["target_ident"], args["fail_ident"], args["validate_option"], args["allowed_callers"],
            args["submit_option"]) == ("home", 2, True, [2, "home"], True)
    run(draft, "add_allowed_caller", page=3, caller=11)
    run(draft, "remove_allowed_caller", page=3, caller="home")
    assert find(draft, 3)["RespondPage"]["original_args"]["allowed_callers"] == [2, 11]
    run(draft, "set_submit_list", page=3, submit_list="pkg, mod, func")
    assert find(draft, 3)["RespondPage"]["original_args"]["submit_list"] == ["pkg", "mod", "func"]
    run(draft, "add_responder_field", page=3, key="other:input_text")
    run(draft, "remove_responder_field", page=3, key="name:input_text")
    assert find(draft, 3)["RespondPage"]["original_fields"] == {"other:input_text": ""}
    refused(draft, "set_responder_args", "does not use 'widgfield'", page=3, widgfield="a:b")
    refused(draft, "set_responder_args", "unknown responder setting", page=3, colour=1)
    refused(draft, "set_responder_args", "not an ident number or a label", page=3, target_ident="nowhere")
    refused(draft, "set_responder_args", "true or false", page=3, submit_option="perhaps")
    refused(draft, "add_responder_field", "not a widget field", page=3, key="plainname")
    refused(draft, "remove_responder_field", "no field", page=3, key="x:y")
    refused(draft, "remove_allowed_caller", "not an allowed caller", page=3, caller=99)
    refused(draft, "set_responder_args", "is a template page", page=1, target_ident=1)


def test_responder_class_change_and_field_kinds(draft):
    run(draft, "set_responder_class", page=3, responder="CaseSwitch")
    rp = find(draft, 3)["RespondPage"]
    assert rp["class"] == "CaseSwitch" and rp["original_fields"] == {}
    assert "target_ident" not in rp["original_args"], "settings the class does not use are dropped"
    run(draft, "set_responder_args", page=3, widgfield="name:input_text", alternate_ident=1)
    run(draft, "set_responder_fields", page=3, fields={"a": 1, "b": "formpage"})
    assert rp["original_fields"] == {"a": 1, "b": "formpage"}
    refused(draft, "set_responder_fields", "no page or folder with ident 4242", page=3, fields={"a": 4242})
    run(draft, "set_responder_class", page=3, responder="MediaQuery")
    run(draft, "set_responder_fields", page=3, fields={"@media (max-width: 480px)": 4})
    assert find(draft, 3)["RespondPage"]["original_fields"] == {"@media (max-width: 480px)": "4"}
    refused(draft, "set_responder_fields", "media query", page=3, fields={"small": 4})
    run(draft, "set_responder_class", page=3, responder="LogIn")
    run(draft, "set_responder_fields", page=3, fields={"login:user": "username", "login:pw": "password"})
    refused(draft, "set_responder_fields", "'username' or 'password'", page=3, fields={"login:user": "x"})
    run(draft, "set_responder_class", page=3, responder="SubmitData")
    refused(draft, "set_responder_fields", "reads no fields", page=3, fields={"a:b": ""})
    refused(draft, "set_responder_class", "unknown responder", page=3, responder="Nope")


# ---- element trees ------------------------------------------------------------------------------

def test_insert_every_element_kind(draft):
    loc = run(draft, "insert_part", page=1, location="body-5", tag_name="div", attribs={"class": "box"})
    assert loc == "body-5"
    assert run(draft, "insert_closed_part", page=1, location="body-5-0", tag_name="hr") == "body-5-0"
    run(draft, "insert_text", page=1, location="body-5-1", text="Hello <b>world</b>")
    run(draft, "insert_html_symbol", page=1, location="body-5-2", text="&nbsp;")
    run(draft, "insert_comment", page=1, location="body-5-3", text="a note")
    run(draft, "insert_textblock", page=1, location="body-5-4", textref="greeting", failmessage="none")
    run(draft, "insert_widget", page=1, location="body-5-5", widget_class="paras.ParaText", name="para2",
        fields={"para_text": "Second"})
    run(draft, "insert_section_placeholder", page=1, location="body-5-6", section_name="nav", placename="nav2",
        multiplier=3, mtag="ul")
    kinds = [child[0] for child in body(draft)[5][1]["parts"]]
    assert kinds == ["ClosedPart", "Text", "HTMLSymbol", "Comment", "TextBlock", "Widget", "SectionPlaceHolder"]
    widget = body(draft)[5][1]["parts"][5][1]
    assert widget["fields"]["para_text"] == "Second"
    assert widget["fields"]["widget_class"] == "w3-container", "the project's default from defaults.json"
    assert widget["fields"]["show"] is True, "every field gets its class default"
    assert not [p for p in validate_draft(draft) if p["level"] == "error"]


def test_insert_refusals(draft):
    refused(draft, "insert_part", "not an HTML tag", page=1, location="body-0", tag_name="1bad")
    refused(draft, "insert_part", "not an attribute name", page=1, location="body-0", tag_name="div",
            attribs={"bad name": "x"})
    refused(draft, "insert_html_symbol", "not an HTML entity", page=1, location="body-0", text="<script>")
    refused(draft, "insert_textblock", "not a TextBlock reference", page=1, location="body-0", textref="a b")
    refused(draft, "insert_widget", "unknown widget class", page=1, location="body-0",
            widget_class="paras.Nope", name="x")
    refused(draft, "insert_widget", "unknown widget module", page=1, location="body-0",
            widget_class="nope.Para", name="x")
    refused(draft, "insert_widget", "already in this page", page=1, location="body-0",
            widget_class="paras.ParaText", name="hello")
    refused(draft, "insert_widget", "not allowed", page=1, location="body-0", widget_class="paras.ParaText",
            name="bad-name")
    refused(draft, "insert_widget", "has no field 'colour'", page=1, location="body-0",
            widget_class="paras.ParaText", name="p9", fields={"colour": "red"})
    refused(draft, "insert_section_placeholder", "no section 'missing'", page=1, location="body-0",
            section_name="missing")
    refused(draft, "insert_section_placeholder", "already has a section placed as 'nav'", page=1,
            location="body-0", section_name="nav")
    refused(draft, "insert_section_placeholder", "cannot hold a section placeholder", section="nav",
            location="section-0", section_name="nav")
    refused(draft, "insert_text", "past the end", page=1, location="body-99", text="x")
    refused(draft, "insert_text", "holds no other items", page=1, location="body-2-0-0", text="x")
    refused(draft, "insert_text", "is a widget", page=1, location="body-1-0", text="x")
    refused(draft, "insert_text", "is a widget", page=1, location="body-0-0", text="x")
    refused(draft, "insert_text", "start with head or body", page=1, location="svg-0", text="x")
    refused(draft, "insert_text", "is a css page", page=4, location="body-0", text="x")
    refused(draft, "insert_text", "either a page", location="body-0", text="x")
    refused(draft, "insert_element", "unknown element kind", page=1, location="body-0", element=["Script", {}])


def test_widget_containers(draft):
    # the form at body-1 of page 2 holds a text input in container 0
    tree = tree_of(draft, page=2)
    assert tree.node("body-1-c0-0")[1]["name"] == "name"
    run(draft, "insert_widget", page=2, location="body-1-c0-1", widget_class="inputforms.SubmitButton1",
        name="go", fields={"button_text": "Send"})
    assert tree.node(("body", 1, "c0", 1))[1]["fields"]["button_text"] == "Send"
    refused(draft, "insert_text", "c1 does not exist", page=2, location="body-1-c1-0", text="x")
    refused(draft, "insert_text", "has 0 container", page=2, location="body-0-c0-0", text="x")
    refused(draft, "insert_text", "has no containers", page=1, location="body-2-c0-0", text="x")


def test_move_shift_copy_delete(draft):
    parts = body(draft)
    names = lambda: [p[1].get("name") or p[1].get("tag_name") or p[0] for p in body(draft)]  # noqa: E731
    assert names() == ["top_error", "hello", "h1", "SectionPlaceHolder", "TextBlock"]
    assert run(draft, "move_element", page=1, location="body-1", to="body-4") == "body-3"
    assert names() == ["top_error", "h1", "SectionPlaceHolder", "hello", "TextBlock"]
    assert run(draft, "shift_element", page=1, location="body-3", direction="up") == "body-2"
    assert run(draft, "shift_element", page=1, location="body-2", direction="down") == "body-3"
    assert run(draft, "shift_element", page=1, location="body-3", direction="up") == "body-2"
    assert run(draft, "shift_element", page=1, location="body-2", direction="in") == "body-1-1"
    assert body(draft)[1][1]["parts"][1][1]["name"] == "hello"
    assert run(draft, "shift_element", page=1, location="body-1-1", direction="out") == "body-2"
    assert run(draft, "copy_element", page=1, location="body-2", to="body-0") == "body-0"
    assert body(draft)[0][1]["name"] == "hello_2", "a copied widget gets a free name"
    run(draft, "copy_element", page=1, location="body-3", to="body-1", to_page=11)
    assert find(draft, 11)["body"][1]["parts"][1][1]["name"] == "hello"
    run(draft, "delete_element", page=1, location="body-0")
    assert names() == ["top_error", "h1", "hello", "SectionPlaceHolder", "TextBlock"]
    refused(draft, "shift_element", "already first", page=1, location="body-0", direction="up")
    refused(draft, "shift_element", "already last", page=1, location="body-4", direction="down")
    refused(draft, "shift_element", "no HTML element just above", page=1, location="body-0", direction="in")
    refused(draft, "shift_element", "top of the tree", page=1, location="body-0", direction="out")
    refused(draft, "move_element", "into itself", page=1, location="body-1", to="body-1-0")
    refused(draft, "delete_element", "root of", page=1, location="body")
    refused(draft, "delete_element", "nothing at", page=1, location="body-9")
    assert parts is body(draft)


def test_clipboard(draft):
    run(draft, "copy_to_clipboard", page=1, location="body-1")
    assert draft.clipboard[1]["name"] == "hello"
    run(draft, "paste_from_clipboard", page=11, location="body-0")
    assert find(draft, 11)["body"][1]["parts"][0][1]["name"] == "hello"
    run(draft, "cut_to_clipboard", page=1, location="body-2")
    assert draft.clipboard[1]["tag_name"] == "h1"
    assert all(p[1].get("tag_name") != "h1" for p in body(draft) if p[0] == "Part")
    run(draft, "paste_from_clipboard", section="nav", location="section-0")
    assert draft.sections["nav"][1]["parts"][0][1]["tag_name"] == "h1"
    draft.clipboard = None
    refused(draft, "paste_from_clipboard", "clipboard is empty", page=1, location="body-0")
    refused(draft, "copy_to_clipboard", "root of a tree", page=1, location="body")


def test_edit_elements(draft):
    run(draft, "edit_part", page=1, location="body-2", tag_name="h2", brief="heading", show=False,
        hide_if_empty=True)
    assert body(draft)[2][1]["tag_name"] == "h2" and body(draft)[2][1]["show"] is False
    run(draft, "set_attribute", page=1, location="body-2", name="class", value="big")
    run(draft, "set_attribute", page=1, location="body", name="class", value="w3-theme")
    run(draft, "delete_attribute", page=1, location="body-2", name="class")
    assert body(draft)[2][1]["attribs"] == {}
    run(draft, "edit_text", page=1, location="body-2-0", text="New heading")
    assert body(draft)[2][1]["parts"][0] == ["Text", "New heading"]
    run(draft, "edit_textblock_ref", page=1, location="body-4", textref="other", linebreaks=False)
    assert body(draft)[4][1]["textref"] == "other" and body(draft)[4][1]["linebreaks"] is False
    run(draft, "edit_placeholder", page=1, location="body-3", multiplier=2, mtag="ol", placename="menu")
    assert body(draft)[3][1]["placename"] == "menu" and body(draft)[3][1]["multiplier"] == 2
    refused(draft, "edit_part", "cannot change", page=1, location="body", tag_name="div")
    refused(draft, "edit_part", "not a Part", page=1, location="body-1", brief="x")
    refused(draft, "edit_text", "not text", page=1, location="body-1", text="x")
    refused(draft, "delete_attribute", "no attribute", page=1, location="body-2", name="id")
    refused(draft, "edit_placeholder", "between 0 and 1000", page=1, location="body-3", multiplier=5000)
    refused(draft, "edit_placeholder", "no section", page=1, location="body-3", section_name="gone")


def test_widget_fields(draft):
    run(draft, "set_widget_field", page=1, location="body-1", field="para_text", value="Changed")
    run(draft, "set_widget_field", page=1, location="body-1", field="show", value="false")
    fields = body(draft)[1][1]["fields"]
    assert fields["para_text"] == "Changed" and fields["show"] is False
    run(draft, "reset_widget_field", page=1, location="body-1", field="show")
    assert body(draft)[1][1]["fields"]["show"] is True
    run(draft, "reset_widget_field", page=1, location="body-1", field="widget_class")
    assert body(draft)[1][1]["fields"]["widget_class"] == "w3-container"
    run(draft, "rename_widget", page=1, location="body-1", name="greeting")
    run(draft, "set_widget_brief", page=1, location="body-1", brief="says hello")
    assert body(draft)[1][1]["name"] == "greeting"
    refused(draft, "set_widget_field", "has no field 'colour'", page=1, location="body-1", field="colour", value=1)
    refused(draft, "set_widget_field", "true or false", page=1, location="body-1", field="show", value="maybe")
    refused(draft, "set_widget_field", "single value", page=1, location="body-1", field="para_text", value=[1])
    refused(draft, "rename_widget", "already in this page", page=1, location="body-1", name="top_error")
    refused(draft, "rename_widget", "not allowed", page=1, location="body-1", name="a:b")
    refused(draft, "set_widget_field", "not a Widget", page=1, location="body-2", field="x", value=1)


def test_field_types(draft):
    loc = run(draft, "insert_widget", page=1, location="body-5", widget_class="links.Link", name="lnk")
    run(draft, "set_widget_field", page=1, location=loc, field="link_ident", value="2")
    assert body(draft)[5][1]["fields"]["link_ident"] == 2
    run(draft, "set_widget_field", page=1, location=loc, field="link_ident", value="https://example.org/")
    refused(draft, "set_widget_field", "no page with ident 404", page=1, location=loc, field="link_ident",
            value=404)
    loc = run(draft, "insert_widget", page=1, location="body-6", widget_class="lists.UList1", name="items")
    run(draft, "set_widget_field", page=1, location=loc, field="contents", value=["a", "b"])
    assert body(draft)[6][1]["fields"]["contents"] == ["a", "b"]
    run(draft, "set_widget_field", page=1, location=loc, field="contents", value="one\ntwo")
    assert body(draft)[6][1]["fields"]["contents"] == ["one", "two"]
    loc = run(draft, "insert_widget", page=1, location="body-7", widget_class="headers.TabButtons1", name="tabs")
    run(draft, "set_widget_field", page=1, location=loc, field="tabs", value=[["a", "b"], ["c"]])
    assert body(draft)[7][1]["fields"]["tabs"] == [["a", "b"], ["c", ""]]
    refused(draft, "set_widget_field", "columns", page=1, location=loc, field="tabs", value=[["a", "b", "c"]])
    loc = run(draft, "insert_widget", page=1, location="body-8", widget_class="info.ProgressBar2", name="bar")
    run(draft, "set_widget_field", page=1, location=loc, field="value", value="12")
    assert body(draft)[8][1]["fields"]["value"] == 12
    refused(draft, "set_widget_field", "whole number", page=1, location=loc, field="value", value="twelve")
    loc = run(draft, "insert_widget", page=6, location="svg-0", widget_class="svggraphs.Graph48Hr", name="g")
    run(draft, "set_widget_field", page=6, location=loc, field="last_day", value="2024-05-31")
    refused(draft, "set_widget_field", "date such as", page=6, location=loc, field="last_day", value="31/05/2024")


def test_set_names_and_validators(draft):
    loc = "body-1-c0-0"
    run(draft, "set_widget_field_name", page=2, location=loc, field="input_text", name="username")
    node = tree_of(draft, page=2).node(loc)[1]
    assert node["set_names"] == {"input_text": "username"}
    run(draft, "set_widget_field_name", page=2, location=loc, field="input_text", name="")
    assert "set_names" not in node
    refused(draft, "set_widget_field_name", "not a field name", page=2, location=loc, field="input_text",
            name="a b")
    assert run(draft, "add_validator", page=2, location=loc, field="input_text", validator="basic.MaxLength",
               message="Too long", val_args={"maxlength": "10"}) == 0
    assert run(draft, "add_validator", page=2, location=loc, field="input_text", validator="basic.NotEmpty") == 1
    run(draft, "move_validator", page=2, location=loc, field="input_text", index=1, to=0)
    assert [v["class"] for v in node["validators"]["input_text"]] == ["basic.NotEmpty", "basic.MaxLength"]
    run(draft, "edit_validator", page=2, location=loc, field="input_text", index=1, val_args={"maxlength": "20"},
        message="At most 20")
    assert node["validators"]["input_text"][1]["val_args"] == {"maxlength": "20"}
    run(draft, "remove_validator", page=2, location=loc, field="input_text", index=0)
    run(draft, "remove_validator", page=2, location=loc, field="input_text", index=0)
    assert "validators" not in node
    # validators are kept under the name the field is submitted as, and follow a rename
    run(draft, "add_validator", page=2, location=loc, field="input_text", validator="basic.NotEmpty")
    run(draft, "set_widget_field_name", page=2, location=loc, field="input_text", name="who")
    assert list(node["validators"]) == ["who"]
    run(draft, "add_validator", page=2, location=loc, field="who", validator="basic.MaxLength")
    assert len(node["validators"]["who"]) == 2
    refused(draft, "set_widget_field_name", "already a field name", page=2, location=loc, field="input_text",
            name="size")
    run(draft, "set_widget_field_name", page=2, location=loc, field="input_text", name="")
    assert list(node["validators"]) == ["input_text"] and "set_names" not in node
    run(draft, "remove_validator", page=2, location=loc, field="input_text", index=0)
    run(draft, "remove_validator", page=2, location=loc, field="input_text", index=0)
    refused(draft, "add_validator", "unknown validator", page=2, location=loc, field="input_text",
            validator="basic.Nope")
    refused(draft, "add_validator", "whole number", page=2, location=loc, field="input_text",
            validator="basic.MaxLength", val_args={"maxlength": "ten"})
    refused(draft, "add_validator", "unknown argument", page=2, location=loc, field="input_text",
            validator="basic.MaxLength", val_args={"colour": "1"})
    refused(draft, "add_validator", "does not take validators", page=2, location=loc, field="widget_class",
            validator="basic.NotEmpty")
    refused(draft, "remove_validator", "no validator", page=2, location=loc, field="input_text", index=0)


# ---- sections, labels, TextBlocks, defaults ---------------------------------------------------------

def test_sections(draft):
    run(draft, "create_section", name="footer", brief="page foot", tag_name="footer", attribs={"class": "f"})
    run(draft, "insert_widget", section="footer", location="section-0", widget_class="paras.ParaText", name="copy")
    run(draft, "insert_text", section="footer", location="section-1", text="(c)")
    assert [p[0] for p in draft.sections["footer"][1]["parts"]] == ["Widget", "Text"]
    run(draft, "copy_section", name="footer", new_name="footer2")
    run(draft, "rename_section", name="nav", new_name="menu")
    assert body(draft)[3][1]["section_name"] == "menu", "placeholders follow a renamed section"
    refused(draft, "delete_section", "is placed in", name="menu")
    run(draft, "delete_section", name="footer2")
    run(draft, "delete_section", name="menu", force=True)
    assert all(p[0] != "SectionPlaceHolder" for p in body(draft))
    refused(draft, "create_section", "already a section", name="footer")
    refused(draft, "create_section", "not allowed", name="bad name")
    refused(draft, "rename_section", "no section", name="gone", new_name="x")
    refused(draft, "insert_widget", "already in this section", section="footer", location="section-0",
            widget_class="paras.ParaText", name="copy")
    assert not [p for p in validate_draft(draft) if p["level"] == "error"]


def test_labels(draft):
    run(draft, "set_label", label="control", target=2)
    run(draft, "set_label", label="docs", target="https://example.org/docs")
    run(draft, "set_label", label="err", target="skis,server_error")
    run(draft, "set_label", label="alias", target="home")
    run(draft, "set_label", label="byident", target="adminproj_11")
    assert draft.labels["control"] == 2 and draft.labels["alias"] == "home"
    run(draft, "delete_label", label="docs")
    assert "docs" not in draft.labels
    refused(draft, "set_label", "no page or folder with ident 321", label="x", target=321)
    refused(draft, "set_label", "not allowed", label="123", target=1)
    refused(draft, "set_label", "not allowed", label="a b", target=1)
    refused(draft, "set_label", "itself", label="loop", target="loop")
    run(draft, "set_label", label="a1", target="home")
    run(draft, "set_label", label="a2", target="a1")
    refused(draft, "set_label", "circle", label="a1", target="a2")
    refused(draft, "set_label", "not an ident number or a label", label="x", target="nowhere")
    refused(draft, "delete_label", "no label", label="nothing")


def test_textblocks(draft):
    run(draft, "set_textblock", textref="pump.state", text="Pump is off")
    run(draft, "set_textblock", textref="pump.state", text="Pumpe ist aus", language="de")
    assert draft.textblocks["de"] == {"pump.state": "Pumpe ist aus"}
    run(draft, "rename_textblock", textref="greeting", new_ref="hello.text")
    assert draft.textblocks["en"]["hello.text"] == "Hello there" and "greeting" not in draft.textblocks["fr"]
    assert body(draft)[4][1]["textref"] == "hello.text", "TextBlock items follow a renamed ref"
    run(draft, "delete_textblock", textref="pump.state", language="de")
    run(draft, "delete_textblock", textref="pump.state")
    assert not any("pump.state" in b for b in draft.textblocks.values())
    run(draft, "delete_language", language="de")
    assert "de" not in draft.textblocks
    assert "textblocks_json/de.json" not in draft.to_files()
    refused(draft, "set_textblock", "not a language tag", textref="x", text="y", language="english!")
    refused(draft, "set_textblock", "not a TextBlock reference", textref="has space", text="y")
    refused(draft, "delete_textblock", "no TextBlock", textref="nothing")
    refused(draft, "rename_textblock", "already a TextBlock", textref="hello.text", new_ref="hello.text")
    refused(draft, "delete_language", "no TextBlocks", language="it")


def test_widget_defaults(draft):
    run(draft, "set_widget_default", widget_class_path="paras.ParaText", field="widget_style", value="color:red")
    run(draft, "set_defaults", backcol="#000000", body_class="dark", css_links=["w3_css", "theme_css"],
        js_links="skipole_js")
    assert draft.defaults["widgets"]["paras"]["ParaText"] == {"widget_class": "w3-container",
                                                              "widget_style": "color:red"}
    assert draft.defaults["js_links"] == ["skipole_js"]
    loc = run(draft, "insert_widget", page=1, location="body-0", widget_class="paras.ParaText", name="red")
    assert tree_of(draft, page=1).node(loc)[1]["fields"]["widget_style"] == "color:red"
    run(draft, "delete_widget_default", widget_class_path="paras.ParaText", field="widget_style")
    run(draft, "delete_widget_default", widget_class_path="paras.ParaText", field="widget_class")
    assert "paras" not in draft.defaults["widgets"]
    refused(draft, "set_widget_default", "no field", widget_class_path="paras.ParaText", field="x", value=1)
    refused(draft, "set_widget_default", "unknown widget", widget_class_path="paras.X", field="x", value=1)
    refused(draft, "delete_widget_default", "no default", widget_class_path="paras.ParaText", field="show")
    refused(draft, "set_defaults", "not a label", css_links=["<bad>"])
    run(draft, "import_defaults", defaults={"backcol": "#fff", "widgets": {"paras": {"ParaText": {"show": "no"}}}})
    assert draft.defaults == {"backcol": "#fff", "widgets": {"paras": {"ParaText": {"show": False}}}}
    refused(draft, "import_defaults", "unknown keys", defaults={"colours": {}})
    refused(draft, "import_defaults", "no field", defaults={"widgets": {"paras": {"ParaText": {"nope": 1}}}})


def test_not_found_is_an_admin_error(draft):
    with pytest.raises(NotFound):
        OPERATIONS["delete_page"](draft, page=4321)
    assert issubclass(NotFound, AdminError)


def test_widgets_bound_to_devices_can_be_inserted_copied_and_refused_when_wrong(tmp_path):
    from skipole.admin.errors import AdminError
    from tests.admin.admin_helpers import new_store
    store = new_store(tmp_path)
    v = store.version
    bound = ["Widget", {"class": "paras.ParaText", "name": "pump", "brief": "", "fields": {},
                        "bindings": {"para_text": {"device": "relay1", "on": "Running", "off": "Stopped"}}}]
    result = store.apply("insert_element", v, location="body-1", element=bound, page=1)
    v = result["version"]
    v = store.apply("copy_element", v, location=result["result"], to="body-1", page=1)["version"]
    body = store.draft_model().page(1).raw["body"][1]["parts"]
    copies = [p for p in body if p[0] == "Widget" and p[1].get("bindings")]
    assert len(copies) == 2 and copies[0][1]["bindings"]["para_text"]["device"] == "relay1"
    wrong = ["Widget", {"class": "paras.ParaText", "name": "x", "brief": "", "fields": {},
                        "bindings": {"para_text": {"device": "relay1", "colour": "red"}}}]
    import pytest
    with pytest.raises(AdminError):
        store.apply("insert_element", v, location="body-1", element=wrong, page=1)
