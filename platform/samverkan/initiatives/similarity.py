"""Similar initiatives in other regions: what a council reads to find whom to call.

Two steps, so that a page stays fast with 100,000 initiatives:

1. **Candidates, in SQL**: published initiatives led from a region the initiative is not in that
   share at least one theme with it (set directly or carried by a linked plan node): for each of
   its themes the newest that carry it (:data:`PER_THEME`, read from indexes), of those the ones
   sharing the most themes first, at most :data:`CANDIDATES`. An initiative without any theme
   falls back to initiatives whose title holds one of its title's longest word stems.
2. **Ranking, in Python** (:func:`rank`), over those (a hundred at most): the Jaccard overlap of the theme
   sets plus the TF-IDF cosine of their texts (title, summary and the start of the description),
   on Swedish-stemmed words without stop words. Both count; either alone can lift a candidate.
"""
import math
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer
from sqlalchemy import func, or_, select, union
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..themes.models import Theme
from .models import Initiative, theme_links, theme_sources

#: per theme, how many of the newest initiatives carrying it the SQL step looks at (twice: those
#: that carry it directly and those that carry it through a plan node)
PER_THEME = 100
#: how many initiatives the SQL step hands to the ranking
CANDIDATES = 100
#: how much of a description the ranking reads (the start says what it is about)
DESCRIPTION_CHARS = 500
#: how many similar initiatives a page shows
SHOWN = 5
#: the weights of the theme overlap and of the text similarity in the score (each is 0..1)
THEME_WEIGHT, TEXT_WEIGHT = 0.5, 0.5

#: letters only (å, ä, ö and other accented letters included; no digits, no underscore)
WORD = re.compile(r"[^\W\d_]+")
#: common Swedish words (and the bits of web addresses) that say nothing about what a text is about
STOPWORDS = frozenset("""
alla allt andra att av bara bli blir blev de dem den denna deras dess dessa det detta dig din du där
efter eller en ett från för genom ha har hade hans hennes hon hos hur här i in inom inte ju kan man
med mellan men mer mot många ni nu när och också om oss på samt sig sin sina sitt ska skulle som så
till under upp ut utan vad var vara vi via vid vilka vilken vilket än är över
http https www se com nu
""".split())

_local = threading.local()


