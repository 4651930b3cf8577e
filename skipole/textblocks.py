"""TextBlocks: named, translatable texts, looked up by reference and language.

``AccessTextBlocks`` is the default store (project files in memory).  An application can
swap it for its own object with ``WSGIApplication.set_accesstextblocks`` (a database, say):
the object needs ``get_text(textref, lang)`` and may offer the other methods.
"""

__all__ = ["AccessTextBlocks", "language_chain"]


def language_chain(lang, default_language):
    """The languages to try, in order: exact, primary subtag, project default, 'en'.

    ``lang`` may be a string or the ``(preferred, default)`` pair skipole 5.x passes around.
    """
    if isinstance(lang, (tuple, list)):
        preferred = lang[0] if lang else ""
        default_language = (lang[1] if len(lang) > 1 and lang[1] else default_language)
    else:
        preferred = lang or ""
    chain = []
    for candidate in (preferred, preferred.split("-")[0], default_language, "en"):
        if candidate and candidate not in chain:
            chain.append(candidate)
    return chain


class AccessTextBlocks:
    """The TextBlocks of one project, held in memory: ``{lang: {textref: text}}``."""

    def __init__(self, textblocks=None, default_language="en", proj_ident=""):
        self.textblocks = textblocks if textblocks is not None else {}
        self.default_language = default_language or "en"
        self.proj_ident = proj_ident

    def get_text(self, textref, lang=None):
        """The text for ``textref``, trying the language chain and then any language; None if absent."""
        if not textref:
            return None
        for candidate in language_chain(lang, self.default_language):
            text = self.textblocks.get(candidate, {}).get(textref)
            if text is not None:
                return text
        for blocks in self.textblocks.values():
            text = blocks.get(textref)
            if text is not None:
                return text
        return None

    def textref_exists(self, textref):
        """True when ``textref`` exists in any language."""
        return any(textref in blocks for blocks in self.textblocks.values())

    def languages(self):
        """The languages with a TextBlock file."""
        return sorted(self.textblocks)

    def set_text(self, text, textref, lang):
        """Set the text of ``textref`` in ``lang`` (in memory; the admin saves it)."""
        self.textblocks.setdefault(lang, {})[textref] = text

    def del_text(self, textref, lang=None):
        """Remove ``textref`` from ``lang``, or from every language when ``lang`` is None."""
        langs = [lang] if lang else list(self.textblocks)
        found = False
        for code in langs:
            if self.textblocks.get(code, {}).pop(textref, None) is not None:
                found = True
        return found

    def get_textrefs(self, lang=None):
        """All text references (of ``lang``, or of every language), sorted."""
        if lang:
            return sorted(self.textblocks.get(lang, {}))
        return sorted({ref for blocks in self.textblocks.values() for ref in blocks})
