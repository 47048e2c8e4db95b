"""The national comparison's filters: the initiative list's filters on what an initiative is, and
whether the figures are counts or budgets."""
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField
from wtforms.validators import Optional

from ..initiatives.forms import (ALL_STATUSES_CHOICE, UNDER_WAY_CHOICE, InitiativeFacetsForm, KeptSelect,
                                 status_choices)
from ..initiatives.vocabulary import UNDER_WAY

#: what the figures count, by the ``measure`` parameter
MEASURES = {"count": _l("Number of initiatives"), "budget": _l("Budget (SEK)")}


class CompareForm(InitiativeFacetsForm):
    """Without a status the comparison counts the initiatives under way (``status=active``), as
    the plan pages' coverage does; ``status=`` (empty) counts every status."""

    status = SelectField(_l("Status"), default=UNDER_WAY, validators=[Optional()], widget=KeptSelect())
    measure = RadioField(_l("Show"), default="count", validators=[Optional()])

    def __init__(self, kinds, *args, **kwargs):
        super().__init__(kinds, *args, **kwargs)
        self.status.choices = status_choices(UNDER_WAY_CHOICE, ALL_STATUSES_CHOICE)
        self.measure.choices = [(key, str(label)) for key, label in MEASURES.items()]

    @property
    def args(self):
        """The query parameters of these filters and measure, for the comparison's own links (an
        empty status, every status, is said: left out, it would mean those under way)."""
        return {**self.filters, "status": self.status.data or "", "measure": self.measure.data}
