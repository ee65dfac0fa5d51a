"""The opportunity a request may touch, decided by the access rules alone; the park and the
company come from :mod:`openeip.web.registry.lookups`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from openeip.web.base.access import may
from openeip.web.registry.lookups import visible_company, visible_park
from openeip.web.symbiosis.models import Opportunity
from openeip.web.symbiosis.services.presenting import with_sides


def visible_opportunity(request: HttpRequest, pk: int, action: str = "view") -> Opportunity:
    return get_object_or_404(with_sides(Opportunity.objects.for_user(request.user, action)),
                             pk=pk)


def may_change_opportunity(request: HttpRequest, opportunity: Any) -> bool:
    return may(request.user, "change", opportunity)


__all__ = ["may_change_opportunity", "visible_company", "visible_opportunity", "visible_park"]
