<<<<<<< HEAD
"""Reads of regions shared by pages (the start page, the regions list) and later the API."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload
=======
"""Reads of regions that more than one page shares."""
from sqlalchemy import select
>>>>>>> speed

from ..extensions import db
from .models import Region


<<<<<<< HEAD
def all_regions():
    """Every county, by name, with its plans loaded for the list's plan column."""
    return db.session.scalars(select(Region).options(selectinload(Region.plans)).order_by(Region.name)).all()


def regions_with_plans():
    """The counties a plugin provides a plan space for, by name."""
    return db.session.scalars(
        select(Region).where(Region.plugin.is_not(None)).options(selectinload(Region.plans)).order_by(Region.name)
    ).all()
=======
def region_list(*where):
    """The regions by name, with what a list shows: not the council's texts or municipalities."""
    columns = (Region.id, Region.code, Region.slug, Region.name, Region.name_en)
    return db.session.execute(select(*columns).where(*where).order_by(Region.name)).all()
>>>>>>> speed
