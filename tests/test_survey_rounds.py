"""Survey rounds: a region admin opens a round (its period, question set and the employers
invited, each with the address it will get), runs its invitations (addresses, one more actor, an
unanswered invitation removed) and sends them and reminders, each with a fresh personal link; a
closed round sends nothing; the region's list and the round's page show counts to everyone and
which employer answered only to those who read the answers; ``samverkan surveys remind``.
"""
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

import collab
from conftest import ACCOUNTS, csrf_token, login
from samverkan.times import local_datetime, utcnow
from samverkan.extensions import db
from samverkan.needs import invitations, services
from samverkan.needs.models import SurveyResponse, SurveyRound
from samverkan.times import today

BASE_URL = "https://samverkan.example.se"
#: the answering page's address (``answers.by_link``, issue 10's interface)
LINK = re.compile(r"/surveys/answer/([A-Za-z0-9_-]+)")


@pytest.fixture
def app_config():
    return {"MAIL_BACKEND": "memory", "BASE_URL": BASE_URL}


def outbox(app):
    return app.extensions.setdefault("samverkan.outbox", [])


def signed_in(app, role):
    client = app.test_client()
    assert login(client, ACCOUNTS[role][0]).status_code == 302
    return client


def employer(slug, name, email=None, role="contact", kind="employer"):
    """An actor of ``slug`` with, given ``email``, a person of that address as its ``role``."""
    actor = collab.make_actor(slug, name=name, kind=kind)
    if email:
        from samverkan.accounts.services import create_person, find_person

        person = find_person(email) or create_person(email, name + " kontakt", "rätt häst batteri häftklammer")
        db.session.flush()
        collab.make_membership(actor, person.email, role=role)
    return actor


def make_round(slug, actors, *, opens=-1, closes=20, title="Kompetensbehov 2027"):
    """A round of ``slug`` over today+opens .. today+closes, inviting ``actors`` with their addresses."""
    day = today()
    survey = services.open_round(collab.region(slug), title=title, opens_on=day + timedelta(days=opens),
                                 closes_on=day + timedelta(days=closes), question_set_version=1, actors=actors,
                                 emails=invitations.default_emails([actor.id for actor in actors]))
    db.session.commit()
    return survey.id


def rounds_titled(app, title):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(SurveyRound).where(SurveyRound.title == title))


def response_of(round_id, actor_name):
    return db.session.execute(select(SurveyResponse).join(SurveyResponse.actor)
                              .where(SurveyResponse.round_id == round_id,
                                     collab.Actor.name == actor_name)).scalar_one()


def new_round_data(token, actor_ids, **values):
    day = today()
    return {"title": "Kompetensbehov 2027", "opens_on": day.isoformat(),
            "closes_on": (day + timedelta(days=30)).isoformat(), "question_set_version": "1",
            "actors": [str(actor_id) for actor_id in actor_ids], "csrf_token": token, **values}


# -- opening a round --------------------------------------------------------------------------

def test_a_region_admin_opens_a_round_with_its_employers_and_their_addresses(client, accounts):
    app = client.application
    with app.app_context():
        other = employer("vastmanland", "Aaa Kommunförbund", "kansli@aaa.se", kind="municipality")
        volvo = employer("vastmanland", "Volvo CE", "hr@volvo.se")
        # a contact's address goes before a representative's, though the representative came first
        abb = employer("vastmanland", "ABB Västerås", "rep@abb.se", role="representative")
        collab.make_membership(abb, collab.person(ACCOUNTS["member"][0]).email, role="contact")
        nobody = employer("vastmanland", "Bageriet utan adress")
        employer("vasternorrland", "SCA", "hr@sca.se")
        db.session.commit()
        ids = {actor.name: actor.id for actor in (other, volvo, abb, nobody)}
    admin = signed_in(app, "region-admin")
    page = admin.get("/regions/vastmanland/surveys/new")
    assert page.status_code == 200
    labels = re.findall(r'<label for="actors-\d+">([^<]+)</label>', page.text)
    # employers first (by name), then the other actors; another region's are not offered
    assert labels == [f"ABB Västerås – {ACCOUNTS['member'][0]}",
                      "Bageriet utan adress – ingen e-postadress ännu",
                      "Volvo CE – hr@volvo.se", "Aaa Kommunförbund – kansli@aaa.se"]

    response = admin.post("/regions/vastmanland/surveys/new",
                          data=new_round_data(csrf_token(admin), [ids["Volvo CE"], ids["ABB Västerås"],
                                                                  ids["Bageriet utan adress"]]))
    assert response.status_code == 302
    with app.app_context():
        survey = db.session.execute(select(SurveyRound)).scalar_one()
        assert response.headers["Location"] == f"/surveys/{survey.id}"
        assert (survey.opens_on, survey.closes_on) == (today(), today() + timedelta(days=30))
        assert survey.created_by.email == ACCOUNTS["region-admin"][0]
        # the region plugin's question, as it was when the round opened
        assert [question["key"] for question in survey.region_questions] == ["has-competence-plan"]
        assert sorted((r.actor.name, r.email, r.status, r.invited_at) for r in survey.responses) == [
            ("ABB Västerås", ACCOUNTS["member"][0], "invited", None),
            ("Bageriet utan adress", None, "invited", None),
            ("Volvo CE", "hr@volvo.se", "invited", None)]
    assert outbox(app) == []  # opening sends nothing: the admin checks the addresses first


