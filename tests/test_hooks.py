"""Every hook of the plugin contract, exercised through a third county's plugin.

The plugin (``tests/third_county``) is installed the way any county would ship one: a package with
a ``samverkan.regions`` entry point. Nothing in the core names it. ``test_every_hook_has_a_test``
fails when a new hook is added to ``hookspecs.py`` without a ``test_hook_<name>`` here.
"""
import inspect
import re

import pytest
from conftest import running_app
from plugin_fixtures import install_third_county
from sqlalchemy import select

from samverkan import hookspecs
from samverkan.actors.models import ActorKind
from samverkan.extensions import db
from samverkan.indicators.models import Indicator
from samverkan.plans.models import Plan
from samverkan.plugins import PluginError, get_plugin_manager
from samverkan.regions.models import Region
from samverkan.sync import sync_all
from samverkan.themes.models import Theme


#: the third county's app builds on the schema, not on a copy with the installed plugins synced
pytestmark = pytest.mark.database("schema")


@pytest.fixture
def third_app(tmp_path, monkeypatch, database_url):
    install_third_county(tmp_path, monkeypatch)
    with running_app(database_url) as app:
        with app.app_context():
            sync_all(app.extensions["samverkan.plugins"])
        yield app


@pytest.fixture
def jamtland(third_app):
    with third_app.app_context():
        yield db.session.execute(select(Region).filter_by(code="23")).scalar_one()


def test_third_plugin_is_found_through_its_entry_point(tmp_path, monkeypatch):
    install_third_county(tmp_path, monkeypatch)
    pm = get_plugin_manager()
    assert pm.has_plugin("jamtland")
    assert {"vastmanland", "vasternorrland", "jamtland"} <= {pm.get_name(p) for p in pm.get_plugins()}


def test_a_plugin_that_cannot_be_imported_is_named(tmp_path, monkeypatch):
    install_third_county(tmp_path, monkeypatch)
    (tmp_path / "third_county-1.0.dist-info" / "entry_points.txt").write_text(
        "[samverkan.regions]\nbroken = third_county.missing_module\n"
    )
    with pytest.raises(PluginError, match="'broken': could not be imported: ModuleNotFoundError"):
        get_plugin_manager()


def test_hook_samverkan_regions(jamtland):
    assert jamtland.plugin == "jamtland"
    assert jamtland.name == "Jämtland Härjedalen"
    assert jamtland.municipalities == ["Östersund", "Åre"]


def test_hook_samverkan_plans(jamtland, third_app):
    plan = jamtland.main_plan
    assert (plan.key, plan.version, plan.period_start, plan.period_end) == ("testplan", 1, 2024, 2028)
    assert [n.code for n in plan.nodes] == ["A1", "A1.1"]
    assert plan.nodes[1].parent.code == "A1"
    response = third_app.test_client().get("/regions/jamtland/plan/A1.1")
    assert response.status_code == 200
    assert "Fler valideras inom turism" in response.text


def test_hook_samverkan_principles(jamtland):
    assert [(p.title, p.text) for p in jamtland.principles] == [("Tillsammans", "Vi gör det tillsammans.")]


def test_hook_samverkan_actor_kinds(jamtland):
    kinds = db.session.scalars(select(ActorKind).filter_by(region_id=jamtland.id)).all()
    assert [(k.key, k.name, k.name_en) for k in kinds] == [("employer", "Arbetsgivare", "Employers")]


def test_hook_samverkan_indicators(jamtland):
    indicators = db.session.scalars(select(Indicator).filter_by(region_id=jamtland.id)).all()
    assert [(i.key, i.name, i.unit) for i in indicators] == [("employment", "Sysselsättningsgrad", "%")]


def test_hook_samverkan_themes(jamtland, third_app):
    theme = db.session.execute(select(Theme).filter_by(slug="mountain-tourism")).scalar_one()
    assert (theme.name, theme.plugin) == ("Fjällturism", "jamtland")
    plan = db.session.execute(select(Plan).filter_by(region_id=jamtland.id)).scalar_one()
    node = next(node for node in plan.nodes if node.code == "A1")  # (a plan's nodes come in no set order)
    assert {t.slug for t in node.themes} == {"strength-areas", "mountain-tourism"}
    page = third_app.test_client().get("/themes/mountain-tourism")
    assert "Besöksnäringens kompetens" in page.text


