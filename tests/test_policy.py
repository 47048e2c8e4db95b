"""The role model of ``policy.PERMISSIONS``, including the permissions later features will use."""
import pytest
from sqlalchemy import select

from samverkan.accounts.models import Person
from samverkan.extensions import db
from samverkan.policy import PERMISSIONS, can, regions_where
from samverkan.regions.models import Region
from conftest import ACCOUNTS

WRITES = {permission for permission in PERMISSIONS if permission != "region.read-drafts"
          and not permission.endswith("read-audit")}


@pytest.fixture
def people(synced_app, accounts):
    with synced_app.app_context():
        regions = {r.slug: r for r in db.session.scalars(select(Region))}
        persons = {key: db.session.execute(select(Person).filter_by(email=email)).scalar_one()
                   for key, email in accounts.items()}
        yield persons, regions["vastmanland"], regions["vasternorrland"]


def test_the_national_analyst_reads_drafts_everywhere_and_writes_nowhere(people):
    persons, own, other = people
    analyst = persons["national-analyst"]
    assert can(analyst, "region.read-drafts", own) and can(analyst, "region.read-drafts", other)
    assert regions_where(analyst, "region.read-drafts") is None  # every region
    assert not any(can(analyst, permission, region) for permission in WRITES for region in (own, other))


@pytest.mark.parametrize("role, permissions", [
    ("region-admin", {"region.manage", "forum.manage", "region.grant-roles", "region.read-audit", "initiative.edit",
                      "region.participate", "region.read-drafts", "needs.answers", "competence-plan.edit"}),
    ("project-lead", {"initiative.edit", "region.participate"}),
    ("member", {"region.participate"}),
])
def test_regional_roles_hold_their_permissions_in_their_own_region_only(people, role, permissions):
    persons, own, other = people
    person = persons[role]
    assert {p for p in PERMISSIONS if can(person, p, own)} == permissions
    assert {p for p in PERMISSIONS if can(person, p, other)} == set()
    assert all(regions_where(person, p) == {own.id} for p in permissions)


def test_the_platform_admin_holds_every_permission_everywhere_but_an_employer_s_answers(people):
    """An employer's answers to a needs survey are read only by the employer and the region's admins."""
    persons, own, other = people
    admin = persons["platform-admin"]
    assert all(can(admin, p, region) for p in PERMISSIONS if p != "needs.answers" for region in (own, other))
    assert not can(admin, "needs.answers", own) and not can(admin, "needs.answers", other)


def test_no_role_and_anonymous_hold_nothing(people):
    from flask_login import AnonymousUserMixin

    persons, own, _other = people
    assert not any(can(persons["no-role"], p, own) for p in PERMISSIONS)
    assert not any(can(AnonymousUserMixin(), p, own) for p in PERMISSIONS)
    assert regions_where(AnonymousUserMixin(), "region.manage") == set()


# ---------------------------------------------------------------------------------------------
# Decisions on objects: a regional permission needs an object in the role's region.
# ---------------------------------------------------------------------------------------------

from dataclasses import dataclass, field  # noqa: E402

from flask import Flask  # noqa: E402

from conftest import csrf_token, login  # noqa: E402
from samverkan import policy  # noqa: E402
from samverkan.audit import AuditEvent  # noqa: E402


@dataclass(eq=False)
class Network:
    """A stand-in for an object of a later feature that spans regions."""

    region_ids: set = field(default_factory=set)
    lead_ids: set = field(default_factory=set)
    coordinator_ids: set = field(default_factory=set)


class LeadsOfTheNetwork(policy.ObjectRule):
    def allows(self, person, grant, network):
        return person.id in network.lead_ids


@pytest.fixture
def registered():
    """Registers the stand-in's rules for one test and removes them afterwards."""
    policy.region_scope(Network)(lambda network: network.region_ids)
    policy.object_rule("initiative.edit", Network)(LeadsOfTheNetwork)
    policy.object_grant("forum.manage", Network)(lambda person, network: person.id in network.coordinator_ids)
    yield
    policy._region_scopes.pop(Network)
    policy._object_rules.pop(("initiative.edit", Network))
    policy._object_grants.pop(("forum.manage", Network))


def test_a_regional_permission_without_an_object_is_refused(people):
    persons, own, _other = people
    for key in ("region-admin", "project-lead", "member", "other-region-admin"):
        assert not any(policy.can(persons[key], p) for p in PERMISSIONS), key
    assert can(persons["platform-admin"], "region.manage")


