"""The comparison's tables, each defined once: the page shows them (every figure that is the length
of a list links to that list) and ``/compare/<name>.csv`` writes the same rows; the charts beside
them are drawn from the same rows (:mod:`samverkan.charts`).

A figure's list is the initiative list (or the network list) with the comparison's filters and
the figure's region, theme, status or source, and only the published initiatives (what the figures
count, whoever asks): its length is the figure.
"""
from dataclasses import dataclass

from flask import url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from ..charts import bar_chart, line_chart
from ..i18n import localized
from ..initiatives.vocabulary import FUNDING_SOURCES, STATUSES
from ..needs.aggregation import THRESHOLD
from ..networks.stages import STAGES
from .queries import NONE

#: the tables a visitor downloads, by the name in ``/compare/<name>.csv``
NAMES = ("matrix", "coverage", "statuses", "funding", "networks", "indicators", "needs")


@dataclass(frozen=True)
class Cell:
    #: a whole number, a share in per cent, an indicator's value, a text, or None (no value)
    value: object
    #: how the page writes it: ``count``, ``sek``, ``share``, ``value``, ``text`` or ``suppressed``
    #: (a figure from fewer than 3 employers: the value is the words that say so)
    kind: str = "count"
    href: str | None = None


@dataclass(frozen=True)
class Line:
    """A row: what it is about (a region, or the whole country), and its cells."""

    label: object
    cells: tuple
    href: str | None = None
    #: the whole country's row
    total: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    caption: str
    #: the header of the rows' own column, then of each column
    corner: str
    columns: tuple
    lines: tuple

    @property
    def shown_lines(self):
        """The rows the page's table shows: the regions with a figure, then the whole country."""
        return tuple(line for line in self.lines if line.total or _has_figure(line))

    @property
    def empty_lines(self):
        """The regions' rows with nothing but 0 or no value: on the page folded under their count
        (most regions have no data yet, and their rows buried the few that differ); the CSV file
        keeps every row."""
        return tuple(line for line in self.lines if not line.total and not _has_figure(line))

    def csv_rows(self):
        """The header and the rows as a CSV file has them: plain text and numbers."""
        yield [self.corner, *map(str, self.columns)]
        for line in self.lines:
            yield [str(line.label), *(cell.value for cell in line.cells)]


def _has_figure(line):
    return any(cell.value for cell in line.cells if cell.kind != "text")


class Links:
    """Where a figure of the comparison leads: the initiative list with the comparison's filters (or
    nothing, for the CSV files)."""

    def __init__(self, filters, enabled=True):
        self.filters, self.enabled = filters, enabled

    def initiatives(self, **narrower):
        """The published initiatives of the filters, narrowed (``status=None`` drops the status)."""
        if not self.enabled:
            return None
        values = {**self.filters, **narrower, "published": 1}
        return url_for("initiatives.index", **{name: value for name, value in values.items() if value})

    def networks(self, **filters):
        return url_for("networks.index", **filters) if self.enabled else None

    def plan(self, region):
        return url_for("plans.tree", region_slug=region.slug) if self.enabled else None

    def needs(self, region=None, round_id=None):
        """A region's needs page for the round, or the whole country's."""
        if not self.enabled:
            return None
        if region is None:
            return url_for("needs.national")
        return url_for("needs.region", region_slug=region.slug, round=round_id)


def _kind(measure):
    return "sek" if measure == "budget" else "count"


def _whole_country():
    return _("All regions")


def matrix(figures, links, measure):
    """Regions × the core themes, with each region's and each theme's initiatives (an initiative
    with several themes counts once in its region's total)."""
    kind = _kind(measure)

    def line(label, href, tally_of, total, **where):
        cells = [Cell(tally_of(theme).of(measure), kind, links.initiatives(theme=theme.slug, **where))
                 for theme in figures.themes]
        cells.append(Cell(total.of(measure), kind, links.initiatives(**where)))
        return Line(label, tuple(cells), href)

    lines = [line(localized(region, "name"), None, lambda theme, r=region: figures.cell(r.id, theme.id),
                  figures.region_total(region.id), region=region.slug) for region in figures.regions]
    national = line(_whole_country(), None, lambda theme: figures.theme_total(theme.id), figures.total)
    return Table("matrix", _("Initiatives by region and theme") if measure == "count"
                 else _("Budget by region and theme (SEK)"), _("Region"),
                 tuple(localized(theme, "name") for theme in figures.themes) + (_("All themes"),),
                 (*lines, Line(national.label, national.cells, total=True)))


