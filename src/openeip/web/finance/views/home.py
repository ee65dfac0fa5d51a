"""The finance home: the projects the user may see (a lender officer: those shared with their
lender), with their stage and appraisal deadline; and a park's dashboard."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from openeip.web.finance.models import FinanceProject, LenderOfficer
from openeip.web.finance.services.dashboard import park_summary
from openeip.web.finance.services.workflow import deadline_days_left
from openeip.web.finance.views._access import managed_park


@login_required
def home(request: HttpRequest) -> HttpResponse:
    projects = list(FinanceProject.objects.for_user(request.user)
                    .select_related("company__park").order_by("company__park", "company", "pk"))
    return render(request, "finance/home.html", {
        "rows": [(p, days, -days if days is not None else None)
                 for p, days in ((p, deadline_days_left(p)) for p in projects)],
        "officer": LenderOfficer.objects.filter(user_id=request.user.pk or 0)
        .select_related("institution").first()})


@login_required
def park_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    park = managed_park(request, slug)
    return render(request, "finance/park.html", {"park": park, "summary": park_summary(park)})
