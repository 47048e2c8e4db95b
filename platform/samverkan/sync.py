"""Writing the core vocabulary and the plugins' contributions into the database.

Idempotent: rows are matched by their natural keys (county code, theme slug, plan key and
version, node code, actor kind and indicator key; principles and a council's duties and steps
by their place) and only changed fields are written, so a second run reports no changes. What a
plugin no longer provides is deleted when nothing points at it, and retired (kept, hidden) when
something does — initiatives keep the nodes they were linked to.

A plugin revises a plan by shipping it with a higher ``version``: the new version is a plan of its
own beside the old one, which is retired (superseded: kept, readable, no longer the current plan),
and each node new in a version takes over the links of the node of its code in the version before
(:mod:`samverkan.plans.services`). Taken over once, when the node is created: a second run
carries nothing, and a link someone removed since is not brought back.
"""
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import func, select, update

from .actors.models import ActorKind
from .extensions import db
from .events import PlanSynced, emit
from .indicators.models import Indicator
from .networks.models import Network
from .plans.models import Plan, PlanNode, plan_node_themes
from .plans.services import carry_over
from .regions.counties import COUNTIES
from .regions.models import Council, CouncilDuty, CouncilStep, Principle, Region
from .themes.models import Theme
from .themes.vocabulary import CORE_THEMES

#: tables whose rows belong to the row they point at and go with it
_OWNED_LINKS = {plan_node_themes.name}


@dataclass
class SyncReport:
    """What a sync changed, counted per kind of row: ``changes["node"]["created"]`` …"""

    changes: Counter = field(default_factory=Counter)

    def count(self, kind, action, number=1):
        self.changes[(kind, action)] += number

    @property
    def total(self):
        return sum(self.changes.values())

    def lines(self):
        return [f"{kind}: {count} {action}" for (kind, action), count in sorted(self.changes.items())]


def sync_all(plugin_contents):
    """Sync the counties, the theme vocabulary and every plugin in one transaction."""
    report = SyncReport()
    try:
        _sync_counties(report)
        themes = _sync_themes(plugin_contents, report)
        for content in plugin_contents:
            _sync_plugin(content, themes, report)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return report


def _upsert(model, report, kind, lookup, values):
    """Find the row by ``lookup`` or create it; write only the ``values`` that differ."""
    return _find_or_create(model, report, kind, lookup, values)[0]


def _find_or_create(model, report, kind, lookup, values):
    """:func:`_upsert`, and whether the row is new."""
    row = db.session.execute(select(model).filter_by(**lookup)).scalar_one_or_none()
    if row is None:
        row = model(**lookup, **values)
        db.session.add(row)
        db.session.flush()
        report.count(kind, "created")
        return row, True
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    if changed:
        report.count(kind, "updated")
    return row, False


def _sync_counties(report):
    for code, slug, name, name_en in COUNTIES:
        _upsert(Region, report, "region", {"code": code}, {"slug": slug, "name": name, "name_en": name_en})


def _sync_themes(plugin_contents, report):
    specs = [(spec, None) for spec in CORE_THEMES]
    specs += [(spec, content.name) for content in plugin_contents for spec in content.themes]
    themes = {}
    for position, (spec, plugin) in enumerate(specs):
        themes[spec.slug] = _upsert(
            Theme,
            report,
            "theme",
            {"slug": spec.slug},
            {"name": spec.name, "name_en": spec.name_en, "position": position, "plugin": plugin},
        )
    return themes


def _sync_plugin(content, themes, report):
    regions, changed = {}, Counter()
    for spec in content.regions:
        before = report.total
        regions[spec.code] = _upsert(
            Region,
            report,
            "region",
            {"code": spec.code},
            {
                "name": spec.name,
                "name_en": spec.name_en,
                "plugin": content.name,
                "municipalities": list(spec.municipalities),
            },
        )
        _sync_council(regions[spec.code], spec.council, report)
        changed[spec.code] += report.total - before
    for region in regions.values():
        before = report.total
        _sync_principles(region, [p for p in content.principles if p.region_code == region.code], report)
        _sync_keyed(ActorKind, region, [a for a in content.actor_kinds if a.region_code == region.code],
                    report, "actor kind")
        _sync_keyed(Indicator, region, [i for i in content.indicators if i.region_code == region.code],
                    report, "indicator")
        _sync_plans(region, [p for p in content.plans if p.region_code == region.code], themes, report)
        db.session.flush()
        if changed[region.code] or report.total != before:  # a sync that changes nothing says nothing
            emit(PlanSynced(region_id=region.id, plan_ids=tuple(db.session.scalars(
                select(Plan.id).filter_by(region_id=region.id).order_by(Plan.id)))))


def _sync_council(region, spec, report):
    """The region's council row, its duties and its steps; no council in the plugin, no row."""
    if spec is None:
        if region.council is not None:
            # its network stays, with its members and meetings, as a network of the region
            db.session.execute(update(Network).filter_by(council_id=region.council.id).values(council_id=None))
            db.session.delete(region.council)
            db.session.flush()
            report.count("council", "deleted")
        return
    council = _upsert(Council, report, "council", {"region_id": region.id},
                      {"name": spec.name, "name_en": spec.name_en,
                       "description": spec.description, "description_en": spec.description_en})
    duties = [{"text": text, "text_en": spec.duties_en[i] if i < len(spec.duties_en) else None}
              for i, text in enumerate(spec.duties)]
    steps = [{"title": s.title, "title_en": s.title_en, "text": s.text, "text_en": s.text_en}
             for s in spec.workflow]
    _sync_listed(CouncilDuty, council.duties, "council_id", council.id, duties, report, "council duty")
    _sync_listed(CouncilStep, council.steps, "council_id", council.id, steps, report, "council step")
    _sync_council_network(council, region, report)


