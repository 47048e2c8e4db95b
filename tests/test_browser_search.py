"""In real headless Chromium: searching from the header, live results while typing (htmx), the
same search without JavaScript, and axe-core on the search page in both languages.

One live server for the module, over a synced SQLite app with the demo data.
"""
import pytest
from browser import check_scenario, live_site, page_without_javascript, problems
from conftest import LOCALES
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(sqlite_databases):
    with live_site(sqlite_databases, "synced") as server:
        yield server


def hit_titles(page):
    return [title.strip() for title in page.locator(".search-hit h3").all_inner_texts()]


def test_search_from_the_header_with_the_keyboard(site, open_page):
    page = open_page()
    page.goto(site.url + "/regions/")
    page.get_by_role("searchbox", name="Sök bland initiativ, aktörer, nätverk och möten").fill("valideringscentrum")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site.url + "/search?q=valideringscentrum"
    assert "Valideringscentrum Mellansverige" in hit_titles(page)
    assert problems(page) == []


def test_results_update_while_typing(site, open_page):
    page = open_page()
    page.goto(site.url + "/search")
    page.evaluate("window.notReloaded = true")
    page.locator("#q").press_sequentially("vasteras", delay=20)
    expect(page.locator(".search-hit h3").first).to_have_text("Västerås stad")
    assert page.evaluate("window.notReloaded") is True  # swapped in place, not a new page
    page.wait_for_url("**/search?**q=vasteras**")  # the address says what is shown
    page.locator("#kind").select_option("network")
    page.wait_for_url("**kind=network**")
    expect(page.locator(".search-hit .kind").first).to_contain_text("Nätverk")
    kinds = page.locator(".search-hit .kind").all_inner_texts()
    assert kinds and all(kind.startswith("Nätverk") for kind in kinds)
    assert page.locator("#search-results[aria-live=polite]").count() == 1
    assert problems(page) == []


def test_the_search_works_without_javascript(site, browser):
    with page_without_javascript(browser) as page:
        page.goto(site.url + "/search")
        page.locator("#q").fill("sundsvall")
        page.locator("#region").select_option("vasternorrland")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        assert "q=sundsvall" in page.url and "region=vasternorrland" in page.url
        assert "Sundsvalls kommun" in hit_titles(page)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("path, status", [
    ("/search", 200),
    ("/search?q=v%C3%A4ster%C3%A5s", 200),
    ("/search?q=validering&kind=actor&region=vastmanland", 200),
    ("/search?q=" + "x" * 201, 400),
])
def test_the_search_page_has_no_wcag_21_aa_violations(site, kept_pages, locale, path, status):
    page = check_scenario(kept_pages, site, (None, path, status), locale)
    if status == 400:
        assert page.locator("[aria-invalid=true]").count() == 1  # the one field, exactly
