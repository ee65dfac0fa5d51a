"""Feasibility of RECP options: paybacks, NPV, IRR, ratios, levelised and abatement cost,
sensitivity and the marginal abatement cost curve (issue 3 §5).

Pure money-and-quantity arithmetic on :class:`OptionCase` objects; prices come from the caller
(e.g. :mod:`openeip.core.prices`). Each module's docstring carries its equations:

* ``_cashflows`` — NPV, IRR with its no-root / several-roots guard, paybacks, CRF;
* ``_case`` — the option's inputs and their checks; savings = Σ Δquantity × price;
* ``_evaluate`` — every figure of one option (RETScreen-style);
* ``_sensitivity`` — the discount-rate × price grid;
* ``_project`` — project finance with debt, tax (loss carry-forward), inflation, guarantee fee,
  grants and refunds: project and equity NPV/IRR, DSCR, LLCR, payback (issue 14);
* ``_project_sensitivity`` — its savings × investment grid;
* ``_macc`` — the curve over a company's options, applied in sequence;
* ``_option_table`` / ``_result_table`` — the options CSV read and the results CSV written by
  ``openeip recp evaluate`` (docs/recp-evaluate.md).
"""

from openeip.core.finance._case import OptionCase, Saving
from openeip.core.finance._cashflows import (
    IrrResult,
    capital_recovery_factor,
    discounted_payback,
    irr,
    npv,
    simple_payback,
)
from openeip.core.finance._evaluate import (
    OptionResult,
    abatement_cost,
    annual_life_cycle_savings,
    benefit_cost_ratio,
    cash_flows,
    evaluate,
    levelised_cost_of_saved_energy,
    retscreen_benefit_cost_ratio,
)
from openeip.core.finance._macc import MaccStep, macc
from openeip.core.finance._option_table import (
    OPTION_COLUMNS,
    SAVING_COLUMNS,
    OptionRow,
    read_options_csv,
)
from openeip.core.finance._project import (
    LOSS_CARRY_FORWARD_YEARS,
    LoanYear,
    ProjectCase,
    ProjectResult,
    ProjectYear,
    evaluate_project,
    loan_schedule,
)
from openeip.core.finance._project_sensitivity import (
    ProjectSensitivity,
    ProjectSensitivityPoint,
    project_sensitivity,
)
from openeip.core.finance._project_table import (
    PROJECT_COLUMNS,
    PROJECT_RESULT_COLUMNS,
    ProjectRow,
    project_results_csv,
    read_projects_csv,
)
from openeip.core.finance._result_table import RESULT_COLUMNS, results_csv
from openeip.core.finance._sensitivity import SensitivityGrid, SensitivityPoint, sensitivity

__all__ = [
    "LOSS_CARRY_FORWARD_YEARS",
    "PROJECT_COLUMNS",
    "PROJECT_RESULT_COLUMNS",
    "ProjectRow",
    "project_results_csv",
    "read_projects_csv",
    "LoanYear",
    "ProjectCase",
    "ProjectResult",
    "ProjectSensitivity",
    "ProjectSensitivityPoint",
    "ProjectYear",
    "evaluate_project",
    "loan_schedule",
    "project_sensitivity",
    "OPTION_COLUMNS",
    "RESULT_COLUMNS",
    "SAVING_COLUMNS",
    "IrrResult",
    "MaccStep",
    "OptionCase",
    "OptionResult",
    "OptionRow",
    "Saving",
    "SensitivityGrid",
    "SensitivityPoint",
    "abatement_cost",
    "annual_life_cycle_savings",
    "benefit_cost_ratio",
    "capital_recovery_factor",
    "cash_flows",
    "discounted_payback",
    "evaluate",
    "irr",
    "levelised_cost_of_saved_energy",
    "macc",
    "npv",
    "read_options_csv",
    "results_csv",
    "retscreen_benefit_cost_ratio",
    "sensitivity",
    "simple_payback",
]
