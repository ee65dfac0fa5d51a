"""Template context for every page: the consultant's client switcher."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

#: pages about one company (or the portfolio) carry the switcher; elsewhere only a link to
#: the portfolio, so no client's name is written on pages that hold no company data
SWITCH_ON = ("/companies/", "/clients/")


def client_switch(request: HttpRequest) -> dict[str, Any]:
    """{'has_clients': whether the user holds a grant in force, and on company pages
    'client_switch': the companies of those grants and 'client_current': the page's company}."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from openeip.web.registry.services.portfolio import switchable

    companies = switchable(user)
    if not companies:
        return {}
    if not request.path.startswith(SWITCH_ON):
        return {"has_clients": True}
    match = getattr(request, "resolver_match", None)
    current = match.kwargs.get("pk") if match is not None and request.path.startswith(
        "/companies/") else None
    return {"has_clients": True, "client_switch": companies, "client_current": current}
