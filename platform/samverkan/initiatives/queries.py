"""Reads of the initiatives: who sees which, the filtered lists, an initiative's page, and what
the initiative form offers."""
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from sqlalchemy import (bindparam, case, exists, func, literal, null, or_, select, union,
                        union_all)
from sqlalchemy.orm import joinedload, load_only, selectinload

from .. import cache as cache_layer
from ..accounts.queries import region_administrators
from ..actors.models import Actor
from ..extensions import db
from ..networks.models import Network
from ..pagination import Page
from ..plans.models import Plan, PlanNode
from ..policy import regions_where, where
from ..regions.models import Region
from ..search.index import matching_ids
from ..themes.models import Theme
from .models import (EDIT, Funding, Initiative, InitiativePerspective, InitiativeTargetGroup,
                     ProgressEntry, StatusChange, in_regions,
                     initiative_networks, initiative_partners, initiative_plan_nodes, initiative_regions,
                     theme_links, theme_sources)
from .vocabulary import ACTIVE_STATUSES, UNDER_WAY

PAGE_SIZE = 25
#: a list counts its matches up to this many, and past it says "more than"
COUNT_CAP = 1000
#: list pages a worker keeps under one generation (then it forgets them all at once)
MAX_CACHED_PAGES = 2000
#: what the lists' ids and counts (:func:`filtered_page`) are kept under: the tables a filter or
#: the visibility of drafts (the policy's roles and memberships) reads
LISTS = cache_layer.declare("initiative-lists", reads={
    "initiatives", "initiative_regions", "initiative_partners", "initiative_plan_nodes", "initiative_themes",
    "initiative_networks", "initiative_target_groups", "initiative_funding", "actors", "regions", "themes",
    "plans", "plan_nodes", "plan_node_themes", "memberships", "role_grants", "search_documents",
})
#: what a list row of an initiative shows (``initiatives/_list.html``)
LISTED_COLUMNS = (Initiative.title, Initiative.status, Initiative.draft, Initiative.is_practice,
                  Initiative.owner_id, Initiative.lead_region_id, Initiative.updated_at)
#: past this page a list asks for a narrower filter instead (a deep page costs a long scan)
MAX_PAGE = 400


#: published, said so that no index serves it (``IS NOT true``, not ``IS false``): nine in ten
#: initiatives are published, and SQLite without statistics would otherwise read them all through
#: the index on ``draft`` instead of the few a region's or a node's index finds
PUBLISHED = Initiative.draft.is_not(True)


def visible_to(person):
    """A condition on :class:`Initiative`: the initiatives ``person`` may see.

    Everyone sees what is published; a draft, those who may edit it or read drafts, decided by
    :func:`samverkan.policy.where` as :func:`~samverkan.policy.can` decides on one initiative.
    """
    if person is None or not person.is_authenticated:
        return PUBLISHED
    return or_(PUBLISHED, where(person, ("region.read-drafts", "initiative.edit"), Initiative))


def editable_by(person):
    """A condition on :class:`Initiative`: the initiatives ``person`` may edit (the policy's rule)."""
    return where(person, "initiative.edit", Initiative)


#: the name the reports and the practice library import
_in_regions = in_regions


def visible_initiative(initiative_id, person):
    """The initiative for its page, or None when there is none that ``person`` may see.

    With its owner, lead region, last editor and status history; what the page lists of its
    links comes from :func:`initiative_links` (plain data, one statement). A collection read
    through the ORM (``initiative.partners`` for the policy) loads when read.
    """
    return db.session.scalar(
        select(Initiative).where(Initiative.id == initiative_id, visible_to(person)).options(
            joinedload(Initiative.owner), joinedload(Initiative.lead_region), joinedload(Initiative.updated_by),
            selectinload(Initiative.status_changes).joinedload(StatusChange.changed_by),
        )
    )


