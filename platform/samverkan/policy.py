"""Who may do what: every rule of access in one place.

Each view declares its rule with one of the decorators below (``@public``, ``@signed_in``,
``@requires("permission")``). :func:`enforce` runs before every request and applies the declared
rule, so a view never checks roles itself; a view that declares nothing is refused (and the
authorization test fails). Regional permissions are checked against the region named in the URL
(the ``region_slug`` argument).
"""
from flask import abort, current_app, g, request
from flask_login import current_user
from sqlalchemy import select

from .extensions import db
from .roles import PERMISSIONS as PERMISSION_NAMES
from .roles import REGIONAL_ROLES, roles_holding

#: permission -> the roles that hold it (from the one table in :mod:`samverkan.roles`)
PERMISSIONS = {permission: roles_holding(permission) for permission in PERMISSION_NAMES}

PUBLIC, SIGNED_IN = "public", "signed-in"
#: methods that change nothing
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _declare(rule):
    def decorator(view):
        view.access_rule = rule
        return view

    return decorator


#: anyone, signed in or not
public = _declare(PUBLIC)
#: any signed-in person
signed_in = _declare(SIGNED_IN)


def requires(permission):
    """Only people who hold ``permission`` (in the URL's region, for regional permissions)."""
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")
    return _declare(permission)


def can(person, permission, region=None):
    """Whether ``person`` holds ``permission``; in ``region`` where the role is regional.

    Without a region, a regional role counts if the person holds it anywhere (e.g. to show a
    link to the people page).
    """
    if person is None or not person.is_authenticated:
        return False
    roles = PERMISSIONS[permission]
    for grant in person.grants:
        if grant.role not in roles:
            continue
        if grant.role not in REGIONAL_ROLES or region is None or grant.region_id == region.id:
            return True
    return False


def regions_where(person, permission):
    """The ids of the regions where ``person`` holds ``permission``; None means every region."""
    if not person.is_authenticated:
        return set()
    roles = PERMISSIONS[permission]
    ids = set()
    for grant in person.grants:
        if grant.role in roles:
            if grant.role not in REGIONAL_ROLES:
                return None
            ids.add(grant.region_id)
    return ids


def access_rule(endpoint):
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "access_rule", None)


def enforce():
    """``before_request``: apply the view's declared rule, or refuse a view that declares none."""
    if request.endpoint is None or request.endpoint == "static":
        return None
    rule = access_rule(request.endpoint)
    if rule == PUBLIC:
        return None
    if rule is None:
        current_app.logger.error("view %r declares no access rule; refused", request.endpoint)
        return refuse(403, "no access rule declared")
    if not current_user.is_authenticated:
        if request.method not in SAFE_METHODS:
            # a write refused is logged like every refusal; reading a page signed out is just
            # the way to the login form
            record_refusal("not signed in")
        return current_app.login_manager.unauthorized()
    if rule == SIGNED_IN:
        return None
    if not can(current_user, rule, g.get("region")):
        return refuse(403, rule)
    return None


def refuse(status, reason):
    """Log the refusal in the audit log, then answer ``status``."""
    record_refusal(reason)
    abort(status)


def record_refusal(reason):
    """Write a ``refused`` event for this request (in the region of its URL) to the audit log."""
    from .audit import record

    region = g.get("region")
    record("refused", object_type="request", region_id=region.id if region else None,
           detail=f"{request.method} {request.path}: {reason}")
    db.session.commit()


def load_region_from_url(endpoint, values):
    """``url_value_preprocessor``: the region named by ``region_slug`` becomes ``g.region``.

    Views of a region read ``g.region``; an unknown region is a 404 before any rule is applied.
    """
    if values and "region_slug" in values:
        from .regions.models import Region

        g.region = db.first_or_404(select(Region).filter_by(slug=values.pop("region_slug")))


def add_region_to_url(endpoint, values):
    """``url_defaults``: inside a region's pages, ``url_for`` fills in the same region."""
    if "region_slug" not in values and "region" in g and current_app.url_map.is_endpoint_expecting(
        endpoint, "region_slug"
    ):
        values["region_slug"] = g.region.slug

