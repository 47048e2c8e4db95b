"""The form an employer answers a needs survey with: the shared questions once per need (as many
needs as they report), then the round's own region questions.

A need row left wholly blank is ignored (the form always offers one empty row); a row partly
filled must be complete. The region questions are optional and are built from the round's copy
of them (:attr:`SurveyRound.region_questions`), in the UI language, falling back to Swedish.
"""
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FieldList, FormField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional
from wtforms.widgets import TextInput

from ..charts import format_number
from ..forms import Form, NumberField
from .questions import EDUCATION_ROUTES, IMPORTANCE, MAX_PEOPLE, SEQF_LEVELS, SSYK_GROUPS, ssyk_label
from .services import NEED_FIELDS

#: the most needs one response may report (and the most rows the form grows to)
MAX_NEEDS = 50
#: yes-no answers, as the form sends them
YES_NO = {"yes": _l("Yes"), "no": _l("No")}
#: the longest text answer to a region question
MAX_TEXT = 2000
#: the fields of a need that a complete row must answer (the comment is optional)
REQUIRED_FIELDS = ("occupation", "ssyk_group", "count_1y", "count_3y", "seqf_level", "importance", "bottleneck",
                   "education_route")


class PeopleField(StringField):
    """A whole number of people, 0 to :data:`MAX_PEOPLE`: anything else is a form error that says
    what to write (spaces between thousands are fine: "1 200")."""

    widget = TextInput()

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("render_kw", {"inputmode": "numeric", "autocomplete": "off"})
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        self.raw = valuelist[0] if valuelist else ""
        text = self.raw.strip().replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("−", "-")
        if not text:
            self.data = None
            return
        try:
            if not text.lstrip("+-").isdigit() or len(text) > 12:
                raise ValueError
            self.data = int(text)
        except ValueError:
            self.data = None
            raise ValueError(_l("Give a whole number of people, such as 3.")) from None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else str(self.data)


class ChoiceRadioField(RadioField):
    """Radio buttons of which none need be chosen: whether an answer is required is the form's
    to say (an unanswered one is not "not a valid choice")."""

    def pre_validate(self, form):
        if self.data not in (None, ""):
            super().pre_validate(form)


class ChoiceSelectField(SelectField):
    """A choice that may be left empty, or not sent at all (see :class:`ChoiceRadioField`)."""

    def pre_validate(self, form):
        if self.data not in (None, ""):
            super().pre_validate(form)


