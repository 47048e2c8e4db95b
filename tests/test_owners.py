"""A project lead can start at once: the owners the initiative form offers, what a person with no
actor is told and whom to ask, and the command line's ``--actor``."""
import re
from datetime import timedelta

import collab
import pytest
from conftest import csrf_token, login
from sqlalchemy import select

from samverkan.accounts import services as services_accounts
from samverkan.accounts.services import find_person, token_hash
from samverkan.actors import services
from samverkan.actors.models import Invitation, Membership
from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.times import utcnow

NEW_PASSWORD = "lång ny lösenfras för test"


@pytest.fixture
def app_config():
    """E-mail kept in memory, for the tests to read the invitations sent."""
    return {"MAIL_BACKEND": "memory"}


def test_the_form_offers_a_project_lead_only_their_own_actors_as_owner(client, accounts):
    with client.application.app_context():
        own = collab.make_actor("vastmanland", "Egen Aktör AB")
        collab.make_actor("vastmanland", "Annan Aktör AB")
        collab.make_membership(own, accounts["project-lead"])
        db.session.commit()
        own_id = own.id
    login(client, accounts["project-lead"])
    page = client.get("/initiatives/new")
    owner_select = page.text.split('name="owner"')[1].split("</select>")[0]
    assert f'value="{own_id}"' in owner_select and "Egen Aktör AB" in owner_select
    assert "Annan Aktör AB" not in owner_select
    assert "Annan Aktör AB" in page.text.split('name="partners"')[1].split("</select>")[0]


def test_a_project_lead_of_no_actor_is_told_what_to_ask_for_and_from_whom(client, accounts):
    login(client, accounts["project-lead"])
    for url in ("/me", "/initiatives/new"):
        page = client.get(url)
        assert page.status_code == 200
        assert "Du företräder ingen organisation ännu" in page.text, url
        assert "Administratörer för Västmanland:" in page.text
        assert f'mailto:{accounts["region-admin"]}' in page.text
        assert accounts["other-region-admin"] not in page.text
    assert 'name="owner"' not in client.get("/initiatives/new").text


def test_a_region_admin_is_offered_every_actor_and_told_nothing(client, accounts):
    with client.application.app_context():
        collab.make_actor("vastmanland", "Annan Aktör AB")
        db.session.commit()
    login(client, accounts["region-admin"])
    assert "Du företräder ingen organisation ännu" not in client.get("/me").text
    page = client.get("/initiatives/new")
    assert "Annan Aktör AB" in page.text.split('name="owner"')[1].split("</select>")[0]


def cli(app, *args):
    return app.test_cli_runner().invoke(args=["users", "create", "--email", "ny@kommun.se", "--name", "Ny Person",
                                              "--password", NEW_PASSWORD, *args])


def test_users_create_with_actor_gives_the_membership_and_the_project_lead_can_save(synced_app):
    with synced_app.app_context():
        actor = collab.make_actor("vastmanland", "Västerås stad")
        db.session.commit()
        actor_id = actor.id
    result = cli(synced_app, "--role", "project-lead", "--region", "vastmanland", "--actor", "västerås  stad",
                 "--actor-role", "project-lead")
    assert result.exit_code == 0, result.output
    assert f"project-lead of Västerås stad (actor {actor_id})" in result.output
    with synced_app.app_context():
        membership = db.session.scalars(select(Membership).where(Membership.actor_id == actor_id)).one()
        assert (membership.person.email, membership.role, membership.region.slug) == \
            ("ny@kommun.se", "project-lead", "vastmanland")
    client = synced_app.test_client()
    login(client, "ny@kommun.se", NEW_PASSWORD)
    assert f'<option value="{actor_id}"' in client.get("/initiatives/new").text


def test_users_create_refuses_an_unknown_actor_or_one_of_another_region_and_writes_nothing(synced_app):
    with synced_app.app_context():
        collab.make_actor("vasternorrland", "Sundsvalls kommun")
        db.session.commit()
    result = cli(synced_app, "--role", "project-lead", "--region", "vastmanland", "--actor", "Sundsvalls kommun")
    assert result.exit_code == 2
    assert "no actor 'Sundsvalls kommun' in vastmanland" in result.output
    result = cli(synced_app, "--role", "national-analyst", "--actor", "Sundsvalls kommun")
    assert result.exit_code == 2 and "--actor needs --region" in result.output
    assert "ny@kommun.se" not in synced_app.test_cli_runner().invoke(args=["users", "list"]).output


# -- invitations -------------------------------------------------------------------------------

#: an address the forms' e-mail check accepts (it refuses the test accounts' reserved domain)
INVITED = "karin.lind@vasteras.se"


def outbox(app):
    return app.extensions.setdefault("samverkan.outbox", [])


def make_actor(app, slug="vastmanland", name="Västerås stad"):
    with app.app_context():
        actor = collab.make_actor(slug, name)
        db.session.commit()
        return actor.id


