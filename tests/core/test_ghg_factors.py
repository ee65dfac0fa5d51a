"""The factor tables load, cover every fuel, and say where each value comes from."""

from __future__ import annotations

import pytest

from openeip.core import catalogues
from openeip.core.ghg import GwpSet, fuel_factors, grid_factor, grid_factors, gwp_values

LEVELS = {"primary", "secondary", "unverified"}


def test_every_catalogued_fuel_has_combustion_factors():
    assert set(fuel_factors()) == set(catalogues.fuels())


def test_only_wood_biomass_and_charcoal_are_biogenic():
    biogenic = {code for code, factor in fuel_factors().items() if factor.biogenic}
    assert biogenic == {"wood", "biomass_other", "charcoal"}


def test_fuel_factors_are_those_of_the_reference_notes():
    diesel = fuel_factors()["diesel"]
    assert (diesel.co2.to("kg/TJ").magnitude, diesel.ch4.to("kg/TJ").magnitude,
            diesel.n2o.to("kg/TJ").magnitude) == (74100, 3, 0.6)
    natural_gas = fuel_factors()["natural_gas"]
    assert natural_gas.n2o.to("kg/TJ").magnitude == 0.1  # not ghgpy's mistaken 1.5
    assert fuel_factors()["charcoal"].ch4.to("kg/TJ").magnitude == 200


def test_every_fuel_factor_cites_its_source_and_verification():
    for factor in fuel_factors().values():
        assert factor.co2_source and factor.ch4_n2o_source, factor.fuel_code
        assert factor.co2_verification in LEVELS and factor.ch4_n2o_verification in LEVELS
        assert factor.version == "2026.1"
        assert len(factor.references()) == 3


def test_the_grid_series_covers_2014_to_2024_without_gaps():
    assert sorted(grid_factors()) == list(range(2014, 2025))
    for factor in grid_factors().values():
        assert factor.source and factor.verification in LEVELS
        assert 0.5 < factor.value.to("tCO2e/MWh").magnitude < 1.0


def test_the_2024_grid_factor_is_marked_as_not_yet_official():
    factor = grid_factor(2024)
    assert factor.value.to("tCO2e/MWh").magnitude == 0.6811
    assert factor.official is False
    assert grid_factor(2022).official is True


def test_a_year_before_the_series_takes_the_earliest_factor_and_names_it():
    factor = grid_factor(2013)
    assert factor.year == 2014 and factor.value.magnitude == 0.6612
    assert (factor.notice.code, factor.notice.data_year, factor.notice.used_year) == (
        "earliest_used", 2013, 2014)


@pytest.mark.parametrize(("gwp_set", "ch4_fossil", "ch4_biomass", "n2o"),
                         [(GwpSet.AR5, 28, 28, 265), (GwpSet.AR6, 29.8, 27.0, 273)])
def test_gwp_sets_hold_the_report_values(gwp_set, ch4_fossil, ch4_biomass, n2o):
    values = gwp_values(gwp_set)
    ch4 = {origin: gwp.value for (gas, origin), gwp in values.items() if gas == "CH4"}
    assert ch4.get("fossil", ch4.get("any")) == ch4_fossil
    assert ch4.get("non_fossil", ch4.get("any")) == ch4_biomass
    assert values[("N2O", "any")].value == n2o
    assert values[("CO2", "any")].value == 1
    assert all(gwp.source and gwp.verification == "unverified" for gwp in values.values())
