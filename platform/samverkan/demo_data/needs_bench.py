"""Needs survey answers at the volume of a real county, for the benchmark (``samverkan demo needs``).

For each region asked for: ``employers`` synthetic employers over the region's municipalities (one
in twenty without a municipality), one closed round inviting them all, nine in ten of them
completed with ``needs`` needs between them, the rest never answered. Occupational groups, levels
and routes are drawn with realistic weights (care, building and manufacturing, and the higher
education groups most often). Written through the ORM (the cache generations see it) and marked
``demo``; a region that has the round already is left alone.
"""
import random
from datetime import timedelta

from sqlalchemy import select

from ..times import utcnow
from ..actors.models import Actor, comparable_name
from ..extensions import db
from ..needs.models import ReportedNeed, SurveyResponse, SurveyRound
from ..needs.questions import EDUCATION_ROUTES
from ..regions.models import Region
from ..times import today

TITLE = "Behovsinventering (belastningstest)"
#: SSYK major group -> weight
SSYK_WEIGHTS = {"0": 1, "1": 4, "2": 14, "3": 12, "4": 6, "5": 22, "6": 3, "7": 18, "8": 12, "9": 8}
OCCUPATIONS = {"0": "Soldat", "1": "Enhetschef", "2": "Sjuksköterska", "3": "Ingenjör", "4": "Administratör",
               "5": "Undersköterska", "6": "Skogsarbetare", "7": "Svetsare", "8": "Lastbilsförare", "9": "Lokalvårdare"}
#: SSYK major group -> the SeQF levels such a need most often asks for
LEVELS = {"0": (4, 5), "1": (5, 6, 7), "2": (6, 7, 8), "3": (5, 6), "4": (3, 4), "5": (3, 4), "6": (3, 4),
          "7": (3, 4, 5), "8": (3, 4), "9": (2, 3)}


def add_bench_needs(region_slugs, employers, needs, seed=10):
    """The benchmark's round in each of ``region_slugs``; returns {slug: round id}."""
    rng = random.Random(seed)
    groups, weights = list(SSYK_WEIGHTS), list(SSYK_WEIGHTS.values())
    routes = list(EDUCATION_ROUTES)
    found = {}
    for slug in region_slugs:
        region = db.session.scalars(select(Region).filter_by(slug=slug)).one_or_none()
        if region is None:
            raise LookupError(f"no region {slug!r}: run `samverkan plugins sync` first")
        existing = db.session.scalars(select(SurveyRound).filter_by(region_id=region.id, title=TITLE)).first()
        if existing is not None:
            found[slug] = existing.id
            continue
        towns = list(region.municipalities or ()) or [region.name]
        actors = []
        for n in range(employers):
            name = f"Arbetsgivare {n + 1} i {region.name} (test)"
            actor = db.session.scalars(select(Actor).filter_by(comparable_name=comparable_name(name))).first()
            if actor is None:
                actor = Actor(name=name, comparable_name=comparable_name(name), kind="employer",
                              municipality=None if n % 20 == 19 else towns[n % len(towns)], regions=[region])
                db.session.add(actor)
            actors.append(actor)
        closes = today() - timedelta(days=45)
        survey = SurveyRound(region=region, title=TITLE, opens_on=closes - timedelta(days=60), closes_on=closes,
                             question_set_version=1, region_questions=[], demo=True)
        db.session.add(survey)
        answering = [actor for n, actor in enumerate(actors) if n % 10 != 9]
        responses = {}
        for actor in actors:
            response = SurveyResponse(round=survey, actor=actor, status="invited")
            responses[id(actor)] = response
            db.session.add(response)
        per_employer = [0] * len(answering)
        for n in range(needs):
            per_employer[n % len(answering) if n < len(answering) else rng.randrange(len(answering))] += 1
        for actor, count in zip(answering, per_employer):
            response = responses[id(actor)]
            response.status, response.source = "completed", "link"
            response.saved_at = response.completed_at = utcnow() - timedelta(days=50)
            for position in range(count):
                group = rng.choices(groups, weights)[0]
                one = rng.choice((0, 1, 1, 2, 2, 3, 5))
                response.needs.append(ReportedNeed(
                    position=position, occupation=OCCUPATIONS[group], ssyk_group=group, count_1y=one,
                    count_3y=one + rng.choice((0, 1, 2, 4)), seqf_level=rng.choice(LEVELS[group]),
                    importance=rng.choice(("low", "medium", "high")), bottleneck=rng.random() < 0.2,
                    education_route=rng.choice(routes), comment=""))
        db.session.flush()
        found[slug] = survey.id
    db.session.commit()
    return found
