"""A region's indicators: the list with their latest values, a page per indicator with its charts
and the table of its values beside them, the table as a CSV file, and a region admin's forms for
the region's own indicators and for values.

Values are decided on the indicator's region (``region.manage``), whichever county they describe:
Västmanland's admins keep the values of Västmanland's indicators for every county they compare
with. Every page works without JavaScript: the forms are plain posts, the gender chart's region a
GET form.
"""
from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import audit_display
from ..charts import line_chart
from ..extensions import db
from ..i18n import localized
from ..policy import can, object_by_id, public, requires
from ..regions.queries import region_list
from ..templating import confirm_then, render_form
from . import queries, services
from .forms import IndicatorForm, SourceForm, ValueForm
from .models import Indicator, IndicatorValue
from .transfer import LAYOUT

bp = Blueprint("indicators", __name__)

object_by_id("indicator_value", "value_id", IndicatorValue)


def _indicator(key):
    indicator = queries.indicator_of(g.region, key)
    if indicator is None:
        abort(404)
    return indicator


def _name(obj):
    return localized(obj, "name").text


def _back(indicator):
    return url_for("indicators.show", region_slug=indicator.region.slug, indicator_key=indicator.key)


# -- reading ------------------------------------------------------------------------------------

@bp.get("/regions/<region_slug>/indicators")
@public
def index():
    indicators = queries.region_indicators(g.region)
    latest = queries.latest_values(indicators, g.region)
    return render_template("indicators/index.html", region=g.region, indicators=indicators, latest=latest,
                           demo=any(row.demo for row in latest.values()))


def _charts(indicator, series, gender_region):
    """The chart of the values by region, and of women and men in ``gender_region`` (or None)."""
    locale, name = get_locale(), _name(indicator)
    regions = line_chart(
        "indicator-regions", _("%(indicator)s by region and year", indicator=name),
        _("A line for each region with values (%(regions)s), over the years %(first)d–%(last)d. The table "
          "after the chart gives every value.", regions=", ".join(_name(region) for region in series.regions),
          first=series.years[0], last=series.years[-1]) if series.years else "",
        [(_name(region), series.by_year(region)) for region in series.regions], locale, unit=indicator.unit)
    gender = None
    if gender_region is not None:
        gender = line_chart(
            "indicator-gender", _("%(indicator)s for women and men in %(region)s", indicator=name,
                                  region=_name(gender_region)),
            _("Three lines, for everyone, women and men, over the years. The table after the chart gives "
              "every value."),
            [(_("Everyone"), series.by_year(gender_region)), (_("Women"), series.by_year(gender_region, "value_women")),
             (_("Men"), series.by_year(gender_region, "value_men"))], locale, unit=indicator.unit)
    return regions, gender


@bp.get("/regions/<region_slug>/indicators/<indicator_key>")
@public
def show(indicator_key):
    indicator = _indicator(indicator_key)
    series = queries.series(indicator)
    choices = series.gender_regions
    chosen = request.args.get("region")
    gender_region = next((r for r in choices if r.slug == chosen), None) or \
        next((r for r in choices if r.id == g.region.id), None) or (choices[0] if choices else None)
    chart, gender_chart = _charts(indicator, series, gender_region)
    may_manage = can(current_user, "region.manage", g.region)
    form = ValueForm(region_list(), formdata=None, region=g.region.id) if may_manage else None
    return render_template("indicators/show.html", region=g.region, indicator=indicator, series=series,
                           chart=chart, gender_chart=gender_chart, gender_region=gender_region,
                           gender_regions=choices, form=form, may_manage=may_manage)


