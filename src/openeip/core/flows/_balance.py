r"""Mass, water and energy balances of a company or of one unit operation, with closure error.

For a balance of kind :math:`k` over the flows given (all periods given are added up):

.. math::

    I_k = \sum_{i \in in_k} q_i \qquad O_k = \sum_{o \in out_k} q_o

    E_k = I_k - O_k \qquad e_k = 100 \cdot E_k / I_k

    flagged_k \iff |e_k| > \tau_k \ \lor\ (I_k = 0 < O_k)

An energy balance with inputs and no output line at all (``outputs_unmetered``) has no
percentage and is not flagged: energy used in the process leaves as heat, motion or light that
nobody meters, so :math:`e = 100\,\%` would describe the records' scope, not a loss.

=========  ==========================================================  =========
symbol     meaning                                                     unit
=========  ==========================================================  =========
q          a flow's quantity in the base unit of the balance           t, m³, MWh
in_mass    material inputs given as a mass                             t
out_mass   products, by-products, wastes and air emissions as a mass   t
in_water   water inputs                                                m³
out_water  wastewater, plus water in products and evaporation when     m³
           the caller gives them (``water_in_products``, ``evaporation``)
in_energy  energy and heat inputs (fuels by net calorific value)       MWh
out_energy energy and heat outputs                                     MWh
E          closure error: what the outputs do not account for          t, m³, MWh
e          closure error in percent of the inputs (none when I = 0)    %
τ          threshold (``data/balance_thresholds.csv``, overridable)    %
=========  ==========================================================  =========

A positive closure error is input that no recorded output accounts for (a leak, an unmetered
loss, an unrecorded output); a negative one means the outputs exceed the inputs (a missing
input, or a measurement error). Flows of the balance's kinds that are not in its dimension (a
chemical in litres in a mass balance, emissions in tCO2e, products counted in pieces) cannot be
added without a density or a conversion and are listed in ``excluded``, never guessed.

A unit operation's balance takes only the flows tagged with it (``ResourceFlow.unit_operation``);
product records carry no unit operation, so an operation's products are its ``product`` flows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from openeip.core.domain import Direction, FlowKind, Product, ReportingPeriod, ResourceFlow
from openeip.core.errors import DomainError
from openeip.core.flows._scope import (
    check_periods,
    company_of,
    in_operation,
    product_outputs,
)
from openeip.core.flows._thresholds import thresholds
from openeip.core.i18n import gettext as _
from openeip.core.units import BASE_UNITS, Quantity, dimension_of, to_base

__all__ = ["Balance", "BalanceKind", "BalanceLine", "balance"]


class BalanceKind(StrEnum):
    MASS = "mass"
    WATER = "water"
    ENERGY = "energy"


_BASE = {BalanceKind.MASS: BASE_UNITS["mass"], BalanceKind.WATER: BASE_UNITS["volume"],
         BalanceKind.ENERGY: BASE_UNITS["energy"]}
#: kinds of the input and of the output flows each balance adds up
_INPUTS = {
    BalanceKind.MASS: {FlowKind.MATERIAL},
    BalanceKind.WATER: {FlowKind.WATER},
    BalanceKind.ENERGY: {FlowKind.ENERGY, FlowKind.HEAT},
}
_OUTPUTS = {
    BalanceKind.MASS: {FlowKind.PRODUCT, FlowKind.BY_PRODUCT, FlowKind.WASTE,
                       FlowKind.AIR_EMISSION},
    BalanceKind.WATER: {FlowKind.WASTEWATER},
    BalanceKind.ENERGY: {FlowKind.ENERGY, FlowKind.HEAT},
}
# Roles of the lines that do not come from a flow kind.
PRODUCT = "product"
WATER_IN_PRODUCTS = "water_in_products"
EVAPORATION = "evaporation"


@dataclass(frozen=True, slots=True)
class BalanceLine:
    """One input or output of a balance, added up over the periods given."""

    role: str  # a FlowKind value, or 'water_in_products' / 'evaporation'
    description: str
    base_quantity: float
    base_unit: str
    unit_operation: str = ""

    @property
    def quantity(self) -> Any:
        return Quantity(self.base_quantity, self.base_unit)


@dataclass(frozen=True, slots=True)
class Balance:
    """A balance of one kind; ``*_base`` numbers are in ``base_unit`` (quantities as properties)."""

    kind: BalanceKind
    company_code: str
    unit_operation: str  # '' for the whole company
    periods: tuple[ReportingPeriod, ...]
    inputs: tuple[BalanceLine, ...]
    outputs: tuple[BalanceLine, ...]
    excluded: tuple[BalanceLine, ...]
    threshold_percent: float
    base_unit: str
    inputs_base: float = field(init=False)
    outputs_base: float = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "inputs_base", sum(line.base_quantity for line in self.inputs))
        object.__setattr__(self, "outputs_base", sum(line.base_quantity for line in self.outputs))

    @property
    def total_inputs(self) -> Any:
        return Quantity(self.inputs_base, self.base_unit)

    @property
    def total_outputs(self) -> Any:
        return Quantity(self.outputs_base, self.base_unit)

    @property
    def closure(self) -> Any:
        """Inputs minus outputs: what the recorded outputs do not account for."""
        return Quantity(self.inputs_base - self.outputs_base, self.base_unit)

    @property
    def outputs_unmetered(self) -> bool:
        """An energy balance with inputs and no output recorded at all: energy is used up in
        the process (heat, motion, light), so its closure is the whole input by construction
        and says nothing about the quality of the records — reported as such, not flagged."""
        return self.kind is BalanceKind.ENERGY and self.inputs_base > 0 and not self.outputs

    @property
    def closure_percent(self) -> float | None:
        """None when there are no inputs, or no energy output is metered."""
        if self.inputs_base == 0 or self.outputs_unmetered:
            return None
        return 100.0 * (self.inputs_base - self.outputs_base) / self.inputs_base

    @property
    def flagged(self) -> bool:
        if self.outputs_unmetered:
            return False
        percent = self.closure_percent
        if percent is None:
            return self.outputs_base > 0
        return abs(percent) > self.threshold_percent

    def outputs_by_role(self) -> dict[str, float]:
        """Total of the outputs of each role, in the base unit."""
        totals: dict[str, float] = {}
        for line in self.outputs:
            totals[line.role] = totals.get(line.role, 0.0) + line.base_quantity
        return totals


class _Lines:
    """Lines added up by (role, description, unit operation), in the order first met."""

    def __init__(self) -> None:
        self._totals: dict[tuple[str, str, str, str], float] = {}

    def add(self, role: str, description: str, base_quantity: float, base_unit: str,
            unit_operation: str = "") -> None:
        key = (role, description, unit_operation, base_unit)
        self._totals[key] = self._totals.get(key, 0.0) + base_quantity

    def lines(self) -> tuple[BalanceLine, ...]:
        return tuple(BalanceLine(role, description, total, unit, operation)
                     for (role, description, operation, unit), total in self._totals.items())


def _kind(kind: BalanceKind | str) -> BalanceKind:
    try:
        return BalanceKind(kind)
    except ValueError:
        raise DomainError(
            _("'{kind}' is not a kind of balance; use mass, water or energy.").format(kind=kind),
            "kind",
        ) from None


def _extra_water(value: Any, name: str) -> float:
    if dimension_of(value.units) != "volume":
        raise DomainError(_("{name} must be a volume, such as m³.").format(name=name), name)
    base_quantity, _unit = to_base(value)
    if base_quantity < 0:
        raise DomainError(_("{name} cannot be negative.").format(name=name), name)
    return base_quantity


def balance(flows: Sequence[ResourceFlow], products: Sequence[Product] = (),
            kind: BalanceKind | str = BalanceKind.MASS, *, unit_operation: str | None = None,
            threshold_percent: float | None = None, water_in_products: Any = None,
            evaporation: Any = None) -> Balance:
    """The ``kind`` balance of one company, or of ``unit_operation`` when one is named.

    ``threshold_percent`` replaces the default of ``balance_thresholds.csv``;
    ``water_in_products`` and ``evaporation`` (volumes, water balances only) add the water that
    leaves other than as wastewater.
    """
    kind = _kind(kind)
    company = company_of(flows, products)
    check_periods(flows, products)
    if kind is not BalanceKind.WATER and (water_in_products is not None
                                          or evaporation is not None):
        raise DomainError(_("Water in products and evaporation belong to a water balance only."),
                          "kind")
    if threshold_percent is None:
        threshold_percent = thresholds()[kind.value].percent
    elif not 0 <= threshold_percent <= 100:
        raise DomainError(
            # xgettext:no-python-format
            _("The threshold {value} % is not between 0 and 100.").format(value=threshold_percent),
            "threshold_percent",
        )
    operation = " ".join(unit_operation.split()) if unit_operation else ""
    if operation:
        flows = in_operation(flows, operation)
        products = ()
    base = _BASE[kind]
    inputs, outputs, excluded = _Lines(), _Lines(), _Lines()
    for flow in flows:
        wanted = _INPUTS[kind] if flow.direction is Direction.INPUT else _OUTPUTS[kind]
        if flow.kind not in wanted or flow.kind is FlowKind.PRODUCT:
            continue
        lines = inputs if flow.direction is Direction.INPUT else outputs
        if flow.base_unit != base:
            lines = excluded
        lines.add(flow.kind.value, flow.description, flow.base_quantity, flow.base_unit,
                  flow.unit_operation)
    if kind is BalanceKind.MASS:
        for product in product_outputs(flows, products):
            lines = outputs if product.base_unit == base else excluded
            lines.add(PRODUCT, product.name, product.base_quantity, product.base_unit,
                      product.unit_operation)
    for value, role in ((water_in_products, WATER_IN_PRODUCTS), (evaporation, EVAPORATION)):
        if value is not None:
            outputs.add(role, role, _extra_water(value, role), base, operation)
    periods = sorted({flow.period for flow in flows} | {product.period for product in products})
    return Balance(kind, company, operation, tuple(periods), inputs.lines(), outputs.lines(),
                   excluded.lines(), float(threshold_percent), base)
