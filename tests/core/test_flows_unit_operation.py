"""A flow may name the unit operation where it crosses the company's boundary (optional)."""

from __future__ import annotations

import io

import pytest

from openeip.core.domain import Company, Direction, FlowKind, ReportingPeriod, ResourceFlow
from openeip.core.errors import DomainError, IntakeError
from openeip.core.intake import FORMATS, Dataset, read_dataset, tables, write_dataset
from openeip.core.intake._columns import column_letter
from openeip.core.units import quantity
from tests.core.intake_files import COMPANY, FLOW, xlsx

JAN = ReportingPeriod(2024, 1)


def steam(unit_operation: str = "") -> ResourceFlow:
    return ResourceFlow("C01", JAN, Direction.INPUT, FlowKind.HEAT, "Steam", quantity(12, "MWh"),
                        unit_operation=unit_operation)


def test_a_flow_without_a_unit_operation_has_an_empty_one():
    assert steam().unit_operation == ""


def test_spaces_in_a_unit_operation_name_are_normalised():
    assert steam("  Jet   dyeing ").unit_operation == "Jet dyeing"


def test_it_rejects_a_unit_operation_name_longer_than_100_characters():
    with pytest.raises(DomainError) as error:
        steam("x" * 101)
    assert error.value.field == "unit_operation"
    assert "101" in str(error.value) and "100" in str(error.value)


def test_the_unit_operation_is_not_part_of_the_key():
    assert steam("Dyeing").key() == steam("Washing").key()


def test_the_flows_table_has_an_optional_text_column_for_the_unit_operation():
    column = tables()["flows"].column("unit_operation")
    assert (column.required, column.type) == (False, "text")
    assert (column.label.en, column.label.vi) == ("Unit operation", "Công đoạn")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_unit_operation_survives_writing_and_reading_back(fmt):
    company = Company(code="C01", name_en="Dye Works", name_vi="", vsic_code="1313")
    original = Dataset(companies=[company], flows=[steam("Dyeing"), ResourceFlow(
        "C01", JAN, Direction.INPUT, FlowKind.WATER, "Tap water", quantity(5, "m³"))])
    stream = io.BytesIO()
    write_dataset(original, stream, fmt)
    copy = read_dataset(stream.getvalue(), "export." + fmt)
    assert [flow.unit_operation for flow in copy.flows] == ["Dyeing", ""]


def test_a_too_long_unit_operation_in_a_workbook_is_reported_at_its_column():
    content = xlsx(companies=[COMPANY], flows=[{**FLOW, "unit_operation": "y" * 120}])
    with pytest.raises(IntakeError) as error:
        read_dataset(content, "data.xlsx")
    [problem] = error.value.problems
    position = tables()["flows"].column_keys().index("unit_operation")
    assert (problem.sheet, problem.row) == ("Flows", 2)
    assert problem.column == "{} (unit_operation)".format(column_letter(position))
    assert "120" in problem.message
