"""The template a region gives its organisations' competence-supply plans: its sections, in order.

A region's plugin provides one through ``samverkan_competence_plan_templates`` (Västmanland's is the
strategy of seed ``001``); a region without one gets :data:`DEFAULT_SECTIONS`, a single section. A
plan year keeps the sections it was made with (:func:`snapshot`), so a later change of the
template leaves earlier years as they were.
"""
from flask import current_app

from ..specs import TemplateSectionSpec, region_items

#: the core's template: one section, for a region whose plugin gives none
DEFAULT_SECTIONS = (
    TemplateSectionSpec(
        key="competence-supply", title="Kompetensförsörjning", title_en="Competence supply",
        text="Gap, behov och aktiviteter för att säkra kompetensförsörjningen på kort och lång sikt.",
        text_en="Gap, need and activities to secure the supply of competence in the short and the long term.",
    ),
)


def sections_of(region):
    """The template's sections of ``region``: its plugin's, or the core's default."""
    templates = region_items(current_app, "competence_plan_templates", region.code)
    return tuple(templates[0].sections) if templates else DEFAULT_SECTIONS


def snapshot(sections):
    """The sections as a plan year stores them (plain data: ``key, title, title_en, text, text_en``)."""
    return [dict(key=s.key, title=s.title, title_en=s.title_en, text=s.text, text_en=s.text_en) for s in sections]