def invite(client, actor_id, email=INVITED, **values):
    data = {"email": email, "name": "Karin Lind", "role": "project-lead", "account_role": "project-lead",
            "csrf_token": csrf_token(client, f"/actors/{actor_id}"), **values}
    return client.post(f"/actors/{actor_id}/members", data=data)


def invitation_path(app):
    """The path of the invitation link in the last message sent."""
    return re.search(r"http://localhost(/invitations/\S+)", outbox(app)[-1]["body"]).group(1)


def accept(client, path, password=NEW_PASSWORD, name="Karin Lind"):
    return client.post(path, data={"name": name, "password": password, "confirm": password,
                                   "csrf_token": csrf_token(client, path)})


def admin_client(app, accounts, key="region-admin"):
    client = app.test_client()
    assert login(client, accounts[key]).status_code == 302
    return client


def invitations(app):
    with app.app_context():
        return db.session.scalars(select(Invitation).order_by(Invitation.id)).all()


def assert_refused(app, path, status, *reasons):
    """Accepting the invitation at ``path`` is answered ``status``, saying ``reasons``, and makes no account."""
    answer = accept(app.test_client(), path)
    assert answer.status_code == status
    assert all(reason in answer.text for reason in reasons), answer.text
    with app.app_context():
        assert find_person(INVITED) is None


def test_an_invited_person_chooses_a_password_is_logged_in_and_can_save_for_the_actor(synced_app, accounts):
    actor_id = make_actor(synced_app)
    answer = invite(admin_client(synced_app, accounts), actor_id)
    assert answer.status_code == 302
    message = outbox(synced_app)[-1]
    assert message["to"] == INVITED
    assert "Västerås stad" in message["body"] and "projektledare" in message["body"]
    [invitation] = invitations(synced_app)
    path = invitation_path(synced_app)
    assert invitation.token_hash == token_hash(path.rsplit("/", 1)[1])  # only the hash is stored
    assert path.rsplit("/", 1)[1] not in str(invitation.__dict__)

    client = synced_app.test_client()
    page = client.get(path)
    assert page.status_code == 200 and "Västerås stad" in page.text and INVITED in page.text
    accepted = accept(client, path)
    assert accepted.status_code == 302 and accepted.headers["Location"] == "/me"
    me = client.get("/me")
    assert "Välkommen till Samverkan" in me.text and "Du företräder ingen organisation ännu" not in me.text
    assert f'<option value="{actor_id}"' in client.get("/initiatives/new").text
    with synced_app.app_context():
        person = find_person(INVITED)
        assert person.check_password(NEW_PASSWORD) and person.name == "Karin Lind"
        assert [(grant.role, grant.region.slug) for grant in person.grants] == [("project-lead", "vastmanland")]
        membership = db.session.scalars(select(Membership).filter_by(person_id=person.id)).one()
        assert (membership.actor_id, membership.role) == (actor_id, "project-lead")
        admin = find_person(accounts["region-admin"])
        sent = db.session.scalars(select(AuditEvent).filter_by(object_type="Invitation", action="create")).one()
        assert sent.person_id == admin.id and "token_hash" not in sent.changes
        assert sent.changes["email"] == {"personal": True}
        assert db.session.scalars(select(AuditEvent).filter_by(action="invitation-accepted",
                                                                person_id=person.id)).one()
        assert db.session.scalars(select(Invitation)).one().person_id == person.id


def test_an_invitation_link_works_once(synced_app, accounts):
    invite(admin_client(synced_app, accounts), make_actor(synced_app))
    path = invitation_path(synced_app)
    assert accept(synced_app.test_client(), path).status_code == 302
    again = accept(synced_app.test_client(), path, password="ett annat långt lösenord")
    assert again.status_code == 410
    assert "Inbjudan är redan godtagen" in again.text
    with synced_app.app_context():
        assert find_person(INVITED).check_password(NEW_PASSWORD)
    unknown = synced_app.test_client().get(path[:-3] + "xyz")
    assert unknown.status_code == 404 and "Kontrollera att hela länken" in unknown.text


def test_an_expired_invitation_is_refused_saying_when_and_whom_to_ask(synced_app, accounts):
    invite(admin_client(synced_app, accounts), make_actor(synced_app))
    path = invitation_path(synced_app)
    with synced_app.app_context():
        invitation = db.session.scalars(select(Invitation)).one()
        invitation.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    assert_refused(synced_app, path, 410, "Inbjudan gick ut den", "bjuda in dig igen")


def test_a_withdrawn_invitation_is_refused_and_cannot_be_withdrawn_twice(synced_app, accounts):
    actor_id = make_actor(synced_app)
    admin = admin_client(synced_app, accounts)
    invite(admin, actor_id)
    path = invitation_path(synced_app)
    page = admin.get(f"/actors/{actor_id}")
    assert "Inbjudningar som väntar på svar" in page.text and INVITED in page.text
    [invitation] = invitations(synced_app)
    revoke = f"/invitations/{invitation.id}/revoke"
    answer = admin.post(revoke, data={"csrf_token": csrf_token(admin, f"/actors/{actor_id}")})
    assert answer.status_code == 302
    shown = admin.get(f"/actors/{actor_id}").text
    assert "är tillbakadragen" in shown and "Inbjudningar som väntar på svar" not in shown
    assert_refused(synced_app, path, 410, "har dragit tillbaka inbjudan")
    twice = admin.post(revoke, data={"csrf_token": csrf_token(admin, f"/actors/{actor_id}")})
    assert twice.status_code == 409 and "har dragit tillbaka inbjudan" in twice.text
    with synced_app.app_context():
        assert db.session.scalars(select(AuditEvent).filter_by(object_type="Invitation", action="update")).one() \
            .changes["revoked_at"][0] is None


