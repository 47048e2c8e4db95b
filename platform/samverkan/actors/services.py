"""Keeping actors and their people. The caller commits.

An actor may be kept by several regions, and each region holds its own part of it: its place in
the actor's regions and the memberships it added. The rules (:func:`region_change_problems`,
:func:`add_membership`; removing a membership is decided by :mod:`samverkan.policy` on the
membership's region):

- a person adds or removes only the regions where they hold ``region.manage`` (a platform admin
  any): a region releases its own hold on a shared actor, never another region's, and nobody puts
  an actor into a region's register but that region's own admins;
- a membership belongs to the region it was added for, one of the actor's regions that the
  person adding it manages.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from stdnum.se import orgnr

from ..events import ActorChanged, MembershipChanged, emit
from ..extensions import db
from ..i18n import localized
from ..policy import can
from ..regions.models import Region
from .models import Actor, Membership, comparable_name

#: the permission that keeps an actor and its people in a region
MANAGE = "region.manage"


class ActorRefused(ValueError):
    """A change the rules refuse; the message is for the person at the keyboard. Nothing of the
    change is written."""


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


def _region_name(region):
    return localized(region, "name").text


def region_change_problems(before, after, person):
    """Why ``person`` may not change an actor's regions from ``before`` to ``after`` (messages);
    empty if they may. ``person`` None is the command line or an import, whose caller decided."""
    if not after:
        return [_l("Choose at least one region.")]
    if person is None:
        return []
    before_ids, after_ids = {region.id for region in before}, {region.id for region in after}
    problems = []
    for region in sorted(before, key=lambda region: region.name):
        if region.id not in after_ids and not can(person, MANAGE, region):
            problems.append(_l("Only the administrators of %(region)s can take the actor out of %(region)s.",
                               region=_region_name(region)))
    for region in sorted(after, key=lambda region: region.name):
        if region.id not in before_ids and not can(person, MANAGE, region):
            problems.append(_l("Only the administrators of %(region)s can add the actor to %(region)s: they add "
                               "it from the actor's page.", region=_region_name(region)))
    return problems


def _check_regions(before, after, person):
    problems = region_change_problems(before, after, person)
    if problems:
        raise ActorRefused(" ".join(str(problem) for problem in problems))


def _apply(actor, *, name, kind, municipality, org_number, website, description, regions):
    actor.name = name.strip()
    actor.comparable_name = comparable_name(actor.name)
    actor.kind = kind
    actor.municipality = municipality or None
    actor.org_number = formatted_org_number(org_number)
    actor.website = (website or "").strip() or None
    actor.description = (description or "").strip()
    actor.regions = sorted(regions, key=lambda region: region.name)


def create_actor(by=None, **values):
    """A new actor; ``values`` as :func:`update_actor` takes them. ``by`` (the person creating it;
    None for the command line and imports) must manage every region it is put in."""
    _check_regions([], values["regions"], by)
    actor = Actor()
    _apply(actor, **values)
    db.session.add(actor)
    db.session.flush()
    _changed(actor, "created")
    return actor


def update_actor(actor, by=None, **values):
    """Change the actor; ``by`` (the person editing it) adds and removes only regions they manage."""
    _check_regions(actor.regions, values["regions"], by)
    name = actor.name
    _apply(actor, **values)
    db.session.flush()
    _changed(actor, "updated", renamed=actor.name != name)
    return actor


def _changed(actor, change, renamed=False):
    emit(ActorChanged(actor_id=actor.id, region_ids=tuple(sorted(region.id for region in actor.regions)),
                      change=change, renamed=renamed))


def add_region(actor, region, by):
    """``region`` takes the actor into its register too (asked by one of its admins): the actor
    is then shared, and each region keeps its own hold on it."""
    if region in actor.regions:
        return actor
    _check_regions(actor.regions, [*actor.regions, region], by)
    actor.regions = sorted([*actor.regions, region], key=lambda region: region.name)
    db.session.flush()
    _changed(actor, "region added")
    return actor


def membership_regions(actor, person):
    """The regions ``person`` may add a membership of ``actor`` for: the actor's regions they manage."""
    return [region for region in actor.regions if can(person, MANAGE, region)]


def has_membership(actor, person, role, region):
    return db.session.scalar(
        select(Membership.id).filter_by(actor_id=actor.id, person_id=person.id, role=role, region_id=region.id)
    ) is not None


def add_membership(actor, person, role, region, by=None):
    """``person`` acts for ``actor`` in ``role`` on behalf of ``region``, one of the actor's regions
    that ``by`` (the person adding it; None for the command line) manages."""
    if region not in actor.regions:
        raise ActorRefused(_l("The actor is not kept by %(region)s.", region=_region_name(region)))
    if by is not None and not can(by, MANAGE, region):
        raise ActorRefused(_l("Only the administrators of %(region)s can add people to the actor for %(region)s.",
                              region=_region_name(region)))
    membership = Membership(actor=actor, person=person, role=role, region=region)
    db.session.add(membership)
    db.session.flush()
    _membership_changed(membership, "added")
    return membership


def remove_membership(membership):
    """Whose membership it is to remove is decided on its region by :mod:`samverkan.policy`."""
    _membership_changed(membership, "removed")
    db.session.delete(membership)
    db.session.flush()


def _membership_changed(membership, change):
    emit(MembershipChanged(actor_id=membership.actor_id, region_id=membership.region_id, role=membership.role,
                           change=change))
