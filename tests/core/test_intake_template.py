"""The data-collection workbook: headers, hints, drop-downs, example rows and the guide."""

from __future__ import annotations

import io

import openpyxl
import pytest

from openeip.core.intake import read_dataset, tables, write_template


def template(language: str) -> bytes:
    stream = io.BytesIO()
    write_template(stream, language)
    return stream.getvalue()


@pytest.fixture(scope="module")
def vi() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(template("vi")))


def test_the_vietnamese_template_has_its_sheets_in_order(vi):
    assert vi.sheetnames == ["Hướng dẫn", "Lists", "Khu công nghiệp", "Doanh nghiệp",
                             "Sản phẩm", "Dòng tài nguyên"]
    assert vi["Lists"].sheet_state == "hidden"


def test_headers_read_label_and_key_in_the_chosen_language():
    english = openpyxl.load_workbook(io.BytesIO(template("en")))
    assert [c.value for c in english["Products"][1]] == [
        "Company code [company_code]", "Period [period]", "Product [name]",
        "Quantity [quantity]", "Unit [unit]", "Sales value (VND) [sales_value_vnd]"]


def test_every_header_carries_its_hint_in_both_languages(vi):
    for table in tables().values():
        sheet = vi[table.sheet.vi]
        for cell, column in zip(sheet[1], table.columns, strict=True):
            assert cell.value == "{} [{}]".format(column.label.vi, column.key)
            assert column.hint.en in cell.comment.text
            assert column.hint.vi in cell.comment.text


def test_the_header_row_is_frozen(vi):
    assert vi["Dòng tài nguyên"].freeze_panes == "A2"


def test_drop_downs_read_their_values_from_the_lists_sheet(vi):
    sheet = vi["Dòng tài nguyên"]
    by_column = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    # C direction, D kind, F classification_code (fuels), G hazardous, I unit, K fate, L source
    assert sorted(by_column) == ["C2", "D2", "F2", "G2", "I2", "K2", "L2"]
    lists = {cell.value: cell.column_letter for cell in vi["Lists"][1]}
    assert by_column["C2"].formula1 == "Lists!${0}$2:${0}$3".format(lists["direction"])
    assert by_column["G2"].formula1 == "Lists!${0}$2:${0}$3".format(lists["boolean"])
    assert by_column["C2"].showErrorMessage is True
    assert by_column["I2"].showErrorMessage is False  # other units may still be typed
    values = [row[0].value for row in vi["Lists"].iter_rows(min_row=2, max_row=3)]
    assert values == ["input", "output"]
    companies = vi["Doanh nghiệp"].data_validations.dataValidation
    assert [str(v.sqref) for v in companies] == ["G2:G1048576"]  # ownership


def test_each_data_sheet_has_one_example_row_as_a_comment(vi):
    for table in tables().values():
        rows = list(vi[table.sheet.vi].iter_rows(min_row=2, values_only=True))
        assert len(rows) == 1
        assert str(rows[0][0]).startswith("# ")


def test_the_untouched_template_validates_as_an_empty_file():
    dataset = read_dataset(template("vi"), "collect.xlsx")
    assert dataset.row_count() == 0


def test_the_example_rows_are_valid_data_once_uncommented():
    vi = openpyxl.load_workbook(io.BytesIO(template("vi")))
    for table in tables().values():
        cell = vi[table.sheet.vi]["A2"]
        cell.value = cell.value.removeprefix("# ")
    stream = io.BytesIO()
    vi.save(stream)
    dataset = read_dataset(stream.getvalue(), "filled.xlsx")
    assert dataset.park is not None and dataset.park.slug == "song-than-2"
    assert [c.code for c in dataset.companies] == ["C01"]
    assert [(p.name, p.quantity.magnitude) for p in dataset.products] == [("Dyed fabric", 1200)]
    assert [(f.description, f.base_quantity) for f in dataset.flows] == [
        ("Grid electricity", 150.0)]  # 150,000 kWh = 150 MWh


def test_the_guide_explains_every_column_in_both_languages(vi):
    guide = list(vi["Hướng dẫn"].iter_rows(values_only=True))
    explained = {(row[2], row[5], row[6]) for row in guide if len(row) > 6 and row[2]}
    for table in tables().values():
        for column in table.columns:
            assert (column.key, column.hint.en, column.hint.vi) in explained
    codes = {(row[0], row[1]) for row in guide if row[0] in ("fate", "fuel")}
    assert ("fate", "landfill") in codes and ("fuel", "diesel") in codes


def test_the_english_template_names_its_guide_in_english():
    assert openpyxl.load_workbook(io.BytesIO(template("en"))).sheetnames[0] == "Guide"
