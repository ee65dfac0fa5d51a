"""core.eip.metered: metered years beside declared flows, with every decision explained.

Fixture (by hand): A1 declares grid electricity 1,200 MWh (two rows of 600 MWh: it reported two
halves) and rooftop solar 100 MWh (source on_site, renewable); its meters E1 (950,000 kWh) and
E2 (250,000 kWh) both measure 'Grid electricity' and cover 99 % and 95 % of the year; S1 measures
'Rooftop solar' (120,000 kWh) but covers 60 %. A2 declares nothing; its water meter W2 reads
5,000 m³ over 92 %. The park's own meter PW is never added.
→ A1 grid: 950 + 250 = 1,200,000 kWh = 1,200 MWh metered replaces the declared 1,200 MWh (one
row); A1 solar stays 100 MWh (declared; 60 % < 90 %); A2 water 5,000 m³ added; energy 1,300 MWh,
renewable 100 MWh, water 5,000 m³.
"""

from __future__ import annotations

from decimal import Decimal

from openeip.core.domain import Direction, FlowKind, ReportingPeriod, ResourceFlow
from openeip.core.eip.indicators import IndicatorInputs
from openeip.core.eip.metered import MeteredUse, apply_metered, flow_kind_of
from openeip.core.eip.park_inputs import park_inputs
from openeip.core.i18n import render
from openeip.core.units import quantity

YEAR = 2024


def _flow(company: str, description: str, mwh: float, source: str, month: int | None = None
          ) -> ResourceFlow:
    return ResourceFlow(company, ReportingPeriod(YEAR, month), Direction.INPUT, FlowKind.ENERGY,
                        description, quantity(mwh, "MWh"), classification_code="electricity",
                        source=source)


def _use(company: str, meter: str, resource: str, description: str, value: float, unit: str,
         covered: float) -> MeteredUse:
    return MeteredUse(company, meter, resource, flow_kind_of(resource), description,
                      quantity(value, unit), covered)


FLOWS = [_flow("A1", "Grid electricity", 600, "grid", 1), _flow("A1", "Grid electricity", 600,
                                                                 "grid", 2),
         _flow("A1", "Rooftop solar", 100, "on_site")]
USES = [_use("A1", "E1", "electricity", "grid electricity", 950_000, "kWh", 99.0),
        _use("A1", "E2", "electricity", "Grid  electricity", 250_000, "kWh", 95.0),
        _use("A1", "S1", "electricity", "Rooftop solar", 120_000, "kWh", 60.0),
        _use("A2", "W2", "water", "", 5_000, "m3", 92.0),
        _use("", "PW", "water", "", 9_000, "m3", 100.0),
        _use("A1", "P1", "production", "", 10, "t", 100.0)]


def test_metered_years_replace_declared_flows_when_covered() -> None:
    flows, decisions = apply_metered(FLOWS, USES, YEAR, 90.0)
    by_meters = {d.meters: d for d in decisions}
    assert by_meters[("E1", "E2")].used == "metered"
    assert by_meters[("E1", "E2")].covered_pct == 95.0
    assert by_meters[("S1",)].used == "declared"
    assert by_meters[("W2",)].used == "metered"
    assert by_meters[("PW",)].used == "none"
    assert ("P1",) not in by_meters  # a driver feeds no input
    grid = [f for f in flows if f.description == "Grid electricity"]
    assert len(grid) == 1 and grid[0].quantity.to("MWh").magnitude == 1200.0
    assert grid[0].source == "grid" and grid[0].period == ReportingPeriod(YEAR)
    inputs = park_inputs(flows, IndicatorInputs(year=YEAR))
    assert inputs.energy_mwh == Decimal("1300.0")
    assert inputs.renewable_energy_mwh == Decimal("100.0")
    assert inputs.water_m3 == Decimal("5000.0")


def test_every_decision_says_which_figure_and_why() -> None:
    _flows, decisions = apply_metered(FLOWS, USES, YEAR, 90.0)
    text = {d.meters: render(d.reason) for d in decisions}
    assert ("A1 'Grid electricity': the metered 1,200 MWh (meter(s) E1, E2, 95 % of 2024 "
            "covered) is used instead of the declared 1,200 MWh") in text[("E1", "E2")]
    assert "cover only 60 % of 2024 (at least 90 % needed" in text[("S1",)]
    assert "declared 100 MWh is used" in text[("S1",)]
    assert "add 5,000 m³" in text[("W2",)]
    assert "Park meter PW" in text[("PW",)]


def test_a_year_without_readings_keeps_the_declared_figures() -> None:
    empty = [_use("A1", "E1", "electricity", "Grid electricity", 0, "kWh", 0.0)]
    flows, decisions = apply_metered(FLOWS, empty, 2027, 90.0)
    assert flows == FLOWS
    assert decisions[0].used == "declared"
    assert "cover only 0 % of 2027" in render(decisions[0].reason)


def test_a_fuel_meter_without_a_declared_flow_is_not_counted() -> None:
    fuel = [_use("A1", "F1", "fuel", "", 500, "kg", 100.0)]
    flows, decisions = apply_metered([], fuel, YEAR, 90.0)
    assert flows == [] and decisions[0].used == "none"
    assert "without a fuel code" in render(decisions[0].reason)


def test_a_meter_unit_that_does_not_convert_keeps_the_declared_flow() -> None:
    odd = [_use("A1", "E9", "electricity", "Grid electricity", 5, "m3", 100.0)]
    flows, decisions = apply_metered(FLOWS, odd, YEAR, 90.0)
    assert flows == FLOWS and decisions[0].used == "declared"
    assert "does not convert" in render(decisions[0].reason)


def test_a_covered_solar_meter_sets_the_renewable_share() -> None:
    solar = [_use("A1", "S1", "electricity", "Rooftop solar", 120_000, "kWh", 99.0)]
    flows, decisions = apply_metered(FLOWS, solar, YEAR, 90.0)
    assert decisions[0].used == "metered"
    inputs = park_inputs(flows, IndicatorInputs(year=YEAR))
    # grid 600 + 600 declared, solar 100 → 120 MWh metered (source on_site kept: renewable)
    assert inputs.energy_mwh == Decimal("1320.0")
    assert inputs.renewable_energy_mwh == Decimal("120.0")
