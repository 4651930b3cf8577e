"""Sections, labels, TextBlocks and defaults through the admin's forms
(skipole/admin/web/texts.py)."""

from tests.admin_web.conftest import find_form, press, send


def sections(site):
    return {s["name"]: s for s in site.store.query("list_sections")["result"]}


def test_sections_are_created_renamed_copied_and_deleted(admin_client, admin_site):
    done = press(admin_client, "/skiadmin/sections", "Create section", {"s__name": "footer", "s__brief": "page foot"})
    assert "section footer" in done.text and "Add inside" in done.text          # its outline
    press(admin_client, "/skiadmin/section?name=footer", "Rename", {"s__new_name": "foot"})
    assert "foot" in sections(admin_site) and "footer" not in sections(admin_site)
    press(admin_client, "/skiadmin/section?name=foot", "Copy", {"s__new_name": "foot2"})
    assert "foot2" in sections(admin_site)
    screen = admin_client.screen("/skiadmin/section?name=foot2").text
    done = send(admin_client, find_form(screen, "Delete section"), {"confirm": True})
    assert done.code == 303 and "foot2" not in sections(admin_site)


def test_a_section_in_use_is_deleted_only_with_its_placeholders(admin_client, admin_site):
    screen = admin_client.screen("/skiadmin/section?name=nav").text
    assert "page /index" in screen
    refused = send(admin_client, find_form(screen, "Delete section"), {"confirm": True})
    assert refused.code == 400
    done = send(admin_client, find_form(refused.text, "Try again"), {"b__force": True, "confirm": "yes"})
    assert done.code == 303 and "nav" not in sections(admin_site)


def test_sections_are_exported_and_imported(admin_client, admin_site):
    data = admin_client.get("/skiadmin/export", {"section": "nav"})
    assert data.json()["skipole"] == "section"
    done = press(admin_client, "/skiadmin/sections", "Import", {"e__name": "nav_copy"},
                 files={"f:definition": ("nav.json", data.body)})
    assert "Section nav_copy" in done.text and "nav_copy" in sections(admin_site)


def test_labels_are_added_changed_and_deleted(admin_client, admin_site):
    text = admin_client.screen("/skiadmin/labels").text
    assert "url_not_found" in text and "shown when an address names no page" in text
    press(admin_client, "/skiadmin/labels", "Add label", {"s__label": "contact", "s__target": "2"})
    labels = {x["label"]: x for x in admin_site.store.query("list_labels")["result"]}
    assert labels["contact"]["points_to"] == "/form"
    press(admin_client, "/skiadmin/labels", "Save", {"s__target": "1"}, s__label="contact")
    labels = {x["label"]: x for x in admin_site.store.query("list_labels")["result"]}
    assert labels["contact"]["points_to"] == "/index"
    press(admin_client, "/skiadmin/labels", "Delete", s__label="contact")
    assert "contact" not in {x["label"] for x in admin_site.store.query("list_labels")["result"]}


def texts(site, ref):
    found = site.store.query("list_textblocks", search=ref)["result"]["items"]
    return next((t["texts"] for t in found if t["textref"] == ref), {})


def test_textblocks_per_language(admin_client, admin_site):
    done = press(admin_client, "/skiadmin/textblocks", "Add text", {"s__textref": "pump.help",
                                                                    "t__text": "Switch the pump"})
    assert "Text pump.help" in done.text
    press(admin_client, "/skiadmin/textblock?ref=pump.help", "Save", {"t__text": "Pompe"}, s__language="fr")
    assert texts(admin_site, "pump.help") == {"en": "Switch the pump", "fr": "Pompe"}
    press(admin_client, "/skiadmin/textblock?ref=pump.help", "Add language", {"s__language": "de",
                                                                              "t__text": "Pumpe"})
    assert texts(admin_site, "pump.help")["de"] == "Pumpe"
    press(admin_client, "/skiadmin/textblock?ref=pump.help", "Delete the fr text")
    assert "fr" not in texts(admin_site, "pump.help")
    press(admin_client, "/skiadmin/textblock?ref=pump.help", "Rename", {"s__new_ref": "pump.about"})
    assert texts(admin_site, "pump.about") and not texts(admin_site, "pump.help")
    press(admin_client, "/skiadmin/textblock?ref=pump.about", "Delete in every language")
    assert not texts(admin_site, "pump.about")


def test_textblocks_are_searched(admin_client):
    text = admin_client.screen("/skiadmin/textblocks?search=bonjour").text
    assert "greeting" in text
    assert "greeting" not in admin_client.screen("/skiadmin/textblocks?search=nothing-like-it").text.split(
        "<main")[1].split("New text")[0]


def test_defaults_for_new_pages_and_widgets(admin_client, admin_site):
    press(admin_client, "/skiadmin/defaults", "Save", {"s__body_class": "appliance", "l__css_links": "w3_css\nmy_css"},
          op="set_defaults")
    d = admin_site.store.query("get_defaults")["result"]
    assert d["body_class"] == "appliance" and d["css_links"] == ["w3_css", "my_css"]
    press(admin_client, "/skiadmin/defaults", "Set default", {"s__widget_class_path": "paras.ParaText",
                                                              "s__field": "widget_style", "s__value": "color: red"})
    assert admin_site.store.query("get_defaults")["result"]["widgets"]["paras"]["ParaText"]["widget_style"] == \
        "color: red"
    press(admin_client, "/skiadmin/defaults", "Remove", s__field="widget_style")
    assert "widget_style" not in admin_site.store.query("get_defaults")["result"]["widgets"]["paras"]["ParaText"]
    exported = admin_client.get("/skiadmin/export-defaults")
    assert exported.json()["body_class"] == "appliance"
    press(admin_client, "/skiadmin/defaults", "Save", {"s__body_class": "other"}, op="set_defaults")
    done = press(admin_client, "/skiadmin/defaults", "Replace all defaults", {"confirm": True},
                 files={"f:defaults": ("defaults.json", exported.body)})
    assert done.code == 200
    assert admin_site.store.query("get_defaults")["result"]["body_class"] == "appliance"


def test_a_whole_language_is_deleted(admin_client, admin_site):
    done = press(admin_client, "/skiadmin/textblocks", "Delete every fr text", {"confirm": True})
    assert done.code == 200
    assert admin_site.store.query("list_textblocks")["result"]["languages"] == ["en"]
