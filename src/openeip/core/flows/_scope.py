"""What a balance, a loss account or a Sankey diagram looks at: one company's flows and products.

Shared rules:

* everything given belongs to one company (a balance across firms means nothing);
* a flow (or product) is recorded either for a year or for its months, never both, because
  adding both would count the same tonnes twice;
* products are the company's product records plus its ``product`` flows; a ``product`` flow
  named like a product record of the same period is that same product and is counted once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from openeip.core.catalogues import fates_with_role
from openeip.core.domain import Direction, FlowKind, Product, ReportingPeriod, ResourceFlow
from openeip.core.errors import DomainError
from openeip.core.i18n import gettext as _
from openeip.core.units import Quantity, to_base

#: fates that send an output to disposal: a by-product with one of them is a waste in all but
#: name (role ``disposed`` in data/fates.csv)
DISPOSAL_FATES = fates_with_role("disposed")


@lru_cache(maxsize=256)
def base_of(unit: Any) -> tuple[float, str]:
    """(base units per one ``unit``, base unit): cached, as pint is slow to ask every time."""
    return to_base(Quantity(1.0, unit))


@dataclass(frozen=True, slots=True)
class ProductOutput:
    """A product leaving the company (or a unit operation), in the base unit of its dimension."""

    name: str
    period: ReportingPeriod
    base_quantity: float
    base_unit: str
    unit_operation: str = ""


def company_of(flows: Sequence[ResourceFlow], products: Sequence[Product]) -> str:
    """The one company the flows and products belong to ('' when there are none)."""
    codes = {flow.company_code for flow in flows} | {product.company_code for product in products}
    if len(codes) > 1:
        raise DomainError(
            _("The flows and products belong to several companies ({codes}); give one company's "
              "data at a time.").format(codes=", ".join(sorted(codes))),
            "company_code",
        )
    return next(iter(codes), "")


def check_periods(flows: Iterable[ResourceFlow], products: Iterable[Product]) -> None:
    """Refuse a flow or product recorded both for a year and for a month of that year."""
    seen: dict[tuple[object, ...], set[int | None]] = {}
    names: dict[tuple[object, ...], str] = {}
    key: tuple[object, ...]
    for flow in flows:
        key = ("flow", flow.direction, flow.kind, flow.description, flow.period.year)
        seen.setdefault(key, set()).add(flow.period.month)
        names[key] = flow.description
    for product in products:
        key = ("product", product.name, product.period.year)
        seen.setdefault(key, set()).add(product.period.month)
        names[key] = product.name
    for key, months in seen.items():
        if None in months and len(months) > 1:
            raise DomainError(
                _("'{name}' is recorded both for the year {year} and for months of it; keep "
                  "either the year's record or the monthly ones, so it is not counted twice.")
                .format(name=names[key], year=key[-1]),
                "period",
            )


def unit_operations(flows: Iterable[ResourceFlow]) -> tuple[str, ...]:
    """The unit operations the flows name, sorted."""
    return tuple(sorted({flow.unit_operation for flow in flows if flow.unit_operation}))


def in_operation(flows: Iterable[ResourceFlow], unit_operation: str) -> list[ResourceFlow]:
    """The flows that enter or leave ``unit_operation`` (spacing as the domain normalises it)."""
    wanted = " ".join(unit_operation.split())
    return [flow for flow in flows if flow.unit_operation == wanted]


def product_outputs(flows: Iterable[ResourceFlow],
                    products: Iterable[Product]) -> list[ProductOutput]:
    """Product records, then the ``product`` flows that are not the same product again.

    A record and a ``product`` flow of the same name and period are one product: the record's
    quantity counts, and the flow tells at which unit operation it leaves.
    """
    product_flows = [flow for flow in flows
                     if flow.kind is FlowKind.PRODUCT and flow.direction is Direction.OUTPUT]
    operations = {(flow.description, flow.period): flow.unit_operation for flow in product_flows}
    outputs = []
    for product in products:
        factor, base_unit = base_of(product.quantity.units)
        base_quantity = float(product.quantity.magnitude) * factor
        outputs.append(ProductOutput(product.name, product.period, base_quantity, base_unit,
                                     operations.pop((product.name, product.period), "")))
    for flow in product_flows:
        if (flow.description, flow.period) in operations:
            outputs.append(ProductOutput(flow.description, flow.period, flow.base_quantity,
                                         flow.base_unit, flow.unit_operation))
    return outputs
