"""The RECP report link: ``/companies/<pk>/recp/report.pdf?lang=vi`` (or ``en``).

The link asks for the report (a background job,
:mod:`openeip.web.reports.services.jobs`) and sends the
browser to the job's page, which shows the progress and then the download. Access is decided by
``Company.objects.for_user`` alone: a user who may not see the company gets 404, whether it
exists or not; an anonymous visitor is sent to the login page.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openeip.core.i18n import LANGUAGES
from openeip.web.recp.reports.report import ReportError, chosen_assessment
from openeip.web.registry.models import Company
from openeip.web.reports.models import ReportJob
from openeip.web.reports.services.jobs import start_report


@login_required
def company_recp_report(request: HttpRequest, pk: int) -> HttpResponse:
    company = get_object_or_404(Company.objects.for_user(request.user).select_related("park"),
                                pk=pk)
    language = request.GET.get("lang") or (get_language() or "en").split("-")[0]
    if language not in LANGUAGES:
        return HttpResponseBadRequest(_("Unknown report language '{code}'; use vi or en.")
                                      .format(code=language))
    assessment_id = request.GET.get("assessment") or None
    try:
        with translation.override(language):
            chosen_assessment(company, request.user, assessment_id)  # refused now, not later
    except ReportError as error:
        return HttpResponseBadRequest(str(error))
    job = start_report(request.user, ReportJob.Kind.RECP_PDF, park=company.park,
                       company=company, params={"assessment": assessment_id},
                       language=language)
    return redirect(job)
