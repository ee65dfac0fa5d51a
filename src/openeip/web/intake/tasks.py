"""Background execution of import jobs.

``settings.TASK_QUEUE``:

* ``"thread"`` (embedded default) — a daemon thread of the web process runs the job; nothing else
  to start; a job whose process stops while it runs is run again by the next process that looks
  at it (see below);
* ``"redis"`` — the job id goes onto the huey queue in Redis and any worker started with
  ``openeip manage run_huey`` (on this machine or another sharing the database and Redis) runs it.

Either way the job is handed over only once the transaction that created it has committed, so the
worker always finds it in the database.

A worker that dies mid-job (killed, out of memory, machine restarted) takes its queue message with
it: huey removes a task from Redis when a worker takes it, and retries only tasks that raise. The
job's row is what guarantees the work is done: a running job shows a heartbeat
(:mod:`openeip.web.intake.services.heartbeat`), and one whose heartbeat stopped is put back on
the queue by
:func:`look_after` — called every minute by the workers' periodic :func:`reap_stale_import_jobs`
and whenever someone looks at the job — up to ``settings.JOB_MAX_ATTEMPTS`` runs in all, then
failed with a message. Running a job again is safe: an import is one transaction (a lost worker
wrote nothing) and idempotent (rows already stored are left unchanged).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from openeip.web.intake.models import ImportJob
from openeip.web.intake.services import heartbeat, progress
from openeip.web.intake.services.runner import fail_if_abandoned, run_job

logger = logging.getLogger(__name__)


@db_task(retries=2, retry_delay=30)
def run_import_job(job_id: str) -> None:
    """Huey task: run one import job (idempotent; a job already taken is left alone).

    run_job records every failure of the import on the job itself; what raises here is the
    infrastructure (database unreachable), which huey retries.
    """
    _run_and_disconnect(job_id)


@db_periodic_task(crontab(minute="*"))
def reap_stale_import_jobs() -> int:
    """Every minute, in every worker: run again (or fail) the jobs whose worker was lost."""
    return reap_stale_jobs()


def reap_stale_jobs() -> int:
    """Look after every running job; how many were found lost."""
    lost = 0
    for job in ImportJob.objects.filter(status=ImportJob.Status.RUNNING).select_related("park"):
        if heartbeat.is_stale(job):
            look_after(job)
            lost += 1
    return lost


def look_after(job: ImportJob) -> ImportJob:
    """``job`` as it stands, after running it again if its worker was lost (or failing it once it
    has been run JOB_MAX_ATTEMPTS times). Safe to call from any number of places at once."""
    if not heartbeat.is_stale(job):
        return job
    if job.attempts >= settings.JOB_MAX_ATTEMPTS:
        return fail_if_abandoned(job)
    # Only the caller that moves it back to pending hands it over (others find it pending).
    requeued = ImportJob.objects.filter(
        pk=job.pk, status=ImportJob.Status.RUNNING, attempts=job.attempts,
    ).update(status=ImportJob.Status.PENDING, heartbeat_at=None)
    if requeued:
        logger.warning("Import job %s lost its worker during attempt %s; running it again",
                       job.pk, job.attempts)
        progress.forget(job.pk)
        heartbeat.forget(job.pk)
        enqueue(job.pk)
    job.refresh_from_db()
    return job


def enqueue(job_id: Any) -> None:
    """Run job ``job_id`` in the background, once the current transaction commits."""
    transaction.on_commit(lambda: _dispatch(str(job_id)))


def _dispatch(job_id: str) -> None:
    if settings.TASK_QUEUE == "redis":
        run_import_job(job_id)
    else:
        threading.Thread(target=_run_and_disconnect, args=(job_id,), name="import-" + job_id,
                         daemon=True).start()


def _run_and_disconnect(job_id: str) -> None:
    try:
        run_job(job_id)
    finally:
        # Imports are rare and long: a fresh connection per job costs nothing, while one kept
        # open by an idle worker thread holds a database session for nothing.
        connections.close_all()
