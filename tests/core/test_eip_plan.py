"""Action plan: candidates for open criteria, priority with visible parts, roadmap and Art. 38."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from openeip.core.eip.assess import assess, not_applicable_for
from openeip.core.eip.editions import load_edition, parse_edition
from openeip.core.eip.model import AssessmentResult, Edition, Observation
from openeip.core.eip.plan import (
    ExternalAction,
    LibraryAction,
    PlannedAction,
    action_library,
    candidate_actions,
    cost_class_of,
    planned_from,
    prioritise,
    roadmap,
)
from openeip.core.errors import DomainError

AS_OF = dt.date(2025, 12, 31)


def _edition() -> Edition:
    common = {"text_en": "t", "text_vi": "t", "source": "test", "applies_to": "park"}
    return parse_edition({
        "id": "tiny", "title_en": "Tiny", "title_vi": "Nhỏ", "issuer": "test",
        "published": "2025-01-01", "status": "custom",
        "categories": [{"code": "PM", "name_en": "PM", "name_vi": "PM"},
                       {"code": "ENV", "name_en": "ENV", "name_vi": "MT"}],
        "criteria": [
            {"id": "P1", "category": "PM", "requirement": "prerequisite", "measure": "yes_no",
             **common},
            {"id": "P2", "category": "PM", "requirement": "performance", "measure": "yes_no",
             **common},
            {"id": "E1", "category": "ENV", "requirement": "performance",
             "measure": "share_of_firms", "threshold": 20, "unit": "%",
             "indicator": "recp_firms_share", **common},
            {"id": "W1", "category": "ENV", "requirement": "performance", "measure": "quantity",
             "threshold": 2000, "comparison": "<=", "unit": "m3/ha/yr", **common},
            {"id": "W2", "category": "ENV", "requirement": "performance", "measure": "yes_no",
             **common},
        ]}, "tiny.yaml")


def _result() -> AssessmentResult:
    # P1 no, P2 yes, E1 12.5 % of 8 firms (gap 7.5), W1 unknown, W2 yes → open: P1, E1, W1
    return assess(_edition(), {
        "P1": Observation("P1", False, "evidence", AS_OF),
        "P2": Observation("P2", True, "evidence", AS_OF),
        "E1": Observation("E1", D("12.5"), "computed", AS_OF, firms_counted=8),
        "W2": Observation("W2", True, "evidence", AS_OF)}, as_of=AS_OF)


def _lib(code: str, criteria: tuple[str, ...], indicators: tuple[str, ...], cost: str,
         months: int, feasibility: int = 3) -> LibraryAction:
    return LibraryAction(code, criteria, indicators, code, code, "", "", cost, months,
                         feasibility, "operator", "test", "engineering_practice")


LIBRARY = (
    _lib("L1", ("P1",), (), "low", 3),
    _lib("L2", (), ("recp_firms_share",), "medium", 12),
    _lib("L3", ("W1", "P1"), (), "high", 24),
    _lib("L4", ("P2",), (), "low", 1),                       # P2 is met: not a candidate
)
EXTRA = (
    ExternalAction("recp", "OPT-1", "Condensate return", indicator="recp_firms_share",
                   cost_vnd=D(200_000_000), months=2),
    ExternalAction("recp", "OPT-2", "Lighting", indicator="recp_firms_share", effect=D("2.5"),
                   cost_vnd=D(0), months=1),
    ExternalAction("symbiosis", "OPP-9", "Fly ash to bricks", indicator="symbiosis_links"),
)


def test_candidates_only_for_open_criteria() -> None:
    found = candidate_actions(_result(), LIBRARY, EXTRA)
    assert [(a.source, a.ref, a.criteria) for a in found] == [
        ("library", "L1", ("P1",)), ("library", "L2", ("E1",)),
        ("library", "L3", ("P1", "W1")), ("recp", "OPT-1", ("E1",)), ("recp", "OPT-2", ("E1",))]


def test_priority_scores_worked_by_hand() -> None:
    ranked = prioritise(candidate_actions(_result(), LIBRARY, EXTRA))
    # L1: prerequisite ×2 = 2 points / low 1 = 2.000
    # OPT-1: one more of 8 firms = +12.5 pp ≥ gap 7.5 → 1 point / low (0.2 bn VND) 1 = 1.000, 2 mo
    # L3: P1 2 + W1 1 = 3 points / high 3 = 1.000, 24 months → after OPT-1
    # L2: 1 point / medium 2 = 0.500
    # OPT-2: 2.5 / 7.5 = 1/3 point / low 1 = 0.333
    assert [(p.rank, p.action.ref, p.score) for p in ranked] == [
        (1, "L1", D("2.000")), (2, "OPT-1", D("1.000")), (3, "L3", D("1.000")),
        (4, "L2", D("0.500")), (5, "OPT-2", D("0.333"))]
    parts = ranked[1].parts
    assert parts["criteria"] == [{"id": "E1", "weight": 1, "fraction": "1", "points": "1",
                                  "basis": "effect", "effect": "12.5", "gap": "7.5"}]
    assert (parts["cost_class"], parts["divisor"], parts["months"]) == ("low", 1, 2)


def test_an_unknown_share_counts_from_zero_and_an_unsized_effect_scores_nothing() -> None:
    result = assess(_edition(), {}, as_of=AS_OF)             # everything unknown
    found = candidate_actions(result, (), (
        ExternalAction("recp", "A", "a", criteria=("E1",), effect=D(5)),
        ExternalAction("recp", "B", "b", criteria=("E1",))))  # no firm count to size it
    assert [(c.fraction, c.basis, c.gap) for a in found for c in a.contributions] == [
        (D("0.25"), "effect", D(20)), (D(0), "unsized", D(20))]     # 5 / 20


def test_cost_classes_of_vnd_amounts() -> None:
    assert [cost_class_of(v) for v in (None, D(0), D(499_999_999), D(500_000_000),
                                       D(5_000_000_000))] == [
        "unknown", "low", "low", "medium", "high"]
    with pytest.raises(DomainError):
        cost_class_of(D(-1))


def test_roadmap_year_by_year_and_the_art_38_deadline() -> None:
    result = _result()
    by_ref = {a.ref: a for a in candidate_actions(result, LIBRARY, EXTRA)}
    planned = [planned_from(by_ref["L1"], dt.date(2026, 6, 30)),
               planned_from(by_ref["OPT-2"], dt.date(2026, 3, 31)),      # 1/3 of E1
               planned_from(by_ref["L2"], dt.date(2027, 12, 31)),
               planned_from(by_ref["OPT-1"], dt.date(2026, 1, 31), status="dropped")]
    plan = roadmap(planned, dt.date(2026, 1, 1), dt.date(2020, 2, 29), True, result=result)
    assert plan.met_on == {"P1": dt.date(2026, 6, 30), "E1": dt.date(2027, 12, 31)}
    assert plan.not_planned == ("W1",)
    assert plan.all_met_on is None and plan.all_met_year is None
    assert plan.prerequisites_met_on == dt.date(2026, 6, 30)
    assert plan.deadline == dt.date(2028, 2, 29)             # 29 Feb 2020 + 8 years (leap)
    assert plan.misses_deadline is True
    # met now: P2, W2 = 2 of 5; 2026 +P1 → 3 (60 %); 2027 +E1 → 4 (80 %); 2028 nothing new
    assert [(y.year, y.newly_met, y.met, y.compliance_pct) for y in plan.years] == [
        (2026, ("P1",), 3, D("60.0")), (2027, ("E1",), 4, D("80.0")), (2028, (), 4, D("80.0"))]
    planned.append(PlannedAction("L3", dt.date(2027, 6, 30), ("W1", "P1")))
    plan = roadmap(planned, dt.date(2026, 1, 1), dt.date(2020, 2, 29), True, result=result)
    assert plan.all_met_on == dt.date(2027, 12, 31) and plan.misses_deadline is False


def test_an_existing_park_has_no_art_38_deadline() -> None:
    plan = roadmap([], AS_OF, None, False, result=_result())
    assert (plan.deadline, plan.misses_deadline) == (None, None)
    assert [y.year for y in plan.years] == [2025]


def test_library_is_bilingual_and_covers_every_shipped_criterion() -> None:
    library = action_library()
    assert len(library) >= 40
    assert all(a.title_vi and a.description_vi and a.source for a in library)
    for edition_id in ("vn-decree-35-2022", "intl-eip-framework-2.0", "vn-decree-82-2018"):
        edition = load_edition(edition_id)
        result = assess(edition, {}, as_of=AS_OF,
                        not_applicable=not_applicable_for(edition, is_new_park=True))
        covered = {c for a in candidate_actions(result) for c in a.criteria}
        assert covered == {c.id for c in edition.criteria}, edition_id


def test_art_38_deadline_from_a_leap_day_into_a_common_year() -> None:
    # 29 Feb 2092 + 8 years → 2100 is not a leap year → 28 Feb 2100
    plan = roadmap([], AS_OF, dt.date(2092, 2, 29), True, result=_result())
    assert plan.deadline == dt.date(2100, 2, 28)
