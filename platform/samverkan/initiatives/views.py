"""Initiatives: the list with its filters, an initiative's page, creating and editing one.

Who may edit is decided on the initiative by the policy (see ``models``); the form offers the
regions and actors the person can lead an initiative with (and shows the regions they may not
change without inputs for them), and what is saved is checked once more by
:func:`services.refusal`, so a hand-made form cannot create or change what the form would not offer.
"""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import format_number
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError

from .. import audit_display
from ..actors.models import Actor
from ..actors.queries import kind_labels
from ..extensions import db
from ..i18n import localized
from ..meetings.markdown import render_markdown
from ..networks.models import Network
from ..plans.models import PlanNode
from ..policy import can, object_by_id, public, requires
from ..regions.models import Region
from ..regions.queries import region_list
from ..templating import htmx_request
from ..themes.models import Theme
from ..themes.queries import all_themes
from ..urls import query_ids, query_int
from . import practices, queries, services
from ..plans.forms import NODE_MATCHES, finding_nodes, shown_nodes
from ..plans.queries import current_nodes
from .forms import InitiativeFilterForm, InitiativeForm, StatusForm
from .listings import open_actions
from .models import Initiative
from .progress_views import progress_context
from .vocabulary import EQUALITY_PERSPECTIVES, FUNDING_SOURCES, STATUSES, TARGET_GROUPS

bp = Blueprint("initiatives", __name__)

#: the id of the list's results: an htmx request aimed at it gets the results alone
RESULTS_ID = "initiative-results"
object_by_id("initiative", "initiative_id", Initiative)

VOCABULARY = dict(statuses=STATUSES, target_groups=TARGET_GROUPS, perspectives=EQUALITY_PERSPECTIVES,
                  funding_sources=FUNDING_SOURCES)


@bp.get("/initiatives/")
@public
def index():
    form = InitiativeFilterForm(region_list(), queries.themes_by_position(), kind_labels(), formdata=request.args)
    valid = form.validate()
    page = None
    if valid:
        page = queries.filtered_page(current_user, query_int("page", maximum=queries.MAX_PAGE), **form.filters)
    # the labels in this request's language once, not once a row
    statuses = {key: str(label) for key, label in STATUSES.items()}
    context = dict(form=form, page=page, filters=form.filters, results_id=RESULTS_ID, **VOCABULARY)
    context["statuses"] = statuses
    template = "initiatives/_results.html" if htmx_request() else "initiatives/index.html"
    return render_template(template, **context), 200 if valid else 400


@bp.get("/initiatives/<int:initiative_id>")
@public
def show(initiative_id):
    initiative = queries.visible_initiative(initiative_id, current_user)
    if initiative is None:
        abort(404)
    may_edit = can(current_user, "initiative.edit", initiative)
    return render_template("initiatives/show.html", initiative=initiative,
                           links=queries.initiative_links(initiative.id),
                           description=render_markdown(initiative.description), may_edit=may_edit,
                           status_form=_status_form(initiative) if may_edit else None,
                           progress=progress_context(initiative),
                           practice=practices.panel(initiative, current_user),
                           serving_actions=open_actions(initiative, current_user), **VOCABULARY)


def _status_form(initiative, formdata=None):
    form = StatusForm(formdata=formdata)
    if formdata is None:
        form.status.data, form.version.data = initiative.status, initiative.version
    return form


@bp.post("/initiatives/<int:initiative_id>/status")
@requires("initiative.edit", on="initiative")
def change_status(initiative):
    """The inline change of status. A change over a newer version is refused (409)."""
    form = _status_form(initiative, request.form)
    if not form.validate():
        return _status_answer(initiative, form, 400)
    try:
        services.update_status(initiative, form.status.data, by=current_user, version=_int(form.version.data))
        db.session.commit()
    except (services.EditConflict, StaleDataError):
        db.session.rollback()
        return _status_answer(initiative, form, 409)
    if not htmx_request():
        flash(_("The status is changed."), "info")
    return _status_answer(initiative, None, 200)


def _status_answer(initiative, form, status):
    """htmx gets the status section as it is now; without JavaScript the page reloads (a conflict
    is told in a message), and a status that is not one is a 400."""
    initiative = queries.visible_initiative(initiative.id, current_user)
    if not htmx_request():
        if status == 400:
            abort(400, "not a status")
        if status == 409:
            flash(_("Someone else changed the initiative a moment ago. Its status is now %(status)s; choose "
                    "again if you still want to change it.",
                    status=STATUSES.get(initiative.status, initiative.status)))
        return redirect(url_for("initiatives.show", initiative_id=initiative.id) + "#status-section")
    if form is None:
        form = _status_form(initiative)
    else:
        form.version.data = initiative.version
    return render_template("initiatives/_status.html", initiative=initiative, statuses=STATUSES,
                           status_form=form, status_conflict=status == 409), status


# -- the form -----------------------------------------------------------------------------------

