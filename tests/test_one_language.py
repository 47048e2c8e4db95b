"""One language per page: no English page carries a Swedish string of the catalogue, and no
Swedish page an English one that the catalogue translates.

Every page type of the world of :mod:`page_world`, signed out and as each kind of account, in both
languages, whole and as htmx's fragment, read with the Flask test client
(:func:`page_world.read_every_page`).
A page's text is what a reader meets: the text and the attributes read aloud or shown (labels,
titles, placeholders, button values), without scripts and styles, without what is marked as the
other language (``lang="sv"`` on an English page: what people typed and untranslated plan text;
``lang="en"`` on a Swedish one: the switch to English), and without literals marked
``translate="no"`` (the column names a file to import may use, in either language).
"""
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import collab
from babel.messages.pofile import read_po
from conftest import in_language, login
from page_world import email_of

import samverkan
from samverkan.extensions import db

CATALOGUE = Path(samverkan.__file__).parent / "translations/sv/LC_MESSAGES/messages.po"
#: placeholders split a message into the literal parts a page shows
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
#: attributes whose text a reader meets
READ_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "aria-description"}
#: elements whose content is no text a reader meets
NOT_TEXT = {"script", "style"}
#: elements without an end tag
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def telling(part):
    """Whether ``part`` of a message tells its language: two words or more and at least twelve
    letters. Single words are left out (proper nouns, loan words and words the languages share:
    "Status", "Region", "Moodle"), and so are short phrases, which another string may contain by
    chance."""
    return len(part.split()) >= 2 and sum(char.isalpha() for char in part) >= 12


def parts(message):
    """The telling literal parts of a catalogue message, without its placeholders."""
    return {part.strip(" .,:;–-") for part in PLACEHOLDER.split(message) if telling(part.strip(" .,:;–-"))}


def catalogue_strings():
    """``{"sv": Swedish strings an English page must not carry, "en": English strings a Swedish
    page must not carry}``: the parts of each entry whose translation differs from it."""
    with CATALOGUE.open("rb") as po:
        catalogue = read_po(po)
    strings = {"sv": set(), "en": set()}
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        translations = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        english = set().union(*(parts(text) for text in ids))
        swedish = set().union(*(parts(text) for text in translations if text))
        strings["en"] |= english - swedish
        strings["sv"] |= swedish - english
    # a part that is a string of both languages tells neither
    shared = strings["en"] & strings["sv"]
    return {lang: found - shared for lang, found in strings.items()}


class ReadText(HTMLParser):
    """The text a reader meets on a page in ``lang``, leaving out elements in the other language."""

    def __init__(self, lang):
        super().__init__(convert_charrefs=True)
        self.lang = lang
        self.skipping = []  # the open elements, each True where its content is left out
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        other = attrs.get("lang") not in (None, self.lang) or attrs.get("translate") == "no" or tag in NOT_TEXT
        skipped = other or any(self.skipping)
        if not skipped:
            self.text += [value for name, value in attrs.items() if name in READ_ATTRIBUTES and value]
            if tag in ("input", "button") and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.text.append(attrs["value"])
        if tag not in VOID:
            self.skipping.append(skipped)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.skipping.pop()

    def handle_endtag(self, tag):
        if tag not in VOID and self.skipping:
            self.skipping.pop()

    def handle_data(self, data):
        if not any(self.skipping):
            self.text.append(data)


def read_text(page, lang):
    reader = ReadText(lang)
    reader.feed(page)
    return "\n".join(" ".join(chunk.split()) for chunk in reader.text if chunk.strip())


def carried(text, strings):
    """The strings ``text`` carries as whole words."""
    return sorted(string for string in strings if string in text
                  and re.search(r"(?<!\w)" + re.escape(string) + r"(?!\w)", text))


def test_no_page_in_one_language_carries_a_catalogue_string_of_the_other(every_page):
    strings = catalogue_strings()
    found, searched = {}, {}
    for page in every_page.pages:
        other = "sv" if page.lang == "en" else "en"
        text = read_text(page.text, page.lang)
        if (page.lang, text) not in searched:  # (many readers meet the same text)
            searched[page.lang, text] = carried(text, strings[other])
        for string in searched[page.lang, text]:
            found.setdefault(f"{string!r} in {page.lang}", set()).add(page.url)
    assert not found, "\n".join(f"{string} on {', '.join(sorted(where)[:3])}" for string, where in sorted(found.items()))


