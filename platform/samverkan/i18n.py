"""Language choice and the display of plugin content in the UI language."""
from dataclasses import dataclass

from flask import has_request_context, request, session
from flask_babel import get_locale
from markupsafe import Markup, escape

from .config import LANGUAGES


def select_locale():
    """The visitor's explicit choice (kept in the session), else their browser's preference.

    Outside a request (the ``samverkan`` command) the default language.
    """
    if not has_request_context():
        return LANGUAGES[0]
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return request.accept_languages.best_match(LANGUAGES) or LANGUAGES[0]


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

    def paragraphs(self):
        """The text as ``<p>`` elements, split at blank lines, each marked like the whole."""
        tag = Markup('<p lang="sv">') if self.fallback else Markup("<p>")
        parts = [part.strip() for part in self.text.split("\n\n") if part.strip()]
        return Markup("\n").join(tag + part + Markup("</p>") for part in parts)


def localized(obj, field):
    """``obj.<field>_en`` in the English UI where the plugin gave one, else the Swedish ``obj.<field>``."""
    swedish = getattr(obj, field) or ""
    if get_locale().language != LANGUAGES[0]:
        translated = getattr(obj, f"{field}_en", None)
        if translated:
            return LocalizedText(translated)
        return LocalizedText(swedish, fallback=bool(swedish))
    return LocalizedText(swedish)
