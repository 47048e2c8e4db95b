"""``samverkan import indicators``."""
from pathlib import Path

import click
from flask_babel import force_locale

from ..commands import finish_import, ignore_columns, import_group, require_current_schema


@import_group.command("indicators")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check the file and say what it would do, without writing.")
@ignore_columns
def import_indicators(path, dry_run, ignore):
    """Import indicator values from FILE (.csv as Excel writes it, or .xlsx).

    A row is a value: the indicator (its region and key), the county the value is for, the year,
    the value and, optionally, the values for women and men and the source. A value that exists
    for the indicator, county and year is updated. The whole file is checked first: a file with a
    problem in any row imports nothing, and every problem is listed with its line and column. An
    indicator's page downloads its values in this format (README: "Indicators").
    """
    from .importer import import_file

    require_current_schema()
    data = Path(path).read_bytes()
    with force_locale("en"):
        outcome = import_file(Path(path).name, data, dry_run=dry_run, ignore=ignore)
        finish_import(outcome, Path(path).name, dry_run,
                  f"{outcome.created} value(s) to add, {outcome.updated} to update, {outcome.unchanged} unchanged",
                  f"{outcome.created} value(s) added, {outcome.updated} updated, {outcome.unchanged} unchanged")
