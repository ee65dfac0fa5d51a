"""Starting imports: the one entry point the upload page and the API share.

Permission (:mod:`openeip.web.intake.services.scope`) is checked here before anything is
stored; small files are imported during the request, large ones by a background worker
(:mod:`openeip.web.intake.tasks`) while the page shows progress.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import get_language

from openeip.core.errors import IntakeError
from openeip.web.intake import tasks
from openeip.web.intake.models import ImportJob
from openeip.web.intake.services import progress, uploads
from openeip.web.intake.services.runner import mark_failed, run_job
from openeip.web.intake.services.scope import ImportRefused, import_scope, importable_parks
from openeip.web.registry.models import Park

__all__ = ["ImportRefused", "import_scope", "importable_parks", "job_progress", "start_import"]


def start_import(park: Park, user: Any, filename: str, content: bytes, via: str = "web",
                 accept_suggested_fuels: bool = False) -> ImportJob:
    """Record an import of ``content`` into ``park`` and run it inline or in the background.

    Raises :class:`ImportRefused` (and stores nothing) when ``user`` may import nothing into
    ``park``. Otherwise returns the job: finished when the file was small enough to import inline
    (``settings.INLINE_IMPORT_MAX_ROWS``) or unreadable, pending when a worker will run it.
    ``accept_suggested_fuels``: the user confirmed the fuel codes the descriptions suggest.
    """
    import_scope(user, park)
    job = ImportJob(park=park, user=user, via=via, filename=filename, content=content,
                    language=get_language() or settings.LANGUAGE_CODE,
                    accept_suggested_fuels=accept_suggested_fuels)
    try:
        job.rows = uploads.count(content, filename)
    except IntakeError as error:
        mark_failed(job, error.problems)
        job.save()
        return job
    job.background = job.rows > settings.INLINE_IMPORT_MAX_ROWS
    job.save()
    if job.background:
        tasks.enqueue(job.pk)
        return job
    return run_job(job.pk)


def job_progress(job: ImportJob) -> tuple[int, int] | None:
    """(rows written, rows to write) of a job, or None while that is not yet known."""
    if job.status == ImportJob.Status.SUCCEEDED:
        return (job.rows, job.rows)
    if job.status == ImportJob.Status.RUNNING:
        return progress.read(job.pk)
    return None
