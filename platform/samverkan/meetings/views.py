"""The forum page, meetings with their agenda, minutes, decisions and actions, and the lists.

The agenda is edited in place with htmx and with plain forms alike: the same routes answer an
``HX-Request`` with the agenda fragment and any other request with a redirect or a full page.
"""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import audit_display
from ..forms import ConfirmForm
from ..extensions import db
from ..i18n import localized
from ..initiatives import listings
from ..forums.models import Forum
from ..networks.models import Network
from ..plans.forms import NODE_MATCHES, finding_nodes, shown_nodes
from ..policy import can, object_by_id, public, requires, signed_in
from ..templating import confirm_then, htmx_request, render_form
from ..urls import local_path
from .. import times
from . import queries, services
from .forms import STATUS_LABELS, ActionForm, AgendaItemForm, DecisionForm, MeetingForm, MinutesForm, MoveForm
from .markdown import render_markdown
from .models import Action, AgendaItem, Decision, Meeting

bp = Blueprint("meetings", __name__)


@bp.app_template_filter("markdown")
def _markdown_filter(text):
    return render_markdown(text)


@bp.app_template_filter("meeting_status")
def _status_label(status):
    return STATUS_LABELS.get(status, status)


object_by_id("meeting", "meeting_id", Meeting)
object_by_id("agenda_item", "item_id", AgendaItem)
object_by_id("decision", "decision_id", Decision)
object_by_id("action", "action_id", Action)


# -- the forum page and the lists -------------------------------------------------------------

@bp.get("/forums/<int:forum_id>")
@public
def forum(forum_id):
    forum = db.get_or_404(Forum, forum_id)
    page, when = queries.meetings_page(Meeting.forum_id == forum.id)
    return render_template("meetings/forum.html", forum=forum, page=page, when=when)


def _list_page(heading, condition, crumbs, **context):
    page, when = queries.meetings_page(condition)
    return render_template("meetings/list.html", heading=heading, page=page, when=when, crumbs=crumbs,
                           **context)


@bp.get("/regions/<region_slug>/meetings")
@public
def region_meetings():
    region = g.region
    return _list_page(_("Meetings in %(region)s", region=localized(region, "name").text), queries.region_forums(region),
                      [(_("Regions"), url_for("regions.index")), (localized(region, "name"), url_for("regions.show")),
                       (_("Meetings"), None)])


@bp.get("/networks/<int:network_id>/meetings")
@public
def network_meetings(network_id):
    network = db.get_or_404(Network, network_id)
    return _list_page(_("Meetings of %(network)s", network=network.name), queries.network_forums(network.id),
                      [(network.name, url_for("networks.show", network_id=network.id)), (_("Meetings"), None)])


@bp.get("/me/meetings")
@signed_in
def my_meetings():
    return _list_page(_("My meetings"), queries.registered_meetings(current_user),
                      [(_("My account"), url_for("accounts.account")), (_("My meetings"), None)])


@bp.get("/regions/<region_slug>/actions")
@requires("region.manage")
def region_actions():
    return render_template("meetings/actions.html", region=g.region,
                           page=queries.open_actions_page(g.region, current_user),
                           confirm=ConfirmForm())


# -- meetings ---------------------------------------------------------------------------------

@bp.route("/forums/<int:forum_id>/meetings/new", methods=["GET", "POST"])
@requires("forum.manage", on="forum")
def new(forum):
    form = MeetingForm(queries.plan_nodes(forum))
    if not finding_nodes() and form.validate_on_submit():
        meeting = services.create_meeting(forum, form)
        db.session.commit()
        flash(_("The meeting is created."), "info")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    return _render_meeting_form(form, forum, None)


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@requires("forum.manage", on="meeting")
def edit(meeting):
    form = MeetingForm(queries.plan_nodes(meeting.forum, include={node.id for node in meeting.nodes}), obj=meeting)
    if request.method == "GET":
        start, end = times.to_local(meeting.starts_at), times.to_local(meeting.ends_at)
        form.day.data, form.starts.data, form.ends.data = start.date(), start.time(), end.time()
        form.nodes.data = [node.id for node in meeting.nodes]
    if not finding_nodes() and form.validate_on_submit():
        services.update_meeting(meeting, form)
        db.session.commit()
        flash(_("The meeting is saved."), "info")
        return redirect(url_for("meetings.show", meeting_id=meeting.id))
    return _render_meeting_form(form, meeting.forum, meeting)


