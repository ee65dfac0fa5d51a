"""What an EIP report shows, as plain data: the park, the edition, the assessment and its plan.

The gathering from the database lives in ``openeip.web.eip.services.dossier``; the renderers
(``eip_dossier`` for the PDF, ``eip_workbook`` for the XLSX) take these objects only, so a test
or the CLI can build a report from core objects without any stored assessment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from openeip.core.eip.model import AssessmentResult, Edition, Status, Verification
from openeip.core.eip.reporting_year import ReportingYear

__all__ = [
    "ActionLine",
    "ComparisonRow",
    "EipDossier",
    "EnterpriseItem",
    "EnterpriseLine",
    "HistoryRow",
    "IndicatorLine",
    "ParkFacts",
    "RoadmapView",
    "RoadmapYear",
    "SupportNote",
]


@dataclass(frozen=True)
class ParkFacts:
    name: str
    slug: str
    province: str
    operator: str
    area_ha: float | None
    firms: int
    green_space_ha: float | None = None
    roads_ha: float | None = None
    shared_infrastructure_ha: float | None = None


@dataclass(frozen=True)
class IndicatorLine:
    """One computed indicator of the park (``data/eip/indicators.csv``)."""

    code: str
    label: str
    value: Decimal | None          # None: no data (a zero denominator is not a zero)
    unit: str
    detail: str = ""


@dataclass(frozen=True)
class SupportNote:
    """Records that support a criterion without answering it (``data/eip/record_support.csv``):
    what they show (one line per indicator, value or the reason there is none) and what still
    needs evidence, in the report's language."""

    lines: tuple[str, ...]
    needs: str
    verification: Verification = Verification.SECONDARY


@dataclass(frozen=True)
class ActionLine:
    """One planned action of the park's EIP plan."""

    title: str
    criteria: tuple[str, ...]
    owner: str
    status: str                    # already a label in the report's language
    deadline: dt.date | None = None
    deadline_estimated: bool = False  # no deadline set: start + the action's typical months
    cost_class: str = ""
    months: int | None = None
    score: Decimal | None = None
    source: str = ""               # 'library', 'recp' or 'symbiosis' as a label


@dataclass(frozen=True)
class RoadmapYear:
    year: int
    met: int                       # criteria expected met at the end of the year
    of: int


@dataclass(frozen=True)
class RoadmapView:
    years: tuple[RoadmapYear, ...]
    all_met_year: int | None       # the year every criterion is expected met; None if never
    commitment_deadline: dt.date | None = None   # Decree 35 Art. 38: establishment + 8 years
    misses_commitment: bool = False
    not_planned: tuple[str, ...] = ()            # open criteria no planned action closes


@dataclass(frozen=True)
class ComparisonRow:
    """Compliance of a reference group or another park (anonymised), per category code."""

    label: str
    overall: Decimal | None
    categories: dict[str, Decimal | None]
    note: str = ""
    verification: str = ""         # of a published figure; '' for a park on the platform


@dataclass(frozen=True)
class EnterpriseItem:
    """One item of the eco-enterprise check (Decree 35 Art. 37(2)) for one firm."""

    code: str
    label: str
    status: Status
    detail: str = ""
    verification: Verification = Verification.SECONDARY
    required: bool = True          # False: reported only (form B5), does not decide the result


@dataclass(frozen=True)
class EnterpriseLine:
    """The eco-enterprise check of one firm."""

    code: str
    name: str
    employees: int | None
    items: tuple[EnterpriseItem, ...]
    status: Status                 # of the required items: MET when all are met


@dataclass(frozen=True)
class HistoryRow:
    as_of: dt.date
    compliance_pct: Decimal | None
    prerequisites_met: bool


@dataclass(frozen=True)
class EipDossier:
    """Everything the certification dossier and the annual report are made of."""

    park: ParkFacts
    edition: Edition
    result: AssessmentResult
    target_year: int | None = None
    indicators: tuple[IndicatorLine, ...] = ()
    actions: tuple[ActionLine, ...] = ()
    roadmap: RoadmapView | None = None
    comparison: tuple[ComparisonRow, ...] = ()
    enterprises: tuple[EnterpriseLine, ...] = ()
    history: tuple[HistoryRow, ...] = ()
    year: int | None = None        # the reporting year (of the dossier and the annual report)
    notes: tuple[str, ...] = field(default=())
    reporting: ReportingYear | None = None  # how the year was chosen and its coverage
    supporting: dict[str, SupportNote] = field(default_factory=dict)  # by criterion id
