"""``samverkan surveys`` (reminders, closing rounds) and ``samverkan import needs``."""
from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import force_locale

from ..commands import finish_import, ignore_columns, import_group, require_current_schema
from ..extensions import db
from ..times import today

surveys = AppGroup("surveys", help="Needs survey rounds.")


@import_group.command("needs")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--round", "round_id", type=int, required=True, help="The survey round's id (in its page's address).")
@click.option("--dry-run", is_flag=True, help="Check the file and say what it would do, without writing.")
@ignore_columns
def import_needs(path, round_id, dry_run, ignore):
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
    from .importer import import_file
    from .models import SurveyRound

    require_current_schema()
    survey = db.session.get(SurveyRound, round_id)
    if survey is None:
        raise click.BadParameter(f"no survey round {round_id}", param_hint="--round")
    data = Path(path).read_bytes()
    with force_locale("en"):
        outcome = import_file(survey, Path(path).name, data, today(), dry_run=dry_run, ignore=ignore)
        summary = (f"{outcome.employers} employer(s) ({outcome.added} not invited before), "
                   f"{outcome.needs} need(s)")
        finish_import(outcome, Path(path).name, dry_run, f"would complete the answers of {summary}",
                  f"completed the answers of {summary} in round {survey.id} ({survey.title})")


@surveys.command("remind")
@click.option("--dry-run", is_flag=True, help="Say how many reminders would be sent, without sending.")
def remind(dry_run):
    """Remind the employers of every open round that have not completed their answers.

    An employer last written to (invited or reminded) less than three days ago is left alone.
    Each reminder carries a new personal link; the one sent before stops working. The worker
    does this every morning (07:00 UTC); links are built on SAMVERKAN_BASE_URL.
    """
    from .invitations import remind_open_rounds

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


@surveys.command("close")
def close():
    """Close the rounds whose last day has passed, each once, so that what follows a closed round
    (its figures, its report) hears of it. The worker does it every night."""
    from .services import close_due_rounds

    require_current_schema()
    rounds = close_due_rounds()
    for survey in rounds:
        click.echo(f"round {survey.id} ({survey.region.slug}, {survey.title}) closed")
    click.echo(f"{len(rounds)} round(s) closed.")
