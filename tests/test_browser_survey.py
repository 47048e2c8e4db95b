"""In real headless Chromium: an employer without an account answers a needs survey through its
personal link (two needs, the second row added with htmx), saves, comes back later and submits;
the same without JavaScript (the "add" button saves and sends the form back with a new row); and
axe-core on the form, its errors, the receipt, the replaced and unknown link pages and the signed-in
page, in Swedish (the default) and in English through the language switch.

One live server for the module, over an SQLite app with the test accounts.
"""
from datetime import timedelta

import collab
import pytest
from browser import axe_violations, check_scenario, htmx_settled, live_site, page_without_javascript, problems
from conftest import ACCOUNTS
from playwright.sync_api import expect

from samverkan.extensions import db
from samverkan.needs import services
from samverkan.needs.models import SurveyResponse
from samverkan.times import today

pytestmark = pytest.mark.browser

#: need rows as a person fills them in: field -> value (of the option or the radio button)
WELDER = {"occupation": "Svetsare", "ssyk_group": "7", "count_1y": "2", "count_3y": "6", "seqf_level": "4",
          "importance": "high", "bottleneck": "yes", "education_route": "higher-vocational", "comment": "Helst i Köping"}
NURSE = {"occupation": "Undersköterska", "ssyk_group": "5", "count_1y": "1", "count_3y": "4", "seqf_level": "4",
         "importance": "medium", "bottleneck": "no", "education_route": "upper-secondary", "comment": ""}
SELECTS = ("ssyk_group", "seqf_level", "education_route")
RADIOS = ("importance", "bottleneck")


def prepare():
    """Links of one open round of Västmanland: one per employer and test (the tests change their
    responses), one completed, one replaced; and the member account as a member of an employer."""
    names = ("htmx", "nojs", "axe", "done", "replaced", "member")
    employers = {name: collab.make_actor("vastmanland", name=f"Verkstaden {name} AB") for name in names}
    survey = services.open_round(collab.region("vastmanland"), title="Kompetensbehov 2027",
                                 opens_on=today() - timedelta(days=1), closes_on=today() + timedelta(days=30),
                                 question_set_version=1, actors=list(employers.values()))
    responses = {name: response for name, response in zip(names, survey.responses)}
    tokens = {name: services.issue_link(responses[name]) for name in names}
    services.save_answers(responses["done"], [{**WELDER, "seqf_level": 4, "count_1y": 2, "count_3y": 6,
                                               "bottleneck": True, "comment": "<b>inte fet</b>"}],
                          {"has-competence-plan": True}, today=today(), complete=True)
    services.issue_link(responses["replaced"])  # a reminder's newer link
    collab.make_membership(employers["member"], ACCOUNTS["member"][0])
    db.session.commit()
    return {**{f"{name}_token": token for name, token in tokens.items()},
            **{f"{name}_id": responses[name].id for name in names}, "round_id": survey.id,
            "member_actor": employers["member"].id}


@pytest.fixture(scope="module")
def site(sqlite_databases):
    with live_site(sqlite_databases, "accounts", demo=False, prepare=prepare) as server:
        yield server


def fill_need(page, index, values):
    row = page.locator(f"#need-{index}")
    for field, value in values.items():
        if field in SELECTS:
            row.locator(f"#needs-{index}-{field}").select_option(value)
        elif field in RADIOS:
            row.locator(f"#needs-{index}-{field} input[value='{value}']").check()
        else:
            row.locator(f"#needs-{index}-{field}").fill(value)


def saved(site, name):
    with site.app.app_context():
        response = db.session.get(SurveyResponse, site.ids[f"{name}_id"])
        return response.status, [(n.occupation, n.ssyk_group, n.count_1y, n.count_3y, n.seqf_level, n.importance,
                                  n.bottleneck, n.education_route, n.comment) for n in response.needs]


ANSWERED = [("Svetsare", "7", 2, 6, 4, "high", True, "higher-vocational", "Helst i Köping"),
            ("Undersköterska", "5", 1, 4, 4, "medium", False, "upper-secondary", "")]


