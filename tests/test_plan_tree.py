"""The plan tree: what a crawler can reach from it, robots.txt, and the per-process plan cache."""
import html
import re
from collections import deque

import pytest
from conftest import in_language, running_app
from sqlalchemy import select

from samverkan.extensions import db
from samverkan import cache
from samverkan.plans.models import PlanNode
from samverkan.sync import sync_all
from seedtext import walk
from vasternorrland import plan as vasternorrland_plan
from vastmanland import plan as vastmanland_plan

LINK = re.compile(r'(?:href|data-hx-get)="([^"]+)"')


def crawl(client, start, limit):
    """Every URL under ``start`` reachable by following links (and htmx requests), breadth first,
    ignoring robots.txt and ``nofollow`` as a careless crawler does; stops past ``limit``."""
    seen, queue = {start}, deque([start])
    while queue and len(seen) <= limit:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code == 200, url
        for link in LINK.findall(response.text):
            link = html.unescape(link).split("#")[0]
            if link.startswith(start) and link not in seen:
                seen.add(link)
                queue.append(link)
    return seen


def robots_disallows(rules, url):
    """Whether a ``Disallow`` pattern of robots.txt (``*`` wildcards, as Google reads them) matches."""
    return any(re.match(".*".join(map(re.escape, rule.split("*"))), url) for rule in rules)


@pytest.mark.parametrize("region, module", [("vastmanland", vastmanland_plan), ("vasternorrland", vasternorrland_plan)])
def test_a_crawler_meets_a_bounded_number_of_tree_urls(client, region, module):
    nodes = list(walk(module.PLAN.nodes))
    expandable = sum(1 for node in nodes if node.children)
    # a page per node; per node with children the tree opened there and two htmx items; the
    # tree closed, expanded and as it comes
    limit = len(nodes) + 3 * expandable + 3
    urls = crawl(client, f"/regions/{region}/plan", limit)
    assert len(urls) <= limit
    assert f"/regions/{region}/plan?expand=all" in urls


