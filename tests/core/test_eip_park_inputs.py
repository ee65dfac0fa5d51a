"""The park's flows summed into the inputs of the Decree 35 / EIP indicators, by hand.

Two firms, year 2024, park area 100 ha:

* wastewater out (m³): 1,000 treatment + 250 reused_on_site + 150 recycled + 100 discharged
  = 1,500; reused or recycled (fate role ``recovered``) 250 + 150 = 400 → 400 / 1,500 = 26.67 %;
* energy in (MWh): 600 grid + 50 on_site without a fuel (rooftop solar) + 200 wood + 30
  recovered waste heat (source ``recycled``) + 120 diesel = 1,000; renewable 50 + 200 = 250
  → 25.00 %; 1,000 MWh / 100 ha = 10.000 MWh/ha/yr;
* water in: 2,000 m³ + 500 L = 2,000.5 m³ → 20.005 m³/ha/yr;
* solid waste out (t): 40 landfill + 30 recycled + 10 reused_on_site + 15 incineration + 5 sold
  = 100; recycled 30 + 10 = 40 → 40.00 %; landfilled 40 → 40.00 %; 2 m³ of waste cannot be
  added to tonnes and is left out (counted);
* 500 t of material in and 80 t of product out are not summed.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from openeip.core import catalogues
from openeip.core.domain import Direction, FlowKind, ReportingPeriod, ResourceFlow
from openeip.core.eip.indicators import IndicatorInputs, compute_indicators
from openeip.core.eip.park_inputs import flow_sums, park_inputs
from openeip.core.units import quantity

YEAR = ReportingPeriod(2024, None)


def out(kind: FlowKind, amount: float, unit: str, fate: str, firm: str = "A1") -> ResourceFlow:
    return ResourceFlow(firm, YEAR, Direction.OUTPUT, kind, "{} {}".format(kind, fate),
                        quantity(amount, unit), fate=fate)


def into(kind: FlowKind, amount: float, unit: str, source: str, code: str = "",
         firm: str = "B2") -> ResourceFlow:
    return ResourceFlow(firm, YEAR, Direction.INPUT, kind, "{} {} {}".format(kind, source, code),
                        quantity(amount, unit), source=source, classification_code=code)


@pytest.fixture(scope="module")
def flows() -> list[ResourceFlow]:
    water, waste, energy = FlowKind.WASTEWATER, FlowKind.WASTE, FlowKind.ENERGY
    return [
        out(water, 1000, "m3", "treatment"), out(water, 250, "m3", "reused_on_site"),
        out(water, 150, "m3", "recycled"), out(water, 100, "m3", "discharged", firm="B2"),
        into(energy, 600, "MWh", "grid"), into(energy, 50, "MWh", "on_site"),
        into(energy, 200, "MWh", "supplier", "wood"), into(energy, 30, "MWh", "recycled"),
        into(energy, 120, "MWh", "supplier", "diesel", firm="A1"),
        into(FlowKind.WATER, 2000, "m3", "grid"), into(FlowKind.WATER, 500, "L", "on_site"),
        out(waste, 40, "t", "landfill"), out(waste, 30, "t", "recycled"),
        out(waste, 10, "t", "reused_on_site"), out(waste, 15, "t", "incineration"),
        out(waste, 5, "t", "sold"), out(waste, 2, "m3", "landfill", firm="B2"),
        into(FlowKind.MATERIAL, 500, "t", "supplier"), out(FlowKind.PRODUCT, 80, "t", "sold"),
    ]


def test_it_sums_the_flows_by_the_roles_of_their_codes(flows):
    sums = flow_sums(flows)
    assert (sums.wastewater_m3, sums.wastewater_reused_m3) == (1500.0, 400.0)
    assert (sums.energy_mwh, sums.renewable_energy_mwh) == (1000.0, 250.0)
    assert sums.water_m3 == pytest.approx(2000.5, abs=1e-9)
    assert (sums.waste_t, sums.waste_recycled_t, sums.waste_landfilled_t) == (100.0, 40.0, 40.0)
    assert (sums.flows, sums.left_out) == (19, 1)


def test_the_decree_35_indicators_of_the_summed_park(flows):
    inputs = park_inputs(flows, IndicatorInputs(year=2024, area_ha=Decimal(100)))
    values = {code: item.value for code, item in compute_indicators(inputs).items()}
    assert values["wastewater_reused_share"] == Decimal("26.67")
    assert values["renewable_energy_share"] == Decimal("25.00")
    assert values["waste_recycled_share"] == Decimal("40.00")
    assert values["waste_landfilled_share"] == Decimal("40.00")
    assert values["energy_intensity_per_ha"] == Decimal("10.000")
    assert values["water_intensity_per_ha"] == Decimal("20.005")


def test_without_flows_the_flow_inputs_stay_unknown_not_zero():
    known = IndicatorInputs(year=2024, area_ha=Decimal(100))
    assert park_inputs([], known) is known
    assert compute_indicators(known)["energy_intensity_per_ha"].value is None


def test_it_reads_stored_rows_with_plain_strings_as_well():
    row = SimpleNamespace(direction="output", kind="waste", fate="recycled", source="",
                          classification_code="", base_quantity=7.5, base_unit="t")
    assert flow_sums([row]).waste_recycled_t == 7.5


def test_every_fate_and_source_has_a_role_with_its_source_and_verification():
    fates, sources = catalogues.fate_roles(), catalogues.source_roles()
    assert set(fates) == set(catalogues.fates()) and set(sources) == set(catalogues.sources())
    for role in (*fates.values(), *sources.values()):
        assert role.source and role.verification in ("primary", "secondary", "unverified")
    assert catalogues.fates_with_role("recovered") == {"recycled", "reused_on_site"}
    assert catalogues.fates_with_role("disposed") == {"landfill", "incineration", "treatment",
                                                      "discharged"}
    assert catalogues.landfill_fates() == {"landfill"}
    assert catalogues.sources_with_role("own") == {"on_site", "recycled"}
    assert catalogues.renewable_unfuelled_sources() == {"on_site"}
