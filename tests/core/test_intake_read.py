"""What the reader accepts from a workbook, and how it turns cells into domain objects."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import openpyxl

from openeip.core.domain import Direction, FlowKind, ReportingPeriod
from openeip.core.intake import count_rows, read_dataset
from openeip.core.units import Quantity
from tests.core.intake_files import COMPANY, FLOW, keys, xlsx


def test_it_reads_a_flow_into_a_domain_object_with_its_row():
    dataset = read_dataset(xlsx(companies=[COMPANY], flows=[FLOW]), "data.xlsx")
    (flow,) = dataset.flows
    assert flow.company_code == "C01"
    assert flow.period == ReportingPeriod(2024, 1)
    assert (flow.direction, flow.kind) == (Direction.INPUT, FlowKind.WATER)
    assert flow.quantity == Quantity(50, "m**3")
    assert (flow.base_quantity, flow.base_unit) == (50.0, "m**3")
    assert flow.source == "supplier"
    assert dataset.flow_rows == [2]
    assert dataset.company_rows == [2]


def test_it_accepts_label_and_key_headers_in_any_order_and_either_language():
    header = ["Đơn vị [unit]", "quantity", "Company code [company_code]", "Kỳ báo cáo",
              "Direction", "kind [kind]", "Mô tả [description]"]
    dataset = read_dataset(xlsx(companies=[COMPANY], flows=[FLOW], headers={"flows": header}),
                           "data.xlsx")
    assert dataset.flows[0].quantity == Quantity(50, "m**3")


def test_it_skips_comment_rows_and_empty_rows_but_keeps_row_numbers():
    comment = ["# C01", "2024-01", "input", "water", "Example", None, None, 1, "m3"]
    other = {**FLOW, "description": "Well water"}
    dataset = read_dataset(xlsx(companies=[COMPANY], flows=[comment, FLOW, [], [None], other]),
                           "data.xlsx")
    assert [f.description for f in dataset.flows] == ["Tap water", "Well water"]
    assert dataset.flow_rows == [3, 6]


def test_a_period_that_excel_turned_into_a_date_is_read_as_its_month():
    flow = {**FLOW, "period": datetime.datetime(2024, 3, 1)}
    dataset = read_dataset(xlsx(companies=[COMPANY], flows=[flow]), "data.xlsx")
    assert dataset.flows[0].period == ReportingPeriod(2024, 3)


def test_a_year_typed_as_a_number_is_an_annual_period():
    flow = {**FLOW, "period": 2023}
    dataset = read_dataset(xlsx(companies=[COMPANY], flows=[flow]), "data.xlsx")
    assert dataset.flows[0].period == ReportingPeriod(2023)


def test_numeric_codes_are_read_as_text_and_a_dropped_vsic_zero_is_restored():
    company = {"code": 12345, "name_vi": "Trại lúa", "vsic_code": 111, "vsic_name": "Rice"}
    dataset = read_dataset(xlsx(companies=[company]), "data.xlsx")
    assert (dataset.companies[0].code, dataset.companies[0].vsic_code) == ("12345", "0111")


def test_the_sector_name_comes_from_the_catalogue_when_left_empty():
    dataset = read_dataset(xlsx(companies=[COMPANY]), "data.xlsx")
    assert dataset.companies[0].vsic_name == "Finishing of textiles (dyeing)"


def test_hazardous_reads_yes_no_in_english_vietnamese_and_excel_booleans():
    rows = [{**FLOW, "direction": "output", "kind": "waste", "description": name, "unit": "t",
             "source": None, "hazardous": value}
            for name, value in (("a", "yes"), ("b", "Có"), ("c", True), ("d", "không"),
                                ("e", None))]
    dataset = read_dataset(xlsx(companies=[COMPANY], flows=rows), "data.xlsx")
    assert [f.hazardous for f in dataset.flows] == [True, True, True, False, False]


def test_choices_accept_a_label_in_either_language():
    flow = {**FLOW, "direction": "Đầu vào", "kind": "Nước", "source": "Bought from a supplier"}
    dataset = read_dataset(xlsx(companies=[COMPANY], flows=[flow]), "data.xlsx")
    assert (dataset.flows[0].direction, dataset.flows[0].kind, dataset.flows[0].source) == (
        Direction.INPUT, FlowKind.WATER, "supplier")


def test_a_fuel_in_tonnes_is_converted_to_energy_by_its_fuel_code():
    flow = {**FLOW, "kind": "energy", "description": "Diesel", "quantity": 10, "unit": "tấn",
            "classification_code": "diesel", "source": None}
    dataset = read_dataset(xlsx(companies=[COMPANY], flows=[flow]), "data.xlsx")
    # 10 t × 43.0 MJ/kg = 430 GJ = 119.444 MWh
    assert round(dataset.flows[0].base_quantity, 3) == 119.444
    assert dataset.flows[0].base_unit == "MWh"


def test_money_is_kept_as_an_exact_decimal():
    flow = {**FLOW, "cost_vnd": 1234567.5}
    dataset = read_dataset(xlsx(companies=[COMPANY], flows=[flow]), "data.xlsx")
    assert dataset.flows[0].cost_vnd == Decimal("1234567.5")


def test_the_park_with_land_use_location_and_boundary():
    park = {"slug": "song-than-2", "name_vi": "KCN Sóng Thần 2", "province": "Bình Dương",
            "area_ha": 279, "industrial_land_ha": 200, "green_space_ha": 30, "roads_ha": 25,
            "shared_infrastructure_ha": 24, "latitude": 10.93, "longitude": 106.73,
            "boundary": "10.92 106.72; 10.94 106.72;10.94 106.74"}
    dataset = read_dataset(xlsx(park=[park], companies=[COMPANY]), "data.xlsx")
    assert dataset.park is not None
    assert dataset.park.land_use is not None
    assert dataset.park.land_use.total() == Quantity(279, "ha")
    assert dataset.park.boundary == ((10.92, 106.72), (10.94, 106.72), (10.94, 106.74))
    assert dataset.companies[0].park_slug == "song-than-2"


def test_sheets_may_be_named_in_vietnamese():
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, table in (("Khu công nghiệp", "park"), ("Doanh nghiệp", "companies"),
                         ("Sản phẩm", "products"), ("Dòng tài nguyên", "flows")):
        workbook.create_sheet(title).append(keys(table))
    workbook["Doanh nghiệp"].append([COMPANY.get(key) for key in keys("companies")])
    stream = io.BytesIO()
    workbook.save(stream)
    dataset = read_dataset(stream.getvalue(), "data.xlsx")
    assert [c.code for c in dataset.companies] == ["C01"]


def test_count_rows_estimates_data_rows_without_reading_them():
    content = xlsx(companies=[COMPANY], flows=[FLOW, {**FLOW, "description": "Well"}])
    assert count_rows(content, "data.xlsx") == 3
    assert count_rows(b"table,code\ncompany,C01\ncompany,C02\n", "data.csv") == 2
    assert count_rows(b'{"format": "openeip", "version": 1, "park": null, "companies": '
                      b'[{}], "products": [], "flows": [{}, {}]}', "data.json") == 3
    assert count_rows(b"not a workbook", "data.xlsx") == 0


def test_the_language_of_a_file_is_read_from_its_sheet_names_or_headers(tmp_path):
    import io

    from openeip.core.intake import file_language, write_template

    for language in ("vi", "en"):
        stream = io.BytesIO()
        write_template(stream, language)
        assert file_language(stream.getvalue(), "t.xlsx") == language
    assert file_language(b"company_code,period\nA1,2024-01\n", "f.csv") is None
    assert file_language(b"{}", "f.json") is None
