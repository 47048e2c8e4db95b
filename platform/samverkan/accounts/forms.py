from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from ..forms import Form
from ..roles import ROLES
from .passwords import MAX_LENGTH, password_problem


class NewPassword:
    """The password rules as a WTForms validator."""

    def __call__(self, form, field):
        email = getattr(form, "email_for_rules", None)
        problem = password_problem(field.data or "", email)
        if problem:
            raise ValidationError(problem)


def new_password_fields():
    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), NewPassword()],
        description=_l("At least 12 characters. A few words in a row make a good password."),
        render_kw={"autocomplete": "new-password", "maxlength": MAX_LENGTH},
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))],
        render_kw={"autocomplete": "new-password", "maxlength": MAX_LENGTH},
    )
    return password, confirm


class LoginForm(Form):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)],
                       render_kw={"autocomplete": "username"})
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=MAX_LENGTH)],
                             render_kw={"autocomplete": "current-password"})
    remember = BooleanField(_l("Keep me logged in on this device for 14 days"))


class LoginLinkForm(Form):
    """The page an e-mailed sign-in link opens: a button, so that a mail scanner that follows the
    link does not use it up."""

    remember = BooleanField(_l("Keep me logged in on this device for 14 days"))


class PasswordChangeForm(Form):
    current = PasswordField(_l("Current password"), validators=[DataRequired(), Length(max=MAX_LENGTH)],
                            render_kw={"autocomplete": "current-password"})
    password, confirm = new_password_fields()


class ResetRequestForm(Form):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)],
                       render_kw={"autocomplete": "email"})


class ResetForm(Form):
    password, confirm = new_password_fields()


class ProfileForm(Form):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)], render_kw={"autocomplete": "name"})


class GrantForm(Form):
    """Grant a role to a person by e-mail; an unknown e-mail creates the person."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    #: asked every time, so that the form's answer does not tell whether the address has an
    #: account; used only when it has none
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)],
                       description=_l("Used only if the address has no account yet."))
    role = SelectField(_l("Role"))

    def __init__(self, roles, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [(role, ROLES[role].label) for role in roles]
