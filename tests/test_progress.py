"""Progress reports on initiatives, a region's reporting periods, overdue reports, and a person's
own page (/me)."""
import re
from datetime import date, timedelta

import collab
import pytest
from conftest import ACCOUNTS, csrf_token, login
from sqlalchemy import event, func, select

from samverkan.accounts.models import Person
from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.indicators.models import Indicator
from samverkan.initiatives import progress_queries
from samverkan.initiatives.models import Initiative, ProgressEntry, ProgressValue, ReportingPeriod
from samverkan.initiatives.queries import editable_by
from samverkan.policy import can
from samverkan.times import today


def signed_in(app, key):
    client = app.test_client()
    assert login(client, ACCOUNTS[key][0]).status_code == 302
    return client


@pytest.fixture
def initiative(client, accounts):
    """A running initiative of Västmanland whose owner the Västmanland project lead is a member of."""
    with client.application.app_context():
        actor = collab.make_actor("vastmanland", name="Mälardalens validering AB")
        collab.make_membership(actor, ACCOUNTS["project-lead"][0], role="project-lead")
        initiative = collab.make_initiative("vastmanland", title="Validering i vården", owner=actor)
        db.session.commit()
        return initiative.id


def report(client, initiative_id, headers=None, **values):
    data = {"progress-reported_on": today().isoformat(), "progress-happened": "Tio deltagare har validerats.",
            "progress-next_steps": "Fler arbetsgivare.", "csrf_token": csrf_token(client)}
    data.update(values)
    return client.post(f"/initiatives/{initiative_id}/progress", data=data, headers=headers or {})


def entries_of(app, initiative_id):
    with app.app_context():
        return [(entry.reported_on, entry.happened) for entry in db.session.scalars(
            select(ProgressEntry).filter_by(initiative_id=initiative_id).order_by(ProgressEntry.id))]


def indicator_ids(app, slug):
    with app.app_context():
        return db.session.scalars(select(Indicator.id).where(Indicator.region_id == collab.region(slug).id)
                                  .order_by(Indicator.position)).all()


# -- progress entries ---------------------------------------------------------------------------


def test_an_editor_reports_progress_without_javascript_and_sees_it_newest_first(synced_app, initiative):
    lead = signed_in(synced_app, "project-lead")
    page = lead.get(f"/initiatives/{initiative}")
    assert 'id="progress"' in page.text and "progress-happened" in page.text
    assert f'value="{today().isoformat()}"' in page.text  # dated today unless changed
    older = (today() - timedelta(days=30)).isoformat()
    answer = report(lead, initiative, **{"progress-reported_on": older, "progress-happened": "Första mötet."})
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith(f"/initiatives/{initiative}#progress-")
    assert report(lead, initiative).status_code == 302
    assert entries_of(synced_app, initiative) == [(today() - timedelta(days=30), "Första mötet."),
                                                   (today(), "Tio deltagare har validerats.")]
    page = lead.get(f"/initiatives/{initiative}").text
    timeline = page[page.index('<ol class="timeline">'):]
    assert f'<time datetime="{today().isoformat()}">' in timeline
    assert timeline.index("Tio deltagare") < timeline.index("Första mötet.")  # newest first
    with synced_app.app_context():
        author = db.session.scalars(select(ProgressEntry.author_id)).first()
        assert author == collab.person(ACCOUNTS["project-lead"][0]).id
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.object_type == "ProgressEntry", AuditEvent.action == "create")) == 2
    # everyone sees the timeline; only editors get the form and the links
    anonymous = synced_app.test_client().get(f"/initiatives/{initiative}").text
    assert "Tio deltagare har validerats." in anonymous
    assert "progress-happened" not in anonymous and "/progress/" not in anonymous


