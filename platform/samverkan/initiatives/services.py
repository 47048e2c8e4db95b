"""Changing initiatives: creating, editing (never overwriting another person's edit unseen) and
moving them through their statuses. The caller commits.

An edit names the version of the initiative the person started from. When someone else saved in
between, :func:`update_initiative` raises :class:`EditConflict` with the fields where their saved
values and this person's differ; the database checks the version in the UPDATE itself, so two
saves at the same moment cannot both pass (``StaleDataError``, which the view turns into the same
conflict).

Who may save what is decided here too (:func:`refusal`), before anything is written: the views
ask it, and so a hand-made form cannot create or change an initiative in a way the form would
not offer.
"""
from contextlib import contextmanager
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..times import utcnow
from ..accounts.services import register_personal_data
from .. import cache
from ..audit import record
from ..events import InitiativeChanged, emit
from ..extensions import db
from ..plans.models import Plan
from ..policy import can, can_through, shared_regions
from ..times import today
from .models import EDIT, Funding, Initiative, StatusChange

#: the plain columns a form sets
COLUMNS = ("title", "summary", "description", "owner_id", "lead_region_id", "draft", "starts_on", "ends_on",
           "budget_sek", "external_ref", "contact_name", "contact_email", "contact_phone", "links", "results",
           "is_practice", "lessons_learned")
#: the collections a form sets, with how each member is named in the audit log and a conflict
COLLECTIONS = {
    "partners": lambda actor: actor.name,
    "partner_regions": lambda region: region.name,
    "nodes": lambda node: node.code,
    "themes": lambda theme: theme.slug,
    "networks": lambda network: network.name,
}
KEY_LISTS = ("target_groups", "perspectives")


@dataclass
class EditConflict(Exception):
    """Someone saved the initiative after this person opened it."""

    initiative: Initiative
    #: field -> (the value saved now, this person's value), for the fields where they differ
    differences: dict


def snapshot(initiative):
    """The initiative's editable values as comparable, loggable plain data."""
    values = {name: getattr(initiative, name) for name in COLUMNS}
    values["status"] = initiative.status
    for name, label in COLLECTIONS.items():
        values[name] = sorted(label(item) for item in getattr(initiative, name))
    for name in KEY_LISTS:
        values[name] = sorted(getattr(initiative, name))
    values["funding"] = {row.source: row.amount_sek for row in initiative.funding}
    return values


def _apply(initiative, values):
    for name in COLUMNS:
        if name in values:
            setattr(initiative, name, values[name])
    if not initiative.is_practice:
        initiative.practice_since = None
    elif initiative.practice_since is None:
        initiative.practice_since = today()
    for name in COLLECTIONS:
        if name in values:
            setattr(initiative, name, list(values[name]))
    for name in KEY_LISTS:
        if name in values:
            _set_keys(getattr(initiative, name), values[name])
    if "funding" in values:
        _set_funding(initiative, values["funding"])


def _set_keys(current, keys):
    """Make the association list ``current`` hold ``keys``, adding and removing rows, never
    replacing a row that stays (a replaced row would collide with itself on its primary key)."""
    for key in [key for key in current if key not in keys]:
        current.remove(key)
    for key in keys:
        if key not in current:
            current.append(key)


def _set_funding(initiative, amounts):
    """``amounts``: source -> kronor; a source left out or at zero is removed."""
    rows = {row.source: row for row in initiative.funding}
    for source, row in rows.items():
        if not amounts.get(source):
            initiative.funding.remove(row)
    for source, amount in amounts.items():
        if not amount:
            continue
        if source in rows:
            rows[source].amount_sek = amount
        else:
            initiative.funding.append(Funding(source=source, amount_sek=amount))


def region_rights(person, initiative):
    """What ``person`` may change of the initiative's lead and partner regions
    (:class:`samverkan.policy.SharedRegions`)."""
    return shared_regions(person, EDIT, initiative, initiative.lead_region_id,
                          [region.id for region in initiative.partner_regions])


def refusal(person, values, initiative=None):
    """Why ``person`` may not save ``values`` as a new initiative, or over ``initiative``: the key
    of the value refused and a message, or None when they may.

    - Only one who holds ``initiative.edit`` in the lead region (or everywhere) changes the lead
      region or adds and removes partner regions; one who reaches the initiative only through a
      partner region may take their own region out of the partners, nothing else about its regions
      (:func:`samverkan.policy.shared_regions`).
    - The initiative as it would be saved must be one the person may edit (for a project lead: its
      owner or a partner is an actor of theirs), save for the regions they released.
    - A new initiative, or one whose lead region changes, is led from a region where the person
      holds ``initiative.edit`` on it.
    """
    before = {region.id: region for region in initiative.partner_regions} if initiative is not None else {}
    lead_id = values.get("lead_region_id", initiative.lead_region_id if initiative is not None else None)
    partners = list(values.get("partner_regions", before.values()))
    released = []
    if initiative is not None:
        rights = region_rights(person, initiative)
        refused = rights.refused(initiative.lead_region_id, before, lead_id, {region.id for region in partners})
        if refused == "lead":
            return "lead_region_id", _l("Only those who edit the initiative for its lead region, %(region)s, can "
                                        "change the lead region.", region=initiative.lead_region.name)
        if refused == "partners":
            return "partner_regions", _l("Only those who edit the initiative for its lead region, %(region)s, can "
                                         "add or remove partner regions. You can take your own region out of the "
                                         "partners.", region=initiative.lead_region.name)
        kept = {region.id for region in partners}
        released = [region for region_id, region in before.items() if region_id not in kept and region_id in rights.own]
    # decided as if the released regions were still partners: releasing ends the person's hold
    candidate = build({**values, "lead_region_id": lead_id, "partner_regions": partners + released})
    if initiative is not None:
        candidate.id = initiative.id
    if not can(person, EDIT, candidate):
        return "owner_id", _l("You can only save an initiative you may edit: its owner or a partner must be an actor "
                              "you belong to, in a region where you lead initiatives.")
    if (initiative is None or lead_id != initiative.lead_region_id) and not can_through(person, EDIT, candidate,
                                                                                        {lead_id}):
        return "lead_region_id", _l("Choose a lead region where you may edit the initiative.")
    return None


