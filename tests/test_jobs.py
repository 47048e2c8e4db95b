"""The job worker: mail stored with the transaction that decided it and sent by jobs, surviving a
worker killed mid-send; periodic jobs."""
import os
import signal
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path

import pytest
from conftest import running_app
from samverkan import jobs, mail
from samverkan.extensions import db
from samverkan.mail import OutgoingMail, send_mail
from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def app_config():
    return {"MAIL_BACKEND": "memory"}


def outbox(app):
    return app.extensions.setdefault("samverkan.outbox", [])


def stored(app):
    with app.app_context():
        return db.session.execute(select(OutgoingMail.recipient, OutgoingMail.sent_at, OutgoingMail.attempts,
                                         OutgoingMail.last_error)).all()


def wait_until(condition, timeout=30):
    """Poll ``condition`` until it holds (what another process writes has no event to wait on)."""
    tick = threading.Event()
    for _ in range(int(timeout / 0.05)):
        if condition():
            return True
        tick.wait(0.05)
    return condition()


def test_a_rolled_back_transaction_stores_and_sends_nothing(app):
    with app.app_context():
        send_mail("anna@exempel.se", "Ämne", "Text")
        db.session.rollback()
    assert outbox(app) == [] and stored(app) == []


def test_a_committed_message_is_sent_by_its_job_and_marked_sent_with_its_body_emptied(app):
    with app.app_context():
        send_mail("anna@exempel.se", "Ämne", "En länk: https://exempel.se/hemlig")
        assert outbox(app) == []  # not before the commit
        db.session.commit()
    assert [m["to"] for m in outbox(app)] == ["anna@exempel.se"]
    [(_, sent_at, attempts, error)] = stored(app)
    assert sent_at is not None and attempts == 1 and error is None
    with app.app_context():
        assert db.session.scalar(select(OutgoingMail.body)) == ""  # the link is not kept


def test_a_failed_send_is_kept_with_its_error_and_the_sweep_sends_it(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SWEEP_AFTER", 0)
    real = mail.deliver
    calls = []

    def fail_once(message):
        calls.append(message.to)
        if len(calls) == 1:
            raise ConnectionRefusedError("the mail server is away")
        real(message)

    monkeypatch.setattr(mail, "deliver", fail_once)
    with app.app_context():
        send_mail("anna@exempel.se", "Ämne", "Text")
        db.session.commit()
    [(_, sent_at, attempts, error)] = stored(app)
    assert sent_at is None and attempts == 1 and "the mail server is away" in error
    assert outbox(app) == []
    with app.app_context():
        mail.sweep()
    [(_, sent_at, attempts, error)] = stored(app)
    assert sent_at is not None and attempts == 2 and error is None
    assert [m["to"] for m in outbox(app)] == ["anna@exempel.se"]
    with app.app_context():
        mail.sweep()  # a sent message is not sent again
    assert len(outbox(app)) == 1


def test_every_declared_job_is_bound_to_the_queue(app):
    tasks = jobs.queue(app).tasks
    assert {"samverkan.mail.send_stored", "samverkan.mail.sweep"} <= set(tasks)
    assert tasks["samverkan.mail.send_stored"].retries == 5


def test_the_outbox_and_the_survey_rounds_need_no_cron_line(app):
    """The worker delivers what the outbox still holds every five minutes and closes the rounds
    whose last day has passed every night, as ``events dispatch`` and ``surveys close`` do."""
    tasks = jobs.queue(app).tasks
    dispatch, close = jobs.JOBS["samverkan.events.dispatch"], jobs.JOBS["samverkan.needs.services.close_due_rounds"]
    assert {dispatch.name, close.name} <= set(tasks)
    assert dispatch.schedule(datetime(2026, 12, 7, 10, 5)) and not dispatch.schedule(datetime(2026, 12, 7, 10, 6))
    assert close.schedule(datetime(2026, 12, 8, 0, 15)) and not close.schedule(datetime(2026, 12, 8, 7, 0))


def start_worker(env, log):
    with open(log, "ab") as output:
        return subprocess.Popen([sys.executable, "-m", "flask", "--app", "samverkan", "worker", "--workers", "1"],
                                env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)


def test_a_worker_killed_mid_send_loses_nothing_the_next_worker_sends_it(database_url, tmp_path, smtp_server):
    port, handler = smtp_server
    handler.stall_first = True  # the worker sending it is killed meanwhile; later messages are accepted
    settings = {"MAIL_URL": f"smtp://127.0.0.1:{port}?timeout=60", "MAIL_FROM": "noreply@samverkan.se",
                "JOBS_IMMEDIATE": False, "JOBS_SQLITE_PATH": str(tmp_path / "jobs.sqlite"),
                "MAIL_CLAIM_SECONDS": 1}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "SAMVERKAN_SECRET_KEY": "test",
           "SAMVERKAN_DATABASE_URL": database_url,
           **{f"SAMVERKAN_{key}": str(value).lower() if isinstance(value, bool) else str(value)
              for key, value in settings.items()}}
    with running_app(database_url, MAIL_BACKEND=None, **settings) as app:
        with app.app_context():
            send_mail("anna@exempel.se", "Ämne", "Text")
            db.session.commit()
        assert stored(app)[0][1] is None  # queued, not sent: no worker yet

        log = tmp_path / "worker.log"
        first = start_worker(env, log)
        try:
            assert handler.stalling.wait(60), log.read_text()
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait()
        handler.release.set()
        [(_, sent_at, attempts, _)] = stored(app)
        assert sent_at is None and attempts == 1  # the killed worker had claimed it, and not sent it

        second = start_worker(env, log)
        try:
            assert handler.received.wait(60), log.read_text()
            assert wait_until(lambda: stored(app)[0][1] is not None)  # marked sent
        finally:
            second.send_signal(signal.SIGINT)
            second.wait(30)
        [envelope] = handler.messages
        assert envelope.rcpt_tos == ["anna@exempel.se"]
        assert stored(app)[0][2] == 2  # two attempts: the killed one and the one that sent


def test_the_worker_command_refuses_to_run_when_jobs_run_immediately(app):
    result = app.test_cli_runner().invoke(args=["worker"])
    assert result.exit_code == 1 and "no queue to work on" in result.output
