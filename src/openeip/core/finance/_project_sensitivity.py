"""Sensitivity of a project's finance to its savings and its investment.

Each grid point re-evaluates the project (:func:`evaluate_project`) with the yearly savings
times :math:`f^S_j` and the investment times :math:`f^I_k`; the loan stays the same *share* of
the investment, so the debt grows with it:

.. math::

    S' = f^S_j S, \\qquad I' = f^I_k I, \\qquad L' = \\lambda I'

A lender asks first how far savings may fall before the debt is no longer covered, so each
point carries the minimum DSCR and the equity IRR beside the project NPV and IRR. The default
factors are ±20 % around the case, as for the options (:mod:`._sensitivity`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from openeip.core.errors import DomainError
from openeip.core.finance._project import ProjectCase, evaluate_project
from openeip.core.i18n import gettext as _

__all__ = ["DEFAULT_FACTORS", "ProjectSensitivity", "ProjectSensitivityPoint",
           "project_sensitivity"]

DEFAULT_FACTORS = (0.8, 1.0, 1.2)


@dataclass(frozen=True)
class ProjectSensitivityPoint:
    savings_factor: float
    investment_factor: float
    project_npv_vnd: float
    project_irr: float | None
    equity_irr: float | None
    min_dscr: float | None


@dataclass(frozen=True)
class ProjectSensitivity:
    """Points for every (savings factor, investment factor), savings varying slowest."""

    name: str
    savings_factors: tuple[float, ...]
    investment_factors: tuple[float, ...]
    points: tuple[ProjectSensitivityPoint, ...]

    def at(self, savings_factor: float, investment_factor: float) -> ProjectSensitivityPoint:
        for point in self.points:
            if (point.savings_factor, point.investment_factor) == (savings_factor,
                                                                   investment_factor):
                return point
        raise KeyError((savings_factor, investment_factor))


def project_sensitivity(case: ProjectCase,
                        savings_factors: Sequence[float] = DEFAULT_FACTORS,
                        investment_factors: Sequence[float] = DEFAULT_FACTORS
                        ) -> ProjectSensitivity:
    """The grid of savings factors × investment factors around ``case``."""
    for name, factors in (("savings_factors", savings_factors),
                          ("investment_factors", investment_factors)):
        for factor in factors:
            if not factor >= 0:
                raise DomainError(_(
                    # xgettext:no-python-format
                    "A factor of {value} is impossible; give factors of 0 or more (0.8 = 20 % "
                    "lower).").format(value=factor), name)
    points = []
    for savings_factor in savings_factors:
        for investment_factor in investment_factors:
            # replace() re-checks every field, so a grant larger than a shrunk investment is named
            result = evaluate_project(replace(
                case, annual_savings_vnd=case.annual_savings_vnd * savings_factor,
                investment_vnd=case.investment_vnd * investment_factor))
            points.append(ProjectSensitivityPoint(
                savings_factor, investment_factor, result.project_npv_vnd, result.project_irr,
                result.equity_irr, result.min_dscr))
    return ProjectSensitivity(case.name, tuple(savings_factors), tuple(investment_factors),
                              tuple(points))
