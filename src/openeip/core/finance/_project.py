"""Project finance of one investment: debt, corporate income tax, inflation, guarantee fee,
grants and performance refunds (issue 14 §3).

All money in nominal VND; years :math:`t = 0..n`, :math:`t = 0` the day the investment is
paid and the loan drawn, flows at the end of year :math:`t` otherwise.

**Operations** (prices of today, escalated by inflation from year 1, as in :mod:`._evaluate`):

.. math::

    S_t = S (1+\\pi)^t, \\qquad C_t = C (1+\\pi)^t, \\qquad EBITDA_t = S_t - C_t

    Dep_t = I / D \\quad (1 \\le t \\le \\min(D, n)), \\; 0 \\text{ after}

**Debt** (drawn at :math:`t=0`, :math:`L = \\lambda I`; interest only in the grace years):

.. math::

    B_0 = L, \\qquad Int_t = i B_{t-1}, \\qquad
    P_t = \\begin{cases}
        0 & t \\le G \\\\
        L \\cdot CRF(i, T-G) - Int_t & \\text{annuity}, \\; G < t \\le T \\\\
        L / (T - G) & \\text{equal principal}, \\; G < t \\le T
    \\end{cases}

    B_t = B_{t-1} - P_t, \\qquad DS_t = Int_t + P_t

**Corporate income tax** with the project's own losses carried forward for at most
:math:`K = 5` years (oldest first; Law on CIT: a loss may be carried forward for up to five
consecutive years), on a stand-alone basis (the project's losses offset only its own later
profits). Two taxable incomes: unlevered (for the project's cash flows, so that its NPV and IRR
do not depend on how it is financed) and levered (for the owner's):

.. math::

    TI^u_t = EBITDA_t - Dep_t, \\qquad TI^e_t = EBITDA_t - Dep_t - Int_t

    Tax_t = \\tau \\max\\big(0, \\; TI_t - \\textstyle\\sum_{k \\in [t-K, t-1]} U_{k,t}\\big)

where :math:`U_{k,t}` is the part of year :math:`k`'s loss used in year :math:`t`.

**Cash flows** (grants :math:`Gr` at :math:`t=0`, the performance refund :math:`R` in year
:math:`t_R`, neither taxed; the guarantee fee :math:`F = f \\cdot g \\cdot L`, paid by the owner at
:math:`t = 0`, not deducted):

.. math::

    CF^P_0 = -I + Gr, \\qquad CF^P_t = EBITDA_t - Tax^u_t + R [t = t_R]

    CF^E_0 = -I + L + Gr - F, \\qquad CF^E_t = EBITDA_t - Tax^e_t - DS_t + R [t = t_R]

**Lender's ratios** (the refund is contingent, so it is left out of the cash available):

.. math::

    CFADS_t = EBITDA_t - Tax^e_t, \\qquad DSCR_t = CFADS_t / DS_t \\quad (DS_t > 0)

    LLCR = \\frac{\\sum_{t=1}^{T} CFADS_t (1+i)^{-t}}{L}

Project NPV at :math:`r`, project IRR (:math:`CF^P`), equity NPV at :math:`r` and equity IRR
(:math:`CF^E`), both IRRs with the root guard of :mod:`._cashflows`; payback: the years until
the cumulative undiscounted project cash flow turns non-negative, interpolated in the year.

================  =============================================================
symbol            meaning
================  =============================================================
:math:`I`         investment, VND (the depreciable base)
:math:`S, C`      yearly savings and O&M at today's prices, VND/yr
:math:`\\pi`       inflation per year (escalates savings and O&M: nominal model)
:math:`n`         lifetime, years
:math:`r`         nominal discount rate per year
:math:`D`         depreciation years (straight line; default :math:`n`)
:math:`\\lambda`   loan share of the investment
:math:`i`         loan interest rate per year
:math:`T, G`      loan years (tenor, grace included) and grace years
:math:`\\tau`      corporate income tax rate (Vietnam's standard rate: 20 %)
:math:`g, f`      guaranteed share of the loan and the one-off guarantee fee rate
:math:`Gr`        grants received at :math:`t = 0`, VND
:math:`R, t_R`    performance refund, VND, and the year it is paid
================  =============================================================
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

from openeip.core.errors import DomainError
from openeip.core.finance._case import _number
from openeip.core.finance._cashflows import (
    capital_recovery_factor,
    discounted_payback,
    irr,
    npv,
)
from openeip.core.i18n import Message, gettext_noop, message
from openeip.core.i18n import gettext as _

__all__ = [
    "LOSS_CARRY_FORWARD_YEARS",
    "LoanYear",
    "ProjectCase",
    "ProjectResult",
    "ProjectYear",
    "Repayment",
    "evaluate_project",
    "loan_schedule",
]

#: Years a tax loss may be carried forward (Vietnam, Law on Corporate Income Tax, art. 16)
LOSS_CARRY_FORWARD_YEARS = 5

Repayment = Literal["annuity", "equal"]
_MAX_RATE = 1.0


@dataclass(frozen=True)
class ProjectCase:
    """The inputs of one project; money in VND, rates as fractions (0.10 = 10 %)."""

    name: str
    investment_vnd: float
    annual_savings_vnd: float
    lifetime_years: int
    discount_rate: float
    loan_share: float = 0.0
    loan_rate: float = 0.0
    loan_years: int = 0
    grace_years: int = 0
    tax_rate: float = 0.0
    inflation: float = 0.0
    om_vnd_per_yr: float = 0.0
    depreciation_years: int | None = None
    repayment: str = "annuity"
    guarantee_share: float = 0.0
    guarantee_fee_rate: float = 0.0
    grant_vnd: float = 0.0
    refund_vnd: float = 0.0
    refund_year: int = 1

    def __post_init__(self) -> None:
        if not str(self.name).strip():
            raise DomainError(_("A project needs an id."), "id")
        for name in ("investment_vnd", "annual_savings_vnd", "discount_rate", "loan_share",
                     "loan_rate", "tax_rate", "inflation", "om_vnd_per_yr", "guarantee_share",
                     "guarantee_fee_rate", "grant_vnd", "refund_vnd"):
            object.__setattr__(self, name, _number(getattr(self, name), name))
        for name in ("lifetime_years", "loan_years", "grace_years", "refund_year"):
            _check_whole(getattr(self, name), name)
        if self.depreciation_years is None:
            object.__setattr__(self, "depreciation_years", self.lifetime_years)
        _check_whole(self.depreciation_years, "depreciation_years")
        for check in _CHECKS:
            check(self)

    @property
    def loan_vnd(self) -> float:
        """:math:`L = \\lambda I`."""
        return self.loan_share * self.investment_vnd

    @property
    def guarantee_fee_vnd(self) -> float:
        """:math:`F = f g L`."""
        return self.guarantee_fee_rate * self.guarantee_share * self.loan_vnd


@dataclass(frozen=True)
class ProjectYear:
    """One year of the model (year 0: the investment)."""

    year: int
    savings_vnd: float
    om_vnd: float
    ebitda_vnd: float
    depreciation_vnd: float
    interest_vnd: float
    principal_vnd: float
    balance_vnd: float  # loan outstanding at the end of the year
    tax_project_vnd: float
    tax_equity_vnd: float
    refund_vnd: float
    project_cash_flow_vnd: float
    equity_cash_flow_vnd: float
    dscr: float | None

    @property
    def debt_service_vnd(self) -> float:
        return self.interest_vnd + self.principal_vnd


@dataclass(frozen=True)
class ProjectResult:
    """Every figure of one project; ``reasons[figure]`` says why a figure is None."""

    name: str
    years: tuple[ProjectYear, ...]
    project_npv_vnd: float
    project_irr: float | None
    equity_npv_vnd: float
    equity_irr: float | None
    min_dscr: float | None
    avg_dscr: float | None
    llcr: float | None
    payback_years: float | None
    loan_vnd: float
    equity_vnd: float
    guarantee_fee_vnd: float
    reasons: dict[str, Message] = field(default_factory=dict)

    @property
    def project_cash_flows_vnd(self) -> tuple[float, ...]:
        return tuple(y.project_cash_flow_vnd for y in self.years)

    @property
    def equity_cash_flows_vnd(self) -> tuple[float, ...]:
        return tuple(y.equity_cash_flow_vnd for y in self.years)


@dataclass(frozen=True)
class LoanYear:
    """One year of the loan: interest, principal and the balance left at its end."""

    year: int
    interest_vnd: float
    principal_vnd: float
    balance_vnd: float


def loan_schedule(principal_vnd: float, rate: float, years: int, grace_years: int,
                  repayment: str) -> tuple[LoanYear, ...]:
    """Years 1..T of a loan of ``principal_vnd`` (see the module docstring)."""
    if principal_vnd == 0 or years == 0:
        return ()
    paying = years - grace_years
    payment = principal_vnd * capital_recovery_factor(rate, paying)
    balance = principal_vnd
    rows = []
    for year in range(1, years + 1):
        interest = rate * balance
        if year <= grace_years:
            principal = 0.0
        elif year == years:
            principal = balance  # the last payment clears what rounding left
        elif repayment == "annuity":
            principal = payment - interest
        else:
            principal = principal_vnd / paying
        balance -= principal
        rows.append(LoanYear(year, interest, principal, 0.0 if year == years else balance))
    return tuple(rows)


class _LossBook:
    """Tax losses by the year they arose, used oldest first within the carry-forward window."""

    def __init__(self) -> None:
        self.losses: list[list[float]] = []  # [year, amount left]

    def tax(self, year: int, income: float, rate: float) -> float:
        self.losses = [loss for loss in self.losses
                       if year - int(loss[0]) <= LOSS_CARRY_FORWARD_YEARS and loss[1] > 0]
        if income <= 0:
            if income < 0:
                self.losses.append([float(year), -income])
            return 0.0
        for loss in self.losses:
            used = min(loss[1], income)
            loss[1] -= used
            income -= used
        return rate * income


def evaluate_project(case: ProjectCase) -> ProjectResult:
    """All figures of ``case`` (equations in the module docstring)."""
    schedule = {row.year: row for row in loan_schedule(
        case.loan_vnd, case.loan_rate, case.loan_years, case.grace_years, case.repayment)}
    project_book, equity_book = _LossBook(), _LossBook()
    depreciation_years = int(case.depreciation_years or case.lifetime_years)
    fee = case.guarantee_fee_vnd
    years = [ProjectYear(
        0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, case.loan_vnd, 0.0, 0.0, 0.0,
        -case.investment_vnd + case.grant_vnd,
        -case.investment_vnd + case.loan_vnd + case.grant_vnd - fee, None)]
    for year in range(1, case.lifetime_years + 1):
        growth = (1.0 + case.inflation) ** year
        savings = case.annual_savings_vnd * growth
        om = case.om_vnd_per_yr * growth
        ebitda = savings - om
        depreciation = case.investment_vnd / depreciation_years if year <= depreciation_years \
            else 0.0
        loan = schedule.get(year)
        interest = loan.interest_vnd if loan else 0.0
        principal = loan.principal_vnd if loan else 0.0
        tax_project = project_book.tax(year, ebitda - depreciation, case.tax_rate)
        tax_equity = equity_book.tax(year, ebitda - depreciation - interest, case.tax_rate)
        refund = case.refund_vnd if year == case.refund_year else 0.0
        service = interest + principal
        years.append(ProjectYear(
            year, savings, om, ebitda, depreciation, interest, principal,
            loan.balance_vnd if loan else 0.0, tax_project, tax_equity, refund,
            ebitda - tax_project + refund, ebitda - tax_equity - service + refund,
            (ebitda - tax_equity) / service if service > 0 else None))
    return _result(case, tuple(years))


def _result(case: ProjectCase, years: tuple[ProjectYear, ...]) -> ProjectResult:
    reasons: dict[str, Message] = {}
    project_flows = [y.project_cash_flow_vnd for y in years]
    equity_flows = [y.equity_cash_flow_vnd for y in years]
    project_irr = irr(project_flows)
    equity_irr = irr(equity_flows)
    if project_irr.reason:
        reasons["project_irr"] = project_irr.reason
    if equity_irr.reason:
        reasons["equity_irr"] = equity_irr.reason
    ratios = [y.dscr for y in years if y.dscr is not None]
    llcr = None
    if case.loan_vnd > 0:
        available = [0.0] + [y.ebitda_vnd - y.tax_equity_vnd for y in years[1:case.loan_years + 1]]
        llcr = npv(case.loan_rate, available) / case.loan_vnd
    else:
        no_loan = message(gettext_noop("no loan: the project is financed without debt"))
        for figure in ("min_dscr", "avg_dscr", "llcr"):
            reasons[figure] = no_loan
    payback = discounted_payback(0.0, project_flows)
    if payback is None:
        reasons["payback_years"] = message(gettext_noop(
            "never paid back: the project's cash flows do not repay the investment within its "
            "lifetime of {years} years"), years=case.lifetime_years)
    return ProjectResult(
        name=case.name, years=years,
        project_npv_vnd=npv(case.discount_rate, project_flows),
        project_irr=project_irr.rate,
        equity_npv_vnd=npv(case.discount_rate, equity_flows),
        equity_irr=equity_irr.rate,
        min_dscr=min(ratios) if ratios else None,
        avg_dscr=math.fsum(ratios) / len(ratios) if ratios else None,
        llcr=llcr, payback_years=payback, loan_vnd=case.loan_vnd,
        equity_vnd=case.investment_vnd - case.loan_vnd - case.grant_vnd,
        guarantee_fee_vnd=case.guarantee_fee_vnd, reasons=reasons)


# --- checks: each names the field, the value and how to fix it --------------------------------

def _check_whole(value: Any, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise DomainError(_("{field} must be a whole number of years (0 or more), not "
                            "'{value}'.").format(field=name, value=value), name)


def _check_amounts(case: ProjectCase) -> None:
    for name in ("investment_vnd", "annual_savings_vnd", "om_vnd_per_yr", "grant_vnd",
                 "refund_vnd"):
        if getattr(case, name) < 0:
            raise DomainError(_("{field} cannot be negative ({value}); give 0 or more.").format(
                field=name, value=getattr(case, name)), name)
    if case.grant_vnd > case.investment_vnd:
        raise DomainError(_("The grant ({grant}) is larger than the investment ({investment}); "
                            "a grant pays part of the investment at most.").format(
            grant=case.grant_vnd, investment=case.investment_vnd), "grant_vnd")
    if case.loan_vnd + case.grant_vnd > case.investment_vnd * (1 + 1e-12):
        raise DomainError(_("The loan ({loan_share} of the investment) and the grant together "
                            "exceed the investment; lower the loan share.").format(
            loan_share=case.loan_share), "loan_share")


def _check_years(case: ProjectCase) -> None:
    if case.lifetime_years < 1:
        raise DomainError(_("The lifetime must be 1 year or more, not {value}.").format(
            value=case.lifetime_years), "lifetime_years")
    if case.depreciation_years is not None and case.depreciation_years < 1:
        raise DomainError(_("depreciation_years must be 1 or more, not {value}.").format(
            value=case.depreciation_years), "depreciation_years")
    if not 1 <= case.refund_year <= case.lifetime_years:
        raise DomainError(_("The refund year {value} is outside the lifetime (1 to {years})."
                            ).format(value=case.refund_year, years=case.lifetime_years),
                          "refund_year")


def _check_loan(case: ProjectCase) -> None:
    if case.repayment not in ("annuity", "equal"):
        raise DomainError(_("repayment must be 'annuity' or 'equal', not '{value}'.").format(
            value=case.repayment), "repayment")
    if case.loan_share == 0:
        return
    if case.loan_years < 1:
        raise DomainError(_("A loan needs loan_years of 1 or more (the loan share is {share})."
                            ).format(share=case.loan_share), "loan_years")
    if case.grace_years >= case.loan_years:
        raise DomainError(_("The grace ({grace} years) must be shorter than the loan "
                            "({years} years): a loan is repaid after its grace.").format(
            grace=case.grace_years, years=case.loan_years), "grace_years")
    if case.loan_years > case.lifetime_years:
        raise DomainError(_("The loan ({years} years) runs longer than the project's lifetime "
                            "({lifetime} years); shorten the loan or check the lifetime.").format(
            years=case.loan_years, lifetime=case.lifetime_years), "loan_years")


def _check_shares(case: ProjectCase) -> None:
    for name in ("loan_share", "tax_rate", "guarantee_share", "guarantee_fee_rate"):
        value = getattr(case, name)
        if not 0 <= value <= 1:
            raise DomainError(_("{field} = {value} is not a share; give a fraction from 0 to 1 "
                                "(0.2 for 20 %).").format(field=name, value=value), name)
    for name in ("discount_rate", "loan_rate", "inflation"):
        value = getattr(case, name)
        if value <= -1 or value > _MAX_RATE:
            raise DomainError(_("{field} = {value} is not a plausible yearly rate; rates are "
                                "fractions: write 0.10 for 10 %.").format(field=name, value=value),
                              name)


_CHECKS = (_check_shares, _check_amounts, _check_years, _check_loan)
