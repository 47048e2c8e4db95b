"""Initiatives in and out of files: CSV as Excel writes it in Sweden (a byte-order mark, Windows-1252,
semicolons, quoted cells with semicolons and line breaks) and XLSX, every kind of bad row reported
with its line and column and nothing imported, the round trip export → import into an empty
instance → export, the upload page of a region's administrators, the list's export, and the
command line."""
import csv
import io
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace

import collab
import pytest
from conftest import ACCOUNTS, csrf_token, in_language, login, running_app
from flask_babel import force_locale
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from samverkan.actors.models import Actor
from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan import sheets
from samverkan.indicators import transfer as indicator_transfer
from samverkan.initiatives import importer, queries, services, transfer
from samverkan.initiatives.models import Initiative
from samverkan.needs import transfer as needs_transfer
from samverkan.networks.models import Network
from samverkan.plans.models import Plan, PlanNode
from samverkan.sync import sync_all
from samverkan.themes.models import Theme

HEADER = ("Titel;Sammanfattning;Ägare;Ägarens organisationsnummer;Partneraktörer;Ledande region;Partnerregioner;"
          "Plankoder;Teman;Status;Start;Slut;Målgrupper;Jämlikhetsperspektiv;Budget;ESF+;Regionala medel;"
          "Extern referens;Kontaktperson;E-post;Länkar;Gott exempel;Lärdomar;Utkast")


def csv_file(*rows, header=HEADER, encoding="utf-8-sig"):
    return ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)


GOOD_ROW = ("Validering i vården;Kortare väg till undersköterska.;Mälardalens validering AB;556036-0793;"
            "Västerås stad | Region Västmanland;vastmanland;vasternorrland;M1 | vasternorrland:F3.2;"
            "validation | Integration;Pågår;2024-01-15;2026-12-31;Nyanlända | young-people;Kön;2 400 000;"
            "1200000,00;1 200 000 kr;ESF-2024-17;Anna Andersson;anna@example.se;https://example.se/validering;"
            "ja;Börja med arbetsgivarna.;nej")


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def by_title(title):
    return db.session.scalars(select(Initiative).filter_by(title=title)).one()


def run_import(app, data, filename="initiativ.csv", **options):
    with app.app_context():
        outcome = importer.import_file(filename, data, **options)
        if outcome.ok and not outcome.dry_run:
            db.session.commit()
        else:
            db.session.rollback()
        return outcome


# ---------------------------------------------------------------------------------------------
# Good files
# ---------------------------------------------------------------------------------------------

def test_a_good_csv_with_a_byte_order_mark_is_imported_with_every_column(synced_app):
    data = csv_file(GOOD_ROW)
    assert data.startswith(b"\xef\xbb\xbf")
    outcome = run_import(synced_app, data)
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert (outcome.created, outcome.updated) == (1, 0)
    assert sorted(new.name for new in outcome.new_actors) == ["Mälardalens validering AB", "Region Västmanland",
                                                              "Västerås stad"]
    with synced_app.app_context():
        initiative = by_title("Validering i vården")
        assert initiative.owner.name == "Mälardalens validering AB"
        assert initiative.owner.org_number == "556036-0793"
        assert [region.slug for region in initiative.owner.regions] == ["vastmanland"]
        assert sorted(actor.name for actor in initiative.partners) == ["Region Västmanland", "Västerås stad"]
        assert initiative.lead_region.slug == "vastmanland"
        assert [region.slug for region in initiative.partner_regions] == ["vasternorrland"]
        assert sorted((node.plan.region.slug, node.code) for node in initiative.nodes) == [
            ("vasternorrland", "F3.2"), ("vastmanland", "M1")]
        assert sorted(theme.slug for theme in initiative.themes) == ["integration", "validation"]
        assert initiative.status == "running"
        assert [(c.from_status, c.to_status) for c in initiative.status_changes] == [(None, "running")]
        assert (initiative.starts_on, initiative.ends_on) == (date(2024, 1, 15), date(2026, 12, 31))
        assert sorted(initiative.target_groups) == ["newly-arrived", "young-people"]
        assert list(initiative.perspectives) == ["gender"]
        assert initiative.budget_sek == 2_400_000
        assert {row.source: row.amount_sek for row in initiative.funding} == {"esf": 1_200_000,
                                                                             "regional": 1_200_000}
        assert initiative.external_ref == "ESF-2024-17"
        assert (initiative.contact_name, initiative.contact_email) == ("Anna Andersson", "anna@example.se")
        assert initiative.links == "https://example.se/validering"
        assert initiative.is_practice and initiative.lessons_learned == "Börja med arbetsgivarna."
        assert initiative.draft is False
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "import")) == 1


