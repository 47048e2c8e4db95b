"""Changing progress reports and a region's reporting periods. The caller commits.

The columns of an entry and of a period go to the audit log through the session hook; the
indicator values of an entry are rows of their own, so a change of them is recorded here, as a
change of the entry's ``values``.
"""
from sqlalchemy import select

from flask_babel import gettext as _

from ..audit import record
from ..events import ProgressReported, emit
from ..extensions import db
from ..regions.models import Region
from .models import ProgressEntry, ProgressValue, ReportingPeriod


def add_entry(initiative, values, by):
    """A new report on ``initiative``. ``values``: reported_on, happened, next_steps, and
    ``indicators`` (indicator id -> value)."""
    entry = ProgressEntry(initiative=initiative, author=by)
    db.session.add(entry)
    _apply(entry, values)
    _reported(entry, "added")
    return entry


def update_entry(entry, values):
    _apply(entry, values)
    _reported(entry, "updated")
    return entry


def delete_entry(entry):
    _reported(entry, "deleted")
    db.session.delete(entry)
    db.session.flush()


def _reported(entry, change):
    db.session.flush()
    emit(ProgressReported(initiative_id=entry.initiative.id, entry_id=entry.id,
                          region_id=entry.initiative.lead_region_id, change=change))


def _apply(entry, values):
    entry.reported_on = values["reported_on"]
    entry.happened = values["happened"].strip()
    entry.next_steps = (values.get("next_steps") or "").strip()
    _set_values(entry, values.get("indicators", {}))


def _set_values(entry, wanted):
    """Make the entry hold exactly ``wanted`` (indicator id -> value), keeping the rows that stay."""
    before = _values_text(entry)
    rows = {row.indicator_id: row for row in entry.values}
    for indicator_id, row in rows.items():
        if indicator_id not in wanted:
            entry.values.remove(row)
    for indicator_id, value in wanted.items():
        if indicator_id in rows:
            rows[indicator_id].value = value
        else:
            entry.values.append(ProgressValue(indicator_id=indicator_id, value=value))
    db.session.flush()
    after = _values_text(entry)
    if before != after:
        record("update", obj=entry, changes={"values": [before, after]})


def _values_text(entry):
    """The entry's indicator values as loggable text, whatever the UI language: ["Delmål 17: 3.5", …]."""
    return [f"{row.indicator.name if row.indicator else row.indicator_id}: {'%.15g' % row.value}"
            for row in sorted(entry.values, key=lambda row: row.indicator_id)]


# -- reporting periods --------------------------------------------------------------------------

def period_problem(region, starts_on, ends_on):
    """Why a period from ``starts_on`` to ``ends_on`` cannot be added to ``region``, or None: it
    may not overlap one of the region's periods (a report would count for both).

    The region's row is locked first (on PostgreSQL), so two admins adding overlapping periods at
    the same moment are checked one after the other.
    """
    db.session.execute(select(Region.id).where(Region.id == region.id).with_for_update())
    overlapping = db.session.scalar(
        select(ReportingPeriod).where(ReportingPeriod.region_id == region.id,
                                      ReportingPeriod.starts_on <= ends_on,
                                      ReportingPeriod.ends_on >= starts_on)
        .order_by(ReportingPeriod.starts_on).limit(1))
    if overlapping is None:
        return None
    return _("The period overlaps “%(name)s” (%(start)s – %(end)s).", name=overlapping.name,
             start=overlapping.starts_on.isoformat(), end=overlapping.ends_on.isoformat())


def add_period(region, name, starts_on, ends_on, due_on):
    period = ReportingPeriod(region=region, name=name.strip(), starts_on=starts_on, ends_on=ends_on, due_on=due_on)
    db.session.add(period)
    db.session.flush()
    return period


def delete_period(period):
    db.session.delete(period)
    db.session.flush()