def test_hook_samverkan_blueprints(third_app):
    response = third_app.test_client().get("/regions/jamtland/fjallen")
    assert response.status_code == 200
    assert '<h1 lang="sv">Fjällen</h1>' in response.text
    assert '<a class="skip-link"' in response.text  # the plugin's page extends the core layout


def test_hook_samverkan_event_subscribers(jamtland, third_app):
    """The plugin's subscriber hears of an initiative once its transaction has committed, reads it
    in its own session, and hears nothing of a rolled-back one."""
    import third_county
    from collab import make_initiative

    initiative = make_initiative("vastmanland", title="Fjällturism året runt")
    assert third_county.HEARD == []  # not before the commit
    db.session.commit()
    event, title = third_county.HEARD[0]
    assert (event.initiative_id, event.change, title) == (initiative.id, "created", "Fjällturism året runt")
    make_initiative("vastmanland", title="Aldrig sparad")
    db.session.rollback()
    assert len(third_county.HEARD) == 1


def test_a_subscriber_of_no_event_stops_the_start(pm):
    from samverkan import hookimpl
    from samverkan.plugins import load_plugins
    from samverkan.specs import SubscriberSpec

    class Plugin:
        @hookimpl
        def samverkan_event_subscribers(self):
            return [SubscriberSpec(dict, print)]

    pm.register(Plugin(), name="listener")
    with pytest.raises(PluginError, match="'listener': .*subscribe a callable to an event"):
        load_plugins(pm)


def test_hook_samverkan_competence_plan_templates(jamtland, third_app):
    from samverkan.actors.models import Actor
    from samverkan.competence_plans import services

    actor = Actor(name="Fjällhotellet", comparable_name="fjällhotellet", kind="employer", regions=[jamtland])
    db.session.add(actor)
    plan_year = services.start_plan(actor, jamtland, 2026, by=None)
    services.publish(plan_year, by=None)
    db.session.commit()
    assert [(s["key"], s["title"]) for s in plan_year.sections] == [("season", "Säsongsbemanning"),
                                                                     ("guides", "Fjällguider")]
    page = third_app.test_client().get(f"/actors/{actor.id}/competence-plan").text
    assert re.findall(r'<h2 id="section-[a-z-]+-heading">([^<]+)</h2>', page) == ["Säsongsbemanning", "Fjällguider"]
    assert "Bemanna vintersäsongen i fjällen." in page


def test_hook_samverkan_needs_questions(jamtland, third_app):
    """The plugin's question is in a round of its region: on the answer page, and its answer stored."""
    from datetime import timedelta

    from conftest import csrf_token

    from samverkan.actors.models import Actor
    from samverkan.needs import services
    from samverkan.needs.models import SurveyResponse
    from samverkan.times import today

    actor = Actor(name="Fjällhotellet", comparable_name="fjallhotellet", kind="employer", regions=[jamtland])
    survey = services.open_round(jamtland, title="Behov i fjällen", opens_on=today(), closes_on=today() + timedelta(days=5),
                                 question_set_version=1, actors=[actor])
    assert [(q["key"], q["kind"]) for q in survey.region_questions] == [("seasonal-staff", "choice")]
    token = services.issue_link(survey.responses[0])
    db.session.commit()
    response_id = survey.responses[0].id
    client = third_app.test_client()
    url = f"/surveys/answer/{token}"
    page = client.get(url)
    assert "Hur stor del av behovet gäller säsongsanställda?" in page.text
    assert '<option value="Större delen">Större delen</option>' in page.text
    saved = client.post(url, data={"region_seasonal_staff": "Större delen", "action": "save",
                                   "csrf_token": csrf_token(client, url)})
    assert saved.status_code == 302
    db.session.expire_all()
    assert db.session.get(SurveyResponse, response_id).region_answers == {"seasonal-staff": "Större delen"}


def test_every_hook_has_a_test():
    hooks = [name for name, _ in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("samverkan_")]
    assert hooks, "no hooks found in samverkan.hookspecs"
    untested = [name for name in hooks if f"test_hook_{name}" not in globals()]
    assert not untested, f"hooks without a test_hook_<name> in {__file__}: {untested}"
