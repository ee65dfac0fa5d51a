"""Marginal abatement cost curve (MACC) over one company's options, applied in sequence.

Adding the stand-alone effects of options double-counts whenever they act on the same
emissions: two options that each cut 20 % of a boiler's emissions do not cut 40 %. Here the
options are applied one after the other, each to what the earlier ones left over.

Two kinds of effect:

* **percentage** (``reduction_share`` :math:`s_i` set): the option removes the share
  :math:`s_i` of the emissions still there; its stand-alone effect is :math:`s_i B`.
* **absolute** (only ``ghg_avoided`` :math:`A_i`): the option removes :math:`A_i`, but never
  more than what remains.

With :math:`R_0 = B` and the options applied in the order :math:`1, 2, \\dots`:

.. math::

    a_i = \\begin{cases} s_i R_{i-1} & \\text{percentage} \\\\
                         \\min(A_i, R_{i-1}) & \\text{absolute} \\end{cases}
    \\qquad k_i = \\begin{cases} R_{i-1} / B \\\\ a_i / A_i \\end{cases}
    \\qquad R_i = R_{i-1} - a_i

    c_i = \\frac{-ALCS(k_i)}{a_i}, \\qquad
    ALCS(k) = \\Big(-I_0 + \\sum_{t=1}^{n} \\frac{k S (1+e)^t - C}{(1+r)^t}
                    + \\frac{R_{res}}{(1+r)^n}\\Big)\\, CRF(r, n)

The option's savings shrink with its effect (:math:`k_i S`: what is no longer emitted is no
longer bought) while its investment and O&M do not, so an option applied late costs more per
tonne. **Ordering rule** — cheapest first, re-ranked at every step: at step :math:`i` every
option not yet applied is priced at the current :math:`R_{i-1}` and the cheapest (ties: by
name) goes next. Since :math:`c = F/a - G/A^0` with :math:`F = -ALCS(0) \\ge 0` (investment and
O&M outweigh the discounted residual value), a smaller :math:`R` only raises an option's cost,
so the step costs never fall along the curve. Options that avoid nothing, or nothing once
earlier ones are applied, are left off the curve.

=====================  =====================================================
symbol                 meaning
=====================  =====================================================
:math:`B`              the company's baseline emissions, tCO2e/yr
:math:`R_i`            emissions left after step :math:`i`
:math:`a_i`            abatement of step :math:`i`, tCO2e/yr (bar width)
:math:`k_i`            share of the option's stand-alone effect that is left
:math:`c_i`            cost of step :math:`i`, VND/tCO2e (bar height)
=====================  =====================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from openeip.core.errors import DomainError
from openeip.core.finance._case import OptionCase, show
from openeip.core.finance._evaluate import annual_life_cycle_savings
from openeip.core.i18n import gettext as _
from openeip.core.units import Quantity, dimension_of

# A percentage option's tCO2e may be given as well, but must then equal s·B (relative).
_CONSISTENT = 1e-6


@dataclass(frozen=True)
class MaccStep:
    """One bar of the curve: ``abatement`` wide, ``cost_vnd_per_tco2e`` high."""

    position: int
    name: str
    basis: str  # "percentage" or "absolute"
    scale: float
    capped: bool
    abatement: Any
    cumulative_abatement: Any
    remaining_emissions: Any
    annual_cost_vnd: float
    cost_vnd_per_tco2e: float


@dataclass(frozen=True, eq=False)
class _Candidate:
    case: OptionCase
    standalone_tco2e: float
    index: int  # place in the caller's list, so errors can name it (cases[2].name)

    @property
    def is_percentage(self) -> bool:
        return self.case.reduction_share is not None


def macc(cases: Iterable[OptionCase], baseline_emissions_tco2e: Any) -> list[MaccStep]:
    """The curve's steps, cheapest first, options applied in sequence (module docstring).

    ``baseline_emissions_tco2e`` is a quantity in tCO2e per year (a bare number is read as
    tCO2e).
    """
    baseline = _baseline_tco2e(baseline_emissions_tco2e)
    every = [_candidate(case, baseline, index) for index, case in enumerate(cases)]
    _check_unique_names(every)
    waiting = [candidate for candidate in every if candidate.standalone_tco2e > 0]
    remaining = baseline
    cumulative = 0.0
    steps: list[MaccStep] = []
    while waiting and remaining > 0:
        priced = [_priced(candidate, remaining, baseline) for candidate in waiting]
        priced = [entry for entry in priced if entry[1] > 0]
        if not priced:
            break
        cost, abated, scale, candidate = min(priced, key=lambda e: (e[0], e[3].case.name))
        waiting = [other for other in waiting if other is not candidate]
        remaining = max(remaining - abated, 0.0)
        cumulative += abated
        steps.append(MaccStep(
            position=len(steps) + 1, name=candidate.case.name,
            basis="percentage" if candidate.is_percentage else "absolute",
            scale=scale, capped=not candidate.is_percentage and scale < 1,
            abatement=Quantity(abated, "tCO2e"),
            cumulative_abatement=Quantity(cumulative, "tCO2e"),
            remaining_emissions=Quantity(remaining, "tCO2e"),
            annual_cost_vnd=cost * abated, cost_vnd_per_tco2e=cost))
    return steps


def _priced(candidate: _Candidate, remaining: float, baseline: float
            ) -> tuple[float, float, float, _Candidate]:
    """(cost per tCO2e, abatement, scale k, candidate) if applied now."""
    share = candidate.case.reduction_share
    if share is not None:
        abated = share * remaining
        scale = remaining / baseline
    else:
        abated = min(candidate.standalone_tco2e, remaining)
        scale = abated / candidate.standalone_tco2e
    if abated <= 0:
        return (0.0, 0.0, scale, candidate)
    alcs = annual_life_cycle_savings(candidate.case.with_savings_factor(scale))
    return (-alcs / abated, abated, scale, candidate)


def _candidate(case: OptionCase, baseline: float, index: int) -> _Candidate:
    given = float(case.ghg_avoided.to("tCO2e").magnitude)
    if case.reduction_share is None:
        return _Candidate(case, given, index)
    standalone = case.reduction_share * baseline
    if given != 0 and abs(given - standalone) > _CONSISTENT * max(1.0, standalone):
        raise DomainError(_(
            "Option {name}: ghg_avoided = {given} tCO2e disagrees with reduction_share "
            "{share} of the baseline {baseline} tCO2e (= {expected} tCO2e); give one of the "
            "two or make them agree.").format(
                name=case.name, given=show(given), share=show(case.reduction_share),
                baseline=show(baseline), expected=show(standalone)),
            "cases[{}].ghg_avoided".format(index))
    return _Candidate(case, standalone, index)


def _baseline_tco2e(value: Any) -> float:
    if isinstance(value, Quantity):
        if dimension_of(value.units) != "co2e":
            raise DomainError(_(
                "The baseline emissions must be in tCO2e, not '{value}'.").format(
                    value=show(value)), "baseline_emissions_tco2e")
        number = float(value.to("tCO2e").magnitude)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        raise DomainError(_(
            "The baseline emissions must be a quantity in tCO2e, not '{value}'.").format(
                value=value), "baseline_emissions_tco2e")
    if not number > 0 or number == float("inf"):
        raise DomainError(_(
            "The baseline emissions of {value} tCO2e leave nothing to abate; give the "
            "company's yearly emissions (more than 0).").format(value=show(number)),
            "baseline_emissions_tco2e")
    return number


def _check_unique_names(candidates: list[_Candidate]) -> None:
    seen: set[str] = set()
    for candidate in candidates:
        if candidate.case.name in seen:
            raise DomainError(_(
                "Two options are called {name}; give each option its own name.").format(
                    name=candidate.case.name), "cases[{}].name".format(candidate.index))
        seen.add(candidate.case.name)
