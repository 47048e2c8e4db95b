"""The networks' forms: the list's filters, a network, its step on the staircase, a member."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from ..forms import CheckboxesField, Form
from ..i18n import localized
from ..plans.forms import PlanNodesField, node_query_field
from .stages import NETWORK_KINDS, STAGES


def stage_label(stage):
    """A step as the staircase names it: "Samtal – Vem vill och varför?" in the UI language."""
    return f"{localized(stage, 'name').text} – {localized(stage, 'question').text}"


class NetworkFilterForm(Form):
    """A plain GET form: filters change nothing, so it carries no CSRF token."""

    class Meta:
        csrf = False

    region = SelectField(_l("Region"), validators=[Optional()])
    theme = SelectField(_l("Theme"), validators=[Optional()])
    stage = SelectField(_l("Stage"), validators=[Optional()])
    kind = SelectField(_l("Kind"), validators=[Optional()])

    def __init__(self, regions, themes, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.region.choices = [("", _l("All regions"))] + [(r.slug, localized(r, "name").text) for r in regions]
        self.theme.choices = [("", _l("All themes"))] + [(t.slug, localized(t, "name").text) for t in themes]
        self.stage.choices = [("", _l("All stages"))] + [(s.key, localized(s, "name").text) for s in STAGES]
        self.kind.choices = [("", _l("All kinds"))] + list(NETWORK_KINDS.items())



class NetworkForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind"), validators=[DataRequired()])
    purpose = TextAreaField(_l("Purpose"), validators=[Length(max=5000)])
    regions = CheckboxesField(_l("Regions"), coerce=int)
    node_query = node_query_field()
    nodes = PlanNodesField(_l("Linked parts of the plans"), coerce=int,
                           refusal=_l("Link only parts of the plans of the network's regions. Tick a region "
                                      "above and press Find to see its plan."))

    def __init__(self, regions, fixed_region=None, *args, **kwargs):
        """``fixed_region``: the region a new network is created in, always one of its regions.
        The view sets ``nodes.choices`` (they depend on the regions chosen)."""
        super().__init__(*args, **kwargs)
        self.fixed_region = fixed_region
        self.kind.choices = list(NETWORK_KINDS.items())
        self.regions.choices = [(r.id, localized(r, "name").text) for r in regions]
        self.nodes.choices = []

    def validate_regions(self, field):
        if not field.data and self.fixed_region is None:
            raise ValidationError(_l("Choose at least one region."))


class StageForm(Form):
    stage = RadioField(_l("New stage"), validators=[DataRequired()])
    reason = TextAreaField(_l("Why"), validators=[DataRequired(), Length(max=5000)],
                           description=_l("What the network has reached, or why it steps back."))

    def __init__(self, current, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current
        self.stage.choices = [(s.key, stage_label(s)) for s in STAGES]

    def validate_stage(self, field):
        if field.data == self.current:
            raise ValidationError(_l("The network is at this stage already."))


class MemberForm(Form):
    actor = SelectField(_l("Actor"), coerce=int, default=0)
    email = EmailField(_l("Or a person (e-mail of their account)"),
                       validators=[Optional(), Email(), Length(max=254)])
    coordinator = BooleanField(_l("Coordinator (a person only: manages the network's forums and meetings)"))

    def __init__(self, actors, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor.choices = [(0, _l("No actor"))] + [(a.id, a.name) for a in actors]

    def validate(self, extra_validators=None):
        if not super().validate(extra_validators):
            return False
        if bool(self.actor.data) == bool(self.email.data):
            self.actor.errors.append(_l("Choose an actor or give a person's e-mail, one of them."))
            return False
        if self.coordinator.data and not self.email.data:
            self.coordinator.errors.append(_l("Only a person can coordinate a network."))
            return False
        return True
