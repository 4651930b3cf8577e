"""Folders and pages through the admin's forms (skipole/admin/web/items.py): every folder
operation, making a page of every type, each type's settings, copy, move, delete, and JSON
export and import."""

import json

import pytest

from tests.admin_web.conftest import find_form, press, send


def item(site, ident):
    return site.store.query("item_info", item=ident)["result"]


def ident_at(site, path):
    return site.store.query("item_info", item=path)["result"]["ident"]


def test_the_site_tree_links_every_page_to_its_screens(admin_client):
    text = admin_client.screen("/skiadmin/site").text
    for ident in (1, 2, 3, 4, 5, 6, 7, 11, 12, 14):
        assert f'href="/skiadmin/page?item={ident}"' in text
    assert 'href="/skiadmin/view?page=1"' in text and 'href="/index"' in text
    assert "hidden from addresses" in text         # the restricted system folder


def test_folders_are_created_renamed_restricted_and_moved(admin_client, admin_site):
    made = press(admin_client, "/skiadmin/folder?item=0", "Create folder",
                 {"s__name": "garden", "s__brief": "outdoor things"})
    assert "Folder created" in made.text and "Folder /garden/" in made.text
    ident = ident_at(admin_site, "/garden/")
    here = f"/skiadmin/folder?item={ident}"
    press(admin_client, here, "Rename", {"s__name": "yard"}, op="rename_folder")
    assert item(admin_site, ident)["path"] == "/yard/"
    press(admin_client, here, "Save", {"b__restricted": True}, op="set_folder_restricted")
    assert item(admin_site, ident)["restricted"] is True
    press(admin_client, here, "Save", {"s__brief": "the yard"}, op="set_brief")
    press(admin_client, here, "Save access", {"b__login": True, "s__role": "admin"})
    assert item(admin_site, ident)["access"] == {"login": True, "role": "admin"}
    press(admin_client, here, "Move", {"s__parent": "10"}, op="move_folder")
    assert item(admin_site, ident)["path"] == "/sub/yard/"


def test_a_folders_default_page_is_chosen(admin_client, admin_site):
    press(admin_client, "/skiadmin/folder?item=10", "Save", {"s__page_name": "other"}, op="set_default_page")
    assert item(admin_site, 10)["default_page_name"] == "other"


def test_deleting_a_folder_needs_confirmation_and_everything_in_it(admin_client, admin_site):
    form_page = admin_client.screen("/skiadmin/folder?item=10").text
    form = find_form(form_page, "Delete folder")
    refused = send(admin_client, form)
    assert refused.code == 400 and "Tick the box" in refused.text
    refused = send(admin_client, form, {"confirm": True})
    assert refused.code == 400          # it holds pages
    done = send(admin_client, form, {"confirm": True, "b__recursive": True})
    assert done.code == 303 and done.header("Location") == "/skiadmin/site"
    assert "/sub/" not in admin_client.get("/skiadmin/site").text


def test_a_folder_is_copied_with_new_idents(admin_client, admin_site):
    done = press(admin_client, "/skiadmin/folder?item=10", "Copy", {"s__parent": "0", "s__name": "sub2"},
                 op="copy_folder")
    assert "Folder /sub2/" in done.text
    assert item(admin_site, "/sub2/other")["ident"] not in (11, 12, 13, 14)


PAGE_TYPES = {
    "template": ("Create template page", {"e__settings___title": "Pump"}, "TemplatePage"),
    "responder": ("Create responder", {"s__settings___responder": "NoOperation",
                                       "e__settings___args___target_ident": "1"}, "RespondPage"),
    "css": ("Create css page", {}, "CSS"),
    "svg": ("Create svg image", {"s__settings___width": "50"}, "SVG"),
    "json": ("Create json page", {}, "JSON"),
    "file": ("Create file page", {"e__settings___filepath": "adminproj/static/readme.txt"}, "FilePage"),
}


@pytest.mark.parametrize("page_type", sorted(PAGE_TYPES))
def test_a_page_of_every_type_is_created(admin_client, admin_site, page_type):
    button, fields, kind = PAGE_TYPES[page_type]
    screen = admin_client.screen("/skiadmin/new?folder=0")
    form = find_form(screen.text, button, s__page_type=page_type)
    done = send(admin_client, form, dict(fields, s__name=f"new_{page_type}", s__brief="made in a test"))
    assert done.code == 303
    location = done.header("Location")
    assert location.startswith("/skiadmin/page?item=")
    text = admin_client.screen(location).text
    assert f"Page /new_{page_type}" in text
    info = item(admin_site, f"/new_{page_type}")
    assert info["kind"] == kind and info["brief"] == "made in a test"


def test_a_new_page_in_a_restricted_folder_gets_a_warning(admin_client, admin_site):
    admin_client.apply("set_folder_restricted", s__folder="10", b__restricted="1")
    assert "cannot be opened by its address" in admin_client.screen("/skiadmin/new?folder=10").text


def test_a_page_is_renamed_moved_copied_and_deleted(admin_client, admin_site):
    here = "/skiadmin/page?item=2"
    press(admin_client, here, "Rename", {"s__name": "contact"}, op="rename_page")
    assert item(admin_site, 2)["path"] == "/contact"
    press(admin_client, here, "Move", {"s__folder": "10"}, op="move_page")
    assert item(admin_site, 2)["path"] == "/sub/contact"
    copied = press(admin_client, here, "Copy", {"s__folder": "0", "e__name": "contact2"}, op="copy_page")
    assert "Page /contact2" in copied.text
    screen = admin_client.screen(here).text
    assert "Referred to by" in screen          # the label formpage points to it
    done = send(admin_client, find_form(screen, "Delete page"), {"confirm": True})
    assert done.code == 303
    assert admin_client.get(here).code == 404


