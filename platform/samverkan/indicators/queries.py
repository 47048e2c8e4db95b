"""Reads of indicators and their values, shared by the indicator pages, the CSV download, the
national comparison and the annual report."""
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..charts import decimals_needed
from ..extensions import db
from .models import Indicator, IndicatorValue


def region_indicators(region):
    """The region's indicators as its page lists them: the plugin's in the plugin's order, then
    the region's own in the order they were added (a retired one is left out)."""
    return db.session.scalars(select(Indicator).where(Indicator.region_id == region.id,
                                                      Indicator.retired.is_(False))
                              .order_by(Indicator.custom, Indicator.position, Indicator.id)).all()


def indicator_of(region, key):
    """The region's indicator ``key`` (a retired one too: its values stay readable), or None."""
    return db.session.scalar(select(Indicator).where(Indicator.region_id == region.id, Indicator.key == key))


def latest_values(indicators, region):
    """indicator id -> the newest value of each of ``indicators`` for ``region`` (those without
    one are not in it), in one statement."""
    rows = db.session.scalars(select(IndicatorValue).where(
        IndicatorValue.indicator_id.in_([indicator.id for indicator in indicators]),
        IndicatorValue.region_id == region.id).order_by(IndicatorValue.year.desc())).all()
    latest = {}
    for row in rows:
        latest.setdefault(row.indicator_id, row)
    return latest


@dataclass
class Series:
    """An indicator's values by region and year: the table of the indicator's page, its charts,
    its CSV file and the comparison's rows."""

    indicator: Indicator
    #: the regions with a value: the indicator's own region first, then by name
    regions: list
    #: the years with a value, oldest first
    years: list
    #: (region id, year) -> :class:`IndicatorValue`
    values: dict = field(default_factory=dict)

    def value(self, region, year):
        return self.values.get((region.id, year))

    def by_year(self, region, field="value"):
        """year -> the region's value (or ``value_women``, ``value_men``), for a chart's line."""
        return {year: getattr(row, field) for (region_id, year), row in sorted(self.values.items())
                if region_id == region.id and getattr(row, field) is not None}

    @property
    def rows(self):
        """The values region by region (in :attr:`regions`' order), year by year."""
        order = {region.id: position for position, region in enumerate(self.regions)}
        return [row for _key, row in sorted(self.values.items(), key=lambda item: (order[item[0][0]], item[0][1]))]

    @property
    def gender_regions(self):
        """The regions with a value for women or men in some year."""
        given = {region_id for (region_id, _year), row in self.values.items()
                 if row.value_women is not None or row.value_men is not None}
        return [region for region in self.regions if region.id in given]

    @property
    def decimals(self):
        """How many decimals the table writes every value with (as many as the most precise needs)."""
        return decimals_needed([number for row in self.values.values()
                                for number in (row.value, row.value_women, row.value_men) if number is not None])

    @property
    def demo(self):
        """Whether any value is the demo's invented figure."""
        return any(row.demo for row in self.values.values())


def series(indicator, regions=None, years=None):
    """The indicator's values, for ``regions`` (region ids; None: every region with a value) and
    ``years`` (None: every year), in one statement."""
    query = select(IndicatorValue).where(IndicatorValue.indicator_id == indicator.id) \
        .options(joinedload(IndicatorValue.region))
    if regions is not None:
        query = query.where(IndicatorValue.region_id.in_(list(regions)))
    if years is not None:
        query = query.where(IndicatorValue.year.in_(list(years)))
    rows = db.session.scalars(query).all()
    found = {row.region_id: row.region for row in rows}
    ordered = sorted(found.values(), key=lambda region: (region.id != indicator.region_id, region.name))
    return Series(indicator, ordered, sorted({row.year for row in rows}),
                  {(row.region_id, row.year): row for row in rows})
