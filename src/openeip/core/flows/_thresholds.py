"""Closure-error thresholds of the balances, read from ``openeip/data/balance_thresholds.csv``."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

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
    text = (resources.files("openeip.data") / _FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    found = {}
    for number, row in enumerate(csv.DictReader(lines), start=2):
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
