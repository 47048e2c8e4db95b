"""The core's kinds of actors and the roles a person has in an actor.

A region plugin names the kinds its plan speaks of (``samverkan_actor_kinds``); its keys share
this vocabulary ("employer", "municipality" …), so that an actor kind means the same in every
region. A core kind covers what the plugins do not name.
"""
from flask_babel import lazy_gettext as _l

#: key -> label; the kinds every region offers
CORE_KINDS = {
    "municipality": _l("Municipality"),
    "region": _l("Region"),
    "employer": _l("Employer"),
    "education-provider": _l("Education provider"),
    "university": _l("University or university college"),
    "public-agency": _l("Public agency"),
    "business-organisation": _l("Business organisation"),
    "trade-union": _l("Trade union"),
    "civil-society": _l("Civil society organisation"),
    "other": _l("Other"),
}

#: key -> label; the roles a person can have in an actor
MEMBERSHIP_ROLES = {
    "contact": _l("Contact person"),
    "project-lead": _l("Project lead"),
    "representative": _l("Representative"),
}
