"""Who a round invites and the e-mails they get: the invitation, and reminders to those who have
not completed their answers. Each e-mail carries a fresh personal link
(:func:`samverkan.needs.services.issue_link`), which replaces the one sent before.

Mails are written in the platform's default language (Swedish), whatever the language of the
admin whose request sends them, like :mod:`samverkan.meetings.notifications`. Nothing is sent
for a closed round (:class:`RoundClosed`).
"""
import logging
from datetime import timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from .. import jobs
from ..accounts.models import Person
from ..times import utcnow
from ..actors.models import Actor, Membership, actor_regions
from ..extensions import db
from ..mail import send_mail
from ..times import local_date, today
from ..urls import external_url
from . import services
from .services import issue_link

#: a reminder goes to an employer last written to at least this long ago (``samverkan surveys remind``)
REMIND_AFTER = timedelta(days=3)
#: never two mails of a round (invitation or reminder) to an employer within this long, whoever sends
REMIND_AGAIN_AFTER = timedelta(days=1)
log = logging.getLogger(__name__)


class RoundClosed(Exception):
    """The round is closed: nothing is sent, nobody is added or removed."""


class AlreadyAnswered(Exception):
    """The employer has started or completed its answers: its invitation stays."""


class TooSoon(Exception):
    """Everyone waiting was written to less than :data:`REMIND_AGAIN_AFTER` ago; ``next_at`` is
    when the first of them can be reminded (naive UTC)."""

    def __init__(self, next_at):
        super().__init__(next_at)
        self.next_at = next_at


# -- who is invited ---------------------------------------------------------------------------

def region_actors(region):
    """The region's actors, employers first, then by name."""
    return list(db.session.scalars(
        select(Actor).join(actor_regions, actor_regions.c.actor_id == Actor.id)
        .where(actor_regions.c.region_id == region.id)
        .order_by((Actor.kind != "employer"), Actor.comparable_name, Actor.id)))


def default_emails(actor_ids):
    """actor id -> the address an invitation goes to: its first member's (an active person's),
    a contact person's before any other role's."""
    if not actor_ids:
        return {}
    rows = db.session.execute(
        select(Membership.actor_id, Membership.role, Person.email)
        .join(Person, Membership.person_id == Person.id)
        .where(Membership.actor_id.in_(actor_ids), Person.active.is_(True))
        .order_by(Membership.actor_id, (Membership.role != "contact"), Membership.id))
    emails = {}
    for actor_id, _role, email in rows:
        emails.setdefault(actor_id, email)
    return emails


def invite(survey, actor, email, today):
    """Add ``actor`` to the round (with ``email``); the actor must be one of the round's region's."""
    if survey.is_closed(today):
        raise RoundClosed(survey)
    return services.invite(survey, actor, email)


def uninvite(response, today):
    """Remove an invitation nobody has answered."""
    if response.round.is_closed(today):
        raise RoundClosed(response.round)
    if response.status != "invited":
        raise AlreadyAnswered(response)
    response.round.responses.remove(response)
    db.session.flush()


def set_email(response, email):
    """Where the invitation and reminders go from now on (a link already sent keeps working)."""
    response.email = email
    db.session.flush()


# -- what is sent -----------------------------------------------------------------------------

def answer_url(token):
    """The personal link of ``token``: the answering page (``/surveys/answer/<token>``)."""
    return external_url("answers.by_link", token=token)


def _day(day):
    """A day as the mail's language writes it in full (the mail is composed in that locale)."""
    return local_date(day, "long")


def _invitation(response, url):
    survey = response.round
    subject = _("Needs survey: %(title)s", title=survey.title)
    body = "\n".join([
        _("Hello,"),
        "",
        _("%(employer)s is invited to answer %(title)s, the needs survey of %(region)s, about the competence "
          "your organisation will need within one and three years.", region=survey.region.name,
          employer=response.actor.name, title=survey.title),
        "",
        _("The survey is open from %(opens)s to %(closes)s. Answer through your personal link; no account is "
          "needed, and you can save and go on later:", opens=_day(survey.opens_on), closes=_day(survey.closes_on)),
        url,
        "",
        _("The link works until %(day)s and is your organisation's own: do not pass it on.",
          day=_day(survey.closes_on)),
        _("Only your organisation and the region's administrators read your answers; everyone else sees them "
          "added up with other employers' answers."),
    ])
    return subject, body


