"""The role model of ``policy.PERMISSIONS``, including the permissions later features will use."""
import pytest
from sqlalchemy import select

from samverkan.accounts.models import Person
from samverkan.extensions import db
from samverkan.policy import PERMISSIONS, can, regions_where
from samverkan.regions.models import Region

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
    ("region-admin", {"region.manage", "region.grant-roles", "region.read-audit", "initiative.edit",
                      "region.participate", "region.read-drafts"}),
    ("project-lead", {"initiative.edit", "region.participate"}),
    ("member", {"region.participate"}),
])
def test_regional_roles_hold_their_permissions_in_their_own_region_only(people, role, permissions):
    persons, own, other = people
    person = persons[role]
    assert {p for p in PERMISSIONS if can(person, p, own)} == permissions
    assert {p for p in PERMISSIONS if can(person, p, other)} == set()
    assert all(regions_where(person, p) == {own.id} for p in permissions)


def test_the_platform_admin_holds_every_permission_everywhere(people):
    persons, own, other = people
    assert all(can(persons["platform-admin"], p, region) for p in PERMISSIONS for region in (own, other))


def test_no_role_and_anonymous_hold_nothing(people):
    from flask_login import AnonymousUserMixin

    persons, own, _other = people
    assert not any(can(persons["no-role"], p, own) for p in PERMISSIONS)
    assert not any(can(AnonymousUserMixin(), p, own) for p in PERMISSIONS)
    assert regions_where(AnonymousUserMixin(), "region.manage") == set()
