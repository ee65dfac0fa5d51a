"""Asking for a report: the one entry point of every report link.

:func:`start_report` records a :class:`ReportJob` and queues it, unless the same user asked for
the same report of the same data a moment ago: then that job (ready, or still being made) is
returned and its file reused. "The same data" is a stamp of what the report reads (the park's
data version, the latest change to the company's flows, assessments, options and prices, or to
the park's EIP records), so an edit made in between always gives a fresh report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.db.models import Count, Max
from django.utils import timezone

from openeip.web.registry.models import Company, Park
from openeip.web.reports import tasks
from openeip.web.reports.models import ReportJob
from openeip.web.reports.services.builders import builder, register
from openeip.web.reports.services.runner import report_dir, stored_file

__all__ = ["KEEP_FOR", "REUSE_WITHIN", "latest", "register", "start_report"]

#: an identical request within this time reuses the job and its file
REUSE_WITHIN = dt.timedelta(minutes=5)
#: finished jobs and their files are deleted after this
KEEP_FOR = dt.timedelta(days=1)


def _latest(queryset: Any) -> str:
    found = queryset.aggregate(latest=Max("updated_at"), count=Count("pk"))
    return "{}/{}".format(found["latest"].isoformat() if found["latest"] else "", found["count"])


def latest(queryset: Any) -> str:
    """The latest change to and the number of rows of ``queryset``: a piece of a data stamp."""
    return _latest(queryset)


def _data_stamp(kind: str, park: Park, company: Company | None) -> list[str]:
    """The park's data version and today, then what the report's builder says it reads."""
    version = Park.objects.filter(pk=park.pk).values_list("data_version", flat=True).first()
    stamp = [str(version), timezone.localdate().isoformat()]
    return stamp + builder(kind).stamp(park, company)


def _fingerprint(user: Any, kind: str, park: Park, company: Company | None,
                 params: dict[str, Any], language: str) -> str:
    request = [str(user.pk), kind, str(park.pk), str(company.pk if company else ""),
               json.dumps(params, sort_keys=True), language, *_data_stamp(kind, park, company)]
    return hashlib.sha256("\n".join(request).encode("utf-8")).hexdigest()


def start_report(user: Any, kind: str, *, park: Park, company: Company | None = None,
                 params: dict[str, Any] | None = None, language: str) -> ReportJob:
    """The job making this report for ``user``: a recent identical one, or a new queued one.

    Access is the caller's business (the views ask ``for_user`` first); ``params`` must be
    JSON-ready (dates as ISO text).
    """
    params = params or {}
    fingerprint = _fingerprint(user, kind, park, company, params, language)
    recent = ReportJob.objects.filter(
        fingerprint=fingerprint, created_at__gte=timezone.now() - REUSE_WITHIN,
        status__in=[ReportJob.Status.PENDING, ReportJob.Status.RUNNING,
                    ReportJob.Status.SUCCEEDED]).first()
    if recent is not None and (not recent.finished or stored_file(recent) is not None):
        return recent
    _forget_old_jobs()
    job = ReportJob.objects.create(user=user, kind=kind, park=park, company=company,
                                   params=params, language=language, fingerprint=fingerprint)
    tasks.enqueue(job.pk)
    return job


def _forget_old_jobs() -> None:
    """Delete the jobs asked for more than :data:`KEEP_FOR` ago, with their files."""
    old = ReportJob.objects.filter(created_at__lt=timezone.now() - KEEP_FOR)
    for name in old.exclude(file="").values_list("file", flat=True):
        (report_dir() / name).unlink(missing_ok=True)
    old.delete()
