"""Reading competence-supply plans: which years a person may see, a year with everything its
page shows, and the choices its forms offer."""
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..plans.models import PlanNode
from ..plans.queries import plan_order
from ..policy import can
from .models import HORIZONS, CompetenceActivity, CompetencePlanYear


def may_edit(person, plan_year):
    return can(person, "competence-plan.edit", plan_year)


def may_see(person, plan_year):
    """A published year: everyone. A draft: those who may edit it and readers of drafts in its region."""
    return plan_year.published or may_edit(person, plan_year) or can(person, "region.read-drafts", plan_year)


def years_of(actor_id):
    """The actor's plan years, newest first."""
    return db.session.scalars(select(CompetencePlanYear).where(CompetencePlanYear.actor_id == actor_id)
                              .order_by(CompetencePlanYear.year.desc())).all()


def year_of(actor_id, year):
    """The actor's plan of ``year`` with its region, parts, activities, their goals and initiatives:
    four statements."""
    return db.session.scalar(
        select(CompetencePlanYear).where(CompetencePlanYear.actor_id == actor_id, CompetencePlanYear.year == year)
        .options(joinedload(CompetencePlanYear.region), selectinload(CompetencePlanYear.parts),
                 selectinload(CompetencePlanYear.activities).joinedload(CompetenceActivity.initiative),
                 selectinload(CompetencePlanYear.activities).selectinload(CompetenceActivity.nodes)))


def previous_of(plan_year, years):
    """The year before ``plan_year`` in the actor's plan (the one it was made from), or None;
    ``years``: the actor's years, newest first."""
    found = next((y.year for y in years if y.year < plan_year.year), None)
    return None if found is None else year_of(plan_year.actor_id, found)


def sections(plan_year):
    """The year's sections as objects :func:`~samverkan.i18n.localized` reads."""
    return [SimpleNamespace(**section) for section in plan_year.sections]


def layout(plan_year):
    """``[(section, [(horizon key, label, part, [activities])])]``: the year in its template's order."""
    parts = {(part.section_key, part.horizon): part for part in plan_year.parts}
    activities = {}
    for activity in sorted(plan_year.activities, key=lambda a: (a.position, a.id)):
        activities.setdefault((activity.section_key, activity.horizon), []).append(activity)
    return [(section, [(horizon, label, parts.get((section.key, horizon)), activities.get((section.key, horizon), []))
                       for horizon, label in HORIZONS.items()])
            for section in sections(plan_year)]


def goal_choices(region):
    """The nodes of the region's current plans an activity may serve: its goals and priorities (the
    nodes below the top level; every node of a plan that has only one level), in plan order."""
    plans = region.current_plans
    if not plans:
        return []
    nodes = db.session.scalars(select(PlanNode).where(PlanNode.plan_id.in_([plan.id for plan in plans]),
                                                      PlanNode.retired.is_(False))).all()
    below = [node for node in nodes if node.parent_id is not None]
    order = plan_order(plans)
    return sorted(below or nodes, key=lambda node: order[node.id])
