"""``samverkan users anonymise``: the account commands of this package (the others are in ``cli.py``)."""
import click
from flask.cli import with_appcontext

from ..extensions import db
from . import services


@click.command("anonymise")
@with_appcontext
@click.argument("email")
@click.confirmation_option(prompt="The name and e-mail address cannot be brought back. Anonymise?")
def anonymise(email):
    """Replace a person's name and e-mail with neutral values and close the account; what they did
    stays, by a "removed person" (the audit log keeps no copy of who they were)."""
    from ..cli import _person, _refused

    person = _person(email)
    try:
        services.anonymise(person)
    except services.AccountError as error:
        raise _refused(error) from None
    db.session.commit()
    click.echo(f"{email} is anonymised (person {person.id})")
