"""Every UI string is in the Swedish catalogue, translated, and the catalogue is compiled."""
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import samverkan

PACKAGE = Path(samverkan.__file__).parent
CATALOGUE = PACKAGE / "translations" / "sv" / "LC_MESSAGES" / "messages.po"
METHOD_MAP = [("**.py", "python"), ("**/templates/**.html", "jinja2")]


@pytest.fixture(scope="module")
def catalogue():
    with CATALOGUE.open("rb") as f:
        return read_po(f)


def source_strings():
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        PACKAGE, METHOD_MAP, keywords={"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_ui_string_is_in_the_catalogue(catalogue):
    known = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue if m.id}
    missing = sorted(source_strings() - known)
    assert not missing, f"run `make translations-update` and translate: {missing}"


def test_every_catalogue_entry_is_translated(catalogue):
    empty = [m.id for m in catalogue if m.id and not (m.string if isinstance(m.string, str) else all(m.string))]
    assert not empty, f"untranslated: {empty}"


def test_catalogue_is_compiled_and_current():
    compiled = CATALOGUE.with_suffix(".mo")
    assert compiled.exists(), "run `make translations`"
    assert compiled.stat().st_mtime >= CATALOGUE.stat().st_mtime, "messages.mo is older than messages.po"
