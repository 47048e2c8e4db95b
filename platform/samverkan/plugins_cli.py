"""``samverkan plugins``: the installed region plugins, and their sync into the database."""
import click
from flask import current_app
from flask.cli import AppGroup

from .commands import require_current_schema
from .sync import sync_all

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


@plugins.command("sync")
def sync_plugins():
    """Write counties, themes and the plugins' plans into the database (safe to repeat)."""
    require_current_schema()
    report = sync_all(current_app.extensions["samverkan.plugins"])
    if not report.total:
        click.echo("Everything is up to date.")
    for line in report.lines():
        click.echo(line)
