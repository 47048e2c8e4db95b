"""The initiatives other pages list: a plan node's, a region's, an actor's, a network's and a theme's,
and the open meeting actions that serve an initiative.

Each list shows the first few initiatives the visitor may see (drafts only to those who may see
them, :func:`queries.visible_to`) with a link to the whole list on ``/initiatives/``, and costs a
fixed number of statements however many initiatives there are: the first rows and the total come
in one statement (a window count), what a row shows is joined to it.
"""
from dataclasses import dataclass, field

from sqlalchemy import func, select, union
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..meetings import queries as meeting_queries
from ..meetings.models import Action
from ..policy import regions_of
from ..regions.models import Region
from . import queries
from .models import Initiative, initiative_regions
from .vocabulary import STATUSES

#: how many initiatives a plan node's page shows before linking to the rest
NODE_LIMIT = 20
#: how many a region's, an actor's, a network's or a theme's page shows
PAGE_LIMIT = 10


@dataclass
class Listing:
    """The first initiatives of a list, how many there are in all, and where the whole list is."""

    initiatives: list
    total: int
    #: the query parameters of ``/initiatives/`` that show the whole list
    filters: dict
    #: initiative id -> its newest progress entry (on the lists that show it)
    progress: dict | None = None
    #: (status key, count) in the statuses' order, on a region's page
    by_status: list = field(default_factory=list)
    #: (region, count) by region name, on a theme's page
    by_region: list = field(default_factory=list)

    @property
    def more(self):
        return self.total > len(self.initiatives)


def first(query, limit, themes=False):
    """The first ``limit`` initiatives of ``query`` (of :func:`queries.filtered`) with their owner
    and lead region (and themes), and the number of all it matches: one statement."""
    options = [joinedload(Initiative.owner), joinedload(Initiative.lead_region)]
    if themes:
        options.append(joinedload(Initiative.themes))
    rows = db.session.execute(
        query.add_columns(func.count().over().label("total")).options(*options).limit(limit)
    ).unique().all()
    return [row[0] for row in rows], (rows[0][1] if rows else 0)


def for_node(person, node):
    """The initiatives linked to a plan node or any node below it, with their latest progress."""
    initiatives, total = first(queries.filtered(person, node=node.id), NODE_LIMIT)
    progress = queries.latest_progress([initiative.id for initiative in initiatives])
    return Listing(initiatives, total, {"node": node.id}, progress=progress)


def for_region(person, region):
    """The initiatives a region leads or partners in, newest change first, with a count per status."""
    query = queries.filtered(person, region=region.slug)
    initiatives, _total = first(query, PAGE_LIMIT, themes=True)
    counts = dict(db.session.execute(
        query.with_only_columns(Initiative.status, func.count()).group_by(Initiative.status).order_by(None)
    ).all())
    by_status = [(key, counts[key]) for key in STATUSES if counts.get(key)]
    return Listing(initiatives, sum(counts.values()), {"region": region.slug}, by_status=by_status)


def for_actor(person, actor):
    """The initiatives an actor owns or is a partner in."""
    return Listing(*first(queries.filtered(person, actor=actor.id), PAGE_LIMIT, themes=True), {"actor": actor.id})


def for_network(person, network):
    """The initiatives linked to a network."""
    return Listing(*first(queries.filtered(person, network=network.id), PAGE_LIMIT, themes=True),
                   {"network": network.id})


def for_theme(person, theme):
    """The initiatives with a theme (set directly or through a linked plan node), with how many
    each region leads or partners in."""
    query = queries.filtered(person, theme=theme.slug)
    initiatives, total = first(query, PAGE_LIMIT, themes=True)
    matching = query.with_only_columns(Initiative.id).order_by(None)
    pairs = union(
        select(Initiative.id.label("initiative_id"), Initiative.lead_region_id.label("region_id"))
        .where(Initiative.id.in_(matching)),
        select(initiative_regions.c.initiative_id, initiative_regions.c.region_id)
        .where(initiative_regions.c.initiative_id.in_(matching)),
    ).subquery()
    by_region = db.session.execute(
        select(Region, func.count(pairs.c.initiative_id)).join(pairs, pairs.c.region_id == Region.id)
        .group_by(Region.id).order_by(Region.name)
    ).all() if total else []
    return Listing(initiatives, total, {"theme": theme.slug}, by_region=[tuple(row) for row in by_region])


def open_actions(initiative, person):
    """The meeting actions not done yet that serve the initiative, overdue first."""
    return meeting_queries.open_actions(Action.initiative_id == initiative.id, person=person)


def forum_choices(forum, person):
    """(id, title) of the initiatives ``person`` sees that one of the forum's regions leads or
    partners in, by title: what a meeting action of the forum can serve."""
    region_ids = regions_of(forum)
    if not region_ids:
        return []
    rows = db.session.execute(
        select(Initiative.id, Initiative.title)
        .where(queries.visible_to(person),
               Initiative.lead_region_id.in_(region_ids)
               | Initiative.partner_regions.any(Region.id.in_(region_ids)))
        .order_by(Initiative.title, Initiative.id)
    ).all()
    return [(initiative_id, title) for initiative_id, title in rows]
