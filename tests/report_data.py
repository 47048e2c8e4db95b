"""A fixed year of work for the annual report's tests: Västmanland in 2024 (the tests say what
each figure must be); and the text of a report's PDF, as a reader finds it."""
import io
from datetime import date, datetime

import collab
from conftest import unavailable
from sqlalchemy import select

from samverkan.assessments.models import StatusAssessment
from samverkan.extensions import db
from samverkan.indicators.models import Indicator, IndicatorValue
from samverkan.initiatives import services
from samverkan.networks.models import StageChange
from samverkan.plans.models import Plan, PlanNode


def node(slug, code):
    return db.session.execute(select(PlanNode).join(Plan).where(
        Plan.region_id == collab.region(slug).id, Plan.retired.is_(False), PlanNode.code == code)).scalar_one()


def initiative(title, history, code=None, slug="vastmanland", **values):
    """An initiative led from ``slug`` whose status history is ``history``: (status, date) pairs,
    the first its creation."""
    (status, created), *later = history
    owner = collab.make_actor(slug, name=f"Ägare av {title}")
    made = services.create_initiative(
        {"title": title, "owner_id": owner.id, "lead_region_id": collab.region(slug).id, "status": status,
         "nodes": [node("vastmanland", code)] if code else [], **values}, by=None, on=created)
    for status, on in later:
        services.change_status(made, status, None, on=on)
    db.session.flush()
    return made


def marked_as_practice(made, when):
    """``made`` marked as a good example on ``when`` (marked again, it keeps its first day, as
    ``initiatives.services`` does)."""
    made.is_practice = True
    made.practice_since = made.practice_since or when


def network(name, slug, steps, created_at):
    """A network of region ``slug`` with its stage history: (from, to, when) triples."""
    made = collab.make_network(slug, name=name, created_at=created_at, stage=steps[-1][1])
    made.stage_changes = [StageChange(from_stage=before, to_stage=after, changed_at=at, reason=f"Till {after}")
                          for before, after, at in steps]
    db.session.flush()
    return made


