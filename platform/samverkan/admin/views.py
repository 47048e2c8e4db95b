"""Granting and revoking roles, deactivating accounts, and reading the audit log: platform-wide,
and per region for region admins.

Every query here is scoped: a region admin's pages filter by ``g.region``, and a grant id from
another region is a 404 (its existence is not theirs to know: the grant loader looks in the URL's
region only). Destructive actions answer a GET with a page that says what will happen and asks to
confirm; the POST does it.
"""
from flask import Blueprint, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..accounts import services
from ..accounts.forms import GrantForm
from ..forms import ConfirmForm
from ..accounts.models import Person, RoleGrant
from ..extensions import db
from ..policy import object_by_id, object_loader, requires
from ..roles import PLATFORM_ROLES, REGION_ROLES, ROLES
from ..templating import confirm_then, render_form
from . import queries

bp = Blueprint("admin", __name__)


def _grant(form, region):
    """Grant the form's role; the flash names the e-mail as typed, never a stored name."""
    services.grant_role_by_email(form.email.data, form.name.data, form.role.data, region=region,
                                 granted_by=current_user)
    db.session.commit()
    flash(_("%(email)s is now %(role)s.", email=services.normalise_email(form.email.data),
            role=ROLES[form.role.data].label), "info")


def _people_page(template, grants, form, **context):
    return render_form(template, form, grants=grants, confirm=ConfirmForm(), **context)


@bp.route("/regions/<region_slug>/people", methods=["GET", "POST"])
@requires("region.grant-roles")
def region_people():
    form = GrantForm(REGION_ROLES)
    if form.validate_on_submit():
        _grant(form, g.region)
        return redirect(url_for("admin.region_people"))
    grants = db.session.scalars(
        select(RoleGrant).join(Person, RoleGrant.person_id == Person.id)
        .where(RoleGrant.region_id == g.region.id).order_by(Person.name, RoleGrant.role)
    ).all()
    return _people_page("admin/region_people.html", grants, form, region=g.region)


@object_loader("grant", "grant_id")
def _load_grant(grant_id):
    """A role grant; under a region's URL only one of that region's (another's is not found)."""
    query = select(RoleGrant).filter_by(id=grant_id)
    if "region" in g:
        query = query.filter_by(region_id=g.region.id)
    return db.session.scalar(query)


object_by_id("person", "person_id", Person)


def _confirm_revoke(grant, back):
    """The confirmation page of a revoke (GET), or the revoke itself (POST)."""
    return confirm_then("admin/confirm_revoke.html", lambda: services.revoke_role(grant, by=current_user),
                        _("The role is revoked."), back=back, problem=services.revoke_problem(grant, by=current_user),
                        grant=grant, own=grant.person_id == current_user.id)


@bp.route("/regions/<region_slug>/people/<int:grant_id>/revoke", methods=["GET", "POST"])
@requires("region.grant-roles", on="grant")
def region_revoke(grant):
    return _confirm_revoke(grant, url_for("admin.region_people"))


@bp.route("/admin/people", methods=["GET", "POST"])
@requires("platform.grant-roles")
def people():
    form = GrantForm(PLATFORM_ROLES)
    if form.validate_on_submit():
        _grant(form, None)
        return redirect(url_for("admin.people"))
    grants = db.session.scalars(
        select(RoleGrant).join(Person, RoleGrant.person_id == Person.id).order_by(Person.name, RoleGrant.role)
    ).all()
    everyone = db.session.scalars(select(Person).order_by(Person.name, Person.email)).all()
    return _people_page("admin/people.html", grants, form, people=everyone)


@bp.route("/admin/people/grants/<int:grant_id>/revoke", methods=["GET", "POST"])
@requires("platform.grant-roles", on="grant")
def revoke(grant):
    return _confirm_revoke(grant, url_for("admin.people"))


@bp.route("/admin/people/<int:person_id>/deactivate", methods=["GET", "POST"])
@requires("platform.grant-roles", on="person")
def deactivate(person):
    return confirm_then("admin/confirm_deactivate.html", lambda: services.deactivate(person),
                        _("The account of %(email)s is deactivated.", email=person.email), back=url_for("admin.people"),
                        problem=services.deactivate_problem(person), person=person, own=person.id == current_user.id)


@bp.post("/admin/people/<int:person_id>/activate")
@requires("platform.grant-roles", on="person")
def activate(person):
    services.activate(person)
    db.session.commit()
    flash(_("The account of %(email)s is active again.", email=person.email), "info")
    return redirect(url_for("admin.people"))


@bp.get("/admin/audit")
@requires("platform.read-audit")
def audit_log():
    return queries.audit_page(region=None)


@bp.get("/regions/<region_slug>/audit")
@requires("region.read-audit")
def region_audit_log():
    return queries.audit_page(region=g.region)
