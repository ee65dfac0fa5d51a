"""Label readiness: which criteria of a label a company's RECP data already support.

The criteria are cited data (``data/ecofair/label_criteria.csv``); no threshold is invented.
Each criterion has a check:

* ``data:<indicator>`` — the criterion needs that RECP indicator (energy, water, wastewater,
  waste, materials, ghg) measured: **met** when the company recorded it (a non-zero total in
  the year assessed), else **missing**;
* ``evidence`` — a document only the company can provide: **evidence needed**.

Every result carries the criterion's source and verification level, so an unverified criterion
is shown as such.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from openeip.core.catalogues.versioned import read_versioned, verification_of
from openeip.core.errors import CatalogueError
from openeip.core.recp.indicators import Indicator, IndicatorTable

__all__ = ["Criterion", "CriterionResult", "Readiness", "criteria", "labels", "readiness",
           "recorded_indicators"]


class Readiness(StrEnum):
    MET = "met"
    MISSING = "missing"
    EVIDENCE = "evidence"


@dataclass(frozen=True, slots=True)
class Criterion:
    label: str
    product_group: str
    criterion_id: str
    title_en: str
    title_vi: str
    check: str
    source: str
    verification: str

    def title(self, language: str) -> str:
        return self.title_vi if language == "vi" else self.title_en


@dataclass(frozen=True, slots=True)
class CriterionResult:
    criterion: Criterion
    result: Readiness


@lru_cache(maxsize=1)
def criteria() -> tuple[Criterion, ...]:
    name = "label_criteria.csv"
    table = read_versioned("openeip.data.ecofair", name)
    known = {indicator.value for indicator in Indicator}
    found = []
    for row in table.rows:
        check = row["check"]
        if check != "evidence" and not (check.startswith("data:") and check[5:] in known):
            raise CatalogueError("{} {}: unknown check '{}'".format(name, row["criterion_id"],
                                                                     check))
        found.append(Criterion(row["label"], row["product_group"], row["criterion_id"],
                               row["title_en"], row["title_vi"], check, row["source"],
                               verification_of(row["verification"], name, row["criterion_id"])))
    return tuple(found)


def labels() -> list[tuple[str, str]]:
    """(label, product group) pairs that have criteria."""
    return sorted({(c.label, c.product_group) for c in criteria()})


def recorded_indicators(table: IndicatorTable, year: int) -> frozenset[str]:
    """The RECP indicators with a non-zero total in ``year`` (the year or any of its months)."""
    found = set()
    for period in table.periods:
        if period.year != year:
            continue
        for indicator in Indicator:
            amount = table.absolute(indicator, period)
            if amount.base is not None and amount.base > 0:
                found.add(indicator.value)
    return frozenset(found)


def readiness(label: str, product_group: str, recorded: Iterable[str]) -> list[CriterionResult]:
    """Each criterion of the label (for the product group, and those for 'all') with its result."""
    have = set(recorded)
    results = []
    for criterion in criteria():
        if criterion.label != label or criterion.product_group not in (product_group, "all"):
            continue
        if criterion.check == "evidence":
            result = Readiness.EVIDENCE
        else:
            result = Readiness.MET if criterion.check[5:] in have else Readiness.MISSING
        results.append(CriterionResult(criterion, result))
    return results
