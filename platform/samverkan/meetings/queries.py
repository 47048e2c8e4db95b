"""Reads for the meeting pages: pages of meetings (one helper for every list), the choices a
forum's forms offer, and a region's open actions."""
from flask import request
from sqlalchemy import case, select
from sqlalchemy.orm import contains_eager, joinedload

from ..actors.models import Actor, actor_regions
from ..extensions import db
from ..forums.models import Forum
from ..i18n import localized
from ..networks.models import network_regions
from ..plans.models import PlanNode
from ..policy import regions_of
from ..regions.models import Region
from ..urls import query_int
from .. import times
from .models import Action, Meeting, Registration

PAGE_SIZE = 20
#: beyond this page number, the OFFSET is clamped (a huge page number is not a huge scan)
MAX_PAGE = 1000


def meetings_page(condition):
    """One page of the meetings that ``condition`` selects, upcoming or past as ``?when=`` says.

    A COUNT and one LIMIT/OFFSET query (on the index of forum and start), whatever the page;
    each meeting comes with its forum in the same query.
    """
    past = request.args.get("when") == "past"
    now = times.now_utc()
    query = (select(Meeting).join(Meeting.forum).options(contains_eager(Meeting.forum))
             .where(condition, Meeting.ends_at < now if past else Meeting.ends_at >= now)
             .order_by(*((Meeting.starts_at.desc(), Meeting.id.desc()) if past else (Meeting.starts_at, Meeting.id))))
    page = db.paginate(query, page=query_int("page", maximum=MAX_PAGE), per_page=PAGE_SIZE, error_out=False)
    return page, "past" if past else "upcoming"


def region_forums(region):
    """A condition on :class:`Forum`: the region's own forums and those of networks that span it."""
    spanning = select(network_regions.c.network_id).where(network_regions.c.region_id == region.id)
    return (Forum.region_id == region.id) | Forum.network_id.in_(spanning)


def network_forums(network_id):
    return Forum.network_id == network_id


def registered_meetings(person):
    return Meeting.id.in_(select(Registration.meeting_id).where(Registration.person_id == person.id))


def node_choices(forum):
    """(id, label) of the nodes of the current plans of the forum's regions, in plan order."""
    region_ids = regions_of(forum)
    regions = db.session.scalars(select(Region).where(Region.id.in_(region_ids)).order_by(Region.name)).all()
    plan_ids = [plan.id for region in regions for plan in region.current_plans]
    nodes = db.session.scalars(
        select(PlanNode).where(PlanNode.plan_id.in_(plan_ids), PlanNode.retired.is_(False))
        .order_by(PlanNode.plan_id, PlanNode.position, PlanNode.id)
    ).all()
    several = len(regions) > 1  # node.plan and its region are in the session already: no query per node

    def label(node):
        text = f"{node.code} {localized(node, 'title').text}"
        return f"{localized(node.plan.region, 'name').text}: {text}" if several else text

    return [(node.id, label(node)) for node in nodes]


def actor_choices(forum):
    """(id, name) of the actors of the forum's regions."""
    actors = db.session.execute(
        select(Actor.id, Actor.name).join(actor_regions, actor_regions.c.actor_id == Actor.id)
        .where(actor_regions.c.region_id.in_(regions_of(forum))).distinct().order_by(Actor.name, Actor.id)
    ).all()
    return [(actor_id, name) for actor_id, name in actors]


def next_meetings(condition, limit):
    """The next planned meetings that ``condition`` selects (on :class:`Forum` or :class:`Meeting`),
    soonest first, each with its forum in the same query."""
    return db.session.scalars(
        select(Meeting).join(Meeting.forum).options(contains_eager(Meeting.forum))
        .where(condition, Meeting.status == "planned", Meeting.starts_at >= times.now_utc())
        .order_by(Meeting.starts_at, Meeting.id).limit(limit)
    ).all()


def _open_actions(condition):
    """The actions not done of the meetings ``condition`` selects: overdue first, then by due date."""
    overdue = case((Action.due_on < times.today(), 0), else_=1)
    return (
        select(Action).join(Action.meeting).join(Meeting.forum)
        .where(Action.done.is_(False), condition)
        .options(contains_eager(Action.meeting).contains_eager(Meeting.forum), joinedload(Action.node),
                 joinedload(Action.owner_person), joinedload(Action.owner_actor))
        .order_by(overdue, Action.due_on.is_(None), Action.due_on, Action.id)
    )


def open_actions(condition, limit=50):
    return db.session.scalars(_open_actions(condition).limit(limit)).all()


def open_actions_page(region):
    """A page of the open actions of the meetings of the region's forums."""
    return db.paginate(_open_actions(region_forums(region)), page=query_int("page", maximum=MAX_PAGE),
                       per_page=50, error_out=False)
