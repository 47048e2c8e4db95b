"""Networks: the list with its filters, a network's page, members and Samverkanstrappan."""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import audit_display
from ..extensions import db
from ..i18n import localized
from ..initiatives import listings
from ..initiatives.vocabulary import STATUSES
from ..meetings import queries as meeting_queries
from ..meetings.queries import network_forums
from ..plans.forms import NODE_MATCHES, finding_nodes, shown_nodes
from ..plans.queries import current_nodes
from ..policy import can, object_by_id, public, requires
from ..templating import confirm_then, htmx_request, render_form
from ..themes.queries import all_themes
from ..urls import query_int
from . import queries, services
from .forms import MemberForm, NetworkFilterForm, NetworkForm, StageForm
from .models import Network, NetworkMember, StageChange
from .stages import NETWORK_KINDS, STAGE_BY_KEY, STAGES

bp = Blueprint("networks", __name__)
#: how many of its forums' next meetings a network's page shows
UPCOMING_MEETINGS = 5


object_by_id("network", "network_id", Network)
object_by_id("network_member", "member_id", NetworkMember)


@bp.get("/networks/")
@public
def index():
    form = NetworkFilterForm(queries.all_regions(), all_themes(), formdata=request.args)
    valid = form.validate()
    filters = {name: form[name].data for name in ("region", "theme", "stage", "kind")}
    page = queries.networks_page(filters, query_int("page")) if valid else None
    template = "networks/_results.html" if htmx_request() else "networks/index.html"
    html = render_template(template, form=form, page=page,
                           filters={key: value for key, value in filters.items() if value},
                           kinds=NETWORK_KINDS, stages=STAGE_BY_KEY)
    return html, 200 if valid else 400


def _stage_name(key):
    stage = STAGE_BY_KEY.get(key)
    return localized(stage, "name") if stage is not None else key


def _show(network_id, member_form=None):
    """The network's page; with ``member_form`` the add-member form as posted (400 on its errors)."""
    network = queries.network_for_page(network_id)
    if network is None:
        abort(404)
    if member_form is None and can(current_user, "region.manage", network):
        member_form = MemberForm(queries.actors_of(network), formdata=None)
    html = render_template(
        "networks/show.html", network=network, kinds=NETWORK_KINDS, stages=STAGES, member_form=member_form,
        forums=queries.forums_of(network),
        meetings=meeting_queries.next_meetings(network_forums(network.id), UPCOMING_MEETINGS),
        actions=meeting_queries.open_actions(network_forums(network.id), person=current_user),
        initiatives=listings.for_network(current_user, network), statuses=STATUSES, stage_name=_stage_name)
    return html, 400 if member_form is not None and member_form.errors else 200


@bp.get("/networks/<int:network_id>")
@public
def show(network_id):
    return _show(network_id)


def _network_form(network=None, fixed_region=None):
    """The form of a network; its plan nodes are those of the regions it has, or is being given."""
    regions = queries.all_regions()
    form = NetworkForm(regions, fixed_region=fixed_region, obj=network)
    chosen = {region.id for region in network.regions} if network is not None else set()
    if request.method == "POST":
        chosen = set(form.regions.data or ())
    if fixed_region is not None:
        chosen.add(fixed_region.id)
        if request.method != "POST":
            form.regions.data = sorted(chosen)
    elif network is not None and request.method != "POST":
        form.regions.data = sorted(chosen)
        form.nodes.data = [node.id for node in network.nodes]
    # an edit keeps offering what the network links (a retired node too)
    kept = {node.id for node in network.nodes} if network is not None else set()
    form.nodes.choices = [(node.id, node) for node in
                          current_nodes([region for region in regions if region.id in chosen], include=kept)]
    return form


def _render(form, network, region):
    return render_form("networks/form.html", form, network=network, region=region,
                       shown_nodes=shown_nodes(form), node_matches=NODE_MATCHES)


