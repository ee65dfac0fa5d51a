"""Run one import job: read and check the file, write it, record the outcome on the job.

The same function serves the inline path (inside the upload request), the thread worker and the
huey worker, so every path leaves the job in the same states with the same problems.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from openeip.core.errors import IntakeError, Problem
from openeip.core.i18n import language as core_language
from openeip.web.intake.models import ImportJob
from openeip.web.intake.services import cells, heartbeat, progress, uploads
from openeip.web.intake.services.scope import ImportRefused, import_scope
from openeip.web.registry.models import Company
from openeip.web.registry.services.importer import import_dataset

logger = logging.getLogger(__name__)

#: A file with thousands of bad rows is better fixed from the first few hundred problems.
MAX_STORED_PROBLEMS = 500
TABLES = ("parks", "companies", "products", "flows")


def run_job(job_id: Any) -> ImportJob:
    """Run a pending job once; a job already taken by another worker is returned unchanged.

    The job records a heartbeat while it runs (:mod:`openeip.web.intake.services.heartbeat`).
    Its outcome is recorded only if this attempt still owns the job: a worker declared lost,
    whose job was handed to another, does not overwrite what the other one records.
    """
    now = timezone.now()
    taken = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.PENDING).update(
        status=ImportJob.Status.RUNNING, started_at=now, heartbeat_at=now,
        attempts=F("attempts") + 1)
    job = ImportJob.objects.select_related("park", "user").get(pk=job_id)
    if not taken:
        return job
    attempt = job.attempts
    with (translation.override(job.language), core_language(job.language),
          heartbeat.beating(job.pk)):
        try:
            accepted: list[tuple[str, str, str]] = []
            result = _import(job, accepted)
        except ImportRefused as refusal:
            mark_failed(job, [Problem(job.filename, None, None, str(refusal))])
        except IntakeError as error:
            mark_failed(job, error.problems)
        except Exception:
            # The transaction rolled back, so nothing was written; say so instead of leaving
            # the job "running" for ever, and keep the traceback for the operator.
            logger.exception("Import job %s failed unexpectedly", job.pk)
            mark_failed(job, [Problem(job.filename, None, None, _(
                "The import stopped on an unexpected error and wrote nothing. Try again; if it "
                "fails again, send the file to your platform administrator."))])
        else:
            job.status = ImportJob.Status.SUCCEEDED
            job.result = result
            if accepted:
                job.result["accepted_fuels"] = fuel_summary(accepted)
            job.finished_at = timezone.now()
        owned = ImportJob.objects.filter(pk=job.pk, attempts=attempt).update(
            status=job.status, result=job.result, problems=job.problems,
            problem_count=job.problem_count, finished_at=job.finished_at)
    if not owned:
        logger.warning("Import job %s: attempt %s finished after the job was handed to another "
                       "worker; its outcome is dropped", job.pk, attempt)
        job.refresh_from_db()
        return job
    progress.forget(job.pk)
    heartbeat.forget(job.pk)
    return job


def fail_if_abandoned(job: ImportJob) -> ImportJob:
    """Fail a job whose worker vanished mid-import (no heartbeat for JOB_STALE_SECONDS), so
    nobody waits for it for ever. :func:`openeip.web.intake.tasks.look_after` calls it once the
    job has been run JOB_MAX_ATTEMPTS times; before that it runs the job again."""
    if not heartbeat.is_stale(job):
        return job
    with translation.override(job.language), core_language(job.language):
        mark_failed(job, [Problem(job.filename, None, None, _(
            "The worker running this import stopped before it finished, so nothing was "
            "written. Upload the file again."))])
    # Only if it is still running: a worker that finishes at this very moment wins.
    ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.RUNNING).update(
        status=job.status, problems=job.problems, problem_count=job.problem_count,
        finished_at=job.finished_at)
    job.refresh_from_db()
    progress.forget(job.pk)
    return job


def _import(job: ImportJob, accepted: list[tuple[str, str, str]]) -> dict[str, Any]:
    """Import the job's file; ``accepted`` receives (description, fuel code, word) of each flow
    whose fuel code came from an accepted suggestion."""
    scope = import_scope(job.user, job.park)
    known = Company.objects.filter(park=job.park).values_list("code", flat=True)
    # Parsed in a child process with capped memory: a hostile file fails this job, nothing else.
    dataset = uploads.read(bytes(job.content), job.filename, tuple(known),
                           accept_fuel_suggestions=job.accept_suggested_fuels)
    accepted.extend((fuel.description, fuel.code, fuel.word) for fuel in dataset.accepted_fuels)
    progress.publish(job.pk, 0, len(dataset.products) + len(dataset.flows))
    outcome = import_dataset(
        dataset, job.park.slug, user=job.user, via=job.via, allowed_company_codes=scope,
        progress=lambda done, total: progress.publish(job.pk, done, total),
        on_wait=lambda: progress.publish_waiting(job.pk),
    )
    counts = outcome.as_dict()
    # Every table under every heading, zeros included, so API clients need no defaults.
    result: dict[str, Any] = {kind: {table: counts[kind].get(table, 0) for table in TABLES}
                              for kind in ("created", "updated", "unchanged")}
    # The companies the file was about (its rows, not the whole park): the result page links them.
    result["company_codes"] = sorted(
        {company.code for company in dataset.companies}
        | {row.company_code for row in dataset.products}
        | {row.company_code for row in dataset.flows})
    return result


def mark_failed(job: ImportJob, problems: list[Problem]) -> None:
    """Fail the job with ``problems`` (sorted, with the cells of each problem row); not saved."""
    job.problems = problem_records(problems, bytes(job.content), job.filename)
    job.problem_count = len(problems)
    suggested = fuel_summary(
        (p.suggestion.text, p.suggestion.value, p.suggestion.word) for p in problems
        if p.suggestion is not None and p.suggestion.column == "classification_code")
    job.result = {"suggested_fuels": suggested} if suggested else {}
    job.status = ImportJob.Status.FAILED
    job.finished_at = timezone.now()


def fuel_summary(found: Iterable[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """(description, fuel code, word) of each row → one entry per description and code with
    its number of rows, most rows first: what the user reads before accepting."""
    rows = Counter(found)
    return [{"description": description, "code": code, "word": word, "rows": count}
            for (description, code, word), count in sorted(
                rows.items(), key=lambda item: (-item[1], item[0]))]


def problem_records(problems: list[Problem], content: bytes, filename: str
                    ) -> list[dict[str, Any]]:
    """Problems as JSON-ready dicts, by sheet (in the workbook's order) then row, each with its
    row's raw cell values."""
    ordered = sorted(problems, key=lambda p: (cells.sheet_rank(p.sheet), p.sheet.casefold(),
                                              p.row or 0, p.column or ""))
    kept = ordered[:MAX_STORED_PROBLEMS]
    values = uploads.problem_rows(content, filename,
                                  {(p.sheet, p.row) for p in kept if p.row is not None})
    return [
        {"sheet": p.sheet, "row": p.row, "column": p.column, "message": p.message,
         "values": values.get((p.sheet, p.row), {}) if p.row is not None else {},
         **({"suggestion": {"column": p.suggestion.column, "value": p.suggestion.value,
                            "word": p.suggestion.word}} if p.suggestion else {})}
        for p in kept
    ]
