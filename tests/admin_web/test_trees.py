"""What is on a page, through the admin's forms (skipole/admin/web/trees.py and widgets.py):
the outline's buttons, adding every kind of item, widgets from the catalogue with their
fields' help, editing items, validators, and the clipboard."""

from tests.admin_web.conftest import find_form, press, send
from tests.core.projects import Client

BODY = "/skiadmin/tree?page=1&root=body"


def outline(site, page=1, root="body"):
    return [(r["location"], r["kind"], r.get("name") or r.get("tag_name") or r.get("text") or
             r.get("textref") or r.get("section_name"))
            for r in site.store.query("tree_outline", page=page, root=root)["result"]]


def node(site, loc, page=1):
    return site.store.query("element_info", page=page, location=loc)["result"]["element"]


def test_the_outline_shows_every_item_with_its_actions(admin_client):
    text = admin_client.screen(BODY).text
    for words in ("top_error", "hello", "Text: Home", "Section nav as nav", "TextBlock greeting"):
        assert words in text
    for button in ("↑ Up", "↓ Down", "→ Into above", "← Out", "Copy", "Cut", "Paste after", "Delete"):
        assert f">{button}</button>" in text
    assert 'href="/skiadmin/insert?at=body-5&amp;page=1"' in text       # add inside the body, at its end


def test_items_are_moved_with_the_outline_buttons(admin_client, admin_site):
    press(admin_client, BODY, "↓ Down", s__location="body-1", s__direction="down")
    assert ("body-1", "Part", "h1") in outline(admin_site) and ("body-2", "Widget", "hello") in outline(admin_site)
    press(admin_client, BODY, "↑ Up", s__location="body-2", s__direction="up")
    assert ("body-1", "Widget", "hello") in outline(admin_site)
    press(admin_client, BODY, "↓ Down", s__location="body-1", s__direction="down")
    press(admin_client, BODY, "→ Into above", s__location="body-2", s__direction="in")
    assert ("body-1-1", "Widget", "hello") in outline(admin_site)
    press(admin_client, BODY, "← Out", s__location="body-1-1", s__direction="out")
    assert ("body-2", "Widget", "hello") in outline(admin_site)


def test_copy_cut_paste_and_delete(admin_client, admin_site):
    press(admin_client, BODY, "Copy", s__location="body-1")
    press(admin_client, BODY, "Paste after", s__location="body-5")
    assert ("body-5", "Widget", "hello_2") in outline(admin_site)
    press(admin_client, BODY, "Cut", s__location="body-2")          # the h1
    assert all(r[2] != "h1" for r in outline(admin_site))
    # paste on another page
    press(admin_client, "/skiadmin/tree?page=11&root=body", "Paste inside", s__location="body-2")
    assert ("body-2", "Part", "h1") in outline(admin_site, 11)
    press(admin_client, BODY, "Delete", s__location="body-4")
    assert all(r[2] != "hello_2" for r in outline(admin_site))


def insert(client, at, button, fields, page=1):
    done = press(client, f"/skiadmin/insert?page={page}&at={at}", button, fields)
    assert done.code == 200 and "/element" in done.text or "Widget" in done.text
    return done


def test_every_kind_of_item_is_added(admin_client, admin_site):
    insert(admin_client, "body-5", "Add text", {"t__text": "Plain <b>words</b>"})
    insert(admin_client, "body-6", "Add element", {"s__tag_name": "section", "kv__attribs": "class = card"})
    insert(admin_client, "body-7", "Add", {"s__tag_name": "hr"}, )
    insert(admin_client, "body-8", "Add TextBlock", {"s__textref": "greeting"})
    insert(admin_client, "body-9", "Add section", {"s__section_name": "nav", "s__placename": "nav2",
                                                   "i__multiplier": "3", "s__mtag": "ul"})
    rows = outline(admin_site)
    assert ("body-5", "Text", "Plain <b>words</b>") in rows
    assert ("body-6", "Part", "section") in rows and ("body-7", "ClosedPart", "hr") in rows
    assert ("body-8", "TextBlock", "greeting") in rows
    placeholder = node(admin_site, "body-9")[1]
    assert placeholder["multiplier"] == 3 and placeholder["placename"] == "nav2"
    screen = admin_client.screen("/skiadmin/insert?page=1&at=body-10").text
    done = send(admin_client, find_form(screen, "Add", op="insert_html_symbol"), {"s__text": "&copy;"})
    assert done.code == 303, done.text
    screen = admin_client.screen("/skiadmin/insert?page=1&at=body-11").text
    done = send(admin_client, find_form(screen, "Add", op="insert_comment"), {"s__text": "a note"})
    assert done.code == 303, done.text
    kinds = [r[1] for r in outline(admin_site)]
    assert "HTMLSymbol" in kinds and "Comment" in kinds


