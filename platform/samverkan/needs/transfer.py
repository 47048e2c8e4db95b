"""Survey answers in files: the columns of ``samverkan import needs`` (read as Excel writes them in
Sweden by :mod:`samverkan.sheets`).

One row is one reported need: the employer (its organisation number, or its name), then the shared
questions (:mod:`.questions`) and, optionally, the round's own region questions as columns named
by their keys. An employer's rows together are its answer; the region questions are answered once
per employer, on any of its rows (several rows may repeat the same answer).

Cells take what people type: an SSYK group by its code (``5``, or ``5 Service-, omsorgs- och
försäljningsyrken``, or a finer SSYK code such as ``5321``, whose first digit is the group), a
SeQF level ``1``–``8``, importance ``låg``/``medel``/``hög`` (or low/medium/high), a bottleneck
``ja``/``nej``, an education route by its key or its Swedish or English label (or a short name
such as ``YH``), numbers of people as whole numbers ("1 200" too).
"""
import re

from flask_babel import lazy_gettext as _l

from ..sheets import Invalid, Layout, as_text, checked, header_key, shown, text, translated, yes_no
from ..sheets import choice as vocabulary_choice
from ..sheets import column as _column
from .questions import EDUCATION_ROUTES, IMPORTANCE, MAX_PEOPLE, SEQF_LEVELS, SSYK_GROUPS, ssyk_label

#: short and older names a file may use besides the labels
ROUTE_NAMES = {
    "upper-secondary": ("Gymnasieskola", "Gymnasium", "Komvux", "Vuxenutbildning", "Gymnasieskola eller komvux"),
    "higher-vocational": ("YH", "Yrkeshögskola", "Yrkeshögskolan"),
    "higher-education": ("Högskola", "Universitet", "Högskola eller universitet", "Högskoleutbildning"),
    "validation": ("Validering",),
    "internal": ("Intern", "Internutbildning", "Intern utbildning"),
    "other": ("Annat", "Annan", "Övrigt"),
}
IMPORTANCE_NAMES = {"low": ("låg", "lag"), "medium": ("medel", "mellan"), "high": ("hög", "hog")}
#: a longest text answer to a region question
MAX_ANSWER = 2000
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_SSYK = re.compile(r"(\d{1,4})(?:\s+(.*))?", re.S)
_SEQF = re.compile(r"(?:seqf|nivå|niva|level)?\s*-?\s*(\d+)", re.I)


def _folded(text_):
    return " ".join(text_.casefold().split())


def people(value):
    """A number of people: a whole number from 0; an empty cell is none."""
    if isinstance(value, bool):
        raise Invalid(_l("“%(value)s” is not a number of people.", value=shown(value)))
    if isinstance(value, (int, float)):
        if value != int(value):
            raise Invalid(_l("“%(value)s” is not a whole number of people.", value=shown(value)))
        number = int(value)
    else:
        text_ = _SPACES.sub("", as_text(value))
        if not text_:
            return None
        if not text_.isdigit():
            raise Invalid(_l("“%(value)s” is not a whole number of people (such as 4).", value=shown(value)))
        number = int(text_)
    if not 0 <= number <= MAX_PEOPLE:
        raise Invalid(_l("The number must be between 0 and %(max)d.", max=MAX_PEOPLE))
    return number


def ssyk_group(value):
    """The SSYK 2012 major group: its code, maybe followed by its name; or a finer SSYK code."""
    text_ = as_text(value).strip()
    if not text_:
        return None
    match = _SSYK.fullmatch(text_)
    if match is None or match.group(1)[0] not in SSYK_GROUPS:
        raise Invalid(_l("“%(value)s” is not an SSYK group: give its code, 0–9 (such as 5, or 5 Service-, "
                         "omsorgs- och försäljningsyrken).", value=shown(value)))
    code, name = match.group(1), match.group(2)
    if len(code) == 1 and name and _folded(name) not in {_folded(n) for n in SSYK_GROUPS[code]}:
        raise Invalid(_l("The name does not match SSYK group %(code)s, which is “%(name)s”.", code=code,
                         name=SSYK_GROUPS[code][0]))
    return code[0]


