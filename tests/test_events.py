"""Domain events: each service says what happened, in its own transaction, and the subscribers hear
of it once that transaction has committed; what fails is kept and delivered by
``samverkan events dispatch``."""
import dataclasses
import json
import logging
from datetime import date, timedelta

import collab
import pytest
from conftest import ACCOUNTS, csrf_token, in_language, login
from sqlalchemy import select, update
from test_authorization import signed_in_client
from test_transfer import GOOD_ROW, csv_file

from samverkan import events, subscribers
from samverkan.accounts.models import Person
from samverkan.audit import AuditEvent
from samverkan.times import utcnow
from samverkan.actors import services as actors
from samverkan.events import (
    ActorChanged,
    ForumChanged,
    InitiativeChanged,
    InitiativesImported,
    MeetingChanged,
    MembershipChanged,
    NetworkChanged,
    OutboxEvent,
    PersonErased,
    PlanSynced,
    ProgressReported,
    RegistrationChanged,
    RoundClosed,
    RoundOpened,
    emit,
)
from samverkan.extensions import db
from samverkan.forums import services as forums
from samverkan.forums.models import Forum
from samverkan.initiatives import importer, progress_services, services as initiatives
from samverkan.meetings import registrations, services as meetings
from samverkan.meetings.models import Registration
from samverkan.needs import services as needs
from samverkan.networks import services as networks
from samverkan.sync import sync_all

MEMBER, LEAD = ACCOUNTS["member"][0], ACCOUNTS["project-lead"][0]


@pytest.fixture
def app_config():
    """A registrant moved up from the waiting list is mailed a link."""
    return {"MAIL_BACKEND": "memory", "BASE_URL": "https://samverkan.example.se"}


def outbox_since(last_id):
    """The events emitted after the outbox row ``last_id``, in order."""
    return [row.event() for row in db.session.scalars(
        select(OutboxEvent).where(OutboxEvent.id > last_id).order_by(OutboxEvent.id))]


def last_id():
    return db.session.scalar(select(db.func.max(OutboxEvent.id))) or 0


@pytest.fixture
def heard(monkeypatch):
    """Replaces every core subscriber by one that notes the events it is handed."""
    noted = []

    def note(event, session):
        noted.append(event)

    monkeypatch.setattr(subscribers, "SUBSCRIBERS", {cls: (note,) for cls in events.EVENT_TYPES.values()})
    return noted


def region_ids(*slugs):
    return tuple(sorted(collab.region(slug).id for slug in slugs))


def test_initiative_services_emit_what_changed(synced_app):
    with synced_app.app_context():
        start = last_id()
        item = collab.make_initiative("vastmanland", title="Lärlingar i industrin",
                                      partner_regions=[collab.region("vasternorrland")])
        initiatives.update_initiative(item, {"summary": "Fler lärlingar."}, by=None, version=item.version)
        initiatives.update_status(item, "completed", by=None, version=item.version)
        db.session.commit()
        owner_id = item.owner_id
        assert outbox_since(start) == [
            ActorChanged(actor_id=owner_id, region_ids=region_ids("vastmanland"), change="created"),  # the owner
            *(InitiativeChanged(initiative_id=item.id, region_ids=region_ids("vastmanland", "vasternorrland"),
                                change=change) for change in ("created", "updated", "status")),
        ]


def test_an_import_emits_one_event_for_its_initiatives(synced_app):
    with synced_app.app_context():
        start = last_id()
        outcome = importer.import_file("x.csv", csv_file(GOOD_ROW))
        db.session.commit()
        emitted = outbox_since(start)
        assert emitted[-1] == InitiativesImported(region_id=None, initiative_ids=(outcome.done[0][1],))
        assert {type(event) for event in emitted[:-1]} == {ActorChanged}  # the owner the file named


def test_progress_reports_emit_with_their_initiative_and_region(synced_app, accounts):
    with synced_app.app_context():
        item = collab.make_initiative("vasternorrland")
        start = last_id()
        entry = progress_services.add_entry(item, {"reported_on": date(2026, 3, 1), "happened": "Vi började."},
                                            by=collab.person(LEAD))
        progress_services.update_entry(entry, {"reported_on": date(2026, 3, 2), "happened": "Vi fortsatte."})
        entry_id = entry.id
        progress_services.delete_entry(entry)
        db.session.commit()
        assert outbox_since(start) == [
            ProgressReported(initiative_id=item.id, entry_id=entry_id, region_id=collab.region("vasternorrland").id,
                             change=change) for change in ("added", "updated", "deleted")]


