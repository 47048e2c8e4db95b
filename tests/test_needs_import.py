"""``samverkan import needs FILE --round ID``: employers' answers to a survey round from CSV as Excel
writes it in Sweden and from XLSX; invited and started employers completed, others added, every
kind of bad row reported by line and column with nothing imported and exit status 1, the dry run,
and the round's rules (its region's employers only, a completed answer is final, a closed round
takes an import, a round that has not opened does not)."""
import io
from datetime import timedelta

import collab
import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.needs import services
from samverkan.needs.models import ReportedNeed, SurveyResponse, SurveyRound
from samverkan.needs.transfer import layout
from samverkan.times import today

HEADER = ("Arbetsgivare;Yrke;SSYK;Antal inom 1 år;Antal inom 3 år;SeQF-nivå;Strategisk betydelse;Flaskhals;"
          "Utbildningsväg;Kommentar;has-competence-plan")
DRAFT = {"occupation": "Utkast", "ssyk_group": "9", "count_1y": 1, "count_3y": 1, "seqf_level": 2,
         "importance": "low", "bottleneck": False, "education_route": "other", "comment": ""}


def csv_file(*rows, header=HEADER, encoding="utf-8-sig"):
    return ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)


def cli(app, tmp_path, data, *options, name="behov.csv", round_id=None):
    path = tmp_path / name
    path.write_bytes(data)
    if round_id is None:
        with app.app_context():
            round_id = db.session.scalar(select(SurveyRound.id).filter_by(title="Behov 2026"))
    return app.test_cli_runner().invoke(args=["import", "needs", str(path), "--round", str(round_id), *options])


@pytest.fixture
def survey(synced_app):
    """A closed round of Västmanland: Mälarverken invited, Vårdbolaget started (a draft),
    Köpings Verkstäder completed; Sala Bygg of the region not invited; Sundsvalls Hamn of
    Västernorrland."""
    with synced_app.app_context():
        invited = collab.make_actor("vastmanland", "Mälarverken AB", org_number="556677-8899")
        started = collab.make_actor("vastmanland", "Västerås Vårdbolag AB")
        completed = collab.make_actor("vastmanland", "Köpings Verkstäder AB", org_number="556123-4567")
        collab.make_actor("vastmanland", "Sala Bygg AB", municipality="Sala")
        collab.make_actor("vasternorrland", "Sundsvalls Hamn AB", org_number="559011-2230")
        first = today() - timedelta(days=60)
        survey = services.open_round(collab.region("vastmanland"), title="Behov 2026", opens_on=first,
                                     closes_on=today() - timedelta(days=5), question_set_version=1,
                                     actors=[invited, started, completed])
        responses = {response.actor.name: response for response in survey.responses}
        services.save_answers(responses["Västerås Vårdbolag AB"], [DRAFT], {"has-competence-plan": False},
                              today=first + timedelta(days=1))
        services.save_answers(responses["Köpings Verkstäder AB"], [DRAFT], {}, today=first + timedelta(days=2),
                              complete=True)
        db.session.commit()
        return survey.id


def answers(app):
    """Every response of the round: (employer, status, source, region answers, needs as tuples)."""
    with app.app_context():
        survey = db.session.scalar(select(SurveyRound).filter_by(title="Behov 2026"))
        return [(r.actor.name, r.status, r.source, r.region_answers,
                 [(n.occupation, n.ssyk_group, n.count_1y, n.count_3y, n.seqf_level, n.importance, n.bottleneck,
                   n.education_route, n.comment) for n in r.needs])
                for r in sorted(survey.responses, key=lambda r: r.actor.name)]


