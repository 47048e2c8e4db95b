"""The demo's data against its sources: the national overview's 45 projects against the overview
itself (seed ``004``), and the regional demo initiatives against the vocabularies.

Pure data tests: no app and no database. The checks against the overview read it from
``shared/seeds/`` beside the repository and are skipped when it is not there.
"""
import re
from collections import Counter

import pytest

from samverkan.demo import ACTORS, PEOPLE, reporting_half_years
from samverkan.demo_data import overview_projects as overview
from samverkan.demo_data.regional_initiatives import INITIATIVES, ROLES
from samverkan.initiatives.vocabulary import EQUALITY_PERSPECTIVES, FUNDING_SOURCES, TARGET_GROUPS
from samverkan.regions.counties import COUNTIES
from seedtext import CORE_THEME_SLUGS, read_seed_raw

COUNTY_NAMES = {slug: name for _, slug, name, _ in COUNTIES}
#: the overview's groups (section 2): the only themes its projects are given
GROUP_THEMES = set(overview.GROUPS)
HEADER = "Projektägare Projektnamn Webb"


@pytest.fixture(scope="module")
def seed() -> str:
    return read_seed_raw(overview.SEED)


def appendix(raw):
    """[(owner, [(title, starred)])] from the overview's appendix table, in its order.

    The table, as the PDF dump has it: an owner's name on one or two lines, then its projects as
    lines starting with "- " (a long title continues on the next line), then its web address,
    alone on a line or at the end of the last project's line; an owner with one project may
    have it on its own line ("Region Gävleborg - Förstärkning … www.regiongavleborg.se"). The
    column headings repeat at the page break. A * after a title marks a coming change of owner.
    """
    start = raw.index(HEADER)
    table = raw[start:raw.index("Swedish Agency for Economic", start)]
    blocks, lines = [], []
    for line in table.splitlines():
        line = " ".join(line.split())
        if line and line not in (HEADER, "Tillväxtverket"):
            lines.append(line)
            if re.search(r"\bwww\.\S+$", line):
                blocks.append(lines)
                lines = []
    assert not lines, f"text after the last web address: {lines}"
    owners = []
    for block in blocks:
        block[-1] = re.sub(r"\s*\bwww\.\S+$", "", block[-1])
        owner, items = [], []
        for line in filter(None, block):
            if line.startswith("- "):
                items.append(line[2:])
            elif items:
                items[-1] += " " + line
            elif " - " in line:
                name, first = line.split(" - ", 1)
                owner.append(name)
                items.append(first)
            else:
                owner.append(line)
        owners.append((" ".join(owner), [(item.rstrip("*"), item.endswith("*")) for item in items]))
    return owners


_LAYOUT = re.compile(r"[\s\-•⁰¹²³⁴⁵⁶⁷⁸⁹]+")


def without_layout(text):
    """The text without what the PDF's layout (and Markdown's list marks) adds or moves: all white
    space, hyphens (a hyphenated line break is indistinguishable from "YH-\\nutbildningar"),
    bullets and footnote marks. Every letter and punctuation mark stays, in order."""
    return _LAYOUT.sub("", text)


# --- the overview's projects against the overview ------------------------------------------


def test_the_appendix_lists_45_projects_of_21_owners_as_the_text_says(seed):
    table = appendix(seed)
    assert len(table) == 21
    assert sum(len(projects) for _, projects in table) == 45
    assert "medel till 45 projekt" in " ".join(seed.split())


def test_the_projects_are_the_appendix_s_owner_by_owner_in_its_order(seed):
    ours = {}
    for project in overview.PROJECTS:
        ours.setdefault(project.owner, []).append((project.title, project.owner_changes))
    assert dict(appendix(seed)) == ours


