"""The rows of the EIP reports, in the report's language: what both the PDF and the XLSX show.

Each row keeps the raw value (for the workbook's number cells) beside its text (for the PDF).
Call these inside ``translation.override(language)``: labels and number separators follow it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openeip.core.eip.indicators import unit_label
from openeip.core.eip.model import (
    AppliesTo,
    Category,
    CategoryScore,
    Comparison,
    Criterion,
    CriterionResult,
    Measure,
    Observation,
    Requirement,
    Status,
    Verification,
)
from openeip.core.eip.references import clause_text, source_title
from openeip.core.i18n import render
from openeip.web.base import formatting
from openeip.web.eip.services.content import EipDossier

__all__ = [
    "CategoryRow",
    "CriterionRow",
    "applies_label",
    "category_name",
    "category_rows",
    "criterion_rows",
    "gap_rows",
    "measure_label",
    "requirement_label",
    "status_label",
    "threshold_text",
    "value_text",
    "verification_counts",
    "verification_label",
]

_STATUS = {
    Status.MET: gettext_lazy("met"),
    Status.NOT_MET: gettext_lazy("not met"),
    Status.UNKNOWN: gettext_lazy("no data"),
    Status.NOT_APPLICABLE: gettext_lazy("not applicable"),
}
_VERIFICATION = {
    Verification.VERIFIED: gettext_lazy("verified"),
    Verification.SECONDARY: gettext_lazy("secondary source"),
    Verification.UNVERIFIED: gettext_lazy("unverified"),
}
_REQUIREMENT = {
    Requirement.PREREQUISITE: gettext_lazy("prerequisite"),
    Requirement.PERFORMANCE: gettext_lazy("performance requirement"),
}
_APPLIES = {
    AppliesTo.OPERATOR: gettext_lazy("park operator"),
    AppliesTo.ALL_FIRMS: gettext_lazy("all firms"),
    AppliesTo.FIRMS_OVER_100_WORKERS: gettext_lazy("firms with more than 100 workers"),
    AppliesTo.PARK: gettext_lazy("the park as a whole"),
}
_MEASURE = {
    Measure.YES_NO: gettext_lazy("yes/no with evidence"),
    Measure.SHARE_OF_FIRMS: gettext_lazy("share of firms"),
    Measure.QUANTITY: gettext_lazy("quantity"),
}


def status_label(status: Status | None) -> str:
    return str(_STATUS[status]) if status is not None else "–"


def verification_label(verification: Verification) -> str:
    return str(_VERIFICATION[verification])


def requirement_label(requirement: Requirement) -> str:
    return str(_REQUIREMENT[requirement])


def applies_label(applies_to: AppliesTo) -> str:
    return str(_APPLIES[applies_to])


def measure_label(measure: Measure) -> str:
    return str(_MEASURE[measure])


def category_name(category: Category | None, language: str, code: str = "") -> str:
    if category is None:
        return code
    return (category.name_vi if language == "vi" and category.name_vi else category.name_en)


#: units that are just a count: the number says it all
_COUNT_UNITS = frozenset({"count", "links", "exchanges"})


def _with_unit(value: Decimal, unit: str) -> str:
    text = formatting.number(value)
    if not unit or unit in _COUNT_UNITS:
        return text
    return "{} {}".format(text, unit_label(unit)).strip()


def threshold_text(criterion: Criterion) -> str:
    """'≥ 20 %', '≤ 5 MWh/ha', or 'yes' for a yes/no criterion."""
    if criterion.measure is Measure.YES_NO:
        return _("yes")
    if criterion.threshold is None:
        return "–"
    sign = "≥" if criterion.comparison is Comparison.AT_LEAST else "≤"
    return "{} {}".format(sign, _with_unit(criterion.threshold, criterion.unit))


def value_text(criterion: Criterion, observation: Observation | None) -> str:
    """The observed value as the report writes it; '–' when there is none."""
    if observation is None or observation.value is None:
        return "–"
    if isinstance(observation.value, bool):
        return _("yes") if observation.value else _("no")
    return _with_unit(observation.value, criterion.unit)


def origin_label(observation: Observation | None) -> str:
    if observation is None:
        return ""
    return {"computed": _("computed from platform data"),
            "evidence": _("evidence entered")}.get(observation.origin, observation.origin)


@dataclass(frozen=True)
class CriterionRow:
    id: str
    category: str
    subcategory: str
    requirement: str
    is_prerequisite: bool
    text: str
    measure: str
    applies_to: str
    threshold: str
    threshold_value: Decimal | None
    unit: str
    current: str
    current_value: bool | Decimal | None
    status: str
    status_code: str
    intended: str
    intended_status: str
    gap: str
    gap_value: Decimal | None
    origin: str
    computed: bool                 # the value was computed (its detail is in the indicators)
    detail: str
    as_of: str
    evidence_expected: str
    note: str
    source: str
    clause: str
    verification: str
    verification_code: str
    #: records shown beside the criterion without deciding it (data/eip/record_support.csv)
    support_lines: tuple[str, ...] = ()
    support_needs: str = ""
    #: the computed detail is shown with the value: a yes/no read from a count, or no value
    #: (the reason, e.g. no records for the year); other computed details are in the indicators
    show_detail: bool = False


def _row(dossier: EipDossier, item: CriterionResult, language: str) -> CriterionRow:
    criterion = item.criterion
    categories = {category.code: category for category in dossier.edition.categories}
    current = item.current
    support = dossier.supporting.get(criterion.id)
    return CriterionRow(
        id=criterion.id,
        category=category_name(categories.get(criterion.category), language, criterion.category),
        subcategory=category_name(categories.get(criterion.subcategory), language,
                                  criterion.subcategory) if criterion.subcategory else "",
        requirement=requirement_label(criterion.requirement),
        is_prerequisite=criterion.requirement is Requirement.PREREQUISITE,
        text=criterion.text(language),
        measure=measure_label(criterion.measure),
        applies_to=applies_label(criterion.applies_to),
        threshold=threshold_text(criterion),
        threshold_value=criterion.threshold,
        unit=unit_label(criterion.unit),
        current=value_text(criterion, current),
        current_value=current.value if current is not None else None,
        status=status_label(item.status),
        status_code=item.status.value,
        intended=value_text(criterion, item.intended) if item.intended else "",
        intended_status=status_label(item.intended_status) if item.intended_status else "",
        gap=_with_unit(item.gap, "" if criterion.measure is Measure.YES_NO else criterion.unit)
        if item.gap is not None else "",
        gap_value=item.gap,
        origin=origin_label(current),
        computed=current is not None and current.origin == "computed",
        detail=render(current.detail) if current is not None else "",
        as_of=formatting.date(current.as_of) if current is not None else "",
        evidence_expected=(criterion.evidence_vi if language == "vi" and criterion.evidence_vi
                           else criterion.evidence_en),
        note=criterion.note(language),
        source=source_title(criterion.source),
        clause=clause_text(criterion.clause),
        verification=verification_label(criterion.verification),
        verification_code=criterion.verification.value,
        support_lines=support.lines if support is not None else (),
        support_needs=support.needs if support is not None else "",
        show_detail=current is not None and (
            current.origin != "computed" or current.value is None
            or criterion.measure is Measure.YES_NO),
    )


def criterion_rows(dossier: EipDossier, language: str) -> list[CriterionRow]:
    """Every criterion of the assessment, in the edition's order."""
    return [_row(dossier, item, language) for item in dossier.result.results]


