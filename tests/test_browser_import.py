"""In real headless Chromium: a region administrator uploads a file of initiatives with htmx (the
upload's progress shown, the result swapped in place) and without JavaScript, a file with problems
gives the table of problems, a file above the size the request imports goes to the worker and its
page, and axe-core finds nothing on the pages in both languages."""
import pytest
from browser import axe_violations, live_site, logged_in_page, page_without_javascript, problems
from playwright.sync_api import expect
from sqlalchemy import func, select

from samverkan.extensions import db
from samverkan.initiatives.models import Initiative

pytestmark = pytest.mark.browser

UPLOAD = "/regions/vastmanland/initiatives/import"
HEADER = "Titel;Ägare;Ledande region;Status;Start;Slut"


def csv_file(*rows, header=HEADER):
    return ("\r\n".join([header, *rows]) + "\r\n").encode("utf-8-sig")


@pytest.fixture(scope="module")
def site(sqlite_databases):
    with live_site(sqlite_databases, "accounts", demo=False) as server:
        yield server


def titles(app):
    with app.app_context():
        return sorted(db.session.scalars(select(Initiative.title)))


def unexpected(page):
    """:func:`problems`, less the upload's own 400 (a file with problems answers 400 by design)."""
    return [problem for problem in problems(page) if problem != f"400 {page.url.split('#')[0]}"]


def choose(page, data, name="initiativ.csv"):
    page.locator("#file").set_input_files({"name": name, "mimeType": "text/csv", "buffer": data})


def test_an_upload_with_htmx_shows_its_progress_and_the_result_in_place(site, open_page):
    page = logged_in_page(open_page, site.url, "region-admin")
    page.goto(site.url + UPLOAD)
    # what the bar and its label show while the file is sent (the listener runs after the page's own)
    page.evaluate("""() => { window.seen = [];
        document.addEventListener("htmx:xhr:progress", () => {
          const box = document.getElementById("import-progress");
          window.seen.push({shown: getComputedStyle(box).display !== "none",
                            value: document.getElementById("import-progress-bar").value,
                            label: document.getElementById("import-progress-label").textContent}); }); }""")
    # about 100 KiB: imported in the request (IMPORT_JOB_BYTES)
    rows = [f"Initiativ {n};Köpings kommun;vastmanland;Pågår;2025-01-01;2025-12-31" for n in range(1500)]
    choose(page, csv_file(*rows))
    page.get_by_role("button", name="Importera").click()
    page.get_by_role("heading", name="Filen är importerad").wait_for()
    assert page.url == site.url + UPLOAD  # swapped in place, no page load
    seen = page.evaluate("window.seen")
    assert seen and all(step["shown"] for step in seen)
    assert seen[-1]["label"] == "Filen är skickad. Den kontrolleras och importeras …"
    assert page.locator("table caption", has_text="Importerade initiativ").count() == 1
    expect(page.locator(".notice", has=page.get_by_role("heading", name="Filen är importerad"))).to_be_focused()
    assert len(titles(site.app)) == 1500
    assert problems(page) == []

    choose(page, csv_file("Trasig;Köpings kommun;vastmanland;Pågående;2025-01-01;2024-01-01"))
    page.get_by_role("button", name="Importera").click()
    summary = page.locator(".error-summary", has=page.get_by_role("heading", name="Ingenting importerades"))
    expect(summary).to_be_focused()
    assert summary.get_by_role("link").all_inner_texts() == [
        "Rad 2, kolumn Status: Okänd status ”Pågående”. Använd någon av: Idé, Planerat, Pågår, Avslutat, Avbrutet.",
        "Rad 2, kolumn Slut: Slutet (2024-01-01) är före starten (2025-01-01)."]
    cells = page.locator(".import-problems tbody tr").all_inner_texts()
    assert cells == ["2\tStatus\tOkänd status ”Pågående”. Använd någon av: Idé, Planerat, Pågår, Avslutat, Avbrutet.",
                     "2\tSlut\tSlutet (2024-01-01) är före starten (2025-01-01)."]
    summary.get_by_role("link").nth(1).click()
    expect(page.locator(".import-problems tbody tr").nth(1)).to_be_focused()
    assert "Trasig" not in titles(site.app)
    assert unexpected(page) == []


