"""Who may do what: every rule of access, decided in one place.

Each view declares its rule with one of the decorators below (``@public``, ``@signed_in``,
``@requires("permission")``, ``@requires("permission", on="thing")``). :func:`enforce` runs before
every request and applies the declared rule, so a view never checks roles itself; a view that
declares nothing is refused (and the authorization test fails).

A regional permission is decided on objects, never on the role alone (:func:`can`):

- the region named in the URL (``region_slug``, loaded into ``g.region``), when there is one;
- the object named by ``on``: a feature registers how to load it from the URL
  (:func:`object_loader`), the loaded object is handed to the view in place of its id, and the
  regions it belongs to decide (:func:`region_scope`; a network or an initiative may span several);
  where a role holds a permission only through a relation to the object (``roles.RELATIONS``), the
  feature's rule for that kind of object decides as well (:func:`object_rule`);
- a relation to the object that carries a permission without any role, such as a network's
  coordinator managing its forums and meetings in every region it spans (:func:`object_grant`).

With no object to decide on, a regional permission is refused, and so is a relation that no rule
knows: fail closed. :func:`where` is the same decision as a condition in SQL, for every list,
search, export and count. Roles and the permissions they carry are one table, :mod:`samverkan.roles`.
"""
from dataclasses import dataclass

from flask import abort, current_app, g, request
from flask_login import current_user
from sqlalchemy import and_, false, or_, true

from .audit_throttle import client_key, should_record
from .extensions import db
from .roles import PERMISSIONS as PERMISSION_NAMES
from .roles import REGIONAL_ROLES, RELATIONS, roles_holding, through_relation

#: permission -> the roles that hold it (from the one table in :mod:`samverkan.roles`)
PERMISSIONS = {permission: roles_holding(permission) for permission in PERMISSION_NAMES}
#: methods that change nothing
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass(frozen=True)
class Rule:
    """A view's access rule: who may call it, and on which object a permission is decided."""

    signed_in: bool = True
    permission: str | None = None
    #: the name of a registered object loader; its object is passed to the view by that name
    on: str | None = None
    #: held in any one region is enough: for a page that starts something whose region the
    #: person then chooses among theirs (the write itself is decided on its object)
    somewhere: bool = False


#: anyone, signed in or not
PUBLIC = Rule(signed_in=False)
#: any signed-in person
SIGNED_IN = Rule()


def _declare(rule):
    def decorator(view):
        view.access_rule = rule
        return view

    return decorator


public = _declare(PUBLIC)
signed_in = _declare(SIGNED_IN)


def requires(permission, on=None, somewhere=False):
    """Only people who hold ``permission`` on the request's region and on its object ``on``;
    with ``somewhere``, people who hold it in at least one region."""
    if permission not in PERMISSIONS:
        raise ValueError(f"unknown permission {permission!r}")
    return _declare(Rule(permission=permission, on=on, somewhere=somewhere))


# ---------------------------------------------------------------------------------------------
# What features register: how to load the object a URL names, which regions an object is in,
# and, where the region alone does not decide, a rule per permission and kind of object.
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Loader:
    argument: str
    load: object
    #: the model of the objects it loads, where known: what the start-up check looks up rules for
    model: type | None = None


@dataclass(frozen=True)
class _Scope:
    regions: object
    in_regions: object


@dataclass(frozen=True)
class _Grant:
    allows: object
    condition: object


_loaders = {}
_region_scopes = {}
_object_rules = {}
_object_grants = {}


def object_loader(name, argument, model=None):
    """Register ``load(value)``, which turns the URL argument into the object ``name`` (or None).

    ``@requires(permission, on=name)`` then loads it before the view runs, answers 404 when it
    is None, and passes it to the view as the keyword argument ``name``. ``argument`` may be a
    tuple of URL arguments that name the object together (a round and an employer name one
    response); ``load`` then takes their values in that order. ``model``, the kind of object it
    loads, lets the start-up check find the rules a permission needs on it.
    """
    if not name.isidentifier():
        raise ValueError(f"object loader {name!r}: the name is a keyword argument of the view")

    def decorator(load):
        _loaders[name] = _Loader(argument, load, model)
        return load

    return decorator


def object_by_id(name, argument, model):
    """Register the loader of ``name``: the row of ``model`` whose primary key is the URL argument."""
    object_loader(name, argument, model)(lambda value: db.session.get(model, value))