def test_an_object_spanning_regions_is_reachable_from_each_of_them(people, registered):
    persons, own, other = people
    both, only_other = Network({own.id, other.id}), Network({other.id})
    assert can(persons["region-admin"], "region.manage", both)
    assert can(persons["other-region-admin"], "region.manage", both)
    assert not can(persons["region-admin"], "region.manage", only_other)
    assert can(persons["other-region-admin"], "region.manage", only_other)
    assert not can(persons["member"], "region.manage", both)
    assert not can(persons["national-analyst"], "region.manage", both)
    assert can(persons["national-analyst"], "region.read-drafts", only_other)


def test_an_object_rule_narrows_a_regional_role(people, registered):
    persons, own, _other = people
    lead = persons["project-lead"]
    theirs, not_theirs = Network({own.id}, {lead.id}), Network({own.id})
    assert can(lead, "initiative.edit", theirs)
    assert not can(lead, "initiative.edit", not_theirs)
    assert can(persons["region-admin"], "initiative.edit", not_theirs)  # the rule spares admins
    assert can(persons["platform-admin"], "initiative.edit", not_theirs)


def test_an_object_grant_carries_a_permission_without_a_role_in_every_region_of_the_object(people, registered):
    persons, own, other = people
    member, no_role = persons["member"], persons["no-role"]
    spanning = Network({own.id, other.id}, coordinator_ids={member.id, no_role.id})
    assert can(member, "forum.manage", spanning) and can(no_role, "forum.manage", spanning)
    assert not can(member, "forum.manage", Network({other.id}))  # not theirs: the role alone does not reach
    assert not can(no_role, "region.manage", spanning)  # the relation carries that one permission only
    assert not can(no_role, "forum.manage")  # nothing to decide on


def test_an_object_of_no_region_is_reached_by_no_regional_role(people):
    persons, _own, _other = people
    assert not can(persons["region-admin"], "region.manage", object())


def test_a_role_holding_a_permission_through_a_relation_is_refused_on_a_kind_without_its_rule(people):
    persons, own, _other = people
    anything_of_the_region = Network({own.id}, lead_ids={persons["project-lead"].id})
    policy.region_scope(Network)(lambda network: network.region_ids)
    try:
        assert not can(persons["project-lead"], "initiative.edit", anything_of_the_region)
        assert can(persons["region-admin"], "initiative.edit", anything_of_the_region)
    finally:
        policy._region_scopes.pop(Network)


# ---------------------------------------------------------------------------------------------
# The rules applied to requests.
# ---------------------------------------------------------------------------------------------

THINGS = {}


@policy.object_loader("thing", "thing_id")
def _load_thing(thing_id):
    return THINGS.get(thing_id)


def _refused(app, path):
    with app.app_context():
        return db.session.scalars(select(AuditEvent.detail).where(
            AuditEvent.action == "refused", AuditEvent.path == path)).all()


@pytest.fixture
def probe_app(synced_app, accounts):
    """The app with test routes: one without a region, one on an object, one that refuses late."""
    from flask_login import current_user

    @policy.requires("region.manage")
    def regionless():
        return "managed"

    @policy.requires("region.manage", on="thing")
    def touch(thing):
        return f"touched {len(thing.region_ids)}"

    @policy.signed_in
    def rename_then_refuse():
        current_user.name = "Ändrad innan nekad"
        db.session.flush()
        policy.refuse(403, "changed its mind")

    synced_app.add_url_rule("/test/regionless", view_func=regionless, methods=["POST"])
    synced_app.add_url_rule("/test/things/<int:thing_id>", view_func=touch, methods=["POST"])
    synced_app.add_url_rule("/test/rename", view_func=rename_then_refuse, methods=["POST"])
    policy.check_rules(synced_app, region_model=Region)
    with synced_app.app_context():
        regions = {r.slug: r.id for r in db.session.scalars(select(Region))}
    THINGS.clear()
    THINGS[1] = Network({regions["vastmanland"]})
    policy.region_scope(Network)(lambda network: network.region_ids)
    yield synced_app
    policy._region_scopes.pop(Network)


def _post(app, key, path):
    client = app.test_client()
    if key:
        assert login(client, ACCOUNTS[key][0]).status_code == 302
    return client.post(path, data={"csrf_token": csrf_token(client)})


@pytest.mark.own_app
@pytest.mark.parametrize("key, status", [
    ("platform-admin", 200), ("region-admin", 403), ("other-region-admin", 403), ("project-lead", 403),
    ("member", 403), ("national-analyst", 403), ("no-role", 403),
])
def test_a_route_without_region_or_object_refuses_every_regional_role(probe_app, key, status):
    response = _post(probe_app, key, "/test/regionless")
    assert response.status_code == status
    if status == 403:
        assert any("nothing to decide on" in detail for detail in _refused(probe_app, "/test/regionless"))