GOOD = [
    "556677-8899;CNC-operatör;8;4;10;4;hög;ja;YH;Skiftarbete;ja",
    "5566778899;Automationstekniker;3 Yrken med krav på högskolekompetens eller motsvarande;1;3;5;medel;nej;"
    "higher-vocational;;",
    "Västerås vårdbolag ab;Undersköterska;5321 Undersköterskor;6;15;4;High;ja;Gymnasieskola eller vuxenutbildning;"
    "\"Natt; helg\";nej",
    "Västerås Vårdbolag AB;Sjuksköterska;2;2;5;6;hög;ja;Högskola;;",
    "Sala Bygg AB;Betongarbetare;7;2;2;3;låg;;Validering;;",
]
IMPORTED = [
    ("Köpings Verkstäder AB", "completed", "link", {}, [("Utkast", "9", 1, 1, 2, "low", False, "other", "")]),
    ("Mälarverken AB", "completed", "import", {"has-competence-plan": True},
     [("CNC-operatör", "8", 4, 10, 4, "high", True, "higher-vocational", "Skiftarbete"),
      ("Automationstekniker", "3", 1, 3, 5, "medium", False, "higher-vocational", "")]),
    ("Sala Bygg AB", "completed", "import", {}, [("Betongarbetare", "7", 2, 2, 3, "low", False, "validation", "")]),
    # the draft replaced: its needs and its region answer
    ("Västerås Vårdbolag AB", "completed", "import", {"has-competence-plan": False},
     [("Undersköterska", "5", 6, 15, 4, "high", True, "upper-secondary", "Natt; helg"),
      ("Sjuksköterska", "2", 2, 5, 6, "high", True, "higher-education", "")]),
]


def test_a_valid_csv_completes_the_invited_and_started_employers_and_adds_the_others(synced_app, survey, tmp_path):
    result = cli(synced_app, tmp_path, csv_file(*GOOD))
    assert result.exit_code == 0, result.output
    assert result.output == ("Imported behov.csv: completed the answers of 3 employer(s) (1 not invited before), "
                             "5 need(s) in round %d (Behov 2026).\n" % survey)
    assert answers(synced_app) == IMPORTED
    with synced_app.app_context():
        responses = db.session.scalars(select(SurveyResponse).filter_by(round_id=survey)).all()
        assert all(r.completed_at is not None and r.answered_by_id is None for r in responses)
        event = db.session.scalars(select(AuditEvent).filter_by(action="import", object_type="SurveyRound")).one()
        assert event.changes == {"file": "behov.csv", "answers_completed": 3, "employers_added": 1, "needs": 5}
        assert event.region_id == collab.region("vastmanland").id
    # the same file again: each employer has completed its answers now
    again = cli(synced_app, tmp_path, csv_file(*GOOD))
    assert again.exit_code == 1
    assert again.output.count("has completed its answers in this round already") == 5
    assert answers(synced_app) == IMPORTED


