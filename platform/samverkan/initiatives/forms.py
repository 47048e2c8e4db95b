"""The initiative list's filters and the initiative form, with its plan-node picker."""
from flask_babel import lazy_gettext as _l
from wtforms import (BooleanField, DateField, EmailField, HiddenField, IntegerField, SelectField,
                     SelectMultipleField, StringField, TextAreaField)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import Select

from ..forms import CheckboxesField, Form, is_web_address
from ..i18n import localized
from ..plans.forms import PlanNodesField, node_query_field
from ..urls import MAX_ID
from .vocabulary import EQUALITY_PERSPECTIVES, FUNDING_SOURCES, STATUSES, TARGET_GROUPS, UNDER_WAY

#: what a budget or an amount may be, in kronor (a typo of many zeros is refused, not stored)
MAX_AMOUNT_SEK = 10_000_000_000


class KeptSelect(Select):
    """A ``<select>`` rendered once per worker for each set of choices, choice and attributes, and
    kept (the filter form's lists are the same for every visitor; rendering their options is a
    good part of what a list page costs)."""

    def __init__(self, kept=256):
        super().__init__()
        self.kept, self.rendered = kept, {}

    def __call__(self, field, **kwargs):
        key = (field.name, field.id, tuple(field.choices), field.data, tuple(sorted(kwargs.items())))
        html = self.rendered.get(key)
        if html is None:
            html = super().__call__(field, **kwargs)
            if len(self.rendered) >= self.kept:
                self.rendered.clear()
            self.rendered[key] = html
        return html


#: the years a period filter takes
FIRST_YEAR, LAST_YEAR = 1990, 2100


def status_choices(*first):
    """The status filter's choices, ``first`` before the statuses: labels as plain text once (a lazy
    one is translated again at every use while rendering)."""
    return [(key, str(label)) for key, label in first] + [(key, str(label)) for key, label in STATUSES.items()]


UNDER_WAY_CHOICE = (UNDER_WAY, _l("Under way (planned or running)"))
ALL_STATUSES_CHOICE = ("", _l("All statuses"))


