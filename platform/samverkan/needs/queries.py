"""Reads of the employers' needs that the public pages, their CSV and JSON files and the national
comparison share: which rounds count, and their needs added up (:mod:`.aggregation`).

Only **completed** responses of **closed** rounds count: watching an open round's totals move as
one employer submits would show that employer's answers, and a response in progress is not an
answer yet. A region's figures are those of its latest closed round unless another closed round is
asked for; nationally each region's latest closed round (or its latest that closed in a given year).

The aggregates are kept by the worker under the generation :data:`NEEDS` and today's date (a
round closes by the date alone), a region's under its own: a round written in one region renews
that region's figures (and the country's), a response or a need every region's. What is kept
holds the employers' ids only inside the aggregates, never in what a page is given.
"""
from dataclasses import dataclass
from datetime import date

from sqlalchemy import case, func, select

from .. import cache
from ..accounts.queries import region_administrators
from ..actors.models import Actor
from ..extensions import db
from ..regions.models import Region
from ..times import today
from .aggregation import DIMENSIONS, NeedRow, aggregate
from .models import ReportedNeed, SurveyResponse, SurveyRound
from .questions import QUESTION_SETS

#: what the aggregates read: the rounds name their region
NEEDS = cache.declare("needs", reads={"survey_rounds", "survey_responses", "reported_needs", "actors", "regions"},
                      regional={"survey_rounds": "region_id"})
#: aggregates a worker keeps under one generation (rounds asked for, national views)
MAX_KEPT = 128
#: the area of an employer whose municipality is not given (or not one of the region's)
NOT_GIVEN = ""


@dataclass(frozen=True)
class RoundSummary:
    """A closed round as the pages name it."""

    id: int
    region_id: int
    title: str
    opens_on: date
    closes_on: date
    question_set_version: int
    invited: int
    answered: int
    demo: bool


@dataclass(frozen=True)
class RegionNeeds:
    """A region's needs in one closed round: its municipalities (the areas, "not given" last) and
    the tables of every dimension."""

    round: RoundSummary
    areas: tuple
    categories: dict
    aggregate: object


@dataclass(frozen=True)
class NationalNeeds:
    """Each region's chosen round and the regions × categories tables."""

    #: (region row, :class:`RoundSummary`) in the regions' order
    regions: tuple
    categories: dict
    aggregate: object
    year: int | None


def kept(limit, region=None, part=None):
    """The worker's dict of :data:`NEEDS` for ``region`` (None: every region's) and today (a round
    closes by the date)."""
    return NEEDS.kept(limit, region, extra=(today(),), part=part)


def categories_of(versions):
    """{dimension: category keys} of the question sets ``versions``, in the order the sets give
    them (one set today; a later version's new categories come after)."""
    found = {dimension: [] for dimension in DIMENSIONS}
    for version in sorted(set(versions)) or [max(QUESTION_SETS)]:
        question_set = QUESTION_SETS[version]
        for dimension, keys in (("ssyk", question_set.ssyk_groups), ("seqf", question_set.seqf_levels),
                                ("route", question_set.education_routes)):
            found[dimension] += [key for key in keys if key not in found[dimension]]
    return {dimension: tuple(keys) for dimension, keys in found.items()}


def _summaries(where):
    """The closed rounds ``where`` says, newest first, with how many were invited and answered."""
    invited = func.count(SurveyResponse.id)
    answered = func.coalesce(func.sum(case((SurveyResponse.status == "completed", 1), else_=0)), 0)
    rows = db.session.execute(
        select(SurveyRound.id, SurveyRound.region_id, SurveyRound.title, SurveyRound.opens_on, SurveyRound.closes_on,
               SurveyRound.question_set_version, invited, answered, SurveyRound.demo)
        .outerjoin(SurveyResponse, SurveyResponse.round_id == SurveyRound.id)
        .where(SurveyRound.closes_on < today(), *where)
        .group_by(SurveyRound.id)
        .order_by(SurveyRound.closes_on.desc(), SurveyRound.id.desc())).all()
    return [RoundSummary(*row) for row in rows]


def closed_rounds(region_id):
    """The region's closed rounds, the latest closed first."""
    store = kept(MAX_KEPT, region_id)
    key = ("rounds", region_id)
    if key not in store:
        store[key] = _summaries([SurveyRound.region_id == region_id])
    return store[key]


