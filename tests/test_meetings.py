"""Meetings: Stockholm times across the clock changes, the agenda with and without htmx,
escaping, sanitised minutes, actions, the lists, and who may manage a network's meetings."""
import re
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event, select

from collab import (BAD_REQUEST, form_errors, heading, make_action, make_agenda_item, make_coordinator, make_forum,
                    make_meeting, make_network, refusals)
from conftest import ACCOUNTS, csrf_token, in_language, login
from samverkan.extensions import db
from samverkan.meetings.markdown import render_markdown
from samverkan.meetings.models import Action, Meeting

HX = {"HX-Request": "true"}


def _ids(app, *objects):
    with app.app_context():
        db.session.commit()
        return [obj.id for obj in objects]


@pytest.fixture
def admin(client, accounts):
    login(client, ACCOUNTS["region-admin"][0])
    return client


def _meeting(app, slug="vastmanland", **values):
    with app.app_context():
        meeting = make_meeting(make_forum(slug=slug), **values)
        db.session.commit()
        return meeting.id, meeting.forum_id


def _post(client, url, data, headers=None):
    return client.post(url, data={**data, "csrf_token": csrf_token(client)}, headers=headers or {})


def _get(app, model, obj_id):
    with app.app_context():
        return db.session.get(model, obj_id)


MEETING = {"title": "Branschråd", "place": "Västerås", "status": "planned"}


# -- times --------------------------------------------------------------------------------------

@pytest.mark.parametrize("day, stored", [("2026-10-25", datetime(2026, 10, 25, 9)),  # winter time
                                         ("2026-10-24", datetime(2026, 10, 24, 8))])  # summer time
def test_a_meeting_is_entered_in_stockholm_time_and_stored_in_utc(synced_app, admin, day, stored):
    _, forum_id = _meeting(synced_app)
    response = _post(admin, f"/forums/{forum_id}/meetings/new", {**MEETING, "day": day, "starts": "10:00", "ends": "12:00"})
    assert response.status_code == 302, response.text
    meeting_id = int(response.headers["Location"].rsplit("/", 1)[1])
    meeting = _get(synced_app, Meeting, meeting_id)
    assert (meeting.starts_at, meeting.ends_at) == (stored, stored + timedelta(hours=2))
    page = admin.get(f"/meetings/{meeting_id}").text
    assert "10:00" in page and "12:00" in page
    assert "09:00" not in page and "08:00" not in page


def test_a_time_in_the_spring_gap_is_a_form_error(synced_app, admin):
    _, forum_id = _meeting(synced_app)
    response = _post(admin, f"/forums/{forum_id}/meetings/new",
                     {**MEETING, "day": "2026-03-29", "starts": "02:30", "ends": "04:00"})
    assert response.status_code == 400
    assert form_errors(response) == {"starts": "Den tiden finns inte den dagen: klockan ställs fram från 02.00 till 03.00."}
    with synced_app.app_context():
        assert db.session.scalar(select(Meeting).filter_by(title="Branschråd")) is None


def test_the_end_comes_after_the_start_and_a_place_or_a_link_is_given(synced_app, admin):
    _, forum_id = _meeting(synced_app)
    url = f"/forums/{forum_id}/meetings/new"
    times = {"day": "2026-05-05", "starts": "10:00"}
    for data, errors in (
        ({"ends": "09:00"}, {"ends": "Mötet måste sluta efter att det börjar."}),
        ({"ends": "11:00", "place": ""}, {"place": "Ange en plats, en videolänk eller båda."}),
        ({"ends": "11:00", "place": "", "video_url": "javascript:alert(1)"},
         {"video_url": "Ange en webbadress som börjar med https:// eller http://."}),
    ):
        response = _post(admin, url, {**MEETING, **times, **data})
        assert response.status_code == 400, data
        assert form_errors(response) == errors, data
    assert _post(admin, url, {**MEETING, **times, "ends": "11:00", "place": "",
                              "video_url": "https://meet.example.se/x"}).status_code == 302


