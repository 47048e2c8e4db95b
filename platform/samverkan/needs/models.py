"""A survey round, the employers invited to it and the needs each reports.

An employer's answers are confidential: only the employer and the region's admins read them
(:mod:`samverkan.needs.policy`); everyone else sees them added up, with small counts suppressed
(:mod:`samverkan.needs.aggregation`). So the needs themselves are not audited (the audit log is
read by others); a response's saves and completion are.
"""
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..times import utcnow
from ..extensions import db
from ..policy import object_grant

#: key -> label: where a response stands
RESPONSE_STATUSES = {
    "invited": _l("Not answered"),
    "in-progress": _l("Started"),
    "completed": _l("Completed"),
}

#: key -> label: how a response reached the platform
RESPONSE_SOURCES = {
    "link": _l("Personal link"),
    "signed-in": _l("Signed in"),
    "import": _l("Imported from a file"),
}


class SurveyRound(db.Model):
    """A region's needs survey over a period: the shared question set of one version, the
    region's own questions as they were when it opened, and the employers invited."""

    __tablename__ = "survey_rounds"
    __audited__ = True

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(db.ForeignKey("regions.id"), index=True)
    title: Mapped[str] = mapped_column(db.String(200))
    opens_on: Mapped[date]
    #: the last day answers are taken; the round is closed from the day after
    closes_on: Mapped[date]
    #: a key of :data:`samverkan.needs.questions.QUESTION_SETS`
    question_set_version: Mapped[int] = mapped_column(default=1)
    #: the region plugin's own questions when the round opened: [{key, text, text_en, kind, choices}]
    region_questions: Mapped[list] = mapped_column(db.JSON, default=list)
    created_by_id: Mapped[int | None] = mapped_column(db.ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: invented by ``samverkan demo load``; every page that shows it says so
    demo: Mapped[bool] = mapped_column(default=False)
    #: when ``samverkan surveys close`` found its last day passed and said so (``RoundClosed``)
    closed_at: Mapped[datetime | None]

    region = relationship("Region")
    created_by = relationship("Person")
    responses = relationship("SurveyResponse", back_populates="round", cascade="all, delete-orphan",
                             order_by="SurveyResponse.id")

    def is_open(self, today):
        return self.opens_on <= today <= self.closes_on

    def is_closed(self, today):
        return today > self.closes_on

    def __repr__(self):
        return f"<SurveyRound {self.id} {self.region_id} {self.opens_on}–{self.closes_on}>"


class SurveyResponse(db.Model):
    """One invited employer's place in a round: its personal link, and its answers from the
    first save to completion. Answered once per round; a completed response is final."""

    __tablename__ = "survey_responses"
    __audited__ = True
    __audit_ignore__ = ("token_hash", "region_answers")
    __audit_personal__ = ("email",)
    __table_args__ = (db.UniqueConstraint("round_id", "actor_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(db.ForeignKey("survey_rounds.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int] = mapped_column(db.ForeignKey("actors.id"), index=True)
    #: where the invitation and reminders go
    email: Mapped[str | None] = mapped_column(db.String(254))
    #: SHA-256 of the personal link's secret; the secret itself is only ever in the e-mail. The
    #: link works while the round is open (:func:`samverkan.needs.services.link_closes_at`)
    token_hash: Mapped[str | None] = mapped_column(db.String(64), unique=True)
    invited_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    #: a key of :data:`RESPONSE_STATUSES`
    status: Mapped[str] = mapped_column(db.String(20), default="invited")
    #: a key of :data:`RESPONSE_SOURCES`, once answered
    source: Mapped[str | None] = mapped_column(db.String(20))
    saved_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    #: the signed-in member who answered, if one did
    answered_by_id: Mapped[int | None] = mapped_column(db.ForeignKey("people.id"))
    #: answers to the round's region questions: {question key: value}
    region_answers: Mapped[dict] = mapped_column(db.JSON, default=dict)

    round = relationship(SurveyRound, back_populates="responses")
    actor = relationship("Actor")
    answered_by = relationship("Person")
    needs = relationship("ReportedNeed", back_populates="response", cascade="all, delete-orphan",
                         order_by="ReportedNeed.position")
    replaced_links = relationship("ReplacedLink", back_populates="response", cascade="all, delete-orphan")

    @property
    def region_id(self):
        return self.round.region_id

    audit_region_id = region_id

    def __repr__(self):
        return f"<SurveyResponse {self.id} round {self.round_id} actor {self.actor_id} {self.status}>"


class ReplacedLink(db.Model):
    """A personal link a newer one replaced: kept (hashed) so that its page can say it was replaced
    and whom to ask, rather than that it never existed."""

    __tablename__ = "survey_replaced_links"

    token_hash: Mapped[str] = mapped_column(db.String(64), primary_key=True)
    response_id: Mapped[int] = mapped_column(db.ForeignKey("survey_responses.id", ondelete="CASCADE"), index=True)

    response = relationship(SurveyResponse, back_populates="replaced_links")


class ReportedNeed(db.Model):
    """One competence need an employer reports, in the terms of the shared question set."""

    __tablename__ = "reported_needs"
    __table_args__ = (
        db.CheckConstraint("count_1y >= 0 AND count_3y >= count_1y", name="counts_in_order"),
        db.CheckConstraint("seqf_level BETWEEN 1 AND 8", name="seqf_level_1_to_8"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(db.ForeignKey("survey_responses.id", ondelete="CASCADE"),
                                             index=True)
    position: Mapped[int] = mapped_column(default=0)
    occupation: Mapped[str] = mapped_column(db.String(200))
    #: a key of :data:`samverkan.needs.questions.SSYK_GROUPS`
    ssyk_group: Mapped[str] = mapped_column(db.String(1))
    #: people needed within one year, and within three years (the three include the one)
    count_1y: Mapped[int] = mapped_column(default=0)
    count_3y: Mapped[int] = mapped_column(default=0)
    seqf_level: Mapped[int]
    #: a key of :data:`samverkan.needs.questions.IMPORTANCE`
    importance: Mapped[str] = mapped_column(db.String(10))
    bottleneck: Mapped[bool] = mapped_column(default=False)
    #: a key of :data:`samverkan.needs.questions.EDUCATION_ROUTES`
    education_route: Mapped[str] = mapped_column(db.String(30))
    comment: Mapped[str] = mapped_column(db.Text, default="")

    response = relationship(SurveyResponse, back_populates="needs")

    def __repr__(self):
        return f"<ReportedNeed {self.id} {self.ssyk_group} {self.count_1y}/{self.count_3y}>"


def is_member(person, actor_id):
    """Whether ``person`` acts for the actor in any role."""
    from ..actors.models import Membership

    return db.session.scalar(select(exists().where(Membership.person_id == person.id,
                                                    Membership.actor_id == actor_id)))


@object_grant("needs.answers", SurveyResponse)
def _employer_answers_own(person, response):
    """The employer's own people read and give its answers, whatever their regional roles."""
    return is_member(person, response.actor_id)
