"""TextBlocks: the language fallback chain, TextBlock elements and widgets, the language cookie."""

from projects import Client, Hooks, make_app, responder, template, textblock, widget

from skipole.textblocks import AccessTextBlocks, language_chain

TEXTS = {
    "en": {"greet": "Hello", "english_only": "Only in English", "multi": "line one\nline two <b>"},
    "fr": {"greet": "Bonjour", "french": "Seulement en francais"},
    "fr-CA": {"greet": "Allo"},
    "es": {"greet": "Hola", "spanish": "Solo en espanol"},
    "de": {"german_only": "Nur auf Deutsch"},
}


def build(tmp_path, *body, start=None, default_language="es", **kw):
    hooks = Hooks(start=start, setlang=kw.pop("setlang", None))
    pages = {"page": template(2, *body, title="page"),
             "setlang": responder(100, "SubmitData", target=2, submit_list=["setlang"])}
    app = make_app(tmp_path, pages=pages, textblocks=TEXTS, default_language=default_language,
                   **hooks.app_kwargs(), **kw)
    return Client(app), hooks


def shown(result):
    """The text inside <p id="tb"> ... </p>."""
    html = result.text
    start = html.index('<p id="tb">') + len('<p id="tb">')
    return html[start:html.index("</p>", start)]


def tb_para(ref):
    return widget("paras.TextBlockPara", "tb", textblock_ref=ref)


class TestLanguageChain:
    def test_the_order_is_exact_primary_default_en(self):
        assert language_chain("fr-CA", "es") == ["fr-CA", "fr", "es", "en"]
        assert language_chain(("de-AT", "fr"), "es") == ["de-AT", "de", "fr", "en"]
        assert language_chain("", "es") == ["es", "en"]

    def test_access_text_blocks_walks_the_chain_then_any_language(self):
        store = AccessTextBlocks(TEXTS, "es")
        assert store.get_text("greet", "fr-CA") == "Allo"
        assert store.get_text("greet", "fr-BE") == "Bonjour"
        assert store.get_text("greet", "it") == "Hola"
        assert store.get_text("english_only", "it") == "Only in English"
        assert store.get_text("german_only", "fr") == "Nur auf Deutsch"
        assert store.get_text("nothing", "fr") is None


class TestPagesInTheRequestLanguage:
    def test_exact_language_from_accept_language(self, tmp_path):
        client, _hooks = build(tmp_path, tb_para("greet"))
        assert shown(client.get("/page", headers={"Accept-Language": "fr-CA,fr;q=0.8"})) == "Allo"

    def test_primary_subtag(self, tmp_path):
        client, _hooks = build(tmp_path, tb_para("greet"))
        assert shown(client.get("/page", headers={"Accept-Language": "fr-BE"})) == "Bonjour"

    def test_project_default_language(self, tmp_path):
        client, _hooks = build(tmp_path, tb_para("greet"))
        assert shown(client.get("/page", headers={"Accept-Language": "it"})) == "Hola"
        assert shown(client.get("/page")) == "Hola"

    def test_english_then_any_language(self, tmp_path):
        client, _hooks = build(tmp_path, tb_para("english_only"), textblock("german_only"))
        result = client.get("/page", headers={"Accept-Language": "it"})
        assert shown(result) == "Only in English"
        assert "Nur auf Deutsch" in result.text

    def test_q_values_choose_the_preferred_language(self, tmp_path):
        client, _hooks = build(tmp_path, tb_para("greet"))
        assert shown(client.get("/page", headers={"Accept-Language": "es;q=0.5, fr;q=0.9"})) == "Bonjour"

    def test_the_language_cookie_wins_over_accept_language(self, tmp_path):
        client, _hooks = build(tmp_path, tb_para("greet"))
        result = client.get("/page", headers={"Accept-Language": "es"}, cookies={"language": "fr"})
        assert shown(result) == "Bonjour"

    def test_a_missing_textblock_shows_its_failmessage(self, tmp_path):
        client, _hooks = build(tmp_path, textblock("nosuchref", failmessage="<missing>"))
        assert "&lt;missing&gt;" in client.get("/page").text

    def test_textblock_elements_escape_and_keep_line_breaks(self, tmp_path):
        client, _hooks = build(tmp_path, textblock("multi"))
        assert "line one<br />line two &lt;b&gt;" in client.get("/page", headers={"Accept-Language": "en"}).text

    def test_replace_strings(self, tmp_path):
        client, _hooks = build(tmp_path, textblock("greet", replace_strings=[["Hello", "Goodbye"]]))
        assert "Goodbye" in client.get("/page", headers={"Accept-Language": "en"}).text


class TestSettingTheLanguage:
    def test_the_language_setter_sends_a_cookie_and_changes_the_page(self, tmp_path):
        def setlang(skicall):
            skicall.language = "fr"
        client, _hooks = build(tmp_path, tb_para("greet"), setlang=setlang)
        result = client.get("/setlang", headers={"Accept-Language": "en"})
        assert shown(result) == "Bonjour"
        cookie = result.set_cookies["language"]
        assert cookie.startswith("language=fr;") and "Path=/" in cookie
        # the browser sends it back: later pages are in French
        assert shown(client.get("/page", headers={"Accept-Language": "en"})) == "Bonjour"

    def test_language_set_in_start_call_is_used_for_cached_widgets_too(self, tmp_path):
        def start(called_ident, skicall):
            if skicall.received_cookies.get("want") == "fr":
                skicall.language = "fr"
            return called_ident
        client, _hooks = build(tmp_path, tb_para("greet"), start=start)
        assert shown(client.get("/page", headers={"Accept-Language": "en"})) == "Hello"
        again = client.get("/page", headers={"Accept-Language": "en"}, cookies={"want": "fr"})
        assert shown(again) == "Bonjour", "a widget cached in English was shown for a French call"

    def test_skicall_language_and_textblock(self, tmp_path):
        seen = {}

        def start(called_ident, skicall):
            seen["language"] = skicall.language
            seen["lang"] = skicall.lang
            seen["text"] = skicall.textblock("greet")
            return called_ident
        client, _hooks = build(tmp_path, tb_para("greet"), start=start)
        client.get("/page", headers={"Accept-Language": "fr-CA"})
        assert seen == {"language": "fr-CA", "lang": ("fr-CA", "es"), "text": "Allo"}

    def test_an_invalid_language_code_is_refused(self, tmp_path):
        errors = []

        def start(called_ident, skicall):
            try:
                skicall.language = "fr; Path=/evil"
            except ValueError as exc:
                errors.append(str(exc))
            return called_ident
        client, _hooks = build(tmp_path, tb_para("greet"), start=start)
        result = client.get("/page")
        assert errors and "language" not in result.set_cookies


class TestCustomStore:
    def test_set_accesstextblocks_replaces_the_store(self, tmp_path):
        class Upper:
            def get_text(self, textref, lang=None):
                return f"{textref.upper()} in {lang[0]}"

        client, _hooks = build(tmp_path, tb_para("greet"))
        client.app.set_accesstextblocks(Upper())
        assert shown(client.get("/page", headers={"Accept-Language": "de"})) == "GREET in de"
