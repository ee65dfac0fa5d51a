"""Closure-error thresholds of the balances, read from ``openeip/data/balance_thresholds.csv``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from openeip.core.catalogues import read_table
from openeip.core.errors import CatalogueError

_FILE = "balance_thresholds.csv"


@dataclass(frozen=True, slots=True)
class Threshold:
    """The closure error (percent of inputs) above which a balance of ``kind`` is flagged."""

    kind: str
    percent: float
    source: str
    year: int
    verification: str


@lru_cache(maxsize=1)
def thresholds() -> dict[str, Threshold]:
    """Default threshold of each balance kind ('mass', 'water', 'energy'), with its source."""
    found = {}
    for number, row in read_table(_FILE).numbered():
        try:
            percent = float(row["threshold_percent"])
            year = int(row["year"])
        except (TypeError, ValueError):
            raise CatalogueError(
                "{} row {}: threshold_percent and year must be numbers".format(_FILE, number)
            ) from None
        if not 0 <= percent <= 100:
            raise CatalogueError("{} row {}: threshold_percent must lie in 0–100".format(
                _FILE, number))
        found[row["kind"]] = Threshold(row["kind"], percent, row["source"], year,
                                       row["verification"])
    return found
