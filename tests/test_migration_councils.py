"""Revision 0005 moves the council out of ``regions``' columns into rows, and back on downgrade."""
import json

from sqlalchemy import inspect, text

from samverkan import create_app
from samverkan.extensions import db

COUNCIL = {
    "council_name": "Rådet",
    "council_name_en": "The council",
    "council_description": "Om rådet.",
    "council_description_en": None,
    "council_duties": [["Analysera", "Analyse"], ["Prioritera", None]],
    "council_workflow": [{"title": "Nuläge", "title_en": "Status", "text": "Vi börjar.", "text_en": None}],
}


def test_the_council_moves_into_rows_and_back(database_url):
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "test"})
    runner = app.test_cli_runner()

    def migrate(*args):
        result = runner.invoke(args=["db", *args])
        assert result.exit_code == 0, result.output

    try:
        migrate("upgrade", "0005-1")
        with app.app_context():
            for code, council in (("19", COUNCIL), ("20", {"council_name": None})):
                values = {"council_description": "", "council_duties": [], "council_workflow": [], **council}
                db.session.execute(text(
                    "INSERT INTO regions (code, slug, name, municipalities, council_name, council_name_en, "
                    "council_description, council_description_en, council_duties, council_workflow) VALUES "
                    "(:code, :code, :code, '[]', :council_name, :council_name_en, :council_description, "
                    ":council_description_en, :council_duties, :council_workflow)"),
                    {"code": code, "council_name_en": None, "council_description_en": None, **values,
                     "council_duties": json.dumps(values["council_duties"]),
                     "council_workflow": json.dumps(values["council_workflow"])})
            db.session.commit()

        migrate("upgrade", "0005")
        with app.app_context():
            assert db.session.execute(text(
                "SELECT r.code, c.name, c.name_en, c.description, c.description_en FROM councils c "
                "JOIN regions r ON r.id = c.region_id")).all() == [("19", "Rådet", "The council", "Om rådet.", None)]
            assert db.session.execute(text(
                "SELECT position, text, text_en FROM council_duties ORDER BY position")).all() == [
                (0, "Analysera", "Analyse"), (1, "Prioritera", None)]
            assert db.session.execute(text(
                "SELECT position, title, title_en, text, text_en FROM council_steps")).all() == [
                (0, "Nuläge", "Status", "Vi börjar.", None)]
            columns = {column["name"] for column in inspect(db.engine).get_columns("regions")}
            assert not {name for name in columns if name.startswith("council")}
            db.session.rollback()

        migrate("downgrade", "0005-1")
        with app.app_context():
            row = db.session.execute(text(
                "SELECT council_name, council_name_en, council_description, council_description_en, "
                "council_duties, council_workflow FROM regions WHERE code = '19'")).one()
            assert row[:4] == ("Rådet", "The council", "Om rådet.", None)
            loads = (lambda v: json.loads(v) if isinstance(v, str) else v)
            assert loads(row[4]) == COUNCIL["council_duties"]
            assert loads(row[5]) == COUNCIL["council_workflow"]
            assert "councils" not in inspect(db.engine).get_table_names()
            db.session.rollback()
    finally:
        with app.app_context():
            db.engine.dispose()
