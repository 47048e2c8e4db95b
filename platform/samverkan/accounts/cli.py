"""``samverkan users``: accounts and their roles from the command line."""
from contextlib import contextmanager

import click
from flask.cli import AppGroup
from flask_babel import force_locale
from sqlalchemy import select

from ..actors.kinds import MEMBERSHIP_ROLES
from ..actors.queries import named_in_region
from ..actors.services import add_membership
from ..extensions import db
from ..regions.options import region_by_slug
from ..roles import ROLES
from . import services
from .models import Person, RoleGrant
from .passwords import password_problem

users = AppGroup("users", help="People and their roles.")
ROLE_CHOICE = click.Choice(list(ROLES))


def person_by_email(email):
    """The account of ``--email``; a usage error when there is none."""
    person = services.find_person(email)
    if person is None:
        raise click.BadParameter(f"no account for {email}", param_hint="--email")
    return person


@contextmanager
def refused_as_usage_error():
    """A rule of the services that refuses (:class:`~services.AccountError`) as a usage error, in
    English like the rest of the command."""
    try:
        yield
    except services.AccountError as error:
        with force_locale("en"):
            raise click.UsageError(str(error)) from None


def _grant(person, role, region_slug):
    with refused_as_usage_error():
        return services.grant_role(person, role, region=region_by_slug(region_slug))


@users.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", type=ROLE_CHOICE, help="A role to grant at once.")
@click.option("--region", "region_slug", help="The region of a regional role (its slug, e.g. vastmanland).")
@click.option("--actor", "actor_name", help="An actor of --region the person acts for (its name or id): a project "
                                              "lead saves initiatives only for their actors.")
@click.option("--actor-role", type=click.Choice(list(MEMBERSHIP_ROLES)), default="contact", show_default=True,
              help="The person's role in --actor.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Prompted for when left out.")
def create_user(email, name, role, region_slug, actor_name, actor_role, password):
    """Create an account, optionally with a role and a place in an actor."""
    actor = _actor(actor_name, region_slug) if actor_name else None
    with force_locale("en"):  # the command speaks English, like the rest of its messages
        problem = password_problem(password, email)
        if problem:
            raise click.BadParameter(str(problem), param_hint="--password")
    with refused_as_usage_error():
        person = services.create_person(email, name, password)
    if role:
        _grant(person, role, region_slug)
    if actor is not None:
        add_membership(actor, person, actor_role, region_by_slug(region_slug))
    db.session.commit()
    created = f"Created {person.email}" + (f" as {role}" + (f" in {region_slug}" if region_slug else "") if role else "")
    click.echo(created + (f", {actor_role} of {actor.name} (actor {actor.id})" if actor is not None else ""))


def _actor(name, region_slug):
    """The one actor of ``--region`` that ``--actor`` names; a usage error naming the problem otherwise."""
    region = region_by_slug(region_slug)
    if region is None:
        raise click.UsageError("--actor needs --region: the region the person acts for the actor in")
    found = named_in_region(region, name)
    if not found:
        raise click.BadParameter(f"no actor {name!r} in {region_slug}; see /actors/?region={region_slug}",
                                 param_hint="--actor")
    if len(found) > 1:
        raise click.BadParameter(f"{len(found)} actors of {region_slug} are named {name!r}: give one's id "
                                 f"({', '.join(str(actor.id) for actor in found)})", param_hint="--actor")
    return found[0]


@users.command("grant")
@click.option("--email", required=True)
@click.option("--role", type=ROLE_CHOICE, required=True)
@click.option("--region", "region_slug")
def grant(email, role, region_slug):
    """Grant a role to an existing account."""
    _grant(person_by_email(email), role, region_slug)
    db.session.commit()
    click.echo(f"{email} is {role}" + (f" in {region_slug}" if region_slug else ""))


@users.command("revoke")
@click.option("--email", required=True)
@click.option("--role", type=ROLE_CHOICE, required=True)
@click.option("--region", "region_slug")
def revoke(email, role, region_slug):
    """Take a role away."""
    person, region = person_by_email(email), region_by_slug(region_slug)
    grant = db.session.execute(
        select(RoleGrant).filter_by(person_id=person.id, role=role, region_id=region.id if region else None)
    ).scalar_one_or_none()
    if grant is None:
        raise click.UsageError(f"{email} does not have the role {role}" + (f" in {region_slug}" if region_slug else ""))
    with refused_as_usage_error():
        services.revoke_role(grant)
    db.session.commit()
    click.echo(f"{email} is no longer {role}" + (f" in {region_slug}" if region_slug else ""))


@users.command("deactivate")
@click.option("--email", required=True)
def deactivate(email):
    """Close an account: its sessions end at once; it cannot log in or reset its password."""
    person = person_by_email(email)
    with refused_as_usage_error():
        services.deactivate(person)
    db.session.commit()
    click.echo(f"{person.email} is deactivated")


@users.command("activate")
@click.option("--email", required=True)
def activate(email):
    """Open a deactivated account again."""
    person = person_by_email(email)
    services.activate(person)
    db.session.commit()
    click.echo(f"{person.email} is active")


@users.command("list")
def list_users():
    """Every account and its roles."""
    for person in db.session.scalars(select(Person).order_by(Person.email)):
        roles = ", ".join(f"{g.role}" + (f"@{g.region.slug}" if g.region else "") for g in person.grants)
        click.echo(f"{person.email}\t{person.name}\t{roles or '-'}" + ("" if person.active else "\tdeactivated"))


@users.command("anonymise")
@click.argument("email")
@click.confirmation_option(prompt="The name and e-mail address cannot be brought back. Anonymise?")
def anonymise(email):
    """Replace a person's name and e-mail with neutral values and close the account; what they did
    stays, by a "removed person" (the audit log keeps no copy of who they were)."""
    person = person_by_email(email)
    with refused_as_usage_error():
        services.anonymise(person)
    db.session.commit()
    click.echo(f"{email} is anonymised (person {person.id})")
