"""Reads of regions that more than one page shares."""
from sqlalchemy import select

from ..extensions import db
from .models import Region


def region_list(*where):
    """The regions by name, with what a list shows: not the council's texts or municipalities."""
    columns = (Region.id, Region.code, Region.slug, Region.name, Region.name_en)
    return db.session.execute(select(*columns).where(*where).order_by(Region.name)).all()
