"""A finance project of A1 (tests/conftest.py's world) with a linked RECP option whose results
and measured change are set by hand, so every share can be checked: the option saves 300 of the
1,000 kWh of grid electricity a year (30 %) and, measured, 520 of 1,000 (52 %)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from openeip.web.finance.models import DossierShare, FinanceProject
from openeip.web.finance.services.projects import save_project
from openeip.web.recp.models import Assessment, AssessmentOption

RESULTS = {
    "baseline_year": 2024, "gwp_set": "AR5",
    "savings": [{"description": "Grid electricity", "kind": "energy", "direction": "input",
                 "quantity": 300.0, "unit": "kWh", "baseline": 1000.0, "value_vnd": 600000.0}],
    "effects": {"ghg_tco2e": 0.2},
    "figures": {"annual_savings_vnd": 600000.0},
}
MEASURED = {"before": "2024", "after": "2025",
            "lines": [{"description": "Grid electricity", "kind": "energy", "direction": "input",
                       "unit": "kWh", "before": 1000.0, "after": 480.0, "change": 520.0}],
            "ghg_tco2e": {"before": 2.0, "after": 1.5, "change": 0.5}}


def a1_option(world: SimpleNamespace, measured: bool = False) -> AssessmentOption:
    assessment, _created = Assessment.objects.get_or_create(company=world.a1, title="A1 scan")
    option = AssessmentOption.objects.create(
        assessment=assessment, title_en="VSD on the air compressor", category="equipment",
        investment_vnd=2_000_000, lifetime_years=8, discount_rate="0.10", results=RESULTS,
        measured_change=MEASURED if measured else {})
    return option


def a1_project(world: SimpleNamespace, *, line: str = "gctf", shared: bool = True,
               measured: bool = False, facts: dict[str, Any] | None = None) -> FinanceProject:
    project = FinanceProject(
        company=world.a1, title="A1 compressor", line_id=line, investment_vnd=1_000_000_000,
        annual_savings_vnd=300_000_000, lifetime_years=8, discount_rate="0.10",
        loan_share="0.6", loan_rate="0.09", loan_years=5, grace_years=1, tax_rate="0.2",
        facts=facts or {})
    save_project(project, world.users["company_user"], [a1_option(world, measured)], [])
    if shared:
        DossierShare.objects.create(project=project, institution=world.lender)
    return project