def test_an_employer_answers_through_the_link_with_htmx_saves_comes_back_and_submits(site, open_page):
    address = f"{site.url}/surveys/answer/{site.ids['htmx_token']}"
    page = open_page()
    page.goto(address)
    expect(page.locator("h1")).to_have_text("Kompetensbehovsinventering: Verkstaden htmx AB")
    page.evaluate("window.notReloaded = true")
    fill_need(page, 0, WELDER)
    page.get_by_role("button", name="Lägg till ett behov till").click()
    expect(page.locator("#needs-1-occupation")).to_be_focused()  # the new row came with the focus
    htmx_settled(page)
    assert page.evaluate("window.notReloaded") is True  # added in place, not reloaded
    expect(page.locator("#need-1 > legend")).to_have_text("Behov 2")
    fill_need(page, 1, NURSE)
    with page.expect_navigation():  # Enter in a field saves: the form's first button is "save", not "remove"
        page.locator("#needs-1-occupation").press("Enter")
    expect(page.locator("main")).to_contain_text("Era svar är sparade.")
    assert saved(site, "htmx") == ("in-progress", ANSWERED)
    assert problems(page) == []

    later = open_page()  # another day, another browser: the same link
    later.goto(address)
    expect(later.locator("#needs-0-occupation")).to_have_value("Svetsare")
    expect(later.locator("#needs-1-occupation")).to_have_value("Undersköterska")
    expect(later.locator("#needs-1-importance").get_by_label("Medel", exact=True)).to_be_checked()
    later.get_by_label("Vi har kontrollerat svaren och skickar dem som slutgiltiga").check()
    with later.expect_navigation():
        later.get_by_role("button", name="Skicka svaren").click()
    expect(later.locator("main")).to_contain_text("2 rapporterade behov")
    expect(later.locator(".receipt-need h3")).to_have_text(["Behov 1: Svetsare", "Behov 2: Undersköterska"])
    assert saved(site, "htmx") == ("completed", ANSWERED)
    assert problems(later) == []


def test_an_employer_answers_without_javascript(site, browser):
    address = f"{site.url}/surveys/answer/{site.ids['nojs_token']}"
    with page_without_javascript(browser) as page:
        page.goto(address)
        fill_need(page, 0, WELDER)
        with page.expect_navigation():
            page.get_by_role("button", name="Lägg till ett behov till").click()
        # saved, and the form again with one more empty row, the focus in it
        assert saved(site, "nojs") == ("in-progress", ANSWERED[:1])
        expect(page.locator("#needs-1-occupation")).to_be_focused()
        fill_need(page, 1, {**NURSE, "count_3y": "0"})  # fewer within 3 years than within 1
        with page.expect_navigation() as refused:
            page.get_by_role("button", name="Skicka svaren").click()
        assert refused.value.status == 400
        expect(page.locator("#needs-1-count_3y-error")).to_contain_text("Inom 3 år inkluderar")
        expect(page.locator("#final-error")).to_be_visible()
        page.locator("#needs-1-count_3y").fill("4")
        page.get_by_label("Vi har kontrollerat svaren och skickar dem som slutgiltiga").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Skicka svaren").click()
        expect(page.locator(".receipt-need")).to_have_count(2)
    assert saved(site, "nojs") == ("completed", ANSWERED)


def _failed_form(page, site):
    page.goto(f"{site.url}/surveys/answer/{site.ids['axe_token']}")
    fill_need(page, 0, {**WELDER, "count_1y": "-3"})
    with page.expect_navigation() as navigation:
        page.locator("main button[value=complete]").click()
    return navigation.value


#: name -> (who, path or steps, status)
AXE_SCENARIOS = {
    "form": (None, "/surveys/answer/{axe_token}", 200),
    "form-failed": (None, _failed_form, 400),
    "receipt": (None, "/surveys/answer/{done_token}", 200),
    "replaced": (None, "/surveys/answer/{replaced_token}", 410),
    "unknown": (None, "/surveys/answer/" + "x" * 43, 404),
    "signed-in": ("member", "/surveys/{round_id}/employers/{member_actor}", 200),
    "my-page": ("member", "/me", 200),
}


@pytest.mark.parametrize("scenario", list(AXE_SCENARIOS))
def test_the_answer_pages_have_no_wcag_21_aa_violations_in_either_language(site, kept_pages, scenario):
    page = check_scenario(kept_pages, site, AXE_SCENARIOS[scenario], "sv-SE")
    assert page.locator("html").get_attribute("lang") == "sv"
    if scenario == "my-page":
        expect(page.locator("#surveys-heading")).to_have_text("Enkäter som väntar på ditt svar")
    with page.expect_navigation():
        page.locator(".language-switch button").click()
    assert page.locator("html").get_attribute("lang") == "en"
    steps = AXE_SCENARIOS[scenario][1]
    if callable(steps):
        steps(page, site)
    assert axe_violations(page) == []
    assert problems(page) == []
