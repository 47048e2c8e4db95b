"""Changing forum models and forums. The caller commits."""
from ..events import ForumChanged, emit
from ..extensions import db
from .models import ForumModelItem


def _set_agenda(model, titles):
    """The model's recurring agenda becomes ``titles``: items kept in place where they are, so
    that the audit log shows what changed rather than a whole new list."""
    items = list(model.agenda_items)
    for position, title in enumerate(titles):
        if position < len(items):
            items[position].title = title
        else:
            model.agenda_items.append(ForumModelItem(position=position, title=title))
    for item in items[len(titles):]:
        model.agenda_items.remove(item)


def save_model(model, name, purpose, participant_mix, cadence, meetings_per_year, published, agenda):
    """Create (``model`` a new, unsaved ForumModel with its region) or update a forum model."""
    model.name, model.purpose, model.participant_mix = name, purpose, participant_mix
    model.cadence, model.meetings_per_year, model.published = cadence, meetings_per_year, published
    _set_agenda(model, agenda)
    db.session.add(model)
    db.session.flush()
    return model


def save_forum(forum, name, purpose, model):
    """Create (``forum`` a new, unsaved Forum of a network or region) or update a forum."""
    created = forum.id is None
    forum.name, forum.purpose, forum.model = name, purpose, model
    db.session.add(forum)
    db.session.flush()
    emit(ForumChanged(forum_id=forum.id, change="created" if created else "updated"))
    return forum