def test_a_valid_xlsx_with_number_and_boolean_cells(synced_app, survey, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Employer", "Occupation", "SSYK group", "Within 1 year", "Within 3 years", "SeQF level",
                  "Importance", "Bottleneck", "Education route", "Comment", "has-competence-plan"])
    sheet.append(["Mälarverken AB", "Svetsare", 7, 3.0, 8, 3, "low", True, "internal", None, False])
    sheet.append([None] * 11)  # an empty row is skipped
    sheet.append(["556677-8899", "Elektriker", "7", "1", "2", "4", "Medium", False, "Upper-secondary school or "
                  "adult education", "Behörighet krävs", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = cli(synced_app, tmp_path, buffer.getvalue(), name="behov.xlsx")
    assert result.exit_code == 0, result.output
    assert "completed the answers of 1 employer(s) (0 not invited before), 2 need(s)" in result.output
    assert answers(synced_app)[1] == (
        "Mälarverken AB", "completed", "import", {"has-competence-plan": False},
        [("Svetsare", "7", 3, 8, 3, "low", True, "internal", ""),
         ("Elektriker", "7", 1, 2, 4, "medium", False, "upper-secondary", "Behörighet krävs")])


def test_the_layout_writes_what_it_reads(synced_app, survey, tmp_path):
    """The columns' exports give a file the import reads as it was (the format is one table)."""
    cli(synced_app, tmp_path, csv_file(*GOOD[:2]))
    with synced_app.app_context():
        survey_ = db.session.get(SurveyRound, survey)
        needs = db.session.scalars(select(ReportedNeed).join(SurveyResponse).where(
            SurveyResponse.round_id == survey, SurveyResponse.source == "import").order_by(ReportedNeed.id)).all()
        data = layout(survey_).write_csv(needs)
        assert data.decode("utf-8-sig").splitlines()[1] == (
            "556677-8899;CNC-operatör;8 Yrken inom maskinell tillverkning och transport m.m.;4;10;4;Hög;ja;"
            "Yrkeshögskola (YH);Skiftarbete;ja")
        # put back to started, so that the file can be imported again
        response = needs[0].response
        response.status, response.needs = "in-progress", []
        db.session.commit()
    again = cli(synced_app, tmp_path, data)
    assert again.exit_code == 0, again.output
    assert answers(synced_app)[1] == IMPORTED[1]


def test_every_kind_of_bad_row_is_reported_with_line_and_column_and_nothing_is_imported(synced_app, survey,
                                                                                        tmp_path):
    before = answers(synced_app)
    with synced_app.app_context():
        completed_on = db.session.scalar(select(SurveyResponse.completed_at).filter_by(status="completed")).date()
    result = cli(synced_app, tmp_path, csv_file(
        "556677-8899;CNC-operatör;8;4;10;4;hög;ja;YH;;ja",                 # 2: good
        "556677-8898;Svetsare;7;1;2;3;hög;ja;YH;;",                        # 3: not an organisation number…
        "Okänd AB;Svetsare;7;1;2;3;hög;ja;YH;;",                           # 4: no such actor
        "559011-2230;Hamnarbetare;8;1;2;3;hög;ja;YH;;",                    # 5: of Västernorrland
        "Sundsvalls Hamn AB;Hamnarbetare;8;1;2;3;hög;ja;YH;;",             # 6: the same, by name
        "Köpings Verkstäder AB;Svetsare;7;1;2;3;hög;ja;YH;;",              # 7: completed already
        "Mälarverken AB;Svetsare;X;1;2;3;hög;ja;YH;;",                     # 8: not an SSYK group
        "Mälarverken AB;Svetsare;5 Chefsyrken;1;2;3;hög;ja;YH;;",          # 9: the name of another group
        "Mälarverken AB;Svetsare;7;tre;2;3;hög;ja;YH;;",                   # 10: not a number
        "Mälarverken AB;Svetsare;7;3;2;3;hög;ja;YH;;",                     # 11: fewer within 3 years
        "Mälarverken AB;Svetsare;7;0;0;3;hög;ja;YH;;",                     # 12: nobody
        "Mälarverken AB;Svetsare;7;1;2;9;hög;ja;YH;;",                     # 13: SeQF 9
        "Mälarverken AB;Svetsare;7;1;2;3;extrem;kanske;flyg;;",            # 14: importance, bottleneck, route
        "Mälarverken AB;;;;;;;;;;",                                        # 15: the required ones empty
        "Mälarverken AB;Svetsare;7;1;2;3;hög;ja;YH;;nej",                  # 16: another answer than line 2
        "Mälarverken AB;Svetsare;7;1;200000;3;hög;ja;YH;;kanske",          # 17: too many, not yes or no
    ))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "line 3, column Arbetsgivare: This is not a valid Swedish organisation number (ten digits, such as "
        "556036-0793).",
        "line 4, column Arbetsgivare: No actor is called “Okänd AB”. Give the employer's organisation number or "
        "its name as registered in Västmanland.",
        "line 5, column Arbetsgivare: Sundsvalls Hamn AB is an actor of Västernorrland, not of Västmanland: the "
        "round takes answers from employers of its own region.",
        "line 6, column Arbetsgivare: Sundsvalls Hamn AB is an actor of Västernorrland, not of Västmanland: the "
        "round takes answers from employers of its own region.",
        "line 7, column Arbetsgivare: Köpings Verkstäder AB has completed its answers in this round already "
        f"({completed_on.isoformat()}): a completed answer is final, and the import does not "
        "replace it.",
        "line 8, column SSYK: “X” is not an SSYK group: give its code, 0–9 (such as 5, or 5 Service-, omsorgs- "
        "och försäljningsyrken).",
        "line 9, column SSYK: The name does not match SSYK group 5, which is “Service-, omsorgs- och "
        "försäljningsyrken”.",
        "line 10, column Antal inom 1 år: “tre” is not a whole number of people (such as 4).",
        "line 11, column Antal inom 3 år: Within 3 years counts those within 1 year too, so it cannot be fewer "
        "(3).",
        "line 12, column Antal inom 3 år: A need of no one: give how many people are needed.",
        "line 13, column SeQF-nivå: “9” is not a SeQF level: give a number from 1 to 8.",
        "line 14, column Strategisk betydelse: Unknown importance “extrem”. Use one of: Låg, Medel, Hög.",
        "line 14, column Flaskhals: “kanske” is not yes or no: write ja or nej.",
        "line 14, column Utbildningsväg: Unknown education route “flyg”. Use one of: Gymnasieskola eller "
        "vuxenutbildning, Yrkeshögskola (YH), Högskola eller universitet, Validering av befintlig kompetens, "
        "Intern utbildning, Annan.",
        "line 15, column Yrke: The occupation is required.",
        "line 15, column SSYK: The SSYK group is required.",
        "line 15, column Antal inom 1 år: The number of people within 1 year is required.",
        "line 15, column Antal inom 3 år: The number of people within 3 years is required.",
        "line 15, column SeQF-nivå: The SeQF level is required.",
        "line 15, column Strategisk betydelse: The strategic importance is required.",
        "line 15, column Utbildningsväg: The education route is required.",
        "line 16, column has-competence-plan: The employer's answer differs from the one on line 2; an employer "
        "answers the region's questions once.",
        "line 17, column Antal inom 3 år: The number must be between 0 and 100000.",
        "line 17, column has-competence-plan: “kanske” is not yes or no: write ja or nej.",
        "Error: 24 problem(s) in behov.csv: nothing was imported.",
    ]
    assert answers(synced_app) == before


def test_one_bad_row_among_good_ones_writes_nothing(synced_app, survey, tmp_path):
    before = answers(synced_app)
    with synced_app.app_context():
        events = db.session.scalar(select(func.count()).select_from(AuditEvent))
        needs = db.session.scalar(select(func.count()).select_from(ReportedNeed))
    result = cli(synced_app, tmp_path, csv_file(*GOOD, "Sala Bygg AB;Snickare;7;1;2;3;hög;ja;YH;;ja;överbliven"))
    assert result.exit_code == 1
    assert result.output.splitlines() == ["line 7, column L: A value in a column without a known header.",
                                          "Error: 1 problem(s) in behov.csv: nothing was imported."]
    assert answers(synced_app) == before
    with synced_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == events
        assert db.session.scalar(select(func.count()).select_from(ReportedNeed)) == needs
        assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 3


def test_a_dry_run_says_what_it_would_do_and_writes_nothing(synced_app, survey, tmp_path):
    before = answers(synced_app)
    with synced_app.app_context():
        events = db.session.scalar(select(func.count()).select_from(AuditEvent))
    result = cli(synced_app, tmp_path, csv_file(*GOOD), "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.output == ("The file is valid (dry run, nothing written): would complete the answers of "
                             "3 employer(s) (1 not invited before), 5 need(s).\n")
    assert answers(synced_app) == before
    with synced_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == events
        assert db.session.scalar(select(func.count()).select_from(SurveyResponse)) == 3


@pytest.mark.parametrize("data, name, message", [
    (csv_file("x", header="Arbetsgivare;Färg"), "behov.csv",
     "line 1, column Färg: Unknown column. The columns are: Arbetsgivare; Yrke; SSYK; Antal inom 1 år; Antal inom "
     "3 år; SeQF-nivå; Strategisk betydelse; Flaskhals; Utbildningsväg; Kommentar; has-competence-plan."),
    (csv_file("Mälarverken AB", header="Arbetsgivare"), "behov.csv",
     "line 1, column Yrke: The file has no such column; it is required."),
    (b"", "behov.csv", "line 1: The first line must name the columns (such as Arbetsgivare;Yrke;SSYK)."),
    (csv_file(), "behov.csv", "The file has no rows of needs."),
    (HEADER.encode() + b"\r\n\x81\x8d;\x8f\r\n", "behov.csv", "The file is neither UTF-8 nor Windows-1252 text."),
    (b"\xff\xfe\x00\x00", "behov.csv", "The file holds NUL bytes: it is not a CSV file."),
    (b"PK\x03\x04 a broken workbook", "behov.xlsx", "The file is not an Excel workbook (.xlsx)."),
    (b"x", "behov.txt", "Give a .csv or an .xlsx file."),
])
def test_problems_of_the_file_as_a_whole(synced_app, survey, tmp_path, data, name, message):
    result = cli(synced_app, tmp_path, data, name=name)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)


