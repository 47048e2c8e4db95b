"""The server-rendered charts: their geometry computed by hand, and the partial that draws it
(accessible, CSP-clean, styled only by classes the stylesheet has)."""
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from flask import render_template_string

from samverkan import charts, create_app
from samverkan.charts import Box, Style, bar_chart, decimals_needed, format_number, format_value, line_chart, \
    marker_path, nice_step, shortened, tick_values, value_range, wrapped

CSS = (Path(charts.__file__).parent / "static" / "css" / "samverkan.css").read_text()
SVG = "{http://www.w3.org/2000/svg}"
NBSP = "\u00a0"

#: two regions over four years, one year left empty and one region with a single value
SERIES = [("Västmanland", {2019: 70.5, 2020: 72.25, 2021: None, 2022: 78.4}), ("Västernorrland", {2020: 68})]
#: funding of two rows by source, the second row's label too long for its column
ROWS = [("Västmanland", {"ESF+": 1_200_000, "Egna medel": 300_000}),
        ("Ett mycket långt regionnamn som inte får plats här alls nej", {"ESF+": 50_000})]


# -- ticks and numbers -----------------------------------------------------------------------

@pytest.mark.parametrize("span, count, step", [
    (78.4, 5, Decimal(20)), (11, 5, Decimal("2.5")), (0.9, 5, Decimal("0.2")), (1_500_000, 5, Decimal(500_000)),
    (1, 5, Decimal("0.2")), (100, 5, Decimal(20)), (7, 5, Decimal(2)), (1000, 4, Decimal(250)),
])
def test_nice_step(span, count, step):
    assert nice_step(span, count) == step


@pytest.mark.parametrize("low, high, whole, values, decimals", [
    (0, 78.4, False, [0, 20, 40, 60, 80], 0),
    (0, 1234, False, [0, 250, 500, 750, 1000, 1250], 0),
    (-3, 7, False, [-4, -2, 0, 2, 4, 6, 8], 0),
    (0, 0.23, False, [0, 0.05, 0.1, 0.15, 0.2, 0.25], 2),
    (0, 0, False, [0, 0.2, 0.4, 0.6, 0.8, 1], 1),
    (5, 5, False, [4, 4.5, 5, 5.5, 6], 1),
    (0, 2, False, [0, 0.5, 1, 1.5, 2], 1),
    (0, 2, True, [0, 1, 2], 0),
    (0, 0, True, [0, 1], 0),
])
def test_tick_values(low, high, whole, values, decimals):
    assert tick_values(low, high, whole=whole) == (values, decimals)


def test_tick_values_refuses_a_reversed_range():
    with pytest.raises(ValueError):
        tick_values(2, 1)


def test_numbers_are_written_as_the_locale_writes_them():
    assert format_number(1_234_567.5, "sv") == f"1{NBSP}234{NBSP}567,5"
    assert format_number(1_234_567.5, "en") == "1,234,567.5"
    assert format_number(0.05, "sv", 2) == "0,05"
    assert format_number(20, "sv", 1) == "20,0"
    assert format_number(2.345678, "sv") == "2,346"
    assert format_value(74.3, "sv", "%") == f"74,3{NBSP}%"
    assert format_value(1200, "en", "people") == f"1,200{NBSP}people"
    assert format_value(12, "sv") == "12"


def test_long_labels_wrap_between_words_on_two_lines_and_only_then_end_in_an_ellipsis():
    # SSYK 3 in Swedish, 55 characters, in the 36 a chart's label has beside its bars
    assert wrapped("Yrken med krav på högskolekompetens eller motsvarande", 256) == (
        "Yrken med krav på högskolekompetens", "eller motsvarande")
    assert wrapped("Gävleborg", 256) == ("Gävleborg",)
    assert wrapped("ett två tre fyra fem sex sju", 63) == ("ett två", "tre fyra…")


def test_shortened_labels_end_in_an_ellipsis():
    assert shortened("Gävleborg", 63) == "Gävleborg"
    assert shortened("Västra Götaland", 63) == "Västra G…"
    assert shortened("Västra Götaland", 3) == "…"


