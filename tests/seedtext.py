"""Shared plumbing for the plugin data tests: seed documents, PDF-layout normalisation, plan
walking, theme slugs and a plugin manager. A plain helper module (``from seedtext import ...``),
not a conftest.

Seed documents (plain-text dumps of the source plans) live in ``shared/seeds/`` beside the
repository, or where ``SAMVERKAN_SEEDS_DIR`` points; tests that need one are skipped when it is
not there.
"""
import os
import re
from pathlib import Path

import pytest

from samverkan.themes.vocabulary import CORE_THEMES

SEEDS = Path(os.environ.get("SAMVERKAN_SEEDS_DIR") or Path(__file__).resolve().parents[2] / "shared" / "seeds")

CORE_THEME_SLUGS = frozenset(theme.slug for theme in CORE_THEMES)

# A hyphen broken off at a line end, followed by a lowercase letter, is hyphenation:
# "kompetens-\nförsörjning", also across blank lines ("-\n\n" at a page break), and
# "kompetens- \nförsörjningsinsatser" (trailing space, one line break). A suspended hyphen
# before a paragraph break ("regional- \n\noch") and real hyphens ("studie- och") stay.
_HYPHENATION = re.compile(r"(?<=\w)-(?:\n\s*|[ \t]+\n[ \t]*)(?=[^\W\d_A-ZÅÄÖÉ])")


def normalise(text: str, *, fold: bool = False) -> str:
    """Undo the PDF layout: bullets, tabs, hyphenated line breaks, all runs of whitespace.

    With ``fold`` the text is also case-folded (before joining hyphenated words, so all-caps
    headings broken at a hyphen are joined too).
    """
    text = text.replace("•", " ").replace("\t", " ")
    if fold:
        text = text.casefold()
    text = _HYPHENATION.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def read_seed_raw(filename: str) -> str:
    """The seed document as it is, or skip the test when it is not available."""
    path = SEEDS / filename
    if not path.is_file():
        pytest.skip(f"source document not available: {path} (set SAMVERKAN_SEEDS_DIR to the seeds folder)")
    return path.read_text(encoding="utf-8")


def read_seed(filename: str, *, fold: bool = False) -> str:
    """The seed document, normalised, or skip the test when it is not available."""
    return normalise(read_seed_raw(filename), fold=fold)


def walk(nodes):
    """Every node of a plan tree, depth first, parents before their children."""
    for node in nodes:
        yield node
        yield from walk(node.children)

