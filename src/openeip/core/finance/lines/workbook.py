"""The XLSX form of a finance line: one sheet per part, read into the data :func:`parse_line`
checks like a YAML file.

* ``Line``: two columns, field and value (``instruments`` comma-separated);
* ``Sources``, ``Terms``, ``Refund tiers``, ``Rules``, ``Steps``, ``Documents``: a header row of
  field names, one row per entry. A rule's ``facts`` are comma-separated; its ``value`` is a
  number, ``min;max`` for ``between``, ``a;b`` for ``one_of``; an empty value is unknown.

An admin downloads a shipped line in this form, adapts it under a new id (``based_on`` the
shipped id) and uploads it; a problem names the sheet, the row and the column.
"""

from __future__ import annotations

import io
from typing import Any

from openeip.core.errors import IntakeError, Problem
from openeip.core.i18n import gettext as _

__all__ = ["SHEETS", "line_workbook", "workbook_to_data"]

#: sheet name → the line's field holding its rows, and the columns in order
SHEETS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Sources": ("sources", ("id", "url", "title", "year", "accessed")),
    "Terms": ("terms", ("id", "label_en", "label_vi", "value", "unit", "source", "verification",
                        "note_en", "note_vi")),
    "Refund tiers": ("refund_tiers", ("improvement_min", "refund_share", "source",
                                      "verification", "note_en", "note_vi")),
    "Rules": ("rules", ("id", "text_en", "text_vi", "facts", "test", "value", "source",
                        "verification", "note_en", "note_vi")),
    "Steps": ("steps", ("id", "text_en", "text_vi", "deadline_days", "actor", "source",
                        "verification")),
    "Documents": ("documents", ("id", "text_en", "text_vi", "source", "verification")),
}
_LINE_KEYS = ("id", "based_on", "title_en", "title_vi", "lender_en", "lender_vi", "instruments",
              "currency", "status", "as_of", "notes_en", "notes_vi")
_MAX_ROWS = 2000


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _number_or_text(raw: str) -> Any:
    try:
        number = float(raw)
    except ValueError:
        return raw
    return int(number) if number.is_integer() else number


def workbook_to_data(content: bytes, filename: str) -> dict[str, Any]:
    """The line's data from an XLSX file, or IntakeError naming the sheet, row and column."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise IntakeError([Problem(filename, None, None, _(
            "The file is not an Excel workbook (.xlsx); download the template and fill it in."
        ))]) from None
    problems: list[Problem] = []
    data: dict[str, Any] = {}
    if "Line" not in book.sheetnames:
        raise IntakeError([Problem(filename, None, None, _(
            "The workbook has no sheet 'Line'; download the template and fill it in."))])
    for row in book["Line"].iter_rows(min_row=1, max_row=200, values_only=True):
        if not row or _cell(row[0]) is None:
            continue
        key = str(row[0]).strip()
        value = _cell(row[1]) if len(row) > 1 else None
        if key == "instruments" and isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        elif key == "as_of" and value is not None and not isinstance(value, str):
            value = str(value)[:10]
        data[key] = value
    for sheet, (field, columns) in SHEETS.items():
        if sheet not in book.sheetnames:
            continue
        rows = book[sheet].iter_rows(min_row=1, max_row=_MAX_ROWS, values_only=True)
        header = [str(c).strip() if c is not None else "" for c in next(rows, ())]
        for name in header:
            if name and name not in columns:
                problems.append(Problem(sheet, 1, name, _(
                    "Unknown column '{column}'; the columns are: {known}.").format(
                    column=name, known=", ".join(columns))))
        entries = []
        for row in rows:
            values = {name: _cell(value) for name, value in zip(header, row, strict=False)
                      if name in columns}
            if all(v is None for v in values.values()):
                continue
            entry = {k: v for k, v in values.items() if v is not None}
            if field == "rules":
                if isinstance(entry.get("facts"), str):
                    entry["facts"] = [f.strip() for f in entry["facts"].split(",") if f.strip()]
                raw = entry.get("value")
                if isinstance(raw, str) and ";" in raw:
                    entry["value"] = [None if p.strip() in ("", "~") else _number_or_text(
                        p.strip()) for p in raw.split(";")]
                elif isinstance(raw, str):
                    entry["value"] = _number_or_text(raw)
            entries.append(entry)
        data[field] = entries
    if problems:
        raise IntakeError(problems)
    return data


def line_workbook(data: dict[str, Any]) -> bytes:
    """A line's data (``line_to_data``) as the XLSX template."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])
    sheet = book.create_sheet("Line")
    for key in _LINE_KEYS:
        value = data.get(key)
        if key == "instruments":
            value = ", ".join(value or ())
        sheet.append([key, value])
    for name, (field, columns) in SHEETS.items():
        rows = book.create_sheet(name)
        rows.append(list(columns))
        for entry in data.get(field) or ():
            out = []
            for column in columns:
                value = entry.get(column)
                if column == "facts":
                    value = ", ".join(value or ())
                elif isinstance(value, list):
                    value = ";".join("" if v is None else str(v) for v in value)
                out.append(value)
            rows.append(out)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()
