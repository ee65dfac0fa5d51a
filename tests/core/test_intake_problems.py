"""Every kind of bad input is reported with the sheet, the row a person sees and the column.

Flows sheet columns: A company_code, B period, C direction, D kind, E description,
F classification_code, G hazardous, H quantity, I unit, J cost_vnd, K fate, L source.
"""

from __future__ import annotations

import pytest

from openeip.core.errors import IntakeError, Problem
from openeip.core.intake import read_dataset
from tests.core.intake_files import COMPANY, FLOW, keys, xlsx


def problems(content: bytes, filename: str = "data.xlsx", **kwargs: object) -> list[Problem]:
    with pytest.raises(IntakeError) as caught:
        read_dataset(content, filename, **kwargs)  # type: ignore[arg-type]
    return caught.value.problems


def locations(found: list[Problem]) -> list[tuple[str, int | None, str | None]]:
    return [(p.sheet, p.row, p.column) for p in found]


def flow(**changes: object) -> dict[str, object]:
    return {**FLOW, **changes}


def test_it_rejects_an_unknown_unit():
    found = problems(xlsx(companies=[COMPANY], flows=[flow(unit="bananas")]))
    assert locations(found) == [("Flows", 2, "I (unit)")]
    assert "Unknown unit 'bananas'" in found[0].message


def test_it_rejects_a_unit_that_does_not_fit_the_kind():
    found = problems(xlsx(companies=[COMPANY], flows=[flow(unit="kWh")]))
    assert locations(found) == [("Flows", 2, "I (unit)")]
    assert "'kWh' does not fit a water flow; use a unit of volume" in found[0].message


def test_it_rejects_negative_quantity():
    found = problems(xlsx(companies=[COMPANY], flows=[flow(quantity=-5)]))
    assert locations(found) == [("Flows", 2, "H (quantity)")]
    assert "cannot be negative" in found[0].message


def test_it_rejects_a_quantity_that_is_not_a_number():
    found = problems(xlsx(companies=[COMPANY], flows=[flow(quantity="12 tấn")]))
    assert locations(found) == [("Flows", 2, "H (quantity)")]
    assert "'12 tấn' is not a number" in found[0].message


def test_it_rejects_a_decimal_comma_because_it_is_ambiguous():
    found = problems(xlsx(companies=[COMPANY], flows=[flow(quantity="1,5")]))
    assert locations(found) == [("Flows", 2, "H (quantity)")]
    assert "dot for decimals" in found[0].message


def test_it_rejects_a_company_that_is_neither_in_the_file_nor_known():
    found = problems(xlsx(companies=[COMPANY], flows=[flow(company_code="C99")]),
                     known_companies=["C02"])
    assert locations(found) == [("Flows", 2, "A (company_code)")]
    assert "Unknown company 'C99'" in found[0].message


def test_it_accepts_a_company_known_from_the_park():
    dataset = read_dataset(xlsx(flows=[flow(company_code="C02")]), "data.xlsx",
                           known_companies=["C02"])
    assert [f.company_code for f in dataset.flows] == ["C02"]


def test_it_rejects_a_duplicate_flow_and_names_the_earlier_row():
    other = flow(description="Well water")
    found = problems(xlsx(companies=[COMPANY], flows=[flow(), other, flow(quantity=60)]))
    assert locations(found) == [("Flows", 4, "E (description)")]
    assert "repeats row 2" in found[0].message


def test_it_rejects_a_duplicate_company_code():
    found = problems(xlsx(companies=[COMPANY, {**COMPANY, "name_en": "Other"}]))
    assert locations(found) == [("Companies", 3, "A (code)")]
    assert "repeats row 2" in found[0].message


def test_it_rejects_a_missing_required_field():
    found = problems(xlsx(companies=[COMPANY], flows=[flow(description=None)]))
    assert locations(found) == [("Flows", 2, "E (description)")]
    assert "'Description' is required but the cell is empty" in found[0].message


@pytest.mark.parametrize("error", ["#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!",
                                   "#NULL!"])
def test_it_rejects_formula_error_cells(error):
    found = problems(xlsx(companies=[COMPANY], flows=[flow(quantity=error)]))
    assert locations(found) == [("Flows", 2, "H (quantity)")]
    assert "formula error {}".format(error) in found[0].message


def test_it_rejects_text_renamed_to_xlsx():
    found = problems(b"company,quantity\nC01,5\n", "renamed.xlsx")
    assert locations(found) == [("renamed.xlsx", None, None)]
    assert "not an Excel workbook" in found[0].message


