"""Assessment: status, gaps, the prerequisite gate, category scores, intended values, checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from openeip.core.eip.assess import (
    assess,
    check_target_year,
    gap_of,
    not_applicable_for,
    observations_from_indicators,
    status_of,
)
from openeip.core.eip.editions import load_edition, parse_edition
from openeip.core.eip.indicators import IndicatorInputs, compute_indicators
from openeip.core.eip.model import CategoryScore, Edition, Observation, Status
from openeip.core.errors import DomainError

AS_OF = dt.date(2025, 12, 31)


def _edition() -> Edition:
    """Two categories, one sub-category, five criteria: small enough to score by hand."""
    common = {"text_en": "t", "text_vi": "t", "source": "test", "applies_to": "park"}
    return parse_edition({
        "id": "tiny", "title_en": "Tiny", "title_vi": "Nhỏ", "issuer": "test",
        "published": "2025-01-01", "status": "custom",
        "categories": [
            {"code": "PM", "name_en": "PM", "name_vi": "PM"},
            {"code": "ENV", "name_en": "ENV", "name_vi": "MT"},
            {"code": "ENV-W", "name_en": "Water", "name_vi": "Nước", "parent": "ENV"},
        ],
        "criteria": [
            {"id": "P1", "category": "PM", "requirement": "prerequisite", "measure": "yes_no",
             **common},
            {"id": "P2", "category": "PM", "requirement": "performance", "measure": "yes_no",
             **common},
            {"id": "E1", "category": "ENV", "requirement": "performance",
             "measure": "share_of_firms", "threshold": 20, "unit": "%",
             "indicator": "recp_firms_share", **common},
            {"id": "W1", "category": "ENV", "subcategory": "ENV-W", "requirement": "performance",
             "measure": "quantity", "threshold": 2000, "comparison": "<=",
             "unit": "m3/ha/yr", "indicator": "water_intensity_per_ha", **common},
            {"id": "W2", "category": "ENV", "subcategory": "ENV-W", "requirement": "performance",
             "measure": "yes_no", "indicator": "wastewater_reused_share", **common},
        ]}, "tiny.yaml")


def _obs(criterion_id: str, value: bool | D | None, as_of: dt.date = AS_OF) -> Observation:
    return Observation(criterion_id, value, "evidence", as_of)


def test_status_and_gap_of_a_share() -> None:
    e1 = _edition().criterion("E1")
    assert status_of(e1, _obs("E1", D("12.5"))) is Status.NOT_MET
    assert gap_of(e1, _obs("E1", D("12.5"))) == D("7.5")          # 20 − 12.5
    assert status_of(e1, _obs("E1", D(20))) is Status.MET         # the floor itself meets it
    assert gap_of(e1, _obs("E1", D(20))) == 0
    assert status_of(e1, None) is Status.UNKNOWN
    assert gap_of(e1, _obs("E1", None)) is None


def test_status_and_gap_of_an_at_most_quantity_and_a_yes_no() -> None:
    edition = _edition()
    w1 = edition.criterion("W1")
    assert status_of(w1, _obs("W1", D(2150))) is Status.NOT_MET
    assert gap_of(w1, _obs("W1", D(2150))) == D(150)              # 2150 − 2000
    assert status_of(w1, _obs("W1", D(1999))) is Status.MET
    p2 = edition.criterion("P2")
    assert (status_of(p2, _obs("P2", False)), gap_of(p2, _obs("P2", False))) == (
        Status.NOT_MET, D(1))
    assert (status_of(p2, _obs("P2", True)), gap_of(p2, _obs("P2", True))) == (Status.MET, D(0))


def test_scores_by_category_subcategory_and_overall() -> None:
    # P1 met, P2 not met, E1 met (25 ≥ 20), W1 unknown, W2 met
    result = assess(_edition(), {
        "P1": _obs("P1", True), "P2": _obs("P2", False), "E1": _obs("E1", D(25)),
        "W2": _obs("W2", True)}, as_of=AS_OF)
    assert result.categories == (CategoryScore("PM", 1, 2, 2), CategoryScore("ENV", 2, 2, 3))
    assert result.subcategories == (CategoryScore("ENV-W", 1, 1, 2),)
    assert result.overall == CategoryScore("overall", 3, 4, 5)
    assert result.overall.compliance_pct == D("60.0")             # 3 / 5
    assert result.categories[1].compliance_pct == D("66.7")       # 2 / 3 = 66.66… → 66.7
    assert result.prerequisites_met is True
    assert result.intended_overall is None


def test_an_unknown_prerequisite_fails_the_gate() -> None:
    result = assess(_edition(), {"P2": _obs("P2", True)}, as_of=AS_OF)
    assert result.prerequisites_met is False
    assert result.results[0].status is Status.UNKNOWN


def test_not_applicable_criteria_leave_the_denominator() -> None:
    result = assess(_edition(), {"P2": _obs("P2", True)}, as_of=AS_OF,
                    not_applicable=frozenset({"P1", "W1"}))
    assert result.prerequisites_met is True                       # P1 does not apply
    assert result.categories[0] == CategoryScore("PM", 1, 1, 1)
    assert result.overall == CategoryScore("overall", 1, 1, 3)    # P2 of P2, E1, W2


def test_intended_values_and_their_scores() -> None:
    target = dt.date(2028, 12, 31)
    result = assess(_edition(), {"P1": _obs("P1", True), "E1": _obs("E1", D(10))},
                    as_of=AS_OF, intended={"E1": _obs("E1", D(30), target),
                                           "P2": _obs("P2", True, target)})
    by_id = {r.criterion.id: r for r in result.results}
    assert by_id["E1"].status is Status.NOT_MET and by_id["E1"].gap == D(10)
    assert by_id["E1"].intended_status is Status.MET
    assert by_id["P1"].intended_status is Status.MET              # unchanged when not given
    assert by_id["W1"].intended_status is Status.UNKNOWN
    # current: P1 only → 1/5; intended: P1, P2, E1 → 3/5
    assert result.overall.met == 1
    assert result.intended_overall == CategoryScore("overall", 3, 3, 5)
    assert result.intended_categories == (CategoryScore("PM", 2, 2, 2),
                                          CategoryScore("ENV", 1, 1, 3))


def test_it_rejects_an_unknown_criterion_naming_it() -> None:
    with pytest.raises(DomainError) as caught:
        assess(_edition(), {"Z9": _obs("Z9", True)}, as_of=AS_OF)
    assert caught.value.field == "Z9"
    assert "Unknown criterion 'Z9'" in str(caught.value)
    with pytest.raises(DomainError, match="'Q7' marked not applicable"):
        assess(_edition(), {}, as_of=AS_OF, not_applicable=frozenset({"Q7"}))


@pytest.mark.parametrize(("observation", "message"), [
    (_obs("E1", D("100.5")), "between 0 and 100"),
    (_obs("E1", D(-1)), "cannot be negative"),
    (_obs("E1", True), "needs a number"),
    (_obs("P1", D(1)), "answered yes or no"),
])
def test_it_rejects_impossible_values(observation: Observation, message: str) -> None:
    with pytest.raises(DomainError, match=message) as caught:
        assess(_edition(), {observation.criterion_id: observation}, as_of=AS_OF)
    assert caught.value.field == observation.criterion_id


def test_it_rejects_an_intended_value_dated_before_the_assessment() -> None:
    with pytest.raises(DomainError, match="before the assessment date"):
        assess(_edition(), {}, as_of=AS_OF, intended={"P1": _obs("P1", True, dt.date(2024, 1, 1))})


def test_target_year_in_the_past() -> None:
    check_target_year(2025, AS_OF)
    with pytest.raises(DomainError, match="Target year 2024 is in the past") as caught:
        check_target_year(2024, AS_OF)
    assert caught.value.field == "target_year"


def test_observations_from_computed_indicators() -> None:
    values = compute_indicators(IndicatorInputs(
        2025, firms=12, firms_with_recp_implemented=3, wastewater_m3=D(1000),
        wastewater_reused_m3=D(150)))
    found = observations_from_indicators(_edition(), values, AS_OF)
    assert set(found) == {"E1", "W1", "W2"}
    assert found["E1"].value == D("25.00") and found["E1"].firms_counted == 12
    assert found["W1"].value is None                      # no water or area data
    assert found["W2"].value is True                      # monitoring: the share is known
    assert str(found["W2"].detail) == (
        "Industrial wastewater reused = 15 % (150 (wastewater reused or recycled (m³)) / 1,000 "
        "(industrial wastewater (m³)))")


def test_decree_35_regression_for_an_existing_park() -> None:
    edition = load_edition("vn-decree-35-2022")
    values = compute_indicators(IndicatorInputs(
        2025, firms=12, firms_with_recp_implemented=3, operating_exchanges=2,
        wastewater_m3=D(1000), wastewater_reused_m3=D(150)))
    observations = observations_from_indicators(edition, values, AS_OF)
    observations["VN35-37.1a"] = _obs("VN35-37.1a", True)
    observations["VN35-37.1b"] = _obs("VN35-37.1b", True)
    observations["VN35-B5-SOC.2"] = _obs("VN35-B5-SOC.2", D(60))
    na = not_applicable_for(edition, is_new_park=False)
    assert na == {"VN35-38.2a-DOSSIER", "VN35-38.2a-COMMITMENT"}
    result = assess(edition, observations, as_of=AS_OF, not_applicable=na)
    # 27 criteria − 2 not applicable = 25; met: 37.1a, 37.1b, A5-ENV.1 (2 ≥ 1),
    # B5-ENV.2 (25 ≥ 20), A5-ENV.3 (reported) = 5 → 5 / 25 = 20.0 %
    assert result.overall == CategoryScore("overall", 5, 6, 25)
    assert result.overall.compliance_pct == D("20.0")
    assert result.prerequisites_met is False                       # 37.1c unknown
    gaps = {r.criterion.id: r.gap for r in result.results if r.gap}
    assert gaps == {"VN35-B5-SOC.2": D(15)}                        # 75 − 60
    assert not_applicable_for(edition, is_new_park=True) == frozenset()
