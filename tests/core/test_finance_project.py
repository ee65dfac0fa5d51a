"""Project finance (issue 14 §3): hand-checked cases and agreement with numpy-financial."""

from __future__ import annotations

from dataclasses import replace

import numpy_financial as npf
import pytest

from openeip.core.errors import DomainError
from openeip.core.finance import (
    ProjectCase,
    evaluate_project,
    loan_schedule,
    project_sensitivity,
)

EXACT = 1e-9

#: I 1000, S 300/yr for 5 years, 60 % loan at 10 % over 4 years with 1 year of grace, equal
#: principal (200 a year), CIT 20 %, straight line over 5 years (200 a year)
HAND = ProjectCase("hand", investment_vnd=1000, annual_savings_vnd=300, lifetime_years=5,
                   discount_rate=0.10, loan_share=0.6, loan_rate=0.10, loan_years=4,
                   grace_years=1, tax_rate=0.2, repayment="equal")


def test_it_repays_equal_principal_after_the_grace_year() -> None:
    rows = loan_schedule(600, 0.10, 4, 1, "equal")
    flat = [value for r in rows for value in (r.interest_vnd, r.principal_vnd, r.balance_vnd)]
    assert flat == pytest.approx([60, 0, 600, 60, 200, 400, 40, 200, 200, 20, 200, 0], abs=EXACT)


def test_hand_case_taxes_debt_service_and_cash_flows() -> None:
    result = evaluate_project(HAND)
    # levered taxable income 40, 40, 60, 80, 100 → tax 8, 8, 12, 16, 20
    assert [y.tax_equity_vnd for y in result.years] == pytest.approx([0, 8, 8, 12, 16, 20])
    # unlevered: 300 − 200 = 100 a year → 20
    assert [y.tax_project_vnd for y in result.years[1:]] == pytest.approx([20] * 5)
    assert result.project_cash_flows_vnd == pytest.approx([-1000, 280, 280, 280, 280, 280])
    assert result.equity_cash_flows_vnd == pytest.approx([-400, 232, 32, 48, 64, 280])
    # CFADS 292, 292, 288, 284 over debt service 60, 260, 240, 220
    assert [y.dscr for y in result.years[1:5]] == pytest.approx(
        [292 / 60, 292 / 260, 288 / 240, 284 / 220], abs=EXACT)
    assert result.min_dscr == pytest.approx(292 / 260, abs=EXACT)
    assert result.avg_dscr == pytest.approx((292 / 60 + 292 / 260 + 1.2 + 284 / 220) / 4,
                                            abs=EXACT)
    llcr = (292 / 1.1 + 292 / 1.1**2 + 288 / 1.1**3 + 284 / 1.1**4) / 600
    assert result.llcr == pytest.approx(llcr, abs=EXACT)
    assert result.payback_years == pytest.approx(1000 / 280, abs=EXACT)  # 3 + 160/280
    assert result.loan_vnd == 600 and result.equity_vnd == 400


def test_it_agrees_with_numpy_financial() -> None:
    result = evaluate_project(HAND)
    assert result.project_npv_vnd == pytest.approx(
        npf.npv(0.10, result.project_cash_flows_vnd), abs=EXACT)
    assert result.equity_npv_vnd == pytest.approx(
        npf.npv(0.10, result.equity_cash_flows_vnd), abs=EXACT)
    assert result.project_irr == pytest.approx(npf.irr(result.project_cash_flows_vnd), abs=EXACT)
    assert result.equity_irr == pytest.approx(npf.irr(result.equity_cash_flows_vnd), abs=EXACT)


@pytest.mark.parametrize(("rate", "years", "grace"), [(0.08, 5, 0), (0.105, 7, 2), (0.026, 10, 2)])
def test_annuity_schedule_agrees_with_numpy_financial(rate: float, years: int,
                                                      grace: int) -> None:
    rows = loan_schedule(1e9, rate, years, grace, "annuity")
    for row in rows[grace:]:
        period = row.year - grace
        assert row.interest_vnd == pytest.approx(
            -npf.ipmt(rate, period, years - grace, 1e9), rel=1e-9)
        assert row.principal_vnd == pytest.approx(
            -npf.ppmt(rate, period, years - grace, 1e9), rel=1e-9)
        assert row.interest_vnd + row.principal_vnd == pytest.approx(
            -npf.pmt(rate, years - grace, 1e9), rel=1e-9)
    assert all(row.interest_vnd == pytest.approx(rate * 1e9) for row in rows[:grace])
    assert rows[-1].balance_vnd == 0


