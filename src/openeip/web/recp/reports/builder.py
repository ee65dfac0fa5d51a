"""The RECP report as a report job: registered with
:mod:`openeip.web.reports.services.builders` from
:meth:`openeip.web.recp.apps.RecpConfig.ready`."""

from __future__ import annotations

from typing import Any

from openeip.web.recp.models import Assessment, AssessmentOption, CompanyPrice
from openeip.web.registry.models import ResourceFlow
from openeip.web.reports.models import ReportJob
from openeip.web.reports.services.builders import Made, register
from openeip.web.reports.services.jobs import latest


def _recp(job: ReportJob) -> Made:
    # imported when a report is made: its charts load matplotlib (half a second), which no
    # command or page that makes no report should wait for
    from openeip.web.recp.reports.report import recp_report_pdf, report_filename

    assert job.company is not None
    content = recp_report_pdf(job.company, job.language, user=job.user,
                              assessment_id=job.params.get("assessment"))
    return content, report_filename(job.company, job.language)


def _stamp(park: Any, company: Any) -> list[str]:
    """What the report reads: the company's flows, assessments, options and prices."""
    return [latest(ResourceFlow.objects.filter(company=company)),
            latest(Assessment.objects.filter(company=company)),
            latest(AssessmentOption.objects.filter(assessment__company=company)),
            latest(CompanyPrice.objects.filter(company=company))]


def register_builders() -> None:
    register(ReportJob.Kind.RECP_PDF, _recp, _stamp)
