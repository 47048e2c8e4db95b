"""Reads of the initiatives: who sees which, the filtered lists, an initiative's page, and what
the initiative form offers."""
from sqlalchemy import and_, false, or_, select, true
from sqlalchemy.orm import joinedload, selectinload

from ..actors.models import Actor, Membership
from ..extensions import db
from ..networks.models import Network
from ..plans.models import Plan, PlanNode
from ..policy import regions_where
from ..regions.models import Region
from ..search.index import matching_ids
from ..themes.models import Theme
from .models import Initiative, InitiativeTargetGroup, ProgressEntry, StatusChange

PAGE_SIZE = 25
#: past this page a list asks for a narrower filter instead (a deep page costs a long scan)
MAX_PAGE = 400


def visible_to(person):
    """A condition on :class:`Initiative`: the initiatives ``person`` may see.

    Everyone sees what is published. A draft is seen by those who may edit it (the object rule of
    ``initiative.edit`` in :mod:`samverkan.initiatives.models`: a region admin in its regions, a
    project lead for their actors' initiatives there) and by readers of drafts (analysts, region
    admins). This is the same decision as :func:`samverkan.policy.can`, in SQL, for lists.
    """
    if person is None or not person.is_authenticated:
        return Initiative.draft.is_(False)
    readers = regions_where(person, "region.read-drafts")
    editors = regions_where(person, "initiative.edit")
    if readers is None or editors is None:
        return true()
    grounds = [Initiative.draft.is_(False)]
    region_wide = readers | {grant.region_id for grant in person.grants
                             if grant.role != "project-lead" and grant.region_id in editors}
    if region_wide:
        grounds.append(_in_regions(region_wide))
    lead_regions = {grant.region_id for grant in person.grants if grant.role == "project-lead"}
    if lead_regions:
        own_actors = select(Membership.actor_id).where(Membership.person_id == person.id)
        grounds.append(and_(_in_regions(lead_regions),
                            or_(Initiative.owner_id.in_(own_actors),
                                Initiative.partners.any(Actor.id.in_(own_actors)))))
    return or_(*grounds)


def _in_regions(region_ids):
    return or_(Initiative.lead_region_id.in_(region_ids),
               Initiative.partner_regions.any(Region.id.in_(region_ids)))


def visible_initiative(initiative_id, person):
    """The initiative for its page, or None when there is none that ``person`` may see."""
    return db.session.scalar(
        select(Initiative).where(Initiative.id == initiative_id, visible_to(person)).options(
            joinedload(Initiative.owner), joinedload(Initiative.lead_region), joinedload(Initiative.updated_by),
            selectinload(Initiative.partners), selectinload(Initiative.partner_regions),
            selectinload(Initiative.nodes).joinedload(PlanNode.plan).joinedload(Plan.region),
            selectinload(Initiative.themes), selectinload(Initiative.networks),
            selectinload(Initiative.target_group_rows), selectinload(Initiative.perspective_rows),
            selectinload(Initiative.funding),
            selectinload(Initiative.status_changes).joinedload(StatusChange.changed_by),
            selectinload(Initiative.progress_entries).joinedload(ProgressEntry.author),
        )
    )


def node_and_descendants(node_id):
    """The ids of a plan node and every node below it (one recursive query)."""
    tree = select(PlanNode.id).where(PlanNode.id == node_id).cte(recursive=True)
    tree = tree.union_all(select(PlanNode.id).where(PlanNode.parent_id == tree.c.id))
    return select(tree.c.id)


