"""Changing networks: creating and editing one, its steps on the staircase, its members.

The caller commits.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..accounts.services import find_person
from ..events import NetworkChanged, emit
from ..extensions import db
from .models import Network, NetworkMember, StageChange
from .stages import STAGE_KEYS

#: where every network starts on Samverkanstrappan
FIRST_STAGE = STAGE_KEYS[0]


def create_network(name, kind, purpose, regions, nodes, by):
    """A new network at the first step, with that step as the first line of its history."""
    network = Network(name=name, kind=kind, purpose=purpose, regions=list(regions), nodes=list(nodes),
                      stage=FIRST_STAGE)
    network.stage_changes.append(StageChange(from_stage=None, to_stage=FIRST_STAGE, changed_by=by))
    db.session.add(network)
    db.session.flush()
    _changed(network, "created")
    return network


def update_network(network, name, kind, purpose, regions, nodes):
    network.name, network.kind, network.purpose = name, kind, purpose
    network.regions = list(regions)
    network.nodes = list(nodes)
    db.session.flush()
    _changed(network, "updated")


def _changed(network, change):
    emit(NetworkChanged(network_id=network.id, region_ids=tuple(sorted(region.id for region in network.regions)),
                        change=change))


def change_stage(network, stage, reason, by):
    """Move the network to ``stage`` (up or down the staircase) and record why."""
    if stage not in STAGE_KEYS or stage == network.stage:
        raise ValueError(f"not a new stage: {stage!r}")
    network.stage_changes.append(StageChange(from_stage=network.stage, to_stage=stage, reason=reason, changed_by=by))
    network.stage = stage
    db.session.flush()
    _changed(network, "stage")


def member_problem(network, actor=None, email=None):
    """Why this actor or person cannot be added (a message for the form), or None."""
    if email is not None:
        person = find_person(email)
        if person is None:
            return _l("No account has this e-mail address. The person needs an account first.")
        taken = NetworkMember.person_id == person.id
    else:
        taken = NetworkMember.actor_id == actor.id
    exists = db.session.scalar(select(NetworkMember.id).where(NetworkMember.network_id == network.id, taken))
    return _l("This is a member of the network already.") if exists else None


def add_member(network, actor=None, email=None, coordinator=False):
    person = find_person(email) if email is not None else None
    member = NetworkMember(network=network, actor=actor, person=person, coordinator=bool(person and coordinator))
    db.session.add(member)
    db.session.flush()
    return member


def remove_member(member):
    member.network.members.remove(member)
