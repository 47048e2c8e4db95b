"""The roles a person can hold and the permissions each carries: the one table of them.

The accounts model, the grant forms, the policy, the admin pages and the command line all read
this module, so a new role or permission is one edit here. A regional role is held in one region
and carries its permissions there only; the others hold everywhere. Code names a role through the
constants below, never by its key.
"""
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

PLATFORM_ADMIN = "platform-admin"
NATIONAL_ANALYST = "national-analyst"
REGION_ADMIN = "region-admin"
PROJECT_LEAD = "project-lead"
MEMBER = "member"

#: permission -> what it allows
PERMISSIONS = {
    "region.manage": "keep the region's plan space: plan, networks, forums, assessments, reports, needs surveys",
    "forum.manage": "manage forums and their meetings (a network's coordinators also hold it there)",
    "region.grant-roles": "grant and revoke the regional roles of a region",
    "region.read-audit": "read the region's audit log",
    "initiative.edit": "edit initiatives (of the actors the person belongs to)",
    "region.participate": "register for meetings, comment",
    "region.read-drafts": "read what is not published yet",
    "needs.answers": "read and give an employer's answers to a needs survey (the employer's members: their own)",
    "competence-plan.edit": "edit and publish an actor's competence-supply plan (its contacts and representatives: "
                            "their own)",
    "platform.grant-roles": "grant platform-wide roles",
    "platform.read-audit": "read the whole audit log",
}

#: permission -> the relation to an object that a role holding it "through the relation" needs as
#: well as the object's region. A permission not named here is decided by the region alone. Each
#: relation is a rule per kind of object (``policy.object_rule``), both in Python and in SQL; the
#: app refuses to start when a view decides such a permission on a kind that has none.
RELATIONS = {
    "initiative.edit": "the initiative's owner or a partner is an actor the person is a member of (and an actor "
                       "is one to own initiatives when the person is its member)",
}


@dataclass(frozen=True)
class Role:
    key: str
    label: object  # a lazy translation
    regional: bool
    permissions: frozenset
    #: of ``permissions``, those held on an object only through its relation (:data:`RELATIONS`)
    through_relation: frozenset = frozenset()


def _role(key, label, regional, permissions, through_relation=()):
    unknown = set(permissions) - set(PERMISSIONS)
    if unknown:
        raise ValueError(f"role {key}: unknown permissions {sorted(unknown)}")
    if set(through_relation) - set(RELATIONS):
        raise ValueError(f"role {key}: no relation is declared for {sorted(set(through_relation) - set(RELATIONS))}")
    if through_relation and not regional:
        raise ValueError(f"role {key}: a platform-wide role holds its permissions everywhere")
    return Role(key, label, regional, frozenset(permissions) | frozenset(through_relation), frozenset(through_relation))


#: the roles in the order they are offered
ROLES = {
    role.key: role
    for role in (
        # an employer's answers are its own and its region admins' only: an operator who must read
        # them takes the regional role, which the audit log records
        _role(PLATFORM_ADMIN, _l("Platform administrator"), False, set(PERMISSIONS) - {"needs.answers"}),
        _role(NATIONAL_ANALYST, _l("National analyst"), False, {"region.read-drafts"}),
        _role(REGION_ADMIN, _l("Region administrator"), True,
              {"region.manage", "forum.manage", "region.grant-roles", "region.read-audit", "initiative.edit",
               "region.participate", "region.read-drafts", "needs.answers", "competence-plan.edit"}),
        _role(PROJECT_LEAD, _l("Project lead"), True, {"region.participate"}, through_relation={"initiative.edit"}),
        _role(MEMBER, _l("Member"), True, {"region.participate"}),
    )
}
REGIONAL_ROLES = frozenset(key for key, role in ROLES.items() if role.regional)
PLATFORM_ROLES = tuple(key for key, role in ROLES.items() if not role.regional)
REGION_ROLES = tuple(key for key, role in ROLES.items() if role.regional)
#: the regional roles a region admin gives with an invitation to an actor (the others are granted
#: on the region's people page, where who holds them is seen)
INVITED_ROLES = (PROJECT_LEAD, MEMBER)


def roles_holding(permission):
    """The keys of the roles that carry ``permission`` (through its relation or not)."""
    return frozenset(key for key, role in ROLES.items() if permission in role.permissions)


def through_relation(role_key, permission):
    """Whether role ``role_key`` holds ``permission`` on an object only through its relation."""
    role = ROLES.get(role_key)
    return role is not None and permission in role.through_relation


def covers(held, wanted):
    """Whether holding role ``held`` already carries every permission of role ``wanted``."""
    return ROLES[held].permissions >= ROLES[wanted].permissions


def label(role_key):
    return ROLES[role_key].label