def gap_rows(dossier: EipDossier, language: str) -> list[CriterionRow]:
    """Criteria not met or without data: prerequisites first, then the largest gaps."""
    open_items = [item for item in dossier.result.results
                  if item.status in (Status.NOT_MET, Status.UNKNOWN)]
    open_items.sort(key=lambda item: (
        item.criterion.requirement is not Requirement.PREREQUISITE,
        item.status is Status.UNKNOWN,
        -(item.gap if item.gap is not None else Decimal(0))))
    return [_row(dossier, item, language) for item in open_items]


@dataclass(frozen=True)
class CategoryRow:
    code: str
    name: str
    is_sub: bool
    met: int
    assessed: int
    applicable: int
    compliance: Decimal | None
    reference: Decimal | None      # the published UNIDO average of this category, if any


def category_rows(dossier: EipDossier, language: str) -> list[CategoryRow]:
    """Each category, followed by its sub-categories (when the assessment scored them)."""
    categories = {category.code: category for category in dossier.edition.categories}
    reference = dossier.comparison[0].categories if dossier.comparison else {}
    result = dossier.result

    def row(score: CategoryScore) -> CategoryRow:
        category = categories.get(score.category)
        return CategoryRow(
            code=score.category, name=category_name(category, language, score.category),
            is_sub=bool(category and category.parent), met=score.met, assessed=score.assessed,
            applicable=score.applicable, compliance=score.compliance_pct,
            reference=reference.get(score.category))

    rows = []
    listed = {score.category for score in result.categories}
    for score in result.categories:
        rows.append(row(score))
        rows += [row(sub) for sub in result.subcategories
                 if sub.category not in listed
                 and categories.get(sub.category, Category("", "", "")).parent == score.category]
    return rows


def verification_counts(dossier: EipDossier) -> dict[str, int]:
    """How many criteria of the edition carry each verification level."""
    counts = Counter(criterion.verification.value for criterion in dossier.edition.criteria)
    return {level.value: counts.get(level.value, 0) for level in Verification}


@dataclass(frozen=True)
class EnterpriseCell:
    status: str
    status_label: str
    detail: str


@dataclass(frozen=True)
class EnterpriseRow:
    code: str
    name: str
    employees: int | None
    cells: tuple[EnterpriseCell, ...]
    status: str
    status_label: str


@dataclass(frozen=True)
class EnterpriseHeader:
    code: str
    short: str                     # the column heading; ``label`` is the item's full text
    label: str
    verification: str
    verification_label: str
    required: bool


def _short_item(code: str) -> str:
    return {"recp": _("RECP"), "symbiosis": _("Symbiosis")}.get(code, "B5 " + code)


def enterprise_table(dossier: EipDossier) -> tuple[list[EnterpriseHeader], list[EnterpriseRow]]:
    """The eco-enterprise checks as one table: a column per item (from the first firm, every
    firm is checked on the same items), a row per firm."""
    if not dossier.enterprises:
        return [], []
    headers = [EnterpriseHeader(item.code, _short_item(item.code), item.label,
                                item.verification.value,
                                verification_label(item.verification), item.required)
               for item in dossier.enterprises[0].items]
    rows = [EnterpriseRow(
        code=line.code, name=line.name, employees=line.employees,
        cells=tuple(EnterpriseCell(item.status.value, status_label(item.status), item.detail)
                    for item in line.items),
        status=line.status.value, status_label=status_label(line.status))
        for line in dossier.enterprises]
    return headers, rows
