"""``samverkan surveys close``: the needs survey rounds whose last day has passed, said to be closed."""
import click
from flask.cli import with_appcontext


@click.command("close")
@with_appcontext
def close():
    """Close the rounds whose last day has passed, each once, so that what follows a closed round
    (its figures, its report) hears of it. The worker does it every night."""
    from ..cli import require_current_schema
    from .services import close_due_rounds

    require_current_schema()
    rounds = close_due_rounds()
    for survey in rounds:
        click.echo(f"round {survey.id} ({survey.region.slug}, {survey.title}) closed")
    click.echo(f"{len(rounds)} round(s) closed.")
