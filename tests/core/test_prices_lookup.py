"""price_of: VND per base unit of a flow, from the company's price, its recorded cost or a default.

Hand checks: 1 t of diesel = 43.0 GJ = 11.9444… MWh, so 20,000,000 VND/t = 20e6 × 3.6 / 43
VND/MWh; 1 L of diesel = 0.84 kg × 43.0 MJ/kg = 36.12 MJ, so 20,000 VND/L = 20,000 × 3,600 / 36.12
VND/MWh.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from openeip.core.domain import Direction, FlowKind, ReportingPeriod, ResourceFlow
from openeip.core.errors import DomainError
from openeip.core.prices import PriceOverride, default_price_book, price_of
from openeip.core.units import quantity

MARCH = ReportingPeriod(2025, 3)


def flow(kind: FlowKind, description: str, amount: float, unit: str, *, code: str = "",
         source: str = "", cost: str | None = None, hazardous: bool = False) -> ResourceFlow:
    direction = (Direction.OUTPUT if kind in (FlowKind.WASTE, FlowKind.WASTEWATER)
                 else Direction.INPUT)
    return ResourceFlow("A1", MARCH, direction, kind, description, quantity(amount, unit),
                        classification_code=code, source=source, hazardous=hazardous,
                        cost_vnd=Decimal(cost) if cost else None,
                        fate="treatment" if direction is Direction.OUTPUT else "")


def electricity(cost: str | None = None) -> ResourceFlow:
    return flow(FlowKind.ENERGY, "Grid electricity", 1000, "kWh", source="grid", cost=cost)


def test_grid_electricity_without_a_recorded_cost_takes_the_blended_tariff_per_mwh():
    per_mwh, price = price_of(electricity(), default_price_book())
    assert per_mwh == pytest.approx(339_372 / 168 * 1000, rel=1e-12)
    assert price.resource == "electricity" and "1279/QĐ-BCT" in str(price.source)


def test_a_recorded_cost_beats_the_shipped_default():
    per_mwh, price = price_of(electricity(cost="2000000"), default_price_book())
    assert per_mwh == 2_000_000  # 2,000,000 VND for 1 MWh
    assert price.verification == "recorded"


def test_the_companys_price_beats_its_recorded_cost():
    book = default_price_book().with_overrides([PriceOverride("electricity", 2100, "VND/kWh")])
    per_mwh, price = price_of(electricity(cost="2000000"), book)
    assert per_mwh == pytest.approx(2_100_000, rel=1e-12)
    assert price.verification == "user"


def test_a_price_for_one_flow_beats_the_price_of_its_kind():
    book = default_price_book().with_overrides([
        PriceOverride("electricity", 2100, "kWh"),
        PriceOverride("energy:Grid electricity", 1.9, "VND/Wh")])
    per_mwh, _price = price_of(electricity(), book)
    assert per_mwh == pytest.approx(1_900_000, rel=1e-12)


def test_a_fuel_priced_per_tonne_is_converted_to_vnd_per_mwh_by_its_ncv():
    diesel = flow(FlowKind.ENERGY, "Diesel", 10, "t", code="diesel", source="supplier")
    book = default_price_book().with_overrides([PriceOverride("fuel:diesel", 20_000_000, "t")])
    per_mwh, _price = price_of(diesel, book)
    assert per_mwh == pytest.approx(20e6 * 3.6 / 43, rel=1e-12)
    assert per_mwh * diesel.base_quantity == pytest.approx(200_000_000, rel=1e-12)


def test_a_fuel_priced_per_litre_is_converted_by_density_and_ncv():
    diesel = flow(FlowKind.ENERGY, "Diesel", 10, "t", code="diesel", source="supplier")
    book = default_price_book().with_overrides([PriceOverride("diesel", 20_000, "VND/L")])
    per_mwh, _price = price_of(diesel, book)
    assert per_mwh == pytest.approx(20_000 * 3600 / 36.12, rel=1e-12)


def test_a_fuel_without_a_price_asks_for_one():
    diesel = flow(FlowKind.ENERGY, "Diesel", 10, "t", code="diesel", source="supplier")
    with pytest.raises(DomainError, match="'fuel:diesel'") as error:
        price_of(diesel, default_price_book())
    assert "Diesel" in str(error.value) and error.value.field == "price"


def test_a_fuel_without_density_priced_per_litre_is_rejected_when_used():
    coal = flow(FlowKind.ENERGY, "Coal", 5, "t", code="anthracite", source="supplier")
    book = default_price_book().with_overrides([PriceOverride("anthracite", 3000, "VND/L")])
    with pytest.raises(DomainError, match="per L") as error:
        price_of(coal, book)
    assert error.value.field == "unit"


def test_water_takes_the_tariff_of_the_companys_province():
    water = flow(FlowKind.WATER, "Tap water", 50, "m³", source="supplier")
    per_m3, price = price_of(water, default_price_book().with_overrides(province="Hà Nội"))
    assert per_m3 == 11615 and price.year == 2015


def test_water_in_a_province_without_a_tariff_names_the_province():
    water = flow(FlowKind.WATER, "Tap water", 50, "m³", source="supplier")
    with pytest.raises(DomainError, match="Hải Phòng"):
        price_of(water, default_price_book().with_overrides(province="Hải Phòng"))


def test_hazardous_waste_without_a_fee_shows_the_historic_range_as_a_guide_only():
    sludge = flow(FlowKind.WASTE, "Sludge", 2, "t", hazardous=True)
    with pytest.raises(DomainError, match="waste:hazardous") as error:
        price_of(sludge, default_price_book())
    assert "20,000,000–40,000,000 VND/t" in str(error.value)


def test_a_waste_fee_by_waste_code_in_vnd_per_kg_is_converted_to_vnd_per_tonne():
    sludge = flow(FlowKind.WASTE, "Sludge", 2, "t", code="12 06 05", hazardous=True)
    book = default_price_book().with_overrides([
        PriceOverride("waste:hazardous", 9000, "VND/kg"),
        PriceOverride("waste:12 06 05", 4500, "VND/kg")])
    per_t, price = price_of(sludge, book)
    assert per_t == pytest.approx(4_500_000, rel=1e-12)
    assert price.resource == "waste:12 06 05"


def test_a_material_is_priced_by_its_description():
    fabric = flow(FlowKind.MATERIAL, "Grey fabric", 3, "t", source="supplier")
    book = default_price_book().with_overrides(
        [PriceOverride("material:Grey fabric", 80_000, "VND/kg")])
    per_t, _price = price_of(fabric, book)
    assert per_t == pytest.approx(80_000_000, rel=1e-12)