def _chosen_regions(form, lead_regions):
    """The lead and partner regions the form holds now: whose plans and actors it offers."""
    ids = {form.lead_region.data} | set(form.partner_regions.data or ())
    return [region for region in queries.all_regions() if region.id in ids] or lead_regions[:1]


def _initiative_form(initiative=None):
    """The form, with its choices: lead regions where the person may lead, the actors and plan nodes
    of the chosen regions (kept from the initiative, so an edit never drops what it links to)."""
    form = InitiativeForm(obj=initiative)
    lead_regions = queries.regions_for(current_user)
    if initiative is not None and initiative.lead_region not in lead_regions:
        lead_regions = [initiative.lead_region, *lead_regions]
    form.lead_region.choices = [(region.id, localized(region, "name").text) for region in lead_regions]
    form.partner_regions.choices = [(region.id, localized(region, "name").text) for region in queries.all_regions()]
    if request.method != "POST":
        if initiative is not None:
            form.lead_region.data = initiative.lead_region_id
            form.partner_regions.data = [region.id for region in initiative.partner_regions]
            form.owner.data = initiative.owner_id
            form.partners.data = [actor.id for actor in initiative.partners]
            form.nodes.data = [node.id for node in initiative.nodes]
            form.themes.data = [theme.id for theme in initiative.themes]
            form.networks.data = [network.id for network in initiative.networks]
            form.target_groups.data = list(initiative.target_groups)
            form.perspectives.data = list(initiative.perspectives)
            form.version.data = initiative.version
            for row in initiative.funding:
                form[f"funding_{row.source}"].data = row.amount_sek
        elif (slug := request.args.get("region")) and (chosen := [r for r in lead_regions if r.slug == slug]):
            form.lead_region.data = chosen[0].id
        elif lead_regions:
            form.lead_region.data = lead_regions[0].id
    regions = _chosen_regions(form, lead_regions)
    region_ids = [region.id for region in regions]
    actors, owners = queries.actors_in(region_ids), queries.owners_for(current_user, region_ids)
    if initiative is not None:
        actors = sorted({*actors, initiative.owner, *initiative.partners}, key=lambda actor: actor.name)
        owners = sorted({*owners, initiative.owner}, key=lambda actor: actor.name)
    form.owner.choices = [(actor.id, actor.name) for actor in owners]
    form.partners.choices = [(actor.id, actor.name) for actor in actors]
    # an edit keeps offering the nodes the initiative links in these regions (a retired one
    # too); a node sent from any other plan is no choice, and so a form error
    kept = {node.id for node in initiative.nodes if node.plan.region_id in region_ids} if initiative else set()
    form.nodes.choices = [(node.id, node) for node in current_nodes(regions, include=kept)]
    form.themes.choices = [(theme.id, localized(theme, "name").text) for theme in all_themes()]
    networks = queries.networks_in(region_ids)
    form.networks.choices = [(network.id, network.name) for network in networks]
    return form


def _values(form):
    return dict(
        title=form.title.data.strip(), summary=(form.summary.data or "").strip(),
        description=form.description.data or "", lead_region_id=form.lead_region.data,
        partner_regions=queries.by_ids(Region, set(form.partner_regions.data or ()) - {form.lead_region.data}),
        owner_id=form.owner.data, partners=queries.by_ids(Actor, form.partners.data),
        nodes=queries.by_ids(PlanNode, form.nodes.data), themes=queries.by_ids(Theme, form.themes.data),
        networks=queries.by_ids(Network, form.networks.data), status=form.status.data, draft=form.draft.data,
        starts_on=form.starts_on.data, ends_on=form.ends_on.data, budget_sek=form.budget_sek.data,
        external_ref=form.external_ref.data or None, contact_name=form.contact_name.data or None,
        contact_email=form.contact_email.data or None, contact_phone=form.contact_phone.data or None,
        links=(form.links.data or "").strip(), results=form.results.data or "",
        is_practice=form.is_practice.data, lessons_learned=form.lessons_learned.data or "",
        target_groups=list(form.target_groups.data or ()), perspectives=list(form.perspectives.data or ()),
        funding=form.funding_amounts(),
    )


def _refused(form, values, initiative=None):
    """Whether the person may not save ``values``; why is added to the form's field."""
    refused = services.refusal(current_user, values, initiative)
    if refused is None:
        return False
    key, message = refused
    form[key.removesuffix("_id")].errors.append(message)
    return True


def _render(form, initiative=None, conflict=None, status=None):
    rights = services.region_rights(current_user, initiative) if initiative is not None else None
    html = render_template("initiatives/form.html", form=form, initiative=initiative, conflict=conflict,
                           region_rights=rights, shown_nodes=shown_nodes(form), node_matches=NODE_MATCHES,
                           **VOCABULARY)
    return html, status or (400 if form.errors or conflict else 200)


