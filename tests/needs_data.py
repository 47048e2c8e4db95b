"""Survey rounds with answers for the needs tests: employers, a round, and their needs, written
through the survey's own services (answers saved while the round was open)."""
from datetime import date, timedelta

from sqlalchemy import select

from samverkan.actors.models import Actor, comparable_name
from samverkan.extensions import db
from samverkan.needs import services
from samverkan.regions.models import Region
from samverkan.times import today

#: a round that closed long before any test runs
CLOSED = (date(2026, 1, 12), date(2026, 2, 15))
EARLIER = (date(2025, 1, 13), date(2025, 2, 16))


def need(ssyk, seqf, route, one, three, occupation="Yrke"):
    return dict(occupation=occupation, ssyk_group=ssyk, count_1y=one, count_3y=three, seqf_level=seqf,
                importance="high", bottleneck=False, education_route=route, comment="")


#: five employers in three municipalities of Västmanland: (name, municipality, needs)
FIVE = [
    ("Arbetsgivare Ett AB", "Västerås", [need("2", 6, "higher-education", 2, 5), need("5", 4, "upper-secondary", 3, 6)]),
    ("Arbetsgivare Två AB", "Västerås", [need("2", 7, "higher-education", 1, 2)]),
    ("Arbetsgivare Tre AB", "Västerås", [need("2", 6, "higher-vocational", 4, 4), need("7", 4, "upper-secondary", 5, 10)]),
    ("Arbetsgivare Fyra AB", "Köping", [need("7", 4, "upper-secondary", 2, 3)]),
    ("Arbetsgivare Fem AB", "Sala", [need("5", 3, "validation", 1, 1)]),
]


def region(slug):
    return db.session.scalars(select(Region).filter_by(slug=slug)).one()


def employer(name, municipality, slug):
    found = db.session.scalars(select(Actor).filter_by(comparable_name=comparable_name(name))).first()
    if found is None:
        found = Actor(name=name, comparable_name=comparable_name(name), kind="employer", municipality=municipality,
                      regions=[region(slug)])
        db.session.add(found)
        db.session.flush()
    return found


def make_round(slug, answers, period=CLOSED, title="Behovsinventering 2026", statuses=None, invited_only=()):
    """A round of ``slug`` over ``period`` whose employers (``answers``: (name, municipality, needs))
    answered while it was open, completed unless ``statuses`` says "in-progress" for the name;
    ``invited_only`` are invited and never answer. Committed; returns the round's id."""
    statuses = statuses or {}
    place = region(slug)
    actors = [employer(name, municipality, slug) for name, municipality, _needs in answers]
    actors += [employer(name, municipality, slug) for name, municipality in invited_only]
    survey = services.open_round(place, title=title, opens_on=period[0], closes_on=period[1],
                                 question_set_version=1, actors=actors)
    by_actor = {response.actor_id: response for response in survey.responses}
    for actor, (name, _municipality, needs) in zip(actors, answers):
        services.save_answers(by_actor[actor.id], needs, {}, today=period[0] + timedelta(days=1),
                              complete=statuses.get(name, "completed") == "completed")
    db.session.commit()
    return survey.id


def open_period():
    return today() - timedelta(days=3), today() + timedelta(days=20)