@dataclass
class Links:
    """What an initiative's page lists of its links, as plain data read in one statement: loading
    each of these collections through the ORM costs a statement and most of a millisecond apiece.
    Attributes as the models name them: ``partners`` (``id``, ``name``), ``partner_regions``,
    ``themes`` and ``networks`` (also ``name_en``; regions and themes a ``slug``), ``nodes``
    (``code``, ``title``, ``title_en``, the ``region`` and the ``plan`` version), ``target_groups`` and
    ``perspectives`` (keys) and ``funding`` (``source``, ``amount_sek``)."""

    partners: list = field(default_factory=list)
    partner_regions: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    networks: list = field(default_factory=list)
    nodes: list = field(default_factory=list)
    target_groups: list = field(default_factory=list)
    perspectives: list = field(default_factory=list)
    funding: list = field(default_factory=list)


@dataclass(frozen=True)
class Linked:
    """An actor, region, theme or network as a page names it (attributes as the models name them)."""

    id: int | None
    name: str
    name_en: str | None = None
    slug: str | None = None


@dataclass(frozen=True)
class LinkedPlan:
    """The version of a plan a linked node is of (what ``plans.models.without_replaced`` reads)."""

    region_id: int
    key: str
    version: int
    retired: bool


@dataclass(frozen=True)
class LinkedNode:
    code: str
    title: str
    title_en: str | None
    region: Linked
    plan: LinkedPlan


@dataclass(frozen=True)
class FundingRow:
    source: str
    amount_sek: int


def initiative_links(initiative_id):
    """The initiative's partners, partner regions, themes, networks, plan nodes, target groups,
    equality perspectives and funding, each in the order its relationship on the model gives."""
    links = Links()
    for row in db.session.execute(_links_query(), {"initiative_id": initiative_id}):
        if row.kind in ("target_groups", "perspectives"):
            getattr(links, row.kind).append(row.name)
        elif row.kind == "funding":
            links.funding.append(FundingRow(row.name, row.number))
        elif row.kind == "nodes":
            region = Linked(None, row.region_name, row.region_name_en, row.slug)
            plan = LinkedPlan(row.region_id, row.plan_key, row.version, bool(row.retired))
            links.nodes.append(LinkedNode(row.code, row.name, row.name_en, region, plan))
        else:
            getattr(links, row.kind).append(Linked(row.number, row.name, row.name_en, row.slug))
    return links


@cache
def _links_query():
    """Built once: constructing the union costs more than running it."""
    text, number = db.String(), db.BigInteger()
    initiative_id = bindparam("initiative_id", type_=db.Integer())
    names = ("number", "name", "name_en", "slug", "code", "region_name", "region_name_en", "position", "ord",
             "region_id", "plan_key", "version", "retired")
    types = (number, text, text, text, text, text, text, number, text, number, text, number, number)

    def part(kind, table, *joins, **columns):
        values = [literal(kind, text).label("kind")] + [
            (columns[name] if name in columns else null().cast(type_)).label(name)
            for name, type_ in zip(names, types)]
        query = select(*values).select_from(table)
        for target, on in joins:
            query = query.join(target, on)
        return query.where(table.c.initiative_id == initiative_id)

    node_region = Region.__table__.alias("node_region")
    return union_all(
        part("partners", initiative_partners, (Actor, Actor.id == initiative_partners.c.actor_id),
             number=Actor.id, name=Actor.name, ord=Actor.name),
        part("partner_regions", initiative_regions, (Region, Region.id == initiative_regions.c.region_id),
             number=Region.id, name=Region.name, name_en=Region.name_en, slug=Region.slug, ord=Region.name),
        part("themes", theme_links, (Theme, Theme.id == theme_links.c.theme_id),
             number=Theme.id, name=Theme.name, name_en=Theme.name_en, slug=Theme.slug, position=Theme.position),
        part("networks", initiative_networks, (Network, Network.id == initiative_networks.c.network_id),
             number=Network.id, name=Network.name, name_en=Network.name_en, ord=Network.name),
        part("nodes", initiative_plan_nodes, (PlanNode, PlanNode.id == initiative_plan_nodes.c.node_id),
             (Plan, Plan.id == PlanNode.plan_id), (node_region, node_region.c.id == Plan.region_id),
             number=PlanNode.id, name=PlanNode.title, name_en=PlanNode.title_en, code=PlanNode.code,
             slug=node_region.c.slug, region_name=node_region.c.name, region_name_en=node_region.c.name_en,
             region_id=Plan.region_id, plan_key=Plan.key, version=Plan.version,
             retired=case((Plan.retired, 1), else_=0)),
        part("target_groups", InitiativeTargetGroup.__table__, name=InitiativeTargetGroup.key,
             ord=InitiativeTargetGroup.key),
        part("perspectives", InitiativePerspective.__table__, name=InitiativePerspective.key,
             ord=InitiativePerspective.key),
        part("funding", Funding.__table__, number=Funding.amount_sek, name=Funding.source, ord=Funding.source),
    ).order_by("kind", "position", "ord", "number")