def test_robots_txt_keeps_crawlers_off_tree_states_and_fragments(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    rules = [line.split(":", 1)[1].strip() for line in response.text.splitlines() if line.startswith("Disallow:")]
    assert "User-agent: *" in response.text
    urls = crawl(client, "/regions/vastmanland/plan", limit=1000)
    states = {url for url in urls if "?" in url or url.endswith("/tree-item")}
    assert states, "the crawl found no tree states"
    for url in urls:
        assert robots_disallows(rules, url) == (url in states), url
    for page in ("/", "/regions/", "/regions/vastmanland/plan", "/regions/vastmanland/plan/M8", "/themes/validation"):
        assert not robots_disallows(rules, page)


def test_toggles_carry_one_node_and_are_nofollow(client):
    text = client.get("/regions/vastmanland/plan").text
    toggles = re.findall(r'<a id="toggle-[^"]+"[^>]*>', text)
    assert toggles
    for toggle in toggles:
        assert 'rel="nofollow"' in toggle
        href = html.unescape(re.search(r'href="([^"]+)"', toggle).group(1))
        assert href.count("open=") == 1, href


def test_an_opened_tree_names_the_plain_tree_as_canonical(client):
    text = client.get("/regions/vastmanland/plan?open=M2").text
    assert '<link rel="canonical" href="http://localhost/regions/vastmanland/plan">' in text


@pytest.mark.parametrize("app_config", [{"BASE_URL": "https://samverkan.example.se/"}])
def test_the_canonical_address_is_on_the_base_url(client):
    text = client.get("/regions/vastmanland/plan?open=M2", headers={"Host": "elsewhere.example"}).text
    assert '<link rel="canonical" href="https://samverkan.example.se/regions/vastmanland/plan">' in text


def test_open_opens_the_path_to_the_node_and_ignores_unknown_codes(client):
    text = client.get("/regions/vastmanland/plan?open=nowhere&open=M2").text
    assert 'id="node-M2.1"' in text  # M2 open, and O1 above it so that M2 shows
    assert 'id="node-M1.1"' not in text  # a sibling stays closed
    assert 'id="node-M5"' not in text  # and so does the rest of the tree


def test_open_counts_only_the_first_codes(client):
    codes = [node.code for node in walk(vastmanland_plan.PLAN.nodes) if node.children]
    query = [("open", "nowhere")] * 20 + [("open", code) for code in codes]
    text = client.get("/regions/vastmanland/plan", query_string=query).text
    assert 'id="node-M2"' not in text  # nothing past the first twenty counted


def test_expand_all_opens_every_node(client):
    text = client.get("/regions/vastmanland/plan?expand=all").text
    for node in walk(vastmanland_plan.PLAN.nodes):
        assert f'id="node-{node.code}"' in text


def test_the_htmx_item_is_not_for_indexing(client):
    response = client.get("/regions/vastmanland/plan/M2/tree-item?open=M2", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "noindex" in response.headers["X-Robots-Tag"]
    assert response.text.lstrip().startswith('<li id="node-M2"') and 'id="node-M2.1"' in response.text
    closed = client.get("/regions/vastmanland/plan/M2/tree-item?open=O1").text
    assert 'id="node-M2.1"' not in closed and 'aria-expanded="false"' in closed


def test_a_plan_change_written_by_another_process_shows_at_the_next_request(database_url):
    """Two apps on one database stand for a web worker and the ``plugins sync`` command."""
    with running_app(database_url) as web, running_app(database_url) as command:
        with command.app_context():
            sync_all(command.extensions["samverkan.plugins"])
        client = web.test_client()
        assert "Goda kunskaper i yrkessvenska" in client.get("/regions/vastmanland/plan").text
        with command.app_context():
            node = db.session.scalars(select(PlanNode).filter_by(code="M2")).one()
            node.title = "En ny titel från synken"
            db.session.commit()
        assert "En ny titel från synken" in client.get("/regions/vastmanland/plan").text
        assert "En ny titel från synken" in client.get("/regions/vastmanland/plan/M2").text


def generations(app):
    """The generations as a new request reads them."""
    with app.app_context():
        return cache.generations()


def test_a_sync_that_changes_nothing_keeps_the_generations(synced_app):
    before = generations(synced_app)
    with synced_app.app_context():
        report = sync_all(synced_app.extensions["samverkan.plugins"])
        assert report.total == 0
        db.session.commit()
    assert generations(synced_app) == before


def test_a_rolled_back_change_leaves_the_generations_and_a_committed_one_bumps_them(synced_app):
    before = generations(synced_app)
    with synced_app.app_context():
        db.session.scalars(select(PlanNode).filter_by(code="M2")).one().title = "Aldrig sparad"
        db.session.flush()
        db.session.rollback()
    assert generations(synced_app) == before
    with synced_app.app_context():
        db.session.scalars(select(PlanNode).filter_by(code="M2")).one().title = "Sparad"
        db.session.commit()
    after = generations(synced_app)
    assert after["plan-trees"] != before.get("plan-trees")
    assert after.get("needs") == before.get("needs")  # what reads no plan is kept


def test_a_kept_tree_is_kept_per_language(client):
    for lang, shown, other in [("sv", "Visa", "Show"), ("en", "Show", "Visa"), ("sv", "Visa", "Show")]:
        text = in_language(client, lang).get("/regions/vastmanland/plan").text
        assert f'{shown}<span class="visually-hidden"> M2' in text
        assert f'{other}<span class="visually-hidden">' not in text


def test_the_kept_trees_stay_bounded_whatever_a_client_asks(synced_app):
    from samverkan.plans.queries import plan_trees
    from samverkan.plans.views import MAX_RENDERED_TREES

    client = synced_app.test_client()
    goals = [node.code for area in vastmanland_plan.PLAN.nodes for node in area.children if node.children]
    for i in range(MAX_RENDERED_TREES + 10):  # each a different set of open goals
        chosen = [code for bit, code in enumerate(goals) if i >> bit & 1]
        client.get("/regions/vastmanland/plan", query_string=[("open", code) for code in chosen] or "open=")
    from samverkan.plans.queries import follow_up

    with synced_app.test_request_context():
        rendered = {len(follow_up(tree).html) for tree in plan_trees().values()}
    assert max(rendered) <= MAX_RENDERED_TREES
