"""openeip.core.units: parsing units as people write them, base units and fuel energy.

Every expected number can be checked by hand: 1 MWh = 3.6 GJ, 1 toe = 41.868 GJ (IEA).
"""

from __future__ import annotations

import pint
import pytest

from openeip.core.errors import UnitError
from openeip.core.units import (
    Quantity,
    dimension_of,
    fuel_energy,
    parse_unit,
    quantity,
    to_base,
    unit_symbol,
)
from openeip.core.units._registry import fuel


@pytest.mark.parametrize(("written", "symbol"), [
    ("tấn", "t"), ("tan", "t"), ("ton", "t"), ("kg", "kg"), ("m3", "m³"), ("m³", "m³"),
    ("khối", "m³"), ("lít", "L"), ("l", "L"), ("kwh", "kWh"), ("Số kWh", "kWh"),
    ("GJ", "GJ"), ("toe", "toe"), ("Nm³", "Nm3"), ("tCO2e", "tCO2e"), ("cái", "pcs"),
])
def test_it_reads_units_as_people_write_them(written, symbol):
    assert unit_symbol(parse_unit(written)) == symbol


@pytest.mark.parametrize("symbol", ["t", "kg", "m³", "L", "hl", "kWh", "MWh", "GJ", "toe",
                                    "Nm3", "tCO2e", "pcs", "pair"])
def test_the_symbol_of_a_unit_reads_back_as_the_same_unit(symbol):
    assert unit_symbol(parse_unit(unit_symbol(parse_unit(symbol)))) == unit_symbol(
        parse_unit(symbol))


def test_it_rejects_an_unknown_unit_and_names_it():
    with pytest.raises(UnitError, match="Unknown unit 'bananas'"):
        parse_unit("bananas")


def test_it_rejects_an_empty_unit():
    with pytest.raises(UnitError, match="The unit is empty"):
        parse_unit("  ")


def test_it_rejects_a_rate_because_flows_are_totals():
    with pytest.raises(UnitError, match="is a rate"):
        parse_unit("t/h")


def test_it_rejects_a_unit_of_a_dimension_openeip_does_not_record():
    with pytest.raises(UnitError, match="not a mass, volume, energy, CO2e or count unit"):
        parse_unit("km")


@pytest.mark.parametrize(("written", "dimension"), [
    ("t", "mass"), ("m³", "volume"), ("Nm3", "volume"), ("kWh", "energy"), ("toe", "energy"),
    ("tCO2e", "co2e"), ("pcs", "count"),
])
def test_each_unit_has_one_of_the_recorded_dimensions(written, dimension):
    assert dimension_of(parse_unit(written)) == dimension


def test_co2e_is_never_added_to_a_plain_mass():
    with pytest.raises(pint.DimensionalityError):
        _ = quantity(1, "tCO2e") + quantity(1, "t")


@pytest.mark.parametrize(("value", "unit", "expected", "base"), [
    (1000, "kWh", 1.0, "MWh"),
    (36, "GJ", 10.0, "MWh"),          # 36 GJ / 3.6 GJ per MWh
    (1, "toe", 11.63, "MWh"),         # 41.868 GJ / 3.6
    (2500, "kg", 2.5, "t"),
    (500, "L", 0.5, "m**3"),
    (3, "hL", 0.3, "m**3"),
    (250, "kgCO2e", 0.25, "tCO2e"),
    (5, "pair", 10.0, "piece"),
])
def test_to_base_converts_to_the_unit_totals_are_kept_in(value, unit, expected, base):
    magnitude, name = to_base(quantity(value, unit))
    assert magnitude == pytest.approx(expected, rel=1e-12)
    assert name == base


def test_ten_tonnes_of_diesel_hold_119_444_megawatt_hours():
    # 10 t × 43.0 MJ/kg = 430,000 MJ = 430 GJ; 430 / 3.6 = 119.444 MWh
    energy = fuel_energy(quantity(10, "t"), fuel("diesel"))
    assert round(energy.to("MWh").magnitude, 3) == 119.444


def test_a_thousand_litres_of_diesel_go_through_its_density():
    # 1 m³ × 840 kg/m³ × 43.0 MJ/kg = 36,120 MJ = 10.0333 MWh
    energy = fuel_energy(quantity(1000, "L"), fuel("diesel"))
    assert round(energy.to("MWh").magnitude, 4) == 10.0333


def test_an_energy_quantity_of_a_fuel_is_just_converted():
    assert fuel_energy(quantity(7.2, "GJ"), fuel("diesel")).magnitude == pytest.approx(2.0)


def test_a_volume_of_a_fuel_without_a_density_is_refused():
    with pytest.raises(UnitError, match="No density is known for fuel 'anthracite'"):
        fuel_energy(quantity(1, "m³"), fuel("anthracite"))


def test_an_unknown_fuel_code_lists_the_known_ones():
    with pytest.raises(UnitError, match="Unknown fuel code 'petrol'.*diesel"):
        fuel("petrol")


def test_the_same_fuel_conversion_twice_gives_the_same_number():
    # conversion factors are cached; a cached answer must equal the first one
    first = fuel_energy(quantity(3.3, "t"), fuel("fuel_oil")).magnitude
    assert fuel_energy(Quantity(3.3, parse_unit("t")), fuel("fuel_oil")).magnitude == first
    assert first == pytest.approx(3.3 * 40.4 / 3.6, rel=1e-12)  # 40.4 MJ/kg


def test_the_registry_is_built_without_a_usable_cache_of_its_definitions(tmp_path, monkeypatch):
    from openeip.core.units import _registry

    # a cache folder that cannot be made (its parent is a file)
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    assert _registry._build_registry().Quantity(2, "t").to("kg").magnitude == 2000
    # cached definitions cut short, as another process might leave them while writing
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    _registry._build_registry()
    pickles = list((tmp_path / "cache" / "pint").glob("*.pickle"))
    assert pickles
    for cached in pickles:
        cached.write_bytes(cached.read_bytes()[:50])
    assert _registry._build_registry().Quantity(3, "MWh").to("GJ").magnitude == pytest.approx(
        10.8)
