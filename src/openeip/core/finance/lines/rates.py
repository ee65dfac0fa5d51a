"""The dated VND per USD rate used to show VND amounts in USD and to test USD thresholds.

The shipped rates (``data/finance/exchange_rates.csv``) are the State Bank of Vietnam's daily
reference rates of the days a source was read; the rate used is the latest on or before the day
asked, else the earliest, and its date always travels with it so a page can say "at the rate of
28 Aug 2023". A newer rate is added by an admin (the web keeps its own rows), never guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from openeip.core.catalogues._table import read_table

__all__ = ["UsdRate", "shipped_usd_rates", "usd_rate"]


@dataclass(frozen=True)
class UsdRate:
    day: dt.date
    vnd_per_usd: float
    source: str
    verification: str

    def to_usd(self, vnd: float) -> float:
        return vnd / self.vnd_per_usd


@cache
def shipped_usd_rates() -> tuple[UsdRate, ...]:
    rows = [UsdRate(dt.date.fromisoformat(r["date"]), float(r["vnd_per_usd"]), r["source_url"],
                    r["verification"]) for r in read_table("finance/exchange_rates.csv").rows]
    return tuple(sorted(rows, key=lambda r: r.day))


def usd_rate(on: dt.date | None = None, extra: tuple[UsdRate, ...] = ()) -> UsdRate:
    """The latest rate on or before ``on`` (today when None) among the shipped and ``extra``."""
    rates = sorted((*shipped_usd_rates(), *extra), key=lambda r: r.day)
    day = on or dt.date.today()
    before = [r for r in rates if r.day <= day]
    return before[-1] if before else rates[0]
