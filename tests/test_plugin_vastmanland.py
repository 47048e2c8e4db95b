"""The Västmanland plugin's data against its source, "Kompetensplan Västmanland 2030".

Pure data tests: no app and no database. The transcription checks read the plan document from
``shared/seeds/`` beside the repository and are skipped when it is not there.
"""
import pytest

from seedtext import CORE_THEME_SLUGS, normalise, read_seed, walk
from vastmanland import plan


@pytest.fixture(scope="module")
def seed() -> str:
    return read_seed("000_bd98864756804bbd.txt")


ALL_NODES = list(walk(plan.PLAN.nodes))
AREAS = list(plan.PLAN.nodes)
GOALS = [goal for area in AREAS for goal in area.children]
PRIORITIES = [priority for goal in GOALS for priority in goal.children]


# --- structure -----------------------------------------------------------------------------


def test_region_and_plan_identity():
    assert plan.REGION.code == "19"
    assert plan.REGION.name == "Västmanland"
    assert len(plan.REGION.municipalities) == 10
    assert {"Västerås", "Sala", "Skinnskatteberg"} <= set(plan.REGION.municipalities)
    assert plan.REGION.council.name == "Västmanlands kompetensråd"
    assert plan.PLAN.region_code == "19"
    assert plan.PLAN.title == "Kompetensplan Västmanland 2030"
    assert (plan.PLAN.period_start, plan.PLAN.period_end) == (2022, 2030)
    assert [kind.key for kind in plan.PLAN.node_kinds] == ["development-area", "goal", "priority"]


def test_three_development_areas():
    assert [area.code for area in AREAS] == ["O1", "O2", "O3"]
    assert all(area.kind == "development-area" for area in AREAS)
    assert [area.title for area in AREAS] == [
        "Matcha och bygga kompetens",
        "Samverkan för framtidens arbetsmarknad",
        "Strategisk kompetensförsörjning",
    ]


def test_twelve_goals_in_order_under_the_right_areas():
    assert [goal.code for goal in GOALS] == [f"M{n}" for n in range(1, 13)]
    assert all(goal.kind == "goal" for goal in GOALS)
    expected = {"O1": range(1, 5), "O2": range(5, 9), "O3": range(9, 13)}
    for area in AREAS:
        assert [goal.code for goal in area.children] == [f"M{n}" for n in expected[area.code]]


def test_every_goal_has_consecutively_coded_priorities():
    for goal in GOALS:
        assert goal.children, f"{goal.code} has no priorities"
        assert [p.code for p in goal.children] == [
            f"{goal.code}.{i}" for i in range(1, len(goal.children) + 1)
        ]
        assert all(p.kind == "priority" and not p.children for p in goal.children)
    assert [len(goal.children) for goal in GOALS] == [3, 2, 2, 2, 3, 3, 2, 3, 3, 3, 3, 3]


def test_codes_are_unique():
    codes = [node.code for node in ALL_NODES]
    assert len(codes) == len(set(codes)) == 3 + 12 + 32


def test_every_node_has_english_title_and_core_themes():
    for node in ALL_NODES:
        assert node.title_en and node.title_en.strip(), node.code
        assert node.themes, f"{node.code} has no theme"
        extra = set(node.themes) - CORE_THEME_SLUGS
        assert set(node.themes) <= CORE_THEME_SLUGS, (node.code, extra)
        assert len(node.themes) == len(set(node.themes)), node.code


def test_areas_and_goals_have_text_in_both_languages():
    for node in AREAS + GOALS:
        assert node.text.strip() and node.text_en and node.text_en.strip(), node.code
        assert node.text.count("\n\n") == node.text_en.count("\n\n"), node.code


