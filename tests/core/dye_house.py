"""A tiny dye house whose balances, indicators and losses can be checked by hand.

January 2024, company D01:

=================================  ==========  =================  ===============  ============
flow                               direction   quantity           cost (VND)       operation
=================================  ==========  =================  ===============  ============
Grey fabric (material)             input       10 t               800,000,000      Dyeing
Acetic acid (material)             input       200 L              3,000,000        Dyeing
Water from the park network        input       1,000 m³           13,000,000       Dyeing
Grid electricity (energy)          input       12,000 kWh         22,800,000       —
Coal for the boiler (anthracite)   input       0.9 t = 6.675 MWh  3,780,000        Boiler house
Heat in hot effluent (heat)        output      6.675 MWh          —                Dyeing
Fabric trimmings and lint (waste)  output      0.5 t, landfill    1,000,000        Dyeing
Wastewater to the park plant       output      850 m³, treatment  7,650,000        Dyeing
CO2 from the boiler (air)          output      2.2 tCO2e          —                Boiler house
Dyed fabric (product flow)         output      9.2 t              —                Dyeing
=================================  ==========  =================  ===============  ============

Product record: Dyed fabric 9.2 t, sales 966,000,000 VND (the product flow is the same product).
Coal: 0.9 t × 26.7 MJ/kg (IPCC NCV of anthracite) = 24,030 MJ = 6.675 MWh.

Mass: 10 t in, 9.2 + 0.5 = 9.7 t out → 0.3 t unaccounted = 3 % (the acid in litres and the CO2
in tCO2e are not masses). Water: 1,000 − 850 = 150 m³ = 15 %. Energy: 18.675 − 6.675 = 12 MWh.
"""

from __future__ import annotations

from decimal import Decimal

from openeip.core.domain import Direction, FlowKind, Product, ReportingPeriod, ResourceFlow
from openeip.core.units import quantity

JAN = ReportingPeriod(2024, 1)
IN, OUT = Direction.INPUT, Direction.OUTPUT


def flow(direction: Direction, kind: FlowKind, description: str, amount: float, unit: str,
         cost: int | None = None, operation: str = "", period: ReportingPeriod = JAN,
         company: str = "D01", **extra: object) -> ResourceFlow:
    return ResourceFlow(company, period, direction, kind, description, quantity(amount, unit),
                        cost_vnd=None if cost is None else Decimal(cost),
                        unit_operation=operation, **extra)


def dye_house_flows(period: ReportingPeriod = JAN) -> list[ResourceFlow]:
    return [
        flow(IN, FlowKind.MATERIAL, "Grey fabric", 10, "t", 800_000_000, "Dyeing", period,
             source="supplier"),
        flow(IN, FlowKind.MATERIAL, "Acetic acid", 200, "L", 3_000_000, "Dyeing", period),
        flow(IN, FlowKind.WATER, "Water from the park network", 1000, "m³", 13_000_000,
             "Dyeing", period, source="supplier"),
        flow(IN, FlowKind.ENERGY, "Grid electricity", 12000, "kWh", 22_800_000, "", period,
             source="grid"),
        flow(IN, FlowKind.ENERGY, "Coal for the boiler", 0.9, "t", 3_780_000, "Boiler house",
             period, classification_code="anthracite"),
        flow(OUT, FlowKind.HEAT, "Heat in hot effluent", 6.675, "MWh", None, "Dyeing", period),
        flow(OUT, FlowKind.WASTE, "Fabric trimmings and lint", 0.5, "t", 1_000_000, "Dyeing",
             period, fate="landfill"),
        flow(OUT, FlowKind.WASTEWATER, "Wastewater to the park plant", 850, "m³", 7_650_000,
             "Dyeing", period, fate="treatment"),
        flow(OUT, FlowKind.AIR_EMISSION, "CO2 from the boiler", 2.2, "tCO2e", None,
             "Boiler house", period, fate="discharged"),
        flow(OUT, FlowKind.PRODUCT, "Dyed fabric", 9.2, "t", None, "Dyeing", period),
    ]


def dye_house_products(period: ReportingPeriod = JAN) -> list[Product]:
    return [Product("D01", period, "Dyed fabric", quantity(9.2, "t"), Decimal(966_000_000))]
