"""The national comparison's figures: every region side by side by theme, status, funding source,
plan coverage, network stage and indicator.

Computed for all regions at once in a few statements, whatever the number of initiatives, as plain
numbers by id, and kept under the generation :data:`COMPARE` (:mod:`samverkan.cache`): by each
worker, and in Redis when it is configured, so that what one worker computed the others (and
other app servers) read. Each region's own rows (its line in every table, its plan's coverage) are
kept under the region's generation and the whole country's under every region's: an initiative
edited in one region computes its regions' rows and the country's again, not the other regions'
(the initiatives service names the regions an edit counts in,
:func:`samverkan.cache.regions_written`). The employers' needs (the ``needs`` column group,
closed survey rounds only: a round closes by the date alone) are the needs pages' own figures,
kept under theirs (:data:`samverkan.needs.queries.NEEDS`): an answer saved in a survey renders
the page anew but computes no initiative figure again.

The figures count what everyone sees: published initiatives only, whoever asks. An initiative
counts in each of its regions (lead and partner) and each of its themes (its own and its plan
nodes'), as the initiative list's ``region`` and ``theme`` filters match it, so every figure is
the length of the list it links to.
"""
from dataclasses import dataclass
from urllib.parse import urlencode

from sqlalchemy import BigInteger, String, and_, case, cast, func, literal, null, select, union, union_all

from .. import cache
from ..extensions import db
from ..indicators.models import Indicator, IndicatorValue
from ..initiatives.models import Funding, Initiative, initiative_regions, theme_sources
from ..initiatives.queries import PUBLISHED, described
from ..needs.aggregation import TOTAL as ALL
from ..needs.queries import NEEDS, national_needs
from ..networks.models import Network, network_regions
from ..plans import coverage
from ..plans.queries import PLANS, plan_trees
from ..regions.queries import region_list
from ..themes.models import Theme
from ..themes.vocabulary import CORE_THEMES
from ..times import today

#: the initiative tables the figures read: their rows count in the regions the initiatives service names
INITIATIVE_TABLES = {"initiatives", "initiative_regions", "initiative_themes", "initiative_plan_nodes",
                     "initiative_target_groups", "initiative_funding"}
#: the figures of initiatives, networks, indicators and plan coverage
COMPARE = cache.declare("compare", reads=PLANS.reads | INITIATIVE_TABLES | {
    "actors", "actor_kinds", "networks", "network_regions", "indicators", "indicator_values",
}, regional={**dict.fromkeys(INITIATIVE_TABLES, cache.SCOPED), "network_regions": "region_id",
             "indicator_values": "region_id"})
#: what the pages show: those figures and the needs'
COMPARE_PAGES = cache.declare("compare-pages", reads=COMPARE.reads | NEEDS.reads)
#: sets of filters whose figures a worker keeps under one generation
MAX_KEPT = 256


@dataclass(frozen=True)
class Tally:
    """How many initiatives, and how many kronor."""

    count: int = 0
    amount: int = 0

    def of(self, measure):
        return self.amount if measure == "budget" else self.count


NONE = Tally()


@dataclass(frozen=True)
class RegionNeeds:
    """A region's latest closed needs survey in the comparison: who answered, and the people its
    employers need (None where the region's total is suppressed: fewer than 3 employers)."""

    round_id: int | None
    title: str
    closes_on: str
    answered: int
    suppressed: bool
    within_1y: int | None
    within_3y: int | None


@dataclass(frozen=True)
class Row:
    """A region or a theme as the tables name it (attributes as the models name them)."""

    id: int
    slug: str
    name: str
    name_en: str | None


@dataclass(frozen=True)
class PlanCoverage:
    region: Row
    #: the region's main plan, as ``localized(plan, "title")`` reads it
    title: str
    title_en: str | None
    covered: int
    nodes: int

    @property
    def share(self):
        """Per cent of the plan's nodes with active work, to one decimal."""
        return round(100 * self.covered / self.nodes, 1) if self.nodes else 0.0


@dataclass(frozen=True)
class IndicatorValueRow:
    value: float
    women: float | None
    men: float | None
    #: where the value comes from, when not from the indicator's source
    source: str
    #: invented by the demo: every page that shows it says so
    demo: bool


