"""Refreshing a park: every tenant's streams from its flows, then matching and the optimal network.

A park of up to :data:`INLINE_MAX_COMPANIES` tenants on a platform of up to
:data:`INLINE_MAX_STREAMS` active streams (the park is matched against every park's streams) is
refreshed inside the request — the demo park of 40 firms and 384 streams takes a few seconds;
anything larger runs in the background on the task queue the importer uses
(``settings.TASK_QUEUE``: a daemon thread by default, huey workers with Redis).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.db import connections, transaction
from huey.contrib.djhuey import db_task

from openeip.web.registry.models import Company, Park

logger = logging.getLogger(__name__)
INLINE_MAX_COMPANIES = 100
INLINE_MAX_STREAMS = 20_000


def refresh_park_now(park: Park) -> dict[str, Any]:
    from openeip.web.symbiosis.services.matching import refresh_matches
    from openeip.web.symbiosis.services.streams import streams_from_flows

    for company in Company.objects.filter(park=park).select_related("park"):
        streams_from_flows(company)
    return refresh_matches(park)


def refresh_park(park: Park) -> dict[str, Any]:
    """Refresh now if the park is small, else queue it; {'queued': True} when queued."""
    from openeip.web.symbiosis.models import Stream

    small = (Company.objects.filter(park=park).count() <= INLINE_MAX_COMPANIES
             and Stream.objects.filter(active=True).count() <= INLINE_MAX_STREAMS)
    if small:
        return refresh_park_now(park)
    transaction.on_commit(lambda: _dispatch(park.pk))
    return {"queued": True}


@db_task()
def refresh_park_task(park_id: int) -> None:
    """Huey task: refresh one park (safe to repeat)."""
    _run_and_disconnect(park_id)


def _dispatch(park_id: int) -> None:
    if settings.TASK_QUEUE == "redis":
        refresh_park_task(park_id)
    else:
        threading.Thread(target=_run_and_disconnect, args=(park_id,),
                         name="symbiosis-{}".format(park_id), daemon=True).start()


def _run_and_disconnect(park_id: int) -> None:
    try:
        park = Park.objects.filter(pk=park_id).first()
        if park is not None:
            refresh_park_now(park)
    except Exception:
        logger.exception("Symbiosis refresh of park %s failed", park_id)
    finally:
        connections.close_all()
