"""The public pages, in Swedish (the default) and English, and their 404s."""
import html
import re

import collab
import pytest
from conftest import PUBLIC_PAGES, in_language, request_in

from seedtext import walk
from vasternorrland import plan as vasternorrland_plan
from vastmanland import plan as vastmanland_plan


#: a navigation label per language: proves the page was rendered in that language
NAV = {"sv": ">Regioner<", "en": ">Regions<"}


def get(client, url, lang):
    return in_language(client, lang).get(url)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_page_in_both_languages(client, url, lang):
    response = get(client, url, lang)
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.text
    assert NAV[lang] in response.text
    other = "en" if lang == "sv" else "sv"
    assert NAV[other] not in response.text


def test_swedish_is_the_default(client):
    response = client.get("/regions/")
    assert '<html lang="sv">' in response.text
    assert "Sveriges 21 län" in response.text


@pytest.mark.parametrize("lang, text", [("sv", "Sidan finns inte"), ("en", "Page not found")])
@pytest.mark.parametrize(
    "url",
    ["/regions/atlantis/", "/regions/skane/plan", "/regions/vastmanland/plan/M99", "/themes/no-such-theme",
     "/regions/vastmanland/plan/F1", "/no/such/page"],
)
def test_unknown_things_get_a_404_page_in_the_visitors_language(client, url, lang, text):
    response = get(client, url, lang)
    assert response.status_code == 404
    assert text in response.text
    assert f'<html lang="{lang}">' in response.text


@pytest.mark.parametrize("browser_asks", ["en-GB,en;q=0.9", "en", "de, en;q=0.5", ""])
def test_a_first_visit_is_in_swedish_whatever_the_browser_asks_for(client, browser_asks):
    """Swedish is the language of a Swedish public service: the browser's Accept-Language does not
    choose the language, the visitor does (the switch, remembered in the session)."""
    page = client.get("/", headers={"Accept-Language": browser_asks})
    assert '<html lang="sv">' in page.text and NAV["sv"] in page.text
    assert '<button type="submit" name="lang" value="en" lang="en">English</button>' in page.text


