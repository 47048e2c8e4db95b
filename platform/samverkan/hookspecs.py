"""The region plugin contract.

A region plugin is a module (usually a package) registered under the ``samverkan.regions`` entry
point group that implements some of the hooks below with ``@samverkan.hookimpl``. Every hook
returns a list of the plain dataclasses in :mod:`samverkan.specs`; the core gathers the lists of all
plugins, validates them at start-up (:mod:`samverkan.plugins`) and writes them into the database
with ``samverkan plugins sync``. A plugin implements only the hooks it needs.

Each hook's docstring is its documentation; ``tests/test_hooks.py`` fails when a hook has no
test of its own.
"""
import pluggy

hookspec = pluggy.HookspecMarker("samverkan")
hookimpl = pluggy.HookimplMarker("samverkan")


@hookspec
def samverkan_regions():
    """Return the regions (counties) this plugin provides plan spaces for.

    A list of :class:`~samverkan.specs.RegionSpec`, each naming an existing county code (``"19"``
    for Västmanland), the region's names in Swedish and English, its municipalities and its
    competence council. Two plugins may not claim the same county.
    """


@hookspec
def samverkan_plans():
    """Return the plans of this plugin's regions.

    A list of :class:`~samverkan.specs.PlanSpec`: the plan's title, period and version, its node
    kinds (outermost first) and its tree of :class:`~samverkan.specs.NodeSpec`. Node codes are
    unique within a plan and stable: sync matches nodes by code. Every node names one or more
    theme slugs; that mapping is what makes two regions' plans comparable. A revised plan is a
    new ``version``; earlier versions stay in the database for the initiatives that link to them.
    """


@hookspec
def samverkan_principles():
    """Return the guiding principles (or guiding words) of this plugin's regions, in order.

    A list of :class:`~samverkan.specs.PrincipleSpec`.
    """


@hookspec
def samverkan_actor_kinds():
    """Return the kinds of actors this plugin's plans name, in the plan's order.

    A list of :class:`~samverkan.specs.ActorKindSpec`; ``key`` is unique within a region.
    """


@hookspec
def samverkan_indicators():
    """Return the follow-up indicators of this plugin's plans.

    A list of :class:`~samverkan.specs.IndicatorSpec`; ``key`` is unique within a region and names
    the indicator in its page's address and in import files: lower-case letters, digits and
    hyphens, never ``new`` nor starting with ``own-`` (the keys of the indicators a region adds
    itself). Values per year are entered or imported later; this hook only declares what is
    followed up. ``plugins sync`` writes the names, descriptions, unit and priority; the source a
    region records is the region's.
    """


@hookspec
def samverkan_themes():
    """Return themes this plugin adds to the shared vocabulary.

    A list of :class:`~samverkan.specs.ThemeSpec`. Slugs must not collide with the core's
    themes; plan nodes may map to them, but the national comparison uses only the core's.
    """


@hookspec
def samverkan_blueprints():
    """Return Flask blueprints with extra pages for this plugin's regions.

    Registered on the app after the core's blueprints. A blueprint's ``template_folder`` gives the
    plugin its own templates; it may extend ``base.html``.
    """


@hookspec
def samverkan_needs_questions():
    """Return the questions of this plugin's regions' own that employers answer in a needs survey.

    A list of :class:`~samverkan.specs.NeedsQuestionSpec`, asked once per employer after the
    shared questions of :mod:`samverkan.needs.questions`, which no plugin can change (that keeps
    every region's answers comparable). ``key`` is unique within a region. A round keeps the
    questions as they were when it opened, so changing them later leaves earlier rounds intact.
    """


@hookspec
def samverkan_competence_plan_templates():
    """Return how organisations in this plugin's regions structure their competence-supply plans.

    A list of :class:`~samverkan.specs.CompetencePlanTemplateSpec`, at most one per region: its
    sections, in order, each stating gap, need and activities for the short (1–3 years) and the
    long (4–10 years) horizon. A region without one gets the core's single-section template. A
    plan year keeps the sections it was made with.
    """


@hookspec
def samverkan_event_subscribers():
    """Return what this plugin does when something happens in the platform.

    A list of :class:`~samverkan.specs.SubscriberSpec`, each naming a domain event type of
    :mod:`samverkan.events` and a ``handler(event, session)``. The handler runs after the
    transaction that emitted the event has committed, in a transaction of its own (``session``):
    what it writes there is committed with the event's delivery. An event carries ids, never
    personal data; read more through ``session``. Delivery is at least once (a handler that
    raises is logged and called again by ``samverkan events dispatch``), so a handler must be safe
    to run twice (key what it writes once per event by :func:`samverkan.events.delivering`), and
    it must not fail the request that emitted the event: it never does.
    """
