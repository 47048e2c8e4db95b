"""The ``samverkan`` command: Flask's CLI for the app, with the plugin and database commands.

Command groups are ``AppGroup``s added to ``app.cli`` by the factory, so ``flask --app samverkan``
and ``app.test_cli_runner()`` see them too.
"""
import sys

import click
from flask import current_app
from flask.cli import AppGroup, FlaskGroup
from flask_babel import force_locale
from sqlalchemy import select

from . import create_app
from .accounts import services
from .accounts.models import Person, RoleGrant
from .accounts.passwords import password_problem
from .extensions import db
from .mail import MailConfigError
from .plugins import PluginError
from .regions.models import Region
from .roles import ROLES


def _create_app():
    try:
        return create_app()
    except (PluginError, MailConfigError) as error:
        raise click.ClickException(str(error)) from None


@click.group(cls=FlaskGroup, create_app=_create_app)
def main():
    """Samverkan: regional competence supply, together."""


plugins = AppGroup("plugins", help="Region plugins: list what is installed, sync it into the database.")


@plugins.command("list")
def list_plugins():
    """Show the installed region plugins and what each provides."""
    contents = current_app.extensions["samverkan.plugins"]
    if not contents:
        click.echo("No region plugins installed.")
    for content in contents:
        regions = ", ".join(f"{r.code} {r.name}" for r in content.regions) or "-"
        click.echo(f"{content.name}: regions {regions}")
        for plan in content.plans:
            count = _count_nodes(plan.nodes)
            click.echo(f"  plan {plan.key} v{plan.version}: {plan.title} ({count} nodes)")


def _count_nodes(nodes):
    return sum(1 + _count_nodes(node.children) for node in nodes)


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


@plugins.command("sync")
def sync_plugins():
    """Write counties, themes and the plugins' plans into the database (safe to repeat)."""
    from .sync import sync_all

    require_current_schema()
    report = sync_all(current_app.extensions["samverkan.plugins"])
    if not report.total:
        click.echo("Everything is up to date.")
    for line in report.lines():
        click.echo(line)


users = AppGroup("users", help="People and their roles.")
ROLE_CHOICE = click.Choice(list(ROLES))


def _region(slug):
    if slug is None:
        return None
    region = db.session.execute(select(Region).filter_by(slug=slug)).scalar_one_or_none()
    if region is None:
        raise click.BadParameter(f"no region {slug!r}; see /regions/ for the slugs", param_hint="--region")
    return region


def _person(email):
    person = services.find_person(email)
    if person is None:
        raise click.BadParameter(f"no account for {email}", param_hint="--email")
    return person


def _refused(error):
    """An :class:`~services.AccountError` as a usage error, in English like the rest of the command."""
    with force_locale("en"):
        return click.UsageError(str(error))


def _grant(person, role, region_slug):
    try:
        return services.grant_role(person, role, region=_region(region_slug))
    except services.AccountError as error:
        raise _refused(error) from None


@users.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=ROLE_CHOICE, help="A role to grant at once.")
@click.option("--region", "region_slug", help="The region of a regional role (its slug, e.g. vastmanland).")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Prompted for when left out.")
def create_user(email, name, role, region_slug, password):
    """Create an account, optionally with a role."""
    with force_locale("en"):  # the command speaks English, like the rest of its messages
        problem = password_problem(password, email)
        if problem:
            raise click.BadParameter(str(problem), param_hint="--password")
    try:
        person = services.create_person(email, name, password)
    except services.AccountError as error:
        raise click.UsageError(str(error)) from None
    if role:
        _grant(person, role, region_slug)
    db.session.commit()
    click.echo(f"Created {person.email}" + (f" as {role}" + (f" in {region_slug}" if region_slug else "") if role else ""))


@users.command("grant")
@click.option("--email", required=True)
@click.option("--role", type=ROLE_CHOICE, required=True)
@click.option("--region", "region_slug")
def grant(email, role, region_slug):
    """Grant a role to an existing account."""
    _grant(_person(email), role, region_slug)
    db.session.commit()
    click.echo(f"{email} is {role}" + (f" in {region_slug}" if region_slug else ""))


@users.command("revoke")
@click.option("--email", required=True)
@click.option("--role", type=ROLE_CHOICE, required=True)
@click.option("--region", "region_slug")
def revoke(email, role, region_slug):
    """Take a role away."""
    person, region = _person(email), _region(region_slug)
    grant = db.session.execute(
        select(RoleGrant).filter_by(person_id=person.id, role=role, region_id=region.id if region else None)
    ).scalar_one_or_none()
    if grant is None:
        raise click.UsageError(f"{email} does not have the role {role}" + (f" in {region_slug}" if region_slug else ""))
    try:
        services.revoke_role(grant)
    except services.AccountError as error:
        raise _refused(error) from None
    db.session.commit()
    click.echo(f"{email} is no longer {role}" + (f" in {region_slug}" if region_slug else ""))


