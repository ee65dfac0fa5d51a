"""Records that support a criterion without answering it (``data/eip/record_support.csv``).

A criterion whose text a computed indicator measures exactly names that indicator in its
edition (``indicator``) and is decided by it (:func:`openeip.core.eip.assess.
observations_from_indicators`). Other criteria are only *partly* shown by the platform's
records — Decree 35 form B5 SOC.4 asks, per firm with more than 100 workers, for gender
equality in social security, OHS and RECP training, while the training records count the
people trained by gender across all firms. Such a criterion keeps its status from evidence; the
file lists the indicators shown beside it and, in both languages, what still needs evidence.

An edition imported as an adaptation (``based_on``) inherits the rows of the edition it adapts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from openeip.core.catalogues.versioned import read_versioned
from openeip.core.eip.catalogue import indicator_catalogue
from openeip.core.eip.indicators import IndicatorValue
from openeip.core.eip.model import Edition, Verification
from openeip.core.errors import CatalogueError

__all__ = ["SupportRule", "SupportingRecords", "support_rule", "support_rules",
           "supporting_records"]

_COLUMNS = ("edition", "criterion", "indicators", "needs_en", "needs_vi", "source", "clause",
            "verification")


@dataclass(frozen=True, slots=True)
class SupportRule:
    edition: str
    criterion: str
    indicators: tuple[str, ...]          # codes of indicators.csv, shown in this order
    needs_en: str                        # what the records do not show
    needs_vi: str
    source: str
    clause: str
    verification: Verification           # of the criterion's text

    def needs(self, language: str) -> str:
        return self.needs_vi if language == "vi" and self.needs_vi else self.needs_en


@dataclass(frozen=True, slots=True)
class SupportingRecords:
    """The records shown beside one criterion: the rule and the indicator values of the year."""

    rule: SupportRule
    values: tuple[IndicatorValue, ...]   # a value None carries its reason in ``detail``


@cache
def support_rules() -> tuple[SupportRule, ...]:
    table = read_versioned("openeip.data.eip", "record_support.csv")
    catalogue = indicator_catalogue()
    found: list[SupportRule] = []
    seen: set[tuple[str, str]] = set()
    for row, line in zip(table.rows, table.lines, strict=True):
        where = "record_support.csv line {}".format(line)
        if tuple(row) != _COLUMNS:
            raise CatalogueError("{}: the columns must be {}".format(where, ", ".join(_COLUMNS)))
        codes = tuple(code.strip() for code in row["indicators"].split(";") if code.strip())
        unknown = [code for code in codes if code not in catalogue]
        if not codes or unknown:
            raise CatalogueError("{}: unknown or no indicator {}".format(where, unknown))
        key = (row["edition"], row["criterion"])
        if key in seen or not all(key):
            raise CatalogueError("{}: empty or repeated criterion {}".format(where, key))
        seen.add(key)
        try:
            verification = Verification(row["verification"])
        except ValueError:
            raise CatalogueError("{}: verification '{}' is not one of {}".format(
                where, row["verification"], ", ".join(v.value for v in Verification))) from None
        if not row["needs_en"] or not row["needs_vi"]:
            raise CatalogueError("{}: needs_en and needs_vi are required".format(where))
        found.append(SupportRule(row["edition"], row["criterion"], codes, row["needs_en"],
                                 row["needs_vi"], row["source"], row["clause"], verification))
    return tuple(found)


def support_rule(edition: Edition, criterion_id: str) -> SupportRule | None:
    """The row for the criterion of ``edition``, else of the edition it is based on."""
    for edition_id in (edition.id, edition.based_on):
        for rule in support_rules():
            if edition_id and rule.edition == edition_id and rule.criterion == criterion_id:
                return rule
    return None


def supporting_records(edition: Edition, values: Mapping[str, IndicatorValue],
                       ) -> dict[str, SupportingRecords]:
    """{criterion id: the records shown beside it} for the criteria of ``edition`` with a row;
    an indicator missing from ``values`` (an older stored assessment) is left out."""
    found: dict[str, SupportingRecords] = {}
    for criterion in edition.criteria:
        rule = support_rule(edition, criterion.id)
        if rule is None:
            continue
        shown = tuple(values[code] for code in rule.indicators if code in values)
        if shown:
            found[criterion.id] = SupportingRecords(rule, shown)
    return found
