"""The annual follow-up report: exact figures on a fixed data set for Västmanland in 2024 (plan
coverage at the year's start and end from the status history, initiatives started, finished and
cancelled, practices shared and adopted, networks' stages, meetings and decisions, indicators),
the PDF read back holding the page's figures, the years that are and are not reports, and a PDF
route that says so when WeasyPrint cannot run."""
import html
import re
import sys
from collections import Counter
from datetime import date, datetime, timedelta

import collab
import pytest
import report_data
from report_data import pdf_text
from conftest import ACCOUNTS, in_language, login, unavailable

from samverkan.extensions import db
from samverkan.initiatives import services
from samverkan.initiatives.models import Initiative
from samverkan.reports import queries
from samverkan.times import now_utc, today

YEAR = 2024
URL = f"/regions/vastmanland/report/{YEAR}"
#: "node" in either language, which the pages do not say to their readers
NODE_WORD = re.compile(r"\b(nod|noder|noden|noderna|node|nodes)\b", re.IGNORECASE)


@pytest.fixture
def year_of_work(synced_app):
    with synced_app.app_context():
        report_data.year_of_work()


def test_figures_of_a_year(synced_app, year_of_work):
    with synced_app.test_request_context():
        report = queries.report(collab.region("vastmanland"), YEAR)
        coverage = report.coverage
        rows = {row.node.code: row for row in coverage.rows}
        assert coverage.total == 47
        # at the start: A (planned) on M8.1, C on M5.1, G on M9.2 and their ancestors
        assert {code for code, row in rows.items() if row.at_start} == {"O2", "M8", "M8.1", "M5", "M5.1",
                                                                        "O3", "M9", "M9.2"}
        # at the end: B on M2.1, D (partner) on M1.2, G; A finished, C cancelled, F not yet begun
        assert {code for code, row in rows.items() if row.at_end} == {"O1", "M1", "M1.2", "M2", "M2.1",
                                                                      "O3", "M9", "M9.2"}
        assert (coverage.covered_at_start, coverage.covered_at_end, len(coverage.gaps)) == (8, 8, 39)
        assert (rows["O2"].at_start, rows["O2"].at_end, rows["O1"].at_end) == (2, 0, 2)
        assert coverage.initiatives_at_end == 3
        assert [row.node.code for row in coverage.closed] == ["O1", "M1", "M1.2", "M2", "M2.1"]
        assert [row.node.code for row in coverage.opened] == ["O2", "M5", "M5.1", "M8", "M8.1"]

        assessed = report.assessments
        assert [(row.node.code, row.start and row.start.status, row.end.status, row.made, row.changed)
                for row in assessed.rows] == [
            ("M1", "not-started", "progressing", 2, True), ("M2", None, "progressing", 2, True),
            ("M5", None, "early", 1, True), ("M8", "established", "established", 0, False)]
        assert assessed.made == 5 and len(assessed.changed) == 3
        assert [(key, start, end) for key, _label, start, end in assessed.by_status()] == [
            ("not-started", 1, 0), ("early", 0, 1), ("progressing", 0, 2), ("established", 1, 1)]
        assert assessed.prioritised == (0, 1)
        assert [row.node.code for row in assessed.rows if row.demo] == ["M5"]

        moves = report.moves
        assert [(m.title, m.on, m.led) for m in moves["running"]] == [
            ("Valideringslyftet", date(2024, 2, 1), True), ("Framtidsval", date(2024, 3, 1), False),
            ("Språkspåret", date(2024, 9, 1), True)]
        assert [(m.title, m.on) for m in moves["finished"]] == [("Valideringslyftet", date(2024, 11, 30))]
        assert [(m.title, m.on) for m in moves["cancelled"]] == [("Kartläggningen", date(2024, 6, 15))]

        practices = report.practices
        assert [(p.title, p.on) for p in practices.shared] == [("Behovsinventeringen", date(2024, 4, 2))]
        assert [(p.title, p.region.name, p.on) for p in practices.adopted_here] == [
            ("Yrkessvenska i vården", "Västernorrland", date(2024, 5, 20))]
        assert [(p.title, p.region.name, p.on) for p in practices.adopted_elsewhere] == [
            ("Behovsinventeringen", "Västernorrland", date(2024, 10, 1))]

        networks = report.networks
        assert [(n.name, n.start, n.end) for n in networks.rows] == [
            ("Branschråd vård", "samtal", "samverkan"), ("Valideringsnätverket", None, "samtal")]
        assert [(stage.key, start, end) for stage, start, end in networks.by_stage()] == [
            ("samtal", 1, 1), ("samsyn", 0, 0), ("samverkan", 0, 1), ("samhandling", 0, 0)]
        assert [(s.name, s.from_stage, s.to_stage) for s in networks.steps] == [
            ("Branschråd vård", "samtal", "samsyn"), ("Branschråd vård", "samsyn", "samverkan")]

        meetings = report.meetings
        assert [(f.name, f.held, f.cancelled, f.coming, f.decisions) for f in meetings.forums] == [
            ("Branschrådets möten", 3, 1, 0, 3), ("Regionens dialogforum", 1, 0, 0, 0)]
        assert [d.text for d in meetings.decisions] == [
            "Rådet fastställer handlingsplanen för 2024.", "Rådet utser en arbetsgrupp för validering.",
            "Rådet ställer sig bakom ansökan till ESF+."]

        figures = {row.indicator.key: row for row in report.indicators}
        assert list(figures) == ["rus-17", "rus-18", "rus-19"]
        assert (figures["rus-17"].previous.value, figures["rus-17"].current.value) == (70.5, 72.0)
        assert figures["rus-17"].change == pytest.approx(1.5)
        assert (figures["rus-18"].previous, figures["rus-18"].current.value, figures["rus-18"].demo) == (None, 41.0, True)
        assert (figures["rus-19"].previous, figures["rus-19"].current) == (None, None)
        assert report.demo and report.has_data