def test_an_unknown_column_is_reported_with_the_rows_problems_and_can_be_left_out(synced_app, survey, tmp_path):
    data = csv_file(*[row + ";x" for row in GOOD], "Okänd Arbetsgivare AB" + GOOD[0][GOOD[0].index(";"):] + ";y",
                    header=HEADER + ";Anteckning")
    result = cli(synced_app, tmp_path, data)
    assert result.exit_code == 1
    assert "line 1, column Anteckning: Unknown column." in result.output
    assert f"line {len(GOOD) + 2}, column Arbetsgivare: " in result.output  # the rows are checked all the same
    good = csv_file(*[row + ";x" for row in GOOD], header=HEADER + ";Anteckning")
    result = cli(synced_app, tmp_path, good, "--ignore-column", "anteckning")
    assert result.exit_code == 0, result.output
    assert "completed the answers of 3 employer(s)" in result.output


def test_the_round_must_exist_and_have_opened(synced_app, survey, tmp_path):
    missing = cli(synced_app, tmp_path, csv_file(*GOOD), round_id=survey + 100)
    assert missing.exit_code == 2 and f"no survey round {survey + 100}" in missing.output
    with synced_app.app_context():
        coming = services.open_round(collab.region("vastmanland"), title="Behov 2027",
                                     opens_on=today() + timedelta(days=1), closes_on=today() + timedelta(days=30),
                                     question_set_version=1, actors=[])
        db.session.commit()
        coming_id = coming.id
    result = cli(synced_app, tmp_path, csv_file(*GOOD), round_id=coming_id)
    assert result.exit_code == 1
    assert (f"The round opens on {(today() + timedelta(days=1)).isoformat()}: answers can be imported once it has "
            "opened.") in result.output


def test_only_an_import_completes_a_response_after_the_round_closed(synced_app, survey):
    """``save_answers`` refuses a closed round unless told ``after_close``, which the import says."""
    with synced_app.app_context():
        response = db.session.scalars(select(SurveyResponse).filter_by(round_id=survey, status="invited")).one()
        with pytest.raises(services.SurveyClosed):
            services.save_answers(response, [DRAFT], {}, today=today(), complete=True)
        services.save_answers(response, [DRAFT], {}, today=today(), complete=True, source="import", after_close=True)
        assert response.status == "completed" and response.source == "import"
        # a completed response stays final, even so
        with pytest.raises(services.SurveyClosed):
            services.save_answers(response, [DRAFT], {}, today=today(), source="import", after_close=True)
        db.session.rollback()