def test_the_sequence_rises_on_a_time_change_and_not_on_minutes(synced_app, admin):
    meeting_id, _ = _meeting(synced_app, starts_at=datetime(2026, 5, 5, 8))
    edit = {**MEETING, "day": "2026-05-05", "starts": "10:00", "ends": "12:00"}
    assert _post(admin, f"/meetings/{meeting_id}/edit", {**edit, "title": "Testmöte"}).status_code == 302
    assert _get(synced_app, Meeting, meeting_id).sequence == 1  # the place changed
    assert _post(admin, f"/meetings/{meeting_id}/edit", {**edit, "title": "Testmöte"}).status_code == 302
    assert _get(synced_app, Meeting, meeting_id).sequence == 1  # nothing changed
    assert _post(admin, f"/meetings/{meeting_id}/minutes", {"minutes": "Vi talade."}).status_code == 302
    assert _get(synced_app, Meeting, meeting_id).sequence == 1
    assert _post(admin, f"/meetings/{meeting_id}/edit", {**edit, "title": "Testmöte", "starts": "10:30"}).status_code == 302
    meeting = _get(synced_app, Meeting, meeting_id)
    assert meeting.sequence == 2 and meeting.starts_at == datetime(2026, 5, 5, 8, 30)


def test_a_meeting_of_a_forum_with_a_model_starts_with_its_agenda(synced_app, admin):
    from collab import make_forum_model
    from samverkan.forums.models import ForumModelItem

    with synced_app.app_context():
        model = make_forum_model("vastmanland")
        model.agenda_items = [ForumModelItem(title="Läget i branschen", position=0),
                              ForumModelItem(title="Kompetensbehov", position=1)]
        forum = make_forum(slug="vastmanland", model=model)
        db.session.commit()
        forum_id = forum.id
    response = _post(admin, f"/forums/{forum_id}/meetings/new",
                     {**MEETING, "day": "2026-05-05", "starts": "10:00", "ends": "12:00"})
    meeting = _get(synced_app, Meeting, int(response.headers["Location"].rsplit("/", 1)[1]))
    with synced_app.app_context():
        items = db.session.get(Meeting, meeting.id).agenda_items
        assert [(i.position, i.title) for i in items] == [(0, "Läget i branschen"), (1, "Kompetensbehov")]


# -- the agenda ---------------------------------------------------------------------------------

def _agenda(app, meeting_id):
    with app.app_context():
        return [(item.position, item.title) for item in db.session.get(Meeting, meeting_id).agenda_items]


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_agenda_add_edit_move_delete(synced_app, admin, htmx):
    meeting_id, _ = _meeting(synced_app)
    headers = HX if htmx else {}

    def check(response):
        if htmx:
            assert response.status_code == 200
            assert "<html" not in response.text and 'id="agenda"' in response.text
        else:
            assert response.status_code == 302
            assert response.headers["Location"].startswith(f"/meetings/{meeting_id}#")

    for title in ("Ett", "Två", "Tre"):
        check(_post(admin, f"/meetings/{meeting_id}/agenda", {"title": title}, headers))
    assert _agenda(synced_app, meeting_id) == [(0, "Ett"), (1, "Två"), (2, "Tre")]
    with synced_app.app_context():
        one, two, three = (i.id for i in db.session.get(Meeting, meeting_id).agenda_items)

    form = admin.get(f"/agenda-items/{two}/edit", headers=headers)
    assert form.status_code == 200 and ("<html" in form.text) != htmx
    check(_post(admin, f"/agenda-items/{two}/edit", {f"item{two}-title": "Två ändrad", f"item{two}-notes": "x"}, headers))
    assert _agenda(synced_app, meeting_id) == [(0, "Ett"), (1, "Två ändrad"), (2, "Tre")]
    bad = _post(admin, f"/agenda-items/{two}/edit", {f"item{two}-title": ""}, headers)
    assert bad.status_code == 400 and ("<html" in bad.text) != htmx
    assert form_errors(bad) == {f"item{two}-title": "Det här fältet är obligatoriskt."}

    moved = _post(admin, f"/agenda-items/{three}/move", {"direction": "up"}, headers)
    check(moved)
    if htmx:  # the moved item's button keeps the focus
        assert re.search(r'aria-label="Move up: Tre"[^>]*data-autofocus|data-autofocus[^>]*aria-label="Flytta upp: Tre"'
                         r'|aria-label="Flytta upp: Tre"[^>]*data-autofocus', moved.text)
    check(_post(admin, f"/agenda-items/{one}/move", {"direction": "up"}, headers))  # at the top: stays
    assert _agenda(synced_app, meeting_id) == [(0, "Ett"), (1, "Tre"), (2, "Två ändrad")]
    sideways = _post(admin, f"/agenda-items/{one}/move", {"direction": "sideways"}, headers)
    assert sideways.status_code == 400 and heading(sideways) == BAD_REQUEST  # not a refused CSRF token
    assert _agenda(synced_app, meeting_id) == [(0, "Ett"), (1, "Tre"), (2, "Två ändrad")]

    confirm = admin.get(f"/agenda-items/{three}/delete")
    assert confirm.status_code == 200 and "Tre" in confirm.text
    assert _agenda(synced_app, meeting_id) == [(0, "Ett"), (1, "Tre"), (2, "Två ändrad")]
    check(_post(admin, f"/agenda-items/{three}/delete", {}, headers))
    assert _agenda(synced_app, meeting_id) == [(0, "Ett"), (1, "Två ändrad")]


