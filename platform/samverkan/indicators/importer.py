"""Importing indicator values from a file (:mod:`.transfer` names its columns): every row is
checked first, and only a file without a single problem is written, in the caller's one
transaction. The caller commits (or, for a dry run or a rejected file, writes nothing).

A row names an indicator by its region and key (or name), the county the value is for and the
year: it updates the value of that indicator, county and year, or adds it. Only the columns the
file has are written: a file without the columns for women and men leaves those values alone,
and an empty cell in a column of the file empties it. Two rows for the same value are an error.
Every value written is in the audit log, and the import as a whole too.
"""
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..audit import record
from ..extensions import db
from ..regions.queries import region_list
from ..sheets import FAILED, FileProblem, Problem
from . import services
from .models import Indicator, IndicatorValue
from .transfer import LAYOUT

REQUIRED = {
    "indicator_region": _l("The indicator's region is required."),
    "indicator": _l("The indicator is required."),
    "region": _l("The region the value is for is required."),
    "year": _l("The year is required."),
    "value": _l("The value is required."),
}


@dataclass
class Row:
    """A checked row: the value it writes, and the value it updates (None: a new one)."""

    line: int
    indicator: Indicator
    region_id: int
    year: int
    values: dict
    existing: IndicatorValue | None
    #: whether writing the row changes anything (decided when the file is checked)
    changes: bool = True


@dataclass
class Outcome:
    """What an import did, or would do (``dry_run``), or why it did nothing (``problems``)."""

    problems: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    dry_run: bool = False
    #: the headers of the file's columns that the format does not know (which it may ignore)
    unknown: tuple = ()

    @property
    def ok(self):
        return not self.problems

    @property
    def created(self):
        return sum(1 for row in self.rows if row.existing is None)

    @property
    def updated(self):
        return sum(1 for row in self.rows if row.existing is not None and row.changes)

    @property
    def unchanged(self):
        return len(self.rows) - self.created - self.updated


def _folded(text):
    return " ".join(text.casefold().split())


class Checker:
    """Checks a file's rows against the database, in a few statements for the whole file."""

    def __init__(self, sheet):
        self.sheet = sheet
        self.problems = list(sheet.problems)
        self.regions = {}
        for region in region_list():
            for name in (region.slug, region.name, region.name_en, region.code):
                if name:
                    self.regions.setdefault(_folded(name), region)
        self.indicators = {}
        for indicator in db.session.scalars(select(Indicator).order_by(Indicator.id)):
            for name in (indicator.key, indicator.name, indicator.name_en):
                if name:
                    self.indicators.setdefault((indicator.region_id, _folded(name)), indicator)
        self._seen = {}

    def problem(self, line, key, message):
        self.problems.append(Problem(line, self.sheet.header_of(key), message))

    def check(self):
        parsed = [(line, self._parse(line, cells)) for line, cells in self.sheet.rows]
        found = [(line, cells, self._identify(line, cells)) for line, cells in parsed]
        # the values of the file's indicators (at most a few hundred each: counties × years)
        indicator_ids = {identity[0].id for _line, _cells, identity in found if identity is not None}
        existing = {(row.indicator_id, row.region_id, row.year): row for row in db.session.scalars(
            select(IndicatorValue).where(IndicatorValue.indicator_id.in_(indicator_ids)))}
        rows = []
        for line, cells, identity in found:
            values = {name: cells[name] for name in services.VALUE_FIELDS if name in cells}
            if identity is None or FAILED in values.values():
                continue
            indicator, region_id, year = identity
            found = existing.get((indicator.id, region_id, year))
            rows.append(Row(line, indicator, region_id, year, values, found, found is None or any(
                getattr(found, name) != value for name, value in values.items())))
        return rows

    def _parse(self, line, cells):
        """The row's cells, parsed; a required one that is empty is a problem too."""
        parsed = self.sheet.parsed(line, cells, self.problem)
        for key, message in REQUIRED.items():
            if parsed[key] in ("", None):
                self.problem(line, key, message)
                parsed[key] = FAILED
        return parsed

    def _region(self, line, cells, key):
        name = cells[key]
        if name is FAILED:
            return None
        region = self.regions.get(_folded(name))
        if region is None:
            self.problem(line, key, _l("Unknown region “%(name)s”: give its short name (such as vastmanland), "
                                       "name or county code.", name=name))
        return region

    def _identify(self, line, cells):
        """(indicator, region id, year) of the row, or None when they cannot be known."""
        owner, region = self._region(line, cells, "indicator_region"), self._region(line, cells, "region")
        indicator = None
        if owner is not None and cells["indicator"] is not FAILED:
            indicator = self.indicators.get((owner.id, _folded(cells["indicator"])))
            if indicator is None:
                self.problem(line, "indicator", _l("%(region)s has no indicator “%(name)s”.", region=owner.name,
                                                   name=cells["indicator"]))
        if indicator is None or region is None or cells["year"] is FAILED:
            return None
        identity = (indicator, region.id, cells["year"])
        earlier = self._seen.setdefault((indicator.id, region.id, cells["year"]), line)
        if earlier != line:
            self.problem(line, "year", _l("The same indicator, region and year as on line %(line)d.", line=earlier))
            return None
        return identity


def check(filename, data, ignore=()):
    """Read and check a file (without the columns ``ignore`` names): an :class:`Outcome` with its
    problems, or with the rows to write."""
    try:
        sheet = LAYOUT.read(filename, data, ignore)
    except FileProblem as problem:
        return Outcome(problems=problem.problems, unknown=problem.unknown)
    checker = Checker(sheet)
    rows = checker.check()
    if checker.problems:
        return Outcome(problems=sorted(checker.problems, key=lambda p: p.line or 0), unknown=sheet.unknown)
    return Outcome(rows=rows)


def apply(outcome, by=None, filename=""):
    """Write a checked file's values. The caller commits."""
    for row in outcome.rows:
        if row.existing is None:
            services.add_value(row.indicator, row.region_id, row.year, row.values, by=by)
        elif row.changes:
            services.update_value(row.existing, row.values, by=by)
    record("import", object_type="IndicatorValue", changes={
        "file": filename, "new": outcome.created, "updated": outcome.updated, "unchanged": outcome.unchanged})
    return outcome


def import_file(filename, data, by=None, dry_run=False, ignore=()):
    """Check a file and, unless it has problems or this is a dry run, write it (the caller commits)."""
    outcome = check(filename, data, ignore)
    outcome.dry_run = dry_run
    if outcome.ok and not dry_run:
        apply(outcome, by=by, filename=filename)
    return outcome