@pytest.mark.own_app
@pytest.mark.parametrize("key, path, status", [
    ("region-admin", "/test/things/1", 200),
    ("other-region-admin", "/test/things/1", 403),
    ("member", "/test/things/1", 403),
    ("platform-admin", "/test/things/1", 200),
    ("region-admin", "/test/things/2", 404),
])
def test_a_route_on_an_object_decides_on_its_regions(probe_app, key, path, status):
    response = _post(probe_app, key, path)
    assert response.status_code == status
    if status == 200:
        assert response.text == "touched 1"  # the view got the object, not its id
    else:
        assert len(_refused(probe_app, path)) == 1


@pytest.mark.own_app
def test_a_refusal_undoes_what_the_request_changed_first(probe_app):
    before = {p.email: p.name for p in _people(probe_app)}
    response = _post(probe_app, "member", "/test/rename")
    assert response.status_code == 403
    assert {p.email: p.name for p in _people(probe_app)} == before
    assert _refused(probe_app, "/test/rename") == ["POST /test/rename: changed its mind"]


def _people(app):
    with app.app_context():
        return db.session.scalars(select(Person)).all()


def test_a_rule_on_an_unknown_object_stops_the_start():
    app = Flask(__name__)
    app.add_url_rule("/x/<int:x_id>", view_func=policy.requires("region.manage", on="nothing-by-this-name")(lambda x: ""))
    with pytest.raises(RuntimeError, match="no object loader 'nothing-by-this-name'"):
        policy.check_rules(app, region_model=Region)


def test_a_rule_whose_url_lacks_the_loaders_argument_stops_the_start():
    app = Flask(__name__)
    app.add_url_rule("/x", view_func=policy.requires("region.manage", on="thing")(lambda: ""))
    with pytest.raises(RuntimeError, match="has no <thing_id>"):
        policy.check_rules(app, region_model=Region)


# ---------------------------------------------------------------------------------------------
# One rule, two questions: what can() decides on one object, where() selects in SQL.
# ---------------------------------------------------------------------------------------------

import dataclasses  # noqa: E402
import itertools  # noqa: E402

import collab  # noqa: E402
from samverkan import create_app, hookimpl, roles  # noqa: E402
from samverkan.initiatives.models import Initiative, ProgressEntry  # noqa: E402
from samverkan.initiatives.queries import editable_by, visible_to  # noqa: E402
from samverkan.forums.models import ForumModel  # noqa: E402
from samverkan.networks.models import Network as NetworkModel  # noqa: E402
from samverkan.times import today  # noqa: E402

#: where an initiative is led from and which region partners it (None: none)
PLACES = {"own": ("vastmanland", None), "other": ("vasternorrland", None),
          "own, partnered by other": ("vastmanland", "vasternorrland"),
          "other, partnered by own": ("vasternorrland", "vastmanland")}
#: how an initiative relates to the accounts: through its owner, through a partner actor, not at all
RELATIONS = ("owner", "partner", "unrelated")


def _selected(model, condition, objects):
    ids = [obj.id for obj in objects]
    return set(db.session.scalars(select(model.id).where(model.id.in_(ids), condition)))


def test_where_selects_exactly_the_initiatives_can_allows(synced_app, accounts):
    """Every test account × led from the own or the other region, with or without a partner region ×
    related through the owner, a partner actor or not at all × draft or published."""
    with synced_app.app_context():
        related = collab.make_actor("vastmanland", name="Allas aktör")
        for email in accounts.values():
            collab.make_membership(related, email)
        initiatives = []
        for (place, (lead, partner)), relation, draft in itertools.product(PLACES.items(), RELATIONS, (False, True)):
            stranger = collab.make_actor(lead, name=f"Främling {place} {relation} {draft}")
            initiatives.append(collab.make_initiative(
                lead, title=f"{place}, {relation}, {'utkast' if draft else 'publicerat'}",
                owner=related if relation == "owner" else stranger,
                partners=[related] if relation == "partner" else [],
                partner_regions=[collab.region(partner)] if partner else [], draft=draft))
        entries = [collab.make_entry(initiative, today()) for initiative in initiatives]
        db.session.commit()
        for key, email in accounts.items():
            person = collab.person(email)
            for permission in ("initiative.edit", "region.read-drafts"):
                assert _selected(Initiative, policy.where(person, permission, Initiative), initiatives) == {
                    i.id for i in initiatives if can(person, permission, i)}, (key, permission)
                assert _selected(ProgressEntry, policy.where(person, permission, ProgressEntry), entries) == {
                    e.id for e in entries if can(person, permission, e)}, (key, permission)
            assert _selected(Initiative, editable_by(person), initiatives) == {
                i.id for i in initiatives if can(person, "initiative.edit", i)}, key
            assert _selected(Initiative, visible_to(person), initiatives) == {
                i.id for i in initiatives if not i.draft or can(person, "initiative.edit", i)
                or can(person, "region.read-drafts", i)}, key
        lead = collab.person(accounts["project-lead"])
        assert {i.title for i in initiatives if can(lead, "initiative.edit", i)} == {
            f"{place}, {relation}, {state}" for place in ("own", "own, partnered by other", "other, partnered by own")
            for relation in ("owner", "partner") for state in ("utkast", "publicerat")}


