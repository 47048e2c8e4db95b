"""The forms of running a survey round: opening it, an invitation's address, inviting one more
employer. The views hand in the region's actors; a choice outside them is a form error."""
from flask_babel import lazy_gettext as _l
from wtforms import DateField, EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, InputRequired, Length, ValidationError

from ..forms import CheckboxesField, Form
from .questions import CURRENT_QUESTION_SET, QUESTION_SETS


class RoundForm(Form):
    """A new round: its title, period, question set and the employers it invites."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)],
                        description=_l("Such as “Kompetensbehov 2027”."))
    opens_on = DateField(_l("Opens on"), validators=[InputRequired(_l("Give the day the round opens."))])
    closes_on = DateField(_l("Closes on"), validators=[InputRequired(_l("Give the last day answers are taken."))],
                          description=_l("The last day answers are taken; the round closes after it."))
    question_set_version = SelectField(_l("Question set"), coerce=int, default=CURRENT_QUESTION_SET,
                                       validators=[InputRequired()])
    actors = CheckboxesField(_l("Employers invited"), coerce=int)

    def __init__(self, actors, emails, today, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.question_set_version.choices = [(version, str(question_set.label))
                                             for version, question_set in sorted(QUESTION_SETS.items())]
        self.actors.choices = [(actor.id, actor_label(actor, emails.get(actor.id))) for actor in actors]

    def validate_closes_on(self, field):
        if field.data is None:
            return
        if self.opens_on.data is not None and field.data < self.opens_on.data:
            raise ValidationError(_l("The round cannot close before it opens."))
        if field.data < self.today:
            raise ValidationError(_l("The closing day has passed: choose today or a later day."))

    def validate_actors(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one employer to invite."))


def actor_label(actor, email):
    if email:
        return f"{actor.name} – {email}"
    return f"{actor.name} – " + str(_l("no e-mail address yet"))


def _stripped(value):
    return value.strip() if isinstance(value, str) else value


class InvitationEmailForm(Form):
    """Where an invitation and its reminders go."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)], filters=[_stripped])


class InviteForm(Form):
    """One more of the region's actors for an open or upcoming round."""

    actor = SelectField(_l("Actor"), coerce=int, validators=[InputRequired(_l("Choose an actor."))])
    email = EmailField(_l("E-mail"), validators=[Length(max=254)], filters=[_stripped],
                       description=_l("Leave it empty for the address of the actor's contact person."))

    def __init__(self, actors, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor.choices = [(actor.id, actor.name) for actor in actors]

    def validate_email(self, field):
        if field.data:
            Email()(self, field)