def test_htmx_gets_the_timeline_alone_and_the_form_errors_in_place(synced_app, initiative):
    lead = signed_in(synced_app, "project-lead")
    htmx = {"HX-Request": "true"}
    answer = report(lead, initiative, headers=htmx, **{"progress-happened": "Via htmx <script>x()</script>"})
    assert answer.status_code == 200
    assert answer.text.lstrip().startswith('<section id="progress"') and "<html" not in answer.text
    assert "Via htmx &lt;script&gt;x()&lt;/script&gt;" in answer.text  # escaped
    assert "data-autofocus" in answer.text
    wrong = report(lead, initiative, headers=htmx, **{"progress-happened": ""})
    assert wrong.status_code == 400
    assert "<html" not in wrong.text and 'aria-invalid="true"' in wrong.text
    assert len(entries_of(synced_app, initiative)) == 1


def test_a_bad_report_without_javascript_comes_back_on_a_page_of_its_own(synced_app, initiative):
    lead = signed_in(synced_app, "project-lead")
    answer = report(lead, initiative, **{"progress-happened": "", "progress-reported_on": "igår"})
    assert answer.status_code == 400
    assert "<html" in answer.text and "error-summary" in answer.text
    assert entries_of(synced_app, initiative) == []


def test_an_editor_edits_and_deletes_a_report_after_a_confirmation(synced_app, initiative):
    with synced_app.app_context():
        entry_id = collab.make_entry(db.session.get(Initiative, initiative), today()).id
        db.session.commit()
    admin = signed_in(synced_app, "region-admin")  # a region admin edits every initiative of the region
    page = admin.get(f"/progress/{entry_id}/edit")
    assert page.status_code == 200 and "Vi har träffat arbetsgivarna." in page.text
    answer = admin.post(f"/progress/{entry_id}/edit", data={
        "progress-reported_on": "2026-03-02", "progress-happened": "Rättad text.", "csrf_token": csrf_token(admin)})
    assert answer.status_code == 302
    assert entries_of(synced_app, initiative) == [(date(2026, 3, 2), "Rättad text.")]
    confirm = admin.get(f"/progress/{entry_id}/delete")
    assert confirm.status_code == 200 and "<form" in confirm.text
    assert entries_of(synced_app, initiative)  # asking deletes nothing
    assert admin.post(f"/progress/{entry_id}/delete", data={"csrf_token": csrf_token(admin)}).status_code == 302
    assert entries_of(synced_app, initiative) == []


@pytest.mark.parametrize("key", ["member", "other-project-lead", "other-region-admin", "national-analyst",
                                 "stranger-lead"])
def test_others_may_not_write_or_change_reports(synced_app, initiative, key):
    """Refused (403) with nothing changed, a project lead of another actor of the same region too."""
    with synced_app.app_context():
        entry_id = collab.make_entry(db.session.get(Initiative, initiative), today()).id
        if key == "stranger-lead":  # the Västmanland project lead, on an initiative of an actor of theirs not
            stranger = collab.make_actor("vastmanland", name="Främmande AB")
            other = collab.make_initiative("vastmanland", title="Någon annans", owner=stranger)
            entry_id = collab.make_entry(other, today()).id
            initiative_id = other.id
        else:
            initiative_id = initiative
        db.session.commit()
    client = signed_in(synced_app, "project-lead" if key == "stranger-lead" else key)
    before = entries_of(synced_app, initiative_id)
    token = csrf_token(client)
    assert report(client, initiative_id).status_code == 403
    assert client.get(f"/initiatives/{initiative_id}/progress").status_code == 403
    assert client.post(f"/progress/{entry_id}/edit", data={
        "progress-reported_on": "2026-01-01", "progress-happened": "Ändrat", "csrf_token": token}).status_code == 403
    assert client.get(f"/progress/{entry_id}/delete").status_code == 403
    assert client.post(f"/progress/{entry_id}/delete", data={"csrf_token": token}).status_code == 403
    assert collab.refusals(synced_app)[-5:] == ["initiative.edit"] * 5
    assert entries_of(synced_app, initiative_id) == before


