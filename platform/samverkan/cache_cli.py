"""``samverkan cache``: the cache generations from the command line."""
import click
from flask.cli import AppGroup

from . import cache as layer

cache = AppGroup("cache", help="The cache layer's generations.")


@cache.command("renew")
@click.argument("names", nargs=-1)
def renew(names):
    """Renew the generations NAMES (every one when none is named): after a fix by SQL, or a write
    the app could not see. Every worker computes what it kept under them anew at its next read."""
    known = layer.declared()
    unknown = [name for name in names if name not in known]
    if unknown:
        raise click.UsageError(f"unknown generation {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    layer.renew(*names)
    click.echo(f"renewed: {', '.join(sorted(names or known))}")
