"""Alembic environment: the app's engine and metadata, from the Flask app that runs ``db``."""
import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

from samverkan import cache
from samverkan.search.schema import include_name

config = context.config
# keep the loggers that exist (the audit log's among them): run in-process, the defaults would silence them
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

target_db = current_app.extensions["migrate"].db
engine = target_db.engine
config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))


def run_migrations_offline():
    """Emit SQL to stdout (``samverkan db upgrade --sql``) instead of running it."""
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_db.metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    def process_revision_directives(context, revision, directives):
        """Write no empty revision when autogenerate finds no change."""
        if getattr(config.cmd_opts, "autogenerate", False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info("No changes in schema detected.")

    conf_args = current_app.extensions["migrate"].configure_args
    conf_args.setdefault("process_revision_directives", process_revision_directives)
    # the search index's full-text side differs per database and is made by migration 0011 itself
    conf_args.setdefault("include_name", include_name)
    # SQLite cannot ALTER most things: let Alembic copy-and-move tables instead
    conf_args.setdefault("render_as_batch", engine.dialect.name == "sqlite")

    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_db.metadata, **conf_args)
        with context.begin_transaction():
            context.run_migrations()
        # what a data migration wrote with Core statements, renewed in the cache (text SQL calls
        # samverkan.cache.renew_tables itself)
        cache.renew_committed(connection)


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
