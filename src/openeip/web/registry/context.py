"""Template context for every page: the consultant's client switcher and the second-factor
link, from :func:`~openeip.web.registry.account_flags.account_flags` (one query a request)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from openeip.web.registry.account_flags import account_flags

#: pages about one company (or the portfolio) carry the switcher; elsewhere only a link to
#: the portfolio, so no client's name is written on pages that hold no company data
SWITCH_ON = ("/companies/", "/clients/")


def client_switch(request: HttpRequest) -> dict[str, Any]:
    """{'has_clients': whether the user holds a grant in force, and on company pages
    'client_switch': the companies of those grants and 'client_current': the page's company}."""
    if not account_flags(request)["has_clients"]:
        return {}
    if not request.path.startswith(SWITCH_ON):
        return {"has_clients": True}
    from openeip.web.registry.services.portfolio import switchable

    match = getattr(request, "resolver_match", None)
    current = match.kwargs.get("pk") if match is not None and request.path.startswith(
        "/companies/") else None
    return {"has_clients": True, "client_switch": switchable(request.user),
            "client_current": current}


def account_links(request: HttpRequest) -> dict[str, Any]:
    """{'offers_two_factor': True} for a user who may turn on the second factor (admins and
    park managers)."""
    user: Any = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"offers_two_factor": bool(user.is_superuser or user.is_staff
                                      or account_flags(request)["manages_park"])}
