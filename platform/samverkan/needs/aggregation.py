"""Employers' needs added up by area and category, with small counts suppressed (pure: no Flask,
no database).

**The tables.** The input is one row per reported need: the area it counts in (a municipality, or
nationally a region), the employer that reported it, and the need's fields. For each dimension
(:data:`DIMENSIONS`: SSYK group, SeQF level, education route) the needs make a table: a row per
area, a column per category of the question set (every category, zeros included), and the
margins: each row's total, each column's total (the region, or the whole country) and the grand
total. A cell holds the number of distinct employers whose needs it counts, the number of needs,
and the people needed within 1 year and within 3 years. A margin counts distinct employers (an
employer with needs in three categories is one employer in its row's total) and sums the rest.
The row totals and the grand total do not depend on the dimension: they are one cell each,
shared by the three tables, and suppressed (or shown) alike in all of them.

**Primary suppression.** A cell whose needs come from 1 or 2 employers (fewer than
:data:`THRESHOLD`) is suppressed: it carries no figure at all, not even its number of employers,
and is shown as "fewer than 3". A cell with no employer is an honest 0 and is shown.

**Secondary suppression.** A suppressed cell must not be recoverable from what is shown: a row's
total minus its shown cells would otherwise give the one suppressed cell of that row. So in every
line (each row and each column, the margins' row and column included), when exactly one cell is
suppressed, the line's non-suppressed, non-empty cell with the fewest employers is suppressed too
(an inner cell before a margin, then the earlier one); this is repeated over all lines until none
changes. Then every line holds none or at least two suppressed cells. That alone can still leave a
cell fixed by several lines together (a suppressed cell that joins two otherwise separate groups
of suppressed cells), so finally :func:`recoverable` solves the published equations (every line:
the margin equals the sum of its cells) for the suppressed cells, and while one from fewer than 3
employers (:func:`sensitive`) is determined, a further cell is suppressed: of one of its lines if
one can be, the one that frees it if there is one. (A cell hidden only to protect another may
itself be worked out, e.g. the country's total of a category that every region shows: it holds 3
employers or more.) The tests check the result with the same equations, on chosen tables and on
random ones.

**Locked and linked cells.** Nationally a region's row is the region's own column totals and grand
total, which its page shows already suppressed as its own tables decided; they are locked (never
changed here), so that the national table and the region's page agree: only the whole country's
cells take further suppression. The audit then solves the national equations together with every
region's own (``linked``): a reader has both pages. In a national column whose region cells are
all shown, a whole-country cell hidden for its row's sake stays alone: it is their sum, of 3
employers or more, and protects nothing there.

**Limits.** The audit is linear: it does not reason from figures being whole and non-negative (two
hidden cells that the shown figures say add up to 0 people are both 0), nor across rounds (a
round's figures minus an earlier round's of the same employers).
"""
from dataclasses import dataclass

#: a cell from fewer employers than this is suppressed (the only place the threshold is set)
THRESHOLD = 3
#: the dimensions a table can be by: key -> the need's field
DIMENSIONS = {"ssyk": "ssyk_group", "seqf": "seqf_level", "route": "education_route"}
#: the key of a margin (a row's or a column's total) in place of an area or a category
TOTAL = None
#: the dimension part of the key of a cell every table shares (row totals, the grand total)
SHARED = "*"
#: a prime for the exact linear algebra of :func:`recoverable` (the equations have 0/±1 coefficients)
_PRIME = 2**61 - 1


@dataclass(frozen=True)
class NeedRow:
    """One reported need, as the aggregation reads it."""

    area: object
    employer: object
    ssyk_group: str
    seqf_level: int
    education_route: str
    count_1y: int
    count_3y: int


@dataclass(frozen=True)
class Figures:
    """A shown cell's figures."""

    employers: int
    needs: int
    within_1y: int
    within_3y: int
    suppressed = False

    def within(self, horizon):
        """The people within ``horizon`` ("1y" or "3y")."""
        return self.within_1y if horizon == "1y" else self.within_3y


class _Suppressed:
    """A suppressed cell: no figure at all."""

    suppressed = True
    __slots__ = ()

    def __repr__(self):
        return "SUPPRESSED"


SUPPRESSED = _Suppressed()
EMPTY = Figures(0, 0, 0, 0)


