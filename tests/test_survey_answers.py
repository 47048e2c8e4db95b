"""Answering a needs survey: the employer's personal link and the signed-in page, drafts and
completion, links that expired or were replaced, rounds that closed, bad input, who may answer."""
import re
from datetime import date, timedelta

import collab
import pytest
from conftest import ACCOUNTS, csrf_token, login
from sqlalchemy import func, select

from samverkan.accounts.models import Person
from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.needs import services
from samverkan.needs.models import ReportedNeed, SurveyResponse, SurveyRound
from samverkan.needs.questions import CURRENT_QUESTION_SET
from samverkan.times import today

#: a need row as the form sends it (index 0 unless another is given)
NEED = {"occupation": "CNC-operatör", "ssyk_group": "8", "count_1y": "2", "count_3y": "5", "seqf_level": "4",
        "importance": "high", "bottleneck": "yes", "education_route": "higher-vocational", "comment": "Skift"}
SECOND = {"occupation": "Undersköterska", "ssyk_group": "5", "count_1y": "0", "count_3y": "3", "seqf_level": "4",
          "importance": "medium", "bottleneck": "no", "education_route": "upper-secondary", "comment": ""}
#: the Västmanland plugin's own question of every round
REGION_QUESTION = "region_has_competence_plan"
#: the heading of the page of an unknown or replaced link
NOT_VALID = "Länken är inte giltig"
CONTROL_CHARACTER = ("Fältet innehåller ett osynligt styrtecken (till exempel en radbrytning eller ett NUL-tecken). "
                     "Ta bort det och försök igen.")


def need_fields(values, index=0):
    return {f"needs-{index}-{key}": value for key, value in values.items()}


def open_survey(slug="vastmanland", *, opens_on=None, closes_on=None, actors=2, person=None):
    """A round of ``slug`` open today, inviting ``actors`` new employers: (round, [response…])."""
    employers = [collab.make_actor(slug, name=f"Arbetsgivare {n} i {slug}") for n in range(actors)]
    survey = services.open_round(collab.region(slug), title=f"Behovsinventering {slug}",
                                 opens_on=opens_on or today() - timedelta(days=3),
                                 closes_on=closes_on or today() + timedelta(days=20),
                                 question_set_version=CURRENT_QUESTION_SET, actors=employers, person=person)
    return survey, list(survey.responses)


@pytest.fixture
def linked(synced_app):
    """An open Västmanland round with two employers; the first has a personal link: (app, token, response id)."""
    with synced_app.app_context():
        survey, responses = open_survey()
        token = services.issue_link(responses[0])
        db.session.commit()
        return synced_app, token, responses[0].id


def response_row(app, response_id):
    with app.app_context():
        response = db.session.get(SurveyResponse, response_id)
        return {"status": response.status, "source": response.source, "region_answers": dict(response.region_answers),
                "needs": [(n.occupation, n.ssyk_group, n.count_1y, n.count_3y, n.seqf_level, n.importance,
                           n.bottleneck, n.education_route, n.comment) for n in response.needs],
                "answered_by": response.answered_by.email if response.answered_by else None}


def post(client, url, data, action="save"):
    return client.post(url, data={**data, "action": action, "csrf_token": csrf_token(client, url)})


def need_count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(ReportedNeed))


# ---------------------------------------------------------------------------------------------
# The personal link: draft, resume, complete, receipt
# ---------------------------------------------------------------------------------------------


def test_the_form_names_the_employer_and_the_round_and_explains_ssyk_and_seqf(linked):
    app, token, _ = linked
    page = app.test_client().get(f"/surveys/answer/{token}")
    assert page.status_code == 200
    assert "Arbetsgivare 0 i vastmanland" in page.text and "Behovsinventering vastmanland" in page.text
    # SSYK major groups with code and Swedish name; SeQF levels with their descriptions
    assert '<option value="5">5 Service-, omsorgs- och försäljningsyrken</option>' in page.text
    assert page.text.count('<option value="') == 3 + 10 + 8 + 6  # three "choose…", SSYK, SeQF, routes
    assert '<option value="4">4: Gymnasieexamen</option>' in page.text
    # help texts say what SSYK and SeQF are, tied to their fields
    assert re.search(r'id="needs-0-ssyk_group-hint">SSYK är Statistiska centralbyråns', page.text)
    assert re.search(r'id="needs-0-seqf_level-hint">SeQF, Sveriges referensram för kvalifikationer', page.text)
    # the plugin's own question, in Swedish
    assert "Har ni en kompetensförsörjningsplan för er verksamhet?" in page.text
    # the token stays out of the Referer of links followed from the page, and out of caches
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert page.headers["Cache-Control"] == "no-store"


