"""``samverkan worker``: the job worker (Huey's consumer) for the app's queue."""
import click
from flask import current_app
from flask.cli import with_appcontext

from . import jobs


@click.command("worker")
@click.option("--workers", default=2, show_default=True, help="Threads taking jobs.")
@with_appcontext
def worker(workers):
    """Run the jobs: mail, reminders, report PDFs, large imports. Stop it with SIGINT or SIGTERM
    (SIGINT lets running jobs finish); whatever a stopped worker left unsent, the next one sends."""
    queue = jobs.queue()
    if queue.huey.immediate:
        raise click.ClickException("jobs run immediately (SAMVERKAN_JOBS_IMMEDIATE): there is no queue to work on")
    queue.consumer(current_app._get_current_object(), workers).run()