def test_a_script_title_is_escaped_in_page_and_fragment(synced_app, admin):
    meeting_id, _ = _meeting(synced_app, title="<script>alert(1)</script>")
    evil = "<script>alert(2)</script>"
    fragment = _post(admin, f"/meetings/{meeting_id}/agenda", {"title": evil}, HX)
    page = admin.get(f"/meetings/{meeting_id}")
    for text in (fragment.text, page.text):
        assert "<script>alert" not in text
        assert "&lt;script&gt;alert(2)&lt;/script&gt;" in text
    assert "&lt;script&gt;alert(1)" in page.text


# -- minutes, decisions, actions ----------------------------------------------------------------

def test_markdown_is_sanitised():
    html = render_markdown("## Rubrik\n\n**fet** [länk](https://a.se) [x](javascript:alert(1)) <javascript:alert(2)>\n\n"
                           "<script>alert(3)</script>\n\n<img src=x onerror=alert(4)>\n\n"
                           '<a href="javascript:alert(5)" onclick="x()">a</a>')
    assert "<h4>Rubrik</h4>" in html and "<strong>fet</strong>" in html
    assert '<a href="https://a.se" rel="noopener noreferrer">länk</a>' in html
    assert "<script" not in html
    assert not re.search(r"<[^>]*(onerror|onclick)", html)
    assert not re.search(r'<[^>]*href="\s*javascript:', html, re.I)  # (escaped text may say it)
    assert "<img" not in html


def test_minutes_are_shown_sanitised(synced_app, admin):
    meeting_id, _ = _meeting(synced_app)
    assert _post(admin, f"/meetings/{meeting_id}/minutes",
                 {"minutes": "Vi **beslutade**.\n\n<script>alert(1)</script> [x](javascript:alert(1))"}).status_code == 302
    page = admin.get(f"/meetings/{meeting_id}").text
    assert "Vi <strong>beslutade</strong>." in page
    assert "<script>alert(1)" not in page and 'href="javascript' not in page


def test_headings_in_minutes_sit_below_the_minutes_heading(synced_app, admin):
    """The minutes are under the page's h2: a writer's # and ## are h3 and h4, never a second
    h2 beside "Minutes" (or an h1 beside the meeting's title) in the page's outline."""
    meeting_id, _ = _meeting(synced_app)
    assert _post(admin, f"/meetings/{meeting_id}/minutes",
                 {"minutes": "# Beslut\n\n## Uppföljning\n\n###### Djupast\n\nText."}).status_code == 302
    page = in_language(admin, "en").get(f"/meetings/{meeting_id}").text
    minutes = page[page.index('<div class="minutes"'):]
    assert "<h3>Beslut</h3>" in minutes and "<h4>Uppföljning</h4>" in minutes and "<h6>Djupast</h6>" in minutes
    assert re.findall(r"<h[12][ >]", minutes[:minutes.index("</div>")]) == []


