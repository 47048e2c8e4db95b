"""In real headless Chromium: the practice library's filters updating the results in place with
htmx, and axe-core on the library, a practice's page (its adoptions and similar initiatives), the
adopting initiative's page and the adoption pages, in both languages, error states included.

One live server for the module, over a synced SQLite app with the test accounts, a practice of
Västmanland adopted by Västernorrland, and similar initiatives in other regions.
"""
import collab
import pytest
from browser import check_scenario, live_site, problems, submitted
from conftest import LOCALES

from samverkan.extensions import db

pytestmark = pytest.mark.browser


def adopted_practice():
    """A practice of Västmanland adopted by Västernorrland, with similar initiatives elsewhere."""
    validation = [collab.theme("validation")]
    practice = collab.make_practice(
        "vastmanland", title="Validering i vården", themes=validation, funding={"esf": 400000},
        summary="Undersköterskor valideras på arbetsplatsen.", contact_name="Eva Ek",
        contact_email="eva.ek@vasteras.se", lessons="Låt handledarna träffas innan valideringen börjar.")
    collab.make_initiative("skane", title="Validering av vårdbiträden", themes=validation,
                           contact_name="Sara Syd", contact_email="sara@skane.se")
    collab.make_practice("gotland", title="Lärlingar i besöksnäringen",
                         themes=[collab.theme("work-based-learning")], funding={"regional": 100000})
    own = collab.make_initiative("vasternorrland", title="Validering i Sundsvalls vård", themes=validation)
    adoption = collab.make_adoption(practice, "vasternorrland", initiative=own, note="Med kortare praktik.")
    db.session.commit()
    return {"practice": practice.id, "own": own.id, "adoption": adoption.id}


@pytest.fixture(scope="module")
def site(sqlite_databases):
    with live_site(sqlite_databases, "accounts", demo=False, prepare=adopted_practice) as server:
        yield server


def test_the_library_filters_in_place_with_htmx(site, open_page):
    page = open_page()
    page.goto(site.url + "/practices/")
    results = page.locator("#practice-results")
    assert "Validering i vården" in results.inner_text() and "Lärlingar i besöksnäringen" in results.inner_text()
    page.evaluate("window.notReloaded = true")  # gone if the page is loaded again
    with page.expect_response(lambda response: "funding=esf" in response.url):
        page.locator("#funding").select_option("esf")
    page.wait_for_function("!document.querySelector('#practice-results').innerText.includes('Lärlingar')")
    assert "Validering i vården" in results.inner_text()
    assert page.evaluate("window.notReloaded") is True
    assert "funding=esf" in page.url  # the address keeps the filter (hx-push-url)
    assert problems(page) == []


#: name -> (who, path or steps, status)
AXE_SCENARIOS = {
    "library": (None, "/practices/", 200),
    "library-filtered": (None, "/practices/?theme=validation&funding=esf&region=vastmanland", 200),
    "library-unknown-value": (None, "/practices/?funding=lottery", 400),
    "practice": (None, "/initiatives/{practice}", 200),
    "practice-region-admin": ("other-region-admin", "/initiatives/{practice}", 200),
    "adopting-initiative": (None, "/initiatives/{own}", 200),
    "adopt": ("other-region-admin", "/practices/{practice}/adopt", 200),
    "adopt-own-region": ("region-admin", "/practices/{practice}/adopt", 200),
    # Västernorrland has adopted the practice already: recording it again is a form error
    "adopt-again": ("other-region-admin", submitted("/practices/{practice}/adopt"), 400),
    "withdraw": ("other-region-admin", "/practices/adoptions/{adoption}/withdraw", 200),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("scenario", list(AXE_SCENARIOS))
def test_practice_pages_have_no_wcag_21_aa_violations(site, kept_pages, scenario, locale):
    check_scenario(kept_pages, site, AXE_SCENARIOS[scenario], locale)