class InitiativeFacetsForm(Form):
    """The filters on what an initiative is: its status, target group, owner's kind of actor, a source
    of its funding and the years it runs in. Shared by the initiative list and the national
    comparison, whose figures link to the list with the same filters: both read them alike
    (:func:`samverkan.initiatives.queries.described`).

    A plain GET form (no CSRF token: filters change nothing). A value that is not among the
    choices is a form error, answered with a 400 that says which."""

    class Meta:
        csrf = False

    #: the fields :attr:`filters` gives, when set
    FILTERS = ("status", "target_group", "actor_kind", "funding", "year_from", "year_to")

    status = SelectField(_l("Status"), validators=[Optional()], widget=KeptSelect())
    target_group = SelectField(_l("Target group"), validators=[Optional()], widget=KeptSelect())
    actor_kind = SelectField(_l("Owner's kind of actor"), validators=[Optional()], widget=KeptSelect())
    funding = SelectField(_l("Funding"), validators=[Optional()], widget=KeptSelect())
    year_from = IntegerField(_l("From year"), validators=[Optional(), NumberRange(min=FIRST_YEAR, max=LAST_YEAR)])
    year_to = IntegerField(_l("To year"), validators=[Optional(), NumberRange(min=FIRST_YEAR, max=LAST_YEAR)])

    def __init__(self, kinds, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.target_group.choices = [("", str(_l("All target groups")))] + [
            (k, str(v)) for k, v in TARGET_GROUPS.items()]
        self.actor_kind.choices = [("", str(_l("All kinds")))] + [(k, str(v)) for k, v in kinds.items()]
        self.funding.choices = [("", str(_l("All funding sources")))] + [
            (k, str(v)) for k, v in FUNDING_SOURCES.items()]

    def validate_year_to(self, field):
        if field.data is not None and self.year_from.data is not None and field.data < self.year_from.data:
            raise ValidationError(_l("The last year cannot be before the first."))

    @property
    def filters(self):
        """The filters given, by name (what the list and its links carry)."""
        return {name: self[name].data for name in self.FILTERS if self[name].data}

    @property
    def problems(self):
        """Why the filters could not be applied, in a line (for a download's 400)."""
        return "; ".join(f"{self[name].label.text}: {' '.join(map(str, errors))}"
                         for name, errors in self.errors.items())


class InitiativeFilterForm(InitiativeFacetsForm):
    """The initiative list's filters: where an initiative is (region, theme, plan node, actor,
    network), its words, and what it is (:class:`InitiativeFacetsForm`)."""

    FILTERS = ("q", "region", "theme", *InitiativeFacetsForm.FILTERS, "node", "actor", "network", "published")

    q = StringField(_l("Text"), validators=[Optional(), Length(max=200)])
    region = SelectField(_l("Region"), validators=[Optional()], widget=KeptSelect())
    theme = SelectField(_l("Theme"), validators=[Optional()], widget=KeptSelect())
    node = IntegerField(_l("Plan node"), validators=[Optional(), NumberRange(min=1, max=MAX_ID)])
    actor = IntegerField(_l("Actor"), validators=[Optional(), NumberRange(min=1, max=MAX_ID)])
    network = IntegerField(_l("Network"), validators=[Optional(), NumberRange(min=1, max=MAX_ID)])
    #: for those who see drafts too: the list as everyone sees it (what the comparison counts)
    published = BooleanField(_l("Published only"))

    def __init__(self, regions, themes, kinds, *args, **kwargs):
        super().__init__(kinds, *args, **kwargs)
        self.region.choices = [("", _l("All regions"))] + [(r.slug, localized(r, "name").text) for r in regions]
        self.theme.choices = [("", _l("All themes"))] + [(t.slug, localized(t, "name").text) for t in themes]
        self.status.choices = status_choices(ALL_STATUSES_CHOICE, UNDER_WAY_CHOICE)


def _web_addresses(form, field):
    for number, line in enumerate((field.data or "").splitlines(), start=1):
        if line.strip() and not is_web_address(line):
            raise ValidationError(_l("Line %(number)s is not a web address that starts with https:// or "
                                     "http://.", number=number))


def _amount(label):
    return IntegerField(label, validators=[Optional(), NumberRange(min=0, max=MAX_AMOUNT_SEK)])


class InitiativeForm(Form):
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=300)])
    summary = TextAreaField(_l("Summary"), validators=[Length(max=2000)],
                            description=_l("Two or three sentences: what the initiative does and for whom."))
    description = TextAreaField(_l("Description"), validators=[Length(max=20000)],
                                description=_l("Markdown: *emphasis*, lists with -, links as [text](https://…)."))
    lead_region = SelectField(_l("Lead region"), coerce=int)
    partner_regions = CheckboxesField(_l("Partner regions"), coerce=int)
    owner = SelectField(_l("Owner"), coerce=int, description=_l("The actor that runs the initiative."))
    partners = SelectMultipleField(_l("Partner actors"), coerce=int,
                                   description=_l("Hold Ctrl (or ⌘) to choose several."))
    node_query = node_query_field()
    nodes = PlanNodesField(_l("Linked plan nodes"), coerce=int)
    themes = CheckboxesField(_l("Themes"), coerce=int,
                             description=_l("Themes besides those the linked plan nodes carry."))
    networks = SelectMultipleField(_l("Networks"), coerce=int)
    status = SelectField(_l("Status"))
    draft = BooleanField(_l("Draft: visible only to those who may edit it, and to analysts"))
    starts_on = DateField(_l("Start"), validators=[Optional()])
    ends_on = DateField(_l("End"), validators=[Optional()])
    target_groups = CheckboxesField(_l("Target groups"))
    perspectives = CheckboxesField(_l("Equality perspectives"),
                                   description=_l("The perspectives of the 4-P method the initiative takes."))
    budget_sek = _amount(_l("Budget (SEK)"))
    external_ref = StringField(_l("External reference"), validators=[Optional(), Length(max=100)],
                               description=_l("For example the project's number at the funder."))
    contact_name = StringField(_l("Contact person"), validators=[Optional(), Length(max=200)])
    contact_email = EmailField(_l("Contact e-mail"), validators=[Optional(), Email(), Length(max=254)])
    contact_phone = StringField(_l("Contact telephone"), validators=[Optional(), Length(max=40)])
    links = TextAreaField(_l("Links"), validators=[Length(max=5000), _web_addresses],
                          description=_l("One web address per line."))
    results = TextAreaField(_l("Results"), validators=[Length(max=20000)])
    is_practice = BooleanField(_l("A good example for other regions (shown in the practice library)"))
    lessons_learned = TextAreaField(_l("Lessons learned"), validators=[Length(max=20000)],
                                    description=_l("What others should know before they do the same."))
    #: the version of the initiative the person opened: an edit over a newer one is a conflict
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = list(STATUSES.items())
        self.target_groups.choices = list(TARGET_GROUPS.items())
        self.perspectives.choices = list(EQUALITY_PERSPECTIVES.items())

    def validate_ends_on(self, field):
        if field.data and self.starts_on.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The end cannot be before the start."))

    def validate_lessons_learned(self, field):
        # on this field, not on is_practice: WTForms validates the fields in order, and a field
        # not validated yet has no error list to add to
        if self.is_practice.data and not (field.data or "").strip():
            raise ValidationError(_l("Write the lessons learned to mark the initiative as a practice."))

    @property
    def funding_fields(self):
        return [self[f"funding_{source}"] for source in FUNDING_SOURCES]

    def funding_amounts(self):
        return {source: self[f"funding_{source}"].data or 0 for source in FUNDING_SOURCES}


for _source, _label in FUNDING_SOURCES.items():
    setattr(InitiativeForm, f"funding_{_source}", _amount(_label))


class StatusForm(Form):
    """The inline change of an initiative's status on its page."""

    status = SelectField(_l("Status"))
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.status.choices = list(STATUSES.items())
