"""Writing the results CSV of ``openeip recp evaluate``: one row per option, in input order.

Money is written in whole VND, years, ratios and rates with six decimals (rates as fractions:
0.152382 = 15.2382 %), quantities in the unit their column names. An empty cell means the
figure does not exist for that option; the ``notes`` column says why, in the chosen language.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from openeip.core.csv_cells import guard
from openeip.core.finance._evaluate import OptionResult
from openeip.core.finance._macc import MaccStep

#: result columns, in order (docs/recp-evaluate.md says what each holds)
RESULT_COLUMNS: tuple[str, ...] = (
    "option_id", "name", "annual_savings_vnd", "net_annual_benefit_vnd", "simple_payback_years",
    "discounted_payback_years", "npv_vnd", "irr", "irr_roots", "benefit_cost_ratio",
    "retscreen_benefit_cost_ratio", "annual_life_cycle_savings_vnd", "levelised_cost_vnd_per_mwh",
    "abatement_cost_vnd_per_tco2e", "energy_saved_mwh", "water_saved_m3", "waste_avoided_t",
    "ghg_avoided_tco2e", "macc_position", "macc_abatement_tco2e", "macc_cumulative_tco2e",
    "macc_cost_vnd_per_tco2e", "notes",
)


def results_csv(results: Sequence[OptionResult], labels: Mapping[str, str],
                steps: Sequence[MaccStep] = ()) -> str:
    """The results file's text; ``labels`` maps option ids to names, ``steps`` is the MACC."""
    on_curve = {step.name: step for step in steps}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(RESULT_COLUMNS)
    for result in results:
        step = on_curve.get(result.name)
        writer.writerow([
            guard(result.name),  # names and labels are the user's text: no formula may run
            guard(labels.get(result.name, "")),
            _vnd(result.annual_savings_vnd),
            _vnd(result.net_annual_benefit_vnd),
            _decimal(result.simple_payback_years),
            _decimal(result.discounted_payback_years),
            _vnd(result.npv_vnd),
            _decimal(result.irr),
            ";".join(_decimal(root) for root in result.irr_roots),
            _decimal(result.benefit_cost_ratio),
            _decimal(result.retscreen_benefit_cost_ratio),
            _vnd(result.annual_life_cycle_savings_vnd),
            _vnd(result.levelised_cost_vnd_per_mwh),
            _vnd(result.abatement_cost_vnd_per_tco2e),
            _decimal(float(result.energy_saved.magnitude)),
            _decimal(float(result.water_saved.magnitude)),
            _decimal(float(result.waste_avoided.magnitude)),
            _decimal(float(result.ghg_avoided.magnitude)),
            "" if step is None else str(step.position),
            "" if step is None else _decimal(float(step.abatement.magnitude)),
            "" if step is None else _decimal(float(step.cumulative_abatement.magnitude)),
            "" if step is None else _vnd(step.cost_vnd_per_tco2e),
            "; ".join("{}: {}".format(figure, reason)
                      for figure, reason in result.reasons.items()),
        ])
    return out.getvalue()


def _vnd(value: float | None) -> str:
    if value is None:
        return ""
    text = "{:.0f}".format(value)
    return "0" if text == "-0" else text


def _decimal(value: float | None) -> str:
    if value is None:
        return ""
    text = "{:.6f}".format(value)
    return "0.000000" if text == "-0.000000" else text
