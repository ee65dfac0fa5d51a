"""The CSV and JSON variants: one-table and multi-table CSV, the JSON document, their problems."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from openeip.core.errors import IntakeError, Problem
from openeip.core.intake import read_dataset


def problems(content: bytes, filename: str, **kwargs: object) -> list[Problem]:
    with pytest.raises(IntakeError) as caught:
        read_dataset(content, filename, **kwargs)  # type: ignore[arg-type]
    return caught.value.problems


def locations(found: list[Problem]) -> list[tuple[str, int | None, str | None]]:
    return [(p.sheet, p.row, p.column) for p in found]


FLOWS_CSV = (
    "company_code,period,direction,kind,description,quantity,unit\n"
    "C01,2024,input,energy,Grid electricity,1000,kWh\n"
    "C01,2024-02,output,wastewater,Effluent,75.5,m3\n"
)


def test_a_csv_with_just_the_keys_of_one_table_is_read_as_that_table():
    dataset = read_dataset(FLOWS_CSV.encode(), "flows.csv", known_companies={"C01"})
    assert [(f.description, f.base_quantity, f.base_unit) for f in dataset.flows] == [
        ("Grid electricity", 1.0, "MWh"), ("Effluent", 75.5, "m**3")]
    assert dataset.flow_rows == [2, 3]


def test_a_csv_problem_names_the_file_the_line_and_the_column():
    content = FLOWS_CSV.replace("75.5,m3", "75.5,kWh").encode()
    found = problems(content, "flows.csv", known_companies={"C01"})
    assert locations(found) == [("flows.csv", 3, "G (unit)")]


def test_a_csv_saved_by_excel_with_semicolons_and_a_byte_order_mark_is_read():
    content = "\ufeff" + FLOWS_CSV.replace(",", ";")
    dataset = read_dataset(content.encode("utf-8"), "flows.csv", known_companies={"C01"})
    assert len(dataset.flows) == 2


def test_a_csv_that_is_not_utf8_is_refused_with_the_way_to_fix_it():
    found = problems("code,name_vi,vsic_code\nC01,Công ty,1313\n".encode("cp1258"), "c.csv")
    assert locations(found) == [("c.csv", None, None)]
    assert "CSV UTF-8" in found[0].message


def test_a_csv_whose_table_cannot_be_told_is_refused():
    found = problems(b"colour,size\nred,2\n", "what.csv")
    assert locations(found) == [("what.csv", 1, None)]


def test_a_multi_table_csv_names_each_rows_table_in_its_first_column():
    content = (
        b"table,code,name_en,vsic_code,company_code,period,name,quantity,unit\n"
        b"company,C01,Dye Works,1313,,,,,\n"
        b"# a comment row\n"
        b"product,,,,C01,2024,Dyed fabric,12,t\n"
    )
    dataset = read_dataset(content, "all.csv")
    assert [c.code for c in dataset.companies] == ["C01"]
    assert [(p.name, p.quantity.magnitude) for p in dataset.products] == [("Dyed fabric", 12.0)]
    assert dataset.product_rows == [4]


def test_a_multi_table_csv_rejects_an_unknown_table_and_a_value_in_another_tables_column():
    content = (
        b"table,code,name_en,vsic_code,company_code,period,name,quantity,unit\n"
        b"companie,C01,Dye Works,1313,,,,,\n"
        b"company,C02,Mill,1313,,,Cloth,,\n"
    )
    found = problems(content, "all.csv")
    assert locations(found) == [("all.csv", 2, "A (table)"), ("all.csv", 3, "G")]


def _document(**tables: object) -> bytes:
    document = {"format": "openeip", "version": 1, "park": None, "companies": [],
                "products": [], "flows": [], **tables}
    return json.dumps(document, ensure_ascii=False).encode()


def test_json_problems_point_at_the_table_the_record_number_and_the_key():
    flows = [
        {"company_code": "C01", "period": "2024-01", "direction": "input", "kind": "water",
         "description": "Tap water", "quantity": 5, "unit": "m³"},
        {"company_code": "C01", "period": "2024-01", "direction": "input", "kind": "water",
         "description": "Well water", "quantity": 5, "unit": "kWh", "colour": "blue"},
    ]
    found = problems(_document(flows=flows), "data.json", known_companies={"C01"})
    assert locations(found) == [("flows", 2, "colour"), ("flows", 2, "unit")]


def test_json_keeps_money_exact_even_beyond_float_precision():
    flows = [{"company_code": "C01", "period": 2024, "direction": "input", "kind": "material",
              "description": "Cotton", "quantity": 1.5, "unit": "t", "cost_vnd": "@"}]
    # written by hand: Python's own json module would already round the number to a float
    content = _document(flows=flows).replace(b'"@"', b"12345678901234567.89")
    dataset = read_dataset(content, "data.json", known_companies={"C01"})
    assert dataset.flows[0].cost_vnd == Decimal("12345678901234567.89")


def test_a_json_file_must_say_it_is_the_openeip_format():
    found = problems(b'{"flows": []}', "data.json")
    assert locations(found) == [("data.json", None, None)]
    assert '"format": "openeip"' in found[0].message


def test_broken_json_is_reported_with_the_parser_position():
    found = problems(b'{"format": "openeip",', "data.json")
    assert "not valid JSON" in found[0].message
