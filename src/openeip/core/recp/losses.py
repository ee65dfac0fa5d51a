r"""The cost of losses, material flow cost accounting style (after ISO 14051), as hotspots.

Each period of the flows given is accounted on its own, then the losses are added up per
resource (one flow description) and ranked by cost. In a period :math:`p`:

.. math::

    f_m = \min\!\Big(1, \max\!\Big(0, \frac{M_{in} - M_{prod} - M_{bp}}{M_{in}}\Big)\Big)
    \qquad
    f_w = \min\!\Big(1, \max\!\Big(0, \frac{W_{in} - W_{prod}}{W_{in}}\Big)\Big)

    L_i = f_m \, c_i \ \text{(materials, energy, heat)} \qquad L_i = f_w \, c_i \ \text{(water)}

    D_o = c_o \ \text{or} \ \pi_o \, q_o \qquad C = \sum_i L_i + \sum_o D_o
    \qquad share_h = 100 \, C_h / C

==========  ==============================================================  ===========
symbol      meaning                                                         unit
==========  ==============================================================  ===========
M_in        material inputs given as a mass                                 t
M_prod      products given as a mass (records and ``product`` flows)        t
M_bp        by-products as a mass, except those sent to disposal            t
f_m         share of the material inputs lost (not in a product or          —
            by-product): the MFCA material-loss share
W_in        water inputs                                                    m³
W_prod      water leaving in products (``water_in_products``; 0 if not       m³
            given, so all water bought counts as lost)
f_w         share of the water lost                                         —
c_i         what input i cost (``cost_vnd``, else the price lookup × q)     VND
L_i         purchase value of what was lost of input i                      VND
c_o, π_o    what disposing of output o cost (``cost_vnd``), else its fee    VND, VND
            per base unit from the price lookup, times its quantity q_o
D_o         treatment and disposal cost of a waste, wastewater, air          VND
            emission or by-product sent to disposal
C_h         cost of the losses of hotspot h (:math:`L` or :math:`D`)        VND
==========  ==============================================================  ===========

Assumptions, as MFCA makes them: every material input is lost in the same share :math:`f_m`
(no input-by-input tracking), and the cost of energy follows the material: the energy bought is
shared between products and losses in proportion to mass (ISO 14051's usual allocation key).
A period with material inputs but no product given as a mass cannot be allocated: it is listed
in ``gaps`` and only its disposal costs count. Outputs kept in use (sold, recycled, reused on
site) carry no disposal cost unless one is recorded — and for a sold output the recorded amount
is revenue, so it carries none. A loss whose cost is neither recorded nor found by the lookup is
kept, with its quantity in ``unpriced_base``; it is never priced at zero silently.

Each hotspot carries the codes of the causes that may explain it (the one list of
``recp_causes.csv``, :data:`openeip.core.recp.options.CAUSES`): those of its own resource first,
then of the resource it comes from (a waste from the materials, wastewater from the water,
an air emission from the energy), then the management causes that act on every resource. An
energy loss gets only the energy causes that fit its carrier (``recp_cause_carriers.csv``):
grid electricity is not explained by steam traps, nor coal by lighting.
The hotspots satisfy :class:`openeip.core.recp.options.Hotspot`, so :func:`suggest` takes them.
Figures are for the periods given: give one year's flows for the cost of losses per year.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Any

from openeip.core.catalogues import fates_with_role, fuels, sources_with_role
from openeip.core.catalogues.versioned import read_versioned, verification_of
from openeip.core.domain import Direction, FlowKind, Product, ReportingPeriod, ResourceFlow
from openeip.core.errors import CatalogueError, DomainError
from openeip.core.flows import DISPOSAL_FATES, check_periods, company_of, product_outputs
from openeip.core.i18n import gettext as _
from openeip.core.recp.options import CAUSES
from openeip.core.units import BASE_UNITS, Quantity, dimension_of, to_base

__all__ = ["Allocation", "AllocationGap", "Loss", "LossAccount", "UnitPrice", "cost_of_losses",
           "losses"]

#: VND per base unit of a flow (per t, m³, MWh …), or None when unknown
UnitPrice = Callable[[ResourceFlow], Decimal | float | None]

# The resource a lost flow counts as, and the resources whose causes may also explain it.
_RESOURCES: dict[FlowKind, tuple[str, ...]] = {
    FlowKind.MATERIAL: ("material",),
    FlowKind.ENERGY: ("energy",),
    FlowKind.HEAT: ("energy",),
    FlowKind.WATER: ("water",),
    FlowKind.WASTE: ("waste", "material"),
    FlowKind.BY_PRODUCT: ("waste", "material"),
    FlowKind.WASTEWATER: ("wastewater", "water"),
    FlowKind.AIR_EMISSION: ("air_emission", "energy"),
}
_GENERAL = "any"  # recp_causes.csv: causes that act on every resource
ELECTRICITY, THERMAL = "electricity", "thermal"


@lru_cache(maxsize=1)
def cause_carriers() -> dict[str, frozenset[str]]:
    """Energy cause code -> the carriers it can explain (``recp_cause_carriers.csv``)."""
    table = read_versioned("openeip.data", "recp_cause_carriers.csv")
    found: dict[str, frozenset[str]] = {}
    for row in table.rows:
        carriers = frozenset(part.strip() for part in row["carriers"].split(";"))
        if row["code"] not in CAUSES or not carriers <= {ELECTRICITY, THERMAL}:
            raise CatalogueError("recp_cause_carriers.csv {}: unknown cause or carrier".format(
                row["code"]))
        verification_of(row["verification"], "recp_cause_carriers.csv", row["code"])
        found[row["code"]] = carriers
    return found


def carrier_of(flow: ResourceFlow) -> str:
    """'electricity', 'thermal' (a fuel, bought heat or steam) or '' when the flow does not say."""
    if flow.kind is FlowKind.HEAT or flow.classification_code in fuels():
        return THERMAL
    if flow.kind is FlowKind.ENERGY and (flow.classification_code == "electricity" or (
            not flow.classification_code and flow.source in sources_with_role("grid"))):
        return ELECTRICITY
    return ""
_ALLOCATED = (FlowKind.MATERIAL, FlowKind.ENERGY, FlowKind.HEAT)
_DISPOSED = (FlowKind.WASTE, FlowKind.WASTEWATER, FlowKind.AIR_EMISSION, FlowKind.BY_PRODUCT)
#: fates of outputs that stay in use: no disposal cost unless one is recorded (data/fates.csv)
_KEPT_IN_USE = fates_with_role("recovered", "sold")
#: the base unit of mass, in which material balances are kept (one conversion, at the flow)
_T = BASE_UNITS["mass"]
_SOLD = fates_with_role("sold")


class AllocationGap(StrEnum):
    NONE = ""
    NO_PRODUCTS = "no_products"  # material inputs, but no product in the period
    PRODUCTS_NOT_MASS = "products_not_mass"  # products only counted, in volume, area…
    NO_MATERIAL_MASS = "no_material_mass"  # no material input given as a mass


@dataclass(frozen=True, slots=True)
class Allocation:
    """The loss shares of one period, or why the materials could not be allocated."""

    period: ReportingPeriod
    material_share: float | None  # f_m
    water_share: float | None  # f_w
    gap: AllocationGap = AllocationGap.NONE

    def message(self) -> str:
        if self.gap is AllocationGap.NO_PRODUCTS:
            return _("{period}: no product is recorded, so the materials and energy lost cannot "
                     "be told from those used; record the period's products.").format(
                         period=self.period)
        if self.gap is AllocationGap.PRODUCTS_NOT_MASS:
            return _("{period}: the products are not given as a mass, so the share of materials "
                     "lost cannot be computed; give the products in t or kg.").format(
                         period=self.period)
        if self.gap is AllocationGap.NO_MATERIAL_MASS:
            return _("{period}: no material input is given as a mass, so the share of materials "
                     "lost cannot be computed; give the materials in t or kg.").format(
                         period=self.period)
        return ""


@dataclass(frozen=True, slots=True)
class Loss:
    """One hotspot: what is lost of one resource, what it costs, and what may cause it."""

    key: str  # the flow's description
    kind: FlowKind
    resource: str  # the resource lost, as recp_causes.csv names it
    lost_base: float
    base_unit: str
    purchase_vnd: float
    disposal_vnd: float
    unpriced_base: float  # part of the quantity whose cost is unknown
    causes: tuple[str, ...]
    unit_operations: tuple[str, ...] = ()
    share_percent: float | None = None

    @property
    def cost_vnd(self) -> float:
        """Purchase value lost plus treatment and disposal cost, VND."""
        return self.purchase_vnd + self.disposal_vnd

    @property
    def quantity_lost(self) -> Any:
        return Quantity(self.lost_base, self.base_unit)

    @property
    def priced(self) -> bool:
        return self.unpriced_base == 0


@dataclass(frozen=True, slots=True)
class LossAccount:
    company_code: str
    hotspots: tuple[Loss, ...]
    allocations: tuple[Allocation, ...]
    total_vnd: float = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "total_vnd", sum(loss.cost_vnd for loss in self.hotspots))

    def gaps(self) -> tuple[Allocation, ...]:
        return tuple(a for a in self.allocations if a.gap is not AllocationGap.NONE)


def _causes(kind: FlowKind, carrier: str = "") -> tuple[str, ...]:
    """Causes of the resource first, then of the resources it comes from, then the general
    ones; energy causes only where they fit the carrier (electricity or thermal)."""
    resources = _RESOURCES[kind]
    fits = cause_carriers()
    ordered = [code for resource in resources
               for code, cause in CAUSES.items() if cause.resource == resource
               and (not carrier or carrier in fits.get(code, (carrier,)))]
    ordered += [code for code, cause in CAUSES.items() if cause.resource == _GENERAL]
    return tuple(dict.fromkeys(ordered))


@dataclass
class _Line:
    lost: float = 0.0
    purchase_vnd: float = 0.0
    disposal_vnd: float = 0.0
    unpriced: float = 0.0
    operations: set[str] = field(default_factory=set)
    carriers: set[str] = field(default_factory=set)


class _Tally:
    """Losses added up per flow (direction, kind, description, base unit), in the order met."""

    def __init__(self, price: UnitPrice | None) -> None:
        self._price = price
        self.lines: dict[tuple[Direction, FlowKind, str, str], _Line] = {}

    def _cost(self, flow: ResourceFlow, share: float) -> float | None:
        if flow.cost_vnd is not None:
            return share * float(flow.cost_vnd)
        if self._price is None:
            return None
        try:
            unit_price = self._price(flow)
        except DomainError:  # a price book that has no price for the flow
            return None
        return None if unit_price is None else share * float(unit_price) * flow.base_quantity

    def add(self, flow: ResourceFlow, share: float, purchase: bool,
            free_when_unknown: bool = False) -> None:
        line = self.lines.setdefault(
            (flow.direction, flow.kind, flow.description, flow.base_unit), _Line())
        lost = share * flow.base_quantity
        cost = self._cost(flow, share)
        line.lost += lost
        if cost is None and not free_when_unknown:
            line.unpriced += lost
        if purchase:
            line.purchase_vnd += cost or 0.0
        else:
            line.disposal_vnd += cost or 0.0
        if flow.unit_operation:
            line.operations.add(flow.unit_operation)
        line.carriers.add(carrier_of(flow))


def _share(lost: float, total: float) -> float:
    return min(1.0, max(0.0, lost / total))


def _water_in_products(value: Any, period: ReportingPeriod) -> float:
    if value is None:
        return 0.0
    if dimension_of(value.units) != "volume" or value.magnitude < 0:
        raise DomainError(
            _("The water in products of {period} must be a volume of zero or more, such as "
              "m³.").format(period=period),
            "water_in_products",
        )
    return to_base(value)[0]


def cost_of_losses(flows: Sequence[ResourceFlow], products: Sequence[Product] = (),
                   unit_price: UnitPrice | None = None, *,
                   water_in_products: Mapping[ReportingPeriod, Any] | None = None
                   ) -> LossAccount:
    """The cost of losses of one company, with how each period was allocated.

    ``unit_price(flow)`` gives VND per base unit for a flow without ``cost_vnd`` (a price book's
    fee, e.g. ``lambda flow: openeip.core.prices.price_of(flow, book)[0]``); it may return None
    or raise DomainError when it has no price. ``water_in_products`` gives, per period, the
    water that leaves in the products.
    """
    company = company_of(flows, products)
    check_periods(flows, products)
    made_by_period: dict[ReportingPeriod, list[tuple[str, float]]] = {}
    for made in product_outputs(flows, products):
        made_by_period.setdefault(made.period, []).append((made.base_unit, made.base_quantity))
    flows_by_period: dict[ReportingPeriod, list[ResourceFlow]] = {}
    for flow in flows:
        flows_by_period.setdefault(flow.period, []).append(flow)
    tally = _Tally(unit_price)
    allocations = []
    for period in sorted(set(flows_by_period) | set(made_by_period),
                         key=lambda p: (p.year, p.month or 0)):
        period_flows = flows_by_period.get(period, [])
        allocations.append(_account_period(period, period_flows, made_by_period.get(period, []),
                                           (water_in_products or {}).get(period), tally))
    return LossAccount(company, _ranked(tally), tuple(allocations))


def _account_period(period: ReportingPeriod, flows: list[ResourceFlow],
                    made: list[tuple[str, float]], water_kept: Any, tally: _Tally) -> Allocation:
    inputs = [f for f in flows if f.direction is Direction.INPUT]
    material_in = sum(f.base_quantity for f in inputs
                      if f.kind is FlowKind.MATERIAL and f.base_unit == _T)
    by_products = sum(f.base_quantity for f in flows
                      if f.kind is FlowKind.BY_PRODUCT and f.base_unit == _T
                      and f.fate not in DISPOSAL_FATES)
    products_mass = sum(quantity for unit, quantity in made if unit == _T)
    gap = AllocationGap.NONE
    material_share: float | None = None
    if any(f.kind is FlowKind.MATERIAL for f in inputs):
        if not made:
            gap = AllocationGap.NO_PRODUCTS
        elif not any(unit == _T for unit, _quantity in made):
            gap = AllocationGap.PRODUCTS_NOT_MASS
        elif material_in == 0:
            gap = AllocationGap.NO_MATERIAL_MASS
        else:
            material_share = _share(material_in - products_mass - by_products, material_in)
    water_in = sum(f.base_quantity for f in inputs if f.kind is FlowKind.WATER)
    water_share = (_share(water_in - _water_in_products(water_kept, period), water_in)
                   if water_in > 0 else None)
    for flow in inputs:
        if flow.kind in _ALLOCATED and material_share is not None:
            tally.add(flow, material_share, purchase=True)
        elif flow.kind is FlowKind.WATER and water_share is not None:
            tally.add(flow, water_share, purchase=True)
    for flow in flows:
        if flow.direction is not Direction.OUTPUT or flow.kind not in _DISPOSED:
            continue
        if flow.kind is FlowKind.BY_PRODUCT and flow.fate not in DISPOSAL_FATES:
            continue  # a by-product in use is an output, not a loss
        if flow.fate in _SOLD:
            continue  # its recorded amount is revenue; its material is in the purchase loss
        tally.add(flow, 1.0, purchase=False, free_when_unknown=flow.fate in _KEPT_IN_USE)
    return Allocation(period, material_share, water_share, gap)


def _ranked(tally: _Tally) -> tuple[Loss, ...]:
    found = [
        Loss(description, kind, _RESOURCES[kind][0], line.lost, unit, line.purchase_vnd,
             line.disposal_vnd, line.unpriced,
             _causes(kind, next(iter(line.carriers)) if len(line.carriers) == 1 else ""),
             tuple(sorted(line.operations)))
        for (_direction, kind, description, unit), line in tally.lines.items()
        if line.lost > 0
    ]
    total = sum(loss.cost_vnd for loss in found)
    found.sort(key=lambda loss: (-loss.cost_vnd, -loss.unpriced_base, loss.key))
    return tuple(
        Loss(loss.key, loss.kind, loss.resource, loss.lost_base, loss.base_unit,
             loss.purchase_vnd, loss.disposal_vnd, loss.unpriced_base, loss.causes,
             loss.unit_operations, 100.0 * loss.cost_vnd / total if total > 0 else None)
        for loss in found
    )


def losses(flows: Sequence[ResourceFlow], products: Sequence[Product] = (),
           unit_price: UnitPrice | None = None, *,
           water_in_products: Mapping[ReportingPeriod, Any] | None = None) -> list[Loss]:
    """The hotspots of :func:`cost_of_losses`, costliest first."""
    return list(cost_of_losses(flows, products, unit_price,
                               water_in_products=water_in_products).hotspots)
