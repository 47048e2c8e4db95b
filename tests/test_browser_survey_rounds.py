"""In real headless Chromium: axe-core on the survey rounds' pages in both languages (the region's
list, a round's public page, a region admin's page of an open and of a closed round with its
invitations, the form that opens a round, and their error states, and an open round whose next
reminder has to wait)."""
from datetime import timedelta

import pytest
from browser import check_scenario, live_site, submitted
from conftest import LOCALES

import collab
from samverkan.extensions import db
from samverkan.needs import services
from samverkan.times import today, utcnow

pytestmark = pytest.mark.browser


def rounds():
    """An open round of three employers (one has answered, one started), a closed one, and an
    open one whose employer was invited just now (the next reminder waits a day)."""
    actors = [collab.make_actor("vastmanland", name=f"Enkätarbetsgivare {n}") for n in (1, 2, 3)]
    region, day = collab.region("vastmanland"), today()
    emails = {actor.id: f"hr{n}@arbetsgivare.se" for n, actor in enumerate(actors)}
    current = services.open_round(region, title="Kompetensbehov 2027", opens_on=day - timedelta(days=2),
                                  closes_on=day + timedelta(days=20), question_set_version=1, actors=actors,
                                  emails=emails)
    closed = services.open_round(region, title="Kompetensbehov 2025", opens_on=day - timedelta(days=90),
                                 closes_on=day - timedelta(days=60), question_set_version=1, actors=actors[:2],
                                 emails=emails)
    recent = services.open_round(region, title="Kompetensbehov 2026", opens_on=day, closes_on=day + timedelta(days=20),
                                 question_set_version=1, actors=actors[2:], emails=emails)
    recent.responses[0].invited_at = utcnow()
    services.save_answers(current.responses[0], [], {}, today=day, complete=True)
    services.save_answers(current.responses[1], [], {}, today=day)
    db.session.commit()
    return {"open": current.id, "closed": closed.id, "recent": recent.id, "response": current.responses[2].id}


@pytest.fixture(scope="module")
def site(sqlite_databases):
    with live_site(sqlite_databases, "accounts", prepare=rounds) as server:
        yield server


#: name -> (who, path or steps, status)
AXE_SCENARIOS = {
    "list": (None, "/regions/vastmanland/surveys", 200),
    "list-admin": ("region-admin", "/regions/vastmanland/surveys", 200),
    "round": (None, "/surveys/{open}", 200),
    "round-closed": (None, "/surveys/{closed}", 200),
    "round-admin": ("region-admin", "/surveys/{open}", 200),
    "round-closed-admin": ("region-admin", "/surveys/{closed}", 200),
    "round-platform-admin": ("platform-admin", "/surveys/{open}", 200),
    "round-reminder-waits": ("region-admin", "/surveys/{recent}", 200),
    "new": ("region-admin", "/regions/vastmanland/surveys/new", 200),
    "new-failed": ("region-admin", submitted("/regions/vastmanland/surveys/new"), 400),
    # (the steps are built in the test: the field's id holds the invitation's id)
    "email-failed": ("region-admin", None, 400),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("scenario", list(AXE_SCENARIOS))
def test_survey_round_pages_have_no_wcag_21_aa_violations(site, kept_pages, scenario, locale):
    if scenario == "email-failed":
        who, _steps, status = AXE_SCENARIOS[scenario]
        response = site.ids["response"]
        steps = submitted("/surveys/{open}", {f"#r{response}-email": "inte en adress"},
                          form=f"form[action$='/invitations/{response}/email']")
        check_scenario(kept_pages, site, (who, steps, status), locale)
        return
    check_scenario(kept_pages, site, AXE_SCENARIOS[scenario], locale)
