"""Work that leaves the request: a Huey queue, built from the app's settings by the factory.

Huey is small, maintained, and has what Samverkan needs built in: retries with backoff, periodic
tasks, and three storages behind one API: SQLite in the instance folder (the embedded default, no
service to run), Redis when ``SAMVERKAN_REDIS_URL`` is set (production), and immediate mode, where
a job runs as soon as it is queued (the tests, and ``SAMVERKAN_JOBS_IMMEDIATE``).

Features declare their jobs with :func:`task` and :func:`periodic` at import time; the factory
binds them to the app's queue (:func:`init_app`), and :func:`enqueue` queues one for the current
app. Every job runs in an app context of its own, so in a session of its own: in immediate mode
too, a job never shares the transaction of the request that queued it.
"""
import logging
import os
from dataclasses import dataclass, field

from flask import current_app
from huey import MemoryHuey, RedisHuey, SqliteHuey, crontab

log = logging.getLogger("samverkan.jobs")
EXTENSION = "samverkan.jobs"

__all__ = ["crontab", "enqueue", "init_app", "on_worker_start", "periodic", "schedule", "task"]


@dataclass
class Job:
    function: object
    options: dict = field(default_factory=dict)
    schedule: object = None  # a crontab for periodic jobs

    @property
    def name(self):
        return _name(self.function)


def _name(function):
    return f"{function.__module__}.{function.__name__}"


#: every job declared so far, by name
JOBS = {}
#: functions a worker runs as it starts (:func:`on_worker_start`)
STARTUP = []


def task(**options):
    """Declare a job (Huey's options: ``retries``, ``retry_delay``, ``retry_backoff`` …)."""
    def declare(function):
        job = Job(function, options)
        JOBS[job.name] = job
        return function
    return declare


def on_worker_start(function):
    """Declare a function that every worker runs once as it starts, before taking jobs."""
    STARTUP.append(function)
    return function


def periodic(schedule, **options):
    """Declare a job that the worker runs on ``schedule`` (a :func:`crontab`)."""
    def declare(function):
        job = Job(function, options, schedule)
        JOBS[job.name] = job
        return function
    return declare


def _in_app_context(app, function):
    def run(*args, **kwargs):
        with app.app_context():
            return function(*args, **kwargs)
    run.__name__ = function.__name__
    return run


def build_huey(app):
    """The queue the settings ask for: immediate, Redis, or SQLite in the instance folder."""
    config = app.config
    name = "samverkan"
    if config.get("JOBS_IMMEDIATE", app.testing):
        return MemoryHuey(name, immediate=True, results=False)
    if config.get("REDIS_URL"):
        return RedisHuey(name, url=config["REDIS_URL"], results=False)
    os.makedirs(app.instance_path, exist_ok=True)
    path = config.get("JOBS_SQLITE_PATH") or os.path.join(app.instance_path, "jobs.sqlite")
    return SqliteHuey(name, filename=path, results=False)


class Queue:
    """The app's Huey and its tasks by job name."""

    def __init__(self, app):
        self.huey = build_huey(app)
        self.tasks = {}
        for job in JOBS.values():
            run = _in_app_context(app, job.function)
            if job.schedule is None:
                self.tasks[job.name] = self.huey.task(name=job.name, **job.options)(run)
            else:
                self.tasks[job.name] = self.huey.periodic_task(job.schedule, name=job.name, **job.options)(run)

    def consumer(self, app, workers=2):
        """Huey's consumer, after the startup jobs ran once: a worker that starts picks up what a
        stopped one left half done (the features keep that state in the database)."""
        for function in STARTUP:
            _in_app_context(app, function)()
        return self.huey.create_consumer(workers=workers, worker_type="thread", periodic=True)


def init_app(app):
    """Bind every declared job to the app's queue (after the features are imported)."""
    app.extensions[EXTENSION] = Queue(app)
    # the development server (`make run`): no second command; with the reloader, in its child only
    if app.config.get("JOBS_IN_PROCESS") and (not app.debug or os.environ.get("WERKZEUG_RUN_MAIN") == "true"):
        start_in_process(app)


def queue(app=None):
    return (app or current_app).extensions[EXTENSION]


def enqueue(function, *args):
    """Queue ``function`` (declared with :func:`task`) with ``args`` for the current app."""
    queue().tasks[_name(function)](*args)


def schedule(function, args, eta):
    """Queue ``function`` to run at ``eta`` (an aware or UTC datetime), not before."""
    queue().tasks[_name(function)].schedule(args, eta=eta)


def start_in_process(app, workers=1):
    """Run the consumer's threads inside this process (the development server): no second command
    for ``make run``. Huey's signal handlers are left to the real worker (``samverkan worker``)."""
    consumer = queue(app).consumer(app, workers)
    consumer.scheduler.start()
    for _, worker in consumer.worker_threads:
        worker.start()
    log.info("jobs run in this process (%d worker thread(s))", workers)
    return consumer