def node_and_descendants(node_id):
    """The ids of a plan node and every node below it (one recursive query)."""
    tree = select(PlanNode.id).where(PlanNode.id == node_id).cte(recursive=True)
    tree = tree.union_all(select(PlanNode.id).where(PlanNode.parent_id == tree.c.id))
    return select(tree.c.id)


def filtered(person, region=None, theme=None, node=None, actor=None, network=None, practice=False, q=None,
             published=False, **facets):
    """The initiatives ``person`` sees that match the filters (empty ones do not filter), newest
    change first.

    ``region`` (a slug) matches lead and partner regions; ``theme`` (a slug) a theme set directly
    or carried by a linked plan node; ``node`` (an id) the node and its children; ``q`` words of
    the initiative's text, through the search index (Swedish stems: "validering" finds
    "validera"); ``published`` leaves out the drafts ``person`` would see; ``facets`` are those of
    :func:`described`.

    Written for 100,000 initiatives on both databases: a node's subtree is read first,
    so that each test compares plain ids the planner can weigh; a narrow filter (node, actor,
    network) is a set of ids to start from; a broad one (theme, target group) a test on each
    initiative, so that walking ``updated_at`` newest first stops after a page; a region is its
    lead-region index or its partner links (SQLite unites the two, PostgreSQL walks newest first).
    """
    query = select(Initiative).where(visible_to(person))
    if region:
        region_id = select(Region.id).where(Region.slug == region).scalar_subquery()
        query = query.where(or_(Initiative.lead_region_id == region_id,
                                Initiative.id.in_(_linked(initiative_regions, "region_id", region_id))))
    if theme:
        theme_id = select(Theme.id).where(Theme.slug == theme).scalar_subquery()
        query = query.where(or_(*(source.where(source.selected_columns.initiative_id == Initiative.id,
                                               source.selected_columns.theme_id == theme_id).exists()
                                  for source in theme_sources())))
    if node:
        nodes = db.session.scalars(node_and_descendants(node)).all()
        query = query.where(Initiative.id.in_(select(initiative_plan_nodes.c.initiative_id).where(
            initiative_plan_nodes.c.node_id.in_(nodes))))
    query = query.where(*described(**facets))
    if actor:
        owned = select(Initiative.id).where(Initiative.owner_id == actor)
        query = query.where(Initiative.id.in_(union(owned, _linked(initiative_partners, "actor_id", actor))))
    if network:
        query = query.where(Initiative.id.in_(_linked(initiative_networks, "network_id", network)))
    if practice:
        query = query.where(Initiative.is_practice.is_(True))
    if published:
        query = query.where(PUBLISHED)
    if q:
        query = query.where(Initiative.id.in_(matching_ids("initiative", q)))
    return query.order_by(Initiative.updated_at.desc(), Initiative.id.desc())


def described(status=None, target_group=None, actor_kind=None, funding=None, year_from=None, year_to=None):
    """Conditions on :class:`Initiative` for what it is (empty filters add none): shared by the
    lists and the national comparison, so that a figure of the comparison and the list it links to
    select alike.

    ``status`` a key of ``STATUSES``, or ``UNDER_WAY`` for any of ``ACTIVE_STATUSES``;
    ``target_group`` a key of ``TARGET_GROUPS``; ``actor_kind`` the kind of the owner; ``funding`` (a
    key of ``FUNDING_SOURCES``) a source that pays towards it; ``year_from`` and ``year_to`` the
    years it runs in (:func:`runs_in`).
    """
    conditions = []
    if status == UNDER_WAY:
        conditions.append(Initiative.status.in_(ACTIVE_STATUSES))
    elif status:
        conditions.append(Initiative.status == status)
    if target_group:
        conditions.append(_has_link(InitiativeTargetGroup.__table__, InitiativeTargetGroup.key == target_group))
    if actor_kind:
        conditions.append(Initiative.owner.has(Actor.kind == actor_kind))
    if funding:
        conditions.append(Initiative.funding.any(Funding.source == funding))
    if year_from or year_to:
        conditions.extend(runs_in(year_from, year_to))
    return conditions


