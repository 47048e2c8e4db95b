"""Reads of progress reports: an initiative's timeline, the indicators a report can give values
for, a region's reporting periods, and the reports that are missing (due or overdue).

A report is *missing* for a period of a region and an initiative that region leads or partners
in when the initiative is under way (``vocabulary.ACTIVE_STATUSES``, not a draft), has started by
the period's end (or has no start date), and has no progress entry dated within the period's
start and its due date (both days included). It is *overdue* once the due date has passed.
"""
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import and_, exists, or_, select, union
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..indicators.models import Indicator
from ..times import today
from .models import Initiative, ProgressEntry, ProgressValue, ReportingPeriod, initiative_regions
from .vocabulary import ACTIVE_STATUSES

#: rows on a page of missing reports
PAGE_SIZE = 50


# -- an initiative's reports --------------------------------------------------------------------

def timeline(initiative):
    """The initiative's progress entries, newest first, with their authors and indicator values."""
    return db.session.scalars(
        select(ProgressEntry).where(ProgressEntry.initiative_id == initiative.id)
        .options(joinedload(ProgressEntry.author),
                 selectinload(ProgressEntry.values).joinedload(ProgressValue.indicator))
        .order_by(ProgressEntry.reported_on.desc(), ProgressEntry.id.desc())
    ).all()


def indicators_for(initiative, entry=None):
    """The indicators a report on ``initiative`` gives values for: those of its lead and partner
    regions still in their plans, and any ``entry`` already has (so an edit never drops one)."""
    kept = {row.indicator_id for row in entry.values} if entry is not None else set()
    condition = and_(Indicator.region_id.in_(initiative.region_ids), Indicator.retired.is_(False))
    if kept:
        condition = or_(condition, Indicator.id.in_(kept))
    return db.session.scalars(
        select(Indicator).where(condition).order_by(Indicator.region_id, Indicator.position, Indicator.id)
    ).all()


# -- reporting periods --------------------------------------------------------------------------

def periods_of(region):
    """The region's reporting periods, the latest first."""
    return db.session.scalars(
        select(ReportingPeriod).where(ReportingPeriod.region_id == region.id)
        .order_by(ReportingPeriod.starts_on.desc(), ReportingPeriod.id.desc())
    ).all()


def _region_links():
    """(initiative_id, region_id) for every region an initiative is in: its lead region and its
    partner regions (a region named both ways counts once)."""
    return union(
        select(Initiative.id.label("initiative_id"), Initiative.lead_region_id.label("region_id")),
        select(initiative_regions.c.initiative_id, initiative_regions.c.region_id),
    ).subquery()


def missing_reports(*conditions):
    """A query of (period, initiative) rows: the reports missing, where ``conditions`` (on
    :class:`ReportingPeriod` and :class:`Initiative`) say which; oldest due date first.

    One statement, whatever the number of initiatives: the periods are joined to the initiatives
    of their region, and an entry within the period is looked for with ``NOT EXISTS``.
    """
    links = _region_links()
    reported = exists().where(ProgressEntry.initiative_id == Initiative.id,
                              ProgressEntry.reported_on >= ReportingPeriod.starts_on,
                              ProgressEntry.reported_on <= ReportingPeriod.due_on)
    return (
        select(ReportingPeriod, Initiative)
        .join(links, links.c.region_id == ReportingPeriod.region_id)
        .join(Initiative, Initiative.id == links.c.initiative_id)
        .where(Initiative.status.in_(ACTIVE_STATUSES), Initiative.draft.is_(False),
               or_(Initiative.starts_on.is_(None), Initiative.starts_on <= ReportingPeriod.ends_on),
               ~reported, *conditions)
        .options(joinedload(ReportingPeriod.region),
                 joinedload(Initiative.owner), joinedload(Initiative.lead_region))
        .order_by(ReportingPeriod.due_on, ReportingPeriod.id, Initiative.title, Initiative.id)
    )


def overdue(on=None):
    """The condition of a report that is overdue ``on`` a day (today): its due date has passed."""
    return ReportingPeriod.due_on < (on or today())


def due_or_overdue(on=None):
    """The condition of a report asked for now: its period has begun (overdue or not)."""
    return ReportingPeriod.starts_on <= (on or today())


class _RowsPagination(SelectPagination):
    """A page of a query whose rows hold several objects (a period and an initiative)."""

    def _query_items(self):
        query = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(query).all())


def overdue_in(region, page=1):
    """A page of the overdue reports of the region's periods."""
    query = missing_reports(ReportingPeriod.region_id == region.id, overdue())
    return _RowsPagination(select=query, session=db.session, page=page, per_page=PAGE_SIZE, error_out=False)


def days_late(period, on=None):
    """How many days after its due date ``on`` (today) is: 0 or less when it is not overdue."""
    return ((on or today()) - period.due_on).days
