"""What the EIP pages show of an assessment: rows, labels, badges and the radar chart config."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openeip.core import formatting
from openeip.core.eip.indicators import unit_label
from openeip.core.eip.model import (
    AssessmentResult,
    Category,
    CategoryScore,
    Comparison,
    Criterion,
    CriterionResult,
    Edition,
    Measure,
    Observation,
    Status,
)
from openeip.core.eip.references import clause_text, source_title
from openeip.core.i18n import render
from openeip.web.base.labels import current_language

STATUS_LABELS = {
    Status.MET: gettext_lazy("met"),
    Status.NOT_MET: gettext_lazy("not met"),
    Status.UNKNOWN: gettext_lazy("no data"),
    Status.NOT_APPLICABLE: gettext_lazy("not applicable"),
}
VERIFICATION_LABELS = {
    "verified": gettext_lazy("verified"),
    "secondary": gettext_lazy("secondary source"),
    "unverified": gettext_lazy("unverified"),
}
VERIFICATION_HINTS = {
    "verified": gettext_lazy("Checked against the primary text."),
    "secondary": gettext_lazy("Read in a secondary source (a transcription, news or a "
                              "specification), not in the official text."),
    "unverified": gettext_lazy("Not checked against any source text: the wording and threshold "
                               "are paraphrased and may be wrong."),
}
REQUIREMENT_LABELS = {
    "prerequisite": gettext_lazy("prerequisite"),
    "performance": gettext_lazy("performance"),
}
EDITION_STATUS_LABELS = {
    "in_force": gettext_lazy("in force"),
    "historic": gettext_lazy("historic"),
    "custom": gettext_lazy("custom"),
}
ORIGIN_LABELS = {
    "computed": gettext_lazy("computed from platform data"),
    "evidence": gettext_lazy("evidence"),
}


def bilingual(item: Any, field: str) -> str:
    """``field_vi`` on Vietnamese pages when set, else ``field_en``."""
    if current_language() == "vi":
        value = getattr(item, field + "_vi", "")
        if value:
            return str(value)
    return str(getattr(item, field + "_en", ""))


def category_names(edition: Edition) -> dict[str, str]:
    return {category.code: bilingual(category, "name") for category in edition.categories}


def top_categories(edition: Edition) -> list[Category]:
    return [category for category in edition.categories if not category.parent]


def format_number(value: Decimal | None) -> str:
    from openeip.web.base.templatetags.openeip_format import num

    return "" if value is None else num(value)


def threshold_text(criterion: Criterion) -> str:
    if criterion.measure is Measure.YES_NO or criterion.threshold is None:
        return _("yes")
    sign = "≥" if criterion.comparison is Comparison.AT_LEAST else "≤"
    return "{} {} {}".format(sign, format_number(criterion.threshold),
                             unit_label(criterion.unit)).strip()


def value_text(criterion: Criterion, observation: Observation | None) -> str:
    if observation is None or observation.value is None:
        return ""
    if isinstance(observation.value, bool):
        return _("yes") if observation.value else _("no")
    return "{} {}".format(format_number(observation.value), unit_label(criterion.unit)).strip()


def criterion_row(item: CriterionResult, names: dict[str, str],
                  support: Any = None) -> dict[str, Any]:
    """One criterion as the pages show it; ``support``: the records shown beside it without
    deciding it (a :class:`~openeip.web.eip.services.content.SupportNote`), if any."""
    criterion = item.criterion
    current = item.current
    return {
        "support": support,
        "id": criterion.id,
        "criterion": criterion,
        "text": bilingual(criterion, "text"),
        "evidence_expected": bilingual(criterion, "evidence"),
        "note": bilingual(criterion, "note"),
        "category": names.get(criterion.category, criterion.category),
        "subcategory": names.get(criterion.subcategory, criterion.subcategory),
        "requirement": REQUIREMENT_LABELS.get(criterion.requirement.value,
                                              criterion.requirement.value),
        "prerequisite": criterion.requirement.value == "prerequisite",
        "threshold": threshold_text(criterion),
        "value": value_text(criterion, current),
        "origin": ORIGIN_LABELS.get(current.origin, current.origin) if current else "",
        "detail": render(current.detail) if current else "",
        "computed": current is not None and current.origin == "computed",
        "as_of": current.as_of if current else None,
        "status": item.status.value,
        "status_label": STATUS_LABELS[item.status],
        "gap": None if item.gap is None else (
            "{} {}".format(format_number(item.gap), unit_label(criterion.unit)).strip()
            if criterion.measure is not Measure.YES_NO else _("not yet met")),
        "gap_number": item.gap,
        "intended": value_text(criterion, item.intended),
        "intended_status": item.intended_status.value if item.intended_status else "",
        "intended_status_label": STATUS_LABELS[item.intended_status] if item.intended_status
        else "",
        "verification": criterion.verification.value,
        "verification_label": VERIFICATION_LABELS[criterion.verification.value],
        "verification_hint": VERIFICATION_HINTS[criterion.verification.value],
        "source": source_title(criterion.source),
        "clause": clause_text(criterion.clause),
        "indicator": criterion.indicator,
        "measure": criterion.measure.value,
        "new_parks_only": criterion.new_parks_only,
    }


def rows(result: AssessmentResult, edition: Edition,
         support: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    names = category_names(edition)
    support = support or {}
    return [criterion_row(item, names, support.get(item.criterion.id))
            for item in result.results]


def score_rows(result: AssessmentResult, edition: Edition,
               unido: dict[str, Decimal] | None = None) -> list[dict[str, Any]]:
    """One row per top-level category (then the overall row): met, applicable, percent, the
    intended percent and the UNIDO average where known."""
    names = category_names(edition)
    intended = {score.category: score for score in result.intended_categories}
    unido = unido or {}
    items = []
    for score in [*result.categories, result.overall]:
        is_overall = score is result.overall
        planned = result.intended_overall if is_overall else intended.get(score.category)
        items.append({
            "code": score.category,
            "name": _("Overall") if is_overall else names.get(score.category, score.category),
            "met": score.met,
            "assessed": score.assessed,
            "applicable": score.applicable,
            "pct": score.compliance_pct,
            "intended_pct": planned.compliance_pct if planned else None,
            "unido": unido.get("overall" if is_overall else score.category),
            "overall": is_overall,
        })
    return items


def subcategory_rows(result: AssessmentResult, edition: Edition) -> list[dict[str, Any]]:
    names = category_names(edition)
    return [{"name": names.get(score.category, score.category), "met": score.met,
             "applicable": score.applicable, "pct": score.compliance_pct}
            for score in result.subcategories]


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def radar_config(scores: list[dict[str, Any]]) -> dict[str, Any]:
    """Chart.js radar: the park's compliance per category, the intended one and the UNIDO
    average when known; the same numbers are in the table beside it."""
    categories = [row for row in scores if not row["overall"]]
    datasets = [{
        "label": str(_("This park")),
        "data": [_float(row["pct"]) for row in categories],
        "borderColor": "#1b6e4a", "backgroundColor": "rgba(27, 110, 74, 0.2)",
    }]
    if any(row["intended_pct"] is not None for row in categories):
        datasets.append({
            "label": str(_("Intended")),
            "data": [_float(row["intended_pct"]) for row in categories],
            "borderColor": "#2f5fa7", "backgroundColor": "rgba(47, 95, 167, 0.1)",
            "borderDash": [6, 4],
        })
    if any(row["unido"] is not None for row in categories):
        datasets.append({
            "label": str(_("UNIDO 50-park average")),
            "data": [_float(row["unido"]) for row in categories],
            "borderColor": "#a65e00", "backgroundColor": "rgba(166, 94, 0, 0.08)",
        })
    return {
        "type": "radar",
        "data": {"labels": [str(row["name"]) for row in categories], "datasets": datasets},
        "options": {"maintainAspectRatio": False, "animation": False,
                    "scales": {"r": {"min": 0, "max": 100, "ticks": {"stepSize": 20}}}},
    }


def status_counts(result: AssessmentResult) -> dict[str, int]:
    counts = {status.value: 0 for status in Status}
    for item in result.results:
        counts[item.status.value] += 1
    return counts


def unverified_count(edition: Edition) -> int:
    return sum(1 for criterion in edition.criteria if criterion.verification.value != "verified")


def category_score_pct(score: CategoryScore | None) -> Decimal | None:
    return None if score is None else score.compliance_pct


def edition_status(edition: Edition) -> str:
    return str(EDITION_STATUS_LABELS.get(edition.status, edition.status))


def history_chart(items: list[dict[str, Any]], names: list[str]) -> dict[str, Any]:
    """Chart.js line chart of the saved assessments (oldest first): overall and per category."""
    colours = ["#2f5fa7", "#a65e00", "#7a3e9d", "#3b8b8b", "#8a1f1b"]
    datasets = [{"label": str(_("Overall")), "borderColor": "#1b6e4a", "borderWidth": 3,
                 "data": [_float(item["overall_pct"]) for item in items]}]
    for index, name in enumerate(names):
        datasets.append({"label": str(name), "borderColor": colours[index % len(colours)],
                         "data": [_float(item["category_pcts"][index]) for item in items]})
    return {
        "type": "line",
        "data": {"labels": [formatting.date(item["as_of"]) for item in items],
                 "datasets": datasets},
        "options": {"maintainAspectRatio": False, "animation": False,
                    "scales": {"y": {"min": 0, "max": 100}}},
    }
