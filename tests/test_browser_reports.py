"""In real headless Chromium: axe-core on the annual report with a year of figures, in both
languages, its print layout (no navigation chrome when printed), and the page that says its PDF
is being prepared."""
import pytest
import report_data
from browser import axe_violations, live_site

pytestmark = pytest.mark.browser

URL = "/regions/vastmanland/report/2024"


@pytest.fixture(scope="module")
def site(sqlite_databases):
    with live_site(sqlite_databases, "synced", demo=False, prepare=report_data.year_of_work) as server:
        yield server


def test_the_report_has_no_wcag_21_aa_violations(site, page):
    page.goto(site.url + URL)
    assert page.locator("h1").count() == 1
    assert page.locator("table.coverage tbody tr").count() == 47
    assert axe_violations(page) == []
    assert page.console_errors == []


def test_the_printed_report_has_no_navigation(site, page):
    page.goto(site.url + URL)
    assert page.locator(".site-header").is_visible()
    page.emulate_media(media="print")
    for chrome in (".site-header", ".site-footer", ".breadcrumbs", ".report-tools"):
        assert not page.locator(chrome).is_visible(), chrome
    assert page.locator("#report-title").is_visible()
    assert page.locator("table.coverage").is_visible()


@pytest.fixture(scope="module")
def site_without_worker(sqlite_databases, tmp_path_factory):
    """Jobs queued for a worker that never comes: the PDF stays in preparation."""
    jobs = tmp_path_factory.mktemp("jobs") / "jobs.sqlite"
    with live_site(sqlite_databases, "synced", demo=False, prepare=report_data.year_of_work,
                   JOBS_IMMEDIATE=False, JOBS_SQLITE_PATH=str(jobs)) as server:
        yield server


def test_the_page_saying_the_pdf_is_being_prepared_has_no_wcag_21_aa_violations(site_without_worker, page):
    response = page.goto(site_without_worker.url + URL + ".pdf")
    assert response.status == 202 and response.headers["retry-after"] == "5"
    assert page.locator("h1").count() == 1
    assert page.locator("noscript").count() == 1  # without JavaScript the page reloads itself
    assert axe_violations(page) == []
    with page.expect_request(lambda request: request.url.endswith(URL + ".pdf")
                             and request.headers.get("hx-request") == "true"):
        pass  # with it, htmx asks how it goes, without reloading the page
    assert page.console_errors == []