def test_marker_shapes():
    assert marker_path("circle", 10, 20) == "M5.5 20.0a4.5 4.5 0 1 0 9.0 0a4.5 4.5 0 1 0 -9.0 0Z"
    assert marker_path("square", 10, 20) == "M5.5 15.5h9.0v9.0h-9.0Z"
    assert marker_path("triangle", 10, 20) == "M10.0 14.5L15.5 24.5H4.5Z"
    assert marker_path("diamond", 10, 20) == "M10.0 14.5L15.5 20.0L10.0 25.5L4.5 20.0Z"
    assert marker_path("cross", 10, 20) == "M5.5 15.5L14.5 24.5M14.5 15.5L5.5 24.5"
    with pytest.raises(ValueError):
        marker_path("star", 0, 0)


def test_styles_combine_colour_dash_and_marker_so_thirty_series_differ():
    looks = {(Style(i).colour, Style(i).dash, Style(i).marker) for i in range(30)}
    assert len(looks) == 30
    assert (Style(0).colour, Style(0).dash, Style(0).marker) == ("chart-colour-0", "chart-dash-0", "circle")
    assert (Style(7).colour, Style(7).dash, Style(7).marker) == ("chart-colour-1", "chart-dash-1", "triangle")
    assert Style(0).fill == "" and Style(3).fill == "M0 0L8 8M8 0L0 8"


# -- line charts -----------------------------------------------------------------------------

def test_line_chart_geometry():
    chart = line_chart("c", "Title", "Description", SERIES, "sv", unit="%")
    # the values (68 to 78.4) differ by less than a sixth of the largest: the axis starts near them,
    # at 67.5, and runs to 80 by 2.5, onto 272 (bottom) to 28 (top, below the unit): 19.52 a unit
    assert chart.plot == Box(left=42, top=28, right=624, bottom=272)
    assert [(t.label, t.position, t.label_x, t.label_y) for t in chart.y_ticks] == [
        ("67,5", 272, 36, 276), ("70,0", 223.2, 36, 227.2), ("72,5", 174.4, 36, 178.4), ("75,0", 125.6, 36, 129.6),
        ("77,5", 76.8, 36, 80.8), ("80,0", 28, 36, 32)]
    # x: 2019 to 2022 onto 58 to 608 (16 inside the plot): 183.33 a year, every year labelled
    assert [(t.label, t.position, t.label_y) for t in chart.x_ticks] == [
        ("2019", 58, 290), ("2020", 241.3, 290), ("2021", 424.7, 290), ("2022", 608, 290)]
    # zero is not on the axis: its line is drawn at the bottom
    assert chart.baseline == 272
    first, second = chart.lines
    # 70.5 -> 272 - 3 × 19.52; 72.25 -> 272 - 4.75 × 19.52; 78.4 -> 272 - 10.9 × 19.52; 2021 is left out
    assert [(p.year, p.x, p.y) for p in first.points] == [(2019, 58, 213.4), (2020, 241.3, 179.3),
                                                          (2022, 608, 59.2)]
    assert first.path == "M58.0 213.4L241.3 179.3L608.0 59.2"
    assert [p.label for p in first.points] == [f"Västmanland 2019: 70,5{NBSP}%", f"Västmanland 2020: 72,25{NBSP}%",
                                               f"Västmanland 2022: 78,4{NBSP}%"]
    assert first.points[0].marker == marker_path("circle", 58, 213.4)
    # 68 -> 272 - 0.5 × 19.52
    assert (second.name, second.path, second.style) == ("Västernorrland", "M241.3 262.2", Style(1))
    assert second.points[0].marker == marker_path("square", 241.3, 262.2)


def test_line_chart_of_values_far_apart_starts_at_zero():
    chart = line_chart("c", "T", "D", [("Västernorrland", {2021: 142, 2025: 236}), ("Jämtland", {2021: 88})],
                       "sv", unit="personer")
    # 88 to 236 differ by more than a sixth of 236: 0 to 250 by 50, onto 272 to 28: 0.976 a unit
    assert [(t.label, t.position) for t in chart.y_ticks] == [
        ("0", 272, ), ("50", 223.2), ("100", 174.4), ("150", 125.6), ("200", 76.8), ("250", 28)]
    assert chart.baseline == 272
    # 142 -> 272 - 138.592; 236 -> 272 - 230.336; 88 -> 272 - 85.888
    assert [[(p.x, p.y) for p in line.points] for line in chart.lines] == [[(51, 133.4), (608, 41.7)], [(51, 186.1)]]
    assert chart.lines[0].points[1].label == f"Västernorrland 2025: 236{NBSP}personer"


