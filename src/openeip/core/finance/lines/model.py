"""Finance lines as data: who lends, on which terms, to whom, for what, and how to apply.

A :class:`FinanceLine` is read from a cited YAML file (``data/finance/lines/*.yaml``, schema in
``docs/finance.md``). Every term and every rule names its :class:`Source` and its
:class:`Verification` level; a value nobody could find is ``None`` and says so — it is never
filled in — and an admin adapts it in an imported copy of the line (a new id).

The facts a rule can test are a catalogue (``data/finance/facts.csv``): each has a unit
(``share``, ``VND``, ``USD``, ``years``, ``count``, ``yes/no`` or ``code``) and the evidence
that proves it, which the eligibility check lists when the fact is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from openeip.core.catalogues._table import read_table
from openeip.core.errors import CatalogueError

__all__ = [
    "FACT_UNITS", "INSTRUMENTS", "TESTS", "Document", "Fact", "FinanceLine", "RefundTier",
    "Rule", "Source", "Step", "Term", "Verification", "fact_catalogue",
]


class Verification(StrEnum):
    VERIFIED = "verified"        # read in the lender's or the state's own text (URL given)
    SECONDARY = "secondary"      # read in a secondary source: news, a consultant's guide, a listing
    UNVERIFIED = "unverified"    # background knowledge, not confirmed in a source that was read
    NOT_FOUND = "not_found"      # looked for and not found: the value is unknown (None)


INSTRUMENTS = ("loan", "preferential_rate", "guarantee", "grant", "refund", "interest_support",
               "taxonomy")
#: rule tests: what the value must be for each
TESTS = ("at_least", "more_than", "at_most", "between", "is_true", "one_of")
FACT_UNITS = ("share", "VND", "USD", "years", "count", "yes/no", "code")


@dataclass(frozen=True)
class Source:
    id: str
    url: str
    title: str
    year: int | None = None
    accessed: str = ""


@dataclass(frozen=True)
class Term:
    """One figure of the line's offer (a rate, a cap, a tenor); ``value`` None when unknown."""

    id: str
    label_en: str
    label_vi: str
    value: float | None
    unit: str
    source: str
    verification: Verification
    note_en: str = ""
    note_vi: str = ""


@dataclass(frozen=True)
class RefundTier:
    """A performance refund: ``refund_share`` of the investment once the verified improvement
    reaches ``improvement_min``; the share is None while nobody has found it."""

    improvement_min: float
    refund_share: float | None
    source: str
    verification: Verification
    note_en: str = ""
    note_vi: str = ""


@dataclass(frozen=True)
class Rule:
    """One eligibility rule: ``facts`` (any one of them suffices when several) tested against
    ``value`` (a number, [min, max] for ``between``, a list of codes for ``one_of``, None when
    the threshold is unknown)."""

    id: str
    text_en: str
    text_vi: str
    facts: tuple[str, ...]
    test: str
    value: Any
    source: str
    verification: Verification
    note_en: str = ""
    note_vi: str = ""


@dataclass(frozen=True)
class Step:
    id: str
    text_en: str
    text_vi: str
    deadline_days: int | None
    actor: str
    source: str
    verification: Verification


@dataclass(frozen=True)
class Document:
    id: str
    text_en: str
    text_vi: str
    source: str
    verification: Verification


@dataclass(frozen=True)
class FinanceLine:
    id: str
    title_en: str
    title_vi: str
    lender_en: str
    lender_vi: str
    instruments: tuple[str, ...]
    currency: str
    status: str                  # in_force | historic | draft | custom
    as_of: str                   # the day the line's data was last checked (ISO date)
    notes_en: str
    notes_vi: str
    sources: tuple[Source, ...]
    terms: tuple[Term, ...]
    refund_tiers: tuple[RefundTier, ...]
    rules: tuple[Rule, ...]
    steps: tuple[Step, ...]
    documents: tuple[Document, ...]
    based_on: str = ""           # an imported line: the id of the line it adapts

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def term(self, term_id: str) -> Term | None:
        return next((t for t in self.terms if t.id == term_id), None)

    def title(self, language: str) -> str:
        return self.title_vi if language == "vi" and self.title_vi else self.title_en

    def lender(self, language: str) -> str:
        return self.lender_vi if language == "vi" and self.lender_vi else self.lender_en

    @property
    def primary_source(self) -> Source | None:
        return self.sources[0] if self.sources else None


@dataclass(frozen=True)
class Fact:
    """A fact about a project that a rule may test, with the evidence that proves it."""

    id: str
    unit: str
    label_en: str
    label_vi: str
    evidence_en: str
    evidence_vi: str

    def label(self) -> dict[str, str]:
        return {"en": self.label_en, "vi": self.label_vi}

    def evidence(self) -> dict[str, str]:
        return {"en": self.evidence_en, "vi": self.evidence_vi}


@cache
def fact_catalogue() -> dict[str, Fact]:
    """The facts of ``data/finance/facts.csv`` by id."""
    facts: dict[str, Fact] = {}
    for row in read_table("finance/facts.csv").rows:
        if row["unit"] not in FACT_UNITS:
            raise CatalogueError("facts.csv: fact {} has unknown unit {}".format(
                row["id"], row["unit"]))
        facts[row["id"]] = Fact(row["id"], row["unit"], row["label_en"], row["label_vi"],
                                row["evidence_en"], row["evidence_vi"])
    return facts
