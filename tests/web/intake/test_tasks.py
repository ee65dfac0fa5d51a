"""Background imports for real: a thread of the web process, and huey workers fed through Redis.

Workers use their own database connections, so these tests commit (concurrent_db, a
transactional_db) and run on SQLite and PostgreSQL alike. The Redis tests use the server at
settings.REDIS_URL under a queue name of their own, so they never take or leave work on another
run's queue.
"""

from __future__ import annotations

import datetime
import io
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from openeip.core.intake import write_dataset
from openeip.web.intake.models import ImportJob
from openeip.web.intake.services import heartbeat, progress
from openeip.web.intake.services.imports import start_import
from openeip.web.intake.services.runner import run_job
from openeip.web.intake.tasks import look_after, reap_stale_jobs
from openeip.web.registry.models import Product, ResourceFlow
from tests.conftest import tiny_dataset
from tests.web.intake.test_intake_web import (
    A3_ENERGY,
    A3_SLUDGE,
    a3_workbook,
    concurrent_db,  # noqa: F401  (a fixture)
    workbook,
)
from tests.web.processes import start_worker

Status = ImportJob.Status
pytestmark = pytest.mark.usefixtures("concurrent_db")


def wait_until_finished(job: ImportJob, seconds: float = 30) -> ImportJob:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.finished:
            return job
        time.sleep(0.05)
    raise AssertionError("job {} still {} after {}s".format(job.pk, job.status, seconds))


@pytest.fixture
def background(settings):
    """Every import, however small, goes to the background (a thread unless a test says)."""
    settings.INLINE_IMPORT_MAX_ROWS = 0
    settings.TASK_QUEUE = "thread"
    return settings


def test_a_thread_worker_imports_the_file_and_records_the_counts(world, background):
    job = start_import(world.alpha, world.users["park_manager"], "a3.xlsx", a3_workbook())
    assert job.background

    job = wait_until_finished(job)
    assert job.status == Status.SUCCEEDED, job.problems
    assert job.result["created"] == {"parks": 0, "companies": 1, "products": 1, "flows": 2}
    assert job.started_at is not None and job.finished_at >= job.started_at
    assert ResourceFlow.objects.filter(company__code="A3").count() == 2


def test_a_thread_worker_records_the_problems_of_a_bad_file_and_writes_nothing(
        world, background):
    bad_energy = [*A3_ENERGY[:6], "parsec", *A3_ENERGY[7:]]
    job = start_import(world.alpha, world.users["park_manager"], "a3.xlsx",
                       a3_workbook(flows=[bad_energy, A3_SLUDGE]))

    job = wait_until_finished(job)
    assert job.status == Status.FAILED
    assert [(p["sheet"], p["row"], p["column"]) for p in job.problems] == [
        ("Flows", 2, "G (unit)")]
    assert job.problems[0]["values"]["unit"] == "parsec"
    assert not ResourceFlow.objects.filter(company__code="A3").exists()


def test_a_job_runs_once_even_if_two_workers_receive_it(world, background):
    job = start_import(world.alpha, world.users["park_manager"], "a3.xlsx", a3_workbook())
    job = wait_until_finished(job)

    again = run_job(job.pk)  # a redelivered task
    assert again.status == Status.SUCCEEDED
    assert again.finished_at == job.finished_at
    assert Product.objects.filter(company__code="A3").count() == 1


def test_access_is_checked_again_when_the_worker_runs(world):
    # A job accepted while the consultant held a grant, run after the grant was revoked.
    own = ["A1", "2024-02", "input", "water", "Well water", 30, "m³", None, None, "on_site"]
    job = ImportJob.objects.create(park=world.alpha, user=world.users["consultant"],
                                   filename="a1.xlsx", content=workbook(flows=[own]), rows=1,
                                   background=True)
    world.a1.grants.get(consultant=world.users["consultant"]).revoke()

    job = run_job(job.pk)
    assert job.status == Status.FAILED
    assert "You may not import into park 'alpha'" in job.problems[0]["message"]
    assert not ResourceFlow.objects.filter(description="Well water").exists()


# --- Redis ------------------------------------------------------------------------------------

@pytest.fixture
def redis_queue(settings, background):
    """The huey instance pointed at Redis under a queue name used by this test only."""
    from huey.contrib.djhuey import HUEY

    saved = (HUEY.name, HUEY.immediate, HUEY.storage)
    settings.TASK_QUEUE = "redis"
    HUEY.name = "openeip-test-{}".format(uuid.uuid4().hex)
    HUEY.immediate = False
    HUEY.storage = HUEY.create_storage()
    try:
        yield HUEY
    finally:
        HUEY.storage.flush_all()
        HUEY.storage.close()
        HUEY.name, HUEY.immediate, HUEY.storage = saved


