"""Reads for the meeting pages: pages of meetings (one helper for every list), the choices a
forum's forms offer, and a region's open actions."""
from flask import request
from sqlalchemy import case, select
from sqlalchemy.orm import contains_eager, joinedload
from wtforms import SelectChoice

from ..actors.models import Actor, actor_regions
from ..extensions import db
from ..forums.models import Forum
from ..i18n import localized
from ..initiatives.models import Initiative
from ..initiatives.queries import visible_to
from ..networks.models import network_regions
from ..plans import queries as plans
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


def forum_regions(forum):
    """The regions of the forum (its own, or its network's), by name: whose plans it serves."""
    return db.session.scalars(select(Region).where(Region.id.in_(regions_of(forum))).order_by(Region.name)).all()


def plan_nodes(forum, include=()):
    """The nodes of the current plans of the forum's regions in the plans' order, with those of
    ``include`` (what a meeting links already, a retired node too): what its picker offers."""
    return plans.current_nodes(forum_regions(forum), include=include)


#: an option's indent for each level below the plan's top (an em space: a select shows no margin)
INDENT = "\u2003"


def node_choices(forum):
    """:func:`plan_nodes` as options of an action's choice of the one part of a plan it serves:
    grouped by region and plan as the picker groups them, each indented by its level."""
    return [SelectChoice(node.id, INDENT * node.plan.depth_of(node.kind) + f"{node.code} {localized(node, 'title').text}",
                         optgroup=f"{localized(node.plan.region, 'name').text}: {localized(node.plan, 'title').text}")
            for node in plan_nodes(forum)]


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


def _with_initiative(query, person):
    """``query`` (of :class:`Action`) with the initiative each action serves, when ``person`` may
    see it: an action serving a draft the person may not see shows no initiative."""
    return (query.outerjoin(Initiative, (Initiative.id == Action.initiative_id) & visible_to(person))
            .options(contains_eager(Action.initiative)))


def _open_actions(condition, person=None):
    """The actions not done of the meetings ``condition`` selects: overdue first, then by due date.
    Each comes with the initiative it serves if ``person`` may see it (None: a visitor)."""
    overdue = case((Action.due_on < times.today(), 0), else_=1)
    query = (
        select(Action).join(Action.meeting).join(Meeting.forum)
        .where(Action.done.is_(False), condition)
        .options(contains_eager(Action.meeting).contains_eager(Meeting.forum), joinedload(Action.node),
                 joinedload(Action.owner_person), joinedload(Action.owner_actor))
        .order_by(overdue, Action.due_on.is_(None), Action.due_on, Action.id)
    )
    return _with_initiative(query, person)


def open_actions(condition, limit=50, person=None):
    return db.session.scalars(_open_actions(condition, person).limit(limit)).all()


def meeting_actions(meeting, person=None):
    """A meeting's actions in its order, with what its page shows of each (the initiative served
    only if ``person`` may see it)."""
    query = (select(Action).where(Action.meeting_id == meeting.id)
             .options(joinedload(Action.node), joinedload(Action.owner_person), joinedload(Action.owner_actor),
                      joinedload(Action.decision))
             .order_by(Action.due_on, Action.id))
    return db.session.scalars(_with_initiative(query, person)).all()


def open_actions_page(region, person=None):
    """A page of the open actions of the meetings of the region's forums."""
    return db.paginate(_open_actions(region_forums(region), person), page=query_int("page", maximum=MAX_PAGE),
                       per_page=50, error_out=False)