@pytest.mark.parametrize("values, span", [
    ([68, 78.4], (68, 78.4)), ([88, 236], (0, 236)), ([5], (5, 5)), ([0, 5], (0, 5)), ([-3, 7], (-3, 7)),
    ([-5, -4], (-5, 0)), ([60, 72], (0, 72)), ([61, 72], (61, 72)),
])
def test_value_range_starts_at_zero_unless_the_values_are_close(values, span):
    assert value_range(values) == span


def test_decimals_needed_for_a_column():
    assert decimals_needed([71.0, 70.25, 3]) == 2
    assert decimals_needed([1, 2.0]) == 0
    assert decimals_needed([0.12345]) == 3
    assert decimals_needed([]) == 0


def test_line_chart_with_negative_values_draws_the_zero_line_inside():
    chart = line_chart("c", "T", "D", [("Change", {2020: -3, 2021: 7})], "en")
    # no unit: the plot starts at 12; -4 to 8 by 2 onto 272 to 12: 21.667 a unit, zero at 185.3
    assert chart.plot == Box(left=28, top=12, right=624, bottom=272)
    assert [t.label for t in chart.y_ticks] == ["-4", "-2", "0", "2", "4", "6", "8"]
    assert chart.baseline == 185.3
    assert [(p.x, p.y) for p in chart.lines[0].points] == [(44, 250.3), (608, 33.7)]


def test_line_chart_of_one_year_centres_it_and_labels_every_other_year_when_crowded():
    one = line_chart("c", "T", "D", [("A", {2024: 5})], "sv")
    # a whole number, widened to 4 to 6 by whole steps (one character): the plot runs from 21, the
    # year between 37 and 608
    assert [t.label for t in one.y_ticks] == ["4", "5", "6"]
    assert [(t.label, t.position) for t in one.x_ticks] == [("2024", 322.5)]
    many = line_chart("c", "T", "D", [("A", {year: 1 for year in range(2000, 2026)})], "sv")
    # 26 years, room for 12 labels: every third year
    assert [t.label for t in many.x_ticks] == [str(year) for year in range(2000, 2026, 3)]


def test_line_chart_without_values_is_none():
    assert line_chart("c", "T", "D", [("A", {2020: None})], "sv") is None
    assert line_chart("c", "T", "D", [], "sv") is None


# -- bar charts ------------------------------------------------------------------------------

def test_stacked_bar_chart_geometry():
    chart = bar_chart("b", "T", "D", ROWS, "sv", categories=("ESF+", "Egna medel"), unit="kr")
    # labels take at most 40 % of 640 (256); totals need "1 500 000 kr", 12 characters (84); the
    # second label takes two lines, its row 14 higher
    assert chart.plot == Box(left=268, top=8, right=544, bottom=78)
    assert (chart.height, chart.label_x) == (106, 260)
    assert [(t.label, t.position, t.label_y) for t in chart.ticks] == [
        ("0", 268, 96), (f"500{NBSP}000", 360, 96), (f"1{NBSP}000{NBSP}000", 452, 96),
        (f"1{NBSP}500{NBSP}000", 544, 96)]
    first, second = chart.bars
    # 276 units for 1 500 000 kr: 1 200 000 is 220.8, 300 000 is 55.2, 50 000 is 9.2
    assert [(s.category, s.x, s.width, s.style) for s in first.segments] == [
        ("ESF+", 268, 220.8, Style(0)), ("Egna medel", 488.8, 55.2, Style(1))]
    assert first.segments[1].label == f"Västmanland, Egna medel: 300{NBSP}000{NBSP}kr"
    assert (first.text_y, first.y, first.height, first.total_label, first.total_x) == (
        26, 13, 18, f"1{NBSP}500{NBSP}000{NBSP}kr", 550)
    assert [(s.x, s.width) for s in second.segments] == [(268, 9.2)]
    assert (second.label, second.full_label) == (("Ett mycket långt regionnamn som inte", "får plats här alls nej"),
                                                 ROWS[1][0])
    assert (second.text_y, second.y, second.total, second.total_x) == (54, 48, 50_000, 283.2)
    assert chart.categories == (("ESF+", Style(0)), ("Egna medel", Style(1)))