def _render_meeting_form(form, forum, meeting):
    return render_form("meetings/meeting_form.html", form, forum=forum, meeting=meeting,
                       regions=queries.forum_regions(forum), shown_nodes=shown_nodes(form), node_matches=NODE_MATCHES)


@bp.get("/meetings/<int:meeting_id>")
@public
def show(meeting_id):
    return _meeting_page(db.get_or_404(Meeting, meeting_id))


def _meeting_page(meeting, status=200, **forms):
    """The meeting page; its forms (for those who manage it) are given ones with errors, or new."""
    if can(current_user, "forum.manage", meeting):
        forms.setdefault("agenda_form", AgendaItemForm(formdata=None))
        forms.setdefault("minutes_form", MinutesForm(formdata=None, minutes=meeting.minutes))
        forms.setdefault("decision_form", DecisionForm(formdata=None))
        forms.setdefault("action_form", _action_form(meeting, formdata=None))
        forms["confirm"] = ConfirmForm()
    return render_template("meetings/show.html", meeting=meeting, forum=meeting.forum,
                           actions=queries.meeting_actions(meeting, current_user), **forms), status


def _action_form(meeting, **kwargs):
    decisions = [(d.id, f"{d.position + 1}. {d.text[:80]}") for d in meeting.decisions]
    return ActionForm(queries.actor_choices(meeting.forum), queries.node_choices(meeting.forum), decisions,
                      initiative_choices=listings.forum_choices(meeting.forum, current_user), **kwargs)


def _back_to(meeting, anchor):
    return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor=anchor))


@bp.post("/meetings/<int:meeting_id>/minutes")
@requires("forum.manage", on="meeting")
def minutes(meeting):
    form = MinutesForm()
    if not form.validate():
        return _meeting_page(meeting, 400, minutes_form=form)
    services.set_minutes(meeting, form.minutes.data)
    db.session.commit()
    flash(_("The minutes are saved."), "info")
    return _back_to(meeting, "minutes")


@bp.post("/meetings/<int:meeting_id>/decisions")
@requires("forum.manage", on="meeting")
def add_decision(meeting):
    form = DecisionForm()
    if not form.validate():
        return _meeting_page(meeting, 400, decision_form=form)
    services.add_decision(meeting, form.text.data)
    db.session.commit()
    return _back_to(meeting, "decisions")


@bp.post("/decisions/<int:decision_id>/delete")
@requires("forum.manage", on="decision")
def delete_decision(decision):
    meeting = decision.meeting
    services.delete_decision(decision)
    db.session.commit()
    flash(_("The decision is deleted."), "info")
    return _back_to(meeting, "decisions")


@bp.post("/meetings/<int:meeting_id>/actions")
@requires("forum.manage", on="meeting")
def add_action(meeting):
    form = _action_form(meeting)
    if not form.validate():
        return _meeting_page(meeting, 400, action_form=form)
    services.add_action(meeting, form)
    db.session.commit()
    return _back_to(meeting, "actions")


@bp.post("/actions/<int:action_id>/done")
@requires("forum.manage", on="action")
def toggle_action(action):
    services.toggle_action(action)
    db.session.commit()
    back = local_path(request.form.get("next"))
    return redirect(back) if back else _back_to(action.meeting, "actions")


# -- the agenda -------------------------------------------------------------------------------