def _need_rows(round_ids):
    """(round id, employer, municipality, need fields) of the completed responses of ``round_ids``."""
    return db.session.execute(
        select(SurveyResponse.round_id, SurveyResponse.actor_id, Actor.municipality, ReportedNeed.ssyk_group,
               ReportedNeed.seqf_level, ReportedNeed.education_route, ReportedNeed.count_1y, ReportedNeed.count_3y)
        .join(SurveyResponse, SurveyResponse.id == ReportedNeed.response_id)
        .join(Actor, Actor.id == SurveyResponse.actor_id)
        .where(SurveyResponse.round_id.in_(round_ids), SurveyResponse.status == "completed")).all()


def _region_aggregate(region_id, municipalities, summary, rows):
    """The :class:`RegionNeeds` of ``rows`` (of :func:`_need_rows`, the round's)."""
    named = {name.casefold(): name for name in municipalities}
    needs = [NeedRow(named.get((municipality or "").strip().casefold(), NOT_GIVEN), employer, ssyk, seqf, route,
                     one, three)
             for _round, employer, municipality, ssyk, seqf, route, one, three in rows]
    areas = (*municipalities, NOT_GIVEN)
    categories = categories_of([summary.question_set_version])
    return RegionNeeds(summary, areas, categories, aggregate(needs, areas, categories))


def region_needs(region, summary):
    """The :class:`RegionNeeds` of ``region`` in its closed round ``summary`` (kept)."""
    store = kept(MAX_KEPT, region.id)
    key = ("region", region.id, summary.id)
    if key not in store:
        store[key] = _region_aggregate(region.id, list(region.municipalities or ()), summary,
                                       _need_rows([summary.id]))
    return store[key]


def chosen_rounds(year=None):
    """{region id: its latest closed round}, or its latest that closed in ``year``."""
    where = [func.extract("year", SurveyRound.closes_on) == year] if year else []
    chosen = {}
    for summary in _summaries(where):
        chosen.setdefault(summary.region_id, summary)
    return chosen


def national_needs(year=None):
    """The :class:`NationalNeeds` (kept): each region's row as its own page shows it, the whole
    country's cells suppressed further where they would give a region's away."""
    store = kept(MAX_KEPT)
    key = ("national", year)
    if key in store:
        return store[key]
    chosen = chosen_rounds(year)
    regions = db.session.execute(
        select(Region.id, Region.slug, Region.name, Region.name_en, Region.municipalities)
        .where(Region.id.in_(list(chosen))).order_by(Region.name)).all()
    rows = _need_rows([summary.id for summary in chosen.values()]) if chosen else []
    by_round = {}
    for row in rows:
        by_round.setdefault(row[0], []).append(row)
    categories = categories_of([summary.question_set_version for summary in chosen.values()])
    linked, own_categories, needs = {}, {}, []
    for region in regions:
        summary = chosen[region.id]
        own = by_round.get(summary.id, [])
        # the region's own tables, as its page has them (kept for it too)
        regional, region_key = kept(MAX_KEPT, region.id), ("region", region.id, summary.id)
        if region_key not in regional:
            regional[region_key] = _region_aggregate(region.id, list(region.municipalities or ()), summary, own)
        linked[region.id] = regional[region_key].aggregate
        own_categories[region.id] = regional[region_key].categories
        needs += [NeedRow(region.id, employer, ssyk, seqf, route, one, three)
                  for _round, employer, _municipality, ssyk, seqf, route, one, three in own]
    result = NationalNeeds(tuple((region, chosen[region.id]) for region in regions), categories,
                           aggregate(needs, [region.id for region in regions], categories,
                                     locked=_missing_categories(own_categories, categories), linked=linked), year)
    store[key] = result
    return result


def _missing_categories(own_categories, categories):
    """A region's row keeps its own page's cells; a category its round's question set did not have
    is an empty cell, shown (locked: 0 is what the region's page would say)."""
    return {(dimension, area, category): False for area, own in own_categories.items()
            for dimension, keys in categories.items() for category in keys if category not in own[dimension]}


def round_contact(survey):
    """Whom an employer asks about the round (a refused link's page names them): the admin who
    opened it, else the region's first administrator; None if the region has no active one."""
    if survey.created_by is not None and survey.created_by.active:
        return survey.created_by
    return next(iter(region_administrators([survey.region_id])[survey.region_id]), None)