@pytest.mark.parametrize("values, field, message", [
    ({"closes_on": (today() - timedelta(days=1)).isoformat(), "opens_on": (today() - timedelta(days=9)).isoformat()},
     "closes_on", "Sista dagen har passerat"),
    ({"opens_on": (today() + timedelta(days=10)).isoformat(), "closes_on": (today() + timedelta(days=5)).isoformat()},
     "closes_on", "kan inte stänga innan den öppnar"),
    ({"closes_on": "2027-02-31"}, "closes_on", "Inte ett giltigt datum"),
    ({"title": ""}, "title", ""),
    ({"question_set_version": "99"}, "question_set_version", ""),
    ({"actors": []}, "actors", "Välj minst en arbetsgivare"),
    ({"actors": ["other-region"]}, "actors", ""),
    ({"actors": ["not-a-number"]}, "actors", ""),
    ({"actors": ["99999999999999999999"]}, "actors", ""),
])
def test_bad_input_to_a_new_round_is_a_form_error(client, accounts, values, field, message):
    app = client.application
    with app.app_context():
        own = employer("vastmanland", "Volvo CE", "hr@volvo.se").id
        foreign = employer("vasternorrland", "SCA", "hr@sca.se").id
        db.session.commit()
    if values.get("actors") == ["other-region"]:
        values = {"actors": [str(foreign)]}
    admin = signed_in(app, "region-admin")
    data = new_round_data(csrf_token(admin), [own])
    data.update(values)
    response = admin.post("/regions/vastmanland/surveys/new", data=data)
    assert response.status_code == 400
    assert f'id="{field}-error"' in response.text or f'href="#{field}' in response.text
    assert message in response.text
    assert rounds_titled(app, "Kompetensbehov 2027") == 0


@pytest.mark.parametrize("role", ["member", "project-lead", "other-region-admin", "national-analyst", "no-role"])
def test_only_the_regions_admins_open_and_send(client, accounts, role):
    app = client.application
    with app.app_context():
        volvo = employer("vastmanland", "Volvo CE", "hr@volvo.se")
        round_id = make_round("vastmanland", [volvo])
        response_id, volvo_id = response_of(round_id, "Volvo CE").id, volvo.id
    visitor = signed_in(app, role)
    token = csrf_token(visitor)
    assert visitor.get("/regions/vastmanland/surveys/new").status_code == 403
    assert visitor.post("/regions/vastmanland/surveys/new",
                        data=new_round_data(token, [volvo_id], title="Obehörig")).status_code == 403
    for path in ("send", "remind", "invitations", f"invitations/{response_id}/remove"):
        assert visitor.post(f"/surveys/{round_id}/{path}", data={"csrf_token": token}).status_code == 403
    assert visitor.post(f"/surveys/{round_id}/invitations/{response_id}/email",
                        data={f"r{response_id}-email": "x@y.se", "csrf_token": token}).status_code == 403
    assert collab.refusals(app)[-7:] == ["region.manage"] * 7
    page = visitor.get(f"/surveys/{round_id}")
    assert page.status_code == 200 and "hr@volvo.se" not in page.text and "Volvo CE" not in page.text
    assert outbox(app) == [] and rounds_titled(app, "Obehörig") == 0
    with app.app_context():
        assert response_of(round_id, "Volvo CE").email == "hr@volvo.se"