def coverage(figures, links):
    """Per region with a plan: the nodes of its main plan with active work, of all its nodes."""
    lines = [Line(localized(row.region, "name"),
                  (Cell(localized(row, "title").text, "text"), Cell(row.covered), Cell(row.nodes),
                   Cell(row.share, "share")), links.plan(row.region))
             for row in figures.coverage]
    return Table("coverage", _("Plan coverage: the nodes of each region's plan with initiatives under way"),
                 _("Region"), (_("Plan"), _("Nodes with work under way"), _("Nodes"), _("Share (%)")),
                 tuple(lines))


def statuses(figures, links, measure):
    """Per region and status, every status whatever the status filter."""
    kind = _kind(measure)
    lines = [Line(localized(region, "name"), tuple(
        Cell(figures.status(region.id, key).of(measure), kind, links.initiatives(region=region.slug, status=key))
        for key in STATUSES) + (Cell(figures.statuses_of(region.id).of(measure), kind,
                                     links.initiatives(region=region.slug, status=None)),))
             for region in figures.regions]
    national = tuple(Cell(figures.status_totals.get(key, NONE).of(measure), kind,
                          links.initiatives(status=key)) for key in STATUSES)
    national += (Cell(figures.all_statuses.of(measure), kind, links.initiatives(status=None)),)
    return Table("statuses", _("Initiatives by region and status") if measure == "count"
                 else _("Budget by region and status (SEK)"), _("Region"),
                 tuple(STATUSES.values()) + (_("All statuses"),),
                 (*lines, Line(_whole_country(), national, total=True)))


def funding(figures, links, measure):
    """Per region and funding source: the initiatives a source pays towards, or what it pays."""
    kind = _kind(measure)
    lines = [Line(localized(region, "name"), tuple(
        Cell(figures.source(region.id, key).of(measure), kind, links.initiatives(region=region.slug, funding=key))
        for key in FUNDING_SOURCES) + (Cell(figures.funded.get(region.id, NONE).of(measure), kind),))
             for region in figures.regions]
    national = tuple(Cell(figures.funding_totals.get(key, NONE).of(measure), kind,
                          links.initiatives(funding=key)) for key in FUNDING_SOURCES)
    national += (Cell(figures.funded_total.of(measure), kind),)
    return Table("funding", _("Initiatives by region and funding source") if measure == "count"
                 else _("Funding by region and source (SEK)"), _("Region"),
                 tuple(FUNDING_SOURCES.values()) + (_("With funding") if measure == "count" else _("All sources"),),
                 (*lines, Line(_whole_country(), national, total=True)))


def networks(figures, links):
    """Per region and step of Samverkanstrappan: the networks there."""
    lines = [Line(localized(region, "name"), tuple(
        Cell(figures.network_count(region.id, stage.key), href=links.networks(region=region.slug, stage=stage.key))
        for stage in STAGES) + (Cell(figures.networks_of(region.id), href=links.networks(region=region.slug)),))
             for region in figures.regions]
    national = tuple(Cell(figures.network_totals.get(stage.key, 0), href=links.networks(stage=stage.key))
                     for stage in STAGES) + (Cell(figures.network_total, href=links.networks()),)
    return Table("networks", _("Networks by region and step of Samverkanstrappan"), _("Region"),
                 tuple(localized(stage, "name") for stage in STAGES) + (_("All steps"),),
                 (*lines, Line(_whole_country(), national, total=True)))


def needs(figures, links):
    """Per region with a closed needs survey, its latest: the round, the employers who answered and
    the people needed within 1 and within 3 years (a total from fewer than 3 employers, or one that
    would give such a total away nationally, says so instead)."""
    fewer = _("fewer than %(num)d", num=THRESHOLD)

    def people(row):
        if row.suppressed:
            return (Cell(fewer, "suppressed"), Cell(fewer, "suppressed"))
        return (Cell(row.within_1y), Cell(row.within_3y))

    lines = []
    for region in figures.regions:
        row = figures.needs.get(region.id)
        if row is None:
            continue
        lines.append(Line(localized(region, "name"), (Cell(f"{row.title} ({row.closes_on})", "text"),
                                                      Cell(row.answered), *people(row)),
                          links.needs(region, row.round_id)))
    if lines:
        total = figures.needs_total
        lines.append(Line(_whole_country(), (Cell("", "text"), Cell(total.answered), *people(total)),
                          links.needs(), total=True))
    return Table("needs", _("Employers' competence needs: each region's latest closed needs survey"), _("Region"),
                 (_("Round (closed on)"), _("Employers who answered"), _("People needed within 1 year"),
                  _("People needed within 3 years")), tuple(lines))