def test_language_switch_is_remembered(client):
    page = client.get("/regions/vastmanland/")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    response = client.post("/language", data={"lang": "en", "next": "/regions/vastmanland/", "csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"] == "/regions/vastmanland/"
    assert '<html lang="en">' in client.get("/regions/", headers={"Accept-Language": "sv"}).text


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_language_switch_never_redirects_off_site(client, target):
    page = client.get("/")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    response = client.post("/language", data={"lang": "en", "next": target, "csrf_token": token})
    assert response.headers["Location"] == "/"


def test_language_switch_refuses_unknown_languages(client):
    page = client.get("/")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    response = client.post("/language", data={"lang": "de", "csrf_token": token})
    assert response.status_code == 400
    assert collab.heading(response) == collab.BAD_REQUEST  # the language, not the token
    with client.session_transaction() as session:
        assert "lang" not in session


def test_language_switch_needs_a_csrf_token(client):
    response = client.post("/language", data={"lang": "en"})
    assert response.status_code == 400
    assert collab.heading(response) == collab.FORM_EXPIRED
    assert collab.refusals(client.application)[-1] == "CSRF: The CSRF token is missing."
    with client.session_transaction() as session:
        assert "lang" not in session


def test_regions_page_lists_all_21_counties(client):
    text = client.get("/regions/").text
    assert len(re.findall(r'<th scope="row"><a href="/regions/[a-z-]+/">', text)) == 21
    for name in ("Stockholm", "Västra Götaland", "Norrbotten", "Västmanland", "Västernorrland"):
        assert f">{name}</a>" in text


def test_a_county_without_a_plugin_says_it_has_no_plan(client):
    assert "Den här regionen har ingen plan i Samverkan ännu." in client.get("/regions/skane/").text
    assert "This region has no plan in Samverkan yet." in get(client, "/regions/skane/", "en").text


@pytest.mark.parametrize(
    "region, module", [("vastmanland", vastmanland_plan), ("vasternorrland", vasternorrland_plan)]
)
def test_expanded_tree_shows_every_node_with_its_exact_title(client, region, module):
    nodes = list(walk(module.PLAN.nodes))
    codes = [node.code for node in nodes if node.children]
    text = html.unescape(client.get(f"/regions/{region}/plan", query_string=[("open", c) for c in codes]).text)
    for node in nodes:
        assert f'<span class="node-code">{node.code}</span> {node.title}</a>' in text


def test_tree_opens_the_top_level_by_default_and_closes_on_request(client):
    text = client.get("/regions/vastmanland/plan").text
    assert "Goda kunskaper i yrkessvenska för utlandsfödda" in text  # M2, under the open O1
    assert 'id="node-M2.1"' not in text  # priorities stay closed
    closed = client.get("/regions/vastmanland/plan?open=").text
    assert 'id="node-M2"' not in closed
    assert 'aria-expanded="false"' in closed


def test_tree_toggle_works_without_javascript_and_with_htmx(client):
    text = client.get("/regions/vastmanland/plan").text
    toggle = re.search(r'<a id="toggle-M2"[^>]*>', text).group(0)
    assert 'aria-expanded="false"' in toggle
    href = html.unescape(re.search(r'href="([^"]+)"', toggle).group(1))
    hx_get = html.unescape(re.search(r'data-hx-get="([^"]+)"', toggle).group(1))
    # without JavaScript: the link is the whole page with M2 open
    page = client.get(href).text
    assert 'id="node-M2.1"' in page and "<!doctype html>" in page
    # with htmx: only the item, opened
    fragment = client.get(hx_get, headers={"HX-Request": "true"}).text
    assert fragment.lstrip().startswith('<li id="node-M2"')
    assert 'id="node-M2.1"' in fragment and "<html" not in fragment
    assert 'aria-expanded="true"' in fragment


def test_node_page_shows_text_children_themes_and_initiatives(client):
    text = html.unescape(client.get("/regions/vastmanland/plan/M8").text)
    goal = next(node for node in walk(vastmanland_plan.PLAN.nodes) if node.code == "M8")
    assert goal.title in text
    assert goal.text.split("\n\n")[0] in text
    for priority in goal.children:
        assert priority.title in text
    assert 'href="/themes/validation"' in text
    assert 'id="initiatives-heading"' in text


def test_node_page_in_english_uses_the_plugins_translation(client):
    goal = next(node for node in walk(vastmanland_plan.PLAN.nodes) if node.code == "M2")
    text = html.unescape(get(client, "/regions/vastmanland/plan/M2", "en").text)
    assert goal.title_en in text
    assert "Goal" in text


@pytest.mark.parametrize(
    "lang, expected, paragraphs",
    [
        ("sv", "Fler &lt;valideras&gt;", "<p>Fler &lt;valideras&gt;</p>\n<p>Två</p>"),
        ("en", '<span lang="sv">Fler &lt;valideras&gt;</span>',
         '<p lang="sv">Fler &lt;valideras&gt;</p>\n<p lang="sv">Två</p>'),
    ],
)
def test_swedish_text_in_the_english_ui_is_marked_as_swedish(synced_app, lang, expected, paragraphs):
    from types import SimpleNamespace

    from markupsafe import escape

    from samverkan.i18n import localized

    untranslated = SimpleNamespace(title="Fler <valideras>", title_en=None, text="Fler <valideras>\n\n Två ")
    with request_in(synced_app, lang):
        assert str(escape(localized(untranslated, "title"))) == expected
        assert localized(untranslated, "title").text == "Fler <valideras>"  # for <title> and attributes
        assert str(localized(untranslated, "text").paragraphs()) == paragraphs


def test_english_text_is_not_marked(synced_app):
    from types import SimpleNamespace

    from markupsafe import escape

    from samverkan.i18n import localized

    translated = SimpleNamespace(title="Fler valideras", title_en="More <validated>")
    with request_in(synced_app, "en"):
        assert str(escape(localized(translated, "title"))) == "More &lt;validated&gt;"
        assert str(localized(translated, "title").paragraphs()) == "<p>More &lt;validated&gt;</p>"


def test_page_title_holds_no_markup_when_swedish_falls_back(client):
    """``<title>`` cannot hold a ``<span lang>``: the plain text goes there."""
    from samverkan.extensions import db
    from samverkan.regions.models import Region
    from sqlalchemy import select

    with client.application.app_context():
        region = db.session.execute(select(Region).filter_by(slug="vastmanland")).scalar_one()
        region.name_en = None
        db.session.commit()
    text = get(client, "/regions/vastmanland/", "en").text
    assert "<title>Västmanland – Samverkan</title>" in text
    assert '<h1><span lang="sv">Västmanland</span></h1>' in text


def test_council_duties_in_english(client):
    text = html.unescape(get(client, "/regions/vasternorrland/", "en").text)
    for duty in vasternorrland_plan.REGION.council.duties_en:
        assert f"<li>{duty}</li>" in text


def test_theme_page_joins_nodes_of_both_regions(client):
    text = client.get("/themes/lifelong-learning").text
    assert 'id="region-vastmanland"' in text
    assert 'id="region-vasternorrland"' in text
    assert "/regions/vastmanland/plan/" in text and "/regions/vasternorrland/plan/" in text


def test_every_theme_page_lists_exactly_the_nodes_mapped_to_it(client):
    for module, region in ((vastmanland_plan, "vastmanland"), (vasternorrland_plan, "vasternorrland")):
        for node in walk(module.PLAN.nodes):
            for slug in node.themes:
                assert f'href="/regions/{region}/plan/{node.code}"' in client.get(f"/themes/{slug}").text


def test_region_page_shows_principles_and_council(client):
    text = html.unescape(client.get("/regions/vastmanland/").text)
    for principle in vastmanland_plan.PRINCIPLES:
        assert principle.title in text
    assert vastmanland_plan.REGION.council.name in text
    text = html.unescape(client.get("/regions/vasternorrland/").text)
    for word in vasternorrland_plan.PRINCIPLES:
        assert word.title in text
    for duty in vasternorrland_plan.REGION.council.duties:
        assert duty in text


def test_plugin_text_is_escaped(synced_app):
    from samverkan.extensions import db
    from samverkan.plans.models import PlanNode
    from sqlalchemy import select

    with synced_app.app_context():
        node = db.session.execute(select(PlanNode).filter_by(code="M1")).scalar_one()
        node.title = '<div hx-get="/logout" hx-trigger="load">x</div>'
        db.session.commit()
    text = synced_app.test_client().get("/regions/vastmanland/plan/M1").text
    assert '<div hx-get="/logout"' not in text
    assert "&lt;div hx-get=&#34;/logout&#34;" in text


def test_region_page_shows_how_the_council_works(client):
    workflow = vasternorrland_plan.REGION.council.workflow
    text = html.unescape(client.get("/regions/vasternorrland/").text)
    assert "Så arbetar rådet" in text
    for step in workflow:
        assert f"<h4>{step.title}</h4>" in text
    text = html.unescape(get(client, "/regions/vasternorrland/", "en").text)
    for step in workflow:
        assert f"<h4>{step.title_en}</h4>" in text
