"""Actors: the list with its filters, an actor's page, and keeping actors and their people."""
from functools import partial

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from .. import audit_display
from ..accounts.forms import ConfirmForm
from ..accounts.services import find_person
from ..extensions import db
from ..forums.models import Forum
from ..initiatives import listings
from ..initiatives.vocabulary import STATUSES
from ..meetings import queries as meeting_queries
from ..policy import object_by_id, public, regions_where, requires
from ..templating import htmx_request, render_form
from ..urls import query_int
from . import queries, services
from .forms import ActorFilterForm, ActorForm, MembershipForm
from .kinds import MEMBERSHIP_ROLES
from .models import Actor, Membership

bp = Blueprint("actors", __name__)

#: the id of the list's results: an htmx request aimed at it gets the results alone
RESULTS_ID = "actor-results"
#: how many of the next meetings of its forums an actor's page shows
UPCOMING_MEETINGS = 10


def role_name(role):
    """A membership role as a word in a sentence ("… is added as contact person")."""
    return str(MEMBERSHIP_ROLES.get(role, role)).lower()


object_by_id("actor", "actor_id", Actor)
object_by_id("membership", "membership_id", Membership)


@bp.get("/actors/")
@public
def index():
    regions = queries.all_regions()
    kinds = queries.kind_labels()
    form = ActorFilterForm(kinds, queries.region_choices(regions), queries.municipalities_of(regions),
                           formdata=request.args)
    valid = form.validate()
    page = None
    if valid:
        query = queries.filtered_actors(form.kind.data, form.region.data, form.municipality.data, form.q.data)
        page = queries.page_of_actors(query, query_int("page", maximum=queries.MAX_PAGE))
    filters = {key: value for key, value in request.args.items() if key in form and value}
    context = dict(form=form, page=page, filters=filters, labels=queries.kind_labels(retired=True),
                   results_id=RESULTS_ID)
    template = "actors/_results.html" if htmx_request() else "actors/index.html"
    return render_template(template, **context), 200 if valid else 400


def _show_page(actor, member_form=None):
    networks = queries.networks_of(actor)
    forums = queries.forums_of(networks)
    page = render_template(
        "actors/show.html", actor=actor, kind=queries.kind_labels(retired=True).get(actor.kind, actor.kind),
        memberships=queries.memberships(actor), roles=MEMBERSHIP_ROLES, networks=networks, forums=forums,
        meetings=meeting_queries.next_meetings(Forum.id.in_([forum.id for forum in forums]), UPCOMING_MEETINGS),
        initiatives=listings.for_actor(current_user, actor), statuses=STATUSES,
        member_form=member_form or MembershipForm(),
        confirm=ConfirmForm(),
    )
    return page, 400 if member_form is not None and member_form.errors else 200


@bp.get("/actors/<int:actor_id>")
@public
def show(actor_id):
    return _show_page(db.get_or_404(Actor, actor_id))


def _actor_form(region_ids, regions, checkboxes, actor=None):
    """The actor form with the kinds and municipalities of ``region_ids`` (and the actor's own
    values, so that editing never loses them), and a checkbox for each region of ``checkboxes``."""
    kinds = queries.kind_labels(region_ids)
    chosen = [region for region in regions if region.id in region_ids]
    municipalities = queries.municipalities_of(chosen)
    if actor is not None:
        if actor.kind not in kinds:
            kinds[actor.kind] = queries.kind_labels(retired=True).get(actor.kind, actor.kind)
        if actor.municipality and actor.municipality not in municipalities:
            municipalities.append(actor.municipality)
    return ActorForm(kinds, municipalities, queries.region_choices(checkboxes), obj=actor)


def _values(form, regions):
    return dict(name=form.name.data, kind=form.kind.data, municipality=form.municipality.data,
                org_number=form.org_number.data, website=form.website.data,
                description=form.description.data, regions=regions)


def _refuse_duplicate(form, regions, actor=None):
    """The existing actor the form's actor would duplicate (with an error on the form), or None."""
    found = services.find_duplicate(form.name.data, form.org_number.data, [r.id for r in regions], exclude=actor)
    if found is None:
        return None
    field, existing = found
    if field == "org_number":
        form.org_number.errors.append(_("An actor with this organisation number is already registered."))
    else:
        form.name.errors.append(_("An actor with this name is already registered in one of its regions."))
    return existing


