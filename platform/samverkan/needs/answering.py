"""Answering a needs survey: the employer's side.

Two doors to one form. An employer without an account answers through the personal link of its
invitation (``/surveys/answer/<token>``); a signed-in member of the employer, or an admin of the
round's region, answers at ``/surveys/<round>/employers/<actor>``. Both are :func:`answer`: the
form while the round is open and the response not completed, a receipt of what was sent after.

Answers are saved as a draft ("Save and continue later") any number of times, then sent as final.
Without JavaScript, "Add another need" saves and returns the form with one more empty row; with
htmx it fetches the empty row only. The personal link is a secret: its pages are sent with
``Referrer-Policy: no-referrer`` and never cached, and the audit log names the route, not the
token (:func:`samverkan.audit.request_path`).
"""
from flask import Blueprint, flash, make_response, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import times
from ..charts import format_number
from ..extensions import db
from ..policy import object_loader, public, requires
from ..templating import htmx_request
from . import services
from .answer_forms import MAX_NEEDS, YES_NO, answers_form, field_name, question_text
from .models import SurveyResponse
from .queries import round_contact
from .questions import EDUCATION_ROUTES, IMPORTANCE, SEQF_LEVELS, ssyk_label

bp = Blueprint("answers", __name__, url_prefix="/surveys")

#: the highest index an added row may have (rows removed leave gaps in the indices)
MAX_ROW_INDEX = 200


@object_loader("survey_response", ("round_id", "actor_id"))
def _response_of(round_id, actor_id):
    """The response of the employer ``actor_id`` in round ``round_id`` (an employer not invited
    to the round has none: a 404)."""
    return db.session.scalar(select(SurveyResponse).filter_by(round_id=round_id, actor_id=actor_id))


def _private(page):
    """A page of a personal link: its address is a secret, kept out of the Referer of every link
    followed from it, out of caches and out of search engines."""
    response = make_response(page)
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.route("/answer/<token>", methods=["GET", "POST"])
@public
def by_link(token):
    response, problem = services.response_for_token(token)
    if problem == "unknown":
        return _private((render_template("needs/answer_unavailable.html", reason="unknown"), 404))
    if problem is not None:  # replaced or closed: gone, with whom to ask
        return _private((_unavailable(response, problem), 410))
    return _private(answer(response, source="link", person=None,
                           action=url_for("answers.by_link", token=token)))


@bp.route("/<int:round_id>/employers/<int:actor_id>", methods=["GET", "POST"])
@requires("needs.answers", on="survey_response")
def as_member(survey_response):
    action = url_for("answers.as_member", round_id=survey_response.round_id, actor_id=survey_response.actor_id)
    return answer(survey_response, source="signed-in", person=current_user._get_current_object(), action=action)


def _unavailable(response, reason):
    survey = response.round
    return render_template("needs/answer_unavailable.html", reason=reason, survey=survey, region=survey.region,
                           employer=response.actor, contact=round_contact(survey))


def answer(response, *, source, person, action):
    """The answer page of ``response``, as (body, status): the receipt once completed, a page
    saying why when the round is not open, else the form (saving and sending it on a POST)."""
    survey = response.round
    today = times.today()
    if response.status == "completed":
        return _receipt(response), 200
    if not survey.is_open(today):
        return _unavailable(response, "closed" if survey.is_closed(today) else "not-open"), \
            410 if survey.is_closed(today) else 403
    if request.method == "GET" and htmx_request() and "row" in request.args:
        return _new_row(response, action)
    if request.method == "GET":
        return _form(response, answers_form(survey, response), action)

    form = answers_form(survey)
    removed = _remove_row(form)
    step = request.form.get("action", "save")
    valid = form.validate()
    if step == "complete" and removed is None:
        valid = form.check_completion() and valid
    if not valid:
        return _form(response, form, action, status=400)
    try:
        services.save_answers(response, form.reported(), form.region_answers(), today=today,
                              complete=step == "complete" and removed is None, source=source, person=person)
    except services.SurveyClosed:
        db.session.rollback()
        flash(_("Nothing was saved: the survey has closed, or the answers were already sent."), "error")
        return redirect(action)
    db.session.commit()
    if step == "add" and removed is None:
        if len(form.needs.entries) < MAX_NEEDS:
            # the browser puts the focus in the new row (the page is sent again, without script)
            form.needs.append_entry().form.occupation.render_kw = {"autofocus": True}
        return _form(response, form, action, saved=True)
    if response.status == "completed":
        flash(_("Thank you. Your answers are sent; this is what you sent."), "info")
    else:
        flash(_("Your answers are saved. Come back through the same link or page to go on; nothing is "
                "sent until you submit the answers."), "info")
    return redirect(action)


