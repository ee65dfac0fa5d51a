"""Assessing a park against an edition: status and gap per criterion, prerequisites, scores.

Status of a criterion with observation value :math:`v` and threshold :math:`t`:

* not applicable (listed in ``not_applicable``, e.g. Art. 38 for an existing park) → NOT_APPLICABLE;
* no observation, or :math:`v` is None → UNKNOWN;
* yes/no: :math:`v` true → MET, false → NOT_MET;
* share or quantity: MET when :math:`v \\ge t` (comparison ``>=``) or :math:`v \\le t` (``<=``).

Gap (in the criterion's unit): 0 when met; :math:`t - v` (``>=``) or :math:`v - t` (``<=``) when
not met; 1 for an unmet yes/no; None when unknown or not applicable.

Scores count criteria (every criterion weighs 1, as in UNIDO's per-requirement % compliance):
compliance = 100 · met / applicable, where *applicable* excludes NOT_APPLICABLE and UNKNOWN
counts as not met (:class:`~openeip.core.eip.model.CategoryScore`). A sub-category's criteria
count in its parent category and again in the sub-category's own score. The prerequisite gate
is passed only when every applicable prerequisite is MET (unknown fails it).

Intended (target-year) performance: each criterion's intended status is that of its intended
observation, or its current status when no intended value was given (assumed unchanged).

A yes/no criterion that names a computed indicator is a *monitoring* requirement: the mapping
from indicator values (:func:`observations_from_indicators`) makes it true when the indicator
could be computed (the data exist for the year), and puts the value in the detail. A count
indicator (unit ``count``: grievances received, dialogue meetings held) makes it true only when
the count is at least 1; a count of 0 means nothing was recorded for the year, which is no "no":
the value stays None (unknown, for evidence to answer) and the detail says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from openeip.core.eip.catalogue import indicator_catalogue
from openeip.core.eip.indicators import IndicatorValue, unit_message
from openeip.core.eip.model import (
    AssessmentResult,
    CategoryScore,
    Comparison,
    Criterion,
    CriterionResult,
    Edition,
    Measure,
    Observation,
    Requirement,
    Status,
)
from openeip.core.errors import DomainError
from openeip.core.i18n import gettext as _
from openeip.core.i18n import gettext_noop, message

__all__ = [
    "assess",
    "check_observation",
    "check_target_year",
    "gap_of",
    "not_applicable_for",
    "observations_from_indicators",
    "score",
    "status_of",
]

HUNDRED = Decimal(100)


def check_observation(criterion: Criterion, observation: Observation) -> None:
    """DomainError (field = criterion id) when ``observation`` cannot belong to ``criterion``."""
    value = observation.value
    field = criterion.id
    if observation.criterion_id != criterion.id:
        raise DomainError(_("An observation for '{other}' was given as criterion '{id}'.").format(
            other=observation.criterion_id, id=criterion.id), field)
    if value is None:
        return
    if criterion.measure is Measure.YES_NO:
        if not isinstance(value, bool):
            raise DomainError(_("Criterion '{id}' is answered yes or no, not '{value}'.").format(
                id=criterion.id, value=value), field)
        return
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise DomainError(_("Criterion '{id}' needs a number in {unit}, not '{value}'.").format(
            id=criterion.id, unit=criterion.unit, value=value), field)
    if not Decimal(value).is_finite() or value < 0:
        raise DomainError(_("Criterion '{id}': {value} {unit} cannot be negative.").format(
            id=criterion.id, value=value, unit=criterion.unit), field)
    if criterion.unit == "%" and value > HUNDRED:
        raise DomainError(_(
            # xgettext:no-python-format
            "Criterion '{id}': a share must be between 0 and 100 %, not {value}.").format(
            id=criterion.id, value=value), field)
    if observation.firms_counted is not None and observation.firms_counted < 0:
        raise DomainError(_("Criterion '{id}': the number of firms cannot be negative.").format(
            id=criterion.id), field)


def check_target_year(target_year: int, as_of: dt.date) -> None:
    """DomainError when an intended value's target year lies before the assessment's year."""
    if target_year < as_of.year:
        raise DomainError(_("Target year {year} is in the past; choose {current} or "
                            "later.").format(year=target_year, current=as_of.year), "target_year")


def status_of(criterion: Criterion, observation: Observation | None) -> Status:
    if observation is None or observation.value is None:
        return Status.UNKNOWN
    value = observation.value
    if criterion.measure is Measure.YES_NO:
        return Status.MET if value is True else Status.NOT_MET
    assert criterion.threshold is not None and not isinstance(value, bool)
    if criterion.comparison is Comparison.AT_LEAST:
        met = value >= criterion.threshold
    else:
        met = value <= criterion.threshold
    return Status.MET if met else Status.NOT_MET


def gap_of(criterion: Criterion, observation: Observation | None) -> Decimal | None:
    """How far the observation is from meeting the criterion, in the criterion's unit."""
    status = status_of(criterion, observation)
    if status is Status.UNKNOWN:
        return None
    if status is Status.MET:
        return Decimal(0)
    if criterion.measure is Measure.YES_NO:
        return Decimal(1)
    assert observation is not None and criterion.threshold is not None
    value = Decimal(observation.value)  # type: ignore[arg-type]  # not bool/None here
    if criterion.comparison is Comparison.AT_LEAST:
        return criterion.threshold - value
    return value - criterion.threshold


def score(code: str, statuses: Iterable[Status]) -> CategoryScore:
    met = assessed = applicable = 0
    for status in statuses:
        if status is Status.NOT_APPLICABLE:
            continue
        applicable += 1
        if status in (Status.MET, Status.NOT_MET):
            assessed += 1
        if status is Status.MET:
            met += 1
    return CategoryScore(code, met, assessed, applicable)


