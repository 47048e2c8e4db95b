"""The form to adopt a practice (a withdrawal is confirmed with
:class:`samverkan.accounts.forms.ConfirmForm`); the library's filters are the initiative list's."""
from flask_babel import lazy_gettext as _l
from wtforms import DateField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import Form
from ..i18n import localized


class AdoptionForm(Form):
    region = SelectField(_l("Adopting region"), coerce=int,
                         description=_l("One of the regions whose plan space you keep."))
    initiative = SelectField(_l("The region's own initiative"), validators=[Optional()],
                             description=_l("Optional: the initiative of your region that carries the practice on."))
    adopted_on = DateField(_l("Adopted on"), validators=[DataRequired()])
    note = TextAreaField(_l("Note"), validators=[Length(max=2000)],
                         description=_l("For example what the region does differently."))

    def __init__(self, regions, initiatives, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.region.choices = [(region.id, localized(region, "name").text) for region in regions]
        self.initiative.choices = [("", _l("None"))] + [(str(i.id), i.title) for i in initiatives]

    @property
    def initiative_id(self):
        return int(self.initiative.data) if self.initiative.data else None

