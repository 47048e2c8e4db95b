from typing import NamedTuple

from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db

plan_node_themes = db.Table(
    "plan_node_themes",
    db.Column("node_id", db.ForeignKey("plan_nodes.id", ondelete="CASCADE"), primary_key=True),
    db.Column("theme_id", db.ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)


class NodeKind(NamedTuple):
    """A level of a plan tree as the plugin named it."""

    key: str
    name: str
    name_en: str | None


class KindsOfNodes:
    """For a plan (a row, or a cached tree) with ``node_kinds``: what a node's kind is called."""

    def node_kind(self, key):
        """The declared kind ``key`` with its Swedish and English names."""
        for kind in self.node_kinds:
            if kind["key"] == key:
                return NodeKind(**kind)
        return NodeKind(key, key, None)

    def depth_of(self, key):
        """How far below the plan's top level a node of kind ``key`` sits (every node sits at its
        kind's level): what a picker indents it by."""
        return next((level for level, kind in enumerate(self.node_kinds) if kind["key"] == key), 0)


class Ancestry:
    """For a node (a row, or a cached tree node) with a ``parent``."""

    @property
    def ancestors(self):
        """From the root down to this node's parent."""
        chain, node = [], self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


class Plan(KindsOfNodes, db.Model):
    """One version of a region's plan. A revised plan is a new row; old versions stay."""

    __tablename__ = "plans"
    __audited__ = True
    __table_args__ = (db.UniqueConstraint("region_id", "key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(db.ForeignKey("regions.id"), index=True)
    key: Mapped[str] = mapped_column(db.String(60))
    version: Mapped[int]
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(db.String(300))
    title_en: Mapped[str | None] = mapped_column(db.String(300))
    summary: Mapped[str] = mapped_column(db.Text, default="")
    summary_en: Mapped[str | None] = mapped_column(db.Text)
    period_start: Mapped[int | None]
    period_end: Mapped[int | None]
    #: the tree's levels, outermost first: ``[{"key", "name", "name_en"}, …]``
    node_kinds: Mapped[list] = mapped_column(db.JSON, default=list)
    #: no longer provided by the plugin; kept for what links to it
    retired: Mapped[bool] = mapped_column(default=False)

    region = relationship("Region", back_populates="plans")
    nodes = relationship(
        "PlanNode", back_populates="plan", order_by="PlanNode.position", cascade="all, delete-orphan"
    )

    def __repr__(self):
        return f"<Plan {self.key} v{self.version}>"


class PlanNode(Ancestry, db.Model):
    """A node of a plan tree (development area, goal, priority, focus area, direction …)."""

    __tablename__ = "plan_nodes"
    __audited__ = True
    __table_args__ = (db.UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(db.ForeignKey("plans.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(db.ForeignKey("plan_nodes.id"), index=True)
    code: Mapped[str] = mapped_column(db.String(40))
    kind: Mapped[str] = mapped_column(db.String(60))
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(db.Text)
    title_en: Mapped[str | None] = mapped_column(db.Text)
    text: Mapped[str] = mapped_column(db.Text, default="")
    text_en: Mapped[str | None] = mapped_column(db.Text)
    #: gone from the plugin but still referenced, so kept (and hidden from the tree)
    retired: Mapped[bool] = mapped_column(default=False)

    plan = relationship("Plan", back_populates="nodes")
    parent = relationship("PlanNode", remote_side=[id], back_populates="children")
    children = relationship("PlanNode", back_populates="parent", order_by="PlanNode.position")
    themes = relationship("Theme", secondary=plan_node_themes, order_by="Theme.position")

    @property
    def audit_region_id(self):
        return self.plan.region_id if self.plan is not None else None

    def __repr__(self):
        return f"<PlanNode {self.code}>"


def without_replaced(nodes):
    """The linked nodes worth showing: a node of an older version of a plan is left out where the
    node of its code in a newer version is linked too (a revision carried the link over, and the
    old link stays only as a record). ``nodes`` are rows or anything with ``code`` and a ``plan``
    with ``region_id``, ``key`` and ``version``; their order is kept."""
    def same(node):
        return node.plan.region_id, node.plan.key, node.code

    newest = {}
    for node in nodes:
        newest[same(node)] = max(newest.get(same(node), node.plan.version), node.plan.version)
    return [node for node in nodes if node.plan.version == newest[same(node)]]