@dataclass(frozen=True)
class IndicatorSeries:
    """An indicator's values across regions and years."""

    id: int
    name: str
    name_en: str | None
    unit: str
    source: str
    #: the region whose plan (or admin) declared it
    region: Row
    #: (region id, year) -> :class:`IndicatorValueRow`
    values: dict
    regions: tuple
    years: tuple

    @property
    def demo(self):
        return any(value.demo for value in self.values.values())


class Figures:
    """One comparison's figures, built from :func:`computed`'s plain rows (what Redis holds)."""

    def __init__(self, raw):
        self.regions = [Row(*row) for row in raw["regions"]]
        self.themes = [Row(*row) for row in raw["themes"]]
        region_by_id = {region.id: region for region in self.regions}
        self.cells = _tallies(raw["cells"], 2)
        self.by_region = _tallies(raw["by_region"], 1)
        self.by_theme = _tallies(raw["by_theme"], 1)
        self.total = Tally(*raw["total"])
        self.statuses = _tallies(raw["statuses"], 2)
        self.status_totals = _tallies(raw["status_totals"], 1)
        self.funding = _tallies(raw["funding"], 2)
        self.funding_totals = _tallies(raw["funding_totals"], 1)
        self.funded = _tallies(raw["funded"], 1)
        self.funded_total = Tally(*raw["funded_total"])
        order = {region.id: position for position, region in enumerate(self.regions)}
        self.coverage = [PlanCoverage(region_by_id[region_id], *rest) for region_id, *rest in
                         sorted(raw["coverage"], key=lambda row: order.get(row[0], len(order)))
                         if region_id in region_by_id]
        self.networks = {(region_id, stage): count for region_id, stage, count in raw["networks"]}
        self.network_totals = {stage: count for stage, count in raw["network_totals"]}
        self.network_total = raw["network_total"]
        values = {}
        for indicator_id, region_id, year, *value in raw["indicator_values"]:
            values.setdefault(indicator_id, {})[region_id, year] = IndicatorValueRow(*value)
        self.indicators = []
        for indicator_id, name, name_en, unit, source, region_id in raw["indicators"]:
            found = values.get(indicator_id, {})
            with_values = {region_id for region_id, _year in found}
            regions = tuple(region for region in self.regions if region.id in with_values)
            self.indicators.append(IndicatorSeries(
                indicator_id, name, name_en, unit, source, region_by_id[region_id], found, regions,
                tuple(sorted({year for _region, year in found}))))
        self.needs = {region_id: RegionNeeds(*rest) for region_id, *rest in raw["needs"]}
        self.needs_total = RegionNeeds(None, "", "", *raw["needs_total"])

    def cell(self, region_id, theme_id):
        return self.cells.get((region_id, theme_id), NONE)

    def region_total(self, region_id):
        return self.by_region.get(region_id, NONE)

    def theme_total(self, theme_id):
        return self.by_theme.get(theme_id, NONE)

    def status(self, region_id, status):
        return self.statuses.get((region_id, status), NONE)

    def statuses_of(self, region_id):
        """The region's initiatives of every status (each has one)."""
        found = [tally for (region, _status), tally in self.statuses.items() if region == region_id]
        return Tally(sum(t.count for t in found), sum(t.amount for t in found))

    @property
    def all_statuses(self):
        return Tally(sum(t.count for t in self.status_totals.values()),
                     sum(t.amount for t in self.status_totals.values()))

    def source(self, region_id, source):
        return self.funding.get((region_id, source), NONE)

    def network_count(self, region_id, stage):
        return self.networks.get((region_id, stage), 0)

    def networks_of(self, region_id):
        return sum(count for (region, _stage), count in self.networks.items() if region == region_id)


def _tallies(rows, keys):
    """Rows of ``keys`` key columns, then a count and an amount, as ``{key: Tally}`` (a tuple key
    when there are two)."""
    return {(tuple(row[:keys]) if keys > 1 else row[0]): Tally(row[keys], row[keys + 1]) for row in rows}


def pages(limit, part=None):
    """The worker's dict of :data:`COMPARE_PAGES` now (and today: a needs round closes by the date)."""
    return COMPARE_PAGES.kept(limit, extra=(today(),), part=part)