def year_of_work():
    """Västmanland in 2024, in the plan's three development areas (O1: M1–M4, O2: M5–M8, O3: M9–M12).

    Initiatives: A planned on M8.1 in 2023, running in February 2024, finished in November;
    B new in April 2024 as an idea on M2.1, planned, running in September; C running on M5.1 since
    2022, cancelled in June 2024; D led from Västernorrland with Västmanland as partner, running
    on M1.2 from March 2024; G running on M9.2 since 2023; a draft running on M3.1 (never counted);
    F running on M4.1 from 2025 (not yet in 2024). Status assessments of M1, M2, M5, M8 and M9. A practice of Västmanland marked in 2024 and one
    in 2023; adoptions in 2024 both ways, and one in 2025. Two networks of the region and one of
    Västernorrland only. Meetings of a network forum and a region forum, one each side of the
    year's bounds in Stockholm time, one cancelled; a Västernorrland forum's meeting. Values of
    the RUS sub-goals."""
    a = initiative("Valideringslyftet", [("planned", date(2023, 3, 1)), ("running", date(2024, 2, 1)),
                                         ("finished", date(2024, 11, 30))], "M8.1")
    initiative("Språkspåret", [("idea", date(2024, 4, 10)), ("planned", date(2024, 5, 1)),
                                   ("running", date(2024, 9, 1))], "M2.1")
    initiative("Kartläggningen", [("running", date(2022, 1, 10)), ("cancelled", date(2024, 6, 15))], "M5.1")
    initiative("Framtidsval", [("running", date(2024, 3, 1))], "M1.2", slug="vasternorrland",
               partner_regions=[collab.region("vastmanland")])
    g = initiative("Behovsinventeringen", [("running", date(2023, 8, 20))], "M9.2")
    initiative("Hemligt utkast", [("running", date(2024, 1, 5))], "M3.1", draft=True)
    initiative("Lärcentrum på distans", [("running", date(2025, 2, 1))], "M4.1")
    # status assessments: M1 from not started through early (prioritised) to progressing; M2
    # twice on one day (the later one counts); M5 first in 2024 (demo); M8 unchanged since 2023;
    # M9 only in 2025
    for code, on, status, prioritised, demo in [
            ("M1", date(2023, 10, 1), "not-started", False, False), ("M1", date(2024, 3, 1), "early", True, False),
            ("M1", date(2024, 11, 1), "progressing", True, False), ("M2", date(2024, 5, 5), "early", False, False),
            ("M2", date(2024, 5, 5), "progressing", False, False), ("M5", date(2024, 6, 1), "early", False, True),
            ("M8", date(2023, 5, 1), "established", False, False), ("M9", date(2025, 1, 15), "progressing", True, False)]:
        db.session.add(StatusAssessment(region_id=collab.region("vastmanland").id, node_id=node("vastmanland", code).id,
                                        assessed_on=on, status=status, prioritised=prioritised, demo=demo))
        db.session.flush()
    # practices: G marked in 2024 (twice: counted once), A created as one in 2023
    marked_as_practice(g, date(2024, 4, 2))
    marked_as_practice(g, date(2024, 8, 2))
    marked_as_practice(a, date(2023, 3, 1))
    other = initiative("Yrkessvenska i vården", [("running", date(2022, 5, 1))], slug="vasternorrland",
                       is_practice=True, lessons_learned="Börja i liten skala.")
    collab.make_adoption(other, "vastmanland", adopted_on=date(2024, 5, 20))
    collab.make_adoption(g, "vasternorrland", adopted_on=date(2024, 10, 1))
    collab.make_adoption(g, "gotland", adopted_on=date(2025, 1, 10))
    # networks
    council = network("Branschråd vård", "vastmanland", [
        (None, "samtal", datetime(2023, 5, 1, 8)), ("samtal", "samsyn", datetime(2024, 3, 10, 8)),
        ("samsyn", "samverkan", datetime(2024, 9, 10, 8))], created_at=datetime(2023, 5, 1, 8))
    network("Valideringsnätverket", "vastmanland", [(None, "samtal", datetime(2024, 6, 1, 8))],
            created_at=datetime(2024, 6, 1, 8))
    network("Norrländskt nätverk", "vasternorrland", [(None, "samhandling", datetime(2023, 1, 1, 8))],
            created_at=datetime(2023, 1, 1, 8))
    # meetings (UTC): 2023-12-31 23:30 is 00:30 on New Year's Day in Stockholm, 2024-12-31
    # 23:30 is in 2025 there
    forum = collab.make_forum(council, name="Branschrådets möten")
    collab.make_meeting(forum, "Årets första möte", datetime(2023, 12, 31, 23, 30), status="held")
    winter = collab.make_meeting(forum, "Vintermöte", datetime(2024, 2, 15, 9), status="held")
    collab.make_decision(winter, "Rådet fastställer handlingsplanen för 2024.")
    collab.make_decision(winter, "Rådet utser en arbetsgrupp för validering.")
    summer = collab.make_meeting(forum, "Sommarmöte", datetime(2024, 6, 10, 9), status="planned")
    collab.make_decision(summer, "Rådet ställer sig bakom ansökan till ESF+.")
    cancelled = collab.make_meeting(forum, "Inställt möte", datetime(2024, 9, 1, 9), status="cancelled")
    collab.make_decision(cancelled, "Ett beslut som aldrig togs.")
    late = collab.make_meeting(forum, "Nyårsmöte", datetime(2024, 12, 31, 23, 30), status="held")
    collab.make_decision(late, "Ett beslut från 2025.")
    collab.make_decision(collab.make_meeting(forum, "Förra årets möte", datetime(2023, 11, 20, 9), status="held"),
                         "Ett beslut från 2023.")
    region_forum = collab.make_forum(slug="vastmanland", name="Regionens dialogforum")
    collab.make_meeting(region_forum, "Dialog om kompetensbehov", datetime(2024, 11, 5, 13), status="held")
    elsewhere = collab.make_forum(slug="vasternorrland", name="Västernorrlands forum")
    collab.make_decision(collab.make_meeting(elsewhere, "Annat län", datetime(2024, 3, 3, 9), status="held"),
                         "Ett beslut i Västernorrland.")
    # indicators: the plugin's RUS sub-goals
    indicators = {row.key: row for row in db.session.scalars(
        select(Indicator).where(Indicator.region_id == collab.region("vastmanland").id))}
    for key, year, value, women, men, demo in [
            ("rus-17", 2022, 69.0, None, None, False), ("rus-17", 2023, 70.5, None, None, False),
            ("rus-17", 2024, 72.0, 74.1, 69.9, False), ("rus-18", 2024, 41.0, None, None, True)]:
        db.session.add(IndicatorValue(indicator=indicators[key], region=collab.region("vastmanland"), year=year,
                                      value=value, value_women=women, value_men=men, demo=demo))
    db.session.add(IndicatorValue(indicator=indicators["rus-17"], region=collab.region("vasternorrland"),
                                  year=2024, value=99.0))
    db.session.commit()


def pdf_text(data):
    """The text a PDF reader finds in ``data``, page after page."""
    try:
        from pypdf import PdfReader
    except ImportError:
        unavailable("pypdf is not installed (pip install -e '.[test]')")
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
