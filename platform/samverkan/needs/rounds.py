"""Survey rounds: a region's rounds, a round's public summary, and a region admin's running of it
(opening it, the invitations, sending them and reminders).

Everyone sees how many employers a round invited and how many have answered, never which: the
table of invitations (with each one's status) is for those who run the round, its answers' status
for those who also read the answers (``needs.answers``: the region's admins, not a platform
admin). Every write is a plain POST form, decided on the round's region (``region.manage``).
"""
from types import SimpleNamespace

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import case, func, select

from .. import audit_display
from ..forms import ConfirmForm
from ..extensions import db
from ..policy import can, object_by_id, public, requires
from ..templating import render_form
from ..times import local_datetime, today
from . import invitations
from .models import RESPONSE_STATUSES, SurveyResponse, SurveyRound
from .questions import QUESTION_SETS
from .round_forms import InvitationEmailForm, InviteForm, RoundForm
from .services import open_round

bp = Blueprint("surveys", __name__)

object_by_id("survey_round", "round_id", SurveyRound)

#: key -> label: where a round stands today
ROUND_STATUSES = {
    "upcoming": _l("Upcoming"),
    "open": _l("Open"),
    "closed": _l("Closed"),
}


def round_status(survey, day):
    if survey.is_closed(day):
        return "closed"
    return "open" if survey.is_open(day) else "upcoming"


def counts(round_ids):
    """round id -> (invited, answered): employers invited and those who completed their answers."""
    if not round_ids:
        return {}
    rows = db.session.execute(
        select(SurveyResponse.round_id, func.count(),
               func.coalesce(func.sum(case((SurveyResponse.status == "completed", 1), else_=0)), 0))
        .where(SurveyResponse.round_id.in_(round_ids)).group_by(SurveyResponse.round_id))
    found = {round_id: (invited, answered) for round_id, invited, answered in rows}
    return {round_id: found.get(round_id, (0, 0)) for round_id in round_ids}


# -- reading ----------------------------------------------------------------------------------

@bp.get("/regions/<region_slug>/surveys")
@public
def region_list():
    rounds = list(db.session.scalars(select(SurveyRound).where(SurveyRound.region_id == g.region.id)
                                     .order_by(SurveyRound.opens_on.desc(), SurveyRound.id.desc())))
    day = today()
    return render_template("needs/round_list.html", region=g.region, rounds=rounds,
                           counts=counts([survey.id for survey in rounds]),
                           statuses={survey.id: round_status(survey, day) for survey in rounds},
                           status_labels=ROUND_STATUSES, may_manage=can(current_user, "region.manage", g.region))


def _questions(survey):
    """The round's own region questions, with ``text``/``text_en`` for ``localized``."""
    return [SimpleNamespace(**{"text_en": None, "choices": (), "choices_en": (), **question})
            for question in survey.region_questions or []]


def _show_page(survey, email_forms=None, invite_form=None, problem=None):
    """The round's page; for its runners the invitations and their forms (``email_forms`` by
    response id and ``invite_form`` carry a failed post's errors, ``problem`` a refused send)."""
    day = today()
    status = round_status(survey, day)
    invited, answered = counts([survey.id])[survey.id]
    context = dict(survey=survey, region=survey.region, status=status, status_labels=ROUND_STATUSES,
                   question_set=QUESTION_SETS.get(survey.question_set_version), questions=_questions(survey),
                   invited=invited, answered=answered, may_manage=False, problem=problem)
    if can(current_user, "region.manage", survey):
        responses = list(db.session.scalars(
            select(SurveyResponse).where(SurveyResponse.round_id == survey.id).order_by(SurveyResponse.id)
            .options(db.joinedload(SurveyResponse.actor))))
        email_forms = email_forms or {}
        invitable = _invitable(survey) if status != "closed" else []
        context.update(
            may_manage=True, responses=responses, response_statuses=RESPONSE_STATUSES,
            may_read_answers=can(current_user, "needs.answers", survey),
            email_forms={response.id: email_forms.get(response.id)
                         or InvitationEmailForm(formdata=None, prefix=f"r{response.id}", email=response.email)
                         for response in responses},
            invite_form=invite_form or (InviteForm(invitable, formdata=None) if invitable else None),
            confirm=ConfirmForm(), unsent=len(invitations.uninvited(survey)),
            reminders=len(invitations.to_remind(survey)), next_reminder_at=invitations.next_reminder_at(survey))
    failed = problem or invite_form is not None and invite_form.errors or any(
        form.errors for form in (email_forms or {}).values())
    return render_template("needs/round_show.html", **context), 400 if failed else 200


@bp.get("/surveys/<int:round_id>")
@public
def show(round_id):
    return _show_page(db.get_or_404(SurveyRound, round_id))


# -- opening a round --------------------------------------------------------------------------

