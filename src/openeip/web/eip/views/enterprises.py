"""The eco-enterprise check of a park's firms (Decree 35/2022 Art. 37(2)), for its managers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from openeip.web.base.labels import current_language
from openeip.web.eip.services.enterprise import enterprise_checks, enterprise_lines
from openeip.web.eip.services.reporting import reporting_year
from openeip.web.eip.views._access import visible_park
from openeip.web.eip.views.present import STATUS_LABELS, VERIFICATION_LABELS
from openeip.web.registry.models import Company


@login_required
def enterprises(request: HttpRequest, slug: str) -> HttpResponse:
    park = visible_park(request, slug)
    asked = request.GET.get("year", "")
    # the default is the park's reporting year (coverage thresholds), as on the overview
    year = int(asked) if asked.isdigit() and 1990 <= int(asked) <= 2100 else (
        reporting_year(park).year)
    language = current_language()
    employees = dict(Company.objects.for_user(request.user).filter(park=park)
                     .values_list("code", "employees"))
    lines = enterprise_lines(enterprise_checks(park, year, language), employees, language)
    headers = [{"label": item.label, "required": item.required,
                "verification": item.verification.value,
                "verification_label": VERIFICATION_LABELS[item.verification.value]}
               for item in lines[0].items] if lines else []
    rows = [{"line": line, "status": line.status.value,
             "status_label": STATUS_LABELS[line.status],
             "items": [{"status": item.status.value, "status_label": STATUS_LABELS[item.status],
                        "detail": item.detail} for item in line.items]} for line in lines]
    return render(request, "eip/enterprises.html", {
        "park": park, "year": year, "lines": lines, "rows": rows, "headers": headers,
        "met": sum(1 for line in lines if line.status.value == "met")})