# -- invitations and reminders -------------------------------------------------------------------

def tokens_to(app, address):
    return [LINK.search(mail["body"]).group(1) for mail in outbox(app) if mail["to"] == address]


def test_invitations_and_reminders_carry_a_fresh_personal_link(client, accounts):
    app = client.application
    with app.app_context():
        actors = [employer("vastmanland", "Volvo CE", "hr@volvo.se"), employer("vastmanland", "ABB", "hr@abb.se"),
                  employer("vastmanland", "Bageriet")]
        round_id = make_round("vastmanland", actors)
    admin = signed_in(app, "region-admin")
    page = admin.get(f"/surveys/{round_id}")
    assert "Skicka inbjudningarna som inte har skickats än (2)" in page.text

    response = admin.post(f"/surveys/{round_id}/send", data={"csrf_token": csrf_token(admin)})
    assert response.status_code == 302
    assert sorted(mail["to"] for mail in outbox(app)) == ["hr@abb.se", "hr@volvo.se"]
    mail = next(mail for mail in outbox(app) if mail["to"] == "hr@volvo.se")
    assert mail["subject"] == "Behovsenkät: Kompetensbehov 2027"  # in the platform's language
    assert "Volvo CE bjuds in att svara på Kompetensbehov 2027, behovsenkäten i Västmanland" in mail["body"]
    closes = today() + timedelta(days=20)
    assert f"{closes.day} " in mail["body"] and str(closes.year) in mail["body"]
    assert f"{BASE_URL}/surveys/answer/" in mail["body"]
    [first] = tokens_to(app, "hr@volvo.se")
    with app.app_context():
        found, problem = services.response_for_token(first)
        assert (found.actor.name, found.round_id, problem) == ("Volvo CE", round_id, None)
        assert response_of(round_id, "Volvo CE").invited_at is not None
        assert response_of(round_id, "Bageriet").invited_at is None  # no address: nothing sent

    # sending again sends nothing: every invitation with an address has gone
    admin.post(f"/surveys/{round_id}/send", data={"csrf_token": csrf_token(admin)})
    assert len(outbox(app)) == 2

    # ABB completes its answers; a reminder right after the invitations is refused, saying when
    with app.app_context():
        services.save_answers(response_of(round_id, "ABB"), [], {}, today=today(), complete=True)
        db.session.commit()
        invited_at = response_of(round_id, "Volvo CE").invited_at
    refused = admin.post(f"/surveys/{round_id}/remind", data={"csrf_token": csrf_token(admin)})
    assert refused.status_code == 400 and len(outbox(app)) == 2
    with app.test_request_context():
        next_at = local_datetime(invited_at + timedelta(days=1), "short")
    assert ("Ingen påminnelse skickades: alla som väntar fick ett mejl om enkäten för mindre än ett dygn sedan. "
            f"Nästa påminnelse kan skickas tidigast {next_at}.") in refused.text
    assert f"Nästa påminnelse kan skickas tidigast {next_at}." in admin.get(f"/surveys/{round_id}").text
    # a day on (the invitation moved a day back), the reminder goes to Volvo alone, with a new link
    with app.app_context():
        response_of(round_id, "Volvo CE").invited_at = invited_at - timedelta(days=1)
        db.session.commit()
    assert 'action="/surveys/%d/remind"' % round_id in admin.get(f"/surveys/{round_id}").text
    response = admin.post(f"/surveys/{round_id}/remind", data={"csrf_token": csrf_token(admin)})
    assert response.status_code == 302
    assert [mail["to"] for mail in outbox(app)[2:]] == ["hr@volvo.se"]
    assert outbox(app)[2]["subject"] == "Påminnelse: Kompetensbehov 2027"
    [_, second] = tokens_to(app, "hr@volvo.se")
    assert second != first
    with app.app_context():
        found, problem = services.response_for_token(first)
        assert (found.actor.name, problem) == ("Volvo CE", "replaced")
        found, problem = services.response_for_token(second)
        assert (found.actor.name, problem) == ("Volvo CE", None)
        assert response_of(round_id, "Volvo CE").reminded_at is not None
        assert response_of(round_id, "ABB").reminded_at is None
    # pressed again at once: refused, nobody mailed twice
    again = admin.post(f"/surveys/{round_id}/remind", data={"csrf_token": csrf_token(admin)})
    assert again.status_code == 400 and len(outbox(app)) == 3
    assert "Ingen påminnelse skickades" in again.text