@bp.route("/regions/<region_slug>/surveys/new", methods=["GET", "POST"])
@requires("region.manage")
def new():
    actors = invitations.region_actors(g.region)
    emails = invitations.default_emails([actor.id for actor in actors])
    day = today()
    form = RoundForm(actors, emails, day, opens_on=day)
    if form.validate_on_submit():
        chosen = set(form.actors.data)
        survey = open_round(g.region, title=form.title.data.strip(), opens_on=form.opens_on.data,
                            closes_on=form.closes_on.data, question_set_version=form.question_set_version.data,
                            actors=[actor for actor in actors if actor.id in chosen], emails=emails,
                            person=current_user)
        db.session.commit()
        flash(_("The round is opened. Check the addresses, then send the invitations."), "info")
        return redirect(url_for("surveys.show", round_id=survey.id))
    return render_form("needs/round_form.html", form, region=g.region,
                       employers=sum(1 for actor in actors if actor.kind == "employer"))


# -- running it -------------------------------------------------------------------------------

def _invitable(survey):
    """The round's region's actors it has not invited yet."""
    invited = {response.actor_id for response in survey.responses}
    return [actor for actor in invitations.region_actors(survey.region) if actor.id not in invited]


def _response(survey, response_id):
    response = db.session.get(SurveyResponse, response_id)
    if response is None or response.round_id != survey.id:
        abort(404)
    return response


def _back(survey):
    return redirect(url_for("surveys.show", round_id=survey.id) + "#invitations")


def _closed_problem():
    return _("The round is closed: nothing can be sent, and its invitations stay as they were.")


@bp.post("/surveys/<int:round_id>/invitations/<int:response_id>/email")
@requires("region.manage", on="survey_round")
def set_email(survey_round, response_id):
    response = _response(survey_round, response_id)
    form = InvitationEmailForm(prefix=f"r{response.id}")
    if not form.validate_on_submit():
        return _show_page(survey_round, email_forms={response.id: form})
    invitations.set_email(response, form.email.data.strip())
    db.session.commit()
    flash(_("The address of %(employer)s is saved.", employer=response.actor.name), "info")
    return _back(survey_round)


@bp.post("/surveys/<int:round_id>/invitations")
@requires("region.manage", on="survey_round")
def add_invitation(survey_round):
    if survey_round.is_closed(today()):
        return _show_page(survey_round, problem=_closed_problem())
    actors = _invitable(survey_round)
    form = InviteForm(actors)
    if not form.validate_on_submit():
        return _show_page(survey_round, invite_form=form)
    actor = next(actor for actor in actors if actor.id == form.actor.data)
    email = (form.email.data or "").strip() or invitations.default_emails([actor.id]).get(actor.id)
    invitations.invite(survey_round, actor, email, today())
    db.session.commit()
    flash(_("%(employer)s is invited to the round.", employer=actor.name), "info")
    return _back(survey_round)


@bp.post("/surveys/<int:round_id>/invitations/<int:response_id>/remove")
@requires("region.manage", on="survey_round")
def remove_invitation(survey_round, response_id):
    response = _response(survey_round, response_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    name = response.actor.name
    try:
        invitations.uninvite(response, today())
    except invitations.RoundClosed:
        return _show_page(survey_round, problem=_closed_problem())
    except invitations.AlreadyAnswered:
        return _show_page(survey_round, problem=_("%(employer)s has answered: its invitation stays.",
                                                  employer=name))
    db.session.commit()
    flash(_("The invitation of %(employer)s is removed.", employer=name), "info")
    return _back(survey_round)


@bp.post("/surveys/<int:round_id>/send")
@requires("region.manage", on="survey_round")
def send_invitations(survey_round):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        sent = invitations.send_invitations(survey_round, today())
    except invitations.RoundClosed:
        return _show_page(survey_round, problem=_closed_problem())
    db.session.commit()
    flash(ngettext("%(num)d invitation sent.", "%(num)d invitations sent.", sent), "info")
    return _back(survey_round)


def _too_soon(next_at):
    return _("No reminder was sent: everyone waiting got a mail about the survey less than a day ago. The next "
             "reminder can go out at %(time)s.", time=local_datetime(next_at, "short"))


@bp.post("/surveys/<int:round_id>/remind")
@requires("region.manage", on="survey_round")
def send_reminders(survey_round):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        sent = invitations.remind_now(survey_round, today())
    except invitations.RoundClosed:
        return _show_page(survey_round, problem=_closed_problem())
    except invitations.TooSoon as too_soon:
        return _show_page(survey_round, problem=_too_soon(too_soon.next_at))
    db.session.commit()
    flash(ngettext("%(num)d reminder sent.", "%(num)d reminders sent.", sent), "info")
    return _back(survey_round)


def _describe_round(survey, values):
    if survey is None:
        return values["title"], None
    return survey.title, url_for("surveys.show", round_id=survey.id)


audit_display.register_kind("SurveyRound", _l("Survey round"), _describe_round, SurveyRound)
