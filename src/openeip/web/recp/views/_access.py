"""The assessment and option a request may touch, decided by the access rules alone (404
otherwise); the company comes from :mod:`openeip.web.registry.lookups`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from openeip.web.base.access import may
from openeip.web.registry.lookups import visible_company
from openeip.web.registry.models import Company

__all__ = ["may_change", "visible_assessment", "visible_company", "visible_option"]


def visible_assessment(request: HttpRequest, company: Company, pk: int,
                       action: str = "view") -> Any:
    """One of ``company``'s assessments if this user may ``action`` it; 404 otherwise."""
    from openeip.web.recp.models import Assessment

    assessments = Assessment.objects.for_user(request.user, action).filter(company=company)
    return get_object_or_404(assessments, pk=pk)


def may_change(request: HttpRequest, company: Company) -> bool:
    """Whether the page offers this user its forms and buttons (the POST views check again)."""
    return may(request.user, "change", company)


def visible_option(request: HttpRequest, assessment: Any, pk: int, action: str = "view") -> Any:
    """One of ``assessment``'s options if this user may ``action`` it; 404 otherwise."""
    from openeip.web.recp.models import AssessmentOption

    options = AssessmentOption.objects.for_user(request.user, action).filter(
        assessment=assessment)
    return get_object_or_404(options.select_related("assessment__company"), pk=pk)
