"""The companies a user may see: list, company page with its flows and products, audit trail."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from openeip.web.base.access import can_manage_park
from openeip.web.base.labels import month_label, ownership_label, sector_label
from openeip.web.registry.forms import FlowFilterForm
from openeip.web.registry.lookups import visible_company
from openeip.web.registry.models import (
    AuditEntry,
    Company,
    CompanyPeriodTotal,
    Product,
    ResourceFlow,
)
from openeip.web.registry.views._htmx import render_page_or_region

COMPANIES_PER_PAGE = 50
FLOWS_PER_PAGE = 50
PRODUCTS_PER_PAGE = 25
AUDIT_PER_PAGE = 50


@login_required
def company_list(request: HttpRequest) -> HttpResponse:
    companies = Company.objects.for_user(request.user).select_related("park")
    page = Paginator(companies, COMPANIES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "registry/company_list.html", {"page": page})


@login_required
def company_detail(request: HttpRequest, pk: int) -> HttpResponse:
    company = visible_company(request, pk)
    # The periods this company reported in, from the summary table (one row per period).
    periods = [
        (row.period_id, month_label(row.period.year, row.period.month))
        for row in CompanyPeriodTotal.objects.filter(company=company)
        .select_related("period").order_by("period__year", "period__month")
    ]
    form = FlowFilterForm(request.GET or None, periods)
    flows = (ResourceFlow.objects.for_user(request.user).filter(company=company, **form.filters())
             .select_related("period")
             .order_by("-period__year", "-period__month", "direction", "kind", "description"))
    flow_page = Paginator(flows, FLOWS_PER_PAGE).get_page(request.GET.get("page"))
    products = (Product.objects.for_user(request.user).filter(company=company)
                .select_related("period").order_by("-period__year", "-period__month", "name"))
    product_page = Paginator(products, PRODUCTS_PER_PAGE).get_page(
        request.GET.get("products_page"))
    context = {
        "company": company,
        "sector": sector_label(company.vsic_code, company.vsic_name),
        "ownership": ownership_label(company.ownership) if company.ownership else "",
        "park_dashboard": can_manage_park(request.user, company.park),
        "form": form,
        "flow_page": flow_page,
        "product_page": product_page,
    }
    return render_page_or_region(
        request, "registry/company_detail.html",
        {"flows": "registry/partials/company_flows.html",
         "products": "registry/partials/company_products.html"},
        context)


@login_required
def company_audit(request: HttpRequest, pk: int) -> HttpResponse:
    """Who changed this company's data, when and how; seen by whoever may see the company."""
    company = visible_company(request, pk)
    entries = AuditEntry.objects.filter(company=company).select_related("user")
    page = Paginator(entries, AUDIT_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "registry/company_audit.html", {"company": company, "page": page})