def runs_in(year_from=None, year_to=None):
    """Conditions: the initiative runs in at least one year of ``year_from``..``year_to`` (either
    may be open). It has begun by the end of the last year and not ended before the first; a
    missing start or end reaches as far as needed (begun long ago, still running), but an
    initiative with neither date is in no period: nothing says when it runs."""
    conditions = [or_(Initiative.starts_on.is_not(None), Initiative.ends_on.is_not(None))]
    if year_to:
        conditions.append(or_(Initiative.starts_on.is_(None), Initiative.starts_on <= date(year_to, 12, 31)))
    if year_from:
        conditions.append(or_(Initiative.ends_on.is_(None), Initiative.ends_on >= date(year_from, 1, 1)))
    return conditions


def _has_link(table, condition):
    """Whether the initiative has a row in ``table`` meeting ``condition``: tested per initiative
    (a filter many initiatives pass, cheapest to test on each row while walking newest first)."""
    return exists().where(table.c.initiative_id == Initiative.id, condition)


def _linked(table, column, value):
    """The initiatives a link table links to ``value`` (an id)."""
    return select(table.c.initiative_id).where(table.c[column] == value)


def page_of(query, page):
    """One page of initiatives with what a list row shows (owner, lead region, themes).

    The page's ids are found first, and only those rows read whole: a sort that carries whole
    rows (descriptions and all) through thousands of matches is what made a filtered list slow.
    """
    return _page(_page_ids(query, max(page or 1, 1)))


def filtered_page(person, page, **filters):
    """A page of ``filtered(person, **filters)`` as :class:`ListedInitiative` rows, with the page's
    ids and count kept by the worker under :data:`LISTS`: a list read again costs the page's rows
    (and, once a request, the generations), however many initiatives it walks or counts."""
    page = max(page or 1, 1)
    pages = LISTS.kept(MAX_CACHED_PAGES)
    key = (_visibility_key(person), tuple(sorted(filters.items())), page)
    found = pages.get(key)
    if found is None:
        found = pages[key] = _page_ids(filtered(person, **filters), page, short_known=False)
    return _listed(found)


def _visibility_key(person):
    """What decides which initiatives ``person`` sees, besides the data (see :func:`visible_to`)."""
    if person is None or not person.is_authenticated:
        return None
    return person.id, tuple(sorted((grant.role, grant.region_id or 0) for grant in person.grants))


@dataclass(frozen=True)
class _PageIds:
    page: int
    ids: tuple
    total: int
    more: bool


def _page_ids(query, page, short_known=True):
    """The ids on ``page`` of ``query`` and how many match (counted up to a cap). A short last page
    tells the count without a statement, unless ``short_known`` is false: the list pages a worker
    keeps always count, so that a list costs the same statements however much it finds."""
    ids = tuple(db.session.scalars(query.with_only_columns(Initiative.id).limit(PAGE_SIZE)
                                   .offset((page - 1) * PAGE_SIZE)))
    counted = max(COUNT_CAP, (page + 1) * PAGE_SIZE)
    if short_known and len(ids) < PAGE_SIZE and (ids or page == 1):  # the last page: the count is known
        total = (page - 1) * PAGE_SIZE + len(ids)
    else:
        total = db.session.scalar(select(func.count()).select_from(
            query.with_only_columns(Initiative.id).order_by(None).limit(counted + 1).subquery()))
    return _PageIds(page, ids, min(total, counted), total > counted)


@dataclass(frozen=True)
class ListedInitiative:
    """An initiative as a list row shows it: plain data, read with two statements for a page,
    where ORM objects cost several times as much; the attributes carry the model's names, so the
    list template reads it as it reads an :class:`Initiative`."""

    id: int
    title: str
    status: str
    draft: bool
    is_practice: bool
    owner: "Linked"
    lead_region: "Linked"
    all_themes: tuple