def test_known_titles():
    goals = {goal.code: goal for goal in GOALS}
    priorities = {p.code: p for p in PRIORITIES}
    assert goals["M1"].title == "Ökad kunskap om kompetensbehov för framtidens arbetsmarknad"
    assert goals["M2"].title == "Goda kunskaper i yrkessvenska för utlandsfödda"
    assert goals["M10"].title == (
        "Höjd kapacitet hos arbetsgivarna att arbeta med kontinuerlig kompetensutveckling"
    )
    assert goals["M12"].title == "Förstärkt kompetensförsörjning inom länets styrkeområden"
    assert priorities["M11.2"].title == "Handledarutbildningar"
    assert priorities["M6.2"].title == (
        "Pröva och initiera samverkanslösningar mellan utbildningsanordnare, "
        "branschorganisationer och arbetsgivare"
    )


def test_principles_actor_kinds_and_indicators():
    assert [p.title for p in plan.PRINCIPLES] == [
        "Vi inspirerar till samarbete",
        "Vi länkar en helhet",
        "Vi har ett entreprenöriellt mindset",
        "Vi är inkluderande",
        "Vi tar samhällsansvar",
    ]
    assert all(p.region_code == "19" and p.title_en and p.text and p.text_en
               for p in plan.PRINCIPLES)
    assert [kind.key for kind in plan.ACTOR_KINDS] == [
        "education-provider",
        "employer",
        "municipality",
        "university",
        "employer-employee-organisation",
        "public-agency",
        "other-actor",
        "political-body",
    ]
    assert all(kind.region_code == "19" and kind.name_en for kind in plan.ACTOR_KINDS)
    assert [i.key for i in plan.INDICATORS] == ["rus-17", "rus-18", "rus-19"]
    assert [i.prioritised for i in plan.INDICATORS] == [False, True, False]
    assert all(i.unit == "%" and i.description_en for i in plan.INDICATORS)


# --- transcription against the source document ---------------------------------------------


def test_normalise_undoes_pdf_layout():
    assert normalise("• Pröva och initiera  \n\noch arbetsgivare  ") == (
        "Pröva och initiera och arbetsgivare"
    )
    assert normalise("kompetens-\nförsörjning") == "kompetensförsörjning"
    assert normalise("lokal-, regional- \n\noch nationell") == "lokal-, regional- och nationell"


def test_node_titles_appear_in_the_plan(seed):
    for node in ALL_NODES:
        assert normalise(node.title) in seed, f"{node.code}: {node.title!r}"


def test_goal_titles_are_their_section_headings(seed):
    numbers = {"O1": "3.1", "O2": "3.2", "O3": "3.3"}
    for area in AREAS:
        assert f"{numbers[area.code]} {area.title}" in seed
        for y, goal in enumerate(area.children, start=1):
            heading = f"{numbers[area.code]}.{y} Mål {goal.code[1:]}: {goal.title}"
            assert heading in seed, heading


def test_priorities_are_the_bullets(seed):
    for priority in PRIORITIES:
        assert f"{normalise(priority.title)} " in seed + " ", priority.code


def test_node_texts_appear_in_the_plan(seed):
    for node in AREAS + GOALS:
        for paragraph in node.text.split("\n\n"):
            assert normalise(paragraph) in seed, f"{node.code}: {paragraph[:60]!r}"


def test_summary_is_the_purpose_of_section_1_1(seed):
    assert "Syftet är att Kompetensplan Västmanland ska ange" in plan.PLAN.summary
    for paragraph in plan.PLAN.summary.split("\n\n"):
        assert normalise(paragraph) in seed


def test_principles_appear_in_the_plan(seed):
    section = seed[seed.index("4.1 Gemensamma och vägledande principer"):]
    for principle in plan.PRINCIPLES:
        assert normalise(principle.title) in section, principle.title
        assert normalise(f"{principle.title} {principle.text}") in section, principle.title


def test_actor_kinds_appear_in_the_plan(seed):
    for kind in plan.ACTOR_KINDS:
        assert normalise(kind.name) in seed, kind.key
        assert normalise(kind.description) in seed, kind.key


def test_council_and_indicators_appear_in_the_plan(seed):
    assert "Västmanlands kompetensråd" in seed
    assert normalise(plan.REGION.council.description) in seed
    for indicator in plan.INDICATORS:
        number = indicator.name.split()[-1]
        assert f"delmål {number} {indicator.description}" in seed, indicator.key
