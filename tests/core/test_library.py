"""The static library app and what pages hand the browser library."""

import json
import re

from projects import Client, make_app, template, widget

from skipole import PageData, skis


def _page_data(result):
    return json.loads(re.search(r'data-skipole="page">(.*?)</script>', result.text).group(1))


def test_declared_js_fields_reach_the_page(tmp_path):
    app = make_app(tmp_path, pages={"index": template(1, widget(
        "paras.JSONTextLink", "link", json_ident="index", link_ident="index",
        button_show_text="More", button_hide_text="Less", get_field="g"))})
    widgets = {w[0]: w for w in _page_data(Client(app).get("/"))["widgets"]}
    settings = widgets["link"][3]
    assert settings["button_show_text"] == "More" and settings["button_hide_text"] == "Less"


def test_json_replies_resolve_labels_to_urls(tmp_path):
    def end_call(ident, ptype, skicall):
        pd = PageData()
        pd.JSONtoHTML = "home"
        pd.IntervalTarget = 1
        skicall.update(pd)

    app = make_app(tmp_path, pages={"index": template(1), "data": {
        "ident": 5, "brief": "json", "JSON": {"content": {}, "enable_cache": False}}},
        labels={"home": 1}, end_call=end_call)
    reply = Client(app).get("/data").json()
    assert reply["JSONtoHTML"] == "/index" and reply["IntervalTarget"] == "/index"


def test_every_library_label_has_a_served_file():
    lib = skis.makeapp()
    for label in skis.LIBRARY_FILES:
        url = lib.url_for(label)
        assert url.startswith("/lib/"), label
        assert Client(lib).get(url).code == 200, url


def test_static_files_revalidate_with_304():
    client = Client(skis.makeapp())
    first = client.get("/lib/skipole.js")
    assert first.code == 200 and "max-age" in first.header("Cache-Control")
    again = client.get("/lib/skipole.js", headers={"If-None-Match": first.header("ETag")})
    assert again.code == 304 and again.body == b""


def test_text_files_are_gzipped_when_accepted():
    import gzip
    client = Client(skis.makeapp())
    plain = client.get("/lib/skipole.js")
    packed = client.get("/lib/skipole.js", headers={"Accept-Encoding": "gzip, deflate"})
    assert packed.header("Content-Encoding") == "gzip"
    assert gzip.decompress(packed.body) == plain.body
    assert len(packed.body) < len(plain.body) / 2
    assert packed.header("ETag") != plain.header("ETag")
    assert "Accept-Encoding" in packed.header("Vary")
    assert client.get("/lib/skipole.js", headers={"Accept-Encoding": "gzip",
                                                  "If-None-Match": packed.header("ETag")}).code == 304
