"""A corrected copy of an interchange file: the suggested values the user accepted, written in.

Only cells named by a problem's :class:`~openeip.core.errors.Suggestion` change; everything else
(other sheets, formulas, notes columns, the CSV's delimiter) is kept. A column the file lacks,
such as ``classification_code``, is added with the template's header.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from openeip.core.errors import Problem
from openeip.core.i18n import current_language
from openeip.core.intake._columns import Table, header_key, table_for_sheet, tables
from openeip.core.intake._sources import extension

__all__ = ["apply_suggestions"]

#: (sheet, row, column key) → the accepted value
Changes = dict[tuple[str, int, str], str]


def _changes(problems: Iterable[Problem]) -> Changes:
    return {(p.sheet, p.row, p.suggestion.column): p.suggestion.value
            for p in problems if p.suggestion is not None and p.row is not None}


def apply_suggestions(content: bytes, filename: str, problems: Iterable[Problem]) -> bytes:
    """``content`` with the suggestion of each problem written into its cell (same format)."""
    changes = _changes(problems)
    if not changes:
        return content
    kind = extension(filename)
    if kind in ("xlsx", "xlsm"):
        return _workbook(content, changes)
    if kind == "csv":
        return _csv(content, filename, changes)
    if kind == "json":
        return _json(content, changes)
    raise ValueError("no suggestions can be written into a .{} file".format(kind))


def _workbook(content: bytes, changes: Changes) -> bytes:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content), keep_vba=True)
    for sheet_name in {sheet for sheet, _row, _key in changes}:
        key = table_for_sheet(sheet_name)
        if key is None or sheet_name not in book.sheetnames:
            continue
        sheet, table = book[sheet_name], tables()[key]
        header_row = next((int(row[0].row or 1) for row in sheet.iter_rows()
                           if any(cell.value is not None for cell in row)), 1)
        columns = {header_key(str(cell.value), table): cell.column
                   for cell in sheet[header_row] if cell.value is not None}
        for (name, row, column_key), value in changes.items():
            if name != sheet_name:
                continue
            if column_key not in columns:
                columns[column_key] = sheet.max_column + 1
                sheet.cell(header_row, columns[column_key],
                           table.column(column_key).header(current_language()))
            sheet.cell(row, columns[column_key], value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv(content: bytes, filename: str, changes: Changes) -> bytes:
    bom = content.startswith(b"\xef\xbb\xbf")
    text = content.decode("utf-8-sig")
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    newline = "\r\n" if first_line.endswith("\r") else "\n"
    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header = lines[0]
    flows: Table = tables()["flows"]
    for (_sheet, row, column_key), value in changes.items():
        index = next((i for i, cell in enumerate(header)
                      if header_key(cell, flows) == column_key), None)
        if index is None:
            header.append(flows.column(column_key).key)
            index = len(header) - 1
        cells = lines[row - 1]
        cells.extend([""] * (index + 1 - len(cells)))
        cells[index] = value
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(lines)
    return ("\ufeff" if bom else "").encode() + out.getvalue().encode("utf-8")


def _json(content: bytes, changes: Changes) -> bytes:
    document = json.loads(content.decode("utf-8-sig"))
    for (sheet, row, column_key), value in changes.items():
        document[sheet][row - 1][column_key] = value
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