def test_the_admin_of_another_region_can_neither_invite_nor_withdraw(synced_app, accounts):
    actor_id = make_actor(synced_app)
    other = admin_client(synced_app, accounts, "other-region-admin")
    assert invite(other, actor_id).status_code == 403
    assert invitations(synced_app) == []
    invite(admin_client(synced_app, accounts), actor_id)
    [invitation] = invitations(synced_app)
    answer = other.post(f"/invitations/{invitation.id}/revoke", data={"csrf_token": csrf_token(other)})
    assert answer.status_code == 403
    assert collab.refusals(synced_app)[-1].startswith("region.manage")
    assert invitations(synced_app)[0].revoked_at is None


def test_an_invitation_for_a_region_that_does_not_keep_the_actor_or_is_not_the_admins_is_refused(synced_app,
                                                                                                  accounts):
    with synced_app.app_context():
        admin = find_person(accounts["region-admin"])
        vastmanland, vasternorrland = collab.region("vastmanland"), collab.region("vasternorrland")
        theirs = collab.make_actor("vasternorrland", "Sundsvalls kommun")
        shared = collab.make_actor("vastmanland", "Delad aktör")
        shared.regions = [vastmanland, vasternorrland]
        refusals = ((theirs, vastmanland, "Aktören hålls inte av Västmanland."),
                    (shared, vasternorrland, "Bara administratörerna för Västernorrland kan lägga till"))
        for actor, region, reason in refusals:
            with pytest.raises(services.ActorRefused) as refused:
                services.invite(actor, region, INVITED, "Karin", "contact", "member", by=admin)
            assert reason in str(refused.value)
        assert db.session.scalars(select(Invitation)).all() == []


def test_an_account_that_can_log_in_is_added_at_once_and_told_by_mail(synced_app, accounts):
    actor_id = make_actor(synced_app)
    with synced_app.app_context():
        services_accounts.create_person(INVITED, "Karin Lind", NEW_PASSWORD)
        db.session.commit()
    answer = invite(admin_client(synced_app, accounts), actor_id, role="contact", account_role="member")
    assert answer.status_code == 302
    assert invitations(synced_app) == []
    message = outbox(synced_app)[-1]
    assert message["to"] == INVITED and "har lagt till dig i Västerås stad som kontaktperson" in message["body"]
    with synced_app.app_context():
        person = find_person(INVITED)
        assert [(grant.role, grant.region.slug) for grant in person.grants] == [("member", "vastmanland")]
        assert db.session.scalars(select(Membership).filter_by(person_id=person.id)).one().role == "contact"
    again = invite(admin_client(synced_app, accounts), actor_id, role="contact", account_role="member")
    assert again.status_code == 400
    assert collab.form_errors(again)["role"] == "Karin Lind har redan den rollen hos aktören."


def test_inviting_again_sends_a_fresh_link_and_the_earlier_one_stops_working(synced_app, accounts):
    actor_id = make_actor(synced_app)
    admin = admin_client(synced_app, accounts)
    invite(admin, actor_id)
    first = invitation_path(synced_app)
    invite(admin, actor_id)
    second = invitation_path(synced_app)
    assert first != second
    assert accept(synced_app.test_client(), first).status_code == 410
    assert accept(synced_app.test_client(), second).status_code == 302
    assert [invitation.revoked_at is not None for invitation in invitations(synced_app)] == [True, False]


def test_an_invitation_whose_admin_left_the_region_is_refused_and_gives_nothing(synced_app, accounts):
    invite(admin_client(synced_app, accounts), make_actor(synced_app))
    path = invitation_path(synced_app)
    with synced_app.app_context():
        admin = find_person(accounts["region-admin"])
        for grant in list(admin.grants):
            db.session.delete(grant)
        db.session.commit()
    assert_refused(synced_app, path, 409, "Inbjudan gäller inte längre", "bjuda in dig igen")
    assert invitations(synced_app)[0].accepted_at is None


def test_a_project_lead_of_a_region_without_administrators_is_sent_to_the_platforms(synced_app):
    result = cli(synced_app, "--role", "project-lead", "--region", "gotland")
    assert result.exit_code == 0, result.output
    client = synced_app.test_client()
    login(client, "ny@kommun.se", NEW_PASSWORD)
    page = client.get("/me").text
    assert "Gotland har ingen administratör ännu. Fråga plattformens administratörer." in page
    assert "mailto:" not in page.split('id="actor-missing-heading"')[1].split("</section>")[0]
