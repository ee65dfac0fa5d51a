"""Evaluating one option: cash flows, paybacks, NPV, IRR, ratios, levelised and abatement cost.

Following RETScreen's financial summary (research notes §3.1–3.2), all before tax and
financing:

.. math::

    CF_0 = -I_0, \\qquad CF_t = S (1+e)^t - C \\; (t = 1..n), \\qquad CF_n \\mathrel{+}= R

    PV_B = \\sum_{t=1}^{n} S (1+e)^t v^t + R v^n, \\qquad
    PV_C = I_0 + \\sum_{t=1}^{n} C v^t, \\qquad v = (1+r)^{-1}

    BCR = PV_B / PV_C, \\qquad BCR_{RETScreen} = (NPV + I_0) / I_0

    ALCS = NPV \\cdot CRF(r, n)

    LCSE = \\frac{(I_0 - R v^n)\\, CRF(r, n) + C}{\\Delta E}, \\qquad
    AC = \\frac{-ALCS}{\\Delta GHG}

==================  ========================================================
symbol              meaning
==================  ========================================================
:math:`S`           first-year savings, VND/yr (:class:`OptionCase`)
:math:`e`           escalation rate of savings per year
:math:`C`           extra O&M, VND/yr
:math:`R`           residual value at the end of year :math:`n`, VND
:math:`ALCS`        annual life-cycle savings, VND/yr (RETScreen)
:math:`\\Delta E`    energy saved, MWh/yr; :math:`LCSE` in VND/MWh
:math:`\\Delta GHG`  GHG avoided, tCO2e/yr; :math:`AC` in VND/tCO2e,
                    negative when the option saves money while abating
==================  ========================================================

BCR with RETScreen's name is its all-equity form (no debt is modelled here). Every figure that
cannot be computed is None, and ``OptionResult.reasons`` says why, keyed by the figure's name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openeip.core.finance._case import OptionCase
from openeip.core.finance._cashflows import (
    capital_recovery_factor,
    discounted_payback,
    irr,
    npv,
    simple_payback,
)
from openeip.core.i18n import Message, message
from openeip.core.i18n import gettext_noop as _


@dataclass(frozen=True)
class OptionResult:
    """Every feasibility figure of one option; ``reasons[figure]`` explains each None."""

    name: str
    cash_flows_vnd: tuple[float, ...]
    annual_savings_vnd: float
    net_annual_benefit_vnd: float
    simple_payback_years: float | None
    discounted_payback_years: float | None
    npv_vnd: float
    irr: float | None
    irr_roots: tuple[float, ...]
    benefit_cost_ratio: float | None
    retscreen_benefit_cost_ratio: float | None
    annual_life_cycle_savings_vnd: float
    levelised_cost_vnd_per_mwh: float | None
    abatement_cost_vnd_per_tco2e: float | None
    energy_saved: Any
    water_saved: Any
    waste_avoided: Any
    ghg_avoided: Any
    reasons: dict[str, Message] = field(default_factory=dict)


def cash_flows(case: OptionCase) -> tuple[float, ...]:
    """:math:`CF_0 .. CF_n` of the option, in VND."""
    savings = case.first_year_savings_vnd
    flows = [-case.investment_vnd]
    for year in range(1, case.lifetime_years + 1):
        flows.append(savings * (1.0 + case.escalation_rate) ** year - case.extra_om_vnd)
    flows[-1] += case.residual_value_vnd
    return tuple(flows)


def _present_values(case: OptionCase) -> tuple[float, float]:
    """:math:`PV_B` and :math:`PV_C`."""
    savings = case.first_year_savings_vnd
    growth = 1.0 + case.escalation_rate
    benefits = npv(case.discount_rate, [0.0] + [
        savings * growth**year for year in range(1, case.lifetime_years + 1)])
    benefits += case.residual_value_vnd / (1.0 + case.discount_rate) ** case.lifetime_years
    costs = case.investment_vnd + npv(case.discount_rate,
                                      [0.0] + [case.extra_om_vnd] * case.lifetime_years)
    return benefits, costs


def annual_life_cycle_savings(case: OptionCase) -> float:
    """ALCS = NPV × CRF: the NPV spread evenly over the lifetime, VND per year."""
    factor = capital_recovery_factor(case.discount_rate, case.lifetime_years)
    return npv(case.discount_rate, cash_flows(case)) * factor


def benefit_cost_ratio(case: OptionCase) -> float | None:
    """PV of benefits ÷ PV of costs; None when the option costs nothing."""
    benefits, costs = _present_values(case)
    return benefits / costs if costs > 0 else None


def retscreen_benefit_cost_ratio(case: OptionCase) -> float | None:
    """RETScreen's (NPV + equity) ÷ equity, all equity; None without investment."""
    if case.investment_vnd <= 0:
        return None
    return (npv(case.discount_rate, cash_flows(case)) + case.investment_vnd) / case.investment_vnd


