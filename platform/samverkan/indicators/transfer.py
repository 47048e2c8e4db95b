"""Indicator values in files: the columns of the import and of the CSV download, in one table (read
and written as Excel does in Sweden by :mod:`samverkan.sheets`).

One row is one value: an indicator (named by its region and key), the region the value describes,
the year, the value and, where the source gives them, the values for women and men. The download of
an indicator's table is this format, so a file downloaded, changed in Excel and imported updates
the same values. Numbers take a decimal comma or point and spaces between thousands ("1 234,5").
"""
from flask_babel import lazy_gettext as _l

from ..forms import decimal_number
from ..sheets import Invalid, Layout, as_text, shown, text
from ..sheets import column as _column
from .forms import FIRST_YEAR, LAST_YEAR


def number(value):
    """A decimal number, or a number cell; an empty cell is none."""
    if isinstance(value, bool):
        raise Invalid(_l("“%(value)s” is not a number.", value=shown(value)))
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return decimal_number(as_text(value))
    except ValueError:
        raise Invalid(_l("“%(value)s” is not a number (such as 42 or 3,5).", value=shown(value))) from None


def year(value):
    text_ = as_text(value).strip()
    if not text_:
        return None
    if not text_.isdigit() or not FIRST_YEAR <= int(text_) <= LAST_YEAR:
        raise Invalid(_l("“%(value)s” is not a year between %(first)d and %(last)d.", value=shown(value),
                         first=FIRST_YEAR, last=LAST_YEAR))
    return int(text_)


COLUMNS = (
    _column("indicator_region", "Indikatorns region", ["Indicator region", "Indikatorregion"], text(100),
            lambda v: v.indicator.region.slug,
            _l("The region whose indicator it is: its short name (such as vastmanland), name or county code. "
               "Required."), required=True),
    _column("indicator", "Indikator", ["Indicator", "Indicator key", "Nyckel", "Key"], text(300),
            lambda v: v.indicator.key,
            _l("The indicator's key (such as rus-17, shown on its page) or its name. Required."), required=True),
    _column("region", "Region", ["Län", "County"], text(100), lambda v: v.region.slug,
            _l("The county the value is for (any county): short name, name or county code (such as 19). "
               "Required."), required=True),
    _column("year", "År", ["Year"], year, lambda v: v.year, _l("The year, such as 2024. Required."),
            required=True),
    _column("value", "Värde", ["Value", "Totalt", "Total"], number, lambda v: v.value,
            _l("The value, in the indicator's unit. Required."), required=True),
    _column("value_women", "Kvinnor", ["Women"], number, lambda v: v.value_women,
            _l("The value for women, where the source gives it.")),
    _column("value_men", "Män", ["Men"], number, lambda v: v.value_men,
            _l("The value for men, where the source gives it.")),
    _column("source", "Källa", ["Source"], text(300), lambda v: v.source,
            _l("Where the value comes from, if not from the indicator's source.")),
)
LAYOUT = Layout(COLUMNS, "Indikatorvärden")
