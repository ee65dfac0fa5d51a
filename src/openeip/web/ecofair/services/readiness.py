"""Label readiness of a company from its RECP data (core.ecofair.readiness)."""

from __future__ import annotations

from typing import Any

from openeip.core import recp
from openeip.core.ecofair.readiness import CriterionResult, readiness, recorded_indicators
from openeip.web.recp.services.data import company_flows, company_products, latest_year
from openeip.web.registry.models import Company


def company_readiness(company: Company, label: str, product_group: str
                      ) -> dict[str, Any]:
    """{year, recorded, results}: the criteria of the label for the latest year with data."""
    year = latest_year(company)
    recorded: frozenset[str] = frozenset()
    if year is not None:
        table = recp.company_indicators(company_flows(company), company_products(company))
        recorded = recorded_indicators(table, year)
    results: list[CriterionResult] = readiness(label, product_group, recorded)
    return {"year": year, "recorded": sorted(recorded), "results": results}