@bp.get("/regions/<region_slug>/indicators/<indicator_key>.csv")
@public
def download(indicator_key):
    """The indicator's values in the import's format (a file changed in Excel imports back)."""
    indicator = _indicator(indicator_key)
    name = f"indikator-{g.region.slug}-{indicator.key}.csv"
    return Response(LAYOUT.write_csv(queries.series(indicator).rows), content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


# -- a region's own indicators, and the source of a plugin's ------------------------------------

@bp.route("/regions/<region_slug>/indicators/new", methods=["GET", "POST"])
@requires("region.manage")
def new():
    form = IndicatorForm()
    if form.validate_on_submit():
        indicator = services.create_indicator(g.region, form.values())
        db.session.commit()
        flash(_("The indicator is added. Give it its values below."), "info")
        return redirect(_back(indicator))
    return render_form("indicators/form.html", form, region=g.region, indicator=None)


@bp.route("/regions/<region_slug>/indicators/<indicator_key>/edit", methods=["GET", "POST"])
@requires("region.manage")
def edit(indicator_key):
    """The region's own indicator wholly; a plugin's only its source (its name is the plan's)."""
    indicator = _indicator(indicator_key)
    form = (IndicatorForm if indicator.custom else SourceForm)(obj=indicator)
    if form.validate_on_submit():
        services.update_indicator(indicator, form.values())
        db.session.commit()
        flash(_("The indicator is saved."), "info")
        return redirect(_back(indicator))
    return render_form("indicators/form.html", form, region=g.region, indicator=indicator)


# -- values -------------------------------------------------------------------------------------

def _save_value(form, indicator, regions, row=None):
    """Check and write the form's value (a new one, or ``row`` changed); None when the form has an
    error, else the value (not yet committed)."""
    if not form.validate_on_submit():
        return None
    region = next(region for region in regions if region.id == form.region.data)
    problem = services.value_problem(indicator, region, form.year.data, row)
    if problem is not None:
        form.year.errors.append(problem)
        return None
    if row is None:
        return services.add_value(indicator, region.id, form.year.data, form.values(), by=current_user)
    return services.update_value(row, form.values(), by=current_user, region_id=region.id, year=form.year.data)


@bp.route("/regions/<region_slug>/indicators/<indicator_key>/values", methods=["GET", "POST"])
@requires("region.manage")
def add_value(indicator_key):
    indicator = _indicator(indicator_key)
    regions = region_list()
    form = ValueForm(regions, region=g.region.id)
    if _save_value(form, indicator, regions) is not None:
        db.session.commit()
        flash(_("The value is saved."), "info")
        return redirect(_back(indicator))
    return render_form("indicators/value_form.html", form, region=g.region, indicator=indicator, row=None)


@bp.route("/indicator-values/<int:value_id>/edit", methods=["GET", "POST"])
@requires("region.manage", on="indicator_value")
def edit_value(indicator_value):
    row, indicator = indicator_value, indicator_value.indicator
    regions = region_list()
    form = ValueForm(regions, obj=row)
    if request.method != "POST":
        form.region.data = row.region_id
    if _save_value(form, indicator, regions, row) is not None:
        db.session.commit()
        flash(_("The value is saved."), "info")
        return redirect(_back(indicator))
    return render_form("indicators/value_form.html", form, region=indicator.region, indicator=indicator, row=row)


@bp.route("/indicator-values/<int:value_id>/delete", methods=["GET", "POST"])
@requires("region.manage", on="indicator_value")
def delete_value(indicator_value):
    indicator = indicator_value.indicator
    return confirm_then("indicators/value_delete.html", lambda: services.delete_value(indicator_value),
                        _("The value is deleted."), back=url_for("indicators.edit_value", value_id=indicator_value.id),
                        after=_back(indicator), row=indicator_value, indicator=indicator, region=indicator.region)


# -- how the audit log names these objects ---------------------------------------------------

def _described_indicator(obj, values):
    if obj is None:
        return values.get("name", ""), None
    return localized(obj, "name"), _back(obj) if obj.region is not None else None


def _described_value(obj, values):
    if obj is None:  # deleted: its delete event recorded its year, an earlier change only what changed
        return (_("value of %(year)s", year=values["year"]) if "year" in values else _("a value since deleted")), None
    return _("%(indicator)s: %(region)s %(year)d", indicator=_name(obj.indicator), region=_name(obj.region),
             year=obj.year), _back(obj.indicator)


audit_display.register_kind("Indicator", _l("Indicator"), _described_indicator, Indicator)
audit_display.register_kind("IndicatorValue", _l("Indicator value"), _described_value, IndicatorValue)
audit_display.register_reference("indicator_id", "Indicator")