def test_decisions_and_actions(synced_app, admin):
    meeting_id, _ = _meeting(synced_app)
    assert _post(admin, f"/meetings/{meeting_id}/decisions", {"text": "Vi startar ett validerings­nätverk"}).status_code == 302
    with synced_app.app_context():
        decision_id = db.session.get(Meeting, meeting_id).decisions[0].id
    data = {"what": "Bjud in skolorna", "owner_email": ACCOUNTS["member"][0], "due_on": "2026-06-01",
            "decision": str(decision_id), "owner_actor": "None", "node": "None"}
    for email, error in (("okand@exempel.se", "Inget konto har den här e-postadressen."),
                         ("", "Ange den person eller aktör som ansvarar för åtgärden.")):
        response = _post(admin, f"/meetings/{meeting_id}/actions", {**data, "owner_email": email})
        assert response.status_code == 400
        assert form_errors(response) == {"owner_email": error}
    assert _post(admin, f"/meetings/{meeting_id}/actions", data).status_code == 302
    with synced_app.app_context():
        action = db.session.get(Meeting, meeting_id).actions[0]
        assert (action.owner_person.email, action.decision_id, action.done) == (ACCOUNTS["member"][0], decision_id, False)
        action_id = action.id
    assert _post(admin, f"/actions/{action_id}/done", {}).status_code == 302
    action = _get(synced_app, Action, action_id)
    assert action.done and action.done_at is not None
    assert _post(admin, f"/actions/{action_id}/done", {}).status_code == 302
    action = _get(synced_app, Action, action_id)
    assert not action.done and action.done_at is None
    assert _post(admin, f"/decisions/{decision_id}/delete", {}).status_code == 302
    assert _get(synced_app, Action, action_id).decision_id is None


def test_open_actions_of_a_region_overdue_first(synced_app, admin):
    with synced_app.app_context():
        meeting = make_meeting(make_forum(slug="vastmanland"), title="Rådsmöte")
        make_action(meeting, what="Senare uppgift", owner_email=ACCOUNTS["member"][0], due_on=date(2099, 1, 1))
        make_action(meeting, what="Försenad uppgift", owner_email=ACCOUNTS["member"][0], due_on=date(2020, 1, 1))
        make_action(meeting, what="Klar uppgift", owner_email=ACCOUNTS["member"][0], due_on=date(2020, 1, 1), done=True)
        make_action(make_meeting(make_forum(slug="vasternorrland")), what="Annan region",
                    owner_email=ACCOUNTS["member"][0], due_on=date(2020, 1, 1))
        db.session.commit()
    page = admin.get("/regions/vastmanland/actions").text
    assert page.index("Försenad uppgift") < page.index("Senare uppgift")
    assert "Klar uppgift" not in page and "Annan region" not in page
    assert re.search(r"Försenad|Overdue|Försenad", page) and ("Overdue" in page or "Försenad</strong>" in page)
    assert "Rådsmöte" in page
    assert admin.get("/regions/vasternorrland/actions").status_code == 403
    assert refusals(synced_app)[-1] == "region.manage"


# -- lists and the forum page -------------------------------------------------------------------

def _count_statements(app, client, url):
    executed = []
    listener = lambda *args: executed.append(args[2])  # noqa: E731
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            response = client.get(url)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
    assert response.status_code == 200
    return len(executed), response


def test_forum_page_is_paginated_with_a_constant_number_of_statements(synced_app, client):
    with synced_app.app_context():
        forum = make_forum(slug="vastmanland")
        start = datetime(2099, 1, 1, 8)
        make_meeting(forum, title="Första", starts_at=start)
        db.session.commit()
        forum_id = forum.id
    small, _ = _count_statements(synced_app, client, f"/forums/{forum_id}")
    with synced_app.app_context():
        forum = db.session.get(type(forum), forum_id)
        for n in range(1, 45):
            make_meeting(forum, title=f"Möte {n}", starts_at=start + timedelta(days=n))
        make_meeting(forum, title="Förr", starts_at=datetime(2001, 1, 1, 8))
        db.session.commit()
    large, response = _count_statements(synced_app, client, f"/forums/{forum_id}")
    assert large == small
    assert response.text.count('href="/meetings/') == 20
    assert "Första" in response.text and "Förr" not in response.text
    third = client.get(f"/forums/{forum_id}?page=3").text
    assert "Möte 44" in third and third.count('href="/meetings/') == 5
    past = client.get(f"/forums/{forum_id}?when=past").text
    assert "Förr" in past and "Första" not in past
    assert client.get(f"/forums/{forum_id}?page=99999999999999999999").status_code == 200


