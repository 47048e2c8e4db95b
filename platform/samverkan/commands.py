"""What the features' commands share: the check that the schema is current, a region named on the
command line, and how an import ends. Each feature keeps its commands in its own ``cli.py``; the
groups several features add to (``import``, ``export``) are here, and ``cli.py`` is the entry point."""
import sys

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import select

from .extensions import db
from .regions.models import Region

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


def region_by_slug(slug):
    """The region ``--region`` names (its slug), or None when none is named."""
    if slug is None:
        return None
    region = db.session.execute(select(Region).filter_by(slug=slug)).scalar_one_or_none()
    if region is None:
        raise click.BadParameter(f"no region {slug!r}; see /regions/ for the slugs", param_hint="--region")
    return region


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
        raise click.ClickException(f"{len(outcome.problems)} problem(s) in {filename}: nothing was imported.")
    if dry_run:
        db.session.rollback()
        click.echo(f"The file is valid (dry run, nothing written): {would}.")
        return
    db.session.commit()
    click.echo(f"Imported {filename}: {did}.")
