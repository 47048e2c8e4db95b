"""The plan-node picker's fields, which every form that links to a plan uses (initiatives,
networks, meetings and their actions), and the form with which a region admin links an initiative
to the current version of the plan."""
from flask import request
from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, StringField
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import HiddenInput

from ..forms import CheckboxesField, Form

#: how many nodes the plan-node picker shows for a search
NODE_MATCHES = 30


def node_query_field():
    """The picker's search field: its matches are shown to tick, and nothing is saved by it."""
    return StringField(_l("Find plan nodes"), validators=[Optional(), Length(max=100)],
                       description=_l("A word of a goal, focus area or direction, or its code."))


class PlanNodesField(CheckboxesField):
    """The linked plan nodes of the picker: only its choices, with ``refusal`` as the message for
    any other (by default: nodes of the plans of the initiative's regions)."""

    def __init__(self, *args, refusal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.refusal = refusal or _l("Link only plan nodes of the lead region's or a partner region's plan. A node "
                                     "of another region's plan can be linked once that region is a partner region.")

    def pre_validate(self, form):
        offered = {value for value, _label in self.choices or ()}
        if any(value not in offered for value in self.data or ()):
            raise ValidationError(self.refusal)


def shown_nodes(form, limit=NODE_MATCHES):
    """The plan nodes the picker of ``form`` (with ``nodes`` and ``node_query``) shows, in the
    order of its choices (the plans' order): without a search every one, the whole tree; with one,
    every node linked (a node left out would be unlinked by the next save) and at most ``limit``
    others that match."""
    if not (text := (form.node_query.data or "").strip().casefold()):
        return [node for _node_id, node in form.nodes.choices]
    linked, shown, matches = set(form.nodes.data or ()), [], 0
    for node_id, node in form.nodes.choices:
        if node_id in linked:
            shown.append(node)
        elif matches < limit and (text in node.title.casefold() or text in node.code.casefold()
                                  or text in (node.title_en or "").casefold()):
            shown.append(node)
            matches += 1
    return shown


def finding_nodes():
    """The no-JavaScript search of the picker: the form comes back with the matches, unsaved."""
    return request.method == "POST" and "find_nodes" in request.form


class RelinkForm(Form):
    """The initiative form's plan-node picker on its own: the nodes of the region's current plan."""

    node_query = node_query_field()
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