def region_scope(model, in_regions=None):
    """Register ``scope(obj) -> region ids`` for objects of ``model`` that span regions, and
    ``in_regions(region_ids)``, the same as a condition on ``model`` for :func:`where`.

    Without one, an object's regions are its ``region_id``; an object with neither belongs to no
    region, and no regional role reaches it.
    """
    def decorator(scope):
        _region_scopes[model] = _Scope(scope, in_regions)
        return scope

    return decorator


class ObjectRule:
    """The relation through which a role holds a permission on objects of one model
    (``roles.RELATIONS``), said twice in one place: for one object, and in SQL for lists."""

    def allows(self, person, grant, obj):
        """Whether the relation holds between ``person`` and ``obj``; ``grant`` is the role
        grant (in one of the object's regions) that needs it."""
        raise NotImplementedError

    def condition(self, person, grants):
        """The same as a condition on the model; :func:`where` adds the grants' regions."""
        raise NotImplementedError


def object_rule(permission, model):
    """Register an :class:`ObjectRule` (a class or an instance): the relation a role holding
    ``permission`` through it needs to ``obj`` of ``model`` (a project lead edits only the
    initiatives of the actors they are a member of).

    It is asked only for such grants, in one of the object's regions; the region alone decides
    for the other roles. A kind of object that has no rule is refused to them.
    """
    if permission not in RELATIONS:
        raise ValueError(f"object_rule({permission!r}): roles.RELATIONS declares no relation for it")

    def decorator(rule):
        _object_rules[(permission, model)] = rule() if isinstance(rule, type) else rule
        return rule

    return decorator


def object_grant(permission, model, condition=None):
    """Register ``grant(person, obj) -> bool``: a relation to ``obj`` of ``model`` that carries
    ``permission`` on it whatever roles the person holds (a network's coordinator manages the
    network's forums and meetings, in every region the network spans). ``condition(person)`` is
    the same on ``model`` in SQL; without it, :func:`where` cannot list by this permission.
    """
    def decorator(grant):
        _object_grants[(permission, model)] = _Grant(grant, condition)
        return grant

    return decorator


def _registered_for(registry, permission, model):
    for cls in model.__mro__:
        found = registry.get((permission, cls))
        if found is not None:
            return found
    return None


def regions_of(obj):
    """The ids of the regions ``obj`` belongs to."""
    for model in type(obj).__mro__:
        if model in _region_scopes:
            return frozenset(_region_scopes[model].regions(obj))
    region_id = getattr(obj, "region_id", None)
    return frozenset() if region_id is None else frozenset({region_id})


def _in_regions(model, region_ids):
    """:func:`regions_of` in SQL: the rows of ``model`` in any of ``region_ids``."""
    region_ids = sorted(region_ids)
    for cls in model.__mro__:
        if cls in _region_scopes:
            if _region_scopes[cls].in_regions is None:
                raise LookupError(f"region_scope({cls.__name__}) has no in_regions: its regions are not known in SQL")
            return _region_scopes[cls].in_regions(region_ids)
    column = getattr(model, "region_id", None)
    if column is None:
        raise LookupError(f"{model.__name__} has neither a region scope nor a region_id")
    return column.in_(region_ids)


def can(person, permission, obj=None):
    """Whether ``person`` holds ``permission`` on ``obj`` (a region, a network, an initiative …).

    A platform-wide role decides alone. A regional role counts only for an object in its region,
    and a role that holds the permission through a relation only where the :func:`object_rule` of
    the object's kind finds it (no rule: refused). Without an object it does not count. A
    relation registered with :func:`object_grant` (a network's coordinator) counts without a role.
    """
    if person is None or not person.is_authenticated:
        return False
    roles = PERMISSIONS[permission]
    regions = None
    for grant in person.grants:
        if grant.role not in roles:
            continue
        if grant.role not in REGIONAL_ROLES:
            return True
        if obj is None:
            continue
        if regions is None:
            regions = regions_of(obj)
        if grant.region_id not in regions:
            continue
        if not through_relation(grant.role, permission):
            return True
        rule = _registered_for(_object_rules, permission, type(obj))
        if rule is not None and rule.allows(person, grant, obj):
            return True
    if obj is not None:
        relation = _registered_for(_object_grants, permission, type(obj))
        return relation is not None and bool(relation.allows(person, obj))
    return False


