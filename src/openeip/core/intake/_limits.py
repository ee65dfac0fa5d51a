"""How much of a file OpenEIP agrees to read: bounds that keep a hostile file from exhausting
memory.

A workbook is a zip archive; its parts are checked against :attr:`ReadLimits.unpacked_bytes`
before anything is decompressed. Python's zipfile never yields more bytes for a part than the
archive's directory declares, so the declared sizes are a real bound (a lying part ends in a
checksum error, reported as a broken workbook). Cells, rows and columns are checked while the
sheet streams by, so no sheet is ever held whole in memory.
"""

from __future__ import annotations

from dataclasses import dataclass

from openeip.core.errors import IntakeError, Problem
from openeip.core.i18n import gettext as _


@dataclass(frozen=True)
class ReadLimits:
    #: all parts of a workbook together, once decompressed
    unpacked_bytes: int = 256 * 1024 * 1024
    #: characters in one cell (Excel's own limit is 32,767)
    cell_chars: int = 32_767
    #: rows of one sheet or CSV file, header included (Excel's own limit is 1,048,576)
    rows: int = 1_048_576
    #: columns of one sheet or CSV file
    columns: int = 200
    #: nesting of arrays and objects in a JSON file (the format needs 3)
    json_depth: int = 32


DEFAULT_LIMITS = ReadLimits()


def _mebibytes(size: int) -> str:
    return "{:,.0f}".format(size / (1024 * 1024))


def too_large_unpacked(filename: str, size: int, limits: ReadLimits) -> IntakeError:
    return IntakeError([Problem(filename, None, None, _(
        "'{name}' unpacks to {size} MB, more than the {limit} MB a workbook may hold; split it "
        "into smaller files, or delete unused sheets, images and formatting.").format(
            name=filename, size=_mebibytes(size), limit=_mebibytes(limits.unpacked_bytes)))])


def cell_too_long(sheet: str, row: int, column: str, length: int,
                  limits: ReadLimits) -> IntakeError:
    return IntakeError([Problem(sheet, row, column, _(
        "This cell holds {length:,} characters, more than the {limit:,} a cell may hold; "
        "shorten it.").format(length=length, limit=limits.cell_chars))])


def too_many_rows(sheet: str, row: int, limits: ReadLimits) -> IntakeError:
    return IntakeError([Problem(sheet, row, None, _(
        "The sheet goes on past row {limit:,}, more than a file may hold; split it into "
        "smaller files.").format(limit=limits.rows))])


def too_many_columns(sheet: str, row: int, limits: ReadLimits) -> IntakeError:
    return IntakeError([Problem(sheet, row, None, _(
        "This row has values beyond column {limit}, more columns than a sheet may have; delete "
        "the columns that are not part of the format.").format(limit=limits.columns))])


def too_deep(filename: str, limits: ReadLimits) -> IntakeError:
    return IntakeError([Problem(filename, None, None, _(
        "'{name}' nests arrays or objects more than {limit} levels deep; an OpenEIP file is an "
        "object of tables, each a list of flat records.").format(
            name=filename, limit=limits.json_depth))])
