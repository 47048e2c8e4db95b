"""Meetings as iCalendar: one meeting's file, the feeds of a region, a network, a forum and a
person (behind a secret token), parsed back with ``icalendar``."""
import re
from datetime import datetime, timedelta

import pytest
from icalendar import Calendar

from collab import make_agenda_item, make_forum, make_meeting, make_network, person, route_of
from conftest import ACCOUNTS, csrf_token, login
from samverkan.accounts import services
from samverkan.times import utcnow
from samverkan.extensions import db
from samverkan.meetings import registrations
from samverkan.meetings.models import Meeting
from samverkan.networks.models import NetworkMember

BASE_URL = "https://samverkan.example.se"
MEMBER = ACCOUNTS["member"][0]


@pytest.fixture
def app_config():
    return {"BASE_URL": BASE_URL}


def parse(response):
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert re.match(r'attachment; filename="[\w-]+\.ics"', response.headers["Content-Disposition"])
    return Calendar.from_ical(response.data)


def titles(response):
    return sorted(str(event["SUMMARY"]) for event in parse(response).events)


def test_one_meeting(client):
    with client.application.app_context():
        forum = make_forum(slug="vastmanland", name="Vårdforum")
        meeting = make_meeting(forum, title="Vårmöte", place="Västerås", starts_at=datetime(2030, 3, 5, 8))
        make_agenda_item(meeting, "Kompetensbehov i vården")
        db.session.commit()
        meeting_id, uid = meeting.id, meeting.uid
    calendar = parse(client.get(f"/meetings/{meeting_id}.ics"))
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Vårmöte" and calendar["PRODID"]
    (event,) = calendar.events
    assert str(event["UID"]) == f"{uid}@samverkan.example.se"
    assert str(event["LOCATION"]) == "Västerås"
    assert str(event["URL"]) == f"{BASE_URL}/meetings/{meeting_id}"
    assert "Vårdforum" in event["DESCRIPTION"] and "Kompetensbehov i vården" in event["DESCRIPTION"]
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event["DTSTAMP"].dt.tzinfo is not None
    assert event.start.hour == 9 and event.end.hour == 11  # winter: UTC+1
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    assert b"DTSTART;TZID=Europe/Stockholm:20300305T090000" in client.get(f"/meetings/{meeting_id}.ics").data


def test_the_video_link_is_the_url(client):
    with client.application.app_context():
        meeting_id = make_meeting(make_forum(slug="vastmanland"), video_url="https://video.example.se/m/1").id
        db.session.commit()
    (event,) = parse(client.get(f"/meetings/{meeting_id}.ics")).events
    assert str(event["URL"]) == "https://video.example.se/m/1"


def test_an_edit_keeps_the_uid_and_raises_the_sequence(client):
    with client.application.app_context():
        meeting = make_meeting(make_forum(slug="vastmanland"))
        db.session.commit()
        meeting_id = meeting.id
    (before,) = parse(client.get(f"/meetings/{meeting_id}.ics")).events
    with client.application.app_context():
        meeting = db.session.get(Meeting, meeting_id)
        meeting.starts_at += timedelta(hours=1)  # as the meetings' edit service does
        meeting.ends_at += timedelta(hours=1)
        meeting.sequence += 1
        db.session.commit()
    (after,) = parse(client.get(f"/meetings/{meeting_id}.ics")).events
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after.start - before.start == timedelta(hours=1)


def test_a_cancelled_meeting_is_cancelled_in_the_calendar(client):
    with client.application.app_context():
        meeting_id = make_meeting(make_forum(slug="vastmanland"), status="cancelled").id
        db.session.commit()
    (event,) = parse(client.get(f"/meetings/{meeting_id}.ics")).events
    assert str(event["STATUS"]) == "CANCELLED"


@pytest.mark.parametrize("starts_at, local", [
    (datetime(2026, 10, 25, 9), b"DTSTART;TZID=Europe/Stockholm:20261025T100000"),  # the day summer time ends
    (datetime(2026, 10, 24, 8), b"DTSTART;TZID=Europe/Stockholm:20261024T100000"),  # the day before: UTC+2
])
def test_summer_time_ends(client, starts_at, local):
    with client.application.app_context():
        meeting_id = make_meeting(make_forum(slug="vastmanland"), starts_at=starts_at).id
        db.session.commit()
    response = client.get(f"/meetings/{meeting_id}.ics")
    assert local in response.data
    (event,) = parse(response).events
    assert event.start.utcoffset() == (timedelta(hours=1) if starts_at.day == 25 else timedelta(hours=2))
    assert str(event.start.tzinfo) == "Europe/Stockholm"


def test_unknown_ids_are_not_found(client):
    for path in ("/meetings/999999.ics", "/networks/999999/meetings.ics", "/forums/999999/meetings.ics",
                 "/regions/nowhere/meetings.ics", "/calendar/nope.ics", f"/calendar/{'x' * 300}.ics"):
        # the address is a feed's: the 404 is the view's answer to the id, not a route missing
        assert route_of(client.application, path) is not None, path
        assert client.get(path).status_code == 404, path


@pytest.fixture
def meetings(synced_app):
    """A region forum in each region, a network spanning both, one in Västernorrland only, and
    old and cancelled meetings: title -> (meeting id, forum id, network id)."""
    with synced_app.app_context():
        own, other = make_forum(slug="vastmanland"), make_forum(slug="vasternorrland")
        both, north = make_network("vastmanland", "vasternorrland"), make_network("vasternorrland")
        both_forum, north_forum = make_forum(both), make_forum(north)
        now = utcnow()
        made = {
            "Västmanland": make_meeting(own, "Västmanland"),
            "Västmanland inställt": make_meeting(own, "Västmanland inställt", status="cancelled"),
            "Västmanland i fjol": make_meeting(own, "Västmanland i fjol", starts_at=now - timedelta(days=200)),
            "Västmanland för länge sedan": make_meeting(own, "Västmanland för länge sedan",
                                                        starts_at=now - timedelta(days=400)),
            "Västernorrland": make_meeting(other, "Västernorrland"),
            "Båda": make_meeting(both_forum, "Båda"),
            "Norr": make_meeting(north_forum, "Norr"),
        }
        db.session.commit()
        return {title: (m.id, m.forum_id, m.forum.network_id) for title, m in made.items()}


