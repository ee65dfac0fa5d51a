"""Scope 1 and 2 inventories of tiny hand-checked flow sets.

Hand check of the anchor case, 10 t of diesel (NCV 43.0 MJ/kg): 10 t × 43.0 MJ/kg = 0.43 TJ;
CO2 0.43 × 74,100 kg/TJ = 31.863 t; CH4 0.43 × 3 = 1.29 kg; N2O 0.43 × 0.6 = 0.258 kg.
AR5: 31.863 + 1.29 × 28 / 1000 + 0.258 × 265 / 1000 = 31.863 + 0.03612 + 0.06837 = 31.96749 t.
AR6 (fossil CH4): 31.863 + 1.29 × 29.8 / 1000 + 0.258 × 273 / 1000 = 31.971876 t.
"""

from __future__ import annotations

import inspect

import pytest

from openeip.core.domain import Direction, FlowKind, ReportingPeriod, ResourceFlow
from openeip.core.errors import DomainError
from openeip.core.ghg import GwpSet, LineCategory, inventory
from openeip.core.units import Quantity, quantity

JAN_2024 = ReportingPeriod(2024, 1)


def energy_in(amount: float, unit: str, *, code: str = "", source: str = "supplier",
              period: ReportingPeriod = JAN_2024, kind: FlowKind = FlowKind.ENERGY,
              description: str = "Fuel") -> ResourceFlow:
    return ResourceFlow("A1", period, Direction.INPUT, kind, description,
                        quantity(amount, unit), classification_code=code, source=source)


def grid(mwh: float, period: ReportingPeriod) -> ResourceFlow:
    return energy_in(mwh, "MWh", source="grid", period=period, description="Grid electricity")


def reported(tco2e: float, period: ReportingPeriod = JAN_2024) -> ResourceFlow:
    return ResourceFlow("A1", period, Direction.OUTPUT, FlowKind.AIR_EMISSION,
                        "Process CO2 from calcination", quantity(tco2e, "tCO2e"),
                        fate="discharged")


def approx(value: float) -> object:
    return pytest.approx(value, rel=1e-12, abs=1e-15)


def test_ten_tonnes_of_diesel_under_ar5():
    result = inventory([energy_in(10, "t", code="diesel")], gwp="AR5")
    (line,) = result.lines
    assert line.category is LineCategory.FUEL_COMBUSTION and line.scope == 1
    assert line.gas("CO2").to("t").magnitude == approx(31.863)
    assert line.gas("CH4").to("kg").magnitude == approx(1.29)
    assert line.gas("N2O").to("kg").magnitude == approx(0.258)
    assert line.co2e.to("tCO2e").magnitude == approx(31.96749)
    assert result.scope1.to("tCO2e").magnitude == approx(31.96749)
    assert result.scope2.magnitude == 0
    assert result.biogenic_co2.magnitude == 0


def test_ten_tonnes_of_diesel_under_ar6_uses_fossil_methane():
    result = inventory([energy_in(10, "t", code="diesel")], gwp=GwpSet.AR6)
    assert result.scope1.to("tCO2e").magnitude == approx(31.971876)
    keys = {reference.key: reference.value for reference in result.lines[0].factors}
    assert keys["AR6 CH4 (fossil)"] == "29.8"
    assert keys["AR6 N2O"] == "273"


def test_fuel_given_as_energy_counts_the_same_as_by_mass():
    by_energy = inventory([energy_in(430, "GJ", code="diesel")], gwp="AR5")
    assert by_energy.scope1.to("tCO2e").magnitude == approx(31.96749)


def test_grid_electricity_of_2022_uses_that_years_factor():
    result = inventory([grid(1000, ReportingPeriod(2022, 6))], gwp="AR5")
    (line,) = result.lines
    assert line.category is LineCategory.GRID_ELECTRICITY and line.scope == 2
    assert result.scope2.to("tCO2e").magnitude == approx(676.6)  # 1,000 MWh × 0.6766
    assert result.scope1.magnitude == 0
    (reference,) = line.factors
    assert (reference.table, reference.key, reference.value) == (
        "grid_factors", "2022", "0.6766 tCO2e/MWh")
    assert "327/BĐKH-PTCBT" in reference.source


def test_electricity_code_counts_as_grid_electricity_whatever_the_source():
    flow = energy_in(500, "kWh", code="electricity", source="supplier",
                     period=ReportingPeriod(2023, 3))
    result = inventory([flow], gwp="AR5")
    assert result.scope2.to("tCO2e").magnitude == approx(0.5 * 0.6592)