def test_the_audit_log_labels_changes_and_import_summaries_in_the_pages_language(synced_app, accounts):
    """A change's fields, an import's counts and a fixed detail are in the reader's language: the log
    keeps raw keys, numbers and English, the page words them (it showed "is practice" and English
    summaries)."""
    from samverkan import audit

    with synced_app.app_context():
        initiative = collab.make_initiative("vastmanland", title="Lärlingar i industrin")
        audit.record("update", obj=initiative, changes={"is_practice": [False, True]})
        audit.record("import", object_type="Initiative", changes={
            "file": "initiativ.csv", "new": 3, "updated": 1, "new_actors": 2, "new_networks": 0})
        audit.record("password-reset-requested", object_type="Person",
                     detail=audit.N_("no active account with that address"))
        db.session.commit()
    admin = synced_app.test_client()
    assert login(admin, email_of("platform-admin")).status_code == 302
    swedish = read_text(in_language(admin, "sv").get("/admin/audit?command_line=y").text, "sv")
    assert "gott exempel\nnej → ja" in swedish
    assert "fil\ninitiativ.csv\nnya\n3\nuppdaterade\n1\nnya aktörer\n2\nnya nätverk\n0" in swedish
    assert "inget aktivt konto med den adressen" in swedish
    english = read_text(in_language(admin, "en").get("/admin/audit?command_line=y").text, "en")
    assert "good example\nno → yes" in english
    assert "file\ninitiativ.csv\nnew\n3\nupdated\n1\nnew actors\n2\nnew networks\n0" in english
    assert "no active account with that address" in english


def test_what_people_typed_is_marked_swedish_on_english_pages_only(synced_app, accounts):
    """Titles, texts and minutes people typed are Swedish: an English page marks each ``lang="sv"``
    (screen readers switch voice, WCAG 2.1 3.1.2), a Swedish page leaves them unmarked."""
    from datetime import date

    with synced_app.app_context():
        initiative = collab.make_initiative("vastmanland", title="Lärlingar i industrin", summary="Fler lärlingar.",
                                            description="Arbetsgivarna **tar emot** lärlingar.",
                                            results="Tio lärlingar anställda.")
        collab.make_entry(initiative, date(2025, 3, 1), happened="Vi har träffat arbetsgivarna.")
        meeting = collab.make_meeting(collab.make_forum(slug="vastmanland"), title="Rådsmöte",
                                      minutes="Rådet **beslutade** att gå vidare.")
        db.session.commit()
        initiative_url, meeting_url = f"/initiatives/{initiative.id}", f"/meetings/{meeting.id}"
    client = synced_app.test_client()
    english = in_language(client, "en").get(initiative_url).text
    assert '<h1><span lang="sv">Lärlingar i industrin</span></h1>' in english
    assert '<p class="lead"><span lang="sv">Fler lärlingar.</span></p>' in english
    assert '<div lang="sv"><p>Arbetsgivarna <strong>tar emot</strong> lärlingar.</p>' in english
    assert '<span lang="sv">Tio lärlingar anställda.</span>' in english
    assert '<span lang="sv">Vi har träffat arbetsgivarna.</span>' in english
    assert '<a href="%s"><span lang="sv">Lärlingar i industrin</span></a>' % initiative_url in (
        client.get("/initiatives/?region=vastmanland").text)
    minutes = client.get(meeting_url).text
    assert '<h1><span lang="sv">Rådsmöte</span></h1>' in minutes
    assert '<div class="minutes" lang="sv"><p>Rådet <strong>beslutade</strong> att gå vidare.</p>' in minutes
    swedish = in_language(client, "sv").get(initiative_url).text + client.get(meeting_url).text
    assert '<span lang="sv">' not in swedish and ' lang="sv"><p>' not in swedish
    assert "<h1>Lärlingar i industrin</h1>" in swedish and '<div class="minutes"><p>Rådet' in swedish


def test_the_theme_filters_name_the_themes_in_the_pages_language(synced_app):
    """The initiative list's and the practice library's theme filters offer the vocabulary in the
    page's language (the English pages listed all 17 themes in Swedish)."""
    from sqlalchemy import select

    from samverkan.themes.models import Theme

    with synced_app.app_context():
        themes = db.session.execute(select(Theme.slug, Theme.name, Theme.name_en).order_by(Theme.position)).all()
    client = synced_app.test_client()
    for url in ("/initiatives/", "/practices/"):
        for lang in ("sv", "en"):
            page = in_language(client, lang).get(url).text
            select_html = page.split('name="theme"')[1].split("</select>")[0]
            offered = [(slug, html.unescape(name))
                       for slug, name in re.findall(r'<option value="([\w-]+)">([^<]+)</option>', select_html)]
            assert offered == [(slug, name if lang == "sv" else name_en) for slug, name, name_en in themes], (url, lang)


def test_every_column_the_audit_log_may_show_has_a_label(synced_app):
    """A column without a label would show by its name, in English on the Swedish log ("is practice")."""
    from samverkan import audit_display

    unlabelled = sorted(f"{name}.{column.name}" for name, kind in audit_display.KINDS.items() if kind.model is not None
                        for column in kind.model.__table__.columns
                        if column.name != "id" and column.name not in audit_display.FIELD_LABELS)
    assert unlabelled == []