def test_meetings_and_registrations_emit(synced_app, accounts):
    with synced_app.app_context():
        meeting = collab.make_meeting(collab.make_forum(slug="vastmanland"), capacity=1)
        db.session.commit()
        start = last_id()
        meetings.set_minutes(meeting, "Vi beslutade.")
        item = meetings.add_agenda_item(meeting, "Läget")
        meetings.update_agenda_item(item, "Läget i länet")
        meetings.delete_agenda_item(item)
        registrations.register(meeting, collab.person(MEMBER))
        registrations.register(meeting, collab.person(LEAD))
        seat, waiting = (collab.person(email).id for email in (MEMBER, LEAD))
        db.session.commit()
        ids = dict(db.session.execute(select(Registration.person_id, Registration.id)).all())
        registrations.cancel(meeting, collab.person(MEMBER))
        db.session.commit()
        assert outbox_since(start) == [
            *(MeetingChanged(meeting_id=meeting.id, forum_id=meeting.forum_id, change=change)
              for change in ("minutes", "agenda", "agenda", "agenda")),
            RegistrationChanged(meeting_id=meeting.id, registration_id=ids[seat], change="registered"),
            RegistrationChanged(meeting_id=meeting.id, registration_id=ids[waiting], change="waiting"),
            RegistrationChanged(meeting_id=meeting.id, registration_id=ids[seat], change="cancelled"),
            RegistrationChanged(meeting_id=meeting.id, registration_id=ids[waiting], change="promoted"),
        ]


def test_actors_memberships_networks_and_forums_emit(synced_app, accounts):
    with synced_app.app_context():
        vastmanland, vasternorrland = collab.region("vastmanland"), collab.region("vasternorrland")
        start = last_id()
        values = dict(kind="employer", municipality=None, org_number="", website=None, description="",
                      regions=[vastmanland])
        actor = actors.create_actor(name="Verkstaden AB", **values)
        actors.update_actor(actor, name="Verkstaden AB", **{**values, "description": "Svarvar."})
        actors.update_actor(actor, name="Verkstäderna AB", **values)
        actors.add_region(actor, vasternorrland, by=None)
        membership = actors.add_membership(actor, collab.person(MEMBER), "contact", vastmanland)
        actors.remove_membership(membership)
        network = networks.create_network("Industrirådet", "sector-council", "", [vastmanland], [], by=None)
        networks.update_network(network, "Industrirådet", "sector-council", "Industrin.",
                                [vastmanland, vasternorrland], [])
        networks.change_stage(network, networks.STAGE_KEYS[1], "Vi ses oftare.", by=None)
        forum = forums.save_forum(Forum(network=network), "Industriforum", "", None)
        forums.save_forum(forum, "Verkstadsforum", "", None)
        db.session.commit()
        both = region_ids("vastmanland", "vasternorrland")
        assert outbox_since(start) == [
            ActorChanged(actor_id=actor.id, region_ids=(vastmanland.id,), change="created"),
            ActorChanged(actor_id=actor.id, region_ids=(vastmanland.id,), change="updated", renamed=False),
            ActorChanged(actor_id=actor.id, region_ids=(vastmanland.id,), change="updated", renamed=True),
            ActorChanged(actor_id=actor.id, region_ids=both, change="region added"),
            MembershipChanged(actor_id=actor.id, region_id=vastmanland.id, role="contact", change="added"),
            MembershipChanged(actor_id=actor.id, region_id=vastmanland.id, role="contact", change="removed"),
            NetworkChanged(network_id=network.id, region_ids=(vastmanland.id,), change="created"),
            NetworkChanged(network_id=network.id, region_ids=both, change="updated"),
            NetworkChanged(network_id=network.id, region_ids=both, change="stage"),
            ForumChanged(forum_id=forum.id, change="created"),
            ForumChanged(forum_id=forum.id, change="updated"),
        ]


