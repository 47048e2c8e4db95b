"""Reads of accounts that other features show: who administers a region."""
from sqlalchemy import select

from ..extensions import db
from ..roles import REGIONAL_ROLES, roles_holding
from .models import Person, RoleGrant

#: what makes a person one to ask for a place in a region's actors: they add people to them
ADDS_PEOPLE = "region.manage"


def region_administrators(region_ids):
    """region id -> the active people who add people to the region's actors, by name."""
    roles = sorted(roles_holding(ADDS_PEOPLE) & REGIONAL_ROLES)
    rows = db.session.execute(
        select(RoleGrant.region_id, Person).join(Person, RoleGrant.person_id == Person.id)
        .where(RoleGrant.role.in_(roles), RoleGrant.region_id.in_(sorted(region_ids)), Person.active.is_(True))
        .order_by(Person.name, Person.id)
    ).all()
    admins = {region_id: [] for region_id in region_ids}
    for region_id, person in rows:
        if person not in admins[region_id]:
            admins[region_id].append(person)
    return admins
