"""The one number reader of typed cells, and the one Direction of core."""

from __future__ import annotations

from decimal import Decimal

import pytest

from openeip.core.domain import Direction
from openeip.core.errors import CellError
from openeip.core.numbers import parse_number


def test_it_reads_numbers_exactly_without_thousands_spaces():
    assert parse_number(" 1 234.5 ") == Decimal("1234.5")
    assert parse_number("1\u202f000") == Decimal("1000")
    assert parse_number("-0.1") == Decimal("-0.1")


@pytest.mark.parametrize(("text", "says"), [
    ("12,5", "decimal comma"), ("1,234", "no thousands separators"),
    ("abc", "is not a number"), ("inf", "is not a number"), ("1e400", "too large")])
def test_it_refuses_what_cannot_be_read_safely_and_names_the_column(text, says):
    with pytest.raises(CellError, match=says) as caught:
        parse_number(text, "quantity")
    assert caught.value.column == "quantity"
    assert caught.value.problem("f.csv", 3).location().endswith("column quantity")


def test_symbiosis_supply_and_demand_are_cores_output_and_input():
    assert Direction.SUPPLY is Direction.OUTPUT and Direction.DEMAND is Direction.INPUT
    assert Direction("supply") is Direction.OUTPUT and Direction(" Demand ") is Direction.INPUT
    assert (Direction.OUTPUT.side, Direction.INPUT.side) == ("supply", "demand")
    assert list(Direction) == [Direction.INPUT, Direction.OUTPUT]
    with pytest.raises(ValueError):
        Direction("sideways")
