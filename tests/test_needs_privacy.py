"""An employer's answers are read by the employer and its region's admins, and by nobody else
except as suppressed aggregates (issue 10). A visitor, an analyst, a platform admin, another
region's admin, a project lead and a member of another employer each ask for every page, CSV and
JSON the app has, with every round and employer in the URL: none of them sees a word of the
employer's answers, nor its figure. The same pages show them to the employer's own member and to
the region's admin, so the check can see them where they are."""
import re
from datetime import timedelta

import collab
import pytest
from conftest import ACCOUNTS, PASSWORD, login
from report_data import pdf_text

from samverkan.accounts import services as accounts_services
from samverkan.extensions import db
from samverkan.needs import services
from samverkan.needs.questions import CURRENT_QUESTION_SET
from samverkan.times import today

#: what the Västmanland employer wrote (a completed answer and a draft), and its figure
SECRETS = ("Hemlig yrkesroll", "Konfidentiell kommentar", "Utkastyrke", "98765")
#: what the Västernorrland employer wrote: its region's admin (``other-region-admin``) reads it
NORTHERN_SECRETS = ("Nordlig yrkesroll", "Hemligt svar", "87654")
#: the accounts that must not read the employer's answers; "employee" is a member of another employer
OUTSIDERS = ["anonymous", "national-analyst", "platform-admin", "other-region-admin", "project-lead",
             "no-role", "employee"]
EMPLOYEE = "employee@exempel.se"
#: URL arguments that are not ids, and what to try for them
SAMPLE_VALUES = {"region_slug": ("vastmanland", "vasternorrland"), "year": (today().year,), "code": ("M9",),
                 "indicator_key": ("rus-18",), "slug": ("needs-analysis",), "table": ("matrix",),
                 "token": ("no-such-token",), "filename": ("css/samverkan.css",)}
#: what the walk leaves out: the style sheets, and the annual report's PDF, one kept file for
#: everyone whose text is compressed (the walk would never see a word in it): read once, below
NOT_WALKED = ("static", "reports.pdf")
#: the query strings the needs pages take
NEEDS_QUERIES = ("", "?by=ssyk&horizon=1y", "?by=seqf&horizon=3y", "?by=route&horizon=3y")


def need(occupation, ssyk, count_1y, count_3y, comment=""):
    return {"occupation": occupation, "ssyk_group": ssyk, "count_1y": count_1y, "count_3y": count_3y,
            "seqf_level": 4, "importance": "high", "bottleneck": True, "education_route": "validation",
            "comment": comment}


@pytest.fixture
def survey(synced_app, accounts):
    """Closed rounds in both regions and an open one; the secret employer alone in its SSYK group and
    municipality. Returns the ids the URLs need."""
    with synced_app.app_context():
        secret = collab.make_actor("vastmanland", name="Arbetsgivaren med hemligheter", municipality="Sala")
        others = [collab.make_actor("vastmanland", name=f"Arbetsgivare {n}", municipality="Västerås")
                  for n in range(3)]
        northern = collab.make_actor("vasternorrland", name="Nordlig arbetsgivare", municipality="Sundsvall")
        collab.make_membership(secret, ACCOUNTS["member"][0])
        accounts_services.create_person(EMPLOYEE, "Anställd hos en annan arbetsgivare", PASSWORD)
        collab.make_membership(others[0], EMPLOYEE)
        closed = dict(opens_on=today() - timedelta(days=60), closes_on=today() - timedelta(days=30),
                      question_set_version=CURRENT_QUESTION_SET)
        rounds = [services.open_round(collab.region("vastmanland"), title="Stängd omgång", actors=[secret, *others],
                                      **closed),
                  services.open_round(collab.region("vasternorrland"), title="Nordlig omgång", actors=[northern],
                                      **closed),
                  services.open_round(collab.region("vastmanland"), title="Öppen omgång", actors=[secret, *others],
                                      opens_on=today() - timedelta(days=1), closes_on=today() + timedelta(days=9),
                                      question_set_version=CURRENT_QUESTION_SET)]
        answers = {secret: [need("Hemlig yrkesroll", "0", 12, 98765, "Konfidentiell kommentar")]}
        answers.update({other: [need("Undersköterska", "5", 1, 2)] for other in others})
        for response in rounds[0].responses:
            services.save_answers(response, answers[response.actor], {"has-competence-plan": True}, today=today(),
                                  complete=True, source="import", after_close=True)
        services.save_answers(rounds[1].responses[0], [need("Nordlig yrkesroll", "0", 1, 87654)],
                              {"hardest-to-find": "Hemligt svar"}, today=today(), complete=True, source="import",
                              after_close=True)
        draft = next(response for response in rounds[2].responses if response.actor == secret)
        services.save_answers(draft, [need("Utkastyrke", "0", 5, 98765)], {}, today=today())
        db.session.commit()
        return {"round_id": [r.id for r in rounds], "actor_id": [secret.id, northern.id],
                "response_id": [response.id for r in rounds for response in r.responses], "secret": secret.id}


