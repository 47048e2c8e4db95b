"""Forums and forum models: starting a forum (from a model of any region) and keeping it.

A forum's own page is the meetings feature's (``meetings.forum``).
"""
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from .. import audit_display
from ..extensions import db
from ..policy import can, object_by_id, public, requires
from ..templating import render_form
from ..urls import query_int
from . import queries, services
from .forms import ForumForm, ForumModelForm, agenda_lines
from .models import Forum, ForumModel, ForumModelItem

bp = Blueprint("forums", __name__)


object_by_id("forum_model", "model_id", ForumModel)
object_by_id("forum", "forum_id", Forum)


# -- forum models ------------------------------------------------------------------------------

@bp.get("/forum-models/")
@public
def models_index():
    return render_template("forums/models_index.html", rows=queries.models_with_use(current_user),
                           own_regions=queries.regions_managed_by(current_user))


@bp.get("/forum-models/<int:model_id>")
@public
def model_show(model_id):
    model = queries.model_for_page(model_id)
    if model is None or not (model.published or can(current_user, "region.manage", model)):
        abort(404)
    regions, networks = queries.places_for_forums(current_user) if model.published else ([], [])
    return render_template("forums/model_show.html", model=model, regions=regions, networks=networks)


def _model_form(template, model):
    form = ForumModelForm(obj=model)
    if request.method != "POST":
        form.agenda.data = "\n".join(item.title for item in model.agenda_items)
    if form.validate_on_submit():
        services.save_model(model, name=form.name.data.strip(), purpose=(form.purpose.data or "").strip(),
                            participant_mix=(form.participant_mix.data or "").strip(),
                            cadence=(form.cadence.data or "").strip(),
                            meetings_per_year=form.meetings_per_year.data, published=form.published.data,
                            agenda=agenda_lines(form.agenda.data))
        db.session.commit()
        flash(_("The forum model is saved."), "info")
        return redirect(url_for("forums.model_show", model_id=model.id))
    return render_form(template, form, model=model)


@bp.route("/regions/<region_slug>/forum-models/new", methods=["GET", "POST"])
@requires("region.manage")
def new_model():
    return _model_form("forums/model_form.html", ForumModel(region=g.region))


@bp.route("/forum-models/<int:model_id>/edit", methods=["GET", "POST"])
@requires("region.manage", on="forum_model")
def edit_model(forum_model):
    return _model_form("forums/model_form.html", forum_model)


# -- forums --------------------------------------------------------------------------------------

def _forum_form(forum):
    """A forum's form; a new one takes ``?model=<id>`` (a published model) as its model and purpose."""
    models = queries.published_models()
    if forum.model is not None and forum.model not in models:
        models.append(forum.model)  # kept while its model is unpublished, so that it can be saved
    form = ForumForm(models, obj=forum)
    if request.method != "POST":
        form.model.data = forum.model_id or 0
        chosen = queries.published_model(query_int("model", default=0, minimum=0, maximum=2**31 - 1))
        if forum.id is None and chosen is not None:
            form.model.data, form.purpose.data = chosen.id, chosen.purpose
    if form.validate_on_submit():
        model = next((m for m in models if m.id == form.model.data), None)
        services.save_forum(forum, name=form.name.data.strip(), purpose=(form.purpose.data or "").strip(), model=model)
        db.session.commit()
        flash(_("The forum is saved."), "info")
        return redirect(url_for("meetings.forum", forum_id=forum.id))
    return render_form("forums/form.html", form, forum=forum)


@bp.route("/networks/<int:network_id>/forums/new", methods=["GET", "POST"])
@requires("forum.manage", on="network")
def new_for_network(network):
    return _forum_form(Forum(network=network))


@bp.route("/regions/<region_slug>/forums/new", methods=["GET", "POST"])
@requires("forum.manage")
def new_for_region():
    return _forum_form(Forum(region=g.region))


@bp.route("/forums/<int:forum_id>/edit", methods=["GET", "POST"])
@requires("forum.manage", on="forum")
def edit(forum):
    return _forum_form(forum)


# -- how the audit log names these objects ---------------------------------------------------

def _forum(obj, values):
    if obj is None:
        return values["name"], None
    return obj.name, url_for("meetings.forum", forum_id=obj.id)


def _model(obj, values):
    if obj is None:
        return values["name"], None
    return obj.name, url_for("forums.model_show", model_id=obj.id)


def _model_item(obj, values):
    return (obj.title if obj is not None else values["title"]), None


audit_display.register_kind("Forum", _l("Forum"), _forum, Forum)
audit_display.register_kind("ForumModel", _l("Forum model"), _model, ForumModel)
audit_display.register_kind("ForumModelItem", _l("Agenda item of a forum model"), _model_item, ForumModelItem)
audit_display.register_reference("forum_id", "Forum")
audit_display.register_reference("model_id", "ForumModel")