def test_the_form_in_english_names_groups_and_questions_in_english(linked):
    app, token, _ = linked
    client = app.test_client()
    client.post("/language", data={"lang": "en", "next": "/", "csrf_token": csrf_token(client)})
    page = client.get(f"/surveys/answer/{token}")
    assert '<option value="5">5 Service, care and shop sales workers</option>' in page.text
    assert "Do you have a competence-supply plan for your organisation?" in page.text


def test_save_a_draft_resume_it_and_complete(linked):
    app, token, response_id = linked
    url = f"/surveys/answer/{token}"
    client = app.test_client()
    answer = post(client, url, {**need_fields(NEED), **need_fields(SECOND, 1), REGION_QUESTION: "yes"})
    assert answer.status_code == 302 and answer.headers["Location"] == url
    saved = response_row(app, response_id)
    assert saved["status"] == "in-progress" and saved["source"] == "link" and saved["answered_by"] is None
    assert saved["needs"] == [("CNC-operatör", "8", 2, 5, 4, "high", True, "higher-vocational", "Skift"),
                              ("Undersköterska", "5", 0, 3, 4, "medium", False, "upper-secondary", "")]
    assert saved["region_answers"] == {"has-competence-plan": True}

    # a second visit through the same link shows the draft
    again = app.test_client().get(url)
    assert again.status_code == 200
    assert 'value="CNC-operatör"' in again.text and 'value="Undersköterska"' in again.text
    assert re.search(r'<option selected value="8">|<option value="8" selected>', again.text)

    # completing asks to confirm it is final
    refused = post(client, url, {**need_fields(NEED)}, action="complete")
    assert refused.status_code == 400
    assert "Tick this box" in refused.text or "Kryssa i" in refused.text
    assert response_row(app, response_id)["status"] == "in-progress"

    done = post(client, url, {**need_fields(NEED), REGION_QUESTION: "no", "final": "y"}, action="complete")
    assert done.status_code == 302
    final = response_row(app, response_id)
    assert final["status"] == "completed"
    assert final["needs"] == [("CNC-operatör", "8", 2, 5, 4, "high", True, "higher-vocational", "Skift")]
    assert final["region_answers"] == {"has-competence-plan": False}

    # after completion the link shows the receipt, and a post changes nothing
    receipt = app.test_client().get(url)
    assert receipt.status_code == 200
    assert "<form" not in receipt.text.split("<main", 1)[1].split("</main>")[0].replace('<form method="post" action="/language"', "")
    assert re.search(r'<h3 id="need-1-heading">[^<]*: CNC-operatör</h3>', receipt.text)
    assert "need-2-heading" not in receipt.text
    again = post(client, url, {**need_fields(SECOND), "final": "y"}, action="complete")
    assert again.status_code == 200  # the receipt again
    assert response_row(app, response_id) == final


def test_blank_rows_are_left_out_and_no_needs_must_be_confirmed(linked):
    app, token, response_id = linked
    url = f"/surveys/answer/{token}"
    client = app.test_client()
    blank = {f"needs-0-{key}": "" for key in NEED}
    assert post(client, url, {**blank, **need_fields(NEED, 1)}).status_code == 302
    assert [n[0] for n in response_row(app, response_id)["needs"]] == ["CNC-operatör"]

    no_needs = post(client, url, {**blank, "final": "y"}, action="complete")
    assert no_needs.status_code == 400
    assert "no_needs" in no_needs.text
    assert response_row(app, response_id)["status"] == "in-progress"
    done = post(client, url, {**blank, "final": "y", "no_needs": "y"}, action="complete")
    assert done.status_code == 302
    final = response_row(app, response_id)
    assert (final["status"], final["needs"]) == ("completed", [])


def test_add_another_need_without_javascript_saves_and_adds_a_row(linked):
    app, token, response_id = linked
    url = f"/surveys/answer/{token}"
    client = app.test_client()
    page = post(client, url, need_fields(NEED), action="add")
    assert page.status_code == 200
    assert [n[0] for n in response_row(app, response_id)["needs"]] == ["CNC-operatör"]
    assert 'name="needs-0-occupation"' in page.text and 'name="needs-1-occupation"' in page.text
    assert re.search(r"<input [^>]*autofocus[^>]*name=\"needs-1-occupation\"", page.text)


