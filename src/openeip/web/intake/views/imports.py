"""Upload page, job page with its progress fragment, and the collection template download."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from openeip.core import catalogues
from openeip.core.i18n import LANGUAGES
from openeip.core.intake import write_template
from openeip.web.base.access import can_manage_park
from openeip.web.intake.forms import ImportForm
from openeip.web.intake.models import ImportJob
from openeip.web.intake.services import progress
from openeip.web.intake.services.imports import (
    ImportRefused,
    importable_parks,
    job_progress,
    start_import,
)
from openeip.web.intake.tasks import look_after
from openeip.web.registry.models import Company

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TABLE_LABELS = {"parks": _("Park"), "companies": _("Companies"), "products": _("Products"),
          "flows": _("Resource flows")}
#: A file about hundreds of companies links the first ones; the companies page lists them all.
LINKED_COMPANIES = 20


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    if not importable_parks(request.user).exists():
        # Nothing to show and nothing to reveal: say why, and who can change it.
        return render(request, "intake/nothing_to_import.html", status=403)
    form = ImportForm(request.user, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = start_import(form.cleaned_data["park"], request.user, upload.name,
                               upload.read(), via="web")
        except ImportRefused as refusal:  # access changed between form and import
            form.add_error("park", str(refusal))
        else:
            if job.finished:
                return render(request, "intake/job.html", _job_context(request, job))
            return redirect(job)
    return render(request, "intake/upload.html", {"form": form})


def _visible_job(request: HttpRequest, pk: Any) -> ImportJob:
    """The job if this user may see it (owner, park managers, admins); 404 otherwise."""
    job = get_object_or_404(ImportJob.objects.for_user(request.user).select_related("park"),
                            pk=pk)
    return look_after(job)


@login_required
def job_detail(request: HttpRequest, pk: Any) -> HttpResponse:
    return render(request, "intake/job.html", _job_context(request, _visible_job(request, pk)))


@login_required
def job_status(request: HttpRequest, pk: Any) -> HttpResponse:
    """The region htmx polls every second: progress while running, the outcome once done."""
    job = _visible_job(request, pk)
    return render(request, "intake/partials/job_status.html", _job_context(request, job))


def _job_context(request: HttpRequest, job: ImportJob) -> dict[str, Any]:
    done_total = job_progress(job)
    result = job.result or {}
    counts = [
        {"table": table, "label": label, **{kind: result.get(kind, {}).get(table, 0)
                                            for kind in ("created", "updated", "unchanged")}}
        for table, label in TABLE_LABELS.items()
    ]
    return {
        "job": job,
        "done": done_total[0] if done_total else None,
        "total": done_total[1] if done_total else None,
        "counts": [row for row in counts if row["created"] or row["updated"] or row["unchanged"]],
        "park_dashboard": can_manage_park(request.user, job.park),
        **_imported_companies(request, job),
        "suggested_fuels": _fuel_rows(job.result, "suggested_fuels"),
        "accepted_fuels": _fuel_rows(job.result, "accepted_fuels"),
        "problems": [_with_cells(problem) for problem in job.problems],
        "hidden_problems": max(job.problem_count - len(job.problems), 0),
        "waiting": job.status == ImportJob.Status.RUNNING and progress.waiting(job.pk),
        # the attempt running now, or the next one for a job back on the queue
        "attempt": job.attempts + (1 if job.status == ImportJob.Status.PENDING else 0),
        "max_attempts": settings.JOB_MAX_ATTEMPTS,
    }


def _imported_companies(request: HttpRequest, job: ImportJob) -> dict[str, Any]:
    """The companies the file held rows for (that this user may see), the first few linked."""
    codes = (job.result or {}).get("company_codes") or []
    companies = (Company.objects.for_user(request.user).filter(park=job.park, code__in=codes)
                 .order_by("code"))
    count = companies.count()
    return {"companies": companies[:LINKED_COMPANIES],
            "more_companies": max(count - LINKED_COMPANIES, 0)}


def _with_cells(problem: dict[str, Any]) -> dict[str, Any]:
    """The problem with its row's cells, the cell of the problem's column marked."""
    column = _enclosed(problem.get("column") or "", "(", ")")
    cells = [
        {"header": header, "value": value,
         "offending": bool(column) and column in (header.casefold(),
                                                  _enclosed(header, "[", "]"))}
        for header, value in (problem.get("values") or {}).items()
    ]
    return {**problem, "cells": cells}


def _enclosed(text: str, opening: str, closing: str) -> str:
    """The column key in 'F (unit)' (how core names a column) or 'Unit [unit]' (a header);
    the text itself when it has none. Case-folded for comparing."""
    text = text.strip()
    if text.endswith(closing) and opening in text:
        return text[text.rindex(opening) + 1:-1].strip().casefold()
    return text.casefold()


@require_GET
def template_download(request: HttpRequest) -> HttpResponse:
    """The empty collection workbook, its labels and guide in the page's language."""
    language = (get_language() or "en").split("-")[0]
    language = language if language in LANGUAGES else "en"
    workbook = io.BytesIO()
    write_template(workbook, language)
    response = HttpResponse(workbook.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="openeip-collection-{}.xlsx"'.format(
        language)
    return response


def _fuel_rows(result: dict[str, Any] | None, key: str) -> list[dict[str, Any]]:
    """Suggested (or accepted) fuels of a job, each with its fuel's name in the page's language."""
    language = (get_language() or "en").split("-")[0]
    fuels = catalogues.fuels()
    return [{**row, "name": fuels[row["code"]].label.text(language) if row["code"] in fuels
             else row["code"]} for row in (result or {}).get(key) or []]


@require_POST
@login_required
def accept_suggested_fuels(request: HttpRequest, pk: Any) -> HttpResponse:
    """Import the failed job's file again with the fuel codes its descriptions suggest: the
    user saw them on the job page and confirmed. The new job is a job of its own."""
    job = _visible_job(request, pk)
    if job.status != ImportJob.Status.FAILED or not (job.result or {}).get("suggested_fuels"):
        return redirect(job)
    try:
        again = start_import(job.park, request.user, job.filename, bytes(job.content),
                             via="web", accept_suggested_fuels=True)
    except ImportRefused as refusal:
        return render(request, "intake/nothing_to_import.html", {"refusal": str(refusal)},
                      status=403)
    return redirect(again)
