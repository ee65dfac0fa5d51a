"""Opening a file: xlsx, CSV or JSON bytes → raw tables (rows of raw values keyed by column).

Nothing here knows the domain; :mod:`._build` turns raw tables into domain objects. Problems of
the file's shape (not a workbook, missing sheet or header, unknown column) are found here.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openeip.core.csv_cells import unguard
from openeip.core.errors import IntakeError, Problem
from openeip.core.i18n import current_language
from openeip.core.i18n import gettext as _
from openeip.core.intake._columns import (
    CSV_TABLE_NAMES,
    TABLE_KEYS,
    Table,
    column_letter,
    header_key,
    table_for_sheet,
    tables,
)
from openeip.core.intake._limits import (
    DEFAULT_LIMITS,
    ReadLimits,
    cell_too_long,
    too_deep,
    too_many_columns,
    too_many_rows,
)
from openeip.core.intake._values import is_blank
from openeip.core.intake._xlsx import NotAWorkbook, Workbook

Row = tuple[int, dict[str, Any]]
JSON_FORMAT, JSON_VERSION = "openeip", 1


@dataclass
class RawTable:
    table: Table
    sheet: str
    #: column key → how a problem names the column ('F (unit)' in a sheet, 'unit' in JSON)
    columns: dict[str, str]
    rows: Iterable[Row]


@dataclass
class Source:
    tables: list[RawTable] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    close: Callable[[], None] = lambda: None


def extension(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def open_source(content: bytes, filename: str, limits: ReadLimits = DEFAULT_LIMITS) -> Source:
    kind = extension(filename)
    if kind in ("xlsx", "xlsm"):
        return _xlsx(content, filename, limits)
    if kind == "csv":
        return _csv(content, filename, limits)
    if kind == "json":
        return _json(content, filename, limits)
    if kind == "xls":
        message = _("'{name}' is an old Excel 97–2003 file; open it in Excel and save it as an "
                    "Excel workbook (.xlsx).").format(name=filename)
    else:
        message = _("'{name}' is not a file OpenEIP reads; upload an Excel workbook (.xlsx), "
                    "a CSV file (.csv) or a JSON file (.json).").format(name=filename)
    return Source(problems=[Problem(filename, None, None, message)])


def _sheet_name(table: Table) -> str:
    return table.sheet.text(current_language())


def _header(table: Table, sheet: str, cells: Sequence[Any], row: int = 1
            ) -> tuple[dict[str, int], list[Problem]]:
    """Column key → index from a header row, and the header's problems."""
    indices: dict[str, int] = {}
    problems: list[Problem] = []
    for index, cell in enumerate(cells):
        if is_blank(cell) or str(cell).strip().startswith("#"):
            continue  # an unnamed column, or a column of the user's own notes
        key = header_key(str(cell), table)
        letter = column_letter(index)
        if key is None:
            problems.append(Problem(sheet, row, letter, _(
                "Unknown column '{header}'; name it with one of the keys {keys}, or start its "
                "header with # to keep it as a note.").format(
                    header=str(cell).strip(), keys=", ".join(table.column_keys()))))
        elif key in indices:
            problems.append(Problem(sheet, row, "{} ({})".format(letter, key), _(
                "This column repeats column {letter}; delete one of the two.").format(
                    letter=column_letter(indices[key]))))
        else:
            indices[key] = index
    for column in table.columns:
        if column.required and column.key not in indices:
            problems.append(Problem(sheet, row, column.key, _(
                "The required column '{header}' is missing; add a column with this header (or "
                "just '{key}').").format(header=column.header(current_language()),
                                          key=column.key)))
    return indices, problems


def _missing_required(indices: dict[str, int], table: Table) -> bool:
    return any(column.required and column.key not in indices for column in table.columns)


def _labels(indices: dict[str, int]) -> dict[str, str]:
    return {key: "{} ({})".format(column_letter(index), key) for key, index in indices.items()}


def _is_comment_or_blank(cells: Sequence[Any]) -> bool:
    first = cells[0] if cells else None
    if isinstance(first, str) and first.lstrip().startswith("#"):
        return True
    return all(is_blank(cell) for cell in cells)


def _rows(lines: Iterator[tuple[int, Sequence[Any]]], indices: dict[str, int]) -> Iterator[Row]:
    pairs = list(indices.items())
    for number, cells in lines:
        if _is_comment_or_blank(cells):
            continue
        width = len(cells)
        yield number, {key: cells[index] for key, index in pairs if index < width}


def _not_a_workbook(filename: str) -> Source:
    return Source(problems=[Problem(filename, None, None, _(
        "'{name}' is not an Excel workbook OpenEIP can open; save it from Excel as an Excel "
        "workbook (.xlsx), or start from the template (openeip template).").format(name=filename))])