def _agenda(meeting, status=200, form=None, **context):
    """The agenda fragment (htmx); ``context`` may say which element takes the focus."""
    return render_template("meetings/_agenda.html", meeting=meeting, agenda_form=form or AgendaItemForm(formdata=None),
                           **context), status


@bp.post("/meetings/<int:meeting_id>/agenda")
@requires("forum.manage", on="meeting")
def add_agenda_item(meeting):
    form = AgendaItemForm()
    if not form.validate():
        return _agenda(meeting, 400, form) if htmx_request() else _meeting_page(meeting, 400, agenda_form=form)
    services.add_agenda_item(meeting, form.title.data, form.notes.data)
    db.session.commit()
    return _agenda(meeting, focus="agenda-title") if htmx_request() else _back_to(meeting, "agenda")


@bp.route("/agenda-items/<int:item_id>/edit", methods=["GET", "POST"])
@requires("forum.manage", on="agenda_item")
def edit_agenda_item(agenda_item):
    """Fields are prefixed by the item, so that their ids stay unique beside the add form."""
    form = AgendaItemForm(obj=agenda_item, prefix=f"item{agenda_item.id}")
    meeting = agenda_item.meeting
    if form.validate_on_submit():
        services.update_agenda_item(agenda_item, form.title.data, form.notes.data)
        db.session.commit()
        if htmx_request():
            return _agenda(meeting, focus=f"edit-{agenda_item.id}")
        return _back_to(meeting, f"item-{agenda_item.id}")
    if not htmx_request():
        return render_form("meetings/agenda_item_edit.html", form, item=agenda_item, meeting=meeting)
    body, status = render_form("meetings/_agenda_item_form.html", form, item=agenda_item, meeting=meeting)
    # the form goes back into its list item, not over the whole agenda
    return body, status, {"HX-Retarget": f"#item-{agenda_item.id}", "HX-Reswap": "innerHTML"}


@bp.post("/agenda-items/<int:item_id>/move")
@requires("forum.manage", on="agenda_item")
def move_agenda_item(agenda_item):
    form = MoveForm()
    if not form.validate():
        abort(400)
    meeting = agenda_item.meeting
    services.move_agenda_item(agenda_item, form.direction.data)
    db.session.commit()
    if htmx_request():
        return _agenda(meeting, moved=agenda_item, direction=form.direction.data)
    return _back_to(meeting, f"item-{agenda_item.id}")


@bp.route("/agenda-items/<int:item_id>/delete", methods=["GET", "POST"])
@requires("forum.manage", on="agenda_item")
def delete_agenda_item(agenda_item):
    meeting = agenda_item.meeting
    return confirm_then("meetings/agenda_item_delete.html", lambda: services.delete_agenda_item(agenda_item),
                        _("The agenda item is deleted."), back=url_for("meetings.show", meeting_id=meeting.id,
                                                                       _anchor="agenda"),
                        after=lambda: _agenda(meeting, focus="agenda-heading") if htmx_request()
                        else _back_to(meeting, "agenda"), item=agenda_item)


# -- the audit log ----------------------------------------------------------------------------

def _meeting_kind(obj, values):
    if obj is None:
        return values["title"], None
    return obj.title, url_for("meetings.show", meeting_id=obj.id)


def _part_kind(field):
    def describe(obj, values):
        if obj is None:
            return values[field], None
        text = getattr(obj, field)
        return (text if len(text) <= 80 else text[:79] + "…"), url_for("meetings.show", meeting_id=obj.meeting_id)

    return describe


audit_display.register_kind("Meeting", _l("Meeting"), _meeting_kind, Meeting)
audit_display.register_kind("AgendaItem", _l("Agenda item"), _part_kind("title"), AgendaItem)
audit_display.register_kind("Decision", _l("Decision"), _part_kind("text"), Decision)
audit_display.register_kind("Action", _l("Action"), _part_kind("what"), Action)
audit_display.register_reference("meeting_id", "Meeting")
audit_display.register_reference("decision_id", "Decision")
