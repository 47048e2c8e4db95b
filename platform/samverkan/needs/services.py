"""What changes a survey: opening a round, an employer's personal link, saving and completing
answers. Views, the import and the demo data all write through here, so each rule holds once."""
import secrets
from dataclasses import asdict
from datetime import time, timedelta

from flask import current_app
from sqlalchemy import func, select

from .. import jobs, times
from ..times import utcnow
from ..accounts.services import register_personal_data, token_hash
from ..events import RoundClosed, RoundOpened, emit
from ..extensions import db
from ..specs import region_items
from ..times import to_utc
from .models import ReplacedLink, ReportedNeed, SurveyResponse, SurveyRound

#: the fields of a reported need, as the form, the import and the CSV name them
NEED_FIELDS = ("occupation", "ssyk_group", "count_1y", "count_3y", "seqf_level", "importance", "bottleneck",
               "education_route", "comment")


class SurveyClosed(Exception):
    """The response can no longer change: the round is closed or the response completed."""


def region_questions(region):
    """The region plugin's own questions now, as a round keeps them: plain dicts."""
    questions = region_items(current_app, "needs_questions", region.code)
    return [{key: value for key, value in asdict(question).items() if key != "region_code"}
            for question in questions]


def open_round(region, *, title, opens_on, closes_on, question_set_version, actors, emails=None, person=None,
               demo=False):
    """A new round of ``region`` inviting ``actors`` (their e-mail from ``emails``, by actor id)."""
    emails = emails or {}
    survey = SurveyRound(region=region, title=title, opens_on=opens_on, closes_on=closes_on,
                         question_set_version=question_set_version, region_questions=region_questions(region),
                         created_by=person, demo=demo)
    db.session.add(survey)
    for actor in actors:
        survey.responses.append(SurveyResponse(actor=actor, email=emails.get(actor.id)))
    db.session.flush()
    emit(RoundOpened(round_id=survey.id, region_id=region.id))
    return survey


def close_rounds(today):
    """The rounds whose last day is past and that were not closed yet: marked closed and said to be
    (:class:`~samverkan.events.RoundClosed`), each once. Returns them."""
    due = select(SurveyRound).where(SurveyRound.closes_on < today, SurveyRound.closed_at.is_(None))
    rounds = db.session.scalars(due.order_by(SurveyRound.id)).all()
    for survey in rounds:
        survey.closed_at = utcnow()
    db.session.flush()
    for survey in rounds:
        emit(RoundClosed(round_id=survey.id, region_id=survey.region_id))
    return rounds


@jobs.periodic(jobs.crontab(hour="0", minute="15"))
def close_due_rounds():
    """Every night (00:15 UTC) in the worker, and by ``samverkan surveys close``: the rounds whose
    last day has passed, closed (:func:`close_rounds`) and committed. Returns them."""
    rounds = close_rounds(times.today())
    db.session.commit()
    return rounds


def link_closes_at(survey):
    """The end of the round's last day, Stockholm time, as naive UTC."""
    return to_utc(survey.closes_on + timedelta(days=1), time(0, 0))


def issue_link(response):
    """A new personal link for ``response``: the secret for the e-mail. It works until the round
    closes, as the invitation says; the link it replaces is refused from now on, as replaced."""
    if response.token_hash:
        response.replaced_links.append(ReplacedLink(token_hash=response.token_hash))
    token = secrets.token_urlsafe(32)
    response.token_hash = token_hash(token)
    return token


def response_for_token(token, now=None):
    """``(response, problem)``: the response the link is for, and ``None``, ``"closed"`` (the
    round's last day is over), ``"replaced"`` (a newer link was sent) or ``"unknown"`` (a wrong or
    made-up link: no response)."""
    if not token or len(token) > 200:
        return None, "unknown"
    hashed = token_hash(token)
    response = db.session.query(SurveyResponse).filter_by(token_hash=hashed).one_or_none()
    if response is None:
        replaced = db.session.get(ReplacedLink, hashed)
        return (replaced.response, "replaced") if replaced else (None, "unknown")
    if (now or utcnow()) >= link_closes_at(response.round):
        return response, "closed"
    return response, None


def can_change(response, today, after_close=False):
    """Whether the response takes answers on ``today``: not completed, and the round open (or,
    ``after_close``, opened and maybe closed since)."""
    if response.status == "completed":
        return False
    survey = response.round
    return survey.opens_on <= today if after_close else survey.is_open(today)


def invite(survey, actor, email=None):
    """Add ``actor`` to the round's invited employers (a new response, not yet answered)."""
    response = SurveyResponse(actor=actor, email=email)
    survey.responses.append(response)
    db.session.flush()
    return response


def save_answers(response, needs, region_answers, *, today, complete=False, source="link", person=None,
                 after_close=False):
    """Replace the response's needs with ``needs`` (dicts of :data:`NEED_FIELDS`) and its region
    answers; ``complete`` makes the response final. Raises :class:`SurveyClosed` when it cannot change.

    ``after_close`` lets the answers in after the round's last day: for answers an admin imports
    (collected on paper, say), never for an employer's own link or form."""
    if not can_change(response, today, after_close):
        raise SurveyClosed(response)
    response.needs = [ReportedNeed(position=position, **{field: need[field] for field in NEED_FIELDS})
                      for position, need in enumerate(needs)]
    response.region_answers = dict(region_answers)
    response.source = source
    response.answered_by = person
    response.saved_at = utcnow()
    response.status = "completed" if complete else "in-progress"
    if complete:
        response.completed_at = response.saved_at
    db.session.flush()
    return response


@register_personal_data
def clear_response_addresses(person, email):
    """An anonymised person's address is no employer's survey address any more."""
    for response in db.session.scalars(select(SurveyResponse).where(func.lower(SurveyResponse.email) == email.lower())):
        response.email = None
