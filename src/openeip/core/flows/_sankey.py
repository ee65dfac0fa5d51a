"""Nodes and links of a company's flows for a Sankey chart.

Every input flows into the place where it enters — its unit operation when the flow names one,
otherwise the site as a whole — and every output flows out of the place where it leaves; product
records leave the site. A link carries its value in the base unit of its dimension (t, m³, MWh,
tCO2e, piece, ha), added up over the periods given; links of different units are never added,
so a chart draws one unit at a time (:meth:`SankeyData.links_in`) or scales each separately.
Nothing is drawn between unit operations: the data hold no internal streams.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openeip.core.domain import Direction, FlowKind, Product, ResourceFlow
from openeip.core.flows._scope import check_periods, company_of, product_outputs
from openeip.core.i18n import gettext as _
from openeip.core.units import Quantity

__all__ = ["SankeyData", "SankeyLink", "SankeyNode", "sankey"]

SITE = "site"


@dataclass(frozen=True, slots=True)
class SankeyNode:
    id: str
    label: str
    role: str  # 'input', 'site', 'unit_operation' or 'output'
    kind: str = ""  # the flow kind of an input or output node ('product' for products)


@dataclass(frozen=True, slots=True)
class SankeyLink:
    source: str
    target: str
    kind: str
    base_quantity: float
    base_unit: str

    @property
    def quantity(self) -> Any:
        return Quantity(self.base_quantity, self.base_unit)

    def as_dict(self) -> dict[str, Any]:
        """The link as a chart library takes it: plain value and unit."""
        return {"source": self.source, "target": self.target, "kind": self.kind,
                "value": self.base_quantity, "unit": self.base_unit}


@dataclass(frozen=True, slots=True)
class SankeyData:
    company_code: str
    nodes: tuple[SankeyNode, ...]
    links: tuple[SankeyLink, ...]

    def units(self) -> tuple[str, ...]:
        """The base units the links are in, in the order first met."""
        return tuple(dict.fromkeys(link.base_unit for link in self.links))

    def links_in(self, base_unit: str) -> tuple[SankeyLink, ...]:
        return tuple(link for link in self.links if link.base_unit == base_unit)

    def as_dict(self) -> dict[str, Any]:
        return {"company_code": self.company_code,
                "nodes": [{"id": n.id, "label": n.label, "role": n.role, "kind": n.kind}
                          for n in self.nodes],
                "links": [link.as_dict() for link in self.links]}


def _place(unit_operation: str) -> str:
    return "operation:" + unit_operation if unit_operation else SITE


def sankey(flows: Sequence[ResourceFlow], products: Sequence[Product] = ()) -> SankeyData:
    """Sankey nodes and links of one company's flows and products (all periods added up)."""
    company = company_of(flows, products)
    check_periods(flows, products)
    nodes: dict[str, SankeyNode] = {}
    totals: dict[tuple[str, str, str, str], float] = {}

    def place(unit_operation: str) -> str:
        node = _place(unit_operation)
        if node not in nodes:
            nodes[node] = (SankeyNode(node, unit_operation, "unit_operation") if unit_operation
                           else SankeyNode(node, _("Site"), "site"))
        return node

    def link(source: str, target: str, kind: str, base_quantity: float, unit: str) -> None:
        key = (source, target, kind, unit)
        totals[key] = totals.get(key, 0.0) + base_quantity

    for flow in flows:
        if flow.kind is FlowKind.PRODUCT:
            continue  # products are drawn below, once each
        end = "{}:{}:{}".format(flow.direction.value, flow.kind.value, flow.description)
        role = flow.direction.value
        nodes.setdefault(end, SankeyNode(end, flow.description, role, flow.kind.value))
        if flow.direction is Direction.INPUT:
            link(end, place(flow.unit_operation), flow.kind.value, flow.base_quantity,
                 flow.base_unit)
        else:
            link(place(flow.unit_operation), end, flow.kind.value, flow.base_quantity,
                 flow.base_unit)
    for product in product_outputs(flows, products):
        end = "output:product:" + product.name
        nodes.setdefault(end, SankeyNode(end, product.name, "output", "product"))
        link(place(product.unit_operation), end, "product", product.base_quantity,
             product.base_unit)
    links = tuple(SankeyLink(source, target, kind, total, unit)
                  for (source, target, kind, unit), total in totals.items())
    return SankeyData(company, tuple(nodes.values()), links)
