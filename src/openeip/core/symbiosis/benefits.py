r"""Yearly benefit of one exchange: money, CO2e, waste diverted, water saved, energy recovered.

For a quantity :math:`q` (supply base units per year) sent over road distance :math:`d` (km)
under rule :math:`r` (substitution ratio :math:`\rho`):

.. math::

    P = q \cdot \rho \cdot p_{dem}                \qquad\text{avoided purchase}

    D = q \cdot k_{fate} \cdot f_{fate}           \qquad\text{avoided disposal}

    T = q \cdot k_{mode} \cdot (c_{km} \cdot d + c_{hand})   \qquad\text{transport}

    C = q \cdot c_{proc}                          \qquad\text{processing}

    net = P + D - T - C

    CO_2e = q \cdot \rho \cdot e_{dem} + q \cdot k_{fate} \cdot e_{fate}
            - q \cdot k_{mode} \cdot e_{km} \cdot d / 1000

==============  ======================================================================
symbol          meaning (source)
==============  ======================================================================
p_dem, e_dem    price (VND) and t CO2e of the virgin input per base unit of the DEMAND
                stream's class, nearest ancestor with a row (benefit_factors.csv, class)
f_fate, e_fate  fee (VND) and t CO2e per unit of the rule's ``avoided_fate`` for the supply's
                class or its nearest ancestor (benefit_factors.csv, fate); 0 without a fate
k_fate, k_mode  the supply's base unit in the fate's or the transport mode's unit
                (t ↔ m3 by the class's density, 1 t/m3 when it has none; t → MWh by its NCV)
c_km, c_hand    transport cost per unit·km and handling per unit of the supply's mode
                (transport_costs.csv; mode from the supply's form, water by pipe)
e_km            transport emissions, kg CO2e per unit·km
c_proc          the rule's processing cost per supply unit
==============  ======================================================================

Physical results: waste diverted = :math:`q \cdot k_t` when the supply is a waste or by-product
and the avoided fate is landfill or incineration; water saved = :math:`q \cdot \rho` (m3) when
the demand is a water class; energy recovered = :math:`q` in MWh (t by the supply class's NCV,
GJ → MWh with pint) when either side is an energy class.

Price unknown: when no class row prices the demand class (nor any of its ancestors), P and
its CO2e are 0 and ``"avoided_purchase_vnd"`` is named in ``Benefit.unpriced``; likewise D and
``"avoided_disposal_vnd"`` when the rule avoids a fate that has no row for the supply class, its
ancestors or the fate's default. Nothing is guessed: the user is told the term is missing. A
row with a price of 0 is a known price.

Distance unknown (``None``): the transport is costed at the rule's maximum distance — a
pessimistic estimate, so an unknown location never makes an exchange look better.
All factors come in as data; nothing here is a number of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from openeip.core.errors import DomainError
from openeip.core.i18n import gettext as _
from openeip.core.symbiosis.factors import BenefitFactors, ClassTree, transport_mode
from openeip.core.symbiosis.model import Benefit, Family, ResourceClass, Stream, SynergyRule
from openeip.core.units import quantity

__all__ = ["DISPOSAL", "PURCHASE", "UnitBenefit", "benefit", "unit_benefit"]

#: the names, in ``Benefit.unpriced``, of the money terms a factor row prices
PURCHASE = "avoided_purchase_vnd"
DISPOSAL = "avoided_disposal_vnd"

DIVERTING_FATES = frozenset({"landfill", "incineration"})
_DEFAULT_DENSITY_T_PER_M3 = 1.0


@lru_cache(maxsize=1)
def _mwh_per_gj() -> float:
    return float(quantity(1.0, "GJ").to("MWh").magnitude)


def _conversion(resource: ResourceClass, from_unit: str, to_unit: str) -> float:
    """How many ``to_unit`` one ``from_unit`` of ``resource`` is."""
    if from_unit == to_unit:
        return 1.0
    density = resource.density_t_per_m3 or _DEFAULT_DENSITY_T_PER_M3
    if (from_unit, to_unit) == ("m3", "t"):
        return density
    if (from_unit, to_unit) == ("t", "m3"):
        return 1.0 / density
    if from_unit in ("t", "m3") and to_unit == "MWh" and resource.ncv_gj_per_t:
        mass = density if from_unit == "m3" else 1.0
        return mass * resource.ncv_gj_per_t * _mwh_per_gj()
    if from_unit == "MWh" and to_unit == "t" and resource.ncv_gj_per_t:
        return 1.0 / (resource.ncv_gj_per_t * _mwh_per_gj())
    raise DomainError(
        _("Cannot convert {from_unit} of {name} to {to_unit}: the class needs a density or "
          "a net calorific value in the taxonomy.").format(
              from_unit=from_unit, to_unit=to_unit, name=resource.name_en), "unit")


@dataclass(frozen=True, slots=True)
class UnitBenefit:
    """The benefit of one supply unit, split into parts that do and do not grow with distance."""

    purchase_vnd: float
    disposal_vnd: float
    transport_vnd_per_km: float
    handling_vnd: float
    processing_vnd: float
    co2e_t: float                    # without transport
    transport_co2e_t_per_km: float
    waste_diverted_t: float
    water_saved_m3: float
    energy_recovered_mwh: float
    unknown_distance_km: float       # distance costed when the real one is unknown
    factor_versions: tuple[str, ...]
    unpriced: tuple[str, ...] = ()   # PURCHASE and/or DISPOSAL when no factor prices them

    def net_vnd_per_unit(self, distance_km: float) -> float:
        return (self.purchase_vnd + self.disposal_vnd - self.processing_vnd - self.handling_vnd
                - self.transport_vnd_per_km * distance_km)

    def at(self, quantity: float, distance_km: float | None) -> Benefit:
        """The yearly benefit of ``quantity`` supply units sent ``distance_km`` by road."""
        if quantity < 0:
            raise DomainError(
                _("An exchanged quantity cannot be negative ({value}).").format(value=quantity),
                "quantity")
        distance = self.unknown_distance_km if distance_km is None else distance_km
        return Benefit(
            quantity=quantity,
            avoided_purchase_vnd=quantity * self.purchase_vnd,
            avoided_disposal_vnd=quantity * self.disposal_vnd,
            transport_vnd=quantity * (self.transport_vnd_per_km * distance + self.handling_vnd),
            processing_vnd=quantity * self.processing_vnd,
            co2e_avoided_t=quantity * (self.co2e_t - self.transport_co2e_t_per_km * distance),
            waste_diverted_t=quantity * self.waste_diverted_t,
            water_saved_m3=quantity * self.water_saved_m3,
            energy_recovered_mwh=quantity * self.energy_recovered_mwh,
            factor_versions=self.factor_versions,
            unpriced=self.unpriced,
        )


def unit_benefit(supply_class: str, demand_class: str, rule: SynergyRule,
                 factors: BenefitFactors, taxonomy: ClassTree) -> UnitBenefit:
    """The per-unit benefit coefficients of ``rule`` between two classes."""
    supply = taxonomy.classes[supply_class]
    demand = taxonomy.classes[demand_class]
    ratio = rule.substitution_ratio
    purchase = co2e = 0.0
    unpriced: list[str] = []
    virgin = factors.virgin(demand_class, taxonomy)
    if virgin is None:
        unpriced.append(PURCHASE)
    else:
        per_demand_unit = _conversion(demand, demand.base_unit, virgin.unit)
        purchase = ratio * per_demand_unit * virgin.price_vnd_per_unit
        co2e = ratio * per_demand_unit * virgin.co2e_t_per_unit
    disposal = diverted = 0.0
    fate = factors.disposal(rule.avoided_fate, supply_class, taxonomy)
    if fate is None:
        if rule.avoided_fate:
            unpriced.append(DISPOSAL)
    else:
        per_fate_unit = _conversion(supply, supply.base_unit, fate.unit)
        disposal = per_fate_unit * fate.fee_vnd_per_unit
        co2e += per_fate_unit * fate.co2e_t_per_unit
    if (rule.avoided_fate in DIVERTING_FATES
            and supply.family in (Family.WASTE, Family.BY_PRODUCT)):
        diverted = _conversion(supply, supply.base_unit, "t")
    mode_name = transport_mode(supply)
    if (mode_name, supply.base_unit) in factors.transport:
        mode, per_mode_unit = factors.transport_for(mode_name, supply.base_unit), 1.0
    else:
        mode = factors.transport_for(mode_name, "t")
        per_mode_unit = _conversion(supply, supply.base_unit, "t")
    water = (ratio * _conversion(demand, demand.base_unit, "m3")
             if demand.family is Family.WATER and demand.base_unit in ("m3", "t") else 0.0)
    energy = 0.0
    if Family.ENERGY in (supply.family, demand.family) and (
            supply.base_unit == "MWh" or supply.ncv_gj_per_t):
        energy = _conversion(supply, supply.base_unit, "MWh")
    return UnitBenefit(
        purchase_vnd=purchase,
        disposal_vnd=disposal,
        transport_vnd_per_km=per_mode_unit * mode.variable_vnd_per_unit_km,
        handling_vnd=per_mode_unit * mode.handling_vnd_per_unit,
        processing_vnd=rule.processing_cost_vnd_per_unit,
        co2e_t=co2e,
        transport_co2e_t_per_km=per_mode_unit * mode.co2e_kg_per_unit_km / 1000.0,
        waste_diverted_t=diverted,
        water_saved_m3=water,
        energy_recovered_mwh=energy,
        unknown_distance_km=rule.max_distance_km,
        factor_versions=factors.versions(),
        unpriced=tuple(unpriced),
    )


def benefit(supply: Stream, demand: Stream, rule: SynergyRule, quantity: float,
            distance_km: float | None, factors: BenefitFactors,
            taxonomy: ClassTree) -> Benefit:
    """The yearly benefit of sending ``quantity`` of ``supply`` to ``demand`` under ``rule``."""
    return unit_benefit(supply.resource_class, demand.resource_class, rule, factors,
                        taxonomy).at(quantity, distance_km)