def test_each_owner_is_of_its_county_and_the_counts_per_county_are_the_appendix_s(seed):
    per_owner = {owner: len(projects) for owner, projects in appendix(seed)}
    names = {**COUNTY_NAMES, "sodermanland": "Sörmland"}  # "Regionförbundet Sörmland"
    for county, (owner, _, website) in overview.OWNERS.items():
        assert names[county] in owner, (county, owner)
        assert website in seed
    per_county = {county: per_owner[owner] for county, (owner, _, _) in overview.OWNERS.items()}
    assert Counter(project.county for project in overview.PROJECTS) == per_county
    assert set(per_county) == set(COUNTY_NAMES)  # every county has a project
    assert per_county["vastra-gotaland"] == 4 and per_county["gavleborg"] == 1


def test_every_passage_is_the_overview_s_own_words(seed):
    text = without_layout(seed)
    for project in overview.PROJECTS:
        assert project.passages, project.title
        for passage in project.passages:
            assert without_layout(passage) in text, (project.title, passage[:80])


def test_a_project_is_in_the_group_where_the_overview_describes_it(seed):
    """Every passage from section 2 (the groups) comes from the section of the project's first
    theme; passages from the summary and the reflections (section 3) may add other themes."""
    text = without_layout(seed)
    starts = [text.index(without_layout(heading)) for heading in (
        "2.1 Ta fram analysunderlag och kunskapsunderlag", "2.2 Samordna aktörer på regional nivå",
        "2.3 Vara ett stöd i utbildningsplaneringen", "2.4 Övriga projekt", "3 Sammanfattande reflektioner")]
    sections = dict(zip(["2.1", "2.2", "2.3", "2.4"], (text[a:b] for a, b in zip(starts, starts[1:])), strict=True))
    checked = set()
    for project in overview.PROJECTS:
        section = overview.GROUPS[project.themes[0]][1]
        for passage in map(without_layout, project.passages):
            if any(passage in part for part in sections.values()):
                assert passage in sections[section], (project.title, section, passage[:60])
                checked.add(project.title)
    assert len(checked) == 44  # the 45th, Kalmar's second project, is described only in section 3


def test_the_overview_s_projects_carry_only_the_overview_s_groups_as_themes():
    for project in overview.PROJECTS:
        assert project.themes and set(project.themes) <= GROUP_THEMES, project.title
        assert len(set(project.themes)) == len(project.themes)
        assert set(project.target_groups) <= set(TARGET_GROUPS)
        assert set(project.perspectives) <= set(EQUALITY_PERSPECTIVES)
        assert project.basis in ("named", "inferred", "appendix")
    assert GROUP_THEMES <= CORE_THEME_SLUGS
    # "Endast ett av projekten är helt inriktat på integration"
    assert [p.title for p in overview.PROJECTS if p.themes[0] == "integration"] == ["Invandring till jobb"]


def test_the_project_that_names_several_counties_is_linked_to_every_one():
    spanning = [p for p in overview.PROJECTS if p.partner_counties]
    assert [(p.county, p.partner_counties) for p in spanning] == [
        ("ostergotland", ("vastmanland", "sodermanland", "orebro"))]
    assert "Västmanland, Sörmland, Örebro och Östergötland" in spanning[0].title


def test_a_description_joins_a_sentence_the_pdf_broke_and_says_where_it_comes_from():
    gavleborg = next(p for p in overview.PROJECTS if p.county == "gavleborg")
    assert "dialoger på ett enhetligt sätt kring behovet" in gavleborg.description
    assert gavleborg.description.endswith(f"*Ur {overview.SOURCE}.*")
    appendix_only = next(p for p in overview.PROJECTS if p.title == "Kompetensplattform Sthlm")
    assert "nämns i översiktens bilaga" in appendix_only.description


# --- the regional demo initiatives -----------------------------------------------------------