def test_an_upload_without_javascript_is_a_plain_form(site, browser):
    with page_without_javascript(browser, site.url, "region-admin") as page:
        page.goto(site.url + UPLOAD)
        assert not page.locator("#import-progress").is_visible()  # nothing to show without JavaScript
        choose(page, csv_file("Utan skript;Köpings kommun;;Idé;;"))
        page.get_by_label("Kontrollera bara filen, importera ingenting").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Importera").click()
        assert page.get_by_role("heading", name="Filen har inga problem").is_visible()
        assert "Utan skript" not in titles(site.app)
        assert not page.get_by_label("Kontrollera bara filen, importera ingenting").is_checked()
        choose(page, csv_file("Utan skript;Köpings kommun;;Idé;;"))
        with page.expect_navigation():
            page.get_by_role("button", name="Importera").click()
        assert page.get_by_role("heading", name="Filen är importerad").is_visible()
        assert "Utan skript" in titles(site.app)


@pytest.mark.parametrize("locale", ["sv-SE", "en-GB"])
def test_the_upload_page_and_its_problems_have_no_wcag_21_aa_violations(site, open_page, locale):
    page = logged_in_page(open_page, site.url, "region-admin", locale)
    page.goto(site.url + UPLOAD)
    page.locator("details.import-columns summary").click()
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
    # problems, and a column to leave out (the summary, the notice and the form's checkboxes)
    choose(page, csv_file("Fel;;atlantis;;;;röd", header=HEADER + ";Färg"))
    page.locator("#import button[type=submit]").click()
    page.locator("#ignore-0").wait_for()
    assert page.locator(".import-problems").count() == 1
    assert axe_violations(page) == []
    assert unexpected(page) == []
    with site.app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Initiative).where(Initiative.title == "Fel")) == 0


@pytest.mark.parametrize("locale", ["sv-SE", "en-GB"])
def test_a_large_upload_goes_to_the_page_of_its_import_which_follows_it(site, open_page, locale):
    from samverkan.initiatives.import_runs import ImportRun
    from samverkan.regions.models import Region

    page = logged_in_page(open_page, site.url, "region-admin", locale)
    page.goto(site.url + UPLOAD)
    rows = [f"Stor {locale} {n};Köpings kommun;vastmanland;Pågår;2025-01-01;2025-12-31" for n in range(2500)]
    choose(page, csv_file(*rows))
    page.locator("#import button[type=submit]").click()
    page.locator("#import-run h2").wait_for()  # the tests' worker imports as the job is queued
    assert "/initiatives/import/" in page.url
    assert page.locator("#import-run .notice table tbody tr").count() == 500  # the first 500 listed
    assert len([title for title in titles(site.app) if title.startswith(f"Stor {locale} ")]) == 2500
    assert axe_violations(page) == []
    assert problems(page) == []
    # a run still under way: the page says how far it has come, and asks again by itself
    with site.app.app_context():
        region_id = db.session.scalar(select(Region.id).where(Region.slug == "vastmanland"))
        run = ImportRun(region_id=region_id, filename="stor.csv", language="sv", data=b"x", state="running")
        db.session.add(run)
        db.session.commit()
        run_id = run.id
    page.goto(f"{site.url}{UPLOAD}/{run_id}")
    with page.expect_request(lambda request: request.url.endswith(f"{UPLOAD}/{run_id}")
                             and request.headers.get("hx-request") == "true"):
        assert page.locator("#import-run [role=status]").is_visible()
    assert axe_violations(page) == []
