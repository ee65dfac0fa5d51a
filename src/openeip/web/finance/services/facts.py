"""The facts of a finance project that the eligibility rules test, and where each came from.

* money (investment, loan in VND and USD at the dated rate, loan share and term) — the project;
* Vietnamese ownership — 100 % for a state-owned or domestic private company (the registry's
  ownership code); otherwise it must be stated;
* improvement shares — ex-ante from the RECP options' evaluated savings against their flows'
  baselines and the company's GHG inventory of the baseline year; ex-post (once an option is
  verified) from the measured change (:mod:`openeip.core.finance.lines.improvement`);
* everything else (SME, licence, taxonomy confirmation …) — stated on the project, with its
  evidence; a stated value wins over a derived one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openeip.core.finance.lines import SavedFlow, fact_catalogue, improvements, money_facts
from openeip.web.finance.models import FinanceProject
from openeip.web.finance.services.lines import usd_rate

__all__ = ["DOMESTIC_OWNERSHIP", "ex_ante", "ex_post", "project_facts"]

#: registry ownership codes of a wholly Vietnamese-owned company
DOMESTIC_OWNERSHIP = ("state", "private_domestic")
_KIND = {"material": "materials", "energy": "energy", "water": "water", "waste": "waste",
         "wastewater": "wastewater"}


def _company_ghg(project: FinanceProject, year: int | None, gwp: str) -> float | None:
    if year is None:
        return None
    from openeip.web.recp.services.company import refresh_snapshot

    snapshot = refresh_snapshot(project.company, gwp)
    totals = (snapshot.payload.get("ghg") or {}).get("by_year", {}).get(str(year))
    return float(totals["total_tco2e"]) if totals else None


def linked_options(project: FinanceProject, options: Sequence[Any] | None = None) -> list[Any]:
    """The RECP options of the project (given ones for an unsaved project)."""
    if options is not None:
        return list(options)
    return list(project.options.select_related("assessment")) if project.pk else []


def ex_ante(project: FinanceProject, options: Sequence[Any] | None = None
            ) -> tuple[dict[str, float | None], float]:
    """Improvement shares from the options' evaluated results, and the GHG they avoid a year."""
    saved: list[SavedFlow] = []
    ghg = 0.0
    year, gwp = None, "AR5"
    for option in linked_options(project, options):
        results = option.results or {}
        for line in results.get("savings", []):
            kind = _KIND.get(line.get("kind", ""))
            if kind:
                saved.append(SavedFlow(kind, line.get("description", ""),
                                       float(line.get("quantity") or 0), line.get("baseline")))
        ghg += float((results.get("effects") or {}).get("ghg_tco2e") or 0)
        year = year or results.get("baseline_year")
        gwp = results.get("gwp_set") or gwp
    return improvements(saved, ghg, _company_ghg(project, year, gwp)), ghg


def ex_post(project: FinanceProject, options: Sequence[Any] | None = None
            ) -> dict[str, float | None] | None:
    """Improvement shares measured on the verified options; None before any is measured."""
    saved: list[SavedFlow] = []
    change = before = 0.0
    measured = False
    for option in linked_options(project, options):
        m = option.measured_change or {}
        if not m.get("lines"):
            continue
        measured = True
        for line in m["lines"]:
            kind = _KIND.get(line.get("kind", ""))
            if kind and line.get("change") is not None:
                saved.append(SavedFlow(kind, line.get("description", ""), float(line["change"]),
                                       line.get("before")))
        gas = m.get("ghg_tco2e") or {}
        if gas.get("before"):
            change += float(gas.get("change") or 0)
            before = max(before, float(gas["before"]))  # one company: the same inventory
    if not measured:
        return None
    return improvements(saved, change, before or None)


def project_facts(project: FinanceProject, options: Sequence[Any] | None = None
                  ) -> tuple[dict[str, Any], dict[str, str]]:
    """The facts and, for each, its origin: 'project', 'registry', 'recp', 'measured',
    'stated'."""
    facts: dict[str, Any] = {}
    origin: dict[str, str] = {}
    rate = usd_rate()
    money = money_facts(float(project.investment_vnd or 0), float(project.loan_share or 0),
                        project.loan_years, rate)
    if getattr(project, "_option_list", None) is not None:
        # an RECP option standing in for a project has no financing plan yet: the loan is
        # unknown, not zero
        money = {k: v for k, v in money.items() if not k.startswith("loan")}
    for key, value in money.items():
        facts[key], origin[key] = value, "project"
    if project.company.ownership in DOMESTIC_OWNERSHIP:
        facts["vietnamese_ownership_share"] = 1.0
        origin["vietnamese_ownership_share"] = "registry"
    measured = ex_post(project, options)
    shares = measured if measured is not None else ex_ante(project, options)[0]
    for key, value in shares.items():
        if value is not None:
            facts[key], origin[key] = value, "measured" if measured is not None else "recp"
    catalogue = fact_catalogue()
    for key, stated in (project.facts or {}).items():
        value = stated.get("value") if isinstance(stated, dict) else stated
        if key in catalogue and value is not None and value != "":
            facts[key], origin[key] = value, "stated"
    return facts, origin
