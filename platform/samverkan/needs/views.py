"""The employers' needs added up, in public: a region's needs page (its latest closed round, or
another closed round of its), the whole country's (each region's latest closed round), and each as
a CSV file for Excel and as JSON.

Nothing here shows one employer: the figures are :mod:`.aggregation`'s, where a cell from fewer
than three employers carries no figure and what would give it away is hidden too. The pages are
the same for everyone, signed in or not: a region admin reads the answers themselves on the
round's own pages, never here.

The query string: ``round`` (a closed round of the region; anything else is a 404), ``by`` (the
dimension of the municipality table: ``ssyk``, ``seqf`` or ``route``) and ``horizon`` (``1y`` or
``3y``); nationally ``year`` (the year the rounds closed) in place of ``round``. A ``by``,
``horizon`` or ``year`` that is not one of these is a 400 that says which. The files hold both
horizons; ``by`` narrows them to one dimension.

In the CSV files (Excel in Sweden, :func:`samverkan.sheets.table_csv_chunks`) a suppressed cell's
four figures are each the words "färre än 3", or "fewer than 3" when the file is downloaded in
English; in the JSON a suppressed cell is ``{"suppressed": true}`` beside its area and category,
with no figure.
"""
from flask import Blueprint, Response, abort, g, jsonify, render_template, request
from flask_babel import get_locale
from markupsafe import Markup
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..charts import bar_chart
from ..i18n import localized
from ..policy import public
from ..sheets import table_csv_chunks
from ..times import today
from . import queries
from .aggregation import DIMENSIONS, THRESHOLD, TOTAL
from .questions import EDUCATION_ROUTES, HORIZONS, SEQF_LEVELS, ssyk_label

bp = Blueprint("needs", __name__)

#: rendered page contents a worker keeps under one generation (regions × rounds × choices × languages)
MAX_RENDERED = 128

#: dimension -> (what its categories are, for headings and captions)
DIMENSION_LABELS = {
    "ssyk": _l("Occupational group (SSYK 2012)"),
    "seqf": _l("Qualification level (SeQF)"),
    "route": _l("Education route"),
}
DEFAULT_BY, DEFAULT_HORIZON = "ssyk", "1y"
#: what a suppressed cell says, in the pages and in the CSV files (in the page's language)
FEWER = _l("fewer than %(num)d", num=THRESHOLD)


def _in_sentence(label):
    """A label inside a sentence: its first letter small ("Qualification level (SeQF)" ->
    "qualification level (SeQF)")."""
    text = str(label)
    return text[:1].lower() + text[1:]


def category_label(dimension, key):
    if dimension == "ssyk":
        return ssyk_label(key, get_locale().language)
    if dimension == "seqf":
        return _("SeQF %(level)d: %(text)s", level=key, text=SEQF_LEVELS[key])
    return str(EDUCATION_ROUTES.get(key, key))


def _choices():
    """``by`` and ``horizon`` of the query string, and {argument: problem} for a value not among
    the choices (the page is then a 400)."""
    by = request.args.get("by", DEFAULT_BY) or DEFAULT_BY
    horizon = request.args.get("horizon", DEFAULT_HORIZON) or DEFAULT_HORIZON
    problems = {}
    if by not in DIMENSIONS:
        problems["by"] = _("“by” must be one of %(choices)s.", choices=", ".join(DIMENSIONS))
    if horizon not in HORIZONS:
        problems["horizon"] = _("“horizon” must be one of %(choices)s.", choices=", ".join(HORIZONS))
    return by, horizon, problems


def _dimensions_of_file():
    """The dimensions a file holds: ``by`` alone when given (a bad one is a 400), else all."""
    by = request.args.get("by")
    if by and by not in DIMENSIONS:
        abort(400, _("“by” must be one of %(choices)s.", choices=", ".join(DIMENSIONS)))
    return [by] if by else list(DIMENSIONS)


# -- what the templates are given ------------------------------------------------------------

class Summary:
    """One dimension's categories for the whole region (or country): a row per category and the
    total, with the bar chart of the horizon's people beside it."""

    def __init__(self, dimension, table, horizon, scope):
        self.dimension = dimension
        self.label = DIMENSION_LABELS[dimension]
        self.rows = [(category_label(dimension, key), table.cell(TOTAL, key)) for key in table.categories]
        self.total = table.cell(TOTAL, TOTAL)
        self.hidden = [label for label, cell in self.rows if cell.suppressed]
        horizon_label = _in_sentence(HORIZONS[horizon][1])
        self.caption = _("%(scope)s: needs by %(dimension)s", scope=scope, dimension=_in_sentence(self.label))
        self.chart = bar_chart(
            f"needs-{dimension}-chart", _("People needed, %(horizon)s, by %(dimension)s",
                                           horizon=horizon_label, dimension=_in_sentence(self.label)),
            _("Bars of the table's column of people needed %(horizon)s; a category from fewer than %(num)d "
              "employers has no bar.", horizon=horizon_label, num=THRESHOLD),
            [(label, cell.within(horizon)) for label, cell in self.rows if not cell.suppressed and cell.employers],
            get_locale())


