"""Reading versioned, cited data tables (``openeip/data/ghg``, ``openeip/data/prices`` …).

A table is a CSV file whose leading ``#`` comment lines cite its sources and carry one
``# version: <text>`` line; every result computed from the table records that version.
"""

from __future__ import annotations

from dataclasses import dataclass

from openeip.core.catalogues._table import read_table
from openeip.core.errors import CatalogueError, CellError

__all__ = ["VersionedTable", "number", "read_versioned", "verification_of"]

VERIFICATIONS = ("primary", "secondary", "unverified")


@dataclass(frozen=True, slots=True)
class VersionedTable:
    name: str
    version: str
    rows: tuple[dict[str, str], ...]
    #: the line each row stands on in the file
    lines: tuple[int, ...] = ()


def read_versioned(package: str, filename: str) -> VersionedTable:
    """The rows of ``filename`` in ``package`` and the version its header declares."""
    table = read_table(filename, package)
    versions = table.meta("version")
    if len(versions) != 1 or not versions[0]:
        raise CatalogueError("{}: needs exactly one '# version: ...' line".format(filename))
    return VersionedTable(filename.removesuffix(".csv"), versions[0], table.rows, table.lines)


def verification_of(value: str, filename: str, key: str) -> str:
    """``value`` if it is one of the known verification levels, else CatalogueError."""
    if value not in VERIFICATIONS:
        raise CatalogueError("{} {}: verification '{}' is not one of {}".format(
            filename, key, value, ", ".join(VERIFICATIONS)))
    return value


def number(value: str, filename: str, key: str) -> float:
    """The number in a cell of a shipped table (read as every number is:
    :func:`openeip.core.numbers.parse_number`), else CatalogueError naming file and key."""
    from openeip.core.numbers import parse_number

    try:
        return float(parse_number(value))
    except CellError as error:
        raise CatalogueError("{} {}: {}".format(filename, key, error.message)) from None