class _Cell:
    """A cell while it is computed: the employers themselves (never leave this module)."""

    __slots__ = ("key", "employers", "needs", "within_1y", "within_3y", "suppressed", "margin", "locked")

    def __init__(self, key, margin):
        self.key, self.margin = key, margin
        self.employers, self.needs, self.within_1y, self.within_3y = set(), 0, 0, 0
        self.suppressed, self.locked = False, False

    def add(self, row):
        self.employers.add(row.employer)
        self.needs += 1
        self.within_1y += row.count_1y
        self.within_3y += row.count_3y

    @property
    def shown(self):
        if self.suppressed:
            return SUPPRESSED
        return Figures(len(self.employers), self.needs, self.within_1y, self.within_3y)


class Table:
    """One dimension's table: ``cell(area, category)`` is :class:`Figures` or :data:`SUPPRESSED`;
    :data:`TOTAL` for either gives the margins."""

    def __init__(self, dimension, areas, categories, cells):
        self.dimension, self.areas, self.categories = dimension, tuple(areas), tuple(categories)
        self._cells = cells

    def cell(self, area, category):
        key = (SHARED, area, TOTAL) if category is TOTAL else (self.dimension, area, category)
        return self._cells[key].shown

    def row(self, area):
        """The cells of a row, the row's total last."""
        return [self.cell(area, category) for category in (*self.categories, TOTAL)]

    @property
    def totals(self):
        """The column totals (the region or the whole country), the grand total last."""
        return self.row(TOTAL)

    @property
    def suppressed_count(self):
        return sum(cell.suppressed for area in (*self.areas, TOTAL) for cell in self.row(area))


class Aggregate:
    """The tables of every dimension over the same needs, suppressed together."""

    def __init__(self, tables, cells, lines):
        self.tables = tables
        self._cells, self._lines = cells, lines

    def __getitem__(self, dimension):
        return self.tables[dimension]

    @property
    def grand(self):
        return self._cells[SHARED, TOTAL, TOTAL].shown

    def region_locks(self, area):
        """What a national table must keep of this aggregate, as the row of ``area``: the column
        totals of each dimension and the grand total, suppressed or not."""
        locks = {(dimension, area, category): self._cells[dimension, TOTAL, category].suppressed
                 for dimension, table in self.tables.items() for category in table.categories}
        locks[SHARED, area, TOTAL] = self._cells[SHARED, TOTAL, TOTAL].suppressed
        return locks

    @property
    def suppressed_keys(self):
        return {key for key, cell in self._cells.items() if cell.suppressed}


def aggregate(rows, areas, categories, locked=None, linked=None, threshold=THRESHOLD):
    """The :class:`Aggregate` of ``rows`` (:class:`NeedRow`, each ``area`` one of ``areas``) over
    ``categories`` ({dimension: category keys}), suppressed as the module says; ``locked`` (key ->
    suppressed) fixes cells that another table decided. ``linked`` ({area: an aggregate of that
    area's own rows}) makes each area's row the other aggregate's totals, kept as it decided, and
    adds the other aggregate's equations to the audit: what a reader can combine from both pages."""
    areas = list(areas)
    cells, lines = _build(areas, categories)
    for row in rows:
        for dimension in categories:
            category = getattr(row, DIMENSIONS[dimension])
            for key in ((dimension, row.area, category), (dimension, TOTAL, category)):
                cells[key].add(row)
        cells[SHARED, row.area, TOTAL].add(row)
        cells[SHARED, TOTAL, TOTAL].add(row)
    for cell in cells.values():
        cell.suppressed = 0 < len(cell.employers) < threshold
    locked = dict(locked or {})
    audited_cells, audited_lines = dict(cells), list(lines)
    for area, other in (linked or {}).items():
        locked.update(other.region_locks(area))
        mapping = {}
        for key, cell in other._cells.items():
            dimension, place, category = key
            if place is TOTAL:  # the other's totals are this area's row
                mapping[key] = (dimension, area, category) if dimension != SHARED else (SHARED, area, TOTAL)
            else:
                mapping[key] = ("linked", area, key)
                copy = audited_cells[mapping[key]] = _Cell(mapping[key], cell.margin)
                copy.employers, copy.suppressed, copy.locked = cell.employers, cell.suppressed, True
        audited_lines += [[mapping[key] for key in line] for line in other._lines]
    for key, suppressed in locked.items():
        cells[key].suppressed, cells[key].locked = suppressed, True
    _suppress(audited_cells, audited_lines, threshold)
    tables = {dimension: Table(dimension, areas, keys, cells) for dimension, keys in categories.items()}
    result = Aggregate(tables, cells, lines)
    result._audited = (audited_cells, audited_lines)
    return result


