"""A park's EIP assessment: computed indicators + evidence → core.eip.assess → stored history.

Which value a criterion gets (``observations``):

* a criterion that names a computed indicator takes the value computed from platform data
  (registry flows, land use, RECP options, symbiosis exchanges) when there is one;
* otherwise the latest current evidence for it (``target_year`` empty, ``as_of`` not after the
  assessment date) — also for an indicator criterion whose indicator could not be computed
  (its denominator is missing), so a park can still evidence it by hand;
* the *intended* value of a criterion is the latest evidence with a target year up to the one
  asked for.

Evidence is validated through core before anything is saved: the criterion must exist in the
edition, a yes/no criterion takes yes or no, a share or quantity a number (a share 0–100, checked
by ``core.eip.assess``), and a target year may not lie in the past.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.core import formatting
from openeip.core.eip.assess import (
    assess,
    check_observation,
    check_target_year,
    not_applicable_for,
    observations_from_indicators,
)
from openeip.core.eip.model import (
    AssessmentResult,
    Criterion,
    Edition,
    Measure,
    Observation,
)
from openeip.core.eip.reporting_year import ReportingYear
from openeip.core.errors import DomainError
from openeip.web.eip.models import Evidence, ParkAssessment, ParkProfile
from openeip.web.eip.services.editions import get_edition
from openeip.web.eip.services.indicators import compute, values_to_json
from openeip.web.eip.services.reporting import reporting_year
from openeip.web.eip.services.results import result_from_json, result_to_json
from openeip.web.registry.models import Park

__all__ = [
    "AssessmentRun",
    "add_evidence",
    "assess_park",
    "comparison",
    "evidence_observation",
    "history",
    "latest_assessment",
    "not_applicable",
    "other_parks",
    "run_assessment",
    "saved_year",
    "stored_result",
    "observations",
]


def evidence_observation(evidence: Evidence, criterion: Criterion) -> Observation:
    """One evidence row as the core Observation of its criterion."""
    value: bool | Decimal | None
    if criterion.measure is Measure.YES_NO:
        value = evidence.value_bool
    else:
        value = None if evidence.value_number is None else Decimal(evidence.value_number)
    return Observation(criterion.id, value, "evidence", evidence.as_of, evidence.note)


def _latest_per_criterion(rows: Iterable[Evidence]) -> dict[str, Evidence]:
    """The first row per criterion of rows ordered newest first."""
    latest: dict[str, Evidence] = {}
    for row in rows:
        latest.setdefault(row.criterion_id, row)
    return latest


def _evidence(park: Park, edition_id: str) -> Any:
    return Evidence.objects.filter(park=park, edition_id=edition_id).order_by(
        "criterion_id", "-as_of", "-entered_at", "-id")


def _intended_observation(row: Evidence, criterion: Criterion, as_of: dt.date) -> Observation:
    """An intended value is dated the end of its target year (never before the assessment)."""
    observation = evidence_observation(row, criterion)
    assert row.target_year is not None
    when = max(as_of, dt.date(row.target_year, 12, 31))
    return Observation(criterion.id, observation.value, "evidence", when, observation.detail)


def observations(park: Park, edition: Edition, as_of: dt.date, target_year: int | None = None,
                 year: int | None = None,
                 ) -> tuple[dict[str, Observation], dict[str, Observation], dict[str, Any]]:
    """(current observations, intended observations, indicator values as JSON); indicators
    are computed from the data of ``year`` (the reporting year; ``as_of``'s year if None)."""
    year, values = compute(park, as_of.year if year is None else year)
    current = dict(observations_from_indicators(edition, values, as_of))
    rows = list(_evidence(park, edition.id))
    known = {criterion.id: criterion for criterion in edition.criteria}
    current_rows = _latest_per_criterion(
        row for row in rows if row.target_year is None and row.as_of <= as_of)
    for criterion_id, row in current_rows.items():
        computed = current.get(criterion_id)
        # a computed value wins; evidence fills a criterion without one (or whose indicator
        # could not be computed, whose observation then only says why)
        if criterion_id in known and (computed is None or computed.value is None):
            current[criterion_id] = evidence_observation(row, known[criterion_id])
    intended: dict[str, Observation] = {}
    if target_year is not None:
        intended_rows = _latest_per_criterion(
            row for row in rows if row.target_year is not None and row.target_year <= target_year)
        for criterion_id, row in intended_rows.items():
            if criterion_id in known:
                intended[criterion_id] = _intended_observation(row, known[criterion_id], as_of)
    indicator_json = values_to_json(values)
    indicator_json["_year"] = year
    return current, intended, indicator_json


def not_applicable(park: Park, edition: Edition) -> frozenset[str]:
    """Criteria for new parks only (Decree 35 Art. 38) apply only to a park whose EIP profile
    says it is being built as a new eco-industrial park."""
    is_new = ParkProfile.objects.filter(park=park, new_eip=True).exists()
    return not_applicable_for(edition, is_new_park=is_new)


@dataclass(frozen=True)
class AssessmentRun:
    """One assessment: its result, the saved row (when saved) and the reporting year it used."""

    result: AssessmentResult
    stored: ParkAssessment | None
    reporting: ReportingYear
    #: the indicator values of the reporting year as stored (``values_to_json``): what the
    #: records supporting a criterion show (:mod:`openeip.web.eip.services.supporting`)
    indicator_values: dict[str, Any] = field(default_factory=dict)


def run_assessment(park: Park, edition_id: str, *, year: int | None = None,
                   as_of: dt.date | None = None, target_year: int | None = None,
                   user: Any = None, save: bool = False) -> AssessmentRun:
    """THE assessment of ``park`` under the edition for a reporting year: the one the web pages,
    the dossier (PDF and XLSX) and ``openeip eip assess`` all show. ``year`` as stated, else
    the latest year whose coverage passes the thresholds up to ``as_of``'s year."""
    edition = get_edition(edition_id)
    as_of = as_of or timezone.localdate()
    if target_year is not None:
        check_target_year(target_year, as_of)
    reporting = reporting_year(park, stated=year, up_to=as_of.year)
    current, intended, indicator_json = observations(park, edition, as_of, target_year,
                                                     reporting.year)
    indicator_json["_reporting"] = reporting.as_dict()
    result = assess(edition, current, as_of=as_of, intended=intended or None,
                    not_applicable=not_applicable(park, edition))
    stored = None
    if save:
        stored = ParkAssessment.objects.create(
            park=park, edition_id=edition.id, as_of=as_of, target_year=target_year,
            result=result_to_json(result), indicator_values=indicator_json,
            created_by=user if user is not None and user.is_authenticated else None)
    return AssessmentRun(result, stored, reporting, indicator_json)


def assess_park(park: Park, edition_id: str, *, as_of: dt.date | None = None,
                target_year: int | None = None, user: Any = None, save: bool = True,
                year: int | None = None,
                ) -> tuple[AssessmentResult, ParkAssessment | None]:
    """Assess ``park`` against the edition (:func:`run_assessment`); with ``save`` the result
    joins the park's history."""
    run = run_assessment(park, edition_id, year=year, as_of=as_of, target_year=target_year,
                         user=user, save=save)
    return run.result, run.stored


def saved_year(assessment: ParkAssessment) -> int | None:
    """The reporting year a saved assessment used (older ones kept only the indicator year)."""
    values = assessment.indicator_values or {}
    found = (values.get("_reporting") or {}).get("year", values.get("_year"))
    return int(found) if found is not None else None


def latest_assessment(park: Park, edition_id: str) -> ParkAssessment | None:
    return ParkAssessment.objects.filter(park=park, edition_id=edition_id).order_by(
        "-as_of", "-created_at", "-id").first()


def stored_result(assessment: ParkAssessment) -> AssessmentResult:
    return result_from_json(assessment.result, get_edition(assessment.edition_id))


def history(park: Park, edition_id: str) -> list[dict[str, Any]]:
    """The park's saved assessments under the edition, oldest first: date, overall and per
    category compliance (percent as Decimal or None), prerequisites gate, met/applicable."""
    rows = ParkAssessment.objects.filter(park=park, edition_id=edition_id).order_by(
        "as_of", "created_at", "id")
    result = []
    for row in rows:
        data = row.result
        overall = data["overall"]
        result.append({
            "id": row.pk,
            "as_of": row.as_of,
            "created_at": row.created_at,
            "overall_pct": _pct(overall),
            "met": overall["met"],
            "applicable": overall["applicable"],
            "prerequisites_met": data["prerequisites_met"],
            "categories": {score["category"]: _pct(score) for score in data["categories"]},
        })
    return result


def _pct(score: dict[str, Any]) -> Decimal | None:
    value = score.get("compliance_pct")
    return None if value is None else Decimal(value)


def _check_value(criterion: Criterion, value_bool: bool | None,
                 value_number: Decimal | None) -> None:
    if criterion.measure is Measure.YES_NO:
        if value_bool is None:
            raise DomainError(_("Criterion {id} is answered yes or no: choose one.").format(
                id=criterion.id), "value_bool")
        if value_number is not None:
            raise DomainError(_("Criterion {id} is answered yes or no, not with a number.")
                              .format(id=criterion.id), "value_number")
    elif value_number is None:
        raise DomainError(_("Criterion {id} needs a number in {unit}.").format(
            id=criterion.id, unit=criterion.unit or "-"), "value_number")


@transaction.atomic
def add_evidence(park: Park, edition_id: str, criterion_id: str, *,
                 value_bool: bool | None = None, value_number: Decimal | None = None,
                 note: str = "", file: Any = None, as_of: dt.date | None = None,
                 target_year: int | None = None, user: Any = None) -> Evidence:
    """Validate one piece of evidence through core and store it; DomainError, nothing saved."""
    edition = get_edition(edition_id)
    try:
        criterion = edition.criterion(criterion_id)
    except KeyError:
        raise DomainError(_("Edition {edition} has no criterion {id}.").format(
            edition=edition.id, id=criterion_id), "criterion_id") from None
    as_of = as_of or timezone.localdate()
    if as_of > timezone.localdate():
        raise DomainError(_("Evidence for {id} is dated {date}, which is in the future.").format(
            id=criterion_id, date=formatting.date(as_of)), "as_of")
    if target_year is not None:
        check_target_year(target_year, timezone.localdate())
    value_number = None if value_number is None else Decimal(value_number)
    _check_value(criterion, value_bool, value_number)
    evidence = Evidence(park=park, edition_id=edition.id, criterion_id=criterion.id,
                        value_bool=value_bool, value_number=value_number, note=note,
                        as_of=as_of, target_year=target_year,
                        entered_by=user if user is not None and user.is_authenticated else None)
    # core checks the value against the criterion (a share within 0–100, …) and raises a
    # DomainError naming it; nothing is written before it has said yes
    check_observation(criterion, evidence_observation(evidence, criterion))
    if file is not None:
        evidence.file = file
    evidence.save()
    return evidence


def other_parks(park: Park, edition_id: str, user: Any) -> list[dict[str, Any]]:
    """The latest saved assessment of every other park the user may see under the edition,
    anonymised ("Park 1", "Park 2" … in order of compliance, best first)."""
    newest = (ParkAssessment.objects.filter(park=OuterRef("park"), edition_id=edition_id)
              .order_by("-as_of", "-created_at", "-id").values("pk")[:1])
    rows = (ParkAssessment.objects.for_user(user).filter(edition_id=edition_id)
            .exclude(park=park).filter(pk=Subquery(newest)).only("result", "as_of"))
    items = []
    for row in rows:
        data = row.result
        items.append({
            "overall_pct": _pct(data["overall"]),
            "categories": {score["category"]: _pct(score) for score in data["categories"]},
            "as_of": row.as_of,
        })
    items.sort(key=lambda item: (item["overall_pct"] is None, -(item["overall_pct"] or 0)))
    for number, item in enumerate(items, start=1):
        item["label"] = _("Park {number}").format(number=number)
    return items


def comparison(park: Park, edition_id: str, user: Any) -> dict[str, Any]:
    """What the park's compliance is compared with: the UNIDO 50-park averages per category
    (v1 framework, secondary), the overall averages of the countries UNIDO names, and the other
    parks on the platform the user may see, anonymised."""
    from openeip.web.eip.services.comparison import unido_averages, unido_country_overall

    return {"unido": unido_averages(), "unido_countries": unido_country_overall(),
            "parks": other_parks(park, edition_id, user)}
