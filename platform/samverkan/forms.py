"""The base of every form: text fields refuse control characters, with a message the person can act
on, and every field renders as valid HTML however many forms a page holds.

A NUL byte makes PostgreSQL refuse the query (a 500), and other control characters are invisible
in every page that later shows the text. Every form derives from :class:`Form`, so a new field is
covered without anyone remembering to add a validator or a widget.
"""
import math
import re
from urllib.parse import urlsplit

from babel.numbers import get_decimal_symbol
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FloatField, SelectMultipleField, StringField, TextAreaField, widgets
from wtforms.csrf.core import CSRFTokenField
from wtforms.validators import StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

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


class Select(widgets.Select):
    """A single choice that is required says so to assistive technology (``aria-required``), not
    with HTML's ``required``: a select always sends one of its options, and HTML allows
    ``required`` on one only if its first option is an empty placeholder. The field's validators
    still refuse a value that is not one of its choices."""

    def __call__(self, field, **kwargs):
        if field.flags.required or kwargs.get("required"):
            kwargs["required"] = False
            kwargs.setdefault("aria-required", "true")
        return super().__call__(field, **kwargs)


class Form(FlaskForm):
    """The base class of every form of Samverkan and its plugins."""

    class Meta(FlaskForm.Meta):
        def bind_field(self, form, unbound_field, options):
            """Put :class:`NoControlCharacters` first on every text field (and its subclasses:
            e-mail, password, text area, hidden); render single choices with :class:`Select`, and
            the CSRF token without an ``id`` (a page with two forms would have it twice)."""
            field = super().bind_field(form, unbound_field, options)
            if isinstance(field, StringField):
                # a new list: the list given in the field's declaration is shared by every form
                field.validators = [NoControlCharacters(multiline=isinstance(field, TextAreaField)),
                                    *field.validators]
            if isinstance(field, CSRFTokenField):
                field.id = False
            elif type(field.widget) is widgets.Select and not field.widget.multiple:
                field.widget = Select()
            return field


class ConfirmForm(Form):
    """A form with nothing but its CSRF token, for buttons that change something."""


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


#: the largest number a field or a file may give: a typo of many digits is refused, not stored
MAX_NUMBER = 1e12


def decimal_number(text):
    """A number as people in Sweden write it: a decimal comma or point, spaces between thousands,
    a minus sign or a hyphen. None for an empty text; ValueError for anything else (a word,
    ``nan``, ``inf``, a number too large to be meant)."""
    text = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    text = text.replace("−", "-").replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or abs(value) > MAX_NUMBER \
            or not all(ch.isdigit() or ch in "+-.eE" for ch in text):
        raise ValueError(f"not a number: {text!r}")
    return value


class NumberField(FloatField):
    """A number as people in Sweden write it (:func:`decimal_number`).

    Anything else is a form error that says what to write, never a 500 and never a value stored.
    A text input (with a decimal keyboard on phones), since a browser's number input refuses a
    comma in some languages.
    """

    widget = TextInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "decimal", "autocomplete": "off"})
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        try:
            self.data = decimal_number(valuelist[0])
        except ValueError:
            self.data = None
            raise ValueError(_l("Give a number, such as 42 or 3,5.")) from None

    def _value(self):
        """The value as the person would write it (42, 3,5), not as Python does (42.0, 3.5)."""
        if self.raw_data:
            return self.raw_data[0]
        if self.data is None:
            return ""
        return ("%.15g" % self.data).replace(".", get_decimal_symbol(get_locale()))