def main_text(text):
    """The report as text: what is between the start of its ``<article>`` and its end."""
    article = re.search(r'<article class="report".*</article>', text, re.S).group(0)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", article)))


def test_the_page_shows_the_figures(client, year_of_work):
    page = in_language(client, "en").get(URL)
    assert page.status_code == 200
    text = main_text(page.text)
    for figure in ("Parts of the plan with work under way at the end of the year 8 of 47",
                   "Gaps at the end of the year 39", "Parts of the plan assessed at the end of the year 4",
                   "Status assessments recorded 5", "Parts of the plan whose status or priority changed 3", "Initiatives started 3", "Initiatives finished 1",
                   "Initiatives cancelled 1", "Practices shared 1", "Practices adopted from other regions 1",
                   "The region's practices adopted by other regions 1", "Networks at the end of the year 2",
                   "Meetings held 4", "Decisions taken 3",
                   "Covered at the start of the year: 8 of 47 parts of the plan. At the end: 8 of 47.",
                   "5 gaps were closed during the year. 5 parts of the plan became gaps.",
                   "O2 Collaboration for the labour market of the future 2 0 Gap (new during the year)",
                   "5 assessments were recorded during the year. 3 parts of the plan changed their status or priority.",
                   "Progressing 0 2", "Prioritised 0 1",
                   "Not started (Oct 1, 2023) Progressing, prioritised (Nov 1, 2024) 2",
                   "M5 Increased awareness of the county's competence needs not assessed Early (Jun 1, 2024) (demo) 1",
                   "Branschrådets möten 3 1 3", "All forums 4 1 3",
                   "Sub-goal 17 (%) Increase the proportion of pupils who complete their studies with passing grades "
                   "70.5 72 +1.5 74.1 69.9", "41 (demo)"):
        assert figure in text, figure
    assert "Hemligt utkast" not in page.text and "Lärcentrum på distans" not in page.text
    assert "Ett beslut som aldrig togs" not in text and "Ett beslut från 2025" not in text
    assert "Some figures in this report are invented demo data" in text
    assert "Still to come" not in text  # the year is over: no meetings ahead
    # the same page in Swedish
    swedish = main_text(in_language(client, "sv").get(URL).text)
    assert "Delar av planen med pågående arbete vid årets slut 8 av 47" in swedish
    # the report names the plan's parts as the plan's pages do, never "nodes"
    assert not NODE_WORD.search(swedish) and not NODE_WORD.search(text)
    assert "70,5 72 +1,5 74,1 69,9" in swedish


def test_the_report_is_the_same_for_everyone(synced_app, accounts, year_of_work):
    """A public document: every role reads it, and a region admin's report has no draft in it."""
    anonymous = main_text(synced_app.test_client().get(URL).text)
    for role in ACCOUNTS:
        client = synced_app.test_client()
        assert login(client, ACCOUNTS[role][0]).status_code == 302
        response = client.get(URL)
        assert response.status_code == 200, role
        assert main_text(response.text) == anonymous, role


