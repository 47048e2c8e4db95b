"""Revision 0015 on an audit log with personal copies in it: every row stays, none keeps a name,
an e-mail address, a phone number or an IP address, and the log is append-only again afterwards."""
import json

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from samverkan.audit import WITHHELD
from samverkan.extensions import db
from test_migration_0014 import migrate, migrating_app  # noqa: F401  (the fixture)

PERSONAL = ("Karin Personsson", "karin.personsson@exempel.se", "070-123 45 67", "198.51.100.7",
            "okand.gissning@exempel.se")

#: rows as revision 0014 wrote them: (action, object_type, object_id, person_email, changes, detail)
OLD_ROWS = [
    ("create", "Person", "1", "admin@exempel.se",
     {"name": "Karin Personsson", "email": "karin.personsson@exempel.se", "active": True}, None),
    ("update", "Person", "1", "karin.personsson@exempel.se",
     {"name": ["Karin P", "Karin Personsson"]}, None),
    ("update", "Initiative", "5", "karin.personsson@exempel.se",
     {"contact_phone": [None, "070-123 45 67"], "contact_email": [None, "karin.personsson@exempel.se"],
      "status": ["idea", "running"]}, None),
    ("create", "Initiative", "6", None, {"title": "Lärlingar", "contact_name": None, "is_practice": True}, None),
    ("login", "Person", "1", "karin.personsson@exempel.se", {}, None),
    ("login-failed", "Person", "1", None, {}, "e-mail 'karin.personsson@exempel.se'"),
    ("login-failed", "Person", None, None, {}, "e-mail 'okand.gissning@exempel.se'"),
    ("login-failed", "Person", None, None, {}, "e-mail 'okand.gissning@exempel.se', refused by the form"),
    ("password-reset-requested", "Person", None, None, {}, "e-mail 'okand.gissning@exempel.se'"),
    ("refused", "request", None, "karin.personsson@exempel.se", {}, "POST /admin/people: region.grant-roles"),
]


def _columns(app, table):
    with app.app_context():
        return {column["name"] for column in inspect(db.engine).get_columns(table)}


def test_existing_rows_lose_their_personal_copies_and_stay_append_only(migrating_app):  # noqa: F811
    app = migrating_app
    migrate(app, "upgrade", "0014")
    with app.app_context():
        for action, object_type, object_id, email, changes, detail in OLD_ROWS:
            db.session.execute(text(
                "INSERT INTO audit_events (occurred_at, person_id, person_email, action, object_type, object_id, "
                "changes, ip, path, detail) VALUES (CURRENT_TIMESTAMP, :person_id, :email, :action, :type, :id, "
                ":changes, '198.51.100.7', '/login', :detail)"),
                {"person_id": 1 if email else None, "email": email, "action": action, "type": object_type,
                 "id": object_id, "changes": json.dumps(changes), "detail": detail})
        db.session.commit()

    migrate(app, "upgrade", "0015")
    assert not {"person_email", "ip"} & _columns(app, "audit_events")
    assert "anonymised_at" in _columns(app, "people")
    with app.app_context():
        rows = db.session.execute(text(
            "SELECT action, object_id, person_id, changes, detail FROM audit_events ORDER BY id")).all()
        assert len(rows) == len(OLD_ROWS)  # every row is still there
        everything = json.dumps([[str(value) for value in row] for row in rows], ensure_ascii=False)
        for personal in PERSONAL:
            assert personal not in everything
        changes = [row.changes if isinstance(row.changes, dict) else json.loads(row.changes) for row in rows]
        assert changes[0] == {"name": WITHHELD, "email": WITHHELD, "active": True}
        assert changes[1] == {"name": WITHHELD}
        assert changes[2] == {"contact_phone": WITHHELD, "contact_email": WITHHELD, "status": ["idea", "running"]}
        assert changes[3] == {"title": "Lärlingar", "contact_name": None, "is_practice": True}  # nothing personal
        assert [row.detail for row in rows[5:]] == [
            None, "no account with that address", "refused by the form", "no active account with that address",
            "POST /admin/people: region.grant-roles"]
        assert [row.person_id for row in rows][:2] == [1, 1]  # who acted, by id

        # the triggers are back
        last = {"sqlite": "REPLACE INTO audit_events (id, occurred_at, action, changes) "
                           "VALUES (1, CURRENT_TIMESTAMP, 'forged', '{}')",
                "postgresql": "TRUNCATE audit_events"}[db.engine.dialect.name]
        for statement in ("UPDATE audit_events SET action = 'forged'", "DELETE FROM audit_events", last):
            with pytest.raises(DBAPIError, match="append-only"):
                db.session.execute(text(statement))
            db.session.rollback()

    migrate(app, "downgrade", "0014")  # the columns come back, empty
    assert {"person_email", "ip"} <= _columns(app, "audit_events")
    with app.app_context():
        assert db.session.execute(text("SELECT count(*) FROM audit_events WHERE person_email IS NOT NULL")).scalar() == 0
