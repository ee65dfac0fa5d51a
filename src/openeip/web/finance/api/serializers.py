"""Serializers of the finance API; figures come from core, worded in the request's language."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from openeip.core.i18n import render
from openeip.web.finance.models import FinanceProject


class ProjectSerializer(serializers.ModelSerializer):
    company_code = serializers.CharField(source="company.code", read_only=True)
    park = serializers.CharField(source="company.park.slug", read_only=True)

    class Meta:
        model = FinanceProject
        fields = ["id", "company", "company_code", "park", "title", "technology", "line_id",
                  "stage", "stage_changed_at", "appraisal_deadline", "investment_vnd",
                  "annual_savings_vnd", "om_vnd_per_yr", "lifetime_years", "depreciation_years",
                  "discount_rate", "loan_share", "loan_rate", "loan_years", "grace_years",
                  "repayment", "tax_rate", "inflation", "guarantee_share", "guarantee_fee_rate",
                  "grant_vnd", "ghg_avoided_tco2e", "verified_improvement", "refund_tier",
                  "refund_vnd", "options", "exchanges"]
        read_only_fields = fields


class TransitionSerializer(serializers.Serializer):
    stage = serializers.CharField()


class FinanceUsdRateSerializer(serializers.Serializer):
    day = serializers.DateField(read_only=True)
    vnd_per_usd = serializers.FloatField(read_only=True)
    source = serializers.CharField(read_only=True)  # type: ignore[assignment]


class FinanceStageCountSerializer(serializers.Serializer):
    stage = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]
    count = serializers.IntegerField(read_only=True)


class FinanceParkSummarySerializer(serializers.Serializer):
    """What ``park_summary`` gives: finance mobilised, loans, grants, refunds, GHG avoided."""

    park = serializers.CharField(read_only=True)
    projects = serializers.IntegerField(read_only=True)
    mobilised_vnd = serializers.FloatField(read_only=True)
    mobilised_usd = serializers.FloatField(read_only=True)
    loans_vnd = serializers.FloatField(read_only=True)
    grants_vnd = serializers.FloatField(read_only=True)
    refunds_vnd = serializers.FloatField(read_only=True)
    usd_rate = FinanceUsdRateSerializer(read_only=True)
    ghg_avoided_tco2e = serializers.FloatField(read_only=True)
    by_stage = FinanceStageCountSerializer(many=True, read_only=True)


def result_json(result: Any) -> dict[str, Any]:
    return {
        "project_npv_vnd": result.project_npv_vnd, "project_irr": result.project_irr,
        "equity_npv_vnd": result.equity_npv_vnd, "equity_irr": result.equity_irr,
        "min_dscr": result.min_dscr, "avg_dscr": result.avg_dscr, "llcr": result.llcr,
        "payback_years": result.payback_years, "loan_vnd": result.loan_vnd,
        "equity_vnd": result.equity_vnd, "guarantee_fee_vnd": result.guarantee_fee_vnd,
        "reasons": {key: render(value) for key, value in result.reasons.items()},
        "years": [{"year": y.year, "savings_vnd": y.savings_vnd, "om_vnd": y.om_vnd,
                   "ebitda_vnd": y.ebitda_vnd, "depreciation_vnd": y.depreciation_vnd,
                   "interest_vnd": y.interest_vnd, "principal_vnd": y.principal_vnd,
                   "balance_vnd": y.balance_vnd, "tax_project_vnd": y.tax_project_vnd,
                   "tax_equity_vnd": y.tax_equity_vnd, "refund_vnd": y.refund_vnd,
                   "project_cash_flow_vnd": y.project_cash_flow_vnd,
                   "equity_cash_flow_vnd": y.equity_cash_flow_vnd, "dscr": y.dscr}
                  for y in result.years],
    }


def check_json(check: Any) -> dict[str, Any]:
    return {"line": check.line.id, "outcome": check.outcome.value,
            "missing": list(check.missing),
            "rules": [{"rule": c.rule.id, "outcome": c.outcome.value, "reason": render(c.reason),
                       "missing": list(c.missing), "source": c.rule.source,
                       "verification": c.rule.verification.value} for c in check.rules]}


def line_json(line: Any, language: str) -> dict[str, Any]:
    from openeip.core.finance.lines import line_to_data

    data = line_to_data(line)
    data["title"] = line.title(language)
    data["lender"] = line.lender(language)
    return data