def test_a_link_works_until_the_round_closes_whatever_the_date_it_was_sent(synced_app):
    """The invitation said the round is open to its last day but the link stopped 30 days after it
    was sent: a link now works exactly as long as the round is open (the clock given to the check)."""
    with synced_app.app_context():
        round_id = make_round("vastmanland", [employer("vastmanland", "Volvo CE", "hr@volvo.se")])
        survey = db.session.get(SurveyRound, round_id)
        survey.closes_on = today() + timedelta(days=60)
        token = services.issue_link(survey.responses[0])
        db.session.commit()
        closes_at = services.link_closes_at(survey)
        assert services.response_for_token(token, now=utcnow() + timedelta(days=45))[1] is None
        assert services.response_for_token(token, now=closes_at - timedelta(seconds=1))[1] is None
        assert services.response_for_token(token, now=closes_at)[1] == "closed"


def test_addresses_one_more_employer_and_a_removed_invitation(client, accounts):
    app = client.application
    with app.app_context():
        volvo, abb = employer("vastmanland", "Volvo CE"), employer("vastmanland", "ABB", "hr@abb.se")
        later = employer("vastmanland", "Mälarenergi", "hr@malarenergi.se")
        foreign = employer("vasternorrland", "SCA", "hr@sca.se")
        round_id = make_round("vastmanland", [volvo, abb])
        volvo_id, abb_id = response_of(round_id, "Volvo CE").id, response_of(round_id, "ABB").id
        later_id, foreign_id, volvo_actor = later.id, foreign.id, volvo.id
    admin = signed_in(app, "region-admin")
    token = csrf_token(admin)

    bad = admin.post(f"/surveys/{round_id}/invitations/{volvo_id}/email",
                     data={f"r{volvo_id}-email": "inte en adress", "csrf_token": token})
    assert bad.status_code == 400 and f'id="r{volvo_id}-email-error"' in bad.text
    assert admin.post(f"/surveys/{round_id}/invitations/{volvo_id}/email",
                      data={f"r{volvo_id}-email": " hr@volvo.se ", "csrf_token": token}).status_code == 302
    # another round's invitation through this round's address is not found
    other_round = None
    with app.app_context():
        other_round = make_round("vastmanland", [employer("vastmanland", "Annan", "a@b.se")], title="Annan")
        other_response = db.session.scalar(select(SurveyResponse.id).where(SurveyResponse.round_id == other_round))
    assert admin.post(f"/surveys/{round_id}/invitations/{other_response}/email",
                      data={f"r{other_response}-email": "x@y.se", "csrf_token": token}).status_code == 404
    with app.app_context():
        assert db.session.get(SurveyResponse, other_response).email == "a@b.se"

    # one more actor: offered those of the region not yet invited; another region's is a form error
    page = admin.get(f"/surveys/{round_id}")
    offered = re.findall(r'<option value="(\d+)"', page.text)
    assert str(later_id) in offered and str(foreign_id) not in offered and str(volvo_actor) not in offered
    refused = admin.post(f"/surveys/{round_id}/invitations", data={"actor": str(foreign_id), "csrf_token": token})
    assert refused.status_code == 400 and 'id="actor-error"' in refused.text
    assert admin.post(f"/surveys/{round_id}/invitations",
                      data={"actor": str(later_id), "email": "", "csrf_token": token}).status_code == 302

    # an invitation answered stays; one unanswered goes
    with app.app_context():
        services.save_answers(response_of(round_id, "ABB"), [], {}, today=today())
        db.session.commit()
    kept = admin.post(f"/surveys/{round_id}/invitations/{abb_id}/remove", data={"csrf_token": token})
    assert kept.status_code == 400 and "ABB har svarat" in kept.text
    assert admin.post(f"/surveys/{round_id}/invitations/{volvo_id}/remove", data={"csrf_token": token}).status_code == 302
    with app.app_context():
        survey = db.session.get(SurveyRound, round_id)
        assert sorted((r.actor.name, r.email) for r in survey.responses) == [
            ("ABB", "hr@abb.se"), ("Mälarenergi", "hr@malarenergi.se")]