def test_where_selects_exactly_the_regions_networks_and_forum_models_can_allows(synced_app, accounts):
    with synced_app.app_context():
        regions = db.session.scalars(select(Region)).all()
        models = [collab.make_forum_model(slug, published=False) for slug in ("vastmanland", "vasternorrland")]
        networks = [collab.make_network(*slugs) for slugs in
                    (("vastmanland",), ("vasternorrland",), ("vastmanland", "vasternorrland"))]
        coordinated = collab.make_network("vasternorrland", name="Samordnat")
        collab.make_coordinator(coordinated, accounts["member"])
        networks.append(coordinated)
        db.session.commit()
        for key, email in accounts.items():
            person = collab.person(email)
            for permission in PERMISSIONS:
                assert _selected(Region, policy.where(person, permission, Region), regions) == {
                    r.id for r in regions if can(person, permission, r)}, (key, permission)
            for permission in ("forum.manage", "region.manage"):
                assert _selected(NetworkModel, policy.where(person, permission, NetworkModel), networks) == {
                    n.id for n in networks if can(person, permission, n)}, (key, permission)
            assert _selected(ForumModel, policy.where(person, "region.manage", ForumModel), models) == {
                m.id for m in models if can(person, "region.manage", m)}, key


# ---------------------------------------------------------------------------------------------
# Fail closed at the start: a permission that needs a relation needs its rule.
# ---------------------------------------------------------------------------------------------

SETTINGS = {"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": "sqlite://"}


@pytest.fixture
def archiving(monkeypatch):
    """A new permission, ``initiative.archive``, that a project lead holds through a relation, with
    no rule for it; every table is restored afterwards."""
    monkeypatch.setitem(roles.PERMISSIONS, "initiative.archive", "archive initiatives")
    monkeypatch.setitem(roles.RELATIONS, "initiative.archive", "the owner is an actor the person is a member of")
    lead = roles.ROLES[roles.PROJECT_LEAD]
    monkeypatch.setitem(roles.ROLES, roles.PROJECT_LEAD, dataclasses.replace(
        lead, permissions=lead.permissions | {"initiative.archive"},
        through_relation=lead.through_relation | {"initiative.archive"}))
    monkeypatch.setitem(policy.PERMISSIONS, "initiative.archive", roles.roles_holding("initiative.archive"))


class ArchivePage:
    """A plugin whose page decides ``initiative.archive`` on an initiative."""

    @hookimpl
    def samverkan_blueprints(self):
        from flask import Blueprint

        bp = Blueprint("archive_probe", __name__)
        bp.add_url_rule("/initiatives/<int:initiative_id>/archive", view_func=policy.requires(
            "initiative.archive", on="initiative")(lambda initiative: ""), methods=["POST"])
        return [bp]


def test_a_permission_needing_a_relation_without_its_rule_stops_the_start(archiving, pm):
    with pytest.raises(RuntimeError, match=r"initiative\.archive needs a relation .* no object_rule for it"):
        create_app(SETTINGS)
    pm.register(ArchivePage(), name="archive-page")
    with pytest.raises(RuntimeError, match=r"archive_probe.*initiative\.archive needs a relation .*"
                                           r"no object_rule\('initiative\.archive', Initiative\)"):
        create_app(SETTINGS, plugin_manager=pm)


def test_a_view_deciding_a_relation_on_a_kind_without_its_rule_stops_the_start(monkeypatch):
    monkeypatch.delitem(policy._object_rules, ("initiative.edit", ProgressEntry))
    with pytest.raises(RuntimeError, match=r"initiative\.edit needs a relation .*"
                                           r"no object_rule\('initiative\.edit', ProgressEntry\)"):
        create_app(SETTINGS)
