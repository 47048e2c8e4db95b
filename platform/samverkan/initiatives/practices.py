"""Practices across counties: the practice library, a region adopting another region's practice,
and what an initiative's page shows of both (with its similar initiatives in other regions).

A practice is an initiative marked ``is_practice``; an :class:`~.models.Adoption` records that a
region takes it up, optionally as one of its own initiatives. The caller commits.
"""
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from ..extensions import db
from ..policy import can, regions_where
from ..regions.models import Region
from ..times import today
from . import queries, similarity
from .models import Adoption, Initiative

PAGE_SIZE = 20
#: how many of the adopting regions' initiatives the adoption form offers to link
OWN_INITIATIVE_CHOICES = 300


class AlreadyAdopted(Exception):
    """The region has adopted this practice already (a region adopts a practice once)."""


class NotTheRegions(Exception):
    """The initiative named as the adopting region's own is not one of that region's."""


# -- the library --------------------------------------------------------------------------------

def library(person, filters, page):
    """One page of the practices ``person`` sees that match ``filters`` (those of
    :func:`queries.filtered`), with what an entry shows, and how often each was adopted."""
    query = queries.filtered(person, practice=True, **filters).options(
        joinedload(Initiative.owner), joinedload(Initiative.lead_region), selectinload(Initiative.partner_regions),
        selectinload(Initiative.all_themes))
    found = db.paginate(query, page=page, per_page=PAGE_SIZE, error_out=False)
    counts = adoption_counts([initiative.id for initiative in found.items])
    return found, counts


def adoption_counts(practice_ids):
    """practice id -> how many regions adopted it (one query; absent means none)."""
    if not practice_ids:
        return {}
    rows = db.session.execute(select(Adoption.practice_id, func.count()).where(Adoption.practice_id.in_(practice_ids))
                              .group_by(Adoption.practice_id))
    return dict(rows.all())


# -- adopting -----------------------------------------------------------------------------------

def adoptable_practice(practice_id):
    """The published practice of that id, or None (none, not a practice, or a draft: a region
    adopts what every region can read)."""
    return db.session.scalar(select(Initiative).where(Initiative.id == practice_id, Initiative.is_practice.is_(True),
                                                      Initiative.draft.is_(False))
                             .options(joinedload(Initiative.lead_region), joinedload(Initiative.owner)))


def adopting_regions(person, practice):
    """The regions ``person`` may record an adoption of ``practice`` for: where they hold
    ``region.manage``, less the practice's own lead region, by name."""
    return [region for region in queries.regions_for(person, "region.manage")
            if region.id != practice.lead_region_id]


def own_initiatives(person, regions):
    """The initiatives of ``regions`` (led or partnered) that ``person`` sees: those an adoption
    can name as the region's own, by title (at most :data:`OWN_INITIATIVE_CHOICES`, newest)."""
    if not regions:
        return []
    newest = (queries.filtered(person).where(queries._in_regions([region.id for region in regions]))
              .limit(OWN_INITIATIVE_CHOICES))
    return sorted(db.session.scalars(newest), key=lambda initiative: initiative.title.casefold())


def already_adopted(practice, region):
    return db.session.scalar(select(Adoption.id).where(Adoption.practice_id == practice.id,
                                                       Adoption.region_id == region.id)) is not None


def adopt(practice, region, by, initiative=None, note="", on=None):
    """Record that ``region`` adopts ``practice``, optionally as its own ``initiative``.

    Raises :class:`AlreadyAdopted` when the region has already; two people recording it at the
    same moment both pass that check, and the database's unique constraint refuses the second
    (an ``IntegrityError`` at the flush, which the caller answers the same way).
    """
    if already_adopted(practice, region):
        raise AlreadyAdopted(region)
    if initiative is not None and region.id not in initiative.region_ids:
        raise NotTheRegions(initiative)
    adoption = Adoption(practice=practice, region=region, initiative=initiative, note=note.strip(),
                        adopted_on=on or today(), created_by_id=by.id if by is not None else None)
    db.session.add(adoption)
    db.session.flush()
    return adoption


def withdraw(adoption):
    """The region no longer adopts the practice (the audit log keeps that it did)."""
    db.session.delete(adoption)
    db.session.flush()


# -- what an initiative's page shows --------------------------------------------------------------

@dataclass
class PracticePanel:
    """The initiative page's parts of this feature."""

    #: the regions that adopted this practice (adoptions, with their regions and own initiatives)
    adoptions: list = field(default_factory=list)
    #: the initiative ids among the adoptions' own initiatives that the viewer may open
    visible_own: set = field(default_factory=set)
    #: the practices this initiative carries on (adoptions naming it as the region's own)
    adopted: list = field(default_factory=list)
    #: whether the viewer may record an adoption of this practice for one of their regions
    may_adopt: bool = False
    #: the similar initiatives in other regions (:class:`similarity.Match`)
    similar: list = field(default_factory=list)
    #: the adoptions the viewer may withdraw, by id
    withdrawable: set = field(default_factory=set)


def panel(initiative, person):
    """What the initiative's page shows of adoptions both ways and of similar initiatives."""
    adoptions = db.session.scalars(
        select(Adoption).where(Adoption.practice_id == initiative.id)
        .options(joinedload(Adoption.region), joinedload(Adoption.initiative))
        .join(Region, Region.id == Adoption.region_id).order_by(Region.name)).all()
    own_ids = [adoption.initiative_id for adoption in adoptions if adoption.initiative_id]
    visible_own = set(db.session.scalars(select(Initiative.id).where(
        Initiative.id.in_(own_ids), queries.visible_to(person)))) if own_ids else set()
    adopted = db.session.scalars(
        select(Adoption).join(Initiative, Initiative.id == Adoption.practice_id)
        .where(Adoption.initiative_id == initiative.id, queries.visible_to(person))
        .options(joinedload(Adoption.practice).joinedload(Initiative.lead_region), joinedload(Adoption.region))
        .order_by(Adoption.adopted_on, Adoption.id)).all()
    managed = regions_where(person, "region.manage") if person.is_authenticated else set()
    may_adopt = bool(initiative.is_practice and not initiative.draft and (
        managed is None or managed - {initiative.lead_region_id}))
    withdrawable = {adoption.id for adoption in adoptions if can(person, "region.manage", adoption)}
    return PracticePanel(adoptions=adoptions, visible_own=visible_own, adopted=adopted, may_adopt=may_adopt,
                         similar=similarity.similar_to(initiative), withdrawable=withdrawable)