def not_applicable_for(edition: Edition, *, is_new_park: bool) -> frozenset[str]:
    """Criteria that do not apply to the park: Art. 38 (new parks only) for an existing park."""
    if is_new_park:
        return frozenset()
    return frozenset(c.id for c in edition.criteria if c.new_parks_only)


def _checked(edition: Edition, observations: Mapping[str, Observation], what: str,
             as_of: dt.date, after: bool) -> None:
    known = {c.id for c in edition.criteria}
    for criterion_id, observation in observations.items():
        if criterion_id not in known:
            raise DomainError(_("Unknown criterion '{id}' in the {what} values: edition "
                                "'{edition}' has no such criterion.").format(
                id=criterion_id, what=what, edition=edition.id), criterion_id)
        check_observation(edition.criterion(criterion_id), observation)
        if after and observation.as_of < as_of:
            raise DomainError(_("Criterion '{id}': the intended value is dated {date}, before the "
                                "assessment date {as_of}.").format(
                id=criterion_id, date=observation.as_of, as_of=as_of), criterion_id)


def _scores(edition: Edition, statuses: Mapping[str, Status]) -> tuple[
        tuple[CategoryScore, ...], tuple[CategoryScore, ...], CategoryScore]:
    tops = [c.code for c in edition.categories if not c.parent]
    subs = [c.code for c in edition.categories if c.parent]
    by_category = {code: score(code, (statuses[c.id] for c in edition.criteria
                                      if c.category == code)) for code in tops}
    by_sub = {code: score(code, (statuses[c.id] for c in edition.criteria
                                 if c.subcategory == code)) for code in subs}
    overall = score("overall", statuses.values())
    return tuple(by_category.values()), tuple(by_sub.values()), overall


def assess(edition: Edition, observations: Mapping[str, Observation], *, as_of: dt.date,
           intended: Mapping[str, Observation] | None = None,
           not_applicable: frozenset[str] = frozenset()) -> AssessmentResult:
    """The park's status against ``edition`` from the current (and intended) observations."""
    _checked(edition, observations, _("current"), as_of, after=False)
    if intended is not None:
        _checked(edition, intended, _("intended"), as_of, after=True)
    unknown = sorted(not_applicable - {c.id for c in edition.criteria})
    if unknown:
        raise DomainError(_("Unknown criterion '{id}' marked not applicable: edition '{edition}' "
                            "has no such criterion.").format(id=unknown[0], edition=edition.id),
                          unknown[0])
    results = []
    statuses: dict[str, Status] = {}
    intended_statuses: dict[str, Status] = {}
    for criterion in edition.criteria:
        current = observations.get(criterion.id)
        target = intended.get(criterion.id) if intended is not None else None
        if criterion.id in not_applicable:
            status, gap = Status.NOT_APPLICABLE, None
            intended_status = Status.NOT_APPLICABLE
        else:
            status, gap = status_of(criterion, current), gap_of(criterion, current)
            intended_status = status_of(criterion, target) if target is not None else status
        statuses[criterion.id] = status
        intended_statuses[criterion.id] = intended_status
        results.append(CriterionResult(
            criterion, status, current, gap, target,
            intended_status if intended is not None else None))
    categories, subcategories, overall = _scores(edition, statuses)
    prerequisites_met = all(
        statuses[c.id] in (Status.MET, Status.NOT_APPLICABLE)
        for c in edition.criteria if c.requirement is Requirement.PREREQUISITE)
    intended_categories: tuple[CategoryScore, ...] = ()
    intended_overall = None
    if intended is not None:
        intended_categories, _subs, intended_overall = _scores(edition, intended_statuses)
    return AssessmentResult(
        edition_id=edition.id, as_of=as_of, results=tuple(results), categories=categories,
        overall=overall, prerequisites_met=prerequisites_met, intended_overall=intended_overall,
        subcategories=subcategories, intended_categories=intended_categories)


def observations_from_indicators(edition: Edition, values: Mapping[str, IndicatorValue],
                                 as_of: dt.date) -> dict[str, Observation]:
    """An observation for each criterion that names a computed indicator found in ``values``.

    A share or quantity criterion takes the value; a yes/no criterion (a monitoring requirement)
    is true when the value could be computed. A value that could not be computed gives an
    observation with value None whose detail says why.
    """
    found: dict[str, Observation] = {}
    for criterion in edition.criteria:
        indicator = values.get(criterion.indicator) if criterion.indicator else None
        if indicator is None:
            continue
        firms = None
        if criterion.measure is Measure.SHARE_OF_FIRMS and indicator.denominator is not None:
            firms = int(indicator.denominator)
        value: bool | Decimal | None
        detail = indicator.detail
        if criterion.measure is Measure.YES_NO:
            definition = indicator_catalogue().get(indicator.code)
            name = ({"en": definition.name("en"), "vi": definition.name("vi")}
                    if definition else indicator.code)
            nothing = indicator.unit == "count" and indicator.value == 0
            value = True if indicator.value is not None and not nothing else None
            if nothing:
                detail = message(gettext_noop("{code} = 0: nothing recorded on the platform for "
                                              "the year, which is not a no; evidence can answer "
                                              "the criterion."), code=name)
            elif indicator.value is not None and indicator.unit == "count":
                detail = message(gettext_noop("{code} = {value}"), code=name,
                                 value=indicator.value)
            elif indicator.value is not None:
                detail = message(gettext_noop("{code} = {value} {unit} ({detail})"),
                                 code=name, value=indicator.value,
                                 unit=unit_message(indicator.unit), detail=indicator.detail)
        else:
            value = indicator.value
        found[criterion.id] = Observation(criterion.id, value, "computed", as_of, detail, firms)
    return found
