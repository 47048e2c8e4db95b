"""Writing indicators and their values: a region's own indicators, the source a region records
for a plugin's, and yearly values entered in a form or imported. The caller commits.

A value is one row per indicator, region and year: a form that gives a second value for the same
region and year is refused (:func:`value_problem`), and an import updates the row it names.
"""
import re
import unicodedata

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ..times import utcnow
from ..extensions import db
from ..specs import CUSTOM_INDICATOR_PREFIX
from .models import Indicator, IndicatorValue

#: what a region admin may change of a plugin's indicator (its names and unit are the plugin's)
PLUGIN_EDITABLE = ("source",)
#: what a region admin may change of the region's own indicator
CUSTOM_EDITABLE = ("name", "name_en", "description", "description_en", "unit", "source")
#: what a value's form and an import set
VALUE_FIELDS = ("value", "value_women", "value_men", "source")
MAX_KEY = 60


def slugified(text):
    """``Andel validerade (%)`` -> ``andel-validerade``: ASCII letters and digits joined by hyphens."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def new_key(region, name):
    """A key for a new indicator of the region's own, free in the region: ``own-`` and its name."""
    stem = (CUSTOM_INDICATOR_PREFIX + slugified(name))[:MAX_KEY - 4].rstrip("-")
    taken = set(db.session.scalars(select(Indicator.key).where(Indicator.region_id == region.id,
                                                                 Indicator.key.startswith(stem))))
    key, number = stem, 1
    while key in taken:
        number += 1
        key = f"{stem}-{number}"
    return key


def create_indicator(region, values):
    """A new indicator of the region's own (``values``: :data:`CUSTOM_EDITABLE`), after the others."""
    last = db.session.scalar(select(func.max(Indicator.position)).where(Indicator.region_id == region.id))
    indicator = Indicator(region_id=region.id, key=new_key(region, values["name"]), custom=True,
                          position=(last or 0) + 1, **{name: values.get(name) for name in CUSTOM_EDITABLE})
    db.session.add(indicator)
    db.session.flush()
    return indicator


def editable(indicator):
    return CUSTOM_EDITABLE if indicator.custom else PLUGIN_EDITABLE


def update_indicator(indicator, values):
    """Change what the region may change: everything of its own indicator, the source of a plugin's
    (``plugins sync`` writes only the plugin's fields, so it never overwrites the source)."""
    for name in editable(indicator):
        if name in values:
            setattr(indicator, name, values[name])
    db.session.flush()


def existing_value(indicator, region_id, year):
    return db.session.scalar(select(IndicatorValue).where(
        IndicatorValue.indicator_id == indicator.id, IndicatorValue.region_id == region_id,
        IndicatorValue.year == year))


def value_problem(indicator, region, year, row=None):
    """Why ``indicator`` cannot take a value for ``region`` in ``year`` (a message for the form), or
    None: a value for them is given already (other than ``row``, the value being changed)."""
    found = existing_value(indicator, region.id, year)
    if found is not None and found is not row:
        return _l("%(region)s has a value for %(year)d already. Change that value in the table instead.",
                  region=region.name, year=year)
    return None


def add_value(indicator, region_id, year, values, by=None, demo=False):
    """A new value (``values``: :data:`VALUE_FIELDS`; ``demo``: an invented figure of ``samverkan
    demo load``); the caller checked :func:`value_problem`."""
    row = IndicatorValue(indicator=indicator, region_id=region_id, year=year, updated_by_id=_id(by), demo=demo,
                         **{name: values.get(name) for name in VALUE_FIELDS if name in values})
    db.session.add(row)
    db.session.flush()
    return row


def update_value(row, values, by=None, region_id=None, year=None):
    """Change a value; only the fields in ``values`` (and the region and year, when given). A value
    written by a person or an import is no longer the demo's."""
    if region_id is not None:
        row.region_id = region_id
    if year is not None:
        row.year = year
    for name in VALUE_FIELDS:
        if name in values:
            setattr(row, name, values[name])
    if db.session.is_modified(row):
        row.demo = False
        row.updated_at, row.updated_by_id = utcnow(), _id(by)
    db.session.flush()
    return row


def delete_value(row):
    db.session.delete(row)
    db.session.flush()


def _id(person):
    return getattr(person, "id", None)
