"""The initiatives other pages list: a plan node's, a region's, an actor's, a network's and a theme's,
and the open meeting actions that serve an initiative.

Each list shows the first few initiatives the visitor may see (drafts only to those who may see
them, :func:`queries.visible_to`) with a link to the whole list on ``/initiatives/``, and costs a
fixed number of statements however many initiatives there are: the first rows and the counts by
status come in one statement (window functions), what a row shows is joined to it.
"""
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select, union_all
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..meetings import queries as meeting_queries
from ..meetings.models import Action
from ..plans.queries import follow_up
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
    #: initiative id -> [(funding source, kronor)] (on the lists that show it)
    funding: dict | None = None
    #: [(funding source, kronor, initiatives)] over the whole list, largest first (a plan node's)
    funding_totals: list = field(default_factory=list)
    #: (status key, count) in the statuses' order, for the statuses the list has (a region's page)
    by_status: list = field(default_factory=list)
    #: (region, count) by region name (a theme's page)
    by_region: list = field(default_factory=list)

    @property
    def more(self):
        return self.total > len(self.initiatives)


def first(query, filters, limit=PAGE_LIMIT, themes=False, by_status=False):
    """A :class:`Listing` of the first ``limit`` initiatives of ``query`` (of
    :func:`queries.filtered`) with their owner and lead region (and themes), and the number of all
    it matches (and of each status).

    One statement (two with the themes): the matches are ranked and counted by id, date and status
    alone (window functions), and only the first few rows are read whole; with ``by_status`` also
    the newest of each status, which carries that status's count.
    """
    order = (Initiative.updated_at.desc(), Initiative.id.desc())
    columns = [Initiative.id, func.row_number().over(order_by=order).label("rank")]
    if by_status:
        columns += [func.row_number().over(partition_by=Initiative.status, order_by=order).label("rank_in_status"),
                    func.count().over(partition_by=Initiative.status).label("count")]
    else:
        columns.append(func.count().over().label("count"))
    # materialised on PostgreSQL: planned with a LIMIT above it, the ranking would be read in date
    # order through the date index in the hope of stopping early, which a count never does
    ranked = (query.with_only_columns(*columns).order_by(None).cte("ranked")
              .prefix_with("MATERIALIZED", dialect="postgresql"))
    chosen = or_(ranked.c.rank <= limit, ranked.c.rank_in_status == 1) if by_status else ranked.c.rank <= limit
    shown = select(ranked).where(chosen).limit(limit + len(STATUSES) if by_status else limit).subquery()
    options = [joinedload(Initiative.owner), joinedload(Initiative.lead_region)]
    if themes:
        options.append(selectinload(Initiative.all_themes))
    rows = db.session.execute(
        select(Initiative, shown.c.rank, shown.c.count).join(shown, shown.c.id == Initiative.id)
        .options(*options).order_by(shown.c.rank)
    ).all()
    initiatives = [initiative for initiative, rank, _count in rows if rank <= limit]
    if not by_status:
        return Listing(initiatives, rows[0][2] if rows else 0, filters)
    counts = {initiative.status: count for initiative, _rank, count in rows}
    statuses = [key for key in STATUSES if key in counts] + sorted(set(counts) - set(STATUSES))
    return Listing(initiatives, sum(counts.values()), filters, by_status=[(key, counts[key]) for key in statuses])


def for_node(person, node):
    """The initiatives linked to a plan node or any node below it, whatever their status, with
    their latest progress: what an older version of a plan lists, the record of the work done
    under it (the current version lists the work under way, :func:`under_way`)."""
    found = first(queries.filtered(person, node=node.id), {"node": node.id}, limit=NODE_LIMIT)
    found.progress = queries.latest_progress([initiative.id for initiative in found.initiatives])
    return found


def under_way(plan, node):
    """The work under way on a plan node (a node of the tree ``plan``) or any node below it, as
    :mod:`~samverkan.plans.coverage` counts it (published, planned or running: the same for
    every visitor), with each initiative's funding and latest progress, and the funding of all
    of it by source. None found: the node is a gap.

    Which initiatives, how many and their funding are kept with the plan's follow-up
    (:func:`~samverkan.plans.queries.follow_up`); the rows shown and their progress (which no
    generation follows) are read each time, by id."""
    work = follow_up(plan).work_on(node, NODE_LIMIT)
    rows = {initiative.id: initiative for initiative in db.session.scalars(
        select(Initiative).where(Initiative.id.in_(work.ids))
        .options(joinedload(Initiative.owner), joinedload(Initiative.lead_region)))}
    initiatives = [rows[initiative_id] for initiative_id in work.ids if initiative_id in rows]
    return Listing(initiatives, work.total, {"node": node.id}, progress=queries.latest_progress(list(work.ids)),
                   funding=work.funding, funding_totals=work.funding_totals)


def for_region(person, region):
    """The initiatives a region leads or partners in, newest change first, with a count per status."""
    return first(queries.filtered(person, region=region.slug), {"region": region.slug}, themes=True,
                 by_status=True)


def for_actor(person, actor):
    """The initiatives an actor owns or is a partner in."""
    return first(queries.filtered(person, actor=actor.id), {"actor": actor.id}, themes=True)


def for_network(person, network):
    """The initiatives linked to a network."""
    return first(queries.filtered(person, network=network.id), {"network": network.id}, themes=True)


def for_theme(person, theme):
    """The initiatives with a theme (set directly or through a linked plan node), with how many
    each region leads or partners in."""
    query = queries.filtered(person, theme=theme.slug)
    found = first(query, {"theme": theme.slug}, themes=True)
    if found.total:
        # the matches are read once (a CTE used twice is materialised), then counted under their
        # lead region and under each partner region other than the lead
        matching = query.with_only_columns(Initiative.id, Initiative.lead_region_id).order_by(None).cte("matching")
        regions = union_all(
            select(matching.c.lead_region_id.label("region_id")),
            select(initiative_regions.c.region_id)
            .join(matching, matching.c.id == initiative_regions.c.initiative_id)
            .where(initiative_regions.c.region_id != matching.c.lead_region_id),
        ).subquery()
        found.by_region = [tuple(row) for row in db.session.execute(
            select(Region, func.count()).join(regions, regions.c.region_id == Region.id)
            .group_by(Region.id).order_by(Region.name)
        )]
    return found


def open_actions(initiative, person):
    """The meeting actions not done yet that serve the initiative, overdue first."""
    return meeting_queries.open_actions(Action.initiative_id == initiative.id, person=person)


def forum_choices(forum, person):
    """(id, title) of the initiatives ``person`` sees that one of the forum's regions leads or
    partners in, by title: what a meeting action of the forum can serve."""
    region_ids = sorted(regions_of(forum))
    if not region_ids:
        return []
    rows = db.session.execute(
        select(Initiative.id, Initiative.title)
        .where(queries.visible_to(person),
               Initiative.lead_region_id.in_(region_ids)
               | Initiative.id.in_(select(initiative_regions.c.initiative_id)
                                   .where(initiative_regions.c.region_id.in_(region_ids))))
        .order_by(Initiative.title, Initiative.id)
    ).all()
    return [(initiative_id, title) for initiative_id, title in rows]
