"""Keeping an actor's competence-supply plan, a version a year. The caller commits.

- A plan starts in a region (its template and its plan goals apply): the template's sections are
  stored in the year, with an empty part (gap and need) for each section and horizon.
- The next year is made from the latest (:func:`start_next_year`): its parts and activities are
  copied, each copy naming its original (``carried_from_id``), so the year after shows what changed.
  Only one year is a draft at a time.
- **A published year is frozen**: nothing in it changes any more (:class:`Frozen`); the revision
  goes into the next year, and the diff between the two shows it. Corrections of a published year
  would make the yearly diff and what readers saw that year untrue, and "revised yearly" is the
  strategy's own rule (seed ``001``). The one exception is the link an activity gets to the
  initiative it became (:func:`activity_to_initiative`): carrying out a published plan is what it is for.
- A draft year may be deleted; a published one may not.
"""
from sqlalchemy import func, select, update

from ..times import utcnow
from ..audit import record
from ..extensions import db
from ..initiatives import services as initiative_services
from .models import HORIZONS, CompetenceActivity, CompetencePlanPart, CompetencePlanYear
from .templates import sections_of, snapshot

#: the plan years one may start (a typo of a year is refused)
YEARS = range(2000, 2101)


class PlanError(ValueError):
    """A change the domain refuses; the message says why (the views turn it into a form error)."""


class Frozen(PlanError):
    """The year is published: it no longer changes."""


def _require_draft(plan_year):
    if plan_year.published:
        raise Frozen(f"the plan of {plan_year.year} is published")


def _touch(plan_year, by):
    plan_year.updated_at = utcnow()
    plan_year.updated_by = by


def latest_year(actor_id):
    return db.session.scalar(select(CompetencePlanYear).where(CompetencePlanYear.actor_id == actor_id)
                             .order_by(CompetencePlanYear.year.desc()).limit(1))


def start_plan(actor, region, year, by, demo=False):
    """The actor's first plan year, in ``region`` (one of the actor's), as a draft."""
    if region not in actor.regions:
        raise PlanError(f"{actor.name} is not an actor of {region.name}")
    if year not in YEARS:
        raise PlanError(f"not a year: {year}")
    if latest_year(actor.id) is not None:
        raise PlanError("the actor has a plan already: start its next year instead")
    sections = snapshot(sections_of(region))
    plan_year = CompetencePlanYear(actor=actor, region=region, year=year, sections=sections, updated_by=by, demo=demo)
    plan_year.parts = [CompetencePlanPart(section_key=section["key"], horizon=horizon)
                       for section in sections for horizon in HORIZONS]
    db.session.add(plan_year)
    db.session.flush()
    return plan_year


def start_next_year(previous, by, demo=False):
    """The year after ``previous`` (the actor's latest, published), with its content copied.

    Its sections are the region's template now, followed by any of the previous year's that the
    template no longer has (so that nothing written is lost)."""
    if latest_year(previous.actor_id) is not previous:
        raise PlanError(f"{previous.year} is not the plan's latest year")
    if not previous.published:
        raise PlanError(f"the plan of {previous.year} is a draft still: publish or delete it first")
    sections = snapshot(sections_of(previous.region))
    keys = {section["key"] for section in sections}
    sections += [section for section in previous.sections if section["key"] not in keys]
    plan_year = CompetencePlanYear(actor_id=previous.actor_id, region_id=previous.region_id, year=previous.year + 1,
                                   sections=sections, summary=previous.summary, updated_by=by, demo=demo)
    carried = {(part.section_key, part.horizon): part for part in previous.parts}
    for section in sections:
        for horizon in HORIZONS:
            part = carried.get((section["key"], horizon))
            plan_year.parts.append(CompetencePlanPart(
                section_key=section["key"], horizon=horizon, gap=part.gap if part else "",
                need=part.need if part else "", carried_from_id=part.id if part else None))
    for activity in previous.activities:
        plan_year.activities.append(CompetenceActivity(
            section_key=activity.section_key, horizon=activity.horizon, position=activity.position,
            title=activity.title, description=activity.description, responsible=activity.responsible,
            follow_up=activity.follow_up, initiative_id=activity.initiative_id, nodes=list(activity.nodes),
            carried_from_id=activity.id))
    db.session.add(plan_year)
    db.session.flush()
    return plan_year


def update_part(part, gap, need, by):
    _require_draft(part.plan_year)
    part.gap, part.need = (gap or "").strip(), (need or "").strip()
    _touch(part.plan_year, by)
    db.session.flush()


def update_summary(plan_year, summary, by):
    _require_draft(plan_year)
    plan_year.summary = (summary or "").strip()
    _touch(plan_year, by)
    db.session.flush()


def _check_place(plan_year, section_key, horizon):
    if section_key not in {section["key"] for section in plan_year.sections}:
        raise PlanError(f"not a section of the plan: {section_key!r}")
    if horizon not in HORIZONS:
        raise PlanError(f"not a horizon: {horizon!r}")


def _check_nodes(plan_year, nodes):
    current = {plan.id for plan in plan_year.region.current_plans}
    stray = [node.code for node in nodes if node.plan_id not in current]
    if stray:
        raise PlanError(f"not in the current plans of {plan_year.region.name}: {', '.join(stray)}")


