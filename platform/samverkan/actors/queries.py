"""Reading actors: the filtered list, the choices of the forms, and what an actor's page shows."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..forums.models import Forum
from ..i18n import localized
from ..networks.models import Network, NetworkMember
from ..regions.models import Region
from ..times import utcnow
from .kinds import CORE_KINDS
from .models import Actor, ActorKind, Invitation, Membership, comparable_name

PAGE_SIZE = 50
MAX_PAGE = 10_000


def kind_labels(region_ids=None, retired=False):
    """key -> label: the core kinds, then the plugins' kinds (of ``region_ids``, or of every region)
    that the core does not name, labelled by the first region that names them."""
    labels = dict(CORE_KINDS)
    query = select(ActorKind).order_by(ActorKind.region_id, ActorKind.position)
    if not retired:
        query = query.where(ActorKind.retired.is_(False))
    if region_ids is not None:
        query = query.where(ActorKind.region_id.in_(region_ids))
    for row in db.session.scalars(query):
        labels.setdefault(row.key, localized(row, "name"))
    return labels


def all_regions():
    return db.session.scalars(select(Region).order_by(Region.name)).all()


def region_choices(regions):
    return [(region.slug, localized(region, "name").text) for region in regions]


#: å, ä, ö after z, in that order, as in a Swedish dictionary
SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}"})


def swedish_key(name):
    return name.casefold().translate(SWEDISH_ORDER)


def municipalities_of(regions):
    """The municipalities of ``regions``, in Swedish alphabetical order, each once."""
    names = {name for region in regions for name in (region.municipalities or [])}
    return sorted(names, key=swedish_key)


def filtered_actors(kind=None, region=None, municipality=None, text=None):
    """The actors the filters ask for, by name; their regions come in one more query per page."""
    query = select(Actor).options(selectinload(Actor.regions))
    if kind:
        query = query.where(Actor.kind == kind)
    if region:
        query = query.where(Actor.regions.any(Region.slug == region))
    if municipality:
        query = query.where(Actor.municipality == municipality)
    folded = comparable_name(text or "")
    if folded:
        query = query.where(Actor.comparable_name.contains(folded, autoescape=True))
    return query.order_by(Actor.comparable_name, Actor.id)


def page_of_actors(query, page):
    return db.paginate(query, page=page, per_page=PAGE_SIZE, error_out=False)


def memberships(actor):
    """The actor's people with their accounts, contact people first."""
    rows = db.session.scalars(
        select(Membership).where(Membership.actor_id == actor.id)
        .options(selectinload(Membership.person), selectinload(Membership.region)).order_by(Membership.id)
    ).all()
    return sorted(rows, key=lambda m: (m.role != "contact", m.person.name.casefold(), m.id))


def networks_of(actor):
    return db.session.scalars(
        select(Network).join(NetworkMember, NetworkMember.network_id == Network.id)
        .where(NetworkMember.actor_id == actor.id).order_by(Network.name, Network.id)
    ).all()


def forums_of(networks):
    if not networks:
        return []
    return db.session.scalars(
        select(Forum).where(Forum.network_id.in_([network.id for network in networks]))
        .order_by(Forum.name, Forum.id)
    ).all()


def named_in_region(region, text):
    """The actors of ``region`` that ``text`` names: its id, or its name as :func:`comparable_name`
    compares names (the command line's ``--actor``)."""
    query = select(Actor).where(Actor.regions.any(Region.id == region.id))
    if text.strip().isdigit():
        query = query.where(Actor.id == int(text))
    else:
        query = query.where(Actor.comparable_name == comparable_name(text))
    return db.session.scalars(query.order_by(Actor.id)).all()


def pending_invitations(actor, region_ids):
    """The invitations to ``actor`` not yet accepted, withdrawn or expired, for ``region_ids``
    (None: every region), the newest first."""
    query = select(Invitation).where(Invitation.actor_id == actor.id, Invitation.accepted_at.is_(None),
                                     Invitation.revoked_at.is_(None), Invitation.expires_at > utcnow())
    if region_ids is not None:
        query = query.where(Invitation.region_id.in_(sorted(region_ids)))
    return db.session.scalars(query.order_by(Invitation.created_at.desc(), Invitation.id.desc())).all()