def test_plain_bar_chart_of_counts_has_whole_ticks():
    chart = bar_chart("b", "T", "D", [("Gävleborg", 3), ("Skåne", 0), ("Dalarna", None)], "sv")
    assert chart.categories == ()
    assert [t.label for t in chart.ticks] == ["0", "1", "2", "3"]
    # labels: "Gävleborg" 63 wide; right: 640 - 7 - 12
    assert (chart.plot.left, chart.plot.right) == (75, 621)
    assert [[(s.x, s.width, s.label) for s in bar.segments] for bar in chart.bars] == [
        [(75, 546, "Gävleborg: 3")], [], []]
    assert [bar.total_label for bar in chart.bars] == ["3", "0", "0"]


def test_bar_chart_refuses_negative_values_and_has_nothing_to_draw_without_rows():
    with pytest.raises(ValueError):
        bar_chart("b", "T", "D", [("A", -1)], "sv")
    assert bar_chart("b", "T", "D", [], "sv") is None


# -- drawing ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def drawing_app():
    return create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": "sqlite://"})


def drawn(app, chart):
    with app.test_request_context():
        html = render_template_string('{% from "partials/chart.html" import chart %}{{ chart(c) }}', c=chart)
    return html, ET.fromstring(html)


def css_classes():
    return set(re.findall(r"\.(chart-[\w-]+)", CSS))


def check_accessible_and_clean(html, figure, chart):
    region = figure.find("div")
    assert (region.get("class"), region.get("role"), region.get("tabindex"), region.get("aria-label")) == (
        "chart-scroll", "region", "0", chart.title)  # a phone scrolls the chart at its drawn size
    svg = region.find(f"{SVG}svg")
    assert (svg.get("width"), svg.get("height")) == (str(chart.width), str(chart.height))
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == f"{chart.id}-title {chart.id}-desc"
    assert svg.find(f"{SVG}title").get("id") == f"{chart.id}-title"
    assert svg.find(f"{SVG}title").text == chart.title
    assert svg.find(f"{SVG}desc").text == chart.description
    assert "style=" not in html and "<style" not in html and "<script" not in html
    used = {name for element in figure.iter() for name in (element.get("class") or "").split()}
    assert used <= css_classes() | {"chart"}, used - css_classes()
    assert {"chart-line", "chart-marker", "chart-segment", "chart-fill", "chart-hatch"} <= css_classes()


def test_line_chart_is_drawn_with_its_ticks_markers_and_legend(drawing_app):
    chart = line_chart("indicator-17", "Sysselsättning <20–64>", "Två regioner & fyra år", SERIES, "sv", unit="%")
    html, figure = drawn(drawing_app, chart)
    check_accessible_and_clean(html, figure, chart)
    assert "Sysselsättning &lt;20–64&gt;" in html
    svg = figure.find(f"div/{SVG}svg")
    assert svg.get("viewBox") == "0 0 640 300"
    assert [t.text for t in svg.iter(f"{SVG}text")] == ["%", "67,5", "70,0", "72,5", "75,0", "77,5", "80,0", "2019",
                                                        "2020", "2021", "2022"]
    lines = [p for p in svg.iter(f"{SVG}path") if p.get("class").startswith("chart-line")]
    assert [(p.get("class"), p.get("d")) for p in lines] == [
        ("chart-line chart-dash-0", "M58.0 213.4L241.3 179.3L608.0 59.2"),
        ("chart-line chart-dash-1", "M241.3 262.2")]
    markers = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "chart-marker"]
    assert [m.find(f"{SVG}title").text for m in markers] == [
        f"Västmanland 2019: 70,5{NBSP}%", f"Västmanland 2020: 72,25{NBSP}%", f"Västmanland 2022: 78,4{NBSP}%",
        f"Västernorrland 2020: 68{NBSP}%"]
    legend = figure.find("ul")
    assert ["".join(li.itertext()).strip() for li in legend] == ["Västmanland", "Västernorrland"]
    assert legend[1].find(f"{SVG}svg").get("aria-hidden") == "true"


