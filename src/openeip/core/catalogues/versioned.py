"""Reading versioned, cited data tables (``openeip/data/ghg``, ``openeip/data/prices`` …).

A table is a CSV file whose leading ``#`` comment lines cite its sources and carry one
``# version: <text>`` line; every result computed from the table records that version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openeip.core.catalogues._table import read_table
from openeip.core.errors import CatalogueError, CellError

__all__ = ["VersionTag", "VersionedTable", "number", "read_versioned", "verification_of"]

_TAG = re.compile(r"(\w+) (\S+)(?: \((\d{4})\))?$")


@dataclass(frozen=True, slots=True)
class VersionTag:
    """How a result records a table it used, as stored: "benefit_factors 2026.1"; for a
    value of a yearly series, the year taken too: "grid_factors 2026.1 (2024)"."""

    table: str
    edition: str
    year: int | None = None

    def __str__(self) -> str:
        text = "{} {}".format(self.table, self.edition)
        return text if self.year is None else "{} ({})".format(text, self.year)

    @classmethod
    def read(cls, text: str) -> VersionTag | None:
        """The tag ``text`` records, or None when it is not one."""
        found = _TAG.match(text)
        if found is None:
            return None
        table, edition, year = found.groups()
        return cls(table, edition, int(year) if year else None)

VERIFICATIONS = ("primary", "secondary", "unverified")


@dataclass(frozen=True, slots=True)
class VersionedTable:
    name: str
    version: str
    rows: tuple[dict[str, str], ...]
    #: the line each row stands on in the file
    lines: tuple[int, ...] = ()

    @property
    def tag(self) -> str:
        """What a result computed from the table records (:class:`VersionTag`)."""
        return str(VersionTag(self.name, self.version))


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
