"""The report download: ``/companies/<pk>/recp/report.pdf?lang=vi`` (or ``en``).

Access is decided by ``Company.objects.for_user`` alone: a user who may not see the company
gets 404, whether it exists or not; an anonymous visitor is sent to the login page.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openeip.core.i18n import LANGUAGES
from openeip.web.registry.models import Company
from openeip.web.reports.recp_report import ReportError, recp_report_pdf, report_filename


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
        pdf = recp_report_pdf(company, language, user=request.user,
                              assessment_id=assessment_id)
    except ReportError as error:
        return HttpResponseBadRequest(str(error))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="{}"'.format(
        report_filename(company, language))
    return response
