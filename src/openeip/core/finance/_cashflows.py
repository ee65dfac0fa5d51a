"""Money over time: NPV, IRR with its root guard, paybacks and the capital recovery factor.

A project's yearly cash flows are :math:`CF_0, CF_1, \\dots, CF_n` in VND, :math:`CF_0` at
the start (usually :math:`-I_0`) and :math:`CF_t` at the end of year :math:`t`.

.. math::

    NPV(r) = \\sum_{t=0}^{n} CF_t \\, (1+r)^{-t}

    IRR = r^* \\quad\\text{with}\\quad NPV(r^*) = 0, \\; r^* > -1

    CRF(r, n) = \\frac{r (1+r)^n}{(1+r)^n - 1} \\quad (= 1/n \\text{ at } r = 0)

    SPB = \\frac{I_0}{S - C}

    DPB = k - 1 + \\frac{-D_{k-1}}{CF_k (1+r)^{-k}}, \\quad
    D_k = \\sum_{t=0}^{k} CF_t (1+r)^{-t}, \\; k = \\min\\{k \\ge 1 : D_k \\ge 0\\}

=============  ==========================================================
symbol         meaning
=============  ==========================================================
:math:`r`      discount rate per year (0.10 = 10 %)
:math:`n`      lifetime in years
:math:`I_0`    net initial investment, VND
:math:`S, C`   first-year savings and extra O&M cost, VND per year
:math:`D_k`    cumulative discounted cash flow up to year :math:`k`
=============  ==========================================================

The discounted payback is interpolated linearly inside the year in which :math:`D_k` turns
non-negative, like the simple payback, which is a fraction of years too.

IRR guard. With :math:`x = 1/(1+r)`, :math:`NPV` is the polynomial
:math:`p(x) = \\sum_t CF_t x^t` and every rate :math:`r > -1` is a root :math:`x > 0`.
By Descartes' rule of signs, :math:`p` has at most as many positive roots as its
coefficients change sign. No sign change: there is no IRR. One sign change (the usual
"invest, then save"): exactly one. More: zero, one or several; all real positive roots are
found (companion-matrix eigenvalues, each polished by Newton's method) and, when there is more
than one, no single IRR is reported — the roots are, with the reason.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from openeip.core.i18n import Message, message
from openeip.core.i18n import gettext_noop as _

# Roots of p(x) whose imaginary part is below this share of their size count as real. Double
# roots come out of the eigenvalue solver with errors of about sqrt(machine epsilon) ~ 1e-8.
_REAL_TOLERANCE = 1e-6
# Two polished roots closer than this (in rate) are the same root.
_SAME_ROOT = 1e-7


@dataclass(frozen=True)
class IrrResult:
    """The internal rate of return, or why there is none: ``rate`` is None unless exactly one
    rate makes the NPV zero; ``roots`` lists every such rate found (sorted)."""

    rate: float | None
    roots: tuple[float, ...]
    reason: Message | None


def npv(rate: float, cash_flows_vnd: Sequence[float]) -> float:
    """Net present value of yearly cash flows, the first at t = 0 (numpy-financial's convention,
    not Excel's, which discounts the first value too)."""
    base = 1.0 + rate
    return math.fsum(value / base**year for year, value in enumerate(cash_flows_vnd))


def capital_recovery_factor(rate: float, years: int) -> float:
    """The share of a present amount that, paid each year for ``years`` years, repays it."""
    if rate == 0:
        return 1.0 / years
    growth = (1.0 + rate) ** years
    return rate * growth / (growth - 1.0)


def simple_payback(investment_vnd: float, net_annual_benefit_vnd: float) -> float | None:
    """Years to recover the investment from first-year net savings; None when they are ≤ 0."""
    if investment_vnd <= 0:
        return 0.0
    if net_annual_benefit_vnd <= 0:
        return None
    return investment_vnd / net_annual_benefit_vnd


def discounted_payback(rate: float, cash_flows_vnd: Sequence[float]) -> float | None:
    """Years until the cumulative discounted cash flow turns non-negative, interpolated inside
    the year; None when it never does within the cash flows given."""
    base = 1.0 + rate
    cumulative = cash_flows_vnd[0]
    if cumulative >= 0:
        return 0.0
    for year in range(1, len(cash_flows_vnd)):
        discounted = cash_flows_vnd[year] / base**year
        if cumulative + discounted >= 0:  # so discounted > 0, as cumulative < 0
            return year - 1 + (-cumulative) / discounted
        cumulative += discounted
    return None


def sign_changes(cash_flows_vnd: Sequence[float]) -> int:
    """How often the cash flows change sign, zeros skipped."""
    signs = [value > 0 for value in cash_flows_vnd if value != 0]
    return sum(1 for before, after in zip(signs, signs[1:], strict=False) if before != after)


def irr(cash_flows_vnd: Sequence[float]) -> IrrResult:
    """The internal rate of return with the guard described in the module docstring."""
    changes = sign_changes(cash_flows_vnd)
    if changes == 0:
        return IrrResult(None, (), message(_(
            "no root: the cash flows never change sign, so no discount rate makes the NPV zero")))
    roots = _rates_with_zero_npv(cash_flows_vnd)
    if not roots:
        return IrrResult(None, (), message(_(
            "no root: no discount rate above -100 % makes the NPV zero")))
    if len(roots) > 1:
        listed = ", ".join("{:.4%}".format(root) for root in roots)
        return IrrResult(None, roots, message(_(
            "several roots ({roots}): the cash flows change sign {changes} times, so the IRR "
            "is not unique; judge the option by its NPV"), roots=listed, changes=changes))
    return IrrResult(roots[0], roots, None)


def _rates_with_zero_npv(cash_flows_vnd: Sequence[float]) -> tuple[float, ...]:
    coefficients = [float(value) for value in cash_flows_vnd]
    while coefficients and coefficients[-1] == 0:
        coefficients.pop()
    if len(coefficients) < 2:
        return ()
    # np.roots wants the highest power first: p(x) = CF_n x^n + ... + CF_0
    candidates = np.roots(coefficients[::-1])
    rates: list[float] = []
    for candidate in candidates:
        if abs(candidate.imag) > _REAL_TOLERANCE * max(1.0, abs(candidate.real)):
            continue
        x = _polish(coefficients, float(candidate.real))
        if x <= 0:
            continue
        rate = 1.0 / x - 1.0
        if all(abs(rate - known) > _SAME_ROOT * max(1.0, abs(rate)) for known in rates):
            rates.append(rate)
    return tuple(sorted(rates))


def _polish(coefficients: Sequence[float], x: float) -> float:
    """A few Newton steps on p(x) = Σ c_t x^t, stopping when they no longer help."""
    for _step in range(50):
        value = 0.0
        slope = 0.0
        for coefficient in reversed(coefficients):
            slope = slope * x + value
            value = value * x + coefficient
        if slope == 0:
            break
        step = value / slope
        x -= step
        if abs(step) <= 1e-15 * max(1.0, abs(x)):
            break
    return x