def numbers(text):
    """The numbers in ``text``, with the digit groups of Swedish formatting joined."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    return Counter(re.findall(r"\d+(?:[.,]\d+)?", text))


@pytest.fixture
def weasyprint_runs():
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:
        unavailable(f"WeasyPrint cannot run ({error}); Debian: apt-get install libpango-1.0-0 "
                    "libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core (`.ci/run` installs them)")


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_pdf_holds_the_figures_of_the_page(client, year_of_work, weasyprint_runs, lang):
    response = in_language(client, lang).get(f"{URL}.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    assert 'filename="samverkan-vastmanland-2024.pdf"' in response.headers["Content-Disposition"]
    text = pdf_text(response.data)
    flat = re.sub(r"\s+", " ", text)
    page = main_text(in_language(client, lang).get(URL).text)
    # every number of the page is in the PDF, as often (the PDF adds its page numbers)
    assert numbers(page) - numbers(text) == Counter()
    assert numbers(page)["47"] >= 2
    heading = {"sv": "Årlig uppföljningsrapport 2024: Västmanland",
               "en": "Annual follow-up report 2024: Västmanland"}[lang]
    assert heading in flat
    for words in ("Valideringslyftet", "Behovsinventeringen", "Branschråd vård", "Rådet ställer sig bakom ansökan"):
        assert words in flat, words
    assert "Hemligt utkast" not in flat
    assert not NODE_WORD.search(flat)


def test_the_pdf_is_made_without_base_url_outside_development(client, year_of_work, weasyprint_runs):
    """A server started without ``SAMVERKAN_BASE_URL`` (only a warning outside gunicorn's settings)
    still answers the PDF: it is sent to whoever asked, so its links take the request's address."""
    client.application.testing = False  # as a server runs: no fallback for links in e-mails
    assert not client.application.config.get("BASE_URL")
    response = client.get(f"{URL}.pdf")
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF-")


def test_without_weasyprint_the_pdf_says_so(client, year_of_work, monkeypatch, caplog):
    """A server without WeasyPrint's system libraries answers 503 with a way to the page, never a 500."""
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # importing it fails, as without Pango
    response = in_language(client, "en").get(f"{URL}.pdf")
    assert response.status_code == 503
    assert response.mimetype == "text/html"
    assert "The PDF cannot be made" in response.text
    assert f'href="{URL}"' in response.text
    assert "the report's PDF cannot be made" in caplog.text
    assert client.get(URL).status_code == 200


def test_a_year_without_data_is_a_report_saying_so(client):
    response = in_language(client, "en").get("/regions/vastmanland/report/2010")
    assert response.status_code == 200
    text = main_text(response.text)
    assert "Nothing was recorded in Samverkan for Västmanland in 2010" in text
    assert "The year in figures" not in text
    coming = in_language(client, "en").get(f"/regions/vastmanland/report/{today().year + 1}")
    assert coming.status_code == 200
    assert f"The year {today().year + 1} has not begun." in coming.text


@pytest.mark.parametrize("path, routed", [
    ("/regions/vastmanland/report/1999", True), (f"/regions/vastmanland/report/{date.today().year + 2}", True),
    ("/regions/vastmanland/report/99999999", True), ("/regions/vastmanland/report/1999.pdf", True),
    ("/regions/vastmanland/report/twenty", False),
    ("/regions/atlantis/report/2024", True), ("/regions/atlantis/report/2024.pdf", True),
])
def test_other_years_and_regions_are_not_found(client, path, routed):
    """A year without a report, or an unknown region, is the report's own 404 (its route
    matches); a year that is no number matches no route."""
    assert (collab.route_of(client.application, path) is not None) == routed
    assert client.get(path).status_code == 404


def test_the_region_page_links_this_years_and_last_years_report(client):
    page = in_language(client, "en").get("/regions/vasternorrland/")
    year = today().year
    for shown in (year, year - 1):
        assert f'<a href="/regions/vasternorrland/report/{shown}">Annual follow-up report {shown}</a>' in page.text


def test_the_running_year_counts_what_happened_so_far(synced_app):
    """This year's report reads the practices marked by an edit and at creation, and counts a
    meeting ahead as coming."""
    with synced_app.app_context():
        year = today().year
        made = report_data.initiative("Nytt exempel", [("running", date(year, 1, 1))], "M1.1")
        values = {"is_practice": True, "lessons_learned": "Låt arbetsgivarna vara med från start."}
        services.update_initiative(made, values, by=None, version=made.version)
        report_data.initiative("Redan ett exempel", [("running", date(year, 1, 1))], "M1.1", **values)
        forum = collab.make_forum(slug="vastmanland", name="Årets forum")
        # a minute ahead: in this year unless the test runs in its last minute
        collab.make_meeting(forum, "Kommande", now_utc().replace(microsecond=0) + timedelta(minutes=1))
        db.session.commit()
    with synced_app.test_request_context():
        report = queries.report(collab.region("vastmanland"), today().year)
        assert sorted(p.title for p in report.practices.shared) == ["Nytt exempel", "Redan ett exempel"]
        assert {p.on for p in report.practices.shared} == {today()}
        assert [(f.name, f.held, f.coming) for f in report.meetings.forums] == [("Årets forum", 0, 1)]


def test_a_long_list_is_cut_and_says_so(client, year_of_work, monkeypatch):
    monkeypatch.setattr(queries, "LISTED", 2)
    text = main_text(in_language(client, "en").get(URL).text)
    assert "Framtidsval takes part The first 2 of 3 are listed." in text
    assert "Språkspåret" not in text  # the third started, in no other list
    assert "Initiatives started 3" in text and "Initiatives started: 3" in text  # the counts are whole
    assert text.count("are listed") == 2  # and the three decisions


def _shared_by_the_audit_log(region, year):
    """The practices shared in ``year`` as the report read them from the audit log before revision
    0016 (the audit log still records ``is_practice``: it is not personal): {(id, day)}."""
    from sqlalchemy import and_, cast, or_, select

    from samverkan.audit import AuditEvent
    from samverkan.initiatives.models import Initiative
    from samverkan.times import to_local, to_utc

    created = and_(AuditEvent.action == "create", AuditEvent.changes["is_practice"].as_boolean().is_(True))
    updated = and_(AuditEvent.action == "update", AuditEvent.changes[("is_practice", 1)].as_boolean().is_(True))
    rows = db.session.execute(
        select(Initiative.id, AuditEvent.occurred_at)
        .join(Initiative, AuditEvent.object_id == cast(Initiative.id, db.String))
        .where(AuditEvent.object_type == "Initiative", AuditEvent.region_id == region.id, or_(created, updated),
               AuditEvent.occurred_at >= to_utc(date(year, 1, 1), datetime.min.time()),
               AuditEvent.occurred_at < to_utc(date(year + 1, 1, 1), datetime.min.time()),
               Initiative.draft.is_(False), Initiative.lead_region_id == region.id)
        .order_by(AuditEvent.occurred_at, AuditEvent.id))
    first = {}
    for initiative_id, occurred_at in rows:
        first.setdefault(initiative_id, to_local(occurred_at).date())
    return set(first.items())


def test_the_demos_practices_and_adoptions_are_read_from_their_own_tables(synced_app):
    """On the demo: the practices shared are the initiatives marked with their day, the adoptions
    the adoptions table's (one made this year included), and the figures are those the audit log gave."""
    from sqlalchemy import or_, select

    from samverkan.initiatives import practices
    from samverkan.initiatives.models import Adoption, Initiative

    assert synced_app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    year = today().year
    with synced_app.app_context():
        region = collab.region("vastmanland")
        other = db.session.scalars(select(Initiative).where(
            Initiative.is_practice.is_(True), Initiative.draft.is_(False),
            Initiative.lead_region_id == collab.region("vasternorrland").id,
            Initiative.id.not_in(select(Adoption.practice_id).where(Adoption.region_id == region.id)))
            .order_by(Initiative.id)).first()
        practices.adopt(other, region, by=None)  # adopted today, in this year
        db.session.commit()
        other_id = other.id
        by_audit_log = _shared_by_the_audit_log(region, year)

    with synced_app.test_request_context():
        report = queries.report(collab.region("vastmanland"), year)
        region = collab.region("vastmanland")
        marked = db.session.execute(select(Initiative.id, Initiative.practice_since).where(
            Initiative.lead_region_id == region.id, Initiative.is_practice.is_(True), Initiative.draft.is_(False),
            Initiative.practice_since.between(date(year, 1, 1), today()))).all()
        assert {(p.id, p.on) for p in report.practices.shared} == set(marked) == by_audit_log
        assert marked  # the demo's practices were marked when it was loaded
        adoptions = db.session.execute(select(Adoption.practice_id, Adoption.region_id, Adoption.adopted_on).join(
            Initiative, Initiative.id == Adoption.practice_id).where(
            or_(Adoption.region_id == region.id, Initiative.lead_region_id == region.id), Initiative.draft.is_(False),
            Adoption.adopted_on.between(date(year, 1, 1), today()))).all()
        here = {(p.practice_id, p.on) for p in report.practices.adopted_here}
        elsewhere = {(p.practice_id, p.on) for p in report.practices.adopted_elsewhere}
        assert here == {(practice, on) for practice, region_id, on in adoptions if region_id == region.id}
        assert elsewhere == {(practice, on) for practice, region_id, on in adoptions if region_id != region.id}
        assert (other_id, today()) in here


def test_a_practice_unmarked_is_shared_no_more_and_keeps_its_day_while_marked(synced_app):
    with synced_app.app_context():
        values = {"is_practice": True, "lessons_learned": "Låt arbetsgivarna vara med från start."}
        made = report_data.initiative("Ett exempel en stund", [("running", date(today().year, 1, 1))], "M1.1", **values)
        assert made.practice_since == today()
        made.practice_since = date(today().year, 1, 2)  # marked earlier this year
        services.update_initiative(made, {"title": "Ett exempel, omdöpt"}, by=None, version=made.version)
        assert made.practice_since == date(today().year, 1, 2)  # an edit does not mark it again
        services.update_initiative(made, {"is_practice": False}, by=None, version=made.version)
        assert made.practice_since is None
        db.session.commit()
    with synced_app.test_request_context():
        report = queries.report(collab.region("vastmanland"), today().year)
        assert "Ett exempel, omdöpt" not in [p.title for p in report.practices.shared]


# -- the PDF by a job --------------------------------------------------------------------------


def count_renderings(monkeypatch, hold=None):
    """The languages of the PDFs made, in order, with ``hold`` (an event) each waiting for it
    first. These tests are about when a PDF is made and which one is sent, so each is a stand-in
    naming its number and language (WeasyPrint took 1–2 s a report); what the real one holds is
    :func:`test_the_pdf_holds_the_figures_of_the_page`'s."""
    from samverkan.reports import services as report_services

    made = []

    def counting(html, base_url, stylesheets):
        made.append(re.search(r'<html lang="(\w+)"', html).group(1))
        if hold is not None:
            assert hold.wait(60)
        return f"%PDF-1.7 stand-in {len(made)} ({made[-1]})".encode()

    monkeypatch.setattr(report_services, "write_pdf", counting)
    return made


def test_the_pdf_is_kept_and_made_again_only_when_the_data_changes(client, year_of_work, monkeypatch):
    made = count_renderings(monkeypatch)
    first = client.get(f"{URL}.pdf")
    assert first.status_code == 200 and len(made) == 1  # the tests run jobs as they are queued
    assert client.get(f"{URL}.pdf").data == first.data and len(made) == 1  # kept
    english = in_language(client, "en").get(f"{URL}.pdf")
    assert english.data.endswith(b"(en)") and first.data.endswith(b"(sv)")
    in_language(client, "sv")
    assert len(made) == 2  # one per language
    with client.application.app_context():
        initiative = db.session.scalar(db.select(Initiative).limit(1))
        initiative.title = initiative.title + " (ändrad)"
        db.session.commit()
    assert client.get(f"{URL}.pdf").status_code == 200 and len(made) == 3  # a new data version
    with client.application.app_context():
        from samverkan.reports.models import ReportPdf
        kept = db.session.execute(db.select(ReportPdf.language, ReportPdf.state)).all()
    assert sorted(kept) == [("en", "ready"), ("sv", "ready")]  # the older Swedish one is gone


def test_the_pdf_stays_kept_after_a_write_it_does_not_read_or_one_in_another_region(client, year_of_work,
                                                                                    monkeypatch):
    """An actor renamed (no report reads actors), an initiative created and edited and a plan node
    assessed in Västernorrland keep Västmanland's PDF; an assessment or an edit in Västmanland
    makes it again."""
    from samverkan.actors.models import Actor
    from samverkan.assessments import services as assessments

    made = count_renderings(monkeypatch)

    def pdfs_made_after(write):
        with client.application.app_context():
            write()
            db.session.commit()
        assert client.get(f"{URL}.pdf").status_code == 200
        return len(made)

    def edit(title):
        initiative = db.session.scalar(db.select(Initiative).filter_by(title=title))
        services.update_initiative(initiative, {"budget_sek": 123_000}, by=None, version=initiative.version)

    def assess(slug, code):
        assessments.add_assessment(collab.region(slug), report_data.node(slug, code), date(YEAR, 6, 1), "early",
                                   True, "", by=None)

    assert client.get(f"{URL}.pdf").status_code == 200 and len(made) == 1
    assert pdfs_made_after(lambda: setattr(db.session.scalar(db.select(Actor).limit(1)), "name", "Ett nytt namn")) == 1
    assert pdfs_made_after(lambda: collab.make_initiative("vasternorrland", title="I Västernorrland")) == 1
    assert pdfs_made_after(lambda: edit("I Västernorrland")) == 1
    assert pdfs_made_after(lambda: assess("vasternorrland", "F3.2")) == 1
    assert pdfs_made_after(lambda: assess("vastmanland", "M1")) == 2
    with client.application.app_context():
        title = db.session.scalar(db.select(Initiative.title).where(
            Initiative.lead_region_id == collab.region("vastmanland").id).limit(1))
    assert pdfs_made_after(lambda: edit(title)) == 3


def test_a_rendering_left_pending_by_a_stopped_worker_is_queued_again(client, year_of_work, monkeypatch):
    from samverkan.reports import services as report_services
    from samverkan.reports.models import ReportPdf

    made = count_renderings(monkeypatch)
    with client.application.app_context():
        region = collab.region("vastmanland")
        db.session.add(ReportPdf(region_id=region.id, year=YEAR, language="sv",
                                 version=report_services.data_version(region, YEAR), state="pending",
                                 requested_at=now_utc().replace(tzinfo=None) - timedelta(minutes=5)))
        db.session.commit()
    assert client.get(f"{URL}.pdf").status_code == 202 and made == []  # its worker may still be at it
    with client.application.app_context():
        row = db.session.scalar(db.select(ReportPdf))
        row.requested_at -= report_services.RENDER_TIMEOUT
        db.session.commit()
    assert client.get(f"{URL}.pdf").status_code == 200 and len(made) == 1  # lost: asked for again


def test_twenty_requests_at_once_render_the_pdf_once_and_wait_on_a_page_that_refreshes(
        client, year_of_work, database_url, tmp_path, monkeypatch):
    import threading
    import urllib.error
    import urllib.request

    from conftest import running_app
    from samverkan import jobs
    from werkzeug.serving import make_server

    hold = threading.Event()
    made = count_renderings(monkeypatch, hold)
    with running_app(database_url, JOBS_IMMEDIATE=False, JOBS_SQLITE_PATH=str(tmp_path / "jobs.sqlite")) as app:
        consumer = jobs.start_in_process(app)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}{URL}.pdf"
        start = threading.Barrier(20)
        answers = []

        def ask():
            start.wait()
            try:
                with urllib.request.urlopen(url, timeout=60) as response:
                    answers.append((response.status, dict(response.headers), response.read()))
            except urllib.error.HTTPError as error:
                answers.append((error.code, dict(error.headers), error.read()))

        try:
            askers = [threading.Thread(target=ask) for _ in range(20)]
            for asker in askers:
                asker.start()
            for asker in askers:
                asker.join(60)
            assert [status for status, _, _ in answers] == [202] * 20
            _, headers, body = answers[0]
            assert headers["Retry-After"] == "5"
            page = body.decode()
            assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
            assert f'data-hx-get="{URL}.pdf" data-hx-trigger="every 5s"' in page
            assert "Pdf-filen förbereds" in page and f'href="{URL}"' in page and f'href="{URL}.pdf"' in page
            asking = urllib.request.Request(url, headers={"HX-Request": "true"})
            with urllib.request.urlopen(asking, timeout=60) as response:  # htmx asking: the fragment
                assert response.read().decode().lstrip().startswith('<section id="pdf-status"')
            hold.set()
            ready = threading.Event()
            for _ in range(600):  # until the worker has made it: each answer is the waiting page or the PDF
                with urllib.request.urlopen(url, timeout=60) as response:
                    if response.status == 200:
                        assert response.read().startswith(b"%PDF-")
                        ready.set()
                        break
                    assert response.status == 202
                ready.wait(0.05)
            assert ready.is_set()
            with urllib.request.urlopen(asking, timeout=60) as response:  # htmx, once it is made: a link
                assert f'<a href="{URL}.pdf">Pdf-filen' in response.read().decode()
            assert len(made) == 1  # once, for all of them
        finally:
            hold.set()
            server.shutdown()
            consumer.stop(graceful=True)