def test_region_and_network_lists(synced_app, client, accounts):
    with synced_app.app_context():
        network = make_network("vastmanland", "vasternorrland")
        make_meeting(make_forum(network), title="Nätverksmöte")
        make_meeting(make_forum(slug="vastmanland"), title="Regionmöte")
        make_meeting(make_forum(slug="vasternorrland"), title="Norrlandsmöte")
        db.session.commit()
        network_id = network.id
    vastmanland = client.get("/regions/vastmanland/meetings").text
    assert "Nätverksmöte" in vastmanland and "Regionmöte" in vastmanland and "Norrlandsmöte" not in vastmanland
    norr = client.get("/regions/vasternorrland/meetings").text
    assert "Nätverksmöte" in norr and "Regionmöte" not in norr
    network_page = client.get(f"/networks/{network_id}/meetings").text
    assert "Nätverksmöte" in network_page and "Regionmöte" not in network_page
    assert client.get("/me/meetings").status_code == 302


def test_my_meetings_lists_registrations(synced_app, client, accounts):
    from samverkan.meetings.models import Registration
    from collab import person

    with synced_app.app_context():
        mine = make_meeting(make_forum(slug="vastmanland"), title="Mitt möte")
        make_meeting(mine.forum, title="Annat möte")
        db.session.add(Registration(meeting=mine, person=person(ACCOUNTS["member"][0])))
        db.session.commit()
    login(client, ACCOUNTS["member"][0])
    page = client.get("/me/meetings").text
    assert "Mitt möte" in page and "Annat möte" not in page


# -- who manages a network's meetings -----------------------------------------------------------

def test_a_coordinator_without_a_role_manages_the_networks_meetings(synced_app, client, accounts):
    with synced_app.app_context():
        network = make_network("vastmanland", "vasternorrland")
        make_coordinator(network, ACCOUNTS["no-role"][0])
        meeting = make_meeting(make_forum(network), title="Rådsmöte")
        item = make_agenda_item(meeting, title="Punkt")
        db.session.commit()
        meeting_id, item_id, forum_id = meeting.id, item.id, meeting.forum_id
    edit = {**MEETING, "day": "2026-05-05", "starts": "10:00", "ends": "12:00"}

    login(client, ACCOUNTS["no-role"][0])
    assert client.get(f"/meetings/{meeting_id}/edit").status_code == 200
    assert _post(client, f"/meetings/{meeting_id}/edit", edit).status_code == 302
    assert _post(client, f"/agenda-items/{item_id}/move", {"direction": "down"}).status_code == 302
    assert "New meeting" in client.get(f"/forums/{forum_id}").text or "Nytt möte" in client.get(f"/forums/{forum_id}").text

    other = synced_app.test_client()
    login(other, ACCOUNTS["region-admin"][0])  # Västmanland: the network spans it
    assert _post(other, f"/meetings/{meeting_id}/minutes", {"minutes": "ok"}).status_code == 302
    with synced_app.app_context():
        outside = make_network("vasternorrland")
        outside_meeting = make_meeting(make_forum(outside))
        db.session.commit()
        outside_id = outside_meeting.id
    assert _post(other, f"/meetings/{outside_id}/minutes", {"minutes": "nej"}).status_code == 403
    assert _post(client, f"/meetings/{outside_id}/minutes", {"minutes": "nej"}).status_code == 403
    assert refusals(synced_app)[-2:] == ["forum.manage", "forum.manage"]
    assert _get(synced_app, Meeting, outside_id).minutes == ""