def indicator(series):
    """One indicator: its value per region (rows) and year (columns)."""
    lines = [Line(localized(region, "name"), tuple(
        Cell(value.value if (value := series.values.get((region.id, year))) else None, "value")
        for year in series.years)) for region in series.regions]
    unit = f" ({series.unit})" if series.unit else ""
    return Table(f"indicator-{series.id}", localized(series, "name").text + unit, _("Region"),
                 tuple(str(year) for year in series.years), tuple(lines))


def indicator_values(figures):
    """Every value of every indicator shown, a row each (what ``indicators.csv`` holds)."""
    header = [_("Indicator"), _("Unit"), _("Region"), _("Year"), _("Value"), _("Women"), _("Men"), _("Source"),
              _("Demo data")]
    rows = [header]
    for series in figures.indicators:
        for region in series.regions:
            for year in series.years:
                value = series.values.get((region.id, year))
                if value is not None:
                    rows.append([localized(series, "name").text, series.unit, localized(region, "name").text,
                                 year, value.value, value.women, value.men, value.source or series.source,
                                 _("yes") if value.demo else _("no")])
    return rows


# -- charts of the tables --------------------------------------------------------------------------

def _figured(table):
    """The regions' rows with a figure in the last column (the whole country's row left out)."""
    return [line for line in table.lines if not line.total and line.cells[-1].value]


def regions_chart(table, title, unit=""):
    """A bar per region with a figure: the table's last column."""
    return bar_chart(f"{table.name}-chart", title,
                     _("Bars of the table's last column, for the regions with a figure; the table has every region."),
                     [(str(line.label), line.cells[-1].value) for line in _figured(table)], get_locale(), unit=unit)


def columns_chart(table, title, unit=""):
    """A bar per column with a figure: the whole country's row."""
    country = table.lines[-1]
    return bar_chart(f"{table.name}-columns-chart", title,
                     _("Bars of the whole country's row of the table, for the columns with a figure."),
                     [(str(column), cell.value) for column, cell in zip(table.columns[:-1], country.cells[:-1])
                      if cell.value], get_locale(), unit=unit)


def stacked_chart(table, title, unit=""):
    """A bar per region with a figure, stacked by the table's columns (its total left out)."""
    categories = [str(column) for column in table.columns[:-1]]
    return bar_chart(f"{table.name}-chart", title,
                     _("Stacked bars of the table's rows, for the regions with a figure; the table has every region."),
                     [(str(line.label), {category: cell.value for category, cell in zip(categories, line.cells)})
                      for line in _figured(table)], get_locale(), categories=categories, unit=unit)


def needs_chart(figures):
    """A bar per region whose total is shown: the people needed within 3 years."""
    return bar_chart("needs-chart", _("People needed within 3 years, by region"),
                     _("Bars of the table's last column, for the regions whose total is shown."),
                     [(localized(region, "name").text, row.within_3y) for region in figures.regions
                      if (row := figures.needs.get(region.id)) and not row.suppressed], get_locale())


def coverage_chart(table):
    return bar_chart("coverage-chart", _("Share of each plan's nodes with work under way"),
                     _("Bars of the table's last column."),
                     [(str(line.label), line.cells[-1].value) for line in table.lines], get_locale(), unit="%")


def indicator_chart(series, table):
    """A line per region over the years."""
    return line_chart(f"{table.name}-chart", table.caption,
                      _("A line per region over the years; the table has the same values."),
                      [(str(line.label), {int(year): cell.value for year, cell in zip(table.columns, line.cells)})
                       for line in table.lines], get_locale(), unit=series.unit)


def csv_rows(name, figures, filters, measure):
    """The rows of the table ``name`` (of :data:`NAMES`) as its CSV file has them."""
    links = Links(filters, enabled=False)
    if name == "indicators":
        return indicator_values(figures)
    table = {"matrix": lambda: matrix(figures, links, measure), "coverage": lambda: coverage(figures, links),
             "statuses": lambda: statuses(figures, links, measure), "funding": lambda: funding(figures, links, measure),
             "networks": lambda: networks(figures, links), "needs": lambda: needs(figures, links)}[name]()
    return list(table.csv_rows())