def _saved_values(form, fixed_region=None):
    region_ids = set(form.regions.data) | ({fixed_region.id} if fixed_region is not None else set())
    return dict(name=form.name.data.strip(), kind=form.kind.data, purpose=(form.purpose.data or "").strip(),
                regions=queries.regions_by_id(region_ids), nodes=queries.nodes_by_id(form.nodes.data or []))


@bp.route("/regions/<region_slug>/networks/new", methods=["GET", "POST"])
@requires("region.manage")
def new():
    form = _network_form(fixed_region=g.region)
    if not finding_nodes() and form.validate_on_submit():
        network = services.create_network(**_saved_values(form, g.region), by=current_user)
        db.session.commit()
        flash(_("The network is created."), "info")
        return redirect(url_for("networks.show", network_id=network.id))
    return _render(form, None, g.region)


@bp.route("/networks/<int:network_id>/edit", methods=["GET", "POST"])
@requires("region.manage", on="network")
def edit(network):
    form = _network_form(network)
    if not finding_nodes() and form.validate_on_submit():
        services.update_network(network, **_saved_values(form))
        db.session.commit()
        flash(_("The network is saved."), "info")
        return redirect(url_for("networks.show", network_id=network.id))
    return _render(form, network, None)


@bp.route("/networks/<int:network_id>/stage", methods=["GET", "POST"])
@requires("region.manage", on="network")
def change_stage(network):
    form = StageForm(network.stage)
    if form.validate_on_submit():
        services.change_stage(network, form.stage.data, form.reason.data.strip(), by=current_user)
        db.session.commit()
        flash(_("The network is now at the stage %(stage)s.",
                stage=localized(STAGE_BY_KEY[network.stage], "name").text), "info")
        return redirect(url_for("networks.show", network_id=network.id))
    return render_form("networks/stage.html", form, network=network, stages=STAGES)


@bp.post("/networks/<int:network_id>/members")
@requires("region.manage", on="network")
def add_member(network):
    actors = queries.actors_of(network)
    form = MemberForm(actors)
    if form.validate():
        actor = next((a for a in actors if a.id == form.actor.data), None)
        email = form.email.data or None
        problem = services.member_problem(network, actor=actor, email=email)
        if problem is None:
            services.add_member(network, actor=actor, email=email, coordinator=form.coordinator.data)
            db.session.commit()
            flash(_("The member is added."), "info")
            return redirect(url_for("networks.show", network_id=network.id) + "#members")
        (form.email if email else form.actor).errors.append(problem)
    return _show(network.id, member_form=form)


@bp.route("/network-members/<int:member_id>/delete", methods=["GET", "POST"])
@requires("region.manage", on="network_member")
def delete_member(network_member):
    network = network_member.network
    return confirm_then("networks/confirm_remove_member.html", lambda: services.remove_member(network_member),
                        _("The member is removed."), back=url_for("networks.show", network_id=network.id) + "#members",
                        member=network_member, network=network)


# -- how the audit log names these objects ---------------------------------------------------

def _network(obj, values):
    if obj is None:
        return values["name"], None
    return localized(obj, "name"), url_for("networks.show", network_id=obj.id)


def _member(obj, values):
    if obj is None:
        return _("member of %(network)s", network=audit_display.value_text("network_id", values["network_id"])), None
    who = obj.actor.name if obj.actor is not None else obj.person.name
    return _("%(who)s in %(network)s", who=who, network=localized(obj.network, "name").text), \
        url_for("networks.show", network_id=obj.network_id)


def _stage_change(obj, values):
    if obj is None:
        return f"{values.get('from_stage') or '–'} → {values['to_stage']}", None
    return f"{localized(obj.network, 'name').text}: {obj.from_stage or '–'} → {obj.to_stage}", \
        url_for("networks.show", network_id=obj.network_id)


audit_display.register_kind("Network", _l("Network"), _network, Network)
audit_display.register_kind("NetworkMember", _l("Network member"), _member, NetworkMember)
audit_display.register_kind("StageChange", _l("Stage change"), _stage_change, StageChange)
audit_display.register_reference("network_id", "Network")