def _xlsx(content: bytes, filename: str, limits: ReadLimits) -> Source:
    try:
        workbook = Workbook(content, filename=filename, limits=limits)
    except NotAWorkbook:
        return _not_a_workbook(filename)
    except IntakeError as error:
        return Source(problems=error.problems)
    source = Source(close=workbook.close)
    by_table: dict[str, str] = {}
    for name in workbook.sheet_names:
        found = table_for_sheet(name)
        if found is None:
            continue
        if found in by_table:
            source.problems.append(Problem(name, None, None, _(
                "The workbook has two sheets for the same table ('{first}' and '{second}'); "
                "merge them into one.").format(first=by_table[found], second=name)))
            continue
        by_table[found] = name
    for key, table in tables().items():
        title = by_table.get(key, "")
        if not title:
            source.problems.append(Problem(_sheet_name(table), None, None, _(
                "The workbook has no sheet '{sheet}'; add it back from the template (it may stay "
                "empty apart from its header row).").format(sheet=_sheet_name(table))))
            continue
        lines = workbook.rows(title)
        header_row, header = next(lines, (1, []))
        indices, problems = _header(table, title, header, header_row)
        source.problems.extend(problems)
        if not _missing_required(indices, table):
            source.tables.append(RawTable(table, title, _labels(indices), _rows(lines, indices)))
    return source


def _not_utf8(filename: str) -> Problem:
    return Problem(filename, None, None, _(
        "'{name}' is not UTF-8 text; in Excel choose 'Save as' → 'CSV UTF-8 (Comma "
        "delimited)'.").format(name=filename))


def _csv_records(content: bytes, filename: str, limits: ReadLimits) -> Iterator[list[str]]:
    """The file's records, decoded and split as they stream by, each checked against ``limits``."""
    end_of_first_line = content.find(b"\n", 0, 1024 * 1024)
    first_line = content[:end_of_first_line if end_of_first_line >= 0 else 1024 * 1024]
    # Excel in locales with a decimal comma writes ';' between fields.
    delimiter = max((",", ";", "\t"), key=first_line.decode("utf-8", "replace").count)
    text = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8-sig", newline="")
    records = csv.reader(text, delimiter=delimiter)
    number = 0
    try:
        for number, cells in enumerate(records, start=1):
            if number > limits.rows:
                raise too_many_rows(filename, number, limits)
            if len(cells) > limits.columns and any(cell for cell in cells[limits.columns:]):
                raise too_many_columns(filename, number, limits)
            for index, cell in enumerate(cells):
                if len(cell) > limits.cell_chars:
                    raise cell_too_long(filename, number, column_letter(index), len(cell), limits)
            # OpenEIP's own exports guard formula-like text with an apostrophe (csv_cells)
            yield [unguard(cell) if cell[:1] == "'" else cell for cell in cells]
    except UnicodeDecodeError:
        raise IntakeError([_not_utf8(filename)]) from None
    except csv.Error as error:  # such as a field longer than the csv module accepts
        raise IntakeError([Problem(filename, number + 1, None, _(
            "This record cannot be read as CSV ({error}); check its quotes, or shorten its "
            "cells.").format(error=error))]) from None


def _csv(content: bytes, filename: str, limits: ReadLimits) -> Source:
    records = _csv_records(content, filename, limits)
    try:
        header = next(records, [])
    except IntakeError as error:
        return Source(problems=error.problems)
    if any(str(cell).strip().casefold() in ("table", "[table]") for cell in header[:1]):
        return _multi_table_csv(header, records, filename)
    scores = {key: sum(header_key(cell, table) is not None for cell in header if cell.strip())
              for key, table in tables().items()}
    best = max(scores.values())
    candidates = [key for key, score in scores.items() if score == best]
    if best == 0 or len(candidates) > 1:
        return Source(problems=[Problem(filename, 1, None, _(
            "OpenEIP cannot tell which table this CSV holds from its header row; use the column "
            "keys of one table (see the template's guide), or add a first column 'table'."))])
    table = tables()[candidates[0]]
    indices, problems = _header(table, filename, header)
    source = Source(problems=problems)
    if not _missing_required(indices, table):
        source.tables.append(RawTable(table, filename, _labels(indices),
                                      _rows(enumerate(records, start=2), indices)))
    return source


