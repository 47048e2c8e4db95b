from flask import Blueprint, g, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import audit_display
from ..extensions import db
from ..i18n import localized
from ..initiatives import listings
from ..initiatives.vocabulary import STATUSES
from ..plans.queries import main_plan, plan_trees
from ..policy import public, regions_where
from .models import Principle, Region
from .queries import region_for_page, region_list

bp = Blueprint("regions", __name__, url_prefix="/regions")


@bp.app_template_global()
def administered_regions():
    """The regions whose roles the signed-in region admin manages (for the account menu)."""
    ids = regions_where(current_user, "region.grant-roles")
    if not ids:  # None (a platform admin: the administration page covers it) or none at all
        return []
    return [region for region in (db.session.get(Region, i) for i in sorted(ids)) if region]


@bp.get("/")
@public
def index():
    return render_template("regions/index.html", regions=region_list(), plans=plan_trees())


@bp.get("/<region_slug>/")
@public
def show():
    region = region_for_page(g.region.id)
    return render_template("regions/show.html", region=region, plan=main_plan(region),
                           initiatives=listings.for_region(current_user, region), statuses=STATUSES)


# -- how regions read in the audit log ------------------------------------------------------------


def _region(obj, values):
    if obj is None:
        return values["name"], None
    return localized(obj, "name"), url_for("regions.show", region_slug=obj.slug)


audit_display.register_kind("Region", _l("Region"), _region, Region)
audit_display.register_kind("Principle", _l("Principle"), audit_display.named_by("title"), Principle)
audit_display.register_reference("region_id", "Region")
