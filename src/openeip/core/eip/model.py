"""The shared vocabulary of the EIP assessment engines (data only, no behaviour).

An *edition* is one versioned, cited criteria catalogue (``data/eip/editions/*.yaml``): the
International EIP Framework v2.0, Decree 35/2022 with Circular 05/2025, Decree 82/2018 (historic),
or an edition an admin imported (a national adaptation, a park's own targets). A shipped edition is
never edited in place: a change is a new edition with its own id.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from openeip.core.i18n import StoredText


class Requirement(StrEnum):
    PREREQUISITE = "prerequisite"        # must be met; gates the overall result
    PERFORMANCE = "performance"          # counts towards compliance


class Measure(StrEnum):
    YES_NO = "yes_no"                    # met when evidenced "yes"
    SHARE_OF_FIRMS = "share_of_firms"    # percent of the applicable firms, 0–100
    QUANTITY = "quantity"                # a number in ``unit`` compared with ``threshold``


class Comparison(StrEnum):
    AT_LEAST = ">="
    AT_MOST = "<="


class AppliesTo(StrEnum):
    OPERATOR = "operator"                # the park's infrastructure investor / management
    ALL_FIRMS = "all_firms"
    FIRMS_OVER_100_WORKERS = "firms_over_100_workers"
    PARK = "park"                        # operator and firms together (a park-wide quantity)


class Verification(StrEnum):
    VERIFIED = "verified"                # checked against the primary text
    SECONDARY = "secondary"              # read in a secondary source (news, Q&A, a spec)
    UNVERIFIED = "unverified"            # not checked; the UI says so and an admin may edit it


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"                  # no data and no evidence
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True, slots=True)
class Category:
    code: str                            # "PM", "ENV", "SOC", "ECO"
    name_en: str
    name_vi: str
    parent: str = ""                     # sub-categories name their category


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str                              # unique inside the edition: "VN35-37.1c", "ENV-W-2"
    category: str                        # Category.code
    subcategory: str                     # Category.code of a sub-category, or ""
    requirement: Requirement
    text_en: str
    text_vi: str
    measure: Measure
    applies_to: AppliesTo
    threshold: Decimal | None = None     # required for SHARE_OF_FIRMS and QUANTITY
    comparison: Comparison = Comparison.AT_LEAST
    unit: str = ""                       # "%" for shares; a pint unit for quantities
    indicator: str = ""                  # code of a computed indicator, "" = evidence only
    evidence_en: str = ""                # what evidence is expected
    evidence_vi: str = ""
    source: str = ""                     # document key, e.g. "decree-35-2022"
    clause: str = ""                     # article / clause / page
    verification: Verification = Verification.UNVERIFIED
    note_en: str = ""                    # what is uncertain (unverified threshold, cut text)
    note_vi: str = ""
    new_parks_only: bool = False         # Decree 35 Art. 38: only parks built as new EIPs

    def text(self, language: str) -> str:
        return self.text_vi if language == "vi" and self.text_vi else self.text_en

    def note(self, language: str) -> str:
        return self.note_vi if language == "vi" and self.note_vi else self.note_en


@dataclass(frozen=True, slots=True)
class Edition:
    id: str                              # "intl-eip-framework-2.0", "vn-decree-35-2022"
    title_en: str
    title_vi: str
    issuer: str
    published: dt.date
    status: str                          # "in_force" | "historic" | "custom"
    categories: tuple[Category, ...]
    criteria: tuple[Criterion, ...]
    based_on: str = ""                   # id of the edition it adapts
    source_url: str = ""
    notes_en: str = ""
    notes_vi: str = ""

    def criterion(self, criterion_id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)


@dataclass(frozen=True, slots=True)
class Observation:
    """The value of one criterion at one time, computed or evidenced."""

    criterion_id: str
    value: bool | Decimal | None         # bool for YES_NO, Decimal (percent or quantity) otherwise
    origin: str                          # "computed" | "evidence"
    as_of: dt.date
    detail: StoredText = ""              # how it was computed, or the evidence note
    firms_counted: int | None = None     # the denominator of a share


@dataclass(frozen=True, slots=True)
class CriterionResult:
    criterion: Criterion
    status: Status
    current: Observation | None
    gap: Decimal | None = None           # how far from the threshold, in the criterion's unit
    intended: Observation | None = None  # the target-year value, if one was set
    intended_status: Status | None = None


def compliance_pct(met: int, applicable: int) -> Decimal | None:
    """``met`` of ``applicable`` criteria in percent, to 0.1; None when none apply."""
    if applicable == 0:
        return None
    return (Decimal(100) * met / applicable).quantize(Decimal("0.1"))


@dataclass(frozen=True, slots=True)
class CategoryScore:
    category: str
    met: int
    assessed: int                        # criteria with status MET or NOT_MET
    applicable: int                      # every criterion except NOT_APPLICABLE

    @property
    def compliance_pct(self) -> Decimal | None:
        """Share of applicable criteria met; unknown counts as not met. None when none apply."""
        return compliance_pct(self.met, self.applicable)


@dataclass(frozen=True, slots=True)
class AssessmentResult:
    edition_id: str
    as_of: dt.date
    results: tuple[CriterionResult, ...]
    categories: tuple[CategoryScore, ...]
    overall: CategoryScore
    prerequisites_met: bool              # every applicable prerequisite MET
    intended_overall: CategoryScore | None = None
    subcategories: tuple[CategoryScore, ...] = ()          # scores of sub-categories, if any
    intended_categories: tuple[CategoryScore, ...] = ()    # per category, when intended given