def test_indicator_values_are_numbers_of_the_initiatives_regions(synced_app, initiative):
    lead = signed_in(synced_app, "project-lead")
    ours, theirs = indicator_ids(synced_app, "vastmanland"), indicator_ids(synced_app, "vasternorrland")
    assert ours, "Västmanland's plugin declares indicators"
    form = lead.get(f"/initiatives/{initiative}").text
    assert f'name="progress-indicator_{ours[0]}"' in form and "Delmål 17" in form
    for bad in ("många", "nan", "inf", "1e400", "12 %"):
        answer = report(lead, initiative, **{f"progress-indicator_{ours[0]}": bad})
        assert answer.status_code == 400, bad
        assert "Ange ett tal" in answer.text, bad
    assert entries_of(synced_app, initiative) == []
    extra = {f"progress-indicator_{theirs[0]}": "7"} if theirs else {}
    answer = report(lead, initiative, **{f"progress-indicator_{ours[0]}": "3,5",
                                         f"progress-indicator_{ours[1]}": "1 250", **extra})
    assert answer.status_code == 302
    with synced_app.app_context():
        assert sorted(db.session.execute(select(ProgressValue.indicator_id, ProgressValue.value)).all()) == \
            sorted([(ours[0], 3.5), (ours[1], 1250.0)])
    page = lead.get(f"/initiatives/{initiative}").text
    assert "Delmål 17: 3,5 %" in page
    # editing keeps the values in the fields, written the Swedish way
    with synced_app.app_context():
        entry_id = db.session.scalar(select(ProgressEntry.id))
    edit = lead.get(f"/progress/{entry_id}/edit").text
    assert re.search(rf'name="progress-indicator_{ours[0]}"[^>]*value="3,5"', edit)


def test_a_partner_regions_indicators_are_offered_too(synced_app, initiative):
    with synced_app.app_context():
        db.session.get(Initiative, initiative).partner_regions = [collab.region("vasternorrland")]
        db.session.commit()
        shown = {indicator.id for indicator in progress_queries.indicators_for(db.session.get(Initiative, initiative))}
    assert shown == set(indicator_ids(synced_app, "vastmanland")) | set(indicator_ids(synced_app, "vasternorrland"))


# -- reporting periods --------------------------------------------------------------------------


def period_data(client, **values):
    data = {"name": "Vår 2026", "starts_on": "2026-01-01", "ends_on": "2026-06-30", "due_on": "2026-06-30",
            "csrf_token": csrf_token(client)}
    data.update(values)
    return data


def periods_of(app, slug):
    with app.app_context():
        return db.session.execute(select(ReportingPeriod.name, ReportingPeriod.starts_on, ReportingPeriod.due_on)
                                  .where(ReportingPeriod.region_id == collab.region(slug).id)
                                  .order_by(ReportingPeriod.starts_on)).all()


def test_a_region_admin_keeps_the_regions_reporting_periods(synced_app, accounts):
    admin = signed_in(synced_app, "region-admin")
    url = "/regions/vastmanland/reporting-periods"
    assert admin.get(url).status_code == 200
    assert admin.post(url, data=period_data(admin)).status_code == 302
    assert admin.post(url, data=period_data(admin, name="Höst 2026", starts_on="2026-07-01", ends_on="2026-12-31",
                                            due_on="2027-01-31")).status_code == 302
    assert [row.name for row in periods_of(synced_app, "vastmanland")] == ["Vår 2026", "Höst 2026"]
    page = admin.get(url).text
    assert "Vår 2026" in page and "<caption>" in page
    with synced_app.app_context():
        period_id = db.session.scalar(select(ReportingPeriod.id).filter_by(name="Vår 2026"))
    confirm = admin.get(f"/reporting-periods/{period_id}/delete")
    assert confirm.status_code == 200 and "Vår 2026" in confirm.text
    other = signed_in(synced_app, "other-region-admin")
    assert other.post(f"/reporting-periods/{period_id}/delete", data={"csrf_token": csrf_token(other)}).status_code == 403
    assert collab.refusals(synced_app)[-1] == "region.manage"
    assert admin.post(f"/reporting-periods/{period_id}/delete", data={"csrf_token": csrf_token(admin)}).status_code == 302
    assert [row.name for row in periods_of(synced_app, "vastmanland")] == ["Höst 2026"]