def test_windows_1252_with_swedish_letters(synced_app):
    data = csv_file("Yrkessvenska för vårdbiträden;Språkstöd på arbetsplatsen;Örebro läns folkhögskola;;;"
                    "vastmanland;;;;Idé;;;;;;;;;Åsa Öberg;;;nej;;nej", encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    outcome = run_import(synced_app, data)
    assert outcome.ok, [str(p) for p in outcome.problems]
    with synced_app.app_context():
        initiative = by_title("Yrkessvenska för vårdbiträden")
        assert initiative.summary == "Språkstöd på arbetsplatsen"
        assert initiative.owner.name == "Örebro läns folkhögskola"
        assert initiative.contact_name == "Åsa Öberg"
        assert initiative.status == "idea"


def test_quoted_cells_with_semicolons_quotes_and_line_breaks_and_lines_counted_as_excel_rows(synced_app):
    header = "Titel;Beskrivning;Ägare;Status"
    data = csv_file('"Vägledning; digitalt";"Första stycket;\r\nandra ""citerade"" stycket";Västerås stad;running',
                    'Andra;"Ett\ntvå\ntre";Västerås stad;Pågår',
                    "Tredje;;Västerås stad;Okänd", header=header)
    outcome = run_import(synced_app, data, region=None)
    # the file has no lead region column: the command's --region (or the page's region) is needed
    assert [(p.line, p.column) for p in outcome.problems] == [(1, "Ledande region")]
    with synced_app.app_context():
        region = collab.region("vastmanland")
        outcome = importer.import_file("x.csv", data, region=region)
        # the fourth spreadsheet row, though the text file's line 7
        assert [(p.line, p.column) for p in outcome.problems] == [(4, "Status")]
        db.session.rollback()
        outcome = importer.import_file("x.csv", data.replace(";Okänd".encode(), b";Avslutat"), region=region)
        assert outcome.ok, [str(p) for p in outcome.problems]
        db.session.commit()
        first = by_title("Vägledning; digitalt")
        assert first.description == 'Första stycket;\nandra "citerade" stycket'
        assert by_title("Andra").description == "Ett\ntvå\ntre"
        assert first.lead_region.slug == "vastmanland"
        assert count(Actor) == 1  # one owner, named by three rows


def test_an_xlsx_workbook_with_date_and_number_cells(synced_app):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Title", "Owner", "Lead region", "Start", "End", "Budget", "ESF+", "Status", "External reference",
                  "Telefon", "Practice", "Lessons learned", None])
    sheet.append(["Lärlingar i industrin", "Köping kommun", "Västmanland", datetime(2025, 3, 1), date(2025, 12, 31),
                  350000, 125000.0, "Planned", 4711, 21123456, True, "Handledarna är nyckeln.", None])
    sheet.append([None] * 12)  # an empty row, as Excel leaves them
    sheet.append(["Sommarjobb", "Köping kommun", "vastmanland", "2025-06-01", None, "1 000", None, "idé", None,
                  None, "nej", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    outcome = run_import(synced_app, buffer.getvalue(), filename="Initiativ.XLSX")
    assert outcome.ok, [str(p) for p in outcome.problems]
    with synced_app.app_context():
        first = by_title("Lärlingar i industrin")
        assert (first.starts_on, first.ends_on) == (date(2025, 3, 1), date(2025, 12, 31))
        assert first.budget_sek == 350_000
        assert {row.source: row.amount_sek for row in first.funding} == {"esf": 125_000}
        assert (first.status, first.external_ref, first.contact_phone) == ("planned", "4711", "21123456")
        assert first.is_practice
        second = by_title("Sommarjobb")
        assert (second.starts_on, second.budget_sek, second.status) == (date(2025, 6, 1), 1000, "idea")
        assert second.owner_id == first.owner_id


def test_importing_the_same_file_again_updates_instead_of_duplicating(synced_app):
    assert run_import(synced_app, csv_file(GOOD_ROW, GOOD_ROW.replace("Validering i vården", "Utan referens")
                                           .replace("ESF-2024-17", ""))).created == 2
    again = csv_file(GOOD_ROW.replace(";Pågår;", ";Avslutat;"),
                     GOOD_ROW.replace("Validering i vården", "Utan referens").replace("ESF-2024-17", ""))
    outcome = run_import(synced_app, again)
    assert (outcome.created, outcome.updated, len(outcome.new_actors)) == (0, 2, 0)
    with synced_app.app_context():
        assert count(Initiative) == 2
        initiative = by_title("Validering i vården")
        assert initiative.status == "finished"
        assert [(c.from_status, c.to_status) for c in initiative.status_changes] == [
            ("running", "finished"), (None, "running")]


def test_a_cancelled_initiative_is_exported_as_avbrutet_and_the_installt_of_earlier_exports_still_reads(synced_app):
    words = ["Avbrutet", "cancelled", "Cancelled", "inställt"]  # "Inställt": what exports wrote before this word
    rows = [_bad(GOOD_ROW, Titel=f"Rad {word}", Status=word, **{"Extern referens": f"REF-{word}"}) for word in words]
    outcome = run_import(synced_app, csv_file(*rows))
    assert outcome.ok and outcome.created == 4, [str(p) for p in outcome.problems]
    with synced_app.app_context():
        assert [by_title(f"Rad {word}").status for word in words] == ["cancelled"] * 4
    status = [column.header for column in transfer.COLUMNS].index("Status")
    assert [row[status] for row in _rows("csv", _export(synced_app, "csv"))] == ["Avbrutet"] * 4


def test_a_column_left_out_leaves_an_existing_value_alone(synced_app):
    run_import(synced_app, csv_file(GOOD_ROW))
    outcome = run_import(synced_app, csv_file("Validering i vården;Mälardalens validering AB;vastmanland;"
                                              "ESF-2024-17;3 000 000", header="Titel;Ägare;Ledande region;"
                                                                              "Extern referens;ERUF"))
    assert (outcome.created, outcome.updated) == (0, 1)
    with synced_app.app_context():
        initiative = by_title("Validering i vården")
        assert initiative.summary == "Kortare väg till undersköterska."
        assert {row.source: row.amount_sek for row in initiative.funding} == {
            "esf": 1_200_000, "regional": 1_200_000, "eruf": 3_000_000}


# ---------------------------------------------------------------------------------------------
# Bad files: every problem, with its line and column; nothing imported
# ---------------------------------------------------------------------------------------------

def _bad(row, **changes):
    """GOOD_ROW with the named cells replaced (by header)."""
    cells = dict(zip(HEADER.split(";"), row.split(";")))
    for header, value in changes.items():
        cells[header.replace("_", " ")] = value
    return ";".join(cells.values())


#: (cells changed in a good row, the column reported, a word of the reason (English))
BAD_ROWS = [
    ({"Ledande region": "Atlantis"}, "Ledande region", "Unknown region"),
    ({"Partnerregioner": "vasternorrland | Mordor"}, "Partnerregioner", "Unknown region"),
    ({"Status": "Pågående?"}, "Status", "Unknown status"),
    ({"Start": "15/1/2024"}, "Start", "not a date"),
    ({"Slut": "2024-02-30"}, "Slut", "not a date"),
    ({"Start": "2025-01-01", "Slut": "2024-12-31"}, "Slut", "before the start"),
    ({"Plankoder": "M1 | X99"}, "Plankoder", "No plan node"),
    ({"Plankoder": "skane:M1"}, "Plankoder", "neither the lead region nor a partner region"),
    ({"Teman": "validation | knitting"}, "Teman", "Unknown theme"),
    ({"Budget": "två miljoner"}, "Budget", "not an amount"),
    ({"ESF+": "1200000,50"}, "ESF+", "whole kronor"),
    ({"Regionala medel": "-5"}, "Regionala medel", "not an amount"),
    ({"Titel": ""}, "Titel", "title is required"),
    ({"Ägare": ""}, "Ägare", "owner is required"),
    ({"Ägarens organisationsnummer": "556036-0794"}, "Ägarens organisationsnummer", "organisation number"),
    ({"E-post": "anna.example.se"}, "E-post", "not an e-mail address"),
    ({"Länkar": "javascript:alert(1)"}, "Länkar", "not a web address"),
    ({"Titel": "x" * 301}, "Titel", "at most 300"),
    ({"Målgrupper": "Pensionärer"}, "Målgrupper", "Unknown target group"),
    ({"Jämlikhetsperspektiv": "Kön | Klass"}, "Jämlikhetsperspektiv", "Unknown equality perspective"),
    ({"Gott exempel": "kanske"}, "Gott exempel", "not yes or no"),
    ({"Lärdomar": ""}, "Gott exempel", "lessons learned"),
    ({"Kontaktperson": "Anna\x07"}, "Kontaktperson", "control character"),
]


def test_every_kind_of_bad_row_is_reported_with_line_and_column_and_nothing_is_imported(synced_app):
    rows = [_bad(GOOD_ROW, **{"Titel": f"Rad {number}", "Extern referens": f"REF-{number}", **changes})
            for number, (changes, _column, _reason) in enumerate(BAD_ROWS)]
    good = _bad(GOOD_ROW, Titel="Den goda raden", **{"Extern referens": "REF-GOOD"})
    duplicate = _bad(GOOD_ROW, Titel="Dubbletten", **{"Extern referens": "REF-GOOD"})
    data = csv_file(*rows, good, duplicate)
    with synced_app.app_context():
        before = (count(Initiative), count(Actor), count(Network), count(AuditEvent))
    outcome = run_import(synced_app, data)
    with synced_app.app_context(), force_locale("en"):
        assert (count(Initiative), count(Actor), count(Network), count(AuditEvent)) == before
        reported = {(p.line, p.column): str(p.message) for p in outcome.problems}
    for line, (_changes, column, reason) in enumerate(BAD_ROWS, start=2):
        assert (line, column) in reported, f"line {line}, column {column}: not reported ({reason})"
        assert reason.casefold() in reported[(line, column)].casefold(), reported[(line, column)]
    good_line = len(BAD_ROWS) + 2
    assert not [p for p in outcome.problems if p.line == good_line]
    assert reported[(good_line + 1, "Extern referens")] == f"The same initiative as on line {good_line} (the " \
                                                           "same external reference)."
    # one problem per bad row: the reasons do not cascade into others
    assert len(outcome.problems) == len(BAD_ROWS) + 1, reported


def test_problems_of_the_file_as_a_whole(synced_app):
    with synced_app.app_context(), force_locale("en"):
        assert [str(p) for p in run_import(synced_app, b"\x00\x01garbage", filename="x.xlsx").problems] == [
            "The file is not an Excel workbook (.xlsx)."]
        assert [str(p.message) for p in run_import(synced_app, b"a;b", filename="x.txt").problems] == [
            "Give a .csv or an .xlsx file."]
        outcome = run_import(synced_app, csv_file("A;B;Ägare;C", header="Titel;Färg;Ägare;Titel"))
        # the header's problems do not stop the check: the rows are checked too
        assert [(p.line, p.column) for p in outcome.problems] == [(1, "Färg"), (1, "Titel"), (1, "Ledande region")]
        assert "Unknown column" in str(outcome.problems[0].message)
        assert outcome.unknown == ("Färg",)
    outcome = run_import(synced_app, csv_file("A;vastmanland", header="Titel;Ledande region"))
    assert [(p.line, p.column) for p in outcome.problems] == [(1, "Ägare")]
    outcome = run_import(synced_app, csv_file("A;B;vastmanland;stray", header="Titel;Ägare;Ledande region;"))
    assert [(p.line, p.column) for p in outcome.problems] == [(2, "D")]
    outcome = run_import(synced_app, csv_file('"A;B;vastmanland', header="Titel;Ägare;Ledande region"))
    assert not outcome.ok and outcome.problems[0].line is not None


def test_unknown_columns_are_reported_beside_the_rows_problems_and_can_be_left_out(synced_app):
    """An unknown header stopped the import with one problem and hid the rows': now every problem
    comes in one pass, and the import can be run again leaving the unknown columns out."""
    data = csv_file("A;Region Västmanland;vastmanland;röd;2024-13-01", "B;;vastmanland;blå;",
                    header="Titel;Ägare;Ledande region;Färg;Startdatum")
    with synced_app.app_context(), force_locale("en"):
        outcome = run_import(synced_app, data)
        assert outcome.unknown == ("Färg",)
        assert [(p.line, p.column) for p in outcome.problems] == [(1, "Färg"), (2, "Startdatum"), (3, "Ägare")]
        assert str(outcome.problems[0].message).startswith("Unknown column.")
        fixed = data.replace(b"2024-13-01", b"2024-12-01").replace(b"B;;", b"B;Region V\xc3\xa4stmanland;")
        outcome = run_import(synced_app, fixed, ignore=["  färg "])  # as the header is matched: case and spaces
        assert outcome.ok and outcome.created == 2, outcome.problems
        assert db.session.scalar(select(Initiative.starts_on).filter_by(title="A")) == date(2024, 12, 1)


def test_the_cli_names_the_option_that_leaves_unknown_columns_out(synced_app, tmp_path):
    path = tmp_path / "initiativ.csv"
    path.write_bytes(csv_file("A;Region Västmanland;vastmanland;röd", header="Titel;Ägare;Ledande region;Färg"))
    result = synced_app.test_cli_runner().invoke(args=["import", "initiatives", str(path)])
    assert result.exit_code == 1
    assert "column Färg: Unknown column." in result.output
    assert "run the command again with --ignore-column 'Färg'." in result.output
    result = synced_app.test_cli_runner().invoke(args=["import", "initiatives", str(path), "--ignore-column", "Färg"])
    assert result.exit_code == 0, result.output
    assert "1 initiative(s) created" in result.output


WIDE = 100_000


@pytest.mark.parametrize("where", ["header", "data row"])
def test_a_file_of_100000_columns_is_refused_at_once_with_one_problem_naming_the_limit(synced_app, where):
    """Every unknown column was a problem of its own: a header of 100,000 columns held a worker for
    seconds. The first row wider than the format allows is refused, in one problem."""
    limit = transfer.LAYOUT.max_columns
    assert limit == sheets.COLUMNS_FACTOR * len(transfer.COLUMNS)
    if where == "header":
        data = csv_file(header=";".join(f"k{number}" for number in range(WIDE)))
    else:
        data = csv_file("Titel;Ägare;" + ";".join("x" for _ in range(WIDE - 2)), header="Titel;Ägare")
    assert len(data) < 1024 * 1024  # an upload the app takes
    with synced_app.app_context(), force_locale("en"):
        outcome = run_import(synced_app, data)
        assert [(p.line, str(p.message)) for p in outcome.problems] == [
            (1 if where == "header" else 2,
             f"The file has {WIDE} columns: more than the {limit} a file of this kind may have. "
             "Delete the columns beside the table.")]


def test_the_upload_page_refuses_a_file_of_100000_columns_naming_the_limit(client, accounts, monkeypatch):
    admin = signed_in(client.application, "region-admin")
    # (under 500 kB: a larger body the test client would spool to a file it never closes)
    data = csv_file(";".join("x" for _ in range(WIDE)), header="Titel;Ägare")
    monkeypatch.setitem(client.application.config, "IMPORT_JOB_BYTES", len(data))  # checked in the request
    answer = in_language(admin, "en").post(UPLOAD, data={"csrf_token": csrf_token(admin, UPLOAD),
                                                          "file": (io.BytesIO(data), "x.csv")},
                                           content_type="multipart/form-data")
    assert answer.status_code == 400
    assert "The file has 1 problem." in answer.text
    assert ('<tr id="import-problem-1" tabindex="-1"><td>2</td><td>–</td><td>'
            f"The file has {WIDE} columns: more than the "
            f"{transfer.LAYOUT.max_columns} a file of this kind may have. Delete the columns beside the table."
            "</td></tr>") in answer.text
    with client.application.app_context():
        assert count(Initiative) == 0


def test_a_workbook_wider_than_the_format_is_refused_before_its_rows_are_read(synced_app):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Titel", "Ägare"])
    sheet.cell(row=1, column=16_000, value="far out")  # every row is read 16,000 cells wide
    buffer = io.BytesIO()
    workbook.save(buffer)
    with synced_app.app_context(), force_locale("en"):
        outcome = run_import(synced_app, buffer.getvalue(), filename="x.xlsx")
        assert [str(p) for p in outcome.problems] == [
            f"The file has 16000 columns: more than the {transfer.LAYOUT.max_columns} a file of this kind may have. "
            "Delete the columns beside the table."]


def test_empty_cells_at_the_end_of_a_row_do_not_count_as_columns(synced_app):
    """Excel writes a row's empty cells up to the last column it has seen used: harmless."""
    outcome = run_import(synced_app, csv_file(GOOD_ROW + ";" * 5_000, header=HEADER + ";" * 5_000))
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert outcome.created == 1


def test_the_indicator_and_needs_imports_refuse_a_wide_file_alike(synced_app):
    """One limit, :data:`samverkan.sheets.COLUMNS_FACTOR` times the format's columns, for every import."""
    data = csv_file(header=";".join(f"k{number}" for number in range(WIDE)))
    layouts = {"indicators": indicator_transfer.LAYOUT,
               "needs": needs_transfer.layout(SimpleNamespace(region_questions=[]))}
    with synced_app.app_context(), force_locale("en"):
        for name, layout in layouts.items():
            assert layout.max_columns == sheets.COLUMNS_FACTOR * len(layout.columns), name
            with pytest.raises(sheets.FileProblem) as refused:
                layout.read("x.csv", data)
            assert [str(p) for p in refused.value.problems] == [
                f"line 1: The file has {WIDE} columns: more than the {layout.max_columns} a file of this kind may "
                "have. Delete the columns beside the table."], name


def test_only_the_region_of_the_import_may_lead_its_rows(synced_app):
    with synced_app.app_context(), force_locale("en"):
        region = collab.region("vasternorrland")
        outcome = importer.import_file("x.csv", csv_file(GOOD_ROW), region=region)
        db.session.rollback()
        assert [(p.line, p.column) for p in outcome.problems] == [(2, "Ledande region")]
        assert str(outcome.problems[0].message) == ("Only initiatives led by Västernorrland can be imported here, "
                                                    "not by Västmanland.")


# ---------------------------------------------------------------------------------------------
# The round trip
# ---------------------------------------------------------------------------------------------

def _rich_initiatives():
    """Initiatives that use every column, with text a spreadsheet would take for a formula."""
    region = collab.region("vastmanland")
    other = collab.region("vasternorrland")
    owner = collab.make_actor("vastmanland", name="Mälardalens högskola", org_number="202100-1124")
    partner = collab.make_actor("vastmanland", name="Arbetsförmedlingen, Västerås")
    network = collab.make_network("vastmanland", "vasternorrland", name="Valideringsnätverket")
    m1, f32 = (db.session.scalars(select(PlanNode).join(PlanNode.plan).where(
        PlanNode.code == code, Plan.region_id == where.id)).one() for code, where in (("M1", region), ("F3.2", other)))
    theme = db.session.scalars(select(Theme).filter_by(slug="validation")).one()
    services.create_initiative(dict(
        title="=HYPERLINK(\"http://evil\")", summary="Rad ett\r\nrad två; med semikolon", description="  kod\n\n*text*",
        owner_id=owner.id, lead_region_id=region.id, partner_regions=[other], partners=[partner],
        nodes=[m1, f32], themes=[theme], networks=[network], status="running", draft=True,
        starts_on=date(2024, 1, 1), ends_on=date(2025, 6, 30), budget_sek=2_000_000, external_ref="'0042",
        contact_name="Åke Ärlig", contact_email="ake@example.se", contact_phone="+46 21 10 10 10",
        links="https://a.example.se\nhttps://b.example.se/?q=1;2", results="@resultat", is_practice=True,
        lessons_learned="-Lärdom", target_groups=["young-people", "employers"], perspectives=["gender", "origin"],
        funding={"esf": 1_000_000, "national": 500_000}), by=None)
    services.create_initiative(dict(title="Andra", owner_id=partner.id, lead_region_id=region.id, status="idea"),
                               by=None)
    services.create_initiative(dict(title="Andra", owner_id=owner.id, lead_region_id=other.id, status="cancelled"),
                               by=None)
    db.session.commit()


def _export(app, fmt):
    with app.app_context():
        return transfer.write_file(fmt, transfer.for_export(queries.filtered(transfer.OPERATOR)))


def _rows(fmt, data):
    sheet = transfer.read_sheet(f"x.{fmt}", data)
    return [[transfer.as_text(cell) for cell in cells] for _line, cells in sheet.rows]


@pytest.fixture
def empty_instance(request, database_url):
    """A second instance on the same database server: its schema and the plugins' plans, nothing else."""
    backend = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    databases = request.getfixturevalue(f"{backend}_databases")
    url = databases.new(None)
    try:
        with running_app(url) as app:
            with app.app_context():
                sync_all(app.extensions["samverkan.plugins"])
            yield app
    finally:
        databases.drop(url)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_import_into_an_empty_instance_and_export_again_loses_nothing(synced_app, empty_instance, fmt):
    with synced_app.app_context():
        _rich_initiatives()
    first = _export(synced_app, fmt)
    outcome = run_import(empty_instance, first, filename=f"export.{fmt}")
    assert outcome.ok, [str(p) for p in outcome.problems]
    assert (outcome.created, len(outcome.new_networks)) == (3, 1)
    second = _export(empty_instance, fmt)
    if fmt == "csv":
        assert second == first
        assert first.startswith(b"\xef\xbb\xbf")
        raw = {cell for row in csv.reader(io.StringIO(first.decode("utf-8-sig"), newline=""), delimiter=";")
               for cell in row}
        assert {"'=HYPERLINK(\"http://evil\")", "'@resultat", "''0042", "'-Lärdom", "'+46 21 10 10 10"} <= raw
        assert not [cell for cell in raw if cell and cell[0] in "=+-@"]  # a spreadsheet opens no cell as a formula
    else:
        assert _rows(fmt, second) == _rows(fmt, first)
    rows = _rows(fmt, first)
    assert sorted(row[0] for row in rows) == ["=HYPERLINK(\"http://evil\")", "Andra", "Andra"]
    with empty_instance.app_context():
        imported = by_title("=HYPERLINK(\"http://evil\")")
        assert imported.external_ref == "'0042" and imported.draft and imported.results == "@resultat"
        assert imported.summary == "Rad ett\nrad två; med semikolon" and imported.description == "  kod\n\n*text*"
        assert imported.owner.org_number == "202100-1124"


def test_an_xlsx_export_writes_text_as_text_and_dates_and_amounts_as_such(synced_app):
    with synced_app.app_context():
        _rich_initiatives()
    workbook = load_workbook(io.BytesIO(_export(synced_app, "xlsx")))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    assert header == [column.header for column in transfer.COLUMNS]
    row = {name: cell for name, cell in zip(header, sheet[2])}
    assert row["Titel"].data_type == "s" and row["Titel"].value.startswith("=")
    assert row["Start"].is_date and row["Budget"].value == 2_000_000
    workbook.close()


#: files written by other programs: libreoffice_export.csv is the export's CSV (sheets.table_csv_chunks),
#: libreoffice_export.xlsx that file as LibreOffice 7.4 saved it (``soffice --headless
#: --infilter=CSV:59,34,76,1 --convert-to xlsx libreoffice_export.csv``)
FIXTURES = Path(__file__).parent / "fixtures"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def test_a_csv_export_saved_as_a_workbook_by_libreoffice_imports_without_its_guards(synced_app):
    """LibreOffice keeps the export's formula guard (a ' before - = + @) as part of the text when
    it saves the CSV as a workbook: each round trip added one ' to every such cell."""
    exported = _rows("csv", (FIXTURES / "libreoffice_export.csv").read_bytes())
    data = (FIXTURES / "libreoffice_export.xlsx").read_bytes()
    assert load_workbook(io.BytesIO(data)).active["A2"].value == "'-5 grader i Sala"  # as LibreOffice wrote it
    assert _rows("xlsx", data) == exported
    assert exported[0] == ["-5 grader i Sala", "@Kompetens AB", "vastmanland", "=SUMMA(A1:A3) är ingen formel",
                           "+46 21 123 45"]
    assert exported[1] == ["'Citat' först", "Region Västmanland", "vastmanland", "''två citattecken", "-"]
    outcome = run_import(synced_app, data, filename="libreoffice.xlsx")
    assert outcome.ok, [str(p) for p in outcome.problems]
    with synced_app.app_context():
        imported = by_title("-5 grader i Sala")
        assert (imported.owner.name, imported.summary, imported.description) == (
            "@Kompetens AB", "=SUMMA(A1:A3) är ingen formel", "+46 21 123 45")
        assert by_title("'Citat' först").summary == "''två citattecken"


def test_a_text_that_starts_like_a_guard_survives_either_file():
    """A workbook's text that itself starts with ' before - = + @ or ' gets a guard in the workbook
    export too, so that reading a workbook may strip one."""
    layout = sheets.Layout([sheets.column("text", "Text", (), sheets.as_text, lambda text: text, "")], "Blad")
    texts = ["'=x", "''", "'-", "'", "'vanlig", "''0042", "=SUMMA(A1)", "-5", "@a", "+4"]
    for fmt in ("csv", "xlsx"):
        sheet = layout.read(f"x.{fmt}", layout.write_file(fmt, texts))
        assert [cells[0] for _line, cells in sheet.rows] == texts, fmt


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice (soffice) is not installed; the workbook it wrote once "
                                        "(tests/fixtures/libreoffice_export.xlsx) tests the round trip instead")
def test_the_export_through_libreoffice_and_back_is_lossless(synced_app, tmp_path):
    with synced_app.app_context():
        _rich_initiatives()
    exported = _export(synced_app, "csv")
    (tmp_path / "export.csv").write_bytes(exported)
    subprocess.run([SOFFICE, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--infilter=CSV:59,34,76,1", "--convert-to", "xlsx", "--outdir", str(tmp_path),
                    str(tmp_path / "export.csv")], check=True, capture_output=True, timeout=120)
    assert _rows("xlsx", (tmp_path / "export.xlsx").read_bytes()) == _rows("csv", exported)


# ---------------------------------------------------------------------------------------------
# The export for everyone who may read
# ---------------------------------------------------------------------------------------------

def test_the_export_streams_a_batch_at_a_time_holding_no_transaction_while_it_is_read(client, accounts,
                                                                                       monkeypatch):
    monkeypatch.setattr(transfer, "EXPORT_BATCH", 2)
    with client.application.app_context():
        for number in range(5):
            collab.make_initiative("vastmanland", title=f"Ström {number}")
        db.session.commit()
    whole = client.get("/initiatives/export.csv?region=vastmanland", buffered=True).data
    streamed = client.get("/initiatives/export.csv?region=vastmanland")
    assert streamed.is_streamed
    assert b"".join(streamed.response) == whole and whole.count(b"\r\nStr\xc3\xb6m ") == 5
    streamed.close()
    with client.application.app_context():
        seen = []
        for initiative in transfer.for_export(queries.filtered(transfer.OPERATOR, region="vastmanland")):
            assert not db.session().in_transaction()  # the batch was read and its transaction ended
            seen.append(initiative.title)  # loaded: read with no connection
        assert seen == [f"Ström {number}" for number in range(5)]
    for fmt in ("csv", "xlsx"):
        assert _rows(fmt, client.get(f"/initiatives/export.{fmt}?region=vastmanland", buffered=True).data)


def test_the_list_exports_what_the_visitor_sees_with_the_list_filters(client, accounts):
    with client.application.app_context():
        _rich_initiatives()  # the first is a draft
    answer = client.get("/initiatives/export.csv?region=vastmanland")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="initiativ-vastmanland-\d{4}-\d{2}-\d{2}\.csv"',
                        answer.headers["Content-Disposition"])
    titles = [row[0] for row in _rows("csv", answer.data)]
    assert titles == ["Andra"]  # the draft is not public, and the other "Andra" is Västernorrland's
    both = _rows("csv", client.get("/initiatives/export.csv?status=cancelled").data)
    assert [row[0] for row in both] == ["Andra"]
    analyst = client.application.test_client()
    login(analyst, ACCOUNTS["national-analyst"][0])
    seen = _rows("xlsx", analyst.get("/initiatives/export.xlsx?region=vastmanland").data)
    assert sorted(row[0] for row in seen) == ["=HYPERLINK(\"http://evil\")", "Andra"]
    refused = client.get("/initiatives/export.csv?status=nonsense")
    assert refused.status_code == 400 and refused.mimetype == "text/plain"
    assert refused.text == "Filtren kunde inte användas: Status: Inte ett giltigt val\n"
    index = client.get("/initiatives/?region=vastmanland")
    assert 'href="/initiatives/export.csv?region=vastmanland"' in index.text


