"""From gaps to a plan: candidate actions, their priority, and the roadmap to compliance.

**Candidates.** Every criterion whose status is NOT_MET or UNKNOWN is open. An action is a
candidate when it names an open criterion, or a computed indicator that an open criterion names.
Actions come from the library (``openeip/data/eip/actions.csv``) and from the park's own RECP
options and symbiosis opportunities (:class:`ExternalAction`, filled by the web layer).

**Points.** An action's contribution to open criterion :math:`c` is
:math:`p_c = w_c \\cdot f_c` with weight :math:`w_c` = 2 for a prerequisite, 1 otherwise, and
fraction :math:`f_c`:

* a library action is designed to meet the criterion: :math:`f_c = 1`;
* an external action on a yes/no criterion: :math:`f_c = 1`;
* an external action on a share or quantity: :math:`f_c = \\min(1, e / g)` with effect :math:`e`
  (the action's ``effect``; by default one more firm, :math:`100 / n` percentage points for a
  share of :math:`n` firms, or one more link for a count) and gap :math:`g` (the threshold when the
  current value is unknown, i.e. counting from 0); :math:`f_c = 0` when :math:`e` or :math:`g`
  cannot be known.

**Score.** :math:`s = \\sum_c p_c / d` with the cost divisor :math:`d` = 1 (low), 2 (medium or
unknown), 3 (high); ties go to the shorter action (months), then the more feasible (3 = easy), then
the reference. Every part is kept in :attr:`PrioritisedAction.parts` so the UI can show it.

**Roadmap.** A criterion is expected met at the earliest deadline by which the summed fractions of
its planned actions (not dropped, with a deadline) reach 1. Per year from the start: the criteria
newly met and the overall compliance. For a new park (Decree 35 Art. 38(2)(a)) the deadline is
establishment + 8 years, flagged when the roadmap meets every criterion later or never.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from openeip.core.catalogues import read_table
from openeip.core.eip.model import (
    AssessmentResult,
    CriterionResult,
    Measure,
    Requirement,
    Status,
    compliance_pct,
)
from openeip.core.errors import CatalogueError, DomainError
from openeip.core.i18n import gettext as _

__all__ = [
    "ART38_YEARS",
    "COST_CLASSES",
    "COST_RANGES_VND",
    "CandidateAction",
    "Contribution",
    "ExternalAction",
    "LibraryAction",
    "PlannedAction",
    "PrioritisedAction",
    "Roadmap",
    "RoadmapYear",
    "action_library",
    "candidate_actions",
    "cost_class_of",
    "planned_from",
    "prioritise",
    "roadmap",
]

COST_CLASSES = ("low", "medium", "high")
#: cost divisor of the score; "unknown" (an external action without a VND figure) as medium
COST_DIVISOR = {"low": 1, "medium": 2, "high": 3, "unknown": 2}
#: VND bounds of the cost classes: an engineering estimate by OpenEIP, UNVERIFIED
COST_RANGES_VND: Mapping[str, tuple[Decimal, Decimal | None]] = {
    "low": (Decimal(0), Decimal(500_000_000)),
    "medium": (Decimal(500_000_000), Decimal(5_000_000_000)),
    "high": (Decimal(5_000_000_000), None),
}
PREREQUISITE_WEIGHT = 2
ART38_YEARS = 8                                  # Decree 35/2022 Art. 38(2)(a)
OWNERS = ("operator", "firms", "authority")
_VERIFICATIONS = ("primary", "secondary", "unverified", "engineering_practice")
_SCORE_PLACES = Decimal("0.001")


@dataclass(frozen=True, slots=True)
class LibraryAction:
    code: str
    criteria: tuple[str, ...]
    indicators: tuple[str, ...]
    title_en: str
    title_vi: str
    description_en: str
    description_vi: str
    cost_class: str
    months: int
    feasibility: int                     # 3 easy … 1 hard
    owner: str
    source: str
    verification: str


@dataclass(frozen=True, slots=True)
class ExternalAction:
    """A RECP option or symbiosis opportunity of the park that would move a criterion."""

    kind: str                            # "recp" | "symbiosis"
    ref: str                             # the option's or opportunity's reference
    title_en: str
    title_vi: str = ""
    criteria: tuple[str, ...] = ()
    indicator: str = ""                  # e.g. "recp_firms_share", "symbiosis_links"
    effect: Decimal | None = None        # change of the indicator in its unit; None = default
    cost_vnd: Decimal | None = None
    months: int | None = None
    owner: str = "firms"
    feasibility: int = 2


@dataclass(frozen=True, slots=True)
class Contribution:
    criterion_id: str
    weight: int                          # 2 for a prerequisite
    fraction: Decimal                    # 0 … 1 of the criterion's gap closed
    basis: str                           # "library" | "yes_no" | "effect" | "unsized"
    effect: Decimal | None = None
    gap: Decimal | None = None

    @property
    def points(self) -> Decimal:
        return self.weight * self.fraction


@dataclass(frozen=True, slots=True)
class CandidateAction:
    source: str                          # "library" | "recp" | "symbiosis"
    ref: str
    title_en: str
    title_vi: str
    description_en: str
    description_vi: str
    cost_class: str                      # low | medium | high | unknown
    cost_vnd: Decimal | None
    months: int | None
    feasibility: int
    owner: str
    contributions: tuple[Contribution, ...]

    @property
    def criteria(self) -> tuple[str, ...]:
        return tuple(c.criterion_id for c in self.contributions)

    def title(self, language: str) -> str:
        return self.title_vi if language == "vi" and self.title_vi else self.title_en


@dataclass(frozen=True, slots=True)
class PrioritisedAction:
    rank: int
    action: CandidateAction
    points: Decimal
    divisor: int
    score: Decimal
    parts: Mapping[str, object] = field(default_factory=dict)   # JSON-ready, for the UI


# ---------------------------------------------------------------------------- library


@cache
def action_library() -> tuple[LibraryAction, ...]:
    found: list[LibraryAction] = []
    codes: set[str] = set()
    for number, row in read_table("actions.csv", "openeip.data.eip").numbered():
        where = "actions.csv {} ({})".format(number, row.get("code"))
        try:
            action = LibraryAction(
                code=row["code"], criteria=_split(row["criteria"]),
                indicators=_split(row["indicators"]), title_en=row["title_en"],
                title_vi=row["title_vi"], description_en=row["description_en"],
                description_vi=row["description_vi"], cost_class=row["cost_class"],
                months=int(row["months"]), feasibility=int(row["feasibility"]),
                owner=row["owner"], source=row["source"], verification=row["verification"])
        except (KeyError, ValueError, TypeError) as error:
            raise CatalogueError("{}: {}".format(where, error)) from error
        problems = [
            action.code in codes and "repeated code",
            action.cost_class not in COST_CLASSES and "cost_class",
            action.feasibility not in (1, 2, 3) and "feasibility",
            action.owner not in OWNERS and "owner",
            action.verification not in _VERIFICATIONS and "verification",
            not (action.criteria or action.indicators) and "closes nothing",
            not (action.title_vi and action.description_vi) and "Vietnamese text",
        ]
        bad = [p for p in problems if p]
        if bad:
            raise CatalogueError("{}: bad {}".format(where, ", ".join(str(p) for p in bad)))
        codes.add(action.code)
        found.append(action)
    return tuple(found)


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(";") if part.strip())


def cost_class_of(cost_vnd: Decimal | None) -> str:
    """The cost class of a VND amount (bounds: :data:`COST_RANGES_VND`, unverified)."""
    if cost_vnd is None:
        return "unknown"
    for name, (low, high) in COST_RANGES_VND.items():
        if cost_vnd >= low and (high is None or cost_vnd < high):
            return name
    raise DomainError(_("A cost cannot be negative ({value} VND).").format(value=cost_vnd),
                      "cost_vnd")


# ---------------------------------------------------------------------------- candidates


def _open(result: AssessmentResult) -> list[CriterionResult]:
    return [r for r in result.results if r.status in (Status.NOT_MET, Status.UNKNOWN)]


def _weight(row: CriterionResult) -> int:
    return PREREQUISITE_WEIGHT if row.criterion.requirement is Requirement.PREREQUISITE else 1


def _external_contribution(row: CriterionResult, action: ExternalAction) -> Contribution:
    criterion = row.criterion
    if criterion.measure is Measure.YES_NO:
        return Contribution(criterion.id, _weight(row), Decimal(1), "yes_no")
    effect = action.effect
    if effect is None and criterion.measure is Measure.SHARE_OF_FIRMS:
        firms = row.current.firms_counted if row.current is not None else None
        effect = Decimal(100) / firms if firms else None
    if effect is None and criterion.unit == "count":
        effect = Decimal(1)
    gap = row.gap if row.status is Status.NOT_MET else criterion.threshold
    if effect is None or gap is None or gap <= 0 or row.status is Status.UNKNOWN and (
            criterion.comparison.value != ">="):
        return Contribution(criterion.id, _weight(row), Decimal(0), "unsized", effect, gap)
    return Contribution(criterion.id, _weight(row), min(Decimal(1), effect / gap), "effect",
                        effect, gap)


def candidate_actions(result: AssessmentResult, library: Iterable[LibraryAction] | None = None,
                      extra: Sequence[ExternalAction] = ()) -> list[CandidateAction]:
    """Library and external actions that would move at least one open criterion."""
    rows = _open(result)
    found: list[CandidateAction] = []
    for action in action_library() if library is None else library:
        touched = [r for r in rows if r.criterion.id in action.criteria
                   or (r.criterion.indicator and r.criterion.indicator in action.indicators)]
        if touched:
            found.append(CandidateAction(
                "library", action.code, action.title_en, action.title_vi, action.description_en,
                action.description_vi, action.cost_class, None, action.months, action.feasibility,
                action.owner, tuple(Contribution(r.criterion.id, _weight(r), Decimal(1), "library")
                                    for r in touched)))
    for external in extra:
        touched = [r for r in rows if r.criterion.id in external.criteria
                   or (external.indicator and r.criterion.indicator == external.indicator)]
        if touched:
            found.append(CandidateAction(
                external.kind, external.ref, external.title_en, external.title_vi, "", "",
                cost_class_of(external.cost_vnd), external.cost_vnd, external.months,
                external.feasibility, external.owner,
                tuple(_external_contribution(r, external) for r in touched)))
    return found


def _parts(action: CandidateAction, points: Decimal, divisor: int,
           score: Decimal) -> dict[str, object]:
    return {
        "criteria": [{"id": c.criterion_id, "weight": c.weight, "fraction": str(c.fraction),
                      "points": str(c.points), "basis": c.basis,
                      "effect": None if c.effect is None else str(c.effect),
                      "gap": None if c.gap is None else str(c.gap)}
                     for c in action.contributions],
        "points": str(points), "cost_class": action.cost_class, "divisor": divisor,
        "months": action.months, "feasibility": action.feasibility, "score": str(score),
    }


def prioritise(actions: Iterable[CandidateAction]) -> list[PrioritisedAction]:
    """Actions by score (points ÷ cost divisor), then months, feasibility and reference."""
    scored = []
    for action in actions:
        points = sum((c.points for c in action.contributions), Decimal(0))
        divisor = COST_DIVISOR[action.cost_class]
        score = (points / divisor).quantize(_SCORE_PLACES)
        scored.append((action, points, divisor, score))
    scored.sort(key=lambda item: (
        -item[3], item[0].months if item[0].months is not None else 10**6,
        -item[0].feasibility, item[0].source, item[0].ref))
    return [PrioritisedAction(rank, action, points, divisor, score,
                              _parts(action, points, divisor, score))
            for rank, (action, points, divisor, score) in enumerate(scored, start=1)]


# ---------------------------------------------------------------------------- roadmap


@dataclass(frozen=True, slots=True)
class PlannedAction:
    """An action the park decided to take: which criteria it closes (fraction 1 unless given)."""

    ref: str
    deadline: dt.date | None
    criteria: tuple[str, ...] = ()
    fractions: Mapping[str, Decimal] = field(default_factory=dict)
    status: str = "planned"              # planned | in_progress | done | dropped

    def fraction(self, criterion_id: str) -> Decimal:
        return self.fractions.get(criterion_id, Decimal(1))


def planned_from(action: CandidateAction, deadline: dt.date | None,
                 status: str = "planned") -> PlannedAction:
    return PlannedAction(action.ref, deadline, action.criteria,
                         {c.criterion_id: c.fraction for c in action.contributions}, status)


@dataclass(frozen=True, slots=True)
class RoadmapYear:
    year: int
    newly_met: tuple[str, ...]
    met: int
    applicable: int

    @property
    def compliance_pct(self) -> Decimal | None:
        return compliance_pct(self.met, self.applicable)


@dataclass(frozen=True, slots=True)
class Roadmap:
    edition_id: str
    years: tuple[RoadmapYear, ...]
    met_on: Mapping[str, dt.date]        # open criterion → date its planned actions close it
    not_planned: tuple[str, ...]         # open criteria no planned action closes (fully)
    all_met_on: dt.date | None           # every applicable criterion met (None = never)
    prerequisites_met_on: dt.date | None
    deadline: dt.date | None = None      # Art. 38: establishment + 8 years (new parks)
    misses_deadline: bool | None = None  # None when no deadline applies

    @property
    def all_met_year(self) -> int | None:
        return self.all_met_on.year if self.all_met_on else None


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:                   # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


def roadmap(planned: Sequence[PlannedAction], start: dt.date, establishment: dt.date | None,
            is_new_park: bool, *, result: AssessmentResult) -> Roadmap:
    """When the park is expected to meet each open criterion of ``result``, year by year."""
    open_ids = [r.criterion.id for r in _open(result)]
    prerequisites = {r.criterion.id for r in result.results
                     if r.criterion.requirement is Requirement.PREREQUISITE
                     and r.status is not Status.NOT_APPLICABLE}
    met_on: dict[str, dt.date] = {}
    for criterion_id in open_ids:
        steps = sorted((max(a.deadline, start), a.fraction(criterion_id)) for a in planned
                       if a.status != "dropped" and a.deadline is not None
                       and criterion_id in a.criteria)
        total = Decimal(0)
        for day, fraction in steps:
            total += fraction
            if total >= 1:
                met_on[criterion_id] = day
                break
    not_planned = tuple(c for c in open_ids if c not in met_on)
    all_met_on = None if not_planned else max(met_on.values(), default=start)
    open_prerequisites = [met_on.get(c) for c in open_ids if c in prerequisites]
    prerequisites_met_on = None if None in open_prerequisites else max(
        (d for d in open_prerequisites if d is not None), default=start)
    last_year = max([start.year, *(d.year for d in met_on.values())])
    deadline = None
    if is_new_park and establishment is not None:
        deadline = _add_years(establishment, ART38_YEARS)
        last_year = max(last_year, deadline.year)
    met = result.overall.met
    years = []
    for year in range(start.year, last_year + 1):
        newly = tuple(sorted(c for c, d in met_on.items() if d.year == year))
        met += len(newly)
        years.append(RoadmapYear(year, newly, met, result.overall.applicable))
    misses = None if deadline is None else (all_met_on is None or all_met_on > deadline)
    return Roadmap(result.edition_id, tuple(years), met_on, not_planned, all_met_on,
                   prerequisites_met_on, deadline, misses)
