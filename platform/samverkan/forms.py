"""The base of every form: text fields refuse control characters, with a message the person can act on.

A NUL byte makes PostgreSQL refuse the query (a 500), and other control characters are invisible
in every page that later shows the text. Every form derives from :class:`Form`, so a new field is
covered without anyone remembering to add a validator.
"""
import re
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField, TextAreaField
from wtforms.validators import StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

#: C0 control characters and DEL: never in a single line of text
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
#: the same, less tab and the line breaks a text area sends
CONTROL_CHARACTERS_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(value, multiline=False):
    """Whether ``value`` holds a character no field of that kind takes."""
    pattern = CONTROL_CHARACTERS_IN_TEXT if multiline else CONTROL_CHARACTERS
    return bool(value) and pattern.search(value) is not None


class NoControlCharacters:
    """Refuse control characters; stops the field's other validators (their messages would mislead)."""

    def __init__(self, multiline=False):
        self.multiline = multiline

    def __call__(self, form, field):
        if isinstance(field.data, str) and has_control_characters(field.data, self.multiline):
            raise StopValidation(_l("This field contains an invisible control character (such as a "
                                    "line break or a NUL byte). Remove it and try again."))


class Form(FlaskForm):
    """The base class of every form of Samverkan and its plugins."""

    class Meta(FlaskForm.Meta):
        def bind_field(self, form, unbound_field, options):
            """Put :class:`NoControlCharacters` first on every text field (and its subclasses:
            e-mail, password, text area, hidden)."""
            field = super().bind_field(form, unbound_field, options)
            if isinstance(field, StringField):
                # a new list: the list given in the field's declaration is shared by every form
                field.validators = [NoControlCharacters(multiline=isinstance(field, TextAreaField)),
                                    *field.validators]
            return field


class CheckboxesField(SelectMultipleField):
    """A choice of several as a list of checkboxes: every option visible, keyboard friendly
    (shown with the ``checkboxes`` macro of ``partials/forms.html``)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def is_web_address(text):
    """Only http and https: a ``javascript:`` address would run when its link is followed."""
    parts = urlsplit(text.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def web_address(form, field):
    if field.data and not is_web_address(field.data):
        raise ValidationError(_l("Give a web address that starts with https:// or http://."))
