"""A company's stored flows and products as core domain objects, through the registry adapters."""

from __future__ import annotations

from typing import Any

from openeip.core import domain
from openeip.web.recp.services.periods import flows_in
from openeip.web.registry import adapters
from openeip.web.registry.models import Company, Product, ReportingPeriod, ResourceFlow

__all__ = ["company_flows", "company_products", "latest_year"]


def _rows(model: Any, company: Company, period: ReportingPeriod | domain.ReportingPeriod | None
          ) -> Any:
    rows = model.objects.filter(company=company).select_related("period").order_by(
        "period__year", "period__month", "pk")
    return rows if period is None else flows_in(rows, period)


def company_flows(company: Company, period: ReportingPeriod | domain.ReportingPeriod | None = None
                  ) -> list[domain.ResourceFlow]:
    """The company's flows (all, or those of one month or year) as domain objects."""
    return [adapters.flow_to_domain(row, company.code)
            for row in _rows(ResourceFlow, company, period)]


def company_products(company: Company,
                     period: ReportingPeriod | domain.ReportingPeriod | None = None
                     ) -> list[domain.Product]:
    return [adapters.product_to_domain(row, company.code)
            for row in _rows(Product, company, period)]


def latest_year(company: Company) -> int | None:
    """The last year in which the company reported flows."""
    row = (ResourceFlow.objects.filter(company=company).order_by("-period__year")
           .values_list("period__year", flat=True).first())
    return int(row) if row is not None else None
