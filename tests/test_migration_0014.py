"""Revision 0014 on a database with data in it: feed tokens become their hashes and the feed URLs
people already subscribe to keep working."""
import pytest
from sqlalchemy import inspect, text

from samverkan import create_app
from samverkan.accounts.services import token_hash
from samverkan.extensions import db

#: a feed token as revision 0013 stored it, in the clear
OLD_TOKEN = "b3Rm-gammal_kalenderlank_som_redan_prenumereras_pa_x"


@pytest.fixture
def migrating_app(database_url):
    app = create_app({"DATABASE_URL": database_url, "SECRET_KEY": "test", "TESTING": True})
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def migrate(app, *args):
    result = app.test_cli_runner().invoke(args=["db", *args])
    assert result.exit_code == 0, result.output


def columns(app, table):
    with app.app_context():
        return {column["name"] for column in inspect(db.engine).get_columns(table)}


def test_existing_feed_urls_keep_working_with_only_their_hash_stored(migrating_app):
    app = migrating_app
    migrate(app, "upgrade", "0013")
    with app.app_context():
        db.session.execute(text(
            "INSERT INTO people (email, name, session_version, active, created_at, calendar_token) VALUES "
            "('prenumerant@exempel.se', 'Prenumerant', 0, :true, CURRENT_TIMESTAMP, :token), "
            "('utan.flode@exempel.se', 'Utan flöde', 0, :true, CURRENT_TIMESTAMP, NULL)"),
            {"token": OLD_TOKEN, "true": True})
        db.session.commit()

    migrate(app, "upgrade", "0014")
    assert "calendar_token" not in columns(app, "people")
    with app.app_context():
        stored = dict(db.session.execute(text("SELECT email, calendar_token_hash FROM people")).all())
    assert stored == {"prenumerant@exempel.se": token_hash(OLD_TOKEN), "utan.flode@exempel.se": None}
    migrate(app, "upgrade")  # the app's models are the newest revision's
    client = app.test_client()
    feed = client.get(f"/calendar/{OLD_TOKEN}.ics")
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    assert client.get(f"/calendar/{token_hash(OLD_TOKEN)}.ics").status_code == 404  # the hash is no URL

    # a downgrade cannot recover the tokens: nobody has a feed URL then
    migrate(app, "downgrade", "0013")
    with app.app_context():
        assert db.session.execute(text("SELECT calendar_token FROM people")).scalars().all() == [None, None]


def test_existing_memberships_get_a_region_of_their_actor(migrating_app):
    """Where the person holds a regional role in one of the actor's regions, that region; else the
    actor's first region. Afterwards each region may hold the same person in the same role."""
    app = migrating_app
    migrate(app, "upgrade", "0013")
    with app.app_context():
        run = lambda sql, **values: db.session.execute(text(sql), values)  # noqa: E731
        for region_id, code, slug in ((1, "19", "vastmanland"), (2, "22", "vasternorrland")):
            run("INSERT INTO regions (id, code, slug, name, municipalities) VALUES (:id, :code, :slug, :slug, '[]')",
                id=region_id, code=code, slug=slug)
        for person_id in (1, 2):
            run("INSERT INTO people (id, email, name, session_version, active, created_at) "
                "VALUES (:id, :email, 'P', 0, :true, CURRENT_TIMESTAMP)", id=person_id, email=f"p{person_id}@exempel.se",
                true=True)
        run("INSERT INTO role_grants (person_id, role, region_id, created_at) "
            "VALUES (1, 'project-lead', 2, CURRENT_TIMESTAMP)")
        run("INSERT INTO actors (id, name, comparable_name, kind, description, created_at) "
            "VALUES (1, 'Delad', 'delad', 'employer', '', CURRENT_TIMESTAMP)")
        run("INSERT INTO actor_regions (actor_id, region_id) VALUES (1, 1), (1, 2)")
        for person_id in (1, 2):
            run("INSERT INTO memberships (actor_id, person_id, role, created_at) "
                "VALUES (1, :person, 'contact', CURRENT_TIMESTAMP)", person=person_id)
        db.session.commit()

    migrate(app, "upgrade", "0014")
    with app.app_context():
        assert db.session.execute(text("SELECT person_id, region_id FROM memberships ORDER BY person_id")).all() == [
            (1, 2), (2, 1)]
        # the same person and role for the other region is another membership now
        db.session.execute(text("INSERT INTO memberships (actor_id, person_id, role, region_id, created_at) "
                                "VALUES (1, 1, 'contact', 1, CURRENT_TIMESTAMP)"))
        db.session.commit()

    # a downgrade cannot keep both: it says so and changes nothing
    result = app.test_cli_runner().invoke(args=["db", "downgrade", "0013"])
    assert result.exit_code != 0
    assert "memberships held for two regions (actor, person, role): (1, 1, 'contact')" in result.output
    assert "region_id" in columns(app, "memberships")
    with app.app_context():
        db.session.execute(text("DELETE FROM memberships WHERE region_id = 1 AND person_id = 1"))
        db.session.commit()
    migrate(app, "downgrade", "0013")
    assert "region_id" not in columns(app, "memberships")
