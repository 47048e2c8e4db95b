"""Reads of forum models and forums: who sees which model, where a model is used, what the
forum forms offer."""
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..networks.models import Network
from ..policy import regions_where, where
from ..regions.models import Region
from .models import Forum, ForumModel


def _visible(person):
    """The forum models ``person`` sees: the published ones, and those they may manage (the
    policy's rule, as on a model's page)."""
    return or_(ForumModel.published.is_(True), where(person, "region.manage", ForumModel))


def models_with_use(person):
    """The forum models ``person`` may see, by region and name, each with how many forums use it:
    ``[(model, count)]``."""
    counts = select(Forum.model_id, func.count().label("forums")).group_by(Forum.model_id).subquery()
    query = (
        select(ForumModel, func.coalesce(counts.c.forums, 0))
        .join(ForumModel.region)
        .outerjoin(counts, counts.c.model_id == ForumModel.id)
        .options(selectinload(ForumModel.region))
        .order_by(Region.name, ForumModel.name, ForumModel.id)
    )
    return db.session.execute(query.where(_visible(person))).all()


def model_for_page(model_id):
    """A model with its agenda and the forums started from it (with their network or region)."""
    return db.session.scalar(
        select(ForumModel).where(ForumModel.id == model_id).options(
            selectinload(ForumModel.region),
            selectinload(ForumModel.agenda_items),
            selectinload(ForumModel.forums).selectinload(Forum.network).selectinload(Network.regions),
            selectinload(ForumModel.forums).selectinload(Forum.region),
        )
    )


def published_models():
    """Every published model of any region: what a forum can be started from."""
    return db.session.scalars(
        select(ForumModel).join(ForumModel.region).where(ForumModel.published.is_(True))
        .options(selectinload(ForumModel.region)).order_by(Region.name, ForumModel.name, ForumModel.id)
    ).all()


def published_model(model_id):
    return db.session.scalar(select(ForumModel).where(ForumModel.id == model_id, ForumModel.published.is_(True)))


def places_for_forums(person):
    """Where ``person`` may start a forum: ``(regions, networks)``, each by name: those they hold
    ``forum.manage`` on (the networks of those regions, and those they coordinate)."""
    if not person.is_authenticated:
        return [], []
    regions = select(Region).where(where(person, "forum.manage", Region)).order_by(Region.name)
    networks = (select(Network).where(where(person, "forum.manage", Network)).options(selectinload(Network.regions))
                .order_by(Network.name, Network.id))
    return db.session.scalars(regions).all(), db.session.scalars(networks).all()


def regions_managed_by(person):
    """The regions ``person`` administers by a regional role (where they may add forum models);
    none for a platform-wide role, whose reach is every region."""
    managed = regions_where(person, "region.manage")
    if not managed:
        return []
    return db.session.scalars(select(Region).where(Region.id.in_(managed)).order_by(Region.name)).all()
