"""Plugin discovery and validation: a broken plugin is refused whole, with its name in the error."""
from types import ModuleType

import pytest
from click.testing import CliRunner

from samverkan import create_app, hookimpl
from samverkan.cli import main as cli_main
from samverkan.plugins import PluginError, get_plugin_manager, load_plugins
from samverkan.specs import (
    CompetencePlanTemplateSpec,
    IndicatorSpec,
    NeedsQuestionSpec,
    NodeKindSpec,
    NodeSpec,
    PlanSpec,
    RegionSpec,
    TemplateSectionSpec,
)

import vasternorrland
import vastmanland


def plugin(**hooks):
    """A plugin object whose hooks return the given lists."""
    module = ModuleType("test_plugin")
    for name, value in hooks.items():
        setattr(module, f"samverkan_{name}", hookimpl(lambda value=value: value))
    return module


def plan(nodes, region_code="23", kinds=("area", "goal")):
    return PlanSpec(
        region_code=region_code,
        key="p",
        title="Plan",
        node_kinds=tuple(NodeKindSpec(kind, kind.title()) for kind in kinds),
        nodes=nodes,
    )


JAMTLAND = RegionSpec(code="23", name="Jämtland")
GOOD_NODE = NodeSpec("A1", "area", "Område", themes=("validation",))
SECTION = TemplateSectionSpec("attract", "Attrahera")


def question(**fields):
    return NeedsQuestionSpec(**{"region_code": "23", "key": "q", "text": "Fråga?", **fields})


def template(*sections, region_code="23"):
    return CompetencePlanTemplateSpec(region_code=region_code, sections=sections)


def load(*plugins):
    pm = get_plugin_manager(load_entrypoints=False, extra_plugins=plugins)
    return load_plugins(pm)


@pytest.mark.parametrize("module", [vastmanland, vasternorrland], ids=lambda m: m.__name__)
def test_installed_region_plugins_load_through_their_entry_points(module):
    contents = {content.name: content for content in load_plugins(get_plugin_manager())}
    content = contents[module.__name__]
    assert content.regions == [module.plan.REGION]
    assert content.plans == [module.plan.PLAN]
    assert content.principles == list(module.plan.PRINCIPLES)
    assert content.actor_kinds == list(module.plan.ACTOR_KINDS)
    assert content.indicators == list(module.plan.INDICATORS)
    assert [question.region_code for question in content.needs_questions] == [module.plan.REGION.code]


def test_a_plugin_with_needs_questions_and_a_template_loads():
    questions = [question(), question(key="sector", kind="choice", choices=("Privat", "Offentlig"),
                                      choices_en=("Private", "Public"))]
    [content] = load(("good", plugin(regions=[JAMTLAND], needs_questions=questions,
                                     competence_plan_templates=[template(SECTION)])))
    assert content.needs_questions == questions
    assert content.competence_plan_templates == [template(SECTION)]


def test_valid_plugin_loads():
    [content] = load(("good", plugin(regions=[JAMTLAND], plans=[plan((GOOD_NODE,))])))
    assert content.regions == [JAMTLAND]
    assert content.plans[0].nodes[0].code == "A1"


