"""Charts drawn on the server as SVG, without JavaScript.

The geometry (scales, ticks and their labels, paths, bars) is computed here by pure functions,
and ``templates/partials/chart.html`` only draws what they return. No inline styles (the CSP
refuses them): colours, dashes and markers are classes styled in ``static/css/samverkan.css``.
A series or a category is told apart by more than its colour: each line has its own marker shape
and dash pattern, each stacked category its own fill pattern, and the legend names them. A chart
is never the only way to read its figures: a page puts a table of the same numbers beside it.

Coordinates are in the SVG's ``viewBox`` (the image scales to the width of its column). Text
widths are estimated at :data:`CHAR_WIDTH` per character of 12 px text, which is enough to keep
labels clear of each other.
"""
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from babel.numbers import format_decimal

#: the width of one character of the charts' 12 px text, estimated on the wide side (digits)
CHAR_WIDTH = 7
#: how many colours, dash patterns, marker shapes and fill patterns the stylesheet has
COLOURS = 6
DASHES = 3
MARKERS = ("circle", "square", "triangle", "diamond", "cross")
#: the fill patterns of stacked categories: white strokes over the colour, in an 8 × 8 tile
FILLS = ("", "M-2 2L2 -2M0 8L8 0M6 10L10 6", "M3 3h2v2h-2Z", "M0 0L8 8M8 0L0 8", "M0 4H8", "M4 0V8")
#: the steps ticks are spaced by, times a power of ten
NICE_STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
#: a marker's half width
MARKER_SIZE = 4.5


def _round(value):
    """A coordinate rounded to a tenth of a unit: exact in tests, short in the page."""
    return round(value + 0.0, 1)


@dataclass(frozen=True)
class Box:
    """The plotting area inside the chart's margins."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self):
        return self.right - self.left

    @property
    def height(self):
        return self.bottom - self.top


@dataclass(frozen=True)
class Scale:
    """Maps the domain ``low``..``high`` linearly onto ``start``..``end``."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value):
        if self.high == self.low:
            return _round((self.start + self.end) / 2)
        return _round(self.start + (value - self.low) / (self.high - self.low) * (self.end - self.start))


@dataclass(frozen=True)
class Tick:
    """A value marked on an axis: its grid line at ``position``, its label anchored at (``label_x``,
    ``label_y``)."""

    value: float
    position: float
    label: str
    label_x: float
    label_y: float


def nice_step(span, count):
    """The step that divides ``span`` into about ``count`` parts: 1, 2, 2.5 or 5 times a power of ten."""
    raw = Decimal(repr(span)) / count
    power = Decimal(10) ** raw.adjusted()
    return next(power * step for step in NICE_STEPS if power * step >= raw)


def tick_values(low, high, count=5, whole=False):
    """Round values from at or below ``low`` to at or above ``high``, about ``count`` steps apart,
    and the number of decimals their labels need; ``whole``: steps of at least 1 (for counts). An
    empty range is widened to hold its value."""
    if low > high:
        raise ValueError("low must not be above high")
    if low == high:
        low, high = (low - 1, high + 1) if low else (0, 1)
    step = nice_step(high - low, count)
    if whole and step < 1:
        step = Decimal(1)
    first = math.floor(Decimal(repr(low)) / step)
    last = math.ceil(Decimal(repr(high)) / step)
    decimals = max(0, -step.normalize().as_tuple().exponent)
    return [float(step * n) for n in range(first, last + 1)], decimals


def _whole(values):
    """Whether every value is a whole number (a count): then no tick falls between two."""
    return all(float(value).is_integer() for value in values)