def _save(form, regions, write, actor=None):
    """Write the actor unless it would duplicate one: ``(actor, None)``, or ``(None, the existing
    actor)`` with the form's error. When two people register the same organisation number at the
    same moment, the database's unique constraint refuses the second, who is then shown the first's
    actor like any duplicate."""
    duplicate = _refuse_duplicate(form, regions, actor)
    if duplicate is not None:
        return None, duplicate
    try:
        saved = write(**_values(form, regions))
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        duplicate = _refuse_duplicate(form, regions, actor)
        if duplicate is None:
            raise
        return None, duplicate
    return saved, None


@bp.route("/regions/<region_slug>/actors/new", methods=["GET", "POST"])
@requires("region.manage")
def new():
    regions = queries.all_regions()
    others = [region for region in regions if region.id != g.region.id]
    form = _actor_form({g.region.id}, regions, others)
    duplicate = None
    if form.validate_on_submit():
        chosen = [g.region] + [region for region in others if region.slug in form.regions.data]
        actor, duplicate = _save(form, chosen, services.create_actor)
        if actor is not None:
            flash(_("The actor %(name)s is added.", name=actor.name), "info")
            return redirect(url_for("actors.show", actor_id=actor.id))
    return render_form("actors/form.html", form, region=g.region, actor=None, duplicate=duplicate)


def _keeps_a_managed_region(chosen):
    """Whether the signed-in person still manages the actor with these regions (else, saving would
    lock them out of what they just edited)."""
    managed = regions_where(current_user, "region.manage")
    return managed is None or any(region.id in managed for region in chosen)


@bp.route("/actors/<int:actor_id>/edit", methods=["GET", "POST"])
@requires("region.manage", on="actor")
def edit(actor):
    regions = queries.all_regions()
    form = _actor_form({region.id for region in actor.regions}, regions, regions, actor)
    if request.method == "GET":
        form.regions.data = [region.slug for region in actor.regions]
    duplicate = None
    if form.validate_on_submit():
        chosen = [region for region in regions if region.slug in form.regions.data]
        if not chosen:
            form.regions.errors.append(_("Choose at least one region."))
        elif not _keeps_a_managed_region(chosen):
            form.regions.errors.append(_("Keep at least one region that you manage."))
        else:
            saved, duplicate = _save(form, chosen, partial(services.update_actor, actor), actor)
            if saved is not None:
                flash(_("The actor %(name)s is saved.", name=actor.name), "info")
                return redirect(url_for("actors.show", actor_id=actor.id))
    return render_form("actors/form.html", form, region=None, actor=actor, duplicate=duplicate)


@bp.post("/actors/<int:actor_id>/members")
@requires("region.manage", on="actor")
def add_member(actor):
    form = MembershipForm()
    if form.validate_on_submit():
        person = find_person(form.email.data)
        if person is None:
            form.email.errors.append(_("No one with the e-mail address %(email)s has an account.",
                                       email=form.email.data.strip()))
        elif services.has_membership(actor, person, form.role.data):
            form.role.errors.append(_("%(name)s already has this role in the actor.", name=person.name))
        else:
            services.add_membership(actor, person, form.role.data)
            db.session.commit()
            flash(_("%(name)s is added as %(role)s.", name=person.name, role=role_name(form.role.data)),
                  "info")
            return redirect(url_for("actors.show", actor_id=actor.id))
    return _show_page(actor, form)


@bp.route("/memberships/<int:membership_id>/delete", methods=["GET", "POST"])
@requires("region.manage", on="membership")
def delete_membership(membership):
    form = ConfirmForm()
    actor = membership.actor
    back = url_for("actors.show", actor_id=actor.id)
    if request.method == "POST" and form.validate_on_submit():
        name, role = membership.person.name, role_name(membership.role)
        services.remove_membership(membership)
        db.session.commit()
        flash(_("%(name)s is no longer %(role)s.", name=name, role=role), "info")
        return redirect(back)
    return render_template("actors/confirm_delete_membership.html", membership=membership, actor=actor,
                           role=role_name(membership.role), form=form, back=back, problem=None)


# -- how actors and memberships read in the audit log ------------------------------------------


def _describe_actor(obj, values):
    if obj is None:
        return values["name"], None
    return obj.name, url_for("actors.show", actor_id=obj.id)


def _describe_membership(obj, values):
    if obj is not None:
        actor_id, person_id, role = obj.actor_id, obj.person_id, obj.role
    else:
        actor_id, person_id, role = values["actor_id"], values["person_id"], values["role"]
    return _("%(person)s, %(role)s of %(actor)s", person=audit_display.value_text("person_id", person_id),
             role=role_name(role), actor=audit_display.value_text("actor_id", actor_id)), None


audit_display.register_kind("Actor", _l("Actor"), _describe_actor, Actor)
audit_display.register_kind("Membership", _l("Membership"), _describe_membership, Membership)
audit_display.register_reference("actor_id", "Actor")
