"""A planned company's monthly products and resource flows."""

from __future__ import annotations

import math
import random
from decimal import Decimal

from openeip.core.domain import FlowKind, Product, ReportingPeriod, ResourceFlow
from openeip.core.synthetic._plan import CompanyPlan, PlannedFlow
from openeip.core.units import quantity

__all__ = ["company_rows", "periods"]

#: fates that cost the company money (the others earn, or cost nothing)
_PAID_FATES = frozenset({"landfill", "incineration", "treatment"})
#: yearly growth of output and of prices
_GROWTH = 0.03
_INFLATION = 0.03


def periods(start: ReportingPeriod, months: int) -> list[ReportingPeriod]:
    """``months`` consecutive months from ``start``."""
    first = start.year * 12 + (start.month or 1) - 1
    return [ReportingPeriod(index // 12, index % 12 + 1) for index in range(first, first + months)]


def _significant(value: float, digits: int = 4) -> float:
    """``value`` rounded to ``digits`` significant digits, as a person would write it down."""
    if value == 0:
        return 0.0
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def _vnd(value: float) -> Decimal:
    """Money rounded to the thousand dong, as invoices are."""
    return Decimal(round(value, -3)).quantize(Decimal(1))


def _flow(plan: CompanyPlan, planned: PlannedFlow, period: ReportingPeriod, output: float,
          prices: float, rng: random.Random) -> ResourceFlow:
    profile = planned.profile
    amount = _significant(output * planned.intensity * rng.gauss(1, 0.03))
    paid = profile.price_vnd is not None and (
        not profile.fates or planned.fate in _PAID_FATES)
    return ResourceFlow(
        company_code=plan.company.code,
        period=period,
        direction=profile.direction,
        kind=profile.kind,
        description=profile.description,
        quantity=quantity(amount, profile.unit),
        classification_code=profile.classification_code,
        hazardous=profile.hazardous,
        cost_vnd=_vnd(amount * (profile.price_vnd or 0) * prices) if paid else None,
        fate=planned.fate,
        source=profile.supply,
    )


def company_rows(plan: CompanyPlan, months: list[ReportingPeriod], rng: random.Random
                 ) -> tuple[list[Product], list[ResourceFlow]]:
    """Products and flows of every month the company reported, in period order."""
    products: list[Product] = []
    flows: list[ResourceFlow] = []
    product = plan.sector.product
    counted = product.unit == "piece"
    for index, period in enumerate(months):
        if index not in plan.reported:
            continue
        years = index / 12
        season = plan.sector.seasonality[(period.month or 1) - 1]
        output = plan.output * season * (1 + _GROWTH * years) * max(0.5, rng.gauss(1, 0.04))
        output = float(round(output)) if counted else _significant(output)
        prices = 1 + _INFLATION * years
        products.append(Product(
            company_code=plan.company.code, period=period, name=product.name,
            quantity=quantity(output, product.unit),
            sales_value_vnd=_vnd(output * plan.price_vnd * prices),
        ))
        metered_out = index in plan.meter_gaps
        for planned in plan.flows:
            if metered_out and planned.profile.kind in (FlowKind.WATER, FlowKind.WASTEWATER):
                continue
            flows.append(_flow(plan, planned, period, output, prices, rng))
    return products, flows