def format_number(value, locale, decimals=None):
    """A number as the locale writes it (Swedish: ``1 234,5`` with a no-break space); with
    ``decimals``, exactly that many, else up to three."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") if decimals is not None else None
    return format_decimal(value, format=pattern, locale=locale)


def format_value(value, locale, unit=""):
    """A value with its unit, as a label or a tooltip shows it (``74,3 %``, ``1 200 personer``)."""
    number = format_number(value, locale)
    return f"{number}\u00a0{unit}" if unit else number


def text_width(text):
    return len(text) * CHAR_WIDTH


def shortened(text, width):
    """``text`` cut with an ellipsis to fit ``width`` (the whole text goes into a tooltip and the table)."""
    fits = max(1, int(width // CHAR_WIDTH))
    return text if len(text) <= fits else text[:fits - 1].rstrip() + "…"


def wrapped(text, width, lines=2):
    """``text`` in at most ``lines`` lines that fit ``width``, broken between words, the last cut
    with an ellipsis if it still does not fit (an SSYK group's name is up to 55 characters)."""
    fits = max(1, int(width // CHAR_WIDTH))
    result = []
    for word in text.split():
        if result and len(result[-1]) + 1 + len(word) <= fits:
            result[-1] += " " + word
        elif len(result) < lines:
            result.append(word)
        else:
            result[-1] += " " + word
    return tuple(result[:-1]) + (shortened(result[-1], width),) if result else ("",)


def marker_path(shape, x, y, size=MARKER_SIZE):
    """The outline of a marker centred on (``x``, ``y``), as an SVG path."""
    s = size
    if shape == "circle":
        return f"M{_round(x - s)} {_round(y)}a{s} {s} 0 1 0 {2 * s} 0a{s} {s} 0 1 0 {-2 * s} 0Z"
    if shape == "square":
        return f"M{_round(x - s)} {_round(y - s)}h{2 * s}v{2 * s}h{-2 * s}Z"
    if shape == "triangle":
        return f"M{_round(x)} {_round(y - s - 1)}L{_round(x + s + 1)} {_round(y + s)}H{_round(x - s - 1)}Z"
    if shape == "diamond":
        return f"M{_round(x)} {_round(y - s - 1)}L{_round(x + s + 1)} {_round(y)}L{_round(x)} " \
               f"{_round(y + s + 1)}L{_round(x - s - 1)} {_round(y)}Z"
    if shape == "cross":
        return f"M{_round(x - s)} {_round(y - s)}L{_round(x + s)} {_round(y + s)}M{_round(x + s)} " \
               f"{_round(y - s)}L{_round(x - s)} {_round(y + s)}"
    raise ValueError(f"unknown marker {shape!r}")


@dataclass(frozen=True)
class Chart:
    """What every chart has: its id (unique on the page: its title, description and patterns are
    named by it), the title and description read out in place of the image, the unit of its
    values, its size and its plotting area."""

    id: str
    title: str
    description: str
    unit: str
    width: int
    height: int
    plot: Box


@dataclass(frozen=True)
class Style:
    """How the n-th series or category looks: classes for the stylesheet, and a marker or fill."""

    index: int

    @property
    def colour(self):
        return f"chart-colour-{self.index % COLOURS}"

    @property
    def dash(self):
        return f"chart-dash-{self.index % DASHES}"

    @property
    def marker(self):
        return MARKERS[self.index % len(MARKERS)]

    @property
    def fill(self):
        """The white strokes of the category's fill pattern (none: the plain colour)."""
        return FILLS[self.index % len(FILLS)]

    @property
    def key_marker(self):
        """The marker in the legend's 36 × 14 key, on the line's middle."""
        return marker_path(self.marker, 18, 7)


# ---------------------------------------------------------------------------------------------
# Line charts: values over years
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Point:
    x: float
    y: float
    year: int
    value: float
    #: the tooltip: series, year and value in words
    label: str
    marker: str


@dataclass(frozen=True)
class Line:
    name: str
    style: Style
    #: the line through the points, in year order
    path: str
    points: tuple


@dataclass(frozen=True)
class LineChart(Chart):
    kind: ClassVar[str] = "line"
    x_ticks: tuple
    y_ticks: tuple
    #: the y of the axis line: the zero line, or the bottom when zero is not on the axis
    baseline: float
    lines: tuple


def value_range(values):
    """The values a line chart's axis spans: from zero, unless the values are all above zero and
    differ by less than a sixth of the largest (as a spreadsheet decides): then from the smallest,
    so that changes of a few per cent show."""
    low, high = min(values), max(values)
    if low > 0 and high - low < high / 6:
        return low, high
    return min(0, low), max(0, high)


def decimals_needed(values, most=3):
    """How many decimals show every one of ``values`` (at most ``most``): a table's column of them
    is written with as many, so that its numbers line up."""
    def decimals(value):
        text = f"{value:.{most}f}".rstrip("0")
        return len(text.split(".")[1])
    return max((decimals(value) for value in values), default=0)


def line_chart(chart_id, title, description, series, locale, unit="", width=640, height=300):
    """A line per series over the years: ``series`` is ``[(name, {year: value})]`` (a year left
    out, or None, has no point). The value axis spans :func:`value_range`; the axis line is drawn
    at zero when zero is in it, else at the bottom. None when no series has a value."""
    series = [(name, {year: value for year, value in values.items() if value is not None})
              for name, values in series]
    values = [value for _name, by_year in series for value in by_year.values()]
    if not values:
        return None
    years = sorted({year for _name, by_year in series for year in by_year})
    y_values, decimals = tick_values(*value_range(values), whole=_whole(values))
    y_labels = [format_number(value, locale, decimals) for value in y_values]
    top = 28 if unit else 12
    plot = Box(left=max(text_width(label) for label in y_labels) + 14, top=top, right=width - 16,
               bottom=height - 28)
    x = Scale(years[0], years[-1], plot.left + 16, plot.right - 16)
    y = Scale(y_values[0], y_values[-1], plot.bottom, plot.top)
    every = math.ceil(len(range(years[0], years[-1] + 1)) / max(1, plot.width // 48))
    x_ticks = tuple(Tick(year, x(year), str(year), x(year), plot.bottom + 18)
                    for year in range(years[0], years[-1] + 1, every))
    y_ticks = tuple(Tick(value, y(value), label, plot.left - 6, _round(y(value) + 4))
                    for value, label in zip(y_values, y_labels))
    lines = []
    for index, (name, by_year) in enumerate(series):
        style = Style(index)
        points = tuple(Point(x(year), y(value), year, value,
                             f"{name} {year}: {format_value(value, locale, unit)}",
                             marker_path(style.marker, x(year), y(value)))
                       for year, value in sorted(by_year.items()))
        path = "".join(f"{'L' if n else 'M'}{point.x} {point.y}" for n, point in enumerate(points))
        lines.append(Line(name, style, path, points))
    baseline = y(0) if y_values[0] <= 0 <= y_values[-1] else plot.bottom
    return LineChart(chart_id, title, description, unit, width, height, plot, x_ticks, y_ticks,
                     baseline, tuple(lines))


# ---------------------------------------------------------------------------------------------
# Horizontal bar charts: labelled counts and sums, optionally stacked by category
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    value: float
    category: str
    style: Style
    label: str


@dataclass(frozen=True)
class Bar:
    #: the label as drawn (its lines, wrapped to fit) and in full (its tooltip)
    label: tuple
    full_label: str
    #: the row's text baseline, and the bar's top and height
    text_y: float
    y: float
    height: float
    segments: tuple
    total: float
    total_label: str
    total_x: float


@dataclass(frozen=True)
class BarChart(Chart):
    kind: ClassVar[str] = "bar"
    ticks: tuple
    bars: tuple
    #: the categories of a stacked chart, each with its style (empty: one plain bar a row)
    categories: tuple
    label_x: float


ROW_HEIGHT = 28
BAR_HEIGHT = 18
#: what a bar's row grows by for each further line of its label
LABEL_LINE_HEIGHT = 14


def bar_chart(chart_id, title, description, rows, locale, categories=(), unit="", width=640):
    """A horizontal bar per row: ``rows`` is ``[(label, value)]``, or with ``categories`` (their
    names, in stacking order) ``[(label, {category: value})]``. Values are counts or sums, never
    negative. None when there are no rows."""
    if not rows:
        return None
    stacked = bool(categories)
    parts = [(label, [(category, (values or {}).get(category) or 0) for category in categories] if stacked
              else [("", values or 0)]) for label, values in rows]
    if any(value < 0 for _label, values in parts for _category, value in values):
        raise ValueError("a bar chart shows counts and sums, never a negative value")
    totals = [sum(value for _category, value in values) for _label, values in parts]
    tick_list, decimals = tick_values(0, max(totals), whole=_whole(totals))
    tick_labels = [format_number(value, locale, decimals) for value in tick_list]
    total_labels = [format_value(total, locale, unit) for total in totals]
    label_width = min(max(text_width(label) for label, _values in parts), width * 0.4)
    labels = [wrapped(label, label_width) for label, _values in parts]
    heights = [ROW_HEIGHT + LABEL_LINE_HEIGHT * (len(lines) - 1) for lines in labels]
    plot = Box(left=_round(label_width + 12), top=8,
               right=_round(width - max(text_width(label) for label in total_labels + tick_labels[-1:]) - 12),
               bottom=8 + sum(heights))
    scale = Scale(0, tick_list[-1], plot.left, plot.right)
    ticks = tuple(Tick(value, scale(value), label, scale(value), plot.bottom + 18)
                  for value, label in zip(tick_list, tick_labels))
    styles = {category: Style(index) for index, category in enumerate(categories)}
    bars = []
    top = plot.top
    for (label, values), lines, height, total, total_label in zip(parts, labels, heights, totals, total_labels):
        segments, running = [], 0
        for category, value in values:
            if value:
                start, end = scale(running), scale(running + value)
                segments.append(Segment(start, _round(end - start), value, category, styles.get(category, Style(0)),
                                        f"{label}, {category}: {format_value(value, locale, unit)}" if stacked
                                        else f"{label}: {format_value(value, locale, unit)}"))
            running += value
        bars.append(Bar(lines, label, _round(top + height / 2 + 4 - LABEL_LINE_HEIGHT * (len(lines) - 1) / 2),
                        _round(top + (height - BAR_HEIGHT) / 2), BAR_HEIGHT, tuple(segments), total,
                        total_label, _round(scale(total) + 6)))
        top += height
    return BarChart(chart_id, title, description, unit, width, plot.bottom + 28, plot, ticks, tuple(bars),
                    tuple((category, styles[category]) for category in categories), plot.left - 8)
