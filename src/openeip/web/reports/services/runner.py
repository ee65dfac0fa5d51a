"""Make one report job: render the PDF or workbook, store the file, record the outcome.

The same function serves the thread worker, the huey worker and the tests, so every path leaves
the job in the same states. Progress is written on the job row as each step starts; the job page
reads it from the database (any machine, any worker).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.core.i18n import language as core_language
from openeip.web.base import pdf
from openeip.web.reports.models import ReportJob
from openeip.web.reports.services.builders import ReportError, builder

logger = logging.getLogger(__name__)

#: step → percent done when it starts
STAGES = {"queued": 0, "gathering": 10, "layout": 55, "writing": 85, "done": 100}
#: A report takes seconds; one neither finished nor started after this lost its worker (the
#: process stopped, or no huey worker is running).
ABANDONED_AFTER = dt.timedelta(minutes=10)

def report_dir() -> Path:
    return Path(settings.REPORT_DIR)


def _record_step(job_id: Any) -> Callable[[str], None]:
    def record(stage: str) -> None:
        ReportJob.objects.filter(pk=job_id, status=ReportJob.Status.RUNNING).update(
            stage=stage, progress=STAGES.get(stage, 0))
    return record


def run_report_job(job_id: Any) -> ReportJob:
    """Make a pending job's report once; a job another worker took is returned unchanged."""
    taken = ReportJob.objects.filter(pk=job_id, status=ReportJob.Status.PENDING).update(
        status=ReportJob.Status.RUNNING, started_at=timezone.now(), stage="gathering",
        progress=STAGES["gathering"])
    job = ReportJob.objects.select_related("user", "company__park", "park").get(pk=job_id)
    if not taken:
        return job
    with translation.override(job.language), core_language(job.language):
        try:
            with pdf.reporting_progress(_record_step(job.pk)):
                content, filename = builder(job.kind).make(job)
        except (ReportError, DomainError) as error:
            _fail(job, str(error))
        except Exception:
            logger.exception("Report job %s failed unexpectedly", job.pk)
            _fail(job, _("The report could not be made because of an unexpected error. Ask "
                         "for it again; if it fails again, tell your platform administrator."))
        else:
            _store(job, content, filename)
    # Only a job still running is finished here: one failed meanwhile as abandoned stays so.
    ReportJob.objects.filter(pk=job.pk, status=ReportJob.Status.RUNNING).update(
        status=job.status, stage=job.stage, progress=job.progress, file=job.file,
        filename=job.filename, size=job.size, error=job.error, finished_at=job.finished_at)
    job.refresh_from_db()
    return job


def _store(job: ReportJob, content: bytes, filename: str) -> None:
    folder = report_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = "{}.{}".format(job.pk, job.format)
    partial = folder / (name + ".part")
    partial.write_bytes(content)
    partial.replace(folder / name)  # a reader never sees half a file
    job.file, job.filename, job.size = name, filename, len(content)
    job.status, job.stage, job.progress = ReportJob.Status.SUCCEEDED, "done", STAGES["done"]
    job.finished_at = timezone.now()


def _fail(job: ReportJob, message: str) -> None:
    job.status, job.error, job.finished_at = ReportJob.Status.FAILED, message, timezone.now()


def fail_if_abandoned(job: ReportJob) -> ReportJob:
    """Fail a job nobody finished in time, so its page never says 'being made' for ever."""
    if job.finished:
        return job
    since = job.started_at or job.created_at
    if timezone.now() - since < ABANDONED_AFTER:
        return job
    with translation.override(job.language):
        message = _("The report was not finished within {minutes} minutes: its worker stopped, "
                    "or none is running. Ask for the report again; if this happens again, tell "
                    "your platform administrator.").format(
                        minutes=int(ABANDONED_AFTER.total_seconds() // 60))
    ReportJob.objects.filter(pk=job.pk, status=job.status).update(
        status=ReportJob.Status.FAILED, error=message, finished_at=timezone.now())
    job.refresh_from_db()
    return job


def stored_file(job: ReportJob) -> Path | None:
    """The job's file on disk, or None when it has none (any more)."""
    if job.status != ReportJob.Status.SUCCEEDED or not job.file:
        return None
    path = report_dir() / job.file
    return path if path.is_file() else None
