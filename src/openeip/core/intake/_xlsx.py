"""Cell values of an .xlsx workbook, read with openpyxl's streaming (read-only) mode.

Values are as Excel stored them (``data_only=True``): a formula gives its cached result, an error
cell its code such as ``#DIV/0!``, a date-formatted number a datetime. The workbook's parts are
checked against :class:`ReadLimits` before openpyxl opens it, and each row against the cell, row
and column limits as it streams by (:mod:`._limits`).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from openeip.core.errors import IntakeError, Problem
from openeip.core.i18n import gettext as _
from openeip.core.intake._limits import (
    DEFAULT_LIMITS,
    ReadLimits,
    cell_too_long,
    too_large_unpacked,
    too_many_columns,
    too_many_rows,
)

#: what openpyxl, zipfile and the XML parser raise on a broken or truncated workbook
_BROKEN = (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError, SyntaxError)


class NotAWorkbook(Exception):
    """The bytes are not an .xlsx workbook openpyxl can open."""


def unpacked_size(content: bytes) -> int:
    """Bytes the workbook's parts take once decompressed, as its zip directory declares them."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise NotAWorkbook(str(error)) from None


class Workbook:
    """Sheet names and a row iterator per sheet; call :meth:`close` when done.

    Raises :class:`NotAWorkbook` for bytes that are no workbook, and :class:`IntakeError` for a
    workbook beyond ``limits`` (at opening for its unpacked size, while reading for the rest).
    """

    def __init__(self, content: bytes, *, filename: str = "workbook.xlsx",
                 limits: ReadLimits = DEFAULT_LIMITS) -> None:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException

        self.filename = filename
        self.limits = limits
        size = unpacked_size(content)
        if size > limits.unpacked_bytes:
            raise too_large_unpacked(filename, size, limits)
        try:
            self._book = openpyxl.load_workbook(io.BytesIO(content), read_only=True,
                                                data_only=True)
        except (InvalidFileException, *_BROKEN) as error:
            raise NotAWorkbook(str(error)) from None

    @property
    def sheet_names(self) -> list[str]:
        return list(self._book.sheetnames)

    def rows(self, name: str) -> Iterator[tuple[int, list[Any]]]:
        """(row number as Excel shows it, cell values) of each row holding a value."""
        from openpyxl.utils.cell import get_column_letter

        limits = self.limits
        sheet = self._book[name]
        declared = sheet.max_column
        width = limits.columns + 1 if declared is None else min(declared, limits.columns + 1)
        try:
            for number, values in enumerate(
                    sheet.iter_rows(min_row=1, max_col=width, values_only=True), start=1):
                if number > limits.rows:
                    if any(value is not None for value in values):
                        raise too_many_rows(name, number, limits)
                    continue
                if not any(value is not None for value in values):
                    continue
                if len(values) > limits.columns and any(
                        value is not None for value in values[limits.columns:]):
                    raise too_many_columns(name, number, limits)
                for index, value in enumerate(values):
                    if value.__class__ is str and len(value) > limits.cell_chars:
                        raise cell_too_long(name, number, get_column_letter(index + 1),
                                            len(value), limits)
                cells = list(values)
                if declared is None:  # no dimension: as wide as the row's last value
                    while cells and cells[-1] is None:
                        cells.pop()
                yield number, cells
        except IntakeError:
            raise
        except _BROKEN as error:
            raise IntakeError([Problem(self.filename, None, None, _(
                "'{name}' is damaged: its sheet '{sheet}' cannot be read to the end ({error}); "
                "open it in Excel and save it again.").format(
                    name=self.filename, sheet=name, error=error))]) from None

    def count_rows(self, name: str) -> int:
        """Rows the sheet declares (its dimension), without reading them."""
        sheet = self._book[name]
        declared = sheet.max_row
        return declared if declared is not None else sum(1 for _ in self.rows(name))

    def close(self) -> None:
        self._book.close()