def test_add_another_need_with_htmx_sends_one_empty_row(linked):
    app, token, _ = linked
    row = app.test_client().get(f"/surveys/answer/{token}?row=3&number=2", headers={"HX-Request": "true"})
    assert row.status_code == 200
    assert 'name="needs-3-occupation"' in row.text and "needs-0-" not in row.text
    assert "Behov 2" in row.text or "Need 2" in row.text
    assert 'data-hx-swap-oob="true"' in row.text and "row=4&amp;number=3" in row.text
    bad = app.test_client().get(f"/surveys/answer/{token}?row=x", headers={"HX-Request": "true"})
    assert bad.status_code == 400 and 'name="needs-' not in bad.text  # no row for an index that is none


def test_remove_a_row(linked):
    app, token, response_id = linked
    url = f"/surveys/answer/{token}"
    client = app.test_client()
    answer = client.post(url, data={**need_fields(NEED), **need_fields(SECOND, 1), "remove": "0",
                                    "csrf_token": csrf_token(client, url)})
    assert answer.status_code == 302
    assert [n[0] for n in response_row(app, response_id)["needs"]] == ["Undersköterska"]


def test_the_receipt_and_the_form_escape_what_the_employer_wrote(linked):
    app, token, response_id = linked
    url = f"/surveys/answer/{token}"
    client = app.test_client()
    evil = {**NEED, "occupation": "<script>alert(1)</script>", "comment": "<b>fet</b>"}
    assert post(client, url, need_fields(evil)).status_code == 302
    form = client.get(url)
    assert "<script>alert(1)</script>" not in form.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in form.text
    assert post(client, url, {**need_fields(evil), "final": "y"}, action="complete").status_code == 302
    receipt = client.get(url)
    assert "<script>alert(1)</script>" not in receipt.text and "<b>fet</b>" not in receipt.text
    assert "&lt;b&gt;fet&lt;/b&gt;" in receipt.text


# ---------------------------------------------------------------------------------------------
# Links that do not work, rounds that closed
# ---------------------------------------------------------------------------------------------


def db_state(app):
    with app.app_context():
        return [(r.status, r.saved_at, len(r.needs)) for r in db.session.scalars(select(SurveyResponse))]


def test_an_unknown_link_is_a_404_and_changes_nothing(linked):
    app, token, _ = linked
    client = app.test_client()
    before = db_state(app)
    page = client.get("/surveys/answer/" + "A" * 43)
    assert page.status_code == 404
    assert collab.heading(page) == NOT_VALID
    refused = post(client, "/surveys/answer/" + "A" * 43, need_fields(NEED))
    assert refused.status_code == 404 and collab.heading(refused) == NOT_VALID
    assert db_state(app) == before


def test_a_replaced_link_is_a_410_that_says_whom_to_ask(linked, accounts):
    """A replaced link answered 404 "not valid" with no one to contact."""
    app, token, response_id = linked
    with app.app_context():
        newer = services.issue_link(db.session.get(SurveyResponse, response_id))
        db.session.commit()
    before = db_state(app)
    client = app.test_client()
    for replaced in (client.get(f"/surveys/answer/{token}"), post(client, f"/surveys/answer/{token}", need_fields(NEED))):
        assert replaced.status_code == 410 and collab.heading(replaced) == "Länken har ersatts"
        assert "Använd länken i det senaste mejlet" in replaced.text
        assert_names_the_contact(app, replaced)
    assert db_state(app) == before
    assert client.get(f"/surveys/answer/{newer}").status_code == 200


def assert_names_the_contact(app, page):
    """The page names the region and whom to contact: the round was opened by no one, so the
    region's first administrator."""
    admin = ACCOUNTS["region-admin"][0]
    with app.app_context():
        name = db.session.scalar(select(Person.name).filter_by(email=admin))
    assert "Kontakta Västmanland, som skickade enkäten." in page.text
    assert f'Kontaktperson: {name}, <a href="mailto:{admin}">{admin}</a>.' in page.text


