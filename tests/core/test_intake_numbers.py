"""Numbers that cannot be stored or are implausible become located cell errors, never Infinity."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import pytest

from openeip.core.domain import ReportingPeriod
from openeip.core.errors import CellError, DomainError, UnitError
from openeip.core.intake._values import number
from openeip.core.units import parse_unit
from tests.core.intake_files import COMPANY, FLOW, xlsx
from tests.core.test_intake_problems import flow, locations, problems


@pytest.mark.parametrize("quantity", ["1e309", "1" + "0" * 400, "-1e309"])
def test_a_number_beyond_a_float_is_a_quantity_cell_error(quantity):
    found = problems(xlsx(companies=[COMPANY], flows=[flow(quantity=quantity)]))
    assert locations(found) == [("Flows", 2, "H (quantity)")]


@pytest.mark.parametrize("value", [10**400, Decimal("1e309"), float("inf")])
def test_number_refuses_what_would_be_infinite_as_a_float(value):
    with pytest.raises(CellError):
        number(value)


def test_1e309_in_json_is_a_cell_error_not_infinity():
    document = {"format": "openeip", "version": 1, "companies": [COMPANY],
                "flows": [flow(quantity=1)]}
    text = json.dumps(document).replace('"quantity": 1', '"quantity": 1e309').encode()
    found = problems(text, "data.json")
    assert locations(found) == [("flows", 1, "quantity")]


@pytest.mark.parametrize(("quantity", "unit"), [(1e300, "m³"), (1e-320, "m³"), (2e10, "m³")])
def test_an_implausible_quantity_names_the_range_of_its_unit(quantity, unit):
    found = problems(xlsx(companies=[COMPANY], flows=[flow(quantity=quantity, unit=unit)]))
    assert locations(found) == [("Flows", 2, "H (quantity)")]
    assert "not a plausible quantity for one row: in m³ it must lie between 1e-06 and 1e+10" in (
        found[0].message)


def test_zero_and_the_ends_of_the_range_are_plausible():
    from openeip.core.intake import read_dataset

    rows = [flow(quantity=0), flow(quantity=1e10, description="Cooling"),
            flow(quantity=1e-6, description="Drops")]
    dataset = read_dataset(xlsx(companies=[COMPANY], flows=rows), "data.xlsx")
    assert [f.base_quantity for f in dataset.flows] == [0, 1e10, 1e-6]


def test_a_period_after_the_current_month_is_a_period_cell_error():
    found = problems(xlsx(companies=[COMPANY], flows=[flow(period="2099-01")]))
    assert locations(found) == [("Flows", 2, "B (period)")]
    assert "The period 2099-01 has not begun yet" in found[0].message


def test_the_current_month_is_accepted_and_the_next_refused():
    today = datetime.date(2026, 12, 6)
    assert ReportingPeriod(2026, 12).check_not_future(today) == ReportingPeriod(2026, 12)
    assert ReportingPeriod(2026).check_not_future(today) == ReportingPeriod(2026)
    with pytest.raises(DomainError):
        ReportingPeriod(2027, 1).check_not_future(today)
    with pytest.raises(DomainError):
        ReportingPeriod(2027).check_not_future(today)


@pytest.mark.parametrize("text", ["(", ")", "1/0", "kg((", "**"])
def test_every_pint_parsing_error_is_a_unit_error(text):
    with pytest.raises(UnitError, match="Unknown unit"):
        parse_unit(text)


def test_a_unit_of_open_bracket_is_a_unit_cell_error():
    found = problems(xlsx(companies=[COMPANY], flows=[flow(unit="(")]))
    assert locations(found) == [("Flows", 2, "I (unit)")]


def test_a_decimal_comma_split_by_the_csv_says_so():
    header = ",".join(["company_code", "period", "direction", "kind", "description", "quantity",
                       "unit", "source"])
    lines = ["table,code,name_en,vsic_code", "company,C01,Dye Works,1313"]
    content = "\n".join(lines).encode()
    assert content  # the companies come from known_companies below
    row = "C01,2024-01,input,water,Tap water,1,5,m³,supplier"
    found = problems((header + "\n" + row + "\n").encode(), "flows.csv",
                     known_companies=("C01",))
    assert (found[0].row, found[0].column) == (2, "G (unit)")
    assert "'5' is a number, not a unit. If the quantity was written with a decimal comma" in (
        found[0].message)


def test_1_comma_5_in_a_quantity_cell_is_named_a_decimal_comma():
    found = problems(xlsx(companies=[COMPANY], flows=[flow(quantity="1,5")]))
    assert found[0].message == ("'1,5' is written with a decimal comma; write it with a dot for "
                                "decimals, such as 1.5.")


def test_money_beyond_what_can_be_stored_is_refused():
    found = problems(xlsx(companies=[COMPANY], flows=[{**FLOW, "cost_vnd": "1e25"}]))
    assert locations(found) == [("Flows", 2, "J (cost_vnd)")]


@pytest.mark.parametrize("text", [
    "0", "12", "-3", "+7", "0.1", "12.50", "105.94921", "00012.3", "1" * 30 + "." + "9" * 30,
    "1e5", "1 234.5", ".5", "5.", "12,5", "1,234", "nan", "inf", "1e309", "abc", ""])
def test_parse_float_is_parse_number_as_a_float(text):
    from openeip.core.numbers import parse_float, parse_number

    try:
        expected = float(parse_number(text, "quantity"))
    except CellError as error:
        with pytest.raises(CellError) as raised:
            parse_float(text, "quantity")
        assert str(raised.value) == str(error)
        return
    assert parse_float(text, "quantity") == expected
