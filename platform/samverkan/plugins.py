"""The plugin manager: discovery through entry points and validation at start-up.

All of a plugin's contributions are gathered and checked before the app serves anything, so a
broken plugin stops the start with one message naming it, never leaving a half-loaded region.
"""
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib.metadata import entry_points

import pluggy

from . import hookspecs
from .regions.counties import COUNTY_CODES
from .specs import (
    CUSTOM_INDICATOR_PREFIX,
    QUESTION_KINDS,
    ActorKindSpec,
    CompetencePlanTemplateSpec,
    IndicatorSpec,
    NeedsQuestionSpec,
    PlanSpec,
    PrincipleSpec,
    RegionSpec,
    SubscriberSpec,
    ThemeSpec,
)
from .events import EVENT_TYPES
from .needs.transfer import RESERVED_HEADERS
from .themes.vocabulary import CORE_THEMES

ENTRY_POINT_GROUP = "samverkan.regions"
#: the form of the keys plugins name rows by (indicators, needs questions, template sections): part
#: of addresses and import files
PLUGIN_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")

#: hook name -> the spec class each returned item must be
_SPEC_HOOKS = {
    "samverkan_regions": RegionSpec,
    "samverkan_plans": PlanSpec,
    "samverkan_principles": PrincipleSpec,
    "samverkan_actor_kinds": ActorKindSpec,
    "samverkan_indicators": IndicatorSpec,
    "samverkan_themes": ThemeSpec,
    "samverkan_needs_questions": NeedsQuestionSpec,
    "samverkan_competence_plan_templates": CompetencePlanTemplateSpec,
    "samverkan_event_subscribers": SubscriberSpec,
}


class PluginError(Exception):
    """A plugin broke the contract; the message names the plugin and what is wrong."""

    def __init__(self, plugin, problem):
        super().__init__(f"Region plugin {plugin!r}: {problem}")
        self.plugin = plugin
        self.problem = problem


@dataclass
class PluginContent:
    """Everything one plugin contributes, validated."""

    name: str
    regions: list = field(default_factory=list)
    plans: list = field(default_factory=list)
    principles: list = field(default_factory=list)
    actor_kinds: list = field(default_factory=list)
    indicators: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    blueprints: list = field(default_factory=list)
    needs_questions: list = field(default_factory=list)
    competence_plan_templates: list = field(default_factory=list)
    event_subscribers: list = field(default_factory=list)


def get_plugin_manager(load_entrypoints=True, extra_plugins=()):
    """Build the manager: the hookspecs, the installed region plugins, then ``extra_plugins``.

    ``extra_plugins`` are ``(name, module)`` pairs, for tests and for embedding.
    """
    pm = pluggy.PluginManager("samverkan")
    pm.add_hookspecs(hookspecs)
    plugins = list(extra_plugins)
    if load_entrypoints:
        plugins[:0] = _load_entry_points()
    for name, plugin in plugins:
        try:
            pm.register(plugin, name=name)
        except pluggy.PluginValidationError as error:
            raise PluginError(name, str(error)) from None
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as error:
        raise PluginError(pm.get_name(error.plugin), str(error)) from None
    return pm


def _load_entry_points():
    """Import every plugin of the entry-point group; an import error names its plugin."""
    loaded = []
    for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name):
        try:
            loaded.append((entry_point.name, entry_point.load()))
        except Exception as error:  # the plugin's own import failed
            raise PluginError(entry_point.name, f"could not be imported: {error!r}") from error
    return loaded


def load_plugins(pm):
    """Call every plugin's hooks and validate the results. Returns ``[PluginContent, …]``."""
    contents = {name: PluginContent(name) for name in _plugin_names(pm)}
    for hook_name, spec_class in _SPEC_HOOKS.items():
        attribute = hook_name.removeprefix("samverkan_")
        for plugin_name, items in _call_each(pm, hook_name):
            for item in items:
                if not isinstance(item, spec_class):
                    raise PluginError(
                        plugin_name,
                        f"{hook_name}() returned {item!r}, which is not a {spec_class.__name__}",
                    )
            getattr(contents[plugin_name], attribute).extend(items)
    for plugin_name, blueprints in _call_each(pm, "samverkan_blueprints"):
        contents[plugin_name].blueprints.extend(blueprints)
    validated = list(contents.values())
    _validate(validated)
    return validated


def _plugin_names(pm):
    """In registration order (``get_plugins()`` is a set), so errors name the later claimant."""
    return [name for name, _plugin in pm.list_name_plugin()]


def _call_each(pm, hook_name):
    """Yield ``(plugin name, list)`` per implementation, so every error can name its plugin."""
    for impl in getattr(pm.hook, hook_name).get_hookimpls():
        try:
            result = impl.function()
        except Exception as error:  # a plugin's own bug: report it as the plugin's
            raise PluginError(impl.plugin_name, f"{hook_name}() raised {error!r}") from error
        if result is None:
            continue
        if not isinstance(result, (list, tuple)):
            raise PluginError(impl.plugin_name, f"{hook_name}() must return a list")
        yield impl.plugin_name, list(result)


