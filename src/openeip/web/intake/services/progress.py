"""How far a running import has got, shared through the Django cache.

The import writes inside one database transaction, so nothing it does is visible in the database
until it ends; the cache (Redis in production, shared by web and worker machines; local memory in
the embedded default, where the worker is a thread of the web process) carries the count instead.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache

_TTL_SECONDS = 24 * 3600


def _key(job_id: Any) -> str:
    return "openeip:intake:progress:{}".format(job_id)


def _waiting_key(job_id: Any) -> str:
    return "openeip:intake:waiting:{}".format(job_id)


def publish(job_id: Any, done: int, total: int) -> None:
    cache.set(_key(job_id), (done, total), _TTL_SECONDS)
    cache.delete(_waiting_key(job_id))  # rows are being written: no longer waiting


def publish_waiting(job_id: Any) -> None:
    """The job waits for another import into the same park to finish."""
    cache.set(_waiting_key(job_id), True, _TTL_SECONDS)


def waiting(job_id: Any) -> bool:
    return bool(cache.get(_waiting_key(job_id)))


def read(job_id: Any) -> tuple[int, int] | None:
    """(rows done, rows in all) or None when no worker has reported yet."""
    value = cache.get(_key(job_id))
    return None if value is None else (int(value[0]), int(value[1]))


def forget(job_id: Any) -> None:
    cache.delete_many([_key(job_id), _waiting_key(job_id)])