def test_template_settings(admin_client, admin_site):
    press(admin_client, "/skiadmin/page?item=1", "Save settings",
          {"s__lang": "en-GB", "b__last_scroll": True, "i__interval": "30", "s__interval_target": "5",
           "s__default_error_widget": "top_error"})
    s = item(admin_site, 1)["settings"]
    assert (s["lang"], s["last_scroll"], s["interval"], s["interval_target"]) == ("en-GB", True, 30, 5)


def test_responder_settings_per_class_with_its_help(admin_client, admin_site):
    here = "/skiadmin/page?item=3"
    text = admin_client.screen(here).text
    assert "Responder: AllowStore" in text and "The page shown (or responder called) next" in text
    press(admin_client, here, "Save settings", {"z__target_ident": "2", "l__submit_list": "a\nb",
                                                "b__submit_option": True})
    args = item(admin_site, 3)["settings"]["original_args"]
    assert args["target_ident"] == 2 and args["submit_list"] == ["a", "b"] and args["submit_option"] is True
    press(admin_client, here, "Save fields", {"kv__fields": "name:input_text = x\nother:input_text = y"})
    assert set(item(admin_site, 3)["settings"]["original_fields"]) == {"name:input_text", "other:input_text"}
    press(admin_client, here, "Change class", {"s__responder": "NoOperation"})
    assert item(admin_site, 3)["settings"]["class"] == "NoOperation"
    assert "Responder: NoOperation" in admin_client.screen(here).text


def test_css_selectors_are_added_moved_and_deleted(admin_client, admin_site):
    here = "/skiadmin/page?item=4"
    press(admin_client, here, "Add selector", {"s__selector": "h1", "css__properties": "color: red;\nmargin: 0"})
    style = item(admin_site, 4)["settings"]["style"]
    assert style["h1"] == [["color", "red"], ["margin", "0"]]
    press(admin_client, here, "Move up", s__selector="h1")
    assert list(item(admin_site, 4)["settings"]["style"]) == ["h1", "body"]
    press(admin_client, here, "Save", {"css__properties": "color: blue"}, op="set_css_selector", s__selector="body")
    assert item(admin_site, 4)["settings"]["style"]["body"] == [["color", "blue"]]
    press(admin_client, here, "Delete", s__selector="h1")
    assert list(item(admin_site, 4)["settings"]["style"]) == ["body"]


def test_json_page_content(admin_client, admin_site):
    here = "/skiadmin/page?item=5"
    press(admin_client, here, "Add or change", {"s__key": "hello:hide", "s__value": "yes"})
    assert item(admin_site, 5)["settings"]["content"]["hello:hide"] == "yes"
    press(admin_client, here, "Remove", s__key="hello:para_text")
    assert "hello:para_text" not in item(admin_site, 5)["settings"]["content"]


def test_file_and_svg_settings(admin_client, admin_site):
    press(admin_client, "/skiadmin/page?item=7", "Save", {"z__mimetype": "text/plain", "b__enable_cache": True},
          op="set_file_settings")
    s = item(admin_site, 7)["settings"]
    assert s["mimetype"] == "text/plain" and s["enable_cache"] is True
    press(admin_client, "/skiadmin/page?item=6", "Save", {"s__width": "200"}, op="set_svg_settings")
    assert item(admin_site, 6)["settings"]["width"] == "200"


def test_pages_and_folders_are_exported_and_imported_as_json(admin_client, admin_site):
    page = admin_client.get("/skiadmin/export", {"page": 1})
    assert page.code == 200 and "attachment" in page.header("Content-Disposition")
    assert page.json()["skipole"] == "page"
    folder = admin_client.get("/skiadmin/export", {"folder": 10})
    assert folder.json()["skipole"] == "folder"
    done = press(admin_client, "/skiadmin/folder?item=0", "Import page", {"e__name": "index_again"},
                 files={"f:definition": ("page.json", page.body)})
    assert "Page /index_again" in done.text
    done = press(admin_client, "/skiadmin/folder?item=0", "Import folder", {"e__name": "sub_again"},
                 files={"f:definition": ("folder.json", folder.body)})
    assert "Folder /sub_again/" in done.text
    assert item(admin_site, "/sub_again/deep/leaf")["kind"] == "TemplatePage"


def test_a_bad_import_file_is_refused_clearly(admin_client):
    result = press(admin_client, "/skiadmin/folder?item=0", "Import page",
                   files={"f:definition": ("page.json", b"{not json")}, follow=False)
    assert result.code == 400 and "not valid JSON" in result.text
    result = press(admin_client, "/skiadmin/folder?item=0", "Import page",
                   files={"f:definition": ("page.json", json.dumps({"skipole": "section"}).encode())},
                   follow=False)
    assert result.code == 400 and "section definition" in result.text


def test_browsers_may_be_allowed_to_cache_a_page(admin_client, admin_site):
    press(admin_client, "/skiadmin/page?item=5", "Save", {"b__enable_cache": True}, op="set_cache")
    assert item(admin_site, 5)["settings"]["enable_cache"] is True
