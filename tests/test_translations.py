"""Every UI string is in the Swedish catalogue, translated, and the catalogue is compiled; words that
share an English msgid but not a Swedish one are told apart by their message context."""
from pathlib import Path

import collab
from conftest import in_language
import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

import samverkan
from samverkan.extensions import db

PACKAGE = Path(samverkan.__file__).parent
CATALOGUE = PACKAGE / "translations" / "sv" / "LC_MESSAGES" / "messages.po"
METHOD_MAP = [("**.py", "python"), ("**/templates/**.html", "jinja2")]


@pytest.fixture(scope="module")
def catalogue():
    with CATALOGUE.open("rb") as f:
        return read_po(f)


#: the keywords `make translations-update` extracts (Babel's defaults, ``_l`` and ``lazy_pgettext``
#: with its message context), and ``lazy_gettext``
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_pgettext": ((1, "c"), 2)}


def _key(message, context):
    """A message as the catalogue tells it apart: its message context and its (singular) id."""
    return context, message if isinstance(message, str) else message[0]


def source_strings():
    return {_key(message, context) for _filename, _lineno, message, _comments, context
            in extract_from_dir(PACKAGE, METHOD_MAP, keywords=KEYWORDS)}


def test_every_ui_string_is_in_the_catalogue(catalogue):
    known = {_key(m.id, m.context) for m in catalogue if m.id}
    missing = sorted(source_strings() - known, key=lambda key: (key[0] or "", key[1]))
    assert not missing, f"run `make translations-update` and translate: {missing}"


def test_every_catalogue_entry_is_translated(catalogue):
    empty = [m.id for m in catalogue if m.id and not (m.string if isinstance(m.string, str) else all(m.string))]
    assert not empty, f"untranslated: {empty}"


def test_catalogue_is_compiled_and_current():
    compiled = CATALOGUE.with_suffix(".mo")
    assert compiled.exists(), "run `make translations`"
    assert compiled.stat().st_mtime >= CATALOGUE.stat().st_mtime, "messages.mo is older than messages.po"


def test_a_cancelled_initiative_is_avbrutet_and_a_cancelled_meeting_installt(client):
    """The two share the English word, not the Swedish one: the initiative statuses have their
    own message context."""
    with client.application.app_context():
        initiative = collab.make_initiative("vastmanland", title="Lärlingar i industrin", status="cancelled")
        meeting = collab.make_meeting(collab.make_forum(slug="vastmanland"), title="Rådsmöte", status="cancelled")
        db.session.commit()
        pages = {"initiative": f"/initiatives/{initiative.id}", "meeting": f"/meetings/{meeting.id}",
                 "list": "/initiatives/?region=vastmanland"}
    swedish = {name: client.get(path).text for name, path in pages.items()}
    assert '<span class="tag status-tag status-cancelled">Avbrutet</span>' in swedish["initiative"]
    assert '<option value="cancelled">Avbrutet</option>' in swedish["list"]
    assert '<td><span class="tag status-tag status-cancelled">Avbrutet</span></td>' in swedish["list"]
    assert "<dd>Inställt</dd>" in swedish["meeting"]
    assert "Avbrutet" not in swedish["meeting"] and "Inställt" not in swedish["initiative"] + swedish["list"]
    english = {name: in_language(client, "en").get(path).text for name, path in pages.items()}
    assert '<span class="tag status-tag status-cancelled">Cancelled</span>' in english["initiative"]
    assert "<dd>Cancelled</dd>" in english["meeting"]
