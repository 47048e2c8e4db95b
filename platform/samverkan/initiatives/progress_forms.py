"""The forms of progress reports and reporting periods."""
from flask_babel import lazy_gettext as _l
from wtforms import DateField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from ..forms import Form, NumberField
from ..i18n import localized

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
