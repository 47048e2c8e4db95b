"""The ``samverkan`` command: Flask's CLI for the app.

Each feature keeps its commands in its own module (``accounts/cli.py``, ``initiatives/cli.py``,
``plugins_cli.py`` …), each on the ``AppGroup`` it belongs to: its own (``users``) or one that
several features add to (``import``, ``export``, in :mod:`samverkan.commands`, with what the
commands share). The factory adds the groups to ``app.cli``, so ``flask --app samverkan`` and
``app.test_cli_runner()`` see them too.
"""
import click
from flask.cli import FlaskGroup

from . import create_app
from .mail import MailConfigError
from .plugins import PluginError


def _create_app():
    try:
        return create_app()
    except (PluginError, MailConfigError) as error:
        raise click.ClickException(str(error)) from None


@click.group(cls=FlaskGroup, create_app=_create_app)
def main():
    """Samverkan: regional competence supply, together."""
