"""The shared question set of the needs survey, owned by the core so every region's answers add up.

Each need an employer reports answers the same questions in every region: the occupation, its
occupational group (SSYK 2012 major group), how many people are needed within one and within
three years, the qualification level (SeQF 1–8), how strategically important it is, whether it is
a bottleneck, the education route that could meet it, and a comment. A region adds questions of
its own through ``samverkan_needs_questions``; it never changes these.

A new version of the set is a new entry in :data:`QUESTION_SETS`; a round records the version it
was opened with, so earlier rounds stay readable and comparable.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

#: SSYK 2012 major groups (yrkesområden), Statistics Sweden's classification: code -> (Swedish, English)
SSYK_GROUPS = {
    "0": ("Militärt arbete", "Armed forces occupations"),
    "1": ("Chefsyrken", "Managers"),
    "2": ("Yrken med krav på fördjupad högskolekompetens",
          "Occupations requiring advanced level of higher education"),
    "3": ("Yrken med krav på högskolekompetens eller motsvarande",
          "Occupations requiring higher education qualifications or equivalent"),
    "4": ("Yrken inom administration och kundtjänst", "Administration and customer service clerks"),
    "5": ("Service-, omsorgs- och försäljningsyrken", "Service, care and shop sales workers"),
    "6": ("Yrken inom lantbruk, trädgård, skogsbruk och fiske",
          "Agricultural, horticultural, forestry and fishery workers"),
    "7": ("Yrken inom byggverksamhet och tillverkning", "Building and manufacturing workers"),
    "8": ("Yrken inom maskinell tillverkning och transport m.m.",
          "Mechanical manufacturing and transport workers, etc."),
    "9": ("Yrken med krav på kortare utbildning eller introduktion", "Elementary occupations"),
}

#: SeQF levels (the Swedish qualifications framework, seed 004's fact box): level -> short
#: description, by the qualifications typically placed at it (Förordning 2015:545, bilaga 2)
SEQF_LEVELS = {
    1: _l("Basic knowledge and skills, e.g. from adapted compulsory school"),
    2: _l("Knowledge at the level of compulsory school"),
    3: _l("Knowledge from parts of upper-secondary education, e.g. single vocational courses"),
    4: _l("Upper-secondary diploma"),
    5: _l("Higher vocational education diploma or a two-year university diploma"),
    6: _l("Bachelor's degree or advanced higher vocational diploma"),
    7: _l("Master's degree or professional degree at advanced level"),
    8: _l("Licentiate or doctoral degree"),
}

#: key -> label: the education routes that could meet a need
EDUCATION_ROUTES = {
    "upper-secondary": _l("Upper-secondary school or adult education"),
    "higher-vocational": _l("Higher vocational education (YH)"),
    "higher-education": _l("Higher education"),
    "validation": _l("Validation of existing competence"),
    "internal": _l("Internal training"),
    "other": _l("Other"),
}

#: key -> label: how strategically important a need is to the employer, least first
IMPORTANCE = {
    "low": _l("Low"),
    "medium": _l("Medium"),
    "high": _l("High"),
}

#: the horizons a need is counted over: key -> (the need's column, label)
HORIZONS = {
    "1y": ("count_1y", _l("Within 1 year")),
    "3y": ("count_3y", _l("Within 3 years")),
}

#: the largest number of people one need may count; a larger figure is a typing error
MAX_PEOPLE = 100_000


@dataclass(frozen=True)
class QuestionSet:
    """One version of the shared questions: the answer options each question offers."""

    version: int
    label: object
    ssyk_groups: tuple
    seqf_levels: tuple
    education_routes: tuple
    importance: tuple


QUESTION_SETS = {
    1: QuestionSet(1, _l("Shared needs survey, version 1 (2026)"), tuple(SSYK_GROUPS), tuple(SEQF_LEVELS),
                   tuple(EDUCATION_ROUTES), tuple(IMPORTANCE)),
}
CURRENT_QUESTION_SET = max(QUESTION_SETS)


def ssyk_name(code, locale="sv"):
    swedish, english = SSYK_GROUPS[code]
    return english if locale == "en" else swedish


def ssyk_label(code, locale="sv"):
    """"5 Service-, omsorgs- och försäljningsyrken": the code first, as SSYK is read."""
    return f"{code} {ssyk_name(code, locale)}"
