"""The form of a status assessment."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, RadioField, TextAreaField
from wtforms.validators import InputRequired, Length, ValidationError

from ..forms import Form
from ..times import today
from .models import ASSESSMENT_STATUSES


class AssessmentForm(Form):
    assessed_on = DateField(_l("Date of the assessment"), validators=[InputRequired()],
                            description=_l("The day the council made the assessment: today or earlier."))
    status = RadioField(_l("Status"), validators=[InputRequired()])
    prioritised = BooleanField(_l("The council prioritises this part of the plan"))
    comment = TextAreaField(_l("Comment"), validators=[Length(max=5000)],
                            description=_l("What the assessment rests on, and what is needed next."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = list(ASSESSMENT_STATUSES.items())

    def validate_assessed_on(self, field):
        if field.data and field.data > today():
            raise ValidationError(_l("An assessment cannot be dated in the future."))
