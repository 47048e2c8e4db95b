"""Indicator values for the demo: invented figures, marked ``demo`` so that every page that shows
them says so.

Västmanland's three RUS 2030 sub-goals (17: pupils who complete their studies with passing
grades, 18: companies that find it easy to recruit the competence they need, 19: people in
employment), for Västmanland, Västernorrland and four counties to compare with, 2019–2025, with
the figures for women and men where such statistics are usually given; and one indicator
Västernorrland follows up of its own accord, with values for the three northern counties it
compares with. The levels and trends are of the right kind, the figures are not real.
"""
from sqlalchemy import select

from ..extensions import db
from ..indicators import services
from ..indicators.models import Indicator, IndicatorValue

FIRST_YEAR = 2019

#: indicator key of Västmanland -> region slug -> a value a year from :data:`FIRST_YEAR` (None: not
#: measured that year; sub-goal 18 comes from a survey every other year)
TOTALS = {
    "rus-17": {
        "vastmanland": (66.8, 67.5, 68.9, 68.1, 69.4, 70.2, 71.0),
        "vasternorrland": (69.5, 70.1, 70.8, 70.2, 71.3, 71.9, 72.4),
        "orebro": (67.9, 68.4, 69.0, 68.7, 69.8, 70.5, 70.9),
        "dalarna": (70.2, 70.6, 71.5, 71.1, 71.8, 72.3, 72.8),
        "gavleborg": (65.1, 65.9, 66.7, 66.2, 67.4, 68.0, 68.8),
        "uppsala": (72.4, 72.9, 73.6, 73.1, 74.0, 74.4, 74.9),
    },
    "rus-18": {
        "vastmanland": (28.0, None, 24.5, None, 27.5, None, 31.0),
        "vasternorrland": (26.5, None, 23.0, None, 25.5, None, 28.5),
        "orebro": (29.5, None, 25.5, None, 28.0, None, 30.5),
        "dalarna": (27.0, None, 22.5, None, 26.0, None, 29.0),
        "gavleborg": (25.5, None, 22.0, None, 24.5, None, 27.0),
        "uppsala": (31.0, None, 27.5, None, 30.0, None, 33.5),
    },
    "rus-19": {
        "vastmanland": (78.6, 77.1, 78.0, 79.2, 79.5, 79.1, 79.8),
        "vasternorrland": (79.4, 78.2, 78.9, 80.1, 80.4, 80.0, 80.6),
        "orebro": (78.9, 77.6, 78.4, 79.6, 79.9, 79.5, 80.1),
        "dalarna": (81.2, 80.1, 80.9, 81.8, 82.0, 81.7, 82.2),
        "gavleborg": (76.8, 75.3, 76.2, 77.5, 77.9, 77.4, 78.1),
        "uppsala": (80.5, 79.6, 80.2, 81.1, 81.4, 81.2, 81.7),
    },
}

#: indicator key -> region slug -> (women, men) a year from :data:`FIRST_YEAR`
BY_GENDER = {
    "rus-17": {
        "vastmanland": ((70.9, 71.4, 72.8, 72.0, 73.1, 73.8, 74.5), (62.9, 63.8, 65.2, 64.4, 65.9, 66.8, 67.7)),
        "vasternorrland": ((73.8, 74.2, 74.9, 74.1, 75.0, 75.6, 76.0), (65.4, 66.2, 66.9, 66.5, 67.8, 68.4, 69.0)),
    },
    "rus-19": {
        "vastmanland": ((76.4, 75.2, 76.0, 77.3, 77.7, 77.4, 78.1), (80.7, 78.9, 79.9, 81.0, 81.2, 80.7, 81.4)),
        "vasternorrland": ((78.0, 77.1, 77.6, 78.9, 79.3, 78.9, 79.6), (80.7, 79.2, 80.1, 81.2, 81.4, 81.0, 81.5)),
        "gavleborg": ((75.1, 73.9, 74.6, 76.0, 76.5, 76.1, 76.9), (78.4, 76.6, 77.7, 78.9, 79.2, 78.6, 79.2)),
    },
}

#: what Västernorrland follows up itself (the fields of a region's own indicator)
OWN_INDICATOR = {
    "name": "Personer som validerats inom vård och omsorg",
    "name_en": "People validated in health and social care",
    "description": "Antal personer per år som fått sina kunskaper validerade mot vård- och omsorgsprogrammets "
                   "kurser. Regionen följer det som en del av satsningen på validering i fokusområde 3.",
    "description_en": "The number of people a year whose knowledge was validated against the courses of the "
                      "health and social care programme, followed up as part of the validation effort in "
                      "focus area 3.",
    "unit": "personer",
    "source": "Demodata: påhittade siffror",
}
OWN_FIRST_YEAR = 2021
#: region slug -> (total, women, men) a year from :data:`OWN_FIRST_YEAR`
OWN_VALUES = {
    "vasternorrland": ((142, 118, 24), (168, 138, 30), (195, 157, 38), (211, 168, 43), (236, 186, 50)),
    "jamtland": ((88, 75, 13), (97, 81, 16), (104, 86, 18), (118, 96, 22), (121, 98, 23)),
    "vasterbotten": ((176, 149, 27), (190, 158, 32), (204, 168, 36), (229, 186, 43), (247, 199, 48)),
}


def _count(counts, kind):
    counts[kind] = counts.get(kind, 0) + 1


def _values(indicator, regions, first_year, rows, existing, counts):
    """Add each (region slug, offset, value, women, men) the indicator has no value for yet."""
    for slug, offset, value, women, men in rows:
        year = first_year + offset
        if value is None or (indicator.id, regions[slug].id, year) in existing:
            continue
        services.add_value(indicator, regions[slug].id, year,
                           {"value": value, "value_women": women, "value_men": men}, demo=True)
        _count(counts, "indicator value")


def _rus_rows(key):
    for slug, totals in TOTALS[key].items():
        women, men = BY_GENDER.get(key, {}).get(slug, ((None,) * len(totals),) * 2)
        for offset, row in enumerate(zip(totals, women, men, strict=True)):
            yield (slug, offset, *row)


def load(regions, counts):
    """Write the demo's indicator values, and Västernorrland's own indicator (nothing the second
    time). ``regions``: slug -> region. Indicators a plugin that is not installed would declare
    are left out."""
    existing = set(db.session.execute(select(IndicatorValue.indicator_id, IndicatorValue.region_id,
                                             IndicatorValue.year)).all())
    vastmanland = {indicator.key: indicator for indicator in db.session.scalars(
        select(Indicator).where(Indicator.region_id == regions["vastmanland"].id))}
    for key in TOTALS:
        if key in vastmanland:
            _values(vastmanland[key], regions, FIRST_YEAR, _rus_rows(key), existing, counts)
    region = regions["vasternorrland"]
    own = db.session.scalar(select(Indicator).where(Indicator.region_id == region.id, Indicator.custom.is_(True),
                                                    Indicator.name == OWN_INDICATOR["name"]))
    if own is None:
        own = services.create_indicator(region, OWN_INDICATOR)
        _count(counts, "indicator")
    _values(own, regions, OWN_FIRST_YEAR, ((slug, offset, *row) for slug, rows in OWN_VALUES.items()
                                           for offset, row in enumerate(rows)), existing, counts)