@pytest.mark.parametrize("values, field", [
    ({"starts_on": "2026-03-01", "ends_on": "2026-09-30", "due_on": "2026-10-31"}, "starts_on"),  # overlaps
    ({"starts_on": "2025-07-01", "ends_on": "2026-01-01", "due_on": "2026-01-31"}, "starts_on"),  # one day
    ({"starts_on": "2027-06-30", "ends_on": "2027-01-01", "due_on": "2027-07-31"}, "ends_on"),
    ({"starts_on": "2027-01-01", "ends_on": "2027-06-30", "due_on": "2027-06-29"}, "due_on"),
    ({"starts_on": "", "ends_on": "2027-06-30", "due_on": "2027-06-30"}, "starts_on"),
    ({"name": ""}, "name"),
])
def test_a_bad_or_overlapping_period_is_refused_with_a_reason(synced_app, accounts, values, field):
    with synced_app.app_context():
        collab.make_period("vastmanland", date(2026, 1, 1), date(2026, 6, 30), date(2026, 6, 30), name="Vår 2026")
        db.session.commit()
    admin = signed_in(synced_app, "region-admin")
    defaults = {"name": "Ny period", "starts_on": "2028-01-01", "ends_on": "2028-06-30", "due_on": "2028-06-30"}
    answer = admin.post("/regions/vastmanland/reporting-periods", data=period_data(admin, **{**defaults, **values}))
    assert answer.status_code == 400
    assert re.search(rf'id="{field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="{field}"', answer.text)
    assert len(periods_of(synced_app, "vastmanland")) == 1


def test_an_adjacent_period_and_another_regions_same_dates_are_fine(synced_app, accounts):
    with synced_app.app_context():
        collab.make_period("vastmanland", date(2026, 1, 1), date(2026, 6, 30), date(2026, 6, 30))
        db.session.commit()
    admin = signed_in(synced_app, "region-admin")
    assert admin.post("/regions/vastmanland/reporting-periods", data=period_data(
        admin, starts_on="2026-07-01", ends_on="2026-12-31", due_on="2026-12-31")).status_code == 302
    other = signed_in(synced_app, "other-region-admin")
    assert other.post("/regions/vasternorrland/reporting-periods", data=period_data(other)).status_code == 302


# -- overdue reports ----------------------------------------------------------------------------


def overdue_titles(slug, on=None):
    rows = db.session.execute(progress_queries.missing_reports(
        ReportingPeriod.region_id == collab.region(slug).id, progress_queries.overdue(on))).all()
    return sorted((period.name, initiative.title) for period, initiative in rows)


def test_which_initiatives_are_overdue(synced_app, accounts):
    day = today()
    start, end, due = day - timedelta(days=200), day - timedelta(days=40), day - timedelta(days=10)
    with synced_app.app_context():
        period = collab.make_period("vastmanland", start, end, due, name="Vår")
        collab.make_period("vastmanland", day - timedelta(days=5), day + timedelta(days=60), day + timedelta(days=90),
                           name="Nu")  # not yet due: nobody is overdue for it
        make = collab.make_initiative
        silent = make("vastmanland", title="Tyst")
        on_due = make("vastmanland", title="Rapport på förfallodagen")
        collab.make_entry(on_due, due)
        on_start = make("vastmanland", title="Rapport på första dagen", status="planned")
        collab.make_entry(on_start, start)
        before = make("vastmanland", title="Rapport före perioden")
        collab.make_entry(before, start - timedelta(days=1))
        after = make("vastmanland", title="Rapport efter förfallodagen")
        collab.make_entry(after, due + timedelta(days=1))
        for status in ("idea", "finished", "cancelled"):
            make("vastmanland", title=f"Status {status}", status=status)
        make("vastmanland", title="Utkast", draft=True)
        make("vastmanland", title="Startar senare", starts_on=end + timedelta(days=1))
        make("vastmanland", title="Startade i perioden", starts_on=end)
        partnered = make("vasternorrland", title="Partner från Västernorrland")
        partnered.partner_regions = [collab.region("vastmanland")]
        make("vasternorrland", title="Bara Västernorrland")
        db.session.commit()

        assert overdue_titles("vastmanland") == [
            ("Vår", "Partner från Västernorrland"), ("Vår", "Rapport efter förfallodagen"),
            ("Vår", "Rapport före perioden"), ("Vår", "Startade i perioden"), ("Vår", "Tyst")]
        # the day after the due date is the first day overdue; on the due date itself nothing is
        assert overdue_titles("vastmanland", on=due + timedelta(days=1))
        assert overdue_titles("vastmanland", on=due) == []
        assert overdue_titles("vasternorrland") == []  # Västernorrland has no periods
        assert progress_queries.days_late(period) == 10
        silent_id = silent.id

    admin = signed_in(synced_app, "region-admin")
    page = admin.get("/regions/vastmanland/reports-due")
    assert page.status_code == 200
    row = re.search(r"<tr[^>]*>\s*<th scope=\"row\"><a href=\"/initiatives/%d#progress\">Tyst</a></th>(.*?)</tr>"
                    % silent_id, page.text, re.S)
    assert row and "Ägare av Tyst" in row.group(1) and ">10<" in row.group(1)
    assert "Rapport på förfallodagen" not in page.text and "Status finished" not in page.text
    assert signed_in(synced_app, "project-lead").get("/regions/vastmanland/reports-due").status_code == 403
    assert collab.refusals(synced_app)[-1] == "region.manage"


