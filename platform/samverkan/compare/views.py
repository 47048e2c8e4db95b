"""The national comparison: every region on one screen (what an analyst at a national agency opens),
and each of its tables as a CSV file.

Public, and the same for everyone: the figures count published initiatives only. The filters are
plain query parameters (a bad one is a 400 that says why); htmx swaps in the results. The results
are rendered once per language, filters and measure, and the page's heading, filters and results
once per language and query string, and kept by the worker under the generation of what they show
(:func:`.queries.pages`): while nothing changes, a page costs one small query (the generations)
and the page around them (its header names the visitor).
"""
from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from ..actors.queries import kind_labels
from ..sheets import table_csv_chunks
from ..policy import public
from ..templating import htmx_request
from ..times import today
from . import queries, tables
from .forms import CompareForm

bp = Blueprint("compare", __name__, url_prefix="/compare")

#: the id of the results: an htmx request aimed at it gets the results alone
RESULTS_ID = "compare-results"
#: rendered pages and results (and the kinds of actor) a worker keeps under one generation
MAX_RENDERED = 64


def _form():
    """The filters of the request; the kinds of actor they offer are kept with the pages (a
    plugin sync that changes them renews them)."""
    rendered, language = queries.pages(MAX_RENDERED), get_locale().language
    kinds = rendered.get(("kinds", language))
    if kinds is None:
        kinds = rendered["kinds", language] = {key: str(label) for key, label in kind_labels().items()}
    return CompareForm(kinds, formdata=request.args)


@bp.get("/")
@public
def index():
    """The page (its heading, filters and results kept per query string: a query string answered
    once needs no filters read again), or for htmx the results alone."""
    fragment = htmx_request()
    key = ("fragment" if fragment else "content", get_locale().language, tuple(sorted(request.args.items(multi=True))))
    html = queries.pages(MAX_RENDERED).get(key)
    status = 200
    if html is None:
        form = _form()
        if form.validate():
            results = _results(form)
            html = results if fragment else Markup(render_template(
                "compare/_content.html", form=form, results=results, results_id=RESULTS_ID))
            queries.pages(MAX_RENDERED)[key] = html
        else:
            status = 400
            html = Markup(render_template("compare/_results.html" if fragment else "compare/_content.html",
                                          form=form, results=None, results_id=RESULTS_ID))
    return (html if fragment else render_template("compare/index.html", content=html)), status


def _results(form):
    """The results for the form's filters and measure, rendered once and kept (however the query
    string spells them)."""
    filters, measure = form.filters, form.measure.data
    key = ("results", get_locale().language, urlencode(sorted(filters.items())), measure)
    html = queries.pages(MAX_RENDERED).get(key)
    if html is None:
        html = Markup(render_template(
            "compare/_results.html", form=form, results_id=RESULTS_ID, measure=measure, args=form.args,
            **_tables_and_charts(queries.figures(filters), filters, measure)))
        queries.pages(MAX_RENDERED)[key] = html
    return html


def _tables_and_charts(figures, filters, measure):
    """The page's tables, and the chart drawn beside each from its rows."""
    links = tables.Links(filters)
    unit = _("SEK") if measure == "budget" else ""
    matrix = tables.matrix(figures, links, measure)
    statuses, funding = tables.statuses(figures, links, measure), tables.funding(figures, links, measure)
    coverage, networks = tables.coverage(figures, links), tables.networks(figures, links)
    needs = tables.needs(figures, links)
    indicators = [(series, table, tables.indicator_chart(series, table))
                  for series, table in ((series, tables.indicator(series)) for series in figures.indicators)]
    per_region, per_theme = ((_("Initiatives per region"), _("Initiatives per theme")) if measure == "count"
                             else (_("Budget per region (SEK)"), _("Budget per theme (SEK)")))
    return dict(
        figures=figures, matrix=matrix, statuses=statuses, funding=funding, coverage=coverage, networks=networks,
        indicators=indicators, needs=needs,
        charts=dict(regions=tables.regions_chart(matrix, per_region, unit),
                    themes=tables.columns_chart(matrix, per_theme, unit),
                    coverage=tables.coverage_chart(coverage),
                    statuses=tables.stacked_chart(statuses, statuses.caption, unit),
                    funding=tables.stacked_chart(funding, funding.caption, unit),
                    networks=tables.stacked_chart(networks, networks.caption),
                    needs=tables.needs_chart(figures)))


@bp.get("/<any(" + ", ".join(tables.NAMES) + "):table>.csv")
@public
def table_csv(table):
    """A table of the comparison, with the page's filters, as Excel opens CSV in Sweden."""
    form = _form()
    if not form.validate():
        return Response(_("The filters could not be applied:") + " " + form.problems + "\n", 400,
                        mimetype="text/plain")
    figures = queries.figures(form.filters)
    rows = tables.csv_rows(table, figures, form.filters, form.measure.data)
    filename = f"jamforelse-{table}-{today().isoformat()}.csv"
    return Response(b"".join(table_csv_chunks(rows)), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
