"""Actors: the list with its filters, an actor's page, and keeping actors and their people."""
from functools import partial

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from .. import audit_display
from ..forms import ConfirmForm
from ..accounts.sessions import start_session
from ..extensions import db, limiter
from ..forums.models import Forum
from ..i18n import localized
from ..initiatives import listings
from ..initiatives.vocabulary import STATUSES
from ..meetings import queries as meeting_queries
from ..policy import can, object_by_id, public, regions_where, requires
from ..templating import confirm_then, htmx_request, render_form
from ..times import local_date
from ..urls import query_int
from . import queries, services
from .forms import AcceptInvitationForm, ActorFilterForm, ActorForm, MembershipForm
from .kinds import MEMBERSHIP_ROLES
from .models import Actor, ActorKind, Invitation, Membership

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
object_by_id("invitation", "invitation_id", Invitation)


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


def _show_page(actor, member_form=None, problem=None):
    """The actor's page; with ``member_form``'s errors a 400, with a refused ``problem`` a 409."""
    networks = queries.networks_of(actor)
    forums = queries.forums_of(networks)
    managed = regions_where(current_user, services.MANAGE)
    page = render_template(
        "actors/show.html", actor=actor, kind=queries.kind_labels(retired=True).get(actor.kind, actor.kind),
        memberships=queries.memberships(actor), roles=MEMBERSHIP_ROLES, networks=networks, forums=forums,
        # the invitations waiting, of the regions the reader manages (None: every region)
        invitations=queries.pending_invitations(actor, managed) if managed is None or managed else [],
        meetings=meeting_queries.next_meetings(Forum.id.in_([forum.id for forum in forums]), UPCOMING_MEETINGS),
        initiatives=listings.for_actor(current_user, actor), statuses=STATUSES,
        member_form=member_form or _membership_form(actor),
        # the regions whose register the person may take the actor into (a platform admin edits)
        joinable=[region for region in queries.all_regions() if region.id in managed and region not in actor.regions]
        if managed else [],
        problem=problem, confirm=ConfirmForm(),
    )
    if problem is not None:
        return page, 409
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
    except services.ActorRefused as refusal:
        db.session.rollback()
        form.regions.errors.append(str(refusal))
        return None, None
    except IntegrityError:
        db.session.rollback()
        duplicate = _refuse_duplicate(form, regions, actor)
        if duplicate is None:
            raise
        return None, duplicate
    return saved, None


def _changeable_regions(regions):
    """The regions the signed-in person may add an actor to or take it out of: those they manage."""
    return [region for region in regions if can(current_user, services.MANAGE, region)]


def _posted_regions(form, regions):
    """The regions the form's boxes name (None, with the form's error, for a name that is no
    region). Regions beyond the boxes offered are passed on for the service to refuse."""
    by_slug = {region.slug: region for region in regions}
    unknown = [slug for slug in form.regions.data or [] if slug not in by_slug]
    if unknown:
        form.regions.errors.append(_("There is no region %(slug)s.", slug=unknown[0]))
        return None
    return [by_slug[slug] for slug in by_slug if slug in (form.regions.data or [])]


@bp.route("/regions/<region_slug>/actors/new", methods=["GET", "POST"])
@requires("region.manage")
def new():
    regions = queries.all_regions()
    others = [region for region in _changeable_regions(regions) if region.id != g.region.id]
    form = _actor_form({g.region.id}, regions, others)
    duplicate = None
    if form.validate_on_submit() and (posted := _posted_regions(form, regions)) is not None:
        chosen = [g.region] + [region for region in posted if region != g.region]
        actor, duplicate = _save(form, chosen, partial(services.create_actor, by=current_user))
        if actor is not None:
            flash(_("The actor %(name)s is added.", name=actor.name), "info")
            return redirect(url_for("actors.show", actor_id=actor.id))
    return render_form("actors/form.html", form, region=g.region, actor=None, duplicate=duplicate, kept=[])


@bp.route("/actors/<int:actor_id>/edit", methods=["GET", "POST"])
@requires("region.manage", on="actor")
def edit(actor):
    """The regions offered are those the person manages; the actor's other regions are kept, and
    only their own administrators can take the actor out of them (:mod:`.services`)."""
    regions = queries.all_regions()
    changeable = _changeable_regions(regions)
    kept = [region for region in actor.regions if region not in changeable]
    form = _actor_form({region.id for region in actor.regions}, regions, changeable, actor)
    if request.method == "GET":
        form.regions.data = [region.slug for region in actor.regions if region in changeable]
    duplicate = None
    if form.validate_on_submit() and (posted := _posted_regions(form, regions)) is not None:
        # the regions the person may not change are kept, not taken away by an unticked box they never saw
        chosen = posted + [region for region in kept if region not in posted]
        if not chosen:
            form.regions.errors.append(_("Choose at least one region."))
        else:
            saved, duplicate = _save(form, chosen, partial(services.update_actor, actor, by=current_user), actor)
            if saved is not None:
                flash(_("The actor %(name)s is saved.", name=actor.name), "info")
                return redirect(url_for("actors.show", actor_id=actor.id))
    return render_form("actors/form.html", form, region=None, actor=actor, duplicate=duplicate, kept=kept,
                       kept_names=", ".join(localized(region, "name").text for region in kept))


