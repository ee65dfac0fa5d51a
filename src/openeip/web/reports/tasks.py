"""Background execution of report jobs, on the queue the imports use (``settings.TASK_QUEUE``):

* ``"thread"`` (embedded default) — a daemon thread of the web process makes the report;
* ``"redis"`` — the job id goes onto the huey queue in Redis and any ``openeip manage run_huey``
  worker sharing the database, Redis and the data directory (``settings.REPORT_DIR``) makes it.

The job is handed over once the transaction that created it has committed, so the worker always
finds it in the database.
"""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from huey.contrib.djhuey import db_task

from openeip.web.reports.services.runner import run_report_job


@db_task()
def make_report(job_id: str) -> None:
    """Huey task: make one report job (idempotent; a job already taken is left alone)."""
    _run_and_disconnect(job_id)


def enqueue(job_id: Any) -> None:
    """Make job ``job_id``'s report in the background, once the current transaction commits."""
    transaction.on_commit(lambda: _dispatch(str(job_id)))


def _dispatch(job_id: str) -> None:
    if settings.TASK_QUEUE == "redis":
        make_report(job_id)
    else:
        threading.Thread(target=_run_and_disconnect, args=(job_id,), name="report-" + job_id,
                         daemon=True).start()


def _run_and_disconnect(job_id: str) -> None:
    try:
        run_report_job(job_id)
    finally:
        connections.close_all()
