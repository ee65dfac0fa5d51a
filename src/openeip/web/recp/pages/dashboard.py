"""A company's RECP indicator dashboard: the six indicators, their trends, GHG and peers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from openeip.web.recp.pages._access import visible_company


@login_required
def company_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    from openeip.web.recp.services.company import company_recp

    company = visible_company(request, pk)
    recp = company_recp(company, "AR5")
    return render(request, "recp/pages/dashboard.html", {"company": company, "recp": recp,
                                                         "tab": "dashboard"})
