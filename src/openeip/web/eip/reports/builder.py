"""The EIP certification dossier and annual report as report jobs: registered with
:mod:`openeip.web.reports.services.builders` from :meth:`openeip.web.eip.apps.EipConfig.ready`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Max

from openeip.web.base import pdf
from openeip.web.eip.models import Evidence, ParkAssessment, ParkProfile, PlanAction
from openeip.web.eip.services.dossier import build_annual, build_dossier
from openeip.web.reports.models import ReportJob
from openeip.web.reports.services.builders import Made, register
from openeip.web.reports.services.jobs import latest

# The report modules are imported when a report is made: their charts load matplotlib (half a
# second), which no command or page that makes no report should wait for.

def _dossier(job: ReportJob) -> Made:
    from openeip.web.eip.reports.dossier import dossier_filename, dossier_pdf
    from openeip.web.eip.reports.workbook import dossier_xlsx

    as_of = job.params.get("as_of")
    content = build_dossier(job.park, job.params["edition"], job.language, user=job.user,
                            as_of=dt.date.fromisoformat(as_of) if as_of else None,
                            target_year=job.params.get("target_year"),
                            year=job.params.get("year"))
    write = dossier_pdf if job.format == "pdf" else dossier_xlsx
    if job.format == "xlsx":
        pdf.step("writing")
    return write(content, job.language), dossier_filename(content, job.language, job.format)


def _annual(job: ReportJob) -> Made:
    from openeip.web.eip.reports.annual import annual_filename, annual_pdf, annual_xlsx

    content = build_annual(job.park, int(job.params["year"]), job.language, user=job.user)
    write = annual_pdf if job.format == "pdf" else annual_xlsx
    if job.format == "xlsx":
        pdf.step("writing")
    return write(content, job.language), annual_filename(content, job.language, job.format)


def _stamp(park: Any, company: Any) -> list[str]:
    """What the reports read: the park's plan actions, profile, evidence and saved results."""
    return [latest(PlanAction.objects.filter(park=park)),
            latest(ParkProfile.objects.filter(park=park)),
            _evidence_stamp(park)]


def _evidence_stamp(park: Any) -> str:
    evidence = Evidence.objects.filter(park=park).aggregate(last=Max("pk"), count=Count("pk"))
    saved = ParkAssessment.objects.filter(park=park).aggregate(last=Max("pk"))
    return "{last}/{count}/{saved}".format(saved=saved["last"], **evidence)


def register_builders() -> None:
    for kind in (ReportJob.Kind.DOSSIER_PDF, ReportJob.Kind.DOSSIER_XLSX):
        register(kind, _dossier, _stamp)
    for kind in (ReportJob.Kind.ANNUAL_PDF, ReportJob.Kind.ANNUAL_XLSX):
        register(kind, _annual, _stamp)