def where(person, permission, model):
    """:func:`can` for every row of ``model`` at once: a condition that selects the rows ``person``
    holds ``permission`` on, for lists, searches, exports and counts. ``permission`` may be a
    tuple: the rows they hold any of them on.

    Raises LookupError where a registration has no SQL, rather than list what :func:`can` refuses.
    """
    permissions = (permission,) if isinstance(permission, str) else tuple(permission)
    if person is None or not person.is_authenticated:
        return false()
    region_wide, related = set(), {}
    for grant in person.grants:
        for name in permissions:
            if grant.role not in PERMISSIONS[name]:
                continue
            if grant.role not in REGIONAL_ROLES:
                return true()
            if through_relation(grant.role, name):
                related.setdefault(name, []).append(grant)
            else:
                region_wide.add(grant.region_id)
    grounds = [_in_regions(model, region_wide)] if region_wide else []
    for name, grants in related.items():
        rule = _registered_for(_object_rules, name, model)
        if rule is not None:
            grounds.append(and_(_in_regions(model, {grant.region_id for grant in grants}),
                                rule.condition(person, grants)))
    for name in permissions:
        relation = _registered_for(_object_grants, name, model)
        if relation is not None:
            if relation.condition is None:
                raise LookupError(f"object_grant({name!r}, {model.__name__}) has no condition in SQL")
            grounds.append(relation.condition(person))
    return or_(*grounds) if grounds else false()


def regions_where(person, permission):
    """The ids of the regions where ``person`` holds ``permission`` on something (through a
    relation too: this says where, not on what); None means every region."""
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


# ---------------------------------------------------------------------------------------------
# Applying the rules.
# ---------------------------------------------------------------------------------------------

def access_rule(endpoint):
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "access_rule", None)


def enforce():
    """``before_request``: apply the view's declared rule, or refuse a view that declares none."""
    if request.endpoint is None or request.endpoint == "static":
        return None
    rule = access_rule(request.endpoint)
    if rule is None:
        current_app.logger.error("view %r declares no access rule; refused", request.endpoint)
        return refuse(403, "no access rule declared")
    if not rule.signed_in:
        return None
    if not current_user.is_authenticated:
        if request.method not in SAFE_METHODS:
            # a write refused is logged like every refusal; reading a page signed out is just
            # the way to the login form
            record_refusal("not signed in")
        return current_app.login_manager.unauthorized()
    if rule.permission is None:
        return None
    region = g.get("region")
    if region is not None and not can(current_user, rule.permission, region):
        return refuse(403, rule.permission)
    if rule.on is not None:
        obj = _load_object(rule.on)
        if not can(current_user, rule.permission, obj):
            return refuse(403, rule.permission)
    elif rule.somewhere:
        if regions_where(current_user, rule.permission) == set():  # None: held everywhere
            return refuse(403, f"{rule.permission} (in no region)")
    elif region is None and not can(current_user, rule.permission):
        return refuse(403, f"{rule.permission} (nothing to decide on)")
    return None


def _load_object(name):
    """Replace the URL argument of loader ``name`` by its object in the view's arguments."""
    loader = _loaders[name]
    values = [request.view_args.pop(argument) for argument in _arguments(loader)]
    obj = loader.load(*values)
    if obj is None:  # none, or not in the URL's region: the same 404, logged as a refusal
        shown = "/".join(str(value) for value in values)
        refuse(404, f"no {name} {shown}" + (" in this region" if "region" in g else ""))
    request.view_args[name] = obj
    return obj


def check_rules(app, region_model):
    """At start-up: every ``on=`` names a registered loader whose argument its URL has, and a
    permission that needs a relation (``roles.RELATIONS``) has its :func:`object_rule` on every
    kind of object a view decides it on (``region_model`` for the region of the URL, the object
    of ``on``)."""
    for url_rule in app.url_map.iter_rules():
        rule = getattr(app.view_functions[url_rule.endpoint], "access_rule", None)
        if rule is None:
            continue
        models = [region_model] if "region_slug" in url_rule.arguments and rule.permission else []
        if rule.on is not None:
            loader = _loaders.get(rule.on)
            if loader is None:
                raise RuntimeError(f"{url_rule.endpoint}: no object loader {rule.on!r} is registered")
            for argument in _arguments(loader):
                if argument not in url_rule.arguments:
                    raise RuntimeError(f"{url_rule.endpoint}: its URL {url_rule.rule} has no <{argument}>")
            if rule.permission in RELATIONS and loader.model is None:
                raise RuntimeError(f"{url_rule.endpoint}: {rule.permission} needs a relation (roles.RELATIONS), "
                                   f"and the object loader {rule.on!r} names no model to find its rule on")
            models.append(loader.model)
        if rule.permission in RELATIONS:
            for model in models:
                if _registered_for(_object_rules, rule.permission, model) is None:
                    raise RuntimeError(f"{url_rule.endpoint}: {rule.permission} needs a relation (roles.RELATIONS), "
                                       f"and no object_rule({rule.permission!r}, {model.__name__}) is registered")
    for permission in RELATIONS:
        if not any(key == permission for key, _model in _object_rules):
            raise RuntimeError(f"{permission} needs a relation (roles.RELATIONS), and no object_rule "
                               f"for it is registered on any model")


