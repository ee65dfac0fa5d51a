"""The page of a report job: progress while it is made, then the download (or what went wrong).

``/reports/jobs/<id>/`` (the page; without JavaScript it reloads itself every two seconds),
``…/status/`` (the region the page's htmx polls every second) and ``…/file`` (the download).
Only the user who asked for the report sees them, while still entitled to its company or park
(``ReportJob.objects.for_user``); anyone else gets 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from openeip.web.reports.models import ReportJob
from openeip.web.reports.services.builders import CONTENT_TYPES
from openeip.web.reports.services.runner import fail_if_abandoned, stored_file

STAGE_LABELS = {
    "queued": _("Waiting for a worker…"),
    "gathering": _("Gathering the figures…"),
    "layout": _("Laying out the pages…"),
    "writing": _("Writing the file…"),
    "done": _("Ready"),
}
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


def _visible_job(request: HttpRequest, pk: Any) -> ReportJob:
    job = get_object_or_404(ReportJob.objects.for_user(request.user)
                            .select_related("company", "park"), pk=pk)
    return fail_if_abandoned(job)


def _context(job: ReportJob) -> dict[str, Any]:
    return {
        "job": job,
        "subject": job.company or job.park,
        "stage_label": STAGE_LABELS.get(job.stage, ""),
        "language_name": LANGUAGE_NAMES.get(job.language, job.language),
        "file_missing": job.status == ReportJob.Status.SUCCEEDED and stored_file(job) is None,
    }


@login_required
def job_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    return render(request, "reports/job.html", _context(_visible_job(request, pk)))


@login_required
def job_status(request: HttpRequest, pk: Any) -> HttpResponse:
    return render(request, "reports/partials/job_status.html",
                  _context(_visible_job(request, pk)))


@login_required
def job_file(request: HttpRequest, pk: Any) -> FileResponse:
    job = _visible_job(request, pk)
    path = stored_file(job)
    if path is None:
        raise Http404(str(job.pk))
    return FileResponse(path.open("rb"), content_type=CONTENT_TYPES[job.format],
                        as_attachment=job.format != "pdf", filename=job.filename)


__all__ = ["job_detail", "job_file", "job_status"]