def test_a_survey_round_and_a_plan_sync_emit(synced_app):
    with synced_app.app_context():
        region = collab.region("vasternorrland")
        start = last_id()
        today = date.today()
        survey = needs.open_round(region, title="Behov 2027", opens_on=today, closes_on=today + timedelta(days=30),
                                  question_set_version=1, actors=[collab.make_actor("vasternorrland")])
        db.session.commit()
        assert outbox_since(start)[-1] == RoundOpened(round_id=survey.id, region_id=region.id)
        start = last_id()
        sync_all(synced_app.extensions["samverkan.plugins"])
        assert not [event for event in outbox_since(start) if isinstance(event, PlanSynced)]  # nothing changed
        for slug in ("vasternorrland", "vastmanland"):  # a title edited by hand, which the sync puts back
            collab.region(slug).plans[0].title = "Ändrad för hand"
        db.session.commit()
        start = last_id()
        sync_all(synced_app.extensions["samverkan.plugins"])
        synced = [event for event in outbox_since(start) if isinstance(event, PlanSynced)]
        assert {event.region_id for event in synced} == {region.id, collab.region("vastmanland").id}
        plans = {event.region_id: event.plan_ids for event in synced}
        assert plans[region.id] and set(plans[region.id]) == {plan.id for plan in region.plans}


def test_events_are_delivered_after_the_commit_and_marked(synced_app, heard):
    with synced_app.app_context():
        item = collab.make_initiative("vastmanland")
        assert heard == []  # nothing before the commit
        db.session.commit()
        assert InitiativeChanged(initiative_id=item.id, region_ids=region_ids("vastmanland"),
                                 change="created") in heard
        rows = db.session.scalars(select(OutboxEvent).order_by(OutboxEvent.id.desc()).limit(2)).all()
        assert all(row.delivered_at is not None and row.attempts == 1 and row.failed == [] for row in rows)


def test_a_rolled_back_transaction_emits_nothing(synced_app, heard):
    with synced_app.app_context():
        start = last_id()
        collab.make_initiative("vastmanland", title="Ångrat")
        assert len(outbox_since(start)) == 2  # in the transaction: the owner and the initiative
        db.session.rollback()
        assert outbox_since(start) == []
        db.session.commit()  # a later commit delivers nothing of it either
        assert heard == []
        # nor does a savepoint taken back, within a transaction that commits
        kept = collab.make_actor("vastmanland", name="Kvar")
        nested = db.session.begin_nested()
        collab.make_actor("vastmanland", name="Ångrad i en savepoint")
        nested.rollback()
        db.session.commit()
        assert heard == [ActorChanged(actor_id=kept.id, region_ids=region_ids("vastmanland"), change="created")]


def failing(event, session):
    raise RuntimeError("the subscriber's own bug")


def test_a_failing_subscriber_fails_no_request_and_is_retried_by_dispatch(synced_app, accounts, heard, monkeypatch,
                                                                        caplog):
    with synced_app.app_context():
        meeting = collab.make_meeting(collab.make_forum(slug="vastmanland"))
        db.session.commit()
        meeting_id = meeting.id
    note = subscribers.SUBSCRIBERS[RegistrationChanged][0]
    monkeypatch.setitem(subscribers.SUBSCRIBERS, RegistrationChanged, (note, failing))
    client = synced_app.test_client()
    login(client, MEMBER)
    with caplog.at_level(logging.ERROR, logger="samverkan.events"):
        response = client.post(f"/meetings/{meeting_id}/register",
                               data={"csrf_token": csrf_token(client, f"/meetings/{meeting_id}")})
    assert response.status_code == 302  # the registration stands
    assert f"subscriber {subscribers.name_of(failing)} failed on RegistrationChanged" in caplog.text
    with synced_app.app_context():
        registration_id = db.session.scalars(select(Registration.id).filter_by(meeting_id=meeting_id)).one()
        row = db.session.scalars(select(OutboxEvent).filter_by(name="RegistrationChanged")).one()
        assert (row.attempts, row.failed, row.delivered_at) == (1, [subscribers.name_of(failing)], None)
    assert heard[-1] == RegistrationChanged(meeting_id=meeting_id, registration_id=registration_id,
                                            change="registered")  # the other subscriber had it
    delivered = len(heard)

    runner = synced_app.test_cli_runner()
    result = runner.invoke(args=["events", "dispatch"])
    assert result.exit_code == 1 and "0 delivered, 1 failed" in result.output  # still failing: kept

    def fixed(event, session):
        heard.append(("fixed", event))

    fixed.__qualname__ = failing.__qualname__  # the same subscriber, its bug fixed
    fixed.__module__ = failing.__module__
    monkeypatch.setitem(subscribers.SUBSCRIBERS, RegistrationChanged, (note, fixed))
    result = runner.invoke(args=["events", "dispatch"])
    assert result.exit_code == 0 and "1 delivered, 0 failed" in result.output
    assert heard[delivered:] == [("fixed", row.event())]  # only the one that failed is called again
    with synced_app.app_context():
        row = db.session.get(OutboxEvent, row.id)
        assert row.delivered_at is not None and row.failed == [] and row.attempts == 3
    assert "0 delivered, 0 failed" in runner.invoke(args=["events", "dispatch"]).output


