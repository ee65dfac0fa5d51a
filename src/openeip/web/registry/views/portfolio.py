"""A consultant's clients together, and the switch from one client to another in place."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from openeip.web.registry.models import Company
from openeip.web.registry.models.tenancy import EXPIRY_WARNING_DAYS
from openeip.web.registry.services import portfolio


@login_required
def portfolio_page(request: HttpRequest) -> HttpResponse:
    return render(request, "registry/portfolio.html", {
        "clients": portfolio.figures(request.user),
        "elsewhere": portfolio.not_in_force_counts(request.user),
        "warning_days": EXPIRY_WARNING_DAYS,
        "key_figures": portfolio.KEY_FIGURES,
    })


@login_required
def client_switch(request: HttpRequest) -> HttpResponse:
    """GET ?company=<id>&next=<path>: the same section of ``next`` for that company, if the
    user may see it; else back where they were."""
    here = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(here, allowed_hosts={request.get_host()}) or (
            not here.startswith("/")):
        here = "/"
    asked = request.GET.get("company", "")
    if not asked.isdigit() or not Company.objects.for_user(request.user).filter(
            pk=int(asked)).exists():
        return redirect(here)
    return redirect(portfolio.switch_target(here, int(asked)))