def levelised_cost_of_saved_energy(case: OptionCase) -> float | None:
    """VND per MWh saved: annualised net capital plus O&M over the yearly energy saved; None
    when the option saves no energy."""
    saved = float(case.energy_saved.to("MWh").magnitude)
    if saved <= 0:
        return None
    factor = capital_recovery_factor(case.discount_rate, case.lifetime_years)
    residual = case.residual_value_vnd / (1.0 + case.discount_rate) ** case.lifetime_years
    return ((case.investment_vnd - residual) * factor + case.extra_om_vnd) / saved


def abatement_cost(case: OptionCase) -> float | None:
    """VND per tCO2e avoided = −ALCS ÷ yearly tCO2e avoided (negative: abating saves money);
    None when the option avoids no GHG."""
    avoided = float(case.ghg_avoided.to("tCO2e").magnitude)
    if avoided <= 0:
        return None
    return -annual_life_cycle_savings(case) / avoided


def evaluate(case: OptionCase) -> OptionResult:
    """All feasibility figures of ``case``."""
    flows = cash_flows(case)
    savings = case.first_year_savings_vnd
    net = savings - case.extra_om_vnd
    rate_of_return = irr(flows)
    reasons: dict[str, Message] = {}
    payback = simple_payback(case.investment_vnd, net)
    if payback is None:
        reasons["simple_payback_years"] = message(_(
            "never paid back: the yearly savings ({savings} VND) do not exceed the extra O&M "
            "({om} VND)"), savings=float(savings), om=float(case.extra_om_vnd))
    discounted = discounted_payback(case.discount_rate, flows)
    if discounted is None:
        reasons["discounted_payback_years"] = message(_(
            "never paid back: the discounted cash flows at {rate} do not repay the investment "
            "within the lifetime of {years} years"),
            rate=message("{value} %", value=float(case.discount_rate) * 100),
            years=case.lifetime_years)
    if rate_of_return.reason:
        reasons["irr"] = rate_of_return.reason
    bcr = benefit_cost_ratio(case)
    if bcr is None:
        reasons["benefit_cost_ratio"] = message(
            _("no costs: the option needs no investment and no O&M"))
    retscreen_bcr = retscreen_benefit_cost_ratio(case)
    if retscreen_bcr is None:
        reasons["retscreen_benefit_cost_ratio"] = message(_("no investment to divide by"))
    levelised = levelised_cost_of_saved_energy(case)
    if levelised is None:
        reasons["levelised_cost_vnd_per_mwh"] = message(_("the option saves no energy"))
    abatement = abatement_cost(case)
    if abatement is None:
        reasons["abatement_cost_vnd_per_tco2e"] = message(
            _("the option avoids no greenhouse gas"))
    return OptionResult(
        name=case.name,
        cash_flows_vnd=flows,
        annual_savings_vnd=savings,
        net_annual_benefit_vnd=net,
        simple_payback_years=payback,
        discounted_payback_years=discounted,
        npv_vnd=npv(case.discount_rate, flows),
        irr=rate_of_return.rate,
        irr_roots=rate_of_return.roots,
        benefit_cost_ratio=bcr,
        retscreen_benefit_cost_ratio=retscreen_bcr,
        annual_life_cycle_savings_vnd=annual_life_cycle_savings(case),
        levelised_cost_vnd_per_mwh=levelised,
        abatement_cost_vnd_per_tco2e=abatement,
        energy_saved=case.energy_saved.to("MWh"),
        water_saved=case.water_saved.to("m**3"),
        waste_avoided=case.waste_avoided.to("t"),
        ghg_avoided=case.ghg_avoided.to("tCO2e"),
        reasons=reasons,
    )

