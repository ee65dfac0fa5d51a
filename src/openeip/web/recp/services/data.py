"""A company's stored flows and products as core domain objects, through the registry adapters."""

from __future__ import annotations

import logging
from typing import Any

from openeip.core import domain
from openeip.core.errors import DomainError, UnitError
from openeip.web.recp.services.periods import flows_in
from openeip.web.registry import adapters
from openeip.web.registry.models import Company, Product, ReportingPeriod, ResourceFlow

__all__ = ["company_flows", "company_products", "latest_year"]

logger = logging.getLogger(__name__)


def _rows(model: Any, company: Company, period: ReportingPeriod | domain.ReportingPeriod | None
          ) -> Any:
    rows = model.objects.filter(company=company).select_related("period").order_by(
        "period__year", "period__month", "pk")
    return rows if period is None else flows_in(rows, period)


def _usable(rows: Any, convert: Any, code: str) -> list[Any]:
    """Rows as domain objects, leaving out (and logging) any that holds a value core refuses,
    such as Infinity stored before the checks existed: it stays listed, correctable and deletable
    in the API and admin, but never breaks a sum, a chart or a page."""
    usable = []
    for row in rows:
        try:
            usable.append(convert(row, code))
        except (DomainError, UnitError) as error:
            logger.warning("%s %s of company %s left out: %s", type(row).__name__, row.pk, code,
                           error)
    return usable


def company_flows(company: Company, period: ReportingPeriod | domain.ReportingPeriod | None = None
                  ) -> list[domain.ResourceFlow]:
    """The company's flows (all, or those of one month or year) as domain objects."""
    return _usable(_rows(ResourceFlow, company, period), adapters.flow_to_domain, company.code)


def company_products(company: Company,
                     period: ReportingPeriod | domain.ReportingPeriod | None = None
                     ) -> list[domain.Product]:
    return _usable(_rows(Product, company, period), adapters.product_to_domain, company.code)


def latest_year(company: Company) -> int | None:
    """The last year in which the company reported flows."""
    row = (ResourceFlow.objects.filter(company=company).order_by("-period__year")
           .values_list("period__year", flat=True).first())
    return int(row) if row is not None else None