def test_the_anonymous_export_has_no_persons_address_the_signed_in_one_has_them(client, accounts, tmp_path):
    """The contact person's e-mail address is a person's, shown as the actor pages show people's:
    to anyone signed in, never to an anonymous visitor (the probe found 7 account holders' addresses
    in the public export). The anonymous export leaves the column out, so that importing it leaves
    the addresses alone; the command line's export, an operator's, keeps them."""
    addresses = [ACCOUNTS[key][0] for key in ("project-lead", "region-admin", "other-region-admin")]
    with client.application.app_context():
        for number, address in enumerate(addresses):
            collab.make_initiative("vastmanland", title=f"Kontakt {number}", contact_name=f"Person {number}",
                                   contact_email=address)
        db.session.commit()
    # buffered: a streamed answer left unread would still hold its request's context
    anonymous = {fmt: client.get(f"/initiatives/export.{fmt}", buffered=True) for fmt in ("csv", "xlsx")}
    member = signed_in(client.application, "other-member")
    signed = {fmt: member.get(f"/initiatives/export.{fmt}", buffered=True) for fmt in ("csv", "xlsx")}
    for fmt in ("csv", "xlsx"):
        assert anonymous[fmt].status_code == signed[fmt].status_code == 200
        public, full = _table(fmt, anonymous[fmt].data), _table(fmt, signed[fmt].data)
        assert "E-post" not in public[0] and "E-post" in full[0]
        assert not [cell for row in public for cell in row if "@" in cell], fmt
        assert sorted(row[full[0].index("E-post")] for row in full[1:]) == sorted(addresses)
        assert [row[public[0].index("Kontaktperson")] for row in public[1:]] == ["Person 0", "Person 1", "Person 2"]
    assert not [address for address in addresses if address.encode() in anonymous["csv"].data]
    # imported again, the public file changes nothing: no column, no value emptied
    outcome = run_import(client.application, anonymous["csv"].data)
    assert outcome.ok and outcome.updated == 3, [str(p) for p in outcome.problems]
    with client.application.app_context():
        assert sorted(db.session.scalars(select(Initiative.contact_email))) == sorted(addresses)
    # the operator's export keeps them
    exported = tmp_path / "alla.csv"
    result = client.application.test_cli_runner().invoke(args=["export", "initiatives", str(exported)])
    assert result.exit_code == 0, result.output
    assert all(address.encode() in exported.read_bytes() for address in addresses)


