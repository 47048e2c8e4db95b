"""A region on the command line: the commands that take ``--region SLUG`` read it here."""
import click
from sqlalchemy import select

from ..extensions import db
from .models import Region


def region_by_slug(slug):
    """The region ``--region`` names (its slug), or None when none is named."""
    if slug is None:
        return None
    region = db.session.execute(select(Region).filter_by(slug=slug)).scalar_one_or_none()
    if region is None:
        raise click.BadParameter(f"no region {slug!r}; see /regions/ for the slugs", param_hint="--region")
    return region
