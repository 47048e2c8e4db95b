"""A region in the URL: ``/regions/<region_slug>/…`` pages find their region in ``g.region``, and
``url_for`` inside them fills the same region in."""
from flask import current_app, g
from sqlalchemy import select

from ..extensions import db
from .models import Region


def load_region_from_url(endpoint, values):
    """``url_value_preprocessor``: the region named by ``region_slug`` becomes ``g.region``.

    Views of a region read ``g.region``; an unknown region is a 404 before any rule is applied.
    """
    if values and "region_slug" in values:
        g.region = db.first_or_404(select(Region).filter_by(slug=values.pop("region_slug")))


def add_region_to_url(endpoint, values):
    """``url_defaults``: inside a region's pages, ``url_for`` fills in the same region."""
    if "region_slug" not in values and "region" in g and current_app.url_map.is_endpoint_expecting(
        endpoint, "region_slug"
    ):
        values["region_slug"] = g.region.slug


def init_app(app):
    app.url_value_preprocessor(load_region_from_url)
    app.url_defaults(add_region_to_url)
