"""The demo's needs survey rounds (:mod:`samverkan.demo_data.needs`): against the demo's own
definitions, written once, closed and open as intended on the day the demo is loaded, and with
figures that the aggregate pages show and figures they suppress."""
from collections import defaultdict
from datetime import date

import pytest
from sqlalchemy import func, select

from samverkan.actors.models import Actor
from samverkan.demo import ACTORS, load_demo
from samverkan.demo_data import needs as demo
from samverkan.extensions import db
from samverkan.needs.models import ReportedNeed, SurveyResponse, SurveyRound
from samverkan.needs.questions import EDUCATION_ROUTES, IMPORTANCE, SEQF_LEVELS, SSYK_GROUPS

#: the day the demo is loaded in these tests: a fixed one, not today
DAY = date(2027, 2, 15)
#: an aggregate cell from fewer employers than this is suppressed (issue 10)
THRESHOLD = 3


def answered(employers):
    return [employer for employer in employers if employer.needs]


def test_the_definitions_are_realistic_answers_to_the_shared_questions():
    for slug, employers in demo.CLOSED.items():
        assert 10 <= len(employers) <= 14, slug
        assert len(answered(employers)) == 11 and len({e.name for e in employers}) == len(employers)
        for employer in answered(employers):
            assert 2 <= len(employer.needs) <= 5, employer.name
            for need in employer.needs:
                assert need.ssyk_group in SSYK_GROUPS and need.seqf_level in SEQF_LEVELS
                assert need.importance in IMPORTANCE and need.education_route in EDUCATION_ROUTES
                assert 0 <= need.count_1y <= need.count_3y and need.count_3y > 0
    # the actors the demo had already are employers of the same region
    known = {name: slugs for name, _kind, slugs, _municipality, _website in ACTORS}
    for slug, employers in (*demo.CLOSED.items(), (demo.OPEN_REGION, demo.OPEN)):
        for employer in employers:
            if employer.kind is None:
                assert known[employer.name] == [slug]


@pytest.mark.parametrize("slug", sorted(demo.CLOSED))
def test_the_aggregates_show_figures_and_suppress_small_ones(slug):
    """By SSYK group and by municipality, some cells come from 3 employers or more and some from
    fewer: the needs page shows both kinds."""
    for key in (lambda employer, need: need.ssyk_group, lambda employer, need: employer.municipality):
        employers = defaultdict(set)
        for employer in answered(demo.CLOSED[slug]):
            for need in employer.needs:
                employers[key(employer, need)].add(employer.name)
        sizes = sorted(len(names) for names in employers.values())
        assert sizes[0] < THRESHOLD <= sizes[-1], sizes


def test_the_closed_round_is_the_last_autumn_that_has_ended():
    assert demo.closed_round_dates(date(2026, 12, 6)) == ("Kompetensbehovsinventering hösten 2026",
                                                          date(2026, 9, 1), date(2026, 10, 31))
    assert demo.closed_round_dates(DAY)[0] == "Kompetensbehovsinventering hösten 2026"
    assert demo.closed_round_dates(date(2026, 10, 31))[1:] == (date(2025, 9, 1), date(2025, 10, 31))


def need_row(need):
    return (need.occupation, need.ssyk_group, need.count_1y, need.count_3y, need.seqf_level, need.importance,
            need.bottleneck, need.education_route, need.comment)


def rows():
    return {model: db.session.scalar(select(func.count()).select_from(model))
            for model in (SurveyRound, SurveyResponse, ReportedNeed, Actor)}


def test_demo_load_writes_the_rounds_once(synced_app):
    with synced_app.app_context():
        counts = load_demo(today=DAY)
        written = rows()
        municipalities = {region.code: set(region.municipalities)
                          for content in synced_app.extensions["samverkan.plugins"] for region in content.regions}
        invented = len(demo.actor_specs(defaultdict(lambda: None)))
        closed_needs = sum(len(e.needs) for employers in demo.CLOSED.values() for e in employers)
        assert invented == 21 and closed_needs == 60
        assert counts["survey round"] == 3
        assert counts["survey response"] == 14 + 13 + 3
        assert counts["reported need"] == closed_needs + 1
        assert written[SurveyRound] == 3 and written[SurveyResponse] == 30 and written[ReportedNeed] == 61

        rounds = {(r.region.slug, r.title): r for r in db.session.scalars(select(SurveyRound))}
        title = "Kompetensbehovsinventering hösten 2026"
        for slug, employers in demo.CLOSED.items():
            survey = rounds[slug, title]
            assert (survey.opens_on, survey.closes_on) == (date(2026, 9, 1), date(2026, 10, 31))
            assert survey.is_closed(DAY) and survey.demo and survey.question_set_version == 1
            questions = [question["key"] for question in survey.region_questions]
            assert questions == (["has-competence-plan"] if slug == "vastmanland" else ["hardest-to-find"])
            by_name = {response.actor.name: response for response in survey.responses}
            assert list(by_name) == [employer.name for employer in employers]
            for employer in employers:
                response = by_name[employer.name]
                actor = response.actor
                assert [region.slug for region in actor.regions] == [slug]
                assert actor.municipality in municipalities[survey.region.code]
                if employer.kind:
                    assert actor.kind == "employer"
                assert response.token_hash is None  # no personal link to show
                if employer.needs:
                    assert (response.status, response.source) == ("completed", "link")
                    assert survey.opens_on <= response.completed_at.date() <= survey.closes_on
                    assert list(response.region_answers) == questions
                    assert [need_row(n) for n in response.needs] == [need_row(n) for n in employer.needs]
                else:
                    assert (response.status, response.needs, response.completed_at) == ("invited", [], None)
        opened = rounds[demo.OPEN_REGION, demo.OPEN_TITLE]
        assert opened.is_open(DAY) and opened.demo
        assert (opened.opens_on, opened.closes_on) == (date(2027, 2, 5), date(2027, 3, 17))
        assert [(r.actor.name, r.status, len(r.needs), r.token_hash) for r in opened.responses] == [
            ("Sala Omsorg & Assistans AB", "in-progress", 1, None),
            ("Region Västmanland", "invited", 0, None),
            ("Västerås stad", "invited", 0, None),
        ]
        # the open round's draft employer answered the closed round too: one actor, not two
        assert db.session.scalar(select(func.count()).select_from(Actor).filter_by(
            name="Sala Omsorg & Assistans AB")) == 1

        # a second load writes nothing
        assert load_demo(today=DAY) == {}
        assert rows() == written
