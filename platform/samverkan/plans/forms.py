"""The form with which a region admin links an initiative to the current version of the plan."""
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, StringField
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import HiddenInput

from ..forms import Form
from ..initiatives.forms import PlanNodesField


class RelinkForm(Form):
    """The initiative form's plan-node picker on its own: the nodes of the region's current plan."""

    node_query = StringField(_l("Find plan nodes"), validators=[Optional(), Length(max=100)],
                             description=_l("A word of a goal, focus area or direction, or its code."))
    nodes = PlanNodesField(_l("Parts of the current plan"), coerce=int,
                           refusal=_l("Choose only parts of the region's current plan."))
    #: the region whose plan the picker searches as the person types (what
    #: ``initiatives.node_options`` reads); it changes nothing here
    lead_region = HiddenField()
    #: the version of the initiative the admin opened: a relink over a newer one is a conflict
    version = IntegerField(widget=HiddenInput(), validators=[InputRequired()])

    def validate_nodes(self, field):
        if not field.data:
            raise ValidationError(_l("Choose at least one part of the current plan."))