def test_the_overdue_list_costs_the_same_statements_for_many_initiatives(synced_app, accounts):
    day = today()
    with synced_app.app_context():
        collab.make_period("vastmanland", day - timedelta(days=100), day - timedelta(days=20), day - timedelta(days=10))
        collab.make_initiative("vastmanland", title="Ett")
        db.session.commit()
    admin = signed_in(synced_app, "region-admin")

    def statements():
        counted = []
        with synced_app.app_context():
            listener = lambda *args: counted.append(1)  # noqa: E731
            event.listen(db.engine, "before_cursor_execute", listener)
            try:
                assert admin.get("/regions/vastmanland/reports-due").status_code == 200
            finally:
                event.remove(db.engine, "before_cursor_execute", listener)
        return len(counted)

    few = statements()
    with synced_app.app_context():
        for number in range(12):
            collab.make_initiative("vastmanland", title=f"Initiativ {number}")
        db.session.commit()
    assert statements() == few


# -- who edits what, and /me --------------------------------------------------------------------


def test_editable_by_agrees_with_the_policy(synced_app, accounts):
    with synced_app.app_context():
        lead_actor = collab.make_actor("vastmanland", name="Ledarens aktör")
        collab.make_membership(lead_actor, ACCOUNTS["project-lead"][0])
        other_actor = collab.make_actor("vasternorrland", name="Den andras aktör")
        collab.make_membership(other_actor, ACCOUNTS["other-project-lead"][0])
        stranger = collab.make_actor("vastmanland", name="Främling")
        make = collab.make_initiative
        cases = [
            make("vastmanland", title="Ledarens", owner=lead_actor),
            make("vastmanland", title="Ledarens utkast", owner=lead_actor, draft=True),
            make("vastmanland", title="Främlingens", owner=stranger),
            make("vastmanland", title="Ledaren partner", owner=stranger, partners=[lead_actor]),
            make("vasternorrland", title="Ledarens i fel region", owner=lead_actor),
            make("vasternorrland", title="Västernorrlands", owner=other_actor),
            make("vasternorrland", title="Västernorrlands med partnerregion", owner=other_actor,
                 partner_regions=[collab.region("vastmanland")]),
            make("vastmanland", title="Västmanlands med partnerregion", owner=lead_actor,
                 partner_regions=[collab.region("vasternorrland")]),
        ]
        db.session.commit()
        ids = [initiative.id for initiative in cases]
        for key, (email, _role, _region) in ACCOUNTS.items():
            person = db.session.scalars(select(Person).filter_by(email=email)).one()
            by_rule = {initiative.id for initiative in cases if can(person, "initiative.edit", initiative)}
            by_query = set(db.session.scalars(select(Initiative.id).where(Initiative.id.in_(ids),
                                                                             editable_by(person))))
            assert by_query == by_rule, key
            if key == "project-lead":
                assert {db.session.get(Initiative, i).title for i in by_query} == {
                    "Ledarens", "Ledarens utkast", "Ledaren partner", "Västmanlands med partnerregion"}