def _table(fmt, data):
    """The file's rows, the header first, as text."""
    if fmt == "csv":
        return [row for row in csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")]
    sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return [[transfer.as_text(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]


# ---------------------------------------------------------------------------------------------
# The upload page
# ---------------------------------------------------------------------------------------------

def signed_in(app, key):
    client = app.test_client()
    assert login(client, ACCOUNTS[key][0]).status_code == 302
    return client


UPLOAD = "/regions/vastmanland/initiatives/import"


def upload(client, data, filename="initiativ.csv", **fields):
    return client.post(UPLOAD, data={"csrf_token": csrf_token(client, UPLOAD), "file": (io.BytesIO(data), filename),
                                     **fields}, content_type="multipart/form-data")


def test_the_upload_page_offers_to_leave_unknown_columns_out(client, accounts):
    admin = signed_in(client.application, "region-admin")
    data = csv_file("A;Region Västmanland;röd", header="Titel;Ägare;Färg <b>")
    answer = upload(admin, data)
    assert answer.status_code == 400
    assert "Filen har en kolumn som Samverkan inte känner till: Färg &lt;b&gt;." in answer.text
    assert '<a href="#import-problem-1">Rad 1, kolumn Färg &lt;b&gt;: Okänd kolumn.' in answer.text
    box = re.search(r'<input id="ignore-0" name="ignore" type="checkbox" value="([^"]*)"( checked)?>', answer.text)
    assert box and box.group(1) == "Färg &lt;b&gt;" and not box.group(2)  # offered, not chosen for the user
    answer = upload(admin, data, ignore="Färg <b>")
    assert answer.status_code == 200, answer.text
    assert "1 initiativ har skapats och 0 uppdaterats" in answer.text
    with client.application.app_context():
        assert by_title("A").owner.name == "Region Västmanland"
    # from an import's page (a large file), the link to the form comes with the columns chosen
    page = admin.get(UPLOAD, query_string={"ignore": ["Färg <b>"]})
    assert re.search(r'<input checked id="ignore-0" name="ignore" type="checkbox" value="Färg &lt;b&gt;">|'
                     r'<input id="ignore-0" name="ignore" type="checkbox" value="Färg &lt;b&gt;" checked>', page.text)


def test_a_region_admin_imports_a_file_on_the_upload_page(client, accounts):
    admin = signed_in(client.application, "region-admin")
    page = admin.get(UPLOAD)
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.text and 'data-hx-post="' + UPLOAD + '"' in page.text
    assert "1 MiB" in page.text and "<progress" in page.text
    assert "Ägarens organisationsnummer" in page.text  # the columns are explained
    checked = upload(admin, csv_file(GOOD_ROW), check_only="y")
    assert checked.status_code == 200
    assert "Vid import skulle 1 initiativ skapas och 0 uppdateras" in checked.text
    assert "Nya aktörer: Mälardalens validering AB, Västerås stad, Region Västmanland" in checked.text
    with client.application.app_context():
        assert count(Initiative) == 0
    answer = upload(admin, csv_file(GOOD_ROW))
    assert answer.status_code == 200, answer.text
    with client.application.app_context():
        initiative = by_title("Validering i vården")
        assert initiative.created_by.email == ACCOUNTS["region-admin"][0]
        link = f'href="/initiatives/{initiative.id}"'
    assert link in answer.text
    assert "1 initiativ har skapats och 0 uppdaterats" in answer.text


def test_the_upload_page_lists_the_problems_and_imports_nothing(client, accounts):
    admin = signed_in(client.application, "region-admin")
    bad = csv_file(GOOD_ROW, _bad(GOOD_ROW, Status="<script>x()</script>", **{"Extern referens": "R2"}))
    answer = upload(admin, bad)
    assert answer.status_code == 400
    assert "<caption>Problem i filen</caption>" in answer.text
    row = re.search(r'<tr id="import-problem-1" tabindex="-1"><td>3</td><td>Status</td><td>(.*?)</td></tr>',
                    answer.text)
    assert row and "&lt;script&gt;x()&lt;/script&gt;" in row.group(1)
    # the error summary at the top links to the problem's row, escaped there too
    summary = re.search(r'<div class="error-summary" role="alert"[^>]*data-autofocus[^>]*>(.*?)</div>', answer.text,
                        re.S)
    assert summary and '<a href="#import-problem-1">Rad 3, kolumn Status: ' in summary.group(1)
    assert "&lt;script&gt;x()&lt;/script&gt;" in summary.group(1)
    assert summary.start() < answer.text.index('<input id="file"')
    assert "<script>x()" not in answer.text
    with client.application.app_context():
        assert count(Initiative) == 0 and count(Actor) == 0
    fragment = admin.post(UPLOAD, data={"file": (io.BytesIO(bad), "x.csv")}, content_type="multipart/form-data",
                          headers={"HX-Request": "true", "X-CSRFToken": csrf_token(admin, UPLOAD)})
    assert fragment.status_code == 400
    assert fragment.text.lstrip().startswith("<section id=\"import\"") and "<html" not in fragment.text
    other_region = upload(admin, csv_file(_bad(GOOD_ROW, **{"Ledande region": "vasternorrland"})))
    assert other_region.status_code == 400 and "Ledande region" in other_region.text
    pdf = upload(admin, b"x", filename="initiativ.pdf")
    assert pdf.status_code == 400
    assert collab.form_errors(pdf) == {"file": "Välj en .csv- eller .xlsx-fil."}
    with client.application.app_context():
        assert count(Initiative) == 0


def test_the_upload_needs_the_csrf_token_and_the_right_to_manage_the_region(client, accounts):
    admin = signed_in(client.application, "region-admin")
    refused = admin.post(UPLOAD, data={"file": (io.BytesIO(csv_file(GOOD_ROW)), "x.csv")},
                         content_type="multipart/form-data")
    assert refused.status_code == 400 and collab.heading(refused) == collab.FORM_EXPIRED
    lead = signed_in(client.application, "project-lead")
    assert lead.get(UPLOAD).status_code == 403
    assert upload(lead, csv_file(GOOD_ROW)).status_code == 403
    assert signed_in(client.application, "other-region-admin").get(UPLOAD).status_code == 403
    assert collab.refusals(client.application)[-3:] == ["region.manage"] * 3
    with client.application.app_context():
        assert count(Initiative) == 0


# -- above a size, the worker imports -------------------------------------------------------------

def test_a_large_upload_is_imported_by_the_worker_and_its_page_shows_the_result(client, accounts, monkeypatch):
    from samverkan.initiatives.import_runs import ImportRun

    monkeypatch.setitem(client.application.config, "IMPORT_JOB_BYTES", 1000)
    admin = signed_in(client.application, "region-admin")
    answer = upload(admin, _many(12))
    assert answer.status_code == 303
    run_url = answer.headers["Location"]
    assert re.fullmatch(r"/regions/vastmanland/initiatives/import/\d+", run_url)
    page = admin.get(run_url)  # the tests run jobs as they are queued: it is done
    assert page.status_code == 200
    assert "Importen är klar" in page.text and "12 initiativ har skapats och 0 uppdaterats" in page.text
    assert "http-equiv" not in page.text and "hx-trigger" not in page.text  # done: no more asking
    with client.application.app_context():
        assert count(Initiative) == 12
        [run] = db.session.scalars(select(ImportRun)).all()
        assert run.data is None and run.finished_at is not None  # the file is not kept
        assert by_title("Initiativ 3").created_by.email == ACCOUNTS["region-admin"][0]
    assert 'href="/initiatives/' in page.text
    # a file with a problem: nothing imported, the problem named by its line on the run's page
    bad = _many(12).replace(b"Initiativ 5;", b"Initiativ 5 ny;").replace(b"2024-01-15", b"15/1/2024", 1)
    failed = admin.get(upload(admin, bad).headers["Location"])
    assert "Ingenting importerades" in failed.text
    assert re.search(r'<tr id="import-problem-1" tabindex="-1"><td>2</td><td>Start</td><td>[^<]+</td></tr>',
                     failed.text)
    with client.application.app_context():
        assert count(Initiative) == 12
        assert not db.session.scalars(select(Initiative).filter_by(title="Initiativ 5 ny")).all()
    # an unknown column: the run's page links to the form with it chosen, and the worker leaves it out
    lines = _many(12).decode("utf-8-sig").split("\r\n")
    extra = "\r\n".join([lines[0] + ";Färg", *(line + ";röd" for line in lines[1:-1]), ""]).encode("utf-8-sig")
    failed = admin.get(upload(admin, extra).headers["Location"])
    assert 'href="/regions/vastmanland/initiatives/import?ignore=F%C3%A4rg"' in failed.text
    again = admin.get(upload(admin, extra, ignore="Färg").headers["Location"])
    assert "0 initiativ har skapats och 12 uppdaterats" in again.text
    # with htmx, the upload answers with where to go
    fragment = admin.post(UPLOAD, data={"file": (io.BytesIO(_many(12)), "x.csv"), "check_only": "y"},
                          content_type="multipart/form-data",
                          headers={"HX-Request": "true", "X-CSRFToken": csrf_token(admin, UPLOAD)})
    assert fragment.status_code == 204
    checked = admin.get(fragment.headers["HX-Redirect"]).text
    assert "Vid import skulle 0 initiativ skapas och 12 uppdateras" in checked


def test_a_running_import_s_page_asks_again_with_htmx_or_by_reloading(client, accounts):
    from samverkan import jobs
    from samverkan.initiatives.import_runs import ImportRun, _progress_key

    with client.application.app_context():
        run = ImportRun(region_id=collab.region("vastmanland").id, filename="stor.csv", language="sv",
                        data=b"x", state="running")
        db.session.add(run)
        db.session.commit()
        url = f"{UPLOAD}/{run.id}"
    admin = signed_in(client.application, "region-admin")
    waiting = admin.get(url)
    assert waiting.status_code == 200
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in waiting.text
    assert f'data-hx-get="{url}" data-hx-trigger="every 2s" data-hx-swap="outerHTML"' in waiting.text
    assert "Väntar på sin tur" in waiting.text
    jobs.queue(client.application).huey.put(_progress_key(run.id), ("Importing", 25, 100))
    fragment = admin.get(url, headers={"HX-Request": "true"})
    assert fragment.text.lstrip().startswith('<section id="import-run"') and "<html" not in fragment.text
    assert "Importerar rader: 25 av 100" in fragment.text and 'value="25"' in fragment.text
    assert signed_in(client.application, "other-region-admin").get(url).status_code == 403
    assert signed_in(client.application, "project-lead").get(url).status_code == 403


# ---------------------------------------------------------------------------------------------
# The command line
# ---------------------------------------------------------------------------------------------

def test_the_command_line_imports_checks_and_exports(synced_app, tmp_path):
    runner = synced_app.test_cli_runner()
    bad = tmp_path / "trasig.csv"
    bad.write_bytes(csv_file(GOOD_ROW, _bad(GOOD_ROW, Status="Pågående?", Slut="2023-01-01",
                                            **{"Extern referens": "R2"})))
    result = runner.invoke(args=["import", "initiatives", str(bad)])
    assert result.exit_code == 1
    assert "line 3, column Status: Unknown status “Pågående?”" in result.output
    assert "line 3, column Slut: The end (2023-01-01) is before the start (2024-01-15)." in result.output
    assert "2 problem(s) in trasig.csv: nothing was imported." in result.output
    good = tmp_path / "initiativ.csv"
    good.write_bytes(csv_file(GOOD_ROW))
    result = runner.invoke(args=["import", "initiatives", str(good), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "1 initiative(s) to create, 0 to update, 3 actor(s)" in result.output
    result = runner.invoke(args=["import", "initiatives", str(good), "--region", "vasternorrland"])
    assert result.exit_code == 1 and "line 2, column Ledande region: Only initiatives led by" in result.output
    with synced_app.app_context():
        assert count(Initiative) == 0
    result = runner.invoke(args=["import", "initiatives", str(good), "--region", "vastmanland"])
    assert result.exit_code == 0, result.output
    assert "Imported initiativ.csv: 1 initiative(s) created, 0 updated, 3 actor(s)" in result.output
    exported = tmp_path / "ut.xlsx"
    result = runner.invoke(args=["export", "initiatives", str(exported), "--region", "vastmanland"])
    assert result.exit_code == 0 and f"Wrote 1 initiative(s) to {exported}" in result.output
    assert _rows("xlsx", exported.read_bytes())[0][0] == "Validering i vården"
    result = runner.invoke(args=["export", "initiatives", "-"])
    assert result.exit_code == 0 and "Validering i vården" in result.output
    assert runner.invoke(args=["export", "initiatives", str(tmp_path / "ut.txt")]).exit_code == 2
    assert runner.invoke(args=["import", "initiatives", str(good), "--region", "atlantis"]).exit_code == 2


# ---------------------------------------------------------------------------------------------
# Statements: neither the check of a file nor the export issues a query per row
# ---------------------------------------------------------------------------------------------

class Statements:
    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def __enter__(self):
        from sqlalchemy import event

        event.listen(self.engine, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self._count)

    def _count(self, *args):
        self.count += 1


def _many(number):
    return csv_file(*(_bad(GOOD_ROW, Titel=f"Initiativ {n}", **{"Extern referens": f"REF-{n}",
                                                               "Partneraktörer": f"Partner {n} | Partner {n + 1}"})
                      for n in range(number)))


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_check_and_the_export_cost_as_many_statements_for_many_rows_as_for_few(client):
    app = client.application
    costs = {}
    for number in (3, 30):
        with app.app_context():
            with Statements(db.engine) as checking:
                outcome = importer.check("x.csv", _many(number))
            assert outcome.ok and outcome.created == number
            importer.apply(outcome)
            db.session.commit()
            with Statements(db.engine) as again:  # every row matches an existing initiative now
                assert importer.check("x.csv", _many(number)).updated == number
            db.session.rollback()
        with app.app_context():
            engine = db.engine
        with Statements(engine) as exporting:
            answer = client.get("/initiatives/export.csv", buffered=True)
        assert answer.status_code == 200 and answer.data.count(b"\r\nInitiativ ") == number
        costs[number] = (checking.count, again.count, exporting.count)
        with app.app_context():
            for model in (Initiative, Actor):  # the next round starts from the same database
                for row in db.session.scalars(select(model)):
                    db.session.delete(row)
                db.session.commit()
    assert costs[3] == costs[30]
