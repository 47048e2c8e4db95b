"""Granting roles and reading the audit log: platform-wide, and per region for region admins.

Every query here is scoped: a region admin's pages filter by ``g.region``, and a grant id from
another region is a 404 (its existence is not theirs to know: the grant loader looks in the URL's
region only).
"""
from flask import Blueprint, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..accounts import services
from ..accounts.forms import ConfirmForm, GrantForm
from ..accounts.models import Person, RoleGrant
from ..audit import AuditEvent
from ..extensions import db
from ..policy import object_loader, requires
from ..roles import PLATFORM_ROLES, REGION_ROLES, ROLES
from ..templating import render_form
from ..urls import query_int

bp = Blueprint("admin", __name__)

AUDIT_PAGE_SIZE = 50


def _grant(form, region):
    """Grant the form's role, creating the person for an unknown e-mail. Returns True if done."""
    person = services.find_person(form.email.data)
    if person is None:
        if not form.name.data.strip():
            form.name.errors.append(_("Give the name of someone who has no account yet."))
            return False
        person = services.create_person(form.email.data, form.name.data)
    services.grant_role(person, form.role.data, region=region, granted_by=current_user)
    db.session.commit()
    flash(_("%(name)s is now %(role)s.", name=person.name, role=ROLES[form.role.data].label), "info")
    return True


def _people_page(template, grants, form, **context):
    return render_form(template, form, grants=grants, confirm=ConfirmForm(), **context)


@bp.route("/regions/<region_slug>/people", methods=["GET", "POST"])
@requires("region.grant-roles")
def region_people():
    form = GrantForm(REGION_ROLES)
    if form.validate_on_submit() and _grant(form, g.region):
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


@bp.post("/regions/<region_slug>/people/<int:grant_id>/revoke")
@requires("region.grant-roles", on="grant")
def region_revoke(grant):
    services.revoke_role(grant)
    db.session.commit()
    flash(_("The role is revoked."), "info")
    return redirect(url_for("admin.region_people"))


@bp.route("/admin/people", methods=["GET", "POST"])
@requires("platform.grant-roles")
def people():
    form = GrantForm(PLATFORM_ROLES)
    if form.validate_on_submit() and _grant(form, None):
        return redirect(url_for("admin.people"))
    grants = db.session.scalars(
        select(RoleGrant).join(Person, RoleGrant.person_id == Person.id).order_by(Person.name, RoleGrant.role)
    ).all()
    return _people_page("admin/people.html", grants, form)


@bp.post("/admin/people/grants/<int:grant_id>/revoke")
@requires("platform.grant-roles", on="grant")
def revoke(grant):
    services.revoke_role(grant)
    db.session.commit()
    flash(_("The role is revoked."), "info")
    return redirect(url_for("admin.people"))


def _audit_page(query, template, **context):
    page = db.paginate(query.order_by(AuditEvent.id.desc()), page=query_int("page"), per_page=AUDIT_PAGE_SIZE,
                       error_out=False)
    return render_template(template, page=page, **context)


@bp.get("/admin/audit")
@requires("platform.read-audit")
def audit_log():
    return _audit_page(select(AuditEvent), "admin/audit.html")


@bp.get("/regions/<region_slug>/audit")
@requires("region.read-audit")
def region_audit_log():
    return _audit_page(select(AuditEvent).where(AuditEvent.region_id == g.region.id), "admin/audit.html",
                       region=g.region)
