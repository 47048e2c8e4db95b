"""Language choice and the display of plugin content in the UI language."""
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


def localized(obj, field):
    """The English value of ``field`` in the English UI where the plugin gave one, else Swedish."""
    if get_locale().language != LANGUAGES[0]:
        translated = getattr(obj, f"{field}_en", None)
        if translated:
            return translated
    return getattr(obj, field)


def localized_markup(obj, field):
    """:func:`localized` for page text: Swedish shown in the English UI is marked ``lang="sv"``.

    That tells screen readers to switch voice (WCAG 2.1, 3.1.2 Language of Parts).
    """
    value = localized(obj, field)
    if get_locale().language != LANGUAGES[0] and value == getattr(obj, field):
        return Markup('<span lang="sv">%s</span>') % value
    return escape(value)