def test_a_closed_round_sends_nothing(client, accounts):
    app = client.application
    with app.app_context():
        volvo = employer("vastmanland", "Volvo CE", "hr@volvo.se")
        extra = employer("vastmanland", "ABB", "hr@abb.se").id
        round_id = make_round("vastmanland", [volvo], opens=-30, closes=-1)
        response_id = response_of(round_id, "Volvo CE").id
    admin = signed_in(app, "region-admin")
    token = csrf_token(admin)
    page = admin.get(f"/surveys/{round_id}")
    assert "Stängd" in page.text and 'href="/regions/vastmanland/needs"' in page.text
    assert f"/surveys/{round_id}/send" not in page.text  # no buttons offered
    for path, data in (("send", {}), ("remind", {}), ("invitations", {"actor": str(extra)}),
                       (f"invitations/{response_id}/remove", {})):
        response = admin.post(f"/surveys/{round_id}/{path}", data={**data, "csrf_token": token})
        assert response.status_code == 400, path
        assert "Omgången är stängd" in response.text
    assert outbox(app) == []
    with app.app_context():
        assert [r.actor.name for r in db.session.get(SurveyRound, round_id).responses] == ["Volvo CE"]
        assert response_of(round_id, "Volvo CE").token_hash is None


# -- what everyone sees ----------------------------------------------------------------------------

def test_the_list_and_the_page_show_counts_and_not_who_answered(client, accounts):
    app = client.application
    with app.app_context():
        actors = [employer("vastmanland", name, f"hr@{name.lower()}.se") for name in ("Volvo", "ABB", "Saab")]
        old = make_round("vastmanland", actors[:2], opens=-100, closes=-70, title="Omgång 2025")
        current = make_round("vastmanland", actors, title="Omgång 2026")
        upcoming = make_round("vastmanland", actors[:1], opens=10, closes=40, title="Omgång 2027")
        make_round("vasternorrland", [employer("vasternorrland", "SCA", "hr@sca.se")], title="Annan region")
        for round_id, name, complete in ((current, "Volvo", True), (current, "ABB", False)):
            services.save_answers(response_of(round_id, name), [], {}, today=today(), complete=complete)
        response_of(old, "Volvo").status = "completed"
        response_of(old, "ABB").status = "completed"
        db.session.commit()
    region_page = client.get("/regions/vastmanland/")
    assert 'href="/regions/vastmanland/surveys"' in region_page.text

    listing = client.get("/regions/vastmanland/surveys")
    assert listing.status_code == 200
    rows = re.findall(r'<tr>\s*<th scope="row"><a href="/surveys/(\d+)">([^<]+)</a></th>\s*<td>[^<]+</td>\s*'
                      r'<td>([^<]+)</td>\s*<td class="num">(\d+)</td>\s*<td class="num">(\d+)</td>',
                      listing.text)
    # newest first: by opening day
    assert rows == [(str(upcoming), "Omgång 2027", "Kommande", "1", "0"),
                    (str(current), "Omgång 2026", "Öppen", "3", "1"),
                    (str(old), "Omgång 2025", "Stängd", "2", "2")]
    assert "Annan region" not in listing.text
    assert "Öppna en enkätomgång" not in listing.text  # for its admins only

    for who in ("anonymous", "member", "platform-admin", "region-admin"):
        visitor = client.application.test_client() if who == "anonymous" else signed_in(app, who)
        page = visitor.get(f"/surveys/{current}")
        assert page.status_code == 200
        assert re.search(r"<dt>Inbjudna arbetsgivare</dt><dd>3</dd>\s*<dt>Svarat</dt><dd>1</dd>", page.text)
        assert "Har ni en kompetensförsörjningsplan" in page.text  # the region's own question
        # the employers and their status: for the round's runners; the status for its admins only
        assert ("hr@volvo.se" in page.text) is (who in ("platform-admin", "region-admin"))
        assert ("Påbörjad" in page.text) is (who == "region-admin")
        assert (f'href="/surveys/{current}/employers/' in page.text) is (who == "region-admin")


# -- the command -------------------------------------------------------------------------------

