"""The actor list's filters, the actor form and the form that adds a person to an actor."""

from flask_babel import lazy_gettext as _l
from stdnum.se import orgnr
from wtforms import EmailField, SelectField, StringField, TextAreaField, URLField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from ..accounts.forms import ProfileForm, new_password_fields
from ..forms import CheckboxesField, Form, web_address
from ..roles import INVITED_ROLES, MEMBER, label
from .kinds import MEMBERSHIP_ROLES


class ActorFilterForm(Form):
    """A plain GET form: filters change nothing, so it carries no CSRF token. A value that is not
    among the choices is a form error (a 400 saying which), not an empty page without a reason."""

    class Meta:
        csrf = False

    q = StringField(_l("Name contains"), validators=[Optional(), Length(max=200)])
    kind = SelectField(_l("Kind of actor"), validators=[Optional()])
    region = SelectField(_l("Region"), validators=[Optional()])
    municipality = SelectField(_l("Municipality"), validators=[Optional()])

    def __init__(self, kinds, regions, municipalities, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [("", _l("All kinds"))] + list(kinds.items())
        self.region.choices = [("", _l("All regions"))] + regions
        self.municipality.choices = [("", _l("All municipalities"))] + [(m, m) for m in municipalities]


def valid_org_number(form, field):
    if not orgnr.is_valid(field.data):
        raise ValidationError(_l("This is not a valid Swedish organisation number (ten digits, "
                                 "such as 556036-0793)."))




class ActorForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind of actor"))
    municipality = SelectField(_l("Municipality"), validators=[Optional()], description=_l("Where the actor is based, if in one municipality."))
    org_number = StringField(_l("Organisation number"), validators=[Optional(), Length(max=20), valid_org_number],
                             description=_l("Optional. Ten digits, such as 556036-0793."))
    website = URLField(_l("Website"), validators=[Optional(), Length(max=500), web_address],
                       description=_l("Optional. A full address, such as https://www.example.se."))
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])
    #: the boxes are the regions the person may change; a region posted beyond them is left to the
    #: actors service, which refuses it saying why
    regions = CheckboxesField(_l("Regions"), validate_choice=False)

    def __init__(self, kinds, municipalities, regions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = list(kinds.items())
        self.municipality.choices = [("", _l("No municipality"))] + [(m, m) for m in municipalities]
        self.regions.choices = regions


class MembershipForm(Form):
    """A person into the actor: an account that can sign in is added at once, any other address
    is invited by e-mail (``services.invite``)."""

    email = EmailField(_l("E-mail of the person"), validators=[DataRequired(), Email(), Length(max=254)],
                       description=_l("Someone who cannot log in to Samverkan yet gets an invitation by e-mail: "
                                      "its link lets them choose a password."))
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)],
                       description=_l("For an invitation: the person can change it when they accept."))
    role = SelectField(_l("Role in the actor"))
    #: the least the person may need unless the admin chooses more
    account_role = SelectField(_l("Role in the region"), default=MEMBER,
                               description=_l("A project lead saves the initiatives of the actors they belong "
                                              "to; a member registers for meetings."))
    #: shown only when there is more than one to choose from
    region = SelectField(_l("For the region"), validators=[Optional()],
                         description=_l("The person acts for the actor on behalf of this region. Only its "
                                        "administrators can remove them again."))

    def __init__(self, regions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = list(MEMBERSHIP_ROLES.items())
        self.account_role.choices = [(role, label(role)) for role in INVITED_ROLES]
        self.region.choices = regions


class AcceptInvitationForm(ProfileForm):
    """The invited person's name, as they want it shown, and their new password."""

    password, confirm = new_password_fields()
