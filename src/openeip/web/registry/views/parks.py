"""The public park directory and each park's dashboard for its managers."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from openeip.web.base.labels import current_language
from openeip.web.registry.lookups import visible_park
from openeip.web.registry.models import Company, CompanyPeriodTotal, Park, ParkPeriodTotal
from openeip.web.registry.views import _dashboard
from openeip.web.registry.views._htmx import render_page_or_region

PARKS_PER_PAGE = 100
# Keys carry the park's data version, so this only bounds how long unused entries linger.
TOTALS_CACHE_SECONDS = 3600
TENANTS_PER_PAGE = 50


def park_list(request: HttpRequest) -> HttpResponse:
    """Every park with its public facts; the tenants' data stays behind the dashboard."""
    by_name = "name_vi" if current_language() == "vi" else "name_en"
    parks = Park.objects.annotate(tenants=Count("companies")).order_by(by_name, "slug")
    page = Paginator(parks, PARKS_PER_PAGE).get_page(request.GET.get("page"))
    # The set of parks whose dashboard this user may open, asked once rather than per row.
    managed = set(Park.objects.for_user(request.user).values_list("pk", flat=True))
    return render(request, "registry/park_list.html", {"page": page, "managed": managed})


@login_required
def park_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    park = visible_park(request, slug)
    # A correlated subquery, not a join: the paginator's count() drops it, and it runs only for
    # the tenants on the page shown.
    rows_reported = (CompanyPeriodTotal.objects.filter(company=OuterRef("pk")).order_by()
                     .values("company").annotate(rows=Sum("rows")).values("rows"))
    tenants = (Company.objects.for_user(request.user).filter(park=park)
               .annotate(rows_reported=Subquery(rows_reported))
               .order_by("name_en", "code"))
    page = Paginator(tenants, TENANTS_PER_PAGE).get_page(request.GET.get("page"))
    tenant_count = page.paginator.count

    context = {"park": park, "page": page, "tenant_count": tenant_count,
               **_park_totals(park, request.GET.get("year"), tenant_count)}
    return render_page_or_region(
        request, "registry/park_dashboard.html",
        {"park-totals": "registry/partials/park_totals.html",
         "park-tenants": "registry/partials/park_tenants.html"},
        context)


def _park_totals(park: Park, requested_year: str | None, tenant_count: int) -> dict[str, Any]:
    """Charts, totals and completeness of one year, cached until the park's data changes."""
    language = current_language()
    key = "park-totals:{}:{}:{}:{}:{}".format(park.pk, park.data_version, requested_year or "",
                                              tenant_count, language)
    cached = cache.get(key)
    if cached is not None:
        return dict(cached)
    years = list(ParkPeriodTotal.objects.filter(park=park).order_by("-period__year")
                 .values_list("period__year", flat=True).distinct())
    year = _chosen_year(requested_year, years)
    totals = list(ParkPeriodTotal.objects.filter(park=park, period__year=year)
                  .values("period__month", "direction", "kind", "base_unit", "total",
                          "companies"))
    reporting = list(CompanyPeriodTotal.objects.filter(park=park, period__year=year)
                     .order_by().values("period__month")
                     .annotate(companies=Count("company_id", distinct=True)))
    charts = _dashboard.monthly_charts(year, totals) if year else []
    derived = {
        "years": years,
        "year": year,
        "charts": charts,
        "chart_configs": [(c.dom_id + "-config", c.chartjs(language)) for c in charts],
        "year_totals": _dashboard.year_totals(totals),
        "completeness": _dashboard.completeness(year, reporting, tenant_count) if year else [],
    }
    cache.set(key, derived, timeout=TOTALS_CACHE_SECONDS)
    return derived


def _chosen_year(requested: str | None, years: list[int]) -> int:
    """The year asked for if the park has data for it, else the latest year with data."""
    if requested and requested.isdigit() and int(requested) in years:
        return int(requested)
    return years[0] if years else 0