def test_a_link_works_to_the_rounds_last_day_and_is_gone_after_it_with_whom_to_ask(linked, accounts,
                                                                                    monkeypatch):
    """The invitation said the round is open to its last day, the link stopped earlier: now the
    link works until the round closes (the clock frozen at the last second of its last day, then
    at its end), and then answers 410 naming whom to contact."""
    app, token, response_id = linked
    with app.app_context():
        closes_at = services.link_closes_at(db.session.get(SurveyResponse, response_id).round)
    client = app.test_client()
    monkeypatch.setattr(services, "utcnow", lambda: closes_at - timedelta(seconds=1))
    assert client.get(f"/surveys/answer/{token}").status_code == 200
    monkeypatch.setattr(services, "utcnow", lambda: closes_at)
    before = db_state(app)
    page = client.get(f"/surveys/answer/{token}")
    assert page.status_code == 410 and collab.heading(page) == "Enkäten har stängt"
    assert_names_the_contact(app, page)
    refused = post(client, f"/surveys/answer/{token}", need_fields(NEED))
    assert refused.status_code == 410 and collab.heading(refused) == "Enkäten har stängt"
    assert db_state(app) == before


def test_a_closed_round_refuses_posts(linked):
    app, token, response_id = linked
    with app.app_context():
        survey = db.session.get(SurveyResponse, response_id).round
        survey.closes_on = today() - timedelta(days=1)
        db.session.commit()
    before = db_state(app)
    client = app.test_client()
    for answer in (client.get(f"/surveys/answer/{token}"), post(client, f"/surveys/answer/{token}", need_fields(NEED))):
        assert answer.status_code == 410 and collab.heading(answer) == "Enkäten har stängt"
    assert db_state(app) == before


def test_the_token_is_not_in_the_audit_log(linked):
    app, token, _ = linked
    client = app.test_client()
    post(client, f"/surveys/answer/{token}", need_fields(NEED))
    client.post(f"/surveys/answer/{token}", data=need_fields(NEED))  # no CSRF token: a logged refusal
    with app.app_context():
        events = db.session.scalars(select(AuditEvent)).all()
        assert any(event.path == "/surveys/answer/<token>" for event in events)
        assert not any(token in (event.path or "") or token in (event.detail or "") for event in events)


# ---------------------------------------------------------------------------------------------
# Bad input: form errors, never a 500
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("changes, field, message", [
    ({"count_1y": "5", "count_3y": "2"}, "count_3y", "3 years"),
    ({"count_1y": "-1"}, "count_1y", "0"),
    ({"count_3y": "100001"}, "count_3y", "100"),
    ({"count_1y": "två"}, "count_1y", "whole number"),
    ({"ssyk_group": "X"}, "ssyk_group", ""),
    ({"seqf_level": "9"}, "seqf_level", ""),
    ({"importance": "enormous"}, "importance", ""),
    ({"occupation": ""}, "occupation", ""),
])
def test_bad_need_values_are_form_errors(linked, changes, field, message):
    app, token, response_id = linked
    client = app.test_client()
    client.post("/language", data={"lang": "en", "next": "/", "csrf_token": csrf_token(client)})
    answer = post(client, f"/surveys/answer/{token}", need_fields({**NEED, **changes}))
    assert answer.status_code == 400
    error = re.search(rf'<p class="error" id="needs-0-{field}-error">([^<]*)</p>', answer.text)
    assert error, answer.text
    assert message in error.group(1)
    assert response_row(app, response_id)["status"] == "invited" and need_count(app) == 0


def test_a_post_without_the_csrf_token_is_refused(linked):
    app, token, response_id = linked
    client = app.test_client()
    answer = client.post(f"/surveys/answer/{token}", data={**need_fields(NEED), "action": "save"})
    assert answer.status_code == 400
    assert collab.heading(answer) == collab.FORM_EXPIRED
    assert response_row(app, response_id)["status"] == "invited"


# ---------------------------------------------------------------------------------------------
# Signed in: who may answer for the employer
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def member_survey(synced_app, accounts):
    """A Västmanland round; the account "member" is a member of its first employer; a second
    employer in Västmanland has "project-lead" as its member. (app, round id, actor ids)."""
    with synced_app.app_context():
        survey, responses = open_survey()
        collab.make_membership(responses[0].actor, ACCOUNTS["member"][0])
        collab.make_membership(responses[1].actor, ACCOUNTS["project-lead"][0])
        db.session.commit()
        return synced_app, survey.id, [r.actor_id for r in responses]


@pytest.mark.parametrize("role, status", [
    ("member", 200),  # a member of the employer
    ("project-lead", 403),  # a member of another invited employer
    ("region-admin", 200),  # an admin of the round's region
    ("other-region-admin", 403),
    ("national-analyst", 403),
    ("platform-admin", 403),
    ("no-role", 403),
])
def test_who_may_answer_for_the_employer(member_survey, role, status):
    app, round_id, (actor_id, _) = member_survey
    client = app.test_client()
    login(client, ACCOUNTS[role][0])
    assert client.get(f"/surveys/{round_id}/employers/{actor_id}").status_code == status


