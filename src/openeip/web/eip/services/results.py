"""An AssessmentResult to JSON and back (what ParkAssessment.result stores).

Criteria are stored by id only: editions are never edited in place, so the edition rebuilds them.
Decimals are stored as strings so no digit is lost.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from openeip.core.eip.model import (
    AssessmentResult,
    CategoryScore,
    CriterionResult,
    Edition,
    Observation,
    Status,
)
from openeip.core.i18n import from_json, to_json


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _observation(observation: Observation | None) -> dict[str, Any] | None:
    if observation is None:
        return None
    value = observation.value
    return {
        "value": value if isinstance(value, bool) or value is None else str(value),
        "origin": observation.origin,
        "as_of": observation.as_of.isoformat(),
        "detail": to_json(observation.detail),
        "firms_counted": observation.firms_counted,
    }


def _score(score: CategoryScore | None) -> dict[str, Any] | None:
    if score is None:
        return None
    return {"category": score.category, "met": score.met, "assessed": score.assessed,
            "applicable": score.applicable, "compliance_pct": _number(score.compliance_pct)}


def result_to_json(result: AssessmentResult) -> dict[str, Any]:
    return {
        "edition_id": result.edition_id,
        "as_of": result.as_of.isoformat(),
        "prerequisites_met": result.prerequisites_met,
        "overall": _score(result.overall),
        "intended_overall": _score(result.intended_overall),
        "categories": [_score(score) for score in result.categories],
        "subcategories": [_score(score) for score in result.subcategories],
        "intended_categories": [_score(score) for score in result.intended_categories],
        "results": [
            {
                "criterion_id": item.criterion.id,
                "status": item.status.value,
                "gap": _number(item.gap),
                "current": _observation(item.current),
                "intended": _observation(item.intended),
                "intended_status": item.intended_status.value if item.intended_status else None,
            }
            for item in result.results
        ],
    }


def _observation_from(criterion_id: str, data: dict[str, Any] | None) -> Observation | None:
    if data is None:
        return None
    raw = data["value"]
    value: bool | Decimal | None = raw if isinstance(raw, bool) or raw is None else Decimal(raw)
    return Observation(criterion_id, value, data["origin"], dt.date.fromisoformat(data["as_of"]),
                       from_json(data.get("detail", "")), data.get("firms_counted"))


def _score_from(data: dict[str, Any] | None) -> CategoryScore | None:
    if data is None:
        return None
    return CategoryScore(data["category"], data["met"], data["assessed"], data["applicable"])


def result_from_json(data: dict[str, Any], edition: Edition) -> AssessmentResult:
    """Rebuild a stored result; a criterion the edition no longer has is skipped."""
    known = {criterion.id: criterion for criterion in edition.criteria}
    results = []
    for item in data["results"]:
        criterion = known.get(item["criterion_id"])
        if criterion is None:
            continue
        intended_status = item.get("intended_status")
        results.append(CriterionResult(
            criterion=criterion,
            status=Status(item["status"]),
            current=_observation_from(criterion.id, item["current"]),
            gap=None if item["gap"] is None else Decimal(item["gap"]),
            intended=_observation_from(criterion.id, item.get("intended")),
            intended_status=Status(intended_status) if intended_status else None,
        ))
    overall = _score_from(data["overall"])
    assert overall is not None
    return AssessmentResult(
        edition_id=data["edition_id"],
        as_of=dt.date.fromisoformat(data["as_of"]),
        results=tuple(results),
        categories=_scores_from(data["categories"]),
        overall=overall,
        prerequisites_met=data["prerequisites_met"],
        intended_overall=_score_from(data.get("intended_overall")),
        subcategories=_scores_from(data.get("subcategories", [])),
        intended_categories=_scores_from(data.get("intended_categories", [])),
    )


def _scores_from(items: list[dict[str, Any]]) -> tuple[CategoryScore, ...]:
    return tuple(score for score in map(_score_from, items) if score is not None)