class Matrix:
    """Areas (municipalities or regions) × one dimension's categories, the people of one horizon."""

    def __init__(self, dimension, table, horizon, area_labels, corner, total_label):
        self.dimension, self.horizon = dimension, horizon
        self.columns = [category_label(dimension, key) for key in table.categories]
        self.corner = corner
        self.lines = [(area_labels[area], table.row(area)) for area in table.areas]
        self.total = (total_label, table.row(TOTAL))
        self.caption = _("People needed %(horizon)s by area and %(dimension)s",
                         horizon=_in_sentence(HORIZONS[horizon][1]), dimension=_in_sentence(DIMENSION_LABELS[dimension]))


def _area_labels(needs):
    return {area: area if area != queries.NOT_GIVEN else _("Municipality not given") for area in needs.areas}


def _summaries(aggregate, horizon, scope):
    return [Summary(dimension, aggregate[dimension], horizon, scope) for dimension in DIMENSIONS]


# -- a region ---------------------------------------------------------------------------------

def _rendered(key, render, region=None):
    """The HTML ``render()`` gives, rendered once per ``key`` and kept under the generation of what
    it shows (of ``region``'s needs, or every region's; it names no visitor)."""
    store = queries.kept(MAX_RENDERED, region, part="rendered")
    html = store.get(key)
    if html is None:
        html = store[key] = Markup(render())
    return html


def _round_of_region():
    """The closed round the page is about: ``?round=`` or the latest; None when none closed. An
    open, unknown or other region's round is a 404."""
    rounds = queries.closed_rounds(g.region.id)
    asked = request.args.get("round")
    if asked is None or asked == "":
        return (rounds[0] if rounds else None), rounds
    if not (asked.isascii() and asked.isdigit() and len(asked) <= 9):
        abort(404)
    found = next((summary for summary in rounds if summary.id == int(asked)), None)
    if found is None:
        abort(404)
    return found, rounds


@bp.get("/regions/<region_slug>/needs")
@public
def region():
    """The page; what it shows of a round is rendered once per language and choices and kept."""
    survey, rounds = _round_of_region()
    by, horizon, problems = _choices()
    status = 400 if problems else 200
    if problems:
        by, horizon = DEFAULT_BY, DEFAULT_HORIZON
    context = dict(region=g.region, survey=survey, rounds=rounds, by=by, horizon=horizon, problems=problems,
                   dimensions=DIMENSION_LABELS, horizons=HORIZONS, threshold=THRESHOLD)
    content = None
    if survey is not None:
        def render():
            needs = queries.region_needs(g.region, survey)
            name = localized(g.region, "name").text
            matrix = Matrix(by, needs.aggregate[by], horizon, _area_labels(needs), _("Municipality"), name)
            return render_template("needs/needs_region_content.html", summaries=_summaries(needs.aggregate, horizon, name),
                                   matrix=matrix, **context)

        content = _rendered(("region", get_locale().language, g.region.id, survey.id, by, horizon,
                             tuple(sorted(problems))), render, g.region.id)
    return render_template("needs/needs_region.html", content=content, **context), status


def _region_file_rows(needs, dimensions):
    """A row per municipality (and the region) and category (and all categories), per dimension."""
    header = [_("Round"), _("Closed on"), _("Dimension"), _("Municipality"), _("Category"), _("Employers"), _("Needs"),
              _("People within 1 year"), _("People within 3 years")]
    yield header
    labels = _area_labels(needs)
    labels[TOTAL] = localized(g.region, "name").text
    for dimension in dimensions:
        table = needs.aggregate[dimension]
        for area in (*table.areas, TOTAL):
            for key, cell in zip((*table.categories, TOTAL), table.row(area)):
                yield [needs.round.title, needs.round.closes_on, str(DIMENSION_LABELS[dimension]), labels[area],
                       category_label(dimension, key) if key is not TOTAL else _("All"), *_csv_figures(cell)]


def _csv_figures(cell):
    """The four figures, or in each column the words for a suppressed cell."""
    if cell.suppressed:
        return [str(FEWER)] * 4
    return [cell.employers, cell.needs, cell.within_1y, cell.within_3y]


