"""In real headless Chromium: a project lead reports progress from the initiative's page with htmx
(the timeline is replaced in place) and without JavaScript (a plain post and a redirect), and
axe-core on every page of progress reports, reporting periods, overdue reports and /me, in both
languages, error states included.
"""
from datetime import timedelta

import collab
import pytest
from browser import check_scenario, live_site, logged_in_page, page_without_javascript, problems, submit, submitted
from conftest import ACCOUNTS, LOCALES
from playwright.sync_api import expect

from samverkan.extensions import db
from samverkan.meetings.registrations import register
from samverkan.times import today

pytestmark = pytest.mark.browser


def work_of_the_lead():
    """An initiative of the Västmanland project lead's actor, an overdue reporting period, a
    report, a registered meeting and an action of theirs."""
    day = today()
    email = ACCOUNTS["project-lead"][0]
    actor = collab.make_actor("vastmanland", name="Mälardalens validering AB")
    collab.make_membership(actor, email)
    initiative = collab.make_initiative("vastmanland", title="Validering i vården", owner=actor)
    silent = collab.make_initiative("vastmanland", title="Yrkesvux i Köping", owner=actor)
    entry = collab.make_entry(initiative, day - timedelta(days=20), next_steps="Fler arbetsgivare.")
    period = collab.make_period("vastmanland", day - timedelta(days=150), day - timedelta(days=30),
                                day - timedelta(days=10), name="Vår")
    forum = collab.make_forum(slug="vastmanland", name="Kompetensrådet")
    meeting = collab.make_meeting(forum, title="Rådsmöte")
    register(meeting, collab.person(email))
    collab.make_action(meeting, what="Skicka underlaget", owner_email=email, due_on=day - timedelta(days=1))
    db.session.commit()
    return {"initiative": initiative.id, "silent": silent.id, "entry": entry.id, "period": period.id}


@pytest.fixture(scope="module")
def site(sqlite_databases):
    with live_site(sqlite_databases, "accounts", demo=False, prepare=work_of_the_lead) as server:
        yield server


def test_a_report_with_htmx_replaces_the_timeline_in_place(site, open_page):
    page = logged_in_page(open_page, site.url, "project-lead")
    address = f"{site.url}/initiatives/{site.ids['silent']}"
    page.goto(address)
    page.locator("#progress-happened").fill("Första kullen har börjat.")
    page.locator("#progress button[type=submit]").click()
    report = page.locator("#progress .timeline li", has_text="Första kullen har börjat.")
    # the new report's heading takes the focus once htmx has settled the swap (samverkan.js)
    expect(report.locator("h3")).to_be_focused()
    assert page.url == address  # no navigation: htmx swapped the section
    # a word for a number comes back in place, marked
    page.locator("#progress-happened").fill("Ett värde till.")
    page.locator("#progress input[name*='indicator_']").first.fill("många")
    page.locator("#progress button[type=submit]").click()
    page.locator("#progress [aria-invalid=true]").wait_for()
    assert page.url == address
    assert "Ange ett tal" in page.locator("#progress").inner_text()
    # the one 400 is the refused form's, answered with the fragment; nothing else went wrong
    assert problems(page) == [f"400 {site.url}/initiatives/{site.ids['silent']}/progress"]


def test_a_report_without_javascript_is_a_plain_post(site, browser):
    with page_without_javascript(browser, site.url, "project-lead") as page:
        page.goto(f"{site.url}/initiatives/{site.ids['initiative']}")
        page.locator("#progress-happened").fill("Utan JavaScript.")
        with page.expect_navigation():
            page.locator("#progress button[type=submit]").click()
        assert f"/initiatives/{site.ids['initiative']}" in page.url
        assert "Utan JavaScript." in page.locator("#progress .timeline").inner_text()
        assert "Lägesrapporten är sparad." in page.locator("main").inner_text()


def _fill_overlapping_period(page, site):
    page.goto(f"{site.url}/regions/vastmanland/reporting-periods")
    page.locator("#name").fill("Krock")
    page.locator("#starts_on").fill((today() - timedelta(days=60)).isoformat())
    page.locator("#ends_on").fill((today() + timedelta(days=60)).isoformat())
    page.locator("#due_on").fill((today() + timedelta(days=90)).isoformat())
    return submit(page)


#: name -> (who, path or steps, status)
AXE_SCENARIOS = {
    "initiative-editor": ("project-lead", "/initiatives/{initiative}", 200),
    "initiative-public": (None, "/initiatives/{initiative}", 200),
    "report-failed": ("project-lead", submitted("/initiatives/{initiative}/progress", {"#progress-happened": ""}), 400),
    "report-edit": ("project-lead", "/progress/{entry}/edit", 200),
    "report-delete": ("project-lead", "/progress/{entry}/delete", 200),
    "periods": ("region-admin", "/regions/vastmanland/reporting-periods", 200),
    "period-overlapping": ("region-admin", _fill_overlapping_period, 400),
    "period-delete": ("region-admin", "/reporting-periods/{period}/delete", 200),
    "reports-due": ("region-admin", "/regions/vastmanland/reports-due", 200),
    "me-lead": ("project-lead", "/me", 200),
    "me-admin": ("region-admin", "/me", 200),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("scenario", list(AXE_SCENARIOS))
def test_progress_pages_have_no_wcag_21_aa_violations(site, kept_pages, scenario, locale):
    check_scenario(kept_pages, site, AXE_SCENARIOS[scenario], locale)