def test_a_single_line_has_no_legend(drawing_app):
    _html, figure = drawn(drawing_app, line_chart("c", "T", "D", [("A", {2020: 1})], "sv"))
    assert figure.find("ul") is None


def test_stacked_bar_chart_is_drawn_with_a_pattern_per_category(drawing_app):
    chart = bar_chart("funding", "Finansiering", "Per källa", ROWS, "sv", categories=("ESF+", "Egna medel"),
                      unit="kr")
    html, figure = drawn(drawing_app, chart)
    check_accessible_and_clean(html, figure, chart)
    svg = figure.find(f"div/{SVG}svg")
    patterns = svg.findall(f"{SVG}defs/{SVG}pattern")
    assert [(p.get("id"), p.get("class")) for p in patterns] == [
        ("funding-fill-0", "chart-colour-0"), ("funding-fill-1", "chart-colour-1")]
    assert patterns[0].find(f"{SVG}path") is None and patterns[1].find(f"{SVG}path").get("d") == Style(1).fill
    rects = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "chart-segment"]
    assert [(r.get("x"), r.get("width"), r.get("fill"), r.find(f"{SVG}title").text) for r in rects] == [
        ("268.0", "220.8", "url(#funding-fill-0)", f"Västmanland, ESF+: 1{NBSP}200{NBSP}000{NBSP}kr"),
        ("488.8", "55.2", "url(#funding-fill-1)", f"Västmanland, Egna medel: 300{NBSP}000{NBSP}kr"),
        ("268.0", "9.2", "url(#funding-fill-0)", f"{ROWS[1][0]}, ESF+: 50{NBSP}000{NBSP}kr")]
    labels = [t for t in svg.iter(f"{SVG}text") if t.get("class") == "chart-label"]
    assert [[line.text for line in t.iter(f"{SVG}tspan")] for t in labels] == [
        ["Västmanland"], ["Ett mycket långt regionnamn som inte", "får plats här alls nej"]]
    assert [t.find(f"{SVG}title") for t in labels] == [None, None]  # the whole name is drawn
    assert [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "chart-total"] == [
        f"1{NBSP}500{NBSP}000{NBSP}kr", f"50{NBSP}000{NBSP}kr"]
    keys = figure.findall("ul/li")
    assert ["".join(li.itertext()).strip() for li in keys] == ["ESF+", "Egna medel"]
    assert keys[1].find(f"{SVG}svg/{SVG}rect").get("fill") == "url(#funding-fill-1)"


def test_plain_bars_are_filled_by_their_colour_class(drawing_app):
    chart = bar_chart("counts", "T", "D", [("Gävleborg", 3)], "sv")
    html, figure = drawn(drawing_app, chart)
    check_accessible_and_clean(html, figure, chart)
    assert [r.get("class") for r in figure.iter(f"{SVG}rect")] == ["chart-bar chart-colour-0"]
    assert figure.find(f"div/{SVG}svg/{SVG}defs") is None and figure.find("ul") is None


# -- contrast --------------------------------------------------------------------------------

def luminance(colour):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast_on_white(colour):
    return 1.05 / (luminance(colour) + 0.05)


def test_chart_colours_have_3_to_1_against_white_and_text_4_5_to_1():
    colours = dict(re.findall(r"\.chart-colour-(\d+) \{ --chart: (#[0-9a-f]{6}); \}", CSS))
    assert sorted(colours) == [str(i) for i in range(charts.COLOURS)]
    assert min(contrast_on_white(colour) for colour in colours.values()) >= 3
    variables = dict(re.findall(r"--(text|muted): (#[0-9a-f]{6});", CSS))
    assert ".chart-svg text { font-size: 12px; fill: var(--text); }" in CSS
    assert ".chart-svg .chart-unit, .chart-svg .chart-ticks text { fill: var(--muted); }" in CSS
    assert min(contrast_on_white(variables["text"]), contrast_on_white(variables["muted"])) >= 4.5