def figures(filters):
    """The :class:`Figures` for ``filters`` (of :class:`~samverkan.compare.forms.CompareForm`): the
    initiatives' as :func:`raw_figures` has them; the employers' needs as the needs pages keep them."""
    key = urlencode(sorted(filters.items()))
    kept_here = pages(MAX_KEPT, part="figures")
    found = kept_here.get(key)
    if found is None:
        found = kept_here[key] = Figures({**raw_figures(filters), **needs_figures()})
    return found


#: the rows of a region's own, each starting with its id: kept under the region's generation
REGION_PARTS = ("cells", "by_region", "statuses", "funding", "funded", "coverage", "networks")


def raw_figures(filters):
    """The comparison's figures for ``filters`` as plain rows (JSON both ways): the whole country's
    and each region's own, each kept by this worker, else read from Redis, else computed (what is
    missing together, in one pass) and shared."""
    key = urlencode(sorted(filters.items()))
    regions = region_list()
    kept = {None: COMPARE.kept(MAX_KEPT, part="country")}
    kept.update((region.id, COMPARE.kept(MAX_KEPT, region=region.id, part="region")) for region in regions)
    found = {}
    for region_id, here in kept.items():
        value = here.get(key)
        if value is None:
            value = COMPARE.shared(key, region_id)
        if value is not None:
            found[region_id] = here[key] = value
    missing = [region_id for region_id in kept if region_id not in found]
    if missing:
        fresh = computed(filters, [region_id for region_id in missing if region_id is not None],
                         regions if None in missing else None)
        for region_id in missing:
            found[region_id] = kept[region_id][key] = fresh[region_id]
            COMPARE.share(key, fresh[region_id], region_id)
    raw = dict(found[None])
    for part in REGION_PARTS:
        raw[part] = [row for region_id in kept if region_id is not None for row in found[region_id][part]]
    return raw


def computed(filters, region_ids, every_region=None):
    """``{region id: its own rows}`` for ``region_ids`` and, given ``every_region`` (the rows of
    :func:`~samverkan.regions.queries.region_list`), ``{None: the whole country's figures}``, for
    ``filters``."""
    country = every_region is not None
    facets = {name: value for name, value in filters.items() if name != "status"}
    themes = db.session.execute(
        select(Theme.id, Theme.slug, Theme.name, Theme.name_en)
        .where(Theme.slug.in_([theme.slug for theme in CORE_THEMES])).order_by(Theme.position, Theme.id)).all()
    rows = _initiative_figures(filters, [theme.id for theme in themes], region_ids, country)
    rows["coverage"] = _coverage(facets, region_ids)
    rows.update(_network_figures(region_ids, country))
    result = {region_id: {part: [] for part in REGION_PARTS} for region_id in region_ids}
    for part in REGION_PARTS:
        for row in rows.pop(part):
            result[row[0]][part].append(row)
    if country:
        result[None] = dict(regions=[[r.id, r.slug, r.name, r.name_en] for r in every_region],
                            themes=[list(row) for row in themes], **rows,
                            **indicator_figures(filters.get("year_from"), filters.get("year_to")))
    return result


def needs_figures():
    """Per region with a closed needs survey, its latest: the employers who answered and the
    people needed within 1 and 3 years, as the region's needs page shows them (suppressed there,
    suppressed here: no figure is kept); and the whole country's (the filters do not apply)."""
    national = national_needs()
    table = national.aggregate["ssyk"]  # the regions' totals are the same cells in every dimension

    def shown(cell):
        return [True, None, None] if cell.suppressed else [False, cell.within_1y, cell.within_3y]

    rows = [[region.id, summary.id, summary.title, summary.closes_on.isoformat(), summary.answered,
             *shown(table.cell(region.id, ALL))] for region, summary in national.regions]
    return dict(needs=rows, needs_total=[sum(summary.answered for _region, summary in national.regions),
                                         *shown(national.aggregate.grand)])


def _flag(conditions):
    """1 where ``conditions`` hold (all of them; none: always), else 0."""
    return case((and_(*conditions), 1), else_=0) if conditions else literal(1)