def test_biomass_co2_is_a_memo_item_while_its_methane_and_nitrous_oxide_count():
    # 10 t wood × 15.6 MJ/kg = 0.156 TJ: CO2 0.156 × 112,000 = 17,472 kg (memo);
    # CH4 0.156 × 30 = 4.68 kg × 28 = 131.04 kg; N2O 0.156 × 4 = 0.624 kg × 265 = 165.36 kg
    result = inventory([energy_in(10, "t", code="wood")], gwp="AR5")
    assert result.biogenic_co2.to("tCO2e").magnitude == approx(17.472)
    assert result.scope1.to("tCO2e").magnitude == approx(0.2964)
    assert result.lines[0].gas("CO2").to("t").magnitude == approx(17.472)


def test_biomass_methane_takes_the_non_fossil_gwp_under_ar6():
    # 4.68 kg CH4 × 27.0 + 0.624 kg N2O × 273 = 126.36 + 170.352 = 296.712 kg
    result = inventory([energy_in(10, "t", code="wood")], gwp="AR6")
    assert result.scope1.to("tCO2e").magnitude == approx(0.296712)
    keys = [reference.key for reference in result.lines[0].factors]
    assert "AR6 CH4 (non-fossil)" in keys


def test_process_emissions_reported_in_tco2e_count_as_scope_1_as_given():
    result = inventory([reported(500), energy_in(10, "t", code="diesel")], gwp="AR5")
    assert result.scope1.to("tCO2e").magnitude == approx(531.96749)
    assert [line.category for line in result.lines] == [LineCategory.REPORTED,
                                                        LineCategory.FUEL_COMBUSTION]
    assert result.lines[0].factors == ()


def test_pollutants_in_kilograms_are_not_greenhouse_gases():
    sulphur = ResourceFlow("A1", JAN_2024, Direction.OUTPUT, FlowKind.AIR_EMISSION,
                           "Sulphur dioxide", quantity(40, "kg"), fate="discharged")
    result = inventory([sulphur], gwp="AR5")
    assert result.lines == () and result.not_counted == ()
    assert result.total.magnitude == 0


def test_totals_per_period_and_per_year():
    flows = [
        grid(1000, ReportingPeriod(2023, 12)),  # 659.2
        grid(100, ReportingPeriod(2024, 1)),  # 68.11
        grid(200, ReportingPeriod(2024, 2)),  # 136.22
        energy_in(10, "t", code="diesel", period=ReportingPeriod(2024, 2)),  # 31.96749
        energy_in(10, "t", code="wood", period=ReportingPeriod(2024, 2)),  # 0.2964, memo 17.472
    ]
    result = inventory(flows, gwp="AR5")
    periods = result.by_period()
    assert list(periods) == [ReportingPeriod(2023, 12), ReportingPeriod(2024, 1),
                             ReportingPeriod(2024, 2)]
    february = periods[ReportingPeriod(2024, 2)]
    assert february.scope1_tco2e == approx(32.26389)
    assert february.scope2_tco2e == approx(136.22)
    assert february.biogenic_co2_tco2e == approx(17.472)
    assert february.total.to("tCO2e").magnitude == approx(168.48389)
    years = result.by_year()
    assert years[2023].total_tco2e == approx(659.2)
    assert years[2024].scope2_tco2e == approx(204.33)
    assert years[2024].scope1_tco2e == approx(32.26389)
    assert result.total.to("tCO2e").magnitude == approx(659.2 + 204.33 + 32.26389)


def test_every_result_records_the_versions_of_the_tables_it_used():
    only_grid = inventory([grid(1, ReportingPeriod(2024, 1))], gwp="AR6")
    assert only_grid.factor_versions == {"gwp": "2026.1", "gwp_set": "AR6",
                                         "grid_factors": "2026.1"}
    both = inventory([grid(1, JAN_2024), energy_in(1, "t", code="lpg")], gwp="AR5")
    assert both.factor_versions == {"gwp": "2026.1", "gwp_set": "AR5",
                                    "fuel_factors": "2026.1", "grid_factors": "2026.1"}


def test_a_year_after_the_grid_series_uses_the_latest_factor_and_notices_it():
    result = inventory([grid(1000, ReportingPeriod(2025, 1))], gwp="AR5")
    assert result.scope2.to("tCO2e").magnitude == approx(681.1)
    assert [(n.code, n.data_year, n.used_year) for n in result.notices] == [
        ("latest_used", 2025, 2024)]


