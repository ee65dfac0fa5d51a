"""The project, company and park a request may touch, decided by the query sets alone."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from openeip.web.finance.models import FinanceProject
from openeip.web.registry.models import Company, Park


def visible_project(request: HttpRequest, pk: int, action: str = "view") -> FinanceProject:
    return get_object_or_404(FinanceProject.objects.for_user(request.user, action)
                             .select_related("company__park"), pk=pk)


def visible_company(request: HttpRequest, pk: int, action: str = "view") -> Company:
    return get_object_or_404(Company.objects.for_user(request.user, action)
                             .select_related("park"), pk=pk)


def managed_park(request: HttpRequest, slug: str) -> Park:
    return get_object_or_404(Park.objects.for_user(request.user), slug=slug)