def _build(areas, categories):
    """The empty cells by key, and the lines (rows and columns) as lists of keys, the margin last."""
    cells = {}

    def cell(key, margin):
        if key not in cells:
            cells[key] = _Cell(key, margin)
        return key

    lines = []
    for dimension, keys in categories.items():
        for area in (*areas, TOTAL):
            lines.append([cell((dimension, area, category), area is TOTAL) for category in keys]
                         + [cell((SHARED, area, TOTAL), True)])
        for category in keys:
            lines.append([(dimension, area, category) for area in areas] + [(dimension, TOTAL, category)])
    lines.append([(SHARED, area, TOTAL) for area in areas] + [(SHARED, TOTAL, TOTAL)])
    return cells, lines


def _candidate(cells, keys):
    """The cell of ``keys`` to suppress next: not suppressed, not locked, non-empty if one is,
    then an inner cell before a margin, the fewest employers, the first."""
    free = [(position, cells[key]) for position, key in enumerate(keys)
            if not cells[key].suppressed and not cells[key].locked]
    if not free:
        return None
    return min(free, key=lambda item: (not item[1].employers, item[1].margin, len(item[1].employers), item[0]))[1]


def _line_rule(cells, lines):
    """Until stable: a line with exactly one suppressed cell has one more suppressed."""
    changed = True
    while changed:
        changed = False
        for keys in lines:
            if sum(cells[key].suppressed for key in keys) == 1:
                chosen = _candidate(cells, keys)
                if chosen is not None:
                    chosen.suppressed = changed = True


def sensitive(cells, threshold=THRESHOLD):
    """The keys of the cells from 1 or 2 employers: those no reader may work out."""
    return {key for key, cell in cells.items() if 0 < len(cell.employers) < threshold}


def _suppress(cells, lines, threshold=THRESHOLD):
    _line_rule(cells, lines)
    guarded = sensitive(cells, threshold)
    while True:
        found = recoverable(cells, lines) & guarded
        if not found:
            return
        key = sorted(found, key=repr)[0]
        free = [cell for cell in cells.values() if not cell.suppressed and not cell.locked]
        if not free:  # nothing left to hide it behind: cannot happen (a table whose free cells are
            return    # all hidden adds no equation that a locked table had not)
        near = {k for line in lines if key in line for k in line}
        options = [cell for cell in free if cell.key in near] or free
        options.sort(key=lambda cell: (not cell.employers, cell.margin, len(cell.employers), repr(cell.key)))
        for cell in options:
            cell.suppressed = True
            if key not in recoverable(cells, lines):
                break
            cell.suppressed = False
        else:
            options[0].suppressed = True
        _line_rule(cells, lines)


def recoverable(cells, lines):
    """The keys of the suppressed cells that the shown figures determine: each line says that its
    margin (its last cell) is the sum of its other cells; the suppressed cells are the unknowns.
    A cell is determined when the equations, reduced, hold one that names it alone."""
    unknown = {key for key, cell in cells.items() if cell.suppressed}
    if not unknown:
        return set()
    equations = []
    for keys in lines:
        coefficients = {}
        for position, key in enumerate(keys):
            if key in unknown:
                coefficients[key] = -1 if position == len(keys) - 1 else 1
        if coefficients:
            equations.append(coefficients)
    # Gauss–Jordan elimination modulo a large prime, on sparse rows
    pivots = {}  # pivot key -> reduced row (its pivot coefficient 1)
    for row in equations:
        row = dict(row)
        for key in list(row):
            if key in pivots and key in row:
                _eliminate(row, pivots[key], key)
        row = {key: value for key, value in row.items() if value}
        if not row:
            continue
        pivot = min(row, key=repr)
        inverse = pow(row[pivot], _PRIME - 2, _PRIME)
        row = {key: value * inverse % _PRIME for key, value in row.items()}
        for other in pivots.values():
            if pivot in other:
                _eliminate(other, row, pivot)
        pivots[pivot] = row
    return {pivot for pivot, row in pivots.items() if len(row) == 1}


def _eliminate(row, pivot_row, pivot):
    """``row`` minus ``pivot_row`` times ``row[pivot]``, in place, zeros dropped."""
    factor = row[pivot]
    for key, value in pivot_row.items():
        updated = (row.get(key, 0) - factor * value) % _PRIME
        if updated:
            row[key] = updated
        else:
            row.pop(key, None)
