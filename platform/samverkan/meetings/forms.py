"""The forms of meetings and their parts. Choices that depend on the forum (plan nodes, actors,
decisions) are given by the view, from :mod:`.queries`."""

from flask_babel import lazy_gettext as _l
from wtforms import (DateField, EmailField, IntegerField, SelectChoice, SelectField, StringField, TextAreaField,
                     TimeField)
from wtforms.validators import AnyOf, DataRequired, Email, InputRequired, Length, NumberRange, Optional, ValidationError

from ..accounts.services import find_person
from ..forms import Form, web_address
from ..plans.forms import PlanNodesField, node_query_field
from .models import MEETING_STATUSES
from ..times import NonexistentTime, to_utc

STATUS_LABELS = {"planned": _l("Planned"), "held": _l("Held"), "cancelled": _l("Cancelled")}
assert set(STATUS_LABELS) == set(MEETING_STATUSES)


def optional_int(value):
    """Coerce a select's value: the empty choice is None."""
    return None if value in (None, "", "None") else int(value)


def _choice_id(value):
    """Like :func:`optional_int`, but a value that is no number stays as sent, so that the field's
    own check refuses it with its message (not WTForms' "could not coerce")."""
    try:
        return optional_int(value)
    except (TypeError, ValueError):
        return value


class MeetingForm(Form):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    day = DateField(_l("Date"), validators=[InputRequired()])
    starts = TimeField(_l("Starts"), validators=[InputRequired()],
                       description=_l("Swedish time (Europe/Stockholm)."))
    ends = TimeField(_l("Ends"), validators=[InputRequired()])
    place = StringField(_l("Place"), validators=[Length(max=300)],
                        description=_l("An address or a room. Give a place, a video link or both."))
    video_url = StringField(_l("Video link"), validators=[Optional(), Length(max=500), web_address],
                            render_kw={"type": "url", "inputmode": "url"})
    capacity = IntegerField(_l("Seats"), validators=[Optional(), NumberRange(min=1, max=100_000)],
                            description=_l("Leave empty for no limit."), render_kw={"min": 1})
    status = SelectField(_l("Status"), default="planned")
    node_query = node_query_field()
    nodes = PlanNodesField(_l("Parts of the plan the meeting serves"), coerce=int,
                           refusal=_l("Link only parts of the plans of the forum's regions."))

    def __init__(self, nodes, *args, **kwargs):
        """``nodes``: the plan nodes the picker offers (``queries.plan_nodes``)."""
        super().__init__(*args, **kwargs)
        self.nodes.choices = [(node.id, node) for node in nodes]
        self.status.choices = list(STATUS_LABELS.items())
        self.starts_at = self.ends_at = None

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if not (self.place.data or "").strip() and not self.video_url.data:
            self.place.errors.append(_l("Give a place, a video link or both."))
            valid = False
        if self.day.data and self.starts.data and self.ends.data:
            try:
                self.starts_at = to_utc(self.day.data, self.starts.data)
            except NonexistentTime:
                self.starts.errors.append(_l("This time does not exist on that day: the clocks move forward "
                                             "from 02:00 to 03:00."))
                return False
            try:
                self.ends_at = to_utc(self.day.data, self.ends.data)
            except NonexistentTime:
                self.ends.errors.append(_l("This time does not exist on that day: the clocks move forward "
                                           "from 02:00 to 03:00."))
                return False
            if self.ends_at <= self.starts_at:
                self.ends.errors.append(_l("The meeting must end after it starts."))
                valid = False
        return valid


class AgendaItemForm(Form):
    title = StringField(_l("Agenda item"), validators=[DataRequired(), Length(max=300)])
    notes = TextAreaField(_l("Notes"), validators=[Length(max=5000)], render_kw={"rows": 2})


class MoveForm(Form):
    direction = StringField(validators=[AnyOf(("up", "down"))])


class MinutesForm(Form):
    # (an id of its own: the meeting page's section of the minutes is "#minutes")
    minutes = TextAreaField(_l("Minutes"), id="minutes-text", validators=[Length(max=100_000)], render_kw={"rows": 12},
                            description=_l("Markdown: a blank line between paragraphs, **bold**, *italic*, "
                                           "lists with - and headings with ##."))


class DecisionForm(Form):
    text = TextAreaField(_l("Decision"), validators=[DataRequired(), Length(max=5000)], render_kw={"rows": 2})


class ActionForm(Form):
    what = TextAreaField(_l("What is to be done"), validators=[DataRequired(), Length(max=5000)],
                         render_kw={"rows": 2})
    owner_email = EmailField(_l("Owner: a person's e-mail"), validators=[Optional(), Email(), Length(max=254)],
                             description=_l("Of an account in Samverkan. Or choose an actor below."))
    owner_actor = SelectField(_l("Owner: an actor"), coerce=optional_int, validate_choice=True)
    due_on = DateField(_l("Due date"), validators=[InputRequired()])
    node = SelectField(_l("Part of the plan it serves"), coerce=optional_int)
    decision = SelectField(_l("Follows from the decision"), coerce=optional_int)
    #: checked by :meth:`validate_initiative`, with a message that says which initiatives count
    initiative = SelectField(_l("Initiative it serves"), coerce=_choice_id, validate_choice=False,
                             description=_l("Optional: an initiative of the forum's regions."))

    def __init__(self, actor_choices, node_choices, decision_choices, *args, initiative_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        none = [(None, "–")]
        self.owner_actor.choices = none + actor_choices
        self.node.choices = [SelectChoice(None, "–"), *node_choices]
        self.decision.choices = none + decision_choices
        self.initiative.choices = none + list(initiative_choices)
        self.owner_person = None

    def validate_initiative(self, field):
        if field.data is not None and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Choose an initiative that one of the forum's regions leads or takes part in."))

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if not valid:
            return False
        if self.owner_email.data and self.owner_actor.data is not None:
            self.owner_email.errors.append(_l("Give either a person or an actor, not both."))
            return False
        if self.owner_email.data:
            self.owner_person = find_person(self.owner_email.data)
            if self.owner_person is None:
                self.owner_email.errors.append(_l("No account has this e-mail address."))
                return False
        elif self.owner_actor.data is None:
            self.owner_email.errors.append(_l("Give the person or the actor who owns the action."))
            return False
        return True
