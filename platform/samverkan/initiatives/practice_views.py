"""The practice library, and regions adopting each other's practices.

The library is public (drafts only for those who see them, as every initiative list). Recording an
adoption is for region admins: the rule asks for ``region.manage`` in at least one region, and the
form offers only the regions where the person holds it (less the practice's own region), so the
write is decided on the region chosen. Withdrawing is decided on the adoption's region.
"""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from .. import audit_display
from ..actors.queries import kind_labels
from ..extensions import db
from ..i18n import localized
from ..policy import object_by_id, public, requires
from ..templating import confirm_then, htmx_request, render_form
from ..themes.queries import all_themes
from ..times import today
from ..urls import query_int
from . import practices, queries
from .models import Adoption
from .forms import InitiativeFilterForm
from .practice_forms import AdoptionForm
from .vocabulary import FUNDING_SOURCES, STATUSES, TARGET_GROUPS

bp = Blueprint("practices", __name__)

#: the id of the library's results: an htmx request aimed at it gets the results alone
RESULTS_ID = "practice-results"

object_by_id("adoption", "adoption_id", Adoption)


@bp.get("/practices/")
@public
def index():
    kinds = kind_labels()
    form = InitiativeFilterForm(queries.all_regions(), all_themes(), kinds, formdata=request.args)
    valid = form.validate()
    page = counts = None
    if valid:
        page, counts = practices.library(current_user, form.filters, query_int("page", maximum=queries.MAX_PAGE))
    context = dict(form=form, page=page, counts=counts, filters=form.filters, results_id=RESULTS_ID,
                   statuses=STATUSES, target_groups=TARGET_GROUPS, funding_sources=FUNDING_SOURCES, kinds=kinds)
    template = "practices/_results.html" if htmx_request() else "practices/index.html"
    return render_template(template, **context), 200 if valid else 400


@bp.route("/practices/<int:practice_id>/adopt", methods=["GET", "POST"])
@requires("region.manage", somewhere=True)
def adopt(practice_id):
    practice = practices.adoptable_practice(practice_id)
    if practice is None:
        abort(404)
    regions = practices.adopting_regions(current_user, practice)
    own = [initiative for initiative in practices.own_initiatives(current_user, regions)
           if initiative.id != practice.id]
    form = AdoptionForm(regions, own)
    if not regions:  # the practice of the person's own (only) region: nothing to record it for
        html = render_template("practices/adopt.html", form=form, practice=practice, regions=regions)
        return html, 400 if request.method == "POST" else 200
    if request.method == "GET":
        form.adopted_on.data = today()
    if form.validate_on_submit():
        region = next(region for region in regions if region.id == form.region.data)
        chosen = next((i for i in own if i.id == form.initiative_id), None)
        try:
            practices.adopt(practice, region, by=current_user, initiative=chosen, note=form.note.data or "",
                            on=form.adopted_on.data)
            db.session.commit()
        except practices.AlreadyAdopted:
            _already(form, region)
        except practices.NotTheRegions:
            form.initiative.errors.append(_("%(region)s neither leads this initiative nor takes part in it. "
                                            "Choose one of the region's own, or none.",
                                            region=localized(region, "name")))
        except IntegrityError:  # recorded by someone else between the check and the write
            db.session.rollback()
            if not practices.already_adopted(practice, region):
                raise
            _already(form, region)
        else:
            flash(_("%(region)s adopts the practice %(title)s.", region=localized(region, "name"),
                    title=practice.title), "info")
            return redirect(url_for("initiatives.show", initiative_id=practice.id))
    return render_form("practices/adopt.html", form, practice=practice, regions=regions)


def _already(form, region):
    form.region.errors.append(_("%(region)s has already adopted this practice. A region adopts a practice once; "
                                "its adoption is listed on the practice's page.", region=localized(region, "name")))


@bp.route("/practices/adoptions/<int:adoption_id>/withdraw", methods=["GET", "POST"])
@requires("region.manage", on="adoption")
def withdraw(adoption):
    practice, region = adoption.practice, adoption.region
    return confirm_then("practices/withdraw.html", lambda: practices.withdraw(adoption),
                        _("%(region)s no longer adopts the practice %(title)s.", region=localized(region, "name"),
                          title=practice.title),
                        back=url_for("initiatives.show", initiative_id=practice.id), adoption=adoption,
                        practice=practice, region=region)


# -- how the audit log names an adoption ----------------------------------------------------------

def _describe_adoption(obj, values):
    practice_id = obj.practice_id if obj is not None else values.get("practice_id")
    region_id = obj.region_id if obj is not None else values.get("region_id")
    text = _("%(region)s adopts %(practice)s", region=audit_display.value_text("region_id", region_id),
             practice=audit_display.value_text("practice_id", practice_id))
    return text, url_for("initiatives.show", initiative_id=practice_id) if practice_id else None


audit_display.register_kind("Adoption", _l("Adoption of a practice"), _describe_adoption, Adoption)
audit_display.register_reference("practice_id", "Initiative")
