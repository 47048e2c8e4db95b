"""Jinja globals and filters shared by every template."""
from flask import request
from flask_babel import get_locale

from .config import LANGUAGES
from .i18n import localized, localized_markup


def paragraphs(text):
    """Split plugin text into paragraphs at blank lines."""
    return [part.strip() for part in (text or "").split("\n\n") if part.strip()]


def current_path():
    """The path and query of this request, for forms that come back here (language switch)."""
    return request.full_path.rstrip("?")


def init_app(app):
    app.jinja_env.globals.update(
        tr=localized_markup,
        tr_text=localized,
        get_locale=get_locale,
        LANGUAGES=LANGUAGES,
        current_path=current_path,
    )
    app.jinja_env.filters["paragraphs"] = paragraphs
