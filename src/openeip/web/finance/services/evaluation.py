"""A finance project's figures (core.finance.evaluate_project) and its eligibility against every
line (core.finance.lines.check_line); nothing here decides a number."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from openeip.core.finance import (
    ProjectCase,
    ProjectResult,
    ProjectSensitivity,
    evaluate_project,
    project_sensitivity,
)
from openeip.core.finance.lines import FinanceLine, LineCheck, check_line
from openeip.web.finance.models import FinanceProject
from openeip.web.finance.services.facts import project_facts
from openeip.web.finance.services.lines import all_lines, get_line

__all__ = ["checks", "project_case", "project_result", "project_sensitivity_grid"]


def _n(value: Any) -> Any:
    """A form or fixture may hand a decimal field over as text ('0.10'): read it as a number,
    leave anything else for the core check to name."""
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:
            return value
    return value


def project_case(project: FinanceProject) -> ProjectCase:
    """The core case of the project; DomainError naming the field when an input breaks a rule.
    A refund (set when the improvement is verified) is counted in year 1."""
    return ProjectCase(
        name="P{}".format(project.pk or 0),
        investment_vnd=_n(project.investment_vnd),
        annual_savings_vnd=_n(project.annual_savings_vnd),
        lifetime_years=int(project.lifetime_years), discount_rate=_n(project.discount_rate),
        loan_share=_n(project.loan_share), loan_rate=_n(project.loan_rate),
        loan_years=int(project.loan_years), grace_years=int(project.grace_years),
        tax_rate=_n(project.tax_rate), inflation=_n(project.inflation),
        om_vnd_per_yr=_n(project.om_vnd_per_yr), depreciation_years=project.depreciation_years,
        repayment=project.repayment, guarantee_share=_n(project.guarantee_share),
        guarantee_fee_rate=_n(project.guarantee_fee_rate), grant_vnd=_n(project.grant_vnd),
        refund_vnd=_n(project.refund_vnd or 0), refund_year=1)


def project_result(project: FinanceProject) -> ProjectResult:
    return evaluate_project(project_case(project))


def project_sensitivity_grid(project: FinanceProject) -> ProjectSensitivity:
    return project_sensitivity(project_case(project))


def checks(project: FinanceProject, lines: dict[str, FinanceLine] | None = None,
           options: Sequence[Any] | None = None
           ) -> tuple[list[LineCheck], dict[str, Any], dict[str, str]]:
    """The project against every line (its chosen line first), with the facts used; ``options``
    stand for the linked RECP options of an unsaved project."""
    facts, origin = project_facts(project, options)
    found = lines if lines is not None else all_lines()
    ordered = sorted(found.values(), key=lambda line: line.id != project.line_id)
    return [check_line(line, facts) for line in ordered], facts, origin


def chosen_line(project: FinanceProject) -> FinanceLine | None:
    return get_line(project.line_id) if project.line_id else None