def test_it_rejects_an_unknown_file_extension():
    found = problems(b"anything", "notes.txt")
    assert locations(found) == [("notes.txt", None, None)]
    assert ".xlsx" in found[0].message


def test_it_asks_to_resave_an_old_excel_file():
    found = problems(b"\xd0\xcf\x11\xe0", "old.xls")
    assert "save it as an Excel workbook (.xlsx)" in found[0].message


def test_it_reports_a_missing_sheet():
    found = problems(xlsx(leave_out=("products",)))
    assert locations(found) == [("Products", None, None)]
    assert "no sheet 'Products'" in found[0].message


def test_it_reports_a_missing_required_column_header():
    header = [key for key in keys("flows") if key != "unit"]
    found = problems(xlsx(companies=[COMPANY], flows=[flow()], headers={"flows": header}))
    assert locations(found) == [("Flows", 1, "unit")]
    assert "The required column 'Unit [unit]' is missing" in found[0].message


def test_it_reports_an_unknown_column_header_but_keeps_note_columns():
    header = [*keys("companies"), "# our notes", "colour"]
    found = problems(xlsx(companies=[COMPANY], headers={"companies": header}))
    assert locations(found) == [("Companies", 1, "K")]
    assert "Unknown column 'colour'" in found[0].message


def test_a_domain_error_points_at_the_column_of_its_field():
    found = problems(xlsx(companies=[COMPANY], flows=[flow(fate="landfill")]))
    assert locations(found) == [("Flows", 2, "K (fate)")]
    assert "Only outputs have a fate" in found[0].message


def test_a_domain_error_on_the_park_area_points_at_the_area_column():
    park = {"slug": "p", "name_en": "P", "province": "Bình Dương", "area_ha": 10,
            "industrial_land_ha": 8, "green_space_ha": 1, "roads_ha": 1,
            "shared_infrastructure_ha": 1}
    found = problems(xlsx(park=[park]))
    assert locations(found) == [("Park", 2, "F (industrial_land_ha)")]
    assert "add up to more than the park's area" in found[0].message


def test_it_rejects_an_invalid_vsic_code_in_its_column():
    found = problems(xlsx(companies=[{**COMPANY, "vsic_code": "textiles"}]))
    assert locations(found) == [("Companies", 2, "D (vsic_code)")]


def test_it_lists_every_problem_of_every_sheet_in_file_order():
    found = problems(xlsx(
        companies=[{**COMPANY, "employees": 12.5}],
        products=[{"company_code": "C01", "period": "2024-13", "name": "Cloth", "quantity": 1,
                   "unit": "t"}],
        flows=[flow(unit="kWh"), flow(description="Well", quantity=-1, period="20x4")],
    ))
    assert locations(found) == [
        ("Companies", 2, "F (employees)"),
        ("Products", 2, "B (period)"),
        ("Flows", 2, "I (unit)"),
        ("Flows", 3, "B (period)"),
    ]
    assert found[1].message == "The month 13 is not between 1 and 12."


def test_a_row_with_a_bad_cell_and_an_unknown_company_reports_both():
    found = problems(xlsx(flows=[flow(company_code="C77", quantity="many")]))
    assert locations(found) == [("Flows", 2, "A (company_code)"), ("Flows", 2, "H (quantity)")]


def test_the_park_sheet_holds_one_park():
    park = {"slug": "p", "name_en": "P", "province": "Huế", "area_ha": 10}
    found = problems(xlsx(park=[park, {**park, "slug": "q"}]))
    assert locations(found) == [("Park", 3, None)]


def test_land_use_must_be_given_whole_or_not_at_all():
    park = {"slug": "p", "name_en": "P", "province": "Huế", "area_ha": 10, "roads_ha": 1}
    found = problems(xlsx(park=[park]))
    assert locations(found) == [("Park", 2, "F (industrial_land_ha)")]


def test_latitude_needs_its_longitude():
    found = problems(xlsx(companies=[{**COMPANY, "latitude": 10.9}]))
    assert locations(found) == [("Companies", 2, "I (longitude)")]


def test_an_unknown_choice_lists_the_allowed_codes():
    found = problems(xlsx(companies=[COMPANY], flows=[flow(source="river")]))
    assert locations(found) == [("Flows", 2, "L (source)")]
    assert "grid, on_site, supplier, recycled" in found[0].message
