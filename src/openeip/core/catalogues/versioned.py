"""Reading versioned, cited data tables (``openeip/data/ghg``, ``openeip/data/prices`` …).

A table is a CSV file whose leading ``#`` comment lines cite its sources and carry one
``# version: <text>`` line; every result computed from the table records that version.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources

from openeip.core.errors import CatalogueError

__all__ = ["VersionedTable", "number", "read_versioned", "verification_of"]

VERIFICATIONS = ("primary", "secondary", "unverified")


@dataclass(frozen=True, slots=True)
class VersionedTable:
    name: str
    version: str
    rows: tuple[dict[str, str], ...]


def read_versioned(package: str, filename: str) -> VersionedTable:
    """The rows of ``filename`` in ``package`` and the version its header declares."""
    text = (resources.files(package) / filename).read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    versions = [line.split(":", 1)[1].strip() for line in comments
                if line[1:].strip().lower().startswith("version:")]
    if len(versions) != 1 or not versions[0]:
        raise CatalogueError("{}: needs exactly one '# version: ...' line".format(filename))
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    rows = []
    for number, row in enumerate(csv.DictReader(lines), start=2):
        if None in row or any(value is None for value in row.values()):
            raise CatalogueError("{} row {}: wrong number of columns".format(filename, number))
        rows.append(row)
    return VersionedTable(filename.removesuffix(".csv"), versions[0], tuple(rows))


def verification_of(value: str, filename: str, key: str) -> str:
    """``value`` if it is one of the known verification levels, else CatalogueError."""
    if value not in VERIFICATIONS:
        raise CatalogueError("{} {}: verification '{}' is not one of {}".format(
            filename, key, value, ", ".join(VERIFICATIONS)))
    return value


def number(value: str, filename: str, key: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise CatalogueError("{} {}: '{}' is not a number".format(filename, key, value)) from None