def _multi_table_csv(header: list[str], records: Iterator[list[str]], filename: str) -> Source:
    """A CSV whose first column names each row's table; the header is the union of columns."""
    source = Source()
    names = {name: key for key, name in CSV_TABLE_NAMES.items()}
    names.update({key: key for key in TABLE_KEYS})
    indices: dict[str, dict[str, int]] = {key: {} for key in TABLE_KEYS}
    for index, cell in enumerate(header[1:], start=1):
        if not cell.strip() or cell.strip().startswith("#"):
            continue
        found = False
        for key, table in tables().items():
            column = header_key(cell, table)
            if column is not None and column not in indices[key]:
                indices[key][column] = index
                found = True
        if not found:
            source.problems.append(Problem(filename, 1, column_letter(index), _(
                "Unknown column '{header}'; use the column keys of the format, or start the "
                "header with # to keep it as a note.").format(header=cell.strip())))
    # cells under another table's columns must stay empty (a value there would be lost)
    named = {index for columns in indices.values() for index in columns.values()}
    foreign = {key: sorted(named - set(indices[key].values())) for key in TABLE_KEYS}
    rows: dict[str, list[Row]] = {key: [] for key in TABLE_KEYS}
    try:
        _sort_records(records, filename, names, foreign, indices, rows, source)
    except IntakeError as error:
        return Source(problems=source.problems + error.problems)
    for key, table in tables().items():
        if not rows[key]:
            continue
        missing = [c.key for c in table.columns if c.required and c.key not in indices[key]]
        for column in missing:
            source.problems.append(Problem(filename, 1, column, _(
                "The file has {table} rows but no column '{key}'; add it.").format(
                    table=CSV_TABLE_NAMES[key], key=column)))
        if not missing:
            source.tables.append(RawTable(table, filename, _labels(indices[key]), rows[key]))
    return source


def _sort_records(records: Iterator[list[str]], filename: str, names: dict[str, str],
                  foreign: dict[str, list[int]], indices: dict[str, dict[str, int]],
                  rows: dict[str, list[Row]], source: Source) -> None:
    """Each record of a multi-table CSV into the rows of the table its first cell names."""
    for number, cells in enumerate(records, start=2):
        if _is_comment_or_blank(cells):
            continue
        row_table = names.get(cells[0].strip().casefold())
        if row_table is None:
            source.problems.append(Problem(filename, number, "A (table)", _(
                "'{value}' is not a table; write park, company, product or flow.").format(
                    value=cells[0])))
            continue
        for index in foreign[row_table]:
            cell = cells[index] if index < len(cells) else ""
            if cell and not is_blank(cell):
                source.problems.append(Problem(filename, number, column_letter(index), _(
                    "This column is not part of a {table} row; leave it empty.").format(
                        table=CSV_TABLE_NAMES[row_table])))
        rows[row_table].append((number, {column: cells[index] for column, index
                                         in indices[row_table].items() if index < len(cells)}))


_JSON_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"')
_JSON_NOT_BRACKET = re.compile(rb"[^\[\]{}]++")
_JSON_INNERMOST = re.compile(rb"\[\]|\{\}")


def nested_deeper_than(content: bytes, depth: int) -> bool:
    """Whether the JSON text nests arrays and objects more than ``depth`` levels, found without
    parsing it (which would recurse once per level): strings and scalars are dropped, then the
    innermost bracket pairs peeled off one level per pass, at most ``depth`` passes."""
    brackets = _JSON_NOT_BRACKET.sub(b"", _JSON_STRING.sub(b"", content))
    for _level in range(depth):
        peeled = _JSON_INNERMOST.sub(b"", brackets)
        if peeled == brackets:  # nothing left to peel, or unbalanced: json.loads will say so
            return False
        brackets = peeled
    return bool(brackets) and _JSON_INNERMOST.search(brackets) is not None


def _json(content: bytes, filename: str, limits: ReadLimits) -> Source:
    if nested_deeper_than(content, limits.json_depth):
        return Source(problems=too_deep(filename, limits).problems)
    try:
        document = json.loads(content.decode("utf-8-sig"), parse_float=Decimal)
    except RecursionError:
        return Source(problems=too_deep(filename, limits).problems)
    except (UnicodeDecodeError, ValueError) as error:
        return Source(problems=[Problem(filename, None, None, _(
            "'{name}' is not valid JSON ({error}); export it again or check it with a JSON "
            "validator.").format(name=filename, error=error))])
    if (not isinstance(document, dict) or document.get("format") != JSON_FORMAT
            or document.get("version") != JSON_VERSION):
        return Source(problems=[Problem(filename, None, None, _(
            "'{name}' is not an OpenEIP file: it must be a JSON object with \"format\": "
            "\"openeip\" and \"version\": 1.").format(name=filename))])
    source = Source()
    for key, table in tables().items():
        records: Any = document.get(key)
        if key == "park":
            records = [] if records is None else [records]
        elif records is None:
            records = []
        if not isinstance(records, list):
            source.problems.append(Problem(key, None, None, _(
                "'{key}' must be a list of records.").format(key=key)))
            continue
        source.tables.append(RawTable(table, key, {c: c for c in table.column_keys()},
                                      _json_rows(records, table, key, source.problems)))
    return source


def _json_rows(records: list[Any], table: Table, sheet: str, problems: list[Problem]) -> list[Row]:
    rows: list[Row] = []
    known = set(table.column_keys())
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            problems.append(Problem(sheet, number, None, _(
                "Each record must be a JSON object of column keys and values.")))
            continue
        for name in record:
            if name not in known:
                problems.append(Problem(sheet, number, str(name), _(
                    "Unknown field '{name}'; the fields of this table are: {keys}.").format(
                        name=name, keys=", ".join(table.column_keys()))))
        rows.append((number, {name: value for name, value in record.items() if name in known}))
    return rows