@users.command("deactivate")
@click.option("--email", required=True)
def deactivate(email):
    """Close an account: its sessions end at once; it cannot log in or reset its password."""
    person = _person(email)
    try:
        services.deactivate(person)
    except services.AccountError as error:
        raise _refused(error) from None
    db.session.commit()
    click.echo(f"{person.email} is deactivated")


@users.command("activate")
@click.option("--email", required=True)
def activate(email):
    """Open a deactivated account again."""
    person = _person(email)
    services.activate(person)
    db.session.commit()
    click.echo(f"{person.email} is active")


@users.command("list")
def list_users():
    """Every account and its roles."""
    for person in db.session.scalars(select(Person).order_by(Person.email)):
        roles = ", ".join(f"{g.role}" + (f"@{g.region.slug}" if g.region else "") for g in person.grants)
        click.echo(f"{person.email}\t{person.name}\t{roles or '-'}" + ("" if person.active else "\tdeactivated"))


demo = AppGroup("demo", help="Demo data for trying Samverkan out.")


@demo.command("load")
def load_demo():
    """Actors, networks, forums and meetings for Västmanland and Västernorrland (safe to repeat)."""
    from .demo import load_demo

    require_current_schema()
    try:
        counts = load_demo()
    except LookupError as error:
        raise click.ClickException(str(error)) from None
    if not counts:
        click.echo("The demo data is already loaded.")
    for kind, count in sorted(counts.items()):
        click.echo(f"{kind}: {count} created")


@demo.command("meetings")
@click.option("--forum", "forum_id", type=int, required=True, help="The forum's id.")
@click.option("--count", type=click.IntRange(1, 100_000), required=True)
def add_meetings(forum_id, count):
    """Add COUNT meetings to one forum, half past and half upcoming (for load tests)."""
    from .demo import add_bench_meetings

    require_current_schema()
    try:
        total = add_bench_meetings(forum_id, count)
    except LookupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"forum {forum_id} has {total} meetings")


@demo.command("needs")
@click.option("--region", "region_slugs", multiple=True, default=("vastmanland", "vasternorrland"), show_default=True)
@click.option("--employers", type=click.IntRange(1, 10_000), default=300, show_default=True)
@click.option("--needs", type=click.IntRange(1, 100_000), default=1500, show_default=True)
def add_needs(region_slugs, employers, needs):
    """A closed needs round per region with EMPLOYERS employers and NEEDS needs (for load tests)."""
    from .demo_data.needs_bench import add_bench_needs

    require_current_schema()
    try:
        rounds = add_bench_needs(region_slugs, employers, needs)
    except LookupError as error:
        raise click.ClickException(str(error)) from None
    for slug, round_id in rounds.items():
        click.echo(f"{slug}: round {round_id}")


# `import` is a keyword of Python: the group's function has another name
import_group = AppGroup("import", help="Import data from files.")
export_group = AppGroup("export", help="Export data to files.")


def _progress_bar(items, label):
    """Draw a bar while ``items`` are gone through (on a terminal; elsewhere click prints the label)."""
    items = list(items)
    with click.progressbar(items, label=f"{label} {len(items)} rows", file=sys.stderr) as bar:
        yield from bar


def _imported(outcome, filename, dry_run, would, did):
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


@import_group.command("initiatives")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--region", "region_slug", help="Import for this region only: every row is led by it (its slug).")
@click.option("--dry-run", is_flag=True, help="Check the file and say what it would do, without writing.")
def import_initiatives(path, region_slug, dry_run):
    """Import initiatives from FILE (.csv as Excel writes it, or .xlsx).

    The whole file is checked first: a file with a problem in any row imports nothing, and every
    problem is listed with its line and column. The columns are those `samverkan export
    initiatives` writes (README: "Importing and exporting initiatives").
    """
    from pathlib import Path

    from .initiatives.importer import import_file

    require_current_schema()
    region = _region(region_slug)
    data = Path(path).read_bytes()
    with force_locale("en"):
        outcome = import_file(Path(path).name, data, region=region, dry_run=dry_run, progress=_progress_bar)
        _imported(outcome, Path(path).name, dry_run,
                  f"{outcome.created} initiative(s) to create, {outcome.updated} to update, "
                  f"{len(outcome.new_actors)} actor(s) and {len(outcome.new_networks)} network(s) to create",
                  f"{outcome.created} initiative(s) created, {outcome.updated} updated, "
                  f"{len(outcome.new_actors)} actor(s) and {len(outcome.new_networks)} network(s) created")


@import_group.command("indicators")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check the file and say what it would do, without writing.")
def import_indicators(path, dry_run):
    """Import indicator values from FILE (.csv as Excel writes it, or .xlsx).

    A row is a value: the indicator (its region and key), the county the value is for, the year,
    the value and, optionally, the values for women and men and the source. A value that exists
    for the indicator, county and year is updated. The whole file is checked first: a file with a
    problem in any row imports nothing, and every problem is listed with its line and column. An
    indicator's page downloads its values in this format (README: "Indicators").
    """
    from pathlib import Path

    from .indicators.importer import import_file

    require_current_schema()
    data = Path(path).read_bytes()
    with force_locale("en"):
        outcome = import_file(Path(path).name, data, dry_run=dry_run)
        _imported(outcome, Path(path).name, dry_run,
                  f"{outcome.created} value(s) to add, {outcome.updated} to update, {outcome.unchanged} unchanged",
                  f"{outcome.created} value(s) added, {outcome.updated} updated, {outcome.unchanged} unchanged")