def filtered(person, region=None, theme=None, node=None, status=None, target_group=None, actor=None,
             network=None, practice=False, q=None):
    """The initiatives ``person`` sees that match the filters (empty ones do not filter), newest
    change first.

    ``region`` (a slug) matches lead and partner regions; ``theme`` (a slug) a theme set directly
    or carried by a linked plan node; ``node`` (an id) the node and its children; ``q`` words of
    the initiative's text, through the search index (Swedish stems: "validering" finds "validera").
    """
    query = select(Initiative).where(visible_to(person))
    if region:
        query = query.where(or_(Initiative.lead_region.has(Region.slug == region),
                                Initiative.partner_regions.any(Region.slug == region)))
    if theme:
        query = query.where(or_(Initiative.themes.any(Theme.slug == theme),
                                Initiative.nodes.any(PlanNode.themes.any(Theme.slug == theme))))
    if node:
        query = query.where(Initiative.nodes.any(PlanNode.id.in_(node_and_descendants(node))))
    if status:
        query = query.where(Initiative.status == status)
    if target_group:
        query = query.where(Initiative.target_group_rows.any(InitiativeTargetGroup.key == target_group))
    if actor:
        query = query.where(or_(Initiative.owner_id == actor, Initiative.partners.any(Actor.id == actor)))
    if network:
        query = query.where(Initiative.networks.any(id=network))
    if practice:
        query = query.where(Initiative.is_practice.is_(True))
    if q:
        query = query.where(Initiative.id.in_(matching_ids("initiative", q)))
    return query.order_by(Initiative.updated_at.desc(), Initiative.id.desc())


def page_of(query, page):
    """One page of initiatives with what a list row shows (owner, lead region, themes)."""
    query = query.options(joinedload(Initiative.owner), joinedload(Initiative.lead_region),
                          selectinload(Initiative.themes))
    return db.paginate(query, page=page, per_page=PAGE_SIZE, error_out=False)


def latest_progress(initiative_ids):
    """initiative id -> its newest progress entry, for the given initiatives (one query)."""
    if not initiative_ids:
        return {}
    newest = (select(ProgressEntry.initiative_id, db.func.max(ProgressEntry.id).label("id"))
              .where(ProgressEntry.initiative_id.in_(initiative_ids))
              .group_by(ProgressEntry.initiative_id).subquery())
    entries = db.session.scalars(select(ProgressEntry).join(newest, ProgressEntry.id == newest.c.id)).all()
    return {entry.initiative_id: entry for entry in entries}


def regions_for(person, permission="initiative.edit"):
    """The regions where ``person`` may lead an initiative, by name."""
    ids = regions_where(person, permission)
    query = select(Region).order_by(Region.name)
    if ids is not None:
        query = query.where(Region.id.in_(ids) if ids else false())
    return db.session.scalars(query).all()


def actors_in(region_ids):
    """The actors of the given regions, by name: the owners and partners a form offers."""
    return db.session.scalars(
        select(Actor).where(Actor.regions.any(Region.id.in_(region_ids))).order_by(Actor.name)
    ).all()


def networks_in(region_ids):
    """The networks spanning any of the given regions, by name."""
    return db.session.scalars(
        select(Network).where(Network.regions.any(Region.id.in_(region_ids))).order_by(Network.name)
    ).all()


def all_regions():
    return db.session.scalars(select(Region).order_by(Region.name)).all()


def by_ids(model, ids):
    ids = list(ids or ())
    return db.session.scalars(select(model).where(model.id.in_(ids))).all() if ids else []


def current_nodes(regions, text=None, limit=None, include=()):
    """Nodes of the current plans of ``regions`` whose code or title contains ``text`` (all when
    empty), with the nodes ``include`` always among them: what the plan-node picker offers."""
    plan_ids = [plan.id for region in regions for plan in region.current_plans]
    query = (select(PlanNode).where(PlanNode.plan_id.in_(plan_ids), PlanNode.retired.is_(False))
             .options(joinedload(PlanNode.plan).joinedload(Plan.region))
             .order_by(PlanNode.plan_id, PlanNode.position, PlanNode.id))
    if text:
        pattern = f"%{text.strip()}%"
        query = query.where(or_(PlanNode.title.ilike(pattern), PlanNode.code.ilike(pattern),
                                PlanNode.title_en.ilike(pattern)))
    if limit:
        query = query.limit(limit)
    found = db.session.scalars(query).all() if plan_ids else []
    missing = set(include) - {node.id for node in found}
    return by_ids(PlanNode, missing) + found if missing else found
