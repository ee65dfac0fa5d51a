"""/symbiosis/: where a signed-in user finds the parks and firms whose symbiosis they follow."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from openeip.web.registry.models import Company, Park
from openeip.web.symbiosis.models import Opportunity, Stream
from openeip.web.symbiosis.services.classes import may_promote

#: more companies than this are not listed one by one (an admin of a national platform)
MAX_LISTED = 200


@login_required
def symbiosis_home(request: HttpRequest) -> HttpResponse:
    parks = list(Park.objects.for_user(request.user).order_by("slug")[:MAX_LISTED])
    companies = Company.objects.for_user(request.user).select_related("park")
    total = companies.count()
    listed = list(companies.annotate(
        offers=Count("symbiosis_streams", filter=Q(symbiosis_streams__direction="supply",
                                                   symbiosis_streams__active=True)),
        needs=Count("symbiosis_streams", filter=Q(symbiosis_streams__direction="demand",
                                                  symbiosis_streams__active=True)),
    ).order_by("park__slug", "code")[:MAX_LISTED])
    return render(request, "symbiosis/home.html", {
        "parks": parks, "companies": listed, "company_total": total,
        "more_companies": max(0, total - len(listed)),
        "opportunity_total": Opportunity.objects.for_user(request.user).count(),
        "stream_total": Stream.objects.for_user(request.user).filter(active=True).count(),
        # the curators' page of class corrections, linked for those who may use it
        "curator": may_promote(request.user),
    })