def test_dispatch_delivers_what_a_crash_left_and_leaves_what_is_in_flight(synced_app, heard):
    with synced_app.app_context():
        for_later = emit(ActorChanged(actor_id=1, region_ids=(), change="updated"))
        db.session.info.pop(events._EMITTED)  # the process dies between commit and delivery
        db.session.commit()
        assert heard == []
        assert events.deliver() == (0, 0)  # it may still be on its way
        db.session.execute(update(OutboxEvent).where(OutboxEvent.id == for_later.id)
                           .values(created_at=utcnow() - events.IN_FLIGHT - timedelta(seconds=1)))
        db.session.commit()
        assert events.deliver() == (1, 0)
        assert heard == [ActorChanged(actor_id=1, region_ids=(), change="updated")]


def test_an_event_nobody_subscribes_to_is_kept_as_delivered_without_a_delivery(synced_app):
    with synced_app.app_context():
        assert subscribers.subscribers_of(RoundOpened) == []
        row = emit(RoundOpened(round_id=1, region_id=1))
        db.session.commit()
        row = db.session.get(OutboxEvent, row.id)
        assert row.delivered_at is not None and row.attempts == 0


def test_dispatch_forgets_delivered_events_after_a_week(synced_app, heard):
    with synced_app.app_context():
        old, recent, failed = (emit(ActorChanged(actor_id=n, region_ids=(), change="updated")) for n in (1, 2, 3))
        db.session.commit()
        week_ago = utcnow() - events.KEPT - timedelta(seconds=1)
        db.session.execute(update(OutboxEvent).where(OutboxEvent.id == old.id).values(delivered_at=week_ago))
        db.session.execute(update(OutboxEvent).where(OutboxEvent.id == failed.id)
                           .values(delivered_at=None, created_at=week_ago, attempts=1, failed=["elsewhere"]))
        db.session.commit()
        ids = old.id, recent.id, failed.id
    result = synced_app.test_cli_runner().invoke(args=["events", "dispatch"])
    assert "1 old ones deleted" in result.output
    with synced_app.app_context():
        assert db.session.scalars(select(OutboxEvent.id).where(OutboxEvent.id.in_(ids))
                                  .order_by(OutboxEvent.id)).all() == list(ids[1:])


def test_events_carry_no_personal_data(synced_app, accounts):
    """Every fact is an id, a flag or a word of the code's; a flow that touches a person's name,
    e-mail and phone leaves none of them in the outbox."""
    for cls in events.EVENT_TYPES.values():
        for field in dataclasses.fields(cls):
            assert field.name.endswith(("_id", "_ids")) or field.name in {"change", "role", "renamed"} or (
                cls is MeetingChanged and field.name in {"fields", "before"}), \
                (cls.__name__, field.name)  # (a meeting's calendar fields: public, no person's)
    with pytest.raises(TypeError, match="not an id, a flag or a word"):
        emit(PlanSynced(region_id=1, plan_ids=("Anna",)))
    with synced_app.app_context():
        start = last_id()
        person = db.session.scalars(select(Person).filter_by(email=MEMBER)).one()
        person.name, phone = "Signe Särskildsson", "070-123 45 67"
        item = collab.make_initiative("vastmanland", contact_name=person.name, contact_email=person.email,
                                      contact_phone=phone)
        initiatives.update_initiative(item, {"contact_phone": "070-765 43 21"}, by=person, version=item.version)
        actor = collab.make_actor("vastmanland")
        actors.add_membership(actor, person, "contact", collab.region("vastmanland"))
        registrations.register(collab.make_meeting(collab.make_forum(slug="vastmanland")), person)
        assert importer.import_file("x.csv", csv_file(GOOD_ROW)).ok  # Anna Andersson, anna@example.se
        db.session.commit()
        written = json.dumps([row.facts for row in db.session.scalars(
            select(OutboxEvent).where(OutboxEvent.id > start))], ensure_ascii=False)
        assert len(outbox_since(start)) >= 6
        for personal in ("Signe", "Särskildsson", MEMBER, phone, "070-765 43 21", "Anna", "anna@example.se"):
            assert personal not in written


