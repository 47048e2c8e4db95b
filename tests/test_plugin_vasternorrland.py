"""The Västernorrland plugin's data: structure, themes, and fidelity to the source document.

Runs without the app, from the repository root:
``PYTHONPATH=platform:plugins python -m pytest tests/test_plugin_vasternorrland.py``.
"""
import re

import pytest

from samverkan.specs import NodeSpec, PlanSpec, PrincipleSpec, RegionSpec
from seedtext import CORE_THEME_SLUGS, normalise, read_seed_raw, walk

from vasternorrland import plan


@pytest.fixture(scope="module")
def seed_text():
    return read_seed_raw("002_1f5acc4d341604ee.txt")


@pytest.fixture(scope="module")
def seed(seed_text):
    """The seed, normalised and case-folded."""
    return normalise(seed_text, fold=True)


@pytest.fixture(scope="module")
def seed_cased(seed_text):
    """The seed, normalised with case kept."""
    return normalise(seed_text)


def focus_areas() -> tuple[NodeSpec, ...]:
    return plan.PLAN.nodes


def all_nodes():
    return walk(focus_areas())


def directions():
    for area in focus_areas():
        yield from area.children


# --- structure ---------------------------------------------------------------------------


def test_region_and_council():
    region = plan.REGION
    assert isinstance(region, RegionSpec)
    assert (region.code, region.name) == ("22", "Västernorrland")
    assert region.municipalities == (
        "Härnösand", "Kramfors", "Sollefteå", "Sundsvall", "Timrå", "Ånge", "Örnsköldsvik",
    )
    council = region.council
    assert council.name == "Västernorrlands kompetensråd"
    assert council.name_en and council.description and council.description_en
    assert len(council.duties) == 4
    assert len(council.duties_en) == len(council.duties)


def test_plan_header():
    p = plan.PLAN
    assert isinstance(p, PlanSpec)
    assert (p.region_code, p.key, p.version) == ("22", "kompetensforsorjning", 1)
    assert p.title == "Plan för bättre kompetensförsörjning"
    assert p.title_en
    assert p.summary.startswith("Planens syfte är") and p.summary_en
    assert [k.key for k in p.node_kinds] == ["focus-area", "direction"]


def test_four_focus_areas_in_order():
    areas = focus_areas()
    assert [a.code for a in areas] == ["F1", "F2", "F3", "F4"]
    assert all(a.kind == "focus-area" for a in areas)
    assert [a.title for a in areas] == [
        "Livslångt lärande",
        "Hållbara och konkurrenskraftiga arbetsgivare",
        "Matchning och tillvaratagande av kompetens",
        # the appendix's heading; the summary page says "Kunskap om länets tillgång och
        # efterfrågan av kompetens"
        "Kunskap om tillgång och efterfrågan på kompetens",
    ]
    assert all(a.text and a.text_en for a in areas)


def test_directions_have_consecutive_codes():
    counts = {}
    for area in focus_areas():
        assert area.children, f"{area.code} has no directions"
        assert [d.code for d in area.children] == [
            f"{area.code}.{i}" for i in range(1, len(area.children) + 1)
        ]
        assert all(d.kind == "direction" and not d.children for d in area.children)
        counts[area.code] = len(area.children)
    assert counts == {"F1": 5, "F2": 5, "F3": 4, "F4": 2}


def test_codes_unique():
    codes = [n.code for n in all_nodes()]
    assert len(codes) == len(set(codes))


def test_every_node_translated_and_themed():
    for node in all_nodes():
        assert node.title_en, node.code
        if node.text:
            assert node.text_en, node.code
        assert node.themes, node.code
        assert set(node.themes) <= CORE_THEME_SLUGS, (node.code, node.themes)
        assert len(node.themes) == len(set(node.themes)), node.code


def test_directions_end_with_full_stop():
    # every direction bullet in the seed ends with "."; the transcription keeps it throughout
    for d in directions():
        assert d.title.endswith("."), d.code
        assert d.title_en.endswith("."), d.code


def test_known_strings():
    f1, f2, _f3, f4 = focus_areas()
    assert f1.title == "Livslångt lärande"
    assert "Arbetsplatser där utvecklig och lärande är en del av framgången." in [
        d.title for d in f1.children
    ]
    # appendix wording, not the summary page's "arbetstagares"
    assert f2.children[1].title == "Tillvaratagande och utveckling av medarbetares kompetens."
    assert f4.children[-1].title == (
        "Analyser och kunskapsunderlag om tillgång och efterfrågan av kompetensbehov används "
        "av relevanta aktörer."
    )
    assert "studie- och utbildningsmiljöer" in f1.children[0].title