def test_a_widget_is_chosen_from_the_catalogue_with_each_fields_help(admin_client, admin_site):
    modules = admin_client.screen("/skiadmin/insert/widget?page=1&at=body-2").text
    assert 'module=paras' in modules and "Choose a widget" in modules
    classes = admin_client.screen("/skiadmin/insert/widget?page=1&at=body-2&module=paras").text
    assert "ParaText" in classes
    form_page = admin_client.screen("/skiadmin/insert/widget?page=1&at=body-2&module=paras&class=paras.ParaText")
    assert "CSS class of the widget" in form_page.text        # a field's help
    done = send(admin_client, find_form(form_page.text, "Add ParaText"),
                {"s__name": "status", "e__fields___para_text": "All is well"})
    assert done.code == 303 and "loc=body-2" in done.header("Location")
    text = admin_client.get(done.header("Location")).text
    assert "Widget status" in text and "Widget added" in text
    assert node(admin_site, "body-2")[1]["fields"]["para_text"] == "All is well"


def test_widget_fields_are_edited_reset_and_renamed(admin_client, admin_site):
    here = "/skiadmin/element?page=1&loc=body-1"
    text = admin_client.screen(here).text
    assert "The text of the paragraph" in text or "para_text" in text
    press(admin_client, here, "Save", {"s__value": "Changed"}, op="set_widget_field", s__field="para_text")
    assert node(admin_site, "body-1")[1]["fields"]["para_text"] == "Changed"
    press(admin_client, here, "Save", {"b__value": False}, op="set_widget_field", s__field="show")
    assert node(admin_site, "body-1")[1]["fields"]["show"] is False
    press(admin_client, here, "Back to default", s__field="show")
    assert node(admin_site, "body-1")[1]["fields"]["show"] is True
    press(admin_client, here, "Rename", {"s__name": "greeting_para"}, op="rename_widget")
    assert node(admin_site, "body-1")[1]["name"] == "greeting_para"
    press(admin_client, here, "Save", {"s__brief": "says hello"}, op="set_widget_brief")
    assert node(admin_site, "body-1")[1]["brief"] == "says hello"
    press(admin_client, here, "Use for new ParaText widgets", s__field="widget_class")
    defaults = admin_site.store.query("get_defaults")["result"]["widgets"]["paras"]["ParaText"]
    assert "widget_class" in defaults


def test_list_fields_are_edited_one_item_per_line(admin_client, admin_site):
    admin_client.apply("insert_widget", s__page="1", s__location="body-5", s__widget_class="lists.UList1",
                       s__name="things")
    here = "/skiadmin/element?page=1&loc=body-5"
    press(admin_client, here, "Save", {"l__value": "one\ntwo\n\nthree"}, op="set_widget_field",
          s__field="contents")
    assert node(admin_site, "body-5")[1]["fields"]["contents"] == ["one", "two", "three"]


def test_validators_are_added_edited_moved_and_removed(admin_client, admin_site):
    here = "/skiadmin/element?page=2&loc=body-1-c0-0"
    text = admin_client.screen(here).text
    assert "Checks on submitted values" in text and "basic.MaxLength" in text
    press(admin_client, here, "Add check", {"s__validator": "basic.MaxLength", "s__message": "Too long",
                                            "kv__val_args": "maxlength = 5"}, s__field="input_text")
    press(admin_client, here, "Add check", {"s__validator": "basic.NotEmpty", "s__message": "Needed"},
          s__field="input_text")
    vals = node(admin_site, "body-1-c0-0", 2)[1]["validators"]["input_text"]
    assert [v["class"] for v in vals] == ["basic.MaxLength", "basic.NotEmpty"]
    press(admin_client, here, "Up", s__field="input_text")
    vals = node(admin_site, "body-1-c0-0", 2)[1]["validators"]["input_text"]
    assert vals[0]["class"] == "basic.NotEmpty"
    screen = admin_client.screen(here).text
    send(admin_client, find_form(screen, "Save", op="edit_validator", i__index="1"), {"s__message": "At most 5"})
    assert node(admin_site, "body-1-c0-0", 2)[1]["validators"]["input_text"][1]["message"] == "At most 5"
    press(admin_client, here, "Remove", s__field="input_text", i__index="0")
    assert len(node(admin_site, "body-1-c0-0", 2)[1]["validators"]["input_text"]) == 1


