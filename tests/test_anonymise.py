"""Anonymising a person (issue 18, item 5): what they did stays, who they were goes, and the audit
log, searched raw in every column, holds no copy of their name, e-mail address or phone number."""
import json

import collab
from conftest import ACCOUNTS, PASSWORD, csrf_token, in_language, login
from sqlalchemy import func, select, text

from samverkan.accounts import services
from samverkan.accounts.models import LoginLink, PasswordResetToken, Person
from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.initiatives.models import Initiative
from samverkan.meetings.models import Registration
from test_initiatives import edit_data

NAME, EMAIL, PHONE = "Karin Personsson", "karin.personsson@exempel.se", "070-123 45 67"
#: what must not be found anywhere in the log: the name (also as changed), the address, the phone
TRACES = (NAME, "Personsson", EMAIL, "karin.personsson", PHONE, "0701234567")


def _post(client, url, **data):
    return client.post(url, data={"csrf_token": csrf_token(client), **data})


def _active_person(app, accounts):
    """Karin, added by the region admin through the page, a project lead with an actor and an initiative."""
    admin = app.test_client()
    assert login(admin, accounts["region-admin"]).status_code == 302
    assert _post(admin, "/regions/vastmanland/people", email=EMAIL, name=NAME, role="project-lead").status_code == 302
    with app.app_context():
        person = services.find_person(EMAIL)
        person.set_password(PASSWORD)
        actor = collab.make_actor("vastmanland", name="Salas validering AB")
        collab.make_membership(actor, EMAIL, role="project-lead")
        initiative = collab.make_initiative("vastmanland", title="Validering i Sala", owner=actor)
        meeting = collab.make_meeting(collab.make_forum(slug="vastmanland"))
        db.session.commit()
        return person.id, initiative.id, meeting.id


def _activity(app, initiative_id, meeting_id):
    """Edits, a registration, a login, a failed login, a refused request, a reset asked for."""
    assert login(app.test_client(), EMAIL, "inte mitt lösenord").status_code == 400
    client = app.test_client()
    assert login(client, EMAIL).status_code == 302
    assert _post(client, "/account", name=NAME + " Andersdotter").status_code == 302
    assert _post(client, "/account", name=NAME).status_code == 302
    saved = client.post(f"/initiatives/{initiative_id}/edit", data=edit_data(
        client, initiative_id, contact_name=NAME, contact_email=EMAIL, contact_phone=PHONE, status="finished"))
    assert saved.status_code == 302
    assert _post(client, f"/meetings/{meeting_id}/register").status_code == 302
    assert client.get("/admin/audit").status_code == 403
    assert _post(app.test_client(), "/password-reset", email=EMAIL).status_code in (200, 302)
    return client


def _raw_rows(app):
    """Every audit row, every column, as text (the JSON as the database returns it)."""
    with app.app_context():
        result = db.session.execute(text("SELECT * FROM audit_events ORDER BY id"))
        return {row.id: json.dumps([value if isinstance(value, (dict, list)) else str(value) for value in row],
                                   ensure_ascii=False) for row in result}


def test_an_anonymised_person_leaves_no_trace_in_the_audit_log_and_every_row_stays(synced_app, accounts):
    app = synced_app
    person_id, initiative_id, meeting_id = _active_person(app, accounts)
    session = _activity(app, initiative_id, meeting_id)
    with app.app_context():
        services.renew_calendar_token(db.session.get(Person, person_id))
        db.session.commit()
        about = select(AuditEvent.action).where(
            (AuditEvent.person_id == person_id) | ((AuditEvent.object_type == "Person")
                                                   & (AuditEvent.object_id == str(person_id))))
        done = set(db.session.scalars(about))
    # the activity is in the log, tied to the person
    assert {"create", "login", "login-failed", "update", "refused", "password-reset-requested"} <= done
    before = _raw_rows(app)

    result = app.test_cli_runner().invoke(args=["users", "anonymise", EMAIL, "--yes"])
    assert result.exit_code == 0, result.output

    after = _raw_rows(app)
    assert set(before) <= set(after)  # every row is still there, and the count with it
    assert len([key for key in after if key in before]) == len(before)
    for row in after.values():
        for trace in TRACES:
            assert trace.lower() not in row.lower(), (trace, row)

    with app.app_context():
        person = db.session.get(Person, person_id)
        assert person.anonymised_at is not None and not person.active
        assert person.name == services.ANONYMISED_NAME and EMAIL not in person.email
        assert person.password_hash is None and person.calendar_token_hash is None
        for model in (PasswordResetToken, LoginLink):
            assert db.session.scalar(select(func.count()).select_from(model).filter_by(person_id=person_id)) == 0
        # what they did still points at them
        assert db.session.scalar(select(Registration.person_id).filter_by(meeting_id=meeting_id)) == person_id
        initiative = db.session.get(Initiative, initiative_id)
        assert initiative.updated_by_id == person_id and initiative.status == "finished"
        assert (initiative.contact_name, initiative.contact_email, initiative.contact_phone) == (None, None, None)
    # their session ended, and their old password opens nothing
    assert session.get("/account").status_code in (302, 401)
    assert login(app.test_client(), EMAIL).status_code == 400

    # the log still reads: what happened, to what, by a removed person
    admin = app.test_client()
    assert login(admin, accounts["platform-admin"]).status_code == 302
    page = in_language(admin, "en").get("/admin/audit")
    assert page.status_code == 200
    assert "removed person" in page.text
    for words in ("Logged in", "Failed login", "Refused request", "Changed", "Anonymised"):
        assert words in page.text, words
    assert all(trace not in page.text for trace in TRACES)
    swedish = in_language(admin, "sv").get("/admin/audit")
    assert "borttagen person" in swedish.text


def test_the_last_platform_admin_cannot_be_anonymised(synced_app, accounts):
    result = synced_app.test_cli_runner().invoke(args=["users", "anonymise", ACCOUNTS["platform-admin"][0], "--yes"])
    assert result.exit_code != 0 and "last active platform administrator" in result.output
    with synced_app.app_context():
        assert services.find_person(ACCOUNTS["platform-admin"][0]).anonymised_at is None


def test_an_unknown_address_is_a_usage_error(synced_app, accounts):
    result = synced_app.test_cli_runner().invoke(args=["users", "anonymise", "ingen@exempel.se", "--yes"])
    assert result.exit_code == 2 and "no account for ingen@exempel.se" in result.output


def test_every_audited_column_that_may_hold_contact_details_is_declared_personal(app):
    """A new audited model (or column) with an address, a phone or a contact must say so, or the
    audit log would keep a copy of it."""
    from samverkan.audit import personal_fields

    looks_personal = ("email", "phone", "contact", "responsible")
    undeclared = []
    for mapper in db.Model.registry.mappers:
        model = mapper.class_
        if getattr(model, "__audited__", False):
            for column in mapper.column_attrs:
                if any(word in column.key for word in looks_personal) and column.key not in personal_fields(model):
                    undeclared.append(f"{model.__name__}.{column.key}")
    assert undeclared == []
    with app.app_context():
        assert personal_fields(Person) == {"name", "email"}
