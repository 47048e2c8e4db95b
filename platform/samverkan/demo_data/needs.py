"""Needs survey rounds for the demo: invented employers and their answers, the rounds marked
``demo=True`` so that every page that shows them says so.

For Västmanland and Västernorrland a **closed** round, "Kompetensbehovsinventering hösten", 1
September to 31 October of the last autumn that has ended by the day the demo is loaded (2026 for
a demo loaded from November 2026 to October 2027): 14 and 13 employers invited, 11 of each
answered, with 2–5 needs each in occupations typical of the county (care, industry, construction,
transport, IT, schools) and the region's own questions answered; the others never answered. The
employers are the demo's organisations that employ many (the regions and municipalities) and
invented companies in the counties' municipalities (their names are made up; they have no
organisation numbers). Most SSYK groups are reported by 3 employers or more and some by one or
two, and so are the municipalities: the aggregate pages show figures and suppressed cells.

And one **open** round of Västmanland, from ten days before the day the demo is loaded to a
month after it, with one employer that has saved a draft and two that have not started. No
personal link is issued to any demo employer: there is none to show.

A round is known by its region and title: loading twice adds nothing.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ..extensions import db
from ..needs import services
from ..needs.models import SurveyRound
from ..needs.questions import CURRENT_QUESTION_SET


@dataclass(frozen=True)
class Need:
    occupation: str
    ssyk_group: str
    count_1y: int
    count_3y: int
    seqf_level: int
    importance: str
    bottleneck: bool
    education_route: str
    comment: str = ""

    def answer(self):
        return {name: getattr(self, name) for name in services.NEED_FIELDS}


@dataclass(frozen=True)
class Employer:
    """An employer invited to a round: its needs (none: it never answered) and its answers to the
    region's own questions. ``kind`` None: an actor of the demo already (:data:`samverkan.demo.ACTORS`)."""

    name: str
    municipality: str
    needs: tuple = ()
    region_answers: dict = field(default_factory=dict)
    kind: str | None = "employer"


def _needs(*rows):
    return tuple(Need(*row) for row in rows)


UP, YH, HE, VAL, INT = "upper-secondary", "higher-vocational", "higher-education", "validation", "internal"