def test_elements_text_textblocks_and_placeholders_are_edited(admin_client, admin_site):
    press(admin_client, "/skiadmin/element?page=1&loc=body-2", "Save",
          {"s__tag_name": "h2", "s__brief": "title"}, op="edit_part")
    assert node(admin_site, "body-2")[1]["tag_name"] == "h2"
    press(admin_client, "/skiadmin/element?page=1&loc=body-2", "Add attribute",
          {"s__name": "class", "s__value": "big"})
    assert node(admin_site, "body-2")[1]["attribs"] == {"class": "big"}
    press(admin_client, "/skiadmin/element?page=1&loc=body-2", "Remove class")
    assert not node(admin_site, "body-2")[1].get("attribs")
    press(admin_client, "/skiadmin/element?page=1&loc=body-2-0", "Save", {"t__text": "Welcome"})
    assert node(admin_site, "body-2-0") == ["Text", "Welcome"]
    press(admin_client, "/skiadmin/element?page=1&loc=body-4", "Save", {"s__failmessage": "no text"},
          op="edit_textblock_ref")
    assert node(admin_site, "body-4")[1]["failmessage"] == "no text"
    press(admin_client, "/skiadmin/element?page=1&loc=body-3", "Save", {"i__multiplier": "2"},
          op="edit_placeholder")
    assert node(admin_site, "body-3")[1]["multiplier"] == 2


def test_an_item_is_downloaded_and_added_again_from_the_file(admin_client, admin_site):
    data = admin_client.get("/skiadmin/export-element", {"page": 1, "loc": "body-1"})
    assert data.json()["skipole"] == "element"
    done = press(admin_client, "/skiadmin/insert?page=1&at=body-5", "Add from file",
                 files={"fe:element": ("element.json", data.body)})
    assert "Widget hello_2" in done.text


def test_a_sections_content_is_edited_like_a_page(admin_client, admin_site):
    text = admin_client.screen("/skiadmin/tree?section=nav").text
    assert "status" in text and "homelink" in text
    done = press(admin_client, "/skiadmin/insert?section=nav&at=section-2", "Add text", {"t__text": "In the nav"})
    assert done.code == 200
    tree = admin_site.store.query("tree_outline", section="nav")["result"]
    assert tree[-1]["text"] == "In the nav"
    assert "Add section" not in admin_client.screen("/skiadmin/insert?section=nav&at=section-0").text


def test_the_edited_page_shows_on_the_live_site_only_after_publish(admin_client, admin_site):
    insert(admin_client, "body-5", "Add text", {"t__text": "Brand new words"})
    visitor = Client(admin_site.app)
    assert "Brand new words" not in visitor.get("/index").text
    press(admin_client, "/skiadmin/publish", "Publish now")
    assert "Brand new words" in visitor.get("/index").text


def test_tree_texts_are_escaped(admin_client, admin_site):
    insert(admin_client, "body-5", "Add text", {"t__text": "<img src=x onerror=alert(1)>"})
    text = admin_client.screen(BODY).text
    assert "<img src=x onerror" not in text and "&lt;img src=x onerror=alert(1)&gt;" in text


def test_a_field_is_submitted_under_another_name(admin_client, admin_site):
    here = "/skiadmin/element?page=2&loc=body-1-c0-0"
    press(admin_client, here, "Save name", {"s__name": "fullname"}, s__field="input_text")
    assert node(admin_site, "body-1-c0-0", 2)[1]["set_names"] == {"input_text": "fullname"}
