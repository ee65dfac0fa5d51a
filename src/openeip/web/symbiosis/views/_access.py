"""The park, company and opportunity a request may touch, decided by ``for_user`` alone."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from openeip.web.registry.models import Company, Park
from openeip.web.symbiosis.models import Opportunity
from openeip.web.symbiosis.services.presenting import with_sides


def managed_park(request: HttpRequest, slug: str) -> Park:
    """A park whose aggregate pages this user may see (its managers, admins); 404 otherwise."""
    return get_object_or_404(Park.objects.for_user(request.user), slug=slug)


def visible_company(request: HttpRequest, pk: int, action: str = "view") -> Company:
    return get_object_or_404(Company.objects.for_user(request.user, action)
                             .select_related("park"), pk=pk)


def visible_opportunity(request: HttpRequest, pk: int, action: str = "view") -> Opportunity:
    return get_object_or_404(with_sides(Opportunity.objects.for_user(request.user, action)),
                             pk=pk)


def may_change_opportunity(request: HttpRequest, opportunity: Any) -> bool:
    return bool(Opportunity.objects.for_user(request.user, "change")
                .filter(pk=opportunity.pk).exists())


def may_change_company(request: HttpRequest, company: Company) -> bool:
    return bool(Company.objects.for_user(request.user, "change").filter(pk=company.pk).exists())
