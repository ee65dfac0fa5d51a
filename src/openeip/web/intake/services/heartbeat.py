"""Signs of life of a running job, and the rule that declares its worker lost.

While a worker runs a job, a thread beside it records a heartbeat every
``settings.JOB_HEARTBEAT_SECONDS``: in the Django cache (Redis in production, shared by every
machine; local memory in the embedded default, where the worker is a thread of the web process)
and, on PostgreSQL, on the job's row. SQLite is left out of the latter: the import holds the
database's write lock for its whole transaction, and a heartbeat waiting for it would be late
exactly when it matters.

A running job whose last sign of life (heartbeat, or start) is older than
``settings.JOB_STALE_SECONDS`` lost its worker: the process died or the machine stopped, and
the import's transaction was rolled back. :mod:`openeip.web.intake.tasks` then runs it again.
"""

from __future__ import annotations

import contextlib
import datetime
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, connections
from django.utils import timezone

from openeip.web.intake.models import ImportJob

_TTL_SECONDS = 24 * 3600


def _key(job_id: Any) -> str:
    return "openeip:intake:heartbeat:{}".format(job_id)


@contextmanager
def beating(job_id: Any) -> Iterator[None]:
    """Record heartbeats for job ``job_id`` while the block runs."""
    stop = threading.Event()
    on_row = connection.vendor == "postgresql"
    thread = threading.Thread(target=_beat_until, args=(job_id, stop, on_row), daemon=True,
                              name="heartbeat-{}".format(job_id))
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _beat_until(job_id: Any, stop: threading.Event, on_row: bool) -> None:
    try:
        while not stop.wait(settings.JOB_HEARTBEAT_SECONDS):
            beat(job_id, on_row)
    finally:
        connections.close_all()  # this thread's own connection, if it opened one


def beat(job_id: Any, on_row: bool) -> None:
    now = timezone.now()
    cache.set(_key(job_id), now.timestamp(), _TTL_SECONDS)
    if on_row:
        # the database may be away for a moment; the cache beat stands
        with contextlib.suppress(DatabaseError):
            ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.RUNNING).update(
                heartbeat_at=now)


def forget(job_id: Any) -> None:
    cache.delete(_key(job_id))


def last_sign_of_life(job: ImportJob) -> datetime.datetime | None:
    """The latest of the job's start and its heartbeats (row and cache)."""
    seen = [moment for moment in (job.started_at, job.heartbeat_at) if moment is not None]
    cached = cache.get(_key(job.pk))
    if cached is not None:
        seen.append(datetime.datetime.fromtimestamp(float(cached), tz=datetime.UTC))
    return max(seen, default=None)


def is_stale(job: ImportJob, now: datetime.datetime | None = None) -> bool:
    """A running job that has shown no sign of life for more than JOB_STALE_SECONDS."""
    if job.status != ImportJob.Status.RUNNING:
        return False
    last = last_sign_of_life(job)
    if last is None:
        return False
    silence = (now or timezone.now()) - last
    return silence > datetime.timedelta(seconds=settings.JOB_STALE_SECONDS)
