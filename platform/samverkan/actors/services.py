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
from dataclasses import dataclass
from datetime import timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from stdnum.se import orgnr

from ..accounts.models import Person
from ..accounts.services import (create_person, find_person, grant_role, new_reset_token, normalise_email,
                                 set_new_password, token_hash)
from ..events import ActorChanged, MembershipChanged, emit
from ..extensions import db
from ..i18n import localized
from ..mail import send_mail
from ..policy import can
from ..regions.models import Region
from ..roles import INVITED_ROLES, ROLES, covers
from ..times import local_date, utcnow
from ..urls import external_url
from .kinds import MEMBERSHIP_ROLES
from .models import Actor, Invitation, Membership, comparable_name

#: the permission that keeps an actor and its people in a region
MANAGE = "region.manage"


class ActorRefused(ValueError):
    """A change the rules refuse; the message is for the person at the keyboard. Nothing of the
    change is written."""


class AlreadyMember(ActorRefused):
    """The person already acts for the actor in the role (the form marks the role)."""


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


def _check_membership_region(actor, region, by):
    """A membership (or an invitation to one) is for one of the actor's regions, that ``by`` manages."""
    if region not in actor.regions:
        raise ActorRefused(_l("The actor is not kept by %(region)s.", region=_region_name(region)))
    if by is not None and not can(by, MANAGE, region):
        raise ActorRefused(_l("Only the administrators of %(region)s can add people to the actor for %(region)s.",
                              region=_region_name(region)))


def add_membership(actor, person, role, region, by=None):
    """``person`` acts for ``actor`` in ``role`` on behalf of ``region``, one of the actor's regions
    that ``by`` (the person adding it; None for the command line) manages."""
    _check_membership_region(actor, region, by)
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


# -- invitations ---------------------------------------------------------------------------------

#: how long an invitation's link stays valid
INVITATION_MAX_AGE = timedelta(days=14)
ACCEPTED_ALREADY = _l("This invitation has been accepted already. Log in with your e-mail address and password.")


@dataclass(frozen=True)
class Invited:
    """What :func:`invite` did: ``added`` an account that can sign in at once (``person``), or
    made an ``invitation`` whose ``link`` was mailed."""

    person: Person | None = None
    invitation: Invitation | None = None
    link: str | None = None

    @property
    def added(self):
        return self.person is not None


def invite(actor, region, email, name, membership_role, role, by):
    """``by`` (an admin of ``region``, one of the actor's regions) brings the person of ``email``
    into the actor in ``membership_role``, with the regional ``role`` in ``region``.

    An active account that can sign in is given both at once and told by mail. Any other address
    gets an invitation by mail: its link sets the password, then gives both (:func:`accept`).
    """
    _check_membership_region(actor, region, by)
    if membership_role not in MEMBERSHIP_ROLES or role not in INVITED_ROLES:
        raise ActorRefused(_l("Choose one of the roles offered."))
    email = normalise_email(email)
    person = find_person(email)
    if person is not None and not person.active:
        raise ActorRefused(_l("The account of %(email)s is closed. A platform administrator can open it again.",
                              email=email))
    if person is not None and person.password_hash:
        if has_membership(actor, person, membership_role, region) and _holds(person, role, region):
            raise AlreadyMember(_l("%(name)s already has this role in the actor.", name=person.name))
        _give(person, actor, region, membership_role, role, by)
        send_mail(person.email, _("You act for %(actor)s in Samverkan", actor=actor.name),
                  _("%(admin)s has added you to %(actor)s as %(role)s for %(region)s in Samverkan.\n\nLog in: "
                    "%(link)s", admin=by.name, actor=actor.name, role=_role_word(membership_role),
                    region=_region_name(region), link=external_url("me.index")))
        return Invited(person=person)
    _withdraw_earlier(email, actor, region)
    token = new_reset_token()
    invitation = Invitation(token_hash=token_hash(token), email=email, name=(name or "").strip() or email,
                            actor=actor, region=region, membership_role=membership_role, role=role,
                            invited_by=by, expires_at=utcnow() + INVITATION_MAX_AGE)
    db.session.add(invitation)
    db.session.flush()
    link = external_url("actors.accept_invitation", token=token)
    send_mail(email, _("Invitation to Samverkan from %(region)s", region=_region_name(region)),
              _("%(admin)s invites you to act for %(actor)s as %(role)s in Samverkan, the platform of the "
                "regions' competence-supply work, for %(region)s.\n\nOpen this link by %(date)s to choose your "
                "password; then you are logged in:\n\n%(link)s\n\nThe link works once. If you did not expect "
                "the invitation, ignore this message.", admin=by.name, actor=actor.name,
                role=_role_word(membership_role), region=_region_name(region),
                date=local_date(invitation.expires_at, "long"), link=link))
    return Invited(invitation=invitation, link=link)


