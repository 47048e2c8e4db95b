"""What a person's own page gathers from the features: the initiatives they may edit and the
reports asked of them, the meetings they registered for, and the actions they own."""
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..initiatives import progress_queries
from ..initiatives.models import Initiative
from ..initiatives.queries import editable_by, latest_progress, page_of, visible_to
from ..meetings.models import Action
from ..meetings.queries import next_meetings, open_actions, registered_meetings
from ..policy import regions_where
from ..regions.models import Region

#: how many of the next meetings, missing reports and open actions the page shows (each list
#: links to its whole page where there is one)
SHOWN = 5
SHOWN_REPORTS = 20
SHOWN_ACTIONS = 20


def my_initiatives(person, page):
    """A page of the initiatives ``person`` may edit, newest change first, with their newest
    progress entry (initiative id -> entry)."""
    query = (select(Initiative).where(editable_by(person), visible_to(person))
             .order_by(Initiative.updated_at.desc(), Initiative.id.desc()))
    initiatives = page_of(query, page)
    return initiatives, latest_progress([initiative.id for initiative in initiatives.items])


def my_reports(person):
    """The reports asked of the initiatives ``person`` may edit (overdue, or of a period under way
    and not yet reported), the first :data:`SHOWN_REPORTS`, and how many there are in all."""
    query = progress_queries.missing_reports(editable_by(person), progress_queries.due_or_overdue())
    rows = db.session.execute(query.limit(SHOWN_REPORTS)).all()
    total = len(rows) if len(rows) < SHOWN_REPORTS else db.session.scalar(
        select(func.count()).select_from(query.order_by(None).subquery()))
    return rows, total


def managed_regions(person):
    """The regions whose reporting ``person`` keeps as a region admin (not every region for a
    platform admin: their page would list them all)."""
    ids = regions_where(person, "region.manage")
    if not ids:
        return []
    return db.session.scalars(select(Region).where(Region.id.in_(ids)).order_by(Region.name)).all()


def my_surveys(person, today):
    """The needs surveys waiting for ``person``'s answer: the responses not yet completed of open
    rounds that invited an employer they are a member of, the earliest closing first."""
    from ..actors.models import Membership
    from ..needs.models import SurveyResponse, SurveyRound

    employers = select(Membership.actor_id).where(Membership.person_id == person.id)
    return db.session.scalars(
        select(SurveyResponse).join(SurveyRound)
        .where(SurveyResponse.actor_id.in_(employers), SurveyResponse.status != "completed",
               SurveyRound.opens_on <= today, SurveyRound.closes_on >= today)
        .options(joinedload(SurveyResponse.round).joinedload(SurveyRound.region), joinedload(SurveyResponse.actor))
        .order_by(SurveyRound.closes_on, SurveyResponse.id)
    ).all()


def my_meetings(person):
    return next_meetings(registered_meetings(person), SHOWN)


def my_actions(person):
    return open_actions(Action.owner_person_id == person.id, limit=SHOWN_ACTIONS, person=person)