def test_anonymous_is_sent_to_the_login(member_survey):
    app, round_id, (actor_id, _) = member_survey
    page = app.test_client().get(f"/surveys/{round_id}/employers/{actor_id}")
    assert page.status_code == 302 and page.headers["Location"].startswith("/login?next=")


def test_an_employer_not_invited_is_a_404(member_survey):
    app, round_id, _ = member_survey
    with app.app_context():
        stranger = collab.make_actor("vastmanland", name="Inte inbjuden").id
        db.session.commit()
    client = app.test_client()
    login(client, ACCOUNTS["region-admin"][0])
    assert client.get(f"/surveys/{round_id}/employers/{stranger}").status_code == 404
    assert collab.refusals(app)[-1] == f"no survey_response {round_id}/{stranger}"


def test_a_member_answers_signed_in_and_is_recorded(member_survey):
    app, round_id, (actor_id, _) = member_survey
    client = app.test_client()
    login(client, ACCOUNTS["member"][0])
    url = f"/surveys/{round_id}/employers/{actor_id}"
    assert post(client, url, {**need_fields(NEED), "final": "y"}, action="complete").status_code == 302
    with app.app_context():
        response = db.session.scalar(select(SurveyResponse).filter_by(round_id=round_id, actor_id=actor_id))
        assert (response.status, response.source, response.answered_by.email) == (
            "completed", "signed-in", ACCOUNTS["member"][0])
    assert re.search(r'<h3 id="need-1-heading">[^<]*: CNC-operatör</h3>', client.get(url).text)


def test_my_page_lists_the_surveys_waiting_for_an_answer(member_survey):
    app, round_id, (actor_id, other_actor) = member_survey
    with app.app_context():  # a closed round of the same employer is not waiting
        closed, _ = open_survey(opens_on=today() - timedelta(days=30), closes_on=today() - timedelta(days=1), actors=0)
        closed.responses.append(SurveyResponse(actor_id=actor_id))
        db.session.commit()
    client = app.test_client()
    login(client, ACCOUNTS["member"][0])
    page = client.get("/me")
    links = re.findall(r'href="(/surveys/\d+/employers/\d+)"', page.text)
    assert links == [f"/surveys/{round_id}/employers/{actor_id}"]
    post(client, links[0], {**need_fields(NEED), "final": "y"}, action="complete")
    assert "/employers/" not in client.get("/me").text


def test_control_characters_and_odd_values_in_every_field_are_form_errors(linked):
    """What the route probe of test_hardening cannot reach (it has no valid link): every field of
    the form filled with control characters, and values of the wrong kind."""
    app, token, response_id = linked
    url = f"/surveys/answer/{token}"
    client = app.test_client()
    fields = set(re.findall(r'<(?:input|textarea|select)[^>]* name="([^"]+)"', client.get(url).text)) - {"csrf_token"}
    assert {"needs-0-occupation", "needs-0-seqf_level", "no_needs", "final", REGION_QUESTION} <= fields
    for action in ("save", "add", "complete"):
        answer = post(client, url, {field: "x\x00y\x01z" for field in fields}, action=action)
        assert answer.status_code == 400
        errors = collab.form_errors(answer)
        # the text fields for the control character, every other field for a value it does not take
        assert {field for field, error in errors.items() if error == CONTROL_CHARACTER} == {
            "needs-0-occupation", "needs-0-comment"}, action
        # (not the checkboxes no_needs and final: any value is a yes)
        assert set(errors) == {field for field in fields if field.startswith(("needs-0-", "region_"))}, action
    odd = post(client, url, {**need_fields(NEED), "needs-0-count_1y": "9" * 30, REGION_QUESTION: "kanske",
                             "remove": "x"}, action="whatever")
    assert odd.status_code == 400
    assert collab.form_errors(odd) == {"needs-0-count_1y": "Ange ett helt antal personer, till exempel 3.",
                                       REGION_QUESTION: "Inte ett giltigt val"}
    assert response_row(app, response_id)["status"] == "invited" and need_count(app) == 0


# ---------------------------------------------------------------------------------------------
# What a page costs: as many statements with one need as with many
# ---------------------------------------------------------------------------------------------


