"""The raw cells of the rows a problem points at, so a page can show the row beside its error.

Only for display: validation is core's job (:func:`openeip.core.intake.read_dataset`). A file
this module cannot read simply yields no values; the problem list itself stays complete.
Row numbers are those core reports: the sheet's row (header = 1) for a workbook, the record's
line for CSV (header = 1), the 1-based record number within its table for JSON.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any

# The sheet a problem names may be in the other language than the workbook's own sheet names
# (the importer names sheets in English); core's table lookup knows both.
from openeip.core.intake import DEFAULT_LIMITS, TABLE_KEYS, ReadLimits, table_for_sheet
from openeip.core.intake._sources import nested_deeper_than
from openeip.core.intake._xlsx import Workbook

RowValues = dict[str, str]
Location = tuple[str, int]


#: a cell longer than this is shown cut, so the stored problems stay small
SHOWN_CHARS = 200


def problem_rows(content: bytes, filename: str, wanted: Iterable[Location],
                 limits: ReadLimits = DEFAULT_LIMITS) -> dict[Location, RowValues]:
    """{(sheet, row): {column header: cell text}} for each wanted (sheet, row) found."""
    wanted = set(wanted)
    if not wanted:
        return {}
    suffix = PurePath(filename).suffix.lower()
    readers = {".xlsx": _xlsx_rows, ".xlsm": _xlsx_rows, ".csv": _csv_rows, ".json": _json_rows}
    reader = readers.get(suffix)
    if reader is None:
        return {}
    try:
        return reader(content, wanted, limits)
    except Exception:  # noqa: BLE001 - a file core already rejected may be unreadable here too
        return {}


def sheet_rank(name: str) -> int:
    """Position of a sheet in the workbook's order (Park, Companies, Products, Flows); -1 for
    problems of the file as a whole, which come first."""
    table = table_for_sheet(name)
    return TABLE_KEYS.index(table) if table else -1


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS - 1] + "…"


def _as_dict(header: Iterable[Any], cells: Iterable[Any]) -> RowValues:
    values = {}
    for name, cell in zip(header, cells, strict=False):
        if name is not None and str(name).strip():
            values[str(name).strip()] = _text(cell)
    return values


def _same_sheet(title: str, name: str) -> bool:
    if title.casefold() == name.casefold():
        return True
    table = table_for_sheet(title)
    return table is not None and table == table_for_sheet(name)


def _xlsx_rows(content: bytes, wanted: set[Location], limits: ReadLimits
               ) -> dict[Location, RowValues]:
    workbook = Workbook(content, limits=limits)
    try:
        found: dict[Location, RowValues] = {}
        for name in {sheet for sheet, _row in wanted}:
            title = next((t for t in workbook.sheet_names if _same_sheet(t, name)), None)
            if title is None:
                continue
            rows = {row for sheet, row in wanted if sheet == name}
            header: list[Any] = []
            for number, cells in workbook.rows(title):
                if not header:
                    header = list(cells)
                elif number in rows:
                    found[(name, number)] = _as_dict(header, cells)
                if number >= max(rows):
                    break
        return found
    finally:
        workbook.close()


def _csv_rows(content: bytes, wanted: set[Location], limits: ReadLimits
              ) -> dict[Location, RowValues]:
    # A CSV file is one sheet, whatever name a problem gives it; rows are records (header = 1).
    first_line = content[:content.find(b"\n", 0, 1024 * 1024)].decode("utf-8", "replace")
    delimiter = max((",", ";", "\t"), key=first_line.count)  # as core's reader decides
    text = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8-sig", newline="")
    last = max(row for _sheet, row in wanted)
    header: list[str] = []
    found: dict[Location, RowValues] = {}
    for number, record in enumerate(csv.reader(text, delimiter=delimiter), start=1):
        if number == 1:
            header = record
        for sheet, row in wanted:
            if row == number and number >= 2:
                found[(sheet, row)] = _as_dict(header, record)
        if number >= last:
            break
    return found


def _json_rows(content: bytes, wanted: set[Location], limits: ReadLimits
               ) -> dict[Location, RowValues]:
    if nested_deeper_than(content, limits.json_depth):
        return {}
    document = json.loads(content.decode("utf-8-sig"))
    found: dict[Location, RowValues] = {}
    for sheet, row in wanted:
        table = table_for_sheet(sheet) or sheet
        records = document.get(table)
        if isinstance(records, dict):  # the park is one record, not a list
            records = [records]
        if isinstance(records, list) and 1 <= row <= len(records):
            record = records[row - 1]
            if isinstance(record, dict):
                found[(sheet, row)] = {str(k): _text(v) for k, v in record.items()}
    return found