def test_surveys_close_says_each_closed_round_once(synced_app):
    with synced_app.app_context():
        region = collab.region("vastmanland")
        today = date.today()
        ended, running = (needs.open_round(region, title=title, opens_on=today - timedelta(days=30),
                                           closes_on=today + timedelta(days=days), question_set_version=1,
                                           actors=[]) for title, days in (("Våren", -1), ("Hösten", 0)))
        db.session.commit()
        ids = ended.id, running.id
        start = last_id()
    runner = synced_app.test_cli_runner()
    result = runner.invoke(args=["surveys", "close"])
    assert result.exit_code == 0 and f"round {ids[0]} (vastmanland, Våren) closed" in result.output
    assert "Hösten" not in result.output  # its last day is today
    assert "0 round(s) closed." in runner.invoke(args=["surveys", "close"]).output  # once
    with synced_app.app_context():
        closed = [event for event in outbox_since(start) if isinstance(event, RoundClosed)]
        assert closed == [RoundClosed(round_id=ids[0], region_id=collab.region("vastmanland").id)]


def test_anonymising_a_person_says_so_by_id_only(synced_app, accounts):
    from samverkan.accounts import services as account_services

    with synced_app.app_context():
        person = collab.person(MEMBER)
        start = last_id()
        account_services.anonymise(person)
        db.session.commit()
        assert outbox_since(start) == [PersonErased(person_id=person.id)]


def redeliver(ids):
    """Hand the outbox rows ``ids`` to every subscriber again, as after a crash that took back
    their mark of delivery; returns what :func:`events.deliver` returns."""
    db.session.execute(update(OutboxEvent).where(OutboxEvent.id.in_(ids)).values(delivered_at=None, failed=None))
    db.session.commit()
    return events.deliver(ids)


def test_the_audit_log_names_a_closed_round_and_a_sync_once_each(synced_app, accounts):
    """What the row hook sees only as changed rows (a round's ``closed_at``, the sync's plans, hidden
    as the command line's) the log's subscribers say in one row per event, however often the
    event is delivered; the log page shows them in both languages."""
    with synced_app.app_context():
        region = collab.region("vastmanland")
        today = date.today()
        survey = needs.open_round(region, title="Våren", opens_on=today - timedelta(days=30),
                                  closes_on=today - timedelta(days=1), question_set_version=1, actors=[])
        region.plans[0].title = "Ändrad för hand"  # which the sync puts back
        db.session.commit()
        start = last_id()
        needs.close_due_rounds()
        sync_all(synced_app.extensions["samverkan.plugins"])
        said = db.session.scalars(select(OutboxEvent.id).where(OutboxEvent.id > start, OutboxEvent.name.in_(
            ("RoundClosed", "PlanSynced"))).order_by(OutboxEvent.id)).all()
        assert len(said) == 2
        assert redeliver(said) == (2, 0)
        rows = db.session.scalars(select(AuditEvent).where(AuditEvent.event_id.in_(said)).order_by(AuditEvent.id)).all()
        assert [(row.event_id, row.action, row.object_type, row.object_id, row.region_id, row.person_id)
                for row in rows] == [(said[0], "close", "SurveyRound", str(survey.id), region.id, None),
                                     (said[1], "sync", "Region", str(region.id), region.id, None)]
        assert rows[1].changes == {"plan_ids": [plan.id for plan in sorted(region.plans, key=lambda p: p.id)]}
        plan_title = region.plans[0].title
    platform = signed_in_client(synced_app, "platform-admin")
    swedish = platform.get("/admin/audit").text.split("<tbody>")[1]  # shown by default: not hidden as sync rows
    assert "Stängd: sista dagen hade passerat" in swedish and f'<a href="/surveys/{survey.id}">Våren</a>' in swedish
    assert "Synkad från regionens plugin" in swedish and "plattformen" in swedish and plan_title in swedish
    english = in_language(platform, "en").get("/admin/audit").text.split("<tbody>")[1]
    assert "Closed: its last day had passed" in english and "Synced from the region&#39;s plugin" in english
    assert "the platform" in english and "Survey round" in english
