"""``samverkan demo``: demo data for trying Samverkan out, and the bulk data of load tests."""
import click
from flask.cli import AppGroup

from .commands import require_current_schema

demo = AppGroup("demo", help="Demo data for trying Samverkan out.")


@demo.command("load")
def load_demo():
    """Actors, networks, forums and meetings for Västmanland and Västernorrland (safe to repeat)."""
    from .demo import load_demo

    require_current_schema()
    try:
        counts = load_demo()
    except LookupError as error:
        raise click.ClickException(str(error)) from None
    if not counts:
        click.echo("The demo data is already loaded.")
    for kind, count in sorted(counts.items()):
        click.echo(f"{kind}: {count} created")


@demo.command("meetings")
@click.option("--forum", "forum_id", type=int, required=True, help="The forum's id.")
@click.option("--count", type=click.IntRange(1, 100_000), required=True)
def add_meetings(forum_id, count):
    """Add COUNT meetings to one forum, half past and half upcoming (for load tests)."""
    from .bench_data import add_bench_meetings

    require_current_schema()
    try:
        total = add_bench_meetings(forum_id, count)
    except LookupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"forum {forum_id} has {total} meetings")


@demo.command("needs")
@click.option("--region", "region_slugs", multiple=True, default=("vastmanland", "vasternorrland"), show_default=True)
@click.option("--employers", type=click.IntRange(1, 10_000), default=300, show_default=True)
@click.option("--needs", type=click.IntRange(1, 100_000), default=1500, show_default=True)
def add_needs(region_slugs, employers, needs):
    """A closed needs round per region with EMPLOYERS employers and NEEDS needs (for load tests)."""
    from .demo_data.needs_bench import add_bench_needs

    require_current_schema()
    try:
        rounds = add_bench_needs(region_slugs, employers, needs)
    except LookupError as error:
        raise click.ClickException(str(error)) from None
    for slug, round_id in rounds.items():
        click.echo(f"{slug}: round {round_id}")


@demo.command("initiatives")
@click.option("--count", type=click.IntRange(1, 1_000_000), required=True)
def add_initiatives(count):
    """Add COUNT synthetic initiatives over the 21 regions, with ~2,000 actors (for load tests)."""
    from .bench_data import add_bench_initiatives

    require_current_schema()
    try:
        rich = add_bench_initiatives(count)
    except LookupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{count} initiatives added; the one with the most links: {rich}")
