"""Published EIP compliance averages (``openeip/data/eip/benchmarks.csv``).

UNIDO's 50-park assessment used the **v1 (2017)** framework with 51 requirements; a park assessed
here against v2.0 or a Vietnamese edition is compared with it only loosely — the UI says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from openeip.core.catalogues.versioned import read_versioned, verification_of
from openeip.core.errors import CatalogueError

__all__ = ["BENCHMARK_CATEGORY_CODES", "Benchmark", "category_averages", "unido_benchmarks"]

#: the table's scopes → category codes of the editions
BENCHMARK_CATEGORY_CODES = {"overall": "overall", "park_management": "PM",
                            "environmental": "ENV", "social": "SOC", "economic": "ECO"}


@dataclass(frozen=True, slots=True)
class Benchmark:
    scope: str                           # a key of BENCHMARK_CATEGORY_CODES
    country: str                         # "all" = every park assessed
    metric: str                          # current_compliance | improvement_potential
    value_pct: Decimal
    framework: str
    source: str
    year: int
    verification: str
    note: str

    @property
    def category(self) -> str:
        return BENCHMARK_CATEGORY_CODES[self.scope]


@cache
def unido_benchmarks() -> tuple[Benchmark, ...]:
    table = read_versioned("openeip.data.eip", "benchmarks.csv")
    found = []
    for row in table.rows:
        key = "{} {}".format(row["scope"], row["country"])
        if row["scope"] not in BENCHMARK_CATEGORY_CODES:
            raise CatalogueError("benchmarks.csv {}: unknown scope".format(key))
        if row["metric"] not in ("current_compliance", "improvement_potential"):
            raise CatalogueError("benchmarks.csv {}: unknown metric".format(key))
        found.append(Benchmark(
            row["scope"], row["country"], row["metric"], Decimal(row["compliance_pct"]),
            row["framework"], row["source"], int(row["year"]),
            verification_of(row["verification"], "benchmarks.csv", key), row["note"]))
    return tuple(found)


def category_averages() -> dict[str, Decimal]:
    """Category code → average current compliance (%) over all parks assessed."""
    return {b.category: b.value_pct for b in unido_benchmarks()
            if b.country == "all" and b.metric == "current_compliance"}
