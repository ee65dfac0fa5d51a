"""Sensitivity of an option to the discount rate and to prices.

Each grid point re-evaluates the option with discount rate :math:`r_j` and every price (and the
savings given in VND) multiplied by :math:`f_k`:

.. math::

    NPV_{jk} = -I_0 + \\sum_{t=1}^{n} \\frac{f_k S (1+e)^t - C}{(1+r_j)^t} + \\frac{R}{(1+r_j)^n}

The default rates 6 %, 10 %, 14 % bracket the 10 % nominal VND default proposed in the research
notes (§3.3: Vietnamese commercial lending at 9–11 %); the default factors ±20 % around today's
prices. Small firms decide on payback, so each point carries the paybacks too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from openeip.core.errors import DomainError
from openeip.core.finance._case import OptionCase, show
from openeip.core.finance._evaluate import evaluate
from openeip.core.i18n import gettext as _

DEFAULT_DISCOUNT_RATES = (0.06, 0.10, 0.14)
DEFAULT_PRICE_FACTORS = (0.8, 1.0, 1.2)


@dataclass(frozen=True)
class SensitivityPoint:
    discount_rate: float
    price_factor: float
    npv_vnd: float
    simple_payback_years: float | None
    discounted_payback_years: float | None
    irr: float | None


@dataclass(frozen=True)
class SensitivityGrid:
    """Points for every (discount rate, price factor), rates varying slowest."""

    name: str
    discount_rates: tuple[float, ...]
    price_factors: tuple[float, ...]
    points: tuple[SensitivityPoint, ...]

    def at(self, discount_rate: float, price_factor: float) -> SensitivityPoint:
        for point in self.points:
            if point.discount_rate == discount_rate and point.price_factor == price_factor:
                return point
        raise KeyError((discount_rate, price_factor))


def sensitivity(case: OptionCase, discount_rates: Sequence[float] = DEFAULT_DISCOUNT_RATES,
                price_factors: Sequence[float] = DEFAULT_PRICE_FACTORS) -> SensitivityGrid:
    """NPV, paybacks and IRR of ``case`` over the grid of discount rates × price factors."""
    for factor in price_factors:
        if not factor >= 0:
            raise DomainError(_(
                # xgettext:no-python-format
                "A price factor of {value} is impossible; give factors of 0 or more (0.8 = "
                "prices 20 % lower).").format(value=show(factor)), "price_factors")
    points = []
    for rate in discount_rates:
        # replace() re-checks the rate, so a wrong one is named like any other input
        at_rate = replace(case, discount_rate=rate)
        for factor in price_factors:
            result = evaluate(at_rate.with_savings_factor(factor))
            points.append(SensitivityPoint(
                discount_rate=rate, price_factor=factor, npv_vnd=result.npv_vnd,
                simple_payback_years=result.simple_payback_years,
                discounted_payback_years=result.discounted_payback_years, irr=result.irr))
    return SensitivityGrid(case.name, tuple(discount_rates), tuple(price_factors), tuple(points))