def build(values):
    """An unsaved initiative with ``values``: what the policy decides on before it is created."""
    initiative = Initiative(status=values.get("status", "idea"))
    _apply(initiative, values)
    return initiative


def create_initiative(values, by, on=None, flush=True):
    """A new initiative, with its first status as the first line of its history.

    ``flush=False`` leaves the INSERT to the caller's next flush (an import flushes once per batch
    of rows: a flush per row cost it 13 ms a row) and the event to the caller."""
    initiative = build(values)
    initiative.created_by = initiative.updated_by = by
    initiative.status_changes.append(StatusChange(from_status=None, to_status=initiative.status,
                                                  changed_on=on or today(), changed_by=by))
    with _written(flush) as counted:
        db.session.add(initiative)
        counted(initiative)
    if flush:
        changed(initiative, "created")
    return initiative


def update_initiative(initiative, values, by, version, flush=True):
    """Save ``values`` over the initiative the person opened at ``version``.

    Raises :class:`EditConflict` when it has been saved since. Changes of its links (partners,
    regions, plan nodes …) go to the audit log with the column changes the session hook records.
    ``flush=False``: as for :func:`create_initiative` (the version is checked at the caller's flush;
    the caller emits the event).
    """
    if initiative.version != version:
        raise EditConflict(initiative, conflicting_fields(initiative, values))
    with _written(flush) as counted:
        counted(initiative)
        before = snapshot(initiative)
        _apply(initiative, values)
        if "status" in values:
            change_status(initiative, values["status"], by)
        initiative.updated_by = by
        initiative.updated_at = utcnow()
        after = snapshot(initiative)
        linked = {name: [before[name], after[name]] for name in (*COLLECTIONS, *KEY_LISTS, "funding")
                  if before[name] != after[name]}
        if linked:
            record("update", obj=initiative, changes=linked)
        counted(initiative)
    if flush:
        changed(initiative, "updated")
    return initiative


@contextmanager
def _written(flush=True):
    """The writes made inside, flushed (when ``flush``) as writes of the regions whose figures
    count the initiative they change (:func:`samverkan.cache.regions_written`), so that the
    comparison keeps the other regions' figures: yields a function to call with the initiative
    before the change and after it."""
    if not flush:
        yield lambda initiative: None
        return
    with cache.regions_written(()) as regions:
        yield lambda initiative: regions.update(counted_in(initiative))


def counted_in(initiative):
    """The regions whose figures count the initiative: its lead and partner regions, and those
    whose plans it serves."""
    plan_ids = {node.plan_id for node in initiative.nodes}
    planned = db.session.scalars(select(Plan.region_id).where(Plan.id.in_(plan_ids))) if plan_ids else ()
    return {*initiative.region_ids, *planned} - {None}


def changed(initiative, change):
    """Say that the (flushed) initiative changed: its search document, its figures follow."""
    emit(InitiativeChanged(initiative_id=initiative.id, region_ids=tuple(sorted(initiative.region_ids)),
                           change=change))


def conflicting_fields(initiative, values):
    """The fields where what is saved now and what the person sends differ."""
    saved = snapshot(initiative)
    mine = snapshot(build({**values, "status": values.get("status", initiative.status)}))
    return {name: (saved[name], mine[name]) for name in saved if name in values and saved[name] != mine[name]}


def update_status(initiative, status, by, version):
    """The inline change of status: like an edit, refused with :class:`EditConflict` over a newer
    version."""
    if initiative.version != version:
        raise EditConflict(initiative, {"status": (initiative.status, status)})
    with _written() as counted:
        counted(initiative)
        change_status(initiative, status, by)
        initiative.updated_by = by
        initiative.updated_at = utcnow()
    changed(initiative, "status")


def change_status(initiative, status, by, on=None):
    """Move the initiative to ``status`` today (or ``on``); the same status changes nothing."""
    if status == initiative.status:
        return
    initiative.status_changes.append(StatusChange(from_status=initiative.status, to_status=status,
                                                  changed_on=on or today(), changed_by=by))
    initiative.status = status


@register_personal_data
def clear_contact_details(person, email):
    """An anonymised person is no initiative's contact any more (matched on their e-mail)."""
    for initiative in db.session.scalars(select(Initiative).where(func.lower(Initiative.contact_email) == email.lower())):
        initiative.contact_name = initiative.contact_email = initiative.contact_phone = None