def _listed(found):
    """The page's initiatives as :class:`ListedInitiative`, in the page's order."""
    if not found.ids:
        return Page([], found.page, PAGE_SIZE, found.total, more=found.more)
    themes = {}
    for initiative_id, name, name_en, slug in db.session.execute(
            select(theme_links.c.initiative_id, Theme.name, Theme.name_en, Theme.slug)
            .join(Theme, Theme.id == theme_links.c.theme_id)
            .where(theme_links.c.initiative_id.in_(found.ids)).order_by(Theme.position)):
        themes.setdefault(initiative_id, []).append(Linked(None, name, name_en, slug))
    rows = {row.id: ListedInitiative(
        row.id, row.title, row.status, row.draft, row.is_practice, Linked(None, row.owner_name),
        Linked(None, row.region_name, row.region_name_en, row.region_slug), tuple(themes.get(row.id, ())))
        for row in db.session.execute(
            select(Initiative.id, Initiative.title, Initiative.status, Initiative.draft, Initiative.is_practice,
                   Actor.name.label("owner_name"), Region.name.label("region_name"),
                   Region.name_en.label("region_name_en"), Region.slug.label("region_slug"))
            .join(Actor, Actor.id == Initiative.owner_id).join(Region, Region.id == Initiative.lead_region_id)
            .where(Initiative.id.in_(found.ids)))}
    return Page([rows[i] for i in found.ids if i in rows], found.page, PAGE_SIZE, found.total, more=found.more)


def _page(found):
    """The page's initiatives with what a list row shows, and not their long texts."""
    rows = {initiative.id: initiative for initiative in db.session.scalars(
        select(Initiative).where(Initiative.id.in_(found.ids)).options(
            load_only(*LISTED_COLUMNS), joinedload(Initiative.owner).load_only(Actor.name),
            joinedload(Initiative.lead_region).load_only(Region.slug, Region.name, Region.name_en),
            selectinload(Initiative.all_themes)))
    } if found.ids else {}
    return Page([rows[i] for i in found.ids if i in rows], found.page, PAGE_SIZE, found.total, more=found.more)


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
    """The regions where ``person`` may lead an initiative (or hold ``permission``), by name."""
    return db.session.scalars(select(Region).where(where(person, permission, Region)).order_by(Region.name)).all()


def actors_in(region_ids):
    """The actors of the given regions, by name: the owners and partners a form offers."""
    return db.session.scalars(
        select(Actor).where(Actor.regions.any(Region.id.in_(region_ids))).order_by(Actor.name)
    ).all()


def owners_for(person, region_ids):
    """The actors of the given regions that ``person`` may make an initiative's owner, by name: a
    project lead's own actors (the policy's rule), a region admin's every one."""
    return db.session.scalars(
        select(Actor).where(Actor.regions.any(Region.id.in_(region_ids)), where(person, EDIT, Actor))
        .order_by(Actor.name)
    ).all()


@dataclass(frozen=True)
class ActorMissing:
    """A person who may lead initiatives in ``regions`` but acts for no actor there yet: whom to
    ask (region id -> its administrators)."""

    regions: list
    administrators: dict


def actor_missing(person):
    """An :class:`ActorMissing` when ``person`` holds ``initiative.edit`` only through actors and
    belongs to none they could use as an owner; else None."""
    region_ids = regions_where(person, EDIT)
    if not region_ids or db.session.scalar(select(Actor.id).where(where(person, EDIT, Actor)).limit(1)) is not None:
        return None
    regions = db.session.scalars(select(Region).where(Region.id.in_(sorted(region_ids))).order_by(Region.name)).all()
    return ActorMissing(regions, region_administrators(region_ids))


def networks_in(region_ids):
    """The networks spanning any of the given regions, by name."""
    return db.session.scalars(
        select(Network).where(Network.regions.any(Region.id.in_(region_ids))).order_by(Network.name)
    ).all()


def all_regions():
    return db.session.scalars(select(Region).order_by(Region.name)).all()


def themes_by_position():
    """The themes' slugs and names in the vocabulary's order, as plain rows (for a filter)."""
    return db.session.execute(select(Theme.slug, Theme.name, Theme.name_en).order_by(Theme.position)).all()


def by_ids(model, ids):
    ids = list(ids or ())
    return db.session.scalars(select(model).where(model.id.in_(ids))).all() if ids else []