def test_me_gathers_a_project_leads_initiatives_reports_meetings_and_actions(synced_app, initiative):
    day = today()
    email = ACCOUNTS["project-lead"][0]
    with synced_app.app_context():
        collab.make_period("vastmanland", day - timedelta(days=120), day - timedelta(days=30),
                           day - timedelta(days=3), name="Vårens rapport")
        collab.make_initiative("vastmanland", title="Någon annans initiativ")
        forum = collab.make_forum(slug="vastmanland", name="Kompetensrådet")
        meeting = collab.make_meeting(forum, title="Rådsmöte i maj")
        from samverkan.meetings.registrations import register

        register(meeting, collab.person(email))
        collab.make_action(collab.make_meeting(forum, title="Förra mötet"), what="Skicka underlaget",
                           owner_email=email)
        collab.make_action(meeting, what="Någon annans åtgärd", owner_email=ACCOUNTS["member"][0])
        db.session.commit()
    lead = synced_app.test_client()
    answer = login(lead, email)
    assert answer.headers["Location"] == "/me"  # where a person lands after logging in
    page = lead.get("/me")
    assert page.status_code == 200
    text = page.text
    assert "Validering i vården" in text and "Någon annans initiativ" not in text
    reports = text[text.index('id="reports-heading"'):text.index('id="initiatives-heading"')]
    assert "Vårens rapport" in reports and "Validering i vården" in reports and ">3<" in reports
    assert "Rådsmöte i maj" in text
    assert "Skicka underlaget" in text and "Någon annans åtgärd" not in text
    assert 'href="/me"' in text and "Min sida" in text  # in the account menu
    # a report within the period answers it
    with synced_app.app_context():
        collab.make_entry(db.session.get(Initiative, initiative), day - timedelta(days=4))
        db.session.commit()
    assert "Vårens rapport" not in lead.get("/me").text


def test_me_needs_a_login_and_the_next_parameter_still_wins(synced_app, accounts):
    client = synced_app.test_client()
    assert client.get("/me").headers["Location"].startswith("/login?next=%2Fme")
    data = {"email": ACCOUNTS["member"][0], "password": "rätt häst batteri häftklammer",
            "csrf_token": csrf_token(client, "/login")}
    assert client.post("/login?next=/regions/", data=data).headers["Location"] == "/regions/"
    page = client.get("/me")
    assert page.status_code == 200 and "Du redigerar inga initiativ" in page.text


def test_the_region_admin_finds_the_reporting_pages_on_the_region_page(synced_app, accounts):
    page = signed_in(synced_app, "region-admin").get("/regions/vastmanland/").text
    assert "/regions/vastmanland/reports-due" in page and "/regions/vastmanland/reporting-periods" in page
    assert "/reports-due" not in signed_in(synced_app, "project-lead").get("/regions/vastmanland/").text


def test_indicator_values_are_in_the_audit_log_and_go_with_their_report(synced_app, initiative):
    lead = signed_in(synced_app, "project-lead")
    ours = indicator_ids(synced_app, "vastmanland")
    assert report(lead, initiative, **{f"progress-indicator_{ours[0]}": "12"}).status_code == 302
    with synced_app.app_context():
        entry_id = db.session.scalar(select(ProgressEntry.id))
        event_ = db.session.scalars(select(AuditEvent).where(AuditEvent.object_type == "ProgressEntry",
                                                             AuditEvent.action == "update")).one()
        assert event_.changes == {"values": [[], ["Delmål 17: 12"]]}
    assert lead.post(f"/progress/{entry_id}/delete", data={"csrf_token": csrf_token(lead)}).status_code == 302
    with synced_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ProgressValue)) == 0
