"""``samverkan events``: the outbox of domain events from the command line."""
import click
from flask.cli import AppGroup

from .commands import require_current_schema
from .events import dispatch as dispatch_events

events = AppGroup("events", help="Domain events and their outbox.")


@events.command("dispatch")
def dispatch():
    """Deliver the events still in the outbox: those whose delivery failed, and those a crash left
    between commit and delivery; then forget the delivered events older than a week. Run it every
    few minutes (the worker does) or after an outage; it exits 1 while a subscriber still fails."""
    require_current_schema()
    delivered, failed, pruned = dispatch_events()
    click.echo(f"{delivered} delivered, {failed} failed (kept for the next dispatch), {pruned} old ones deleted")
    if failed:
        raise SystemExit(1)
