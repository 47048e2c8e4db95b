"""``samverkan import indicators FILE``: CSV as Excel writes it in Sweden and XLSX, values added and
updated by indicator, region and year, every kind of bad row reported by line and column with
nothing imported and exit status 1, the dry run, and the round trip through an indicator's CSV
download."""
import io

import collab
import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from samverkan.audit import AuditEvent
from samverkan.extensions import db
from samverkan.indicators import importer
from samverkan.indicators.models import Indicator, IndicatorValue

HEADER = "Indikatorns region;Indikator;Region;År;Värde;Kvinnor;Män;Källa"


def csv_file(*rows, header=HEADER, encoding="utf-8-sig"):
    return ("\r\n".join([header, *rows]) + "\r\n").encode(encoding)


def values(app):
    """Every value as (indicator key, region slug, year, value, women, men, source, demo)."""
    with app.app_context():
        return sorted((row.indicator.key, row.region.slug, row.year, row.value, row.value_women, row.value_men,
                       row.source, row.demo) for row in db.session.scalars(select(IndicatorValue)))


def cli(app, tmp_path, data, *options, name="varden.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    return app.test_cli_runner().invoke(args=["import", "indicators", str(path), *options])


@pytest.fixture
def own(synced_app):
    """Västernorrland's own indicator (with an English name) and a value of it for Jämtland."""
    with synced_app.app_context():
        indicator = collab.make_indicator("vasternorrland", name="Validerade i vården", name_en="Validated in care")
        collab.make_indicator_value(indicator, "jamtland", 2024, 97, value_women=81, value_men=16)
        db.session.commit()
        return indicator.key


GOOD = ["vastmanland;rus-17;vastmanland;2024;70,25;74;66,5;SCB",
        "19;Delmål 18;Skåne;2023;1 234,5;;;",
        "Västmanland;sub-goal 19;22;2025;-2;;;",
        "vasternorrland;own-validerade-i-varden;jamtland;2024;97;81;16;",
        "vasternorrland;Validated in care;Jämtland;2025;104;86;18;Egen räkning"]


def test_a_good_file_adds_and_updates_values_named_every_way(synced_app, own, tmp_path):
    result = cli(synced_app, tmp_path, csv_file(*GOOD))
    assert result.exit_code == 0, result.output
    # Jämtland 2024 is the same value as before: unchanged
    assert "Imported varden.csv: 4 value(s) added, 0 updated, 1 unchanged." in result.output
    assert values(synced_app) == [
        ("own-validerade-i-varden", "jamtland", 2024, 97, 81, 16, "", False),
        ("own-validerade-i-varden", "jamtland", 2025, 104, 86, 18, "Egen räkning", False),
        ("rus-17", "vastmanland", 2024, 70.25, 74, 66.5, "SCB", False),
        ("rus-18", "skane", 2023, 1234.5, None, None, "", False),
        ("rus-19", "vasternorrland", 2025, -2, None, None, "", False),
    ]
    with synced_app.app_context():
        vastmanland, vasternorrland = collab.region("vastmanland").id, collab.region("vasternorrland").id
        events = db.session.execute(select(AuditEvent.action, AuditEvent.region_id, AuditEvent.changes)
                                    .where(AuditEvent.object_type == "IndicatorValue")
                                    .order_by(AuditEvent.id)).all()
    # each value in the log in its indicator's region, and the import as a whole
    assert [(action, region) for action, region, _changes in events[-5:]] == [
        ("create", vastmanland), ("create", vastmanland), ("create", vastmanland), ("create", vasternorrland),
        ("import", None)]
    assert events[-1].changes == {"file": "varden.csv", "new": 4, "updated": 0, "unchanged": 1}
    # again: nothing changes
    again = cli(synced_app, tmp_path, csv_file(*GOOD))
    assert "0 value(s) added, 0 updated, 5 unchanged" in again.output


def test_an_update_writes_the_files_columns_only_and_an_empty_cell_empties(synced_app, own, tmp_path):
    # without the columns for women and men: those values stay
    result = cli(synced_app, tmp_path, csv_file("vasternorrland;own-validerade-i-varden;jamtland;2024;98",
                                                header="Indikatorns region;Indikator;Region;År;Värde"))
    assert "0 value(s) added, 1 updated, 0 unchanged" in result.output
    assert values(synced_app) == [("own-validerade-i-varden", "jamtland", 2024, 98, 81, 16, "", False)]
    # with the column and an empty cell: emptied
    result = cli(synced_app, tmp_path, csv_file("vasternorrland;own-validerade-i-varden;jamtland;2024;98;;",
                                                header="Indikatorns region;Indikator;Region;År;Värde;Kvinnor;Män"))
    assert values(synced_app) == [("own-validerade-i-varden", "jamtland", 2024, 98, None, None, "", False)]


def test_english_headers_commas_and_windows_1252(synced_app, tmp_path):
    data = ("Indicator region,Indicator,Region,Year,Value,Women,Men,Source\r\n"
            'vastmanland,rus-17,Örebro,2022,"68,5",,,Källa ÅÄÖ\r\n').encode("cp1252")
    result = cli(synced_app, tmp_path, data)
    assert result.exit_code == 0, result.output
    assert values(synced_app) == [("rus-17", "orebro", 2022, 68.5, None, None, "Källa ÅÄÖ", False)]


def test_an_xlsx_workbook_with_number_cells(synced_app, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append(["vastmanland", "rus-19", "dalarna", 2021, 80.9, 79.5, None, None])
    sheet.append(["vastmanland", "rus-19", "dalarna", "2022", "81,8", None, None, "SCB"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = cli(synced_app, tmp_path, buffer.getvalue(), name="varden.xlsx")
    assert result.exit_code == 0, result.output
    assert values(synced_app) == [("rus-19", "dalarna", 2021, 80.9, 79.5, None, "", False),
                                  ("rus-19", "dalarna", 2022, 81.8, None, None, "SCB", False)]


def test_every_kind_of_bad_row_is_reported_with_line_and_column_and_nothing_is_imported(synced_app, own, tmp_path):
    before = values(synced_app)
    result = cli(synced_app, tmp_path, csv_file(
        "vastmanland;rus-17;vastmanland;2024;70;;;",        # 2: good
        "atlantis;rus-17;vastmanland;2024;70;;;",           # 3: unknown indicator region
        "vastmanland;rus-99;vastmanland;2024;70;;;",        # 4: unknown indicator
        "vasternorrland;rus-17;vastmanland;2024;70;;;",     # 5: the indicator of another region
        "vastmanland;rus-17;Lappland;2024;70;;;",           # 6: unknown region
        "vastmanland;rus-17;skane;tjugo;70;;;",             # 7: not a year
        "vastmanland;rus-17;skane;1850;70;;;",              # 8: a year out of range
        "vastmanland;rus-17;skane;2020;;;;",                # 9: no value
        "vastmanland;rus-17;skane;2021;många;;;",           # 10: not a number
        "vastmanland;rus-17;skane;2022;1;nan;1e99;",        # 11: women not a number, men too large
        "vastmanland;rus-17;skane;2023;1;;;" + "k" * 301,   # 12: a source too long
        ";;;;;;;",                                          # an empty line is skipped
        "vastmanland;rus-17;Västmanland;2024;71;;;",        # 14: the same value as line 2
        ";rus-17;;2024;70;;;",                              # 15: no indicator region, no region
        "vastmanland;;skane;;1;;;",                         # 16: no indicator, no year
    ))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines == [
        "line 3, column Indikatorns region: Unknown region “atlantis”: give its short name (such as vastmanland), "
        "name or county code.",
        "line 4, column Indikator: Västmanland has no indicator “rus-99”.",
        "line 5, column Indikator: Västernorrland has no indicator “rus-17”.",
        "line 6, column Region: Unknown region “Lappland”: give its short name (such as vastmanland), name or "
        "county code.",
        "line 7, column År: “tjugo” is not a year between 1950 and 2100.",
        "line 8, column År: “1850” is not a year between 1950 and 2100.",
        "line 9, column Värde: The value is required.",
        "line 10, column Värde: “många” is not a number (such as 42 or 3,5).",
        "line 11, column Kvinnor: “nan” is not a number (such as 42 or 3,5).",
        "line 11, column Män: “1e99” is not a number (such as 42 or 3,5).",
        "line 12, column Källa: The text is 301 characters long; at most 300 are allowed.",
        "line 14, column År: The same indicator, region and year as on line 2.",
        "line 15, column Indikatorns region: The indicator's region is required.",
        "line 15, column Region: The region the value is for is required.",
        "line 16, column Indikator: The indicator is required.",
        "line 16, column År: The year is required.",
        "Error: 16 problem(s) in varden.csv: nothing was imported.",
    ]
    assert values(synced_app) == before


@pytest.mark.parametrize("data, message", [
    (csv_file("vastmanland;rus-17;2024;70", header="Indikatorns region;Indikator;År;Värde"),
     "line 1, column Region: The file has no such column; it is required."),
    (csv_file("vastmanland;rus-17;skane;2024;70;x", header=HEADER.rsplit(";", 3)[0] + ";Färg"),
     "line 1, column Färg: Unknown column. The columns are: Indikatorns region; Indikator; Region; År; Värde; "
     "Kvinnor; Män; Källa."),
    (csv_file("vastmanland;rus-17;skane;2024;1;2;3;x;extra"),
     "line 2, column I: A value in a column without a known header."),
    (b"", "line 1: The first line must name the columns (such as Indikatorns region;Indikator;Region)."),
    (b"\xff\xfe\x00\x00", "The file holds NUL bytes: it is not a CSV file."),
])
def test_problems_of_the_file_as_a_whole(synced_app, tmp_path, data, message):
    result = cli(synced_app, tmp_path, data)
    assert result.exit_code == 1
    assert message in result.output


def test_an_unknown_column_is_reported_with_the_rows_problems_and_can_be_left_out(synced_app, tmp_path):
    header = HEADER + ";Anteckning"
    result = cli(synced_app, tmp_path, csv_file("vastmanland;rus-17;vastmanland;2024;70;;;;ok",
                                                "vastmanland;rus-17;Lappland;2024;70;;;;fel", header=header))
    assert result.exit_code == 1
    assert "line 1, column Anteckning: Unknown column." in result.output
    assert "line 3, column Region: " in result.output  # the rows are checked all the same
    assert "--ignore-column Anteckning." in result.output
    result = cli(synced_app, tmp_path, csv_file("vastmanland;rus-17;vastmanland;2024;70;;;;ok", header=header),
                 "--ignore-column", "Anteckning")
    assert result.exit_code == 0, result.output
    assert ("rus-17", "vastmanland", 2024, 70) in [row[:4] for row in values(synced_app)]


def test_a_file_that_is_not_csv_or_xlsx(synced_app, tmp_path):
    result = cli(synced_app, tmp_path, b"x", name="varden.txt")
    assert result.exit_code == 1 and "Give a .csv or an .xlsx file." in result.output
    broken = cli(synced_app, tmp_path, b"PK not a zip", name="varden.xlsx")
    assert broken.exit_code == 1 and "The file is not an Excel workbook (.xlsx)." in broken.output


def test_a_dry_run_says_what_it_would_do_and_writes_nothing(synced_app, own, tmp_path):
    before = values(synced_app)
    with synced_app.app_context():
        events = db.session.scalar(select(func.count()).select_from(AuditEvent))
    result = cli(synced_app, tmp_path, csv_file(*GOOD), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "The file is valid (dry run, nothing written): 4 value(s) to add, 0 to update, 1 unchanged." \
        in result.output
    assert values(synced_app) == before
    with synced_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == events


def test_the_csv_download_imports_back_as_it_is_and_with_a_change(synced_app, own, tmp_path):
    cli(synced_app, tmp_path, csv_file(*GOOD))
    before = values(synced_app)
    client = synced_app.test_client()
    downloaded = client.get("/regions/vasternorrland/indicators/own-validerade-i-varden.csv").data
    assert downloaded.decode("utf-8-sig").splitlines()[1:] == [
        "vasternorrland;own-validerade-i-varden;jamtland;2024;97;81;16;",
        "vasternorrland;own-validerade-i-varden;jamtland;2025;104;86;18;Egen räkning"]
    result = cli(synced_app, tmp_path, downloaded, name="ner.csv")
    assert "Imported ner.csv: 0 value(s) added, 0 updated, 2 unchanged." in result.output
    assert values(synced_app) == before
    # changed in Excel and saved as CSV again: the value of 2025 is updated
    changed = downloaded.replace("2025;104;86;18".encode(), "2025;104,5;86;18,5".encode())
    result = cli(synced_app, tmp_path, changed, name="ner.csv")
    assert "0 value(s) added, 1 updated, 1 unchanged" in result.output
    assert ("own-validerade-i-varden", "jamtland", 2025, 104.5, 86, 18.5, "Egen räkning", False) in values(synced_app)


def test_an_imported_value_is_no_longer_the_demos(synced_app, tmp_path):
    with synced_app.app_context():
        rus17 = db.session.scalar(select(Indicator).where(Indicator.key == "rus-17"))
        collab.make_indicator_value(rus17, "skane", 2024, 80).demo = True
        db.session.commit()
    cli(synced_app, tmp_path, csv_file("vastmanland;rus-17;skane;2024;81;;;"))
    assert values(synced_app) == [("rus-17", "skane", 2024, 81, None, None, "", False)]


def test_checking_a_file_costs_as_many_statements_for_many_rows_as_for_few(synced_app):
    from sqlalchemy import event

    def statements(count):
        executed = []
        listener = lambda *args: executed.append(1)  # noqa: E731
        rows = [f"vastmanland;rus-17;{slug};{year};{year - 1900};;;" for slug in ("skane", "orebro", "dalarna")
                for year in range(2000, 2000 + count)]
        with synced_app.app_context():
            event.listen(db.engine, "before_cursor_execute", listener)
            try:
                outcome = importer.check("v.csv", csv_file(*rows))
            finally:
                event.remove(db.engine, "before_cursor_execute", listener)
            assert outcome.ok and outcome.created == 3 * count
        return len(executed)

    assert statements(2) == statements(40)