def statements(app, client, url):
    from sqlalchemy import event

    executed = []
    listener = lambda *args: executed.append(args[2])  # noqa: E731  (the statement)
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get(url).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
    return len(executed)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_form_and_the_receipt_read_as_many_statements_with_one_need_as_with_forty(synced_app):
    with synced_app.app_context():
        survey, responses = open_survey()
        tokens = [services.issue_link(response) for response in responses]
        need = {"occupation": "Svetsare", "ssyk_group": "7", "count_1y": 1, "count_3y": 2, "seqf_level": 4,
                "importance": "high", "bottleneck": False, "education_route": "internal", "comment": ""}
        for response, count in zip(responses, (1, 40)):
            services.save_answers(response, [need] * count, {"has-competence-plan": True}, today=today())
        db.session.commit()
        response_ids = [response.id for response in responses]
    client = synced_app.test_client()
    urls = [f"/surveys/answer/{token}" for token in tokens]
    client.get(urls[0])  # the first render of the app compiles templates and warms caches
    form = [statements(synced_app, client, url) for url in urls]
    # the link's response, its round, region, employer and needs; the same for the receipt
    assert form == [5, 5]
    with synced_app.app_context():
        for response_id in response_ids:
            response = db.session.get(SurveyResponse, response_id)
            services.save_answers(response, [need] * len(response.needs), {}, today=today(), complete=True)
        db.session.commit()
    receipt = [statements(synced_app, client, url) for url in urls]
    assert receipt == [5, 5]


ALL_KINDS = [
    {"key": "plan-text", "kind": "text", "text": "Vad saknas mest?", "text_en": None, "choices": [], "choices_en": []},
    {"key": "has-plan", "kind": "yes-no", "text": "Har ni en plan?", "text_en": "Do you have a plan?",
     "choices": [], "choices_en": []},
    {"key": "staff", "kind": "number", "text": "Hur många anställda?", "text_en": "How many employees?",
     "choices": [], "choices_en": []},
    {"key": "size", "kind": "choice", "text": "Storlek", "text_en": "Size", "choices": ["Liten", "Stor"],
     "choices_en": ["Small", "Large"]},
]


def test_region_questions_of_every_kind_in_either_language_and_their_answers(linked):
    app, token, response_id = linked
    with app.app_context():
        db.session.get(SurveyResponse, response_id).round.region_questions = ALL_KINDS
        db.session.commit()
    url = f"/surveys/answer/{token}"
    client = app.test_client()
    client.post("/language", data={"lang": "en", "next": "/", "csrf_token": csrf_token(client)})
    page = client.get(url)
    # English where the plugin gave it, else Swedish; a choice's options by the UI language
    assert "Vad saknas mest?" in page.text and "How many employees?" in page.text
    assert '<option value="Stor">Large</option>' in page.text
    refused = post(client, url, {"region_staff": "många", "region_size": "Jättestor", "region_has_plan": "kanske"})
    assert refused.status_code == 400
    assert all(f'id="region_{name}-error"' in refused.text for name in ("staff", "size", "has_plan"))
    answers = {"region_plan_text": "  Svetsare  ", "region_has_plan": "no", "region_staff": "1 250",
               "region_size": "Stor"}
    assert post(client, url, answers).status_code == 302
    assert response_row(app, response_id)["region_answers"] == {"plan-text": "Svetsare", "has-plan": False,
                                                                "staff": 1250, "size": "Stor"}
    assert 'value="1250"' in client.get(url).text or 'value="1 250"' in client.get(url).text
    assert post(client, url, {"region_staff": "2,5", "final": "y", "no_needs": "y"}, action="complete").status_code == 302
    assert response_row(app, response_id)["region_answers"] == {"staff": 2.5}
    receipt = client.get(url)
    assert "2.5" in receipt.text and "Not answered" in receipt.text


def test_the_linked_page_shows_only_the_task_without_the_site_navigation(linked, member_survey):
    """An employer without an account gets a transactional page: the service's name and the
    language switch, no site menu, search or log-in to lead away from the survey."""
    app, token, _ = linked
    client = app.test_client()
    for url in (f"/surveys/answer/{token}", "/surveys/answer/not-a-token"):
        page = client.get(url).text
        assert 'class="language-switch"' in page, url
        for leading_away in ('id="site-menu"', 'class="site-search"', 'href="/compare/"', 'href="/login"'):
            assert leading_away not in page, (url, leading_away)
    _, round_id, (actor_id, _) = member_survey
    login(client, ACCOUNTS["member"][0])
    signed_in = client.get(f"/surveys/{round_id}/employers/{actor_id}").text
    assert 'id="site-menu"' in signed_in and 'href="/compare/"' in signed_in
