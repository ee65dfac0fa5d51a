"""NPV, IRR (and its guard), paybacks and CRF: hand-checked numbers and agreement with
numpy-financial on a shared table of cases."""

from __future__ import annotations

import math

import numpy_financial as npf
import pytest

from openeip.core.finance import (
    capital_recovery_factor,
    discounted_payback,
    irr,
    npv,
    simple_payback,
)
from openeip.core.finance._cashflows import sign_changes

# The shared agreement table: (discount rate, yearly cash flows from t = 0). Each has one sign
# change or a single root, so numpy-financial's IRR (the root nearest zero) is *the* IRR.
SHARED_CASES: list[tuple[float, list[float]]] = [
    (0.10, [-100e6, 30e6, 30e6, 30e6, 30e6, 30e6]),
    (0.10, [-100, 39, 59, 55, 20]),
    (0.08, [-2_500, 625, 625, 625, 625, 625, 625]),
    (0.07, [-12_000, 4_000, 4_000, 4_000, 4_000]),
    (0.00, [-1_000, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    (0.06, [-1_000, 200] + [200] * 19),
    (0.14, [-300_000] + [100_000 * 1.02**t for t in range(1, 21)]),
    (0.05, [-100, 0, 0, 74]),
    (0.12, [-100, 100, 0, 7]),
    (0.10, [-50e6, 36.66e6, 36.66e6, 36.66e6, 36.66e6, 36.66e6]),
    (0.026, [-1.2e9, 150e6, 160e6, 170e6, 180e6, 190e6, 200e6, 210e6, 220e6, 230e6, 240e6]),
    (0.036, [-750e6] + [95e6] * 15),
    (0.10, [-80e6, 10e6, 20e6, 30e6, 40e6, 50e6]),
    (0.10, [-80e6, 50e6, 40e6, 30e6, 20e6, 10e6]),
    (0.09, [-400e6, 0, 0, 150e6, 150e6, 150e6, 150e6]),
    (0.11, [-1e6, 1.5e6]),
    (0.10, [-1e6, 0.5e6]),
    (-0.02, [-100e6, 20e6, 20e6, 20e6, 20e6, 20e6]),
    (0.25, [-10e6, 2e6, 2e6, 2e6, 2e6, 2e6, 2e6, 2e6, 2e6, 2e6, 2e6, 2e6, 2e6]),
    (0.10, [-200e6, 60e6, 60e6, 60e6, 60e6, 60e6 + 40e6]),
    (0.10, [-30e6, 10e6, 10e6, 10e6, -5e6 + 10e6, 10e6]),
    (0.15, [-5e9] + [1.1e9] * 25),
    (0.10, [-100, 100]),
    (0.10, [-1, 2, -1]),
]


def test_the_shared_table_has_at_least_twenty_cases() -> None:
    assert len(SHARED_CASES) >= 20


@pytest.mark.parametrize(("rate", "flows"), SHARED_CASES)
def test_npv_agrees_with_numpy_financial_to_1e_9(rate: float, flows: list[float]) -> None:
    scale = max(abs(value) for value in flows)
    assert npv(rate, flows) == pytest.approx(float(npf.npv(rate, flows)), rel=1e-9,
                                             abs=1e-9 * scale)


@pytest.mark.parametrize(("rate", "flows"), SHARED_CASES)
def test_irr_agrees_with_numpy_financial_to_1e_9(rate: float, flows: list[float]) -> None:
    result = irr(flows)
    assert result.rate is not None, result.reason
    assert result.rate == pytest.approx(float(npf.irr(flows)), abs=1e-9)
    assert npv(result.rate, flows) == pytest.approx(0.0, abs=1e-6 * max(map(abs, flows)))


@pytest.mark.parametrize(("rate", "years"), [(0.10, 5), (0.026, 10), (0.15, 25), (-0.02, 5),
                                             (0.0, 10), (0.36, 3)])
def test_capital_recovery_factor_agrees_with_numpy_financial_pmt(rate: float,
                                                                 years: int) -> None:
    assert capital_recovery_factor(rate, years) == pytest.approx(
        float(-npf.pmt(rate, years, 1.0)), rel=1e-12)


def test_npv_of_100_million_saving_30_million_a_year_for_5_years_at_10_percent() -> None:
    flows = [-100e6] + [30e6] * 5
    # 30e6 × (1 − 1.1^-5) / 0.1 = 113,723,603.08…; minus the investment
    assert npv(0.10, flows) == pytest.approx(13_723_603.082253, abs=1e-5)


def test_simple_payback_is_investment_over_net_annual_benefit() -> None:
    assert simple_payback(100e6, 30e6) == pytest.approx(10 / 3, rel=1e-15)
    assert simple_payback(0.0, 30e6) == 0.0


def test_simple_payback_is_none_when_net_benefit_is_not_positive() -> None:
    assert simple_payback(100e6, 0.0) is None
    assert simple_payback(100e6, -1e6) is None


def test_discounted_payback_interpolates_inside_the_fifth_year() -> None:
    # after 4 years −100 + 30 (1.1^-1 + … + 1.1^-4) = −7.898 / 1.1^5 (in millions); the fifth
    # year brings 30 / 1.1^5, so 4 + 7.898 / 30 = 4.26326666…
    assert discounted_payback(0.10, [-100e6] + [30e6] * 5) == pytest.approx(
        4 + 7.898 / 30, rel=1e-12)


def test_discounted_payback_at_zero_rate_equals_simple_payback() -> None:
    assert discounted_payback(0.0, [-100.0] + [40.0] * 4) == pytest.approx(2.5)


def test_discounted_payback_is_none_when_never_paid_back_within_the_flows() -> None:
    assert discounted_payback(0.10, [-100e6] + [20e6] * 5) is None


def test_irr_of_the_hand_example_is_15_24_percent() -> None:
    result = irr([-100e6] + [30e6] * 5)
    assert result.rate == pytest.approx(0.1523823711663, abs=1e-12)
    assert result.roots == (result.rate,)
    assert result.reason is None


def test_irr_without_sign_change_has_no_root() -> None:
    result = irr([0.0, 10.0, 20.0])
    assert result.rate is None
    assert result.roots == ()
    assert result.reason is not None and str(result.reason).startswith("no root")


def test_irr_with_two_sign_changes_and_no_real_root_has_no_root() -> None:
    # −100 + 50x − 100x² has a negative discriminant: no rate makes the NPV zero
    result = irr([-100.0, 50.0, -100.0])
    assert result.rate is None
    assert result.reason is not None and str(result.reason).startswith("no root")


def test_irr_with_several_roots_reports_them_and_no_rate() -> None:
    # −100 + 230/(1+r) − 132/(1+r)² = 0 at r = 10 % and r = 20 %
    result = irr([-100.0, 230.0, -132.0])
    assert result.rate is None
    assert result.roots == pytest.approx((0.10, 0.20), abs=1e-12)
    assert result.reason is not None
    assert "several roots (10.0000%, 20.0000%)" in str(result.reason)


def test_irr_with_three_sign_changes_but_one_root_is_that_root() -> None:
    # a mid-life overhaul: −, +, −, + yet p(x) = −100 + 60x − 10x² + 70x³ has one positive root
    flows = [-100.0, 60.0, -10.0, 70.0]
    result = irr(flows)
    assert sign_changes(flows) == 3
    assert result.rate == pytest.approx(float(npf.irr(flows)), abs=1e-12)
    assert result.rate == pytest.approx(0.0937320206758, abs=1e-12)
    assert npv(result.rate, flows) == pytest.approx(0.0, abs=1e-9)


def test_irr_where_numpy_financial_picks_one_of_three_roots_is_refused() -> None:
    flows = [-5.0, 10.5, 1.0, -8.0, 1.0]
    result = irr(flows)
    assert result.rate is None
    assert len(result.roots) == 3
    # numpy-financial returns the root nearest zero; it is among those reported
    assert any(math.isclose(root, float(npf.irr(flows)), abs_tol=1e-9) for root in result.roots)