@pytest.fixture
def consumer(redis_queue):
    """A real huey consumer with one worker thread, started in this process."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM,
                                                        signal.SIGHUP)}
    running = redis_queue.create_consumer(workers=1, worker_type="thread", periodic=False,
                                          initial_delay=0.05, max_delay=0.2,
                                          check_worker_health=False)

    def start() -> None:
        running.start()

    try:
        yield start
    finally:
        running.stop(graceful=True)
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


@pytest.mark.redis
def test_a_redis_job_waits_on_the_queue_until_a_huey_worker_runs_it(world, redis_queue,
                                                                     consumer):
    job = start_import(world.alpha, world.users["park_manager"], "a3.xlsx", a3_workbook())

    assert redis_queue.pending_count() == 1
    time.sleep(0.3)
    job.refresh_from_db()
    assert job.status == Status.PENDING  # nobody but a huey worker runs it

    consumer()
    job = wait_until_finished(job)
    assert job.status == Status.SUCCEEDED, job.problems
    assert job.result["created"] == {"parks": 0, "companies": 1, "products": 1, "flows": 2}
    assert redis_queue.pending_count() == 0
    assert ResourceFlow.objects.filter(company__code="A3").count() == 2


@pytest.mark.redis
def test_a_worker_started_with_run_huey_in_another_process_imports_the_file(
        world, redis_queue):
    if connection.vendor != "postgresql":
        pytest.skip("another process cannot open the in-memory SQLite test database")
    job = start_import(world.alpha, world.users["park_manager"], "a3.xlsx", a3_workbook())
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "openeip.web.settings",
        "DATABASE_URL": "postgres://{}@{}:{}/{}".format(db["USER"], db["HOST"] or "127.0.0.1",
                                                        db["PORT"] or 5432, db["NAME"]),
        "OPENEIP_TASK_QUEUE": "redis",
        "OPENEIP_QUEUE_NAME": redis_queue.name,
    }
    if db.get("PASSWORD"):
        env["DATABASE_URL"] = env["DATABASE_URL"].replace(
            "//{}@".format(db["USER"]), "//{}:{}@".format(db["USER"], db["PASSWORD"]))
    worker = subprocess.Popen(
        [str(Path(sys.executable).with_name("openeip")), "manage", "run_huey", "--workers", "1",
         "--no-periodic"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        job = wait_until_finished(job, seconds=60)
    finally:
        worker.send_signal(signal.SIGINT)
        _out, errors = worker.communicate(timeout=30)
    assert job.status == Status.SUCCEEDED, (job.problems, errors.decode()[-2000:])
    assert ResourceFlow.objects.filter(company__code="A3").count() == 2


# --- lost workers: heartbeat, run again, tell the user ----------------------------------------

def running_job(world, *, attempts: int, silent_for: datetime.timedelta,
                content: bytes = b"") -> ImportJob:
    """A job a worker took ``attempts`` times, whose last heartbeat is ``silent_for`` old."""
    now = timezone.now()
    return ImportJob.objects.create(
        park=world.alpha, user=world.users["park_manager"], filename="a3.xlsx", content=content,
        rows=3, background=True, status=Status.RUNNING, attempts=attempts,
        started_at=now - datetime.timedelta(minutes=10), heartbeat_at=now - silent_for)


def test_a_running_job_records_heartbeats_while_it_runs(world, settings):
    settings.JOB_HEARTBEAT_SECONDS = 0.05
    settings.JOB_STALE_SECONDS = 120
    job = running_job(world, attempts=1, silent_for=datetime.timedelta(minutes=5))
    assert heartbeat.is_stale(job)

    with heartbeat.beating(job.pk):
        time.sleep(0.3)

    job.refresh_from_db()
    assert not heartbeat.is_stale(job)
    assert timezone.now() - heartbeat.last_sign_of_life(job) < datetime.timedelta(seconds=5)
    if connection.vendor == "postgresql":  # on the row too (SQLite: in the cache only)
        assert timezone.now() - job.heartbeat_at < datetime.timedelta(seconds=5)


@pytest.mark.parametrize(("silent_seconds", "stale"), [(119, False), (121, True)])
def test_a_job_is_stale_once_its_heartbeat_is_older_than_the_limit(world, settings,
                                                                  silent_seconds, stale):
    settings.JOB_STALE_SECONDS = 120
    job = running_job(world, attempts=1, silent_for=datetime.timedelta(seconds=silent_seconds))
    assert heartbeat.is_stale(job) is stale
    job.status = Status.SUCCEEDED
    assert not heartbeat.is_stale(job)  # only running jobs go stale


def test_a_job_whose_worker_was_lost_runs_again_and_its_page_says_so(client_as, world,
                                                                   background):
    job = running_job(world, attempts=1, silent_for=datetime.timedelta(minutes=5),
                      content=a3_workbook())
    client = client_as("park_manager")
    page = client.get(reverse("intake:job", args=[job.pk])).content.decode()
    assert "the import was started again (attempt 2 of 3)" in page

    job = wait_until_finished(job)
    assert (job.status, job.attempts) == (Status.SUCCEEDED, 2)
    assert job.result["created"]["flows"] == 2
    assert ResourceFlow.objects.filter(company__code="A3").count() == 2
    page = client.get(reverse("intake:job", args=[job.pk])).content.decode()
    assert "the import was started again (attempt 2 of 3)" in page and "Imported" in page


def test_the_reaper_runs_again_only_the_jobs_whose_heartbeat_stopped(world, background):
    lost = running_job(world, attempts=1, silent_for=datetime.timedelta(minutes=5),
                       content=a3_workbook())
    alive = running_job(world, attempts=1, silent_for=datetime.timedelta(seconds=10))

    assert reap_stale_jobs() == 1

    lost = wait_until_finished(lost)
    assert (lost.status, lost.attempts) == (Status.SUCCEEDED, 2)
    alive.refresh_from_db()
    assert (alive.status, alive.attempts) == (Status.RUNNING, 1)


def test_the_reaper_is_a_periodic_task_of_every_huey_worker():
    from huey.contrib.djhuey import HUEY

    periodic = [task.name for task in HUEY._registry.periodic_tasks]
    assert any(name.endswith("reap_stale_import_jobs") for name in periodic)


def big_workbook(companies: int) -> bytes:
    """``companies`` companies of park alpha, each with 1 product and 3 flows."""
    stream = io.BytesIO()
    codes = tuple("K{}".format(number) for number in range(1, companies + 1))
    write_dataset(tiny_dataset("alpha", codes), stream, "xlsx")
    return stream.getvalue()


def wait_for_import_writing(seconds: float = 60) -> None:
    """Until another backend holds a write lock on a registry table: an import mid-transaction."""
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_locks JOIN pg_class ON pg_class.oid = pg_locks.relation "
                "WHERE pg_locks.mode = 'RowExclusiveLock' AND pg_locks.pid <> pg_backend_pid() "
                "AND pg_class.relname LIKE 'registry\\_%%'")
            if cursor.fetchone()[0]:
                return
            time.sleep(0.02)
    raise AssertionError("the worker never started writing")


@pytest.mark.redis
def test_a_huey_worker_killed_mid_import_has_its_job_run_again_to_the_end(
        world, redis_queue, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("another process cannot open the in-memory SQLite test database")
    settings.JOB_STALE_SECONDS = 1
    job = start_import(world.alpha, world.users["park_manager"], "big.xlsx", big_workbook(400))
    log = tmp_path / "workers.log"
    first = start_worker(redis_queue.name, log, OPENEIP_JOB_HEARTBEAT_SECONDS="1")
    try:
        wait_for_import_writing()
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)

    job.refresh_from_db()
    assert (job.status, job.attempts) == (Status.RUNNING, 1)  # frozen: its worker is gone
    assert not ResourceFlow.objects.filter(company__code__startswith="K").exists()
    time.sleep(1.5)
    job = look_after(job)  # what the job page, the API and the periodic reaper do
    assert job.status == Status.PENDING and redis_queue.pending_count() == 1

    second = start_worker(redis_queue.name, log)
    try:
        job = wait_until_finished(job, seconds=120)
    finally:
        second.send_signal(signal.SIGINT)
        second.wait(timeout=60)
    assert job.status == Status.SUCCEEDED, (job.problems, log.read_text()[-3000:])
    assert job.attempts == 2
    assert job.result["created"]["flows"] == 1200  # written once, by the second attempt
    assert ResourceFlow.objects.filter(company__code__startswith="K").count() == 1200


def test_a_job_waiting_for_another_import_into_its_park_says_so_until_it_writes(client_as,
                                                                                world):
    job = running_job(world, attempts=1, silent_for=datetime.timedelta(seconds=1))
    client = client_as("park_manager")
    status_url = reverse("intake:job-status", args=[job.pk])
    notice = "Another import into this park is running; this one starts when it has finished."

    progress.publish_waiting(job.pk)  # what the import's on_wait does
    assert notice in client.get(status_url).content.decode()
    progress.publish(job.pk, 5000, 20000)  # it got the park and writes
    assert notice not in client.get(status_url).content.decode()
