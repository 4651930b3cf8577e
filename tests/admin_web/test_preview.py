"""The live preview of the draft (skipole/admin/web/preview.py): a draft application under
/skiadmin/preview/, never the published site, shown at phone and desktop widths."""

import re

from tests.core.projects import Client


def test_the_preview_shows_the_draft_not_the_published_site(admin_client, admin_site):
    admin_client.apply("set_widget_field", s__page="1", s__location="body-1", s__field="para_text",
                       t__value="Draft words")
    preview = admin_client.get("/skiadmin/preview/index")
    assert preview.code == 200 and "Draft words" in preview.text
    assert preview.header("Cache-Control") == "no-store"
    assert "Draft words" not in Client(admin_site.app).get("/index").text
    # the next edit shows at once (the draft application follows the draft's version)
    admin_client.apply("set_widget_field", s__page="1", s__location="body-1", s__field="para_text",
                       t__value="Newer words")
    assert "Newer words" in admin_client.get("/skiadmin/preview/index").text


def test_links_in_the_preview_stay_in_the_preview(admin_client):
    text = admin_client.get("/skiadmin/preview/index").text
    assert 'href="/skiadmin/preview/index"' in text          # the nav section's link to ident 1
    css = admin_client.get("/skiadmin/preview/style.css")
    assert css.code == 200 and "color" in css.text


def test_the_preview_screen_frames_the_page_at_phone_and_desktop_widths(admin_client):
    text = admin_client.screen("/skiadmin/view?page=1").text
    frames = re.findall(r'<iframe src="([^"]*)" width="(\d+)" height="(\d+)" sandbox="allow-same-origin"', text)
    assert [(w, h) for _s, w, h in frames] == [("390", "844"), ("1280", "800")]
    assert all(src.startswith("/skiadmin/preview/index?draft=") for src, _w, _h in frames)
    assert 'href="/index"' in text          # and the live page


def test_the_preview_does_not_run_responders_or_take_posts(admin_client, admin_site):
    text = admin_client.get("/skiadmin/preview/submit").text
    assert "responder" in text and "answers forms" in text
    result = admin_client.post("/skiadmin/preview/submit", {"csrf_token": admin_client.token})
    assert result.code == 405


def test_the_preview_needs_the_admin(anon_client, user_client):
    assert anon_client.get("/skiadmin/preview/index").code == 303
    assert user_client.get("/skiadmin/preview/index").code == 403


def test_a_page_new_in_the_draft_can_be_previewed(admin_client, admin_site):
    admin_client.apply("create_page", s__folder="0", s__name="fresh", s__page_type="template",
                       **{"e__settings.title": "Fresh page"})
    assert "Fresh page" in admin_client.get("/skiadmin/preview/fresh").text
    assert Client(admin_site.app).get("/fresh").code == 404