def _remove_row(form):
    """The "remove" button of a need row: that row leaves the form (the rest is then saved)."""
    index = request.form.get("remove")
    if index is None:
        return None
    name = f"needs-{index}"
    form.needs.entries = [entry for entry in form.needs.entries if entry.name != name]
    return index


def _context(response):
    survey = response.round
    return {"response": response, "survey": survey, "region": survey.region, "employer": response.actor}


def _form(response, form, action, status=200, saved=False):
    if not form.needs.entries:
        form.needs.append_entry()
    locale = str(_locale())
    questions = [(form[name], question) for name, question in form.region_fields]
    body = render_template("needs/answer_form.html", form=form, action=action, questions=questions,
                           question_text=question_text, locale=locale, max_needs=MAX_NEEDS, saved=saved,
                           next_row=_next_row(form), **_context(response))
    return body, status


def _next_row(form):
    """The index the next added row gets: past every row's, so names never repeat."""
    indices = [int(entry.name.rsplit("-", 1)[1]) for entry in form.needs.entries]
    return max(indices, default=-1) + 1


def _new_row(response, action):
    """htmx: one empty need row with index ``?row=``, and the "add" button for the one after."""
    try:
        index = int(request.args["row"])
    except ValueError:
        index = -1
    if not 0 <= index < MAX_ROW_INDEX:
        return render_template("needs/answer_row.html", entry=None, action=action, next_row=None,
                               max_needs=MAX_NEEDS), 400
    form = answers_form(response.round, meta={"csrf": False})
    form.needs.entries, form.needs.last_index = [], index - 1
    number = request.args.get("number", type=int)
    # the legend counts the form's rows, not their indices (a removed row leaves a gap in those)
    number = number if number is not None and number > 0 else index + 1
    if number > MAX_NEEDS:
        return render_template("needs/answer_row.html", entry=None, action=action, next_row=None,
                               max_needs=MAX_NEEDS), 400
    entry = form.needs.append_entry()
    entry.form.occupation.render_kw = {"data-autofocus": True}  # samverkan.js moves the focus there
    return render_template("needs/answer_row.html", entry=entry, number=number, action=action,
                           next_row=index + 1 if number < MAX_NEEDS else None, max_needs=MAX_NEEDS), 200


def _locale():
    return get_locale() or "sv"


def _receipt(response):
    """What was sent, read-only: the needs in words, and the region questions with their answers."""
    locale = str(_locale())
    answers = []
    for question in response.round.region_questions or []:
        value = (response.region_answers or {}).get(question.get("key"))
        if isinstance(value, bool):
            value = YES_NO["yes" if value else "no"]
        elif isinstance(value, (int, float)):
            value = format_number(value, locale)
        elif question.get("kind") == "choice" and value is not None and locale == "en":
            swedish, english = list(question.get("choices") or ()), list(question.get("choices_en") or ())
            if value in swedish and len(english) == len(swedish):
                value = english[swedish.index(value)]
        answers.append((question_text(question, "text", locale), value))
    return render_template("needs/answer_receipt.html", answers=answers, ssyk_label=ssyk_label, locale=locale,
                           seqf_levels=SEQF_LEVELS, importance=IMPORTANCE, routes=EDUCATION_ROUTES,
                           yes_no=YES_NO, field_name=field_name, **_context(response))
