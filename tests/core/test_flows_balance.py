"""Mass, water and energy balances of the dye house (tests/core/dye_house.py), by hand."""

from __future__ import annotations

import pytest

from openeip.core.domain import FlowKind, ReportingPeriod
from openeip.core.errors import DomainError
from openeip.core.flows import balance, thresholds, unit_operations
from openeip.core.units import quantity
from tests.core.dye_house import IN, JAN, OUT, dye_house_flows, dye_house_products, flow


def test_the_company_mass_balance_leaves_0_3_t_unaccounted_which_is_3_percent():
    result = balance(dye_house_flows(), dye_house_products(), "mass")
    assert result.total_inputs.to("t").magnitude == 10
    assert result.total_outputs.to("t").magnitude == pytest.approx(9.7, abs=1e-12)
    assert result.closure.to("t").magnitude == pytest.approx(0.3, abs=1e-12)
    assert result.closure_percent == pytest.approx(3.0, abs=1e-10)
    assert result.outputs_by_role() == {"waste": 0.5, "product": 9.2}
    assert result.flagged is False  # 3 % is within the default 5 %
    assert (result.company_code, result.unit_operation, result.periods) == ("D01", "", (JAN,))


def test_a_product_flow_named_like_a_product_record_is_counted_once():
    result = balance(dye_house_flows(), dye_house_products(), "mass")
    assert [line.description for line in result.outputs if line.role == "product"] == [
        "Dyed fabric"]


def test_the_mass_balance_lists_what_is_not_a_mass_instead_of_guessing_a_density():
    result = balance(dye_house_flows(), dye_house_products(), "mass")
    assert [(line.description, line.base_quantity, line.base_unit) for line in result.excluded] \
        == [("Acetic acid", pytest.approx(0.2), "m**3"), ("CO2 from the boiler", 2.2, "tCO2e")]


def test_a_lower_threshold_flags_the_same_balance():
    result = balance(dye_house_flows(), dye_house_products(), "mass", threshold_percent=2)
    assert (result.threshold_percent, result.flagged) == (2.0, True)


def test_the_default_thresholds_come_from_the_data_file_with_their_source():
    assert {kind: t.percent for kind, t in thresholds().items()} == {
        "mass": 5.0, "water": 10.0, "energy": 10.0}
    assert all(t.verification == "unverified" and t.source for t in thresholds().values())


def test_the_water_balance_flags_150_m3_of_1000_unaccounted():
    result = balance(dye_house_flows(), dye_house_products(), "water")
    assert (result.inputs_base, result.outputs_base) == (1000, 850)
    assert result.closure_percent == pytest.approx(15.0)
    assert result.flagged is True


def test_evaporation_and_water_in_products_close_the_water_balance():
    result = balance(dye_house_flows(), (), "water", evaporation=quantity(100, "m³"),
                     water_in_products=quantity(20000, "L"))
    assert result.outputs_by_role() == {"wastewater": 850, "evaporation": 100,
                                        "water_in_products": pytest.approx(20)}
    assert result.closure.to("m³").magnitude == pytest.approx(30)
    assert result.closure_percent == pytest.approx(3.0)
    assert result.flagged is False


def test_the_energy_balance_counts_fuels_by_their_calorific_value():
    result = balance(dye_house_flows(), (), "energy")
    # 12 MWh electricity + 0.9 t × 26.7 MJ/kg = 6.675 MWh of coal; 6.675 MWh of heat out
    assert result.inputs_base == pytest.approx(18.675)
    assert result.closure.to("MWh").magnitude == pytest.approx(12.0)
    assert result.closure_percent == pytest.approx(100 * 12 / 18.675)
    assert result.flagged is True


def test_a_unit_operation_balance_takes_only_its_own_flows():
    dyeing = balance(dye_house_flows(), dye_house_products(), "mass", unit_operation=" Dyeing ")
    assert dyeing.unit_operation == "Dyeing"
    assert (dyeing.inputs_base, dyeing.outputs_base) == (10, pytest.approx(9.7))
    boiler = balance(dye_house_flows(), dye_house_products(), "energy",
                     unit_operation="Boiler house")
    assert [line.description for line in boiler.inputs] == ["Coal for the boiler"]
    # no energy output of the boiler house is recorded: explained, not a 100 % loss
    assert (boiler.outputs_unmetered, boiler.closure_percent, boiler.flagged) == (
        True, None, False)


def test_an_energy_balance_without_any_metered_output_is_explained_not_flagged():
    bought = [flow(IN, FlowKind.ENERGY, "Grid electricity", 1000, "kWh", source="grid")]
    result = balance(bought, (), "energy")
    assert result.closure.to("MWh").magnitude == pytest.approx(1.0)
    assert (result.outputs_unmetered, result.closure_percent, result.flagged) == (
        True, None, False)
    water = balance([flow(IN, FlowKind.WATER, "Tap water", 10, "m³")], (), "water")
    assert (water.outputs_unmetered, water.closure_percent, water.flagged) == (
        False, 100.0, True)  # water that leaves unrecorded is a gap in the records


def test_the_unit_operations_are_listed_in_order():
    assert unit_operations(dye_house_flows()) == ("Boiler house", "Dyeing")


def test_outputs_without_inputs_are_flagged_and_nothing_at_all_is_not():
    waste_only = [flow(OUT, FlowKind.WASTE, "Sludge", 1, "t", fate="landfill")]
    result = balance(waste_only, (), "mass")
    assert (result.closure_percent, result.flagged) == (None, True)
    empty = balance([], (), "energy")
    assert (empty.inputs_base, empty.outputs_base, empty.flagged) == (0, 0, False)


def test_months_are_added_up_into_the_balance():
    february = ReportingPeriod(2024, 2)
    flows = dye_house_flows() + dye_house_flows(february)
    products = dye_house_products() + dye_house_products(february)
    result = balance(flows, products, "mass")
    assert (result.inputs_base, result.closure_percent) == (20, pytest.approx(3.0))
    assert result.periods == (JAN, february)


def test_it_refuses_a_flow_recorded_for_a_year_and_for_its_months():
    flows = dye_house_flows() + [flow(IN, FlowKind.MATERIAL, "Grey fabric", 120, "t",
                                      period=ReportingPeriod(2024))]
    with pytest.raises(DomainError) as error:
        balance(flows, (), "mass")
    assert error.value.field == "period"
    assert "Grey fabric" in str(error.value) and "2024" in str(error.value)


def test_it_refuses_the_flows_of_several_companies():
    flows = dye_house_flows() + [flow(IN, FlowKind.WATER, "Tap water", 1, "m³", company="X02")]
    with pytest.raises(DomainError) as error:
        balance(flows, (), "water")
    assert error.value.field == "company_code"
    assert "D01, X02" in str(error.value)


@pytest.mark.parametrize(("arguments", "field"), [
    ({"kind": "steam"}, "kind"),
    ({"kind": "mass", "threshold_percent": 120}, "threshold_percent"),
    ({"kind": "mass", "evaporation": quantity(1, "m³")}, "kind"),
    ({"kind": "water", "evaporation": quantity(1, "t")}, "evaporation"),
    ({"kind": "water", "water_in_products": quantity(-1, "m³")}, "water_in_products"),
])
def test_it_names_the_argument_that_is_wrong(arguments, field):
    with pytest.raises(DomainError) as error:
        balance(dye_house_flows(), (), **arguments)
    assert error.value.field == field
