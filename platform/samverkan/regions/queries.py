"""Reads of regions that more than one page shares."""
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from .models import Council, Region


def region_list(*where):
    """The regions by name, with what a list shows: not the council's texts or municipalities."""
    columns = (Region.id, Region.code, Region.slug, Region.name, Region.name_en)
    return db.session.execute(select(*columns).where(*where).order_by(Region.name)).all()


def region_for_page(region_id):
    """A region with what its space shows of it, in two statements: the region joined with its
    council, the council's duties and its steps (a few rows each), and the principles."""
    return db.session.scalars(
        select(Region).where(Region.id == region_id).options(
            selectinload(Region.principles),
            joinedload(Region.council).joinedload(Council.duties),
            joinedload(Region.council).joinedload(Council.steps),
        ).execution_options(populate_existing=True)
    ).unique().one()