def test_three_guiding_words():
    assert len(plan.PRINCIPLES) == 3
    assert all(isinstance(p, PrincipleSpec) and p.region_code == "22" for p in plan.PRINCIPLES)
    assert [p.title for p in plan.PRINCIPLES] == [
        "Tillit, samverkan och gemensamt ansvar",
        "Tydliga mål och synliga resultat",
        "Enkel och tydlig kommunikation",
    ]
    assert all(p.title_en and p.text and p.text_en for p in plan.PRINCIPLES)


def test_actor_kinds_and_indicators():
    keys = [k.key for k in plan.ACTOR_KINDS]
    assert len(keys) == len(set(keys))
    assert all(k.region_code == "22" and k.name and k.name_en for k in plan.ACTOR_KINDS)
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", key) for key in keys)
    assert plan.INDICATORS == ()


def test_workflow_steps():
    assert [step.title for step in plan.REGION.council.workflow] == [
        "Nulägesanalys",
        "Prioriteringar av inriktningar och mobilisering",
        "Uppföljning av resultat",
    ]
    assert all(step.title_en and step.text_en for step in plan.REGION.council.workflow)
    assert "nulägesanalys" in plan.REGION.council.workflow[0].text
    assert "årligen" in plan.REGION.council.workflow[-1].text


def test_text_hygiene():
    """No layout leftovers: tabs, bullets, trailing spaces, doubled spaces, stray line breaks."""
    strings = [plan.PLAN.summary, *plan.REGION.council.duties, plan.REGION.council.description]
    for node in all_nodes():
        strings += [node.title, node.text]
    for p in plan.PRINCIPLES:
        strings += [p.title, p.text]
    for step in plan.REGION.council.workflow:
        strings += [step.title, step.text]
    for s in strings:
        assert "\t" not in s and "•" not in s, s
        assert "  " not in s, s
        assert s == s.strip(), s
        assert "\n" not in s.replace("\n\n", ""), s
        # the only real suspended hyphens in the transcribed text
        rest = s.replace("studie- och", "").replace("utvecklings- och", "")
        assert not re.search(r"\w- \w", rest), s


# --- fidelity to the source document -----------------------------------------------------


def swedish_strings():
    """(label, text, case_sensitive) for every Swedish string transcribed from the seed."""
    council = plan.REGION.council
    yield "plan title", plan.PLAN.title, False  # the seed has it in capitals too
    yield "summary", plan.PLAN.summary, True
    yield "council description", council.description, True
    for i, duty in enumerate(council.duties, 1):
        yield f"duty {i}", duty, True
    for node in all_nodes():
        # focus-area titles come from the appendix's all-caps page headings
        yield f"{node.code} title", node.title, node.kind != "focus-area"
        for j, paragraph in enumerate(filter(None, node.text.split("\n\n")), 1):
            yield f"{node.code} text ¶{j}", paragraph, True
    for p in plan.PRINCIPLES:
        yield f"guiding word {p.title!r}", p.title + ":", True
        yield f"guiding word text {p.title!r}", p.text, True
        yield f"guiding word with text {p.title!r}", f"{p.title}: {p.text}", True
    for kind in plan.ACTOR_KINDS:
        yield f"actor kind {kind.key}", kind.name, False
    for step in plan.REGION.council.workflow:
        yield f"workflow step {step.title!r}", step.title, False
        for j, paragraph in enumerate(step.text.split("\n\n"), 1):
            yield f"workflow {step.title!r} ¶{j}", paragraph, True


@pytest.mark.parametrize(
    "label,text,case_sensitive",
    list(swedish_strings()),
    ids=[label for label, _, _ in swedish_strings()],
)
def test_swedish_text_is_in_the_seed(label, text, case_sensitive, seed, seed_cased):
    if case_sensitive:
        assert normalise(text) in seed_cased, f"{label} not in seed: {text!r}"
    else:
        assert normalise(text, fold=True) in seed, f"{label} not in seed: {text!r}"


def test_directions_are_whole_bullets(seed_text):
    """Each direction is a complete bullet of the appendix, not a fragment of one."""
    appendix = seed_text[seed_text.index("Livslångt lärande är centralt") :]
    bullets = [
        normalise(b)
        for block in re.split(r"Inriktningar:", appendix)[1:]
        for b in re.split(r"•", re.split(r"\n\s*[A-ZÅÄÖ]{4,}", block)[0])[1:]
    ]
    assert bullets == [d.title for d in directions()]
