"""The forms of a competence-supply plan: starting it, a part's gap and need, an activity, the summary."""
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from ..forms import CheckboxesField, Form
from .models import HORIZONS
from .services import YEARS

TEXT_MAX = 5000


class StartPlanForm(Form):
    region = SelectField(_l("Region"), coerce=int, validators=[InputRequired()],
                         description=_l("The region whose template structures the plan and whose goals it serves."))
    year = IntegerField(_l("Year"), validators=[InputRequired(message=_l("Give the year the plan is for.")),
                                                NumberRange(min=YEARS.start, max=YEARS.stop - 1)])


class PartForm(Form):
    gap = TextAreaField(_l("Competence gap"), validators=[Length(max=TEXT_MAX)],
                        description=_l("Where the competence the organisation has falls short of what it needs."))
    need = TextAreaField(_l("Need"), validators=[Length(max=TEXT_MAX)],
                         description=_l("The competence the organisation needs, and how much of it."))


class SummaryForm(Form):
    summary = TextAreaField(_l("Summary"), validators=[Length(max=TEXT_MAX)],
                            description=_l("The plan's main points this year, in a few sentences."))


class ActivityForm(Form):
    section = SelectField(_l("Section"), validators=[InputRequired()])
    horizon = SelectField(_l("Horizon"), validators=[InputRequired()])
    title = StringField(_l("Activity"), validators=[DataRequired(message=_l("Name the activity.")),
                                                    Length(max=300)])
    description = TextAreaField(_l("Description"), validators=[Length(max=TEXT_MAX)])
    responsible = StringField(_l("Responsible"), validators=[Length(max=200)],
                              description=_l("Who is responsible for carrying it out: a role or a unit."))
    follow_up = TextAreaField(_l("Follow-up"), validators=[Length(max=TEXT_MAX)],
                              description=_l("How and when it is followed up."))
    nodes = CheckboxesField(_l("Plan goals it serves"), coerce=int)

    def __init__(self, sections, goals, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.section.choices = sections
        self.horizon.choices = [(key, str(label)) for key, label in HORIZONS.items()]
        self.nodes.choices = goals


class MoveForm(Form):
    direction = HiddenField(validators=[InputRequired()])