#: the closed rounds: region slug -> the employers invited
CLOSED = {
    "vastmanland": (
        Employer("Region Västmanland", "Västerås", _needs(
            ("Undersköterska", "5", 20, 60, 4, "high", True, UP, "Störst behov inom slutenvården och på natten."),
            ("Sjuksköterska", "2", 15, 45, 6, "high", True, HE),
            ("Specialistsjuksköterska, intensivvård", "2", 5, 15, 7, "high", True, HE,
             "Vi erbjuder betald specialistutbildning."),
            ("Medicinsk sekreterare", "3", 4, 10, 5, "medium", False, YH),
        ), {"has-competence-plan": True}, kind=None),
        Employer("Västerås stad", "Västerås", _needs(
            ("Undersköterska i hemtjänsten", "5", 25, 70, 4, "high", True, UP),
            ("Förskollärare", "2", 10, 30, 6, "high", True, HE),
            ("Grundlärare", "2", 8, 25, 6, "high", False, HE),
        ), {"has-competence-plan": True}, kind=None),
        Employer("Köpings kommun", "Köping", _needs(
            ("Undersköterska", "5", 6, 18, 4, "high", True, UP),
            ("Ämneslärare i matematik", "2", 3, 9, 7, "medium", False, HE),
        ), {"has-competence-plan": True}, kind=None),
        Employer("Mälardalens Precisionsmekanik AB", "Köping", _needs(
            ("CNC-operatör", "8", 4, 10, 4, "high", True, UP, "Gärna från industritekniska programmet."),
            ("Automationstekniker", "3", 2, 6, 5, "high", True, YH),
            ("Svetsare", "7", 2, 5, 4, "medium", False, VAL),
        ), {"has-competence-plan": False}),
        Employer("Västerås Automation & Styrteknik AB", "Västerås", _needs(
            ("Automationstekniker", "3", 3, 8, 5, "high", True, YH),
            ("Elektriker", "7", 2, 6, 4, "medium", False, UP),
            ("Mjukvaruutvecklare, inbyggda system", "2", 2, 5, 6, "medium", False, HE),
        ), {"has-competence-plan": True}),
        Employer("Fagersta Stålbearbetning AB", "Fagersta", _needs(
            ("CNC-operatör", "8", 3, 8, 4, "high", True, UP),
            ("Underhållsmekaniker", "7", 2, 4, 4, "high", True, YH),
            ("Processoperatör", "8", 2, 6, 4, "medium", False, INT),
        ), {"has-competence-plan": False}),
        Employer("Hallstahammars Bygg & Montage AB", "Hallstahammar", _needs(
            ("Snickare", "7", 3, 8, 4, "high", True, UP),
            ("Betongarbetare", "7", 2, 4, 4, "medium", False, VAL),
            ("Arbetsledare bygg", "3", 1, 2, 5, "high", False, YH),
        ), {"has-competence-plan": False}),
        Employer("Sala Omsorg & Assistans AB", "Sala", _needs(
            ("Personlig assistent", "5", 6, 12, 3, "medium", False, INT),
            ("Undersköterska", "5", 4, 10, 4, "high", True, UP),
        ), {"has-competence-plan": False}),
        Employer("Mälardalens Åkeri & Logistik AB", "Västerås", _needs(
            ("Lastbilsförare", "8", 5, 12, 4, "high", True, UP, "CE-behörighet och YKB krävs."),
            ("Lagerarbetare", "9", 3, 6, 2, "low", False, INT),
            ("Transportledare", "4", 1, 2, 5, "medium", False, YH),
        ), {"has-competence-plan": True}),
        Employer("Kungsörs Buss & Trafik AB", "Kungsör", _needs(
            ("Bussförare", "8", 4, 10, 4, "high", True, UP),
            ("Fordonsmekaniker", "7", 1, 3, 4, "medium", False, UP),
        ), {"has-competence-plan": False}),
        Employer("Norbergs Skogsentreprenad AB", "Norberg", _needs(
            ("Skogsmaskinförare", "8", 1, 3, 4, "high", True, UP),
            ("Skogsarbetare", "6", 1, 2, 3, "medium", False, VAL),
        ), {"has-competence-plan": False}),
        Employer("Surahammars Verktyg & Fixtur AB", "Surahammar"),
        Employer("Skinnskattebergs Trähus AB", "Skinnskatteberg"),
        Employer("Arboga Hotell & Konferens AB", "Arboga"),
    ),
    "vasternorrland": (
        Employer("Region Västernorrland", "Härnösand", _needs(
            ("Undersköterska", "5", 18, 50, 4, "high", True, UP),
            ("Sjuksköterska", "2", 14, 40, 6, "high", True, HE, "Särskilt i Sollefteå och Örnsköldsvik."),
            ("Barnmorska", "2", 2, 6, 7, "high", True, HE),
            ("Biomedicinsk analytiker", "2", 2, 5, 6, "medium", False, HE),
        ), {"hardest-to-find": "Erfarna sjuksköterskor och specialistläkare utanför Sundsvall."}, kind=None),
        Employer("Sundsvalls kommun", "Sundsvall", _needs(
            ("Undersköterska i äldreomsorgen", "5", 20, 55, 4, "high", True, UP),
            ("Lärare i grundskolan", "2", 10, 28, 6, "high", True, HE),
            ("Socialsekreterare", "2", 4, 10, 6, "high", False, HE),
        ), {"hardest-to-find": "Legitimerade lärare i matematik och NO."}, kind=None),
        Employer("Örnsköldsviks kommun", "Örnsköldsvik", _needs(
            ("Undersköterska", "5", 8, 22, 4, "high", True, UP),
            ("Förskollärare", "2", 4, 12, 6, "medium", False, HE),
        ), {"hardest-to-find": "Förskollärare."}, kind=None),
        Employer("Örnviks Mekaniska AB", "Örnsköldsvik", _needs(
            ("CNC-operatör", "8", 4, 9, 4, "high", True, UP),
            ("Svetsare", "7", 3, 8, 4, "high", False, VAL, "Många erfarna svetsare saknar certifikat."),
            ("Konstruktör", "3", 1, 3, 5, "medium", False, YH),
        ), {"hardest-to-find": "Svetsare med certifikat."}),
        Employer("Timrå Processteknik AB", "Timrå", _needs(
            ("Processoperatör", "8", 3, 8, 4, "high", False, INT),
            ("Automationstekniker", "3", 2, 5, 5, "high", True, YH),
            ("Underhållsmekaniker", "7", 2, 4, 4, "medium", False, YH),
        ), {"hardest-to-find": "Automationstekniker."}),
        Employer("Sundsvall Data & Molntjänster AB", "Sundsvall", _needs(
            ("Systemutvecklare", "2", 4, 10, 6, "high", True, HE),
            ("IT-säkerhetsspecialist", "2", 1, 3, 7, "high", True, HE),
            ("IT-supporttekniker", "3", 2, 4, 5, "medium", False, YH),
        ), {"hardest-to-find": "Seniora utvecklare med molnerfarenhet."}),
        Employer("Höga Kusten Bygg AB", "Kramfors", _needs(
            ("Snickare", "7", 3, 6, 4, "high", True, UP),
            ("Elektriker", "7", 1, 3, 4, "medium", False, UP),
            ("Arbetsledare bygg", "3", 1, 1, 5, "medium", False, YH),
        ), {"hardest-to-find": "Snickare som vill bo i Kramfors."}),
        Employer("Norrlands Gods & Transport AB", "Sundsvall", _needs(
            ("Lastbilsförare", "8", 6, 14, 4, "high", True, UP),
            ("Lagerarbetare", "9", 3, 5, 2, "low", False, INT),
            ("Transportledare", "4", 1, 2, 5, "medium", False, YH),
        ), {"hardest-to-find": "Förare med CE-behörighet."}),
        Employer("Ånge Skog & Entreprenad AB", "Ånge", _needs(
            ("Skogsmaskinförare", "8", 2, 4, 4, "high", True, UP),
            ("Skogsarbetare", "6", 1, 3, 3, "medium", False, VAL),
        ), {"hardest-to-find": "Skogsmaskinförare."}),
        Employer("Sollefteå Vård & Omsorg AB", "Sollefteå", _needs(
            ("Undersköterska", "5", 3, 8, 4, "high", True, UP),
            ("Vårdbiträde", "5", 2, 4, 3, "medium", False, INT),
        ), {"hardest-to-find": "Undersköterskor som kan arbeta natt."}),
        Employer("Mittnorrlands Bussresor AB", "Härnösand", _needs(
            ("Bussförare", "8", 3, 8, 4, "high", True, UP),
            ("Fordonsmekaniker", "7", 1, 2, 4, "medium", False, UP),
        ), {"hardest-to-find": "Bussförare."}),
        Employer("Kramfors Plåt & Ventilation AB", "Kramfors"),
        Employer("Timrå Café & Catering AB", "Timrå"),
    ),
}