def test_a_grid_factor_override_is_used_and_recorded():
    result = inventory([grid(1000, ReportingPeriod(2025, 1)), grid(1000, JAN_2024)], gwp="AR5",
                       grid_overrides={2025: Quantity(0.7, "tCO2e/MWh")})
    assert result.scope2.to("tCO2e").magnitude == approx(700 + 681.1)
    assert result.factor_versions["grid_factors"] == "2026.1 + override 2025=0.7"
    assert result.lines[0].factors[0].verification == "unverified"


def test_a_grid_factor_override_in_kg_per_kwh_is_converted():
    result = inventory([grid(1000, ReportingPeriod(2025, 1))], gwp="AR5",
                       grid_overrides={2025: Quantity(0.7, "kgCO2e/kWh")})
    assert result.scope2.to("tCO2e").magnitude == approx(700)


@pytest.mark.parametrize("value", [Quantity(0.7, "t/MWh"), 0.7, Quantity(-0.1, "tCO2e/MWh")])
def test_it_rejects_a_grid_factor_override_that_is_no_factor(value):
    with pytest.raises(DomainError, match="2025") as error:
        inventory([grid(1000, ReportingPeriod(2025, 1))], gwp="AR5",
                  grid_overrides={2025: value})
    assert error.value.field == "grid_factor"


def test_it_rejects_an_unknown_fuel_code_naming_the_flow():
    flow = energy_in(5, "GJ", code="peat", description="Peat for the dryer")
    with pytest.raises(DomainError, match="'peat'") as error:
        inventory([flow], gwp="AR5")
    assert "Peat for the dryer" in str(error.value) and "diesel" in str(error.value)
    assert error.value.field == "classification_code"


def test_it_rejects_energy_with_no_fuel_code_that_is_not_from_the_grid():
    with pytest.raises(DomainError, match="no fuel code") as error:
        inventory([energy_in(5, "MWh", description="Bought energy")], gwp="AR5")
    assert error.value.field == "classification_code"


def test_own_energy_heat_and_energy_sold_are_listed_as_not_counted():
    solar = energy_in(20, "MWh", source="on_site", description="Rooftop solar")
    steam = energy_in(30, "GJ", kind=FlowKind.HEAT, description="Steam from the neighbour")
    sold = ResourceFlow("A1", JAN_2024, Direction.OUTPUT, FlowKind.ENERGY, "Power sold",
                        quantity(5, "MWh"))
    result = inventory([solar, steam, sold], gwp="AR5")
    assert result.lines == ()
    assert [(item.flow.description, item.reason_code) for item in result.not_counted] == [
        ("Rooftop solar", "own_energy"), ("Steam from the neighbour", "purchased_heat"),
        ("Power sold", "energy_output")]
    assert "heat" in result.not_counted[1].reason()


def test_the_gwp_set_must_be_named():
    assert inspect.signature(inventory).parameters["gwp"].default is inspect.Parameter.empty
    with pytest.raises(TypeError):
        inventory([])  # type: ignore[call-arg]


def test_it_rejects_an_unknown_gwp_set():
    with pytest.raises(DomainError, match="AR4") as error:
        inventory([], gwp="AR4")
    assert "AR5, AR6" in str(error.value) and error.value.field == "gwp"


def test_an_empty_set_of_flows_emits_nothing():
    result = inventory([], gwp="AR5")
    assert result.total.magnitude == 0 and result.by_year() == {}
    assert result.factor_versions == {"gwp": "2026.1", "gwp_set": "AR5"}


def test_flows_of_one_period_add_up_whatever_their_order():
    flows = [grid(100, ReportingPeriod(2024, 1)), grid(200, ReportingPeriod(2024, 2)),
             grid(300, ReportingPeriod(2024, 1)), grid(400, ReportingPeriod(2024, 2))]
    periods = inventory(flows, gwp="AR5").by_period()
    assert periods[ReportingPeriod(2024, 1)].scope2_tco2e == approx(400 * 0.6811)
    assert periods[ReportingPeriod(2024, 2)].scope2_tco2e == approx(600 * 0.6811)


def test_total_by_period_gives_scope_1_and_2_as_quantities_in_period_order():
    flows = [grid(200, ReportingPeriod(2024, 2)), reported(5, ReportingPeriod(2024, 2)),
             grid(100, ReportingPeriod(2024, 1))]
    totals = inventory(flows, gwp="AR5").total_by_period()
    assert list(totals) == [ReportingPeriod(2024, 1), ReportingPeriod(2024, 2)]
    assert totals[ReportingPeriod(2024, 1)].to("tCO2e").magnitude == approx(68.11)
    assert totals[ReportingPeriod(2024, 2)].to("tCO2e").magnitude == approx(136.22 + 5)
