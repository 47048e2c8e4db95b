"""Reads of the networks: the filtered list, a network's page, and what its forms offer."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..actors.models import Actor
from ..extensions import db
from ..forums.models import Forum
from ..plans.models import Plan, PlanNode
from ..regions.models import Region
from ..themes.models import Theme
from .models import Network, NetworkMember, StageChange

PAGE_SIZE = 50


def all_regions():
    return db.session.scalars(select(Region).order_by(Region.name)).all()


def filtered_networks(region=None, theme=None, stage=None, kind=None):
    """The networks matching the filters (slugs and keys; empty ones do not filter), by name.

    A network matches a theme when one of its linked plan nodes has it.
    """
    query = select(Network).options(selectinload(Network.regions))
    if region:
        query = query.where(Network.regions.any(Region.slug == region))
    if theme:
        query = query.where(Network.nodes.any(PlanNode.themes.any(Theme.slug == theme)))
    if stage:
        query = query.where(Network.stage == stage)
    if kind:
        query = query.where(Network.kind == kind)
    return query.order_by(Network.name, Network.id)


def networks_page(filters, page):
    return db.paginate(filtered_networks(**filters), page=page, per_page=PAGE_SIZE, error_out=False)


def network_for_page(network_id):
    """A network with everything its page shows of it, in six statements whatever its size
    (rows that come one per parent are joined, lists are loaded by one statement each)."""
    return db.session.scalar(
        select(Network).where(Network.id == network_id).options(
            selectinload(Network.regions),
            selectinload(Network.nodes).joinedload(PlanNode.plan).joinedload(Plan.region),
            selectinload(Network.nodes).selectinload(PlanNode.themes),
            selectinload(Network.members).joinedload(NetworkMember.actor),
            selectinload(Network.members).joinedload(NetworkMember.person),
            selectinload(Network.stage_changes).joinedload(StageChange.changed_by),
        )
    )


def forums_of(network):
    return db.session.scalars(select(Forum).where(Forum.network_id == network.id).order_by(Forum.name)).all()


def nodes_by_id(ids):
    return db.session.scalars(select(PlanNode).where(PlanNode.id.in_(ids))).all() if ids else []


def regions_by_id(ids):
    return db.session.scalars(select(Region).where(Region.id.in_(ids)).order_by(Region.name)).all() if ids else []


def actors_of(network):
    """The actors of the network's regions, by name: who can join it."""
    region_ids = [region.id for region in network.regions]
    return db.session.scalars(
        select(Actor).where(Actor.regions.any(Region.id.in_(region_ids))).order_by(Actor.name, Actor.id)
    ).all()