@import_group.command("needs")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--round", "round_id", type=int, required=True, help="The survey round's id (in its page's address).")
@click.option("--dry-run", is_flag=True, help="Check the file and say what it would do, without writing.")
def import_needs(path, round_id, dry_run):
    """Import employers' answers to a survey round from FILE (.csv as Excel writes it, or .xlsx).

    \b
    One row per need; the first row names the columns (Swedish, or English in brackets):
      Arbetsgivare (Employer)          organisation number NNNNNN-NNNN, or the actor's name
      Yrke (Occupation)                the occupation, in the employer's words
      SSYK (SSYK group)                SSYK 2012 major group 0-9; its name may follow the code
      Antal inom 1 år (Within 1 year)  people needed within one year
      Antal inom 3 år (Within 3 years) within three years, those within one year included
      SeQF-nivå (SeQF level)           1-8
      Strategisk betydelse (Importance)  låg, medel or hög (low, medium, high)
      Flaskhals (Bottleneck)           ja or nej (empty: nej)
      Utbildningsväg (Education route) upper-secondary, higher-vocational, higher-education,
                                       validation, internal, other, or their Swedish names
      Kommentar (Comment)              optional
      <question key>                   optional: the round's own region questions, by key

    The employer must be an actor of the round's region. An invited or started employer is
    completed with the file's answers (a draft is replaced); one not invited is added to the
    round; one that has completed its answers already is an error. A closed round takes imported
    answers; a round that has not opened does not. The whole file is checked first: a file with a
    problem in any row imports nothing, and every problem is listed with its line and column.
    """
    from pathlib import Path

    from .needs.importer import import_file
    from .needs.models import SurveyRound
    from .times import today

    require_current_schema()
    survey = db.session.get(SurveyRound, round_id)
    if survey is None:
        raise click.BadParameter(f"no survey round {round_id}", param_hint="--round")
    data = Path(path).read_bytes()
    with force_locale("en"):
        outcome = import_file(survey, Path(path).name, data, today(), dry_run=dry_run)
        summary = (f"{outcome.employers} employer(s) ({outcome.added} not invited before), "
                   f"{outcome.needs} need(s)")
        _imported(outcome, Path(path).name, dry_run, f"would complete the answers of {summary}",
                  f"completed the answers of {summary} in round {survey.id} ({survey.title})")


@export_group.command("initiatives")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, writable=True, allow_dash=True))
@click.option("--region", "region_slug", help="Only the initiatives this region leads or partners in (its slug).")
def export_initiatives(path, region_slug):
    """Write every initiative (drafts too) to FILE: .csv or .xlsx, or - for CSV on standard output.

    The file is the import's format: importing it into another instance gives the same initiatives.
    """
    from pathlib import Path

    from .initiatives import queries, transfer

    region = _region(region_slug)
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
@demo.command("initiatives")
@click.option("--count", type=click.IntRange(1, 1_000_000), required=True)
def add_initiatives(count):
    """Add COUNT synthetic initiatives over the 21 regions, with ~2,000 actors (for load tests)."""
    from .demo import add_bench_initiatives

    require_current_schema()
    try:
        rich = add_bench_initiatives(count)
    except LookupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{count} initiatives added; the one with the most links: {rich}")


surveys = AppGroup("surveys", help="Needs survey rounds.")


@surveys.command("remind")
@click.option("--dry-run", is_flag=True, help="Say how many reminders would be sent, without sending.")
def remind(dry_run):
    """Remind the employers of every open round that have not completed their answers.

    An employer last written to (invited or reminded) less than three days ago is left alone.
    Each reminder carries a new personal link; the one sent before stops working. The worker
    does this every morning (07:00 UTC); links are built on SAMVERKAN_BASE_URL.
    """
    from .needs.invitations import remind_open_rounds
    from .times import today

    require_current_schema()
    try:
        reminded = remind_open_rounds(today(), dry_run=dry_run)
    except RuntimeError as error:  # no SAMVERKAN_BASE_URL: no link can be built
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    verb = "would be sent" if dry_run else "sent"
    for survey, count in reminded:
        click.echo(f"round {survey.id} ({survey.region.slug}, {survey.title}): {count} reminder(s) {verb}")
    total = sum(count for _, count in reminded)
    if dry_run:
        db.session.rollback()
        click.echo(f"{len(reminded)} open round(s): {total} reminder(s) would be sent (dry run, nothing sent).")
    else:
        db.session.commit()
        click.echo(f"{len(reminded)} open round(s): {total} reminder(s) sent.")
