"""The one reader of the data tables (CSV with '#' lines): lines as an editor counts them."""

from __future__ import annotations

import pytest

from openeip.core.catalogues import parse_table, read_table, records
from openeip.core.errors import CatalogueError

TEXT = """# A cited table.
# version: 2026-12
# source: hand-made
code,value

a,1
# a comment between rows
"b, quoted",2
"""


def test_it_keeps_each_rows_line_and_the_header_comments():
    table = parse_table(TEXT, "t.csv")
    assert table.columns == ("code", "value")
    assert list(table.numbered()) == [(6, {"code": "a", "value": "1"}),
                                      (8, {"code": "b, quoted", "value": "2"})]
    assert table.meta("version") == ["2026-12"] and table.meta("Source") == ["hand-made"]


def test_it_names_the_line_with_a_wrong_number_of_cells():
    with pytest.raises(CatalogueError, match=r"t.csv line 5: wrong number of columns \(3"):
        parse_table("# x\ncode,value\na,1\n\nb,2,3\n", "t.csv")


def test_it_refuses_another_header_than_the_one_asked_for():
    with pytest.raises(CatalogueError, match="line 2: the header must be code,value"):
        parse_table("# x\ncode,amount\n", "t.csv", columns=("code", "value"))


def test_records_skip_comments_and_blank_lines():
    assert records("# c\n\nx,y\n") == [(3, ["x", "y"])]


def test_it_reads_a_shipped_table_below_a_folder():
    table = read_table("symbiosis/unit_conversions.csv")
    assert table.name == "unit_conversions.csv" and len(table.meta("version")) == 1