#: what a form sets on an activity
ACTIVITY_FIELDS = ("section_key", "horizon", "title", "description", "responsible", "follow_up")


def add_activity(plan_year, values, nodes, by):
    """A new activity at the end of its section and horizon."""
    _require_draft(plan_year)
    _check_place(plan_year, values["section_key"], values["horizon"])
    _check_nodes(plan_year, nodes)
    last = max((a.position for a in plan_year.activities
                if (a.section_key, a.horizon) == (values["section_key"], values["horizon"])), default=-1)
    activity = CompetenceActivity(position=last + 1, nodes=list(nodes),
                                  **{name: (values.get(name) or "").strip() for name in ACTIVITY_FIELDS})
    plan_year.activities.append(activity)
    _touch(plan_year, by)
    db.session.flush()
    return activity


def update_activity(activity, values, nodes, by):
    plan_year = activity.plan_year
    _require_draft(plan_year)
    _check_place(plan_year, values["section_key"], values["horizon"])
    _check_nodes(plan_year, [node for node in nodes if node not in activity.nodes])
    moved = (values["section_key"], values["horizon"]) != (activity.section_key, activity.horizon)
    before = sorted(node.code for node in activity.nodes)
    for name in ACTIVITY_FIELDS:
        setattr(activity, name, (values.get(name) or "").strip())
    if moved:
        activity.position = 1 + max((a.position for a in plan_year.activities if a is not activity and
                                     (a.section_key, a.horizon) == (activity.section_key, activity.horizon)),
                                    default=-1)
    activity.nodes = list(nodes)
    after = sorted(node.code for node in activity.nodes)
    if before != after:
        record("update", obj=activity, changes={"nodes": [before, after]})
    _touch(plan_year, by)
    db.session.flush()


def remove_activity(activity, by):
    plan_year = activity.plan_year
    _require_draft(plan_year)
    # deleted as itself, still in its year: an orphan deleted by the cascade would miss the audit
    # log, and one taken out of its year first would be logged without its region
    db.session.delete(activity)
    _touch(plan_year, by)
    db.session.flush()
    db.session.expire(plan_year, ["activities"])


def move_activity(activity, direction, by):
    """One step up (``-1``) or down (``1``) among the activities of its section and horizon; at
    the end it stays."""
    plan_year = activity.plan_year
    _require_draft(plan_year)
    if direction not in (-1, 1):
        raise PlanError(f"not a direction: {direction!r}")
    siblings = sorted((a for a in plan_year.activities
                       if (a.section_key, a.horizon) == (activity.section_key, activity.horizon)),
                      key=lambda a: (a.position, a.id))
    index = siblings.index(activity)
    other = index + direction
    if 0 <= other < len(siblings):
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, sibling in enumerate(siblings):
            sibling.position = position
        _touch(plan_year, by)
        db.session.flush()


def publish(plan_year, by):
    _require_draft(plan_year)
    plan_year.published_at = utcnow()
    _touch(plan_year, by)
    db.session.flush()


def delete_draft(plan_year):
    _require_draft(plan_year)
    db.session.delete(plan_year)
    db.session.flush()


def initiative_values(activity):
    """What the initiative an activity becomes starts with: the lead completes the rest."""
    plan_year = activity.plan_year
    return dict(title=activity.title, summary=activity.description, owner_id=plan_year.actor_id,
                lead_region_id=plan_year.region_id, nodes=list(activity.nodes), status="planned", draft=True)


def activity_to_initiative(activity, by):
    """``(initiative, created)``: the registry's initiative the activity became, made now (a draft,
    planned, owned by the plan's actor, led from the plan's region, linked to the activity's goals)
    unless it has one already. The same activity in the previous year's plan, or its copy in the
    next, share it: an activity becomes one initiative, however many years it is carried."""
    if activity.initiative is not None:
        return activity.initiative, False
    related = _related_activities(activity)
    found = next((a.initiative for a in related if a.initiative is not None), None)
    if found is not None:
        activity.initiative = found
        db.session.flush()
        return found, False
    initiative = initiative_services.create_initiative(initiative_values(activity), by=by)
    # the guard against a second request at the same moment: only one UPDATE finds it unlinked
    linked = db.session.execute(update(CompetenceActivity).where(
        CompetenceActivity.id == activity.id, CompetenceActivity.initiative_id.is_(None))
        .values(initiative_id=initiative.id).execution_options(synchronize_session=False)).rowcount
    if not linked:
        raise PlanError("the activity became an initiative a moment ago")
    record("update", obj=activity, changes={"initiative_id": [None, initiative.id]})
    for other in related:
        if other.initiative_id is None:
            other.initiative_id = initiative.id
    db.session.expire(activity, ["initiative_id", "initiative"])
    db.session.flush()
    return initiative, True


def _related_activities(activity):
    """The activity it was carried from and the copies carried from it."""
    ids = [activity.carried_from_id] if activity.carried_from_id else []
    return db.session.scalars(select(CompetenceActivity).where(
        (CompetenceActivity.id.in_(ids)) | (CompetenceActivity.carried_from_id == activity.id))).all()


def count_years(actor_id):
    return db.session.scalar(select(func.count()).select_from(CompetencePlanYear)
                             .where(CompetencePlanYear.actor_id == actor_id))
