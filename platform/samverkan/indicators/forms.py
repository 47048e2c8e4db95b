"""The forms of indicators: a region's own indicator (or the source of a plugin's), and a value."""
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from ..forms import Form, NumberField
from ..i18n import localized

#: the years a value may be given for
FIRST_YEAR, LAST_YEAR = 1950, 2100


def _none_if_empty(value):
    return value or None


class SourceForm(Form):
    """What a region records of a plugin's indicator: where its values come from."""

    source = StringField(_l("Source"), validators=[Length(max=300)],
                         description=_l("Where the values come from, such as “Kolada N00914” or a survey."))

    def values(self):
        return {name: field.data for name, field in self._fields.items() if name != "csrf_token"}


class IndicatorForm(SourceForm):
    """A region's own indicator."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=300)])
    name_en = StringField(_l("Name in English"), validators=[Length(max=300)], filters=[_none_if_empty])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)],
                                description=_l("What the indicator measures and why the region follows it."))
    description_en = TextAreaField(_l("Description in English"), validators=[Length(max=5000)],
                                   filters=[_none_if_empty])
    unit = StringField(_l("Unit"), validators=[Length(max=40)], description=_l("Such as %, people or SEK."))


class ValueForm(Form):
    """A value of an indicator for one region in one year, in total and for women and men."""

    year = IntegerField(_l("Year"), validators=[InputRequired(_l("Give the year, such as 2024.")),
                                                NumberRange(FIRST_YEAR, LAST_YEAR)],
                        render_kw={"inputmode": "numeric", "autocomplete": "off"})
    region = SelectField(_l("Region"), coerce=int, validators=[InputRequired()],
                         description=_l("The county the value is for: any county, so that regions can be "
                                        "compared."))
    value = NumberField(_l("Value"), validators=[InputRequired(_l("Give the value, such as 42 or 3,5."))])
    value_women = NumberField(_l("Women"), validators=[Optional()],
                              description=_l("Where the source gives the value for women and men."))
    value_men = NumberField(_l("Men"), validators=[Optional()])
    source = StringField(_l("Source"), validators=[Length(max=300)],
                         description=_l("Where this value comes from, if not from the indicator's source."))

    def __init__(self, regions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.region.choices = [(region.id, localized(region, "name").text) for region in regions]

    def values(self):
        return {name: self[name].data for name in ("value", "value_women", "value_men", "source")}