class NeedForm(Form):
    """One competence need, in the terms of the shared question set."""

    class Meta:
        csrf = False  # a part of the answer form, which carries the token

    occupation = StringField(_l("Occupation"), validators=[Length(max=200)],
                             description=_l("In your own words, e.g. \"CNC operator\" or \"assistant nurse\"."))
    ssyk_group = ChoiceSelectField(_l("Occupational group (SSYK 2012)"),
                             description=_l("SSYK is Statistics Sweden's classification of occupations. Choose the "
                                            "major group the occupation belongs to: the first digit of its code."))
    count_1y = PeopleField(_l("People needed within 1 year"))
    count_3y = PeopleField(_l("People needed within 3 years"),
                           description=_l("Including those needed within 1 year."))
    seqf_level = ChoiceSelectField(_l("Qualification level (SeQF)"),
                             description=_l("SeQF, the Swedish qualifications framework, places every "
                                            "qualification on a level from 1 to 8. Choose the level the work "
                                            "needs, by the description of each level."))
    importance = ChoiceRadioField(_l("Strategic importance"))
    bottleneck = ChoiceRadioField(_l("Is it a bottleneck for your development?"))
    education_route = ChoiceSelectField(_l("Education route that could meet the need"))
    comment = TextAreaField(_l("Comment"), validators=[Length(max=5000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = str(get_locale() or "sv")
        choose = ("", _l("Choose…"))  # (an empty choice: ChoiceSelectField lets the form decide)
        self.ssyk_group.choices = [choose, *((code, ssyk_label(code, locale)) for code in SSYK_GROUPS)]
        self.seqf_level.choices = [choose, *((str(level), f"{level}: {text}") for level, text in SEQF_LEVELS.items())]
        self.education_route.choices = [choose, *EDUCATION_ROUTES.items()]
        self.importance.choices = list(IMPORTANCE.items())
        self.bottleneck.choices = list(YES_NO.items())

    def is_blank(self):
        """Whether the person left the row wholly empty (it is then ignored)."""
        return not any((field.raw_data or [""])[0].strip() for field in self if field.name != "csrf_token")

    def validate(self, extra_validators=None):
        if self.is_blank():
            return True
        valid = super().validate(extra_validators)
        for name in REQUIRED_FIELDS:
            field = self[name]
            if field.data in (None, "") and not field.errors:
                field.errors.append(_l("Answer this question, or empty the whole need to leave it out."))
                valid = False
        for field in (self.count_1y, self.count_3y):
            if field.data is not None and not 0 <= field.data <= MAX_PEOPLE:
                field.errors.append(_l("Give a number from 0 to %(max)s.", max=format_number(MAX_PEOPLE, get_locale(), 0)))
                valid = False
        if (self.count_1y.data is not None and self.count_3y.data is not None and not self.count_3y.errors
                and self.count_3y.data < self.count_1y.data):
            self.count_3y.errors.append(_l("Within 3 years includes those needed within 1 year: it cannot be fewer."))
            valid = False
        return valid

    def need(self):
        """The answers as :func:`samverkan.needs.services.save_answers` takes them."""
        return {
            "occupation": self.occupation.data.strip(),
            "ssyk_group": self.ssyk_group.data,
            "count_1y": self.count_1y.data,
            "count_3y": self.count_3y.data,
            "seqf_level": int(self.seqf_level.data),
            "importance": self.importance.data,
            "bottleneck": self.bottleneck.data == "yes",
            "education_route": self.education_route.data,
            "comment": (self.comment.data or "").strip(),
        }


def need_data(need):
    """A saved need as the row of the form shows it."""
    data = {field: getattr(need, field) for field in NEED_FIELDS}
    data["seqf_level"] = str(need.seqf_level)
    data["bottleneck"] = "yes" if need.bottleneck else "no"
    return data


class AnswersForm(Form):
    """The whole answer: the needs, the region's questions (added per round), and the confirmations."""

    needs = FieldList(FormField(NeedForm), min_entries=1, max_entries=MAX_NEEDS)
    no_needs = BooleanField(_l("We have no needs to report"))
    final = BooleanField(_l("We have checked the answers and send them as final"))

    #: the round's region questions: (field name, question dict)
    region_fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = str(get_locale() or "sv")
        for name, question in self.region_fields:
            if question.get("kind") == "yes-no":
                self[name].choices = list(YES_NO.items())
            elif question.get("kind") == "choice":
                self[name].choices = [("", _l("Choose…")), *_choices(question, locale)]

    def reported(self):
        """The rows the person filled in, as dicts (blank rows left out)."""
        return [entry.form.need() for entry in self.needs if not entry.form.is_blank()]

    def region_answers(self):
        """{question key: answer} of the region questions answered (unanswered ones left out)."""
        answers = {}
        for name, question in self.region_fields:
            value = self[name].data
            if value in (None, ""):
                continue
            if question["kind"] == "yes-no":
                value = value == "yes"
            elif question["kind"] == "number" and float(value).is_integer():
                value = int(value)
            elif isinstance(value, str):
                value = value.strip()
            answers[question["key"]] = value
        return answers

    def check_completion(self):
        """On "Submit answers": the confirmation of finality, and of having no needs when none is
        reported. Adds the errors; whether the form may be completed."""
        valid = True
        if not self.final.data:
            self.final.errors = [_l("Tick this box to send the answers: once sent they cannot be changed.")]
            valid = False
        if all(entry.form.is_blank() for entry in self.needs) and not self.no_needs.data:
            self.no_needs.errors = [_l("No need is filled in. Tick this box if you have no needs to report, "
                                       "or fill in at least one need.")]
            valid = False
        return valid


def question_text(question, key, locale):
    """The question's ``key`` ("text") in the UI language, falling back to Swedish."""
    if locale == "en" and question.get(f"{key}_en"):
        return question[f"{key}_en"]
    return question[key]


def _choices(question, locale):
    swedish = list(question.get("choices") or ())
    english = list(question.get("choices_en") or ())
    shown = english if locale == "en" and len(english) == len(swedish) else swedish
    return list(zip(swedish, shown))  # the Swedish option is what is stored


def field_name(question):
    """The form field of a region question (keys have hyphens; field names are identifiers)."""
    return "region_" + question["key"].replace("-", "_")


def region_field(question, locale):
    label = question_text(question, "text", locale)
    kind = question.get("kind", "text")
    if kind == "yes-no":
        return ChoiceRadioField(label)  # (choices: :meth:`AnswersForm.__init__`)
    if kind == "number":
        return NumberField(label, validators=[Optional()])
    if kind == "choice":
        return ChoiceSelectField(label)
    return TextAreaField(label, validators=[Length(max=MAX_TEXT)])


def answers_form(survey, response=None, **kwargs):
    """The answer form of ``survey``'s round with its region questions, filled with ``response``'s
    saved answers when no form data is posted."""
    locale = str(get_locale() or "sv")
    questions = [question for question in (survey.region_questions or []) if question.get("key")]

    class RoundAnswersForm(AnswersForm):
        region_fields = tuple((field_name(question), question) for question in questions)

    for question in questions:
        setattr(RoundAnswersForm, field_name(question), region_field(question, locale))
    if response is not None and "formdata" not in kwargs:
        data = {"needs": [need_data(need) for need in response.needs] or [{}]}
        for question in questions:
            value = (response.region_answers or {}).get(question["key"])
            if isinstance(value, bool):
                value = "yes" if value else "no"
            data[field_name(question)] = value
        kwargs["data"] = data
    return RoundAnswersForm(**kwargs)