def _reminder(response, url):
    survey = response.round
    subject = _("Reminder: %(title)s", title=survey.title)
    body = "\n".join([
        _("Hello,"),
        "",
        _("%(employer)s has not yet completed the survey %(title)s of %(region)s. It closes on %(closes)s.",
          employer=response.actor.name, title=survey.title, region=survey.region.name,
          closes=_day(survey.closes_on)),
        "",
        _("Your personal link (the link sent earlier no longer works); what you have saved is kept:"),
        url,
        "",
        _("The link works until %(day)s and is your organisation's own: do not pass it on.",
          day=_day(survey.closes_on)),
    ])
    return subject, body


def _send(response, compose):
    token = issue_link(response)
    with force_locale(current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject, body = compose(response, answer_url(token))
    send_mail(response.email, subject, body)


def uninvited(survey):
    """The invitations with an address that were never sent."""
    return [response for response in survey.responses if response.email and response.invited_at is None]


def send_invitations(survey, today, now=None):
    """Send the invitation to every employer with an address that has none yet; how many were sent."""
    if survey.is_closed(today):
        raise RoundClosed(survey)
    now = now or utcnow()
    sent = uninvited(survey)
    for response in sent:
        _send(response, _invitation)
        response.invited_at = now
    db.session.flush()
    return len(sent)


def _last_written(response):
    return max(response.invited_at, response.reminded_at or response.invited_at)


def to_remind(survey, now=None, quiet_for=None):
    """The invitations sent and not completed; with ``quiet_for``, only those last written to
    (invited or reminded) at least that long ago."""
    now = now or utcnow()
    return [response for response in survey.responses
            if response.email and response.invited_at is not None and response.status != "completed"
            and (quiet_for is None or _last_written(response) <= now - quiet_for)]


def next_reminder_at(survey, now=None):
    """When a reminder can next go out, if everyone waiting was written to within
    :data:`REMIND_AGAIN_AFTER`; None when one can go now, or nobody waits."""
    now = now or utcnow()
    waiting = to_remind(survey, now)
    if not waiting or to_remind(survey, now, REMIND_AGAIN_AFTER):
        return None
    return min(_last_written(response) for response in waiting) + REMIND_AGAIN_AFTER


def send_reminders(survey, today, now=None, quiet_for=REMIND_AGAIN_AFTER, dry_run=False):
    """Remind :func:`to_remind`'s invitations (those last written to at least ``quiet_for`` ago,
    never within :data:`REMIND_AGAIN_AFTER`) with a fresh link each; how many (would be) sent."""
    if survey.is_closed(today):
        raise RoundClosed(survey)
    now = now or utcnow()
    due = to_remind(survey, now, max(quiet_for, REMIND_AGAIN_AFTER))
    if not dry_run:
        for response in due:
            _send(response, _reminder)
            response.reminded_at = now
        db.session.flush()
    return len(due)


def remind_now(survey, today, now=None):
    """The round page's "Remind": :func:`send_reminders`, refused (:class:`TooSoon`) when everyone
    waiting was written to within a day, so that pressing it twice mails nobody twice."""
    next_at = next_reminder_at(survey, now)
    if next_at is not None:
        raise TooSoon(next_at)
    return send_reminders(survey, today, now)


def remind_open_rounds(day, dry_run=False):
    """:func:`send_reminders` for every round open on ``day``: ``(round, count)`` pairs. Flushes,
    never commits; raises ``RuntimeError`` without ``SAMVERKAN_BASE_URL`` (no link can be built)."""
    from .models import SurveyRound

    rounds = db.session.scalars(select(SurveyRound).where(SurveyRound.opens_on <= day, SurveyRound.closes_on >= day)
                                .order_by(SurveyRound.region_id, SurveyRound.id)).all()
    return [(survey, send_reminders(survey, day, quiet_for=REMIND_AFTER, dry_run=dry_run)) for survey in rounds]


@jobs.periodic(jobs.crontab(hour="7", minute="0"))
def remind_daily():
    """Every morning (07:00 UTC), what ``samverkan surveys remind`` does: no cron line needed."""
    try:
        reminded = remind_open_rounds(today())
    except RuntimeError as error:
        db.session.rollback()
        log.error("survey reminders not sent: %s", error)
        return
    db.session.commit()
    log.info("survey reminders: %d sent in %d open round(s)", sum(count for _, count in reminded), len(reminded))