def _validate(contents):
    core_slugs = {theme.slug for theme in CORE_THEMES}
    plugin_slugs = {}
    claimed = {}
    for content in contents:
        for theme in content.themes:
            if theme.slug in core_slugs or theme.slug in plugin_slugs:
                raise PluginError(content.name, f"theme {theme.slug!r} is already defined")
            plugin_slugs[theme.slug] = content.name
        for region in content.regions:
            if region.code not in COUNTY_CODES:
                raise PluginError(content.name, f"region code {region.code!r} is not a Swedish county code")
            if region.code in claimed:
                raise PluginError(
                    content.name, f"region {region.code} is already provided by {claimed[region.code]!r}"
                )
            claimed[region.code] = content.name
    known_themes = core_slugs | set(plugin_slugs)
    for content in contents:
        _validate_content(content, known_themes)


def _validate_content(content, known_themes):
    own_regions = {region.code for region in content.regions}

    def check_region(what, code):
        if code not in own_regions:
            raise PluginError(content.name, f"{what} names region {code!r}, which the plugin does not provide")

    _require_unique(content.name, "plan", [(plan.region_code, plan.key, plan.version) for plan in content.plans])
    for plan in content.plans:
        check_region(f"plan {plan.key!r}", plan.region_code)
        _validate_plan(content.name, plan, known_themes)
    for principle in content.principles:
        check_region(f"principle {principle.title!r}", principle.region_code)
    for label, items in (("actor kind", content.actor_kinds), ("indicator", content.indicators)):
        for item in items:
            check_region(f"{label} {item.key!r}", item.region_code)
        _require_unique(content.name, label, [(item.region_code, item.key) for item in items])
    _validate_needs_questions(content, check_region)
    _validate_templates(content, check_region)
    for subscriber in content.event_subscribers:
        if subscriber.event not in EVENT_TYPES.values() or not callable(subscriber.handler):
            raise PluginError(content.name, f"{subscriber!r}: subscribe a callable to an event of samverkan.events")
    for indicator in content.indicators:
        if not PLUGIN_KEY.fullmatch(indicator.key) or indicator.key.startswith(CUSTOM_INDICATOR_PREFIX) \
                or indicator.key == "new":
            raise PluginError(content.name, f"indicator key {indicator.key!r}: use lower-case letters, digits and "
                                            f"hyphens, not 'new' nor a key starting with {CUSTOM_INDICATOR_PREFIX!r} "
                                            "(the keys of a region's own indicators)")


def _validate_needs_questions(content, check_region):
    _require_unique(content.name, "needs question", [(q.region_code, q.key) for q in content.needs_questions])
    for question in content.needs_questions:
        where = f"needs question {question.key!r}"
        check_region(where, question.region_code)
        if not PLUGIN_KEY.fullmatch(question.key):
            raise PluginError(content.name, f"{where}: use lower-case letters, digits and hyphens in the key")
        if question.key in RESERVED_HEADERS:
            raise PluginError(content.name, f"{where}: the key names a shared column of the answers' import")
        if question.kind not in QUESTION_KINDS:
            raise PluginError(content.name, f"{where}: kind {question.kind!r} is not one of {QUESTION_KINDS}")
        if not question.text.strip():
            raise PluginError(content.name, f"{where} has no text")
        if (question.kind == "choice") != bool(question.choices):
            raise PluginError(content.name, f"{where}: a choice question, and only one, lists choices")
        if question.choices_en and len(question.choices_en) != len(question.choices):
            raise PluginError(content.name, f"{where}: choices_en must translate every choice")


def _validate_templates(content, check_region):
    _require_unique(content.name, "competence plan template",
                    [template.region_code for template in content.competence_plan_templates])
    for template in content.competence_plan_templates:
        where = f"competence plan template of region {template.region_code!r}"
        check_region(where, template.region_code)
        if not template.sections:
            raise PluginError(content.name, f"{where} has no sections")
        _require_unique(content.name, f"section key in {where}", [section.key for section in template.sections])
        for section in template.sections:
            if not PLUGIN_KEY.fullmatch(section.key) or not section.title.strip():
                raise PluginError(content.name, f"{where}: section {section.key!r} needs a key of lower-case "
                                                "letters, digits and hyphens, and a title")


def _validate_plan(plugin, plan, known_themes):
    where = f"plan {plan.key!r} v{plan.version}"
    kinds = [kind.key for kind in plan.node_kinds]
    if not kinds:
        raise PluginError(plugin, f"{where} declares no node kinds")
    if not plan.nodes:
        raise PluginError(plugin, f"{where} has no nodes")
    codes = []

    def walk(nodes, depth):
        for node in nodes:
            codes.append(node.code)
            if not node.code or not node.title.strip():
                raise PluginError(plugin, f"{where}: every node needs a code and a title ({node.code!r})")
            if depth >= len(kinds) or node.kind != kinds[depth]:
                expected = kinds[depth] if depth < len(kinds) else "no further level"
                raise PluginError(
                    plugin, f"{where}: node {node.code} is a {node.kind!r} where {expected!r} belongs"
                )
            if not node.themes:
                raise PluginError(plugin, f"{where}: node {node.code} is mapped to no theme")
            unknown = [slug for slug in node.themes if slug not in known_themes]
            if unknown:
                raise PluginError(plugin, f"{where}: node {node.code} names unknown themes {unknown}")
            walk(node.children, depth + 1)

    walk(plan.nodes, 0)
    _require_unique(plugin, f"node code in {where}", codes)


def _require_unique(plugin, label, keys):
    repeated = [key for key, count in Counter(keys).items() if count > 1]
    if repeated:
        raise PluginError(plugin, f"{label} {repeated[0]!r} appears more than once")
