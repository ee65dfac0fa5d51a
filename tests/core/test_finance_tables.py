"""The options CSV reader and the results CSV writer, without the CLI."""

from __future__ import annotations

import pytest

from openeip.core.errors import IntakeError
from openeip.core.finance import evaluate, read_options_csv, results_csv

HEADER = ("Option_ID,investment_vnd,lifetime_years,discount_rate,"
          "resource_2,saved_2,saved_unit_2,price_2,price_unit_2,baseline_2\n")


def test_it_reads_a_bom_percentages_spaced_thousands_and_vietnamese_units() -> None:
    content = ("\ufeff" + HEADER + "BOILER-01,120 000 000,10,12.5 %,than,40,tấn,2500000,"
               "đồng/tấn,300\n").encode("utf-8")
    [row] = read_options_csv(content, "options.csv")
    assert row.row == 2
    assert row.case.name == "BOILER-01"
    assert row.case.investment_vnd == 120e6
    assert row.case.discount_rate == pytest.approx(0.125)
    [saving] = row.case.savings
    assert saving.resource == "than"
    assert saving.value_vnd() == pytest.approx(100e6)
    assert float(saving.baseline.to("t").magnitude) == 300


def test_blank_rows_are_skipped_and_rows_keep_their_file_numbers() -> None:
    content = (HEADER + ",,,,,,,,,\nA,1,1,0.1,,,,,,\n\nB,2,2,0.1,,,,,,\n").encode()
    assert [(r.row, r.case.name) for r in read_options_csv(content, "o.csv")] == [
        (3, "A"), (5, "B")]


def test_a_file_that_is_not_utf8_is_refused_with_how_to_fix() -> None:
    with pytest.raises(IntakeError, match="save it as 'CSV UTF-8'"):
        read_options_csv((HEADER + "Caf\u00e9,1,1,0.1\n").encode("latin-1"), "o.csv")


def test_a_decimal_comma_is_refused() -> None:
    with pytest.raises(IntakeError) as error:
        read_options_csv((HEADER + 'A,1,1,"0,1"\n').encode(), "o.csv")
    [problem] = error.value.problems
    assert (problem.row, problem.column) == (2, "discount_rate")


def test_a_fractional_lifetime_is_named_on_its_column() -> None:
    with pytest.raises(IntakeError) as error:
        read_options_csv((HEADER + "A,1,7.5,0.1\n").encode(), "o.csv")
    assert str(error.value.problems[0]) == (
        "o.csv, row 2, column lifetime_years: The lifetime must be a whole number of years, "
        "not '7.5'.")


def test_the_results_keep_the_input_order_and_leave_missing_figures_empty() -> None:
    content = (HEADER + "Z,100,5,0.1,,,,,,\nA,0,5,0.1,,,,,,\n").encode()
    rows = read_options_csv(content, "o.csv")
    text = results_csv([evaluate(r.case) for r in rows], {"Z": "zed"})
    lines = text.splitlines()
    assert lines[1].startswith("Z,zed,0,0,,,-100,,,0.000000,0.000000,-26,")
    assert lines[2].startswith("A,,0,0,0.000000,0.000000,0,,,,,0,")
