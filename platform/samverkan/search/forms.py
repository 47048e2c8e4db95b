"""The search form: plain GET parameters, so that every search is a link."""
from flask_babel import lazy_gettext as _l
from wtforms import SearchField, SelectField
from wtforms.validators import Length, Optional

from ..forms import Form
from .models import KINDS

#: the longest query searched (a longer one is a 400 that says so)
MAX_QUERY = 200

KIND_LABELS = {
    "initiative": _l("Initiatives"),
    "actor": _l("Actors"),
    "network": _l("Networks"),
    "meeting": _l("Meetings"),
}
#: what one hit of each kind is called
KIND_NAMES = {
    "initiative": _l("Initiative"),
    "actor": _l("Actor"),
    "network": _l("Network"),
    "meeting": _l("Meeting"),
}


class SearchForm(Form):
    """No CSRF token: a search changes nothing. A value outside the choices is a form error."""

    class Meta:
        csrf = False

    q = SearchField(_l("Search for"), validators=[
                        Optional(), Length(max=MAX_QUERY, message=_l("Search for at most %(max)d characters."))],
                    description=_l("Words of a title or a text; a word also finds longer words that start "
                                   "with it."))
    kind = SelectField(_l("What"), validators=[Optional()])
    region = SelectField(_l("Region"), validators=[Optional()])

    def __init__(self, regions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [("", _l("Everything"))] + [(kind, KIND_LABELS[kind]) for kind in KINDS]
        self.region.choices = [("", _l("All regions"))] + regions

    @property
    def filters(self):
        """The parameters given, by name (what the pages' links carry)."""
        return {name: self[name].data for name in ("q", "kind", "region") if self[name].data}