#: the open round's region and its employers: the first has saved a draft
OPEN_REGION = "vastmanland"
OPEN = (
    Employer("Sala Omsorg & Assistans AB", "Sala", _needs(
        ("Undersköterska med inriktning demens", "5", 2, 6, 4, "high", True, UP),
    ), {"has-competence-plan": False}),
    Employer("Region Västmanland", "Västerås", kind=None),
    Employer("Västerås stad", "Västerås", kind=None),
)
OPEN_TITLE = "Fördjupning: kompetensbehov inom vård och omsorg"
#: the open round, in days from the day the demo is loaded
OPEN_FROM, OPEN_TO = -10, 30


def closed_round_dates(today):
    """The last autumn's round that has ended by ``today``: (title, opens on, closes on)."""
    year = today.year if today > date(today.year, 10, 31) else today.year - 1
    return f"Kompetensbehovsinventering hösten {year}", date(year, 9, 1), date(year, 10, 31)


def actor_specs(regions):
    """(name, kind, regions, municipality, website) of the employers the demo invents, for
    :func:`samverkan.demo._actors` (which finds them when they exist)."""
    specs = {}
    for slug, employers in (*CLOSED.items(), (OPEN_REGION, OPEN)):
        for employer in employers:
            if employer.kind is not None:
                specs.setdefault(employer.name, (employer.name, employer.kind, [regions[slug]],
                                                 employer.municipality, None))
    return list(specs.values())


def _count(counts, kind, number=1):
    if number:
        counts[kind] = counts.get(kind, 0) + number


def _at(day, hour=9):
    return datetime.combine(day, time(hour, 0))


def _round(region, title, opens_on, closes_on, employers, actors, counts):
    """The round of ``region`` called ``title``, with its invitations; None if it exists already."""
    if db.session.scalar(select(SurveyRound.id).where(SurveyRound.region_id == region.id,
                                                      SurveyRound.title == title)) is not None:
        return None
    survey = services.open_round(region, title=title, opens_on=opens_on, closes_on=closes_on,
                                 question_set_version=CURRENT_QUESTION_SET,
                                 actors=[actors[employer.name] for employer in employers], demo=True)
    survey.created_at = _at(opens_on - timedelta(days=7))
    for response in survey.responses:
        response.invited_at = _at(opens_on, 8)
    _count(counts, "survey round")
    _count(counts, "survey response", len(employers))
    return survey


def load(regions, actors, today, counts):
    """Write the demo's survey rounds (nothing the second time). ``regions``: slug -> region;
    ``actors``: name -> actor, the employers of :func:`actor_specs` among them."""
    title, opens_on, closes_on = closed_round_dates(today)
    for slug, employers in CLOSED.items():
        survey = _round(regions[slug], title, opens_on, closes_on, employers, actors, counts)
        if survey is None:
            continue
        for position, (employer, response) in enumerate(zip(employers, survey.responses, strict=True)):
            if not employer.needs:
                continue
            answered_on = opens_on + timedelta(days=3 + 4 * position)
            services.save_answers(response, [need.answer() for need in employer.needs], employer.region_answers,
                                  today=answered_on, complete=True, source="link")
            response.saved_at = response.completed_at = _at(answered_on, 10 + position % 6)
            _count(counts, "reported need", len(employer.needs))
    start = today + timedelta(days=OPEN_FROM)
    survey = _round(regions[OPEN_REGION], OPEN_TITLE, start, today + timedelta(days=OPEN_TO), OPEN, actors, counts)
    if survey is not None:
        draft, response = OPEN[0], survey.responses[0]
        services.save_answers(response, [need.answer() for need in draft.needs], draft.region_answers,
                              today=today, source="link")
        response.saved_at = _at(start + timedelta(days=2), 14)
        _count(counts, "reported need", len(draft.needs))
    db.session.flush()
