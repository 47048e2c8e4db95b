"""Revision 0016 on a database with practices in it: each gets the day the audit log recorded it
marked (in Swedish time), or its creation day without such a record; other initiatives none."""
import json
from datetime import date

from sqlalchemy import text

from samverkan.extensions import db
from test_migration_0014 import migrate, migrating_app  # noqa: F401  (the fixture)


def test_existing_practices_get_the_day_they_were_marked(migrating_app):  # noqa: F811
    app = migrating_app
    migrate(app, "upgrade", "0015")
    with app.app_context():
        run = lambda sql, **values: db.session.execute(text(sql), values)  # noqa: E731
        run("INSERT INTO regions (id, code, slug, name, municipalities) VALUES (1, '19', 'vastmanland', 'V', '[]')")
        run("INSERT INTO actors (id, name, comparable_name, kind, description, created_at) "
            "VALUES (1, 'Ägare', 'agare', 'employer', '', CURRENT_TIMESTAMP)")
        for initiative_id, practice, created_at in ((1, True, "2023-01-10 09:00:00"), (2, True, "2023-01-10 09:00:00"),
                                                    (3, True, "2022-06-01 23:30:00"), (4, False, "2023-01-10 09:00:00")):
            run("INSERT INTO initiatives (id, title, summary, description, owner_id, lead_region_id, status, draft, "
                "links, results, is_practice, lessons_learned, created_at, updated_at, version) VALUES (:id, 'T', '', '', "
                "1, 1, 'running', :false, '', '', :practice, '', :created_at, :created_at, 1)",
                id=initiative_id, practice=practice, created_at=created_at, false=False)
        for object_id, action, changes, at in (
                ("1", "create", {"is_practice": True}, "2023-01-10 09:00:00"),
                ("2", "create", {"is_practice": False}, "2023-01-10 09:00:00"),
                ("2", "update", {"is_practice": [False, True]}, "2024-03-01 23:30:00"),  # 2 March in Sweden
                ("2", "update", {"status": ["planned", "running"]}, "2024-05-01 10:00:00"),
                ("4", "update", {"is_practice": [True, False]}, "2024-05-01 10:00:00")):
            run("INSERT INTO audit_events (occurred_at, action, object_type, object_id, changes) "
                "VALUES (:at, :action, 'Initiative', :id, :changes)", at=at, action=action, id=object_id,
                changes=json.dumps(changes))
        db.session.commit()

    migrate(app, "upgrade", "0016")
    with app.app_context():
        rows = db.session.execute(text("SELECT id, practice_since FROM initiatives ORDER BY id")).all()
    days = {initiative_id: day if day is None or isinstance(day, date) else date.fromisoformat(day)
            for initiative_id, day in rows}
    assert days == {1: date(2023, 1, 10), 2: date(2024, 3, 2), 3: date(2022, 6, 2), 4: None}
    migrate(app, "downgrade", "0015")
