"""Reads of regions shared by pages (the start page, the regions list) and later the API."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from .models import Region


def all_regions():
    """Every county, by name, with its plans loaded for the list's plan column."""
    return db.session.scalars(select(Region).options(selectinload(Region.plans)).order_by(Region.name)).all()


def regions_with_plans():
    """The counties a plugin provides a plan space for, by name."""
    return db.session.scalars(
        select(Region).where(Region.plugin.is_not(None)).options(selectinload(Region.plans)).order_by(Region.name)
    ).all()