def one_reminder_due(app):
    """An open round where only Volvo CE is due a reminder (ABB answered, Saab reminded lately),
    and a closed round; the open round's id."""
    with app.app_context():
        volvo, abb = employer("vastmanland", "Volvo CE", "hr@volvo.se"), employer("vastmanland", "ABB", "hr@abb.se")
        saab = employer("vastmanland", "Saab", "hr@saab.se")
        round_id = make_round("vastmanland", [volvo, abb, saab])
        closed = make_round("vastmanland", [volvo], opens=-30, closes=-1, title="Stängd")
        long_ago = utcnow() - timedelta(days=5)
        for name in ("Volvo CE", "ABB", "Saab"):
            response_of(round_id, name).invited_at = long_ago
        response_of(round_id, "Saab").reminded_at = utcnow() - timedelta(days=1)  # reminded lately
        response_of(closed, "Volvo CE").invited_at = long_ago
        services.save_answers(response_of(round_id, "ABB"), [], {}, today=today(), complete=True)
        db.session.commit()
    return round_id


def test_the_remind_command(client, accounts):
    app = client.application
    round_id = one_reminder_due(app)
    runner = app.test_cli_runner()

    dry = runner.invoke(args=["surveys", "remind", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert f"round {round_id} (vastmanland, Kompetensbehov 2027): 1 reminder(s) would be sent" in dry.output
    assert "1 open round(s): 1 reminder(s) would be sent (dry run, nothing sent)." in dry.output
    assert outbox(app) == []

    result = runner.invoke(args=["surveys", "remind"])
    assert result.exit_code == 0, result.output
    assert "1 open round(s): 1 reminder(s) sent." in result.output
    assert [mail["to"] for mail in outbox(app)] == ["hr@volvo.se"]
    [token] = tokens_to(app, "hr@volvo.se")
    with app.app_context():
        assert services.response_for_token(token)[0].actor.name == "Volvo CE"

    again = runner.invoke(args=["surveys", "remind"])  # Volvo was just reminded
    assert "1 open round(s): 0 reminder(s) sent." in again.output
    assert len(outbox(app)) == 1


def test_the_worker_reminds_every_morning_as_the_command_does(client, accounts):
    from datetime import datetime

    from samverkan import jobs

    app = client.application
    one_reminder_due(app)
    job = jobs.queue(app).tasks["samverkan.needs.invitations.remind_daily"]
    due = job.s().validate_datetime
    assert due(datetime(2027, 3, 1, 7, 0)) and not due(datetime(2027, 3, 1, 8, 0))
    job()  # what the worker's scheduler runs at 07:00
    assert [mail["to"] for mail in outbox(app)] == ["hr@volvo.se"]
    job()  # Volvo was just reminded
    assert len(outbox(app)) == 1


# -- what a page costs -------------------------------------------------------------------------

def statements(app, client, url):
    """The SQL statements a (warm) render of ``url`` executes."""
    from sqlalchemy import event

    client.get(url)  # warm: the session's person, the region
    executed = []

    def listener(conn, cursor, statement, *args):
        executed.append(statement)

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get(url).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
    return len(executed)


def test_the_pages_cost_the_same_statements_whatever_the_number_of_rounds_and_invitations(client, accounts):
    app = client.application
    admin = signed_in(app, "region-admin")
    with app.app_context():
        few = make_round("vastmanland", [employer("vastmanland", f"Liten {n}", f"l{n}@a.se") for n in range(2)])
    costs = {url: statements(app, admin, url) for url in ("/regions/vastmanland/surveys", f"/surveys/{few}")}
    with app.app_context():
        many = make_round("vastmanland", [employer("vastmanland", f"Stor {n}", f"s{n}@a.se") for n in range(8)])
        for n in range(3):
            make_round("vastmanland", [employer("vastmanland", f"Fler {n}")], title=f"Omgång {n}")
        services.save_answers(db.session.get(SurveyRound, many).responses[0], [], {}, today=today(), complete=True)
        db.session.commit()
    assert statements(app, admin, "/regions/vastmanland/surveys") == costs["/regions/vastmanland/surveys"]
    assert statements(app, admin, f"/surveys/{many}") == costs[f"/surveys/{few}"]
    assert statements(app, app.test_client(), f"/surveys/{many}") < costs[f"/surveys/{few}"]