def seqf_level(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        level = int(value) if value == int(value) else None
    else:
        text_ = as_text(value).strip()
        if not text_:
            return None
        match = _SEQF.fullmatch(text_)
        level = int(match.group(1)) if match else None
    if level not in SEQF_LEVELS:
        raise Invalid(_l("“%(value)s” is not a SeQF level: give a number from 1 to 8.", value=shown(value)))
    return level


importance = vocabulary_choice(lambda: translated(IMPORTANCE), lambda value, known: _l(
    "Unknown importance “%(value)s”. Use one of: %(choices)s.", value=value, choices=known), IMPORTANCE_NAMES)
education_route = vocabulary_choice(lambda: translated(EDUCATION_ROUTES), lambda value, known: _l(
    "Unknown education route “%(value)s”. Use one of: %(choices)s.", value=value, choices=known), ROUTE_NAMES)


def _label(vocabulary, key):
    return translated(vocabulary)[key][0] if key in vocabulary else key


def _employer(need):
    actor = need.response.actor
    return actor.org_number or actor.name


COLUMNS = (
    _column("employer", "Arbetsgivare", ["Employer", "Organisationsnummer", "Organisation number"], text(200),
            _employer,
            _l("The employer: its organisation number (NNNNNN-NNNN) or the actor's name as registered. It must be "
               "an actor of the round's region. Required."), required=True),
    _column("occupation", "Yrke", ["Occupation", "Yrkesbenämning"], text(200), lambda n: n.occupation,
            _l("The occupation needed, in the employer's words (such as Undersköterska). Required."),
            required=True),
    _column("ssyk_group", "SSYK", ["SSYK-grupp", "Yrkesområde", "SSYK group", "Occupational group"], ssyk_group,
            lambda n: ssyk_label(n.ssyk_group),
            _l("The SSYK 2012 major group: its code, 0–9; its name may follow the code (5 Service-, omsorgs- och "
               "försäljningsyrken). Required."), required=True),
    _column("count_1y", "Antal inom 1 år", ["Inom 1 år", "Within 1 year", "People within 1 year"], people,
            lambda n: n.count_1y, _l("How many people are needed within one year. Required."), required=True),
    _column("count_3y", "Antal inom 3 år", ["Inom 3 år", "Within 3 years", "People within 3 years"], people,
            lambda n: n.count_3y,
            _l("How many people are needed within three years, those within one year included (so not fewer). "
               "Required."), required=True),
    _column("seqf_level", "SeQF-nivå", ["SeQF", "SeQF level", "Nivå"], seqf_level, lambda n: n.seqf_level,
            _l("The qualification level needed, SeQF 1–8. Required."), required=True),
    _column("importance", "Strategisk betydelse", ["Betydelse", "Strategic importance", "Importance"], importance,
            lambda n: _label(IMPORTANCE, n.importance),
            _l("How strategically important the need is: låg, medel or hög (low, medium, high). Required."),
            required=True),
    _column("bottleneck", "Flaskhals", ["Bottleneck"], yes_no, lambda n: "ja" if n.bottleneck else "nej",
            _l("ja or nej: whether the need is a bottleneck for the employer's development. Empty: nej.")),
    _column("education_route", "Utbildningsväg", ["Education route", "Route"], education_route,
            lambda n: _label(EDUCATION_ROUTES, n.education_route),
            _l("The education route that could meet the need: upper-secondary, higher-vocational (YH), "
               "higher-education, validation, internal or other, or their Swedish names. Required."),
            required=True),
    _column("comment", "Kommentar", ["Comment"], text(2000, multiline=True), lambda n: n.comment,
            _l("A comment on the need.")),
)
FIELDS = tuple(column.key for column in COLUMNS if column.key != "employer")
#: the headers of the shared columns, as the import reads them: a region question's key, which
#: names its own column, may not be one of them (plugin validation refuses it)
RESERVED_HEADERS = frozenset(header_key(name) for column in COLUMNS for name in (column.header, *column.aliases))


def answer(kind, choices=(), choices_en=()):
    """The cell of a region question of ``kind`` (:data:`samverkan.specs.QUESTION_KINDS`); an empty
    cell is none. A choice is stored as its Swedish option."""
    def parse(value):
        if as_text(value).strip() == "":
            return None
        if kind == "yes-no":
            return yes_no(value)
        if kind == "number":
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return int(value) if value == int(value) else float(value)
            text_ = _SPACES.sub("", as_text(value)).replace(",", ".")
            try:
                number = float(text_)
            except ValueError:
                raise Invalid(_l("“%(value)s” is not a number (such as 42 or 3,5).", value=shown(value))) from None
            return int(number) if number.is_integer() else number
        if kind == "choice":
            word = _folded(as_text(value))
            for position, option in enumerate(choices):
                names = (option, choices_en[position] if position < len(choices_en) else option)
                if word in {_folded(name) for name in names}:
                    return option
            raise Invalid(_l("Unknown answer “%(value)s”. Use one of: %(choices)s.", value=shown(value),
                             choices=", ".join(choices)))
        return checked(as_text(value).strip(), MAX_ANSWER, True)
    return parse


def layout(survey):
    """The columns of a file of answers to ``survey``: the shared ones and the round's own questions."""
    extra = tuple(
        _column(question["key"], question["key"], (), answer(question.get("kind", "text"),
                                                             tuple(question.get("choices") or ()),
                                                             tuple(question.get("choices_en") or ())),
                lambda n, key=question["key"]: _region_answer(n, key), question.get("text", ""))
        for question in survey.region_questions or ())
    return Layout(COLUMNS + extra, "Behov")


def _region_answer(need, key):
    value = need.response.region_answers.get(key)
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return value
