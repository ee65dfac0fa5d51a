"""Computed EIP indicators on a hand-checked park (every number worked out in a comment)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from openeip.core.eip.catalogue import indicator_catalogue
from openeip.core.eip.indicators import IndicatorInputs, compute_indicators
from openeip.core.errors import DomainError

PARK = IndicatorInputs(
    year=2025, firms=12, firms_with_recp_implemented=3, firms_with_recp_assessment=11,
    firms_in_exchanges=5, operating_exchanges=4, firms_reporting=9,
    wastewater_m3=D(80000), wastewater_reused_m3=D(12000),
    energy_mwh=D(45000), renewable_energy_mwh=D(3600), water_m3=D(600000),
    waste_t=D(2400), waste_recycled_t=D(1500), waste_landfilled_t=D(300),
    area_ha=D(300), green_ha=D(36), roads_ha=D(30), shared_infra_ha=D(9),
    ghg_t=D(27000), sales_bn_vnd=D(8100))


def test_every_indicator_on_the_hand_checked_park() -> None:
    values = {code: v.value for code, v in compute_indicators(PARK).items()}
    assert values == {
        "recp_firms_share": D("25.00"),          # 3 / 12 = 25 %
        "recp_awareness_share": D("91.67"),      # 11 / 12 = 91.666… → 91.67
        "symbiosis_links": D(4),
        "symbiosis_firms_share": D("41.67"),     # 5 / 12 = 41.666… → 41.67
        "wastewater_reused_share": D("15.00"),   # 12 000 / 80 000 = 15 %
        "renewable_energy_share": D("8.00"),     # 3 600 / 45 000 = 8 %
        "waste_recycled_share": D("62.50"),      # 1 500 / 2 400 = 62.5 %
        "waste_landfilled_share": D("12.50"),    # 300 / 2 400 = 12.5 %
        "green_space_share": D("12.00"),         # 36 / 300 = 12 %
        "green_roads_infra_share": D("25.00"),   # (36 + 30 + 9) / 300 = 75 / 300 = 25 %
        "energy_intensity_per_ha": D("150.000"),     # 45 000 MWh / 300 ha
        "water_intensity_per_ha": D("2000.000"),     # 600 000 m3 / 300 ha
        "ghg_intensity_per_ha": D("90.000"),         # 27 000 t / 300 ha
        "ghg_intensity_per_value": D("3.333"),       # 27 000 t / 8 100 bn VND = 3.333…
        "firms_reporting_share": D("75.00"),     # 9 / 12 = 75 %
        # the social pillar: not given on this park, so not computed (never 0 by default)
        "training_firms_share": None, "people_trained_women": None, "people_trained_men": None,
        "grievances_in_time_share": None, "grievances_received": None,
        "dialogue_meetings": None,
    }


def test_values_carry_units_and_parts() -> None:
    share = compute_indicators(PARK)["recp_firms_share"]
    assert (share.unit, share.numerator, share.denominator) == ("%", D(3), D(12))
    assert str(share.detail) == "3 (firms with an RECP option implemented) / 12 (firms in the park)"
    assert compute_indicators(PARK)["ghg_intensity_per_value"].unit == "t CO2e/bn VND"
    assert list(compute_indicators(PARK)) == list(indicator_catalogue())


def test_half_up_rounding() -> None:
    # 1 / 8 = 12.5 % exactly; 1 / 3 = 33.333… → 33.33; 2 / 3 = 66.666… → 66.67
    assert compute_indicators(IndicatorInputs(2025, firms=8, firms_reporting=1))[
        "firms_reporting_share"].value == D("12.50")
    assert compute_indicators(IndicatorInputs(2025, firms=3, firms_reporting=2))[
        "firms_reporting_share"].value == D("66.67")
    # 1 / 800 = 0.125 % → 0.13 (half-up, not half-even 0.12)
    assert compute_indicators(IndicatorInputs(2025, firms=800, firms_reporting=1))[
        "firms_reporting_share"].value == D("0.13")


def test_missing_denominator_is_none_never_zero() -> None:
    values = compute_indicators(IndicatorInputs(2025, firms_with_recp_implemented=3))
    share = values["recp_firms_share"]
    assert share.value is None
    assert str(share.detail) == "Not computed: firms in the park not known."
    assert all(v.value is None for v in values.values())


def test_zero_denominator_is_none() -> None:
    values = compute_indicators(IndicatorInputs(2025, firms=0, firms_with_recp_implemented=0,
                                                wastewater_m3=D(0), wastewater_reused_m3=D(0)))
    assert values["recp_firms_share"].value is None
    assert str(values["recp_firms_share"].detail) == "Not computed: firms in the park is 0."
    assert values["wastewater_reused_share"].value is None


def test_zero_numerator_is_zero_when_the_denominator_is_known() -> None:
    values = compute_indicators(IndicatorInputs(2025, firms=10, firms_with_recp_implemented=0,
                                                operating_exchanges=0))
    assert values["recp_firms_share"].value == D("0.00")
    assert values["symbiosis_links"].value == D(0)


def test_green_roads_infra_needs_every_part() -> None:
    value = compute_indicators(IndicatorInputs(2025, area_ha=D(100), green_ha=D(10),
                                               roads_ha=D(12)))["green_roads_infra_share"]
    assert value.value is None
    assert str(value.detail) == "Not computed: shared infrastructure (ha) not known."


@pytest.mark.parametrize(("inputs", "field"), [
    (IndicatorInputs(2025, firms=10, firms_with_recp_implemented=11),
     "firms_with_recp_implemented"),
    (IndicatorInputs(2025, waste_t=D(10), waste_landfilled_t=D(11)), "waste_landfilled_t"),
    (IndicatorInputs(2025, energy_mwh=D(-1)), "energy_mwh"),
    (IndicatorInputs(2025, area_ha=D(10), green_ha=D(5), roads_ha=D(5), shared_infra_ha=D(1)),
     "area_ha"),
])
def test_impossible_inputs_are_errors_naming_the_input(inputs: IndicatorInputs,
                                                       field: str) -> None:
    with pytest.raises(DomainError) as caught:
        compute_indicators(inputs)
    assert caught.value.field == field


def test_the_social_indicators_from_training_and_grievances() -> None:
    from dataclasses import replace

    park = replace(PARK, firms_trained=3, people_trained_women=7, people_trained_men=5,
                   grievances_closed=8, grievances_closed_in_time=6)
    values = {code: v.value for code, v in compute_indicators(park).items()}
    assert values["training_firms_share"] == D("25.00")       # 3 / 12
    assert values["people_trained_women"] == D(7)
    assert values["people_trained_men"] == D(5)
    assert values["grievances_in_time_share"] == D("75.00")   # 6 / 8


def test_more_firms_trained_than_firms_is_an_error() -> None:
    from dataclasses import replace

    with pytest.raises(DomainError) as raised:
        compute_indicators(replace(PARK, firms_trained=13))
    assert raised.value.field == "firms_trained"