@bp.route("/initiatives/new", methods=["GET", "POST"])
@requires("initiative.edit", somewhere=True)
def new():
    missing = queries.actor_missing(current_user)
    if missing is not None:  # the form would offer no owner: say what to ask for, and from whom
        return render_template("initiatives/actor_missing.html", actor_missing=missing)
    form = _initiative_form()
    if finding_nodes():
        return _render(form, status=200)
    if form.validate_on_submit():
        values = _values(form)
        if not _refused(form, values):
            initiative = services.create_initiative(values, by=current_user)
            db.session.commit()
            flash(_("The initiative is saved."), "info")
            return redirect(url_for("initiatives.show", initiative_id=initiative.id))
    return _render(form)


@bp.route("/initiatives/<int:initiative_id>/edit", methods=["GET", "POST"])
@requires("initiative.edit", on="initiative")
def edit(initiative):
    form = _initiative_form(initiative)
    if finding_nodes():
        return _render(form, initiative, status=200)
    if form.validate_on_submit():
        values = _values(form)
        if _refused(form, values, initiative):
            return _render(form, initiative)
        try:
            services.update_initiative(initiative, values, by=current_user, version=_int(form.version.data))
            db.session.commit()
        except services.EditConflict as conflict:
            return _conflict(form, initiative, conflict.differences)
        except StaleDataError:  # saved by someone else between our read and our write
            db.session.rollback()
            initiative = db.session.get(Initiative, initiative.id)
            return _conflict(form, initiative, services.conflicting_fields(initiative, _values(form)))
        if can(current_user, "initiative.edit", initiative):
            flash(_("The initiative is saved."), "info")
        else:  # they took their region out of the partners
            flash(_("The initiative is saved. Your region is no longer one of its partner regions, and you no "
                    "longer edit it."), "info")
            if queries.visible_initiative(initiative.id, current_user) is None:
                return redirect(url_for("initiatives.index"))
        return redirect(url_for("initiatives.show", initiative_id=initiative.id))
    return _render(form, initiative)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _conflict(form, initiative, differences):
    """The form as the person filled it in, with what the other person saved: saving again
    (now over the newest version) keeps this person's values, deliberately."""
    db.session.rollback()
    form.version.data = initiative.version
    rows = [(_field_label(form, name), _shown(name, theirs), _shown(name, mine))
            for name, (theirs, mine) in differences.items()]
    return _render(form, initiative, conflict=dict(by=initiative.updated_by, at=initiative.updated_at,
                                                     differences=rows), status=409)


def _field_label(form, name):
    if name == "funding":
        return _("Funding")
    name = name.removesuffix("_id")
    return form[name].label.text if name in form else name


#: the lists of :func:`services.snapshot` that hold keys of a vocabulary, shown by their labels
KEYED = {"target_groups": TARGET_GROUPS, "perspectives": EQUALITY_PERSPECTIVES}


def _shown(name, value):
    """A value of :func:`services.snapshot` in words, for the conflict table: names and labels in
    the reader's language, never the keys and slugs the snapshot compares."""
    if name == "owner_id":
        actor = db.session.get(Actor, value)
        return actor.name if actor else "–"
    if name == "lead_region_id":
        region = db.session.get(Region, value)
        return region.name if region else "–"
    if name == "status":
        return str(STATUSES.get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int):
        return format_number(value)
    if name == "funding":
        return ", ".join(f"{FUNDING_SOURCES.get(k, k)}: {format_number(v)} {_('SEK')}"
                         for k, v in sorted(value.items())) or "–"
    if name == "themes":
        names = {theme.slug: localized(theme, "name").text for theme in all_themes()}
        value = [names.get(slug, slug) for slug in value]
    elif name in KEYED:
        value = [KEYED[name].get(key, key) for key in value]
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "–"
    return "–" if value in (None, "") else str(value)


@bp.get("/initiatives/node-options")
@public
def node_options():
    """The picker's nodes while the person types: those linked (``nodes``) and the matches for
    ``node_query`` (the whole tree without one) in the plans of the regions chosen in the form
    (an initiative's ``lead_region`` and ``partner_regions``, a network's or a forum's ``regions``);
    the fragment htmx swaps in, for every form with the picker."""
    regions = queries.by_ids(Region, {*query_ids("lead_region"), *query_ids("partner_regions"), *query_ids("regions")})
    linked = set(query_ids("nodes"))
    text = (request.args.get("node_query") or "").strip()[:100]
    nodes = current_nodes(regions, text=text, limit=NODE_MATCHES if text else None, include=linked)
    return render_template("partials/node_options.html", nodes=nodes, linked=linked, query=text,
                           limit=NODE_MATCHES), \
        {"X-Robots-Tag": "noindex, nofollow"}


# -- how the audit log names these objects ---------------------------------------------------

def _initiative(obj, values):
    if obj is None:
        return values.get("title", ""), None
    return obj.title, url_for("initiatives.show", initiative_id=obj.id)


audit_display.register_kind("Initiative", _l("Initiative"), _initiative, Initiative)
audit_display.register_reference("initiative_id", "Initiative")
