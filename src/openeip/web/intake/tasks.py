"""Background execution of import jobs.

``settings.TASK_QUEUE``:

* ``"thread"`` (embedded default) — a daemon thread of the web process runs the job; nothing else
  to start, but the job is lost if the process stops while it runs;
* ``"redis"`` — the job id goes onto the huey queue in Redis and any worker started with
  ``openeip manage run_huey`` (on this machine or another sharing the database and Redis) runs it.

Either way the job is handed over only once the transaction that created it has committed, so the
worker always finds it in the database.
"""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from huey.contrib.djhuey import db_task

from openeip.web.intake.runner import run_job


@db_task()
def run_import_job(job_id: str) -> None:
    """Huey task: run one import job (idempotent; a job already taken is left alone)."""
    _run_and_disconnect(job_id)


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
