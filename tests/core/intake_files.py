"""Tiny interchange files built in memory for the intake tests.

Sheets are written with openpyxl's ordinary (not write-only) mode, as Excel would: shared
strings, real error cells, dates; so the reader is tested on files it did not write itself.
"""

from __future__ import annotations

import io
from typing import Any

import openpyxl

from openeip.core.intake import tables
from openeip.core.intake._columns import header_key

SHEETS = {"park": "Park", "companies": "Companies", "products": "Products", "flows": "Flows"}
COMPANY = {"code": "C01", "name_en": "Dye Works", "name_vi": "Nhà máy Nhuộm", "vsic_code": "1313"}
FLOW = {"company_code": "C01", "period": "2024-01", "direction": "input", "kind": "water",
        "description": "Tap water", "quantity": 50, "unit": "m³", "source": "supplier"}


def keys(table: str) -> list[str]:
    return [column.key for column in tables()[table].columns]


def xlsx(*, park: list[Any] | None = None,
         companies: list[Any] | None = None,
         products: list[Any] | None = None,
         flows: list[Any] | None = None,
         headers: dict[str, list[str]] | None = None,
         leave_out: tuple[str, ...] = ()) -> bytes:
    """A workbook with the four sheets; each row is {key: value}, written under its key."""
    rows = {"park": park or [], "companies": companies or [], "products": products or [],
            "flows": flows or []}
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for table, title in SHEETS.items():
        if table in leave_out:
            continue
        sheet = workbook.create_sheet(title)
        header = (headers or {}).get(table, keys(table))
        sheet.append(header)
        for row in rows[table]:
            if isinstance(row, list):  # a raw row: a comment, or [] for an empty row
                sheet.append(row)
            else:
                sheet.append([row.get(header_key(cell, tables()[table]) or "")
                              for cell in header])
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
