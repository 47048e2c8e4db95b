"""``samverkan import initiatives`` and ``samverkan export initiatives``."""
from pathlib import Path

import click
from flask_babel import force_locale

from ..commands import export_group, finish_import, ignore_columns, import_group, progress_bar, require_current_schema
from ..regions.options import region_by_slug


@import_group.command("initiatives")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--region", "region_slug", help="Import for this region only: every row is led by it (its slug).")
@click.option("--dry-run", is_flag=True, help="Check the file and say what it would do, without writing.")
@ignore_columns
def import_initiatives(path, region_slug, dry_run, ignore):
    """Import initiatives from FILE (.csv as Excel writes it, or .xlsx).

    The whole file is checked first: a file with a problem in any row imports nothing, and every
    problem is listed with its line and column. The columns are those `samverkan export
    initiatives` writes (README: "Importing and exporting initiatives").
    """
    from .importer import import_file

    require_current_schema()
    region = region_by_slug(region_slug)
    data = Path(path).read_bytes()
    with force_locale("en"):
        outcome = import_file(Path(path).name, data, region=region, dry_run=dry_run, progress=progress_bar,
                              ignore=ignore)
        finish_import(outcome, Path(path).name, dry_run,
                  f"{outcome.created} initiative(s) to create, {outcome.updated} to update, "
                  f"{len(outcome.new_actors)} actor(s) and {len(outcome.new_networks)} network(s) to create",
                  f"{outcome.created} initiative(s) created, {outcome.updated} updated, "
                  f"{len(outcome.new_actors)} actor(s) and {len(outcome.new_networks)} network(s) created")


@export_group.command("initiatives")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, writable=True, allow_dash=True))
@click.option("--region", "region_slug", help="Only the initiatives this region leads or partners in (its slug).")
def export_initiatives(path, region_slug):
    """Write every initiative (drafts too) to FILE: .csv or .xlsx, or - for CSV on standard output.

    The file is the import's format: importing it into another instance gives the same initiatives.
    """
    from . import queries, transfer

    region = region_by_slug(region_slug)
    fmt = "csv" if path == "-" else None
    if fmt is None:
        try:
            fmt = transfer.format_of(path)
        except transfer.FileProblem:
            raise click.BadParameter("give a file name that ends in .csv or .xlsx (or - for CSV on standard "
                                     "output)", param_hint="FILE") from None
    query = queries.filtered(transfer.OPERATOR, region=region.slug if region else None)
    counted = []

    def counting(initiatives):
        for initiative in initiatives:
            counted.append(initiative.id)
            yield initiative

    data = transfer.write_file(fmt, counting(transfer.for_export(query)))
    if path == "-":
        click.echo(data, nl=False)  # bytes go to the binary stream as they are
        return
    Path(path).write_bytes(data)
    click.echo(f"Wrote {len(counted)} initiative(s) to {path}.")