def _stemmer():
    """A Snowball stemmer per thread: a stemmer keeps the word it works on as state."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("swedish")
    return stemmer


@lru_cache(maxsize=50_000)
def stem(word):
    return _stemmer().stemWord(word)


def _folded(text):
    return unicodedata.normalize("NFC", text or "").casefold()


def _meaningful(word):
    return len(word) > 1 and word not in STOPWORDS


def words(text):
    """The words of ``text``, folded (Unicode NFC, case-folded), stop words and single letters out."""
    return [word for word in WORD.findall(_folded(text)) if _meaningful(word)]


def terms(text):
    """The Swedish stems of the words of ``text``: "validering" and "valideringen" are one term."""
    return [stem(word) for word in words(text)]


def term_counts(text):
    """term -> how often ``text`` uses it: :func:`terms`, counted (each distinct word stemmed once)."""
    counts = Counter()
    for word, times in Counter(WORD.findall(_folded(text))).items():
        if _meaningful(word):
            counts[stem(word)] += times
    return counts


@dataclass(frozen=True)
class Document:
    """What the ranking compares of an initiative."""

    id: int
    text: str
    theme_ids: frozenset = frozenset()


@dataclass
class Match:
    """A ranked candidate: its score and its parts, and the themes it shares (the "why")."""

    id: int
    score: float
    theme_score: float
    text_score: float
    shared_theme_ids: frozenset
    #: filled in for the page by :func:`similar_to`
    initiative: Initiative | None = None
    shared_themes: list = field(default_factory=list)


def _weighted(counts, idf):
    vector = {term: (1 + math.log(count)) * idf[term] for term, count in counts.items()}
    return vector, math.sqrt(sum(value * value for value in vector.values()))


def rank(subject, candidates, limit=SHOWN):
    """The ``limit`` candidates most like ``subject`` (all :class:`Document`), best first.

    The inverse document frequency is that of the candidates and the subject: a word every
    candidate uses says little here. A candidate with neither a shared theme nor a shared term
    is not similar at all and is left out. Ties go to the newer initiative (the higher id).
    """
    counts = [term_counts(document.text) for document in (subject, *candidates)]
    frequency = Counter(term for document in counts for term in document)
    total = len(counts)
    idf = {term: math.log((1 + total) / (1 + n)) + 1 for term, n in frequency.items()}
    mine, my_norm = _weighted(counts[0], idf)
    matches = []
    for candidate, candidate_counts in zip(candidates, counts[1:]):
        theirs, their_norm = _weighted(candidate_counts, idf)
        dot = sum(weight * theirs[term] for term, weight in mine.items() if term in theirs)
        text_score = dot / (my_norm * their_norm) if dot else 0.0
        shared = subject.theme_ids & candidate.theme_ids
        either = subject.theme_ids | candidate.theme_ids
        theme_score = len(shared) / len(either) if either else 0.0
        score = THEME_WEIGHT * theme_score + TEXT_WEIGHT * text_score
        if score > 0:
            matches.append(Match(candidate.id, score, theme_score, text_score, frozenset(shared)))
    matches.sort(key=lambda match: (-match.score, -match.id))
    return matches[:limit]


# -- the SQL step --------------------------------------------------------------------------------

def themes_of(initiative_ids):
    """initiative id -> the ids of its themes, direct and through its plan nodes (one query)."""
    found = {initiative_id: set() for initiative_id in initiative_ids}
    if not found:
        return {}
    for initiative_id, theme_id in db.session.execute(
            select(theme_links.c.initiative_id, theme_links.c.theme_id)
            .where(theme_links.c.initiative_id.in_(list(found)))):
        found[initiative_id].add(theme_id)
    return {initiative_id: frozenset(ids) for initiative_id, ids in found.items()}


def _comparable(initiative, region_ids):
    """Published initiatives led from none of ``region_ids``, other than ``initiative``."""
    return (Initiative.draft.is_(False), Initiative.lead_region_id.not_in(region_ids),
            Initiative.id != initiative.id)


def candidates_by_theme(initiative, theme_ids, limit=CANDIDATES):
    """The ids of comparable initiatives sharing a theme, the most shared themes first, then the
    newest.

    Bounded work whatever the number of initiatives: for each theme, the :data:`PER_THEME` newest
    comparable initiatives that carry it directly and as many through a plan node (index scans
    newest first, stopping at the limit); the theme overlap is counted on the few hundred found.
    """
    comparable = _comparable(initiative, initiative.region_ids)
    newest = []
    for theme_id in theme_ids:
        for source in theme_sources():
            initiative_id, theme = source.selected_columns
            newest.append(source.with_only_columns(initiative_id)
                          .join(Initiative, Initiative.id == initiative_id)
                          .where(theme == theme_id, *comparable)
                          .order_by(initiative_id.desc()).limit(PER_THEME).subquery())
    found = union(*(select(sub.c.initiative_id) for sub in newest)).subquery()
    ids = list(db.session.scalars(select(found.c.initiative_id)))
    themes = themes_of(ids)
    shared = {initiative_id: len(theme_ids & themes[initiative_id]) for initiative_id in ids}
    return sorted(ids, key=lambda initiative_id: (-shared[initiative_id], -initiative_id))[:limit], themes


def candidates_by_title(initiative, limit=CANDIDATES):
    """The ids of comparable initiatives whose title holds a stem of one of the three longest
    words of this one's title: the fallback for an initiative without themes."""
    stems = sorted({stem(word) for word in words(initiative.title)}, key=len, reverse=True)[:3]
    stems = [s for s in stems if len(s) >= 4]
    if not stems:
        return []
    query = (select(Initiative.id).where(*_comparable(initiative, initiative.region_ids),
                                         or_(*(Initiative.title.ilike(f"%{s}%") for s in stems)))
             .order_by(Initiative.id.desc()).limit(limit))
    return list(db.session.scalars(query))


def _documents(ids, themes):
    text = func.substr(Initiative.description, 1, DESCRIPTION_CHARS)
    rows = db.session.execute(select(Initiative.id, Initiative.title, Initiative.summary, text)
                              .where(Initiative.id.in_(ids)))
    # the title counts twice: it is the densest statement of what an initiative is about
    return [Document(row[0], f"{row[1]} {row[1]} {row[2] or ''} {row[3] or ''}", themes.get(row[0], frozenset()))
            for row in rows]


def similar_to(initiative, limit=SHOWN):
    """The published initiatives of other regions most like ``initiative``, best first, each a
    :class:`Match` with its initiative (owner and lead region loaded) and the themes it shares."""
    mine = themes_of([initiative.id])[initiative.id]
    if mine:
        ids, themes = candidates_by_theme(initiative, mine)
    else:
        ids, themes = candidates_by_title(initiative), {}
    if not ids:
        return []
    subject = Document(initiative.id, f"{initiative.title} {initiative.title} {initiative.summary or ''} "
                                      f"{(initiative.description or '')[:DESCRIPTION_CHARS]}", mine)
    matches = rank(subject, _documents(ids, themes), limit)
    loaded = {row.id: row for row in db.session.scalars(
        select(Initiative).where(Initiative.id.in_([match.id for match in matches]))
        .options(joinedload(Initiative.owner), joinedload(Initiative.lead_region)))}
    shared_ids = set().union(*(match.shared_theme_ids for match in matches))
    themes = db.session.scalars(select(Theme).where(Theme.id.in_(shared_ids)).order_by(Theme.position)).all() \
        if shared_ids else []
    for match in matches:
        match.initiative = loaded[match.id]
        match.shared_themes = [theme for theme in themes if theme.id in match.shared_theme_ids]
    return matches