def _sync_council_network(council, region, report):
    """The council as a network of its region, so that it has members, forums and meetings.

    Its name and purpose follow the plugin; its members, stage and further regions are the
    region's to keep, and a sync never touches them.
    """
    network = _upsert(Network, report, "council network", {"council_id": council.id},
                      {"name": council.name, "name_en": council.name_en, "kind": "council",
                       "purpose": council.description, "purpose_en": council.description_en})
    if not network.regions:  # just created
        network.regions.append(region)


def _sync_principles(region, specs, report):
    values = [{"title": s.title, "title_en": s.title_en, "text": s.text, "text_en": s.text_en} for s in specs]
    _sync_listed(Principle, region.principles, "region_id", region.id, values, report, "principle")


def _sync_listed(model, existing, owner_column, owner_id, values, report, kind):
    """Rows without a key of their own (principles, council duties and steps): matched by place."""
    existing = list(existing)
    for position, row_values in enumerate(values):
        _upsert(model, report, kind, {owner_column: owner_id, "position": position}, row_values)
    for row in existing[len(values):]:
        db.session.delete(row)
        report.count(kind, "deleted")


def _sync_keyed(model, region, specs, report, kind):
    keys = set()
    for position, spec in enumerate(specs):
        keys.add(spec.key)
        values = {name: getattr(spec, name) for name in model.synced_fields}
        _upsert(model, report, kind, {"region_id": region.id, "key": spec.key},
                {**values, "position": position, "retired": False})
    gone = db.session.scalars(select(model).filter_by(region_id=region.id, retired=False)).all()
    for row in gone:
        if row.key not in keys and not getattr(row, "custom", False):  # a region's own indicator stays
            _retire_or_delete(row, report, kind)


def _sync_plans(region, specs, themes, report):
    """The plans of ``region``. Only the newest version of each plan is current; an older one the
    plugin still ships is synced too, but superseded (``retired``). Versions are written oldest
    first, so that a new version finds the one before it."""
    provided, newest = set(), {}
    for spec in specs:
        newest[spec.key] = max(newest.get(spec.key, spec.version), spec.version)
    for position, spec in sorted(enumerate(specs), key=lambda item: (item[1].key, item[1].version)):
        provided.add((spec.key, spec.version))
        plan = _upsert(
            Plan,
            report,
            "plan",
            {"region_id": region.id, "key": spec.key, "version": spec.version},
            {
                "position": position,
                "title": spec.title,
                "title_en": spec.title_en,
                "summary": spec.summary,
                "summary_en": spec.summary_en,
                "period_start": spec.period_start,
                "period_end": spec.period_end,
                "node_kinds": [{"key": k.key, "name": k.name, "name_en": k.name_en} for k in spec.node_kinds],
                "retired": spec.version < newest[spec.key],
            },
        )
        _sync_nodes(plan, spec.nodes, themes, report)
    for plan in region.plans:
        if (plan.key, plan.version) not in provided and not plan.retired:
            plan.retired = True
            report.count("plan", "retired")


def _version_before(plan):
    """The newest version of ``plan``'s plan below it, or None."""
    return db.session.scalars(select(Plan).where(Plan.region_id == plan.region_id, Plan.key == plan.key,
                                                 Plan.version < plan.version)
                              .order_by(Plan.version.desc()).limit(1)).first()


def _sync_nodes(plan, specs, themes, report):
    seen, created = set(), []

    def walk(nodes, parent_id):
        for position, spec in enumerate(nodes):
            seen.add(spec.code)
            node, new = _find_or_create(
                PlanNode,
                report,
                "node",
                {"plan_id": plan.id, "code": spec.code},
                {
                    "parent_id": parent_id,
                    "kind": spec.kind,
                    "position": position,
                    "title": spec.title,
                    "title_en": spec.title_en,
                    "text": spec.text,
                    "text_en": spec.text_en,
                    "retired": False,
                },
            )
            if new:
                created.append(node)
            wanted = [themes[slug] for slug in spec.themes]
            if {t.id for t in node.themes} != {t.id for t in wanted}:
                node.themes = wanted
                report.count("node theme mapping", "set")
            walk(spec.children, node.id)

    walk(specs, None)
    db.session.flush()
    _carry_over(plan, created, report)
    db.session.expire(plan, ["nodes"])
    # leaves first, so that a parent is only deleted once its children are gone
    for node in sorted(plan.nodes, key=lambda n: len(n.ancestors), reverse=True):
        if node.code not in seen and not node.retired:
            _retire_or_delete(node, report, "node")


def _carry_over(plan, created, report):
    """The nodes just created in ``plan`` take over what pointed at their codes in the version before."""
    previous = _version_before(plan) if created else None
    if previous is None:
        return
    old_ids = dict(db.session.execute(select(PlanNode.code, PlanNode.id).where(PlanNode.plan_id == previous.id)).all())
    pairs = [(old_ids[node.code], node) for node in created if node.code in old_ids]
    for kind, number in carry_over(previous, pairs).items():
        report.count(kind, "carried", number)


def _retire_or_delete(row, report, kind):
    if _is_referenced(row):
        row.retired = True
        report.count(kind, "retired")
    else:
        db.session.delete(row)
        db.session.flush()
        report.count(kind, "deleted")


def _is_referenced(row):
    """Whether any other table points at ``row`` (initiatives, assessments, child nodes …).

    Found from the schema's foreign keys, so tables added by later features count without
    this module knowing them.
    """
    table = row.__table__
    for other in db.metadata.tables.values():
        if other.name in _OWNED_LINKS:
            continue
        for fk in other.foreign_keys:
            if fk.column.table is table:
                count = db.session.scalar(select(func.count()).select_from(other).where(fk.parent == row.id))
                if count:
                    return True
    return False