def test_a_loss_is_carried_forward_five_years_only() -> None:
    # everything depreciated in year 1: loss 900, then income 100 a year
    case = ProjectCase("loss", investment_vnd=1000, annual_savings_vnd=100, lifetime_years=8,
                       discount_rate=0.1, tax_rate=0.2, depreciation_years=1)
    taxes = [y.tax_project_vnd for y in evaluate_project(case).years[1:]]
    # years 2..6 use 500 of the 900; the rest expires: year 7 pays tax again
    assert taxes == pytest.approx([0, 0, 0, 0, 0, 0, 20, 20])


def test_inflation_escalates_savings_and_om() -> None:
    case = ProjectCase("nominal", investment_vnd=100, annual_savings_vnd=100, lifetime_years=2,
                       discount_rate=0.1, inflation=0.1, om_vnd_per_yr=10)
    years = evaluate_project(case).years
    assert [y.ebitda_vnd for y in years[1:]] == pytest.approx([110 - 11, 121 - 12.1])


def test_guarantee_fee_grant_and_refund() -> None:
    case = replace(HAND, guarantee_share=0.5, guarantee_fee_rate=0.03, grant_vnd=100,
                   refund_vnd=50, refund_year=2)
    result = evaluate_project(case)
    assert result.guarantee_fee_vnd == pytest.approx(9)  # 3 % × 50 % × 600
    assert result.equity_cash_flows_vnd[0] == pytest.approx(-1000 + 600 + 100 - 9)
    assert result.project_cash_flows_vnd[:3] == pytest.approx([-900, 280, 330])
    # the refund is contingent: the lender's ratio ignores it
    assert result.years[2].dscr == pytest.approx(292 / 260)


def test_no_loan_gives_no_dscr_with_a_reason() -> None:
    result = evaluate_project(ProjectCase("cash", 1000, 300, 5, 0.1))
    assert result.min_dscr is None and result.llcr is None
    assert "min_dscr" in result.reasons
    assert result.project_npv_vnd == pytest.approx(npf.npv(0.1, [-1000] + [300] * 5), abs=EXACT)


def test_a_project_that_never_pays_back_says_so() -> None:
    result = evaluate_project(ProjectCase("slow", 1000, 100, 5, 0.1))
    assert result.payback_years is None and "payback_years" in result.reasons
    assert result.project_irr is not None and result.project_irr < 0


@pytest.mark.parametrize(("changes", "field"), [
    ({"grace_years": 4}, "grace_years"),
    ({"loan_years": 6}, "loan_years"),
    ({"loan_share": 1.2}, "loan_share"),
    ({"repayment": "balloon"}, "repayment"),
    ({"tax_rate": 20}, "tax_rate"),
    ({"grant_vnd": 500}, "loan_share"),
    ({"annual_savings_vnd": -1}, "annual_savings_vnd"),
    ({"lifetime_years": 2.5}, "lifetime_years"),
])
def test_it_names_the_field_of_a_bad_input(changes: dict[str, object], field: str) -> None:
    with pytest.raises(DomainError) as raised:
        replace(HAND, **changes)
    assert raised.value.field == field


def test_sensitivity_grid_moves_the_way_it_should() -> None:
    grid = project_sensitivity(HAND)
    assert len(grid.points) == 9
    centre = grid.at(1.0, 1.0)
    assert centre.project_npv_vnd == pytest.approx(evaluate_project(HAND).project_npv_vnd)
    assert grid.at(0.8, 1.0).min_dscr < centre.min_dscr < grid.at(1.2, 1.0).min_dscr
    assert grid.at(1.0, 1.2).project_npv_vnd < centre.project_npv_vnd
