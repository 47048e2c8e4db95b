"""What the features' commands share: the groups several features add to (``import``, ``export``),
the check that the schema is current, and how an import ends (a region named on the command line
is the regions' :mod:`samverkan.regions.options`).

Every command is declared on its ``AppGroup`` (which runs it inside the app context): the feature's
own (``@users.command("create")``) or one of these (``@import_group.command("initiatives")``);
``create_app`` adds the groups to the app's CLI. ``cli.py`` is the entry point."""
import shlex
import sys

import click
from flask import current_app
from flask.cli import AppGroup

from .extensions import db

# `import` is a keyword of Python: the group's variable has another name
import_group = AppGroup("import", help="Import data from files.")
export_group = AppGroup("export", help="Export data to files.")


def require_current_schema():
    """Refuse to write into a database that ``db upgrade`` has not brought up to date."""
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())
    with db.engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    if current != set(script.get_heads()):
        raise click.ClickException(
            "The database schema is not up to date "
            f"(at {', '.join(sorted(current)) or 'nothing'}, code needs {', '.join(script.get_heads())}). "
            "Run `samverkan db upgrade` first."
        )


#: the option of every import that leaves out columns the format does not know (given once a column)
ignore_columns = click.option(
    "--ignore-column", "ignore", multiple=True, metavar="HEADER",
    help="Leave out the file's column with this header (one the import does not know); repeat for several.")


def progress_bar(items, label):
    """Draw a bar while ``items`` are gone through (on a terminal; elsewhere click prints the label)."""
    items = list(items)
    with click.progressbar(items, label=f"{label} {len(items)} rows", file=sys.stderr) as bar:
        yield from bar


def finish_import(outcome, filename, dry_run, would, did):
    """End an import: its problems (nothing written, exit status 1), the dry run's summary (nothing
    written), or the import committed and its summary. ``would`` and ``did`` say what it does."""
    if not outcome.ok:
        db.session.rollback()
        for problem in outcome.problems:
            click.echo(str(problem), err=True)
        if outcome.unknown:
            click.echo("To import the file without its unknown columns, run the command again with "
                       + " ".join(f"--ignore-column {shlex.quote(header)}" for header in outcome.unknown) + ".",
                       err=True)
        raise click.ClickException(f"{len(outcome.problems)} problem(s) in {filename}: nothing was imported.")
    if dry_run:
        db.session.rollback()
        click.echo(f"The file is valid (dry run, nothing written): {would}.")
        return
    db.session.commit()
    click.echo(f"Imported {filename}: {did}.")