def urls(app, ids):
    """Every GET address of the app, with each value tried for each argument (1 for other ids)."""
    values = {**SAMPLE_VALUES, **{name: ids[name] for name in ("round_id", "actor_id", "response_id")}}
    found = set()
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in NOT_WALKED:
            continue
        combinations = [{}]
        for argument in rule.arguments:
            tried = values.get(argument, (1,))
            combinations = [{**combination, argument: value} for combination in combinations for value in tried]
        for arguments in combinations:
            path = rule.build(arguments, append_unknown=False)[1]
            queries = NEEDS_QUERIES if rule.endpoint.startswith("needs.") else ("",)
            found.update(path + query for query in queries)
            found.update(f"{path}?round={round_id}" for round_id in ids["round_id"]
                         if rule.endpoint.startswith("needs."))
    return sorted(found)


def client_as(app, role):
    client = app.test_client()
    if role != "anonymous":
        assert login(client, EMPLOYEE if role == "employee" else ACCOUNTS[role][0]).status_code == 302
    return client


#: a thousands separator between digits, as "98 765" is written in Swedish and English pages
THOUSANDS = re.compile(r"(?<=\d)[ ,\u00a0\u202f](?=\d{3}\b)")


def secrets_in(response, secrets=SECRETS):
    body = THOUSANDS.sub("", response.get_data().decode("utf-8", "replace"))
    return {secret for secret in secrets if secret in body}


def leaks(client, addresses, secrets):
    """``[(address, secret)]`` for every address whose answer holds one of ``secrets``."""
    return [(address, secret) for address in addresses
            for secret in sorted(secrets_in(client.get(address), secrets))]


def test_the_urls_cover_every_needs_and_survey_page(synced_app, survey):
    addresses = urls(synced_app, survey)
    for expected in ("/regions/vastmanland/needs", "/regions/vastmanland/needs.csv", "/regions/vastmanland/needs.json",
                     "/needs", "/needs.csv", "/needs.json", f"/surveys/{survey['round_id'][0]}",
                     f"/surveys/{survey['round_id'][0]}/employers/{survey['secret']}", "/compare/",
                     f"/actors/{survey['secret']}", "/regions/vastmanland/surveys"):
        assert expected in addresses, expected


@pytest.mark.parametrize("role", OUTSIDERS)
def test_nobody_else_reads_an_employers_answers_anywhere(synced_app, survey, role):
    client = client_as(synced_app, role)
    secrets = SECRETS if role == "other-region-admin" else SECRETS + NORTHERN_SECRETS
    assert leaks(client, urls(synced_app, survey), secrets) == []


@pytest.mark.parametrize("region, name", [("vastmanland", "Västmanland"), ("vasternorrland", "Västernorrland")])
def test_the_annual_reports_pdf_holds_no_answer(synced_app, survey, region, name):
    """The report's PDF is the same file whoever asks: its text, as a PDF reader finds it, names
    the region and holds no word of any employer's answers."""
    response = synced_app.test_client().get(f"/regions/{region}/report/{today().year}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = THOUSANDS.sub("", pdf_text(response.data))
    assert name in text
    assert [secret for secret in SECRETS + NORTHERN_SECRETS if secret in text] == []


@pytest.mark.parametrize("role", ["member", "region-admin"])
def test_the_employer_and_its_region_admin_read_them(synced_app, survey, role):
    client = client_as(synced_app, role)
    page = client.get(f"/surveys/{survey['round_id'][0]}/employers/{survey['secret']}")
    assert page.status_code == 200
    assert secrets_in(page) == {"Hemlig yrkesroll", "Konfidentiell kommentar", "98765"}


def test_the_northern_region_admin_reads_the_northern_employers_answers(synced_app, survey):
    client = client_as(synced_app, "other-region-admin")
    page = client.get(f"/surveys/{survey['round_id'][1]}/employers/{survey['actor_id'][1]}")
    assert page.status_code == 200
    assert secrets_in(page, NORTHERN_SECRETS) == set(NORTHERN_SECRETS)