def _initiative_figures(filters, theme_ids, region_ids, country=True):
    """Matrix, status and funding figures in one statement: the rows of the regions ``region_ids``,
    and (when ``country``) the whole country's.

    The published initiatives of the filters are read once, every status and source, each marked
    (1 or 0) whether the status filter, the funding filter and both choose it; then counted by
    region and theme (both), by region and status (every status: the funding filter) and by region
    and source (every source: the status filter). So each breakdown shows all of what it breaks
    down, and each of its figures is a list the initiative list can give.

    The marks weigh the counts and sums rather than filter the rows: PostgreSQL has no statistics
    for a computed column, guesses that a filter on one keeps a handful of rows, and then joins
    the 100,000s of rows it does keep in nested loops (minutes, where hash joins take a second).
    """
    status, funding_source = filters.get("status"), filters.get("funding")
    rest = {name: value for name, value in filters.items() if name not in ("status", "funding")}
    in_status, in_funding = _flag(described(status=status)), _flag(described(funding=funding_source))
    base = (select(Initiative.id, Initiative.status, Initiative.lead_region_id,
                   func.coalesce(Initiative.budget_sek, 0).label("budget"), in_status.label("in_status"),
                   in_funding.label("in_funding"), (in_status * in_funding).label("chosen"))
            .where(PUBLISHED, *described(**rest)).cte("base"))
    counted = ("status", "budget", "in_status", "in_funding", "chosen")
    # each initiative once in its lead region and in every other partner region, with its marks
    in_region = union_all(
        select(base.c.id, base.c.lead_region_id.label("region_id"), *(base.c[name] for name in counted))
        .where(base.c.lead_region_id.in_(region_ids)),
        select(base.c.id, initiative_regions.c.region_id, *(base.c[name] for name in counted))
        .select_from(initiative_regions).join(base, base.c.id == initiative_regions.c.initiative_id)
        .where(initiative_regions.c.region_id != base.c.lead_region_id, initiative_regions.c.region_id.in_(region_ids)),
    ).cte("in_region")
    # each initiative once under every core theme it has, set directly or by a plan node
    with_theme = union(*(
        source.add_columns(base.c.budget, base.c.chosen)
        .join(base, base.c.id == source.selected_columns.initiative_id)
        .where(source.selected_columns.theme_id.in_(theme_ids))
        for source in theme_sources()
    )).cte("with_theme")
    funding = Funding.__table__

    def part(name, source, region, key, mark, *joins, amount=None, distinct=None, group=()):
        """Counted where ``mark`` is 1: ``amount`` summed (the budget if not given), initiatives
        counted once each by ``distinct`` (an id column) where a join repeats them."""
        amount = source.c.budget if amount is None else amount
        count = (func.count(func.distinct(case((mark == 1, distinct)))) if distinct is not None
                 else func.sum(mark))
        query = select(literal(name, String).label("part"), cast(region, BigInteger).label("region"),
                       cast(key, String).label("key"), cast(func.coalesce(count, 0), BigInteger).label("count"),
                       cast(func.coalesce(func.sum(amount * mark), 0), BigInteger).label("amount")
                       ).select_from(source)
        for table, on in joins:
            query = query.join(table, on)
        return query.group_by(*group)

    theme_there = (with_theme, with_theme.c.initiative_id == in_region.c.id)
    paid_here = (funding, funding.c.initiative_id == base.c.id)
    paid_there = (funding, funding.c.initiative_id == in_region.c.id)
    regional = [
        part("cells", in_region, in_region.c.region_id, with_theme.c.theme_id, in_region.c.chosen, theme_there,
             group=[in_region.c.region_id, with_theme.c.theme_id]),
        part("by_region", in_region, in_region.c.region_id, null(), in_region.c.chosen,
             group=[in_region.c.region_id]),
        part("statuses", in_region, in_region.c.region_id, in_region.c.status, in_region.c.in_funding,
             group=[in_region.c.region_id, in_region.c.status]),
        part("funding", in_region, in_region.c.region_id, funding.c.source, in_region.c.in_status, paid_there,
             amount=funding.c.amount_sek, group=[in_region.c.region_id, funding.c.source]),
        part("funded", in_region, in_region.c.region_id, null(), in_region.c.in_status, paid_there,
             amount=funding.c.amount_sek, distinct=in_region.c.id, group=[in_region.c.region_id]),
    ] if region_ids else []
    national = [
        part("by_theme", with_theme, null(), with_theme.c.theme_id, with_theme.c.chosen,
             group=[with_theme.c.theme_id]),
        part("total", base, null(), null(), base.c.chosen),
        part("status_totals", base, null(), base.c.status, base.c.in_funding, group=[base.c.status]),
        part("funding_totals", base, null(), funding.c.source, base.c.in_status, paid_here,
             amount=funding.c.amount_sek, group=[funding.c.source]),
        part("funded_total", base, null(), null(), base.c.in_status, paid_here, amount=funding.c.amount_sek,
             distinct=base.c.id),
    ] if country else []
    rows = db.session.execute(union_all(*regional, *national)).all()
    found = {name: [] for name in SHAPES}
    found.update(total=[0, 0], funded_total=[0, 0])
    for name, region, key, count, total in rows:
        shape = SHAPES[name]
        row = ([region] if "region" in shape else []) + (
            [int(key) if shape["key"] is int else key] if "key" in shape else []) + [count, total]
        if name in ("total", "funded_total"):
            found[name] = row
        elif count or total:  # a group none of whose initiatives is chosen counts nothing
            found[name].append(row)
    return found


