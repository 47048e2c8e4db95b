"""Language choice and the display of plugin content in the UI language."""
from dataclasses import dataclass

from flask import has_request_context, session
from flask_babel import get_locale
from markupsafe import Markup, escape

from .config import LANGUAGES


def select_locale():
    """The visitor's explicit choice (kept in the session), else Swedish.

    Not the browser's preference: Swedish is the language of a Swedish public service (the
    Language Act, 2009:600), so a first visit is in Swedish whatever the browser asks for, and
    English is a choice the switch in the header remembers. Outside a request (the ``samverkan``
    command) Swedish too.
    """
    if has_request_context() and session.get("lang") in LANGUAGES:
        return session["lang"]
    return LANGUAGES[0]


@dataclass(frozen=True)
class LocalizedText:
    """Plugin text in the UI language, and whether it fell back to Swedish in the English UI.

    Rendered in a template (``{{ value }}``) it is escaped, and a Swedish fallback is wrapped in
    ``<span lang="sv">`` so that screen readers switch voice (WCAG 2.1, 3.1.2 Language of Parts).
    Where no markup may go (``<title>``, attributes) use ``value.text``.
    """

    text: str
    fallback: bool = False

    def __str__(self):
        return self.text

    def __bool__(self):
        return bool(self.text)

    def __html__(self):
        if self.fallback:
            return Markup('<span lang="sv">%s</span>') % self.text
        return escape(self.text)

    def block(self, css_class=None):
        """The text, HTML of blocks (rendered Markdown), in a ``<div>`` (of ``css_class``) marked
        like the whole: a ``<span>`` may not hold blocks."""
        attributes = (Markup(' class="%s"') % css_class if css_class else Markup("")) + (
            Markup(' lang="sv"') if self.fallback else Markup(""))
        return Markup("<div%s>") % attributes + self.text + Markup("</div>")

    def paragraphs(self):
        """The text as ``<p>`` elements, split at blank lines, each marked like the whole."""
        tag = Markup('<p lang="sv">') if self.fallback else Markup("<p>")
        parts = [part.strip() for part in self.text.split("\n\n") if part.strip()]
        return Markup("\n").join(tag + part + Markup("</p>") for part in parts)


def swedish(text):
    """Text people typed, or plugins gave in Swedish only: Swedish, so marked ``lang="sv"`` in the
    English UI (the template filter ``swedish``: ``{{ initiative.title|swedish }}``; for blocks,
    ``(text|swedish).block()``; in ``<title>``, attributes and ``<option>`` no markup may go)."""
    text = "" if text is None else text if isinstance(text, str) else str(text)  # Markup stays Markup
    # text without a letter ("%", "17") is in no language
    in_words = any(char.isalpha() for char in text)
    return LocalizedText(text, fallback=in_words and get_locale().language != LANGUAGES[0])


def localized(obj, field):
    """``obj.<field>_en`` in the English UI where the plugin gave one, else the Swedish ``obj.<field>``."""
    translated = getattr(obj, f"{field}_en", None)
    if translated and get_locale().language != LANGUAGES[0]:
        return LocalizedText(translated)
    return swedish(getattr(obj, field))
