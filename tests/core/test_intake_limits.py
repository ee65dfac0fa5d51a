"""Reading stays within ReadLimits: unpacked size, cell length, rows, columns, JSON nesting."""

from __future__ import annotations

import pytest

from openeip.core.errors import IntakeError
from openeip.core.intake import ReadLimits, read_dataset
from openeip.core.intake._sources import nested_deeper_than
from tests.hostile_files import plain_workbook, zip_bomb

SMALL = ReadLimits(unpacked_bytes=4 * 1024 * 1024, cell_chars=20, rows=5, columns=8,
                   json_depth=4)
FLOW = ["C01", "2024-01", "input", "energy", "Power", 5, "kWh"]


def problems(content: bytes, filename: str, limits: ReadLimits = SMALL) -> list[str]:
    with pytest.raises(IntakeError) as caught:
        read_dataset(content, filename, known_companies=("C01",), limits=limits)
    return [str(problem) for problem in caught.value.problems]


def test_it_refuses_a_zip_bomb_from_its_directory_before_unpacking_it():
    bomb = zip_bomb(8, level=1)
    assert len(bomb) < 100_000
    assert problems(bomb, "bomb.xlsx") == [
        "bomb.xlsx: 'bomb.xlsx' unpacks to 8 MB, more than the 4 MB a workbook may hold; split "
        "it into smaller files, or delete unused sheets, images and formatting."]


def test_it_locates_a_cell_longer_than_the_limit():
    content = plain_workbook([*FLOW[:4], "x" * 21, 5, "kWh"])
    assert problems(content, "long.xlsx") == [
        "Flows, row 2, column E: This cell holds 21 characters, more than the 20 a cell may "
        "hold; shorten it."]


def test_it_stops_at_a_value_beyond_the_last_column_allowed():
    content = plain_workbook([*FLOW, None, "note"])
    assert problems(content, "wide.xlsx") == [
        "Flows, row 2: This row has values beyond column 8, more columns than a sheet may have; "
        "delete the columns that are not part of the format."]


def test_it_stops_a_csv_past_the_last_row_allowed():
    lines = ["company_code,period,direction,kind,description,quantity,unit"] + [
        "C01,2024-01,input,energy,Power {},5,kWh".format(n) for n in range(6)]
    content = "\n".join(lines).encode()
    assert problems(content, "long.csv")[-1] == (
        "long.csv, row 6: The sheet goes on past row 5, more than a file may hold; split it "
        "into smaller files.")


def test_it_locates_a_long_csv_cell_and_a_csv_that_is_not_utf8_midway():
    header = "company_code,period,direction,kind,description,quantity,unit\n"
    assert problems((header + "C01,2024-01,input,energy,Powerrrrrrrrrrrrrrrrr,5,kWh\n").encode(),
                    "f.csv") == ["f.csv, row 2, column E: This cell holds 21 characters, more "
                                 "than the 20 a cell may hold; shorten it."]
    broken = header.encode() + b"C01,2024-01,input,energy,\xff\xfe,5,kWh\n"
    assert problems(broken, "f.csv") == [
        "f.csv: 'f.csv' is not UTF-8 text; in Excel choose 'Save as' → 'CSV UTF-8 (Comma "
        "delimited)'."]


def test_a_csv_field_beyond_what_the_csv_module_takes_is_a_row_problem():
    header = "company_code,period,direction,kind,description,quantity,unit\n"
    content = (header + 'C01,2024-01,input,energy,"' + "x" * 200_000 + '",5,kWh\n').encode()
    found = problems(content, "f.csv", ReadLimits(cell_chars=10**6))
    assert found[0].startswith("f.csv, row 2: This record cannot be read as CSV (field larger")


def test_json_nested_100000_deep_is_a_problem_not_a_recursion_error():
    deep = b"[" * 100_000 + b"]" * 100_000
    assert problems(deep, "deep.json", ReadLimits()) == [
        "deep.json: 'deep.json' nests arrays or objects more than 32 levels deep; an OpenEIP "
        "file is an object of tables, each a list of flat records."]


@pytest.mark.parametrize(("text", "deeper"), [
    (b'{"a": [{"b": 1}]}', False), (b'{"a": [{"b": [1]}]}', False),
    (b'{"a": [{"b": [[1]]}]}', True), (b'{"a": "[[[[[[[["}', False), (b'[[[[[', False),
])
def test_the_nesting_check_skips_strings_and_leaves_broken_json_to_the_parser(text, deeper):
    assert nested_deeper_than(text, 4) is deeper
