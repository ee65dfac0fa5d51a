"""Cell values of an .xlsx workbook, read with openpyxl's streaming (read-only) mode.

Values are as Excel stored them (``data_only=True``): a formula gives its cached result, an error
cell its code such as ``#DIV/0!``, a date-formatted number a datetime.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any


class NotAWorkbook(Exception):
    """The bytes are not an .xlsx workbook openpyxl can open."""


class Workbook:
    """Sheet names and a row iterator per sheet; call :meth:`close` when done."""

    def __init__(self, content: bytes) -> None:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException

        try:
            self._book = openpyxl.load_workbook(io.BytesIO(content), read_only=True,
                                                data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError,
                OSError, EOFError) as error:
            raise NotAWorkbook(str(error)) from None

    @property
    def sheet_names(self) -> list[str]:
        return list(self._book.sheetnames)

    def rows(self, name: str) -> Iterator[tuple[int, list[Any]]]:
        """(row number as Excel shows it, cell values) of each row holding a value."""
        sheet = self._book[name]
        for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
            if any(value is not None for value in values):
                yield number, list(values)

    def count_rows(self, name: str) -> int:
        """Rows the sheet declares (its dimension), without reading them."""
        sheet = self._book[name]
        declared = sheet.max_row
        return declared if declared is not None else sum(1 for _ in self.rows(name))

    def close(self) -> None:
        self._book.close()
