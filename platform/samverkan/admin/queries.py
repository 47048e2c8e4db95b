"""Reading the audit log: filters by who, what, region and date, pages that keep the filters."""
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, render_template, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, not_, select
from wtforms import BooleanField, DateField, SelectField, StringField
from wtforms.validators import Length, Optional

from .. import audit_display
from ..accounts.models import Person
from ..audit import AuditEvent
from ..extensions import db
from ..forms import Form
from ..i18n import localized
from ..regions.models import Region
from ..urls import query_int

PAGE_SIZE = 50
MAX_PAGE = 10000

class AuditFilterForm(Form):
    """A plain GET form: filters change nothing, so it carries no CSRF token."""

    class Meta:
        csrf = False

    who = StringField(_l("Who (e-mail)"), validators=[Optional(), Length(max=254)])
    action = SelectField(_l("What happened"), validators=[Optional()])
    region = SelectField(_l("Region"), validators=[Optional()])
    since = DateField(_l("From (date)"), validators=[Optional()])
    until = DateField(_l("To (date)"), validators=[Optional()])
    command_line = BooleanField(_l("Show changes made by the command line (plan sync)"))

    def __init__(self, with_region, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.action.choices = [("", _l("Everything"))] + [(key, label) for key, label in audit_display.ACTIONS.items()]
        if with_region:
            regions = db.session.scalars(select(Region).order_by(Region.name)).all()
            self.region.choices = [("", _l("All regions"))] + [(r.slug, localized(r, "name")) for r in regions]
        else:
            del self.region


def _utc(day, end=False):
    """The UTC moment a local (Stockholm) day starts, or ends."""
    zone = ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])
    local = datetime.combine(day + timedelta(days=1) if end else day, time.min, tzinfo=zone)
    return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def filtered_events(form, region):
    """The audit events the form asks for, newest first; ``region`` scopes a region admin's page."""
    query = select(AuditEvent)
    if region is not None:
        query = query.where(AuditEvent.region_id == region.id)
    elif getattr(form, "region", None) is not None and form.region.data:
        region_id = db.session.scalar(select(Region.id).filter_by(slug=form.region.data))
        query = query.where(AuditEvent.region_id == region_id)
    if form.who.data:
        # the log keeps ids: who is matched on the people as they are now
        who = select(Person.id).where(Person.email.contains(form.who.data.strip().lower(), autoescape=True))
        query = query.where(AuditEvent.person_id.in_(who))
    if form.action.data:
        query = query.where(AuditEvent.action == form.action.data)
    if form.since.data:
        query = query.where(AuditEvent.occurred_at >= _utc(form.since.data))
    if form.until.data:
        query = query.where(AuditEvent.occurred_at < _utc(form.until.data, end=True))
    if not form.command_line.data:
        query = query.where(not_(and_(AuditEvent.person_id.is_(None),
                                      AuditEvent.action.in_(audit_display.CHANGE_ACTIONS))))
    return query.order_by(AuditEvent.id.desc())


def people_of(events):
    """{id: person} of the people who acted in ``events``, in one query (the "who" column)."""
    ids = {event.person_id for event in events if event.person_id is not None}
    if not ids:
        return {}
    return {person.id: person for person in db.session.scalars(select(Person).where(Person.id.in_(ids)))}


def audit_page(region):
    """The audit log page (platform-wide when ``region`` is None), filtered as the query asks."""
    form = AuditFilterForm(with_region=region is None, formdata=request.args)
    valid = form.validate()
    page_number = query_int("page", maximum=MAX_PAGE)
    if valid:
        page = db.paginate(filtered_events(form, region), page=page_number, per_page=PAGE_SIZE, error_out=False)
    else:
        page = None
    filters = {key: value for key, value in request.args.items() if key != "page" and value}
    people = people_of(page.items) if page else {}
    return render_template("admin/audit.html", form=form, page=page, filters=filters, region=region,
                           describe=audit_display, people=people), 200 if valid else 400