def _csv(rows, filename):
    return Response(b"".join(table_csv_chunks(rows)), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _required_round():
    survey, _rounds = _round_of_region()
    if survey is None:
        abort(404)
    return survey


@bp.get("/regions/<region_slug>/needs.csv")
@public
def region_csv():
    dimensions = _dimensions_of_file()
    needs = queries.region_needs(g.region, _required_round())
    return _csv(_region_file_rows(needs, dimensions), f"behov-{g.region.slug}-{needs.round.closes_on.isoformat()}.csv")


def _json_cell(area, category, cell, area_key="municipality"):
    found = {area_key: area, "category": category}
    if cell.suppressed:
        found["suppressed"] = True
    else:
        found.update(employers=cell.employers, needs=cell.needs, within_1y=cell.within_1y,
                     within_3y=cell.within_3y)
    return found


def _json_round(summary):
    return {"id": summary.id, "title": summary.title, "opens_on": summary.opens_on.isoformat(),
            "closes_on": summary.closes_on.isoformat(), "question_set_version": summary.question_set_version,
            "invited": summary.invited, "answered": summary.answered, "demo": summary.demo}


def _json_table(table, dimension, area_names, area_key):
    return {"categories": [{"key": key, "label": category_label(dimension, key)} for key in table.categories],
            "cells": [_json_cell(area_names[area], key, cell, area_key)
                      for area in (*table.areas, TOTAL)
                      for key, cell in zip((*table.categories, TOTAL), table.row(area))]}


@bp.get("/regions/<region_slug>/needs.json")
@public
def region_json():
    dimensions = _dimensions_of_file()
    needs = queries.region_needs(g.region, _required_round())
    names = {area: area for area in needs.areas}
    names[TOTAL] = None
    return jsonify({
        "region": {"slug": g.region.slug, "name": g.region.name},
        "round": _json_round(needs.round),
        "threshold": THRESHOLD,
        "about": "Completed answers of a closed round. A cell from fewer than the threshold of employers is "
                 "{\"suppressed\": true}, with no figure; so is any cell that would give one away. "
                 "municipality \"\": not given; null: the whole region. category null: all categories.",
        "tables": {dimension: _json_table(needs.aggregate[dimension], dimension, names, "municipality")
                   for dimension in dimensions},
    })


# -- the whole country ------------------------------------------------------------------------

def _year():
    asked = request.args.get("year")
    if not asked:
        return None, {}
    if not (asked.isascii() and asked.isdigit() and len(asked) == 4 and 2000 <= int(asked) <= 2100):
        return None, {"year": _("“year” must be a year such as %(year)d.", year=today().year)}
    return int(asked), {}


@bp.get("/needs")
@public
def national():
    """The page, its content rendered once per language and choices and kept."""
    year, problems = _year()
    by, horizon, more = _choices()
    problems.update(more)
    if problems:
        year, by, horizon = None, DEFAULT_BY, DEFAULT_HORIZON

    def render():
        needs = queries.national_needs(year)
        context = dict(needs=needs, year=year, by=by, horizon=horizon, problems=problems,
                       dimensions=DIMENSION_LABELS, horizons=HORIZONS, threshold=THRESHOLD)
        if needs.regions:
            scope = _("The whole country")
            labels = {region.id: localized(region, "name").text for region, _summary in needs.regions}
            context.update(summaries=_summaries(needs.aggregate, horizon, scope),
                           matrix=Matrix(by, needs.aggregate[by], horizon, labels, _("Region"), scope))
        return render_template("needs/needs_national_content.html", **context)

    content = _rendered(("national", get_locale().language, year, by, horizon, tuple(sorted(problems))), render)
    return render_template("needs/needs_national.html", content=content), 400 if problems else 200


def _national_or_400():
    year, problems = _year()
    if problems:
        abort(400, problems["year"])
    return queries.national_needs(year)


@bp.get("/needs.csv")
@public
def national_csv():
    dimensions = _dimensions_of_file()
    needs = _national_or_400()
    rounds = {region.id: summary for region, summary in needs.regions}
    names = {region.id: localized(region, "name").text for region, _summary in needs.regions}
    names[TOTAL] = _("The whole country")

    def rows():
        yield [_("Dimension"), _("Region"), _("Round"), _("Closed on"), _("Category"), _("Employers"), _("Needs"),
               _("People within 1 year"), _("People within 3 years")]
        for dimension in dimensions:
            table = needs.aggregate[dimension]
            for area in (*table.areas, TOTAL):
                survey = rounds.get(area)
                for key, cell in zip((*table.categories, TOTAL), table.row(area)):
                    yield [str(DIMENSION_LABELS[dimension]), names[area], survey.title if survey else "",
                           survey.closes_on if survey else None,
                           category_label(dimension, key) if key is not TOTAL else _("All"), *_csv_figures(cell)]

    return _csv(rows(), f"behov-hela-landet-{today().isoformat()}.csv")


@bp.get("/needs.json")
@public
def national_json():
    dimensions = _dimensions_of_file()
    needs = _national_or_400()
    names = {region.id: region.slug for region, _summary in needs.regions}
    names[TOTAL] = None
    return jsonify({
        "year": needs.year,
        "threshold": THRESHOLD,
        "about": "Each region's latest closed round (of the year, if one is given), completed answers only. A "
                 "cell from fewer than the threshold of employers is {\"suppressed\": true}, with no figure; so "
                 "is any cell that would give one away. region null: the whole country; category null: all.",
        "regions": [{"slug": region.slug, "name": region.name, "round": _json_round(summary)}
                    for region, summary in needs.regions],
        "tables": {dimension: _json_table(needs.aggregate[dimension], dimension, names, "region")
                   for dimension in dimensions},
    })
