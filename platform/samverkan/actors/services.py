"""Keeping actors and their people. The caller commits."""
from sqlalchemy import select
from stdnum.se import orgnr

from ..extensions import db
from ..regions.models import Region
from .models import Actor, Membership, comparable_name


def formatted_org_number(value):
    """The organisation number as stored (NNNNNN-NNNN), or None for none."""
    value = (value or "").strip()
    return orgnr.format(value) if value else None


def find_duplicate(name, org_number, region_ids, exclude=None):
    """(field, actor): an existing actor with the same organisation number (anywhere: it is
    unique nationally) or the same comparable name in one of ``region_ids``; else None."""
    others = select(Actor)
    if exclude is not None:
        others = others.where(Actor.id != exclude.id)
    number = formatted_org_number(org_number)
    if number:
        same = db.session.scalar(others.where(Actor.org_number == number).limit(1))
        if same is not None:
            return "org_number", same
    same = db.session.scalar(
        others.where(Actor.comparable_name == comparable_name(name),
                     Actor.regions.any(Region.id.in_(region_ids))).order_by(Actor.id).limit(1)
    )
    return ("name", same) if same is not None else None


def _apply(actor, *, name, kind, municipality, org_number, website, description, regions):
    actor.name = name.strip()
    actor.comparable_name = comparable_name(actor.name)
    actor.kind = kind
    actor.municipality = municipality or None
    actor.org_number = formatted_org_number(org_number)
    actor.website = (website or "").strip() or None
    actor.description = (description or "").strip()
    actor.regions = sorted(regions, key=lambda region: region.name)


def create_actor(**values):
    """A new actor; ``values`` as :func:`update_actor` takes them."""
    actor = Actor()
    _apply(actor, **values)
    db.session.add(actor)
    db.session.flush()
    return actor


def update_actor(actor, **values):
    _apply(actor, **values)
    db.session.flush()
    return actor


def has_membership(actor, person, role):
    return db.session.scalar(
        select(Membership.id).filter_by(actor_id=actor.id, person_id=person.id, role=role)
    ) is not None


def add_membership(actor, person, role):
    membership = Membership(actor=actor, person=person, role=role)
    db.session.add(membership)
    db.session.flush()
    return membership


def remove_membership(membership):
    db.session.delete(membership)
    db.session.flush()