def _arguments(loader):
    return loader.argument if isinstance(loader.argument, tuple) else (loader.argument,)


def refuse(status, reason):
    """Undo whatever the request changed, log the refusal in the audit log, answer ``status``."""
    db.session.rollback()
    record_refusal(reason)
    abort(status)


def record_refusal(reason):
    """Write a ``refused`` event for this request (in the region of its URL) to the audit log.

    At most ``AUDIT_REFUSAL_LIMIT`` per client: beyond it refusals are counted, and the client's
    next recorded refusal says how many were not written, so a flood cannot fill the log.
    """
    from .audit import record, request_path

    allowed, suppressed = should_record(client_key())
    if not allowed:
        return
    if suppressed:
        reason += f" (and {suppressed} more refused since this client's previous recorded refusal)"
    region = g.get("region")
    record("refused", object_type="request", region_id=region.id if region else None,
           detail=f"{request.method} {request_path()}: {reason}")
    db.session.commit()


def sees_personal_addresses(person):
    """Whether ``person`` may read people's e-mail addresses: the people of an actor, an
    initiative's contact person. Anyone signed in; never an anonymous visitor, to whom an address
    of a person would be published to the world (and to every harvester of addresses)."""
    return person is not None and person.is_authenticated


# ---------------------------------------------------------------------------------------------
# Objects that regions share: led from one region, with partner regions.
# ---------------------------------------------------------------------------------------------

class _GrantsIn:
    """``person`` as :func:`can` sees them with only their platform-wide roles and their roles in
    ``region_ids``."""

    def __init__(self, person, region_ids):
        self._person = person
        self.grants = [grant for grant in person.grants
                       if grant.role not in REGIONAL_ROLES or grant.region_id in region_ids]

    def __getattr__(self, name):
        return getattr(self._person, name)


def can_through(person, permission, obj, region_ids):
    """Whether ``person`` holds ``permission`` on ``obj`` through a platform-wide role or a role in
    one of ``region_ids`` (and not merely in some other region of the object), as :func:`can`
    decides it there; a relation registered with :func:`object_grant` counts as in :func:`can`."""
    if person is None or not person.is_authenticated:
        return False
    return can(_GrantsIn(person, frozenset(region_ids)), permission, obj)


@dataclass(frozen=True)
class SharedRegions:
    """What a person may change of the regions of an object that regions share: a region may
    release its own hold on it, never another region's (:func:`shared_regions`)."""

    #: holds the permission in the lead region (or everywhere): may change the lead region and
    #: every partner region
    leads: bool
    #: the partner regions the person holds the permission through: theirs to release
    own: frozenset

    def refused(self, lead_id, partner_ids, new_lead_id, new_partner_ids):
        """What of the change from (``lead_id``, ``partner_ids``) to the new ones is not the
        person's to make: ``"lead"``, ``"partners"``, or None when all of it is."""
        if self.leads:
            return None
        if new_lead_id != lead_id:
            return "lead"
        partner_ids, new_partner_ids = set(partner_ids), set(new_partner_ids)
        if not new_partner_ids <= partner_ids or not partner_ids - new_partner_ids <= self.own:
            return "partners"
        return None


def shared_regions(person, permission, obj, lead_region_id, partner_region_ids):
    """What ``person`` may change of the regions of ``obj``, led from ``lead_region_id`` with
    ``partner_region_ids``: one who holds ``permission`` on it in the lead region (or everywhere)
    changes the lead and the partners; one who reaches it only through partner regions may take
    those out of the partners, and nothing else about its regions (a partner region's admin once
    made their region the lead and dropped the region that had created it)."""
    own = frozenset(region_id for region_id in partner_region_ids
                    if can_through(person, permission, obj, {region_id}))
    return SharedRegions(can_through(person, permission, obj, {lead_region_id}), own)
