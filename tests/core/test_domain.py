"""openeip.core.domain: the rules each object keeps, and the field a broken rule names."""

from __future__ import annotations

from decimal import Decimal

import pytest

from openeip.core.domain import (
    Company,
    Direction,
    FlowKind,
    LandUse,
    Location,
    Park,
    Product,
    ReportingPeriod,
    ResourceFlow,
)
from openeip.core.errors import DomainError
from openeip.core.units import quantity

MARCH = ReportingPeriod(2024, 3)


def flow(**changes: object) -> ResourceFlow:
    values: dict[str, object] = {
        "company_code": "C01", "period": MARCH, "direction": Direction.INPUT,
        "kind": FlowKind.WATER, "description": "Tap water", "quantity": quantity(50, "m³")}
    values.update(changes)
    return ResourceFlow(**values)  # type: ignore[arg-type]


def broken_field(build: object, *args: object, **kwargs: object) -> str | None:
    with pytest.raises(DomainError) as caught:
        build(*args, **kwargs)  # type: ignore[operator]
    return caught.value.field


def test_a_period_is_a_year_or_a_month():
    assert ReportingPeriod.parse("2024") == ReportingPeriod(2024)
    assert ReportingPeriod.parse(" 2024-3 ") == ReportingPeriod(2024, 3)
    assert ReportingPeriod(2024, 3).label() == "2024-03"
    assert str(ReportingPeriod(2024)) == "2024"


def test_periods_sort_by_year_then_month():
    periods = [ReportingPeriod(2024, 2), ReportingPeriod(2023), ReportingPeriod(2024, 1)]
    assert [p.label() for p in sorted(periods, key=lambda p: (p.year, p.month or 0))] == [
        "2023", "2024-01", "2024-02"]


@pytest.mark.parametrize(("text", "field"), [("2024/03", "period"), ("March", "period"),
                                             ("2024-13", "month"), ("1989", "year")])
def test_a_bad_period_names_its_field(text, field):
    assert broken_field(ReportingPeriod.parse, text) == field


def test_a_location_stays_on_earth():
    assert broken_field(Location, 91, 106) == "latitude"
    assert broken_field(Location, 10, 181) == "longitude"


def test_a_park_slug_is_lower_case_letters_digits_and_hyphens():
    assert broken_field(Park, "Song Than", "Song Than", "", "Bình Dương",
                        quantity(10, "ha")) == "slug"


def test_a_park_needs_a_name_in_one_language():
    park = Park("p", "", "KCN P", "Huế", quantity(10, "ha"))
    assert park.name("en") == "KCN P"
    assert broken_field(Park, "p", " ", "", "Huế", quantity(10, "ha")) == "name_en"


def test_land_use_may_not_exceed_the_park_area():
    land = LandUse(*(quantity(part, "ha") for part in (7, 1, 1, 1.5)))
    assert land.total() == quantity(10.5, "ha")
    assert broken_field(Park, "p", "P", "", "Huế", quantity(10, "ha"), land_use=land) == (
        "land_use")


def test_a_park_area_is_stored_in_hectares():
    assert Park("p", "P", "", "Huế", quantity(2.5, "km**2")).area == quantity(250, "ha")


def test_a_company_takes_its_sector_name_from_the_vsic_catalogue():
    company = Company("C01", "Dye Works", "", "1313")
    assert company.vsic_name == "Finishing of textiles (dyeing)"


@pytest.mark.parametrize(("changes", "field"), [
    ({"code": " "}, "code"),
    ({"name_en": "", "name_vi": ""}, "name_en"),
    ({"vsic_code": "13"}, "vsic_code"),
    ({"vsic_code": "9999"}, "vsic_name"),
    ({"employees": -1}, "employees"),
    ({"ownership": "cooperative"}, "ownership"),
])
def test_a_company_rule_names_its_field(changes, field):
    values: dict[str, object] = {"code": "C01", "name_en": "Dye Works", "name_vi": "",
                                 "vsic_code": "1313", **changes}
    assert broken_field(Company, **values) == field


def test_a_product_is_a_mass_volume_area_energy_or_count():
    product = Product("C01", MARCH, "Cloth", quantity(12, "t"), Decimal("1000"))
    assert product.key() == ("C01", MARCH, "Cloth")
    assert Product("C01", MARCH, "Cloth", quantity(2500, "m²")).quantity.magnitude == 2500
    assert broken_field(Product, "C01", MARCH, "Cloth", quantity(1, "tCO2e")) == "unit"
    assert broken_field(Product, "C01", MARCH, "Cloth", quantity(-1, "t")) == "quantity"
    assert broken_field(Product, "C01", MARCH, "Cloth", quantity(1, "t"),
                        Decimal("-5")) == "sales_value_vnd"


def test_a_flow_is_kept_in_its_base_unit():
    assert (flow().base_quantity, flow().base_unit) == (50.0, "m**3")
    grid = flow(kind=FlowKind.ENERGY, quantity=quantity(1500, "kWh"))
    assert (grid.base_quantity, grid.base_unit) == (1.5, "MWh")


def test_ten_tonnes_of_diesel_are_119_444_megawatt_hours():
    diesel = flow(kind=FlowKind.ENERGY, description="Diesel", quantity=quantity(10, "t"),
                  classification_code="diesel")
    assert round(diesel.base_quantity, 3) == 119.444
    assert diesel.base_unit == "MWh"


def test_the_natural_key_of_a_flow():
    assert flow().key() == ("C01", MARCH, "input", "water", "Tap water")


@pytest.mark.parametrize(("changes", "field"), [
    ({"quantity": quantity(5, "kWh")}, "unit"),                     # water in kWh
    ({"direction": Direction.OUTPUT}, "direction"),                 # water is an input
    ({"description": "  "}, "description"),
    ({"quantity": quantity(-1, "m³")}, "quantity"),
    ({"cost_vnd": Decimal("-1")}, "cost_vnd"),
    ({"fate": "landfill"}, "fate"),                                 # inputs have no fate
    ({"source": "river"}, "source"),
    ({"kind": FlowKind.ENERGY, "quantity": quantity(1, "t")}, "classification_code"),
    ({"kind": FlowKind.ENERGY, "quantity": quantity(1, "t"),
      "classification_code": "unobtainium"}, "classification_code"),
])
def test_a_flow_rule_names_its_field(changes, field):
    assert broken_field(flow, **changes) == field


def test_an_output_has_a_fate_but_no_source():
    waste = {"direction": Direction.OUTPUT, "kind": FlowKind.WASTE, "quantity": quantity(2, "t")}
    assert flow(**waste, fate="recycled").fate == "recycled"
    assert broken_field(flow, **waste, source="grid") == "source"
