"""The forms of forum models and forums."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from ..forms import Form
from ..i18n import localized

#: at most this many recurring agenda items in a model
MAX_AGENDA_ITEMS = 50


def agenda_lines(text):
    """The agenda items of the text area: one per non-empty line, trimmed."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class ForumModelForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    purpose = TextAreaField(_l("Purpose"), validators=[Length(max=5000)])
    participant_mix = TextAreaField(_l("Who takes part"), validators=[Length(max=5000)],
                                    description=_l("For example: 8–12 employers of one sector, a school leader, "
                                                   "the public employment service."))
    cadence = StringField(_l("Cadence"), validators=[Length(max=200)],
                          description=_l("How often it meets, in words (e.g. four meetings a year)."))
    meetings_per_year = IntegerField(_l("Meetings per year"), validators=[Optional(), NumberRange(min=1, max=365)])
    agenda = TextAreaField(_l("Recurring agenda items"), validators=[Length(max=20000)],
                           description=_l("One item per line, in their order."), render_kw={"rows": 8})
    published = BooleanField(_l("Published: other regions see the model and can start forums from it"))

    def validate_agenda(self, field):
        lines = agenda_lines(field.data)
        if len(lines) > MAX_AGENDA_ITEMS:
            raise ValidationError(_l("At most %(num)d agenda items.", num=MAX_AGENDA_ITEMS))
        if any(len(line) > 300 for line in lines):
            raise ValidationError(_l("An agenda item is at most 300 characters long."))


class ForumForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    purpose = TextAreaField(_l("Purpose"), validators=[Length(max=5000)])
    model = SelectField(_l("Forum model"), coerce=int, default=0,
                        description=_l("A published way of running a forum, from any region."))

    def __init__(self, models, *args, **kwargs):
        """``models``: the published forum models, offered grouped by region."""
        super().__init__(*args, **kwargs)
        self.model.choices = [SelectChoice(0, _l("No model"))] + [
            SelectChoice(model.id, model.name, optgroup=localized(model.region, "name").text) for model in models]