@bp.post("/regions/<region_slug>/actors/<int:actor_id>/add")
@requires("region.manage")
def add_to_region(actor_id):
    """The region of the URL takes an actor of other regions into its register too: the way a
    region comes to share an actor, asked by the region's own admins only."""
    actor = db.get_or_404(Actor, actor_id)
    if g.region in actor.regions:
        return redirect(url_for("actors.show", actor_id=actor.id))
    found = services.find_duplicate(actor.name, None, [g.region.id], exclude=actor)
    if found is not None:
        return _show_page(actor, problem=_(
            "%(region)s already has an actor with this name: %(name)s. Use that one, or rename one of them first.",
            region=localized(g.region, "name").text, name=found[1].name))
    services.add_region(actor, g.region, by=current_user)
    db.session.commit()
    flash(_("The actor %(name)s is now also among the actors of %(region)s.", name=actor.name,
            region=localized(g.region, "name").text), "info")
    return redirect(url_for("actors.show", actor_id=actor.id))


def _membership_form(actor, formdata=None):
    choices = services.membership_regions(actor, current_user) if current_user.is_authenticated else []
    kwargs = {} if formdata is None else {"formdata": formdata}
    return MembershipForm(queries.region_choices(choices), **kwargs)


@bp.post("/actors/<int:actor_id>/members")
@requires("region.manage", on="actor")
def add_member(actor):
    """A person into the actor, for one of its regions that the signed-in person manages (asked
    only when there are several): added at once when they can log in, else invited by e-mail."""
    form = _membership_form(actor)
    if form.validate_on_submit():
        region = _membership_region(actor, form)
        if region is None:
            form.region.errors.append(_("Choose the region the person acts for."))
        else:
            try:
                invited = services.invite(actor, region, form.email.data, form.name.data, form.role.data,
                                          form.account_role.data, by=current_user._get_current_object())
            except services.ActorRefused as refusal:
                (form.role if isinstance(refusal, services.AlreadyMember) else form.email).errors.append(str(refusal))
            else:
                db.session.commit()
                if invited.added:
                    flash(_("%(name)s is added as %(role)s and told so by e-mail.", name=invited.person.name,
                            role=role_name(form.role.data)), "info")
                else:
                    flash(_("An invitation is on its way to %(email)s. Its link works until %(date)s.",
                            email=invited.invitation.email,
                            date=local_date(invited.invitation.expires_at, "long")), "info")
                return redirect(url_for("actors.show", actor_id=actor.id))
    return _show_page(actor, form)


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@public
@limiter.limit(lambda: current_app.config["RESET_RATE_LIMIT"], methods=["POST"])
def accept_invitation(token):
    """An e-mailed invitation: the invited person chooses their password, and is logged in."""
    invitation = services.invitation_by_token(token)
    if invitation is None:
        return render_template("actors/invitation_invalid.html", problem=_(
            "This invitation link does not work. Check that the whole link from the message was copied.")), 404
    problem = services.invitation_problem(invitation)
    if problem is not None:  # used, withdrawn or expired: gone
        return render_template("actors/invitation_invalid.html", problem=problem), 410
    form = AcceptInvitationForm(name=invitation.name)
    form.email_for_rules = invitation.email
    if form.validate_on_submit():
        try:
            person = services.accept(invitation, form.name.data, form.password.data)
        except services.ActorRefused as refusal:
            db.session.rollback()
            return render_template("actors/invitation_invalid.html", problem=str(refusal)), 409
        start_session(person, remember=False)
        db.session.commit()
        flash(_("Welcome to Samverkan. You act for %(actor)s as %(role)s.", actor=invitation.actor.name,
                role=role_name(invitation.membership_role)), "info")
        return redirect(url_for("me.index"))
    return render_form("actors/accept_invitation.html", form, invitation=invitation,
                       role=role_name(invitation.membership_role))


@bp.post("/invitations/<int:invitation_id>/revoke")
@requires("region.manage", on="invitation")
def revoke_invitation(invitation):
    actor = invitation.actor
    try:
        services.revoke_invitation(invitation)
    except services.ActorRefused as refusal:
        return _show_page(actor, problem=str(refusal))
    db.session.commit()
    flash(_("The invitation to %(email)s is withdrawn: its link no longer works.", email=invitation.email), "info")
    return redirect(url_for("actors.show", actor_id=actor.id) + "#invitations-heading")


def _membership_region(actor, form):
    """The region the form names, or the only one it offers."""
    choices = {slug for slug, _label in form.region.choices}
    slug = form.region.data or (next(iter(choices)) if len(choices) == 1 else None)
    return next((region for region in actor.regions if region.slug == slug and slug in choices), None)


@bp.route("/memberships/<int:membership_id>/delete", methods=["GET", "POST"])
@requires("region.manage", on="membership")
def delete_membership(membership):
    actor, role = membership.actor, role_name(membership.role)
    return confirm_then("actors/confirm_delete_membership.html", lambda: services.remove_membership(membership),
                        _("%(name)s is no longer %(role)s.", name=membership.person.name, role=role),
                        back=url_for("actors.show", actor_id=actor.id), membership=membership, actor=actor, role=role)


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


def _describe_invitation(obj, values):
    if obj is not None:
        actor_id, role = obj.actor_id, obj.membership_role
    else:
        actor_id, role = values["actor_id"], values["membership_role"]
    return _("Invitation as %(role)s of %(actor)s", role=role_name(role),
             actor=audit_display.value_text("actor_id", actor_id)), None


audit_display.register_kind("Actor", _l("Actor"), _describe_actor, Actor)
audit_display.register_kind("Membership", _l("Membership"), _describe_membership, Membership)
audit_display.register_kind("Invitation", _l("Invitation"), _describe_invitation, Invitation)
audit_display.register_kind("ActorKind", _l("Actor kind"), audit_display.named_by("name"), ActorKind)
audit_display.register_reference("actor_id", "Actor")
