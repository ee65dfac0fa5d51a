"""The front page: what OpenEIP is and, once logged in, where this user can go."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from openeip.web.registry.models import Company, Park

SHORTLIST = 10


def home(request: HttpRequest) -> HttpResponse:
    context = {}
    if request.user.is_authenticated:
        parks = Park.objects.for_user(request.user).order_by("name_en")
        companies = Company.objects.for_user(request.user).select_related("park")
        context = {
            "parks": parks[:SHORTLIST],
            "park_count": parks.count(),
            "companies": companies[:SHORTLIST],
            "company_count": companies.count(),
        }
    return render(request, "registry/home.html", context)
