"""Writing is lossless: read_dataset(write_dataset(d)) gives back the same domain objects."""

from __future__ import annotations

import io
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
from openeip.core.intake import FORMATS, Dataset, read_dataset, write_dataset
from openeip.core.units import quantity, unit_symbol

YEAR = ReportingPeriod(2024)
MARCH = ReportingPeriod(2024, 3)


def dataset() -> Dataset:
    park = Park(
        slug="song-than-2", name_en="Song Than 2 Industrial Park", name_vi="KCN Sóng Thần 2",
        province="Bình Dương", area=quantity(279, "ha"), operator="Công ty CP Đầu tư Sóng Thần",
        land_use=LandUse(quantity(200, "ha"), quantity(30.5, "ha"), quantity(25, "ha"),
                         quantity(23.5, "ha")),
        location=Location(10.9312, 106.7301),
        boundary=((10.92, 106.72), (10.94, 106.72), (10.94, 106.745)),
    )
    companies = [
        Company(code="0301234567", name_en="", name_vi="Công ty TNHH Dệt Nhuộm Ánh Dương",
                vsic_code="1313", employees=420, ownership="foreign",
                location=Location(10.93, 106.731), park_slug="song-than-2"),
        Company(code="C-02", name_en="Minimal Co.", name_vi="", vsic_code="2220",
                park_slug="song-than-2"),
    ]
    products = [
        Product("0301234567", YEAR, "Vải nhuộm", quantity(1250.75, "t"),
                Decimal("52000000000.50")),
        Product("0301234567", MARCH, "Vải nhuộm", quantity(98, "t")),
        Product("C-02", YEAR, "Chai nhựa", quantity(1200000, "piece")),
    ]
    flows = [
        ResourceFlow("0301234567", MARCH, Direction.INPUT, FlowKind.ENERGY, "Dầu diesel",
                     quantity(10, "t"), classification_code="diesel",
                     cost_vnd=Decimal("215000000"), source="supplier"),
        ResourceFlow("0301234567", MARCH, Direction.INPUT, FlowKind.ENERGY, "Điện lưới",
                     quantity(152345.5, "kWh"), source="grid"),
        ResourceFlow("0301234567", MARCH, Direction.OUTPUT, FlowKind.WASTE, "Bùn thải nhuộm",
                     quantity(2.35, "t"), classification_code="12 06 05", hazardous=True,
                     fate="treatment", cost_vnd=Decimal("9400000")),
        ResourceFlow("0301234567", YEAR, Direction.OUTPUT, FlowKind.WASTEWATER, "Nước thải",
                     quantity(45000, "m³"), fate="treatment"),
        ResourceFlow("C-02", YEAR, Direction.INPUT, FlowKind.MATERIAL, "=PET resin (text)",
                     quantity(830, "kg")),
        ResourceFlow("C-02", YEAR, Direction.INPUT, FlowKind.WATER, "Nước máy",
                     quantity(1500, "L"), source="supplier"),
        ResourceFlow("C-02", YEAR, Direction.OUTPUT, FlowKind.AIR_EMISSION, "CO2 lò hơi",
                     quantity(12.5, "tCO2e")),
    ]
    return Dataset(park=park, companies=companies, products=products, flows=flows)


def round_trip(original: Dataset, fmt: str, language: str = "en") -> Dataset:
    stream = io.BytesIO()
    write_dataset(original, stream, fmt, language=language)
    return read_dataset(stream.getvalue(), "export." + fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_writing_and_reading_back_gives_the_same_domain_objects(fmt):
    original = dataset()
    copy = round_trip(original, fmt)
    assert copy.park == original.park
    assert copy.companies == original.companies
    assert copy.products == original.products
    assert copy.flows == original.flows
    # pint's == converts units, so check that the units themselves are the ones written
    assert [(f.quantity.magnitude, unit_symbol(f.quantity.units)) for f in copy.flows] == [
        (f.quantity.magnitude, unit_symbol(f.quantity.units)) for f in original.flows]
    assert [unit_symbol(p.quantity.units) for p in copy.products] == ["t", "t", "pcs"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_round_trip_keeps_units_money_and_flags_exactly(fmt):
    copy = round_trip(dataset(), fmt)
    diesel, grid, sludge = copy.flows[:3]
    assert str(diesel.quantity.units) == "metric_ton"
    assert round(diesel.base_quantity, 3) == 119.444  # 10 t × 43 MJ/kg = 430 GJ
    assert grid.quantity.magnitude == 152345.5
    assert sludge.hazardous is True
    assert sludge.cost_vnd == Decimal("9400000")
    assert copy.products[0].sales_value_vnd == Decimal("52000000000.50")
    assert copy.products[1].sales_value_vnd is None
    assert copy.flows[4].description == "=PET resin (text)"
    assert copy.companies[1].employees is None
    assert copy.companies[1].location is None


def test_a_vietnamese_workbook_export_reads_back_too():
    original = dataset()
    copy = round_trip(original, "xlsx", language="vi")
    assert copy.flows == original.flows


def test_an_export_without_a_park_stays_without_one():
    original = dataset()
    original.park = None
    for company in original.companies:
        object.__setattr__(company, "park_slug", "")
    for fmt in FORMATS:
        copy = round_trip(original, fmt)
        assert copy.park is None
        assert copy.companies == original.companies


def test_rows_of_an_xlsx_export_are_the_sheet_rows():
    copy = round_trip(dataset(), "xlsx")
    assert copy.flow_rows == [2, 3, 4, 5, 6, 7, 8]
    assert copy.product_rows == [2, 3, 4]


def test_the_csv_export_is_one_file_with_a_table_column():
    stream = io.BytesIO()
    write_dataset(dataset(), stream, "csv")
    lines = stream.getvalue().decode("utf-8-sig").splitlines()
    assert lines[0].startswith("table,slug,name_en,name_vi,province,area_ha")
    assert [line.split(",", 1)[0] for line in lines[1:]] == (
        ["park"] + ["company"] * 2 + ["product"] * 3 + ["flow"] * 7)


def test_an_unknown_export_format_is_refused():
    with pytest.raises(ValueError, match="use xlsx, csv or json"):
        write_dataset(dataset(), io.BytesIO(), "ods")
