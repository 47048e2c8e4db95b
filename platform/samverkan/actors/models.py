from ..extensions import db
from ..plugin_rows import PluginKeyedRow


class ActorKind(PluginKeyedRow, db.Model):
    """A kind of actor a region's plan names (education provider, employer, municipality …)."""

    __tablename__ = "actor_kinds"
    __audited__ = True
