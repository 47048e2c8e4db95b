"""Swedish words for the search index and for queries, the same on both databases.

Text is case-folded and split into words; Swedish stop words are dropped (the ones PostgreSQL's
``swedish`` configuration drops, so that both databases find the same). A word written with
å, ä or ö is indexed a second time without them, so that "vasteras" typed on a keyboard without
them finds "Västerås".

On SQLite the stems are made here (Snowball's Swedish stemmer, the algorithm PostgreSQL's
``swedish`` configuration uses) and stored; on PostgreSQL the database stems the same words. A
query's words are stemmed here for both, shortened by a derivational ending (-ing, -ning) and
matched as prefixes of the stored stems: "validering" becomes ``valider``, which finds
"validera" (stem ``valider``), "validering" and the compound "valideringscentrum".
"""
import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer

#: Snowball's Swedish stop words (PostgreSQL's ``tsearch_data/swedish.stop``)
STOP_WORDS = frozenset("""
och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du
henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut när efter upp
vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv
detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er sådan
vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt
våra ert era vilkas
""".split())

#: a word: letters and digits (an underscore or a hyphen separates words, as in the databases)
_WORD = re.compile(r"[^\W_]+")
#: how many words of a query count (a longer one is cut: the page must answer quickly)
MAX_QUERY_WORDS = 8
#: a query word shorter than this matches whole words only (a prefix of two letters matches half
#: the index, and ranking all of that would be slow)
MIN_PREFIX = 3
#: endings that make a noun of a verb (validera → validering, utbilda → utbildning): dropped
#: from a query's stem when at least this much of the word is left
DERIVATIONAL_ENDINGS = ("ning", "ing")
MIN_DERIVED_STEM = 4

_stemmer = snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=200_000)
def stem(word):
    """The Snowball stem of a case-folded word (cached: the words of a language repeat)."""
    return _stemmer.stemWord(word)


def fold(word):
    """``word`` without diacritics: "västerås" → "vasteras"."""
    return "".join(char for char in unicodedata.normalize("NFKD", word) if not unicodedata.combining(char))


def words(text):
    """The words of ``text``, case-folded, without stop words."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return [word for word in _WORD.findall(folded) if word not in STOP_WORDS]


def with_folded(text):
    """The words of ``text`` and, after them, those with diacritics once more without: what
    PostgreSQL indexes (it stems them itself)."""
    found = words(text)
    return " ".join(found + [folded for word in found if (folded := fold(word)) != word])


def stems(text):
    """The stems of ``text``'s words and of their folded forms: what SQLite indexes."""
    found = words(text)
    return " ".join([stem(word) for word in found]
                    + [stem(folded) for word in found if (folded := fold(word)) != word])


class Term(NamedTuple):
    """A word of a query: what a stored stem must be or begin with, and the word's own stem, which
    ranks a document higher ("vasteras" finds "Västernorrland" too, but "Västerås" first)."""

    stem: str
    prefix: bool
    exact: str


def _shortened(term):
    for ending in DERIVATIONAL_ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= MIN_DERIVED_STEM:
            return term[: -len(ending)]
    return term


def query_terms(query):
    """The :class:`Term` s a query searches for; every one must match (AND). Empty when the query
    holds no word worth searching for."""
    terms = []
    for word in words(query)[:MAX_QUERY_WORDS]:
        exact = stem(word)
        prefix = len(word) >= MIN_PREFIX
        term = Term(_shortened(exact) if prefix else exact, prefix, exact)
        if term not in terms:
            terms.append(term)
    return terms