@pytest.mark.parametrize(
    "hooks, message",
    [
        ({"regions": [RegionSpec(code="99", name="X")]}, "'99' is not a Swedish county code"),
        ({"regions": "not a list"}, "samverkan_regions() must return a list"),
        ({"regions": [{"code": "23"}]}, "is not a RegionSpec"),
        ({"regions": [], "plans": [plan((GOOD_NODE,))]}, "names region '23', which the plugin does not provide"),
        ({"regions": [JAMTLAND], "plans": [plan(())]}, "has no nodes"),
        ({"regions": [JAMTLAND], "plans": [plan((GOOD_NODE,), kinds=())]}, "declares no node kinds"),
        (
            {"regions": [JAMTLAND], "plans": [plan((NodeSpec("A1", "goal", "Mål", themes=("validation",)),))]},
            "node A1 is a 'goal' where 'area' belongs",
        ),
        (
            {"regions": [JAMTLAND], "plans": [plan((NodeSpec("A1", "area", "Område"),))]},
            "node A1 is mapped to no theme",
        ),
        (
            {"regions": [JAMTLAND], "plans": [plan((NodeSpec("A1", "area", "Område", themes=("nope",)),))]},
            "unknown themes ['nope']",
        ),
        ({"regions": [JAMTLAND], "plans": [plan((GOOD_NODE, GOOD_NODE))]}, "'A1' appears more than once"),
        (
            {"regions": [JAMTLAND], "plans": [plan((NodeSpec("A1", "area", " ", themes=("validation",)),))]},
            "every node needs a code and a title",
        ),
        *(({"regions": [JAMTLAND], "indicators": [IndicatorSpec(region_code="23", key=key, name="I")]},
           f"indicator key {key!r}: use lower-case letters, digits and hyphens")
          for key in ("own-sysselsattning", "new", "Delmål 17", "", "-17", "rus/17")),
        ({"regions": [JAMTLAND], "needs_questions": [question(region_code="19")]},
         "needs question 'q' names region '19'"),
        ({"regions": [JAMTLAND], "needs_questions": [question(), question()]},
         "needs question ('23', 'q') appears more than once"),
        ({"regions": [JAMTLAND], "needs_questions": [question(key="Fråga 1")]},
         "needs question 'Fråga 1': use lower-case letters"),
        *(({"regions": [JAMTLAND], "needs_questions": [question(key=key)]},
           f"needs question {key!r}: the key names a shared column of the answers' import")
          for key in ("ssyk", "yrke", "bottleneck", "kommentar")),
        ({"regions": [JAMTLAND], "needs_questions": [question(kind="scale")]}, "kind 'scale' is not one of"),
        ({"regions": [JAMTLAND], "needs_questions": [question(text=" ")]}, "needs question 'q' has no text"),
        ({"regions": [JAMTLAND], "needs_questions": [question(kind="choice")]},
         "a choice question, and only one, lists choices"),
        ({"regions": [JAMTLAND], "needs_questions": [question(choices=("Ja",))]},
         "a choice question, and only one, lists choices"),
        ({"regions": [JAMTLAND], "needs_questions": [question(kind="choice", choices=("A", "B"), choices_en=("A",))]},
         "choices_en must translate every choice"),
        ({"regions": [JAMTLAND], "competence_plan_templates": [template(SECTION, region_code="19")]},
         "competence plan template of region '19' names region '19'"),
        ({"regions": [JAMTLAND], "competence_plan_templates": [template(SECTION), template(SECTION)]},
         "competence plan template '23' appears more than once"),
        ({"regions": [JAMTLAND], "competence_plan_templates": [template()]}, "has no sections"),
        ({"regions": [JAMTLAND], "competence_plan_templates": [template(SECTION, SECTION)]},
         "'attract' appears more than once"),
        ({"regions": [JAMTLAND], "competence_plan_templates": [template(TemplateSectionSpec("Attrahera", "A"))]},
         "section 'Attrahera' needs a key of lower-case letters"),
    ],
)
def test_broken_plugin_is_refused_with_its_name(hooks, message):
    with pytest.raises(PluginError) as error:
        load(("broken", plugin(**hooks)))
    assert str(error.value).startswith("Region plugin 'broken': ")
    assert message in str(error.value)


def test_a_hook_that_raises_is_reported_as_the_plugins_error():
    def explode():
        raise RuntimeError("boom")

    broken = ModuleType("broken")
    broken.samverkan_regions = hookimpl(explode)
    with pytest.raises(PluginError, match=r"'broken': samverkan_regions\(\) raised RuntimeError\('boom'\)"):
        load(("broken", broken))


def test_two_plugins_cannot_claim_one_county():
    with pytest.raises(PluginError, match="region 23 is already provided by 'first'"):
        load(("first", plugin(regions=[JAMTLAND])), ("second", plugin(regions=[JAMTLAND])))


def test_a_misspelt_hook_is_an_error():
    misspelt = ModuleType("misspelt")
    misspelt.samverkan_region = hookimpl(lambda: [])
    with pytest.raises(PluginError, match="'misspelt'.*samverkan_region"):
        get_plugin_manager(load_entrypoints=False, extra_plugins=[("misspelt", misspelt)])


def test_app_does_not_start_with_a_broken_plugin(tmp_path):
    pm = get_plugin_manager(load_entrypoints=False, extra_plugins=[("broken", plugin(regions=[RegionSpec("99", "X")]))])
    with pytest.raises(PluginError, match="'broken'"):
        create_app({"DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite", "SECRET_KEY": "t"}, plugin_manager=pm)


def test_cli_names_the_broken_plugin_without_a_traceback(monkeypatch):
    def broken_manager():
        return get_plugin_manager(load_entrypoints=False, extra_plugins=[("broken", plugin(regions="x"))])

    monkeypatch.setattr("samverkan.plugins.get_plugin_manager", broken_manager)
    outcome = CliRunner().invoke(cli_main, ["plugins", "list"])
    assert outcome.exit_code == 1
    assert "Region plugin 'broken': samverkan_regions() must return a list" in outcome.output
    assert "Traceback" not in outcome.output
