"""The fixed vocabularies of an initiative: its statuses, target groups, equality perspectives and
funding sources. Keys are stored; labels are translated when shown.

The equality perspectives are those of the 4-P method the national overview (seed ``004``)
describes: gender, age and origin.
"""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

#: key -> label, in the order an initiative moves through them. In a message context of their own:
#: a meeting's statuses share some of the English words but not the Swedish ones (a cancelled
#: meeting is "inställt", a cancelled initiative "avbrutet").
STATUSES = {
    "idea": lazy_pgettext("initiative status", "Idea"),
    "planned": lazy_pgettext("initiative status", "Planned"),
    "running": lazy_pgettext("initiative status", "Running"),
    "finished": lazy_pgettext("initiative status", "Finished"),
    "cancelled": lazy_pgettext("initiative status", "Cancelled"),
}
#: the statuses an initiative is under way in (reports are due from these)
ACTIVE_STATUSES = ("planned", "running")
#: the status filter that stands for every one of :data:`ACTIVE_STATUSES` (lists and the comparison)
UNDER_WAY = "active"
#: the statuses of work that is over: it belongs to the plan it was done under
CLOSED_STATUSES = ("finished", "cancelled")

TARGET_GROUPS = {
    "young-people": _l("Young people"),
    "newly-arrived": _l("Newly arrived"),
    "far-from-labour-market": _l("People far from the labour market"),
    "disabilities": _l("People with disabilities"),
    "employees": _l("Employees"),
    "employers": _l("Employers"),
    "students": _l("Students"),
    "adult-learners": _l("Adult learners"),
    "guidance-counsellors": _l("Study and career guidance counsellors"),
    "teachers": _l("Teachers and school leaders"),
    "unemployed": _l("Job seekers"),
}

EQUALITY_PERSPECTIVES = {
    "gender": _l("Gender"),
    "age": _l("Age"),
    "origin": _l("Origin"),
}

FUNDING_SOURCES = {
    "esf": _l("ESF+"),
    "eruf": _l("ERDF (ERUF)"),
    "regional": _l("Regional funds"),
    "national": _l("National funds"),
    "own": _l("Own funds"),
    "other": _l("Other funding"),
}
