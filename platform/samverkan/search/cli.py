"""``samverkan search``: the search index from the command line."""
import click
from flask.cli import AppGroup

from ..commands import require_current_schema
from ..extensions import db

search = AppGroup("search", help="The search index.")


@search.command("reindex")
def reindex():
    """Write every search document anew (after a bulk load or an upgrade to a database with data)."""
    from .documents import reindex as rebuild

    require_current_schema()
    counts = rebuild()
    db.session.commit()
    for kind, count in counts.items():
        click.echo(f"{kind}: {count} indexed")