def test_the_regional_initiatives_use_the_demo_s_actors_people_and_the_vocabularies():
    actors = {name for name, *_ in ACTORS}
    people = {local for local, *_ in PEOPLE}
    for spec in INITIATIVES:
        assert spec.region in ("vastmanland", "vasternorrland")
        assert {spec.owner, *spec.partners} <= actors, spec.title
        assert {spec.lead} | {entry.author for entry in spec.entries} <= people, spec.title
        assert 2 <= len(spec.entries) <= 4, spec.title
        assert set(spec.target_groups) <= set(TARGET_GROUPS)
        assert set(spec.perspectives) <= set(EQUALITY_PERSPECTIVES)
        assert set(spec.funding) <= set(FUNDING_SOURCES) and all(v > 0 for v in spec.funding.values())
        assert set(spec.themes) <= CORE_THEME_SLUGS
        # the history moves forward in time and reports are not dated in the future
        assert [days for _, days in spec.history] == sorted(days for _, days in spec.history)
        assert all(entry.days <= 0 for entry in spec.entries)
    assert {local for local, _, _ in ROLES} <= people
    assert any(spec.draft for spec in INITIATIVES)
    assert any(spec.partner_regions for spec in INITIATIVES)
    assert sum(bool(spec.lessons_learned) for spec in INITIATIVES) >= 2


@pytest.mark.parametrize("today, names", [
    ("2026-01-10", ["Första halvåret 2025", "Andra halvåret 2025", "Första halvåret 2026"]),
    ("2026-02-01", ["Andra halvåret 2025", "Första halvåret 2026"]),
    ("2026-07-31", ["Andra halvåret 2025", "Första halvåret 2026", "Andra halvåret 2026"]),
    ("2026-08-01", ["Första halvåret 2026", "Andra halvåret 2026"]),
])
def test_the_reporting_periods_run_from_an_overdue_one_to_the_current_one(today, names):
    from datetime import date

    day = date.fromisoformat(today)
    periods = reporting_half_years(day)
    assert [name for name, *_ in periods] == names
    assert periods[0][3] < day <= periods[-1][3]
    assert periods[-1][1] <= day <= periods[-1][2]


def test_whatever_the_day_one_initiative_is_overdue_and_another_has_reported():
    """Over four years of load days: the vocational Swedish course has not reported since before
    the overdue period began, and the learning centres reported within it."""
    from datetime import date, timedelta

    silent = next(spec for spec in INITIATIVES if spec.title == "Yrkessvenska inom vård och omsorg")
    reporting = next(spec for spec in INITIATIVES if spec.title == "Lärcentra och distansutbildning i hela länet")
    assert silent.status == reporting.status == "running"
    for offset in range(0, 4 * 366, 3):
        day = date(2025, 1, 1) + timedelta(days=offset)
        _, starts, _, due = reporting_half_years(day)[0]
        assert max(day + timedelta(days=e.days) for e in silent.entries) < starts, day
        assert any(starts <= day + timedelta(days=e.days) <= due for e in reporting.entries), day


def test_the_demo_indicator_values_are_whole_series_of_real_counties():
    """Every series has a value a year, 2019–2025 (sub-goal 18 every other year), for counties that
    exist; a year's value for everyone lies between those for women and men."""
    from samverkan.demo_data import indicators

    assert set(indicators.TOTALS) == {"rus-17", "rus-18", "rus-19"}
    for key, by_region in indicators.TOTALS.items():
        assert {"vastmanland", "vasternorrland"} < set(by_region) <= set(COUNTY_NAMES), key
        for slug, totals in by_region.items():
            assert len(totals) == 7, (key, slug)
            assert [value is not None for value in totals] == ([True] * 7 if key != "rus-18" else
                                                               [True, False] * 3 + [True]), (key, slug)
    for key, by_region in indicators.BY_GENDER.items():
        for slug, (women, men) in by_region.items():
            for total, woman, man in zip(indicators.TOTALS[key][slug], women, men, strict=True):
                assert min(woman, man) <= total <= max(woman, man), (key, slug, total)
    for slug, rows in indicators.OWN_VALUES.items():
        assert slug in COUNTY_NAMES and len(rows) == 5
        assert all(total == women + men for total, women, men in rows), slug
