"""Writes never queue behind each other across regions (PostgreSQL): no row every writer updates
(the cache generations are bumped after the commit), so an edit, a registration and a role grant
in Västmanland commit at once while an import in Västernorrland holds its transaction open; and
a web request that waits too long for a lock answers 503, asking to try again, having written
nothing."""
import threading
import time
from datetime import timedelta

import collab
import pytest
from conftest import ACCOUNTS, csrf_token, in_language, login
from samverkan.accounts import services as account_services
from samverkan.accounts.models import Person
from samverkan.times import utcnow
from samverkan.extensions import db
from samverkan.initiatives import services
from samverkan.initiatives.models import Initiative
from samverkan.meetings import registrations
from samverkan.meetings.models import Meeting, Registration
from psycopg.errors import LockNotAvailable
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import OperationalError

pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)

MEMBER = ACCOUNTS["member"][0]
#: how long the import in the other region holds its transaction open at most, should the test hang
HOLD = 60.0
#: a write that waits for a lock longer than this fails, so "waited" is an error, not a timing
NO_WAIT = "SET LOCAL lock_timeout = '1ms'"


def _meeting_in(slug):
    forum = collab.make_forum(slug=slug)
    return collab.make_meeting(forum, starts_at=utcnow() + timedelta(days=7))


def test_writes_in_one_region_never_wait_for_an_import_in_another(synced_app, accounts):
    app = synced_app
    with app.app_context():
        initiative = collab.make_initiative("vastmanland", title="Västmanländskt")
        meeting = _meeting_in("vastmanland")
        people = [account_services.create_person(f"ny{n}@exempel.se", f"Ny {n}", "lösenord-123") for n in range(2)]
        db.session.commit()
        initiative_id, meeting_id, person_ids = initiative.id, meeting.id, [p.id for p in people]
        member = collab.person(MEMBER).id

    def writes(round_):
        """An initiative edit, a meeting registration and a role grant in Västmanland, each in a
        transaction that may not wait for any lock; returns the ones that would have waited."""
        waited = []
        with app.app_context():
            vastmanland = collab.region("vastmanland")
            for name, write in (
                ("edit", lambda: services.update_initiative(
                    db.session.get(Initiative, initiative_id), {"title": f"Ändrat {round_}"}, by=None,
                    version=db.session.get(Initiative, initiative_id).version)),
                ("registration", lambda: registrations.register(
                    db.session.get(Meeting, meeting_id), db.session.get(Person, member))),
                ("role grant", lambda: account_services.grant_role(
                    db.session.get(Person, person_ids[round_]), "member", region=vastmanland)),
            ):
                db.session.execute(text(NO_WAIT))
                try:
                    write()
                    db.session.commit()
                except OperationalError as error:
                    db.session.rollback()
                    if not isinstance(error.orig, LockNotAvailable):
                        raise
                    waited.append(name)
            registrations.cancel(db.session.get(Meeting, meeting_id), db.session.get(Person, member))
            db.session.commit()
        return waited

    assert writes(0) == []  # once before: statements compiled, connections open
    held, release, failed = threading.Event(), threading.Event(), []

    def import_in_vasternorrland():
        """Like an import: many initiatives (with the partner and plan links and the search index
        an import writes), flushed, then the transaction held open."""
        try:
            with app.app_context():
                for n in range(30):
                    collab.make_initiative("vasternorrland", title=f"Importerat {n}")
                db.session.flush()
                held.set()
                release.wait(timeout=HOLD)
                db.session.commit()
        except Exception as error:  # noqa: BLE001 - reported below
            failed.append(error)
            held.set()

    thread = threading.Thread(target=import_in_vasternorrland)
    thread.start()
    try:
        assert held.wait(timeout=30)
        waited = writes(1)
        during = thread.is_alive()
    finally:
        release.set()
        thread.join(timeout=30)
    assert not failed, failed
    assert during, "the writes did not all happen while the import held its transaction"
    assert waited == [], f"{waited} waited for the import's locks"
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Initiative).where(
            Initiative.title.like("Importerat %"))) == 30


@pytest.fixture
def app_config():
    return {"DATABASE_LOCK_TIMEOUT": 0.2}


def test_a_request_that_waits_too_long_for_a_lock_answers_503_and_writes_nothing(synced_app, accounts, database_url):
    app = synced_app
    with app.app_context():
        meeting_id = _meeting_in("vastmanland").id
        db.session.commit()
    client = app.test_client()
    assert login(client, MEMBER).status_code == 302
    token = csrf_token(client)
    other = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    try:
        with other.connect() as holder:  # another transaction holds the meeting's row, as a registration does
            holder.execute(text("SELECT id FROM meetings WHERE id = :id FOR UPDATE"), {"id": meeting_id})
            started = time.perf_counter()
            answer = in_language(client, "sv").post(f"/meetings/{meeting_id}/register", data={"csrf_token": token})
            waited = time.perf_counter() - started
            holder.rollback()
    finally:
        other.dispose()
    assert answer.status_code == 503
    assert answer.headers["Retry-After"] == "5"
    assert "Upptaget just nu" in answer.text and "försök igen" in answer.text
    assert waited < 2  # the lock timeout, not the holder, ended the wait
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Registration).filter_by(meeting_id=meeting_id)) == 0
    # the lock gone, the same request goes through
    assert client.post(f"/meetings/{meeting_id}/register", data={"csrf_token": token}).status_code == 302
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Registration).filter_by(meeting_id=meeting_id)) == 1


def test_the_command_line_keeps_the_servers_settings(synced_app):
    """Outside a request (the command line, imports, mail) no limit is set: a long import is not
    cut off."""
    with synced_app.app_context():
        assert db.session.scalar(text("SHOW lock_timeout")) == "0"
        with synced_app.test_request_context():
            db.session.remove()
            assert db.session.scalar(text("SHOW lock_timeout")) == "200ms"  # this module's setting
            assert db.session.scalar(text("SHOW statement_timeout")) == "30s"
        db.session.remove()
        assert db.session.scalar(text("SHOW lock_timeout")) == "0"
