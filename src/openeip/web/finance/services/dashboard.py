"""A park's green-finance dashboard: money mobilised (VND and USD at a dated rate), GHG avoided
and projects by stage. "Mobilised" counts the investment of projects whose loan is disbursed
(disbursed, installed, verified, refund paid, closed); GHG avoided counts the ex-ante estimate
of projects installed or later."""

from __future__ import annotations

from typing import Any

from openeip.web.finance.models import FinanceProject, Stage
from openeip.web.finance.services.lines import usd_rate
from openeip.web.registry.models import Park

__all__ = ["INSTALLED_OR_LATER", "MOBILISED", "park_summary"]

MOBILISED = (Stage.DISBURSED, Stage.INSTALLED, Stage.VERIFIED, Stage.REFUND_PAID, Stage.CLOSED)
INSTALLED_OR_LATER = (Stage.INSTALLED, Stage.VERIFIED, Stage.REFUND_PAID, Stage.CLOSED)


def park_summary(park: Park) -> dict[str, Any]:
    projects = list(FinanceProject.objects.filter(company__park=park))
    rate = usd_rate()
    mobilised = sum(float(p.investment_vnd) for p in projects if p.stage in MOBILISED)
    loans = sum(float(p.investment_vnd * p.loan_share) for p in projects if p.stage in MOBILISED)
    grants = sum(float(p.grant_vnd) for p in projects if p.stage in MOBILISED)
    refunds = sum(float(p.refund_vnd or 0) for p in projects
                  if p.stage in (Stage.REFUND_PAID, Stage.CLOSED))
    ghg = sum(p.ghg_avoided_tco2e or 0.0 for p in projects if p.stage in INSTALLED_OR_LATER)
    by_stage = dict.fromkeys(Stage.values, 0)
    for project in projects:
        by_stage[project.stage] += 1
    return {
        "park": park.slug, "projects": len(projects),
        "mobilised_vnd": mobilised, "mobilised_usd": rate.to_usd(mobilised),
        "loans_vnd": loans, "grants_vnd": grants, "refunds_vnd": refunds,
        "usd_rate": {"day": rate.day.isoformat(), "vnd_per_usd": rate.vnd_per_usd,
                     "source": rate.source},
        "ghg_avoided_tco2e": ghg,
        "by_stage": [{"stage": stage, "label": str(Stage(stage).label), "count": count}
                     for stage, count in by_stage.items()],
    }
