"""The forms of progress reports and reporting periods."""
import math

from babel.numbers import get_decimal_symbol
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import DateField, FloatField, StringField, TextAreaField
from wtforms.widgets import TextInput
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from ..forms import Form
from ..i18n import localized

#: the largest value an indicator may be given: a typo of many digits is refused, not stored
MAX_VALUE = 1e12


class NumberField(FloatField):
    """A number as people in Sweden write it: a decimal comma or point, spaces between thousands.

    Anything else (a word, ``nan``, ``inf``, a number too large to be meant) is a form error
    that says what to write, never a 500 and never a value stored. A text input (with a decimal
    keyboard on phones), since a browser's number input refuses a comma in some languages.
    """

    widget = TextInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = valuelist[0].strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        text = text.replace("−", "-").replace(",", ".")
        if not text:
            self.data = None
            return
        try:
            value = float(text)
        except ValueError:
            value = None
        if value is None or not math.isfinite(value) or abs(value) > MAX_VALUE \
                or not all(ch.isdigit() or ch in "+-.eE" for ch in text):
            self.data = None
            raise ValueError(_l("Give a number, such as 42 or 3,5."))
        self.data = value

    def _value(self):
        """The value as the person would write it (42, 3,5), not as Python does (42.0, 3.5)."""
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return ("%.15g" % self.data).replace(".", get_decimal_symbol(get_locale()))


class ProgressForm(Form):
    """What happened, the next steps, and a value for each of the initiative's indicators
    (fields ``indicator_<id>``, added per initiative by :func:`progress_form`)."""

    reported_on = DateField(_l("Date"), validators=[InputRequired()],
                            description=_l("The day the report is about, usually today."))
    happened = TextAreaField(_l("What happened"), validators=[DataRequired(), Length(max=20000)])
    next_steps = TextAreaField(_l("Next steps"), validators=[Length(max=20000)])

    @property
    def indicator_fields(self):
        return [field for field in self if field.short_name.startswith("indicator_")]

    def indicator_values(self):
        """indicator id -> the value given (indicators left empty are not in it)."""
        return {int(field.short_name.removeprefix("indicator_")): field.data
                for field in self.indicator_fields if field.data is not None}


def progress_form(indicators, **kwargs):
    """A :class:`ProgressForm` with a number field for each of ``indicators``."""

    class _Form(ProgressForm):
        pass

    for indicator in indicators:
        label = localized(indicator, "name").text + (f" ({indicator.unit})" if indicator.unit else "")
        description = localized(indicator, "description").text or None
        setattr(_Form, f"indicator_{indicator.id}",
                NumberField(label, validators=[Optional()], description=description))
    return _Form(**kwargs)


class ReportingPeriodForm(Form):
    """A period a region asks its initiatives to report on. Overlaps with the region's other
    periods are checked by :func:`samverkan.initiatives.progress_services.period_problem`."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=100)],
                       description=_l("For example “Vår 2026”."))
    starts_on = DateField(_l("Start"), validators=[InputRequired()])
    ends_on = DateField(_l("End"), validators=[InputRequired()])
    due_on = DateField(_l("Report due"), validators=[InputRequired()],
                       description=_l("The last day to report on the period; on or after its end."))

    def validate_ends_on(self, field):
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The end cannot be before the start."))

    def validate_due_on(self, field):
        if field.data and self.ends_on.data and field.data < self.ends_on.data:
            raise ValidationError(_l("The report cannot be due before the period ends."))