def test_the_feeds_hold_their_own_meetings_only(client, meetings):
    assert titles(client.get("/regions/vastmanland/meetings.ics")) == sorted(
        ["Västmanland", "Västmanland inställt", "Västmanland i fjol", "Båda"])
    assert titles(client.get("/regions/vasternorrland/meetings.ics")) == sorted(["Västernorrland", "Båda", "Norr"])
    _, forum_id, network_id = meetings["Norr"]
    assert titles(client.get(f"/networks/{network_id}/meetings.ics")) == ["Norr"]
    _, forum_id, _ = meetings["Västmanland"]
    assert titles(client.get(f"/forums/{forum_id}/meetings.ics")) == sorted(
        ["Västmanland", "Västmanland inställt", "Västmanland i fjol"])
    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in parse(client.get("/regions/vastmanland/meetings.ics")).events}
    assert statuses["Västmanland inställt"] == "CANCELLED" and statuses["Västmanland"] == "CONFIRMED"


def test_a_persons_feed_behind_their_token(client, accounts, meetings):
    with client.application.app_context():
        member = person(MEMBER)
        registrations.register(db.session.get(Meeting, meetings["Västernorrland"][0]), member)
        db.session.add(NetworkMember(network_id=meetings["Norr"][2], person=member))
        token = services.renew_calendar_token(member)
        db.session.commit()
    assert titles(client.get(f"/calendar/{token}.ics")) == ["Norr", "Västernorrland"]
    with client.application.app_context():
        new_token = services.renew_calendar_token(person(MEMBER))
        db.session.commit()
    assert client.get(f"/calendar/{token}.ics").status_code == 404  # renewing revokes the old URL
    assert client.get(f"/calendar/{new_token}.ics").status_code == 200
    with client.application.app_context():
        services.revoke_calendar_token(person(MEMBER))
        db.session.commit()
    assert client.get(f"/calendar/{new_token}.ics").status_code == 404


def shown_feed_token(response):
    """The token of the feed URL a page shows, or None."""
    found = re.search(rf'id="calendar-url" value="{BASE_URL}/calendar/([\w-]+)\.ics"', response.text)
    return found.group(1) if found else None


def test_the_account_page_creates_renews_and_removes_the_link(client, accounts):
    login(client, MEMBER)
    page = client.get("/account").text
    assert "Skapa en kalenderlänk" in page and "/calendar/" not in page
    created = client.post("/account/calendar", data={"csrf_token": csrf_token(client)})
    # the answer itself shows the URL: the one time it can be shown, only its hash being kept
    assert created.status_code == 200
    first = shown_feed_token(created)
    assert first and '<label for="calendar-url">' in created.text
    assert "visas bara den här gången" in created.text and "alla som har den ser dina möten" in created.text
    assert "no-store" in created.headers["Cache-Control"]
    assert client.get(f"/calendar/{first}.ics").status_code == 200
    # and never again: the account page says there is a link, and how to get a new one
    later = client.get("/account")
    assert shown_feed_token(later) is None and first not in later.text
    assert "Du har en kalenderlänk" in later.text and "Förnya länken" in later.text
    renewed = client.post("/account/calendar", data={"csrf_token": csrf_token(client)})
    second = shown_feed_token(renewed)
    assert second and second != first and client.get(f"/calendar/{first}.ics").status_code == 404
    client.post("/account/calendar/revoke", data={"csrf_token": csrf_token(client)})
    assert client.get(f"/calendar/{second}.ics").status_code == 404
    assert "Skapa en kalenderlänk" in client.get("/account").text


def test_the_page_that_shows_the_link_saves_the_name_on_the_account(client, accounts):
    """The renewal's answer is the account page at the renewal's address: its details form must
    still post to the account, not renew the link again."""
    login(client, MEMBER)
    renewed = client.post("/account/calendar", data={"csrf_token": csrf_token(client)})
    assert 'action="/account" class="form"' in renewed.text
    token = shown_feed_token(renewed)
    saved = client.post("/account", data={"name": "Nytt Namn", "csrf_token": csrf_token(client)})
    assert saved.status_code == 302 and saved.headers["Location"] == "/account"
    assert client.get(f"/calendar/{token}.ics").status_code == 200  # not renewed by the save


def test_the_feed_secret_is_stored_only_as_its_sha256(client, accounts):
    """Someone who reads the database (a backup, a replica, the audit log) cannot follow a feed
    URL: what is kept is the survey and reset links' hash of the token, never the token."""
    from sqlalchemy import text

    from samverkan.audit import AuditEvent

    login(client, MEMBER)
    token = shown_feed_token(client.post("/account/calendar", data={"csrf_token": csrf_token(client)}))
    with client.application.app_context():
        member = person(MEMBER)
        assert member.calendar_token_hash == services.token_hash(token) != token
        rows = db.session.execute(text("SELECT * FROM people")).all()
        assert not any(token in str(value) for row in rows for value in row)
        events = db.session.scalars(db.select(AuditEvent)).all()
        assert events and not any(token in str(event.changes) or token in str(event.detail) for event in events)
        assert not any(member.calendar_token_hash in str(event.changes) for event in events)