#: what each part of :func:`_initiative_figures` is counted by (its key, a theme's id, is a number)
SHAPES = {
    "cells": {"region": True, "key": int}, "by_region": {"region": True}, "by_theme": {"key": int},
    "total": {}, "statuses": {"region": True, "key": str}, "status_totals": {"key": str},
    "funding": {"region": True, "key": str}, "funding_totals": {"key": str}, "funded": {"region": True},
    "funded_total": {},
}


def _coverage(facets, region_ids):
    """Per region of ``region_ids`` with a plan: its main plan and how many of its nodes have active
    work (the plan pages' coverage, :mod:`samverkan.plans.coverage`), by the initiatives of the
    filters."""
    trees = {region_id: tree for region_id, tree in plan_trees().items() if region_id in region_ids}
    if not trees:
        return []
    links = coverage.active_links([tree.id for tree in trees.values()], where=described(**facets))
    rows = []
    for region_id, tree in trees.items():
        covered, nodes = coverage.share_covered(tree, coverage.rolled_up(tree, links))
        rows.append([region_id, tree.title, tree.title_en, covered, nodes])
    return rows


def _network_figures(region_ids, country=True):
    """Networks per region of ``region_ids`` and step of Samverkanstrappan; a network spanning
    regions counts in each of them, and (when ``country``) once in the whole country's."""
    found = dict(networks=[list(row) for row in db.session.execute(
        select(network_regions.c.region_id, Network.stage, func.count())
        .join(Network, Network.id == network_regions.c.network_id)
        .where(network_regions.c.region_id.in_(region_ids))
        .group_by(network_regions.c.region_id, Network.stage))] if region_ids else [])
    if country:
        totals = db.session.execute(select(Network.stage, func.count()).group_by(Network.stage)).all()
        found.update(network_totals=[list(row) for row in totals], network_total=sum(count for _stage, count in totals))
    return found


def indicator_figures(year_from=None, year_to=None):
    """The indicators with values in the years ``year_from``..``year_to`` (either open), and those
    values, for every region (one statement)."""
    years = [IndicatorValue.year >= year_from] if year_from else []
    years += [IndicatorValue.year <= year_to] if year_to else []
    rows = db.session.execute(
        select(Indicator.id, Indicator.name, Indicator.name_en, Indicator.unit, Indicator.source,
               Indicator.region_id, IndicatorValue.region_id, IndicatorValue.year, IndicatorValue.value,
               IndicatorValue.value_women, IndicatorValue.value_men, IndicatorValue.source, IndicatorValue.demo)
        .join(Indicator, Indicator.id == IndicatorValue.indicator_id)
        .where(Indicator.retired.is_(False), *years)
        .order_by(Indicator.region_id, Indicator.position, Indicator.id, IndicatorValue.region_id,
                  IndicatorValue.year)).all()
    indicators, values = {}, []
    for indicator_id, name, name_en, unit, source, declared_by, *value in rows:
        indicators.setdefault(indicator_id, [indicator_id, name, name_en, unit, source, declared_by])
        values.append([indicator_id, *value])
    return dict(indicators=list(indicators.values()), indicator_values=values)
