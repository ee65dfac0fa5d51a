"""Following a report link as a browser does: the link, the job page, the download.

In the ``db`` fixture's transaction no worker ever starts (the job is queued on commit, and the
test never commits), so the helper makes the report with the worker's own function.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import reverse

from openeip.web.reports.models import ReportJob
from openeip.web.reports.services.runner import run_report_job

JOB_PAGE = "/reports/jobs/"


def job_of(response: Any) -> ReportJob:
    """The job a report link's redirect leads to."""
    assert response.status_code == 302, response.status_code
    location = response["Location"]
    assert location.startswith(JOB_PAGE), location
    return ReportJob.objects.get(pk=location[len(JOB_PAGE):].split("/")[0])


def fetch_report(client: Any, url: str, **extra: Any) -> Any:
    """The file a report link ends in; any other answer of the link (400, 404, login) as is."""
    response = client.get(url, **extra)
    if response.status_code != 302 or not response["Location"].startswith(JOB_PAGE):
        return response
    job = run_report_job(job_of(response).pk)
    assert job.status == ReportJob.Status.SUCCEEDED, job.error
    download = client.get(reverse("reports:job-file", args=[job.pk]))
    # read as a plain response: .content, the status and the headers
    return HttpResponse(b"".join(download.streaming_content), status=download.status_code,
                        headers=dict(download.headers))
