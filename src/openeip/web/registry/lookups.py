"""The park and the company a request names, found through the access rules alone: every app's
pages ask here (404 whether the row is hidden or does not exist)."""

from __future__ import annotations

from django.http import HttpRequest

from openeip.web.base.access import visible_or_404
from openeip.web.registry.models import Company, Park


def visible_company(request: HttpRequest, pk: int, action: str = "view") -> Company:
    """The company if this user may ``action`` it (with its park loaded)."""
    company: Company = visible_or_404(Company.objects.select_related("park"), request.user,
                                      action, pk=pk)
    return company


def visible_park(request: HttpRequest, slug: str, action: str = "view") -> Park:
    """The park if this user may ``action`` its aggregate data (its managers, admins)."""
    park: Park = visible_or_404(Park, request.user, action, slug=slug)
    return park