def _withdraw_earlier(email, actor, region):
    """Inviting again sends a fresh link: the earlier ones to the same address, actor and region stop working."""
    earlier = db.session.scalars(select(Invitation).where(
        Invitation.email == email, Invitation.actor_id == actor.id, Invitation.region_id == region.id,
        Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None)))
    for invitation in earlier:  # one by one, so that the audit log records each
        invitation.revoked_at = utcnow()


def _role_word(membership_role):
    return str(MEMBERSHIP_ROLES[membership_role]).lower()


def _holds(person, role, region):
    """Whether ``person`` holds a role in ``region`` that carries every permission of ``role``."""
    return any(grant.region_id == region.id and grant.role in ROLES and covers(grant.role, role)
               for grant in person.grants)


def _give(person, actor, region, membership_role, role, by):
    if not _holds(person, role, region):
        grant_role(person, role, region=region, granted_by=by)
    if not has_membership(actor, person, membership_role, region):
        add_membership(actor, person, membership_role, region)


def invitation_problem(invitation):
    """Why the invitation's link no longer works, for the person who opened it; None if it does."""
    if invitation.accepted_at is not None:
        return ACCEPTED_ALREADY
    if invitation.revoked_at is not None:
        return _l("%(region)s has withdrawn this invitation. Ask its administrators if you should have one.",
                  region=_region_name(invitation.region))
    if invitation.expires_at <= utcnow():
        return _l("This invitation expired on %(date)s. Ask %(admin)s, or another administrator of %(region)s, "
                  "to invite you again.", date=local_date(invitation.expires_at, "long"),
                  admin=invitation.invited_by.name if invitation.invited_by else "",
                  region=_region_name(invitation.region))
    return None


def invitation_by_token(token):
    """The invitation ``token`` is the link of, or None (also for a token longer than any made)."""
    if not token or len(token) > 200:
        return None
    return db.session.scalar(select(Invitation).where(Invitation.token_hash == token_hash(token)))


def accept(invitation, name, password):
    """The invited person's account (made now if there was none) with the password, the regional
    role and the membership; the invitation is used up. Refused when it no longer works, when the
    actor left the region, or when the admin who sent it no longer manages the region."""
    problem = invitation_problem(invitation)
    if problem is not None:
        raise ActorRefused(problem)
    try:
        _check_membership_region(invitation.actor, invitation.region, invitation.invited_by)
    except ActorRefused:
        raise ActorRefused(_l("The invitation no longer holds: %(actor)s or the one who invited you has left "
                              "%(region)s since. Ask an administrator of %(region)s to invite you again.",
                              actor=invitation.actor.name, region=_region_name(invitation.region))) from None
    taken = db.session.execute(
        update(Invitation).where(Invitation.id == invitation.id, Invitation.accepted_at.is_(None),
                                 Invitation.revoked_at.is_(None)).values(accepted_at=utcnow()),
        execution_options={"synchronize_session": False})
    if taken.rowcount != 1:  # two clicks at once accept once
        raise ActorRefused(ACCEPTED_ALREADY)
    db.session.refresh(invitation)
    person = find_person(invitation.email)
    if person is None:
        person = create_person(invitation.email, name)
    elif not person.active:
        raise ActorRefused(_l("The account of %(email)s is closed. A platform administrator can open it again.",
                              email=invitation.email))
    person.name = name.strip() or person.name
    set_new_password(person, password, "invitation-accepted")
    invitation.person_id = person.id
    _give(person, invitation.actor, invitation.region, invitation.membership_role, invitation.role,
          invitation.invited_by)
    db.session.flush()
    return person


def revoke_invitation(invitation):
    """The invitation's link stops working; whose it is to revoke is decided on its region."""
    problem = invitation_problem(invitation)
    if problem is not None:
        raise ActorRefused(problem)
    invitation.revoked_at = utcnow()
    db.session.flush()
